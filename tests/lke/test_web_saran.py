"""Suggestions from the system's own data (lke.saran, laporan.saran_lke): the data with its dates,
the proposed answer per answer type, the LKjIP providers registered from the upper layer, and
one run per provider whatever the number of criteria."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.models import Jenjang, PerjanjianKinerja
from lke import saran
from lke.models import Kriteria, TipeJawaban
from lke.saran_kunci import SARAN
from tests.factories import PerangkatDaerahFactory

pytestmark = pytest.mark.django_db


def _k(tipe, pilihan=None, kunci="renstra_ada", pk=1) -> Kriteria:
    return Kriteria(pk=pk, kode=f"X.{pk}", tipe=tipe, pilihan=pilihan or [], saran=kunci)


@pytest.mark.parametrize("terpenuhi, yt, ae", [
    ("1", "Y", "A"), ("0.91", "Y", "A"), ("0.90", "Y", "B"), ("0.76", "Y", "B"),
    ("0.75", "T", "C"), ("0.41", "T", "C"), ("0.40", "T", "D"), ("0.10", "T", "E"),
    ("0", "T", "E"),
])
def test_proposed_answer_follows_the_bands(terpenuhi, yt, ae):
    assert saran.jawaban_untuk(_k(TipeJawaban.YT), Decimal(terpenuhi)) == yt
    assert saran.jawaban_untuk(_k(TipeJawaban.AE), Decimal(terpenuhi)) == ae


def test_custom_answers_take_the_highest_value_reached():
    trenggalek = [{"jawaban": "A", "nilai": "1"}, {"jawaban": "B", "nilai": "0.66"},
                  {"jawaban": "C", "nilai": "0.33"}, {"jawaban": "D", "nilai": "0"}]
    k = _k(TipeJawaban.KUSTOM, trenggalek)
    assert saran.jawaban_untuk(k, Decimal("0.7")) == "B"
    assert saran.jawaban_untuk(k, Decimal("0.2")) == "D"
    assert saran.jawaban_untuk(k, None) is None


def test_every_key_has_a_provider_incl_the_lkjip_ones_from_laporan():
    assert [k for k in SARAN if saran.penyedia(k) is None] == []
    assert saran.penyedia("efisiensi_dihitung").__module__ == "laporan.saran_lke"


def test_demo_data_with_dates(demo):
    kr = [_k(TipeJawaban.YT, kunci=k, pk=i) for i, k in enumerate(SARAN, start=1)]
    hasil = {s.kunci: s for s in saran.saran_untuk(demo, 2024, kr).values()}
    assert hasil["pk_ditetapkan_tepat_waktu"].data == [
        "PK 2024 ditetapkan 31 Januari 2024 — tepat waktu (batas akhir Februari, "
        "PermenPAN-RB 53/2014)."]
    assert hasil["pk_ditetapkan_tepat_waktu"].jawaban == "Y"
    assert hasil["realisasi_triwulanan"].data[0].startswith("Realisasi 2024 diisi 4 triwulan, ")
    assert "memiliki definisi operasional" in hasil["iku_definisi_operasional"].data[0]
    assert "LKjIP 2024" in hasil["lkjip_ditetapkan_tepat_waktu"].data[0]
    assert hasil["renstra_ada"].alasan.startswith("Menerima saran dari data: Renstra 2022–2026")


def test_late_pk_is_said_late(demo):
    # The induk PK's date counts: a later perubahan is signed when the year requires it.
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo, tahun=2024, versi=1,
                                       jenjang=Jenjang.JPT_PRATAMA)
    PerjanjianKinerja.objects.filter(pk=pk.pk).update(tanggal=datetime.date(2024, 3, 4))
    s = saran.saran_untuk(demo, 2024, [_k(TipeJawaban.AE, kunci="pk_ditetapkan_tepat_waktu")])[1]
    assert "ditetapkan 4 Maret 2024 — terlambat" in s.data[0] and s.jawaban == "C"


def test_nothing_for_an_office_without_data(demo):
    pd = PerangkatDaerahFactory()
    kr = [_k(TipeJawaban.YT, kunci=k, pk=i) for i, k in enumerate(SARAN, start=1)]
    hasil = {s.kunci: s for s in saran.saran_untuk(pd, 2024, kr).values()}
    assert hasil["renstra_ada"].jawaban == "T"
    assert hasil["efisiensi_dihitung"].jawaban is None  # data only, nothing proposed


def test_each_provider_runs_once_whatever_the_number_of_criteria(demo):
    def hitung(n: int) -> int:
        kr = [_k(TipeJawaban.AE, kunci=k, pk=i * 100 + j)
              for i, k in enumerate(SARAN, start=1) for j in range(n)]
        with CaptureQueriesContext(connection) as q:
            assert len(saran.saran_untuk(demo, 2024, kr)) == n * len(SARAN)
        return len(q)

    assert hitung(1) == hitung(15)
