"""Concurrency tests: real threads, each with its own database connection, against the write
services — the way two browsers (or two gunicorn workers) hit the same row.

Row locks (``select_for_update``) and committed-read visibility only mean something on a server
database, so the threaded service tests run on PostgreSQL (CI, production) and are skipped on
SQLite with the reason; ``test_tulis_serentak.py`` also proves on a SQLite file that paired
writers wait instead of failing. Tests here use ``django_db(transaction=True)``: the threads
must see each other's commits, so nothing can run inside the test's own transaction.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, connections


@pytest.fixture
def postgres_saja():
    if connection.vendor != "postgresql":
        pytest.skip("Uji serentak berbenang butuh PostgreSQL (DATABASE_URL=postgres://…): "
                    "SQLite tidak mengunci baris (select_for_update) dan menyerialkan penulis "
                    "per berkas.")


@dataclass
class Hasil:
    """What one thread's call returned or raised (never both)."""

    nilai: Any = None
    galat: BaseException | None = None


def serentak(*panggilan: Callable[[], Any], batas: float = 60) -> list[Hasil]:
    """Run the calls in parallel threads released together by a ``threading.Barrier``; return
    each one's result or exception in order. Each thread closes its connection when done."""
    pintu = threading.Barrier(len(panggilan))
    hasil = [Hasil() for _ in panggilan]

    def jalan(i: int, f: Callable[[], Any]) -> None:
        try:
            pintu.wait(batas)
            hasil[i].nilai = f()
        except BaseException as e:  # the test inspects every outcome
            hasil[i].galat = e
        finally:
            connections.close_all()

    utas = [threading.Thread(target=jalan, args=(i, f)) for i, f in enumerate(panggilan)]
    for t in utas:
        t.start()
    for t in utas:
        t.join(batas)
    assert not any(t.is_alive() for t in utas), "utas uji tidak selesai (kebuntuan?)"
    return hasil
