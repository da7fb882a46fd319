"""Each demo role logs in to its work inbox, clicks the waiting item and finishes the task:
the staf fills and submits a realisasi, the perencana verifies one, the Kepala reaches the
penetapan form of the PK waiting for him, the Inspektorat opens the late office and replies to
an answered note. Screenshots of every inbox at 1280 px and 390 px go to var/screenshots/."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots"
PERM = "Jumlah Penyandang Disabilitas, Anak dan Lanjut Usia Terlantar yang Mendapatkan Permakanan"


@pytest.fixture
def demo_live(live_server):
    from demo.gowa import load_demo

    load_demo()
    return live_server


@pytest.fixture
def masuk(browser, demo_live):
    konteks = []

    def do(username, lebar=1280):
        ctx = browser.new_context(locale="id-ID", viewport={"width": lebar, "height": 900})
        pg = ctx.new_page()
        pg.set_default_timeout(15000)
        pg.goto(f"{demo_live.url}/masuk/")
        pg.fill("#id_username", username)
        pg.fill("#id_password", "sakip-demo")
        pg.click("button[type=submit]")
        pg.wait_for_load_state("networkidle")
        konteks.append(ctx)
        return pg

    yield do
    for ctx in konteks:
        ctx.close()


def _konfirmasi(page, selector):
    """Click a button; when it asks for confirmation (data-konfirmasi), confirm."""
    page.click(selector)
    dialog = page.locator("dialog.konfirmasi[open] .konfirmasi-ya")
    try:
        dialog.wait_for(timeout=2000)
    except Exception:  # noqa: BLE001 — no confirmation asked: the click already posted
        return
    dialog.click()


def _butir(page, kunci):
    return page.locator(f"li.kotak-butir[data-kunci='{kunci}']").first


def _layar(page, nama):
    page.screenshot(path=f"{SHOTS}/kotak-{nama}-{page.viewport_size['width']}.png",
                    full_page=True)


def _diajukan(pd):
    """A value of Bidang PRS submitted for verification (through the services)."""
    from demo.kinerja import pdf_sederhana
    from kinerja.models import Realisasi
    from kinerja.realisasi import services
    from renstra.models import Indikator

    ind = Indikator.objects.get(uraian=PERM)
    staf = get_user_model().objects.get(username="staf.rehsos")
    assert services.realisasi_save(pd=pd, tahun=2025, user=staf, entri=[
        services.Entri(ind, 2, {"nilai": Decimal("300")})]).ok
    r = Realisasi.objects.get(indikator=ind, tahun=2025, triwulan=2)
    services.bukti_create(realisasi=r, berkas=SimpleUploadedFile(
        "tw2.pdf", pdf_sederhana(["Permakanan TW II 2025"]), "application/pdf"),
        user=staf, pd=pd)
    dikirim, ditolak = services.realisasi_submit(pd=pd, realisasi=[r], user=staf)
    assert dikirim and not ditolak
    return r


def test_staf_fills_and_submits_from_the_inbox(masuk, demo_live, tmp_path):
    from demo.kinerja import pdf_sederhana
    from kinerja.models import Realisasi

    staf = masuk("staf.rehsos")
    assert staf.url == f"{demo_live.url}/"
    assert "Yang perlu Anda kerjakan" in staf.inner_text("h1")
    item = _butir(staf, "isi-realisasi")
    assert "3 dari 3 indikator belum diajukan" in item.inner_text()
    assert "terlambat" in item.inner_text()
    assert staf.inner_text("#kotak-lencana") == "1"
    _layar(staf, "staf")
    item.locator("a.kotak-judul").click()
    staf.wait_for_selector("#tabel-realisasi")
    staf.locator("#tabel-realisasi tbody tr", has_text=PERM).first.locator(
        "a", has_text="Isi").click()
    staf.fill("#id_nilai", "300")
    pdf = tmp_path / "tw2.pdf"
    pdf.write_bytes(pdf_sederhana(["Permakanan TW II 2025"]))
    staf.set_input_files("#id_bukti", str(pdf))
    _konfirmasi(staf, "button[value=ajukan]")
    staf.wait_for_selector("#tabel-realisasi")
    assert "diajukan" in staf.inner_text(".messages")
    assert Realisasi.objects.get(indikator__uraian=PERM, tahun=2025, triwulan=2).status == (
        "diajukan")
    # Back home: one indicator less to fill.
    staf.click("#nav-beranda")
    assert "2 dari 3 indikator belum diajukan" in _butir(staf, "isi-realisasi").inner_text()


def test_perencana_verifies_from_the_inbox(masuk, demo_live, demo_pd):
    r = _diajukan(demo_pd)
    per = masuk("perencana")
    item = _butir(per, "verifikasi")
    assert "1 nilai realisasi diajukan" in item.inner_text()
    _layar(per, "perencana")
    item.locator("a.kotak-judul").click()
    _konfirmasi(per, f"#real-{r.pk} button[value=setuju]")
    per.wait_for_selector(".messages")
    assert "diverifikasi" in per.inner_text(".messages")
    r.refresh_from_db()
    assert r.status == "diverifikasi"
    # A page other than the inbox fetches the badge: three items are left.
    # (expect() polls without eval, which the page's CSP forbids)
    expect(per.locator("#kotak-lencana")).to_have_text("3")


def test_kepala_signs_the_waiting_pk_from_the_inbox(masuk, demo_live, demo_pd):
    from kinerja.models import PerjanjianKinerja
    from kinerja.pk import services

    perencana = get_user_model().objects.get(username="perencana")
    lama = PerjanjianKinerja.objects.filter(perangkat_daerah=demo_pd, tahun=2024).order_by(
        "-versi").first()
    baru = services.pk_revise(pk=lama, alasan="mutasi_pejabat", user=perencana,
                              alasan_uraian="Pergantian Kepala Dinas.")
    services.pk_submit(pk=baru, user=perencana)
    kepala = masuk("kepala")
    item = _butir(kepala, "pk-penetapan")
    assert f"Tetapkan PK 2024 versi {baru.versi}" in item.inner_text()
    _layar(kepala, "kepala")
    item.locator("a.kotak-judul").click()
    kepala.wait_for_selector("#tetapkan")
    # ... and finishes it: date and number of the signed PK, the confirmation, the inbox empties
    kepala.fill("#id_tanggal", "2024-10-01")
    kepala.fill("#id_nomor", "800/41/DINSOS/2024")
    kepala.click("#tetapkan-btn")
    with kepala.expect_navigation():
        kepala.click("dialog.konfirmasi .konfirmasi-ya")
    expect(kepala.locator("#pk-status")).to_have_text("Ditetapkan")
    baru.refresh_from_db()
    assert baru.status == "ditetapkan" and baru.nomor == "800/41/DINSOS/2024"
    kepala.click("#nav-beranda")
    kepala.wait_for_load_state("networkidle")
    assert kepala.locator("li.kotak-butir[data-kunci='pk-penetapan']").count() == 0


def test_inspektorat_opens_the_late_office_and_replies_to_a_note(masuk, demo_live):
    insp = masuk("inspektorat")
    _layar(insp, "inspektorat")
    item = _butir(insp, "kantor-terlambat")
    assert "Pengisian TW II 2025 terlambat" in item.inner_text()
    item.locator("a.kotak-judul").click()
    insp.wait_for_load_state("networkidle")
    assert "Dinas Sosial Kabupaten Gowa" in insp.inner_text("main")
    insp.click("#nav-beranda")
    _butir(insp, "catatan-dijawab").locator("a.kotak-judul").click()
    insp.locator("table a[href*='/dasbor/catatan/']").first.click()
    insp.fill("#form-jawab textarea", "Jawaban diterima; lengkapi bukti TW IV.")
    insp.click("#form-jawab button[type=submit]")
    insp.wait_for_load_state("networkidle")
    assert "Jawaban diterima; lengkapi bukti TW IV." in insp.inner_text("main")


@pytest.mark.parametrize("username", ["staf.rehsos", "perencana", "kepala", "inspektorat",
                                      "admin"])
def test_inbox_fits_a_phone(masuk, username):
    pg = masuk(username, lebar=390)
    assert "Yang perlu Anda kerjakan" in pg.inner_text("h1")
    lebar = pg.evaluate("document.documentElement.scrollWidth")
    _layar(pg, username.replace(".", "-"))
    assert lebar <= 390, lebar
    if username == "admin":
        assert "Tidak ada pekerjaan yang menunggu Anda." in pg.inner_text("main")


@pytest.fixture
def demo_pd(demo_live):
    from sakip.models import PerangkatDaerah

    return PerangkatDaerah.objects.get(slug="dinsos-gowa")
