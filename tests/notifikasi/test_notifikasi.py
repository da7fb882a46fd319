"""Notifications: created by the real write services at each event, for the right people, once
per event; read/unread; e-mail through the background task after commit, never for a user who
turned it off, never for a rolled-back write."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from dasbor import services as catatan_services
from demo.kinerja import IND_PERMAKANAN
from kinerja.models import Jenjang, Realisasi
from kinerja.pk import services as pk_services
from kinerja.realisasi.services import periode_set, realisasi_submit
from laporan import services as laporan_services
from laporan.models import LaporanKinerja
from notifikasi import peristiwa, selectors, services
from notifikasi.context_processors import bel
from notifikasi.models import JenisNotifikasi as J
from notifikasi.models import Notifikasi, PreferensiNotifikasi
from notifikasi.tasks import kirim_email_notifikasi
from renstra.models import Indikator
from sakip.models import JejakAudit

SLUG = "dinsos-gowa"
User = get_user_model()


@pytest.fixture
def u(demo):
    return {x.username: x for x in User.objects.all()}


def _baru(user, jenis=None):
    """Notifications of ``user`` created by the test (the demo's own history excluded)."""
    qs = Notifikasi.objects.filter(penerima=user, dibuat_pada__gte=_baru.mulai)
    return list(qs.filter(jenis=jenis) if jenis else qs)


@pytest.fixture(autouse=True)
def _mulai(db):
    _baru.mulai = timezone.now()


def _permakanan():
    return Indikator.objects.get(renstra__perangkat_daerah__slug=SLUG, uraian=IND_PERMAKANAN)


def _isi_dan_ajukan(client, ind, nilai="1.250"):
    url = reverse("kinerja:realisasi-edit", args=[SLUG, ind.pk, 2025, 2])
    r = client.post(url, {"aksi": "ajukan", "nilai": nilai, "catatan": "April–Juni",
                          "sumber_data": "Daftar penerima"})
    assert r.status_code == 302, r.content.decode()[:2000]
    return Realisasi.objects.get(indikator=ind, tahun=2025, triwulan=2)


def _verifikasi(client, real, aksi, komentar=""):
    real.refresh_from_db()
    r = client.post(reverse("kinerja:verifikasi-aksi", args=[SLUG, real.pk]),
                    {"aksi": aksi, "komentar": komentar, "row_version": real.row_version})
    assert r.status_code == 302


# --- the realisasi loop, through the pages ----------------------------------------------------

def test_realisasi_submit_return_verify_notify_the_right_people(u, client_as):
    staf, per = client_as("staf.rehsos"), client_as("perencana")
    ind = _permakanan()
    real = _isi_dan_ajukan(staf, ind)
    assert real.status == "diajukan"

    [n] = _baru(u["perencana"], J.DIAJUKAN)
    assert n.judul == "1 realisasi 2025 TW II menunggu verifikasi"
    # The person's name, not a bidang.
    assert n.pesan == f"Diajukan oleh {u['staf.rehsos'].get_full_name()}: {IND_PERMAKANAN}."
    assert n.url == reverse("kinerja:verifikasi", args=[SLUG]) + "?tahun=2025&tw=2"
    assert n.perangkat_daerah.slug == SLUG and n.dibaca_pada is None
    # Nobody else is told, and never the person who acted.
    assert not _baru(u["staf.rehsos"]) and not _baru(u["kepala"])
    assert not _baru(u["staf.linjamsos"]) and not _baru(u["inspektorat"])

    _verifikasi(per, real, "kembalikan", "Lampirkan daftar penerima bulan Juni.")
    [n] = _baru(u["staf.rehsos"], J.DIKEMBALIKAN)
    assert "Lampirkan daftar penerima bulan Juni." in n.pesan
    assert n.url == reverse("kinerja:realisasi-edit", args=[SLUG, ind.pk, 2025, 2])
    assert not _baru(u["staf.linjamsos"])  # another bidang's staf
    assert not _baru(u["perencana"], J.DIKEMBALIKAN)

    _isi_dan_ajukan(staf, ind, nilai="1.260")
    assert len(_baru(u["perencana"], J.DIAJUKAN)) == 2  # a second submission is a new event
    _verifikasi(per, real, "setuju")
    [n] = _baru(u["staf.rehsos"], J.DIVERIFIKASI)
    assert n.judul.startswith("Realisasi diverifikasi: " + IND_PERMAKANAN)


def test_a_refused_submission_notifies_nobody(u, client_as):
    ind = _permakanan()
    real = _isi_dan_ajukan(client_as("staf.rehsos"), ind)
    real.indikator = ind
    ok, ditolak = realisasi_submit(pd=ind.renstra.perangkat_daerah, realisasi=[real],
                                   user=u["staf.rehsos"])
    assert ok == [] and len(ditolak) == 1  # already diajukan: nothing happened, nobody told
    assert len(_baru(u["perencana"], J.DIAJUKAN)) == 1


# --- periods, PK, LKjIP, review notes --------------------------------------------------------

def test_opening_and_closing_a_period_tells_the_office_staf(u, demo, client_as):
    periode_set(perangkat_daerah=demo, tahun=2025, triwulan=3, dibuka=True,
                user=u["perencana"], batas_waktu=datetime.date(2025, 10, 15))
    for staf in ("staf.rehsos", "staf.linjamsos"):
        [n] = _baru(u[staf], J.PERIODE_DIBUKA)
        assert n.judul == "Periode input realisasi 2025 triwulan III dibuka"
        assert "paling lambat 15 Oktober 2025" in n.pesan
    assert not _baru(u["perencana"]) and not _baru(u["kepala"])
    # Saving the same state again is no event.
    periode_set(perangkat_daerah=demo, tahun=2025, triwulan=3, dibuka=True,
                user=u["perencana"], batas_waktu=datetime.date(2025, 10, 15))
    assert len(_baru(u["staf.rehsos"])) == 1
    periode_set(perangkat_daerah=demo, tahun=2025, triwulan=3, dibuka=False, user=u["perencana"])
    assert len(_baru(u["staf.rehsos"], J.PERIODE_DITUTUP)) == 1


def test_pk_waiting_goes_to_the_kepala_and_ditetapkan_to_the_perencana(u, demo):
    pk = pk_services.pk_create(perangkat_daerah=demo, tahun=2025, jenjang=Jenjang.JPT_PRATAMA,
                               user=u["perencana"])
    iku = Indikator.objects.filter(renstra__perangkat_daerah=demo, is_iku=True).first()
    pk_services.pk_indikator_set(pk=pk, indikator=iku, target_tahunan=Decimal("600"),
                                 user=u["perencana"])
    pk_services.pk_submit(pk=pk, user=u["perencana"])
    [n] = _baru(u["kepala"], J.PK_MENUNGGU)
    assert n.judul == "PK 2025 Eselon II / JPT Pratama versi 1 menunggu penetapan"
    assert n.url == reverse("kinerja:pk-detail", args=[SLUG, pk.pk])
    assert not _baru(u["perencana"])
    pk_services.pk_approve(pk=pk, user=u["kepala"], tanggal=datetime.date(2025, 1, 31))
    [n] = _baru(u["perencana"], J.PK_DITETAPKAN)
    assert "Ditetapkan oleh" in n.pesan and not _baru(u["kepala"], J.PK_DITETAPKAN)


def test_reviewed_lkjip_waits_for_the_kepala(u, demo):
    laporan = LaporanKinerja.objects.get(perangkat_daerah=demo, tahun=2024)
    laporan_services.laporan_review(laporan=laporan, nomor="700/12/ITDA", catatan="",
                                    tanggal=datetime.date(2025, 2, 10), user=u["inspektorat"])
    [n] = _baru(u["kepala"], J.LKJIP_MENUNGGU)
    assert n.judul == "LKjIP 2024 versi 1 menunggu penetapan" and "700/12/ITDA" in n.pesan
    assert n.url == reverse("laporan:lkjip", args=[SLUG, 2024])
    assert not _baru(u["perencana"]) and not _baru(u["inspektorat"])


def test_review_note_goes_to_the_office_and_its_answer_to_the_author(u, demo):
    iku = Indikator.objects.filter(renstra__perangkat_daerah=demo, is_iku=True).first()
    catatan = catatan_services.catatan_create(target=iku, tahun=2024, isi="Baseline 2021?",
                                              user=u["inspektorat"])
    for siapa in ("perencana", "kepala"):
        [n] = _baru(u[siapa], J.CATATAN_BARU)
        assert "Baseline 2021?" in n.pesan
        assert n.url == reverse("dasbor:catatan-detail", args=[catatan.pk])
    assert not _baru(u["inspektorat"]) and not _baru(u["staf.rehsos"])
    catatan_services.catatan_reply(catatan=catatan, isi="Sudah dilengkapi.", user=u["perencana"],
                                   dari_kantor=True)
    [n] = _baru(u["inspektorat"], J.CATATAN_DIJAWAB)
    assert "Sudah dilengkapi." in n.pesan and "dijawab oleh" in n.pesan


def test_lke_follow_up_events_reach_the_office_and_the_inspektorat(u, demo):
    url = reverse("beranda")
    peristiwa.tindak_lanjut_rekomendasi_baru(pd=demo, tahun=2025, jumlah=3, url=url,
                                             oleh=u["inspektorat"], kunci="lhe:1:rekomendasi")
    peristiwa.tindak_lanjut_rekomendasi_baru(pd=demo, tahun=2025, jumlah=3, url=url,
                                             oleh=u["inspektorat"], kunci="lhe:1:rekomendasi")
    for siapa in ("perencana", "kepala"):
        [n] = _baru(u[siapa], J.TINDAK_LANJUT_BARU)
        assert n.judul == "3 rekomendasi Evaluasi AKIP 2025 perlu ditindaklanjuti"
    # The Inspektorat holds its role pemda-wide (no office on the role): still a recipient.
    peristiwa.tindak_lanjut_diajukan(pd=demo, rekomendasi="Perbaiki cascading", url=url,
                                     oleh=u["perencana"], kunci="tindak-lanjut:1:diajukan")
    [n] = _baru(u["inspektorat"], J.TINDAK_LANJUT_DIAJUKAN)
    assert "Perbaiki cascading" in n.pesan
    peristiwa.tindak_lanjut_diputus(pd=demo, rekomendasi="Perbaiki cascading", diterima=False,
                                    catatan="Bukti belum ada.", url=url, oleh=u["inspektorat"],
                                    kunci="tindak-lanjut:1:diputus")
    [n] = _baru(u["kepala"], J.TINDAK_LANJUT_DIBUKA)
    assert n.judul == "Tindak lanjut dibuka kembali: Perbaiki cascading"
    assert not _baru(u["staf.rehsos"])


# --- once per event, read / unread -------------------------------------------------------------

def test_kunci_makes_an_event_notify_once(u):
    a = services.notifikasi_create(u["kepala"], J.PK_MENUNGGU, "PK menunggu", kunci="pk:1:x")
    assert a is not None
    assert services.notifikasi_create(u["kepala"], J.PK_MENUNGGU, "PK menunggu",
                                      kunci="pk:1:x") is None
    # The same key for two people is two notifications; for the one who has it, none.
    dibuat = services.notifikasi_create_banyak([u["kepala"], u["perencana"]], J.PK_MENUNGGU,
                                               "PK menunggu", kunci="pk:1:x")
    assert [n.penerima for n in dibuat] == [u["perencana"]]
    with pytest.raises(ValueError):
        services.notifikasi_create(u["kepala"], "bukan_jenis", "x")


def test_read_one_read_all_and_the_bell(u, client_as):
    for i in range(3):
        services.notifikasi_create(u["staf.rehsos"], J.PERIODE_DIBUKA, f"Periode {i}",
                                   url=reverse("kinerja:staf", args=[SLUG]))
    lain = services.notifikasi_create(u["perencana"], J.DIAJUKAN, "Punya orang lain")
    c = client_as("staf.rehsos")
    awal = selectors.jumlah_belum_dibaca(u["staf.rehsos"])
    assert awal >= 3
    html = c.get(reverse("notifikasi:daftar")).content.decode()
    assert f"Notifikasi: {awal} belum dibaca" in html  # the bell in the header
    assert "Punya orang lain" not in html

    n = Notifikasi.objects.filter(penerima=u["staf.rehsos"], judul="Periode 0").get()
    r = c.post(reverse("notifikasi:buka", args=[n.pk]))
    assert r.status_code == 302 and r["Location"] == reverse("kinerja:staf", args=[SLUG])
    n.refresh_from_db()
    dibaca = n.dibaca_pada
    assert dibaca is not None
    c.post(reverse("notifikasi:buka", args=[n.pk]))
    n.refresh_from_db()
    assert n.dibaca_pada == dibaca  # reading again changes nothing
    assert selectors.jumlah_belum_dibaca(u["staf.rehsos"]) == awal - 1
    # Unread first.
    daftar = list(selectors.notifikasi_list(u["staf.rehsos"]))
    assert daftar[-1].dibaca_pada is not None or all(x.dibaca_pada for x in daftar)
    assert daftar[0].dibaca_pada is None

    # Another person's notification does not exist for this user.
    assert c.post(reverse("notifikasi:buka", args=[lain.pk])).status_code == 404
    assert c.post(reverse("notifikasi:baca", args=[lain.pk])).status_code == 404
    lain.refresh_from_db()
    assert lain.dibaca_pada is None

    c.post(reverse("notifikasi:baca-semua"))
    assert selectors.jumlah_belum_dibaca(u["staf.rehsos"]) == 0
    assert selectors.jumlah_belum_dibaca(u["perencana"]) >= 1
    html = c.get(reverse("notifikasi:daftar")).content.decode()
    assert "belum dibaca" not in html.split("<main")[0]


def test_the_bell_costs_one_query(u, client_as, django_assert_num_queries):
    rf = RequestFactory().get("/")
    rf.user = u["kepala"]
    ctx = bel(rf)
    with django_assert_num_queries(1):
        html = render_to_string("notifikasi/_bel.html", ctx)
        html += render_to_string("notifikasi/_bel.html", ctx)
    assert 'href="/notifikasi/"' in html


# --- e-mail ------------------------------------------------------------------------------------

def _dengan_email(*users):
    for x in users:
        x.email = f"{x.username}@gowakab.go.id"
        x.save(update_fields=["email"])


def test_email_is_sent_after_commit_by_the_task(u, mailoutbox,
                                                django_capture_on_commit_callbacks):
    _dengan_email(u["kepala"], u["perencana"])
    with django_capture_on_commit_callbacks(execute=True):
        dibuat = services.notifikasi_create_banyak(
            [u["kepala"], u["perencana"], u["staf.rehsos"]], J.PK_MENUNGGU,
            "PK 2025 menunggu penetapan", "Diajukan oleh perencana.",
            reverse("kinerja:pk-list", args=[SLUG]))
        assert mailoutbox == []  # nothing inside the transaction
    assert len(dibuat) == 3
    assert sorted(m.to[0] for m in mailoutbox) == ["kepala@gowakab.go.id",
                                                   "perencana@gowakab.go.id"]
    m = mailoutbox[0]
    assert m.subject == "[SAKIP] PK 2025 menunggu penetapan"
    assert "Diajukan oleh perencana." in m.body
    assert f"/kinerja/{SLUG}/pk/" in m.body and "/notifikasi/pengaturan/" in m.body
    terkirim = Notifikasi.objects.filter(pk__in=[n.pk for n in dibuat],
                                         email_dikirim_pada__isnull=False)
    assert {n.penerima.username for n in terkirim} == {"kepala", "perencana"}
    # The same job again (a retry, a duplicate) mails nothing twice.
    kirim_email_notifikasi.call([n.pk for n in dibuat])
    assert len(mailoutbox) == 2


def test_no_email_for_a_user_who_turned_it_off(u, client_as, mailoutbox,
                                               django_capture_on_commit_callbacks):
    _dengan_email(u["kepala"])
    c = client_as("kepala")
    assert c.get(reverse("notifikasi:pengaturan")).status_code == 200
    r = c.post(reverse("notifikasi:pengaturan"), {})  # the box unticked
    assert r.status_code == 302
    assert PreferensiNotifikasi.objects.get(user=u["kepala"]).email_aktif is False
    jejak = JejakAudit.objects.get(field="email_aktif", user=u["kepala"])
    assert (jejak.nilai_lama, jejak.nilai_baru) == ("True", "False")
    with django_capture_on_commit_callbacks(execute=True):
        n = services.notifikasi_create(u["kepala"], J.LKJIP_MENUNGGU, "LKjIP menunggu")
    assert mailoutbox == []
    n.refresh_from_db()
    assert n.email_dikirim_pada is None and n.dibaca_pada is None  # still shown in the app
    c.post(reverse("notifikasi:pengaturan"), {"email_aktif": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        services.notifikasi_create(u["kepala"], J.LKJIP_MENUNGGU, "LKjIP menunggu lagi")
    assert [m.subject for m in mailoutbox] == ["[SAKIP] LKjIP menunggu lagi"]


def test_a_rolled_back_write_mails_nothing_and_leaves_no_row(u, demo, mailoutbox,
                                                             django_capture_on_commit_callbacks):
    _dengan_email(u["staf.rehsos"], u["staf.linjamsos"])
    sebelum = Notifikasi.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            periode_set(perangkat_daerah=demo, tahun=2025, triwulan=4, dibuka=True,
                        user=u["perencana"])
            assert Notifikasi.objects.count() == sebelum + 2
            raise RuntimeError("gagal sesudahnya")
    assert Notifikasi.objects.count() == sebelum
    assert mailoutbox == []
    # The same write committed mails both staf.
    with django_capture_on_commit_callbacks(execute=True):
        periode_set(perangkat_daerah=demo, tahun=2025, triwulan=4, dibuka=True,
                    user=u["perencana"])
    assert sorted(m.to[0] for m in mailoutbox) == ["staf.linjamsos@gowakab.go.id",
                                                   "staf.rehsos@gowakab.go.id"]
