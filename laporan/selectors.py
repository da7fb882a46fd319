"""Report reads: which LKjIP versions exist, and the assembled data with its hashes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from laporan.builder import LKjIPData, bangun_lkjip
from laporan.models import BerkasLKjIP, LaporanKinerja
from laporan.render_json import hitung_hash

# Files whose change alters the printed PDF for the same data: a cached PDF keyed only by the
# data would survive a new layout.
_BERKAS_TATA_LETAK = (
    "templates/laporan/dokumen.html",
    "templates/laporan/_tabel.html",
    "templates/laporan/_gambar.html",
    "static/css/laporan_cetak.css",
    "laporan/charts.py",
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
