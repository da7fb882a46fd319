"""Production settings: debug off by default, SECRET_KEY required, check --deploy clean apart
from HSTS preload (which needs a real domain)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    base = {k: v for k, v in os.environ.items()
            if k not in ("DEBUG", "SECRET_KEY", "SAKIP_TESTING", "DJANGO_SETTINGS_MODULE",
                          "DJANGO_ALLOW_ASYNC_UNSAFE")}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=120)


def test_secret_key_is_required_outside_debug():
    r = _manage("check")
    assert r.returncode != 0
    assert "SECRET_KEY wajib diisi" in r.stderr


def test_check_deploy_is_clean_but_for_hsts_preload():
    r = _manage("check", "--deploy", SECRET_KEY="x" * 60 + "-bukan-kunci-sungguhan-123456",
                ALLOWED_HOSTS="sakip.example.go.id")
    assert r.returncode == 0, r.stderr
    warnings = [line for line in r.stderr.splitlines() if "(security." in line]
    assert [w.split(")")[0].split("(")[1] for w in warnings] == ["security.W021"]
