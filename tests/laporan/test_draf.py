"""The DRAF mark: every page of a draft PDF carries a diagonal grey "DRAF" and the signature
block has no date; the copy frozen at penetapan carries neither (measured on page images and
on the PDF text)."""

import datetime
import re
import subprocess

import pytest
from PIL import Image

from laporan.render_html import render_html
from laporan.render_pdf import render_pdf
from laporan.selectors import kunci_berkas, kunci_berkas_final, susun

pytestmark = pytest.mark.slow

TANGGAL = datetime.date(2025, 1, 21)


def _halaman(pdf: bytes, tmp_path, nama: str) -> tuple[list[Image.Image], list[str]]:
    path = tmp_path / f"{nama}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(path), str(tmp_path / nama)],
                   check=True)
    gambar = [Image.open(f).convert("L") for f in sorted(tmp_path.glob(f"{nama}-*.pgm"))]
    teks = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout.replace("\u00a0", " ")
    return gambar, teks.split("\f")[: len(gambar)]


def _pita(img: Image.Image, dasar: Image.Image | None = None) -> tuple[float, float]:
    """Share of the page centre in the mark's flat light grey, and the x–y correlation of
    those pixels (negative: a band rising to the right, as the rotated mark is). With
    ``dasar`` (the same page without the mark: the layout is the same) the pixels are those
    the mark darkens, so a page whose centre is dense with text measures the mark alone."""
    w, h = img.size
    px = img.load()
    pd_ = dasar.load() if dasar is not None else None
    titik = [(x, y) for x in range(int(w * .2), int(w * .8)) for y in range(int(h * .3),
                                                                          int(h * .7))
             if (pd_[x, y] - px[x, y] >= 8 if pd_ is not None else 214 <= px[x, y] <= 232)]
    luas = (w * .6) * (h * .4)
    if len(titik) < 10:
        return len(titik) / luas, 0.0
    n = len(titik)
    mx = sum(x for x, _ in titik) / n
    my = sum(y for _, y in titik) / n
    sxy = sum((x - mx) * (y - my) for x, y in titik)
    sxx = sum((x - mx) ** 2 for x, _ in titik)
    syy = sum((y - my) ** 2 for _, y in titik)
    return n / luas, sxy / ((sxx * syy) ** .5 or 1)


def test_draft_pdf_is_marked_on_every_page_and_frozen_copy_is_not(gowa, tmp_path):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    draf, teks_draf = _halaman(render_pdf(render_html(d, peringatan=False)).pdf, tmp_path,
                               "draf")
    beku, teks_beku = _halaman(
        render_pdf(render_html(d, peringatan=False, tanggal_penetapan=TANGGAL)).pdf,
        tmp_path, "beku")
    assert len(draf) == len(beku) >= 15  # the mark changes no layout

    for i, (img_draf, img_beku) in enumerate(zip(draf, beku, strict=True), start=1):
        luas, korelasi = _pita(img_draf, dasar=img_beku)
        luas_beku, korelasi_beku = _pita(img_beku)
        assert luas > 0.06 and korelasi < -0.3, f"halaman draf {i}: {luas:.3f} {korelasi:.2f}"
        assert luas - luas_beku > 0.03, f"halaman draf {i}: pita tidak tampak"
        assert not (luas_beku > 0.06 and korelasi_beku < -0.3), f"halaman {i} yang ditetapkan"
    # The mark is drawn, not written: the draft's text is the frozen copy's, but for the date.
    def tanpa_tanggal(halaman):
        return [re.sub(r"Sungguminasa, [^\n]*2025", "Sungguminasa, …", h) for h in halaman]

    assert tanpa_tanggal(teks_draf) == tanpa_tanggal(teks_beku)
    # Signature date: none in the draft (place and a blank), the date on the frozen copy.
    rapat_draf = " ".join(" ".join(teks_draf).split())
    rapat_beku = " ".join(" ".join(teks_beku).split())
    assert "Sungguminasa, .............................. 2025" in rapat_draf
    assert "Januari 2025" not in rapat_draf.split("PERJANJIAN KINERJA TAHUN 2024 Dalam")[0]
    assert rapat_beku.count("Sungguminasa, 21 Januari 2025") == 2  # kata pengantar, BAB IV
    assert ".............................. 2025" not in rapat_beku


def test_frozen_pdf_never_reuses_the_draft_pdf_of_the_same_data():
    # Same data, two documents (the draft one carries the mark): two cache keys.
    assert kunci_berkas_final("a" * 64) != kunci_berkas("a" * 64)
    assert kunci_berkas_final("a" * 64) == kunci_berkas_final("a" * 64)
