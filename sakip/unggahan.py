"""An uploaded file kept between its preview and the user's confirmation: outside static/,
under a random name, bound to the session that uploaded it, checked by its SHA-256 on the way
back, swept after a day. Every preview-then-confirm import uses it."""

from __future__ import annotations

import hashlib
import secrets
import time
from pathlib import Path

from django.conf import settings

_UMUR_MAKS = 24 * 3600


def _folder() -> Path:
    p = Path(settings.MEDIA_ROOT) / "impor-sementara"
    p.mkdir(parents=True, exist_ok=True)
    return p


def simpan_sementara(request, kunci: str, isi: bytes, meta: dict) -> str:
    """Keep an uploaded file until the user confirms the preview (outside static/, random
    name, bound to this session); files older than a day are swept."""
    folder = _folder()
    batas = time.time() - _UMUR_MAKS
    for f in folder.glob("*.bin"):
        try:
            if f.stat().st_mtime < batas:
                f.unlink()
        except OSError:
            pass
    token = secrets.token_urlsafe(16)
    (folder / f"{token}.bin").write_bytes(isi)
    request.session[kunci] = {"token": token, "sha256": hashlib.sha256(isi).hexdigest(), **meta}
    return token


def ambil_sementara(request, kunci: str, token: str) -> tuple[bytes, dict] | None:
    data = request.session.get(kunci)
    if not data or not token or not secrets.compare_digest(data.get("token", ""), token):
        return None
    isi = baca_berkas(data["token"], data.get("sha256", ""))
    return None if isi is None else (isi, data)


def baca_berkas(token: str, sha256: str) -> bytes | None:
    """The kept file by its token, when it still has the hash recorded at upload time — for a
    background task, which has no session (the view that queued it checked the session)."""
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        return None
    try:
        isi = (_folder() / f"{token}.bin").read_bytes()
    except OSError:
        return None
    if not secrets.compare_digest(hashlib.sha256(isi).hexdigest(), sha256 or ""):
        return None
    return isi


def hapus_berkas(token: str) -> None:
    if token and token.replace("-", "").replace("_", "").isalnum():
        try:
            (_folder() / f"{token}.bin").unlink()
        except OSError:
            pass


def hapus_sementara(request, kunci: str) -> None:
    data = request.session.pop(kunci, None)
    if data:
        hapus_berkas(data["token"])
