"""Follow-up of LHE recommendations through the pages: the office answers with evidence, the
Inspektorat reopens with a note, the office answers again, the Inspektorat accepts; overdue
items flagged; who may do what; the dashboards' open follow-ups in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lke import services
from lke.models import Rekomendasi, TindakLanjut
from lke.selectors_tindak import tindak_lanjut_terbuka
from sakip.audit import riwayat
from sakip.models import Role
from tests.factories import PerangkatDaerahFactory, UserFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TELAT = 12


def _lhe(pd, tahun: int = 2023, n: int = 1, *, batas: datetime.date | None = None):
    """A past LHE of ``pd`` (entered from paper) with ``n`` recommendations, the first one due
    ``TELAT`` days ago."""
    hasil = services.hasil_set(pd, tahun, None, nomor=f"700/LHE/{tahun}", nilai="77.26")
    hari_ini = timezone.localdate()
    return [hasil.rekomendasi_set.create(
        nomor=i, uraian=f"Rekomendasi {i}: lengkapi manual IKU.",
        batas_waktu=batas or (hari_ini - datetime.timedelta(days=TELAT - i + 1)))
        for i in range(1, n + 1)]


def _url(name: str, pd, rek) -> str:
    return reverse(f"lke:{name}", args=[pd.slug, rek.pk])


def _tl_terakhir(rek) -> TindakLanjut:
    return rek.tindak_lanjut_set.order_by("-id").first()


def test_siklus_tindak_lanjut_lewat_halaman(demo, client_as):
    (rek,) = _lhe(demo)
    perencana, insp = client_as("perencana"), client_as("inspektorat")

    daftar = perencana.get(reverse("lke:tindak-lanjut", args=[demo.slug])).content.decode()
    assert "Rekomendasi 1: lengkapi manual IKU." in daftar
    assert f"Terlambat {TELAT} hari" in daftar and "Belum ditindaklanjuti" in daftar
    dasbor = perencana.get(reverse("dasbor:kantor")).content.decode()
    assert "Tindak lanjut LHE terbuka (1)" in dasbor and f"Terlambat {TELAT} hari" in dasbor

    # 1. The office answers with an evidence file.
    r = perencana.post(_url("tindak-lanjut-jawab", demo, rek), {
        "uraian": "Manual IKU disusun.", "row_version": rek.row_version,
        "berkas": SimpleUploadedFile("manual.pdf", PDF, content_type="application/pdf")})
    assert r.status_code == 302
    rek.refresh_from_db()
    assert rek.status == Rekomendasi.Status.DIJAWAB
    tl = _tl_terakhir(rek)
    assert tl.nama_asli == "manual.pdf" and tl.sha256
    unduh = perencana.get(reverse("lke:tindak-lanjut-unduh", args=[demo.slug, tl.pk]))
    assert unduh.status_code == 200 and b"".join(unduh.streaming_content) == PDF
    detail = perencana.get(_url("tindak-lanjut-detail", demo, rek)).content.decode()
    assert "Menunggu penilaian Inspektorat" in detail
    assert "Kirim tindak lanjut</button>" not in detail
    assert "Terlambat" not in detail  # answered: the Inspektorat's turn, the office is not late

    # 2. The Inspektorat reopens with a note; the confirmation is asked before.
    halaman = insp.get(_url("tindak-lanjut-detail", demo, rek)).content.decode()
    assert 'data-konfirmasi="Rekomendasi 1 dibuka kembali' in halaman
    assert "Kirim tindak lanjut</button>" not in halaman
    r = insp.post(_url("tindak-lanjut-buka", demo, rek),
                  {"tindak_lanjut": tl.pk, "catatan": "Manual IKU belum ditetapkan."})
    assert r.status_code == 302
    rek.refresh_from_db()
    assert rek.status == Rekomendasi.Status.TERBUKA
    detail = perencana.get(_url("tindak-lanjut-detail", demo, rek)).content.decode()
    assert "Dibuka kembali" in detail and "Manual IKU belum ditetapkan." in detail
    assert "Kirim tindak lanjut</button>" in detail

    # 3. The office answers again (stale version refused first), 4. the Inspektorat accepts.
    r = perencana.post(_url("tindak-lanjut-jawab", demo, rek),
                       {"uraian": "Manual IKU ditetapkan.", "row_version": 1})
    assert r.status_code == 400 and "sudah diubah oleh" in r.content.decode()
    r = perencana.post(_url("tindak-lanjut-jawab", demo, rek),
                       {"uraian": "Manual IKU ditetapkan dengan SK Kepala Dinas.",
                        "row_version": rek.row_version})
    assert r.status_code == 302
    tl2 = _tl_terakhir(rek)
    r = insp.post(_url("tindak-lanjut-terima", demo, rek), {"tindak_lanjut": tl2.pk})
    assert r.status_code == 302
    rek.refresh_from_db()
    assert rek.status == Rekomendasi.Status.SELESAI and rek.selesai_pada is not None
    detail = perencana.get(_url("tindak-lanjut-detail", demo, rek)).content.decode()
    assert detail.count("Dikirim ") == 2 and "Diterima" in detail
    assert "Kirim tindak lanjut</button>" not in detail
    # A second acceptance (double click) is harmless.
    r = insp.post(_url("tindak-lanjut-terima", demo, rek), {"tindak_lanjut": tl2.pk})
    assert r.status_code == 302
    jejak = riwayat(rek).filter(field="status").order_by("id")
    assert [j.nilai_baru for j in jejak] == ["dijawab", "terbuka", "dijawab", "selesai"]

    dasbor = perencana.get(reverse("dasbor:kantor")).content.decode()
    assert "Tindak lanjut LHE terbuka (0)" in dasbor
    pemda = insp.get(reverse("dasbor:pemda")).content.decode()
    assert "Tindak lanjut LHE terbuka (0)" in pemda


def test_kantor_menjawab_inspektorat_memutus(demo, client_as):
    (rek,) = _lhe(demo)
    jawab = {"uraian": "Sudah.", "row_version": rek.row_version}
    assert client_as("inspektorat").post(_url("tindak-lanjut-jawab", demo, rek),
                                         jawab).status_code == 403
    assert client_as("staf.rehsos").get(_url("tindak-lanjut-detail", demo, rek)).status_code == 403
    lain = PerangkatDaerahFactory(pemda=demo.pemda)
    UserFactory(username="perencana.kantor.lain", peran=Role.PERENCANA,
                peran__perangkat_daerah=lain)
    assert client_as("perencana.kantor.lain").get(
        _url("tindak-lanjut-detail", demo, rek)).status_code == 404
    r = client_as("kepala").post(_url("tindak-lanjut-jawab", demo, rek), jawab)
    assert r.status_code == 302
    tl = _tl_terakhir(rek)
    for user in ("perencana", "kepala", "admin"):
        r = client_as(user).post(_url("tindak-lanjut-terima", demo, rek), {"tindak_lanjut": tl.pk})
        assert r.status_code == 403, user
    # Reopening needs a reason; without one nothing changes.
    r = client_as("inspektorat").post(_url("tindak-lanjut-buka", demo, rek),
                                      {"tindak_lanjut": tl.pk, "catatan": " "})
    assert r.status_code == 400
    rek.refresh_from_db()
    assert rek.status == Rekomendasi.Status.DIJAWAB
    # A recommendation of another office is not found under this office's path.
    (rek_lain,) = _lhe(lain)
    assert client_as("perencana").get(
        _url("tindak-lanjut-detail", demo, rek_lain)).status_code == 404


def test_berkas_yang_tidak_lolos_pemeriksaan_ditolak(demo, client_as):
    (rek,) = _lhe(demo)
    r = client_as("perencana").post(_url("tindak-lanjut-jawab", demo, rek), {
        "uraian": "Lihat lampiran.", "row_version": rek.row_version,
        "berkas": SimpleUploadedFile("laporan.pdf", b"MZ bukan pdf")})
    assert r.status_code == 400
    rek.refresh_from_db()
    assert rek.status == Rekomendasi.Status.TERBUKA and not rek.tindak_lanjut_set.exists()


def test_dasbor_tindak_lanjut_terbuka_jumlah_query_tetap(demo):
    hari_ini = timezone.localdate()
    _lhe(demo, 2022, 1)

    def hitung():
        with CaptureQueriesContext(connection) as ctx:
            tl = tindak_lanjut_terbuka([demo.pk], hari_ini)
        return len(ctx.captured_queries), tl

    n1, tl1 = hitung()
    _lhe(demo, 2023, 12)
    n2, tl2 = hitung()
    assert n1 == n2 == 2
    assert (tl1.jumlah, tl2.jumlah) == (1, 13)
    assert len(tl2.daftar) == 8 and tl2.lainnya == 5
    assert tl2.terlambat == 13
    assert tl2.daftar[0].batas_waktu <= tl2.daftar[-1].batas_waktu


def test_dasbor_staf_tanpa_tindak_lanjut_pemda_dengan_nama_kantor(demo, client_as):
    _lhe(demo)
    staf = client_as("staf.rehsos").get(reverse("dasbor:kantor")).content.decode()
    assert "Tindak lanjut LHE" not in staf
    pemda = client_as("inspektorat").get(reverse("dasbor:pemda")).content.decode()
    assert "Tindak lanjut LHE terbuka (1)" in pemda and demo.nama in pemda
