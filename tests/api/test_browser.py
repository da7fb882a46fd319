"""The browsable API page and the token page in Chromium: Swagger UI renders every endpoint
from the vendored files with no CSP violation or console error; the token page reads at laptop
and phone widths."""

import re

import pytest

from api.models import TokenAPI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _galat(page) -> list[str]:
    galat: list[str] = []
    # The site has no favicon (base.html): that 404 is the browser's own request, not ours.
    page.on("console", lambda m: galat.append(f"{m.text} {m.location.get('url', '')}")
            if m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico")
            else None)
    page.on("pageerror", lambda e: galat.append(str(e)))
    return galat


def test_docs_page_renders_every_endpoint_without_csp_errors(live_server, page):
    galat = _galat(page)
    luar: list[str] = []
    page.on("request", lambda r: luar.append(r.url)
            if not r.url.startswith(live_server.url) and not r.url.startswith("data:")
            else None)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = {p.strip().replace("\u200b", "") for p in
             page.locator(".opblock-summary-path").all_inner_texts()}
    assert "/api/v1/lkjip" in paths and "/api/v1/perangkat-daerah/{slug}/capaian/{tahun}" in paths
    assert len(paths) >= 9
    assert "SAKIP" in page.inner_text(".info")
    for lebar in (1280, 390):
        page.set_viewport_size({"width": lebar, "height": 900})
        page.screenshot(path=f"var/screenshots/api-docs-{lebar}.png", full_page=False)
    assert not [g for g in galat if re.search(r"Content.Security|CSP|Refused", g)], galat
    assert not galat, galat
    assert not luar, luar


def test_admin_creates_and_revokes_a_token_in_the_browser(live_server, page, login):
    from demo.gowa import load_demo

    load_demo()
    galat = _galat(page)
    login(page, "admin")
    page.click("text=Token API")
    page.fill("#id_nama", "Bappeda – dasbor RPJMD")
    page.click("button:has-text('Buat token')")
    token = page.inner_text("#token-teks")
    assert token.startswith("sakip_") and len(token) > 40
    for lebar in (1280, 390):
        page.set_viewport_size({"width": lebar, "height": 900})
        page.screenshot(path=f"var/screenshots/api-token-{lebar}.png", full_page=True)
    page.click("#daftar-token button:has-text('Cabut')")
    # data-konfirmasi (static/js/sakip.js): nothing is posted until the dialog is confirmed.
    dialog = page.locator("dialog.konfirmasi[open]")
    assert "Bappeda – dasbor RPJMD akan dicabut" in dialog.inner_text()
    assert TokenAPI.objects.get(nama="Bappeda – dasbor RPJMD").dicabut_pada is None
    with page.expect_navigation():
        dialog.locator(".konfirmasi-ya").click()
    assert "dicabut" in page.inner_text("#daftar-token")
    assert TokenAPI.objects.get(nama="Bappeda – dasbor RPJMD").dicabut_oleh.username == "admin"
    assert not galat, galat
