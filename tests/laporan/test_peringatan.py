"""Draft warnings: what makes the report weak or wrong, never in the PDF."""

from decimal import Decimal

import pytest

from anggaran.models import Pagu, RealisasiAnggaran
from kinerja.models import Realisasi
from laporan.render_html import render_html
from laporan.selectors import susun
from renstra.models import Indikator, Kegiatan, SubKegiatan


def _kode(pd, laporan):
    d = susun(pd, 2024, laporan).data
    return d, {p.kode for p in d.peringatan}


def test_missing_and_unverified_realisasi(gowa):
    pd, laporan = gowa
    ind = Indikator.objects.get(renstra__perangkat_daerah=pd, uraian__startswith="Persentase "
                                "PPKS yang Memperoleh Jaminan")
    # Bypass the services on purpose: the report must flag such data, whatever its origin.
    Realisasi.objects.filter(indikator=ind, tahun=2024).update(status="diajukan")
    d, kode = _kode(pd, laporan)
    assert {"REALISASI_BELUM_VERIFIKASI", "REALISASI_KOSONG"} <= kode
    pesan = " ".join(p.pesan for p in d.peringatan)
    assert "triwulan IV belum diverifikasi" in pesan
    il = next(i for p in d.program for i in p.indikator if i.id == ind.pk)
    assert il.realisasi is None and il.capaian is None  # unverified does not count, NULL ≠ 0


def test_children_that_differ_from_parent_and_realisasi_above_pagu(gowa):
    pd, laporan = gowa
    keg = Kegiatan.objects.get(program__renstra__perangkat_daerah=pd, kode="1.06.06.2.02")
    sub = SubKegiatan.objects.create(kegiatan=keg, kode="1.06.06.2.02.0001",
                                     nama="Kampung Siaga Bencana")
    Pagu.objects.create(subkegiatan=sub, tahun=2024, tahap="murni", nilai=Decimal(40000000))
    RealisasiAnggaran.objects.create(subkegiatan=sub, tahun=2024, triwulan=4,
                                     nilai=Decimal(41000000))
    d, kode = _kode(pd, laporan)
    assert {"JUMLAH_RINCIAN_BERBEDA", "REALISASI_MELEBIHI_PAGU"} <= kode
    assert any("1.06.06.2.02.0001" in p.pesan and "melebihi pagu" in p.pesan
               for p in d.peringatan)


def test_capaian_above_200_percent(gowa):
    pd, laporan = gowa
    ind = Indikator.objects.get(renstra__perangkat_daerah=pd, uraian__startswith="Persentase "
                                "PPKS yang Mendapatkan")
    Realisasi.objects.filter(indikator=ind, tahun=2024).update(nilai=Decimal(30))
    d, kode = _kode(pd, laporan)
    assert "CAPAIAN_DI_ATAS_200" in kode
    assert any("230,77 %" in p.pesan for p in d.peringatan)


def test_empty_narratives_and_no_ikhtisar(gowa):
    pd, laporan = gowa
    laporan.narasi = {"tanggal": "2025-01-21"}
    laporan.ikhtisar_eksekutif = False
    laporan.save()
    d, kode = _kode(pd, laporan)
    assert {"NARASI_KOSONG", "IKHTISAR_TIDAK_ADA"} <= kode
    assert any("Latar Belakang" in p.pesan for p in d.peringatan)
    # Analysis 5 falls back to the realisasi notes, so it is not reported empty.
    assert d.sasaran[0].penyebab_dari_catatan and "Sinergi program" in d.sasaran[0].penyebab


def test_efisiensi_on_an_unlinked_budget_is_warned(gowa):
    pd, laporan = gowa
    laporan.basis_efisiensi = "seluruh_pd"
    laporan.save()
    d, kode = _kode(pd, laporan)
    assert "EFISIENSI_BASIS_TIDAK_TERKAIT" in kode


@pytest.mark.parametrize("peringatan", [True, False])
def test_warnings_only_in_the_draft_html(gowa, peringatan):
    pd, laporan = gowa
    laporan.narasi = {}
    laporan.save()
    d = susun(pd, 2024, laporan).data
    html = render_html(d, peringatan=peringatan)
    # The list names what is missing in words (never a code); only the draft shows it.
    assert ("Perlu dilengkapi: BAB I A. Latar Belakang (diisi pada halaman Narasi LKjIP)"
            in html) is peringatan
    assert "NARASI_KOSONG" not in html


def test_a_pk_without_programs_says_so_in_its_lampiran(gowa):
    """The PK lampiran never prints a budget table with a header and no rows."""
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    kalimat = "Program dan anggaran perjanjian kinerja ini belum diisi."
    assert d.pk.anggaran  # the demo PK lists its programs
    assert kalimat not in render_html(d, peringatan=False)
    d.pk.anggaran = []
    assert kalimat in render_html(d, peringatan=False)
