"""Person names where a person acted; Indonesian labels instead of codes and mechanics for
non-admin users (admins may still see hashes)."""

from django.urls import reverse

from kinerja.models import Realisasi
from kinerja.realisasi.bukti import XLSX, label_jenis
from sakip.audit import nama_pelaku
from sakip.lib.angka import format_ukuran
from sakip.versi import kedaluwarsa

from .conftest import SLUG


def test_demo_accounts_carry_person_names(users):
    assert nama_pelaku(users["staf.rehsos"]) == "Andi Rahman"
    assert nama_pelaku(users["perencana"]) == "Nurhayati Syam"
    for u in users.values():
        assert "Bidang" not in nama_pelaku(u) and "Subbag" not in nama_pelaku(u)
    assert nama_pelaku(None) == "sistem"


def test_header_and_audit_trail_name_the_person(demo, iku, client_as):
    r = Realisasi.objects.filter(indikator=iku, tahun=2024, triwulan=1).get()
    html = client_as("staf.rehsos").get(reverse("kinerja:staf", args=[SLUG])).content.decode()
    assert '<span class="username">Andi Rahman</span>' in html
    url = reverse("kinerja:realisasi-edit", args=[SLUG, iku.pk, 2024, 1])
    isi = client_as("perencana").get(url).content.decode()
    assert "Diverifikasi oleh Nurhayati Syam" in isi
    assert "Subbag Perencanaan dan Pelaporan</td>" not in isi
    # "Changed by … at …" refusals name the same person.
    assert "Nurhayati Syam" in str(kedaluwarsa(Realisasi, r.pk).messages[0])


def test_evidence_table_without_mechanics_for_staff(demo, iku, client_as):
    url = reverse("kinerja:realisasi-edit", args=[SLUG, iku.pk, 2024, 4])
    html = client_as("perencana").get(url).content.decode()
    assert "<td>PDF</td>" in html and ("782 byte<" in html or " KB<" in html)
    for kata in ("application/pdf", "SHA-256"):
        assert kata not in html
    admin = client_as("admin").get(url).content.decode()
    assert "SHA-256" in admin


def test_lkjip_page_without_codes_for_non_admin(demo, client_as):
    url = reverse("laporan:lkjip", args=[SLUG, 2024])
    html = client_as("perencana").get(url).content.decode()
    for kata in ("Hash data", "EF-SISA", "EF-SELISIH", "EF-RASIO", "SASARAN_TIDAK_ADA",
                 "REALISASI_KOSONG", "WeasyPrint"):
        assert kata not in html, kata
    assert "metode efisiensi: " in html
    assert "Hash data" in client_as("admin").get(url).content.decode()


def test_indicator_lists_show_aggregation_labels(demo, iku, client_as):
    html = client_as("perencana").get(reverse("renstra:pohon", args=[SLUG])).content.decode()
    assert "jumlah per triwulan" in html
    assert "· SUM<" not in html and "· LAST<" not in html


def test_file_type_and_size_labels():
    assert [label_jenis(t) for t in ("application/pdf", "image/png", XLSX, "x/y")] == [
        "PDF", "Gambar", "Excel", "Berkas lain"]
    assert format_ukuran(782) == "782 byte"
    assert format_ukuran(12 * 1024 + 300) == "12 KB"
    assert format_ukuran(int(1.25 * 1024 * 1024)) == "1,3 MB"
