"""sakip.lib.angka — Indonesian number notation (domain.md §8.1)."""

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.lib.angka import (
    bulatkan,
    format_angka,
    format_nip,
    format_persen,
    format_rupiah,
    parse_angka,
    parse_nilai_predikat,
    parse_nilai_satuan,
    terbilang,
    terbilang_rupiah,
)

D = Decimal


class TestParseAngka:
    @pytest.mark.parametrize(
        "teks", [None, "", "   ", "-", "–", "—", " - ", "\u00a0", "Rp", "Rp -", "Rp. –"]
    )
    def test_blank_and_dash_are_none(self, teks):
        assert parse_angka(teks) is None

    @pytest.mark.parametrize(
        ("teks", "expected"),
        [
            pytest.param("1.234.567,89", "1234567.89", id="grouped-decimal"),
            pytest.param("1.500", "1500", id="dot-3-digits-is-thousands"),
            pytest.param("89,7", "89.7", id="comma-decimal"),
            pytest.param("1234567", "1234567", id="ungrouped"),
            pytest.param("1234,5", "1234.5", id="ungrouped-decimal"),
            pytest.param("0,05", "0.05", id="small"),
            pytest.param("Rp1.300.000.000", "1300000000", id="rp-no-space"),
            pytest.param("Rp 1.234.567", "1234567", id="rp-space"),
            pytest.param("Rp. 1.234,-", "1234", id="rp-dot-dash"),
            pytest.param("Rp    4.495.500.000", "4495500000", id="rp-column-aligned"),
            pytest.param("rp 1.000", "1000", id="rp-lowercase"),
            pytest.param("1234567.89", "1234567.89", id="machine-decimal"),
            pytest.param("12,5 %", "12.5", id="percent-space"),
            pytest.param("12,5%", "12.5", id="percent"),
            pytest.param("-1.234", "-1234", id="negative"),
            pytest.param("\u22121.234", "-1234", id="unicode-minus"),
            pytest.param("-Rp 1.234", "-1234", id="negative-rupiah"),
            pytest.param("Rp -1.234", "-1234", id="rupiah-negative"),
            pytest.param("  1.234  ", "1234", id="spaces"),
            pytest.param("\u00a01.234\u00a0", "1234", id="nbsp"),
            pytest.param("Rp\u00a01.234", "1234", id="rp-nbsp"),
            pytest.param("0", "0", id="zero"),
            pytest.param("-0", "0", id="minus-zero"),
            pytest.param("15.216", "15216", id="bekasi-count"),
            pytest.param("31.132.479.236", "31132479236", id="bekasi-pagu"),
        ],
    )
    def test_accepted_strings(self, teks, expected):
        assert parse_angka(teks) == D(expected)

    def test_minus_zero_has_no_sign(self):
        assert str(parse_angka("-0")) == "0"

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (5, D(5)),
            (0.1, D("0.1")),
            (1500.0, D("1500.0")),
            (93.45, D("93.45")),
            (D("77.26"), D("77.26")),
            (-3, D(-3)),
        ],
    )
    def test_real_numbers_from_xlsx(self, value, expected):
        hasil = parse_angka(value)
        assert isinstance(hasil, Decimal)
        assert hasil == expected

    @pytest.mark.parametrize(
        "teks",
        [
            pytest.param("23.11", id="seed-B-3.2-dot-2-digits"),
            pytest.param("4.8294.89.225", id="seed-B-3.18-bad-groups"),
            pytest.param("12.5", id="dot-1-digit"),
            pytest.param("1.23,4", id="group-2-digits"),
            pytest.param("1234.567.890", id="first-group-too-long"),
            pytest.param("1..234", id="double-dot"),
            pytest.param("1.234.", id="trailing-dot"),
            pytest.param(".5", id="leading-dot"),
            pytest.param(",5", id="leading-comma"),
            pytest.param("1,2,3", id="two-commas"),
            pytest.param("1.234,5,6", id="two-decimal-commas"),
            pytest.param("(1.234)", id="parentheses"),
            pytest.param("abc", id="text"),
            pytest.param("12 ribu", id="words"),
            pytest.param("1 234 567", id="space-grouping"),
            pytest.param("1e5", id="exponent"),
            pytest.param("%", id="percent-only"),
            pytest.param("--5", id="double-minus"),
            pytest.param("+5", id="plus"),
        ],
    )
    def test_rejected_strings(self, teks):
        with pytest.raises(ValueError, match="tidak dapat dibaca"):
            parse_angka(teks)

    def test_message_quotes_input_and_explains_notation(self):
        with pytest.raises(ValueError) as info:
            parse_angka("23.11")
        pesan = str(info.value)
        assert "'23.11'" in pesan
        assert "titik dipakai sebagai pemisah ribuan (kelompok 3 digit)" in pesan
        assert "koma sebagai desimal" in pesan
        assert "1.234.567,89" in pesan

    def test_parentheses_message_asks_for_minus(self):
        with pytest.raises(ValueError, match="tanda minus"):
            parse_angka("(1.234)")

    @pytest.mark.parametrize(
        "value", [float("nan"), float("inf"), D("NaN"), D("Infinity"), True, [1]]
    )
    def test_rejected_values(self, value):
        with pytest.raises(ValueError):
            parse_angka(value)


class TestParseNilaiSatuan:
    @pytest.mark.parametrize(
        ("teks", "angka", "satuan"),
        [
            ("1000 Orang", "1000", "Orang"),
            ("1036 Orang/ Bulan", "1036", "Orang/ Bulan"),
            ("6 Desa/ Kelurahan", "6", "Desa/ Kelurahan"),
            ("89,7 %", "89.7", "%"),
            ("89,7%", "89.7", "%"),
            ("8 Lembaga", "8", "Lembaga"),
            ("6363 Keluarga", "6363", "Keluarga"),
            ("1.036 Orang", "1036", "Orang"),
            ("12", "12", None),
            ("  247 Makam  ", "247", "Makam"),
            ("0 Orang", "0", "Orang"),
            ("Rp 1.300.000.000", "1300000000", "Rp"),
            ("Rp. 1.234,-", "1234", "Rp"),
            ("2,5 Km", "2.5", "Km"),
        ],
    )
    def test_split(self, teks, angka, satuan):
        assert parse_nilai_satuan(teks) == (D(angka), satuan)

    @pytest.mark.parametrize("teks", ["-", "", None, "—", "  "])
    def test_empty(self, teks):
        assert parse_nilai_satuan(teks) == (None, None)

    def test_dash_with_unit(self):
        assert parse_nilai_satuan("- Orang") == (None, "Orang")

    def test_number_cell(self):
        assert parse_nilai_satuan(100) == (D(100), None)

    @pytest.mark.parametrize("teks", ["Lembaga", "Ada", "Orang 12"])
    def test_no_leading_number(self, teks):
        with pytest.raises(ValueError, match="tidak diawali angka"):
            parse_nilai_satuan(teks)

    def test_malformed_number_is_flagged(self):
        with pytest.raises(ValueError, match="'23.11'"):
            parse_nilai_satuan("23.11 Orang")


class TestParseNilaiPredikat:
    @pytest.mark.parametrize(
        ("teks", "nilai", "predikat"),
        [
            ("77,26 (BB)", D("77.26"), "BB"),
            ("77,29 ( BB )", D("77.29"), "BB"),
            ("77,26 (bb)", D("77.26"), "BB"),
            ("77,26 BB", D("77.26"), "BB"),
            ("WTP", None, "WTP"),
            ("(A)", None, "A"),
            ("93,45", D("93.45"), None),
            ("-", None, None),
            (None, None, None),
        ],
    )
    def test_split(self, teks, nilai, predikat):
        assert parse_nilai_predikat(teks) == (nilai, predikat)

    @pytest.mark.parametrize("teks", ["BB (77,26)", "77,26 (BB", "23.11 (BB)"])
    def test_rejected(self, teks):
        with pytest.raises(ValueError):
            parse_nilai_predikat(teks)


class TestBulatkan:
    @pytest.mark.parametrize(
        ("value", "desimal", "expected"),
        [
            (D("112.5862"), 2, D("112.59")),
            (D("112.5862"), 0, D("113")),
            (D("2.5"), 0, D("3")),
            (D("-2.5"), 0, D("-3")),
            (D("0.005"), 2, D("0.01")),
            (2.675, 2, D("2.68")),
            (D("76.605"), 2, D("76.61")),
            (D("1.1985"), 3, D("1.199")),
            (5, 2, D("5.00")),
            (D("123456789012345678901234567890.125"), 2, D("123456789012345678901234567890.13")),
        ],
    )
    def test_half_up(self, value, desimal, expected):
        hasil = bulatkan(value, desimal)
        assert hasil == expected
        assert hasil.as_tuple().exponent == -desimal

    def test_none(self):
        assert bulatkan(None, 2) is None

    def test_negative_zero_loses_sign(self):
        assert str(bulatkan(D("-0.001"), 2)) == "0.00"

    def test_text_is_refused(self):
        with pytest.raises(TypeError, match="parse_angka"):
            bulatkan("1,5", 2)

    def test_negative_places(self):
        with pytest.raises(ValueError):
            bulatkan(D(1), -1)


class TestFormat:
    @pytest.mark.parametrize(
        ("value", "desimal", "expected"),
        [
            (D("112.5862068965517241379310345"), 2, "112,59"),
            (D("112.5862"), 0, "113"),
            (D("1234567.891"), 2, "1.234.567,89"),
            (1234, 0, "1.234"),
            (-1234, 0, "-1.234"),
            (D("-1234.5"), 2, "-1.234,50"),
            (D("-0.001"), 2, "0,00"),
            (0, 2, "0,00"),
            (D("999.995"), 2, "1.000,00"),
            (15216, 0, "15.216"),
            (D("77.29"), 2, "77,29"),
            (2.675, 2, "2,68"),
            (D("1E+3"), 0, "1.000"),
        ],
    )
    def test_format_angka(self, value, desimal, expected):
        assert format_angka(value, desimal) == expected

    def test_none(self):
        assert format_angka(None) == "—"
        assert format_angka(None, kosong="n/a") == "n/a"
        assert format_rupiah(None) == "—"
        assert format_persen(None) == "—"
        assert format_persen(None, kosong="belum tersedia") == "belum tersedia"

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (31_132_479_236, "Rp 31.132.479.236"),
            (D("4495500000"), "Rp 4.495.500.000"),
            (D("1234567.89"), "Rp 1.234.567,89"),
            (D("1234567.00"), "Rp 1.234.567"),
            (D("1234567.001"), "Rp 1.234.567"),
            (D("0.5"), "Rp 0,50"),
            (-1234, "-Rp 1.234"),
            (0, "Rp 0"),
        ],
    )
    def test_format_rupiah(self, value, expected):
        assert format_rupiah(value) == expected

    @pytest.mark.parametrize(
        ("value", "desimal", "expected"),
        [
            (D("112.5862"), 2, "112,59 %"),
            (D("91.53"), 2, "91,53 %"),
            (D("112.5862"), 0, "113 %"),
            (D("242.8227"), 2, "242,82 %"),
        ],
    )
    def test_format_persen(self, value, desimal, expected):
        assert format_persen(value, desimal) == expected

    def test_text_is_refused(self):
        with pytest.raises(TypeError):
            format_angka("1.234")

    @given(
        st.integers(min_value=0, max_value=4).flatmap(
            lambda d: st.tuples(
                st.just(d),
                st.decimals(
                    min_value=D("-1e15"),
                    max_value=D("1e15"),
                    places=d,
                    allow_nan=False,
                    allow_infinity=False,
                ),
            )
        )
    )
    def test_round_trip(self, d_dan_nilai):
        desimal, nilai = d_dan_nilai
        assert parse_angka(format_angka(nilai, desimal)) == bulatkan(nilai, desimal)

    @given(
        st.decimals(
            min_value=D("-1e12"), max_value=D("1e12"), allow_nan=False, allow_infinity=False
        ),
        st.integers(min_value=0, max_value=4),
    )
    def test_round_trip_of_rounded_value(self, nilai, desimal):
        assert parse_angka(format_angka(nilai, desimal)) == bulatkan(nilai, desimal)

    @given(st.integers(min_value=-(10**15), max_value=10**15))
    def test_rupiah_round_trip(self, nilai):
        assert parse_angka(format_rupiah(nilai)) == nilai


class TestTerbilang:
    @pytest.mark.parametrize(
        ("n", "expected"),
        [
            (0, "nol"),
            (1, "satu"),
            (10, "sepuluh"),
            (11, "sebelas"),
            (12, "dua belas"),
            (19, "sembilan belas"),
            (20, "dua puluh"),
            (21, "dua puluh satu"),
            (99, "sembilan puluh sembilan"),
            (100, "seratus"),
            (101, "seratus satu"),
            (111, "seratus sebelas"),
            (200, "dua ratus"),
            (999, "sembilan ratus sembilan puluh sembilan"),
            (1000, "seribu"),
            (1001, "seribu satu"),
            (1100, "seribu seratus"),
            (2000, "dua ribu"),
            (11_000, "sebelas ribu"),
            (100_000, "seratus ribu"),
            (101_000, "seratus satu ribu"),
            (1_000_000, "satu juta"),
            (1_001_000, "satu juta seribu"),
            (1_000_000_000, "satu miliar"),
            (1_000_000_000_000, "satu triliun"),
            (
                9_604_306_296,
                "sembilan miliar enam ratus empat juta tiga ratus enam ribu dua ratus "
                "sembilan puluh enam",
            ),
            (
                999_999_999_999_999,
                "sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh "
                "sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus "
                "sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan",
            ),
            (-5, "minus lima"),
            (D("1000"), "seribu"),
        ],
    )
    def test_words(self, n, expected):
        assert terbilang(n) == expected

    @pytest.mark.parametrize("n", [10**15, D("1.5"), 1.0, "5", True])
    def test_rejected(self, n):
        with pytest.raises(ValueError):
            terbilang(n)

    def test_rupiah(self):
        assert terbilang_rupiah(9_604_306_296) == (
            "sembilan miliar enam ratus empat juta tiga ratus enam ribu dua ratus sembilan "
            "puluh enam rupiah"
        )
        assert terbilang_rupiah(D("1000.50")) == "seribu rupiah lima puluh sen"
        assert terbilang_rupiah(D("1000.00")) == "seribu rupiah"
        assert terbilang_rupiah(D("-1000.50")) == "minus seribu rupiah lima puluh sen"

    @given(st.integers(min_value=1, max_value=10**15 - 1))
    def test_never_satu_ribu_or_satu_ratus(self, n):
        kata = terbilang(n)
        assert re.search(r"(^|juta |miliar |triliun )satu ribu", kata) is None
        assert re.search(r"(^|ribu |juta |miliar |triliun )satu ratus", kata) is None
        assert "  " not in kata


class TestFormatNip:
    @pytest.mark.parametrize(
        ("nip", "expected"),
        [
            ("197106281993031012", "19710628 199303 1 012"),
            ("19660301 199003 1 010", "19660301 199003 1 010"),
            (197106281993031012, "19710628 199303 1 012"),
        ],
    )
    def test_format(self, nip, expected):
        assert format_nip(nip) == expected

    @pytest.mark.parametrize("nip", ["1971062819930310", "19710628199303101A", 1.9e17, None])
    def test_invalid(self, nip):
        with pytest.raises(ValueError, match="NIP"):
            format_nip(nip)
