"""The PK document as PDF (PermenPAN-RB 53/2014 format, domain.md §1.2): text extracted with
pdftotext and checked."""

import datetime
import shutil
import subprocess

import pytest
from django.urls import reverse

from kinerja.models import PerjanjianKinerja
from kinerja.pk import dokumen as pk_pdf
from sakip.kantor import services as kantor_services
from sakip.models import JenisPejabat

pytestmark = pytest.mark.slow


def _teks(pdf: bytes, tmp_path, *, layout: bool = False) -> str:
    """Text of the PDF, whitespace collapsed: reading order keeps a wrapped cell together;
    ``layout`` keeps a table row on one line."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) tidak terpasang; jalankan `make test`.")
    path = tmp_path / "pk.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def _halaman(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "pk.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return int(next(x for x in out.splitlines() if x.startswith("Pages:")).split()[-1])


def test_pk_2024_v2_pdf_has_statement_and_lampiran(demo, client_as, tmp_path):
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo, tahun=2024, versi=2)
    r = client_as("kepala").get(reverse("kinerja:pk-pdf", args=[demo.slug, pk.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert 'filename="PK-2024-dinsos-gowa-jpt-pratama-v2.pdf"' in r["Content-Disposition"]
    pdf = b"".join(r.streaming_content) if r.streaming else r.content
    flat = _teks(pdf, tmp_path)
    baris = _teks(pdf, tmp_path, layout=True)
    assert "PERJANJIAN KINERJA TAHUN 2024" in flat
    assert "DINAS SOSIAL KABUPATEN GOWA" in flat
    assert ("Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan "
            "akuntabel serta berorientasi pada hasil") in flat
    assert "selanjutnya disebut pihak pertama" in flat
    assert "selaku atasan langsung pihak pertama" in flat
    assert "Pihak pertama berjanji akan mewujudkan target kinerja" in flat
    assert "Pihak kedua akan melakukan supervisi" in flat
    assert "Sungguminasa, 1 April 2024" in flat
    assert "BUPATI GOWA" in flat and "KEPALA DINAS SOSIAL" in flat
    assert "NIP. 19710628 199303 1 012" in flat and "Pembina Utama Muda/IV.c" in flat
    assert "Perubahan ke-1 (versi 2)" in flat
    # Lampiran: Table A with TW I–IV and Table B with Anggaran (Rp) and the total (G-16).
    assert "LAMPIRAN PERJANJIAN KINERJA TAHUN 2024" in flat
    assert "Sasaran Strategis" in flat and "TW IV" in flat
    assert "Jumlah Penurunan Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)" in flat
    assert "Orang 580 145 145 145 145" in baris
    assert "Anggaran (Rp)" in flat
    for angka in ("84.000.000", "234.292.000", "412.629.400", "133.680.500"):
        assert angka in flat
    assert "Jumlah 864.601.900" in baris
    assert "DRAF" not in flat
    assert 2 <= _halaman(pdf, tmp_path) <= 3


def test_draft_pdf_is_marked_and_wali_kota_for_a_kota(demo, tmp_path, django_user_model):
    from kinerja.models import Jenjang
    from kinerja.pk import selectors as pk_selectors
    from kinerja.pk import services as pk_services

    demo.pemda.jenis = "kota"
    demo.pemda.nama = "Kota Bekasi"
    demo.pemda.save()
    # The Wali Kota in office on the PK's date (1 January 2025) signs as pihak kedua.
    kantor_services.pejabat_create(
        jenis=JenisPejabat.KEPALA_DAERAH, pemda=demo.pemda, akhiri_sebelumnya=True, user=None,
        data={"nama": "Tri Adhianto", "mulai": datetime.date(2024, 12, 1)})
    pk = pk_services.pk_create(perangkat_daerah=demo, tahun=2025, jenjang=Jenjang.JPT_PRATAMA,
                            **pk_selectors.pk_pihak_default(demo, Jenjang.JPT_PRATAMA))
    pk_services.pk_fill_from_renstra(pk=pk)
    flat = _teks(pk_pdf.render_pdf(pk), tmp_path)
    assert "DRAF — belum ditetapkan" in flat
    assert "WALI KOTA BEKASI" in flat and "Tri Adhianto" in flat
    assert "Belum ada anggaran." in flat
