"""Dashboards in a real browser.

* Inspektorat opens the pemda dashboard, drills down to an evidence file, writes a review note,
  and every attempt to change data outside its own records (notes, evaluation, notifications)
  through its session is refused.
* The Kepala Dinas sees the note on the office dashboard and answers it.
* staf.rehsos sees only the detail of its own bidang.
* Both dashboards at laptop (1280) and phone (390) widths, charts drawn, screenshots kept.
"""

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LAYAR = Path("var/screenshots")


@pytest.fixture
def dunia(live_server, settings, tmp_path, request):
    from tests.access.conftest import World

    settings.MEDIA_ROOT = tmp_path / "media"
    LAYAR.mkdir(parents=True, exist_ok=True)
    return World(request.getfixturevalue("demo"))  # after MEDIA_ROOT: its evidence goes there


def _grafik_siap(page) -> int:
    page.wait_for_load_state("networkidle")
    return page.evaluate("() => document.querySelectorAll('figure.siap').length")


def test_inspektorat_drills_down_writes_a_note_and_changes_nothing(dunia, live_server, page,
                                                                    login):
    from urllib.parse import urlencode

    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction
    from django.urls import reverse

    from dasbor.models import CatatanReviu
    from tests.access.spec import DENY, HIDDEN, NA, OK
    from tests.access.test_matrix import MATRIX, _fingerprint

    login(page, "inspektorat")
    page.click("nav >> text=Dasbor Pemda")
    page.wait_for_selector("#tabel-pd")
    row = page.locator("#tabel-pd tbody tr", has_text="Dinas Sosial Kabupaten Gowa")
    assert "112,59 %" in row.inner_text() and "Sangat Berhasil" in row.inner_text()
    page.screenshot(path=str(LAYAR / "dasbor-pemda-inspektorat.png"), full_page=True)

    row.locator("a", has_text="Dinas Sosial Kabupaten Gowa").click()
    page.wait_for_selector("#capaian-iku")
    assert _grafik_siap(page) == 3
    page.locator("#sasaran a", has_text="Menurunnya Pemerlu").click()
    page.wait_for_selector("h1:has-text('Menurunnya Pemerlu')")
    page.locator("table a", has_text="Jumlah Penurunan Pemerlu").first.click()
    page.wait_for_selector("#tabel-triwulan")
    page.locator("#tabel-triwulan tr", has_text="TW IV").locator("a").click()
    page.wait_for_selector("#bukti")
    assert "Diverifikasi" in page.inner_text("#riwayat")
    link = page.locator("#bukti a.bukti-unduh").first
    berkas = page.request.get(live_server.url + link.get_attribute("href"))
    assert berkas.status == 200 and berkas.body().startswith(b"%PDF")

    page.fill("#catatan textarea[name=isi]", "Bukti TW IV baru rekapitulasi; lampirkan rincian.")
    page.click("#catatan button[type=submit]")
    page.wait_for_selector(".messages")
    assert "Catatan reviu disimpan" in page.inner_text(".messages")
    assert "Bukti TW IV baru rekapitulasi" in page.inner_text("#catatan")
    catatan = CatatanReviu.objects.get(isi__startswith="Bukti TW IV baru")
    assert catatan.dibuat_oleh.username == "inspektorat"

    # Every other endpoint, posted with this session and a valid CSRF token: refused, and no
    # table differs afterwards. (URLs first: some matrix rows create their object.)
    sasaran = []
    for name, spec in sorted(MATRIX.items()):
        # Where the matrix lets the Inspektorat POST, it writes its own records: its password,
        # review notes, the evaluation (LKE, LHE), its notifications (tests/access/test_matrix.py
        # checks those change nothing else).
        if name in ("login", "logout") or spec.post["inspektorat"] == OK:
            continue
        try:
            with transaction.atomic():
                url = reverse(name, kwargs=spec.kwargs(dunia))
        except (IntegrityError, ValidationError):
            # A row that creates its object, made already for a sibling URL (the services
            # refuse a second one: SudahAda, e.g. the 2023 evaluation of lke:ajukan/lke:lhe).
            continue
        if spec.query:
            url += "?" + urlencode(spec.query(dunia))
        sasaran.append((name, url, spec.post_data(dunia) if spec.post_data else {},
                        spec.post["inspektorat"]))
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    sebelum = _fingerprint()
    # Refused as the matrix says: 403, 405, or 404 for another user's notification.
    kode = {DENY: 403, NA: 405, HIDDEN: 404}
    for name, url, data, harap in sasaran:
        resp = page.request.post(live_server.url + url, form=data or {"x": "1"},
                                 headers={"X-CSRFToken": token, "Referer": live_server.url})
        assert resp.status == kode[harap], (name, resp.status)
        if resp.status == 403:
            assert "CSRF" not in resp.text(), name  # refused by access, not by the token
    assert len(sasaran) >= 10
    assert _fingerprint() == sebelum


def test_kepala_sees_and_answers_the_note(dunia, page, login):
    from dasbor import services
    from dasbor.models import CatatanReviu
    from renstra.models import Indikator

    iku = Indikator.objects.get(renstra__perangkat_daerah=dunia.pd, is_iku=True)
    c = services.catatan_create(target=iku, tahun=2024, user=dunia.users["inspektorat"],
                                isi="Target 2025 di bawah realisasi 2024; mohon penjelasan.")
    login(page, "kepala")
    page.click("nav >> text=Dasbor")
    page.wait_for_selector("#catatan")
    assert "Target 2025 di bawah realisasi 2024" in page.inner_text("#catatan")
    page.locator("#catatan a", has_text=f"Catatan #{c.pk}").click()
    page.wait_for_selector("#form-jawab")
    page.fill("#form-jawab textarea", "Target Renstra 2025 akan direviu pada Renstra perubahan.")
    page.click("#form-jawab button[type=submit]")
    page.wait_for_selector(".messages")
    assert page.inner_text("#status-catatan") == "Dijawab"
    riwayat = page.inner_text("#riwayat-catatan")
    assert "Target Renstra 2025 akan direviu" in riwayat
    assert "Kepala perangkat daerah" in riwayat
    c.refresh_from_db()
    assert c.status == CatatanReviu.Status.DIJAWAB


def test_staf_rehsos_sees_only_its_bidang(dunia, live_server, page, login):
    from renstra.models import Indikator

    login(page, "staf.rehsos")
    page.goto(f"{live_server.url}/dasbor/?tahun=2024")
    page.wait_for_selector("#program")
    text = page.inner_text("main")
    assert "Bidang Pelayanan dan Rehabilitasi Sosial" in text
    assert "1.06.04" in text and "1.06.05" not in text
    assert page.locator("#capaian-iku").count() == 0
    assert page.locator("#catatan").count() == 0
    page.locator("#program a", has_text="Persentase PPKS yang Mendapatkan").click()
    page.wait_for_selector("#tabel-triwulan")
    iku = Indikator.objects.get(renstra__perangkat_daerah=dunia.pd, is_iku=True)
    resp = page.goto(f"{live_server.url}/dasbor/pd/dinsos-gowa/indikator/{iku.pk}/")
    assert resp.status == 403
    assert "Akses ditolak" in page.inner_text("main")


@pytest.mark.parametrize("lebar", [1280, 390])
def test_dashboards_fit_laptop_and_phone(dunia, live_server, browser, lebar):
    context = browser.new_context(locale="id-ID", viewport={"width": lebar, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", "inspektorat")
    page.fill("#id_password", "sakip-demo")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    for nama, path, grafik in [
        ("kantor", "/dasbor/?pd=dinsos-gowa&tahun=2024&tw=4", 3),
        ("pemda", "/dasbor/pemda/?tahun=2024", 0),
    ]:
        page.goto(live_server.url + path)
        assert _grafik_siap(page) >= grafik
        # Wide tables scroll inside their box; the page itself never scrolls sideways.
        lebar_halaman = page.evaluate("() => document.documentElement.scrollWidth")
        assert lebar_halaman <= lebar + 1, (nama, lebar_halaman)
        page.screenshot(path=str(LAYAR / f"dasbor-{nama}-{lebar}.png"), full_page=True)
    context.close()
