"""The staff spreadsheet round trip: download the quarter pre-filled, fill it
offline, upload it back — same validation as the form, a preview, all or nothing.

Layout: sheet ``Realisasi`` with one row per indicator the user may report; the ``ID`` column
is the key (indicator id), the columns after ``Realisasi`` up to ``Sumber data`` are read back,
every other column is information and ignored. Sheet ``Info`` says which office, year and
quarter the file belongs to, so a file of another quarter is refused instead of misfiled.
Numbers are written as real numbers; text typed the Indonesian way (``1.250``, ``89,7``) is
read by ``parse_angka``.

Cells are data both ways (``sakip.xlsx``): text is written as text (a faktor penghambat
``=1+1`` or ``+62 811`` reaches the perencana's download as typed, never as a live formula) and
read back unchanged; an uploaded formula, error value, TRUE/FALSE or date where a number is
expected is an error naming the row and column ("isi nilai, bukan rumus"), never a blank that
would erase the stored value. The file itself is opened by ``buka_xlsx`` (size, zip bomb,
entities, broken XML: one message, never a traceback).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.realisasi.selectors import baris_realisasi, boleh_isi, boleh_lihat, indikator_pd
from kinerja.realisasi.services import LABEL_FIELD, Entri, GalatEntri, HasilMassal, realisasi_save
from renstra.models import Indikator, JenisNilai
from renstra.selectors import renstra_aktif
from sakip.lib.angka import angka_input, parse_nilai_predikat, sel_nilai_predikat
from sakip.lib.periode import romawi
from sakip.xlsx import (
    BerkasTidakValid,
    SelTidakValid,
    angka,
    baris_sel,
    buka_xlsx,
    mentah,
    sel,
    teks,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "Realisasi"
SHEET_INFO = "Info"
KOLOM_INFO = ["ID", "Indikator", "Satuan", "Jenis nilai", "Target TW", "Target tahunan",
              "Realisasi s/d TW sebelumnya", "Status"]
# Read back, in this order, mapped to Realisasi fields.
KOLOM_ISI = {
    "Realisasi": "nilai",
    "Predikat": "nilai_teks",
    "Pembilang": "pembilang",
    "Penyebut": "penyebut",
    "Catatan": "catatan",
    "Faktor pendukung": "faktor_pendukung",
    "Faktor penghambat": "faktor_penghambat",
    "Upaya": "upaya",
    "Sumber data": "sumber_data",
}
KOLOM = [*KOLOM_INFO[:-1], *KOLOM_ISI, "Status"]
_ANGKA = {"nilai", "pembilang", "penyebut"}
JENIS_LABEL = {
    JenisNilai.ANGKA: "angka",
    JenisNilai.RASIO: "pembilang/penyebut",
    JenisNilai.PREDIKAT: "predikat",
    JenisNilai.ANGKA_PREDIKAT: "angka + predikat",
}


def _num(v):
    if v is None:
        return None
    return int(v) if v == v.to_integral_value() else v


def buat_workbook(a, pd, tahun: int, tw: int, *, bidang_id: int | None = None):
    """The quarter's workbook for the user behind ``a`` (only indicators they may report)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    _renstra, rows = baris_realisasi(a, pd, tahun, tw, bidang_id=bidang_id,
                                     dengan_riwayat=False)
    rows = [r for r in rows if r.bisa_isi]
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(KOLOM)
    bold = Font(bold=True)
    isi = PatternFill("solid", fgColor="FFF7D6")
    for cell in ws[1]:
        cell.font = bold
    for r in rows:
        ind = r.indikator
        real = r.realisasi
        n = r.nilai
        sebelumnya = "; ".join(
            f"TW {romawi(i)}: {tulis_nilai(v, t) if (v is not None or t) else '-'}"
            for i, v, t, _s in r.tw_sebelumnya
        )
        _tambah(ws, [
            ind.pk, ind.uraian, ind.satuan, JENIS_LABEL.get(ind.jenis_nilai, ""),
            _num(r.target_tw), _num(n.target) if n.target is not None else (n.target_teks or None),
            sebelumnya or None,
            _num(real.nilai) if real and real.nilai is not None and real.pembilang is None
            else None,
            (real.nilai_teks or None) if real else None,
            _num(real.pembilang) if real and real.pembilang is not None else None,
            _num(real.penyebut) if real and real.penyebut is not None else None,
            *[(getattr(real, f) or None) if real else None
              for f in ("catatan", "faktor_pendukung", "faktor_penghambat", "upaya",
                        "sumber_data")],
            real.get_status_display() if real else "belum diisi",
        ])
    # One conditional-format rule colours the columns to fill: a fill per cell costs seconds on
    # a 10,000-row file (openpyxl hashes every style object).
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.utils import get_column_letter

    awal = get_column_letter(KOLOM.index("Realisasi") + 1)
    akhir = get_column_letter(KOLOM.index("Sumber data") + 1)
    ws.conditional_formatting.add(f"{awal}2:{akhir}{max(2, len(rows) + 1)}",
                                  FormulaRule(formula=["TRUE"], fill=isi))
    lebar = [8, 60, 12, 16, 12, 14, 30, 14, 10, 12, 12, 30, 30, 30, 30, 20, 16]
    for i, w in enumerate(lebar, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = w
    ws.freeze_panes = "C2"
    info = wb.create_sheet(SHEET_INFO)
    for k, v in (("Perangkat daerah", pd.slug), ("Nama", pd.nama), ("Tahun", tahun),
                 ("Triwulan", tw), ("Bidang", bidang_id or "")):
        _tambah(info, [k, v])
    info.append([])
    info.append(["Petunjuk", "Isi kolom berlatar kuning pada sheet Realisasi, lalu unggah "
                             "kembali berkas ini. Kolom lain hanya informasi."])
    return wb


def _tambah(ws, values) -> None:
    """One row; text stays text (a value typed as ``=1+1`` is never a formula here)."""
    ws.append([sel(ws, v) for v in values])


def tulis_nilai(nilai, teks: str = ""):
    v = sel_nilai_predikat(nilai, teks)
    return v if isinstance(v, str) else _fmt(v)


def _fmt(v) -> str:
    return angka_input(v)


def workbook_bytes(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- upload ------------------------------------------------------------------------------------

@dataclass
class HasilUnggah:
    tahun: int | None = None
    triwulan: int | None = None
    galat: list[str] = field(default_factory=list)
    hasil: HasilMassal | None = None
    entri: list[Entri] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.galat and (self.hasil is None or self.hasil.ok)

    def semua_galat(self) -> list[str]:
        out = list(self.galat)
        if self.hasil:
            out.extend(pesan_galat(g) for g in self.hasil.galat)
        return out


def pesan_galat(g: GalatEntri) -> str:
    if g.entri is None:
        return g.pesan
    kolom = g.entri.kolom
    if g.field:
        kolom = next((k for k, f in KOLOM_ISI.items() if f == g.field), g.field)
    tempat = f"sheet {SHEET}, baris {g.entri.baris}" if g.entri.baris else ""
    if kolom:
        tempat += f", kolom {kolom}"
    label = LABEL_FIELD.get(g.field, "")
    return f"{tempat}: {g.pesan}" + (f" ({label})" if label and label not in g.pesan else "")


def baca_dan_terapkan(berkas, *, a, pd, user, simpan: bool) -> HasilUnggah:
    """Read an uploaded staff workbook and validate (``simpan=False``) or write it.

    Access is checked on every row: an ID the user may not report is a galat, not a skip.
    """
    out, entri = baca(berkas, a=a, pd=pd)
    if out.galat:
        return out
    out.hasil = _terapkan(out, entri, a=a, pd=pd, user=user, simpan=simpan)
    out.entri = entri
    return out


def _terapkan(out: HasilUnggah, entri: list[Entri], *, a, pd, user, simpan: bool) -> HasilMassal:
    perencana = a.has(pd, "perencana", "admin")
    return realisasi_save(
        pd=pd, tahun=out.tahun, entri=entri, user=user, simpan=simpan, wajib_rasio=True,
        kunci_diajukan=not perencana,
    )


def entri_json(out: HasilUnggah) -> bytes:
    """The validated rows, kept between the preview and the confirmation (no second parse)."""
    data = {"tahun": out.tahun, "triwulan": out.triwulan, "entri": [
        {"i": e.indikator.pk, "b": e.baris,
         "d": {k: (str(v) if isinstance(v, Decimal) else v) for k, v in e.data.items()}}
        for e in out.entri]}
    return json.dumps(data, ensure_ascii=False).encode()


def terapkan_json(isi: bytes, *, a, pd, user) -> HasilUnggah:
    """Write the rows kept at preview time; access and every rule are checked again (the data
    or the user's rights may have changed since the preview)."""
    data = json.loads(isi)
    out = HasilUnggah(tahun=data["tahun"], triwulan=data["triwulan"])
    semua = {ib.indikator.pk: ib
             for ib in indikator_pd(pd, renstra_aktif(pd, out.tahun), out.tahun)}
    entri = []
    for e in data["entri"]:
        ib = semua.get(e["i"])
        if ib is None or not boleh_lihat(a, pd, ib) or not boleh_isi(a, pd, ib):
            out.galat.append(f"sheet {SHEET}, baris {e['b']}, kolom ID: indikator {e['i']} "
                             "bukan indikator yang boleh Anda isi pada periode ini.")
            continue
        d = {k: (Decimal(v) if k in _ANGKA and v is not None else v) for k, v in e["d"].items()}
        entri.append(Entri(ib.indikator, out.triwulan, d, baris=e["b"]))
    if not out.galat:
        out.hasil = _terapkan(out, entri, a=a, pd=pd, user=user, simpan=True)
    return out


def baca(berkas, *, a, pd) -> tuple[HasilUnggah, list[Entri]]:
    """Parse the workbook into entries the user may write (galat for everything else)."""
    out = HasilUnggah()
    try:
        mentah_baris = _baca_berkas(berkas, pd, out)
    except BerkasTidakValid as e:
        out.galat.append(str(e))
        return out, []
    if out.galat or mentah_baris is None:
        return out, []
    idx, rows = mentah_baris
    # One read of the office's indicators, then access per row from the page's own rules.
    semua = {ib.indikator.pk: ib
             for ib in indikator_pd(pd, renstra_aktif(pd, out.tahun), out.tahun)}
    kolom_ada = {k: idx[k.lower()] for k in KOLOM_ISI if k.lower() in idx}
    entri: list[Entri] = []
    for nomor, values in rows:
        raw = values[idx["id"]] if idx["id"] < len(values) else None
        ind_id = _nomor_id(raw)
        if ind_id is None:
            out.galat.append(f"sheet {SHEET}, baris {nomor}, kolom ID: '{_kutip(raw)}' bukan "
                             "nomor indikator dari templat.")
            continue
        ib = semua.get(ind_id)
        if ib is None or not boleh_lihat(a, pd, ib) or not boleh_isi(a, pd, ib):
            out.galat.append(f"sheet {SHEET}, baris {nomor}, kolom ID: indikator {ind_id} "
                             "bukan indikator yang boleh Anda isi pada periode ini.")
            continue
        data, ok = _baca_baris(values, kolom_ada, ib.indikator, nomor, out)
        if ok:
            entri.append(Entri(ib.indikator, out.triwulan, data, baris=nomor))
    return out, entri


def _baca_berkas(berkas, pd, out: HasilUnggah):
    """Open the file, check its Info sheet, return (header index, raw rows) of the Realisasi
    sheet; None with a galat when the file is not this office's template."""
    wb = buka_xlsx(berkas, nama="Berkas")
    try:
        if SHEET not in wb.sheetnames or SHEET_INFO not in wb.sheetnames:
            out.galat.append(f"Berkas tidak memuat sheet '{SHEET}' dan '{SHEET_INFO}'; unduh "
                             "templat dari halaman realisasi.")
            return None
        if not _baca_info(wb[SHEET_INFO], pd, out):
            return None
        rows_iter = (tuple(mentah(c) for c in r) for r in baris_sel(wb[SHEET], nama="Berkas"))
        header = [" ".join(_kutip(h).split()).lower() for h in next(rows_iter, ())]
        idx: dict[str, int] = {}
        for i, h in enumerate(header):
            if h:
                idx.setdefault(h, i)
        if "id" not in idx:
            out.galat.append(f"Sheet {SHEET}, baris 1: kolom 'ID' tidak ada.")
            return None
        rows = [(nomor, values) for nomor, values in enumerate(rows_iter, start=2)
                if values and not all(v is None or (isinstance(v, str) and not v.strip())
                                      for v in values)]
    finally:
        wb.close()
    return idx, rows


def _kutip(v) -> str:
    """A cell as text for a message or a header (a formula shows as its text)."""
    if v is None:
        return ""
    return str(v)[:60]


def _nomor_id(raw) -> int | None:
    """The indicator id of a row: a whole number as the template wrote it (``12``); TRUE,
    ``12,5``, a date or a formula is no id (``int(True)`` would silently be indicator 1)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw if 0 < raw < 2**63 else None
    if isinstance(raw, float) and raw.is_integer() and 0 < raw < 2**53:
        return int(raw)
    if isinstance(raw, str) and raw.strip().isdigit() and len(raw.strip()) <= 18:
        return int(raw.strip())
    return None


def _bilangan_info(info: dict, kunci: str, bawah: int, atas: int) -> int | None:
    v = info.get(kunci)
    nilai = _nomor_id(v)
    return nilai if nilai is not None and bawah <= nilai <= atas else None


def _baca_info(ws, pd, out: HasilUnggah) -> bool:
    """Office, year and quarter of the file (sheet Info), or a galat."""
    info: dict[str, object] = {}
    for r in baris_sel(ws, nama="Berkas"):
        nilai = [mentah(c) for c in r]
        if len(nilai) > 1 and isinstance(nilai[0], str) and nilai[0].strip():
            info.setdefault(nilai[0].strip(), nilai[1])
    tahun = _bilangan_info(info, "Tahun", 2000, 2100)
    tw = _bilangan_info(info, "Triwulan", 1, 4)
    if tahun is None or tw is None:
        out.galat.append(f"Sheet {SHEET_INFO}: Tahun (mis. 2025) dan Triwulan (1 sampai 4) "
                         "tidak terbaca; isi angka, bukan rumus.")
        return False
    slug = info.get("Perangkat daerah")
    if slug != pd.slug:
        out.galat.append(f"Sheet {SHEET_INFO}: berkas ini untuk perangkat daerah "
                         f"'{_kutip(slug)}', bukan {pd.slug}.")
        return False
    out.tahun, out.triwulan = tahun, tw
    return True


def _baca_baris(values, kolom_ada, ind: Indikator, nomor: int, out: HasilUnggah):
    data = {}
    ok = True
    for judul, i in kolom_ada.items():
        name = KOLOM_ISI[judul]
        value = values[i] if i < len(values) else None
        try:
            _baca_sel(data, name, value, ind)
        except (SelTidakValid, ValueError) as e:
            pesan = e.pesan if isinstance(e, SelTidakValid) else str(e)
            out.galat.append(f"sheet {SHEET}, baris {nomor}, kolom {judul}: {pesan}")
            ok = False
    # The staff file carries the full state of a row: a blank Pembilang/Penyebut pair of a
    # ratio indicator clears it, so a typed Realisasi alone is caught by the rasio rule.
    if ind.jenis_nilai == JenisNilai.RASIO and data.get("pembilang") is not None:
        data.pop("nilai", None)
    elif ind.jenis_nilai != JenisNilai.RASIO:
        data.pop("pembilang", None)
        data.pop("penyebut", None)
    if ind.jenis_nilai in (JenisNilai.ANGKA, JenisNilai.RASIO):
        data.pop("nilai_teks", None)
    return data, ok


def _baca_sel(data: dict, name: str, value, ind: Indikator) -> None:
    """One cell of a row into ``data``; SelTidakValid/ValueError for what cannot be read."""
    if name == "nilai" and isinstance(value, str) and (
        ind.jenis_nilai == JenisNilai.ANGKA_PREDIKAT
    ):
        # "77,26 (BB)" typed in one cell keeps both parts (domain.md §2.3).
        nilai, predikat = parse_nilai_predikat(value)
        if predikat and not data.get("nilai_teks"):
            data["nilai_teks"] = predikat
        data[name] = nilai
    elif name in _ANGKA:
        data[name] = angka(value)
    elif name == "nilai_teks":
        data[name] = " ".join(teks(value).upper().split()) or data.get(name, "")
    else:
        data[name] = teks(value).strip()
