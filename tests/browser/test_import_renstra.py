"""Tabel 4.2 import in a real browser: the planner uploads, reads the preview,
confirms, and sees the Renstra tree with the right pagu indikatif; others get 403."""

from pathlib import Path

import pytest

from tests.renstra import tabel42_xlsx as T

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SAMPEL = Path(__file__).resolve().parents[1] / "renstra" / "data" / "renstra_tabel_4_2_sample.xlsx"
LAYAR = Path("var/screenshots")


@pytest.fixture
def demo_live(live_server, settings, tmp_path):
    from demo.gowa import load_demo

    settings.MEDIA_ROOT = tmp_path / "media"
    LAYAR.mkdir(parents=True, exist_ok=True)
    return load_demo()


def _impor(page, live_server, berkas: Path, periode="2025-2029"):
    page.click("nav >> text=Impor Renstra")
    page.wait_for_selector("#form-impor")
    page.set_input_files("input[name=berkas]", str(berkas))
    page.fill("input[name=periode]", periode)
    page.click("#form-impor button[type=submit]")
    page.wait_for_selector("#impor-ringkasan")


def test_perencana_imports_the_sample_and_sees_the_tree(demo_live, live_server, page, login):
    login(page, "perencana")
    _impor(page, live_server, SAMPEL)
    ringkas = page.inner_text("#impor-ringkasan")
    assert "Rp 4.566.240.000" in ringkas and "Rp 3.916.573.226" in ringkas
    assert "1.06.07.2.01.0003" in page.inner_text("#impor-peringatan")
    page.screenshot(path=str(LAYAR / "impor-renstra-pratinjau.png"), full_page=True)

    page.click("text=Simpan ke Renstra")
    page.click("dialog.konfirmasi .konfirmasi-ya")  # data-konfirmasi (static/js/sakip.js)
    page.wait_for_selector("#renstra-program")
    assert "Tabel 4.2 diimpor ke Renstra 2025–2029" in page.inner_text(".messages")
    # 2025 keeps the demo's Renstra 2022–2026 (its realisasi were entered under it): the app
    # opens 2026, the first year the new Renstra governs.
    assert "Renstra 2025–2029" in page.inner_text("main")
    assert "Rp 3.179.000.000" in page.inner_text("#renstra-program tfoot")
    assert "Pagu indikatif Renstra 2026" in page.inner_text("#renstra-program thead")
    page.screenshot(path=str(LAYAR / "impor-renstra-beranda.png"), full_page=True)
    # the blank 2026 pagu of Pengamanan TMP stays blank, not Rp 0.
    row = page.locator("#renstra-program tr", has_text="1.06.07.2.01.0003").inner_text()
    assert "—" in row and "Rp 0" not in row


def test_whole_dinas_through_the_browser(demo_live, live_server, page, login, tmp_path):
    berkas = tmp_path / "tabel42-dinas.xlsx"
    berkas.write_bytes(T.xlsx(T.baris(T.dinas_lengkap())))
    login(page, "perencana")
    _impor(page, live_server, berkas)
    ringkas = page.inner_text("#impor-ringkasan")
    for teks in ("Program\t6", "Kegiatan\t14", "Sub kegiatan\t57", "Rp 33.733.240.000",
                 "Rp 26.736.518.416", "Rp 30.326.448.279"):
        assert teks in ringkas, teks
    page.screenshot(path=str(LAYAR / "impor-renstra-dinas-pratinjau.png"), full_page=True)
    page.click("text=Simpan ke Renstra")
    page.click("dialog.konfirmasi .konfirmasi-ya")  # data-konfirmasi (static/js/sakip.js)
    page.wait_for_selector("#renstra-program")
    # The first year the new Renstra governs is 2026 (2025 stays with the demo's Renstra).
    assert "Rp 26.736.518.416" in page.inner_text("#renstra-program tfoot")


def test_broken_copy_is_refused_in_the_browser(demo_live, live_server, page, login, tmp_path):
    rows = T.baris(T.dinas_lengkap())
    rows[T.cari(rows, "1.06.02.2.03.0004") + 1][4] = "Rp1.200.24.000"
    berkas = tmp_path / "rusak.xlsx"
    berkas.write_bytes(T.xlsx(rows))
    login(page, "perencana")
    _impor(page, live_server, berkas)
    galat = page.inner_text("#impor-galat")
    assert "Berkas ditolak: 1 galat" in galat and "E (Pagu 2025)" in galat
    assert page.locator("text=Simpan ke Renstra").count() == 0
    page.screenshot(path=str(LAYAR / "impor-renstra-galat.png"), full_page=True)


@pytest.mark.parametrize("username", ["staf.rehsos", "inspektorat"])
def test_others_cannot_import(demo_live, live_server, page, login, username):
    login(page, username)
    assert page.locator("nav >> text=Impor Renstra").count() == 0
    resp = page.goto(f"{live_server.url}/renstra/{demo_live.slug}/impor/")
    assert resp.status == 403
