"""Budget pages in a real browser: the perencana records a pagu perubahan and a
month's spending, is refused a realisasi above the pagu, and imports a SIPD file through its
preview; a staff member has no budget page."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots"


def test_pagu_realisasi_and_sipd_import(live_server, page, login, tmp_path):
    from demo.gowa import load_demo
    from renstra import services as rs
    from renstra.models import Kegiatan

    load_demo()
    keg = Kegiatan.objects.get(kode="1.06.04.2.01")
    sub = rs.subkegiatan_create(kegiatan=keg, kode="1.06.04.2.01.0001",
                                nama="Penyediaan Permakanan")
    login(page, "perencana")
    page.click("nav >> text=Anggaran")
    page.wait_for_selector("#tabel-anggaran")
    assert "5.319.338.072" in page.inner_text("#tabel-anggaran tfoot")
    assert "93,93 %" in page.inner_text("#tabel-anggaran tfoot")

    page.goto(f"{live_server.url}/anggaran/dinsos-gowa/subkegiatan/{sub.pk}/?tahun=2025")
    page.select_option("#form-pagu select[name=tahap]", "murni")
    page.fill("#form-pagu input[name=nilai]", "Rp 200.000.000")
    page.click("#form-pagu button[type=submit]")
    assert "Pagu disimpan" in page.inner_text(".messages")
    page.select_option("#form-pagu select[name=tahap]", "perubahan")
    page.fill("#form-pagu input[name=nilai]", "250.000.000")
    page.fill("#form-pagu input[name=tanggal_dokumen]", "2025-09-30")
    page.fill("#form-pagu input[name=alasan]", "DPPA P-APBD 2025")
    page.click("#form-pagu button[type=submit]")
    pagu = page.inner_text("#pagu")
    assert "Rp 250.000.000" in pagu and "30 September 2025" in pagu

    page.select_option("#form-realisasi-anggaran select[name=periode]", "b1")
    page.fill("#form-realisasi-anggaran input[name=nilai]", "40.000.000")
    page.click("#form-realisasi-anggaran button[type=submit]")
    assert "Realisasi anggaran disimpan" in page.inner_text(".messages")
    page.select_option("#form-realisasi-anggaran select[name=periode]", "tw2")
    page.fill("#form-realisasi-anggaran input[name=nilai]", "215.000.000")
    page.click("#form-realisasi-anggaran button[type=submit]")
    pesan = page.inner_text("#form-realisasi-anggaran")
    assert "menjadi Rp 255.000.000, melebihi pagu Rp 250.000.000" in pesan
    page.screenshot(path=f"{SHOTS}/anggaran-node-ditolak.png", full_page=True)

    csv = tmp_path / "realisasi_2025.csv"
    csv.write_text("bulan;kode_sub_giat;realisasi_anggaran\n2;1.06.04.02.01.0001;35.000.000\n"
                   "3;1.06.04.2.01.0001;Rp 25.000.000\n", encoding="utf-8")
    page.goto(f"{live_server.url}/anggaran/dinsos-gowa/impor/?tahun=2025")
    page.fill("input[name=tahun]", "2025")
    page.set_input_files("input[name=berkas]", str(csv))
    page.click("main button[type=submit]")
    page.wait_for_selector("#pratinjau")
    assert "2 baris akan disimpan" in page.inner_text("#pratinjau")
    page.screenshot(path=f"{SHOTS}/anggaran-impor-pratinjau.png", full_page=True)
    page.click("#pratinjau button[type=submit]")
    page.click("dialog.konfirmasi .konfirmasi-ya")  # data-konfirmasi (static/js/sakip.js)
    assert "Impor SIPD disimpan" in page.inner_text(".messages")
    row = page.inner_text(f"#subkegiatan-{sub.pk}")
    assert "100.000.000" in row and "40,00 %" in row  # 40 + 35 + 25 of 250
    page.screenshot(path=f"{SHOTS}/anggaran-ringkasan.png", full_page=True)


def test_staff_has_no_budget_page(live_server, page, login):
    from demo.gowa import load_demo

    load_demo()
    login(page, "staf.rehsos")
    # No link to the budget page anywhere (the inbox's "Halaman kantor" button leads to
    # the office home, not to the budget).
    assert page.locator("nav.mainnav a", has_text="Anggaran").count() == 0
    assert page.locator('a[href*="/anggaran/"]').count() == 0
    r = page.goto(f"{live_server.url}/anggaran/dinsos-gowa/")
    assert r.status == 403
