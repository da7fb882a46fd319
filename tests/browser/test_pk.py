"""The PK in a real browser: the planner builds and submits PK 2025, the Kepala ditetapkan it and
downloads the PDF (text extracted and checked), the planner revises it with a reason and sees
both versions; staf bidang and Inspektorat cannot change any of it (403)."""

import shutil
import subprocess

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IKU = "Jumlah Penurunan Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)"


def _pdf_teks(path, *, layout: bool = False) -> str:
    """Reading order keeps a wrapped cell together; ``layout`` keeps a table row on a line."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) tidak terpasang; jalankan `make test`.")
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def _baru(browser):
    ctx = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900},
                              accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(20000)
    return ctx, pg


def test_build_submit_tetapkan_pdf_and_revise(live_server, browser, login, tmp_path):
    from demo.gowa import load_demo
    from kinerja.models import PerjanjianKinerja

    load_demo()
    # --- perencana builds PK 2025 from the Renstra and submits it ------------------------
    ctx, page = _baru(browser)
    login(page, "perencana")
    page.click("nav >> text=Perjanjian Kinerja")
    page.click("text=Buat PK")
    page.fill("#id_tahun", "2025")
    page.select_option("#id_jenjang", "jpt_pratama")
    page.click("button:has-text('Buat')")
    page.wait_for_selector("#pk-isi")
    pk = PerjanjianKinerja.objects.get(tahun=2025, jenjang="jpt_pratama")
    line = pk.indikator_set.get()
    assert page.input_value(f"[name=i-{line.pk}-target]") == "600"  # Renstra target 2025
    for i, v in enumerate(["140", "150", "150", "160,5"], start=1):
        page.fill(f"[name=i-{line.pk}-tw{i}]", v)
    page.click("#simpan-pk")
    assert "harus sama dengan target tahunan (600 Orang)" in page.inner_text("main")
    page.fill(f"[name=i-{line.pk}-tw4]", "160")
    page.fill("[name=h-nomor]", "800/05/DINSOS/2025")
    page.click("#simpan-pk")
    assert "Isi PK disimpan." in page.inner_text(".messages")
    page.screenshot(path="var/screenshots/pk-isi.png", full_page=True)
    page.click("text=Lihat PK")
    page.click("#ajukan")
    # data-konfirmasi (static/js/sakip.js) submits the form: read #pk-status of the next page,
    # not of this one (it has a #pk-status too).
    with page.expect_navigation():
        page.click("dialog.konfirmasi .konfirmasi-ya")
    assert page.inner_text("#pk-status") == "Diajukan"
    ctx.close()

    # --- kepala ditetapkan and downloads the PDF -----------------------------------------
    ctx, page = _baru(browser)
    login(page, "kepala")
    page.goto(f"{live_server.url}/kinerja/dinsos-gowa/pk/{pk.pk}/")
    page.fill("#id_tanggal", "2025-01-31")
    page.click("#tetapkan-btn")
    with page.expect_navigation():
        page.click("dialog.konfirmasi .konfirmasi-ya")  # data-konfirmasi (static/js/sakip.js)
    assert page.inner_text("#pk-status") == "Ditetapkan"
    assert "tidak dapat diubah" in page.inner_text("#terkunci")
    with page.expect_download() as dl:
        page.click("#unduh-pdf")
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    assert path.name == "PK-2025-dinsos-gowa-jpt-pratama-v1.pdf"
    teks = _pdf_teks(path)
    assert "PERJANJIAN KINERJA TAHUN 2025" in teks
    assert "Sungguminasa, 31 Januari 2025" in teks
    assert "Nomor 800/05/DINSOS/2025" in teks
    assert IKU in teks and "Orang 600 140 150 150 160" in _pdf_teks(path, layout=True)
    assert "DRAF" not in teks
    page.screenshot(path="var/screenshots/pk-detail-kepala.png", full_page=True)
    ctx.close()

    # --- perencana revises with a reason and sees both versions --------------------------
    ctx, page = _baru(browser)
    login(page, "perencana")
    page.goto(f"{live_server.url}/kinerja/dinsos-gowa/pk/{pk.pk}/")
    assert page.locator("text=Ubah isi").count() == 0
    page.click("#revisi")
    page.check("input[value=perubahan_strategi]")
    page.fill("#id_alasan_uraian", "APBD Perubahan 2025 menggeser anggaran program.")
    page.fill("#id_tanggal", "2025-09-15")
    page.fill("#id_nomor", "800/77/DINSOS/2025")
    page.click("button:has-text('Buat versi 2')")
    page.wait_for_selector("#pk-isi")
    page.click("text=Lihat PK")
    versi = page.inner_text("#pk-versi")
    assert "Versi 1" in versi and "Versi 2" in versi
    assert "APBD Perubahan 2025 menggeser anggaran program." in versi
    assert "Ditetapkan" in versi and "Draf" in versi
    page.screenshot(path="var/screenshots/pk-detail-revisi.png", full_page=True)
    ctx.close()
    assert PerjanjianKinerja.objects.filter(tahun=2025).count() == 2


@pytest.mark.parametrize("username", ["staf.rehsos", "inspektorat"])
def test_staf_and_inspektorat_cannot_change_the_pk(live_server, browser, login, username):
    from demo.gowa import load_demo
    from kinerja.models import PerjanjianKinerja

    load_demo()
    pk = PerjanjianKinerja.objects.get(tahun=2024, versi=2)
    ctx, page = _baru(browser)
    login(page, username)
    page.goto(f"{live_server.url}/kinerja/dinsos-gowa/pk/{pk.pk}/")
    assert IKU in page.inner_text("#pk-indikator")
    for tombol in ("#revisi", "#ajukan", "#tetapkan-btn", "text=Ubah isi"):
        assert page.locator(tombol).count() == 0
    r = page.goto(f"{live_server.url}/kinerja/dinsos-gowa/pk/{pk.pk}/revisi/")
    assert r.status == 403
    token = next(c["value"] for c in ctx.cookies() if c["name"] == "csrftoken")
    base = f"{live_server.url}/kinerja/dinsos-gowa/pk/{pk.pk}"
    for url, form in [(f"{base}/revisi/", {"alasan": "mutasi_pejabat", "alasan_uraian": "x",
                                           "tanggal": "2024-10-01", "nomor": "1"}),
                      (f"{base}/tetapkan/", {}), (f"{base}/tarik/", {}),
                      (f"{live_server.url}/kinerja/dinsos-gowa/pk/buat/",
                       {"tahun": "2025", "jenjang": "jpt_pratama"})]:
        resp = page.request.post(url, form=form, headers={"X-CSRFToken": token,
                                                          "Referer": base + "/"})
        assert resp.status == 403, url
        assert "tidak berwenang" in resp.text()
    assert PerjanjianKinerja.objects.count() == 2
    ctx.close()
