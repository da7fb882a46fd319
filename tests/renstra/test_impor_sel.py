"""Tabel 4.2 cells are values, never formulas, booleans or dates: each is a galat naming the
row and column, and nothing is written (design.md "Bad input never half-lands")."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from renstra.impor import baca_tabel42
from renstra.models import Renstra, TargetIndikator
from sakip.models import JejakAudit, Pemda, PerangkatDaerah
from tests.renstra import tabel42_xlsx as T

pytestmark = pytest.mark.django_db


@pytest.fixture
def pd():
    pemda = Pemda.objects.create(nama="Kota Bekasi", jenis="kota")
    return PerangkatDaerah.objects.create(pemda=pemda, nama="Dinas Sosial Kota Bekasi",
                                          slug="dinsos-bekasi")


def _cmd(path):
    out = io.StringIO()
    try:
        call_command("import_renstra", str(path), "--pd", "dinsos-bekasi", "--periode",
                     "2025-2029", "--json", stdout=out, stderr=io.StringIO())
        code = 0
    except SystemExit as e:
        code = e.code
    return code, json.loads(out.getvalue())


def _rows_dengan(isi_sel):
    rows = T.baris(T.dinas_lengkap())
    i = T.cari(rows, "1.06.07.2.01.0001") + 1  # the output row of a sub kegiatan
    rows[i][9] = isi_sel  # column J: Target 2028
    return rows, i + 1


@pytest.mark.parametrize("isi_sel, pesan", [
    (dt.date(2025, 3, 1), "tanggal"),
    ("=2+3", "isi nilai, bukan rumus"),
    (True, "berisi TRUE"),
    (1e20, "terlalu besar"),
    (-1000, "tidak boleh negatif"),
    ("-1.000 Dokumen", "tidak boleh negatif"),
    ("Rp-1.000.000", "tidak boleh negatif"),
])
def test_a_target_cell_that_is_no_value_is_a_galat_and_nothing_is_written(
        pd, tmp_path, isi_sel, pesan):
    rows, baris = _rows_dengan(isi_sel)
    path = tmp_path / "t.xlsx"
    path.write_bytes(T.xlsx(rows))
    sebelum = (Renstra.objects.count(), TargetIndikator.objects.count(),
               JejakAudit.objects.count())
    code, r = _cmd(path)
    assert code == 1 and r["disimpan"] is False
    galat = [(g["baris"], g["kolom"], g["pesan"]) for g in r["galat"]]
    assert [(b, k) for b, k, _ in galat] == [(baris, "J")], galat
    assert pesan in galat[0][2]
    assert (Renstra.objects.count(), TargetIndikator.objects.count(),
            JejakAudit.objects.count()) == sebelum


def test_a_formula_in_a_pagu_or_indicator_cell_is_named_not_read_as_blank():
    rows = T.baris(T.dinas_lengkap())
    i = T.cari(rows, "1.06.07.2.01.0001") + 1
    rows[i][1] = "=B3"
    rows[i][6] = "=SUM(G10:G12)"
    t = baca_tabel42(T.xlsx(rows))
    assert {(g.baris, g.kolom) for g in t.galat} == {(i + 1, "B"), (i + 1, "G")}
    assert all("isi nilai, bukan rumus" in g.pesan for g in t.galat)


def test_text_that_looks_like_a_formula_in_a_text_cell_reads_back_as_text():
    """A planner's text cell "=1+1" saved as text (not a formula) is plain text."""
    rows = T.baris(T.dinas_lengkap())
    i = T.cari(rows, "1.06.07.2.01.0001") + 1
    wb = load_workbook(io.BytesIO(T.xlsx(rows)))
    cell = wb.active.cell(i + 1, 2)
    cell.value, cell.data_type = "-Jumlah dokumen (Dokumen)", "s"
    buf = io.BytesIO()
    wb.save(buf)
    t = baca_tabel42(buf.getvalue())
    assert not t.galat
    assert any(ind.uraian == "-Jumlah dokumen" for n in t.nodes() for ind in n.indikator)
