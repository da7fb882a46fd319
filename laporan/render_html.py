"""HTML of the LKjIP: the one document that the page preview, the HTML download and the PDF
(through WeasyPrint) all print. The stylesheet is inlined so the file stands alone."""

from __future__ import annotations

import datetime
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from kinerja import rumus
from laporan.data import ANALISIS, LKjIPData
from laporan.grafik import tanda_draf_svg
from sakip.lib.periode import format_tanggal

CSS_CETAK = Path(settings.BASE_DIR) / "static" / "css" / "laporan_cetak.css"


@lru_cache(maxsize=1)
def _css(mtime: float) -> str:
    return CSS_CETAK.read_text(encoding="utf-8")


def css_cetak() -> str:
    return _css(CSS_CETAK.stat().st_mtime)


def baris_jabatan(jabatan: str, pemda: str) -> list[str]:
    """The signature title on two lines, as official letters print it:
    "KEPALA DINAS SOSIAL" / "KABUPATEN GOWA,"."""
    if jabatan.endswith(f" {pemda}") and len(jabatan) > len(pemda) + 1:
        return [jabatan[: -len(pemda) - 1], pemda]
    return [jabatan]


def lanskap_bab(d: LKjIPData, bab: int) -> bool:
    """A chapter with a table too wide for portrait is printed landscape as a whole: the
    orientation changes only at chapter starts, so no page is left half empty by a flip."""
    return any(t.lanskap for t in d.tabel.values() if t.bab == bab)


def tempat_tanggal_ttd(d: LKjIPData, tanggal_penetapan: datetime.date | None) -> str:
    """The place and date above the Kepala's signature. A draft is not signed yet, so it
    carries no date (the Kepala dates it when signing); the ditetapkan copy carries the
    report's date, or the penetapan date when none was written."""
    if tanggal_penetapan is None:
        tempat = f"{d.tempat}, " if d.tempat else ""
        return f"{tempat}.............................. {d.tahun + 1}"
    return format_tanggal(d.tanggal or tanggal_penetapan, tempat=d.tempat or None)


def render_html(d: LKjIPData, *, peringatan: bool,
                tanggal_penetapan: datetime.date | None = None) -> str:
    """The whole report as one HTML page; ``peringatan`` shows the draft warnings on top
    (HTML drafts only — the PDF never carries them). Without ``tanggal_penetapan`` the
    document is a draft: every printed page carries the DRAF mark and the signature block
    has no date. Only the copy frozen at penetapan is rendered with it."""
    tabel_list = sorted(d.tabel.values(), key=lambda t: (t.bab, t.nomor))
    context = {
        "d": d,
        "tb": d.tabel,
        "tabel_list": tabel_list,
        "css": css_cetak(),
        "peringatan": peringatan,
        "draf": tanggal_penetapan is None,
        "tanda_draf": tanda_draf_svg() if tanggal_penetapan is None else "",
        "lanskap_bab3": lanskap_bab(d, 3),
        "tempat_tanggal_ttd": tempat_tanggal_ttd(d, tanggal_penetapan),
        "jabatan_ttd": baris_jabatan(d.kepala_jabatan, d.pemda),
        "analisis": [a.replace("Tahun Ini", f"Tahun {d.tahun}") for a in ANALISIS],
        "gambar_tren": [g for g in d.gambar if g.kode.startswith("tren-")],
        "gambar_serapan": [g for g in d.gambar if g.kode == "capaian-serapan"],
        "rumus_efisiensi": rumus.RUMUS_EFISIENSI[d.pengaturan.metode_efisiensi],
    }
    return render_to_string("laporan/dokumen.html", context)
