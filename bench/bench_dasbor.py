"""Dashboards on scale data: server time (p50/p95) and query counts.

Targets (on this machine): the office dashboard answers in under 150 ms at the 95th
percentile and the pemda dashboard (every office side by side) in under 400 ms. Requests go
through the Django test client with a logged-in user, so the figure is the server's whole time
for the page (middleware, access, queries, template), not the browser's.

    DEBUG=1 .venv/bin/python bench/bench_dasbor.py [--n 30]
"""

import argparse

from _setup import django_setup, ensure_scale_data, jumlah_query, timed

parser = argparse.ArgumentParser()
parser.add_argument("--n", type=int, default=30, help="requests per page (after one warm-up)")
args = parser.parse_args()

django_setup()
ensure_scale_data()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from kinerja.models import Realisasi  # noqa: E402
from renstra.models import Indikator  # noqa: E402
from sakip.models import PerangkatDaerah  # noqa: E402

User = get_user_model()
TARGET_MS = {"kantor": 150, "pemda": 400}


def client_for(username: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=username))
    return c


n_pd = PerangkatDaerah.objects.filter(slug__startswith="skala-").count()
n_ind = Indikator.objects.filter(renstra__perangkat_daerah__slug__startswith="skala-").count()
n_real = Realisasi.objects.filter(
    indikator__renstra__perangkat_daerah__slug__startswith="skala-").count()
print(f"data: {n_pd} perangkat daerah, {n_ind} indikator, {n_real} realisasi")

kepala = client_for("skala.kepala.01")
inspektorat = client_for("skala.inspektorat")
pages = [
    ("kantor", "kepala, tahun penuh", kepala, "/dasbor/?tahun=2025&tw=4"),
    ("kantor", "kepala, tahun berjalan", kepala, "/dasbor/?tahun=2026"),
    ("kantor", "inspektorat, kantor lain", inspektorat, "/dasbor/?pd=skala-45&tahun=2025&tw=4"),
    ("pemda", "inspektorat", inspektorat, "/dasbor/pemda/?tahun=2025&tw=4"),
    ("pemda", "inspektorat, urut capaian", inspektorat,
     "/dasbor/pemda/?tahun=2026&urut=capaian&arah=turun"),
]
gagal = False
for jenis, siapa, client, url in pages:
    resp = client.get(url)
    assert resp.status_code == 200, (url, resp.status_code)
    q = jumlah_query(lambda c=client, u=url: c.get(u))
    hasil = timed(lambda c=client, u=url: c.get(u), args.n)
    ok = hasil["p95_ms"] < TARGET_MS[jenis]
    gagal |= not ok
    print(f"{jenis:6} {url:55} {siapa:28} {q:3} queries; {hasil} "
          f"target p95 < {TARGET_MS[jenis]} ms: {'OK' if ok else 'GAGAL'}", flush=True)
raise SystemExit(1 if gagal else 0)
