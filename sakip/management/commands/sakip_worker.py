"""``manage.py sakip_worker``: django-tasks' database worker (``db_worker``, same options) that
also records a heartbeat, so ``/healthz`` can tell a live worker from a dead one.

django_tasks_db's worker writes nothing while it waits for work; without a beat a dead worker
shows only as PDFs and imports that never finish. A thread beats every
``sakip.kesehatan.DETAK_SETIAP`` seconds while the worker's main thread lives (a long task
still counts as alive), and the row is removed on a clean stop.
"""

from __future__ import annotations

import logging
import os
import threading

from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from sakip.kesehatan import DETAK_SETIAP, detak_bersihkan, detak_catat

log = logging.getLogger("sakip.worker")


class Command(DbWorkerCommand):
    help = "Worker tugas latar (db_worker) dengan detak untuk /healthz."

    def handle(self, *args, **options):
        worker_id = options["worker_id"]
        # With --reload the command runs twice: a watching parent and the child that works;
        # only the child beats, or a dead child would look alive.
        if options.get("reload") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            return super().handle(*args, **options)
        berhenti = threading.Event()
        detak = threading.Thread(target=_berdetak, args=(worker_id, berhenti),
                                 name="sakip-detak", daemon=True)
        detak.start()
        try:
            return super().handle(*args, **options)
        finally:
            berhenti.set()
            detak.join(timeout=5)
            try:
                detak_bersihkan(worker_id=worker_id)
            except DatabaseError:
                log.warning("detak worker %s tidak dapat dihapus", worker_id)


def _berdetak(worker_id: str, berhenti: threading.Event) -> None:
    mulai = timezone.now()
    try:
        detak_bersihkan()
    except DatabaseError:
        pass
    utama = threading.main_thread()
    while True:  # the first beat at once, then every DETAK_SETIAP seconds
        try:
            detak_catat(worker_id=worker_id, mulai=mulai)
        except DatabaseError as e:
            # The database may be restarting: keep beating, the next beat will land.
            log.warning("detak worker gagal dicatat: %s", e)
        finally:
            # This thread's own connection: closed between beats, never held idle.
            connection.close()
        if berhenti.wait(DETAK_SETIAP) or not utama.is_alive():
            return
