"""Imports too large for a request run in the background, like the LKjIP PDF (design.md: "long
work runs in the background with visible progress … the same for large imports").

A file above ``settings.SAKIP_IMPOR_LATAR_BARIS`` data rows is checked and applied by the task
worker (django-tasks); the request only keeps the upload (``sakip.unggahan`` or the area's own
folder) and answers at once with a status page that refreshes itself. The state of one job
(queued, running + stage, done with its summary, failed with its message) is a small JSON file
under ``MEDIA_ROOT/impor-latar/``, written atomically: the web process and the worker share it
without a table, and it is swept after a day like the kept uploads.

The area supplies the task (it knows its import); this module owns the job state, the row
estimate that decides "background or not", and the wrapper that turns any failure into a
message for the user (the traceback goes to the log only).
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import secrets
import time
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)

_UMUR_MAKS = 24 * 3600
_RE_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_RE_DIMENSI = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]+(\d+)(?::[A-Z]+(\d+))?"')
# Bytes of sheet XML per row when a sheet does not state its size (a Tabel 4.2 row of ~15
# cells is 600–900 bytes); erring low sends a borderline file to the background, never the
# other way round.
_BYTES_PER_BARIS = 400
_BYTES_MIN_BARIS = 20


class Status:
    ANTRI = "antri"
    PROSES = "proses"
    SELESAI = "selesai"
    GAGAL = "gagal"


@dataclass
class Pekerjaan:
    """One background import: who asked, for which office, where it stands, what came out."""

    id: str
    jenis: str
    pd: int
    user: int | None
    data: dict = field(default_factory=dict)
    status: str = Status.ANTRI
    tahap: str = ""
    pesan: str = ""
    hasil: dict | None = None
    dibuat: str = ""
    mulai: str = ""
    selesai: str = ""

    @property
    def berjalan(self) -> bool:
        return self.status in (Status.ANTRI, Status.PROSES)

    @property
    def berhasil(self) -> bool:
        return self.status == Status.SELESAI

    def detik_berjalan(self) -> float | None:
        if not self.mulai:
            return None
        akhir = time.time() if not self.selesai else float(self.selesai)
        return max(0.0, akhir - float(self.mulai))


def _folder() -> Path:
    p = Path(settings.MEDIA_ROOT) / "impor-latar"
    p.mkdir(parents=True, exist_ok=True)
    return p


def _path(pid: str) -> Path:
    if not _RE_ID.match(pid or ""):
        raise ValueError("id pekerjaan tidak sah")
    return _folder() / f"{pid}.json"


def _tulis(p: Pekerjaan) -> None:
    # Write then rename: the status page never reads half a file.
    tujuan = _path(p.id)
    sementara = tujuan.with_suffix(f".{secrets.token_hex(4)}.tmp")
    sementara.write_text(json.dumps(asdict(p), ensure_ascii=False, default=str))
    os.replace(sementara, tujuan)


def _sapu(folder: Path) -> None:
    batas = time.time() - _UMUR_MAKS
    for f in folder.glob("*.json"):
        try:
            if f.stat().st_mtime < batas:
                f.unlink()
        except OSError:
            pass


def pekerjaan_create(*, jenis: str, pd: int, user: int | None, data: dict) -> Pekerjaan:
    """A queued job (its task is enqueued by the caller right after)."""
    _sapu(_folder())
    p = Pekerjaan(id=secrets.token_urlsafe(18), jenis=jenis, pd=pd, user=user, data=data,
                  dibuat=str(time.time()))
    _tulis(p)
    return p


def pekerjaan(pid: str) -> Pekerjaan | None:
    """The job, or None for an unknown/expired id (never an exception for a bad id)."""
    try:
        return Pekerjaan(**json.loads(_path(pid).read_text()))
    except (ValueError, OSError, TypeError):
        return None


def pekerjaan_milik(pid: str, *, jenis: str, pd, user) -> Pekerjaan | None:
    """The job when it belongs to this user and office (a job id of someone else is unknown,
    the same answer as an id that never existed)."""
    p = pekerjaan(pid)
    if p is None or p.jenis != jenis or p.pd != pd.pk or p.user != user.pk:
        return None
    return p


def tahap_set(pid: str, tahap: str) -> None:
    """Report progress from inside a task (shown on the status page)."""
    p = pekerjaan(pid)
    if p is not None:
        p.tahap = tahap
        _tulis(p)


def jalankan(pid: str, kerja: Callable[[Pekerjaan], dict]) -> dict:
    """Run ``kerja`` for the job inside a task: mark it running, then done with the summary
    ``kerja`` returns, or failed. A failure keeps a short Indonesian message for the user; the
    traceback goes to the log (and to the task result) only."""
    p = pekerjaan(pid)
    if p is None:
        return {"pekerjaan": pid, "status": "hilang"}
    if not p.berjalan:
        return {"pekerjaan": pid, "status": p.status, "ulang": False}
    p.status, p.mulai, p.tahap = Status.PROSES, str(time.time()), p.tahap or "Membaca berkas"
    _tulis(p)
    try:
        hasil = kerja(p)
    except Exception:
        log.exception("Impor latar %s (%s) gagal", pid, p.jenis)
        p = pekerjaan(pid) or p
        p.status, p.selesai, p.tahap = Status.GAGAL, str(time.time()), ""
        p.pesan = ("Impor gagal karena galat di server; tidak ada yang disimpan. Unggah ulang "
                   "berkasnya atau hubungi administrator.")
        _tulis(p)
        raise
    p = pekerjaan(pid) or p
    p.status, p.selesai, p.tahap, p.hasil = Status.SELESAI, str(time.time()), "", hasil
    _tulis(p)
    return {"pekerjaan": pid, "status": p.status}


def perlu_latar(baris: int) -> bool:
    """Whether an import of ``baris`` data rows belongs in the background."""
    return baris > settings.SAKIP_IMPOR_LATAR_BARIS


def perkiraan_baris(isi: bytes, nama: str) -> int:
    """Data rows of an uploaded xlsx (see :func:`perkiraan_baris_xlsx`) or csv (its lines)."""
    if nama.lower().endswith(".csv"):
        return isi.count(b"\n")
    return perkiraan_baris_xlsx(io.BytesIO(isi))


def perkiraan_baris_xlsx(sumber) -> int:
    """The largest row count of the workbook's sheets, from each sheet's ``<dimension>`` (the
    first bytes of its XML) or, when a sheet omits it, from its uncompressed size. Reads the
    zip directory and a few KB only — cheap enough for the request that decides; a file that
    is not a readable xlsx counts 0 (its import refuses it with the reader's message)."""
    try:
        with zipfile.ZipFile(sumber) as zf:
            return max((_baris_sheet(zf, info) for info in zf.infolist()
                        if info.filename.startswith("xl/worksheets/")
                        and info.filename.endswith(".xml")), default=0)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError, EOFError):
        return 0


def _baris_sheet(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    with zf.open(info) as f:
        awal = f.read(4096)
    cocok = _RE_DIMENSI.search(awal)
    if cocok:
        # A dimension is what the writer claims; a sheet cannot hold more rows than its XML
        # has room for (``<row r="1"><c r="A1"><v>1</v></c></row>`` ≥ 20 bytes).
        return min(int(cocok.group(2) or cocok.group(1)), info.file_size // _BYTES_MIN_BARIS)
    return info.file_size // _BYTES_PER_BARIS

