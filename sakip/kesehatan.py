"""Health of a running installation: ``GET /healthz`` for monitoring, and the task worker's
heartbeat that it reads.

The endpoint answers without login (a monitor has no account), exposes no configuration (no
database name, host or user), and costs one query, so a monitor polling it every few seconds
is harmless. HTTP 503 only when the database is unreachable — then nothing works; a silent
worker is "degraded" (pages work, PDFs wait), still 200, with the worker's last beat shown.
"""

from __future__ import annotations

import functools
import os
import socket
import subprocess
import time
import tomllib
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Max
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sakip.models import DetakWorker

# The worker beats every DETAK_SETIAP seconds; a beat older than DETAK_BASI (a few missed beats,
# not one slow query) means no worker is picking up queued PDFs and imports.
DETAK_SETIAP = 15
DETAK_BASI = timedelta(seconds=60)
# Rows of workers that stopped without saying goodbye (kill -9, power loss) are kept a day for
# diagnosis, then removed by the next worker that starts.
DETAK_SIMPAN = timedelta(days=1)


@functools.cache
def versi_aplikasi() -> str:
    """``SAKIP_VERSI`` when the deployment sets it, else ``git describe`` of the checkout, else
    the version in pyproject.toml. Computed once per process (a subprocess, never per poll)."""
    versi = os.environ.get("SAKIP_VERSI", "").strip()
    if versi:
        return versi
    try:
        r = subprocess.run(
            ["git", "describe", "--tags", "--always", "--dirty"], cwd=settings.BASE_DIR,
            capture_output=True, text=True, timeout=5, check=False,
        )
        if r.returncode == 0 and r.stdout.strip():
            return r.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        with open(settings.BASE_DIR / "pyproject.toml", "rb") as f:
            return str(tomllib.load(f)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "tidak diketahui"


def status_kesehatan() -> tuple[dict, int]:
    """The health document and its HTTP status; one query (the newest heartbeat), which also
    proves the database answers."""
    sekarang = timezone.now()
    mulai = time.perf_counter()
    try:
        terakhir = DetakWorker.objects.aggregate(t=Max("detak"))["t"]
    except DatabaseError as e:
        database = {"ok": False, "vendor": connection.vendor, "galat": type(e).__name__}
        terakhir = None
    else:
        database = {"ok": True, "vendor": connection.vendor,
                    "ms": round((time.perf_counter() - mulai) * 1000, 1)}
    worker_ok = terakhir is not None and sekarang - terakhir <= DETAK_BASI
    if not database["ok"]:
        status, http = "error", 503
    else:
        status, http = ("ok" if worker_ok else "degraded"), 200
    return {
        "status": status,
        "database": database,
        "worker": {"heartbeat": terakhir.isoformat() if terakhir else None, "ok": worker_ok,
                   "batas_detik": int(DETAK_BASI.total_seconds())},
        "version": versi_aplikasi(),
        "time": sekarang.isoformat(),
    }, http


# Not wrapped in ATOMIC_REQUESTS: opening the request's transaction would itself hit an
# unreachable database before the view could answer 503.
@never_cache
@transaction.non_atomic_requests
@require_GET
def healthz(request):
    data, http = status_kesehatan()
    return JsonResponse(data, status=http, json_dumps_params={"ensure_ascii": False})


def detak_catat(*, worker_id: str, mulai) -> None:
    """One beat of a worker process: its row's ``detak`` moves to now."""
    DetakWorker.objects.update_or_create(
        worker_id=worker_id,
        defaults={"detak": timezone.now(), "host": socket.gethostname()[:255],
                  "pid": os.getpid(), "mulai": mulai},
    )


def detak_bersihkan(*, worker_id: str | None = None) -> int:
    """Remove this worker's row (clean exit) or, without an id, rows silent for a day."""
    if worker_id is not None:
        return DetakWorker.objects.filter(worker_id=worker_id).delete()[0]
    return DetakWorker.objects.filter(detak__lt=timezone.now() - DETAK_SIMPAN).delete()[0]
