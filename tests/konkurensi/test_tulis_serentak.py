"""Two users saving the same target, pagu or realisasi at the same moment.

Before row versions and row locks, two saves of the same realisasi on PostgreSQL lost an update
2 times in 10 and left an audit chain with two changes from the same old value; two creations
of the same new realisasi or pagu answered IntegrityError (HTTP 500). Here: from the same base
version exactly one save wins and the other is refused with the stale-version message; without
a base version (file imports) both land one after the other and the trail stays a chain; two
creations make one row and raise nothing.
"""

import sqlite3
import threading
import time
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.utils import ConnectionHandler, OperationalError

from anggaran.models import Pagu
from anggaran.services import EntriPagu as EntriPaguAnggaran
from anggaran.services import anggaran_save
from kinerja.models import Realisasi
from kinerja.realisasi.services import Entri, realisasi_save
from renstra.models import TargetIndikator
from renstra.services import EntriTarget, target_save
from sakip.models import JejakAudit, Role
from sakip.versi import VERSI_BARU, DataKedaluwarsa
from tests.factories import (
    IndikatorFactory,
    PerangkatDaerahFactory,
    PeriodeInputFactory,
    SubKegiatanFactory,
    UserFactory,
)
from tests.konkurensi.conftest import serentak

PUTARAN = 10
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dunia(postgres_saja):
    """One office with an indicator, open input periods, a sub kegiatan and two perencana."""
    pd = PerangkatDaerahFactory()
    for tw in (1, 2, 3, 4):
        PeriodeInputFactory(perangkat_daerah=pd, tahun=2024, triwulan=tw)
    ind = IndikatorFactory(renstra__perangkat_daerah=pd)
    sub = SubKegiatanFactory(kegiatan__program__renstra=ind.renstra)
    ani = UserFactory(first_name="Ani", last_name="Perencana", peran=Role.PERENCANA,
                      peran__perangkat_daerah=pd)
    budi = UserFactory(first_name="Budi", last_name="Perencana", peran=Role.PERENCANA,
                       peran__perangkat_daerah=pd)
    return {"pd": pd, "ind": ind, "sub": sub, "ani": ani, "budi": budi}


def _rantai_utuh(model: str, object_id, field: str) -> None:
    """Each audited old value is the previous new value (no change from a value never seen)."""
    rows = list(JejakAudit.objects.filter(model=model, object_id=str(object_id), field=field)
                .order_by("waktu", "id").values_list("nilai_lama", "nilai_baru"))
    for (_l1, baru), (lama, _b2) in zip(rows, rows[1:], strict=False):
        assert lama == baru, rows


def _realisasi(dunia, user, nilai, versi):
    return realisasi_save(pd=dunia["pd"], tahun=2024, user=user, entri=[
        Entri(dunia["ind"], 1, {"nilai": Decimal(nilai)}, versi_dasar=versi)])


def test_realisasi_from_the_same_version_one_wins_the_other_is_refused(dunia):
    _realisasi(dunia, dunia["ani"], 33, VERSI_BARU).check()
    for i in range(PUTARAN):
        r = Realisasi.objects.get(indikator=dunia["ind"], tahun=2024, triwulan=1)
        hasil = serentak(lambda v=r.row_version, i=i: _realisasi(dunia, dunia["ani"], 100 + i, v),
                         lambda v=r.row_version, i=i: _realisasi(dunia, dunia["budi"], 200 + i, v))
        assert all(h.galat is None for h in hasil), [h.galat for h in hasil]
        menang = [h.nilai for h in hasil if h.nilai.ok]
        kalah = [h.nilai for h in hasil if not h.nilai.ok]
        assert len(menang) == 1 and len(kalah) == 1
        pesan = kalah[0].galat[0].pesan
        assert "sudah diubah oleh" in pesan and "Perencana" in pesan
        assert "Tidak ada yang disimpan" in pesan
        r.refresh_from_db()
        assert r.nilai == menang[0].perubahan[0].baru["nilai"]
        assert r.row_version == hasil[0].nilai.objek.get((dunia["ind"].pk, 1), r).row_version
    _rantai_utuh("kinerja.realisasi", r.pk, "nilai")
    assert JejakAudit.objects.filter(model="kinerja.realisasi", object_id=str(r.pk),
                                     field="nilai").count() == PUTARAN + 1


def test_realisasi_without_a_base_version_never_loses_an_update(dunia):
    """The probe of the issue: two saves of an existing value at once (as two imports)."""
    _realisasi(dunia, dunia["ani"], 33, None).check()
    for i in range(PUTARAN):
        hasil = serentak(lambda i=i: _realisasi(dunia, dunia["ani"], 1000 + i, None),
                         lambda i=i: _realisasi(dunia, dunia["budi"], 2000 + i, None))
        assert all(h.galat is None and h.nilai.ok for h in hasil)
    r = Realisasi.objects.get(indikator=dunia["ind"], tahun=2024, triwulan=1)
    # Every save landed after the one before it: 1 + 2 × PUTARAN changes, one chain.
    assert JejakAudit.objects.filter(model="kinerja.realisasi", object_id=str(r.pk),
                                     field="nilai").count() == 1 + 2 * PUTARAN
    _rantai_utuh("kinerja.realisasi", r.pk, "nilai")
    assert r.row_version == 1 + 2 * PUTARAN


def test_two_creating_the_same_new_realisasi_make_one_row(dunia):
    for tw in (1, 2, 3, 4):
        hasil = serentak(
            lambda tw=tw: realisasi_save(pd=dunia["pd"], tahun=2024, user=dunia["ani"],
                                         entri=[Entri(dunia["ind"], tw, {"nilai": Decimal(5)})]),
            lambda tw=tw: realisasi_save(pd=dunia["pd"], tahun=2024, user=dunia["budi"],
                                         entri=[Entri(dunia["ind"], tw, {"nilai": Decimal(7)})]))
        assert all(h.galat is None and h.nilai.ok for h in hasil), [h.galat for h in hasil]
        assert Realisasi.objects.filter(indikator=dunia["ind"], triwulan=tw).count() == 1
        assert sorted((h.nilai.dibuat, h.nilai.diubah) for h in hasil) == [(0, 1), (1, 0)]


def test_two_creating_from_the_empty_form_one_row_and_a_clear_answer(dunia):
    hasil = serentak(lambda: _realisasi(dunia, dunia["ani"], 5, VERSI_BARU),
                     lambda: _realisasi(dunia, dunia["budi"], 7, VERSI_BARU))
    assert all(h.galat is None for h in hasil)
    assert sorted(h.nilai.ok for h in hasil) == [False, True]
    assert Realisasi.objects.filter(indikator=dunia["ind"], triwulan=1).count() == 1


def _target(dunia, user, nilai, versi):
    return target_save(entri=[EntriTarget(dunia["ind"], 2024, Decimal(nilai), versi_dasar=versi)],
                       user=user)


def test_target_from_the_same_version_one_wins(dunia):
    _target(dunia, dunia["ani"], 50, None)
    for i in range(PUTARAN):
        t = TargetIndikator.objects.get(indikator=dunia["ind"], tahun=2024)
        hasil = serentak(lambda v=t.row_version, i=i: _target(dunia, dunia["ani"], 60 + i, v),
                         lambda v=t.row_version, i=i: _target(dunia, dunia["budi"], 80 + i, v))
        galat = [h.galat for h in hasil if h.galat is not None]
        assert len(galat) == 1 and isinstance(galat[0], DataKedaluwarsa), galat
        t.refresh_from_db()
        assert t.row_version == 2 + i
    _rantai_utuh("renstra.targetindikator", t.pk, "nilai")


def test_two_creating_the_same_new_target_make_one_row(dunia):
    for tahun in (2022, 2023, 2025, 2026):
        hasil = serentak(
            lambda th=tahun: target_save(entri=[EntriTarget(dunia["ind"], th, Decimal(1))]),
            lambda th=tahun: target_save(entri=[EntriTarget(dunia["ind"], th, Decimal(2))]))
        assert all(h.galat is None for h in hasil), [h.galat for h in hasil]
        assert TargetIndikator.objects.filter(indikator=dunia["ind"], tahun=tahun).count() == 1


def _pagu(dunia, user, nilai, versi=None):
    return anggaran_save(tahun=2024, user=user, pagu=[
        EntriPaguAnggaran(dunia["sub"], "murni", Decimal(nilai), versi_dasar=versi)])


def test_pagu_from_the_same_version_one_wins_and_creations_make_one_row(dunia):
    for i in range(PUTARAN):
        hasil = serentak(lambda i=i: _pagu(dunia, dunia["ani"], 1_000_000 + i),
                         lambda i=i: _pagu(dunia, dunia["budi"], 2_000_000 + i))
        assert all(h.galat is None and h.nilai.ok for h in hasil), [h.galat for h in hasil]
    assert Pagu.objects.filter(subkegiatan=dunia["sub"], tahun=2024).count() == 1
    p = Pagu.objects.get(subkegiatan=dunia["sub"], tahun=2024)
    _rantai_utuh("anggaran.pagu", p.pk, "nilai")
    hasil = serentak(lambda: _pagu(dunia, dunia["ani"], 5, p.row_version),
                     lambda: _pagu(dunia, dunia["budi"], 6, p.row_version))
    assert all(h.galat is None for h in hasil)
    assert sorted(h.nilai.ok for h in hasil) == [False, True]
    kalah = next(h.nilai for h in hasil if not h.nilai.ok)
    assert "sudah diubah oleh" in kalah.galat[0].pesan


# --- SQLite: paired writers wait instead of "database is locked" -----------------------------

def _sqlite(path, **options):
    return ConnectionHandler({"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": path,
                                          "OPTIONS": options}})


def _tulis_berpasangan(handler, n: int = 20) -> tuple[int, list[Exception]]:
    """Two threads × ``n`` read-then-write transactions on one counter (each reads the value,
    then writes value + 1, as a service reads then saves). Returns the final count and errors."""
    galat: list[Exception] = []
    pintu = threading.Barrier(2)

    def kerja():
        # This thread's own connection, opened by Django's backend with the given OPTIONS
        # (init_command, timeout); the transaction begins as atomic() begins it (BEGIN
        # <transaction_mode>) — atomic() itself would use the test database's connection.
        conn = handler["default"]
        try:
            pintu.wait(10)
            for _ in range(n):
                with conn.cursor() as cur:
                    try:
                        conn._start_transaction_under_autocommit()
                        cur.execute("SELECT n FROM hitung")
                        nilai = cur.fetchone()[0]
                        time.sleep(0.002)
                        cur.execute("UPDATE hitung SET n = %s", [nilai + 1])
                        cur.execute("COMMIT")
                    except OperationalError as e:
                        galat.append(e)
                        if conn.in_atomic_block or not conn.connection.in_transaction:
                            continue
                        cur.execute("ROLLBACK")
        finally:
            conn.close()

    utas = [threading.Thread(target=kerja) for _ in range(2)]
    for t in utas:
        t.start()
    for t in utas:
        t.join(60)
    with sqlite3.connect(handler.settings["default"]["NAME"]) as db:
        return db.execute("SELECT n FROM hitung").fetchone()[0], galat


@pytest.fixture
def berkas_sqlite(tmp_path):
    path = tmp_path / "serentak.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE hitung (n INTEGER)")
        db.execute("INSERT INTO hitung VALUES (0)")
    return str(path)


@pytest.mark.django_db(transaction=False)
def test_sqlite_with_the_project_options_paired_writes_wait(berkas_sqlite):
    assert settings.SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"
    handler = _sqlite(berkas_sqlite, **settings.SQLITE_OPTIONS)
    # One connection first, as `migrate` always runs before `make run`/`make serve` start their
    # processes: it switches the file to WAL (a persistent, exclusive change that two brand-new
    # connections racing to make it can refuse each other).
    handler["default"].ensure_connection()
    handler["default"].close()
    n, galat = _tulis_berpasangan(handler)
    assert galat == [] and n == 40
    with sqlite3.connect(berkas_sqlite) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.django_db(transaction=False)
def test_sqlite_without_them_paired_writes_fail_locked(berkas_sqlite):
    """The failure the options prevent (so the test above can fail): deferred transactions that
    read then write answer "database is locked" at once, whatever the timeout."""
    handler = _sqlite(berkas_sqlite, timeout=20)
    n, galat = _tulis_berpasangan(handler)
    assert galat and all("locked" in str(e) for e in galat)
    assert n < 40


def test_stale_message_names_who_and_when(dunia):
    _realisasi(dunia, dunia["ani"], 1, VERSI_BARU).check()
    hasil = _realisasi(dunia, dunia["budi"], 2, VERSI_BARU)
    with pytest.raises(ValidationError, match=r"sudah diubah oleh Ani Perencana pada "
                       r"\d{1,2} [A-Z][a-z]+ \d{4} pukul \d\d\.\d\d"):
        hasil.check()
