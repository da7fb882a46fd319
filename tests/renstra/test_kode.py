"""normalisasi_kode(): every code variant of domain.md §6.1 ends in one canonical dotted form."""

import pytest

from renstra.kode import (
    KodeTidakSah,
    kode_induk,
    level_kode,
    normalisasi_kode,
    pisah_kode_nama,
    tampak_seperti_kode,
)


@pytest.mark.parametrize(
    ("teks", "kanonik"),
    [
        ("1.06.04.2.01.0001", "1.06.04.2.01.0001"),
        # level digit zero-padded (public master list)
        ("1.06.04.02.01.0001", "1.06.04.2.01.0001"),
        # two-digit sub kegiatan of the original 90/2019 lists
        ("1.06.04.2.01.01", "1.06.04.2.01.0001"),
        # SIPD nama_sub_giat / nama_program with the code embedded
        ("1.05.02.2.03.0002 Pembentukan Sekretariat PPNS", "1.05.02.2.03.0002"),
        ("1.05.02 PROGRAM PENINGKATAN KAPASITAS", "1.05.02"),
        # SIMDA "kode unit – kode kegiatan" (SEED-B Tabel 3.9)
        ("1.06.01.01 - 04.2.01.01", "1.06.04.2.01.0001"),
        ("  1.06.02.2.03  ", "1.06.02.2.03"),
        ("1.06.", "1.06"),
        ("1", "1"),
    ],
)
def test_normalisasi_kode_variants(teks, kanonik):
    assert normalisasi_kode(teks) == kanonik


def test_placeholder_x_xx_needs_the_bidang_of_the_office():
    assert normalisasi_kode("X.XX.01.2.01.0001", bidang="1.06") == "1.06.01.2.01.0001"
    assert normalisasi_kode("X.XX.01", bidang="1.6") == "1.06.01"
    with pytest.raises(KodeTidakSah, match="placeholder X.XX"):
        normalisasi_kode("X.XX.01.2.01.0001")


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("1.06.04.2", "4 segmen"),
        ("1.06.04.2.01.0001.5", "7 segmen"),
        ("1.06.004", "segmen ke-3 '004' terlalu panjang"),
        ("1.06.04.2.01.00001", "segmen ke-6"),
        ("abc", "tidak diawali kode"),
        ("", "Kode kosong"),
    ],
)
def test_codes_that_are_not_codes_are_refused_with_a_reason(teks, pesan):
    with pytest.raises(KodeTidakSah, match=pesan):
        normalisasi_kode(teks)


@pytest.mark.parametrize(
    ("teks", "kode", "nama"),
    [
        ("1.06.02 - PROGRAM PEMBERDAYAAN SOSIAL", "1.06.02", "PROGRAM PEMBERDAYAAN SOSIAL"),
        ("1.06.04.2.02 Rehabilitasi Sosial PMKS", "1.06.04.2.02", "Rehabilitasi Sosial PMKS"),
        ("1.06.02.2.03 – Pengembangan Potensi", "1.06.02.2.03", "Pengembangan Potensi"),
        ("1.06.02.2.03: Pengembangan Potensi", "1.06.02.2.03", "Pengembangan Potensi"),
        ("1.06 - URUSAN PEMERINTAHAN BIDANG SOSIAL", "1.06", "URUSAN PEMERINTAHAN BIDANG SOSIAL"),
        ("1.06.04.02.01.0001 - Penyediaan Permakanan", "1.06.04.2.01.0001",
         "Penyediaan Permakanan"),
    ],
)
def test_pisah_kode_nama_with_or_without_the_dash(teks, kode, nama):
    assert pisah_kode_nama(teks) == (kode, nama)


def test_level_and_parent():
    assert [level_kode(k) for k in ("1", "1.06", "1.06.04", "1.06.04.2.01",
                                     "1.06.04.2.01.0001")] == [
        "urusan", "bidang_urusan", "program", "kegiatan", "subkegiatan"]
    assert kode_induk("1.06.04.2.01.0001") == "1.06.04.2.01"
    assert kode_induk("1.06.04.2.01") == "1.06.04"
    assert kode_induk("1.06.04") == "1.06"
    assert kode_induk("1") is None


@pytest.mark.parametrize(
    ("teks", "kode"),
    [
        ("1.06.02 - PROGRAM", True),
        ("X.XX.01 - PROGRAM PENUNJANG", True),
        ("1.06.04.2 - rusak", True),  # meant as a code: refused later, not taken as text
        ("1 - URUSAN WAJIB", True),
        ("Meningkatnya pemberdayaan sosial", False),
        ("2024", False),
        ("1 Orang", False),
        ("89,7", False),
        (None, False),
    ],
)
def test_tampak_seperti_kode(teks, kode):
    assert tampak_seperti_kode(teks) is kode
