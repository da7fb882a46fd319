"""LKE template files: the worksheet structure as an xlsx a reviewer can read (domain.md §4.1).

Layout (headers in row 1 of every sheet; ``scripts/buat_template_lke.py`` writes the shipped
ones):

* ``Template``: ``Nama`` · ``Keterangan`` (row 2).
* ``Komponen``: ``Kode`` · ``Induk`` · ``Nama`` · ``Bobot``. A row without Induk is a komponen,
  a row whose Induk names a komponen is one of its sub komponen. Sub komponen weights add up
  to their komponen, komponen weights to 100.
* ``Kriteria``: ``Kode`` · ``Sub Komponen`` · ``Uraian`` · ``Tipe`` (``Y/T``, ``A-E`` or
  ``Kustom``) · ``Pilihan`` (Kustom only: ``A=1; B=0,66; C=0,33; D=0``) · ``Penjelasan`` ·
  ``Bukti Diharapkan`` · ``Saran`` (a key of lke.saran_kunci, or blank).
* ``Kerangka Logis``: ``Kriteria`` · ``Acuan Kriteria`` · ``Acuan Sub Komponen`` · ``Pesan``:
  the criterion's value may not exceed the referenced criterion's value, or the mean of the
  referenced sub komponen (domain.md §4.2); exactly one of the two references.

Every cell goes through ``sakip.xlsx``; errors name the sheet, row and column in Indonesian and
are all reported at once. The template's identity (``sha256``) is the hash of the structure read,
not of the file bytes, so saving the same workbook again in another program changes nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from lke.models import KerangkaLogis, Komponen, Kriteria, SubKomponen, TipeJawaban
from lke.saran_kunci import SARAN
from sakip.lib.angka import parse_angka
from sakip.xlsx import (
    BerkasTidakValid,
    SelTidakValid,
    angka,
    baris,
    baris_sel,
    buka_xlsx,
    mentah,
    teks,
)

KOLOM = {
    "Template": ["Nama", "Keterangan"],
    "Komponen": ["Kode", "Induk", "Nama", "Bobot"],
    "Kriteria": ["Kode", "Sub Komponen", "Uraian", "Tipe", "Pilihan", "Penjelasan",
                 "Bukti Diharapkan", "Saran"],
    "Kerangka Logis": ["Kriteria", "Acuan Kriteria", "Acuan Sub Komponen", "Pesan"],
}
TIPE_TEKS = {"Y/T": TipeJawaban.YT, "A-E": TipeJawaban.AE, "A–E": TipeJawaban.AE,
             "KUSTOM": TipeJawaban.KUSTOM}
TEKS_TIPE = {TipeJawaban.YT: "Y/T", TipeJawaban.AE: "A-E", TipeJawaban.KUSTOM: "Kustom"}
SERATUS = Decimal(100)


@dataclass
class KriteriaData:
    kode: str
    sub: str
    uraian: str
    tipe: str
    pilihan: list[dict]
    penjelasan: str
    bukti: str
    saran: str


@dataclass
class TemplateData:
    nama: str
    keterangan: str = ""
    komponen: list[dict] = field(default_factory=list)  # kode, nama, bobot (str)
    sub: list[dict] = field(default_factory=list)  # kode, induk, nama, bobot (str)
    kriteria: list[KriteriaData] = field(default_factory=list)
    kerangka: list[dict] = field(default_factory=list)  # kriteria, acuan_kriteria, acuan_sub, pesan
    sha256: str = ""

    def hitung_sha(self) -> str:
        isi = asdict(self)
        isi.pop("sha256")
        return hashlib.sha256(json.dumps(isi, ensure_ascii=False, sort_keys=True)
                              .encode()).hexdigest()


class _Pembaca:
    """Reads one workbook, collecting every error with its sheet/row/column."""

    def __init__(self, wb):
        self.wb = wb
        self.galat: list[str] = []

    def baris(self, nama: str):
        """(row number, {header: raw value}) of the data rows of sheet ``nama``."""
        if nama not in self.wb.sheetnames:
            self.galat.append(f"Sheet '{nama}' tidak ada.")
            return
        ws = self.wb[nama]
        kepala = None
        for i, row in enumerate(baris_sel(ws, nama="Template LKE"), start=1):
            nilai = [mentah(c) for c in row]
            if kepala is None:
                kepala = [str(v).strip() if v is not None else "" for v in nilai]
                kurang = [k for k in KOLOM[nama] if k not in kepala]
                if kurang:
                    self.galat.append(f"Sheet {nama}: kolom {', '.join(kurang)} tidak ada di "
                                      "baris 1.")
                    return
                continue
            data = {k: (nilai[kepala.index(k)] if kepala.index(k) < len(nilai) else None)
                    for k in KOLOM[nama]}
            if all(v in (None, "") for v in data.values()):
                continue
            yield i, data

    def teks(self, nama: str, i: int, kolom: str, nilai, *, wajib: bool = False) -> str:
        try:
            hasil = teks(nilai).strip()
        except SelTidakValid as e:
            self.galat.append(f"Sheet {nama}, baris {i}, kolom {kolom}: {e.pesan}.")
            return ""
        if wajib and not hasil:
            self.galat.append(f"Sheet {nama}, baris {i}, kolom {kolom}: wajib diisi.")
        return hasil

    def angka(self, nama: str, i: int, kolom: str, nilai) -> Decimal | None:
        try:
            hasil = angka(nilai, desimal=4)
        except SelTidakValid as e:
            self.galat.append(f"Sheet {nama}, baris {i}, kolom {kolom}: {e.pesan}.")
            return None
        if hasil is None or hasil < 0:
            self.galat.append(f"Sheet {nama}, baris {i}, kolom {kolom}: isi angka 0 atau lebih.")
            return None
        return hasil

    def salah(self, nama: str, i: int, kolom: str, pesan: str) -> None:
        self.galat.append(f"Sheet {nama}, baris {i}, kolom {kolom}: {pesan}.")


def _baca_komponen(p: _Pembaca, data: TemplateData) -> None:
    for i, r in p.baris("Komponen"):
        kode = p.teks("Komponen", i, "Kode", r["Kode"], wajib=True)
        induk = p.teks("Komponen", i, "Induk", r["Induk"])
        nama = p.teks("Komponen", i, "Nama", r["Nama"], wajib=True)
        bobot = p.angka("Komponen", i, "Bobot", r["Bobot"])
        baris = {"kode": kode, "nama": nama, "bobot": str(bobot) if bobot is not None else None,
                 "baris": i}
        if induk:
            baris["induk"] = induk
            data.sub.append(baris)
        else:
            data.komponen.append(baris)
    _cek_bobot(p, data)


def _cek_bobot(p: _Pembaca, data: TemplateData) -> None:
    kode_k = [k["kode"] for k in data.komponen]
    for k in {x for x in kode_k if kode_k.count(x) > 1}:
        p.galat.append(f"Sheet Komponen: kode komponen {k} berulang.")
    kode_s = [s["kode"] for s in data.sub]
    for s in {x for x in kode_s if kode_s.count(x) > 1}:
        p.galat.append(f"Sheet Komponen: kode sub komponen {s} berulang.")
    if p.galat:
        return
    for s in data.sub:
        if s["induk"] not in kode_k:
            p.salah("Komponen", s["baris"], "Induk", f"komponen {s['induk']} tidak ada")
    for k in data.komponen:
        subs = [Decimal(s["bobot"]) for s in data.sub if s["induk"] == k["kode"]]
        if not subs:
            p.salah("Komponen", k["baris"], "Kode", f"komponen {k['kode']} tidak memiliki sub "
                    "komponen")
        elif sum(subs) != Decimal(k["bobot"]):
            p.salah("Komponen", k["baris"], "Bobot",
                    f"bobot {k['bobot']} tidak sama dengan jumlah bobot sub komponennya "
                    f"({sum(subs).normalize():f})")
    total = sum((Decimal(k["bobot"]) for k in data.komponen), Decimal(0))
    if data.komponen and total != SERATUS:
        p.galat.append(f"Sheet Komponen: jumlah bobot komponen {total.normalize():f}, "
                       "seharusnya 100.")


def _pilihan(p: _Pembaca, i: int, teks_pilihan: str) -> list[dict]:
    hasil = []
    for bagian in [b.strip() for b in teks_pilihan.split(";") if b.strip()]:
        jawab, _, nilai = bagian.partition("=")
        try:
            n = parse_angka(nilai.strip())
        except ValueError:
            n = None
        if not jawab.strip() or n is None or n < 0 or n > 1:
            p.salah("Kriteria", i, "Pilihan", f"'{bagian}' bukan pilihan yang sah (tulis "
                    "seperti A=1; B=0,66; nilai 0 sampai 1)")
            continue
        hasil.append({"jawaban": jawab.strip().upper(), "nilai": format(n.normalize(), "f")})
    if not hasil:
        p.salah("Kriteria", i, "Pilihan", "tipe Kustom memerlukan pilihan jawaban")
    return hasil


def _baca_kriteria(p: _Pembaca, data: TemplateData) -> None:
    kode_sub = {s["kode"] for s in data.sub}
    dilihat: set[str] = set()
    for i, r in p.baris("Kriteria"):
        t = {k: p.teks("Kriteria", i, k, r[k]) for k in KOLOM["Kriteria"]}
        for wajib in ("Kode", "Sub Komponen", "Uraian", "Tipe"):
            if not t[wajib]:
                p.salah("Kriteria", i, wajib, "wajib diisi")
        if t["Kode"] in dilihat:
            p.salah("Kriteria", i, "Kode", f"kode {t['Kode']} berulang")
        dilihat.add(t["Kode"])
        if t["Sub Komponen"] and t["Sub Komponen"] not in kode_sub:
            p.salah("Kriteria", i, "Sub Komponen", f"sub komponen {t['Sub Komponen']} tidak ada "
                    "di sheet Komponen")
        tipe = TIPE_TEKS.get(t["Tipe"].upper())
        if t["Tipe"] and tipe is None:
            p.salah("Kriteria", i, "Tipe", f"'{t['Tipe']}' tidak dikenal; isi Y/T, A-E atau "
                    "Kustom")
        pilihan = _pilihan(p, i, t["Pilihan"]) if tipe == TipeJawaban.KUSTOM else []
        if t["Saran"] and t["Saran"] not in SARAN:
            p.salah("Kriteria", i, "Saran", f"kunci saran '{t['Saran']}' tidak dikenal")
        data.kriteria.append(KriteriaData(t["Kode"], t["Sub Komponen"], t["Uraian"], tipe or "",
                                          pilihan, t["Penjelasan"], t["Bukti Diharapkan"],
                                          t["Saran"]))
    kosong = kode_sub - {k.sub for k in data.kriteria}
    for s in sorted(kosong):
        p.galat.append(f"Sheet Kriteria: sub komponen {s} tidak memiliki kriteria.")


def _baca_kerangka(p: _Pembaca, data: TemplateData) -> None:
    kode_k = {k.kode for k in data.kriteria}
    kode_sub = {s["kode"] for s in data.sub}
    nama = "Kerangka Logis"
    for i, r in p.baris(nama):
        t = {k: p.teks(nama, i, k, r[k]) for k in KOLOM[nama]}
        if t["Kriteria"] not in kode_k:
            p.salah(nama, i, "Kriteria", f"kriteria '{t['Kriteria']}' tidak ada")
        if bool(t["Acuan Kriteria"]) == bool(t["Acuan Sub Komponen"]):
            p.salah(nama, i, "Acuan Kriteria", "isi tepat satu: Acuan Kriteria atau Acuan Sub "
                    "Komponen")
        elif t["Acuan Kriteria"] and t["Acuan Kriteria"] not in kode_k:
            p.salah(nama, i, "Acuan Kriteria", f"kriteria '{t['Acuan Kriteria']}' tidak ada")
        elif t["Acuan Sub Komponen"] and t["Acuan Sub Komponen"] not in kode_sub:
            p.salah(nama, i, "Acuan Sub Komponen",
                    f"sub komponen '{t['Acuan Sub Komponen']}' tidak ada")
        if not t["Pesan"]:
            p.salah(nama, i, "Pesan", "wajib diisi")
        data.kerangka.append({"kriteria": t["Kriteria"], "acuan_kriteria": t["Acuan Kriteria"],
                              "acuan_sub": t["Acuan Sub Komponen"], "pesan": t["Pesan"]})


def baca_template(sumber) -> TemplateData:
    """Read a template file (path, bytes or file object); ValidationError listing every error."""
    try:
        wb = buka_xlsx(sumber, nama="Template LKE")
    except BerkasTidakValid as e:
        raise ValidationError(str(e)) from e
    try:
        p = _Pembaca(wb)
        info = next(iter(p.baris("Template")), None)
        data = TemplateData(nama="")
        if info is not None:
            data.nama = p.teks("Template", 2, "Nama", info[1]["Nama"], wajib=True)
            data.keterangan = p.teks("Template", 2, "Keterangan", info[1]["Keterangan"])
        elif not p.galat:
            p.galat.append("Sheet Template: baris 2 (nama template) kosong.")
        _baca_komponen(p, data)
        if not p.galat:
            _baca_kriteria(p, data)
        if not p.galat:
            _baca_kerangka(p, data)
    except BerkasTidakValid as e:
        raise ValidationError(str(e)) from e
    finally:
        wb.close()
    if p.galat:
        raise ValidationError(p.galat)
    for d in (*data.komponen, *data.sub):
        d.pop("baris", None)
    data.sha256 = data.hitung_sha()
    return data


def simpan_struktur(template, data: TemplateData) -> None:
    """Write the structure of ``data`` under ``template`` (called by lke.services.template_load
    inside its transaction)."""
    komponen = {}
    for i, k in enumerate(data.komponen):
        komponen[k["kode"]] = Komponen.objects.create(template=template, kode=k["kode"],
                                                      nama=k["nama"], bobot=Decimal(k["bobot"]),
                                                      urutan=i)
    sub = {}
    for i, s in enumerate(data.sub):
        sub[s["kode"]] = SubKomponen.objects.create(komponen=komponen[s["induk"]], kode=s["kode"],
                                                    nama=s["nama"], bobot=Decimal(s["bobot"]),
                                                    urutan=i)
    kriteria = Kriteria.objects.bulk_create([
        Kriteria(subkomponen=sub[k.sub], kode=k.kode, uraian=k.uraian, tipe=k.tipe,
                 pilihan=k.pilihan, penjelasan=k.penjelasan, bukti_diharapkan=k.bukti,
                 saran=k.saran, urutan=i)
        for i, k in enumerate(data.kriteria)])
    per_kode = {k.kode: k for k in kriteria}
    KerangkaLogis.objects.bulk_create([
        KerangkaLogis(
            kriteria=per_kode[r["kriteria"]],
            jenis=(KerangkaLogis.Jenis.KRITERIA if r["acuan_kriteria"]
                   else KerangkaLogis.Jenis.RATA_SUBKOMPONEN),
            acuan_kriteria=per_kode.get(r["acuan_kriteria"]) if r["acuan_kriteria"] else None,
            acuan_subkomponen=sub.get(r["acuan_sub"]) if r["acuan_sub"] else None,
            pesan=r["pesan"])
        for r in data.kerangka])


# --- writing ----------------------------------------------------------------------------------

LEBAR = {"Template": [40, 100], "Komponen": [10, 8, 50, 8],
         "Kriteria": [9, 12, 70, 7, 20, 50, 40, 28], "Kerangka Logis": [10, 14, 18, 70]}


def tulis_template(nama: str, keterangan: str, komponen, kriteria, kerangka) -> bytes:
    """A template workbook in the layout ``baca_template`` reads (``KOLOM``): the shipped
    fixtures (scripts/buat_template_lke.py), the bench and the tests all write it here."""
    wb = Workbook()
    wb.remove(wb.active)
    isi = {"Template": [[nama, keterangan]], "Komponen": list(komponen),
           "Kriteria": list(kriteria), "Kerangka Logis": list(kerangka)}
    for judul, rows in isi.items():
        ws = wb.create_sheet(judul)
        baris(ws, KOLOM[judul])
        for c in ws[1]:
            c.font = Font(bold=True)
        for r in rows:
            baris(ws, r)
        for i, lebar in enumerate(LEBAR[judul]):
            ws.column_dimensions[chr(65 + i)].width = lebar
        for row in ws.iter_rows(min_row=2):
            for c in row:
                c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
    # Fixed document properties: regenerating an unchanged template gives the same content.
    wb.properties.creator = "SAKIP"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
