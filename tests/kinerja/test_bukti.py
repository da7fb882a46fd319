"""Evidence files: content checked by magic bytes (not the name or the browser's claim), size
limit, sha256 kept, stored outside static/, served only to users who may see the indicator."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from demo.kinerja import IND_PERMAKANAN, pdf_sederhana
from kinerja.models import BuktiDukung
from kinerja.realisasi.bukti import DOCX, XLSX, periksa_berkas
from kinerja.realisasi.services import bukti_create

PDF = pdf_sederhana(["Bukti uji"])
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40


def _xlsx() -> bytes:
    buf = io.BytesIO()
    Workbook().save(buf)
    return buf.getvalue()


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'))
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def _f(nama, isi, ct="application/octet-stream"):
    return SimpleUploadedFile(nama, isi, ct)


@pytest.mark.parametrize("nama,isi,jenis", [
    ("laporan.pdf", PDF, "application/pdf"),
    ("foto.PNG", PNG, "image/png"),
    ("foto.jpeg", JPG, "image/jpeg"),
    ("rekap.xlsx", _xlsx(), XLSX),
    ("surat.docx", _docx(), DOCX),
])
def test_allowed_types_are_recognised_by_content(nama, isi, jenis):
    info = periksa_berkas(_f(nama, isi))
    assert info.content_type == jenis
    assert info.sha256 == hashlib.sha256(isi).hexdigest()
    assert info.ukuran == len(isi)


@pytest.mark.parametrize("nama,isi,pesan", [
    ("virus.exe", b"MZ\x90\x00", "jenis berkas yang diterima hanya PDF, JPG, PNG, XLSX atau DOCX"),
    ("halaman.pdf", b"<html><script>alert(1)</script></html>", "bukan PDF yang sah"),
    ("rekap.docx", _xlsx(), "adalah XLSX, tidak sesuai dengan ekstensinya .docx"),
    ("foto.png", PDF, "adalah PDF, tidak sesuai"),
    ("arsip.xlsx", b"PK\x03\x04" + b"\x00" * 30, "bukan XLSX yang sah"),
    ("kosong.pdf", b"", "kosong"),
])
def test_forbidden_or_disguised_files_are_refused(nama, isi, pesan):
    with pytest.raises(ValidationError) as e:
        periksa_berkas(_f(nama, isi, "application/pdf"))
    assert pesan in " ".join(e.value.messages)


def test_size_limit(settings):
    settings.BUKTI_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as e:
        periksa_berkas(_f("besar.pdf", PDF + b"0" * 2048))
    assert "terlalu besar" in e.value.messages[0] and "batas ukuran 1 kB" in e.value.messages[0]


@pytest.fixture
def bukti(demo):
    return BuktiDukung.objects.get(realisasi__indikator__uraian=IND_PERMAKANAN)


def test_demo_evidence_is_stored_outside_static_by_hash(bukti, settings):
    path = bukti.file.path
    assert path.startswith(str(settings.MEDIA_ROOT))
    assert "/static/" not in path
    assert bukti.sha256 in bukti.file.name
    with open(path, "rb") as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == bukti.sha256


def test_download_is_checked_on_the_indicator(bukti, client_as):
    url = reverse("kinerja:bukti-unduh", args=["dinsos-gowa", bukti.pk])
    r = client_as("staf.rehsos").get(url)
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Disposition"].startswith("inline")
    assert b"".join(r.streaming_content).startswith(b"%PDF-")
    assert client_as("staf.linjamsos").get(url).status_code == 403
    assert client_as("inspektorat").get(url).status_code == 200


def test_office_documents_are_attachments(bukti, client_as):
    b = bukti_create(realisasi=bukti.realisasi, berkas=_f("rekap.xlsx", _xlsx()),
                     user=None, pd=bukti.realisasi.indikator.renstra.perangkat_daerah)
    r = client_as("perencana").get(reverse("kinerja:bukti-unduh", args=["dinsos-gowa", b.pk]))
    assert r["Content-Type"] == XLSX
    assert r["Content-Disposition"].startswith("attachment")


def test_media_url_is_not_routed(bukti, client_as):
    r = client_as("perencana").get("/berkas-terlindungi/" + bukti.file.name)
    assert r.status_code == 404
