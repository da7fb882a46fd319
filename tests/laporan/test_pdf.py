"""The Gowa PDF: every chapter, every caption, the key numbers, real page numbers in the daftar
isi, and a page that is not blank once rasterised."""

import re
import subprocess

import pytest

from laporan.data import ANALISIS
from laporan.render_html import render_html
from laporan.render_pdf import render_pdf
from laporan.selectors import susun

pytestmark = pytest.mark.slow


def _teks(pdf_path, *args) -> str:
    out = subprocess.run(["pdftotext", "-layout", *args, str(pdf_path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.replace("\u00a0", " ")


def test_gowa_pdf_has_the_whole_report(gowa, tmp_path):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    hasil = render_pdf(render_html(d, peringatan=False))
    path = tmp_path / "gowa.pdf"
    path.write_bytes(hasil.pdf)
    assert hasil.pdf.startswith(b"%PDF") and hasil.halaman >= 15
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "A4" in info or "595.276 x 841.89" in info
    teks = _teks(path)
    rapat = " ".join(teks.split())

    assert "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN 2024" in rapat
    for judul in ("KATA PENGANTAR", "DAFTAR ISI", "DAFTAR TABEL", "DAFTAR GAMBAR",
                  "IKHTISAR EKSEKUTIF", "BAB I PENDAHULUAN", "BAB II PERENCANAAN KINERJA",
                  "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP",
                  "LAMPIRAN PERJANJIAN KINERJA TAHUN 2024", "A. Capaian Kinerja Organisasi",
                  "B. Realisasi Anggaran"):
        assert judul in rapat, judul
    for i, a in enumerate(ANALISIS, start=1):
        assert f"{i}. {a.replace('Tahun Ini', 'Tahun 2024')}" in rapat
    for t in d.tabel.values():
        assert f"{t.label} {t.judul}" in rapat, t.label
    assert rapat.count("Sumber:") >= len(d.tabel)
    for g in d.gambar:
        assert f"{g.label} {g.judul}" in rapat
    for angka in ("112,59", "93,93 %", "94,47", "18,11", "864.601.900", "816.829.380",
                  "5.319.338.072", "4.996.397.274", "97,62", "90,67", "73,97", "169,23",
                  "130,67", "106,18", "19710628 199303 1 012", "Sungguminasa, ......",
                  "Sangat Berhasil", "Efisiensi = Capaian Kinerja (%) − Serapan Anggaran (%)"):
        assert angka in rapat, angka
    assert "112 %" not in rapat and "NARASI_KOSONG" not in rapat  # no truncation, no warning

    # The daftar isi prints real page numbers: BAB III is where the TOC says it is.
    m = re.search(r"BAB III AKUNTABILITAS KINERJA[ .]*?(\d+)\s*$", teks, re.M)
    assert m, "BAB III not in the daftar isi"
    halaman_bab3 = int(m.group(1))
    halaman = teks.split("\f")
    bab1 = next(i for i, h in enumerate(halaman) if re.search(r"B\s*A\s*B\s+I\s*\n", h)
                and "PENDAHULUAN" in h and "DAFTAR ISI" not in h)
    fisik = bab1 + halaman_bab3 - 1  # BAB I is page 1
    assert "AKUNTABILITAS KINERJA" in halaman[fisik] and "DAFTAR ISI" not in halaman[fisik]
    assert halaman[fisik].strip().endswith(str(halaman_bab3))

    # Landscape pages exist for the wide tables.
    ukuran = subprocess.run(["pdfinfo", "-f", "1", "-l", str(hasil.halaman), str(path)],
                            capture_output=True, text=True).stdout
    assert "841.89 x 595.276" in ukuran

    # A page rendered to PNG is not blank.
    png = tmp_path / "hal"
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", str(fisik + 1), "-l",
                    str(fisik + 1), str(path), str(png)], check=True)
    from PIL import Image

    berkas = next(tmp_path.glob("hal*.png"))
    img = Image.open(berkas).convert("L")
    gelap = sum(img.histogram()[:200])  # pixels darker than light grey
    assert gelap > 0.01 * img.width * img.height
