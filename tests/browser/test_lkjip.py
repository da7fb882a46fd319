"""The Kepala Dinas presses one button and gets the Gowa 2024 LKjIP PDF."""

import subprocess

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_kepala_downloads_the_lkjip_pdf(live_server, page, login, tmp_path):
    from demo.gowa import load_demo

    load_demo()
    login(page, "kepala")
    page.click("nav >> text=LKjIP")
    page.click("text=LKjIP 2024")
    page.wait_for_selector("#unduh-pdf")
    assert "Draf · versi 1" in page.inner_text("h1")
    assert "112,59 %" in page.inner_text("#ringkasan")
    page.screenshot(path="var/screenshots/lkjip-halaman.png", full_page=True)
    with page.expect_download(timeout=120000) as unduhan:
        page.click("#unduh-pdf")
    d = unduhan.value
    assert d.suggested_filename == "LKjIP-2024-dinsos-gowa-draf.pdf"
    path = tmp_path / d.suggested_filename
    d.save_as(path)
    teks = subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                          text=True).stdout
    assert "AKUNTABILITAS KINERJA" in teks and "112,59" in teks
    _selesai(page)


def test_inspektorat_reads_but_cannot_edit(live_server, page, login):
    from demo.gowa import load_demo

    load_demo()
    login(page, "inspektorat")
    page.goto(f"{live_server.url}/laporan/dinsos-gowa/2024/")
    assert page.locator("text=Catat hasil reviu").count() == 1
    assert page.locator("text=Sunting narasi").count() == 0
    assert page.locator("text=Tetapkan LKjIP").count() == 0
    page.click("text=Catat hasil reviu")
    page.fill("#id_reviu_nomor", "700/5/ITDA/2025")
    page.fill("#id_reviu_tanggal", "2025-02-03")
    page.fill("#id_reviu_catatan", "Sistematika sesuai PermenPAN-RB 53/2014.")
    page.click("button[type=submit] >> text=Simpan hasil reviu")
    page.wait_for_selector("text=Hasil reviu dicatat")
    assert "LHR 700/5/ITDA/2025" in page.inner_text("#siklus")
    _selesai(page)


def _selesai(page):
    # The page's preview frame loads lazily: let it finish before the test database goes.
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")
