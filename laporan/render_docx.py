"""Word (.docx) of the LKjIP, for offices that must adapt the text to their pemda's template.

The Word file is written from the very HTML document the PDF prints (``render_html``, or the
copy frozen at penetapan), not from a second layout of the data: every part, placeholder,
table and chart of the report is there by construction, a ditetapkan report's Word file holds
its frozen text, and a new part added to the document needs no change here. The PDF stays the
document of record.

What Word gets: the cover, headings as Word Heading styles (h1–h4 → Heading 1–4) and a TOC
field in the daftar isi (Word builds it, ``updateFields`` asks to refresh it on opening), real
tables with their header rows repeated on every page (``w:tblHeader``) and merged cells, charts
as PNG (``laporan.grafik.svg_ke_png``, drawn from the same SVG), landscape sections where the
PDF turns the page, the running head and page numbers, and "DRAF" in the header of a draft.
"""

from __future__ import annotations

import base64
import io
import re

import lxml.html
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from laporan.grafik import svg_ke_png

A4_PENDEK, A4_PANJANG = Cm(21.0), Cm(29.7)
# Margins as the print stylesheet (laporan_cetak.css): binding edge on the left / top.
MARGIN_TEGAK = (Cm(2.6), Cm(2.0), Cm(2.4), Cm(3.5))  # top, right, bottom, left
MARGIN_LANSKAP = (Cm(3.3), Cm(2.0), Cm(2.0), Cm(2.2))
FONT_TEKS, FONT_JUDUL = "Times New Roman", "Arial"
WARNA_KEPALA = "E4ECF5"
WARNA_GRUP = "F3F6F9"
WARNA_KURANG = RGBColor(0x9A, 0x34, 0x12)

_INLINE = {"span", "strong", "b", "em", "i", "a", "code", "br", "small", "sup", "sub", "u"}
_LEWATI = {"style", "script", "head", "title", "meta", "colgroup", "col"}
_RUANG = re.compile(r"[ \t\r\n\f]+")


def _kelas(el) -> set[str]:
    return set((el.get("class") or "").split())


def _teks_rata(el) -> str:
    return _RUANG.sub(" ", el.text_content()).strip()


class _Penulis:
    """Walks the LKjIP HTML and writes the Word document."""

    def __init__(self, draf: bool, judul_berjalan: str) -> None:
        self.doc = Document()
        self.draf = draf
        self.judul_berjalan = judul_berjalan
        self.lanskap = False
        self.awal = True  # nothing written yet: the first page needs no break
        self._gaya()
        self._atur_bagian(self.doc.sections[0], lanskap=False, sampul=True)

    # --- document set-up ------------------------------------------------------------------

    def _gaya(self) -> None:
        gaya = self.doc.styles
        normal = gaya["Normal"]
        normal.font.name, normal.font.size = FONT_TEKS, Pt(12)
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT_TEKS)
        normal.paragraph_format.space_after = Pt(4)
        normal.paragraph_format.line_spacing = 1.15
        for n, ukuran in ((1, 14), (2, 12), (3, 12), (4, 11)):
            h = gaya[f"Heading {n}"]
            h.font.name, h.font.size, h.font.bold = FONT_JUDUL, Pt(ukuran), True
            h.font.italic = n == 4
            h.font.color.rgb = RGBColor(0, 0, 0)
            h.paragraph_format.keep_with_next = True
            h.paragraph_format.space_before = Pt(12 if n < 3 else 8)
            # The built-in headings point at theme fonts, which win over a named font.
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                h.element.rPr.rFonts.attrib.pop(qn(attr), None)
        gaya["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        cap = gaya["Caption"]
        cap.font.name, cap.font.size = FONT_JUDUL, Pt(10)
        cap.font.bold, cap.font.italic = True, False
        cap.font.color.rgb = RGBColor(0, 0, 0)
        cap.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        cap.paragraph_format.keep_with_next = True
        # Word refreshes the TOC field when the file is opened.
        pengaturan = self.doc.settings.element
        upd = OxmlElement("w:updateFields")
        upd.set(qn("w:val"), "true")
        pengaturan.append(upd)

    def _atur_bagian(self, bagian, *, lanskap: bool, sampul: bool = False) -> None:
        bagian.orientation = WD_ORIENT.LANDSCAPE if lanskap else WD_ORIENT.PORTRAIT
        bagian.page_width, bagian.page_height = ((A4_PANJANG, A4_PENDEK) if lanskap
                                                 else (A4_PENDEK, A4_PANJANG))
        atas, kanan, bawah, kiri = MARGIN_LANSKAP if lanskap else MARGIN_TEGAK
        bagian.top_margin, bagian.right_margin = atas, kanan
        bagian.bottom_margin, bagian.left_margin = bawah, kiri
        bagian.header.is_linked_to_previous = False
        bagian.footer.is_linked_to_previous = False
        kepala = bagian.header.paragraphs[0]
        kepala.text = ""
        kepala.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        isi = []
        if self.draf:
            isi.append("DRAF")
        if not sampul and self.judul_berjalan:
            isi.append(self.judul_berjalan)
        if isi:
            r = kepala.add_run(" · ".join(isi))
            r.font.size, r.font.name = Pt(8), FONT_JUDUL
        kaki = bagian.footer.paragraphs[0]
        kaki.text = ""
        kaki.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if not sampul:
            _field(kaki, "PAGE", "1")

    @property
    def lebar_isi(self):
        b = self.doc.sections[-1]
        return b.page_width - b.left_margin - b.right_margin

    def halaman_baru(self, *, lanskap: bool, sampul_lalu: bool = False) -> None:
        if self.awal:
            self.awal = False
            return
        if lanskap != self.lanskap or sampul_lalu:
            bagian = self.doc.add_section(WD_SECTION.NEW_PAGE)
            self._atur_bagian(bagian, lanskap=lanskap)
            self.lanskap = lanskap
        else:
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # --- blocks ---------------------------------------------------------------------------

    def bagian(self, sec) -> None:
        k = _kelas(sec)
        if "peringatan-draf" in k:
            return
        if "sampul" in k:
            self.sampul(sec)
            self.setelah_sampul = True
            return
        lanskap = "lanskap" in k
        sampul_lalu = getattr(self, "setelah_sampul", False)
        self.setelah_sampul = False
        if "sambung" in k and not sampul_lalu:
            if lanskap != self.lanskap:
                self.halaman_baru(lanskap=lanskap)
        else:
            self.halaman_baru(lanskap=lanskap, sampul_lalu=sampul_lalu)
        self.blok_anak(sec)

    def blok_anak(self, el) -> None:
        """Children of a block container: runs of text/inline elements become paragraphs."""
        tertunda: list = []
        if el.text and el.text.strip():
            tertunda.append(el.text)
        for anak in el:
            if not isinstance(anak.tag, str):
                if anak.tail:
                    tertunda.append(anak.tail)
                continue
            if anak.tag in _INLINE and "judul-berjalan" not in _kelas(anak):
                tertunda.append(anak)
            else:
                self._tulis_tertunda(tertunda)
                tertunda = []
                self.blok(anak)
            if anak.tail:
                tertunda.append(anak.tail)
        self._tulis_tertunda(tertunda)

    def _tulis_tertunda(self, bagian: list) -> None:
        if not any((b.strip() if isinstance(b, str) else b.tag != "br") for b in bagian):
            return
        p = self.doc.add_paragraph()
        for b in bagian:
            if isinstance(b, str):
                _run(p, b)
            elif b.tag == "br":
                p.add_run().add_break()
            else:
                _runs(p, b)
        _rapikan(p)

    def blok(self, el) -> None:
        tag, k = el.tag, _kelas(el)
        if tag in _LEWATI or "judul-berjalan" in k or "draf-tanda" in k:
            return
        if tag in ("h1", "h2", "h3", "h4"):
            self.judul(el, int(tag[1]))
            return
        per_tag = {"p": self.paragraf, "ul": self.daftar, "ol": self.daftar,
                   "table": self.tabel, "svg": self.gambar_svg, "img": self.gambar_img}
        per_kelas = {"ttd": self.ttd, "ttd-dua": self.ttd_dua, "judul-tabel": self.keterangan,
                     "judul-gambar": self.keterangan}
        tulis = per_tag.get(tag) or next((f for n, f in per_kelas.items() if n in k), None)
        if tulis is not None:
            tulis(el)
        elif (el.get("style") or "").replace(" ", "").startswith("break-before:page"):
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            self.blok_anak(el)

    def keterangan(self, el) -> None:
        """A table or figure caption ("Tabel 3.1" + title) in Word's Caption style."""
        p = self.doc.add_paragraph(style="Caption")
        p.add_run(" ".join(_RUANG.sub(" ", t).strip() for t in el.itertext() if t.strip()))

    def judul(self, el, level: int) -> None:
        if el.get("id") == "daftar-isi" or el.get("id") in ("daftar-tabel", "daftar-gambar"):
            self._daftar = el.get("id")
        teks = " ".join(_RUANG.sub(" ", t).strip() for t in el.itertext() if t.strip())
        if "pk-judul" in _kelas(el):
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = True
            r = p.add_run(teks)
            r.bold, r.font.name, r.font.size = True, FONT_JUDUL, Pt(12)
            return
        self.doc.add_heading(teks, level=level)

    def paragraf(self, el) -> None:
        k = _kelas(el)
        p = self.doc.add_paragraph()
        _runs(p, el)
        _rapikan(p)
        fmt = p.paragraph_format
        if k & {"sumber", "catatan-tabel", "rumus"}:
            for r in p.runs:
                r.font.size = Pt(8.5)
                r.font.italic = r.font.italic or "sumber" in k
            fmt.space_after = Pt(2)
        elif "sasaran-label" in k:
            for r in p.runs:
                r.bold = True
            fmt.keep_with_next = True
        elif k & {"tanpa-inden", "perlu-dilengkapi-blok", "narasi-kosong"}:
            pass
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fmt.first_line_indent = Cm(1)
        if "text-align: right" in (el.get("style") or ""):
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def daftar(self, el) -> None:
        k = _kelas(el)
        if "daftar" in k:
            self.daftar_isi(el)
            return
        huruf = "huruf" in k or el.get("type") == "a"
        for i, li in enumerate(el.findall("li"), start=1):
            penanda = "•" if el.tag == "ul" else (f"{chr(96 + i)}." if huruf else f"{i}.")
            p = self.doc.add_paragraph()
            p.paragraph_format.left_indent = Cm(1.2)
            p.paragraph_format.first_line_indent = Cm(-0.6)
            p.add_run(f"{penanda}\t")
            _runs(p, li)
            _rapikan(p)

    def daftar_isi(self, el) -> None:
        if getattr(self, "_daftar", "") == "daftar-isi":
            p = self.doc.add_paragraph()
            _field(p, 'TOC \\o "1-3" \\h \\z \\u',
                   "Daftar isi disusun oleh Word: klik kanan di sini lalu pilih "
                   "\u201cPerbarui Bidang\u201d (Update Field).")
            return
        for li in el.findall("li"):
            p = self.doc.add_paragraph(_teks_rata(li))
            p.paragraph_format.space_after = Pt(2)
            p.paragraph_format.left_indent = Cm(0.6)

    def ttd(self, el) -> None:
        for anak in el:
            if not isinstance(anak.tag, str):
                continue
            p = self.doc.add_paragraph()
            p.paragraph_format.left_indent = self.lebar_isi // 2
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.keep_with_next = True
            if "ruang" in _kelas(anak):
                p.paragraph_format.space_after = Pt(48)
                continue
            _runs(p, anak)
            _rapikan(p)
            if "nama" in _kelas(anak):
                for r in p.runs:
                    r.bold = r.underline = True

    def ttd_dua(self, el) -> None:
        kolom = [c for c in el if isinstance(c.tag, str)]
        t = self.doc.add_table(rows=1, cols=max(len(kolom), 1))
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        for sel, isi in zip(t.rows[0].cells, kolom, strict=False):
            sel.paragraphs[0].text = ""
            pertama = True
            for anak in isi:
                if not isinstance(anak.tag, str):
                    continue
                p = sel.paragraphs[0] if pertama else sel.add_paragraph()
                pertama = False
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if "ruang" in _kelas(anak):
                    p.paragraph_format.space_after = Pt(48)
                    continue
                _runs(p, anak)
                _rapikan(p)
                if "nama" in _kelas(anak):
                    for r in p.runs:
                        r.bold = r.underline = True

    # --- tables ---------------------------------------------------------------------------

    def tabel(self, el) -> None:
        baris = [(tr, tr.getparent().tag == "thead") for tr in el.iter("tr")]
        if not baris:
            return
        grid, n_kolom = _grid(baris)
        t = self.doc.add_table(rows=len(baris), cols=n_kolom)
        lkjip = "lkjip" in _kelas(el)
        if lkjip:
            t.style = self.doc.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        lebar = _lebar_kolom(el, n_kolom, self.lebar_isi if lkjip else None)
        for r, (tr, kepala) in enumerate(baris):
            row = t.rows[r]
            if kepala:
                _tandai(row._tr, "w:tblHeader")
            _tandai(row._tr, "w:cantSplit")
            jenis = _kelas(tr)
            for sel_html, (r0, c0, rs, cs) in grid[r]:
                sel = t.cell(r0, c0)
                if rs > 1 or cs > 1:
                    sel = sel.merge(t.cell(r0 + rs - 1, c0 + cs - 1))
                self._isi_sel(sel, sel_html, kepala=kepala, jenis=jenis, kecil=lkjip)
        if lebar:
            for row in t.rows:
                for i, sel in enumerate(row.cells):
                    if i < len(lebar) and lebar[i]:
                        sel.width = lebar[i]
        if lkjip:
            self.doc.add_paragraph().paragraph_format.space_after = Pt(0)

    def _isi_sel(self, sel, el, *, kepala: bool, jenis: set[str], kecil: bool) -> None:
        p = sel.paragraphs[0]
        p.text = ""
        _runs(p, el)
        _rapikan(p)
        k = _kelas(el)
        p.paragraph_format.space_after = Pt(0)
        if kepala or "tengah" in k or "kosong" in k:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif "num" in k:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for r in p.runs:
            if kecil:
                r.font.size, r.font.name = Pt(8), FONT_JUDUL
            if kepala or jenis & {"jumlah", "sub", "grup"}:
                r.bold = True
        if kepala:
            _latar(sel, WARNA_KEPALA)
        elif jenis & {"grup", "jumlah"}:
            _latar(sel, WARNA_GRUP)

    # --- images ---------------------------------------------------------------------------

    def gambar_svg(self, el) -> None:
        if el.getparent() is not None and "motif" in _kelas(el.getparent()):
            lebar = Cm(7)
        else:
            lebar = min(Cm(15), self.lebar_isi)
        try:
            png = svg_ke_png(lxml.html.tostring(el, encoding="unicode"))
        except (ValueError, SyntaxError):
            return
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        p.add_run().add_picture(io.BytesIO(png), width=lebar)

    def gambar_img(self, el) -> None:
        src = el.get("src") or ""
        m = re.match(r"data:image/[\w.+-]+;base64,(.*)", src, re.S)
        if not m:
            return
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        try:
            p.add_run().add_picture(io.BytesIO(base64.b64decode(m.group(1))), height=Cm(3))
        except Exception:  # noqa: BLE001 — a logo Word cannot read (SVG) is left out
            p.text = ""

    # --- cover ----------------------------------------------------------------------------

    def sampul(self, sec) -> None:
        ukuran = {"pemda": 14, "judul": 24, "tahun": 20, "pd": 16, "tahun-terbit": 11}
        for el in sec.iter():
            if not isinstance(el.tag, str):
                continue
            k = _kelas(el)
            if el.tag == "img":
                self.gambar_img(el)
                continue
            nama = next((n for n in ukuran if n in k), None)
            if nama is None:
                continue
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_before = Pt(36 if nama in ("judul", "pd") else 12)
            r = p.add_run(_teks_rata(el))
            r.bold, r.font.name, r.font.size = True, FONT_JUDUL, Pt(ukuran[nama])


# --- helpers ------------------------------------------------------------------------------


def _field(p, instruksi: str, tampil: str) -> None:
    """A Word field (TOC, PAGE) whose result Word computes."""
    def fld(jenis: str):
        r = p.add_run()
        f = OxmlElement("w:fldChar")
        f.set(qn("w:fldCharType"), jenis)
        if jenis == "begin":
            f.set(qn("w:dirty"), "true")
        r._r.append(f)

    fld("begin")
    r = p.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruksi} "
    r._r.append(instr)
    fld("separate")
    p.add_run(tampil)
    fld("end")


def _tandai(tr, nama: str) -> None:
    trPr = tr.get_or_add_trPr()
    el = OxmlElement(nama)
    el.set(qn("w:val"), "true")
    trPr.append(el)


def _latar(sel, warna: str) -> None:
    tcPr = sel._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), warna)
    tcPr.append(shd)


def _grid(baris) -> tuple[list[list], int]:
    """Each HTML cell placed on the table grid: (cell, (row, col, rowspan, colspan))."""
    terisi: set[tuple[int, int]] = set()
    out: list[list] = []
    n_kolom = 0
    for r, (tr, _) in enumerate(baris):
        c = 0
        sel_baris = []
        for sel in tr:
            if not isinstance(sel.tag, str) or sel.tag not in ("td", "th"):
                continue
            while (r, c) in terisi:
                c += 1
            rs = max(1, int(sel.get("rowspan") or 1))
            cs = max(1, int(sel.get("colspan") or 1))
            rs = min(rs, len(baris) - r)
            for dr in range(rs):
                for dc in range(cs):
                    terisi.add((r + dr, c + dc))
            sel_baris.append((sel, (r, c, rs, cs)))
            c += cs
            n_kolom = max(n_kolom, c)
        out.append(sel_baris)
    n_kolom = max([n_kolom, *(c + 1 for _, c in terisi)])
    return out, n_kolom


def _lebar_kolom(el, n_kolom: int, lebar_isi) -> list:
    """Column widths from the table's colgroup percentages (the PDF's widths)."""
    if lebar_isi is None:
        return []
    persen: list[float | None] = []
    for col in el.iter("col"):
        m = re.search(r"width:\s*([\d.]+)%", col.get("style") or "")
        persen.append(float(m.group(1)) if m else None)
    persen = (persen + [None] * n_kolom)[:n_kolom]
    sisa = 100 - sum(p for p in persen if p)
    kosong = [i for i, p in enumerate(persen) if not p]
    for i in kosong:
        persen[i] = max(sisa, 0) / len(kosong) if sisa > 0 else 100 / n_kolom
    total = sum(persen) or 100
    return [int(lebar_isi * p / total) for p in persen]


def _run(p, teks: str, *, tebal=None, miring=None, kurang=False) -> None:
    teks = _RUANG.sub(" ", teks)
    if not teks:
        return
    r = p.add_run(teks)
    if tebal:
        r.bold = True
    if miring:
        r.italic = True
    if kurang:
        r.font.color.rgb = WARNA_KURANG
        r.italic = True


def _runs(p, el, *, tebal=False, miring=False, kurang=False) -> None:
    """The inline content of ``el`` as runs (bold, italic, placeholders in colour)."""
    k = _kelas(el)
    tebal = tebal or el.tag in ("strong", "b", "th") or "nama" in k
    miring = miring or el.tag in ("em", "i")
    kurang = kurang or any(c.startswith("perlu-dilengkapi") for c in k)
    if el.text:
        _run(p, el.text, tebal=tebal, miring=miring, kurang=kurang)
    for anak in el:
        if isinstance(anak.tag, str):
            if anak.tag == "br":
                p.add_run().add_break()
            elif anak.tag == "svg":
                pass
            elif anak.tag not in _LEWATI:
                _runs(p, anak, tebal=tebal, miring=miring, kurang=kurang)
        if anak.tail:
            _run(p, anak.tail, tebal=tebal, miring=miring, kurang=kurang)


def _rapikan(p) -> None:
    """Trim the whitespace the HTML source leaves at both ends of a paragraph."""
    runs = [r for r in p.runs if r.text]
    if runs:
        runs[0].text = runs[0].text.lstrip()
        runs[-1].text = runs[-1].text.rstrip()


def render_docx(html: str) -> bytes:
    """The LKjIP document ``html`` (as ``render_html`` writes it) as a Word file."""
    akar = lxml.html.document_fromstring(html)
    body = akar.find("body")
    draf = bool(body.find_class("draf-tanda"))
    berjalan = next(iter(body.find_class("judul-berjalan")), None)
    penulis = _Penulis(draf, _teks_rata(berjalan) if berjalan is not None else "")
    judul = akar.find(".//title")
    if judul is not None:
        penulis.doc.core_properties.title = _teks_rata(judul)
    penulis.doc.core_properties.language = "id-ID"
    for el in body:
        if not isinstance(el.tag, str):
            continue
        if el.tag == "section":
            penulis.bagian(el)
        else:
            penulis.blok(el)
    out = io.BytesIO()
    penulis.doc.save(out)
    return out.getvalue()
