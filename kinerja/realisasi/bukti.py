"""Evidence files (bukti dukung, domain.md §9 item 17): what may be uploaded, checked by content.

The extension and the browser's claimed type are only hints a user controls; the file's first
bytes decide (PDF ``%PDF-``, PNG signature, JPEG SOI marker) and, for the zip-based Office
formats, the ``[Content_Types].xml`` entry must declare the main part of a workbook (xlsx) or a
document (docx). A file whose content does not match its extension is refused, so an HTML page
renamed ``.pdf`` can never be served back to a reviewer as a PDF.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404

from sakip.lib.angka import format_angka

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# extension → content type served back (Content-Type of the download).
JENIS_DIIZINKAN: dict[str, str] = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "xlsx": XLSX,
    "docx": DOCX,
}
# What users read in the evidence table instead of the MIME type (mechanics stay hidden).
LABEL_JENIS: dict[str, str] = {
    "application/pdf": "PDF", "image/jpeg": "Gambar", "image/png": "Gambar",
    XLSX: "Excel", DOCX: "Word",
}


def label_jenis(content_type: str) -> str:
    return LABEL_JENIS.get(content_type, "Berkas lain")


# Shown inline by the browser; everything else is an attachment (never rendered in our origin).
TAMPIL_INLINE = {"application/pdf", "image/jpeg", "image/png"}

_MAIN_PART = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
}
# The content-types part is a few kB; a larger one is not an Office file we want to parse.
_MAKS_CONTENT_TYPES = 256 * 1024


@dataclass(frozen=True)
class InfoBerkas:
    nama: str
    ekstensi: str
    content_type: str
    sha256: str
    ukuran: int


def batas_ukuran() -> int:
    return int(settings.BUKTI_MAX_BYTES)


def format_ukuran(byte: int) -> str:
    """Sizes in the unit a user reads on their own computer (1 MB = 1024 × 1024 byte)."""
    if byte >= 1024 * 1024:
        return f"{format_angka(byte / (1024 * 1024), 1)} MB"
    if byte >= 1024:
        return f"{format_angka(byte / 1024, 0)} kB"
    return f"{byte} byte"


def _jenis_dari_isi(kepala: bytes, berkas) -> str | None:
    if kepala.startswith(b"%PDF-"):
        return "application/pdf"
    if kepala.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if kepala.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if kepala.startswith(b"PK\x03\x04"):
        return _jenis_office(berkas)
    return None


def _jenis_office(berkas) -> str | None:
    berkas.seek(0)
    try:
        with zipfile.ZipFile(berkas) as z:
            try:
                info = z.getinfo("[Content_Types].xml")
            except KeyError:
                return None
            if info.file_size > _MAKS_CONTENT_TYPES:
                return None
            isi = z.read(info).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        return None
    for jenis, main in _MAIN_PART.items():
        if main in isi:
            return jenis
    return None


def periksa_berkas(berkas) -> InfoBerkas:
    """Validate an uploaded evidence file; ``ValidationError`` in Bahasa Indonesia when refused.

    ``berkas`` is a Django ``UploadedFile`` (or any file object with ``name`` and ``size``).
    Returns the content type decided from the content, the sha256 of the bytes and the size.
    """
    nama = (getattr(berkas, "name", "") or "berkas").rsplit("/", 1)[-1]
    ext = nama.rsplit(".", 1)[-1].lower() if "." in nama else ""
    daftar = "PDF, JPG, PNG, XLSX atau DOCX"
    if ext not in JENIS_DIIZINKAN:
        raise ValidationError(
            f"Berkas '{nama}' ditolak: jenis berkas yang diterima hanya {daftar}."
        )
    ukuran = getattr(berkas, "size", None)
    batas = batas_ukuran()
    if ukuran is not None and ukuran > batas:
        raise ValidationError(
            f"Berkas '{nama}' terlalu besar ({format_ukuran(ukuran)}); batas ukuran "
            f"{format_ukuran(batas)}."
        )
    if not ukuran:
        raise ValidationError(f"Berkas '{nama}' kosong.")
    berkas.seek(0)
    kepala = berkas.read(16)
    jenis = _jenis_dari_isi(kepala, berkas)
    diharapkan = JENIS_DIIZINKAN[ext]
    if jenis is None:
        raise ValidationError(
            f"Isi berkas '{nama}' bukan {ext.upper()} yang sah; unggah berkas {daftar} asli "
            "(bukan hasil mengganti nama berkas)."
        )
    if jenis != diharapkan:
        nyata = next(k for k, v in JENIS_DIIZINKAN.items() if v == jenis).upper()
        raise ValidationError(
            f"Isi berkas '{nama}' adalah {nyata}, tidak sesuai dengan ekstensinya "
            f".{ext}; simpan ulang berkas dengan ekstensi yang benar."
        )
    berkas.seek(0)
    h = hashlib.sha256()
    total = 0
    chunks = berkas.chunks() if hasattr(berkas, "chunks") else iter(
        lambda: berkas.read(64 * 1024), b""
    )
    for chunk in chunks:
        h.update(chunk)
        total += len(chunk)
        if total > batas:
            raise ValidationError(
                f"Berkas '{nama}' terlalu besar; batas ukuran {format_ukuran(batas)}."
            )
    berkas.seek(0)
    return InfoBerkas(nama=nama[:255], ekstensi=ext, content_type=jenis, sha256=h.hexdigest(),
                      ukuran=total)


def respons_berkas(berkas, *, nama: str, content_type: str | None = None,
                   hilang: str = "Berkas tidak ditemukan di penyimpanan.") -> FileResponse:
    """Serve an uploaded evidence file after the caller's access check (never via MEDIA_URL):
    only PDF and images render inline, and even then in a sandbox without scripts, so a crafted
    upload can never run in the application's origin. ``content_type`` defaults to the type of
    the stored extension."""
    if content_type is None:
        ext = berkas.name.rsplit(".", 1)[-1].lower()
        content_type = JENIS_DIIZINKAN.get(ext, "application/octet-stream")
    try:
        fh = berkas.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(hilang) from None
    resp = FileResponse(fh, content_type=content_type,
                        as_attachment=content_type not in TAMPIL_INLINE,
                        filename=nama or berkas.name.rsplit("/", 1)[-1])
    resp["X-Content-Type-Options"] = "nosniff"
    resp["Content-Security-Policy"] = "default-src 'none'; sandbox"
    resp["Cache-Control"] = "private, no-store"
    return resp
