"""Pengaturan kantor pages: the profile and logo, bidang, officials, and the pemda's offices.

Who may do what is in the access matrix (tests/access/matrix_kantor.py); here the pages' work:
what they write, what they refuse and that every change leaves its audit row.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from sakip.models import Bidang, JejakAudit, JenisPejabat, Pejabat, PerangkatDaerah

SLUG = "dinsos-gowa"


def _gambar(fmt: str, ukuran=(64, 64)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", ukuran, (11, 83, 148)).save(buf, format=fmt)
    return buf.getvalue()


def _profil(pd, **ubah) -> dict:
    data = {"nama": pd.nama, "singkatan": pd.singkatan, "kode": pd.kode, "alamat": pd.alamat,
            "tempat": pd.tempat, "versi": pd.row_version}
    data.update(ubah)
    return data


def test_profile_saves_address_and_logo_with_audit(demo, client_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = client_as("perencana")
    url = reverse("kantor:profil", args=[SLUG])
    logo = SimpleUploadedFile("logo.png", _gambar("PNG"), content_type="image/png")
    r = c.post(url, {**_profil(demo, alamat="Jl. Mesjid Raya No. 30, Sungguminasa"),
                     "logo": logo})
    assert r.status_code == 302, r.content.decode()[:2000]
    pd = PerangkatDaerah.objects.get(pk=demo.pk)
    assert pd.alamat == "Jl. Mesjid Raya No. 30, Sungguminasa"
    assert pd.logo.name.startswith("logo/pd/") and pd.logo.name.endswith(".png")
    assert JejakAudit.objects.filter(model="sakip.perangkatdaerah", object_id=str(pd.pk),
                                     field="alamat").exists()
    assert JejakAudit.objects.filter(model="sakip.perangkatdaerah", field="logo",
                                     nilai_baru=pd.logo.name).exists()
    gambar = c.get(reverse("kantor:logo", args=[SLUG]))
    assert gambar.status_code == 200 and gambar["Content-Type"] == "image/png"
    assert b"".join(gambar.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize(("nama", "isi", "pesan"), [
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "SVG tidak diterima"),
    ("logo.png", b"<html><body>bukan gambar</body></html>", "bukan gambar PNG atau JPEG"),
    ("logo.gif", _gambar("GIF"), "Logo harus PNG atau JPEG"),
    ("logo.png", _gambar("PNG", (4100, 10)), "4000 × 4000 piksel"),
])
def test_logo_is_checked_by_content(demo, client_as, settings, tmp_path, nama, isi, pesan):
    settings.MEDIA_ROOT = tmp_path
    r = client_as("perencana").post(reverse("kantor:profil", args=[SLUG]), {
        **_profil(demo), "logo": SimpleUploadedFile(nama, isi, content_type="image/png")})
    assert r.status_code == 400
    assert pesan in r.content.decode()
    assert not PerangkatDaerah.objects.get(pk=demo.pk).logo


def test_stale_profile_form_is_refused(demo, client_as):
    c = client_as("perencana")
    url = reverse("kantor:profil", args=[SLUG])
    assert c.post(url, _profil(demo, tempat="Gowa")).status_code == 302
    r = c.post(url, _profil(demo, tempat="Makassar"))  # drawn before the first save
    assert r.status_code == 400 and "sudah diubah" in r.content.decode()
    assert PerangkatDaerah.objects.get(pk=demo.pk).tempat == "Gowa"


def test_kepala_reads_the_profile_but_cannot_change_it(demo, client_as):
    c = client_as("kepala")
    url = reverse("kantor:profil", args=[SLUG])
    r = c.get(url)
    assert r.status_code == 200 and "Hanya baca" in r.content.decode()
    assert "form-profil" not in r.content.decode()
    assert c.post(url, _profil(demo, tempat="X")).status_code == 403
    assert PerangkatDaerah.objects.get(pk=demo.pk).tempat == "Sungguminasa"


def test_bidang_create_rename_deactivate_and_refused_delete(demo, client_as):
    c = client_as("admin")
    url = reverse("kantor:bidang", args=[SLUG])
    assert c.post(url, {"nama": "Bidang Rehabilitasi Sosial Baru", "singkatan": "RSB"}
                  ).status_code == 302
    baru = Bidang.objects.get(perangkat_daerah=demo, singkatan="RSB")
    r = c.post(url, {"nama": "bidang rehabilitasi sosial baru"})
    assert r.status_code == 400 and "sudah ada" in r.content.decode()

    ubah = reverse("kantor:bidang-ubah", args=[SLUG, baru.pk])
    assert c.post(ubah, {"nama": "Bidang Rehabilitasi", "singkatan": "RS",
                         "versi": baru.row_version}).status_code == 302
    baru.refresh_from_db()
    assert (baru.nama, baru.singkatan) == ("Bidang Rehabilitasi", "RS")
    assert JejakAudit.objects.filter(model="sakip.bidang", object_id=str(baru.pk), field="nama",
                                     nilai_lama="Bidang Rehabilitasi Sosial Baru").exists()
    # An empty bidang may be deleted (created by mistake).
    assert c.post(reverse("kantor:bidang-hapus", args=[SLUG, baru.pk])).status_code == 302
    assert not Bidang.objects.filter(pk=baru.pk).exists()

    prs = Bidang.objects.get(perangkat_daerah=demo, singkatan="PRS")
    r = c.post(reverse("kantor:bidang-hapus", args=[SLUG, prs.pk]), follow=True)
    teks = r.content.decode()
    assert "tidak dapat dihapus karena masih memiliki" in teks
    assert "indikator" in teks and "peran pengguna" in teks
    assert Bidang.objects.filter(pk=prs.pk).exists()

    assert c.post(reverse("kantor:bidang-aktif", args=[SLUG, prs.pk]), {"aktif": "0"}
                  ).status_code == 302
    prs.refresh_from_db()
    assert prs.aktif is False
    assert JejakAudit.objects.filter(model="sakip.bidang", object_id=str(prs.pk), field="aktif",
                                     nilai_baru="False").exists()
    assert "Nonaktif" in c.get(url).content.decode()


def test_pejabat_page_adds_a_new_kepala_with_hand_over(demo, client_as):
    c = client_as("perencana")
    url = reverse("kantor:pejabat", args=[SLUG])
    r = c.get(url)
    assert "Drs. H. Firdaus" in r.content.decode() and "Adnan Purichta Ichsan" in r.content.decode()
    r = c.post(url, {"nama": "Dr. Andi Baru", "nip": "19780512 200312 1 002",
                     "pangkat": "Pembina Tingkat I/IV.b", "jabatan": "Kepala Dinas Sosial",
                     "mulai": "2025-07-01", "akhiri_sebelumnya": "on"})
    assert r.status_code == 302
    baru = Pejabat.objects.get(perangkat_daerah=demo, nama="Dr. Andi Baru")
    assert baru.nip == "197805122003121002"
    assert str(Pejabat.objects.get(perangkat_daerah=demo, mulai__lt=baru.mulai).selesai) == \
        "2025-06-30"
    r = c.post(url, {"nama": "X", "nip": "123", "pangkat": "", "jabatan": "",
                     "mulai": "2025-07-01"})
    assert r.status_code == 400 and "NIP harus 18 digit" in r.content.decode()


def test_pemda_admin_creates_an_office_and_records_the_bupati(demo, client_as):
    c = client_as("admin")
    url = reverse("kantor:pemda", args=[demo.pemda_id])
    r = c.post(url, {"nama": "Dinas Kesehatan Kabupaten Gowa", "singkatan": "Dinkes",
                     "slug": "dinkes-gowa", "tempat": "Sungguminasa"})
    assert r.status_code == 302 and r["Location"] == "/pd/dinkes-gowa/kantor/"
    pd = PerangkatDaerah.objects.get(slug="dinkes-gowa")
    assert pd.pemda_id == demo.pemda_id
    assert JejakAudit.objects.filter(model="sakip.perangkatdaerah", object_id=str(pd.pk),
                                     aksi="buat").exists()
    r = c.post(url, {"nama": "Dinas Lain", "slug": "dinkes-gowa"})
    assert r.status_code == 400
    r = c.post(reverse("kantor:kepala-daerah", args=[demo.pemda_id]),
               {"nama": "Hj. Sitti Husniah Talenrang", "mulai": "2025-02-20",
                "akhiri_sebelumnya": "on"})
    assert r.status_code == 302
    bupati = Pejabat.objects.filter(pemda=demo.pemda, jenis=JenisPejabat.KEPALA_DAERAH)
    assert [(p.nama, str(p.selesai)) for p in bupati.order_by("mulai")] == [
        ("Adnan Purichta Ichsan", "2025-02-19"), ("Hj. Sitti Husniah Talenrang", "None")]
    # The office's perencana may not record the kepala daerah of the whole pemda.
    r = client_as("perencana").post(reverse("kantor:kepala-daerah", args=[demo.pemda_id]),
                                    {"nama": "Orang Lain", "mulai": "2026-01-01"})
    assert r.status_code == 403
