"""The public pages on scale data: server time (p50/p95) and query counts.

Target: the public pemda page (45 offices with their latest published Renstra, PK and LKjIP)
answers in under 150 ms at the 95th percentile. The office pages are reported beside it. Every
office gets a signed 2024 LKjIP and an IKU penetapan first (the scale data has ditetapkan PKs
but neither), so the pemda page lists three kinds of document per office and the office page
reads one year from a frozen LKjIP and the other years provisionally from its PKs.

    DEBUG=1 .venv/bin/python bench/bench_publik.py [--n 50]

Runs on its own SQLite file (``var/bench_publik.sqlite3``) unless ``DATABASE_URL`` is set:
the signed reports it adds would change what the other benches measure.
"""

import argparse
import datetime
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault(
    "DATABASE_URL",
    f"sqlite:///{Path(__file__).resolve().parent.parent / 'var' / 'bench_publik.sqlite3'}")

from _setup import (  # noqa: E402
    django_setup,
    ensure_scale_data,
    jumlah_query,
    lkjip_ditetapkan,
    timed,
)

parser = argparse.ArgumentParser()
parser.add_argument("--n", type=int, default=50, help="requests per page (after a warm-up)")
args = parser.parse_args()

django_setup()
ensure_scale_data()

from django.test import Client  # noqa: E402

from laporan.models import LaporanKinerja  # noqa: E402
from publik.selectors import slug_pemda  # noqa: E402
from renstra.models import Indikator, PenetapanIKU, Renstra  # noqa: E402
from sakip.models import PerangkatDaerah  # noqa: E402

TAHUN = 2024
TARGET_MS = 150


def terbitkan(pds: list[PerangkatDaerah]) -> None:
    """A signed LKjIP of TAHUN and an IKU penetapan for every office (once)."""
    if not lkjip_ditetapkan(pds, TAHUN):
        return
    for renstra in Renstra.objects.filter(perangkat_daerah__in=pds):
        p = PenetapanIKU.objects.create(renstra=renstra, nomor=f"IKU/{renstra.pk}",
                                        tanggal=datetime.date(renstra.tahun_awal, 3, 1))
        p.indikator_set.set(Indikator.objects.filter(renstra=renstra, is_iku=True))


pds = list(PerangkatDaerah.objects.filter(slug__startswith="skala-").select_related("pemda")
           .order_by("slug"))
terbitkan(pds)
pemda = slug_pemda(pds[0].pemda)
print(f"data: {len(pds)} perangkat daerah, "
      f"{LaporanKinerja.objects.filter(status='ditetapkan').count()} LKjIP ditetapkan")

pages = [
    (True, "pemda", f"/publik/{pemda}/"),
    (False, "indeks", "/publik/"),
    (False, "kantor", f"/publik/{pemda}/{pds[0].slug}/"),
    (False, "kantor, tahun tanpa LKjIP", f"/publik/{pemda}/{pds[-1].slug}/{TAHUN + 1}/"),
]
client = Client()
gagal = False
for bertarget, nama, url in pages:
    resp = client.get(url)
    assert resp.status_code == 200, (url, resp.status_code)
    q = jumlah_query(lambda u=url: client.get(u))
    hasil = timed(lambda u=url: client.get(u), args.n)
    ok = hasil["p95_ms"] < TARGET_MS
    if bertarget:
        gagal |= not ok
    cap = f"target p95 < {TARGET_MS} ms: {'OK' if ok else 'GAGAL'}" if bertarget else ""
    print(f"{nama:26} {url:45} {q:3} queries; {hasil} {cap}", flush=True)
raise SystemExit(1 if gagal else 0)
