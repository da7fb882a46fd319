"""Double submissions of the PK and LKjIP transitions, and two saves of the same narratives.

Measured before row locks on these paths (gunicorn, PostgreSQL): a double *pk-buat*, *revisi* or
*LKjIP mulai* answered HTTP 500 (IntegrityError on the unique version) 6 times in 10. Here two
identical requests are released together by a barrier, the way a double click or two tabs send
them: one transition / one row, the other request gets a clear answer (``SudahAda`` with the
existing row, or ``DataKedaluwarsa`` for a stale save), never an exception and never a second
version.
"""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.models import Jenjang, PerjanjianKinerja
from kinerja.pk import services as pk_services
from laporan import services as laporan_services
from laporan.models import BerkasLKjIP, LaporanKinerja
from sakip.models import JejakAudit, Role
from sakip.versi import DataKedaluwarsa, SudahAda
from tests.factories import (
    PejabatFactory,
    PerangkatDaerahFactory,
    PKIndikatorFactory,
    UserFactory,
)
from tests.konkurensi.conftest import serentak

PUTARAN = 10
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dunia(postgres_saja):
    """One office with a perencana and a kepala."""
    pd = PerangkatDaerahFactory()
    ani = UserFactory(first_name="Ani", last_name="Perencana", peran=Role.PERENCANA,
                      peran__perangkat_daerah=pd)
    kepala = UserFactory(first_name="Kadis", peran=Role.KEPALA, peran__perangkat_daerah=pd)
    # Penetapan needs the officials who sign (Pengaturan kantor › Pejabat).
    PejabatFactory(perangkat_daerah=pd)
    PejabatFactory(perangkat_daerah=None, pemda=pd.pemda, jenis="kepala_daerah", nip="",
                   pangkat="")
    return {"pd": pd, "ani": ani, "kepala": kepala}


def _pk_ditetapkan(pd, tahun: int) -> PerjanjianKinerja:
    line = PKIndikatorFactory(perjanjian__perangkat_daerah=pd, perjanjian__tahun=tahun)
    pk = line.perjanjian
    PerjanjianKinerja.objects.filter(pk=pk.pk).update(status=PerjanjianKinerja.Status.DITETAPKAN)
    pk.refresh_from_db()
    return pk


def _satu_berhasil_satu_sudah_ada(hasil) -> object:
    """Exactly one call returned, the other raised SudahAda naming what the first made."""
    galat = [h.galat for h in hasil if h.galat is not None]
    assert len(galat) == 1 and isinstance(galat[0], SudahAda), [h.galat for h in hasil]
    nilai = next(h.nilai for h in hasil if h.galat is None)
    assert galat[0].objek.pk == nilai.pk
    return nilai


# --- services ---------------------------------------------------------------------------------

def test_double_pk_create_makes_one_pk(dunia):
    pd = dunia["pd"]
    for i in range(PUTARAN):
        tahun = 2030 + i
        buat = lambda t=tahun: pk_services.pk_create(  # noqa: E731
            perangkat_daerah=pd, tahun=t, jenjang=Jenjang.JPT_PRATAMA, user=dunia["ani"])
        _satu_berhasil_satu_sudah_ada(serentak(buat, buat))
        assert PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun).count() == 1


def test_double_pk_revise_makes_one_version(dunia):
    pd = dunia["pd"]
    for i in range(PUTARAN):
        pk = _pk_ditetapkan(pd, 2030 + i)
        revisi = lambda p=pk: pk_services.pk_revise(  # noqa: E731
            pk=p, alasan=PerjanjianKinerja.Alasan.MUTASI_PEJABAT, user=dunia["ani"])
        baru = _satu_berhasil_satu_sudah_ada(serentak(revisi, revisi))
        versi = PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=pk.tahun)
        assert sorted(versi.values_list("versi", flat=True)) == [1, 2]
        assert baru.indikator_set.count() == 1  # the lines were copied once


def test_double_pk_approve_signs_once(dunia):
    pd = dunia["pd"]
    for i in range(PUTARAN):
        pk = PKIndikatorFactory(perjanjian__perangkat_daerah=pd,
                                perjanjian__tahun=2030 + i).perjanjian
        tetapkan = lambda p=pk: pk_services.pk_approve(pk=p, user=dunia["kepala"])  # noqa: E731
        _satu_berhasil_satu_sudah_ada(serentak(tetapkan, tetapkan))
        jejak = JejakAudit.objects.filter(model="kinerja.perjanjiankinerja", object_id=str(pk.pk),
                                          field="status", nilai_baru="ditetapkan")
        assert jejak.count() == 1


def test_double_pk_submit_submits_once(dunia):
    pk = PKIndikatorFactory(perjanjian__perangkat_daerah=dunia["pd"]).perjanjian
    ajukan = lambda: pk_services.pk_submit(pk=pk, user=dunia["ani"])  # noqa: E731
    _satu_berhasil_satu_sudah_ada(serentak(ajukan, ajukan))
    assert JejakAudit.objects.filter(model="kinerja.perjanjiankinerja", object_id=str(pk.pk),
                                     field="status").count() == 1


def test_double_laporan_create_makes_one_version(dunia):
    pd = dunia["pd"]
    for i in range(PUTARAN):
        mulai = lambda t=2030 + i: laporan_services.laporan_create(  # noqa: E731
            perangkat_daerah=pd, tahun=t, user=dunia["ani"])
        _satu_berhasil_satu_sudah_ada(serentak(mulai, mulai))
        assert LaporanKinerja.objects.filter(perangkat_daerah=pd, tahun=2030 + i).count() == 1


def test_two_narasi_updates_from_the_same_version_one_wins(dunia):
    lap = laporan_services.laporan_create(perangkat_daerah=dunia["pd"], tahun=2030,
                                          user=dunia["ani"])
    budi = UserFactory(first_name="Budi", peran=Role.PERENCANA,
                       peran__perangkat_daerah=dunia["pd"])
    for i in range(PUTARAN):
        lap.refresh_from_db()
        v = lap.row_version

        def simpan(user, teks, v=v):
            return laporan_services.narasi_update(laporan=lap, narasi={"kata_pengantar": teks},
                                                  user=user, sasaran_ids=set(), versi_dasar=v)

        hasil = serentak(lambda i=i: simpan(dunia["ani"], f"Ani {i}"),
                         lambda i=i: simpan(budi, f"Budi {i}"))
        galat = [h.galat for h in hasil if h.galat is not None]
        assert len(galat) == 1 and isinstance(galat[0], DataKedaluwarsa), galat
        lap.refresh_from_db()
        assert lap.row_version == v + 1
        menang = next(h.nilai for h in hasil if h.galat is None).narasi["kata_pengantar"]
        assert lap.narasi["kata_pengantar"] == menang
        # The trail is a chain: the loser wrote no row, so no change from a value never seen.
        rows = list(JejakAudit.objects.filter(model="laporan.laporankinerja",
                                              field="narasi.kata_pengantar")
                    .order_by("waktu", "id").values_list("nilai_lama", "nilai_baru"))
        assert all(a[1] == b[0] for a, b in zip(rows, rows[1:], strict=False)), rows


# --- the pages: the probe of the finding, re-run ----------------------------------------------

def _dua_post(user, url: str, data: dict | None = None) -> list[int]:
    """The same POST twice at once from one user's session (a double click); status codes.
    A view that raises answers 500 here instead of failing the test (as gunicorn would)."""
    klien = []
    for _ in range(2):
        c = Client(raise_request_exception=False)
        c.force_login(user)
        klien.append(c)
    hasil = serentak(*[lambda c=c: c.post(url, data or {}) for c in klien])
    assert all(h.galat is None for h in hasil), [h.galat for h in hasil]
    return [h.nilai.status_code for h in hasil]


def test_double_posts_of_pk_buat_revisi_and_mulai_answer_no_500(dunia):
    """Two identical POSTs at once, ten rounds per page: no 5xx, one row per round."""
    pd, ani = dunia["pd"], dunia["ani"]
    kode: dict[str, list[int]] = {"pk-buat": [], "revisi": [], "mulai": []}
    for i in range(PUTARAN):
        tahun = 2030 + i
        url = reverse("kinerja:pk-buat", args=[pd.slug])
        data = {"tahun": str(tahun), "jenjang": Jenjang.JPT_PRATAMA}
        kode["pk-buat"] += _dua_post(ani, url, data)
        assert PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun).count() == 1

        pk = _pk_ditetapkan(pd, 2050 + i)
        url = reverse("kinerja:pk-revisi", args=[pd.slug, pk.pk])
        data = {"alasan": "mutasi_pejabat", "alasan_uraian": "Pejabat baru",
                "tanggal": datetime.date(2050 + i, 7, 1).isoformat(), "nomor": f"800/{i}"}
        kode["revisi"] += _dua_post(ani, url, data)
        assert PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=2050 + i).count() == 2

        url = reverse("laporan:mulai", args=[pd.slug, tahun])
        kode["mulai"] += _dua_post(ani, url)
        assert LaporanKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun).count() == 1
    print({k: sorted(v) for k, v in kode.items()})
    assert all(k in (200, 302) for v in kode.values() for k in v), kode


def test_double_post_of_pk_tetapkan_answers_what_happened(dunia):
    pk = PKIndikatorFactory(perjanjian__perangkat_daerah=dunia["pd"],
                            target_tahunan=Decimal(5)).perjanjian
    url = reverse("kinerja:pk-tetapkan", args=[dunia["pd"].slug, pk.pk])
    data = {"nomor": "800/1", "tanggal": "2024-01-31"}  # both required at penetapan
    assert _dua_post(dunia["kepala"], url, data) == [302, 302]
    pk.refresh_from_db()
    assert pk.status == "ditetapkan"
    assert JejakAudit.objects.filter(model="kinerja.perjanjiankinerja", object_id=str(pk.pk),
                                     field="status").count() == 1


def test_two_requests_for_a_failed_pdf_queue_it_once(dunia, monkeypatch):
    antre = []

    class Tugas:
        """Counts what is queued instead of laying out a PDF."""

        id = "tugas-uji"

        @staticmethod
        def enqueue(pk):
            antre.append(pk)
            return Tugas()

    monkeypatch.setattr(laporan_services, "susun_pdf_lkjip", Tugas)
    gagal = BerkasLKjIP.objects.create(perangkat_daerah=dunia["pd"], tahun=2030, hash="h1",
                                       html="<p>x</p>", status=BerkasLKjIP.Status.GAGAL)
    minta = lambda: laporan_services.berkas_request(  # noqa: E731
        perangkat_daerah=dunia["pd"], tahun=2030, kunci="h1", html="<p>x</p>", laporan=None,
        user=dunia["ani"])
    hasil = serentak(minta, minta)
    assert all(h.galat is None for h in hasil), [h.galat for h in hasil]
    assert sorted(h.nilai[1] for h in hasil) == [False, True] and antre == [gagal.pk]
