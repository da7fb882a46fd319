"""The read API on scale data: server time (p50/p95) and query counts per endpoint.

Target: the main list endpoints answer in under 150 ms at the 95th percentile on the scale
data (45 offices), for the public and for a pemda token. Every office gets a signed 2025 LKjIP
first (the scale data has none; its figures are one office's report, built once), so the lists
hold 45 documents and the public detail endpoints have something published to read.

    DEBUG=1 .venv/bin/python bench/bench_api.py [--n 50]

Runs on its own SQLite file (``var/bench_api.sqlite3``) unless ``DATABASE_URL`` is set: the
signed reports it adds would change what the other benches measure.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault(
    "DATABASE_URL",
    f"sqlite:///{Path(__file__).resolve().parent.parent / 'var' / 'bench_api.sqlite3'}")

from _setup import (  # noqa: E402
    django_setup,
    ensure_scale_data,
    jumlah_query,
    lkjip_ditetapkan,
    timed,
)

parser = argparse.ArgumentParser()
parser.add_argument("--n", type=int, default=50, help="requests per endpoint (after a warm-up)")
args = parser.parse_args()

django_setup()
ensure_scale_data()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from api.services import token_create  # noqa: E402
from laporan.models import LaporanKinerja  # noqa: E402
from renstra.models import Renstra  # noqa: E402
from sakip.models import PerangkatDaerah  # noqa: E402

TAHUN = 2025
TARGET_MS = 150


def renstra_ditetapkan(pds: list[PerangkatDaerah]) -> None:
    """The scale Renstra carry no penetapan: give them one, so the public may read them."""
    Renstra.objects.filter(perangkat_daerah__in=pds, tanggal_penetapan__isnull=True).update(
        tanggal_penetapan="2021-12-30", nomor_penetapan="050/BENCH/2021")


pds = list(PerangkatDaerah.objects.filter(slug__startswith="skala-").select_related("pemda")
           .order_by("slug"))
lkjip_ditetapkan(pds, TAHUN)
renstra_ditetapkan(pds)
admin = get_user_model().objects.filter(is_superuser=True).first() or \
    get_user_model().objects.get(username="skala.admin")
_, raw = token_create(user=admin, nama="bench", pemda=pds[0].pemda)
slug, pemda = pds[0].slug, "kota-skala"
print(f"data: {len(pds)} perangkat daerah, {LaporanKinerja.objects.count()} LKjIP; "
      f"beban mesin (load average): {os.getloadavg()[0]:.1f}")

publik, token = Client(), Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
endpoints = [
    (True, "/api/v1/pemda"),
    (True, f"/api/v1/perangkat-daerah?pemda={pemda}"),
    (True, "/api/v1/lkjip"),
    (True, f"/api/v1/lkjip?tahun={TAHUN}&limit=100"),
    (True, f"/api/v1/perangkat-daerah/{slug}/pk"),
    (False, f"/api/v1/perangkat-daerah/{slug}/capaian/{TAHUN}"),
    (False, f"/api/v1/perangkat-daerah/{slug}/anggaran/{TAHUN}"),
    (False, f"/api/v1/perangkat-daerah/{slug}/renstra?tahun={TAHUN}"),
]
gagal = False
# Rate limits off: the bench fires far more requests per minute than a client may.
with override_settings(SAKIP_API_BATAS_TOKEN="1000000/s", SAKIP_API_BATAS_ANONIM="1000000/s"):
    for siapa, client in (("publik", publik), ("token pemda", token)):
        for daftar, url in endpoints:
            cache.clear()
            resp = client.get(url)
            assert resp.status_code == 200, (siapa, url, resp.status_code, resp.content[:200])
            q = jumlah_query(lambda c=client, u=url: c.get(u))
            hasil = timed(lambda c=client, u=url: c.get(u), args.n)
            ok = hasil["p95_ms"] < TARGET_MS
            if daftar:
                gagal |= not ok
            cap = f"target p95 < {TARGET_MS} ms: {'OK' if ok else 'GAGAL'}" if daftar else ""
            print(f"{siapa:11} {url:58} {q:3} queries; {hasil} {cap}", flush=True)
print(f"beban mesin (load average) sesudah: {os.getloadavg()[0]:.1f}")
raise SystemExit(1 if gagal else 0)
