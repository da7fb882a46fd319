"""The Renstra editor in a real browser: a planner types an Indonesian number into the target
grid and HTMX saves the cell in place; bad input is answered in place; readers cannot edit."""

from decimal import Decimal

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IKU = "Jumlah Penurunan Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)"


def test_perencana_edits_a_target_typing_indonesian_number(live_server, page, login):
    from demo.gowa import load_demo
    from renstra.models import Indikator, TargetIndikator
    from sakip.models import JejakAudit

    load_demo()
    iku = Indikator.objects.get(uraian=IKU)
    login(page, "perencana")
    page.click("nav >> text=Renstra")
    page.wait_for_selector("#renstra-tujuan")
    page.click("text=Grid target")
    cell = page.locator(f"#sel-{iku.pk}-2025 input[type=text]")
    assert cell.input_value() == "600"
    cell.fill("1.250,5")
    cell.press("Tab")  # change → hx-post; the cell is swapped with the saved value
    page.wait_for_selector(f"#sel-{iku.pk}-2025.tersimpan")
    assert page.locator(f"#sel-{iku.pk}-2025 input[type=text]").input_value() == "1.250,5"
    # Saved, with the warning that a count target has decimals (renstra.kewajaran).
    pesan = page.inner_text(f"#sel-{iku.pk}-2025 .pesan.peringatan")
    assert "tersimpan" in pesan and "berdesimal, padahal satuan" in pesan
    assert TargetIndikator.objects.get(indikator=iku, tahun=2025).nilai == Decimal("1250.5")
    assert JejakAudit.objects.filter(model="renstra.targetindikator", nilai_lama="600",
                                     nilai_baru="1250.5").exists()
    page.screenshot(path="var/screenshots/renstra-target-grid.png", full_page=True)

    bad = page.locator(f"#sel-{iku.pk}-2026 input[type=text]")
    bad.fill("12.34")
    bad.press("Tab")
    page.wait_for_selector(f"#sel-{iku.pk}-2026.galat")
    assert "titik dipakai sebagai pemisah ribuan" in page.inner_text(f"#sel-{iku.pk}-2026")
    assert TargetIndikator.objects.get(indikator=iku, tahun=2026).nilai == Decimal("615")

    page.reload()
    assert page.locator(f"#sel-{iku.pk}-2025 input[type=text]").input_value() == "1.250,5"
    assert page.locator(f"#sel-{iku.pk}-2026 input[type=text]").input_value() == "615"
    page.goto(f"{live_server.url}/renstra/dinsos-gowa/")
    row = page.locator(f"#indikator-{iku.pk}")
    # The tree shows what the grid shows: a stored digit is never hidden by the desimal.
    assert "1.250,5" in row.inner_text() and "1.251" not in row.inner_text()
    page.screenshot(path="var/screenshots/renstra-pohon.png", full_page=True)


def test_perencana_edits_indicator_settings(live_server, page, login):
    from demo.gowa import load_demo
    from renstra.models import Indikator

    load_demo()
    iku = Indikator.objects.get(uraian=IKU)
    login(page, "perencana")
    page.goto(f"{live_server.url}/renstra/dinsos-gowa/indikator/{iku.pk}/")
    page.fill("#id_baseline_nilai", "4.674")
    page.check("#id_is_spm")
    page.fill("#id_target_2026", "1.000.000,25")
    page.fill("#id_alasan", "Koreksi baseline (G-03)")
    page.screenshot(path="var/screenshots/renstra-indikator-edit.png", full_page=True)
    page.click("#indikator-form button[type=submit]")
    page.wait_for_selector("#renstra-tujuan")
    assert "Indikator disimpan." in page.inner_text(".messages")
    iku.refresh_from_db()
    assert iku.baseline_nilai == Decimal("4674") and iku.is_spm
    assert iku.target_set.get(tahun=2026).nilai == Decimal("1000000.25")


@pytest.mark.parametrize("username", ["staf.rehsos", "inspektorat"])
def test_readers_see_the_tree_but_cannot_edit(live_server, page, login, username):
    from demo.gowa import load_demo

    load_demo()
    login(page, username)
    page.goto(f"{live_server.url}/renstra/dinsos-gowa/")
    assert IKU in page.inner_text("#renstra-tujuan")
    assert page.locator("text=Grid target").count() == 0
    r = page.goto(f"{live_server.url}/renstra/dinsos-gowa/target/")
    assert r.status == 403
    assert "tidak berwenang" in page.inner_text("main")
