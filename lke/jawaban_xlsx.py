"""The LKE answer sheet: written by ``lke --format xlsx``, read by ``import_lke`` (contract).

Sheet ``Jawaban``: ``Kode Kriteria`` · ``Jawaban Usulan`` · ``Jawaban Evaluasi`` · ``Catatan``
(headers in row 1). The written workbook adds a scored sheet ``LKE`` (the familiar worksheet:
komponen, sub komponen and criteria with bobot, answers and values of both sides); the reader
looks at ``Jawaban`` only, so the exported file reads back unchanged.

Reading rules (the same all-or-nothing rules as the other imports): every error is listed with
sheet, row and column and nothing is saved when there is one. A blank answer cell leaves that
side's answer as it is. ``Catatan`` is the note of the side the row answers: the evaluator's
when ``Jawaban Evaluasi`` is filled, else the office's. An answer sheet that breaks a kerangka
logis rule is accepted as data: the violations come back as warnings (they block closing, not
importing).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from lke.models import Evaluasi, Jawaban, Kriteria
from lke.selectors import PohonLke, evaluasi_get, evaluasi_tree, template_berlaku
from lke.services import evaluasi_create, jawaban_set, nilai_untuk
from sakip.lib.angka import bulatkan
from sakip.xlsx import BerkasTidakValid, SelTidakValid, baris, baris_sel, buka_xlsx, mentah, sel
from sakip.xlsx import teks as teks_sel

SHEET = "Jawaban"
KOLOM = ["Kode Kriteria", "Jawaban Usulan", "Jawaban Evaluasi", "Catatan"]


# --- writing ----------------------------------------------------------------------------------

def _catatan(j: Jawaban | None) -> str:
    if j is None:
        return ""
    return j.catatan_evaluasi if j.jawaban_evaluasi else j.catatan_usulan


def _angka(v):
    return float(v) if v is not None else None


def tulis_xlsx(pohon: PohonLke) -> bytes:
    """The evaluation as an xlsx: ``Jawaban`` (importable) + the scored ``LKE`` sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    tebal = Font(bold=True)
    baris(ws, [sel(ws, k, font=tebal) for k in KOLOM])
    for k in pohon.semua_kriteria():
        baris(ws, [k.kriteria.kode, k.jawaban_teks("usulan"), k.jawaban_teks("evaluasi"),
                   _catatan(k.jawaban)])
    for kolom, lebar in zip("ABCD", (14, 16, 18, 60), strict=True):
        ws.column_dimensions[kolom].width = lebar
    _lembar_lke(wb.create_sheet("LKE"), pohon)
    keluar = io.BytesIO()
    wb.save(keluar)
    return keluar.getvalue()


def _lembar_lke(ws, pohon: PohonLke) -> None:
    ev = pohon.evaluasi
    tebal, abu = Font(bold=True), PatternFill("solid", fgColor="E7ECF3")
    fmt = "0.00"
    baris(ws, [sel(ws, f"LKE {ev.perangkat_daerah.nama} tahun {ev.tahun} "
                       f"(template {pohon.template.versi} revisi {pohon.template.revisi})",
                   font=tebal)])
    kepala = ["Kode", "Uraian", "Bobot", "Jawaban Usulan", "Nilai Usulan", "Jawaban Evaluasi",
              "Nilai Evaluasi", "Kerangka Logis"]
    baris(ws, [sel(ws, k, font=tebal, fill=abu) for k in kepala])

    def angka(v, **kw):
        return sel(ws, _angka(v), number_format=fmt, **kw)

    for kp in pohon.komponen:
        baris(ws, [sel(ws, kp.komponen.kode, font=tebal), sel(ws, kp.komponen.nama, font=tebal),
                   angka(kp.komponen.bobot), "", angka(kp.nilai_usulan, font=tebal), "",
                   angka(kp.nilai_evaluasi, font=tebal), ""])
        for sp in kp.subkomponen:
            baris(ws, [sp.subkomponen.kode, sp.subkomponen.nama, angka(sp.subkomponen.bobot), "",
                       angka(sp.nilai_usulan), "", angka(sp.nilai_evaluasi), ""])
            for k in sp.kriteria:
                salah = "; ".join(p.teks for p in (*k.pelanggaran_usulan,
                                                    *k.pelanggaran_evaluasi))
                baris(ws, [k.kriteria.kode, k.kriteria.uraian, "", k.jawaban_teks("usulan"),
                           angka(k.nilai_usulan), k.jawaban_teks("evaluasi"),
                           angka(k.nilai_evaluasi), salah])
    pu, pe = pohon.predikat_usulan, pohon.predikat_evaluasi
    baris(ws, [sel(ws, "", font=tebal), sel(ws, "Nilai akhir dan predikat", font=tebal), "",
               pu.kode if pu else "", angka(bulatkan(pohon.nilai_usulan, 2), font=tebal),
               pe.kode if pe else "", angka(bulatkan(pohon.nilai_evaluasi, 2), font=tebal), ""])
    for kolom, lebar in zip("ABCDEFGH", (10, 70, 8, 10, 10, 10, 10, 50), strict=True):
        ws.column_dimensions[kolom].width = lebar
    for row in ws.iter_rows(min_row=3):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "C3"


# --- reading ----------------------------------------------------------------------------------

@dataclass
class BarisJawaban:
    baris: int
    kriteria: Kriteria
    usulan: str
    evaluasi: str
    catatan: str


@dataclass
class HasilImpor:
    pd: object
    tahun: int
    dry_run: bool = False
    galat: list[str] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)
    baris: int = 0
    diubah: dict[str, int] = field(default_factory=lambda: {"usulan": 0, "evaluasi": 0})
    evaluasi_dibuat: bool = False
    pohon: PohonLke | None = None

    @property
    def ok(self) -> bool:
        return not self.galat

    def ringkasan(self) -> dict:
        p = self.pohon
        return {
            "pd": self.pd.slug, "tahun": self.tahun, "ok": self.ok, "dry_run": self.dry_run,
            "baris": self.baris, "evaluasi_dibuat": self.evaluasi_dibuat,
            "usulan_diubah": self.diubah["usulan"], "evaluasi_diubah": self.diubah["evaluasi"],
            "nilai_usulan": str(bulatkan(p.nilai_usulan, 2)) if p and p.nilai_usulan is not None
            else None,
            "nilai_evaluasi": str(bulatkan(p.nilai_evaluasi, 2))
            if p and p.nilai_evaluasi is not None else None,
            "predikat_usulan": p.predikat_usulan.kode if p and p.predikat_usulan else None,
            "predikat_evaluasi": p.predikat_evaluasi.kode if p and p.predikat_evaluasi else None,
            "peringatan": self.peringatan, "galat": self.galat,
        }


class _Batal(Exception):
    """Rolls the import back (dry run, or an error found while writing)."""


def _kepala(row, hasil: HasilImpor) -> list[str] | None:
    kepala = [str(mentah(c) or "").strip() for c in row]
    kurang = [k for k in KOLOM if k not in kepala]
    if kurang:
        hasil.galat.append(f"Sheet {SHEET}, baris 1: kolom {', '.join(kurang)} tidak ada.")
        return None
    return kepala


def _sel(row, kepala, kolom, i, hasil) -> str:
    j = kepala.index(kolom)
    if j >= len(row):
        return ""
    try:
        return teks_sel(mentah(row[j])).strip()
    except SelTidakValid as e:
        hasil.galat.append(f"Sheet {SHEET}, baris {i}, kolom {kolom}: {e.pesan}.")
        return ""


def _baca_baris(row, kepala, i, kriteria: dict[str, Kriteria], dilihat: set,
                hasil: HasilImpor) -> BarisJawaban | None:
    nilai = {k: _sel(row, kepala, k, i, hasil) for k in KOLOM}
    if not any(nilai.values()):
        return None
    kode = nilai["Kode Kriteria"]
    k = kriteria.get(kode)
    if k is None:
        hasil.galat.append(f"Sheet {SHEET}, baris {i}, kolom Kode Kriteria: kriteria '{kode}' "
                           "tidak ada pada template evaluasi ini.")
        return None
    if kode in dilihat:
        hasil.galat.append(f"Sheet {SHEET}, baris {i}, kolom Kode Kriteria: kriteria {kode} "
                           "berulang.")
        return None
    dilihat.add(kode)
    for kolom in ("Jawaban Usulan", "Jawaban Evaluasi"):
        try:
            nilai_untuk(k, nilai[kolom])
        except ValidationError as e:
            pesan = "; ".join(e.messages).removeprefix(f"{kode}: ")
            hasil.galat.append(f"Sheet {SHEET}, baris {i}, kolom {kolom}: {pesan}.")
    return BarisJawaban(i, k, nilai["Jawaban Usulan"], nilai["Jawaban Evaluasi"],
                        nilai["Catatan"])


def _baca(sumber, template, hasil: HasilImpor) -> list[BarisJawaban]:
    try:
        wb = buka_xlsx(sumber, nama="Lembar jawaban LKE")
    except BerkasTidakValid as e:
        hasil.galat.append(str(e))
        return []
    kriteria = {k.kode: k for k in Kriteria.objects.filter(
        subkomponen__komponen__template=template).select_related("subkomponen__komponen")}
    rows: list[BarisJawaban] = []
    try:
        if SHEET not in wb.sheetnames:
            hasil.galat.append(f"Sheet '{SHEET}' tidak ada.")
            return []
        kepala, dilihat = None, set()
        for i, row in enumerate(baris_sel(wb[SHEET], nama="Lembar jawaban LKE"), start=1):
            if kepala is None:
                kepala = _kepala(row, hasil)
                if kepala is None:
                    return []
                continue
            b = _baca_baris(row, kepala, i, kriteria, dilihat, hasil)
            if b is not None:
                rows.append(b)
    except BerkasTidakValid as e:
        hasil.galat.append(str(e))
    finally:
        wb.close()
    return rows


def _tulis(ev: Evaluasi, rows: list[BarisJawaban], user, hasil: HasilImpor) -> None:
    lama = {j.kriteria_id: (j.jawaban_usulan, j.jawaban_evaluasi, j.catatan_usulan,
                            j.catatan_evaluasi) for j in ev.jawaban_set.all()}
    for b in rows:
        sebelum = lama.get(b.kriteria.pk, ("", "", "", ""))
        sisi = [("usulan", b.usulan, 0, 2), ("evaluasi", b.evaluasi, 1, 3)]
        catatan_untuk = "evaluasi" if b.evaluasi else "usulan"
        for pihak, jawab, ij, ic in sisi:
            if not jawab:
                continue
            catatan = b.catatan if pihak == catatan_untuk else None
            try:
                j = jawaban_set(ev, b.kriteria, user, pihak=pihak, jawaban=jawab,
                                catatan=catatan, saran_diterima=None,
                                alasan="Impor lembar jawaban LKE")
            except ValidationError as e:
                kolom = "Jawaban Usulan" if pihak == "usulan" else "Jawaban Evaluasi"
                hasil.galat.append(f"Sheet {SHEET}, baris {b.baris}, kolom {kolom}: "
                                   f"{'; '.join(e.messages)}")
                continue
            if (getattr(j, f"jawaban_{pihak}"), getattr(j, f"catatan_{pihak}")) != \
                    (sebelum[ij], sebelum[ic]):
                hasil.diubah[pihak] += 1


def impor_jawaban(sumber, pd, tahun: int, user=None, *, dry_run: bool = False) -> HasilImpor:
    """Read an answer sheet into the evaluation of ``pd``/``tahun`` (created when missing).
    All or nothing; see the module doc for the rules."""
    hasil = HasilImpor(pd=pd, tahun=tahun, dry_run=dry_run)
    ev = evaluasi_get(pd, tahun)
    if ev is not None and ev.ditutup:
        hasil.galat.append(f"Evaluasi AKIP tahun {tahun} sudah ditutup; jawaban tidak dapat "
                           "diimpor.")
        return hasil
    template = ev.template if ev is not None else template_berlaku(pd.pemda, tahun)
    if template is None:
        hasil.galat.append(f"Belum ada template LKE untuk tahun {tahun}.")
        return hasil
    rows = _baca(sumber, template, hasil)
    hasil.baris = len(rows)
    if not hasil.ok:
        return hasil
    try:
        with transaction.atomic():
            if ev is None:
                ev = evaluasi_create(pd, tahun, user, template=template)
                hasil.evaluasi_dibuat = True
            _tulis(ev, rows, user, hasil)
            hasil.pohon = evaluasi_tree(ev)
            hasil.peringatan = [f"Kerangka logis ({p.pihak}) {p.teks}"
                                for p in (*hasil.pohon.pelanggaran_usulan,
                                          *hasil.pohon.pelanggaran_evaluasi)]
            if dry_run or not hasil.ok:
                raise _Batal
    except _Batal:
        pass
    return hasil
