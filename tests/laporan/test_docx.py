"""The Word export: the same report as an editable .docx, opened back with python-docx —
headings as Word styles with a TOC field, real tables with repeated header rows, the charts as
images, the landscape sections, "DRAF" in a draft's header; by the command and the page."""

import datetime
import io
import re

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from laporan.render_docx import render_docx
from laporan.render_html import render_html
from laporan.selectors import susun


def _judul_html(html: str, level: int) -> list[str]:
    out = []
    for m in re.finditer(rf"<h{level}\b[^>]*>(.*?)</h{level}>", html, re.S):
        teks = re.sub(r"<[^>]+>", " ", m.group(1))
        out.append(" ".join(teks.split()))
    return out


def _semua_teks(d) -> str:
    bagian = [p.text for p in d.paragraphs]
    bagian += [c.text for t in d.tables for r in t.rows for c in r.cells]
    return "\n".join(bagian).replace("\u00a0", " ")


def test_command_writes_the_report_as_word(gowa, tmp_path):
    pd, laporan = gowa
    path = tmp_path / "lkjip.docx"
    call_command("lkjip", "--pd", pd.slug, "--tahun", "2024", "--format", "docx", "-o",
                 str(path))
    d = docx.Document(str(path))
    html = render_html(susun(pd, 2024, laporan).data, peringatan=False)

    judul1 = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    # The same chapters as the PDF (the HTML it prints), in the same order.
    assert judul1 == _judul_html(html, 1)
    for bab in ("BAB I PENDAHULUAN", "BAB II PERENCANAAN KINERJA",
                "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP"):
        assert bab in judul1
    judul3 = [p.text for p in d.paragraphs if p.style.name == "Heading 3"]
    assert all(j in judul3 for j in _judul_html(html, 3) if j.startswith(("1.", "7.")))
    assert any(p.style.name == "Heading 2" for p in d.paragraphs)

    # A TOC field Word fills in, refreshed on opening.
    body = d.element.body.xml
    assert 'TOC \\o "1-3"' in body
    assert d.settings.element.find(qn("w:updateFields")) is not None

    # Every table of the report is a real table whose header rows repeat on each page.
    keterangan = [p.text for p in d.paragraphs if p.style.name == "Caption"]
    for label in re.findall(r'<span class="label">(Tabel \d+\.\d+)</span>', html):
        assert any(k.startswith(label + " ") for k in keterangan), label
    berkepala = [t for t in d.tables
                 if t.rows[0]._tr.trPr is not None
                 and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(berkepala) >= len(re.findall(r'<table class="lkjip"', html)) - 2
    t31 = next(t for t in berkepala if "Sasaran Strategis" in t.rows[0].cells[1].text
               and "Kategori" in t.rows[0].cells[-1].text)
    assert len(t31.columns) == 8

    # The figures, as images; the Gowa figures.
    n_gambar = len(re.findall(r'class="gambar-blok"', html))
    assert len(d.inline_shapes) >= n_gambar >= 2
    semua = _semua_teks(d)
    for angka in ("112,59", "93,93", "18,11", "5.319.338.072", "Sangat Berhasil"):
        assert angka in semua, angka

    # Landscape where the PDF turns the page, portrait again after; DRAF in the header.
    orientasi = [s.orientation for s in d.sections]
    assert WD_ORIENT.LANDSCAPE in orientasi and orientasi[-1] == WD_ORIENT.PORTRAIT
    for s in d.sections[1:]:
        assert "DRAF" in s.header.paragraphs[0].text
    assert "Sungguminasa, .............................. 2025" in semua


def test_frozen_copy_has_no_draft_mark_and_the_date(gowa):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    html = render_html(d, peringatan=False, tanggal_penetapan=datetime.date(2025, 1, 21))
    w = docx.Document(io.BytesIO(render_docx(html)))
    assert all("DRAF" not in s.header.paragraphs[0].text for s in w.sections)
    assert "Sungguminasa, 21 Januari 2025" in _semua_teks(w)


@pytest.mark.django_db
def test_download_button_gives_the_word_file(gowa, users, client):
    pd, _ = gowa
    client.force_login(users["kepala"])
    halaman = client.get(reverse("laporan:lkjip", args=[pd.slug, 2024]))
    url = reverse("laporan:unduh", args=[pd.slug, 2024, "docx"])
    assert url in halaman.content.decode() and "Unduh Word" in halaman.content.decode()
    resp = client.get(url)
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats-officedocument."
                                           "wordprocessingml")
    assert resp["Content-Disposition"].endswith('.docx"')
    assert resp.content[:2] == b"PK"
