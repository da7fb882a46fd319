"""PDF of the LKjIP through WeasyPrint (A4, page numbers, real page numbers in the daftar isi,
repeated table headers, landscape pages for wide tables — all in ``laporan_cetak.css``).

Laying out a full report takes seconds (platform.md: ~14 s for 34 pages), so requests never call
this: ``laporan.tasks`` does, in the background worker, and the management command does.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sakip.pdf import dokumen_html


@dataclass
class HasilPDF:
    pdf: bytes
    halaman: int
    detik_tata_letak: float
    detik_tulis: float


def render_pdf(html: str, *, saat_tata_letak=None) -> HasilPDF:
    """Lay out and write ``html``; ``saat_tata_letak`` is called between the two steps
    (the task uses it to report progress)."""
    mulai = time.perf_counter()
    dokumen = dokumen_html(html).render()
    tata_letak = time.perf_counter() - mulai
    if saat_tata_letak is not None:
        saat_tata_letak(len(dokumen.pages))
    mulai = time.perf_counter()
    pdf = dokumen.write_pdf()
    return HasilPDF(pdf=pdf, halaman=len(dokumen.pages), detik_tata_letak=tata_letak,
                    detik_tulis=time.perf_counter() - mulai)
