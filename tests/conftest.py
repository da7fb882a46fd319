"""Shared test world (style.md: one base of users and data, each test 5–10 lines).

* ``demo``: the Gowa 2024 demo loaded through the services (the same as ``manage.py demo``).
* ``client_as(username)``: a logged-in Django test client for a demo user.
* ``browser`` / ``page``: Playwright driving Debian's Chromium (/usr/bin/chromium); never a
  downloaded browser. Browser tests are marked ``browser``.
"""

import os
import shutil

import pytest
from django.test import Client

CHROMIUM = os.environ.get("SAKIP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture
def demo(db):
    from demo.gowa import load_demo

    return load_demo()


@pytest.fixture
def client_as(db):
    from django.contrib.auth import get_user_model

    def make(username: str) -> Client:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return make


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
