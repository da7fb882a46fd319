"""The inbox runs a fixed number of queries whatever the data size: the same count on the demo
and on synthetic offices (generate_scale_data) at two sizes, each with work waiting of every
kind, so no branch is skipped at one size and taken at the other."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from dasbor.kotak import kotak_kerja
from dasbor.models import CatatanReviu
from kinerja.models import PeriodeInput, PerjanjianKinerja, Realisasi
from laporan.models import LaporanKinerja
from lke.models import Evaluasi, HasilEvaluasi, Rekomendasi, TemplateLke
from renstra.models import Indikator
from sakip.access import Akses
from sakip.models import Pejabat, PerangkatDaerah

HARI_INI = datetime.date(2026, 11, 30)
PERAN = ("skala.inspektorat", "skala.perencana.01", "skala.kepala.01", "skala.staf.01",
         "skala.admin")
# What one inbox may cost at most (roles + offices + each kind of work read once).
BATAS = 16


def _kerja(pd: PerangkatDaerah, template: TemplateLke) -> None:
    """Work of every kind waiting in ``pd``: a late open period with values missing, returned
    and submitted values, a PK draft and one submitted, LKjIPs to review and to set, notes open
    and answered, LKE recommendations and an evaluation running."""
    PeriodeInput.objects.create(perangkat_daerah=pd, tahun=2026, triwulan=2, dibuka=True,
                                batas_waktu=datetime.date(2026, 7, 15))
    inds = list(Indikator.objects.filter(renstra__perangkat_daerah=pd).order_by("id"))
    reals = list(Realisasi.objects.filter(indikator__in=inds, tahun=2026, triwulan=2)
                 .order_by("id"))
    Realisasi.objects.filter(pk__in=[r.pk for r in reals[0::3]]).update(
        status=Realisasi.Status.DIKEMBALIKAN, komentar_verifikasi="Perbaiki sumber data.")
    Realisasi.objects.filter(pk__in=[r.pk for r in reals[1::3]]).update(
        status=Realisasi.Status.DIAJUKAN)
    for versi, status in ((1, "draft"), (2, "diajukan")):
        PerjanjianKinerja.objects.create(perangkat_daerah=pd, tahun=2027, jenjang="jpt_pratama",
                                         versi=versi, status=status)
    LaporanKinerja.objects.create(perangkat_daerah=pd, tahun=2025, status="draft")
    LaporanKinerja.objects.create(perangkat_daerah=pd, tahun=2026, status="reviu")
    for status in ("terbuka", "dijawab"):
        CatatanReviu.objects.create(perangkat_daerah=pd, tahun=2026, indikator=inds[0],
                                    isi="Mohon penjelasan.", status=status)
    hasil = HasilEvaluasi.objects.create(perangkat_daerah=pd, tahun=2025, nilai=70,
                                         predikat="BB")
    for nomor, status in ((1, "terbuka"), (2, "dijawab")):
        Rekomendasi.objects.create(hasil=hasil, nomor=nomor, uraian="Perbaiki IKU.",
                                   status=status, batas_waktu=datetime.date(2026, 6, 30))
    Evaluasi.objects.create(perangkat_daerah=pd, tahun=2026, template=template,
                            status=Evaluasi.Status.EVALUASI)


def _bersihkan() -> None:
    """The rows added here PROTECT their offices: gone before the scale data is rebuilt."""
    skala = PerangkatDaerah.objects.filter(slug__startswith="skala-")
    Evaluasi.objects.filter(perangkat_daerah__in=skala).delete()
    HasilEvaluasi.objects.filter(perangkat_daerah__in=skala).delete()
    CatatanReviu.objects.filter(perangkat_daerah__in=skala).delete()
    LaporanKinerja.objects.filter(perangkat_daerah__in=skala).delete()
    TemplateLke.objects.filter(versi="uji").delete()


def _dunia(n_pd: int, n_sub: int) -> None:
    _bersihkan()
    call_command("generate_scale_data", pd=n_pd, years=2, subkegiatan=n_sub)
    template = TemplateLke.objects.create(versi="uji", nama="LKE uji", sha256="0" * 64)
    skala = list(PerangkatDaerah.objects.filter(slug__startswith="skala-").order_by("slug"))
    for pd in skala:
        _kerja(pd, template)
    # Offices whose Kepala left office: the administrator's work.
    Pejabat.objects.filter(perangkat_daerah__in=skala[1::2]).update(
        selesai=datetime.date(2026, 1, 1))


def _hitung(django_assert_max_num_queries, username: str):
    a = Akses(get_user_model().objects.get(username=username))
    with django_assert_max_num_queries(BATAS) as q:
        kotak = kotak_kerja(a, HARI_INI)
    return len(q), kotak


@pytest.mark.django_db
def test_demo_inboxes_stay_within_the_budget(demo, django_assert_max_num_queries):
    for username in ("perencana", "kepala", "inspektorat", "staf.rehsos", "admin"):
        _hitung(django_assert_max_num_queries, username)


@pytest.mark.django_db
@pytest.mark.slow
def test_same_queries_at_two_sizes(db, django_assert_max_num_queries):
    hasil = {}
    for n_pd, n_sub in ((2, 7), (5, 25)):  # the second run replaces the first offices
        _dunia(n_pd, n_sub)
        for username in PERAN:
            n, kotak = _hitung(django_assert_max_num_queries, username)
            hasil.setdefault(username, []).append((n, kotak))
    for username, ((n_kecil, kecil), (n_besar, besar)) in hasil.items():
        assert n_kecil == n_besar, (username, n_kecil, n_besar)
        assert kecil.jumlah > 0 and besar.jumlah >= kecil.jumlah, username
    # Pemda-wide, the Inspektorat sees every office's work: more offices, more items, same cost.
    _n, insp = hasil["skala.inspektorat"][1]
    kunci = insp.kunci()
    for k in ("lkjip-reviu", "kantor-terlambat", "kantor-belum-verifikasi", "catatan-dijawab",
              "lke-evaluasi", "rekomendasi-nilai"):
        assert kunci.count(k) == 5, k
    _n, staf = hasil["skala.staf.01"][1]
    assert {"isi-realisasi", "dikembalikan"} <= set(staf.kunci())
    _n, perencana = hasil["skala.perencana.01"][1]
    assert {"verifikasi", "pk-draf", "periode-tutup", "catatan-jawab",
            "rekomendasi-tindak-lanjut"} <= set(perencana.kunci())
    _n, kepala = hasil["skala.kepala.01"][1]
    assert {"pk-penetapan", "lkjip-penetapan", "catatan-kantor"} <= set(kepala.kunci())
