"""Query counts of the public pages do not grow with the data: the same count for the demo
alone and for the demo plus many offices, each with a published Renstra, PK and LKjIP."""

import copy
import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kinerja.models import PerjanjianKinerja
from laporan.models import BerkasLKjIP, LaporanKinerja
from renstra.models import PenetapanIKU
from tests.factories import (
    PerangkatDaerahFactory,
    PKIndikatorFactory,
    RealisasiFactory,
    TargetIndikatorFactory,
)
from tests.publik.conftest import PEMDA


def _kantor_terbit(pemda, n: int, snapshot: dict) -> None:
    """``n`` offices with a Renstra (IKU adopted), ditetapkan PKs of 2023 and 2024 with lines
    and verified realisasi, and a ditetapkan LKjIP 2024 with its frozen figures and PDF."""
    now = timezone.now()
    for i in range(n):
        pd = PerangkatDaerahFactory(pemda=pemda)
        for tahun in (2023, 2024):
            pk = PerjanjianKinerja.objects.create(
                perangkat_daerah=pd, tahun=tahun, jenjang="jpt_pratama", status="ditetapkan",
                ditetapkan_pada=now, pihak_pertama_nama=f"Kepala {i}")
            for _ in range(3):
                line = PKIndikatorFactory(perjanjian=pk, indikator__is_iku=True)
                TargetIndikatorFactory(indikator=line.indikator, tahun=tahun)
                for tw in (1, 2):
                    RealisasiFactory(indikator=line.indikator, tahun=tahun, triwulan=tw,
                                     status="diverifikasi")
        renstra = line.indikator.renstra
        penetapan = PenetapanIKU.objects.create(renstra=renstra, nomor=f"IKU/{i}",
                                                tanggal=datetime.date(2022, 3, 1))
        penetapan.indikator_set.set(renstra.indikator_set.all())
        berkas = BerkasLKjIP.objects.create(perangkat_daerah=pd, tahun=2024, hash=f"{i:064d}",
                                            status="selesai", file=f"lkjip/{i}.pdf")
        LaporanKinerja.objects.create(
            perangkat_daerah=pd, tahun=2024, status="ditetapkan", data_hash=f"{i:064d}",
            snapshot=copy.deepcopy(snapshot), ditetapkan_pada=now, berkas_final=berkas,
            tanggal_penetapan=datetime.date(2025, 2, 1))


def _hitung(url) -> int:
    """Data queries of one anonymous request (the request's own transaction savepoints, which
    only PostgreSQL runs here, are not reads)."""
    with CaptureQueriesContext(connection) as q:
        assert Client().get(url).status_code == 200, url
    return sum(1 for x in q.captured_queries if "SAVEPOINT" not in x["sql"])


def test_query_counts_do_not_grow_with_offices_years_and_documents(gowa, lkjip_2024):
    pemda_url = reverse("publik:pemda", kwargs={"pemda": PEMDA})
    kecil = {"pemda": _hitung(pemda_url),
             "indeks": _hitung(reverse("publik:indeks"))}
    _kantor_terbit(gowa.pemda, 1, lkjip_2024.snapshot)
    pd = gowa.pemda.perangkat_daerah.exclude(pk=gowa.pk).get()
    kantor_url = reverse("publik:kantor-tahun", kwargs={"pemda": PEMDA, "slug": pd.slug,
                                                        "tahun": 2024})
    kecil["kantor"] = _hitung(kantor_url)

    _kantor_terbit(gowa.pemda, 12, lkjip_2024.snapshot)
    besar = {"pemda": _hitung(pemda_url), "indeks": _hitung(reverse("publik:indeks")),
             "kantor": _hitung(kantor_url)}
    assert besar == kecil
    # And the budgets themselves, so a new query per page is a decision, not an accident.
    assert kecil == {"pemda": 5, "indeks": 1, "kantor": 16}


def _pk_sementara(pd, tahun: int, baris: int) -> None:
    """A ditetapkan PK of ``tahun`` without an LKjIP (provisional capaian) and its lines."""
    pk = PerjanjianKinerja.objects.create(perangkat_daerah=pd, tahun=tahun,
                                          jenjang="jpt_pratama", status="ditetapkan",
                                          ditetapkan_pada=timezone.now())
    for _ in range(baris):
        line = PKIndikatorFactory(perjanjian=pk, indikator__is_iku=True,
                                  indikator__renstra=pd.renstra_set.get())
        RealisasiFactory(indikator=line.indikator, tahun=tahun, triwulan=4,
                         status="diverifikasi")


def test_office_page_queries_do_not_grow_with_lines_and_years(gowa, lkjip_2024):
    """The demo office itself: more PK lines and more provisional years change nothing."""
    url = reverse("publik:kantor-tahun", kwargs={"pemda": PEMDA, "slug": gowa.slug,
                                                 "tahun": 2024})
    _pk_sementara(gowa, 2023, 1)
    sebelum = _hitung(url)
    _pk_sementara(gowa, 2022, 6)
    PKIndikatorFactory.create_batch(
        4, perjanjian=PerjanjianKinerja.objects.get(perangkat_daerah=gowa, tahun=2023),
        indikator__renstra=gowa.renstra_set.get())
    assert _hitung(url) == sebelum == 16
