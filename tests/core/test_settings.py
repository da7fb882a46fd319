"""Production settings: debug off by default, SECRET_KEY required, check --deploy clean apart
from HSTS preload (which needs a real domain)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    base = {k: v for k, v in os.environ.items()
            if k not in ("DEBUG", "SECRET_KEY", "SAKIP_TESTING", "DJANGO_SETTINGS_MODULE",
                          "DJANGO_ALLOW_ASYNC_UNSAFE")}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=120)


def _python(code: str, **env):
    base = {k: v for k, v in os.environ.items()
            if k not in ("DEBUG", "SECRET_KEY", "SAKIP_TESTING", "DJANGO_SETTINGS_MODULE",
                          "DJANGO_ALLOW_ASYNC_UNSAFE")}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("entry", ["sakip.wsgi", "sakip.asgi"])
def test_server_refuses_to_start_without_secret_key_outside_debug(entry):
    r = _python(f"import {entry}")
    assert r.returncode != 0
    assert "SECRET_KEY wajib diisi di luar mode debug" in r.stderr
    assert _python(f"import {entry}", SECRET_KEY="k" * 50).returncode == 0


def test_offline_commands_run_without_the_production_secret():
    # check / makemigrations / migrate are tooling: they must not need the server's secret,
    # and an empty key is never replaced by a known one outside debug.
    assert _manage("check").returncode == 0
    r = _python("import django, os; os.environ['DJANGO_SETTINGS_MODULE']='sakip.settings'; "
                "django.setup(); from django.conf import settings; "
                "print(settings.SECRET_KEY_DIISI)")
    assert r.stdout.strip() == "False"


def test_check_deploy_is_clean_but_for_hsts_preload():
    r = _manage("check", "--deploy", SECRET_KEY="x" * 60 + "-bukan-kunci-sungguhan-123456",
                ALLOWED_HOSTS="sakip.example.go.id")
    assert r.returncode == 0, r.stderr
    warnings = [line for line in r.stderr.splitlines() if "(security." in line]
    assert [w.split(")")[0].split("(")[1] for w in warnings] == ["security.W021"]
