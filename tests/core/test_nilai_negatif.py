"""The one negative-value rule (``sakip.lib.angka.boleh_negatif``) in each write path that
takes a value of an indicator or an amount: ``target_save``, ``realisasi_save``,
``anggaran_save`` — and the Tabel 4.2 import, whose preview already says it."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from anggaran.models import Pagu, RealisasiAnggaran
from anggaran.services import EntriPagu, EntriRealisasiAnggaran, anggaran_save
from kinerja.models import Realisasi
from kinerja.realisasi import services as realisasi_services
from renstra import services as renstra_services
from renstra.impor import impor_tabel42
from renstra.models import Indikator, Kegiatan, TargetIndikator
from sakip.models import JejakAudit
from tests.factories import IndikatorFactory
from tests.renstra import tabel42_xlsx as T


@pytest.fixture
def iku(demo):
    iku = Indikator.objects.get(renstra__perangkat_daerah=demo, is_iku=True)
    # A plain count (the demo IKU counts a fall, "Jumlah Penurunan PPKS", which may be < 0).
    return IndikatorFactory(renstra=iku.renstra, sasaran=iku.sasaran, satuan="Orang",
                            uraian="Jumlah penerima permakanan")


@pytest.fixture
def laju(iku):
    return IndikatorFactory(renstra=iku.renstra, sasaran=iku.sasaran, satuan="%",
                            uraian="Laju pertumbuhan penerima manfaat")


def test_target_save_refuses_a_negative_count_and_writes_nothing(iku):
    jejak = JejakAudit.objects.count()
    with pytest.raises(ValidationError, match="Nilai -1.000 Orang tidak boleh negatif"):
        renstra_services.target_save(entri=[
            renstra_services.EntriTarget(iku, 2024, Decimal("5")),
            renstra_services.EntriTarget(iku, 2025, Decimal("-1000"))])
    assert not TargetIndikator.objects.filter(indikator=iku, nilai__lt=0).exists()
    assert JejakAudit.objects.count() == jejak


def test_target_save_keeps_a_negative_growth_target(laju):
    renstra_services.target_save(entri=[renstra_services.EntriTarget(laju, 2024,
                                                                     Decimal("-2.5"))])
    assert TargetIndikator.objects.get(indikator=laju, tahun=2024).nilai == Decimal("-2.5")


def _isi(pd, ind, nilai):
    return realisasi_services.realisasi_save(
        pd=pd, tahun=2025, entri=[realisasi_services.Entri(ind, 1, {"nilai": nilai})],
        abaikan_periode=True, alasan="uji")


def test_realisasi_save_refuses_a_negative_count(demo, iku, laju):
    hasil = _isi(demo, iku, Decimal("-1000"))
    assert [(g.field, g.pesan[:34]) for g in hasil.galat] == [
        ("nilai", "Nilai -1.000 Orang tidak boleh neg")]
    assert not Realisasi.objects.filter(indikator=iku, tahun=2025, triwulan=1).exists()
    assert _isi(demo, laju, Decimal("-1.5")).ok
    assert Realisasi.objects.get(indikator=laju, tahun=2025, triwulan=1).nilai == Decimal("-1.5")


def test_anggaran_save_refuses_negative_over_precise_and_huge_money(demo):
    keg = Kegiatan.objects.filter(program__renstra__perangkat_daerah=demo).first()
    sub = renstra_services.subkegiatan_create(kegiatan=keg, kode=f"{keg.kode}.0099",
                                              nama="Sub kegiatan uji")
    sebelum = (Pagu.objects.count(), RealisasiAnggaran.objects.count())
    for simpan in (False, True):  # the preview and the confirmation judge alike
        hasil = anggaran_save(tahun=2025, simpan=simpan, pd=demo, pagu=[
            EntriPagu(sub, "murni", Decimal("-1000000"), baris=2, kolom="pagu"),
            EntriPagu(sub, "perubahan", Decimal("1e20"), baris=3, kolom="pagu"),
        ], realisasi=[EntriRealisasiAnggaran(sub, 1, Decimal("1000.123"), baris=4)])
        assert [g.pesan.split(" (")[0].split(":")[0] for g in hasil.galat] == [
            "Pagu rupiah tidak boleh negatif", "Angka 100.000.000.000.000.000.000 terlalu besar",
            "Angka 1.000,123 terlalu rinci"]
    assert (Pagu.objects.count(), RealisasiAnggaran.objects.count()) == sebelum


@pytest.mark.parametrize("sel", ["-1000 Orang", "Rp-1.000.000"])
def test_tabel42_preview_refuses_a_negative_count_target(demo, sel):
    rows = T.baris(T.dinas_lengkap())
    i = next(n for n, r in enumerate(rows) if r[0] and str(r[0]).startswith("1.06.04.2.01.0003"))
    # The output indicator row below the sub kegiatan: its first target cell (Target 2025).
    rows[i + 1][3] = sel
    hasil = impor_tabel42(T.xlsx(rows), demo, tahun_awal=2025, tahun_akhir=2029, dry_run=True)
    assert not hasil.ok
    assert any("tidak boleh negatif" in g.pesan and g.judul_kolom == "Target 2025"
               for g in hasil.galat), [str(g) for g in hasil.galat]
