"""sakip.lib.periode — triwulan and Indonesian dates (domain.md §8.1–§8.2)."""

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.lib.periode import (
    NAMA_BULAN,
    TRIWULAN,
    angka_romawi,
    bulan_triwulan,
    format_tanggal,
    nama_bulan,
    nama_triwulan,
    romawi,
    triwulan_dari_bulan,
    triwulan_dari_tanggal,
)


def test_triwulan_constant():
    assert TRIWULAN == (1, 2, 3, 4)


@pytest.mark.parametrize(
    ("bulan", "tw"),
    [(1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (9, 3), (10, 4), (12, 4)],
)
def test_triwulan_dari_bulan(bulan, tw):
    assert triwulan_dari_bulan(bulan) == tw


@pytest.mark.parametrize(
    ("tw", "awal_akhir"), [(1, (1, 3)), (2, (4, 6)), (3, (7, 9)), (4, (10, 12))]
)
def test_bulan_triwulan(tw, awal_akhir):
    assert bulan_triwulan(tw) == awal_akhir


@given(st.integers(min_value=1, max_value=12))
def test_bulan_lies_in_its_triwulan(bulan):
    awal, akhir = bulan_triwulan(triwulan_dari_bulan(bulan))
    assert awal <= bulan <= akhir


@pytest.mark.parametrize(
    ("tw", "angka", "nama"),
    [
        (1, "I", "Triwulan I"),
        (2, "II", "Triwulan II"),
        (3, "III", "Triwulan III"),
        (4, "IV", "Triwulan IV"),
    ],
)
def test_romawi_dan_nama_triwulan(tw, angka, nama):
    assert romawi(tw) == angka
    assert nama_triwulan(tw) == nama


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "I"), (4, "IV"), (5, "V"), (9, "IX"), (14, "XIV"), (2025, "MMXXV")]
)
def test_angka_romawi(n, expected):
    assert angka_romawi(n) == expected


@pytest.mark.parametrize("tw", [0, 5, -1, True, "1", 1.0, None])
def test_triwulan_out_of_range(tw):
    with pytest.raises(ValueError, match="Triwulan harus bilangan bulat 1–4"):
        bulan_triwulan(tw)
    with pytest.raises(ValueError, match="Triwulan"):
        romawi(tw)
    with pytest.raises(ValueError, match="Triwulan"):
        nama_triwulan(tw)


@pytest.mark.parametrize("bulan", [0, 13, True, "3"])
def test_bulan_out_of_range(bulan):
    with pytest.raises(ValueError, match="Bulan harus bilangan bulat 1–12"):
        triwulan_dari_bulan(bulan)
    with pytest.raises(ValueError, match="Bulan"):
        nama_bulan(bulan)


def test_nama_bulan():
    assert [NAMA_BULAN[b] for b in (1, 2, 5, 8, 12)] == [
        "Januari",
        "Februari",
        "Mei",
        "Agustus",
        "Desember",
    ]
    assert len(NAMA_BULAN) == 12
    assert nama_bulan(11) == "November"


@pytest.mark.parametrize(
    ("tanggal", "expected"),
    [
        (date(2025, 1, 21), "21 Januari 2025"),
        (date(2025, 1, 20), "20 Januari 2025"),
        (date(2024, 12, 31), "31 Desember 2024"),
        (date(2024, 3, 1), "1 Maret 2024"),
    ],
)
def test_format_tanggal(tanggal, expected):
    assert format_tanggal(tanggal) == expected


def test_format_tanggal_with_tempat():
    assert format_tanggal(date(2025, 1, 20), tempat="Bekasi") == "Bekasi, 20 Januari 2025"


def test_format_tanggal_uses_the_datetime_own_date():
    wita = timezone(timedelta(hours=8))
    assert format_tanggal(datetime(2025, 1, 1, 0, 30, tzinfo=wita)) == "1 Januari 2025"


@pytest.mark.parametrize("tanggal", ["2025-01-21", None, 20250121])
def test_format_tanggal_rejects_non_dates(tanggal):
    with pytest.raises(ValueError, match="Tanggal"):
        format_tanggal(tanggal)


def test_triwulan_dari_tanggal():
    assert triwulan_dari_tanggal(date(2024, 12, 31)) == 4
    with pytest.raises(ValueError):
        triwulan_dari_tanggal("2024-12-31")
