import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from anggaran import selectors as anggaran_selectors
from anggaran import services as anggaran_services
from kinerja.models import PerjanjianKinerja, Realisasi
from kinerja.pk import services as pk_services
from kinerja.realisasi import services as realisasi_services
from renstra import services as renstra_services
from renstra.models import Indikator, Kegiatan, Renstra
from sakip.models import JejakAudit


@pytest.fixture
def iku(demo):
    return Indikator.objects.get(renstra__perangkat_daerah=demo, is_iku=True)


def test_ditetapkan_pk_is_immutable(demo, iku):
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo, tahun=2024, versi=2)
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        pk_services.pk_indikator_set(pk=pk, indikator=iku, target_tahunan=Decimal("1"))


def test_pk_revision_needs_one_of_the_three_reasons(demo):
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo, tahun=2024, versi=2)
    with pytest.raises(ValidationError, match="Alasan perubahan PK"):
        pk_services.pk_revise(pk=pk, alasan="bosan")
    baru = pk_services.pk_revise(pk=pk, alasan="mutasi_pejabat",
                                      tanggal=datetime.date(2024, 7, 1))
    assert baru.versi == 3 and baru.indikator_set.count() == 1
    # Realisasi entered under version 2 stay attached to version 2 (domain.md §9 item 1).
    assert Realisasi.objects.filter(pk_indikator__perjanjian=pk).count() == 4


def test_tw_targets_must_add_up_for_a_sum_indicator(demo, iku):
    pk = pk_services.pk_create(perangkat_daerah=demo, tahun=2025, jenjang="jpt_pratama")
    with pytest.raises(ValidationError) as e:
        pk_services.pk_indikator_set(
            pk=pk, indikator=iku, target_tahunan=Decimal("600"),
            target_tw=[Decimal("100"), Decimal("100"), Decimal("100"), Decimal("100")],
        )
    pesan = ("Jumlah target TW I–IV (400 Orang) harus sama dengan target tahunan (600 Orang): "
             "agregasi indikator ini \u201cJumlah per triwulan\u201d")
    assert pesan in str(e.value)


def _isi(pd, ind, tw, tahun=2025, **kwargs):
    data = {k: kwargs.pop(k) for k in list(kwargs) if k in realisasi_services.REALISASI_FIELDS}
    return realisasi_services.realisasi_save(
        pd=pd, tahun=tahun, entri=[realisasi_services.Entri(ind, tw, data)], **kwargs)


def test_realisasi_outside_an_open_period_is_refused(demo, iku):
    with pytest.raises(ValidationError, match="triwulan I belum dibuka atau sudah ditutup"):
        _isi(demo, iku, 1, nilai=Decimal("10")).check()


def test_perencana_outside_the_period_needs_a_reason_and_is_audited(demo, iku):
    with pytest.raises(ValidationError, match="wajib disertai alasan"):
        _isi(demo, iku, 1, nilai=Decimal("10"), abaikan_periode=True).check()
    r = _isi(demo, iku, 1, nilai=Decimal("10"), abaikan_periode=True,
             alasan="Koreksi data BPS").check().objek[(iku.pk, 1)]
    audit = JejakAudit.objects.get(model="kinerja.realisasi", object_id=str(r.pk), field="nilai")
    assert audit.nilai_baru == "10" and audit.alasan == "Koreksi data BPS"


def test_verified_realisasi_is_locked(demo, iku):
    realisasi_services.periode_set(perangkat_daerah=demo, tahun=2024, triwulan=1, dibuka=True)
    with pytest.raises(ValidationError, match="sudah diverifikasi dan terkunci"):
        _isi(demo, iku, 1, tahun=2024, nilai=Decimal("1")).check()


def test_returning_without_a_comment_is_refused(demo, iku):
    # IKU evidence is required by default (tested in tests/tepi); this test is about the comment.
    demo.bukti_wajib = "tidak"
    demo.save(update_fields=["bukti_wajib"])
    realisasi_services.periode_set(perangkat_daerah=demo, tahun=2025, triwulan=1, dibuka=True)
    r = _isi(demo, iku, 1, nilai=Decimal("120")).check().objek[(iku.pk, 1)]
    ok, ditolak = realisasi_services.realisasi_submit(pd=demo, realisasi=[r], user=None)
    assert [x.pk for x in ok] == [r.pk] and not ditolak
    with pytest.raises(ValidationError, match="alasan pengembalian"):
        realisasi_services.realisasi_verify(realisasi=r, user=None, setuju=False)


def test_realisasi_anggaran_above_pagu_is_refused_and_nothing_saved(demo):
    keg = Kegiatan.objects.get(program__renstra__perangkat_daerah=demo, kode="1.06.02.2.03")
    before = JejakAudit.objects.count()
    with pytest.raises(ValidationError, match="melebihi pagu Rp 84.000.000"):
        anggaran_services.anggaran_save(tahun=2024, realisasi=[
            anggaran_services.EntriRealisasiAnggaran(keg, 4, Decimal("90000000"))]).check()
    assert JejakAudit.objects.count() == before


def test_pagu_efektif_is_the_latest_stage(demo):
    keg = Kegiatan.objects.get(program__renstra__perangkat_daerah=demo, kode="1.06.02.2.03")
    anggaran_services.anggaran_save(tahun=2024, pagu=[
        anggaran_services.EntriPagu(keg, "perubahan", Decimal("95000000"))]).check()
    assert anggaran_selectors.pagu_efektif(keg, 2024) == Decimal("95000000")


def test_target_outside_the_renstra_period_is_refused_in_indonesian(demo, iku):
    with pytest.raises(ValidationError) as e:
        renstra_services.target_save(entri=[renstra_services.EntriTarget(iku, 2030, Decimal("1"))])
    assert "di luar periode Renstra 2022–2026" in str(e.value)


def test_null_target_stays_null(demo, iku):
    # NULL is no target: an empty year gets no row, or an empty one when asked (Tabel 4.2).
    assert renstra_services.target_save(entri=[renstra_services.EntriTarget(iku, 2022)]) == []
    [t] = renstra_services.target_save(entri=[renstra_services.EntriTarget(iku, 2022)],
                                       keep_empty=True)
    t.refresh_from_db()
    assert t.nilai is None


def test_indikator_needs_exactly_one_owner(demo):
    renstra = Renstra.objects.get(perangkat_daerah=demo)
    with pytest.raises(ValidationError, match="tepat satu"):
        renstra_services.indikator_create(renstra=renstra, uraian="Tanpa pemilik")


def test_ratio_that_does_not_divide_evenly_is_stored_at_column_precision(demo):
    ind = Indikator.objects.filter(renstra__perangkat_daerah=demo, satuan="%").first()
    realisasi_services.periode_set(perangkat_daerah=demo, tahun=2025, triwulan=3, dibuka=True)
    r = _isi(demo, ind, 3, pembilang=Decimal("1840"),
             penyebut=Decimal("2400")).check().objek[(ind.pk, 3)]
    r.refresh_from_db()
    assert r.nilai == Decimal("76.6667")


def test_model_validation_speaks_indonesian_and_names_the_rule(demo):
    from anggaran.models import Pagu, RealisasiAnggaran

    keg = Kegiatan.objects.get(program__renstra__perangkat_daerah=demo, kode="1.06.02.2.03")
    with pytest.raises(ValidationError) as e:
        Pagu(kegiatan=keg, tahun=2030, tahap="murni", nilai=Decimal("-1")).full_clean()
    assert "Pagu tidak boleh negatif." in e.value.messages
    with pytest.raises(ValidationError) as e:
        RealisasiAnggaran(kegiatan=keg, tahun=2024, triwulan=1, bulan=5,
                          nilai=Decimal("1")).full_clean()
    assert any("Bulan harus berada dalam triwulannya" in m for m in e.value.messages)
