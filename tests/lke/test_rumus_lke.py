"""Scoring rules of the LKE (domain.md §4.2–4.3) as pure functions of kinerja.rumus."""

from decimal import Decimal as D

import pytest

from kinerja.rumus import (
    jumlah_nilai,
    melanggar_kerangka_logis,
    nilai_jawaban,
    nilai_subkomponen,
    predikat_akip,
    predikat_nilai_akhir,
    rata_rata,
)


def test_contoh_subkomponen_kualitas_9_kriteria():
    # domain.md §4.3: A,A,B,B,C,A,B,A,C on bobot 9 → 1+1+0,75+0,75+0,5+1+0,75+1+0,5 = 7,25.
    nilai = [nilai_jawaban("ae", j) for j in "AABBCABAC"]
    assert sum(nilai) == D("7.25")
    assert nilai_subkomponen(nilai, 9) == D("7.25")


@pytest.mark.parametrize(("tipe", "jawaban", "nilai"), [
    ("yt", "Y", D(1)), ("yt", "t", D(0)), ("ae", "A", D(1)), ("ae", "B", D("0.75")),
    ("ae", "c", D("0.5")), ("ae", "D", D("0.25")), ("ae", "E", D(0)),
])
def test_nilai_jawaban_standar(tipe, jawaban, nilai):
    assert nilai_jawaban(tipe, jawaban) == nilai


def test_nilai_jawaban_kustom_trenggalek():
    pilihan = [{"jawaban": "A", "nilai": "1"}, {"jawaban": "B", "nilai": "0.66"},
               {"jawaban": "C", "nilai": "0.33"}, {"jawaban": "D", "nilai": "0"}]
    assert nilai_jawaban("kustom", "B", pilihan) == D("0.66")
    with pytest.raises(ValueError, match="pilih salah satu: A/B/C/D"):
        nilai_jawaban("kustom", "E", pilihan)


@pytest.mark.parametrize(("tipe", "jawaban"), [("yt", "A"), ("ae", "Y"), ("ae", "F"),
                                               ("ae", "")])
def test_jawaban_tidak_sah_ditolak_dalam_bahasa_indonesia(tipe, jawaban):
    with pytest.raises(ValueError, match="tidak sah"):
        nilai_jawaban(tipe, jawaban)


def test_kriteria_belum_dijawab_bukan_nol():
    assert nilai_subkomponen([D(1), None, D("0.5")], 6) == D("4.5")
    assert nilai_subkomponen([None, None], 6) is None
    assert rata_rata([None]) is None


def test_hasil_bulat_tetap_bulat():
    assert nilai_subkomponen([D("0.75"), D("0.75"), D("0.5")], 6) == D(4)


@pytest.mark.parametrize(("komponen", "total"), [
    ([D("22.94"), D("23.11"), D("11.23"), D("20.01")], D("77.29")),  # Bekasi 2024
    ([D("22.25"), D("22.12"), D("12.42"), D("20.47")], D("77.26")),  # Bekasi 2023
])
def test_total_bekasi_dan_predikat_bb(komponen, total):
    assert jumlah_nilai(komponen) == total
    assert predikat_nilai_akhir(total).kode == "BB"


@pytest.mark.parametrize(("nilai", "predikat"), [
    ("90.00", "A"), ("90.01", "AA"), ("70.00", "B"), ("70.01", "BB"), ("30", "D"),
    ("30.01", "C"), ("100", "AA"), ("0", "D"),
])
def test_batas_predikat_terbuka_kiri(nilai, predikat):
    assert predikat_akip(nilai).kode == predikat
    assert predikat_nilai_akhir(D(nilai)).kode == predikat


def test_predikat_dari_nilai_akhir_yang_diumumkan_dua_desimal():
    assert predikat_nilai_akhir(D("90.004")).kode == "A"
    assert predikat_nilai_akhir(D("90.005")).kode == "AA"
    assert jumlah_nilai([None, None]) is None
    assert predikat_nilai_akhir(None) is None


def test_kerangka_logis_dibatasi_kriteria_lain():
    # "LKjIP berkualitas" > 0 only if "LKjIP disusun" = Y.
    assert melanggar_kerangka_logis(nilai_jawaban("ae", "B"), nilai_jawaban("yt", "T"))
    assert not melanggar_kerangka_logis(nilai_jawaban("ae", "E"), nilai_jawaban("yt", "T"))
    assert not melanggar_kerangka_logis(nilai_jawaban("ae", "A"), nilai_jawaban("yt", "Y"))


def test_kerangka_logis_dibatasi_rata_rata_subkomponen():
    pemenuhan = rata_rata([D(1), D(1), D(0), D(1)])  # 0,75
    assert melanggar_kerangka_logis(D(1), pemenuhan)
    assert not melanggar_kerangka_logis(D("0.75"), pemenuhan)
    assert not melanggar_kerangka_logis(None, pemenuhan)
    assert not melanggar_kerangka_logis(D(1), None)
