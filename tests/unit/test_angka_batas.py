"""What a stored number may be: the one negative-value rule (``boleh_negatif``) and the money
and precision limits checked before a preview promises a save."""

from decimal import Decimal

import pytest

from sakip.lib.angka import boleh_negatif, salah_desimal, salah_negatif, salah_uang


@pytest.mark.parametrize(("satuan", "uraian"), [
    ("Orang", "Jumlah penerima permakanan"), ("Jiwa", ""), ("KK", ""), ("Unit", ""),
    ("Dokumen", ""), ("Laporan", ""), ("Kegiatan", ""), ("Paket", ""), ("Buah", ""),
    ("%", "Persentase PPKS yang mendapatkan rehabilitasi"), ("Indeks", "Indeks kepuasan"),
    ("Nilai", "Nilai SAKIP"), ("", ""), (None, None),
    # Money never, even for a growth-named indicator.
    ("Rp", "Pertumbuhan PAD"), ("Rupiah", ""), ("juta rupiah", "Selisih anggaran"),
])
def test_counts_shares_scores_and_money_are_never_negative(satuan, uraian):
    assert boleh_negatif(satuan, uraian) is False
    assert salah_negatif(Decimal("-1"), satuan, uraian)


@pytest.mark.parametrize(("satuan", "uraian"), [
    ("%", "Laju pertumbuhan ekonomi"), ("%", "Tingkat inflasi"), ("Poin", "Selisih skor IKM"),
    ("Orang", "Pertambahan jumlah wirausaha baru"), ("% pertumbuhan", ""),
])
def test_a_change_may_be_negative(satuan, uraian):
    assert boleh_negatif(satuan, uraian) is True
    assert salah_negatif(Decimal("-2.1"), satuan, uraian) is None


def test_zero_positive_and_blank_are_never_refused():
    for v in (None, Decimal(0), Decimal("0.5"), Decimal(1000)):
        assert salah_negatif(v, "Orang") is None and salah_uang(v) is None


def test_messages_quote_the_value_as_read():
    assert salah_negatif(Decimal("-1000"), "Orang").startswith("Nilai -1.000 Orang tidak boleh")
    assert salah_uang(Decimal("-1000000"), label="Pagu") == (
        "Pagu rupiah tidak boleh negatif (-1.000.000).")


@pytest.mark.parametrize(("nilai", "potongan"), [
    (Decimal("1000.123"), "Angka 1.000,123 terlalu rinci: paling banyak 2 angka"),
    (Decimal("1e20"), "terlalu besar: paling banyak 16 digit sebelum koma"),
    (Decimal("1e100"), "Angka 1E+100 terlalu besar"),
    (Decimal("NaN"), "tidak hingga"),
])
def test_money_that_the_column_cannot_hold_is_refused(nilai, potongan):
    assert potongan in salah_uang(nilai)


@pytest.mark.parametrize("nilai", [Decimal("1000.10"), Decimal("1E+3"), 5,
                                   Decimal("9999999999999999.99")])
def test_money_the_column_holds(nilai):
    assert salah_uang(nilai) is None


def test_salah_desimal_follows_the_field():
    assert salah_desimal(Decimal("1.12345"), digit=20, desimal=4)
    assert salah_desimal(Decimal("1.1234"), digit=20, desimal=4) is None
