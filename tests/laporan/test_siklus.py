"""Lifecycle (draft → reviu → ditetapkan) and the pages around it."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from kinerja.models import Realisasi
from laporan import services
from laporan.models import BerkasLKjIP, LaporanKinerja
from laporan.selectors import kedaluwarsa, susun
from laporan.tasks import susun_pdf_lkjip
from renstra.models import Indikator
from sakip.models import JejakAudit

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _ubah_realisasi_iku(pd, nilai):
    iku = Indikator.objects.get(renstra__perangkat_daerah=pd, is_iku=True)
    Realisasi.objects.filter(indikator=iku, tahun=2024, triwulan=4).update(nilai=Decimal(nilai))


def test_reviu_is_required_and_validated(gowa, users):
    _, laporan = gowa
    with pytest.raises(ValidationError, match="belum direviu"):
        services.laporan_approve(laporan=laporan, user=users["kepala"])
    with pytest.raises(ValidationError, match="Nomor Laporan Hasil Reviu"):
        services.laporan_review(laporan=laporan, nomor=" ", tanggal=datetime.date(2025, 2, 3),
                                catatan="x", user=users["inspektorat"])
    with pytest.raises(ValidationError, match="masa depan"):
        services.laporan_review(laporan=laporan, nomor="700/12/LHR", catatan="x",
                                tanggal=timezone.localdate() + datetime.timedelta(days=3),
                                user=users["inspektorat"])
    laporan.refresh_from_db()
    assert laporan.status == "draft" and laporan.reviu_nomor == ""


@pytest.mark.slow  # renders the LKjIP PDF (WeasyPrint)
def test_tetapkan_freezes_data_hash_pdf_and_later_changes_show_it_out_of_date(gowa_lengkap,
                                                                             users,
                                                                             client_as):
    pd, laporan = gowa_lengkap
    services.laporan_review(laporan=laporan, nomor="700/12/LHR-LKjIP/2025",
                            tanggal=datetime.date(2025, 2, 3), catatan="Sesuai PermenPAN 53/2014.",
                            user=users["inspektorat"])
    hash_awal = susun(pd, 2024, laporan).hash
    lap = services.laporan_approve(laporan=laporan, user=users["kepala"],
                                   tanggal=datetime.date(2025, 2, 10))
    assert lap.status == "ditetapkan" and lap.data_hash == hash_awal
    assert lap.snapshot["sasaran"][0]["capaian"] == 112.59 and lap.snapshot_xlsx
    assert lap.berkas_final.siap and lap.berkas_final.file.read(4) == b"%PDF"
    pdf_beku = lap.berkas_final.file.open("rb").read()
    assert JejakAudit.objects.filter(model="laporan.laporankinerja", field="status",
                                     nilai_baru="ditetapkan").exists()

    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        services.narasi_update(laporan=lap, narasi={}, user=users["perencana"])

    # The data moves on: the frozen report stays as signed and says it is out of date.
    _ubah_realisasi_iku(pd, 200)  # 150+160+165+200 = 675
    assert kedaluwarsa(lap, susun(pd, 2024, lap).hash)
    c = client_as("kepala")
    page = c.get(f"/laporan/{pd.slug}/2024/").content.decode()
    assert "Data telah berubah sejak LKjIP versi 1 ditetapkan" in page
    r = c.get(f"/laporan/{pd.slug}/2024/unduh/pdf/?versi=1")
    assert r.status_code == 200 and b"".join(r.streaming_content) == pdf_beku
    assert r["Content-Disposition"].endswith('LKjIP-2024-dinsos-gowa-v1.pdf"')
    js = json.loads(c.get(f"/laporan/{pd.slug}/2024/unduh/json/").content)
    assert js["sasaran"][0]["indikator"][0]["realisasi"] == 653  # frozen, not 675

    # A new version starts from the same narratives.
    c2 = client_as("perencana")
    assert c2.post(f"/laporan/{pd.slug}/2024/versi-baru/").status_code == 302
    baru = LaporanKinerja.objects.get(perangkat_daerah=pd, tahun=2024, versi=2)
    assert baru.status == "draft" and baru.narasi == lap.narasi
    d = susun(pd, 2024, baru).data
    assert d.sasaran[0].indikator[0].realisasi == Decimal(675)


@pytest.mark.slow  # renders the LKjIP PDF (WeasyPrint)
@override_settings(TASKS=DB_TASKS)
def test_pdf_is_queued_not_rendered_in_the_request_then_cached(gowa, client_as):
    pd, _ = gowa
    c = client_as("kepala")
    r = c.get(f"/laporan/{pd.slug}/2024/unduh/pdf/")
    berkas = BerkasLKjIP.objects.get(perangkat_daerah=pd, tahun=2024)
    assert r.status_code == 302 and r["Location"] == f"/laporan/{pd.slug}/pdf/{berkas.pk}/"
    assert berkas.status == "antri" and not berkas.file and berkas.task_id
    halaman = c.get(r["Location"]).content.decode()
    assert "Menunggu giliran" in halaman and 'http-equiv="refresh" content="2"' in halaman

    susun_pdf_lkjip.call(berkas.pk)  # what the db_worker does
    berkas.refresh_from_db()
    assert berkas.siap and berkas.halaman >= 15 and berkas.html == ""
    halaman = c.get(r["Location"]).content.decode()
    assert "PDF siap" in halaman and f"/laporan/{pd.slug}/pdf/{berkas.pk}/unduh/" in halaman

    # Same data: the cached file is served at once, nothing queued again.
    r2 = c.get(f"/laporan/{pd.slug}/2024/unduh/pdf/")
    assert r2.status_code == 200 and r2["Content-Type"] == "application/pdf"
    assert BerkasLKjIP.objects.filter(perangkat_daerah=pd).count() == 1
    # Changed data: a new PDF is queued.
    _ubah_realisasi_iku(pd, 180)
    assert c.get(f"/laporan/{pd.slug}/2024/unduh/pdf/").status_code == 302
    assert BerkasLKjIP.objects.filter(perangkat_daerah=pd).count() == 2


@pytest.mark.slow  # renders the LKjIP PDF (WeasyPrint)
def test_failed_render_shows_the_error_and_is_queued_again(gowa, client_as):
    pd, laporan = gowa
    kunci = susun(pd, 2024, laporan).kunci_pdf
    b = BerkasLKjIP.objects.create(perangkat_daerah=pd, tahun=2024, hash=kunci, status="gagal",
                                   pesan="OSError: font hilang")
    c = client_as("kepala")
    assert "font hilang" in c.get(f"/laporan/{pd.slug}/pdf/{b.pk}/").content.decode()
    r = c.get(f"/laporan/{pd.slug}/2024/unduh/pdf/")  # ImmediateBackend: rendered again
    b.refresh_from_db()
    assert b.siap and r.status_code == 200


def test_downloads_html_xlsx_json(gowa, client_as):
    pd, _ = gowa
    c = client_as("staf.rehsos")  # read-only roles download too
    html = c.get(f"/laporan/{pd.slug}/2024/unduh/html/")
    assert html.status_code == 200 and b"BAB III" in html.content
    assert b'id="peringatan"' in html.content  # the HTML draft carries the warnings box
    x = c.get(f"/laporan/{pd.slug}/2024/unduh/xlsx/")
    assert x.status_code == 200 and x.content[:2] == b"PK"
    assert c.get(f"/laporan/{pd.slug}/2024/unduh/doc/").status_code == 404


def test_narasi_form_saves_with_audit_and_refuses_bad_input(gowa, client_as):
    pd, laporan = gowa
    c = client_as("perencana")
    form = c.get(f"/laporan/{pd.slug}/2024/narasi/")
    assert form.status_code == 200 and "Latar Belakang" in form.content.decode()
    data = {k: v for k, v in form.context["form"].initial.items() if v is not None}
    data.update(tanggal="2025-02-30", basis_efisiensi="program_pk", ikhtisar_eksekutif="on")
    r = c.post(f"/laporan/{pd.slug}/2024/narasi/", data)
    assert r.status_code == 400
    assert "Tanggal laporan tidak valid" in r.content.decode()
    laporan.refresh_from_db()
    assert laporan.narasi["tanggal"] == "2025-01-21"  # nothing saved half-way
    data.update(tanggal="2025-01-24", bab4_langkah="- Perbaikan <script>x</script> data")
    assert c.post(f"/laporan/{pd.slug}/2024/narasi/", data).status_code == 302
    laporan.refresh_from_db()
    assert laporan.narasi["tanggal"] == "2025-01-24"
    assert JejakAudit.objects.filter(model="laporan.laporankinerja",
                                     field="narasi.bab4_langkah").exists()
    html = c.get(f"/laporan/{pd.slug}/2024/unduh/html/").content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html


@pytest.mark.slow  # tetapkan renders the LKjIP PDF (WeasyPrint)
def test_reviu_and_tetapkan_through_the_pages(gowa_lengkap, client_as):
    pd, laporan = gowa_lengkap
    ins = client_as("inspektorat")
    r = ins.post(f"/laporan/{pd.slug}/2024/reviu/", {"reviu_nomor": "", "reviu_tanggal": "",
                                                     "reviu_catatan": ""})
    assert r.status_code == 400 and "Nomor LHR wajib diisi" in r.content.decode()
    r = ins.post(f"/laporan/{pd.slug}/2024/reviu/", {
        "reviu_nomor": "700/5/ITDA", "reviu_tanggal": "2025-02-03",
        "reviu_catatan": "Lengkap; tujuh analisis tersedia."})
    assert r.status_code == 302
    laporan.refresh_from_db()
    assert laporan.status == "reviu" and laporan.reviu_oleh.username == "inspektorat"
    kep = client_as("kepala")
    kep.post(f"/laporan/{pd.slug}/2024/tetapkan/", {"tanggal_penetapan": "2025-02-10"})
    laporan.refresh_from_db()
    assert laporan.status == "reviu"  # the 'setuju' box is required
    r = kep.post(f"/laporan/{pd.slug}/2024/tetapkan/", {"tanggal_penetapan": "2025-02-10",
                                                         "setuju": "on"})
    laporan.refresh_from_db()
    assert laporan.status == "ditetapkan" and laporan.tanggal_penetapan == datetime.date(
        2025, 2, 10)
    assert r.status_code == 302
    assert "Ditetapkan" in kep.get(f"/laporan/{pd.slug}/2024/").content.decode()
