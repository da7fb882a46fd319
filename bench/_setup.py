"""Shared set-up for bench scripts: Django on the bench database, scale data built once."""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    # Production-like: debug off (no query log, cached templates, manifest static files).
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
        os.environ.setdefault(name, "0")
    os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    (ROOT / "var").mkdir(exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)


def ensure_scale_data() -> None:
    from django.core.management import call_command

    from sakip.models import PerangkatDaerah

    if not PerangkatDaerah.objects.filter(slug__startswith="skala-").exists():
        print("Membangun data skala (generate_scale_data)…", flush=True)
        call_command("generate_scale_data")


def timed(fn, n: int) -> dict:
    """Run ``fn`` n times (after one warm-up) and report p50/p95/max in milliseconds."""
    fn()
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(round(0.95 * len(samples))) - 1)]
    return {"n": n, "p50_ms": round(statistics.median(samples), 1), "p95_ms": round(p95, 1),
            "max_ms": round(samples[-1], 1)}


def jumlah_query(fn) -> int:
    """Queries of one call (an execute wrapper: with DEBUG off the query log stays empty)."""
    from django.db import connection

    n = 0

    def hitung(execute, sql, params, many, context):
        nonlocal n
        n += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(hitung):
        fn()
    return n


def lkjip_ditetapkan(pds, tahun: int) -> bool:
    """A signed LKjIP of ``tahun`` for every scale office, built once from the first office's
    report (the public pages and the API read only signed reports). False when already there."""
    import datetime

    from django.utils import timezone

    from laporan.models import LaporanKinerja
    from laporan.render_json import ke_dict
    from laporan.selectors import susun

    if LaporanKinerja.objects.filter(perangkat_daerah__in=pds, tahun=tahun,
                                     status="ditetapkan").exists():
        return False
    print(f"Menetapkan LKjIP {tahun} setiap perangkat daerah skala…", flush=True)
    snap = ke_dict(susun(pds[0], tahun).data)
    snap["laporan"]["status"] = "ditetapkan"
    now = timezone.now()
    LaporanKinerja.objects.bulk_create([
        LaporanKinerja(perangkat_daerah=pd, tahun=tahun, status="ditetapkan",
                       data_hash=f"{pd.pk:064d}", snapshot={**snap, "perangkat_daerah": pd.nama},
                       tanggal_penetapan=datetime.date(tahun + 1, 2, 10), ditetapkan_pada=now)
        for pd in pds
    ], ignore_conflicts=True)
    return True
