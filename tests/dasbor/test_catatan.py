"""Review notes (catatan reviu): who writes, who answers, the history, the refusals."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dasbor import services
from dasbor.models import CatatanReviu, RiwayatCatatan
from kinerja.models import Realisasi
from laporan.models import LaporanKinerja
from renstra.models import Indikator
from sakip.models import JejakAudit, PerangkatDaerah


@pytest.fixture
def iku(demo):
    return Indikator.objects.select_related("renstra__perangkat_daerah").get(
        renstra__perangkat_daerah=demo, is_iku=True)


@pytest.fixture
def users(demo, django_user_model):
    return {u.username: u for u in django_user_model.objects.all()}


def test_life_of_a_note_with_history_and_audit(iku, users):
    c = services.catatan_create(target=iku, tahun=2024, isi="Mohon rincian per jenis PPKS.",
                                user=users["inspektorat"], peran="Inspektorat (APIP)")
    assert (c.status, c.jenis) == ("terbuka", "indikator")
    assert c.perangkat_daerah_id == iku.renstra.perangkat_daerah_id
    services.catatan_reply(catatan=c, isi="Rincian dilampirkan pada bukti TW IV.",
                           user=users["kepala"], dari_kantor=True, peran="Kepala")
    services.catatan_reply(catatan=c, isi="Lampiran belum memuat reunifikasi.",
                           user=users["inspektorat"], dari_kantor=False)
    c.refresh_from_db()
    assert c.status == "terbuka"  # the reviewer's follow-up puts the ball back in the office
    services.catatan_resolve(catatan=c, user=users["perencana"], isi="Sudah dilengkapi.")
    c.refresh_from_db()
    assert (c.status, c.diselesaikan_oleh) == ("selesai", users["perencana"])
    services.catatan_reopen(catatan=c, user=users["inspektorat"], isi="Belum sesuai.")
    c.refresh_from_db()
    assert (c.status, c.diselesaikan_oleh, c.diselesaikan_pada) == ("terbuka", None, None)
    langkah = list(c.riwayat_set.values_list("aksi", "status_lama", "status_baru",
                                             "user__username"))
    assert langkah == [
        ("dibuat", "terbuka", "terbuka", "inspektorat"),
        ("dijawab", "terbuka", "dijawab", "kepala"),
        ("ditanggapi", "dijawab", "terbuka", "inspektorat"),
        ("selesai", "terbuka", "selesai", "perencana"),
        ("dibuka", "selesai", "terbuka", "inspektorat"),
    ]
    jejak = JejakAudit.objects.filter(model="dasbor.catatanreviu", object_id=str(c.pk))
    assert jejak.filter(aksi="buat").count() == 1
    status = jejak.filter(aksi="status").order_by("id")
    assert list(status.values_list("nilai_lama", "nilai_baru")) == [
        ("terbuka", "dijawab"), ("dijawab", "terbuka"), ("terbuka", "selesai"),
        ("selesai", "terbuka")]


def test_notes_on_a_realisasi_and_an_lkjip_take_their_year(demo, iku, users):
    r = Realisasi.objects.get(indikator=iku, tahun=2024, triwulan=3)
    c = services.catatan_create(target=r, isi="Periksa angka TW III.", user=users["inspektorat"])
    assert (c.jenis, c.tahun) == ("realisasi", 2024)
    lkjip = (LaporanKinerja.objects.filter(perangkat_daerah=demo, tahun=2024).first()
             or LaporanKinerja.objects.create(perangkat_daerah=demo, tahun=2024))
    c = services.catatan_create(target=lkjip, isi="BAB III belum memuat analisis efisiensi.",
                                user=users["inspektorat"])
    assert (c.jenis, c.tahun, c.laporan) == ("laporan", 2024, lkjip)


def test_refusals(iku, users):
    with pytest.raises(ValidationError, match="Tuliskan isi catatan reviu"):
        services.catatan_create(target=iku, tahun=2024, isi="   ", user=users["inspektorat"])
    with pytest.raises(ValidationError, match="Tahun reviu indikator wajib"):
        services.catatan_create(target=iku, isi="x", user=users["inspektorat"])
    c = services.catatan_create(target=iku, tahun=2024, isi="x", user=users["inspektorat"])
    with pytest.raises(ValidationError, match="Tuliskan jawaban"):
        services.catatan_reply(catatan=c, isi="", user=users["kepala"], dari_kantor=True)
    with pytest.raises(ValidationError, match="Hanya catatan yang sudah selesai"):
        services.catatan_reopen(catatan=c, isi="y", user=users["inspektorat"])
    services.catatan_resolve(catatan=c, user=users["kepala"])
    with pytest.raises(ValidationError, match="sudah selesai"):
        services.catatan_reply(catatan=c, isi="lagi", user=users["kepala"], dari_kantor=True)
    with pytest.raises(ValidationError, match="sudah selesai"):
        services.catatan_resolve(catatan=c, user=users["kepala"])
    with pytest.raises(ValidationError, match="Tuliskan alasan"):
        services.catatan_reopen(catatan=c, isi=" ", user=users["inspektorat"])


def test_a_note_belongs_to_the_office_of_its_object(demo, iku):
    lain = PerangkatDaerah.objects.create(pemda=demo.pemda, nama="Dinas Lain", slug="dinas-lain")
    c = CatatanReviu(perangkat_daerah=lain, tahun=2024, indikator=iku, isi="x")
    with pytest.raises(ValidationError, match="bukan milik perangkat daerah"):
        c.full_clean()


def test_exactly_one_target_is_a_database_constraint(demo, iku):
    r = Realisasi.objects.filter(indikator=iku).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        CatatanReviu.objects.create(perangkat_daerah=demo, tahun=2024, isi="x", indikator=iku,
                                    realisasi=r)
    with pytest.raises(IntegrityError), transaction.atomic():
        CatatanReviu.objects.create(perangkat_daerah=demo, tahun=2024, isi="x")


# --- through the pages -------------------------------------------------------------------

def test_inspektorat_writes_kepala_answers_perencana_resolves(iku, client_as):
    insp = client_as("inspektorat")
    url = f"/dasbor/pd/dinsos-gowa/indikator/{iku.pk}/?tahun=2024"
    resp = insp.post("/dasbor/pd/dinsos-gowa/catatan/baru/", {
        "jenis": "indikator", "objek": iku.pk, "tahun": 2024,
        "isi": "Definisi operasional belum menyebut sumber DTKS.", "next": url,
    })
    assert resp.status_code == 302 and resp["Location"] == url
    c = CatatanReviu.objects.get(isi__startswith="Definisi operasional")
    assert c.dibuat_oleh.username == "inspektorat"

    kepala = client_as("kepala")
    page = kepala.get("/dasbor/?tahun=2024").content.decode()
    assert "Definisi operasional belum menyebut sumber DTKS." in page
    resp = kepala.post(f"/dasbor/catatan/{c.pk}/jawab/", {"isi": "Sumber DTKS ditambahkan."})
    assert resp.status_code == 302
    resp = client_as("perencana").post(f"/dasbor/catatan/{c.pk}/selesai/", {"isi": ""})
    assert resp.status_code == 302
    detail = insp.get(f"/dasbor/catatan/{c.pk}/").content.decode()
    assert "Sumber DTKS ditambahkan." in detail
    assert "Kepala perangkat daerah" in detail  # the answering role, in Indonesian
    assert "Selesai" in detail


def test_bad_note_is_refused_with_an_indonesian_message(iku, client_as):
    resp = client_as("inspektorat").post("/dasbor/pd/dinsos-gowa/catatan/baru/", {
        "jenis": "indikator", "objek": iku.pk, "tahun": 2024, "isi": ""})
    assert resp.status_code == 400
    assert "Tuliskan isi catatan reviu." in resp.content.decode()
    assert not CatatanReviu.objects.filter(isi="").exists()


def test_a_note_cannot_target_another_office(demo, iku, client_as):
    from sakip.models import Peran, Role

    lain = PerangkatDaerah.objects.create(pemda=demo.pemda, nama="Dinas Lain", slug="dinas-lain")
    assert Peran.objects.filter(user__username="inspektorat", role=Role.INSPEKTORAT).exists()
    resp = client_as("inspektorat").post(f"/dasbor/pd/{lain.slug}/catatan/baru/", {
        "jenis": "indikator", "objek": iku.pk, "tahun": 2024, "isi": "x"})
    assert resp.status_code == 404
    assert not CatatanReviu.objects.filter(isi="x").exists()


def test_staf_and_other_office_cannot_read_notes(demo, client_as):
    c = CatatanReviu.objects.filter(perangkat_daerah=demo).first()
    assert client_as("staf.rehsos").get(f"/dasbor/catatan/{c.pk}/").status_code == 403
    page = client_as("staf.rehsos").get("/dasbor/?tahun=2024").content.decode()
    assert c.isi[:40] not in page


def test_admin_reads_but_does_not_answer(demo, client_as):
    c = CatatanReviu.objects.filter(perangkat_daerah=demo).first()
    admin = client_as("admin")
    assert admin.get(f"/dasbor/catatan/{c.pk}/").status_code == 200
    assert admin.post(f"/dasbor/catatan/{c.pk}/jawab/", {"isi": "x"}).status_code == 403
    assert not RiwayatCatatan.objects.filter(isi="x").exists()
