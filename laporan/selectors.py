"""Report reads: which LKjIP versions exist, the assembled data with its hashes, and the
PDFs rendered from it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from laporan.builder import bangun_lkjip
from laporan.data import LKjIPData
from laporan.models import BerkasLKjIP, LaporanKinerja
from laporan.render_json import hitung_hash
from renstra.models import Sasaran
from renstra.selectors import renstra_aktif

# Files whose change alters the printed PDF for the same data: a cached PDF keyed only by the
# data would survive a new layout.
_BERKAS_TATA_LETAK = (
    "templates/laporan/dokumen.html",
    "templates/laporan/_tabel.html",
    "templates/laporan/_gambar.html",
    "static/css/laporan_cetak.css",
    "laporan/grafik.py",
    "laporan/render_pdf.py",
)


@lru_cache(maxsize=1)
def _sidik_tata_letak(_mtimes: tuple) -> str:
    h = hashlib.sha256()
    for rel in _BERKAS_TATA_LETAK:
        h.update(rel.encode())
        h.update((Path(settings.BASE_DIR) / rel).read_bytes())
    return h.hexdigest()


def sidik_tata_letak() -> str:
    base = Path(settings.BASE_DIR)
    return _sidik_tata_letak(tuple((base / rel).stat().st_mtime for rel in _BERKAS_TATA_LETAK))


def kunci_berkas(data_hash: str) -> str:
    """Cache key of a rendered PDF: the data hash combined with the layout's fingerprint."""
    return hashlib.sha256(f"{data_hash}:{sidik_tata_letak()}".encode()).hexdigest()


def kunci_berkas_final(data_hash: str) -> str:
    """Cache key of the frozen PDF of a ditetapkan report: never the draft PDF of the same
    data, which carries the DRAF mark and no signature date."""
    return kunci_berkas(f"{data_hash}:ditetapkan")


@dataclass
class LKjIPTersusun:
    data: LKjIPData
    hash: str

    @property
    def kunci_pdf(self) -> str:
        return kunci_berkas(self.hash)


def susun(pd, tahun: int, laporan: LaporanKinerja | None = None,
          basis_efisiensi: str | None = None) -> LKjIPTersusun:
    data = bangun_lkjip(pd, tahun, laporan=laporan, basis_efisiensi=basis_efisiensi)
    return LKjIPTersusun(data=data, hash=hitung_hash(data))


def kedaluwarsa(laporan: LaporanKinerja, hash_sekarang: str) -> bool:
    """A ditetapkan report whose data has changed since: it needs a new version."""
    return laporan.terkunci and bool(laporan.data_hash) and laporan.data_hash != hash_sekarang


def laporan_terbaru(pd, tahun: int) -> LaporanKinerja | None:
    """The newest version of the year's LKjIP (the one that is edited, reviewed, approved)."""
    return LaporanKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun).order_by(
        "-versi").first()


def laporan_versi(pd, tahun: int, versi: int | None) -> LaporanKinerja | None:
    """Version ``versi`` of the year's LKjIP (``DoesNotExist`` when there is none), or the
    newest one when ``versi`` is None."""
    if versi is None:
        return laporan_terbaru(pd, tahun)
    return LaporanKinerja.objects.get(perangkat_daerah=pd, tahun=tahun, versi=versi)


def sasaran_ids_laporan(laporan: LaporanKinerja) -> set[int]:
    """Ids of the sasaran of the Renstra in force for the report's year (narratives per
    sasaran may name only these)."""
    renstra = renstra_aktif(laporan.perangkat_daerah, laporan.tahun)
    if renstra is None:
        return set()
    return set(Sasaran.objects.filter(tujuan__renstra=renstra).values_list("id", flat=True))


def versi_list(pd, tahun: int) -> list[LaporanKinerja]:
    return list(
        LaporanKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun)
        .select_related("berkas_final", "ditetapkan_oleh", "reviu_oleh")
        .order_by("-versi")
    )


def laporan_per_tahun(pd) -> dict[int, LaporanKinerja]:
    """The newest version of each year's LKjIP."""
    out: dict[int, LaporanKinerja] = {}
    for lap in LaporanKinerja.objects.filter(perangkat_daerah=pd).order_by("tahun", "versi"):
        out[lap.tahun] = lap
    return out


def berkas_qs(pd):
    """The rendered PDFs of one office, each with the report version it belongs to."""
    return BerkasLKjIP.objects.select_related("laporan").filter(perangkat_daerah=pd)


def berkas_untuk(pd, tahun: int, kunci: str) -> BerkasLKjIP | None:
    return BerkasLKjIP.objects.filter(perangkat_daerah=pd, tahun=tahun, hash=kunci).first()


def perkiraan_detik(pd) -> float | None:
    """Typical time of the last PDFs of this office, to show a progress estimate."""
    lalu = list(
        BerkasLKjIP.objects.filter(perangkat_daerah=pd, status=BerkasLKjIP.Status.SELESAI,
                                   mulai__isnull=False, selesai__isnull=False)
        .order_by("-selesai").values_list("mulai", "selesai")[:5]
    )
    if not lalu:
        return None
    return sum((b - a).total_seconds() for a, b in lalu) / len(lalu)


@dataclass
class KemajuanBerkas:
    """How far a queued PDF has got: seconds running, the typical total, a bounded percent."""

    perkiraan: float | None
    berjalan: float | None
    persen: int | None


def kemajuan_berkas(pd, berkas: BerkasLKjIP) -> KemajuanBerkas:
    perkiraan = perkiraan_detik(pd)
    berjalan = None
    if berkas.berjalan:
        berjalan = (timezone.now() - (berkas.mulai or berkas.dibuat)).total_seconds()
    persen = None
    if perkiraan and berjalan is not None:
        # Never 100 % before the worker says so: the estimate is only the recent average.
        persen = min(95, int(berjalan * 100 / perkiraan))
    return KemajuanBerkas(perkiraan=perkiraan, berjalan=berjalan, persen=persen)
