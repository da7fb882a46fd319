"""HTML of the LKjIP: the one document that the page preview, the HTML download and the PDF
(through WeasyPrint) all print. The stylesheet is inlined so the file stands alone."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from kinerja import rumus
from laporan.data import ANALISIS, LKjIPData

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


def render_html(d: LKjIPData, *, peringatan: bool) -> str:
    """The whole report as one HTML page; ``peringatan`` shows the draft warnings on top
    (HTML drafts only — the PDF never carries them)."""
    tabel_list = sorted(d.tabel.values(), key=lambda t: (t.bab, t.nomor))
    context = {
        "d": d,
        "tb": d.tabel,
        "tabel_list": tabel_list,
        "css": css_cetak(),
        "peringatan": peringatan,
        "jabatan_ttd": baris_jabatan(d.kepala_jabatan, d.pemda),
        "analisis": [a.replace("Tahun Ini", f"Tahun {d.tahun}") for a in ANALISIS],
        "gambar_tren": [g for g in d.gambar if g.kode.startswith("tren-")],
        "gambar_serapan": [g for g in d.gambar if g.kode == "capaian-serapan"],
        "rumus_efisiensi": rumus.RUMUS_EFISIENSI[d.pengaturan.metode_efisiensi],
    }
    return render_to_string("laporan/dokumen.html", context)
