"""Authentication, security headers, request-body limits, refusal logs and the PDF fetcher
(sakip/keamanan.py, sakip/pdf.py, sakip/access.py)."""

import http.server
import io
import json
import logging
import re
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.http.multipartparser import MultiPartParser
from django.test import Client, override_settings
from django.urls import reverse

from kinerja.models import PerjanjianKinerja
from sakip.keamanan import GalatKlienSatuBaris, alamat_klien
from sakip.pdf import URLDitolak, berkas_static, dokumen_html, pengambil_url
from tests.factories import PASSWORD, PerangkatDaerahFactory

LOGIN = "/masuk/"


def _masuk(client, username, password, ip="10.0.0.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


# --- login throttling (django-axes) ----------------------------------------------------------

@override_settings(AXES_ENABLED=True)
def test_fifty_wrong_passwords_lock_the_account_then_admin_unlocks(demo):
    client = Client()
    jawaban = [_masuk(client, "perencana", f"salah-{i}").status_code for i in range(50)]
    # The first failures answer the login form again; from the limit on, the lockout page.
    assert jawaban[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(jawaban[settings.AXES_FAILURE_LIMIT:]) == {429}

    benar = _masuk(client, "perencana", PASSWORD)
    assert benar.status_code == 429, "the right password must not open a locked account"
    assert "_auth_user_id" not in client.session
    teks = benar.content.decode()
    assert "Akun dikunci sementara karena terlalu banyak percobaan masuk yang gagal" in teks
    assert "coba lagi setelah 30 menit atau hubungi admin" in teks

    call_command("axes_reset_username", "perencana", verbosity=0)
    assert _masuk(client, "perencana", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(
        get_user_model().objects.get(username="perencana").pk)


@override_settings(AXES_ENABLED=True)
def test_lockout_is_per_username_and_address(demo):
    """Someone hammering one account from one address does not lock its owner out elsewhere."""
    for i in range(settings.AXES_FAILURE_LIMIT):
        _masuk(Client(), "kepala", f"salah-{i}", ip="10.0.0.66")
    assert _masuk(Client(), "kepala", PASSWORD, ip="10.0.0.66").status_code == 429
    assert _masuk(Client(), "kepala", PASSWORD, ip="10.0.0.8").status_code == 302


@override_settings(AXES_ENABLED=True)
def test_a_successful_login_clears_earlier_failures(demo):
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        _masuk(Client(), "inspektorat", f"salah-{i}")
    assert _masuk(Client(), "inspektorat", PASSWORD).status_code == 302
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        _masuk(Client(), "inspektorat", f"salah-lagi-{i}")
    assert _masuk(Client(), "inspektorat", PASSWORD).status_code == 302


# --- password validators ----------------------------------------------------------------------

@pytest.mark.parametrize("sandi", ["sakip-demo", "Gowa2025", "Sakip2025!", "Password2025!",
                                   "1234567890", "admin12345"])
@override_settings(DEBUG=False)
def test_weak_passwords_are_refused(sandi):
    with pytest.raises(ValidationError):
        validate_password(sandi)


@pytest.mark.parametrize("sandi", ["Sakip2025!", "Gowa-2025!!"])
def test_a_known_word_with_digits_is_refused_with_a_reason(sandi):
    with pytest.raises(ValidationError) as e:
        validate_password(sandi)
    assert any("mudah ditebak" in m for m in e.value.messages)


@override_settings(DEBUG=False)
def test_demo_password_refused_outside_debug_with_its_own_message():
    with pytest.raises(ValidationError) as e:
        validate_password("sakip-demo")
    assert any("Kata sandi demo" in m for m in e.value.messages)


@override_settings(DEBUG=True)
def test_demo_password_allowed_in_debug():
    validate_password("sakip-demo")


@pytest.mark.parametrize("sandi", ["kuda-biru-makan-rumput", "Tumpukan Berkas LKjIP Triwulan"])
@override_settings(DEBUG=False)
def test_a_long_unusual_password_passes(sandi):
    validate_password(sandi)


# --- Content-Security-Policy ------------------------------------------------------------------

def _csp(response) -> dict[str, str]:
    kepala = response["Content-Security-Policy"]
    return {b.split()[0]: b.split(" ", 1)[1] if " " in b else ""
            for b in (x.strip() for x in kepala.split(";")) if b}


def test_every_page_carries_a_strict_policy(client_as, demo):
    for client, url in [(Client(), LOGIN),
                        (client_as("perencana"), reverse("beranda-pd", args=[demo.slug])),
                        (client_as("perencana"), f"{reverse('dasbor:kantor')}?pd={demo.slug}"),
                        (client_as("perencana"),
                         reverse("renstra:target-grid", args=[demo.slug]))]:
        r = client.get(url)
        assert r.status_code == 200, url
        csp = _csp(r)
        assert csp["script-src"] == "'self'", url
        assert "unsafe" not in csp["style-src"], url
        assert csp["default-src"] == "'self'"
        assert csp["frame-ancestors"] == "'none'"
        assert csp["object-src"] == "'none'"
        assert csp["form-action"] == "'self'" and csp["base-uri"] == "'self'"
        assert csp["img-src"] == "'self' data:"


def test_the_lkjip_preview_frame_is_sandboxed_and_framed_only_by_us(client_as, demo):
    r = client_as("perencana").get(reverse("laporan:pratinjau", args=[demo.slug, 2024]))
    assert r.status_code == 200
    csp = _csp(r)
    assert csp["frame-ancestors"] == "'self'"
    assert "sandbox" in csp
    assert csp["script-src"] == "'self'"
    assert r["X-Frame-Options"] == "SAMEORIGIN"


_SKRIP_INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
_PENANGAN = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.I)
_TEMPLATE = Path(settings.BASE_DIR) / "templates"


def test_no_template_has_inline_script_or_event_handler():
    """The policy refuses inline code: a template that brings some back breaks in browsers."""
    temuan = []
    for berkas in _TEMPLATE.rglob("*.html"):
        teks = berkas.read_text(encoding="utf-8")
        nama = berkas.relative_to(_TEMPLATE)
        for pola in (_SKRIP_INLINE, _PENANGAN):
            temuan += [f"{nama}: {m.group(0)}" for m in pola.finditer(teks)]
    assert not temuan, temuan


# --- the same answer for an office that does not exist and one the user may not see ------------

def test_unknown_and_hidden_office_answer_the_same(client_as, demo):
    PerangkatDaerahFactory(pemda=demo.pemda, nama="Dinas Lain", slug="dinas-lain")
    client = client_as("perencana")  # perencana of dinsos-gowa only
    tersembunyi = client.get(reverse("beranda-pd", args=["dinas-lain"]))
    tidak_ada = client.get(reverse("beranda-pd", args=["tidak-ada-sama-sekali"]))
    assert tersembunyi.status_code == tidak_ada.status_code == 404
    assert [t.name for t in tersembunyi.templates] == [t.name for t in tidak_ada.templates]
    assert "Halaman tidak ditemukan" in tersembunyi.content.decode()


def test_a_role_on_the_office_still_gets_the_reason_for_a_refusal(client_as, demo):
    r = client_as("staf.rehsos").get(reverse("kinerja:pk-buat", args=[demo.slug]))
    assert r.status_code == 403
    assert "tidak berwenang" in r.content.decode()


# --- refusals are logged on one line ----------------------------------------------------------

def test_a_403_is_logged_as_one_line_without_traceback(client_as, demo):
    handler = logging.getLogger("django").handlers[0]
    assert any(isinstance(f, GalatKlienSatuBaris) for f in handler.filters)
    keluaran = io.StringIO()
    lama = handler.setStream(keluaran)
    try:
        r = client_as("staf.rehsos").get(reverse("kinerja:pk-buat", args=[demo.slug]))
    finally:
        handler.setStream(lama)
    assert r.status_code == 403
    baris = [b for b in keluaran.getvalue().splitlines() if b.strip()]
    assert len(baris) == 1, baris
    assert "Forbidden" in baris[0] and "Traceback" not in baris[0]
    if baris[0].startswith("{"):
        assert "exc" not in json.loads(baris[0])


def test_the_filter_keeps_tracebacks_of_real_errors():
    def rekam(exc):
        try:
            raise exc
        except Exception as e:
            return logging.LogRecord("django.request", logging.ERROR, __file__, 1, "x", (),
                                     (type(e), e, e.__traceback__))

    ditolak, rusak = rekam(PermissionDenied("tidak")), rekam(ZeroDivisionError("bug"))
    f = GalatKlienSatuBaris()
    assert f.filter(ditolak) and ditolak.exc_info is None
    assert f.filter(rusak) and rusak.exc_info is not None


# --- request bodies ---------------------------------------------------------------------------

@pytest.fixture
def tanpa_parser(monkeypatch):
    """Fails the test if anything parses a multipart body."""
    def jangan(self, *a, **kw):
        raise AssertionError("multipart body was parsed")

    monkeypatch.setattr(MultiPartParser, "parse", jangan)


def test_anonymous_upload_is_never_read(demo, tanpa_parser):
    url = reverse("kinerja:staf-xlsx-unggah", args=[demo.slug])
    berkas = io.BytesIO(b"x" * (3 * 1024 * 1024))  # above FILE_UPLOAD_MAX_MEMORY_SIZE
    berkas.name = "realisasi.xlsx"
    r = Client().post(url, {"berkas": berkas})
    assert r.status_code == 302
    assert r["Location"].startswith(f"{reverse('login')}?next=")


def test_anonymous_large_form_is_refused_before_reading(demo):
    r = Client().post(LOGIN, "username=a&password=" + "x" * 40_000,
                      content_type="application/x-www-form-urlencoded")
    assert r.status_code == 413
    assert "terlalu besar" in r.content.decode()


def test_anonymous_login_form_still_works(demo):
    assert _masuk(Client(), "perencana", PASSWORD).status_code == 302


def test_a_body_above_the_cap_is_refused_before_parsing(client_as, demo, tanpa_parser):
    """Content-Length alone decides: the 1 GB of the probe is never read."""
    url = reverse("kinerja:staf-xlsx-unggah", args=[demo.slug])
    r = client_as("perencana").generic(
        "POST", url, b"--x--\r\n", content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(1024 ** 3))
    assert r.status_code == 413
    teks = r.content.decode()
    assert "Data yang dikirim terlalu besar (1024,0 MB); batasnya 25,0 MB" in teks
    assert "Tidak ada yang disimpan" in teks


def test_upload_limits_are_set_explicitly():
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE > settings.SAKIP_ANONIM_MAKS_BYTES
    assert settings.SAKIP_UNGGAH_MAKS_BYTES >= settings.SAKIP_XLSX_MAKS_BYTES
    assert settings.SAKIP_UNGGAH_MAKS_BYTES >= settings.BUKTI_MAX_BYTES


# --- the PK PDF is printed by those who work with it -------------------------------------------

@pytest.mark.parametrize(("username", "boleh"), [
    ("perencana", True), ("kepala", True), ("admin", True),
    ("inspektorat", False), ("staf.rehsos", False),
])
def test_pk_pdf_link_and_render_follow_the_rule(client_as, demo, username, boleh):
    pk = PerjanjianKinerja.objects.filter(perangkat_daerah=demo).first()
    client = client_as(username)
    halaman = client.get(reverse("kinerja:pk-detail", args=[demo.slug, pk.pk])).content.decode()
    assert ('id="unduh-pdf"' in halaman) is boleh
    if not boleh:  # refused before any layout (the allowed render is the slow matrix row)
        assert client.get(reverse("kinerja:pk-pdf", args=[demo.slug, pk.pk])).status_code == 403


# --- WeasyPrint fetches only our static files --------------------------------------------------

def test_static_files_resolve_and_nothing_else():
    assert berkas_static("file:///static/css/sakip.css") == (
        Path(settings.BASE_DIR) / "static" / "css" / "sakip.css").resolve()
    assert berkas_static((Path(settings.BASE_DIR) / "static/css/sakip.css").as_uri())
    for url in ["file:///etc/passwd", "http://127.0.0.1:8000/static/css/sakip.css",
                "https://example.org/x.png", "ftp://example.org/x",
                (Path(settings.BASE_DIR) / "static/../sakip/settings.py").as_uri(),
                "file:///static/../../etc/passwd", "file://remote-host/static/css/sakip.css"]:
        assert berkas_static(url) is None, url


@pytest.fixture
def server_pancingan():
    """A loopback HTTP server that records every request it gets."""
    permintaan = []

    class Penangan(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            permintaan.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"p { color: red }")

        def log_message(self, *args):
            pass

    srv = http.server.HTTPServer(("127.0.0.1", 0), Penangan)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", permintaan
    srv.shutdown()


@pytest.mark.slow
def test_weasyprint_fetches_nothing_outside_static(server_pancingan, caplog):
    asal, permintaan = server_pancingan
    html = (f'<link rel="stylesheet" href="{asal}/gaya.css">'
            f'<link rel="stylesheet" href="/static/css/laporan_cetak.css">'
            f'<img src="{asal}/gambar.png"><img src="file:///etc/passwd">'
            f'<img src="../../../../etc/hostname"><p>Dokumen tetap jadi.</p>')
    pdf = dokumen_html(html).write_pdf()
    assert pdf.startswith(b"%PDF")
    assert permintaan == []
    assert b"root:" not in pdf
    with pytest.raises(URLDitolak):
        pengambil_url().fetch(f"{asal}/langsung")
    assert permintaan == []
    # Our own stylesheet was served: no refusal was logged for it.
    assert "laporan_cetak.css" not in caplog.text


# --- in Chromium: the policy holds and nothing it forbids was needed -----------------------------

def _catat_pelanggaran(page) -> list[str]:
    """Console errors and page errors: a CSP refusal is reported as a console error."""
    galat: list[str] = []

    def konsol(m):
        # The browser asks for /favicon.ico on its own; the app has none.
        if m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico"):
            galat.append(m.text)

    page.on("console", konsol)
    page.on("pageerror", lambda e: galat.append(str(e)))
    return galat


def _grafik_tergambar(page) -> int:
    return page.evaluate(
        "Array.from(document.querySelectorAll('canvas')).filter(c => Chart.getChart(c)).length")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_work_under_the_policy_in_chromium(live_server, page, login):
    from demo.gowa import load_demo

    load_demo()
    galat = _catat_pelanggaran(page)
    url = live_server.url
    login(page, "perencana")

    # Office dashboard: every chart drawn by Chart.js from the static files.
    page.goto(f"{url}/dasbor/?pd=dinsos-gowa&tahun=2024")
    page.wait_for_load_state("networkidle")
    assert page.locator("canvas").count() >= 2
    assert _grafik_tergambar(page) == page.locator("canvas").count()

    # The year picker (moved from an inline handler to static/js/sakip.js) still navigates.
    page.goto(f"{url}/pd/dinsos-gowa/")
    pilihan = page.locator("select#tahun option").all_inner_texts()
    if len(pilihan) > 1:
        page.select_option("select#tahun", pilihan[-1])
        page.wait_for_url(f"**tahun={pilihan[-1]}*")

    # Target grid: htmx saves a cell in place.
    page.goto(f"{url}/renstra/dinsos-gowa/target/")
    sel = page.locator("td.sel input[type=text]").first
    sel_id = sel.evaluate("e => e.closest('td').id")
    sel.fill("7")
    sel.press("Tab")
    page.wait_for_selector(f"#{sel_id}.tersimpan")
    assert page.evaluate(
        "document.querySelectorAll('head style').length") == 0, "htmx injected a <style>"

    # Pagu grid: the same with rupiah.
    page.goto(f"{url}/renstra/dinsos-gowa/pagu/")
    sel = page.locator("td.sel input[type=text]").first
    sel_id = sel.evaluate("e => e.closest('td').id")
    sel.fill("1.000.000")
    sel.press("Tab")
    page.wait_for_selector(f"#{sel_id}.tersimpan")

    # The LKjIP page shows its preview frame (framed by us, sandboxed, inline print CSS).
    page.goto(f"{url}/laporan/dinsos-gowa/2024/")
    bingkai = page.frame_locator("iframe.pratinjau")
    bingkai.locator("h1").first.wait_for()

    # The pemda dashboard, as the Inspektorat.
    page.context.clear_cookies()
    login(page, "inspektorat")
    page.goto(f"{url}/dasbor/pemda/")
    page.wait_for_load_state("networkidle")
    assert _grafik_tergambar(page) >= 1

    # Django's admin (its scripts are files; its style attributes are allowed).
    page.context.clear_cookies()
    login(page, "admin")
    page.goto(f"{url}/admin/sakip/perangkatdaerah/")
    page.locator("#result_list tbody th a").first.click()
    page.wait_for_selector("form#perangkatdaerah_form")

    assert not galat, galat


@pytest.mark.parametrize(("peer", "diteruskan", "alamat"), [
    ("127.0.0.1", "6.6.6.6, 10.1.1.1", "10.1.1.1"),  # nginx on the machine: its own entry
    ("::1", "10.1.1.2", "10.1.1.2"),
    ("10.2.2.2", "6.6.6.6", "10.2.2.2"),  # a direct client cannot pick its address
    ("127.0.0.1", "", "127.0.0.1"),
])
def test_login_throttling_uses_the_address_nginx_saw(rf, peer, diteruskan, alamat):
    request = rf.post(LOGIN, REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=diteruskan)
    assert alamat_klien(request) == alamat
