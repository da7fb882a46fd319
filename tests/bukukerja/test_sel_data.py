"""Buku Kerja cells are data both ways: text users typed that a spreadsheet would evaluate
(``=1+1``, ``+62 811``, ``@x``, ``-5 kegiatan``, tab, CR) is exported as text and reads back
unchanged; a formula, TRUE/FALSE or a number the column cannot keep in the file is a galat
naming sheet/row/column — with exit status 1 and the JSON report, never a traceback."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from anggaran.models import Pagu, RealisasiAnggaran
from bukukerja.workbook import ekspor_workbook, impor_workbook
from kinerja.models import PKIndikator, Realisasi
from renstra.models import Indikator, Program, TargetIndikator
from sakip.models import JejakAudit

TAHUN = 2024
TEKS_BERISIKO = ["=1+1", "+62 811", "@x", "-5 kegiatan", "kolom\tdengan tab", "baris\rbaru",
                 "=HYPERLINK(\"http://contoh.invalid\",\"klik\")"]


def _isi():
    return (sorted(Realisasi.objects.values_list("id", "nilai", "nilai_teks", "catatan",
                                                 "status")),
            sorted(PKIndikator.objects.values_list("id", "target_tahunan",
                                                   "target_tahunan_teks")),
            sorted(TargetIndikator.objects.values_list("id", "nilai", "nilai_teks")),
            sorted(Program.objects.values_list("id", "nama")),
            Pagu.objects.count(), RealisasiAnggaran.objects.count(),
            JejakAudit.objects.count())


def _simpan(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _ekspor(pd) -> bytes:
    return _simpan(ekspor_workbook(pd, TAHUN))


def _cmd(tmp_path, isi: bytes, *args):
    path = tmp_path / "bk.xlsx"
    path.write_bytes(isi)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_workbook", str(path), "--pd", "dinsos-gowa", "--json", *args,
                     stdout=out, stderr=err)
        code = 0
    except SystemExit as e:
        code = e.code
    return code, json.loads(out.getvalue())


def _ubah_sel(isi: bytes, sheet: str, koordinat: str, nilai) -> bytes:
    wb = load_workbook(io.BytesIO(isi))
    wb[sheet][koordinat].value = nilai
    return _simpan(wb)


@pytest.mark.parametrize("dry_run", [(), ("--dry-run",)])
@pytest.mark.parametrize("sheet, sel, nilai, kolom, pesan", [
    ("PK", "E2", True, "Target Tahunan", "berisi TRUE, diharapkan angka"),
    ("Anggaran", "F2", 1234.567, "Realisasi TW II", "lebih dari 2 angka di belakang koma"),
    ("Anggaran", "C2", 1e20, "Pagu Murni", "terlalu besar"),
    ("Realisasi", "C2", "=1+1", "TW I", "isi nilai, bukan rumus"),
    ("Sasaran", "D2", "=A2", "Satuan", "isi nilai, bukan rumus"),
])
def test_a_cell_that_is_no_value_is_refused_with_json_and_exit_1(
        demo, tmp_path, sheet, sel, nilai, kolom, pesan, dry_run):
    isi = _ubah_sel(_ekspor(demo), sheet, sel, nilai)
    sebelum = _isi()
    code, r = _cmd(tmp_path, isi, *dry_run)
    assert code == 1 and r["status"] == "ditolak" and r["disimpan"] is False
    galat = [(g["sheet"], g["baris"], g["kolom"]) for g in r["galat"]]
    assert galat == [(sheet, 2, kolom)], r["galat"]
    assert pesan in r["galat"][0]["pesan"]
    assert _isi() == sebelum


def test_a_formula_never_erases_a_stored_value(demo):
    """A formula cell reads as blank through a value-only reader; blank would have cleared
    the stored realisasi (8 → NULL). It is a galat instead and the value stays."""
    isi = _ekspor(demo)
    wb = load_workbook(io.BytesIO(isi))
    ws = wb["Realisasi"]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("TW IV") + 1).value = "=B2*2"
    sebelum = _isi()
    hasil = impor_workbook(io.BytesIO(_simpan(wb)), demo, user=None)
    assert [(g.sheet, g.baris, g.kolom) for h in hasil for g in h.galat] == [
        ("Realisasi", 2, "TW IV")]
    assert _isi() == sebelum


def test_risky_text_round_trips_as_text_and_is_never_a_formula(demo, tmp_path):
    programs = list(Program.objects.filter(renstra__perangkat_daerah=demo).order_by("kode"))
    for p, teks in zip(programs, TEKS_BERISIKO, strict=False):
        Program.objects.filter(pk=p.pk).update(nama=teks)
    Indikator.objects.filter(pk=Indikator.objects.filter(
        renstra__perangkat_daerah=demo, sasaran__isnull=False).first().pk).update(satuan="@x")
    real = Realisasi.objects.filter(tahun=TAHUN, indikator__renstra__perangkat_daerah=demo)
    for r, teks in zip(real, TEKS_BERISIKO, strict=False):
        Realisasi.objects.filter(pk=r.pk).update(catatan=teks)
    isi = _ekspor(demo)
    with zipfile.ZipFile(io.BytesIO(isi)) as zf:
        xml = b"".join(zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in xml and b"<f " not in xml
    assert b"quotePrefix" in b"".join(zipfile.ZipFile(io.BytesIO(isi)).read(n) for n in
                                      ("xl/styles.xml",))
    ws = load_workbook(io.BytesIO(isi), read_only=True)["Program"]
    nama = {r[1] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert set(TEKS_BERISIKO[:len(programs)]) - {"baris\rbaru"} <= nama
    sebelum = _isi()
    code, r = _cmd(tmp_path, isi)
    assert code == 0 and r["galat"] == [], r["galat"]
    assert all(s["dibuat"] == 0 and s["diubah"] == 0 for s in r["sheet"]), r["sheet"]
    assert _isi() == sebelum
