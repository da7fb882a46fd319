"""The editable narratives of an LKjIP and the small markup they are written in.

Narratives are what the data cannot say (kata pengantar, the organisation, strategic issues,
causes and solutions, next steps). Everything with a number in it is generated from the data
by the builder; these texts only add to it (domain.md §9 item 14).

Markup, deliberately small so that a planner can type it in a textarea:

* a blank line separates blocks;
* a block whose lines all start with ``- `` is a bullet list; with ``1. `` / ``a. `` a numbered
  list (``a.`` gives letters);
* ``**tebal**`` is bold, ``_miring_`` italic;
* anything else is a paragraph (its lines are joined).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Bagian:
    kunci: str
    judul: str
    bantuan: str = ""
    wajib: bool = True
    baris: int = 8


# Report-wide sections, in the order of the document (PermenPAN-RB 53/2014 outline).
BAGIAN: tuple[Bagian, ...] = (
    Bagian("kata_pengantar", "Kata Pengantar",
           "Kosongkan untuk memakai kata pengantar baku."),
    Bagian("ikhtisar", "Ikhtisar Eksekutif — paragraf pembuka",
           "Angka capaian dan anggaran disusun otomatis sesudah paragraf ini.", wajib=False),
    Bagian("bab1_latar_belakang", "BAB I A. Latar Belakang"),
    Bagian("bab1_tugas_fungsi", "BAB I B. Kedudukan, Tugas dan Fungsi",
           "Daftar bidang diambil dari data perangkat daerah.", baris=14),
    Bagian("bab1_sdm", "BAB I C. Sumber Daya Manusia", wajib=False),
    Bagian("bab1_isu_strategis", "BAB I C. Isu Strategis", baris=12),
    Bagian("bab2_pengantar", "BAB II Pengantar: visi, misi, strategi dan arah kebijakan",
           baris=12),
    Bagian("bab3_anggaran", "BAB III B. Catatan realisasi anggaran",
           "Angka anggaran disusun otomatis; tambahkan penjelasan bila perlu.", wajib=False),
    Bagian("bab4_kesimpulan", "BAB IV A. Kesimpulan — catatan tambahan",
           "Kesimpulan per sasaran disusun otomatis dari data.", wajib=False),
    Bagian("bab4_langkah", "BAB IV B. Langkah perbaikan kinerja ke depan"),
)

# Per sasaran (stored under narasi["sasaran"][str(id)]).
BAGIAN_SASARAN: tuple[Bagian, ...] = (
    Bagian("penyebab", "Analisis penyebab keberhasilan/kegagalan",
           "Kosongkan untuk memakai catatan faktor pendukung/penghambat realisasi.", baris=10),
    Bagian("solusi", "Upaya/solusi yang telah dilakukan", wajib=False, baris=6),
    Bagian("standar", "Catatan standar nasional / SPM", wajib=False, baris=6),
    Bagian("program", "Catatan program/kegiatan pendukung", wajib=False, baris=6),
)

# Per indicator below its target (narasi["indikator"][str(id)]) and per PK program without
# indicators (narasi["program"][str(id)]): what analysis 5 and Tabel 3.6 print.
BAGIAN_INDIKATOR: tuple[Bagian, ...] = (
    Bagian("kendala", "Kendala/hambatan", baris=3),
    Bagian("tindak_lanjut", "Rencana tindak lanjut", baris=3),
)
BAGIAN_PROGRAM: tuple[Bagian, ...] = (
    Bagian("kendala", "Penjelasan (program tanpa indikator kinerja)", baris=3),
)
KUNCI_INDIKATOR = {b.kunci for b in BAGIAN_INDIKATOR}
KUNCI_PROGRAM = {b.kunci for b in BAGIAN_PROGRAM}

KUNCI = {b.kunci for b in BAGIAN}
KUNCI_SASARAN = {b.kunci for b in BAGIAN_SASARAN}
MAKS_PANJANG = 20000


def kata_pengantar_baku(*, nama_pd: str, tahun: int) -> str:
    """The customary opening when the planner writes none (Perpres 29/2014 as its basis)."""
    return (
        "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, karena atas rahmat dan "
        f"karunia-Nya Laporan Kinerja Instansi Pemerintah (LKjIP) {nama_pd} Tahun {tahun} dapat "
        "diselesaikan.\n\n"
        "Laporan ini disusun sebagai wujud pertanggungjawaban atas pelaksanaan tugas dan fungsi "
        "serta pencapaian sasaran yang telah diperjanjikan dalam Perjanjian Kinerja, sebagaimana "
        "diamanatkan Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas "
        "Kinerja Instansi Pemerintah dan Peraturan Menteri PAN dan RB Nomor 53 Tahun 2014.\n\n"
        "Semoga laporan ini bermanfaat sebagai bahan evaluasi dan perbaikan kinerja pada tahun-"
        "tahun berikutnya."
    )


_RE_BULLET = re.compile(r"^\s*[-•*]\s+")
_RE_NOMOR = re.compile(r"^\s*(\d{1,2})[.)]\s+")
_RE_HURUF = re.compile(r"^\s*([a-z])[.)]\s+")
_RE_TEBAL = re.compile(r"\*\*(.+?)\*\*")
_RE_MIRING = re.compile(r"(?<![\w])_(.+?)_(?![\w])")


def _inline(text: str) -> str:
    out = escape(text)
    out = _RE_TEBAL.sub(r"<strong>\1</strong>", out)
    return _RE_MIRING.sub(r"<em>\1</em>", out)


def blok(teks: str) -> list[tuple[str, list[str]]]:
    """Split a narrative into ``(jenis, isi)`` blocks: ``p``, ``ul``, ``ol``, ``ola``."""
    out: list[tuple[str, list[str]]] = []
    for mentah in re.split(r"\n\s*\n", (teks or "").replace("\r\n", "\n").strip()):
        baris = [b for b in mentah.split("\n") if b.strip()]
        if not baris:
            continue
        for pola, jenis in ((_RE_BULLET, "ul"), (_RE_NOMOR, "ol"), (_RE_HURUF, "ola")):
            if all(pola.match(b) for b in baris):
                out.append((jenis, [pola.sub("", b).strip() for b in baris]))
                break
        else:
            out.append(("p", [" ".join(b.strip() for b in baris)]))
    return out


def ke_html(teks: str) -> SafeString:
    """Render the narrative markup to HTML; the text is escaped first, so no tag survives."""
    bagian = []
    for jenis, isi in blok(teks):
        if jenis == "p":
            bagian.append(f"<p>{_inline(isi[0])}</p>")
        else:
            tag = "ul" if jenis == "ul" else "ol"
            tipe = ' type="a" class="huruf"' if jenis == "ola" else ""
            items = "".join(f"<li>{_inline(i)}</li>" for i in isi)
            bagian.append(f"<{tag}{tipe}>{items}</{tag}>")
    return mark_safe("\n".join(bagian))  # noqa: S308 — every piece went through escape()


def ke_teks_polos(teks: str) -> str:
    """The narrative without markup, for XLSX cells and JSON consumers."""
    def polos(s: str) -> str:
        return _RE_MIRING.sub(r"\1", _RE_TEBAL.sub(r"\1", s))

    baris = []
    for jenis, isi in blok(teks):
        if jenis == "p":
            baris.append(polos(isi[0]))
        else:
            for i, item in enumerate(isi, start=1):
                penanda = "-" if jenis == "ul" else (f"{i}." if jenis == "ol" else
                                                     f"{chr(96 + i)}.")
                baris.append(f"{penanda} {polos(item)}")
    return "\n".join(baris)
