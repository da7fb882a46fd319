"""The office answers an LHE recommendation in the browser (from its dashboard, with an evidence
file) and the Inspektorat accepts it after the confirmation dialog; the pages at phone width."""

import datetime

import pytest
from django.utils import timezone

from demo.gowa import load_demo
from lke import services
from lke.models import Rekomendasi

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LAYAR = "var/screenshots"


def _rekomendasi() -> Rekomendasi:
    """The demo office's 2023 LHE entered from paper, with one recommendation due 5 days ago."""
    pd = load_demo()
    hasil = services.hasil_set(pd, 2023, None, nomor="700/12/ITDA/2024", nilai="77.26",
                               tanggal=datetime.date(2024, 3, 28))
    return hasil.rekomendasi_set.create(
        nomor=1, temuan="Manual IKU belum memuat cara pengukuran.",
        uraian="Menyusun manual IKU lengkap dengan definisi operasional dan cara ukur.",
        batas_waktu=timezone.localdate() - datetime.timedelta(days=5))


def test_kantor_menjawab_rekomendasi_inspektorat_menerima(live_server, page, login, tmp_path):
    rek = _rekomendasi()
    bukti = tmp_path / "manual-iku.pdf"
    bukti.write_bytes(PDF)

    login(page, "perencana")
    page.goto(f"{live_server.url}/dasbor/")
    kotak = page.inner_text("#tindak-lanjut-terbuka")
    assert "Tindak lanjut LHE terbuka (1)" in kotak and "Terlambat 5 hari" in kotak
    page.click("#tindak-lanjut-terbuka >> text=Menyusun manual IKU")
    page.wait_for_selector("#jawab")
    page.fill("#id_uraian", "Manual IKU 2024 disusun dan ditetapkan dengan SK Kepala Dinas.")
    page.set_input_files("#id_berkas", str(bukti))
    page.screenshot(path=f"{LAYAR}/lke-tindak-lanjut-jawab.png", full_page=True)
    page.click("#jawab button[type=submit]")
    page.wait_for_selector("#riwayat li")
    assert "Menunggu penilaian Inspektorat" in page.inner_text("#rekomendasi")
    assert "manual-iku.pdf" in page.inner_text("#riwayat")
    rek.refresh_from_db()
    assert rek.status == Rekomendasi.Status.DIJAWAB

    page.context.clear_cookies()
    login(page, "inspektorat")
    page.goto(f"{live_server.url}/pd/{rek.hasil.perangkat_daerah.slug}/lke/tindak-lanjut/"
              f"{rek.pk}/")
    page.click("text=Terima tindak lanjut")
    dialog = page.wait_for_selector("dialog.konfirmasi[open]")
    assert "dinyatakan selesai" in dialog.inner_text()
    page.screenshot(path=f"{LAYAR}/lke-tindak-lanjut-konfirmasi.png")
    page.click("dialog.konfirmasi >> text=Ya, terima")
    page.wait_for_selector(".tl-status-selesai")
    assert "Diterima" in page.inner_text("#riwayat")
    rek.refresh_from_db()
    assert rek.status == Rekomendasi.Status.SELESAI
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{LAYAR}/lke-tindak-lanjut-390.png", full_page=True)
    lebar = page.evaluate("document.documentElement.scrollWidth")
    assert lebar <= 390, lebar
