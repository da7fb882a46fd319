"""The work inbox on the demo: exact contents per demo user, and the page around it.

Demo facts the counts come from (demo/gowa.py, demo/kinerja.py, demo/laporan.py, demo/dasbor.py):
the Renstra 2022–2026 has 7 active indicators (4 program indicators: 2 of Bidang Pelayanan dan
Rehabilitasi Sosial (PRS), 2 of Bidang Perlindungan dan Jaminan Sosial (LINJAMSOS); 1 kegiatan
indicator of each of those bidang, added for 2025; 1 active sasaran IKU reported by the
perencana). 2025 TW I is verified and closed; TW II is open since the demo load with its
deadline on 15 July 2025 and no value yet. 2026 TW III has ended and was never opened. The
LKjIP 2024 is a draft (waiting for the Inspektorat's review); the Inspektorat wrote two review
notes: one still open, one answered. Both PK 2024 versions are ditetapkan. The demo Kepala is
in office; every demo account holds a role.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dasbor.kotak import KOSONG, kotak_kerja
from demo.kinerja import IND_PERMAKANAN, pdf_sederhana
from kinerja.models import PerjanjianKinerja, Realisasi
from kinerja.pk import services as pk_services
from kinerja.realisasi import services as realisasi_services
from kinerja.realisasi.services import bukti_create
from lke.models import Evaluasi
from renstra.models import Indikator
from sakip.access import Akses
from tests.factories import PerangkatDaerahFactory, UserFactory

HARI_INI = datetime.date(2026, 11, 30)
BATAS_TW2 = datetime.date(2025, 7, 15)
TELAT = (HARI_INI - BATAS_TW2).days  # 503 days


def _kotak(username: str, hari_ini=HARI_INI):
    return kotak_kerja(Akses(get_user_model().objects.get(username=username)), hari_ini)


def _butir(kotak):
    return {b.kunci: b for bagian in kotak.bagian for b in bagian.butir}


def _lke_demo(demo) -> list[str]:
    """Evaluations of the demo office still running (the LKE demo may add one)."""
    return ["lke-evaluasi" if e.status == Evaluasi.Status.EVALUASI else "lke-mandiri"
            for e in Evaluasi.objects.filter(perangkat_daerah=demo).exclude(
                status=Evaluasi.Status.DITUTUP).order_by("tahun")]


@pytest.mark.parametrize("username", ["staf.rehsos", "staf.linjamsos"])
def test_staf_sees_the_open_quarter_of_their_bidang_only(demo, username):
    kotak = _kotak(username)
    assert kotak.kunci() == ["isi-realisasi"]
    b = _butir(kotak)["isi-realisasi"]
    # 3 indicators per bidang: 2 program indicators + 1 kegiatan indicator; none sent yet.
    assert (b.jumlah, b.rincian) == (3, "3 dari 3 indikator belum diajukan")
    assert b.judul == "Isi dan ajukan realisasi TW II 2025"
    assert (b.batas, b.terlambat_hari) == (BATAS_TW2, TELAT)
    assert b.url == reverse("kinerja:staf", args=[demo.slug]) + "?tahun=2025&tw=2"
    assert b.pd == demo and kotak.jumlah == 1


def test_perencana_closes_the_late_period_opens_the_next_and_answers_the_note(demo):
    kotak = _kotak("perencana")
    assert kotak.kunci() == ["periode-tutup", "periode-buka", "catatan-jawab"]
    b = _butir(kotak)
    # All 7 active indicators of the office, the perencana's sasaran IKU included.
    assert (b["periode-tutup"].jumlah, b["periode-tutup"].terlambat_hari) == (7, TELAT)
    assert b["periode-tutup"].judul == "Tutup periode input TW II 2025"
    assert b["periode-tutup"].url == reverse("kinerja:periode", args=[demo.slug])
    assert b["periode-buka"].judul == "Buka periode input TW III 2026"
    assert b["periode-buka"].jumlah is None
    assert b["periode-buka"].sejak == datetime.date(2026, 10, 1)  # TW III ended 30 September
    assert b["catatan-jawab"].jumlah == 1
    assert b["catatan-jawab"].url == (reverse("dasbor:catatan-daftar")
                                      + f"?pd={demo.slug}&status=terbuka")


def test_kepala_sees_the_note_addressed_to_the_office(demo):
    kotak = _kotak("kepala")
    # Both PK 2024 versions are ditetapkan and the LKjIP 2024 waits for its review, not for
    # the Kepala: only the open note is his.
    assert kotak.kunci() == ["catatan-kantor"]
    assert _butir(kotak)["catatan-kantor"].jumlah == 1


def test_inspektorat_reviews_the_lkjip_chases_the_late_office_and_replies(demo):
    kotak = _kotak("inspektorat")
    assert kotak.kunci() == ["lkjip-reviu", "kantor-terlambat", "catatan-dijawab",
                             *_lke_demo(demo)]
    b = _butir(kotak)
    assert b["lkjip-reviu"].judul == "Reviu LKjIP 2024"
    assert b["lkjip-reviu"].url == reverse("laporan:reviu", args=[demo.slug, 2024])
    assert (b["kantor-terlambat"].jumlah, b["kantor-terlambat"].terlambat_hari) == (7, TELAT)
    assert b["kantor-terlambat"].url == (reverse("dasbor:kantor")
                                         + f"?pd={demo.slug}&tahun=2025&tw=2")
    assert b["catatan-dijawab"].jumlah == 1


def test_admin_has_nothing_waiting_on_the_demo(demo):
    kotak = _kotak("admin")
    assert kotak.kunci() == [] and kotak.jumlah == 0


def test_admin_is_told_of_accounts_without_role_and_offices_without_kepala(demo):
    UserFactory(username="baru.tanpa.peran")
    PerangkatDaerahFactory(pemda=demo.pemda, nama="Dinas Baru", slug="dinas-baru")
    b = _butir(_kotak("admin"))
    assert b["pengguna-tanpa-peran"].jumlah == 1
    assert b["kantor-tanpa-pejabat"].pd.slug == "dinas-baru"
    assert b["kantor-tanpa-pejabat"].url == reverse("kantor:pejabat", args=["dinas-baru"])


def test_a_returned_value_reaches_its_bidang_with_the_comment(demo):
    ind = Indikator.objects.get(uraian=IND_PERMAKANAN)
    staf = get_user_model().objects.get(username="staf.rehsos")
    hasil = realisasi_services.realisasi_save(pd=demo, tahun=2025, user=staf, entri=[
        realisasi_services.Entri(ind, 2, {"nilai": Decimal("300")})])
    assert hasil.ok, hasil.galat
    r = Realisasi.objects.get(indikator=ind, tahun=2025, triwulan=2)
    bukti_create(realisasi=r, berkas=SimpleUploadedFile(
        "tw2.pdf", pdf_sederhana(["Permakanan TW II 2025"]), "application/pdf"),
        user=staf, pd=demo)
    dikirim, ditolak = realisasi_services.realisasi_submit(pd=demo, realisasi=[r], user=staf)
    assert dikirim and not ditolak, ditolak
    # Submitted: the perencana has one value to verify, the staf one indicator less to fill.
    assert _butir(_kotak("perencana"))["verifikasi"].jumlah == 1
    assert _butir(_kotak("staf.rehsos"))["isi-realisasi"].jumlah == 2
    assert _butir(_kotak("inspektorat"))["kantor-belum-verifikasi"].jumlah == 1
    r.refresh_from_db()
    perencana = get_user_model().objects.get(username="perencana")
    realisasi_services.realisasi_verify(realisasi=r, user=perencana, setuju=False,
                              komentar="Lampirkan daftar penerima layanan.")
    b = _butir(_kotak("staf.rehsos"))
    assert b["dikembalikan"].komentar.startswith("Lampirkan daftar penerima layanan.")
    assert b["dikembalikan"].rincian == ind.uraian
    assert b["dikembalikan"].url == reverse("kinerja:realisasi-edit",
                                            args=[demo.slug, ind.pk, 2025, 2])
    assert b["isi-realisasi"].jumlah == 3  # returned = to fill again
    # The other bidang is not told about it.
    assert "dikembalikan" not in _kotak("staf.linjamsos").kunci()


def test_a_submitted_pk_waits_for_the_kepala(demo):
    perencana = get_user_model().objects.get(username="perencana")
    ditetapkan = PerjanjianKinerja.objects.filter(perangkat_daerah=demo, tahun=2024).order_by(
        "-versi").first()
    baru = pk_services.pk_revise(pk=ditetapkan, alasan="mutasi_pejabat", user=perencana,
                              alasan_uraian="Pergantian Kepala Dinas.")
    assert "pk-draf" in _kotak("perencana").kunci()
    pk_services.pk_submit(pk=baru, user=perencana)
    b = _butir(_kotak("kepala"))["pk-penetapan"]
    assert b.judul == f"Tetapkan PK 2024 versi {baru.versi}"
    assert b.url == reverse("kinerja:pk-detail", args=[demo.slug, baru.pk])
    assert "pk-draf" not in _kotak("perencana").kunci()


# --- the page --------------------------------------------------------------------------------


def test_home_is_the_inbox_with_links_to_the_work(demo, client_as):
    r = client_as("perencana").get("/")
    html = r.content.decode()
    assert r.status_code == 200 and "Yang perlu Anda kerjakan" in html
    assert reverse("kinerja:periode", args=[demo.slug]) in html
    assert "Tutup periode input TW II 2025" in html and "terlambat" in html
    assert "Batas waktu 15 Juli 2025" in html
    # The office home with the Renstra tree stays one click away.
    assert reverse("beranda-pd", args=[demo.slug]) in html
    # The badge beside "Beranda" is rendered by the inbox itself (no second request).
    assert 'id="kotak-lencana"' in html and "data-kotak-siap" in html


def test_empty_inbox_says_so(demo, client_as):
    html = client_as("admin").get("/").content.decode()
    assert KOSONG in html


def test_badge_count_endpoint(demo, client_as):
    assert client_as("perencana").get(reverse("kotak-jumlah")).json() == {"jumlah": 3}
    assert client_as("staf.rehsos").get(reverse("kotak-jumlah")).json() == {"jumlah": 1}
    assert client_as("admin").get(reverse("kotak-jumlah")).json() == {"jumlah": 0}


def test_other_pages_fetch_the_badge_instead_of_computing_it(demo, client_as):
    html = client_as("perencana").get(reverse("dasbor:catatan-daftar")).content.decode()
    assert 'data-kotak-url="/kotak/jumlah/"' in html and "data-kotak-siap" not in html
    assert "js/kotak.js" in html


def test_user_without_role_is_told_to_ask_for_one(db, client):
    client.force_login(UserFactory(username="tanpa.peran"))
    r = client.get("/")
    assert r.status_code == 403 and "belum memiliki peran" in r.content.decode()
