"""Charts of the LKjIP drawn server-side as SVG, so that they print sharp in the PDF.

Hand-written SVG keeps dependencies down (no plotting library) and lets every label go through
``sakip.lib.angka`` like the tables. Floats are used only for pixel geometry; every printed
value is the Decimal of the data, formatted once.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from xml.etree import ElementTree

from django.utils.html import escape
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageColor, ImageDraw, ImageFont

from laporan.data import IndikatorLaporan, LKjIPData
from sakip.lib.angka import format_angka

BIRU = "#0b5394"
BIRU_MUDA = "#9fc5e8"
ORANYE = "#e69138"
ABU = "#999999"
GARIS = "#d0d7de"
TINTA = "#1f2933"
FONT = "Noto Sans, DejaVu Sans, sans-serif"


@dataclass
class Gambar:
    kode: str
    bab: int
    nomor: int
    judul: str
    svg: str
    sumber: str

    @property
    def label(self) -> str:
        return f"Gambar {self.bab}.{self.nomor}"

    @property
    def anchor(self) -> str:
        return f"gambar-{self.bab}-{self.nomor}"


def _skala_atas(maks: float) -> tuple[float, float]:
    """A 'nice' axis top and step for values up to ``maks`` (1–2–2,5–5 × 10^k)."""
    if maks <= 0:
        return 1.0, 0.25
    kasar = maks / 4
    pangkat = 10 ** math.floor(math.log10(kasar))
    langkah = pangkat
    for kali in (1, 2, 2.5, 5, 10):
        langkah = kali * pangkat
        if langkah >= kasar:
            break
    return langkah * (int(maks / langkah) + 1), langkah


def _teks(x, y, isi, *, ukuran=11, anchor="middle", warna=TINTA, tebal=False) -> str:
    berat = ' font-weight="bold"' if tebal else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{ukuran}" '
            f'text-anchor="{anchor}" fill="{warna}"{berat}>{escape(isi)}</text>')


def _desimal_label(d: int, nilai: float) -> int:
    return d if nilai < 1000 else 0


def grafik_tren(il: IndikatorLaporan, tahun_list: list[int], tahun: int) -> str:
    """Bars of realisasi per year with the Renstra target as a line (analysis 2 and 3)."""
    lebar, tinggi = 640, 250
    kiri, kanan, atas_, bawah = 64, 16, 34, 58
    kolom: list[tuple[str, Decimal | None, Decimal | None, bool]] = []
    for t in tahun_list:
        # The values of Tabel 3.2 (published ones, none before the indicator existed).
        kolom.append((str(t), *il.nilai_tren(t, tahun), False))
    tahunan = [float(v) for _, r, tg, _ in kolom for v in (r, tg) if v is not None]
    # The kondisi awal is drawn only when it is on the scale of the yearly values; a stock
    # baseline next to yearly flows (Gowa: 2.444 vs 563/653, G-03) would flatten the bars.
    awal_digambar = il.baseline_nilai is not None and (
        not tahunan or float(il.baseline_nilai) <= 2 * max(tahunan))
    if awal_digambar:
        kolom.insert(0, (f"Awal {il.baseline_tahun or ''}".strip(), il.baseline_nilai, None,
                         True))
    nilai = [float(v) for _, r, tg, _ in kolom for v in (r, tg) if v is not None]
    maks, langkah = _skala_atas(max(nilai) if nilai else 1.0)
    lebar_plot = lebar - kiri - kanan
    tinggi_plot = tinggi - atas_ - bawah
    n = max(len(kolom), 1)
    slot = lebar_plot / n
    batang = min(54.0, slot * 0.55)

    def y(v: float) -> float:
        return atas_ + tinggi_plot * (1 - v / maks)

    bagian = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi}" '
              f'role="img" class="grafik grafik-tren">']
    v = 0.0
    while v <= maks + 1e-9:
        yy = y(v)
        bagian.append(f'<line x1="{kiri}" y1="{yy:.1f}" x2="{lebar - kanan}" y2="{yy:.1f}" '
                      f'stroke="{GARIS}" stroke-width="0.8"/>')
        bagian.append(_teks(kiri - 6, yy + 4, format_angka(Decimal(str(round(v, 6))),
                                                           0 if langkah >= 1 else 2),
                            ukuran=10, anchor="end", warna="#52606d"))
        v += langkah
    titik = []
    for i, (label, r, tg, awal) in enumerate(kolom):
        cx = kiri + slot * (i + 0.5)
        if r is not None:
            yy = y(float(r))
            warna = ABU if awal else (BIRU if int(label) == tahun else BIRU_MUDA)
            bagian.append(f'<rect x="{cx - batang / 2:.1f}" y="{yy:.1f}" width="{batang:.1f}" '
                          f'height="{atas_ + tinggi_plot - yy:.1f}" fill="{warna}"/>')
            y_label = yy - 5
            if tg is not None and abs(y(float(tg)) - yy) < 18:
                # The target line passes through the bar top here: the value goes above
                # both, so the dashed line never strikes its digits.
                y_label = min(yy, y(float(tg))) - 10
            bagian.append(_teks(cx, y_label, format_angka(r, _desimal_label(il.desimal,
                                                                             float(r))),
                                ukuran=10, tebal=not awal and int(label) == tahun))
        if tg is not None:
            titik.append((cx, y(float(tg)), tg))
        bagian.append(_teks(cx, atas_ + tinggi_plot + 16, label, ukuran=10.5))
    if titik:
        jalur = " ".join(f"{x:.1f},{yy:.1f}" for x, yy, _ in titik)
        bagian.append(f'<polyline points="{jalur}" fill="none" stroke="{ORANYE}" '
                      f'stroke-width="2" stroke-dasharray="6 3"/>')
        for x, yy, _ in titik:
            bagian.append(f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="3.5" fill="{ORANYE}"/>')
    bagian.append(f'<line x1="{kiri}" y1="{atas_ + tinggi_plot}" x2="{lebar - kanan}" '
                  f'y2="{atas_ + tinggi_plot}" stroke="{TINTA}" stroke-width="1"/>')
    # Legend under the axis.
    ly = tinggi - 14
    bagian.append(f'<rect x="{kiri}" y="{ly - 9}" width="12" height="10" fill="{BIRU}"/>')
    bagian.append(_teks(kiri + 17, ly, "Realisasi", ukuran=10, anchor="start"))
    bagian.append(f'<line x1="{kiri + 90}" y1="{ly - 4}" x2="{kiri + 112}" y2="{ly - 4}" '
                  f'stroke="{ORANYE}" stroke-width="2" stroke-dasharray="6 3"/>')
    bagian.append(_teks(kiri + 117, ly, "Target Renstra/PK", ukuran=10, anchor="start"))
    if awal_digambar:
        bagian.append(f'<rect x="{kiri + 230}" y="{ly - 9}" width="12" height="10" '
                      f'fill="{ABU}"/>')
        bagian.append(_teks(kiri + 247, ly, "Kondisi awal", ukuran=10, anchor="start"))
    elif il.baseline_nilai is not None:
        awal = format_angka(il.baseline_nilai, il.desimal)
        if il.baseline_tahun:
            awal += f" ({il.baseline_tahun})"
        bagian.append(_teks(kiri + 230, ly, f"Kondisi awal {awal} tidak digambar (skala "
                            "berbeda)", ukuran=10, anchor="start", warna="#52606d"))
    satuan = il.satuan or ""
    bagian.append(_teks(kiri, 16, f"{satuan}", ukuran=10, anchor="start", warna="#52606d"))
    bagian.append("</svg>")
    return "".join(bagian)


def _y_label(y_label: float, y_garis: float, tinggi_huruf: float = 10) -> float:
    """Baseline of a value label so that its text never crosses a reference line: a label
    whose glyphs (baseline − ``tinggi_huruf`` … baseline + 2) would straddle the line moves
    just above it."""
    if y_label - tinggi_huruf - 1 <= y_garis <= y_label + 3:
        return y_garis - 4
    return y_label


def _baris_label(teks: str, lebar: float, ukuran: float = 9.5, maks_baris: int = 2) -> list[str]:
    """The category label (the sasaran's name) wrapped to its slot, at most ``maks_baris``
    lines, the last shortened with an ellipsis (the full name is in the table)."""
    per_baris = max(8, int(lebar / (ukuran * 0.55)))
    baris: list[str] = []
    kata = teks.split()
    while kata and len(baris) < maks_baris:
        b = kata.pop(0)
        while kata and len(b) + 1 + len(kata[0]) <= per_baris:
            b += " " + kata.pop(0)
        baris.append(b)
    if kata:
        akhir = baris[-1]
        baris[-1] = (akhir if len(akhir) <= per_baris - 1 else akhir[:per_baris - 1]) + "…"
    return baris


def grafik_capaian_serapan(data: LKjIPData) -> str:
    """Capaian kinerja vs serapan anggaran per sasaran, with the 100 % line (analysis 6)."""
    sasaran = data.sasaran
    lebar, tinggi = 640, 232
    kiri, kanan, atas_, bawah = 52, 16, 30, 74
    nilai = [float(v) for s in sasaran for v in (s.capaian,
                                                s.efisiensi.serapan if s.efisiensi else None)
             if v is not None]
    maks, langkah = _skala_atas(max([*nilai, 100.0]))
    lebar_plot = lebar - kiri - kanan
    tinggi_plot = tinggi - atas_ - bawah
    n = max(len(sasaran), 1)
    slot = lebar_plot / n
    batang = min(46.0, slot * 0.3)

    def y(v: float) -> float:
        return atas_ + tinggi_plot * (1 - v / maks)

    bagian = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi}" '
              f'role="img" class="grafik grafik-serapan">']
    v = 0.0
    while v <= maks + 1e-9:
        yy = y(v)
        bagian.append(f'<line x1="{kiri}" y1="{yy:.1f}" x2="{lebar - kanan}" y2="{yy:.1f}" '
                      f'stroke="{GARIS}" stroke-width="0.8"/>')
        bagian.append(_teks(kiri - 6, yy + 4, format_angka(Decimal(str(round(v, 6))), 0),
                            ukuran=10, anchor="end", warna="#52606d"))
        v += langkah
    y100 = y(100.0)
    bagian.append(f'<line x1="{kiri}" y1="{y100:.1f}" x2="{lebar - kanan}" y2="{y100:.1f}" '
                  f'stroke="{TINTA}" stroke-width="1" stroke-dasharray="4 3"/>')
    for i, s in enumerate(sasaran):
        cx = kiri + slot * (i + 0.5)
        serapan = s.efisiensi.serapan if s.efisiensi else None
        for dx, v_, warna in ((-batang / 2 - 2, s.capaian, BIRU), (batang / 2 + 2, serapan,
                                                                   ORANYE)):
            if v_ is None:
                continue
            yy = y(float(v_))
            bagian.append(f'<rect x="{cx + dx - batang / 2:.1f}" y="{yy:.1f}" '
                          f'width="{batang:.1f}" height="{atas_ + tinggi_plot - yy:.1f}" '
                          f'fill="{warna}"/>')
            bagian.append(_teks(cx + dx, _y_label(yy - 5, y100), format_angka(v_, 2),
                                ukuran=10, tebal=True))
        for j, baris in enumerate(_baris_label(s.uraian, slot)):
            bagian.append(_teks(cx, atas_ + tinggi_plot + 15 + 12 * j, baris, ukuran=9.5))
    bagian.append(f'<line x1="{kiri}" y1="{atas_ + tinggi_plot}" x2="{lebar - kanan}" '
                  f'y2="{atas_ + tinggi_plot}" stroke="{TINTA}" stroke-width="1"/>')
    ly = tinggi - 14
    bagian.append(f'<rect x="{kiri}" y="{ly - 9}" width="12" height="10" fill="{BIRU}"/>')
    bagian.append(_teks(kiri + 17, ly, "Capaian kinerja (%)", ukuran=10, anchor="start"))
    bagian.append(f'<rect x="{kiri + 150}" y="{ly - 9}" width="12" height="10" '
                  f'fill="{ORANYE}"/>')
    bagian.append(_teks(kiri + 167, ly, "Serapan anggaran (%)", ukuran=10, anchor="start"))
    bagian.append(f'<line x1="{kiri + 310}" y1="{ly - 4}" x2="{kiri + 332}" y2="{ly - 4}" '
                  f'stroke="{TINTA}" stroke-dasharray="4 3"/>')
    bagian.append(_teks(kiri + 337, ly, "100 %", ukuran=10, anchor="start"))
    bagian.append(_teks(kiri, 16, "%", ukuran=10, anchor="start", warna="#52606d"))
    bagian.append("</svg>")
    return "".join(bagian)


def susun(data: LKjIPData) -> list[Gambar]:
    """Charts of BAB III: the multi-year trend of each IKU, then capaian vs serapan."""
    out: list[Gambar] = []
    nomor = 0
    for s in data.sasaran:
        inds = [il for il in s.indikator if il.is_iku] or s.indikator
        for il in inds:
            nomor += 1
            out.append(Gambar(
                kode=f"tren-{il.id}", bab=3, nomor=nomor,
                judul=f"Tren Realisasi dan Target {il.uraian} Tahun "
                      f"{data.tahun_list[0]}–{data.tahun_list[-1]}",
                svg=grafik_tren(il, data.tahun_list, data.tahun),
                sumber=f"{data.renstra_nama} {data.renstra_awal}–{data.renstra_akhir}; data "
                       "realisasi terverifikasi, diolah",
            ))
    if data.sasaran:
        nomor += 1
        out.append(Gambar(
            kode="capaian-serapan", bab=3, nomor=nomor,
            judul=f"Capaian Kinerja dan Serapan Anggaran per Sasaran Tahun {data.tahun}",
            svg=grafik_capaian_serapan(data),
            sumber=f"Data realisasi kinerja dan anggaran tahun {data.tahun}, diolah",
        ))
    return out


# --- PNG of the same SVG (Word export) ------------------------------------------------------
# No SVG rasteriser is installed (cairosvg needs libcairo; WeasyPrint → PDF → pdftoppm needs a
# subprocess and seconds per chart), and the charts are our own small SVG: rect, line,
# polyline/polygon, circle, text, g with translate. So the Word export draws that subset with
# Pillow, from the very SVG the PDF prints — one geometry, two outputs.

_FONT_BERKAS = {
    False: ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
    True: ("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
           "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
           "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
}
_SVG_NS = "{http://www.w3.org/2000/svg}"


@lru_cache(maxsize=64)
def _font(ukuran_px: int, tebal: bool):
    for berkas in _FONT_BERKAS[tebal]:
        try:
            return ImageFont.truetype(berkas, ukuran_px)
        except OSError:
            continue
    return ImageFont.load_default(size=ukuran_px)


def _warna(nilai: str | None):
    if not nilai or nilai == "none":
        return None
    try:
        return ImageColor.getrgb(nilai)
    except ValueError:
        return None


def _f(el, nama: str, bawaan: float = 0.0) -> float:
    try:
        return float(el.get(nama, bawaan))
    except ValueError:
        return bawaan


def _garis_putus(draw, titik, warna, tebal: int, pola: list[float]) -> None:
    """A polyline drawn with an SVG dash pattern (lengths in canvas pixels)."""
    if not pola:
        draw.line(titik, fill=warna, width=tebal)
        return
    i, sisa, gambar = 0, pola[0], True
    for (x1, y1), (x2, y2) in zip(titik, titik[1:], strict=False):
        panjang = math.hypot(x2 - x1, y2 - y1)
        pos = 0.0
        while pos < panjang - 1e-6:
            langkah = min(sisa, panjang - pos)
            if gambar and panjang:
                a, b = pos / panjang, (pos + langkah) / panjang
                draw.line([(x1 + (x2 - x1) * a, y1 + (y2 - y1) * a),
                           (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b)], fill=warna, width=tebal)
            pos += langkah
            sisa -= langkah
            if sisa <= 1e-6:
                i = (i + 1) % len(pola)
                sisa, gambar = pola[i], not gambar


def _gambar_el(draw, el, k: float, dx: float, dy: float) -> None:
    tag = el.tag.replace(_SVG_NS, "")
    isi, garis = _warna(el.get("fill", "#000" if tag == "text" else None)), _warna(
        el.get("stroke"))
    tebal = max(1, round(_f(el, "stroke-width", 1) * k))
    pola = [float(v) * k for v in (el.get("stroke-dasharray") or "").replace(",", " ").split()]

    def p(x: float, y: float) -> tuple[float, float]:
        return ((x + dx) * k, (y + dy) * k)

    if tag == "g":
        tx, ty = dx, dy
        m = re.match(r"translate\(\s*([-\d.]+)[ ,]*([-\d.]*)\s*\)", el.get("transform", ""))
        if m:
            tx, ty = dx + float(m.group(1)), dy + float(m.group(2) or 0)
        for anak in el:
            _gambar_el(draw, anak, k, tx, ty)
    elif tag == "rect":
        x, y = p(_f(el, "x"), _f(el, "y"))
        w, h = _f(el, "width") * k, _f(el, "height") * k
        r = _f(el, "rx") * k
        draw.rounded_rectangle([x, y, x + w, y + h], radius=r, fill=isi,
                               outline=garis, width=tebal if garis else 0)
    elif tag == "line":
        _garis_putus(draw, [p(_f(el, "x1"), _f(el, "y1")), p(_f(el, "x2"), _f(el, "y2"))],
                     garis or (0, 0, 0), tebal, pola)
    elif tag in ("polyline", "polygon"):
        angka_ = [float(v) for v in re.split(r"[ ,]+", el.get("points", "").strip()) if v]
        titik = [p(angka_[i], angka_[i + 1]) for i in range(0, len(angka_) - 1, 2)]
        if tag == "polygon" and titik:
            draw.polygon(titik, fill=isi, outline=garis)
        elif len(titik) > 1 and garis:
            _garis_putus(draw, titik, garis, tebal, pola)
    elif tag == "circle":
        cx, cy = p(_f(el, "cx"), _f(el, "cy"))
        r = _f(el, "r") * k
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=isi, outline=garis)
    elif tag == "text":
        teks_ = "".join(el.itertext())
        font = _font(max(6, round(_f(el, "font-size", 11) * k)), el.get("font-weight") == "bold")
        x, y = p(_f(el, "x"), _f(el, "y"))
        jangkar = {"middle": "ms", "end": "rs"}.get(el.get("text-anchor", "start"), "ls")
        draw.text((x, y), teks_, font=font, fill=isi or (0, 0, 0), anchor=jangkar)


def svg_ke_png(svg: str, lebar_px: int = 1800) -> bytes:
    """The chart ``svg`` (the subset this module writes) as a PNG ``lebar_px`` wide."""
    akar = ElementTree.fromstring(svg)
    _, _, lebar, tinggi = (float(v) for v in akar.get("viewBox", "0 0 640 250").split())
    k = lebar_px / lebar
    img = Image.new("RGB", (lebar_px, round(tinggi * k)), "white")
    draw = ImageDraw.Draw(img)
    for el in akar:
        _gambar_el(draw, el, k, 0.0, 0.0)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


# --- DRAF mark ---------------------------------------------------------------------------------
# The mark is drawn as glyph outlines, not as text: a text mark would interleave its letters
# with the report's own text wherever the PDF is read or copied (pdftotext, search, a reviewer
# quoting a sentence). fontTools comes with WeasyPrint.


@lru_cache(maxsize=4)
def tanda_draf_svg(teks: str = "DRAF") -> str:
    """``teks`` as one SVG path in a bold sans face, letter-spaced, no text element."""
    for berkas in _FONT_BERKAS[True]:
        try:
            font = TTFont(berkas)
            break
        except OSError:
            continue
    else:
        return ""
    glyf = font.getGlyphSet()
    peta = font.getBestCmap()
    em = font["head"].unitsPerEm
    atas = font["hhea"].ascent
    jarak = em * 0.25
    x = 0.0
    jalur = []
    for huruf in teks:
        nama = peta.get(ord(huruf))
        if nama is None:
            continue
        pena = SVGPathPen(glyf)
        glyf[nama].draw(TransformPen(pena, (1, 0, 0, -1, x, atas)))
        jalur.append(pena.getCommands())
        x += glyf[nama].width + jarak
    lebar = x - jarak
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar:.0f} {atas:.0f}" '
            f'preserveAspectRatio="xMidYMid meet"><path fill="#6e6e6e" fill-opacity="0.22" '
            f'd="{" ".join(jalur)}"/></svg>')
