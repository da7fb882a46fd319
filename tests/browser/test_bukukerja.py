"""The Buku Kerja in a real browser: the planner opens the page from the menu, uploads a changed
workbook, reads the preview (counts per sheet), confirms, and the change is saved; Kepala only
downloads; the preview also reads on a phone-sized screen."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from anggaran.models import RealisasiAnggaran
from bukukerja.workbook import ekspor_workbook
from renstra.models import Renstra
from sakip.models import Bidang, Role
from tests.bukukerja.test_kantor_baru import _workbook
from tests.factories import PerangkatDaerahFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LAYAR = Path("var/screenshots")


@pytest.fixture
def demo_live(live_server, settings, tmp_path):
    from demo.gowa import load_demo

    settings.MEDIA_ROOT = tmp_path / "media"
    LAYAR.mkdir(parents=True, exist_ok=True)
    return load_demo()


def _realisasi_tw1(pd):
    return RealisasiAnggaran.objects.get(
        program__kode="1.06.01", program__renstra__perangkat_daerah=pd, tahun=2024,
        triwulan=1).nilai


def _berkas_diubah(pd, tmp_path) -> Path:
    """The demo's 2024 export with one realisasi anggaran changed (605.206.934 → 605.206.935)."""
    buf = io.BytesIO()
    ekspor_workbook(pd, 2024).save(buf)
    wb = load_workbook(io.BytesIO(buf.getvalue()))
    ws = wb["Anggaran"]
    kolom = [c.value for c in ws[1]].index("Realisasi TW I")
    baris = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "1.06.01")
    baris[kolom].value = 605206935
    path = tmp_path / "buku-kerja-2024.xlsx"
    wb.save(path)
    return path


def test_perencana_uploads_previews_and_confirms(demo_live, live_server, page, login, tmp_path):
    berkas = _berkas_diubah(demo_live, tmp_path)
    login(page, "perencana")
    page.click("nav >> text=Buku Kerja")
    page.wait_for_selector("#bk-unggah")
    assert page.locator("#bk-unduh select[name=tahun]").count() == 1
    page.screenshot(path=str(LAYAR / "bukukerja-halaman.png"), full_page=True)
    page.set_input_files("#form-impor input[name=berkas]", str(berkas))
    page.click("#form-impor button[type=submit]")
    page.wait_for_selector("#impor-ringkasan")

    anggaran = page.locator("#impor-ringkasan tr[data-sheet=Anggaran] td").all_inner_texts()
    assert anggaran[:3] == ["0", "1", "34"]
    realisasi = page.locator("#impor-ringkasan tr[data-sheet=Realisasi] td").all_inner_texts()
    assert realisasi[:2] == ["0", "0"]
    assert "buku-kerja-2024.xlsx" in page.inner_text(".pagehead")
    page.screenshot(path=str(LAYAR / "bukukerja-pratinjau-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(LAYAR / "bukukerja-pratinjau-390.png"), full_page=True)
    # Nothing is saved before the confirmation.
    assert _realisasi_tw1(demo_live) == 605206934

    page.click("text=Simpan Buku Kerja")
    page.click("dialog.konfirmasi .konfirmasi-ya")  # data-konfirmasi (static/js/sakip.js)
    page.wait_for_selector(".messages")
    assert "Buku Kerja disimpan" in page.inner_text(".messages")
    assert "Anggaran 0 dibuat, 1 diubah, 34 tetap" in page.inner_text(".messages")
    assert _realisasi_tw1(demo_live) == 605206935


def test_a_broken_workbook_shows_its_galat(demo_live, live_server, page, login, tmp_path):
    berkas = _berkas_diubah(demo_live, tmp_path)
    wb = load_workbook(berkas)
    wb["Realisasi"]["C2"] = "=1+1"
    wb.save(berkas)
    login(page, "perencana")
    page.goto(f"{live_server.url}/bukukerja/{demo_live.slug}/")
    page.set_input_files("#form-impor input[name=berkas]", str(berkas))
    page.click("#form-impor button[type=submit]")
    page.wait_for_selector("#impor-galat")
    galat = page.inner_text("#impor-galat")
    assert "Berkas ditolak: 1 galat" in galat and "Realisasi" in galat and "TW I" in galat
    assert page.locator("text=Simpan Buku Kerja").count() == 0
    page.screenshot(path=str(LAYAR / "bukukerja-galat.png"), full_page=True)
    assert _realisasi_tw1(demo_live) == 605206934


def test_kepala_downloads_but_does_not_upload(demo_live, live_server, page, login):
    login(page, "kepala")
    page.click("nav >> text=Buku Kerja")
    page.wait_for_selector("#bk-unduh")
    assert page.locator("#bk-unggah").count() == 0
    with page.expect_download() as info:
        page.click("#bk-unduh button[type=submit]")
    assert info.value.suggested_filename.startswith("buku-kerja-dinsos-gowa-")


def test_a_new_office_is_brought_in_from_one_workbook(demo_live, live_server, page, login,
                                                      tmp_path):
    pd = PerangkatDaerahFactory(pemda=demo_live.pemda, nama="Dinas Sosial Kota Baru",
                                slug="dinsos-baru")
    UserFactory(username="perencana.baru", peran=Role.PERENCANA, peran__perangkat_daerah=pd)
    berkas = tmp_path / "buku-kerja-kantor-baru.xlsx"
    berkas.write_bytes(_workbook().getvalue())
    login(page, "perencana.baru")
    page.goto(f"{live_server.url}/bukukerja/{pd.slug}/")
    assert "belum memiliki Renstra" in page.inner_text("#bk-unduh")
    page.set_input_files("#form-impor input[name=berkas]", str(berkas))
    page.fill("#form-impor input[name=tahun]", "2025")
    page.click("#form-impor button[type=submit]")
    page.wait_for_selector("#impor-ringkasan")
    baru = page.inner_text("#impor-baru")
    assert "Akan dibuat" in baru and "Renstra 2025–2029" in baru
    page.screenshot(path=str(LAYAR / "bukukerja-kantor-baru-pratinjau.png"), full_page=True)
    assert not Renstra.objects.filter(perangkat_daerah=pd).exists()
    page.click("text=Simpan Buku Kerja")
    page.click("dialog.konfirmasi .konfirmasi-ya")  # data-konfirmasi (static/js/sakip.js)
    page.wait_for_selector(".messages")
    assert "Buku Kerja disimpan" in page.inner_text(".messages")
    assert Renstra.objects.filter(perangkat_daerah=pd, tahun_awal=2025, tahun_akhir=2029).exists()
    assert Bidang.objects.filter(perangkat_daerah=pd).count() == 3
    # The office now has its years to download.
    assert page.locator("#bk-unduh select[name=tahun] option").count() == 5
    page.screenshot(path=str(LAYAR / "bukukerja-kantor-baru-selesai.png"), full_page=True)
