"""/healthz for monitoring, and the worker heartbeat it reads (sakip/kesehatan.py,
manage.py sakip_worker)."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from sakip.kesehatan import DETAK_BASI, DETAK_SIMPAN, detak_bersihkan, detak_catat
from sakip.management.commands import sakip_worker
from sakip.models import DetakWorker

pytestmark = pytest.mark.django_db


def _detak(umur: timedelta, worker_id="w-uji") -> DetakWorker:
    t = timezone.now() - umur
    return DetakWorker.objects.create(worker_id=worker_id, host="uji", pid=1, mulai=t, detak=t)


def _healthz(client=None):
    r = (client or Client()).get("/healthz")
    return r, json.loads(r.content)


def test_ok_with_a_fresh_heartbeat_and_no_login():
    _detak(timedelta(seconds=5))
    r, data = _healthz()
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/json")
    assert "no-store" in r["Cache-Control"]
    assert set(data) == {"status", "database", "worker", "version", "time"}
    assert data["status"] == "ok"
    assert data["database"]["ok"] is True
    assert data["worker"]["ok"] is True
    assert data["worker"]["heartbeat"].startswith(str(timezone.now().year))
    assert data["version"]


def test_a_stale_heartbeat_is_degraded_but_still_200():
    # Pages still work without a worker; only queued PDFs and imports wait.
    _detak(DETAK_BASI + timedelta(seconds=1))
    r, data = _healthz()
    assert r.status_code == 200
    assert data["status"] == "degraded"
    assert data["worker"]["ok"] is False
    assert data["worker"]["heartbeat"] is not None


def test_no_worker_ever_is_degraded():
    r, data = _healthz()
    assert (r.status_code, data["status"], data["worker"]) == (
        200, "degraded", {"heartbeat": None, "ok": False, "batas_detik": 60})


def test_the_newest_of_several_workers_counts():
    _detak(timedelta(hours=2), "mati")
    _detak(timedelta(seconds=3), "hidup")
    assert _healthz()[1]["status"] == "ok"


def test_database_unreachable_answers_503():
    def putus(execute, sql, params, many, context):
        raise OperationalError("could not connect to server: Connection refused")

    with connection.execute_wrapper(putus):
        r, data = _healthz()
    assert r.status_code == 503
    assert data["status"] == "error"
    assert data["database"] == {"ok": False, "vendor": connection.vendor,
                                "galat": "OperationalError"}
    assert data["worker"]["ok"] is False


def test_cheap_and_says_nothing_secret(django_assert_max_num_queries, client_as):
    _detak(timedelta(seconds=1))
    with django_assert_max_num_queries(1):
        r, _ = _healthz()
    body = r.content.decode()
    db = settings.DATABASES["default"]
    for rahasia in (settings.SECRET_KEY, str(db.get("NAME")), "password", "PASSWORD"):
        assert rahasia not in body
    # Logged in or not, the same document: it carries no office or user data.
    assert set(json.loads(client_as("perencana").get("/healthz").content)) == set(
        json.loads(body))


def test_get_only():
    assert Client().post("/healthz").status_code == 405


def test_detak_catat_moves_one_row_and_cleanup_keeps_a_day():
    mulai = timezone.now()
    detak_catat(worker_id="w1", mulai=mulai)
    pertama = DetakWorker.objects.get(worker_id="w1").detak
    detak_catat(worker_id="w1", mulai=mulai)
    assert DetakWorker.objects.filter(worker_id="w1").count() == 1
    assert DetakWorker.objects.get(worker_id="w1").detak >= pertama
    _detak(DETAK_SIMPAN + timedelta(minutes=1), "lama")
    _detak(DETAK_SIMPAN - timedelta(minutes=1), "kemarin")
    assert detak_bersihkan() == 1
    assert set(DetakWorker.objects.values_list("worker_id", flat=True)) == {"w1", "kemarin"}
    assert detak_bersihkan(worker_id="w1") == 1


def test_worker_command_beats_while_running_and_leaves_on_exit(monkeypatch, settings):
    """`sakip_worker --batch` runs the queued tasks and exits: it beat under its worker id
    (first beat at once) and removed its own row on the way out."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker loop closes connections that are not in autocommit; this test runs inside the
    # test's transaction, which must stay open.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    catat, bersih = [], []
    monkeypatch.setattr(sakip_worker, "detak_catat", lambda **kw: catat.append(kw))
    monkeypatch.setattr(sakip_worker, "detak_bersihkan", lambda **kw: bersih.append(kw))
    call_command("sakip_worker", batch=True, reload=False, startup_delay=False,
                 worker_id="uji-1", verbosity=0)
    assert catat and catat[0]["worker_id"] == "uji-1"
    assert {"worker_id": "uji-1"} in bersih
