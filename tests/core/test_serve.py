"""Running for real: `make serve` (scripts/serve.py), gunicorn's settings (deploy/), the proxy
settings and the one-line logs (sakip/log.py). The whole flow — serve, then the smoke test —
runs in CI (.ci/run) against PostgreSQL."""

import json
import logging
import multiprocessing
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from sakip.log import JsonFormatter

ROOT = Path(__file__).resolve().parents[2]
KUNCI = "k" * 60 + "-bukan-kunci-sungguhan"
_BUANG = ("DEBUG", "SECRET_KEY", "SAKIP_TESTING", "DJANGO_SETTINGS_MODULE", "DATABASE_URL",
          "SAKIP_HTTPS", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
          "SECURE_HSTS_SECONDS", "LOG_FORMAT", "HOST", "PORT", "WEB_CONCURRENCY",
          "DJANGO_ALLOW_ASYNC_UNSAFE")


def _run(args, **env):
    base = {k: v for k, v in os.environ.items() if k not in _BUANG}
    return subprocess.run(args, cwd=ROOT, env={**base, **env}, capture_output=True, text=True,
                          timeout=120)


def _serve(*args, **env):
    return _run([sys.executable, "scripts/serve.py", *args], **env)


# --- make serve ------------------------------------------------------------------------------

def test_serve_refuses_to_start_without_secret_key():
    r = _serve("--periksa")
    assert r.returncode == 1
    assert "make serve ditolak: SECRET_KEY belum diisi" in r.stderr
    assert "secrets.token_urlsafe" in r.stderr  # says how to make one
    assert "gunicorn" not in r.stdout  # nothing was planned, let alone started


def test_serve_refuses_the_known_development_key():
    r = _serve("--periksa", SECRET_KEY="dev-only-insecure-key-never-use-in-production")
    assert r.returncode == 1
    assert "kunci pengembangan" in r.stderr


def test_serve_accepts_sqlite_for_a_trial_with_a_warning():
    for url in ({}, {"DATABASE_URL": "sqlite:////tmp/sakip-coba.sqlite3"}):
        r = _serve("--periksa", SECRET_KEY=KUNCI, SAKIP_HTTPS="0", **url)
        assert r.returncode == 0, r.stderr
        assert "PERINGATAN: Basis data SQLite" in r.stderr
        assert "PostgreSQL" in r.stderr


def test_serve_with_postgresql_plans_gunicorn_and_the_worker_on_host_and_port():
    r = _serve("--periksa", SECRET_KEY=KUNCI, DATABASE_URL="postgres://u@127.0.0.1:5432/sakip",
               HOST="0.0.0.0", PORT="8123", SAKIP_HTTPS="0")
    assert r.returncode == 0, r.stderr
    assert "SQLite" not in r.stderr
    assert "http://0.0.0.0:8123/" in r.stdout
    assert "DEBUG mati" in r.stdout
    lines = dict(line.split(": ", 1) for line in r.stdout.splitlines()[1:])
    assert lines["web"].endswith("-m gunicorn -c " + str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert lines["worker"] == "manage.py sakip_worker --queue-name * --no-reload"
    assert lines["collectstatic"].startswith("manage.py collectstatic --noinput")
    assert lines["migrate"] == "manage.py migrate --noinput"


def test_serve_refuses_an_unknown_database_and_a_bad_port():
    r = _serve("--periksa", SECRET_KEY=KUNCI, DATABASE_URL="mysql://x@h/db")
    assert r.returncode == 1 and "DATABASE_URL tidak didukung: mysql://" in r.stderr
    r = _serve("--periksa", SECRET_KEY=KUNCI, PORT="delapan")
    assert r.returncode == 1 and "PORT tidak valid" in r.stderr


def test_serve_warns_that_https_mode_needs_the_proxy():
    r = _serve("--periksa", SECRET_KEY=KUNCI)
    assert "SAKIP_HTTPS=0" in r.stderr


# --- gunicorn (deploy/gunicorn.conf.py) ----------------------------------------------------

def _conf(monkeypatch, **env):
    for k in ("HOST", "PORT", "WEB_CONCURRENCY", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(k, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    return runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))


def test_gunicorn_workers_for_the_cores_bind_from_host_and_port(monkeypatch):
    c = _conf(monkeypatch)
    assert c["bind"] == ["127.0.0.1:8000"]
    assert c["workers"] == 2 * multiprocessing.cpu_count() + 1
    assert c["timeout"] == 120
    assert c["wsgi_app"] == "sakip.wsgi:application"
    assert c["preload_app"] is True
    assert c["control_socket_disable"] is True
    c = _conf(monkeypatch, HOST="0.0.0.0", PORT="9000", WEB_CONCURRENCY="3",
              GUNICORN_TIMEOUT="60")
    assert (c["bind"], c["workers"], c["timeout"]) == (["0.0.0.0:9000"], 3, 60)


def test_gunicorn_logs_through_the_json_formatter(monkeypatch):
    cfg = _conf(monkeypatch)["logconfig_dict"]
    assert cfg["formatters"]["json"]["()"] == "sakip.log.JsonFormatter"
    for name in ("gunicorn.error", "gunicorn.access"):
        handler = cfg["handlers"][cfg["loggers"][name]["handlers"][0]]
        assert handler["formatter"] == "json"
        assert cfg["loggers"][name]["propagate"] is False


@pytest.mark.parametrize(("env", "ok"), [({"SECRET_KEY": KUNCI}, True), ({}, False)])
def test_gunicorn_loads_the_app_only_with_a_secret_key(env, ok):
    # preload_app: the master imports sakip.wsgi, which refuses to start without the key.
    r = _run([sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py",
              "--check-config"], **env)
    assert (r.returncode == 0) is ok, r.stderr[-2000:]
    if not ok:
        assert "SECRET_KEY wajib diisi" in r.stderr


# --- settings behind the proxy ---------------------------------------------------------------

_CETAK = (
    "import json, os, re; os.environ['DJANGO_SETTINGS_MODULE']='sakip.settings'; "
    "from django.conf import settings as s; "
    "print(json.dumps({'redirect': s.SECURE_SSL_REDIRECT, 'session': s.SESSION_COOKIE_SECURE,"
    " 'csrf': s.CSRF_COOKIE_SECURE, 'hsts': s.SECURE_HSTS_SECONDS,"
    " 'proxy': list(s.SECURE_PROXY_SSL_HEADER or ()),"
    " 'exempt': any(re.search(p, 'healthz') for p in s.SECURE_REDIRECT_EXEMPT),"
    " 'format': s.LOGGING['handlers']['console']['formatter']}))"
)


def _produksi(**env):
    r = _run([sys.executable, "-c", _CETAK], SECRET_KEY=KUNCI, **env)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_production_settings_trust_the_proxy_header_and_exempt_healthz():
    s = _produksi()
    assert s == {"redirect": True, "session": True, "csrf": True, "hsts": 60 * 60 * 24 * 30,
                 "proxy": ["HTTP_X_FORWARDED_PROTO", "https"], "exempt": True, "format": "json"}


def test_plain_http_trial_turns_off_redirect_secure_cookies_and_hsts():
    s = _produksi(SAKIP_HTTPS="0")
    assert (s["redirect"], s["session"], s["csrf"], s["hsts"]) == (False, False, False, 0)
    # One switch, still overridable one by one.
    assert _produksi(SAKIP_HTTPS="0", SECURE_HSTS_SECONDS="60")["hsts"] == 60


# --- one record, one line --------------------------------------------------------------------

def _record(name="sakip.uji", msg="pesan", args=(), exc_info=None, **extra):
    rec = logging.LogRecord(name, logging.ERROR, __file__, 1, msg, args, exc_info)
    for k, v in extra.items():
        setattr(rec, k, v)
    return rec


def test_a_traceback_is_a_field_of_one_line():
    try:
        raise ZeroDivisionError("bagi nol")
    except ZeroDivisionError:
        exc = sys.exc_info()
    line = JsonFormatter().format(_record(msg="gagal\nbaris dua", exc_info=exc))
    assert "\n" not in line
    data = json.loads(line)
    assert data["msg"] == "gagal\nbaris dua"
    assert data["level"] == "ERROR" and data["logger"] == "sakip.uji"
    assert data["exc_type"] == "ZeroDivisionError"
    assert data["exc"].startswith("Traceback") and "bagi nol" in data["exc"]


def test_django_request_records_keep_method_path_and_status_only():
    class Permintaan:
        method, path = "POST", "/kinerja/dinsos-gowa/verifikasi/"
        COOKIES = {"sessionid": "rahasia"}

    line = JsonFormatter().format(_record(name="django.request", msg="Forbidden: %s",
                                          args=("/x",), request=Permintaan(), status_code=403))
    data = json.loads(line)
    assert (data["method"], data["path"], data["status_code"]) == (
        "POST", "/kinerja/dinsos-gowa/verifikasi/", 403)
    assert data["msg"] == "Forbidden: /x"
    assert "rahasia" not in line


def test_gunicorn_access_atoms_become_fields():
    atoms = {"h": "127.0.0.1", "m": "GET", "U": "/healthz", "q": "", "s": "200", "B": 242,
             "M": 3, "f": "-", "a": 'curl "7"', "{x-forwarded-for}i": "10.0.0.9"}
    rec = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, "%(h)s", (), None)
    rec.args = atoms  # as gunicorn's glogging passes them (a dict, not a tuple)
    data = json.loads(JsonFormatter().format(rec))
    assert data == {**{k: data[k] for k in ("time", "pid")}, "level": "INFO",
                    "logger": "gunicorn.access", "msg": "akses", "remote": "127.0.0.1",
                    "method": "GET", "path": "/healthz", "status": 200, "bytes": 242, "ms": 3,
                    "user_agent": 'curl "7"', "forwarded_for": "10.0.0.9"}


def test_production_logging_prints_an_error_with_traceback_as_one_json_line():
    code = (
        "import logging, os; os.environ['DJANGO_SETTINGS_MODULE']='sakip.settings'; "
        "import django; django.setup(); "
        "log = logging.getLogger('django.request')\n"
        "try:\n    {}['x']\nexcept KeyError:\n"
        "    log.error('Internal Server Error: /a', exc_info=True, extra={'status_code': 500})\n"
        "logging.getLogger('sakip.uji').warning('peringatan %s', 'satu')\n"
    )
    r = _run([sys.executable, "-c", code], SECRET_KEY=KUNCI)
    assert r.returncode == 0, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 2, r.stderr
    galat, peringatan = (json.loads(line) for line in lines)
    assert galat["logger"] == "django.request" and galat["status_code"] == 500
    assert galat["exc_type"] == "KeyError" and "Traceback" in galat["exc"]
    assert peringatan["msg"] == "peringatan satu"
