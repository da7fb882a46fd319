"""The Inspektorat's pemda overview of one year's evaluations: one row per office with status,
nilai usulan/evaluasi scored as the worksheet scores them, predikat, the previous year's LHE and
the open follow-ups; the same number of queries for few and many offices; Inspektorat only."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lke import services
from lke.models import Evaluasi, Kriteria
from lke.selectors import evaluasi_tree
from lke.selectors_tindak import ikhtisar_pemda
from sakip.access import Akses
from sakip.models import PerangkatDaerah
from tests.factories import PerangkatDaerahFactory

pytestmark = pytest.mark.django_db
TAHUN = 2024
URL = reverse("lke:ikhtisar") + f"?tahun={TAHUN}"


def _ev_demo(demo) -> Evaluasi:
    return Evaluasi.objects.select_related("template").get(perangkat_daerah=demo, tahun=TAHUN)


def _kantor_mandiri(demo, n: int, jawaban: dict[str, str]) -> list[PerangkatDaerah]:
    """``n`` offices with a 2024 evaluation answered on a few criteria."""
    tpl = _ev_demo(demo).template
    kriteria = {k.kode: k for k in Kriteria.objects.filter(
        subkomponen__komponen__template=tpl, kode__in=jawaban).select_related(
        "subkomponen__komponen")}
    pds = []
    for _ in range(n):
        pd = PerangkatDaerahFactory(pemda=demo.pemda)
        ev = services.evaluasi_create(pd, TAHUN, None, template=tpl)
        for kode, j in jawaban.items():
            services.jawaban_set(ev, kriteria[kode], None, pihak="usulan", jawaban=j)
            services.jawaban_set(ev, kriteria[kode], None, pihak="evaluasi", jawaban=j)
        pds.append(pd)
    return pds


def test_baris_per_kantor_dengan_status_nilai_dan_tindak_lanjut(demo, client_as):
    belum = PerangkatDaerahFactory(pemda=demo.pemda, nama="Dinas Belum Dievaluasi")
    kertas = PerangkatDaerahFactory(pemda=demo.pemda, nama="Dinas LHE Kertas")
    services.hasil_set(kertas, TAHUN - 1, None, nilai="77.26")
    hasil = services.hasil_set(kertas, TAHUN, None, nilai="77.29", nomor="700/LHE")
    hasil.rekomendasi_set.create(nomor=1, uraian="Perbaiki IKU.")
    hasil.rekomendasi_set.create(nomor=2, uraian="Sudah.", status="selesai")
    (mandiri,) = _kantor_mandiri(demo, 1, {"A.1.1": "Y", "A.2.1": "B"})

    insp = get_user_model().objects.get(username="inspektorat")
    rows = {r.pd.pk: r for r in ikhtisar_pemda(Akses(insp).perangkat_daerah_ikhtisar_lke(),
                                                TAHUN)}
    pohon = evaluasi_tree(_ev_demo(demo))
    r = rows[demo.pk]
    assert (r.status, r.nilai_usulan, r.nilai_evaluasi) == ("evaluasi", pohon.nilai_usulan, None)
    assert r.nilai_usulan is not None
    assert (rows[belum.pk].status, rows[belum.pk].status_label) == ("belum", "Belum dimulai")
    rk = rows[kertas.pk]
    assert (rk.status, rk.nilai_evaluasi, rk.predikat_kode) == ("ditutup", D("77.29"), "BB")
    assert rk.hasil_lalu.nilai == D("77.26") and rk.tindak_lanjut_terbuka == 1
    rm = rows[mandiri.pk]
    # Y (1) on A.1 Pemenuhan (bobot 6) + B (0,75) on A.2 Kualitas (bobot 9) = 6 + 6,75.
    assert (rm.status, rm.nilai_usulan, rm.nilai_evaluasi) == ("mandiri", D("12.75"),
                                                               D("12.75"))
    assert rm.predikat_kode == "D"

    halaman = client_as("inspektorat").get(URL).content.decode()
    assert "Ikhtisar evaluasi AKIP 2024" in halaman
    for teks in ("Dinas Belum Dievaluasi", "Belum dimulai", "Ditutup (LHE dicatat)",
                 "77,29", "77,26 (BB)", "12,75", reverse("lke:mulai", args=[belum.slug, TAHUN]),
                 reverse("lke:tindak-lanjut", args=[kertas.slug])):
        assert teks in halaman, teks


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(URL)
    assert r.status_code == 200
    return len(ctx.captured_queries)


def test_jumlah_query_tetap_untuk_banyak_kantor(demo, client_as):
    c = client_as("inspektorat")
    _kantor_mandiri(demo, 1, {"A.1.1": "Y"})
    sedikit = _queries(c)
    pds = _kantor_mandiri(demo, 6, {"A.1.1": "T", "B.1.1": "Y", "C.2.1": "C"})
    for pd in pds[:3]:
        h = services.hasil_set(pd, TAHUN - 1, None, nilai="60")
        h.rekomendasi_set.create(nomor=1, uraian="Perbaiki.")
    PerangkatDaerahFactory(pemda=demo.pemda)
    banyak = _queries(c)
    assert sedikit == banyak


def test_hanya_inspektorat(demo, client_as):
    for user in ("perencana", "kepala", "admin", "staf.rehsos"):
        assert client_as(user).get(URL).status_code == 403, user
    assert client_as("inspektorat").get(reverse("lke:ikhtisar") + "?tahun=abc").status_code == 200
