"""A past LHE entered through its page (domain.md §4.3 Bekasi figures): nilai per komponen of the
template valid that year, total, computed predikat; a typed predikat that differs and a total
that is not the sum are refused; who may enter it; a year evaluated in the application is not
entered from paper."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.urls import reverse

from lke.models import HasilEvaluasi
from sakip.models import Role
from tests.factories import PerangkatDaerahFactory, UserFactory

pytestmark = pytest.mark.django_db

BEKASI = {
    2023: {"nomor": "700/123/LHE/2024", "tanggal": "2024-03-28", "nilai": "77,26",
           "komponen": ["22,25", "22,12", "12,42", "20,47"]},
    2024: {"nomor": "700/88/LHE/2025", "tanggal": "2025-03-27", "nilai": "77,29",
           "komponen": ["22,94", "23,11", "11,23", "20,01"]},
}


@pytest.fixture
def kantor(demo):
    """A second office of the demo pemda (the national 88/2021 template is loaded by the demo)
    with its perencana and Kepala."""
    pd = PerangkatDaerahFactory(pemda=demo.pemda, nama="Dinas Sosial Kota Bekasi")
    UserFactory(username="perencana.bekasi", peran=Role.PERENCANA, peran__perangkat_daerah=pd)
    UserFactory(username="kepala.bekasi", peran=Role.KEPALA, peran__perangkat_daerah=pd)
    return pd


def _data(tahun: int, **ganti) -> dict:
    b = BEKASI[tahun]
    data = {"nomor": b["nomor"], "tanggal": b["tanggal"], "nilai": b["nilai"], "predikat": "BB",
            "row_version": 0}
    data.update({f"komponen_{k}": v for k, v in zip("ABCD", b["komponen"], strict=True)})
    data.update(ganti)
    return data


def _url(pd, tahun: int) -> str:
    return reverse("lke:hasil-catat", args=[pd.slug, tahun])


def test_lhe_bekasi_2023_dan_2024_dicatat_lewat_halaman(kantor, client_as):
    c = client_as("perencana.bekasi")
    halaman = c.get(_url(kantor, 2023)).content.decode()
    for label in ("A. Perencanaan Kinerja (bobot 30)", "D. Evaluasi Akuntabilitas Kinerja "
                  "Internal (bobot 25)"):
        assert label in halaman
    for tahun in (2023, 2024):
        r = c.post(_url(kantor, tahun), _data(tahun))
        assert r.status_code == 302, r.content.decode()[-2000:]
    h23, h24 = HasilEvaluasi.objects.filter(perangkat_daerah=kantor).order_by("tahun")
    assert (h23.nilai, h23.predikat, h23.nomor) == (D("77.26"), "BB", "700/123/LHE/2024")
    assert (h24.nilai, h24.predikat) == (D("77.29"), "BB")
    assert [(k.kode, k.nilai) for k in h24.komponen_set.all()] == [
        ("A", D("22.94")), ("B", D("23.11")), ("C", D("11.23")), ("D", D("20.01"))]
    assert h24.evaluasi_id is None and str(h24.tanggal) == "2025-03-27"
    tabel = c.get(_url(kantor, 2024)).content.decode()
    assert "77,26" in tabel and "77,29" in tabel and "Ubah LHE terdahulu 2024" in tabel


def test_predikat_dan_jumlah_yang_tidak_cocok_ditolak(kantor, client_as):
    c = client_as("perencana.bekasi")
    r = c.post(_url(kantor, 2024), _data(2024, predikat="A"))
    assert r.status_code == 400 and "Predikat A tidak sesuai" in r.content.decode()
    r = c.post(_url(kantor, 2024), _data(2024, nilai="78,29"))
    assert r.status_code == 400 and "tidak sama dengan jumlah nilai komponen" in r.content.decode()
    r = c.post(_url(kantor, 2024), _data(2024, komponen_A=""))
    assert r.status_code == 400
    assert not HasilEvaluasi.objects.filter(perangkat_daerah=kantor).exists()
    # Without a typed predikat it is computed: 77,29 → BB.
    assert c.post(_url(kantor, 2024), _data(2024, predikat="")).status_code == 302
    assert HasilEvaluasi.objects.get(perangkat_daerah=kantor, tahun=2024).predikat == "BB"


def test_koreksi_memakai_versi_baris(kantor, client_as):
    c = client_as("perencana.bekasi")
    assert c.post(_url(kantor, 2024), _data(2024)).status_code == 302
    h = HasilEvaluasi.objects.get(perangkat_daerah=kantor, tahun=2024)
    r = c.post(_url(kantor, 2024), _data(2024, nomor="700/88a/LHE/2025",
                                         row_version=h.row_version))
    assert r.status_code == 302
    r = c.post(_url(kantor, 2024), _data(2024, nomor="basi", row_version=h.row_version))
    assert r.status_code == 400 and "sudah diubah oleh" in r.content.decode()
    h.refresh_from_db()
    assert h.nomor == "700/88a/LHE/2025"


def test_siapa_yang_mencatat(kantor, demo, client_as):
    assert client_as("kepala.bekasi").get(_url(kantor, 2024)).status_code == 403
    assert client_as("perencana").get(_url(kantor, 2024)).status_code == 404  # another office
    assert client_as("inspektorat").post(_url(kantor, 2023), _data(2023)).status_code == 302
    # The demo office's 2024 is evaluated in the application: its LHE comes from closing it.
    r = client_as("perencana").get(_url(demo, 2024))
    assert r.status_code == 302 and r["Location"] == reverse("lke:lembar", args=[demo.slug, 2024])


def test_daftar_tindak_lanjut_membuka_lhe_tahun_terpilih(kantor, client_as):
    halaman = client_as("perencana.bekasi").get(
        reverse("lke:tindak-lanjut", args=[kantor.slug])).content.decode()
    arah = reverse("lke:daftar", args=[kantor.slug]) + "__nilai__/hasil/"
    assert f'data-arah="{arah}"' in halaman
    assert arah.replace("__nilai__", "2022") == _url(kantor, 2022)
    assert client_as("kepala.bekasi").get(
        reverse("lke:tindak-lanjut", args=[kantor.slug])).content.decode().count("data-arah") == 0
