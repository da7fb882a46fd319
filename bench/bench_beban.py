"""Load on a running server: N threads × T seconds of dashboards and LKjIP pages over HTTP.

Unlike the other benches (one request at a time through the test client), this one measures
what users meet when several of them work at once: a server started the production way
(gunicorn, DEBUG off) on 127.0.0.1, the scale data of ``generate_scale_data``, and a mix of
logged-in users — Kepala and Perencana of the scale offices on their office dashboard and their
LKjIP page, the Inspektorat on the pemda dashboard, another office's dashboard and its LKjIP.
It stops by itself after ``--detik`` seconds and reports, per page and overall: requests,
requests/s, p50, p95, max and errors (any answer but 200, including a redirect to the login
page, and any connection failure).

Against a server already up (``make serve``):

    .venv/bin/python bench/bench_beban.py --url http://127.0.0.1:8000 [--thread 8 --detik 60]

Without ``--url`` it prepares the bench database like the other benches (``DATABASE_URL`` or
``var/bench.sqlite3``, scale data built when missing), starts gunicorn itself on a free port
with DEBUG off, runs the load and stops the server; so ``make bench`` can run it unattended.
``--json FILE`` writes the figures as JSON as well. Exit status 1 when any request failed.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "sakip-demo"  # the password generate_scale_data gives its users
TAHUN = 2025  # a full year of the scale data (Renstra 2022–2026)


# --- the mix -----------------------------------------------------------------------------

def mix(n_kantor: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """(username, [(label, path), …]) for every simulated user; a thread takes one user and
    walks its pages in turn. Offices are spread over the scale data so no single office's
    rows stay hot in every cache."""
    users = []
    for i in range(1, n_kantor + 1):
        n = f"{i:02d}"
        users.append((f"skala.kepala.{n}", [
            ("dasbor kantor", f"/dasbor/?tahun={TAHUN}&tw=4"),
            ("lkjip", f"/laporan/skala-{n}/{TAHUN}/"),
        ]))
        users.append((f"skala.perencana.{n}", [
            ("dasbor kantor", "/dasbor/"),
            ("lkjip", f"/laporan/skala-{n}/{TAHUN}/"),
        ]))
    lain = [f"{i:02d}" for i in range(n_kantor + 1, n_kantor + 5)]
    users.insert(2, ("skala.inspektorat", [
        ("dasbor pemda", f"/dasbor/pemda/?tahun={TAHUN}&tw=4"),
        *[("dasbor kantor", f"/dasbor/?pd=skala-{n}&tahun={TAHUN}&tw=4") for n in lain[:2]],
        ("dasbor pemda", f"/dasbor/pemda/?tahun={TAHUN}&urut=capaian&arah=turun"),
        *[("lkjip", f"/laporan/skala-{n}/{TAHUN}/") for n in lain[2:]],
    ]))
    return users


# --- HTTP --------------------------------------------------------------------------------

class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer to count (a lost session shows up as 302 to the login page)."""

    def redirect_request(self, *args, **kwargs):
        return None


def opener() -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())


def login(base: str, username: str) -> urllib.request.OpenerDirector:
    o = opener()
    html = o.open(f"{base}/masuk/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if token is None:
        raise RuntimeError("formulir masuk tanpa token CSRF")
    body = urllib.parse.urlencode({"username": username, "password": PASSWORD,
                                   "csrfmiddlewaretoken": token.group(1)}).encode()
    req = urllib.request.Request(f"{base}/masuk/", data=body, headers={"Referer": f"{base}/masuk/"})
    try:
        resp = o.open(req, timeout=30)
        status = resp.status
    except urllib.error.HTTPError as e:
        status = e.code
    if status != 302:
        raise RuntimeError(f"gagal masuk sebagai {username} (HTTP {status})")
    return o


def get(o: urllib.request.OpenerDirector, url: str) -> int:
    try:
        with o.open(url, timeout=120) as resp:
            resp.read()
            return resp.status
    except urllib.error.HTTPError as e:
        return e.code
    except (urllib.error.URLError, OSError):
        return 0  # connection refused/reset/timeout: an error like any non-200


# --- the load ----------------------------------------------------------------------------

def jalankan(base: str, n_thread: int, detik: float, n_kantor: int) -> dict:
    users = mix(n_kantor)
    sesi = {}
    for i in range(n_thread):
        username, _ = users[i % len(users)]
        if username not in sesi:
            sesi[username] = login(base, username)
    hasil: dict[str, list[tuple[float, int]]] = defaultdict(list)
    kunci = threading.Lock()
    mulai = threading.Barrier(n_thread + 1)
    selesai_pada = [0.0]

    def kerja(i: int) -> None:
        username, halaman = users[i % len(users)]
        o = sesi[username]
        lokal = []
        k = i  # threads sharing a user start at different pages
        mulai.wait()
        while time.monotonic() < selesai_pada[0]:
            label, path = halaman[k % len(halaman)]
            k += 1
            t0 = time.perf_counter()
            status = get(o, base + path)
            lokal.append((label, (time.perf_counter() - t0) * 1000, status))
        with kunci:
            for label, ms, status in lokal:
                hasil[label].append((ms, status))

    threads = [threading.Thread(target=kerja, args=(i,), daemon=True) for i in range(n_thread)]
    for t in threads:
        t.start()
    selesai_pada[0] = time.monotonic() + detik
    t0 = time.monotonic()
    mulai.wait()
    for t in threads:
        t.join()
    lama = time.monotonic() - t0
    return ringkas(hasil, lama)


def persentil(urut: list[float], p: float) -> float:
    """Nearest-rank percentile of a sorted list."""
    return urut[max(0, min(len(urut) - 1, int(round(p * len(urut))) - 1))]


def angka(sampel: list[tuple[float, int]], lama: float) -> dict:
    ms = sorted(m for m, _ in sampel)
    if not ms:
        return {"permintaan": 0, "per_detik": 0.0, "p50_ms": None, "p95_ms": None,
                "max_ms": None, "galat": 0, "status_galat": {}}
    galat: dict[str, int] = defaultdict(int)
    for _, status in sampel:
        if status != 200:
            galat[str(status)] += 1
    return {
        "permintaan": len(ms), "per_detik": round(len(ms) / lama, 2),
        "p50_ms": round(statistics.median(ms), 1), "p95_ms": round(persentil(ms, 0.95), 1),
        "max_ms": round(ms[-1], 1), "galat": sum(galat.values()), "status_galat": dict(galat),
    }


def ringkas(hasil: dict[str, list[tuple[float, int]]], lama: float) -> dict:
    semua = [s for daftar in hasil.values() for s in daftar]
    return {"detik": round(lama, 1), "total": angka(semua, lama),
            "halaman": {label: angka(hasil[label], lama) for label in sorted(hasil)}}


def cetak(r: dict, info: dict) -> None:
    print(f"server {info['url']}; {info['thread']} thread × {info['detik']} s; "
          f"load average sebelum {info['load_sebelum']}, sesudah {info['load_sesudah']}")
    print(f"{'halaman':16} {'permintaan':>10} {'per detik':>10} {'p50 ms':>9} {'p95 ms':>9} "
          f"{'max ms':>9} {'galat':>6}")
    for label, a in [*r["halaman"].items(), ("TOTAL", r["total"])]:
        print(f"{label:16} {a['permintaan']:>10} {a['per_detik']:>10} {a['p50_ms']!s:>9} "
              f"{a['p95_ms']!s:>9} {a['max_ms']!s:>9} {a['galat']:>6}"
              + (f"  {a['status_galat']}" if a["galat"] else ""))


# --- a server of our own (make bench) ------------------------------------------------------

def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def siapkan_data() -> dict:
    """The bench database with the scale data, as the other benches build it; returns the
    environment the server must run with."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _setup import django_setup, ensure_scale_data

    django_setup()
    ensure_scale_data()
    return dict(os.environ)


def mulai_server(env: dict, workers: int | None) -> tuple[subprocess.Popen, str]:
    """gunicorn as ``make serve`` runs it (deploy/gunicorn.conf.py), over plain http on a free
    port of 127.0.0.1, without its access log (one line per request would time the log)."""
    port = port_bebas()
    env = {**env, "SAKIP_HTTPS": "0", "HOST": "127.0.0.1", "PORT": str(port)}
    cmd = [str(ROOT / ".venv" / "bin" / "gunicorn"), "--access-logfile", "/dev/null",
           "--log-level", "warning"]
    conf = ROOT / "deploy" / "gunicorn.conf.py"
    cmd += ["-c", str(conf)] if conf.exists() else ["sakip.wsgi", "-b", f"127.0.0.1:{port}"]
    if workers:
        cmd += ["-w", str(workers)]
    log = ROOT / "var" / "bench_beban_server.log"  # the server's own lines stay out of the report
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    batas = time.monotonic() + 60
    while time.monotonic() < batas:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn berhenti (kode {proc.returncode}); lihat {log}")
        try:
            urllib.request.urlopen(f"{base}/masuk/", timeout=5).read()
            return proc, base
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError("gunicorn tidak menjawab dalam 60 detik")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--url", help="server yang sudah berjalan, mis. http://127.0.0.1:8000")
    p.add_argument("--thread", type=int, default=8)
    p.add_argument("--detik", type=float, default=60)
    p.add_argument("--kantor", type=int, default=8, help="kantor skala yang dipakai pengguna")
    p.add_argument("--workers", type=int,
                   help="worker gunicorn tanpa --url (bawaan: seperti make serve)")
    p.add_argument("--json", help="tulis hasil sebagai JSON ke berkas ini")
    args = p.parse_args()
    if args.thread < 1 or args.detik <= 0 or not 1 <= args.kantor <= 40:
        p.error("--thread ≥ 1, --detik > 0, 1 ≤ --kantor ≤ 40")

    proc = None
    base = (args.url or "").rstrip("/")
    if not base:
        proc, base = mulai_server(siapkan_data(), args.workers)
    try:
        info = {"url": base, "thread": args.thread, "detik": args.detik,
                "load_sebelum": round(os.getloadavg()[0], 2)}
        r = jalankan(base, args.thread, args.detik, args.kantor)
        info["load_sesudah"] = round(os.getloadavg()[0], 2)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
    cetak(r, info)
    if args.json:
        Path(args.json).write_text(json.dumps({**info, **r}, indent=2, ensure_ascii=False))
    return 1 if r["total"]["galat"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
