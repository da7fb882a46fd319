"""What the busiest pages read, table by table (bench/bench_beban.py measures their speed).

The office dashboard, the pemda dashboard and the LKjIP page are what most users open; each
reads every table it needs once. The counts per table are exact: a second read of the same
rows is the repeated work these tests exist to catch. Beside them, the figures that the
shared reads feed must not move: the office page's counts equal the pemda table's, and the
values built from PK lines read once equal those read per call.
"""

import datetime
import re
from collections import Counter

import pytest
from django.db import connection
from django.db.models import Q, Sum
from django.test.utils import CaptureQueriesContext

from anggaran.models import RealisasiAnggaran
from anggaran.selectors import anggaran_lintas_pd, ringkasan_anggaran
from dasbor import selectors as s
from dasbor.models import CatatanReviu
from kinerja.models import Realisasi
from kinerja.selectors import nilai_indikator, pk_indikator_berlaku
from renstra.models import Indikator
from renstra.selectors import renstra_aktif

HARI_INI = datetime.date(2026, 11, 23)


def _per_tabel(queries) -> Counter:
    """How many queries read each table first named after FROM (the table a query is about)."""
    n: Counter = Counter()
    for q in queries:
        m = re.search(r'\bFROM "(\w+)"', q["sql"])
        if m:
            n[m.group(1)] += 1
    return n


def _baca(client, url) -> Counter:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return _per_tabel(q.captured_queries)


@pytest.mark.django_db
def test_office_dashboard_reads_each_table_once(demo, client_as):
    n = _baca(client_as("kepala"), "/dasbor/?tahun=2024&tw=4")
    # PK lines feed both the values and the data-quality counts: read once.
    assert n["kinerja_pkindikator"] == 1
    # Realisasi: the values, then each value's late/unverified flags (counts and list alike).
    assert n["kinerja_realisasi"] == 2
    # Open review notes: the latest ten, and one grouped read for the total and per indicator.
    assert n["dasbor_catatanreviu"] == 2
    # Budget lines: one read each, the owner levels joined by UNION ALL.
    assert n["anggaran_pagu"] == 1
    assert n["anggaran_realisasianggaran"] == 1


@pytest.mark.django_db
def test_lkjip_page_reads_the_budget_once(demo, client_as):
    n = _baca(client_as("kepala"), "/laporan/dinsos-gowa/2024/")
    assert n["anggaran_pagu"] == 1
    assert n["anggaran_realisasianggaran"] == 1


@pytest.mark.django_db
def test_budget_lines_are_read_per_owner_level_not_through_or(demo):
    """``program IN (…) OR kegiatan IN (…) OR subkegiatan IN (…)`` makes PostgreSQL scan every
    budget line of every office; each level on its own uses its owner index."""
    renstra = renstra_aktif(demo, 2024)
    with CaptureQueriesContext(connection) as q:
        ringkasan_anggaran(renstra, 2024)
    baca = [x["sql"] for x in q.captured_queries
            if re.search(r'\bFROM "anggaran_(pagu|realisasianggaran)"', x["sql"])]
    assert len(baca) == 2
    for sql in baca:
        assert sql.count("UNION ALL") == 2
        assert not re.search(r'_id" IN \(SELECT[^)]*\)\) OR', sql)


@pytest.mark.django_db
def test_budget_lines_of_every_owner_level_count_once(demo):
    """The UNION ALL parts are disjoint (a line has exactly one owner): each owner's own
    spending is the sum of its lines, read alone (in detail) or with other offices."""
    renstra = renstra_aktif(demo, 2024)
    sendiri = ringkasan_anggaran(renstra, 2024)
    bersama = anggaran_lintas_pd([renstra.pk], 2024)[renstra.pk]
    assert (sendiri.pagu, sendiri.realisasi) == (bersama.pagu, bersama.realisasi)
    milik = {
        "program": Q(program__renstra=renstra),
        "kegiatan": Q(kegiatan__program__renstra=renstra),
        "subkegiatan": Q(subkegiatan__kegiatan__program__renstra=renstra),
    }
    dicek: Counter = Counter()
    for level, q in milik.items():
        for owner_id, total in (
            RealisasiAnggaran.objects.filter(q, tahun=2024).order_by()
            .values_list(f"{level}_id").annotate(total=Sum("nilai"))
        ):
            # A level's own line wins over its children's sum (anggaran.selectors._rollup).
            assert sendiri.node(level, owner_id).realisasi == total, (level, owner_id)
            dicek[level] += 1
    assert dicek["program"] > 0 and dicek["kegiatan"] > 0  # Gowa gives both levels


@pytest.mark.django_db
def test_office_counts_equal_the_pemda_counts(demo):
    """The office page lists problems from one read of the values; the pemda table counts
    them in the database. Both must give the same numbers (and the list as many lines)."""
    renstra = renstra_aktif(demo, 2024)
    sampel = Realisasi.objects.filter(indikator__renstra=renstra, tahun=2024).order_by("id")
    draf = sampel.first()
    Realisasi.objects.filter(pk=draf.pk).update(status=Realisasi.Status.DRAFT, submitted_at=None)
    for hari_ini in (HARI_INI, datetime.date(2024, 8, 1)):
        kantor = s.kualitas_realisasi({demo.pk: renstra.pk}, 2024, hari_ini=hari_ini,
                                      rinci=True)[demo.pk]
        pemda = s.kualitas_realisasi({demo.pk: renstra.pk}, 2024, hari_ini=hari_ini)[demo.pk]
        angka = ("diharapkan", "belum_diisi", "terlambat", "belum_diverifikasi")
        assert [getattr(kantor, a) for a in angka] == [getattr(pemda, a) for a in angka]
        for jenis in (s.BELUM_DIISI, s.TERLAMBAT, s.BELUM_DIVERIFIKASI):
            assert len(kantor.per_jenis(jenis)) == getattr(kantor, jenis)
    assert kantor.belum_diverifikasi >= 1


@pytest.mark.django_db
def test_values_from_shared_pk_lines_equal_their_own_read(demo):
    renstra = renstra_aktif(demo, 2024)
    indikator = list(Indikator.objects.filter(renstra=renstra, aktif=True))
    sendiri = nilai_indikator(indikator, [2024], perangkat_daerah=demo)
    lines = pk_indikator_berlaku(None, [2024], pd_ids=[demo.pk])
    bersama = nilai_indikator(indikator, [2024], perangkat_daerah=demo, pk_lines=lines,
                              dengan_objek=False)
    assert any(n.sumber_target == "pk" for n in sendiri.values())
    for key, n in sendiri.items():
        m = bersama[key]
        assert (n.target, n.target_tw, n.sumber_target, n.realisasi, n.capaian, n.kategori) == (
            m.target, m.target_tw, m.sumber_target, m.realisasi, m.capaian, m.kategori)
        assert m.realisasi_obj_tw == [None] * 4


@pytest.mark.django_db
def test_open_note_count_is_the_sum_over_indicators(demo, client_as):
    d = s.dasbor_kantor(demo, tahun=2024, sampai_tw=4, hari_ini=HARI_INI)
    terbuka = CatatanReviu.objects.filter(perangkat_daerah=demo, tahun=2024).exclude(
        status=CatatanReviu.Status.SELESAI)
    assert d.catatan_terbuka == terbuka.count() > 0
    per_indikator = Counter(c.indikator_id or (c.realisasi.indikator_id if c.realisasi else None)
                            for c in terbuka)
    for b in d.indikator_list:
        assert b.catatan_terbuka == per_indikator.get(b.indikator.pk, 0)
