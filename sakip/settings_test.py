"""Test settings: the same settings module with the testing switches on (MD5 hasher, locmem
mail, plain static storage). ``DATABASE_URL`` still chooses SQLite or PostgreSQL."""

import os

os.environ.setdefault("SAKIP_TESTING", "1")
# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from sakip.settings import *  # noqa: E402,F403

MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Login throttling counts failures per username and address: tests log in with
# ``client.login`` (no request) and share addresses, so axes is off here and switched on with
# override_settings in tests/core/test_keamanan.py.
AXES_ENABLED = False
# Browser tests wait for the live server to be idle before the database is reset
# (tests/permintaan.py).
MIDDLEWARE = ["tests.permintaan.HitungPermintaan", *MIDDLEWARE]  # noqa: F405
