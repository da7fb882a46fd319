"""Shared test world (style.md: one base of users and data, each test 5–10 lines).

* The Gowa 2024 demo is loaded through the services (the same as ``manage.py demo``) ONCE per
  test session (per xdist worker), right after the test database is created: every ``db`` test
  runs in a rolled-back transaction on top of it, so the database a test sees always holds the
  demo office. A test that needs an empty world builds its own office (``tests/factories.py``)
  and filters by it.
* ``demo``: the demo ``PerangkatDaerah`` (slug ``dinsos-gowa``); reloaded only when missing
  (transactional and ``live_server`` tests flush the database after each test); an evidence
  file of the demo that a test deleted is put back (files are not rolled back).
* ``client_as(username)``: a logged-in Django test client for a demo user.
* ``browser`` / ``page``: Playwright driving Debian's Chromium (/usr/bin/chromium); never a
  downloaded browser. Browser tests are marked ``browser``.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.test import Client

from tests.permintaan import tunggu_sepi

CHROMIUM = os.environ.get("SAKIP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
DEMO_SLUG = "dinsos-gowa"


def pytest_configure(config):
    # Each xdist worker has its own database; give it its own MEDIA_ROOT too, so one worker's
    # test deleting an evidence file never removes another worker's demo file.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        from django.conf import settings

        settings.MEDIA_ROOT = Path(settings.MEDIA_ROOT) / worker


# Evidence files of the demo by sha256: files are not rolled back with the database, so a test
# that deletes one (or reloads the demo inside its transaction) must not break the next test.
_BUKTI: dict[str, bytes] = {}


def _bukti_demo():
    from kinerja.models import BuktiDukung

    return BuktiDukung.objects.filter(
        realisasi__indikator__renstra__perangkat_daerah__slug=DEMO_SLUG
    ).values_list("file", "sha256")


def _load_demo():
    from django.core.files.storage import default_storage

    from demo.gowa import load_demo

    pd = load_demo()
    for name, sha in _bukti_demo():
        with default_storage.open(name, "rb") as fh:
            _BUKTI[sha] = fh.read()
    return pd


def _restore_bukti() -> bool:
    """Put back any demo evidence file that left the disk; False if one cannot be restored."""
    from django.core.files.storage import default_storage

    for name, sha in _bukti_demo():
        if default_storage.exists(name):
            continue
        if sha not in _BUKTI:
            return False
        path = Path(default_storage.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_BUKTI[sha])
    return True


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_keepdb):
    """The test database with the demo committed once. A database kept by ``--reuse-db``
    (PostgreSQL) is emptied first: a run stopped halfway may have left rows behind."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        if django_db_keepdb:
            call_command("flush", interactive=False, verbosity=0)
        _load_demo()


@pytest.fixture
def demo(db):
    from sakip.models import PerangkatDaerah

    # With its pemda, as load_demo returns it: query-count tests see the same queries.
    pd = PerangkatDaerah.objects.select_related("pemda").filter(slug=DEMO_SLUG).first()
    if pd is not None and _restore_bukti():
        return pd
    return _load_demo()


@pytest.fixture
def client_as(db):
    from django.contrib.auth import get_user_model

    def make(username: str) -> Client:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return make


@pytest.fixture(autouse=True)
def _server_sepi_sebelum_reset(request):
    """A live-server test ends only when the server has answered every request (the badge
    fetch of the last page, tests/permintaan.py): the database reset after it would otherwise
    deadlock on PostgreSQL. The database fixture is set up before this one, so it is reset
    after it."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    if "browser" in request.fixturenames:
        for ctx in request.getfixturevalue("browser").contexts:
            ctx.close()
    tunggu_sepi()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium tidak ditemukan di {CHROMIUM}; jalankan `make test` (memasangnya).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


@pytest.fixture
def login(live_server):
    """Log a Playwright page in through the real login form."""

    def do(page, username: str, password: str = "sakip-demo"):
        page.goto(f"{live_server.url}/masuk/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        return page

    return do
