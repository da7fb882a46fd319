"""Home pages on scale data: the office home (Renstra tree with pagu per level) and the work
inbox at ``/`` (dasbor/kotak.py) of the Inspektorat (every office of the pemda) and of a
perencana, with the header's count (``/kotak/jumlah/``): server time and query count.

The scale data has no input periods; every office gets its 2026 TW II period open and past its
deadline (idempotent), so the inbox has late offices, values to fill and to verify to compute.
"""

import datetime

from _setup import django_setup, ensure_scale_data, jumlah_query, timed

django_setup()
ensure_scale_data()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from kinerja.models import PeriodeInput  # noqa: E402
from sakip.models import PerangkatDaerah  # noqa: E402


def _periode_terbuka() -> None:
    for pd in PerangkatDaerah.objects.filter(slug__startswith="skala-"):
        PeriodeInput.objects.get_or_create(
            perangkat_daerah=pd, tahun=2026, triwulan=2,
            defaults={"dibuka": True, "batas_waktu": datetime.date(2026, 7, 15)})


def _klien(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


_periode_terbuka()
HALAMAN = [
    ("skala.kepala.01", "/pd/skala-01/?tahun=2025", "beranda kantor"),
    ("skala.inspektorat", "/", "kotak kerja Inspektorat"),
    ("skala.perencana.01", "/", "kotak kerja perencana"),
    ("skala.staf.01", "/", "kotak kerja staf"),
    ("skala.inspektorat", "/kotak/jumlah/", "lencana Inspektorat"),
]
for username, url, nama in HALAMAN:
    client = _klien(username)
    assert client.get(url).status_code == 200, (username, url)
    n = jumlah_query(lambda c=client, u=url: c.get(u))
    print(f"{nama} {url}: {n} queries;", timed(lambda c=client, u=url: c.get(u), 30))
