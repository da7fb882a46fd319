"""The multi-office reads on city-like data with the awkward cases: budget stages, lines given
at kegiatan level, a PK revision and a lower-level PK line.

The per-office reads (``nilai_indikator``, ``ringkasan_anggaran``, ``renstra_aktif``) are thin
wrappers over the multi-office ones, so no test needs to hold two implementations together; the
pemda rows are still checked against the office dashboards, which a user compares by eye.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from anggaran import services as anggaran_services
from anggaran.selectors import anggaran_lintas_pd
from dasbor import selectors as s
from kinerja.models import Jenjang, PerjanjianKinerja
from kinerja.pk import services as pk_services
from renstra.models import Indikator, Kegiatan, Renstra, SubKegiatan
from renstra.selectors import renstra_aktif, renstra_berlaku_map
from sakip.models import PerangkatDaerah

D = Decimal
TAHUN = (2025, 2026)


@pytest.fixture
def kota(demo, django_user_model):
    call_command("generate_scale_data", pd=3, years=2, subkegiatan=8, stdout=io.StringIO())
    pds = list(PerangkatDaerah.objects.filter(slug__startswith="skala-").order_by("slug"))
    user = django_user_model.objects.get(username="perencana")
    pd = pds[0]
    # Budget stages: a perubahan and a pergeseran on two sub kegiatan (the latest one counts).
    subs = list(SubKegiatan.objects.filter(kegiatan__program__renstra__perangkat_daerah=pd)
                .order_by("id")[:2])
    anggaran_services.anggaran_save(tahun=2025, user=user, alasan="uji", pagu=[
        anggaran_services.EntriPagu(subs[0], "perubahan", D("999000000")),
        anggaran_services.EntriPagu(subs[1], "pergeseran", D("950000000"), urutan_tahap=1),
    ]).check()
    # A kegiatan with its own line that differs from the sum of its sub kegiatan (a warning).
    keg = Kegiatan.objects.filter(program__renstra__perangkat_daerah=pd).order_by("id").first()
    anggaran_services.anggaran_save(tahun=2025, user=user, alasan="uji", pagu=[
        anggaran_services.EntriPagu(keg, "murni", D("1"))]).check()
    # A PK revision in draft for the second office and a lower-level PK line for the first.
    pd2 = pds[1]
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=pd2, tahun=2025)
    iku2 = Indikator.objects.filter(renstra__perangkat_daerah=pd2, is_iku=True).first()
    baru = pk_services.pk_revise(pk=pk, alasan=PerjanjianKinerja.Alasan.PERUBAHAN_STRATEGI,
                                      alasan_uraian="uji", user=user, salin_isi=False)
    pk_services.pk_indikator_set(pk=baru, indikator=iku2, target_tahunan=D("1"),
                                      user=user)
    prog_ind = Indikator.objects.filter(renstra__perangkat_daerah=pd,
                                        program__isnull=False).first()
    adm = pk_services.pk_create(perangkat_daerah=pd, tahun=2025,
                                     jenjang=Jenjang.ADMINISTRATOR, user=user)
    pk_services.pk_indikator_set(pk=adm, indikator=prog_ind, target_tahunan=D("50"),
                                      user=user)
    return [demo, *pds]


def test_kegiatan_line_wins_with_a_warning(kota):
    pd = kota[1]
    r = renstra_aktif(pd, 2025)
    got = anggaran_lintas_pd([r.pk], 2025)[r.pk]
    assert any("berbeda dari jumlah rinciannya" in p.pesan for p in got.peringatan)


def test_renstra_in_force_per_year(kota):
    """The latest period holding the year wins; a year outside every period gets the newest."""
    pd = kota[0]
    lama = renstra_aktif(pd, 2026)
    baru = Renstra.objects.create(perangkat_daerah=pd, tahun_awal=2027, tahun_akhir=2031)
    got = {tahun: renstra_berlaku_map([p.pk for p in kota], tahun)[pd.pk]
           for tahun in (2026, 2028, 2035)}
    assert got == {2026: lama, 2028: baru, 2035: baru}
    assert renstra_aktif(pd, 2020) == baru


def test_pemda_rows_match_the_office_dashboards(kota):
    hari_ini = datetime.date(2026, 11, 23)
    rows = {r.pd.pk: r for r in s.dasbor_pemda(
        PerangkatDaerah.objects.filter(pk__in=[p.pk for p in kota]), tahun=2025, sampai_tw=4,
        hari_ini=hari_ini)}
    for pd in kota:
        d = s.dasbor_kantor(pd, tahun=2025, sampai_tw=4, hari_ini=hari_ini)
        row = rows[pd.pk]
        assert row.capaian_iku == d.capaian_iku
        assert row.kategori == d.kategori_iku
        assert (row.pagu, row.realisasi_anggaran) == (d.pagu, d.realisasi_anggaran)
        k = d.kualitas
        assert (row.kualitas.belum_diisi, row.kualitas.terlambat,
                row.kualitas.belum_diverifikasi) == (k.belum_diisi, k.terlambat,
                                                      k.belum_diverifikasi)
