"""Every endpoint runs the same number of queries at two data sizes (style.md §15): the demo,
then the demo with eight more offices (each with a Renstra, a signed PK and a signed LKjIP)
and a demo Renstra grown by programs, kegiatan, sub kegiatan and indicators."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.models import PerjanjianKinerja, PKIndikator
from laporan.models import LaporanKinerja
from renstra.models import PenetapanIKU
from tests.factories import (
    IndikatorFactory,
    KegiatanFactory,
    PerangkatDaerahFactory,
    ProgramFactory,
    RenstraFactory,
    SubKegiatanFactory,
    TargetIndikatorFactory,
)

pytestmark = pytest.mark.django_db

# A ceiling as well as a constant: an endpoint that needs more has a design problem.
PLAFON = 40


def _urls(slug: str) -> list[str]:
    base = f"/api/v1/perangkat-daerah/{slug}"
    return ["/api/v1/pemda", "/api/v1/perangkat-daerah", "/api/v1/lkjip",
            "/api/v1/lkjip?tahun=2024", base, f"{base}/pk", f"{base}/pk?tahun=2024",
            f"{base}/renstra?tahun=2024", f"{base}/lkjip/2024", f"{base}/capaian/2024",
            f"{base}/anggaran/2024", f"{base}/capaian/2025", f"{base}/lkjip/2025"]


def _tambah(demo, lkjip, n: int) -> None:
    for i in range(n):
        pd = PerangkatDaerahFactory(pemda=demo.pemda, nama=f"Dinas Uji {i}", slug=f"uji-{i}")
        ind = IndikatorFactory(renstra=RenstraFactory(perangkat_daerah=pd), is_iku=True)
        for t in (2023, 2024, 2025):
            TargetIndikatorFactory(indikator=ind, tahun=t)
        PenetapanIKU.objects.create(renstra=ind.renstra, nomor=f"IKU {i}",
                                    tanggal="2022-02-01").indikator_set.add(ind)
        pk = PerjanjianKinerja.objects.create(perangkat_daerah=pd, tahun=2024,
                                              jenjang="jpt_pratama", status="ditetapkan",
                                              pihak_pertama_nama=f"Kepala {i}")
        PKIndikator.objects.create(perjanjian=pk, indikator=ind, target_tahunan=100)
        LaporanKinerja.objects.create(perangkat_daerah=pd, tahun=2024, status="ditetapkan",
                                      data_hash="f" * 64, snapshot=lkjip.snapshot)
    renstra = lkjip.perangkat_daerah.renstra_set.first()
    for _ in range(3):
        prog = ProgramFactory(renstra=renstra)
        IndikatorFactory(renstra=renstra, program=prog, sasaran=None)
        for _ in range(2):
            keg = KegiatanFactory(program=prog)
            IndikatorFactory(renstra=renstra, kegiatan=keg, sasaran=None)
            SubKegiatanFactory(kegiatan=keg)
    for s in renstra.tujuan_set.first().sasaran_set.all()[:1]:
        for _ in range(3):
            TargetIndikatorFactory(indikator=IndikatorFactory(renstra=renstra, sasaran=s),
                                   tahun=2024)


def _hitung(clients, urls) -> dict:
    out = {}
    for nama, c in clients.items():
        for url in urls:
            with CaptureQueriesContext(connection) as q:
                r = c.get(url)
            assert r.status_code in (200, 404), (nama, url, r.status_code)
            out[(nama, url)] = len(q)
    return out


def test_query_counts_do_not_grow_with_the_data(demo, anon, token_untuk,
                                                lkjip_2024_ditetapkan, monkeypatch):
    # The last-use write happens once a minute: none inside the measured requests.
    monkeypatch.setattr("api.auth.JEDA_CATAT_PAKAI", datetime.timedelta(days=1))
    pemda_token, _ = token_untuk(pemda=demo.pemda)
    pd_token, _ = token_untuk(pd=demo)
    clients = {"publik": anon, "token pemda": pemda_token, "token kantor": pd_token}
    urls = _urls(demo.slug)
    for c in clients.values():
        c.get("/api/v1/pemda")  # a token's first use writes its last-use time once a minute
    kecil = _hitung(clients, urls)
    _tambah(demo, lkjip_2024_ditetapkan, 8)
    besar = _hitung(clients, urls)
    beda = {k: (kecil[k], besar[k]) for k in kecil if kecil[k] != besar[k]}
    assert not beda, f"jumlah kueri tumbuh bersama data: {beda}"
    assert max(besar.values()) <= PLAFON, max(besar.items(), key=lambda kv: kv[1])
    # Lists: the page and its count (+ the token lookup); on PostgreSQL each request is also
    # wrapped in a transaction (ATOMIC_REQUESTS: savepoint and release).
    atomik = 2 if connection.settings_dict.get("ATOMIC_REQUESTS") else 0
    assert besar[("publik", "/api/v1/perangkat-daerah")] == 2 + atomik
    assert besar[("token pemda", "/api/v1/perangkat-daerah")] == 3 + atomik
