"""The organisation chart of BAB I B: data (kepala → sekretariat → bidang) and its SVG.

The chart is drawn from the office's own bidang and its Kepala in office, never typed in, so it
follows the office setup (``sakip.models.Bidang``). Like the charts of :mod:`laporan.grafik` it is
plain SVG text: the same drawing goes into the HTML page, the PDF and (as an image) the Word file.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from django.utils.html import escape

LEBAR = 760
KOTAK_L, KOTAK_T = 170, 58
JARAK = 14
PER_BARIS = 4


@dataclass
class StrukturOrganisasi:
    kepala_jabatan: str
    kepala_nama: str
    sekretariat: list[str] = field(default_factory=list)
    bidang: list[str] = field(default_factory=list)

    @property
    def ada(self) -> bool:
        return bool(self.sekretariat or self.bidang)


def susun_struktur(kepala_jabatan: str, kepala_nama: str, bidang: list[str]) -> StrukturOrganisasi:
    """Split the office's units: the secretariat (staff unit beside the line) and the bidang."""
    sekretariat = [b for b in bidang if b.lower().startswith(("sekretariat", "sekretaris"))]
    return StrukturOrganisasi(kepala_jabatan=kepala_jabatan, kepala_nama=kepala_nama,
                              sekretariat=sekretariat,
                              bidang=[b for b in bidang if b not in sekretariat])


def _kotak(x: float, y: float, baris: list[str], *, tebal: bool = False) -> str:
    teks = []
    tinggi_teks = 13 * len(baris)
    awal = y + (KOTAK_T - tinggi_teks) / 2 + 10
    for i, b in enumerate(baris):
        berat = ' font-weight="700"' if tebal and i == 0 else ""
        teks.append(f'<text x="{x + KOTAK_L / 2:.1f}" y="{awal + 13 * i:.1f}" '
                    f'text-anchor="middle" font-size="10.5"{berat}>{escape(b)}</text>')
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{KOTAK_L}" height="{KOTAK_T}" rx="3" '
            f'fill="#f4f8fc" stroke="#0b5394" stroke-width="1.2"/>' + "".join(teks))


def _baris(teks: str, lebar: int = 26, maks: int = 3) -> list[str]:
    out = textwrap.wrap(teks, lebar) or [""]
    if len(out) > maks:
        out = out[:maks]
        out[-1] = out[-1][: lebar - 1] + "…"
    return out


def svg(s: StrukturOrganisasi) -> str:
    """The chart: the Kepala on top, the secretariat on a side branch, the bidang below in rows
    of four, each joined to the vertical line of command."""
    tengah = LEBAR / 2
    y_kepala = 10
    y_sekr = y_kepala + KOTAK_T + 30
    y_bidang = y_sekr + (KOTAK_T + 30 if s.sekretariat else 0)
    baris_bidang = [s.bidang[i:i + PER_BARIS] for i in range(0, len(s.bidang), PER_BARIS)]
    tinggi = y_bidang + len(baris_bidang) * (KOTAK_T + 40) + 10
    bagian = [_kotak(tengah - KOTAK_L / 2, y_kepala,
                     _baris(s.kepala_jabatan, 28, 2) + ([s.kepala_nama] if s.kepala_nama else []),
                     tebal=True)]
    garis = 'stroke="#102a43" stroke-width="1"'
    bawah = y_bidang + (len(baris_bidang) - 1) * (KOTAK_T + 40) + 20 if baris_bidang else y_sekr
    bagian.append(f'<line x1="{tengah}" y1="{y_kepala + KOTAK_T}" x2="{tengah}" '
                  f'y2="{bawah}" {garis}/>')
    for i, nama in enumerate(s.sekretariat):
        x = tengah + 40 + i * (KOTAK_L + JARAK)
        bagian.append(f'<line x1="{tengah}" y1="{y_sekr + KOTAK_T / 2}" x2="{x}" '
                      f'y2="{y_sekr + KOTAK_T / 2}" {garis}/>')
        bagian.append(_kotak(x, y_sekr, _baris(nama)))
    for r, row in enumerate(baris_bidang):
        y = y_bidang + r * (KOTAK_T + 40) + 20
        total = len(row) * KOTAK_L + (len(row) - 1) * JARAK
        x0 = tengah - total / 2
        pusat = [x0 + i * (KOTAK_L + JARAK) + KOTAK_L / 2 for i in range(len(row))]
        bagian.append(f'<line x1="{pusat[0]}" y1="{y}" x2="{pusat[-1]}" y2="{y}" {garis}/>')
        for i, nama in enumerate(row):
            bagian.append(f'<line x1="{pusat[i]}" y1="{y}" x2="{pusat[i]}" y2="{y + 12}" '
                          f'{garis}/>')
            bagian.append(_kotak(pusat[i] - KOTAK_L / 2, y + 12, _baris(nama)))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LEBAR} {tinggi:.0f}" '
            f'width="{LEBAR}" height="{tinggi:.0f}" role="img" '
            f'font-family="Arial, Helvetica, sans-serif" fill="#102a43">'
            + "".join(bagian) + "</svg>")
