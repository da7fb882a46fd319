"""The read API's test world: the demo, tokens, and the demo's 2024 LKjIP set ditetapkan
through the services (review by the Inspektorat, penetapan by the Kepala)."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone

from tests.factories import lengkapi_lkjip

# The PDF of a penetapan is queued, not laid out (WeasyPrint takes seconds): the API serves
# the frozen figures, which exist as soon as the Kepala signs.
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _batas_bersih():
    # Rate limits count in the cache, which outlives a test's transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def users(demo):
    from django.contrib.auth import get_user_model

    return {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def anon():
    return Client()


@pytest.fixture
def token_untuk(users):
    """``token_untuk(pd=…)`` or ``token_untuk(pemda=…)``: a client sending a new token."""
    from api.services import token_create

    def make(*, pd=None, pemda=None):
        token, raw = token_create(user=users["admin"], nama="uji", pemda=pemda or pd.pemda,
                                  perangkat_daerah=pd)
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}"), token

    return make


@pytest.fixture
def lkjip_2024_ditetapkan(demo, users):
    from laporan import services
    from laporan.models import LaporanKinerja

    lap = LaporanKinerja.objects.get(perangkat_daerah=demo, tahun=2024)
    lengkapi_lkjip(lap, users["perencana"])
    services.laporan_review(laporan=lap, nomor="700/12/LHR-LKjIP/2025",
                            tanggal=datetime.date(2025, 2, 3), catatan="Sesuai.",
                            user=users["inspektorat"])
    with override_settings(TASKS=DB_TASKS):
        return services.laporan_approve(laporan=lap, user=users["kepala"],
                                        tanggal=datetime.date(2025, 2, 10))


# Marker strings seeded into data that must never be served to the public (nor, for drafts and
# unverified values, to a token): a test that finds one in a response has found a leak.
PENANDA = {
    "pk_draf": "PIHAKDRAFPENANDA",
    "lkjip_draf": "NARASIDRAFPENANDA",
    "realisasi_draf": "CATATANBELUMVERIFPENANDA",
    "nilai_draf": "987654.321",
    "reviu": "CATATANREVIUPENANDA",
    "lhr": "CATATANLHRPENANDA",
    "bukti": "BUKTIRAHASIAPENANDA",
    "orang": "ORANGBUKANPENANDATANGAN",
}


@pytest.fixture
def draf(demo, users, lkjip_2024_ditetapkan):
    """Data that must stay private, beside the published 2024 LKjIP: a draft PK and a draft
    LKjIP of 2025, an unverified 2025 realisasi, a review note, the LHR note, an evidence file
    name and the name of a person who signs nothing."""
    from dasbor.services import catatan_create
    from kinerja.models import BuktiDukung, PerjanjianKinerja, PKIndikator, Realisasi
    from laporan.models import LaporanKinerja
    from renstra.models import Indikator

    iku = Indikator.objects.filter(renstra__perangkat_daerah=demo, is_iku=True).first()
    versi = 1 + max(PerjanjianKinerja.objects.filter(
        perangkat_daerah=demo, tahun=2025, jenjang="jpt_pratama").values_list(
        "versi", flat=True), default=0)
    # A signed 2025 PK is published: its provisional capaian is where an unverified value
    # would show if the verified-only rule broke. A newer draft version must stay private.
    tetap = PerjanjianKinerja.objects.create(
        perangkat_daerah=demo, tahun=2025, jenjang="jpt_pratama", versi=versi,
        status="ditetapkan", tanggal=datetime.date(2025, 1, 15),
        ditetapkan_pada=timezone.now(), pihak_pertama_nama="Kepala Dinas Sosial")
    PKIndikator.objects.create(perjanjian=tetap, indikator=iku, target_tahunan=600,
                               target_tw1=150, target_tw2=150, target_tw3=150, target_tw4=150)
    PerjanjianKinerja.objects.create(
        perangkat_daerah=demo, tahun=2025, jenjang="jpt_pratama", versi=versi + 1,
        jenis="perubahan", alasan="mutasi_pejabat", pihak_pertama_nama=PENANDA["pk_draf"])
    LaporanKinerja.objects.update_or_create(
        perangkat_daerah=demo, tahun=2025, versi=1,
        defaults={"narasi": {"kata_pengantar": PENANDA["lkjip_draf"]}})
    Realisasi.objects.update_or_create(
        indikator=iku, tahun=2025, triwulan=3,
        defaults={"nilai": PENANDA["nilai_draf"], "catatan": PENANDA["realisasi_draf"],
                  "faktor_penghambat": PENANDA["realisasi_draf"], "status": "diajukan"})
    catatan_create(target=lkjip_2024_ditetapkan, isi=PENANDA["reviu"],
                   user=users["inspektorat"])
    LaporanKinerja.objects.filter(pk=lkjip_2024_ditetapkan.pk).update(
        reviu_catatan=PENANDA["lhr"])
    r = Realisasi.objects.filter(indikator=iku, tahun=2024, status="diverifikasi").first()
    BuktiDukung.objects.create(realisasi=r, file="bukti/penanda.pdf",
                               nama_asli=f"{PENANDA['bukti']}.pdf", sha256="0" * 64,
                               content_type="application/pdf", ukuran=10)
    staf = users["staf.rehsos"]
    staf.first_name = PENANDA["orang"]
    staf.save(update_fields=["first_name"])
    return PENANDA
