"""The pemda's logo: uploaded by the pemda's administrator on the pemda page (PNG/JPEG, decoded,
at most 1 MB, audited) and printed on the cover of every office's LKjIP."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from laporan.render_html import render_html
from laporan.selectors import susun
from sakip.models import JejakAudit, Pemda, PerangkatDaerah


def _gambar(fmt: str, ukuran=(64, 64)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", ukuran, (160, 20, 20)).save(buf, format=fmt)
    return buf.getvalue()


def _pd(demo):
    return PerangkatDaerah.objects.select_related("pemda").get(pk=demo.pk)


def test_pemda_admin_uploads_the_logo_and_the_lkjip_cover_prints_it(demo, client_as, settings,
                                                                    tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = client_as("admin")
    halaman = reverse("kantor:pemda", args=[demo.pemda_id])
    url = reverse("kantor:pemda-logo", args=[demo.pemda_id])
    isi = c.get(halaman).content.decode()
    assert 'id="form-logo-pemda"' in isi and 'enctype="multipart/form-data"' in isi
    assert "Belum ada logo" in isi
    r = c.post(url, {"logo": SimpleUploadedFile("gowa.png", _gambar("PNG"),
                                                content_type="image/png")})
    assert r.status_code == 302 and r["Location"] == halaman
    pemda = Pemda.objects.get(pk=demo.pemda_id)
    assert pemda.logo.name.endswith(".png")
    assert JejakAudit.objects.filter(model="sakip.pemda", object_id=str(pemda.pk), field="logo",
                                     nilai_baru=pemda.logo.name).exists()
    gambar = c.get(url)
    assert gambar.status_code == 200 and gambar["Content-Type"] == "image/png"
    assert b"".join(gambar.streaming_content).startswith(b"\x89PNG")
    # The cover of the office's LKjIP carries it (as a data URI: same image in HTML/PDF/Word).
    d = susun(_pd(demo), 2024, None).data
    assert d.logo_pemda.startswith("data:image/png;base64,")
    assert f'<img src="{d.logo_pemda}" alt="Logo {d.pemda}">' in render_html(d, peringatan=False)
    # Removing it: the cover goes without.
    r = c.post(url, {"hapus_logo": "on"})
    assert r.status_code == 302
    assert not Pemda.objects.get(pk=demo.pemda_id).logo
    assert susun(_pd(demo), 2024, None).data.logo_pemda == ""


@pytest.mark.parametrize(("nama", "isi", "pesan"), [
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "Logo SVG tidak diterima"),
    ("logo.png", b"<html><body>bukan gambar</body></html>", "bukan gambar PNG atau JPEG"),
    ("logo.gif", _gambar("GIF"), "Logo harus PNG atau JPEG"),
    ("logo.png", b"\x89PNG" + b"0" * (1024 * 1024 + 10), "1 MB"),
])
def test_pemda_logo_is_checked_by_content(demo, client_as, settings, tmp_path, nama, isi, pesan):
    settings.MEDIA_ROOT = tmp_path
    r = client_as("admin").post(reverse("kantor:pemda-logo", args=[demo.pemda_id]),
                                {"logo": SimpleUploadedFile(nama, isi, content_type="image/png")})
    assert r.status_code == 400
    assert pesan in r.content.decode()
    assert not Pemda.objects.get(pk=demo.pemda_id).logo
    assert not JejakAudit.objects.filter(model="sakip.pemda", field="logo").exists()


def test_only_the_pemda_admin_changes_the_pemda_logo(demo, client_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("kantor:pemda-logo", args=[demo.pemda_id])
    berkas = SimpleUploadedFile("gowa.png", _gambar("PNG"), content_type="image/png")
    assert client_as("perencana").post(url, {"logo": berkas}).status_code == 403
    assert not Pemda.objects.get(pk=demo.pemda_id).logo
    r = client_as("admin").post(url, {})
    assert r.status_code == 400 and "Pilih berkas logo" in r.content.decode()
