"""kinerja.rumus against every worked example of domain.md §2–§5 and the seed cross-check §10.

Expected values are the recomputed ones (never the printed, truncated figures), compared after
``bulatkan(x, 2)`` unless stated.
"""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kinerja import rumus
from kinerja.rumus import (
    PREDIKAT_AKIP,
    RUMUS_EFISIENSI,
    SKALA,
    HasilPredikat,
    IKMResult,
    Kategori,
    agregasi,
    agregasi_rasio,
    capaian,
    capaian_nilai_predikat,
    capaian_predikat,
    clamp_tampilan,
    efisiensi,
    efisiensi_keterangan,
    ikm,
    is_band_terendah,
    kategori,
    kategori_terendah,
    mutu_ikm,
    nrr_per_unsur,
    predikat_akip,
    proyeksi_akhir_tahun,
    serapan,
)
from sakip.lib.angka import bulatkan, parse_angka

D = Decimal


def r2(nilai: Decimal | None) -> Decimal | None:
    return bulatkan(nilai, 2)


angka = st.decimals(
    min_value=D("-1000000"), max_value=D("1000000"), places=4, allow_nan=False, allow_infinity=False
)
positif = st.decimals(
    min_value=D("0.0001"), max_value=D("1000000"), places=4, allow_nan=False, allow_infinity=False
)
triwulan = st.lists(st.one_of(st.none(), angka), min_size=0, max_size=4)


# ------------------------------------------------------------------------------------------------
# §2.1 / §2.2 capaian
# ------------------------------------------------------------------------------------------------


class TestCapaianPositif:
    @pytest.mark.parametrize(
        ("target", "realisasi", "expected"),
        [
            pytest.param(580, 653, "112.59", id="G-01"),
            pytest.param(563, 563, "100.00", id="G-02-target-2023"),
            pytest.param("489.57", 563, "115.00", id="G-02-printed-115-needs-T-489.6"),
            pytest.param(615, 653, "106.18", id="G-05"),
            pytest.param(13, 22, "169.23", id="G-14-rehsos"),
            pytest.param(9, 9, "100.00", id="G-14-pangan"),
            pytest.param(13, 15, "115.38", id="G-14-jamsos"),
            pytest.param(15, "19.6", "130.67", id="G-15"),
            pytest.param(13, 12, "92.31", id="R-06-2022"),
            pytest.param(14, 12, "85.71", id="R-06-2023"),
            pytest.param("80.50", "93.45", "116.09", id="2.3-IKM-as-IKU"),
        ],
    )
    def test_worked_examples(self, target, realisasi, expected):
        assert r2(capaian(target, realisasi)) == D(expected)

    def test_gowa_iku_is_unrounded(self):
        assert capaian(580, 653) == D(65300) / D(580)

    def test_accepts_int_str_float_decimal(self):
        expected = capaian(D("580"), D("653"))
        assert capaian(580, 653) == expected
        assert capaian("580", "653") == expected
        assert capaian(580.0, 653.0) == expected

    def test_float_goes_through_str(self):
        # Decimal(0.1) would carry binary noise; Decimal(str(0.1)) does not.
        assert capaian(0.1, 0.1) == D(100)
        assert capaian(0.3, 0.1) == D(100) / D(3)

    def test_kualitatif_numeric_behaves_like_positif(self):
        assert capaian(580, 653, "kualitatif") == capaian(580, 653)

    def test_indonesian_text_is_refused_with_hint(self):
        with pytest.raises(ValueError, match="parse_angka"):
            capaian("1.234,5", 100)

    def test_unknown_polaritas(self):
        with pytest.raises(ValueError, match="Polaritas"):
            capaian(1, 1, "naik")


class TestCapaianNegatif:
    @pytest.mark.parametrize(
        ("rumus_negatif", "expected"),
        [
            pytest.param("NEG-A", "110.00", id="2.8-4-NEG-A"),
            pytest.param("NEG-B", "111.11", id="2.8-4-NEG-B"),
        ],
    )
    def test_hypothetical_jumlah_ppks(self, rumus_negatif, expected):
        assert r2(capaian(2000, 1800, "negatif", rumus_negatif)) == D(expected)

    def test_default_is_neg_a(self):
        assert capaian(2000, 1800, "negatif") == D(110)

    def test_neg_c_is_refused(self):
        with pytest.raises(ValueError, match="NEG-C"):
            capaian(2000, 1800, "negatif", "NEG-C")

    def test_unknown_rumus(self):
        with pytest.raises(ValueError, match="tidak dikenal"):
            capaian(2000, 1800, "negatif", "NEG-Z")

    def test_neg_a_can_go_negative_and_is_clamped_for_display(self):
        raw = capaian(100, 250, "negatif")
        assert raw == D(-50)
        assert clamp_tampilan(raw) == D(0)
        assert clamp_tampilan(D("112.5")) == D("112.5")
        assert clamp_tampilan(None) is None

    def test_neg_a_realisasi_zero_is_200(self):
        assert capaian(2000, 0, "negatif") == D(200)


class TestCapaianRentang:
    """PermenPAN-RB 8/2021 range targets, domain.md §2.2."""

    @pytest.mark.parametrize(
        ("target", "realisasi", "polaritas", "expected"),
        [
            pytest.param((80, 90), 92, "positif", "102.22", id="2.2-80-90-R92"),
            pytest.param((80, 90), 70, "positif", "87.50", id="2.2-80-90-R70"),
            pytest.param((80, 90), 85, "positif", "100.00", id="2.2-80-90-inside"),
            pytest.param((80, 90), 80, "positif", "100.00", id="2.2-80-90-lower-edge"),
            pytest.param((80, 90), 90, "positif", "100.00", id="2.2-80-90-upper-edge"),
            pytest.param((7, 8), "6.5", "negatif", "107.14", id="2.2-7-8-bulan-R6.5"),
            pytest.param((7, 8), 9, "negatif", "87.50", id="2.2-7-8-bulan-R9"),
            pytest.param((7, 8), "7.5", "negatif", "100.00", id="2.2-7-8-bulan-inside"),
            pytest.param([80, 90], 92, "positif", "102.22", id="list-accepted"),
        ],
    )
    def test_regulation_examples(self, target, realisasi, polaritas, expected):
        assert r2(capaian(target, realisasi, polaritas)) == D(expected)

    def test_published_113_is_an_arithmetic_slip(self):
        assert r2(capaian((80, 90), 92)) != D(113)

    def test_time_example_is_unrounded(self):
        assert capaian((7, 8), "6.5", "negatif") == (14 - D("6.5")) * 100 / 7

    def test_neg_b_range_uses_nearer_bound(self):
        assert capaian((7, 8), 10, "negatif", "NEG-B") == D(80)

    @pytest.mark.parametrize("target", [(90, 80), (1, 2, 3), (None, 5)])
    def test_malformed_range(self, target):
        with pytest.raises(ValueError, match="rentang"):
            capaian(target, 85)


class TestCapaianEdgeCases:
    """domain.md §2.7."""

    @pytest.mark.parametrize(
        ("target", "realisasi", "polaritas", "rumus_negatif"),
        [
            pytest.param(0, 5, "positif", "NEG-A", id="T0-positif"),
            pytest.param(0, 0, "positif", "NEG-A", id="T0-R0-positif"),
            pytest.param(None, 5, "positif", "NEG-A", id="T-null"),
            pytest.param(5, None, "positif", "NEG-A", id="R-null-is-not-0"),
            pytest.param(5, None, "negatif", "NEG-A", id="R-null-negatif"),
            pytest.param(2000, 0, "negatif", "NEG-B", id="NEG-B-R0"),
            pytest.param(0, 5, "negatif", "NEG-A", id="NEG-A-T0-R-positive"),
        ],
    )
    def test_undefined_is_none(self, target, realisasi, polaritas, rumus_negatif):
        assert capaian(target, realisasi, polaritas, rumus_negatif) is None

    @pytest.mark.parametrize("rumus_negatif", ["NEG-A", "NEG-B"])
    def test_negatif_t0_r0_is_100(self, rumus_negatif):
        assert capaian(0, 0, "negatif", rumus_negatif) == D(100)

    def test_missing_realisasi_differs_from_zero(self):
        assert capaian(5, 0) == D(0)
        assert capaian(5, None) is None


class TestUnroundedInputs:
    """§2.8 example 2: capaian computed from a rounded realisasi is wrong (domain.md §10 summary
    item 1), so capaian always comes from the unrounded values."""

    def test_bekasi_ppks_mandiri_direct(self):
        realisasi_persen = D(15216) * 100 / D(125326)
        assert r2(capaian(5, realisasi_persen)) == D("242.82")

    def test_bekasi_ppks_mandiri_via_agregasi_rasio(self):
        realisasi_persen = agregasi_rasio([15216], [125326], "SUM")
        assert r2(realisasi_persen) == D("12.14")
        assert r2(capaian(5, realisasi_persen)) == D("242.82")

    def test_bekasi_quarterly_numerators_over_fixed_population(self):
        realisasi_persen = agregasi_rasio(
            [4000, 4000, 4000, 3216], [125326] * 4, "SUM", agregasi_penyebut="LAST"
        )
        assert r2(capaian(5, realisasi_persen)) == D("242.82")

    def test_rounded_inputs_give_the_printed_wrong_figures(self):
        realisasi_persen = agregasi_rasio([15216], [125326], "SUM")
        assert r2(capaian(5, r2(realisasi_persen))) == D("242.80")
        assert r2(capaian(5, 12)) == D("240.00")
        assert r2(capaian(D("6266"), 15216)) == D("242.83")

    def test_repeating_ratio_keeps_its_digits(self):
        assert capaian(3, 1) != r2(capaian(3, 1))

    @given(
        target=st.integers(min_value=1, max_value=10_000_000),
        realisasi=st.integers(min_value=0, max_value=10_000_000),
    )
    def test_no_internal_rounding(self, target, realisasi):
        exact = Fraction(realisasi * 100, target)
        hasil = Fraction(capaian(target, realisasi))
        assert abs(hasil - exact) <= exact * Fraction(1, 10**26)


class TestCapaianProperties:
    @given(t=positif, r1=angka, r2_=angka)
    def test_positif_non_decreasing_in_realisasi(self, t, r1, r2_):
        lo, hi = sorted((r1, r2_))
        assert capaian(t, lo) <= capaian(t, hi)

    @given(t=positif, r1=angka, r2_=angka)
    def test_neg_a_non_increasing_in_realisasi(self, t, r1, r2_):
        lo, hi = sorted((r1, r2_))
        assert capaian(t, lo, "negatif") >= capaian(t, hi, "negatif")

    @given(t=angka)
    def test_neg_a_is_100_at_target(self, t):
        assert capaian(t, t, "negatif") == D(100)

    @given(t=angka.filter(lambda x: x != 0))
    def test_positif_is_100_at_target(self, t):
        assert capaian(t, t) == D(100)

    @given(lo=positif, lebar=positif, r1=angka, r2_=angka)
    def test_range_positif_monotone_and_100_inside(self, lo, lebar, r1, r2_):
        rentang = (lo, lo + lebar)
        a, b = sorted((r1, r2_))
        assert capaian(rentang, a) <= capaian(rentang, b)
        assert capaian(rentang, lo + lebar / 2) == D(100)


# ------------------------------------------------------------------------------------------------
# §2.3 qualitative and composite targets
# ------------------------------------------------------------------------------------------------


class TestCapaianPredikat:
    @pytest.mark.parametrize(
        ("target", "realisasi", "skala", "expected", "tercapai"),
        [
            pytest.param("BB", "BB", "AKIP", "100", True, id="AKIP-sama"),
            pytest.param("BB", "A", "AKIP", "100", True, id="AKIP-lebih-baik"),
            pytest.param("A", "BB", "AKIP", "83.33", False, id="AKIP-5-dari-6"),
            pytest.param("AA", "D", "AKIP", "14.29", False, id="AKIP-1-dari-7"),
            pytest.param("bb", " a ", "AKIP", "100", True, id="AKIP-case-insensitive"),
            pytest.param("WTP", "WTP", "OPINI", "100", True, id="OPINI-WTP"),
            pytest.param("WTP", "WDP", "OPINI", "75.00", False, id="OPINI-WDP"),
            pytest.param("WDP", "TW", "OPINI", "66.67", False, id="OPINI-TW"),
            pytest.param("WTP", "TMP", "OPINI", "25.00", False, id="OPINI-TMP"),
            pytest.param(
                "WTP", "Wajar Tanpa Pengecualian", "OPINI", "100", True, id="OPINI-full-name"
            ),
            pytest.param("Ada", "Ada", "BINARY", "100", True, id="BINARY-ada"),
            pytest.param("Ada", "Tidak", "BINARY", "0", False, id="BINARY-tidak"),
            pytest.param("Tersedia", "Tidak Tersedia", "BINARY", "0", False, id="BINARY-tersedia"),
            pytest.param("Tersedia", "tersedia", "BINARY", "100", True, id="BINARY-case"),
        ],
    )
    def test_scales(self, target, realisasi, skala, expected, tercapai):
        hasil = capaian_predikat(target, realisasi, skala)
        assert r2(hasil.capaian) == r2(D(expected))
        assert hasil.tercapai is tercapai

    def test_result_readable_as_attribute_and_mapping(self):
        hasil = capaian_predikat("A", "BB")
        assert isinstance(hasil, HasilPredikat)
        assert hasil["capaian"] == hasil.capaian
        assert hasil["tercapai"] is False
        with pytest.raises(KeyError):
            hasil["nilai"]

    def test_unknown_predikat_message_is_indonesian(self):
        with pytest.raises(ValueError, match="Predikat 'AAA' tidak dikenal pada skala AKIP"):
            capaian_predikat("AAA", "A")

    def test_unknown_skala(self):
        with pytest.raises(ValueError, match="Skala predikat 'LAIN' tidak dikenal"):
            capaian_predikat("A", "A", "LAIN")

    def test_missing_realisasi_is_none(self):
        assert capaian_predikat("BB", None) is None


class TestCapaianNilaiPredikat:
    def test_bekasi_akip_100_04(self):
        hasil = capaian_nilai_predikat("77.26", "77.29", "BB", "BB")
        assert r2(hasil.capaian) == D("100.04")
        assert hasil.tercapai is True

    def test_bekasi_akip_capped_when_predikat_tercapai(self):
        hasil = capaian_nilai_predikat("77.26", "77.29", "BB", "BB", cap_100_bila_tercapai=True)
        assert hasil.capaian == D(100)
        assert hasil.tercapai is True

    def test_lower_nilai_same_predikat_counts_as_tercapai(self):
        hasil = capaian_nilai_predikat("77.26", "75", "BB", "BB")
        assert hasil.capaian < 100
        assert hasil.tercapai is True
        assert capaian_nilai_predikat("77.26", "75", "BB", "BB", True).capaian == D(100)

    def test_predikat_not_met_is_not_capped(self):
        hasil = capaian_nilai_predikat("77.26", "69", "BB", "B", cap_100_bila_tercapai=True)
        assert hasil.tercapai is False
        assert hasil.capaian == D(6900) / D("77.26")

    def test_without_predikat_status_follows_number(self):
        assert capaian_nilai_predikat("77.26", "77.29", None, None).tercapai is True
        assert capaian_nilai_predikat("77.26", "77.00", None, None).tercapai is False

    def test_without_number_falls_back_to_predikat(self):
        assert capaian_nilai_predikat("77.26", None, "BB", "A").capaian == D(100)
        assert capaian_nilai_predikat("77.26", None, "BB", None) is None


# ------------------------------------------------------------------------------------------------
# §2.4 agregasi
# ------------------------------------------------------------------------------------------------


class TestAgregasi:
    @pytest.mark.parametrize(
        ("jenis", "expected"),
        [
            ("SUM", "60"),
            ("LAST", "25"),
            ("YTD", "25"),
            ("AVG", "20"),
            ("MAX", "25"),
            ("MIN", "15"),
        ],
    )
    def test_ignores_empty_quarters(self, jenis, expected):
        assert agregasi([20, None, 15, 25], jenis) == D(expected)

    def test_last_skips_trailing_empty_quarters(self):
        assert agregasi([100, 100, None, None], "LAST") == D(100)

    def test_bekasi_psks_last(self):
        assert agregasi([100, 100, 100, 100], "LAST") == D(100)

    @pytest.mark.parametrize("jenis", rumus.JENIS_AGREGASI)
    def test_all_empty_is_none(self, jenis):
        assert agregasi([None, None, None, None], jenis) is None
        assert agregasi([], jenis) is None

    def test_lowercase_jenis(self):
        assert agregasi([1, 2], "sum") == D(3)

    def test_unknown_jenis(self):
        with pytest.raises(ValueError, match="Jenis agregasi 'MEDIAN' tidak dikenal"):
            agregasi([1, 2], "MEDIAN")

    @given(triwulan)
    def test_sum_equals_sum_of_non_null(self, nilai):
        ada = [x for x in nilai if x is not None]
        assert agregasi(nilai, "SUM") == (sum(ada, D(0)) if ada else None)

    @given(triwulan, st.integers(min_value=0, max_value=3))
    def test_last_ignores_empty_quarters(self, nilai, kosong):
        ada = [x for x in nilai if x is not None]
        assert agregasi(nilai + [None] * kosong, "LAST") == (ada[-1] if ada else None)

    @given(triwulan)
    def test_avg_between_min_and_max(self, nilai):
        assume(any(x is not None for x in nilai))
        assert agregasi(nilai, "MIN") <= agregasi(nilai, "AVG") <= agregasi(nilai, "MAX")


class TestAgregasiRasio:
    def test_sum_is_ratio_of_sums_not_sum_of_percentages(self):
        assert agregasi_rasio([10, 30], [100, 100], "SUM") == D(20)

    def test_sum_uses_only_quarters_with_both(self):
        assert agregasi_rasio([10, 20, None, None], [100, 100, 100, 100], "SUM") == D(15)

    @pytest.mark.parametrize("jenis", ["LAST", "YTD"])
    def test_last_quarter_having_both(self, jenis):
        assert agregasi_rasio([10, 20, 30, None], [100, 100, None, 100], jenis) == D(20)

    def test_avg_is_mean_of_quarterly_ratios(self):
        assert agregasi_rasio([1, 3], [10, 10], "AVG") == D(20)
        assert agregasi_rasio([1, 9], [10, 30], "AVG") == D(20)

    def test_max_min(self):
        assert agregasi_rasio([1, 9], [10, 30], "MAX") == D(30)
        assert agregasi_rasio([1, 9], [10, 30], "MIN") == D(10)

    def test_zero_denominator_is_none(self):
        assert agregasi_rasio([0], [0], "SUM") is None

    def test_nothing_reported_is_none(self):
        assert agregasi_rasio([None], [100], "SUM") is None

    def test_length_mismatch(self):
        with pytest.raises(ValueError, match="harus sama"):
            agregasi_rasio([1, 2], [1], "SUM")

    def test_unknown_jenis(self):
        with pytest.raises(ValueError):
            agregasi_rasio([1], [1], "TOTAL")


class TestProyeksi:
    def test_sum_projects_average_flow(self):
        assert proyeksi_akhir_tahun([100, 200, None, None], "SUM") == D(600)

    def test_other_jenis_is_aggregate_so_far(self):
        assert proyeksi_akhir_tahun([80, 90, None, None], "LAST") == D(90)
        assert proyeksi_akhir_tahun([80, 90, None, None], "AVG") == D(85)

    def test_nothing_reported(self):
        assert proyeksi_akhir_tahun([None] * 4, "SUM") is None

    def test_full_year_equals_agregasi(self):
        assert proyeksi_akhir_tahun([1, 2, 3, 4], "SUM") == agregasi([1, 2, 3, 4], "SUM")


# ------------------------------------------------------------------------------------------------
# §2.6 kategori
# ------------------------------------------------------------------------------------------------


class TestKategori:
    @pytest.mark.parametrize(
        ("nilai", "skala", "kode", "label"),
        [
            pytest.param(
                capaian(580, 653), "GOWA_4", "SANGAT_BERHASIL", "Sangat Berhasil", id="G-18"
            ),
            pytest.param(capaian(580, 653), "PMDN86_5", "ST", "Sangat Tinggi", id="2.8-1-PMDN"),
            pytest.param("110", "GOWA_4", "SANGAT_BERHASIL", "Sangat Berhasil", id="GOWA-110"),
            pytest.param("109.999", "GOWA_4", "BERHASIL", "Berhasil", id="GOWA-109.999"),
            pytest.param("90.00", "GOWA_4", "BERHASIL", "Berhasil", id="GOWA-90.00"),
            pytest.param("89.999", "GOWA_4", "CUKUP", "Cukup Berhasil", id="GOWA-89.999"),
            pytest.param("60", "GOWA_4", "CUKUP", "Cukup Berhasil", id="GOWA-60"),
            pytest.param("59.99", "GOWA_4", "TIDAK_BERHASIL", "Tidak Berhasil", id="GOWA-59.99"),
            pytest.param("-50", "GOWA_4", "TIDAK_BERHASIL", "Tidak Berhasil", id="GOWA-negative"),
            pytest.param("240", "PMDN86_5", "ST", "Sangat Tinggi", id="PMDN-above-100"),
            pytest.param("90.5", "PMDN86_5", "ST", "Sangat Tinggi", id="PMDN-gap-90.5"),
            pytest.param("90", "PMDN86_5", "T", "Tinggi", id="PMDN-90"),
            pytest.param("75.01", "PMDN86_5", "T", "Tinggi", id="PMDN-75.01"),
            pytest.param("75", "PMDN86_5", "S", "Sedang", id="PMDN-75"),
            pytest.param("65", "PMDN86_5", "R", "Rendah", id="PMDN-65"),
            pytest.param("50.01", "PMDN86_5", "R", "Rendah", id="PMDN-50.01"),
            pytest.param("50", "PMDN86_5", "SR", "Sangat Rendah", id="PMDN-50"),
            pytest.param("100", "BINARY", "TERCAPAI", "Tercapai", id="BINARY-100"),
            pytest.param("99.99", "BINARY", "TIDAK_TERCAPAI", "Tidak Tercapai", id="BINARY-99.99"),
        ],
    )
    def test_bands(self, nilai, skala, kode, label):
        hasil = kategori(nilai, skala)
        assert isinstance(hasil, Kategori)
        assert (hasil.kode, hasil.label) == (kode, label)
        k, lbl = hasil
        assert (k, lbl) == (kode, label)

    def test_none_is_none(self):
        assert kategori(None, "GOWA_4") is None

    def test_unknown_skala(self):
        with pytest.raises(ValueError, match="Skala kategori 'GOWA_5' tidak dikenal"):
            kategori(100, "GOWA_5")

    def test_terendah(self):
        assert kategori_terendah("GOWA_4") == ("TIDAK_BERHASIL", "Tidak Berhasil")
        assert kategori_terendah("PMDN86_5").kode == "SR"
        assert is_band_terendah(D("59.99"), "GOWA_4") is True
        assert is_band_terendah(60, "GOWA_4") is False
        assert is_band_terendah(None, "GOWA_4") is False

    def test_skala_metadata_for_standar_penilaian_table(self):
        gowa = SKALA["GOWA_4"]
        assert [b.kode for b in gowa] == ["SANGAT_BERHASIL", "BERHASIL", "CUKUP", "TIDAK_BERHASIL"]
        assert gowa[0].teks == "≥ 110"
        assert gowa[1].teks == "90 ≤ x < 110"
        assert (gowa[1].batas_bawah, gowa[1].batas_atas) == (D(90), D(110))
        assert [b.kode for b in SKALA["PMDN86_5"]] == ["ST", "T", "S", "R", "SR"]

    @pytest.mark.parametrize("skala", list(SKALA))
    @given(nilai=angka)
    def test_every_value_has_exactly_one_band(self, skala, nilai):
        assert sum(band.memuat(nilai) for band in SKALA[skala]) == 1

    @pytest.mark.parametrize("skala", list(SKALA))
    @given(a=angka, b=angka)
    def test_monotone_in_capaian(self, skala, a, b):
        lo, hi = sorted((a, b))
        urutan = [band.kode for band in SKALA[skala]]
        # Bands are listed best first, so a higher capaian has a smaller or equal index.
        assert urutan.index(kategori(hi, skala).kode) <= urutan.index(kategori(lo, skala).kode)


# ------------------------------------------------------------------------------------------------
# §3 serapan and efisiensi
# ------------------------------------------------------------------------------------------------


class TestSerapan:
    @pytest.mark.parametrize(
        ("pagu", "realisasi", "expected"),
        [
            pytest.param(4_495_500_000, 4_103_700_625, "91.28", id="3-EF-SISA-pemberdayaan"),
            pytest.param(5_319_338_072, 4_996_397_274, "93.93", id="G-06"),
            pytest.param(864_601_900, 816_829_380, "94.47", id="G-08"),
            pytest.param(84_000_000, 82_000_000, "97.62", id="G-10"),
            pytest.param(133_680_500, 121_204_980, "90.67", id="G-11"),
            pytest.param(4_308_898_172, 4_034_712_894, "93.64", id="G-12"),
            pytest.param(234_292_000, 228_380_000, "97.48", id="G-13-rehsos"),
            pytest.param(412_629_400, 385_244_400, "93.36", id="G-13-linjamsos"),
            pytest.param(89_668_500, 88_648_500, "98.86", id="G-13-perlinsos-korban-bencana"),
            pytest.param(44_012_000, 32_556_480, "73.97", id="G-13-kesiapsiagaan"),
            pytest.param(145_838_000, 144_855_000, "99.33", id="G-13-tmp"),
        ],
    )
    def test_worked_examples(self, pagu, realisasi, expected):
        assert r2(serapan(pagu, realisasi)) == D(expected)

    @pytest.mark.parametrize(("pagu", "realisasi"), [(None, 5), (0, 5), (5, None)])
    def test_undefined(self, pagu, realisasi):
        assert serapan(pagu, realisasi) is None

    def test_realisasi_above_pagu_is_kept_raw(self):
        assert serapan(100_000_000, 129_355_000) > 100


class TestEfisiensi:
    C_GOWA = capaian(580, 653)

    def test_ef_sisa_bekasi_8_72(self):
        s = serapan(4_495_500_000, 4_103_700_625)
        assert r2(efisiensi(100, s, "EF-SISA")) == D("8.72")

    def test_ef_sisa_not_achieved_is_zero(self):
        assert efisiensi(D("99.99"), D(50), "EF-SISA") == D(0)
        assert (
            efisiensi_keterangan(D(0), "EF-SISA", capaian=D("99.99"))
            == "Tidak efisien (target tidak tercapai)"
        )

    def test_ef_selisih_gowa_g07(self):
        s = serapan(5_319_338_072, 4_996_397_274)
        assert r2(efisiensi(self.C_GOWA, s, "EF-SELISIH")) == D("18.66")

    def test_ef_selisih_gowa_printed_18_came_from_rounded_inputs(self):
        assert efisiensi(112, 94, "EF-SELISIH") == D(18)

    def test_ef_selisih_pk_budget_g08(self):
        s = serapan(864_601_900, 816_829_380)
        assert r2(efisiensi(self.C_GOWA, s, "EF-SELISIH")) == D("18.11")

    def test_ef_rasio_gowa(self):
        s = serapan(5_319_338_072, 4_996_397_274)
        assert bulatkan(efisiensi(self.C_GOWA, s, "EF-RASIO"), 3) == D("1.199")

    def test_ef_rasio_zero_serapan(self):
        assert efisiensi(100, 0, "EF-RASIO") is None

    @pytest.mark.parametrize("metode", list(RUMUS_EFISIENSI))
    def test_missing_input_is_none(self, metode):
        assert efisiensi(None, 50, metode) is None
        assert efisiensi(100, None, metode) is None

    def test_unknown_metode(self):
        with pytest.raises(ValueError, match="Metode efisiensi 'EF-PMK' tidak dikenal"):
            efisiensi(100, 50, "EF-PMK")

    def test_rumus_text(self):
        assert (
            RUMUS_EFISIENSI["EF-SELISIH"]
            == "Efisiensi = Capaian Kinerja (%) − Serapan Anggaran (%)"
        )
        assert set(RUMUS_EFISIENSI) == {"EF-SISA", "EF-SELISIH", "EF-RASIO"}

    @pytest.mark.parametrize(
        ("nilai", "metode", "c", "expected"),
        [
            ("8.72", "EF-SISA", 100, "Efisien"),
            ("0", "EF-SISA", None, "Tidak efisien (target tidak tercapai)"),
            ("0", "EF-SISA", 100, "Sesuai (anggaran terserap penuh)"),
            ("18.66", "EF-SELISIH", None, "Efisien"),
            ("0", "EF-SELISIH", None, "Sesuai"),
            ("-3", "EF-SELISIH", None, "Tidak efisien"),
            ("1.199", "EF-RASIO", None, "Efisien"),
            ("1", "EF-RASIO", None, "Sesuai"),
            ("0.8", "EF-RASIO", None, "Tidak efisien"),
            (None, "EF-RASIO", None, "Belum dapat dihitung"),
        ],
    )
    def test_keterangan(self, nilai, metode, c, expected):
        assert efisiensi_keterangan(nilai, metode, capaian=c) == expected

    @given(c=angka, s=angka)
    def test_ef_selisih_is_exact_difference(self, c, s):
        assert efisiensi(c, s, "EF-SELISIH") == c - s


# ------------------------------------------------------------------------------------------------
# §4.3 predikat AKIP
# ------------------------------------------------------------------------------------------------


class TestPredikatAkip:
    @pytest.mark.parametrize(
        ("nilai", "kode", "interpretasi"),
        [
            pytest.param("100", "AA", "Sangat Memuaskan", id="100"),
            pytest.param("90.01", "AA", "Sangat Memuaskan", id="90.01"),
            pytest.param("90.00", "A", "Memuaskan", id="90.00"),
            pytest.param("80.01", "A", "Memuaskan", id="80.01"),
            pytest.param("80", "BB", "Sangat Baik", id="80"),
            pytest.param("77.29", "BB", "Sangat Baik", id="4.3-Bekasi-2024"),
            pytest.param("77.26", "BB", "Sangat Baik", id="4.3-Bekasi-2023"),
            pytest.param("70.01", "BB", "Sangat Baik", id="70.01"),
            pytest.param("70.00", "B", "Baik", id="70.00"),
            pytest.param("60", "CC", "Cukup (Memadai)", id="60"),
            pytest.param("50.01", "CC", "Cukup (Memadai)", id="50.01"),
            pytest.param("50", "C", "Kurang", id="50"),
            pytest.param("30.01", "C", "Kurang", id="30.01"),
            pytest.param("30", "D", "Sangat Kurang", id="30"),
            pytest.param("0", "D", "Sangat Kurang", id="0"),
        ],
    )
    def test_left_open_bands(self, nilai, kode, interpretasi):
        assert predikat_akip(nilai) == (kode, interpretasi)
        assert predikat_akip(nilai).kode == kode

    def test_bekasi_component_sum(self):
        komponen = [D("22.94"), D("23.11"), D("11.23"), D("20.01")]
        assert sum(komponen) == D("77.29")
        assert predikat_akip(sum(komponen)).kode == "BB"

    @pytest.mark.parametrize("nilai", ["-0.01", "100.01"])
    def test_out_of_range(self, nilai):
        with pytest.raises(ValueError, match="antara 0 dan 100"):
            predikat_akip(nilai)

    def test_none(self):
        assert predikat_akip(None) is None

    def test_full_seven_level_table(self):
        assert [b.kode for b in PREDIKAT_AKIP] == ["AA", "A", "BB", "B", "CC", "C", "D"]

    @given(
        a=st.decimals(min_value=0, max_value=100, places=2),
        b=st.decimals(min_value=0, max_value=100, places=2),
    )
    def test_monotone(self, a, b):
        urutan = [band.kode for band in PREDIKAT_AKIP]
        lo, hi = sorted((a, b))
        assert urutan.index(predikat_akip(hi).kode) <= urutan.index(predikat_akip(lo).kode)


# ------------------------------------------------------------------------------------------------
# §5 IKM
# ------------------------------------------------------------------------------------------------

TOTAL_GASPUL = [105, 101, 100, 116, 102, 105, 106, 105, 115]


class TestIkm:
    def test_worked_example_91_48(self):
        hasil = ikm(TOTAL_GASPUL, [29] * 9)
        assert isinstance(hasil, IKMResult)
        assert r2(hasil.nilai) == D("91.48")
        assert (hasil.mutu, hasil.kinerja) == ("A", "Sangat Baik")
        nilai, mutu, kinerja = hasil
        assert mutu == "A"

    def test_value_is_unrounded_exact_ninth(self):
        hasil = ikm(TOTAL_GASPUL, 29)
        assert hasil.nilai == sum(D(t) / 29 for t in TOTAL_GASPUL) * 25 / 9
        assert hasil.nilai != r2(hasil.nilai)

    def test_nrr(self):
        nrr = nrr_per_unsur(TOTAL_GASPUL, 29)
        assert [bulatkan(x, 4) for x in nrr] == [
            D(x)
            for x in (
                "3.6207",
                "3.4828",
                "3.4483",
                "4.0000",
                "3.5172",
                "3.6207",
                "3.6552",
                "3.6207",
                "3.9655",
            )
        ]

    def test_truncated_weight_reproduces_erroneous_90_56(self):
        assert r2(ikm(TOTAL_GASPUL, 29).nilai) != D("90.56")
        assert r2(ikm(TOTAL_GASPUL, 29, bobot="0.11").nilai) == D("90.56")

    def test_mapping_keyed_by_unsur_code(self):
        kode = [f"U{i}" for i in range(1, 10)]
        total = dict(zip(kode, TOTAL_GASPUL, strict=True))
        terisi = dict.fromkeys(reversed(kode), 29)
        assert ikm(total, terisi).nilai == ikm(TOTAL_GASPUL, 29).nilai

    def test_blank_answers_reduce_the_denominator(self):
        hasil = ikm([4 * 10] * 8 + [4 * 7], [10] * 8 + [7])
        assert hasil.nilai == D(100)

    @pytest.mark.parametrize(
        ("total", "terisi", "pesan"),
        [
            pytest.param([100] * 9, [29] * 8, "Jumlah unsur", id="length"),
            pytest.param([100] * 9, [0] * 9, "tidak memiliki jawaban", id="zero-answers"),
            pytest.param([200] * 9, 29, "di luar skala", id="nrr-above-4"),
            pytest.param([], [], "paling sedikit", id="empty"),
        ],
    )
    def test_invalid(self, total, terisi, pesan):
        with pytest.raises(ValueError, match=pesan):
            ikm(total, terisi)

    @given(
        st.lists(
            st.tuples(
                st.integers(min_value=1, max_value=500), st.integers(min_value=1, max_value=4)
            ),
            min_size=9,
            max_size=9,
        )
    )
    def test_value_within_25_100(self, unsur):
        terisi = [n for n, _ in unsur]
        total = [n * skor for n, skor in unsur]
        hasil = ikm(total, terisi)
        assert D(25) <= hasil.nilai <= D(100)


class TestMutuIkm:
    @pytest.mark.parametrize(
        ("nilai", "mutu", "kinerja"),
        [
            pytest.param("93.45", "A", "Sangat Baik", id="5.4-Bekasi-2024"),
            pytest.param("87.55", "B", "Baik", id="5.4-Bekasi-2023"),
            pytest.param("88.31", "A", "Sangat Baik", id="88.31"),
            pytest.param("88.30", "B", "Baik", id="88.30"),
            pytest.param("88.305", "A", "Sangat Baik", id="88.305-rounds-up"),
            pytest.param("88.3049", "B", "Baik", id="88.3049"),
            pytest.param("76.605", "B", "Baik", id="76.605-gap"),
            pytest.param("76.60", "C", "Kurang Baik", id="76.60"),
            pytest.param("65.00", "C", "Kurang Baik", id="65.00"),
            pytest.param("64.995", "C", "Kurang Baik", id="64.995-gap"),
            pytest.param("64.99", "D", "Tidak Baik", id="64.99"),
            pytest.param("25", "D", "Tidak Baik", id="25"),
            pytest.param("100", "A", "Sangat Baik", id="100"),
        ],
    )
    def test_round_then_classify(self, nilai, mutu, kinerja):
        assert mutu_ikm(nilai) == (mutu, kinerja)

    @pytest.mark.parametrize("nilai", ["24.99", "100.01"])
    def test_out_of_range(self, nilai):
        with pytest.raises(ValueError, match="antara 25 dan 100"):
            mutu_ikm(nilai)


# ------------------------------------------------------------------------------------------------
# §10 seed cross-check sums (Gowa G-09, G-13, G-16, G-17; Renstra R-01 … R-03)
# ------------------------------------------------------------------------------------------------


class TestSeedSums:
    @pytest.mark.parametrize(
        ("bagian", "expected"),
        [
            pytest.param(
                [84_000_000, 234_292_000, 412_629_400, 133_680_500, 4_308_898_172, 145_838_000],
                5_319_338_072,
                id="G-09-anggaran",
            ),
            pytest.param(
                [82_000_000, 228_380_000, 385_244_400, 121_204_980, 4_034_712_894, 144_855_000],
                4_996_397_274,
                id="G-09-realisasi",
            ),
            pytest.param([89_668_500, 44_012_000], 133_680_500, id="G-13-kegiatan-anggaran"),
            pytest.param([88_648_500, 32_556_480], 121_204_980, id="G-13-kegiatan-realisasi"),
            pytest.param(
                [84_000_000, 234_292_000, 412_629_400, 133_680_500], 864_601_900, id="G-16"
            ),
            pytest.param([200, 170, 7, 7, 193, 15, 25, 36], 653, id="G-17-breakdown"),
            pytest.param([19, 193, 15, 25, 36], 288, id="G-17-linjamsos"),
            pytest.param([276, 94, 22, 61, 441], 894, id="G-17-spm"),
            pytest.param([563, 653], 1216, id="G-05-cumulative"),
            pytest.param(
                [
                    9_295_981_000,
                    885_000_000,
                    2_454_465_000,
                    50_000_000,
                    231_554_000,
                    1_000_000_000,
                    675_000_000,
                ],
                14_592_000_000,
                id="R-02-1.06.01-2025",
            ),
            pytest.param([8_400_000_000, 25_000_000], 8_425_000_000, id="R-02-1.06.04-2025"),
            pytest.param([250_000_000, 542_000_000, None, 0], 792_000_000, id="R-03-blank-pagu"),
        ],
    )
    def test_sum(self, bagian, expected):
        assert agregasi(bagian, "SUM") == D(expected)

    # Renstra Tabel 4.2 sample (shared/samples): urusan 1.06 = program 1.06.02 + 1.06.07, per year.
    RENSTRA_SAMPLE = {
        "2025": ("Rp4.566.240.000", "Rp3.166.240.000", "Rp1.400.000.000"),
        "2026": ("Rp3.179.000.000", "Rp2.387.000.000", "Rp792.000.000"),
        "2027": ("Rp3.343.672.200", "Rp2.510.646.600", "Rp833.025.600"),
        "2028": ("Rp3.536.267.719", "Rp2.655.259.844", "Rp881.007.875"),
        "2029": ("Rp3.717.324.626", "Rp2.791.209.148", "Rp926.115.478"),
        "2030": ("Rp3.916.573.226", "Rp2.940.817.959", "Rp975.755.267"),
    }

    @pytest.mark.parametrize("tahun", list(RENSTRA_SAMPLE), ids=lambda t: f"R-01-{t}")
    def test_renstra_program_sum_equals_urusan(self, tahun):
        urusan, *program = (parse_angka(x) for x in self.RENSTRA_SAMPLE[tahun])
        assert agregasi(program, "SUM") == urusan

    @pytest.mark.parametrize(
        "teks",
        [
            "33.733.240.000",
            "26.736.518.416",
            "27.550.774.869",
            "28.481.318.101",
            "29.366.021.865",
            "30.326.448.279",
        ],
        ids=[f"R-01-printed-{t}" for t in range(2025, 2031)],
    )
    def test_renstra_printed_urusan_totals_parse(self, teks):
        assert parse_angka(teks) == D(teks.replace(".", ""))
