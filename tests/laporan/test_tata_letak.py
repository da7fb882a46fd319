"""Layout of the demo LKjIP PDF, measured on its page images: no page less than 40 % filled
with ink nor more than 30 % blank at its foot, except the last page of a part (the page
before a new BAB, the daftar pages, the lampiran), the orientation changes at most once per
chapter, no Indonesian acronym is hyphenated; and the pure helpers behind it (column
widths, landscape, rounding note, chart labels)."""

import datetime
import io
import re
import subprocess
from decimal import Decimal
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from PIL import Image

from laporan import grafik, lebar
from laporan.render_html import render_html
from laporan.render_pdf import render_pdf
from laporan.selectors import susun
from laporan.tabel import Baris, Kepala, Tabel, angka, persen, rupiah, teks

# A part opens with its heading alone on a line, among the first lines of the page (after the
# running head, if any).
AWAL_BAGIAN = re.compile(r"(BAB [IVX]+|LAMPIRAN( [A-Z0-9 ]+)?|KATA PENGANTAR|"
                         r"DAFTAR (ISI|TABEL|GAMBAR)|IKHTISAR EKSEKUTIF)")


def _awal_bagian(teks: str) -> bool:
    baris = [b.strip() for b in teks.split("\n") if b.strip()][:3]
    return any(AWAL_BAGIAN.fullmatch(b) for b in baris)


# Content area of each page (margins of laporan_cetak.css), as fractions of the page height.
AREA = {"tegak": (2.6 / 29.7, 1 - 2.4 / 29.7), "lanskap": (3.0 / 21.0, 1 - 1.8 / 21.0)}
DPI = 60
# "Ink" is what prints dark: text strokes, rules, bars. The pale fills of table headers and
# total rows (#e4ecf5, #f3f6f9) and anti-aliased fringes are not, so a table's shading no
# longer counts as a filled page: a page of three short tables and four text lines was
# measured "filled" by any non-white pixel while its lower half was visibly empty.
TINTA = 160
TERISI_MIN = 0.40  # share of the content area's pixel rows that carry ink
KAKI_KOSONG_MAKS = 0.30  # blank share of the content area below the last ink row


def _baris_tinta(img: Image.Image) -> list[bool]:
    w, h = img.size
    atas, bawah = AREA["lanskap" if w > h else "tegak"]
    px = img.load()
    return [any(px[x, y] < TINTA for x in range(w)) for y in range(int(h * atas), int(h * bawah))]


def _terisi(img: Image.Image) -> float:
    """Share of the content area's pixel rows that print ink (about the share of the page
    height covered by text lines, table rows and figures)."""
    baris = _baris_tinta(img)
    return sum(baris) / len(baris)


def _kaki_kosong(img: Image.Image) -> float:
    """Share of the content area left blank under the last ink row."""
    baris = _baris_tinta(img)
    terakhir = max((i for i, b in enumerate(baris) if b), default=-1)
    return (len(baris) - 1 - terakhir) / len(baris)


def halaman_kosong(gambar: list[Image.Image], awal: list[bool]) -> list[str]:
    """Pages (1-based) below the fill rule, except the last page of a part (the page before a
    part start), the cover and the last page."""
    kosong = []
    for i, img in enumerate(gambar):
        if i == 0 or i == len(gambar) - 1 or awal[i + 1]:
            continue
        terisi, kaki = _terisi(img), _kaki_kosong(img)
        if terisi < TERISI_MIN or kaki > KAKI_KOSONG_MAKS:
            kosong.append(f"halaman {i + 1}: {terisi:.0%} terisi, {kaki:.0%} kosong di kaki")
    return kosong


def gambar_halaman(path, tmp_path) -> tuple[list[Image.Image], list[str]]:
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(path), str(tmp_path / "h")],
                   check=True)
    gambar = [Image.open(f).convert("L") for f in sorted(tmp_path.glob("h-*.pgm"))]
    teks_ = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                           capture_output=True, text=True).stdout.split("\f")[: len(gambar)]
    return gambar, teks_


@pytest.mark.slow
def test_demo_pdf_has_no_half_empty_page_and_one_orientation_per_chapter(gowa, tmp_path):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    # Measured without the DRAF mark (it would fill every row); the mark changes no layout.
    pdf = render_pdf(render_html(d, peringatan=False,
                                 tanggal_penetapan=datetime.date(2025, 1, 21))).pdf
    path = tmp_path / "lkjip.pdf"
    path.write_bytes(pdf)
    gambar, teks_ = gambar_halaman(path, tmp_path)
    awal = [_awal_bagian(t) for t in teks_]
    kosong = halaman_kosong(gambar, awal)
    assert not kosong, "halaman setengah kosong: " + ", ".join(kosong)

    # Orientation: within one chapter (from one part start to the next) at most one change.
    bab, orientasi = [], []
    for i, img in enumerate(gambar):
        if awal[i]:
            bab.append(i + 1)
            orientasi.append([])
        if orientasi:
            orientasi[-1].append(img.width > img.height)
    for mulai, o in zip(bab, orientasi, strict=True):
        ganti = sum(1 for a, b in zip(o, o[1:], strict=False) if a != b)
        assert ganti <= 1, f"orientasi berganti {ganti} kali di bagian mulai halaman {mulai}"
    assert any(img.width > img.height for img in gambar)  # the wide tables are landscape

    # Indonesian hyphenation is on, acronyms stay whole.
    rapat = "\n".join(teks_)
    assert re.search(r"[a-z]\u2010\n|[a-z]-\n", rapat.replace(" ", "")), "tanpa pemenggalan"
    for singkatan in ("LKjIP", "PPKS", "APBD", "DTKS", "Renstra"):
        assert not re.search(rf"{singkatan[:2]}[\u2010-]\s*\n\s*{singkatan[2:]}", rapat)


def test_lang_id_on_the_document(gowa):
    pd, laporan = gowa
    html = render_html(susun(pd, 2024, laporan).data, peringatan=False)
    assert '<html lang="id">' in html and "hyphens: auto" in html


def _tabel(kepala, baris, **kw) -> Tabel:
    return Tabel("T", 3, 1, "Uji", kepala, baris, sumber="uji", **kw)


def test_widths_follow_the_longest_cell_and_landscape_only_when_needed():
    sempit = _tabel([[Kepala("No"), Kepala("Uraian"), Kepala("Kondisi Awal")]],
                    [Baris([teks(1), teks("Menurunnya Pemerlu Pelayanan Kesejahteraan Sosial"),
                            angka(Decimal("2444"), 0)])])
    sempit.baris[0].sel[2].teks = "2.444 (2021)"
    lebar.terapkan(sempit, metode_efisiensi="EF-SELISIH")
    assert not sempit.lanskap
    w = [float(x.rstrip("%")) for x in sempit.lebar_kolom]
    # "2.444 (2021)" never wraps: its column is at least as wide as the text.
    assert w[2] / 100 * lebar.LEBAR_TEGAK_PT >= 12 * lebar.PT_PER_ANGKA + lebar.PADDING_PT - 0.5
    assert w[1] > w[2] > w[0]
    lebar_ = _tabel([[Kepala(f"Kolom {i}") for i in range(16)]],
                    [Baris([rupiah(Decimal("5319338072")) for _ in range(16)])])
    lebar.terapkan(lebar_, metode_efisiensi="EF-SELISIH")
    assert lebar_.lanskap


def test_rounding_note_when_printed_result_differs_from_printed_inputs():
    kepala = [[Kepala("Capaian (%)"), Kepala("Pagu (Rp)"), Kepala("Realisasi (Rp)"),
               Kepala("Serapan (%)"), Kepala("Efisiensi (%)")]]
    c, s = Decimal("112.5862"), Decimal("94.4738")  # printed 112,59 and 94,47
    t = _tabel(kepala, [Baris([persen(c), rupiah(Decimal("864601900")),
                               rupiah(Decimal("816829380")), persen(s), persen(c - s)])])
    lebar.terapkan(t, metode_efisiensi="EF-SELISIH")
    assert t.baris[0].sel[4].teks == "18,11"  # 112,59 − 94,47 = 18,12 on paper
    assert lebar.CATATAN_PEMBULATAN in t.catatan
    pas = _tabel(kepala, [Baris([persen(Decimal("112.59")), rupiah(Decimal("10000")),
                                 rupiah(Decimal("9447")), persen(Decimal("94.47")),
                                 persen(Decimal("18.12"))])])
    lebar.terapkan(pas, metode_efisiensi="EF-SELISIH")
    assert lebar.CATATAN_PEMBULATAN not in pas.catatan


def test_gowa_efficiency_table_carries_the_rounding_note(gowa):
    pd, laporan = gowa
    t = susun(pd, 2024, laporan).data.tabel["T3_5_efisiensi"]
    assert "18,11" in [s.teks for b in t.baris for s in b.sel]
    assert lebar.CATATAN_PEMBULATAN in t.catatan


def _teks_svg(svg: str) -> list[tuple[str, float]]:
    akar = ElementTree.fromstring(svg)
    return [("".join(e.itertext()), float(e.get("y")))
            for e in akar.iter("{http://www.w3.org/2000/svg}text")]


def test_capaian_serapan_chart_labels_clear_the_100_line_and_name_the_sasaran(gowa):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    svg = grafik.grafik_capaian_serapan(d)
    akar = ElementTree.fromstring(svg)
    garis = [float(e.get("y1")) for e in akar.iter("{http://www.w3.org/2000/svg}line")
             if e.get("stroke-dasharray") == "4 3" and e.get("y1") == e.get("y2")]
    y100 = garis[0]
    label = dict(_teks_svg(svg))
    assert "94,47" in label and "112,59" in label
    for nilai in ("94,47", "112,59"):
        y = label[nilai]  # baseline; the glyphs span y − 10 … y + 2
        assert not (y - 11 <= y100 <= y + 3), f"{nilai} tertimpa garis 100 %"
    kategori = " ".join(t for t, _ in _teks_svg(svg))
    assert "Sasaran 1" not in kategori
    assert d.sasaran[0].uraian.split()[0] in kategori


def test_label_helpers():
    assert grafik._y_label(100, 95) == 91  # would straddle the line: moved above it
    assert grafik._y_label(100, 60) == 100
    baris = grafik._baris_label("Menurunnya Pemerlu Pelayanan Kesejahteraan Sosial (PPKS) "
                                "di seluruh kecamatan", 200)
    assert 1 <= len(baris) <= 2 and baris[-1].endswith("…")


def test_svg_to_png_draws_the_chart():
    svg = grafik.grafik_capaian_serapan(SimpleNamespace(sasaran=[SimpleNamespace(
        nomor=1, uraian="Sasaran uji", capaian=Decimal("112.59"),
        efisiensi=SimpleNamespace(serapan=Decimal("94.47")))]))
    png = grafik.svg_ke_png(svg, lebar_px=640)
    img = Image.open(io.BytesIO(png)).convert("RGB")
    assert img.size[0] == 640
    warna = {img.getpixel((x, y)) for x in range(0, 640, 4) for y in range(0, img.size[1], 4)}
    assert (0x0B, 0x53, 0x94) in warna and (0xE6, 0x91, 0x38) in warna  # both bars drawn


def _halaman(tinta_sampai: float, *, arsir_sampai: float = 0.0) -> Image.Image:
    """A portrait page image at DPI: text lines (dark strokes every 10 px) down to
    ``tinta_sampai`` of the content area, pale table shading down to ``arsir_sampai``."""
    w, h = int(21.0 / 2.54 * DPI), int(29.7 / 2.54 * DPI)
    img = Image.new("L", (w, h), 255)
    atas, bawah = AREA["tegak"]
    y0, y1 = int(h * atas), int(h * bawah)
    for y in range(y0, y0 + int((y1 - y0) * arsir_sampai)):
        img.paste(0xE6, (40, y, w - 40, y + 1))
    for y in range(y0, y0 + int((y1 - y0) * tinta_sampai), 10):
        img.paste(0x30, (60, y, w - 60, y + 5))
    return img


def test_fill_measure_ignores_table_shading_and_sees_a_blank_foot():
    penuh = _halaman(0.97)
    # Shaded tables down the whole page but ink (text, rules) only in its top third.
    arsir = _halaman(0.33, arsir_sampai=0.95)
    # Dense ink in the upper half, the lower half blank.
    setengah = _halaman(0.55)
    sampul = _halaman(0.1)
    halaman = [sampul, penuh, arsir, setengah, penuh, sampul]
    awal = [False] * len(halaman)
    kosong = halaman_kosong(halaman, awal)
    assert [k.split(":")[0] for k in kosong] == ["halaman 3", "halaman 4"]
    # The last page of a part is exempt.
    assert halaman_kosong(halaman, [False, False, False, False, True, False]) == kosong[:1]
