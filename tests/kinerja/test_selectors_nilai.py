from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.selectors import capaian_rata_rata, nilai_indikator
from renstra.models import Indikator
from sakip.lib.angka import bulatkan


@pytest.fixture
def iku(demo):
    return Indikator.objects.get(renstra__perangkat_daerah=demo, is_iku=True)


def test_gowa_iku_2024_uses_pk_berlaku_and_sums_quarters(demo, iku):
    n = nilai_indikator([iku], [2024], perangkat_daerah=demo)[(iku.pk, 2024)]
    assert n.sumber_target == "pk"
    assert n.pk_indikator.perjanjian.versi == 2
    assert n.target == Decimal("580")
    assert n.realisasi == Decimal("653")
    assert bulatkan(n.capaian, 2) == Decimal("112.59")  # G-01: not the printed 112 %
    assert n.kategori.kode == "SANGAT_BERHASIL"


def test_prior_year_falls_back_to_renstra_target(demo, iku):
    n = nilai_indikator([iku], [2023], perangkat_daerah=demo)[(iku.pk, 2023)]
    assert n.sumber_target == "renstra"
    assert n.capaian == Decimal("100")  # G-02: 563 / 563


def test_capaian_to_date_compares_with_tw_targets(demo, iku):
    n = nilai_indikator([iku], [2024], perangkat_daerah=demo, sampai_tw=2)[(iku.pk, 2024)]
    assert n.realisasi == Decimal("310")  # 150 + 160
    assert bulatkan(n.capaian, 2) == Decimal("106.90")  # 310 / (145 + 145)


def test_missing_realisasi_is_none_not_zero(demo, iku):
    n = nilai_indikator([iku], [2025], perangkat_daerah=demo)[(iku.pk, 2025)]
    assert n.target == Decimal("600")
    assert n.realisasi is None and n.capaian is None and n.kategori is None


def test_fixed_query_count_whatever_the_number_of_indicators(demo):
    inds = list(Indikator.objects.filter(renstra__perangkat_daerah=demo))
    with CaptureQueriesContext(connection) as small:
        nilai_indikator(inds[:1], [2024], perangkat_daerah=demo)
    with CaptureQueriesContext(connection) as large:
        nilai_indikator(inds, [2022, 2023, 2024, 2025, 2026], perangkat_daerah=demo)
    assert len(small) == len(large) == 4


def test_sasaran_capaian_is_mean_with_optional_cap(demo):
    inds = list(Indikator.objects.filter(renstra__perangkat_daerah=demo, program__isnull=False))
    nilai = nilai_indikator(inds, [2024], perangkat_daerah=demo).values()
    raw = capaian_rata_rata(nilai)
    capped = capaian_rata_rata(nilai, batas=Decimal(100))
    # 169,23 + 100 + 115,38 + 130,67 → mean 128,82; capped at 100 each → 100
    assert bulatkan(raw, 2) == Decimal("128.82")
    assert capped == Decimal(100)
