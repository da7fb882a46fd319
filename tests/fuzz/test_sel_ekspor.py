"""Every xlsx download keeps text typed as a formula as text: a program renamed ``=1+1`` and a
faktor penghambat ``+62 811`` reach the LKjIP workbook and the staff sheet as string cells, never
as ``<f>`` formulas (the OWASP CSV-injection rule)."""

import io
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.models import Realisasi
from renstra.models import Program

pytestmark = pytest.mark.django_db


def _xml(isi: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(isi)) as zf:
        return b"".join(zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))


@pytest.fixture
def teks_berisiko(demo):
    p = Program.objects.filter(renstra__perangkat_daerah=demo).order_by("kode").first()
    Program.objects.filter(pk=p.pk).update(nama="=1+1")
    Realisasi.objects.filter(indikator__renstra__perangkat_daerah=demo).update(
        faktor_penghambat="+62 811", catatan="@x")
    return demo


def test_lkjip_workbook_has_no_formula(teks_berisiko, tmp_path):
    path = tmp_path / "lkjip.xlsx"
    call_command("lkjip", "--pd", teks_berisiko.slug, "--tahun", "2024", "--format", "xlsx",
                 "-o", str(path), stdout=io.StringIO())
    isi = path.read_bytes()
    xml = _xml(isi)
    assert b"<f>" not in xml and b"<f " not in xml
    teks = {c.value for ws in load_workbook(io.BytesIO(isi)).worksheets
            for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert any(t.startswith("=1+1") or "=1+1" in t for t in teks)


def test_staff_sheet_has_no_formula_in_data_cells(teks_berisiko, client_as):
    c = client_as("staf.rehsos")
    r = c.get(reverse("kinerja:staf-xlsx-unduh", args=[teks_berisiko.slug])
              + "?tahun=2024&tw=4")
    assert r.status_code == 200
    isi = b"".join(r.streaming_content)
    wb = load_workbook(io.BytesIO(isi))
    nilai = {c.value for row in wb["Realisasi"].iter_rows(min_row=2) for c in row}
    assert "+62 811" in nilai
    assert all(c.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows()
               for c in row)
