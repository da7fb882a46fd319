import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_perencana_logs_in_and_sees_renstra_tree(live_server, page, login):
    from demo.gowa import load_demo

    load_demo()
    login(page, "perencana")
    # Logging in lands on the work inbox; the office home is one click away.
    assert page.url.endswith("/") and "Yang perlu Anda kerjakan" in page.inner_text("main")
    page.click("a[href='/pd/dinsos-gowa/']")
    page.wait_for_url("**/pd/dinsos-gowa/")
    page.wait_for_selector("#renstra-tujuan")
    text = page.inner_text("main")
    assert "Dinas Sosial Kabupaten Gowa" in text
    assert "Menurunnya Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)" in text
    assert "Jumlah Penurunan Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)" in text
    row = page.locator("#renstra-program tr", has_text="1.06.06.2.02")
    assert "Rp 44.012.000" in row.inner_text()
    total = page.locator("#renstra-program tfoot").inner_text()
    assert "Rp 5.319.338.072" in total
    assert "93,93 %" in total
    page.screenshot(path="var/screenshots/beranda-perencana.png", full_page=True)


def test_wrong_password_shows_indonesian_error(live_server, page, login):
    from demo.gowa import load_demo

    load_demo()
    login(page, "perencana", "salah")
    assert "Nama pengguna atau kata sandi salah" in page.inner_text("main")
