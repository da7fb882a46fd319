"""Dashboard figures on the Gowa demo (seed cross-check §10.2) and the data-quality rules."""

import datetime
from decimal import Decimal

import pytest

from dasbor import selectors as s
from kinerja.models import PeriodeInput, Realisasi
from kinerja.pk import services as pk_services
from kinerja.realisasi import services as realisasi_services
from renstra.models import Indikator
from sakip.lib.angka import bulatkan

HARI_INI = datetime.date(2026, 11, 23)
D = Decimal


def _r2(x):
    return bulatkan(x, 2)


@pytest.fixture
def kantor(demo):
    return s.dasbor_kantor(demo, tahun=2024, sampai_tw=4, hari_ini=HARI_INI)


def test_iku_capaian_and_category_of_the_gowa_lkjip(kantor):
    assert [b.indikator.uraian for b in kantor.iku] == [
        "Jumlah Penurunan Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)"
    ]
    b = kantor.iku[0]
    assert (b.n.target, b.n.realisasi) == (D("580"), D("653"))
    assert _r2(kantor.capaian_iku) == D("112.59")  # G-01: 653/580, not the printed 112 %
    assert kantor.kategori_iku.label == "Sangat Berhasil"  # G-18, GOWA_4 ≥ 110
    # Capaian s/d each quarter against the cumulative TW targets 145, 290, 435, 580.
    assert [_r2(c) for c in b.capaian_tw] == [
        D("103.45"), D("106.90"), D("109.20"), D("112.59")]
    assert [k.label for k in b.kategori_tw] == ["Berhasil"] * 3 + ["Sangat Berhasil"]


def test_projection_carries_the_average_quarter_to_year_end(demo):
    d = s.dasbor_kantor(demo, tahun=2024, sampai_tw=2, hari_ini=HARI_INI)
    b = d.iku[0]
    assert b.proyeksi == D("620")  # (150 + 160) / 2 × 4
    assert _r2(b.capaian_proyeksi) == D("106.90")  # 620 / 580
    assert b.kategori_proyeksi.label == "Berhasil"
    assert _r2(b.n.capaian) == D("106.90")  # 310 / 290 to date


def test_sasaran_and_program_rows(kantor):
    assert [(x.sasaran.kode, _r2(x.capaian)) for x in kantor.sasaran] == [("S1", D("112.59"))]
    program = {p.node.kode: p for p in kantor.program}
    assert _r2(program["1.06.04"].serapan) == D("97.48")  # G-13
    assert _r2(program["1.06.04"].capaian) == D("134.62")  # mean of 169,23 and 100
    assert program["1.06.01"].capaian is None  # no indicator: not 0 (§2.7)
    assert _r2(kantor.serapan) == D("93.93")  # G-06
    assert kantor.pagu == D("5319338072")


def test_quality_counts_on_the_demo(kantor):
    k = kantor.kualitas
    # Program indicators carry only the year-end value (TW IV) of Tabel 3.6: TW I–III missing.
    assert k.belum_diisi == 12
    assert {(m.uraian, m.triwulan) for m in k.per_jenis(s.BELUM_DIISI)} >= {
        ("Persentase PPKS yang Memperoleh Jaminan Sosial", 1)}
    assert k.belum_diverifikasi == 0
    # Values entered while loading the demo (2026) for 2024 were sent long after the deadline.
    assert k.terlambat == len(k.per_jenis(s.TERLAMBAT)) == 8


def test_staf_bidang_sees_only_their_bidang(demo):
    from sakip.models import Bidang

    prs = Bidang.objects.get(perangkat_daerah=demo, singkatan="PRS")
    d = s.dasbor_kantor(demo, tahun=2024, sampai_tw=4, hari_ini=HARI_INI, bidang_ids={prs.pk},
                        dengan_catatan=False)
    assert d.iku == [] and d.sasaran == []
    assert [p.node.kode for p in d.program] == ["1.06.04"]
    assert {b.indikator.bidang_id for b in d.indikator_list} == {prs.pk}
    assert d.kualitas.belum_diisi == 6  # 2 indicators × TW I–III
    assert d.catatan == []


def test_periods():
    assert s.triwulan_selesai(2025, HARI_INI) == 4
    assert s.triwulan_selesai(2026, HARI_INI) == 3
    assert s.triwulan_selesai(2026, datetime.date(2026, 3, 31)) == 0
    assert s.sampai_tw_default(2026, datetime.date(2026, 2, 1)) == 1
    assert s.batas_waktu_default(2024, 4) == datetime.date(2025, 1, 15)
    assert s.batas_waktu_default(2024, 2) == datetime.date(2024, 7, 15)


# --- data-quality rules on a fresh year --------------------------------------------------

@pytest.fixture
def tahun_2025(demo):
    """2025 of the demo Renstra, with only what each test adds (no demo extension data)."""
    Realisasi.objects.filter(indikator__renstra__perangkat_daerah=demo, tahun=2025).delete()
    PeriodeInput.objects.filter(perangkat_daerah=demo, tahun=2025).delete()
    return demo


def _kualitas(pd, hari_ini, rinci=True):
    from renstra.selectors import renstra_aktif

    return s.kualitas_realisasi({pd.pk: renstra_aktif(pd, 2025).pk}, 2025, hari_ini=hari_ini,
                                rinci=rinci)[pd.pk]


def _iku(pd):
    return Indikator.objects.get(renstra__perangkat_daerah=pd, is_iku=True)


def _isi(pd, ind, tw, nilai, user, *, ajukan=False):
    realisasi_services.periode_set(perangkat_daerah=pd, tahun=2025, triwulan=tw, dibuka=True,
                                 user=user)
    r = realisasi_services.realisasi_save(pd=pd, tahun=2025, user=user, entri=[
        realisasi_services.Entri(ind, tw, {"nilai": D(nilai)})]).check().objek[(ind.pk, tw)]
    if ajukan:
        realisasi_services.realisasi_submit(pd=pd, realisasi=[r], user=user)
    return r


def test_missing_counts_ended_quarters_of_indicators_with_a_target(tahun_2025):
    pd = tahun_2025
    # The IKU has a 2025 Renstra target (600), no PK 2025: every quarter is expected.
    k = _kualitas(pd, datetime.date(2025, 8, 1))  # TW I and II have ended
    iku = _iku(pd)
    hilang = {(m.indikator_id, m.triwulan) for m in k.per_jenis(s.BELUM_DIISI)}
    assert {(iku.pk, 1), (iku.pk, 2)} <= hilang
    assert (iku.pk, 3) not in hilang


def test_quarters_without_a_pk_tw_target_are_not_expected(tahun_2025, django_user_model):
    from kinerja.models import Jenjang

    pd = tahun_2025
    perencana = django_user_model.objects.get(username="perencana")
    iku = _iku(pd)
    pk = pk_services.pk_create(perangkat_daerah=pd, tahun=2025,
                                    jenjang=Jenjang.JPT_PRATAMA, user=perencana)
    # An annual-event indicator: measured in TW IV only (domain.md §1.2, Bekasi AKIP row).
    pk_services.pk_indikator_set(pk=pk, indikator=iku, target_tahunan=D("600"),
                                      target_tw=[None, None, None, D("600")], user=perencana,
                                      mode_tw="kumulatif")
    k = _kualitas(pd, datetime.date(2026, 2, 1))
    assert {m.triwulan for m in k.per_jenis(s.BELUM_DIISI) if m.indikator_id == iku.pk} == {4}


def test_late_and_unverified(tahun_2025, django_user_model):
    pd = tahun_2025
    perencana = django_user_model.objects.get(username="perencana")
    iku = _iku(pd)
    draf = _isi(pd, iku, 1, "150", perencana)  # still a draft
    tepat = _isi(pd, iku, 2, "150", perencana, ajukan=True)
    Realisasi.objects.filter(pk=tepat.pk).update(
        submitted_at=datetime.datetime(2025, 7, 10, 9, tzinfo=datetime.UTC))
    telat = _isi(pd, iku, 3, "150", perencana, ajukan=True)
    Realisasi.objects.filter(pk=telat.pk).update(  # 16 Oct, local time: after the 15th
        submitted_at=datetime.datetime(2025, 10, 15, 17, 30, tzinfo=datetime.UTC))

    def telat_ids(hari_ini):
        return {m.realisasi_id for m in _kualitas(pd, hari_ini).per_jenis(s.TERLAMBAT)}

    assert telat_ids(datetime.date(2025, 4, 15)) == {telat.pk}  # TW I deadline not yet passed
    assert telat_ids(datetime.date(2025, 4, 16)) == {draf.pk, telat.pk}
    k = _kualitas(pd, datetime.date(2025, 11, 1))
    assert k.belum_diverifikasi == 3
    # The office's own deadline overrides the default (PeriodeInput.batas_waktu).
    realisasi_services.periode_set(perangkat_daerah=pd, tahun=2025, triwulan=3, dibuka=False,
                                 user=perencana, batas_waktu=datetime.date(2025, 10, 31))
    assert telat_ids(datetime.date(2025, 11, 1)) == {draf.pk}


def test_counting_and_listing_paths_agree(tahun_2025, django_user_model):
    pd = tahun_2025
    perencana = django_user_model.objects.get(username="perencana")
    iku = _iku(pd)
    _isi(pd, iku, 1, "150", perencana)
    _isi(pd, iku, 2, "150", perencana, ajukan=True)
    for hari_ini in (datetime.date(2025, 5, 1), datetime.date(2025, 8, 1),
                     datetime.date(2026, 3, 1)):
        a, b = _kualitas(pd, hari_ini, rinci=False), _kualitas(pd, hari_ini)
        assert (a.diharapkan, a.belum_diisi, a.terlambat, a.belum_diverifikasi) == (
            b.diharapkan, b.belum_diisi, b.terlambat, b.belum_diverifikasi)
        assert b.belum_diisi == len(b.per_jenis(s.BELUM_DIISI))
        assert b.belum_diverifikasi == len(b.per_jenis(s.BELUM_DIVERIFIKASI))


def test_urutkan_puts_missing_values_last_both_ways():
    class PD:
        def __init__(self, nama):
            self.nama = nama

    rows = [s.BarisPemda(pd=PD(n), capaian_iku=c) for n, c in
            [("A", D("90")), ("B", None), ("C", D("120")), ("D", D("60"))]]
    assert [r.pd.nama for r in s.urutkan(rows, "capaian", False)] == ["D", "A", "C", "B"]
    assert [r.pd.nama for r in s.urutkan(rows, "capaian", True)] == ["C", "A", "D", "B"]
