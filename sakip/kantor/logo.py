"""The office's (and pemda's) logo: what may be uploaded, checked by content like evidence files.

PNG and JPEG only, decided by decoding the image (Pillow), not by the name or the browser's
claimed type. SVG is refused rather than sanitised: an SVG is a document that can carry script
and external references, served from our origin it would run in a logged-in user's session, and a
sanitiser is one more parser to keep right; every office has its logo as PNG or JPEG anyway.
Size and pixel limits keep a "decompression bomb" (a small file of enormous dimensions) out.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

MAKS_BYTE = 1024 * 1024
MAKS_PIKSEL = 4000
FORMAT = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg")}


@dataclass(frozen=True)
class Logo:
    isi: bytes
    ekstensi: str
    content_type: str
    sha256: str


def periksa_logo(berkas) -> Logo:
    """The uploaded logo, or ValidationError with the reason in Indonesian."""
    if berkas.size > MAKS_BYTE:
        raise ValidationError("Logo paling besar 1 MB; perkecil gambarnya.")
    isi = berkas.read()
    if isi.lstrip()[:5].lower() in (b"<?xml", b"<svg ") or b"<svg" in isi[:1024].lower():
        raise ValidationError("Logo SVG tidak diterima (SVG dapat memuat skrip); unggah PNG "
                              "atau JPEG.")
    try:
        with Image.open(io.BytesIO(isi)) as img:
            fmt, (lebar, tinggi) = img.format, img.size
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError("Berkas logo bukan gambar PNG atau JPEG yang utuh.") from None
    if fmt not in FORMAT:
        raise ValidationError(f"Logo harus PNG atau JPEG (berkas ini {fmt}).")
    if lebar > MAKS_PIKSEL or tinggi > MAKS_PIKSEL:
        raise ValidationError(f"Logo paling besar {MAKS_PIKSEL} × {MAKS_PIKSEL} piksel "
                              f"(berkas ini {lebar} × {tinggi}).")
    ekstensi, content_type = FORMAT[fmt]
    return Logo(isi=isi, ekstensi=ekstensi, content_type=content_type,
                sha256=hashlib.sha256(isi).hexdigest())


def content_type_logo(nama: str) -> str:
    """The type a stored logo is served with (its name was given by ``periksa_logo``)."""
    return "image/png" if nama.lower().endswith(".png") else "image/jpeg"
