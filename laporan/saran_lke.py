"""LKE suggestions that need the LKjIP: ditetapkan on time, and efisiensi computed in it.

``lke`` is below ``laporan`` in the layers (the LKjIP reads the LHE), so ``lke.saran`` cannot
import these; ``LaporanConfig.ready`` registers them into ``lke.saran``'s registry instead.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings

from laporan.models import LaporanKinerja
from laporan.selectors import laporan_terbaru
from lke.saran import KonteksSaran, Temuan, daftarkan
from sakip.lib.periode import format_tanggal


def batas_lkjip(tahun: int) -> datetime.date:
    """The deadline of the LKjIP of ``tahun``: the configured day of the next year
    (``SAKIP_BATAS_UNGGAH_LKJIP``, default 28 February; domain.md §1.1)."""
    bulan, hari = (int(x) for x in settings.SAKIP_BATAS_UNGGAH_LKJIP.split("-"))
    return datetime.date(tahun + 1, bulan, hari)


def _laporan(konteks: KonteksSaran) -> LaporanKinerja | None:
    if "lkjip" not in konteks.simpan:
        konteks.simpan["lkjip"] = laporan_terbaru(konteks.pd, konteks.tahun)
    return konteks.simpan["lkjip"]


def saran_lkjip(konteks: KonteksSaran) -> Temuan:
    tahun = konteks.tahun
    lap = _laporan(konteks)
    if lap is None:
        return Temuan([f"Belum ada LKjIP {tahun}."], Decimal(0))
    if not lap.terkunci or lap.tanggal_penetapan is None:
        return Temuan([f"LKjIP {tahun} versi {lap.versi} masih {lap.get_status_display().lower()}"
                       ", belum ditetapkan."], Decimal("0.5"))
    batas = batas_lkjip(tahun)
    tepat = lap.tanggal_penetapan <= batas
    return Temuan([f"LKjIP {tahun} ditetapkan {format_tanggal(lap.tanggal_penetapan)} — "
                   f"{'tepat waktu' if tepat else 'terlambat'} (batas {format_tanggal(batas)})."],
                  Decimal(1) if tepat else Decimal("0.5"))


def saran_efisiensi(konteks: KonteksSaran) -> Temuan:
    """Efisiensi per sasaran as the ditetapkan LKjIP computed it (its frozen data)."""
    tahun = konteks.tahun
    lap = _laporan(konteks)
    if lap is None or not lap.terkunci or not lap.snapshot:
        return Temuan([f"LKjIP {tahun} belum ditetapkan; efisiensi dibaca dari LKjIP yang "
                       "ditetapkan."], None)
    baris = lap.snapshot.get("efisiensi") or []
    dihitung = sum(1 for b in baris if b.get("efisiensi") is not None)
    if not baris:
        return Temuan([f"LKjIP {tahun} tidak memuat perhitungan efisiensi."], Decimal(0))
    return Temuan([f"LKjIP {tahun}: efisiensi dihitung untuk {dihitung} dari {len(baris)} "
                   "sasaran."], Decimal(dihitung) / Decimal(len(baris)))


def daftarkan_saran() -> None:
    daftarkan("lkjip_ditetapkan_tepat_waktu", saran_lkjip)
    daftarkan("efisiensi_dihitung", saran_efisiensi)
