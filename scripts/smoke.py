"""Smoke test of a running SAKIP (`make serve` + the demo), as a browser behind the proxy sees it.

    .venv/bin/python scripts/smoke.py --url http://127.0.0.1:8000 [--https] [--tunggu 120]

Checks, each printed as one line (OK / GAGAL):
  * /healthz answers 200 with status "ok": database reachable and the worker beating;
  * every demo role logs in and its main pages answer 200 (one forbidden page answers 403);
  * a static file from the page is served (collectstatic + whitenoise);
  * the LKjIP PDF is queued, laid out by the task worker and downloaded as a PDF;
  * security headers: Content-Security-Policy, X-Frame-Options, nosniff, Referrer-Policy, and
    with --https (X-Forwarded-Proto: https, as nginx sends it) HSTS and the plain-http redirect.
Exit status 0 when every check passed, 1 otherwise. Standard library only: it runs where the
server runs, without the project's virtualenv.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import ssl
import sys
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit

SANDI_DEMO = "sakip-demo"  # noqa: S105 (the public demo password)

# Main pages per demo role: (label, path). {pd} and {tahun} are filled in.
BERANDA = [("beranda", "/"), ("beranda kantor", "/pd/{pd}/")]
RENSTRA = [("renstra", "/renstra/{pd}/")]
PK = [("pk", "/kinerja/{pd}/pk/")]
REALISASI = [("realisasi", "/kinerja/{pd}/realisasi/")]
VERIFIKASI = [("verifikasi", "/kinerja/{pd}/verifikasi/")]
ANGGARAN = [("anggaran", "/anggaran/{pd}/")]
LKJIP = [("lkjip", "/laporan/{pd}/{tahun}/")]
KANTOR = [("dasbor kantor", "/dasbor/?pd={pd}&tahun={tahun}")]
PEMDA = [("dasbor pemda", "/dasbor/pemda/")]
CATATAN = [("catatan reviu", "/dasbor/catatan/?pd={pd}")]
HALAMAN = {
    "admin": BERANDA + RENSTRA + PK + REALISASI + VERIFIKASI + ANGGARAN + LKJIP + KANTOR + PEMDA
    + [("admin django", "/admin/")],
    "perencana": BERANDA + RENSTRA + PK + REALISASI + VERIFIKASI + ANGGARAN + LKJIP + KANTOR,
    "kepala": BERANDA + RENSTRA + PK + ANGGARAN + LKJIP + KANTOR,
    "inspektorat": BERANDA + RENSTRA + ANGGARAN + LKJIP + KANTOR + PEMDA + CATATAN,
    "staf.rehsos": BERANDA + RENSTRA + REALISASI,
    "staf.linjamsos": BERANDA[:1] + REALISASI,
}
# Pages a role must NOT get (access control holds in production mode too).
DITOLAK = {"staf.rehsos": VERIFIKASI + PEMDA}


class Klien:
    """One browser: cookies kept by hand (a Secure cookie must travel even though the smoke
    test talks plain http to gunicorn: nginx did the TLS), CSRF Referer/Origin sent."""

    # Through a real TLS proxy (an https:// URL) the proxy sets X-Forwarded-Proto itself;
    # straight to gunicorn, --https sends it the way nginx would.
    ssl_konteks: ssl.SSLContext | None = None

    def __init__(self, base: str, https: bool, timeout: float = 60) -> None:
        u = urlsplit(base)
        self.tls = u.scheme == "https"
        self.host, self.port = u.hostname, u.port or (443 if self.tls else 80)
        self.https = https and not self.tls
        self.timeout = timeout
        self.kuki: dict[str, str] = {}
        self.origin = f"{'https' if https or self.tls else 'http'}://{u.netloc}"
        self.netloc = u.netloc

    def _sambung(self) -> http.client.HTTPConnection:
        if self.tls:
            return http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout,
                                               context=self.ssl_konteks)
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def minta(self, metode: str, path: str, data: dict | None = None,
              proto: str | None = None) -> tuple[int, dict[str, str], bytes]:
        conn = self._sambung()
        kepala = {"Host": self.netloc, "User-Agent": "sakip-smoke/1"}
        proto = proto if proto is not None else ("https" if self.https else None)
        if proto:
            kepala["X-Forwarded-Proto"] = proto
        if self.kuki:
            kepala["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.kuki.items())
        body = None
        if data is not None:
            body = urlencode(data).encode()
            kepala["Content-Type"] = "application/x-www-form-urlencoded"
            kepala["Origin"] = self.origin
            kepala["Referer"] = self.origin + path
        try:
            conn.request(metode, path, body=body, headers=kepala)
            r = conn.getresponse()
            isi = r.read()
        finally:
            conn.close()
        for nilai in r.headers.get_all("Set-Cookie") or []:
            c = SimpleCookie()
            c.load(nilai)
            for nama, m in c.items():
                if m["max-age"] == "0" or not m.value:
                    self.kuki.pop(nama, None)
                else:
                    self.kuki[nama] = m.value
        return r.status, {k.lower(): v for k, v in r.getheaders()}, isi

    def get(self, path: str, **kw):
        return self.minta("GET", path, **kw)

    def post(self, path: str, data: dict, **kw):
        return self.minta("POST", path, data=data, **kw)

    def csrf(self, path: str) -> str:
        status, _, isi = self.get(path)
        m = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', isi)
        if status != 200 or not m:
            raise AssertionError(f"GET {path}: {status}, tanpa token CSRF")
        return m.group(1).decode()


class Hasil:
    def __init__(self) -> None:
        self.gagal = 0
        self.ok = 0

    def cek(self, syarat: bool, pesan: str) -> bool:
        if syarat:
            self.ok += 1
            print(f"OK     {pesan}", flush=True)
        else:
            self.gagal += 1
            print(f"GAGAL  {pesan}", flush=True)
        return syarat


def tunggu_sehat(base: str, batas: float, hasil: Hasil) -> dict | None:
    """/healthz until status ok (the worker's first beat comes a moment after it starts)."""
    akhir = time.monotonic() + batas
    k = Klien(base, https=False, timeout=10)
    terakhir = None
    while time.monotonic() < akhir:
        try:
            status, kepala, isi = k.get("/healthz")
            terakhir = (status, isi[:300])
            if status == 200 and json.loads(isi).get("status") == "ok":
                data = json.loads(isi)
                hasil.cek(kepala.get("content-type", "").startswith("application/json")
                          and data["database"]["ok"] and data["worker"]["ok"]
                          and bool(data.get("version")),
                          f"/healthz ok: versi {data.get('version')}, detak worker "
                          f"{data['worker']['heartbeat']}")
                return data
        except (OSError, ValueError, http.client.HTTPException) as e:
            terakhir = repr(e)
        time.sleep(1)
    hasil.cek(False, f"/healthz tidak ok dalam {batas:.0f} s (terakhir: {terakhir})")
    return None


def masuk(base: str, https: bool, username: str, sandi: str, hasil: Hasil) -> Klien | None:
    k = Klien(base, https)
    token = k.csrf("/masuk/")
    status, kepala, _ = k.post("/masuk/", {"username": username, "password": sandi,
                                          "csrfmiddlewaretoken": token})
    if not hasil.cek(status == 302 and not kepala.get("location", "").startswith("/masuk"),
                     f"masuk sebagai {username} ({status} → {kepala.get('location')})"):
        return None
    return k


def cek_halaman(k: Klien, username: str, isian: dict, hasil: Hasil) -> None:
    for label, pola in HALAMAN[username]:
        path = pola.format(**isian)
        mulai = time.monotonic()
        status, kepala, _ = k.get(path)
        lokasi = kepala.get("location", "")
        # The home page sends a user with one office straight to that office's page.
        terus = status == 302 and path == "/" and lokasi.startswith("/pd/")
        hasil.cek(status == 200 or terus,
                  f"{username}: {label} {path} → {status}{' ' + lokasi if lokasi else ''} "
                  f"({(time.monotonic() - mulai) * 1000:.0f} ms)")
    for label, pola in DITOLAK.get(username, []):
        path = pola.format(**isian)
        status, _, _ = k.get(path)
        hasil.cek(status in (403, 404), f"{username}: {label} {path} ditolak → {status}")


def cek_kepala_keamanan(k: Klien, isian: dict, https: bool, hasil: Hasil) -> None:
    status, kepala, isi = k.get("/pd/{pd}/".format(**isian))
    hasil.cek(status == 200, f"halaman kantor untuk pemeriksaan kepala HTTP → {status}")
    csp = kepala.get("content-security-policy", "")
    hasil.cek("default-src 'self'" in csp and "script-src 'self'" in csp
              and "unsafe-inline" not in csp.split("script-src", 1)[1].split(";")[0],
              f"Content-Security-Policy: {csp[:80]}…")
    hasil.cek(kepala.get("x-frame-options") == "DENY", "X-Frame-Options: DENY")
    hasil.cek(kepala.get("x-content-type-options") == "nosniff", "X-Content-Type-Options: nosniff")
    hasil.cek(bool(kepala.get("referrer-policy")),
              f"Referrer-Policy: {kepala.get('referrer-policy')}")
    if https or k.tls:
        hasil.cek("max-age=" in kepala.get("strict-transport-security", ""),
                  f"Strict-Transport-Security: {kepala.get('strict-transport-security')}")
    if https and not k.tls:
        s, kp, _ = k.get("/masuk/", proto="")
        hasil.cek(s == 301 and kp.get("location", "").startswith("https://"),
                  f"http tanpa proxy TLS dialihkan ke https ({s} → {kp.get('location')})")
    statis = re.search(rb'(?:src|href)="(/static/[^"]+\.(?:js|css))"', isi)
    if hasil.cek(statis is not None, "halaman merujuk berkas statis"):
        path = statis.group(1).decode()
        s, kp, _ = k.get(path)
        hasil.cek(s == 200 and "max-age" in kp.get("cache-control", ""),
                  f"berkas statis {path} → {s} ({kp.get('cache-control')})")


def cek_pdf(k: Klien, isian: dict, batas: float, hasil: Hasil) -> None:
    """The LKjIP PDF: queued (redirect to its progress page), laid out by the worker, then
    downloaded. A PDF already laid out for the same data is served at once (say so)."""
    path = "/laporan/{pd}/{tahun}/unduh/pdf/".format(**isian)
    mulai = time.monotonic()
    status, kepala, isi = k.get(path)
    if status == 200:
        hasil.cek(isi.startswith(b"%PDF"),
                  f"PDF LKjIP sudah tersusun sebelumnya, diunduh ({len(isi)} bita)")
        return
    lokasi = kepala.get("location", "")
    m = re.search(r"/pdf/(\d+)/", lokasi)
    if not hasil.cek(status == 302 and m is not None,
                     f"PDF LKjIP diantrekan untuk worker ({status} → {lokasi})"):
        return
    unduh = urljoin(lokasi, "unduh/")
    while time.monotonic() - mulai < batas:
        status, kepala, isi = k.get(unduh)
        if status == 200:
            hasil.cek(isi.startswith(b"%PDF") and "pdf" in kepala.get("content-type", ""),
                      f"PDF LKjIP disusun worker dan diunduh: {len(isi)} bita dalam "
                      f"{time.monotonic() - mulai:.1f} s")
            return
        if status != 302:
            hasil.cek(False, f"PDF LKjIP: {unduh} → {status}")
            return
        time.sleep(1)
    hasil.cek(False, f"PDF LKjIP belum selesai setelah {batas:.0f} s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", default="http://127.0.0.1:8000")
    ap.add_argument("--https", action="store_true",
                    help="kirim X-Forwarded-Proto: https seperti nginx (SAKIP_HTTPS=1)")
    ap.add_argument("--pd", default="dinsos-gowa")
    ap.add_argument("--tahun", type=int, default=2024)
    ap.add_argument("--sandi", default=SANDI_DEMO)
    ap.add_argument("--tanpa-verifikasi-tls", action="store_true",
                    help="terima sertifikat swa-tanda (uji proxy TLS di mesin sendiri)")
    ap.add_argument("--tunggu", type=float, default=120, help="detik menunggu /healthz ok")
    ap.add_argument("--batas-pdf", type=float, default=120, help="detik menunggu PDF")
    a = ap.parse_args(argv)
    if a.tanpa_verifikasi_tls:
        Klien.ssl_konteks = ssl._create_unverified_context()  # noqa: S323 (self-signed test cert)
    hasil = Hasil()
    mulai = time.monotonic()
    isian = {"pd": a.pd, "tahun": a.tahun}
    if tunggu_sehat(a.url, a.tunggu, hasil) is not None:
        anon = Klien(a.url, a.https)
        s, kp, _ = anon.get("/")
        hasil.cek(s == 302 and "/masuk/" in kp.get("location", ""),
                  f"tanpa login: / → {s} {kp.get('location')}")
        for username in HALAMAN:
            k = masuk(a.url, a.https, username, a.sandi, hasil)
            if k is None:
                continue
            cek_halaman(k, username, isian, hasil)
            if username == "perencana":
                cek_kepala_keamanan(k, isian, a.https, hasil)
                cek_pdf(k, isian, a.batas_pdf, hasil)
            s, kp, _ = k.post("/keluar/", {"csrfmiddlewaretoken": k.kuki.get("csrftoken", "")})
            hasil.cek(s == 302, f"{username} keluar → {s}")
    print(f"smoke: {hasil.ok} lolos, {hasil.gagal} gagal, {time.monotonic() - mulai:.1f} s")
    return 1 if hasil.gagal else 0


if __name__ == "__main__":
    sys.exit(main())
