"""`make serve`: SAKIP in production mode on one machine.

Checks the environment (refuses to start without SECRET_KEY), collects the static files,
migrates, then runs gunicorn (deploy/gunicorn.conf.py) and the task worker
(`manage.py sakip_worker`) side by side; Ctrl+C or SIGTERM stops both, and when one of them
dies the other is stopped too (a web server whose PDFs never come is not "up").

    SECRET_KEY=… DATABASE_URL=postgres://… HOST=127.0.0.1 PORT=8000 make serve
    .venv/bin/python scripts/serve.py --periksa     # only check and print the plan

Exit status: 0 stopped cleanly, 1 refused (configuration), otherwise that of the process that
stopped first. Standalone on purpose (no Django import): it runs before the settings can.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import environ

ROOT = Path(__file__).resolve().parent.parent
KUNCI_DEV = "dev-only-insecure-key-never-use-in-production"  # noqa: S105 (the one to refuse)
PG = ("postgres://", "postgresql://", "pgsql://", "postgis://")
BERHENTI_DETIK = 40  # gunicorn's graceful_timeout (30 s) plus a margin


def periksa(env: dict[str, str]) -> tuple[list[str], list[str]]:
    """(galat, peringatan) for this environment; any galat refuses the start."""
    galat, peringatan = [], []
    kunci = env.get("SECRET_KEY", "").strip()
    if not kunci:
        galat.append(
            "SECRET_KEY belum diisi. Mode produksi menolak berjalan tanpa kunci rahasia: sesi dan "
            "token CSRF bisa dipalsukan. Buat satu kali, simpan di berkas lingkungan, misalnya:\n"
            "  SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')")
    elif kunci == KUNCI_DEV:
        galat.append("SECRET_KEY masih kunci pengembangan yang diketahui umum; buat kunci baru.")
    elif len(kunci) < 50:
        peringatan.append("SECRET_KEY lebih pendek dari 50 karakter; sebaiknya diganti.")
    url = env.get("DATABASE_URL", "").strip()
    if not url or url.startswith("sqlite:"):
        peringatan.append(
            "Basis data SQLite (" + (url or "db.sqlite3") + "): hanya untuk uji coba di satu "
            "mesin. Produksi memakai PostgreSQL: DATABASE_URL=postgres://pengguna:sandi@host/nama.")
    elif not url.startswith(PG):
        galat.append(f"DATABASE_URL tidak didukung: {url.split(':', 1)[0]}:// "
                     "(pakai postgres://… atau sqlite:///…).")
    if env.get("SAKIP_HTTPS", "1").lower() in ("1", "true", "yes", "on", "ya"):
        peringatan.append(
            "Mode HTTPS: halaman dialihkan ke https dan kuki hanya lewat https, jadi perlu "
            "proxy TLS di depan (deploy/nginx-sakip.conf). Uji coba http biasa tanpa proxy: "
            "SAKIP_HTTPS=0.")
    try:
        port = int(env.get("PORT", "8000"))
        if not 0 < port < 65536:
            raise ValueError
    except ValueError:
        galat.append(f"PORT tidak valid: {env.get('PORT')!r}.")
    return galat, peringatan


def lingkungan() -> dict[str, str]:
    """The environment of both processes: .env read as the settings read it, DEBUG off."""
    environ.Env.read_env(ROOT / ".env", overwrite=False)  # as sakip/settings.py does
    env = dict(os.environ)
    env["DEBUG"] = "0"
    env.pop("SAKIP_TESTING", None)
    env.setdefault("HOST", "127.0.0.1")
    env.setdefault("PORT", "8000")
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def perintah(env: dict[str, str]) -> dict[str, list[str]]:
    py = sys.executable
    return {
        "collectstatic": [py, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        "migrate": [py, "manage.py", "migrate", "--noinput"],
        "check": [py, "manage.py", "check", "--deploy", "--fail-level", "CRITICAL"],
        "worker": [py, "manage.py", "sakip_worker", "--queue-name", "*", "--no-reload"],
        "web": [py, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
    }


def _jalan(cmd: list[str], env: dict[str, str]) -> None:
    r = subprocess.run(cmd, cwd=ROOT, env=env, check=False)
    if r.returncode != 0:
        print(f"make serve: gagal: {' '.join(cmd[1:])} (kode {r.returncode})", file=sys.stderr)
        sys.exit(r.returncode)


def _hentikan(proses: dict[str, subprocess.Popen]) -> None:
    for p in proses.values():
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    batas = time.monotonic() + BERHENTI_DETIK
    for p in proses.values():
        try:
            p.wait(timeout=max(0.1, batas - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def layani(env: dict[str, str], cmd: dict[str, list[str]]) -> int:
    """Run the worker and gunicorn until a signal or until one of them stops."""
    proses = {
        "worker": subprocess.Popen(cmd["worker"], cwd=ROOT, env=env),
        "web": subprocess.Popen(cmd["web"], cwd=ROOT, env=env),
    }
    berhenti = {"sinyal": None}

    def _sinyal(signum, _frame):
        berhenti["sinyal"] = signum

    signal.signal(signal.SIGINT, _sinyal)
    signal.signal(signal.SIGTERM, _sinyal)
    kode = 0
    while berhenti["sinyal"] is None:
        mati = [(n, p.returncode) for n, p in proses.items() if p.poll() is not None]
        if mati:
            nama, kode = mati[0]
            print(f"make serve: proses {nama} berhenti (kode {kode}); menghentikan yang lain.",
                  file=sys.stderr)
            kode = kode or 1
            break
        time.sleep(0.5)
    _hentikan(proses)
    return kode


def main(argv: list[str]) -> int:
    env = lingkungan()
    galat, peringatan = periksa(env)
    for p in peringatan:
        print(f"PERINGATAN: {p}", file=sys.stderr)
    if galat:
        for g in galat:
            print(f"make serve ditolak: {g}", file=sys.stderr)
        return 1
    cmd = perintah(env)
    print(f"SAKIP (produksi, DEBUG mati) di http://{env['HOST']}:{env['PORT']}/ — "
          f"gunicorn ({env.get('WEB_CONCURRENCY') or 2 * (os.cpu_count() or 1) + 1} worker) + "
          "worker tugas; "
          "hentikan dengan Ctrl+C", flush=True)
    if "--periksa" in argv:
        for nama, c in cmd.items():
            print(f"{nama}: {' '.join(c[1:])}")
        return 0
    _jalan(cmd["collectstatic"], env)
    _jalan(cmd["migrate"], env)
    _jalan(cmd["check"], env)
    return layani(env, cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
