"""The LHE: closing through the page freezes the PDF (sha256 kept), the PDF's text carries the
number, date, office, komponen scores beside the previous year's LHE, predikat, findings and
recommendations, and its first page renders to an image (looked at: kop, table, predikat box)."""

from __future__ import annotations

import datetime
import hashlib
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lke import services
from lke.lhe import lhe_html, lhe_pdf
from lke.models import Evaluasi, HasilEvaluasi, Kriteria, TipeJawaban
from tests.factories import PejabatFactory, PerangkatDaerahFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
TAHUN = 2024


def _insp():
    return get_user_model().objects.get(username="inspektorat")


def _url(name: str, pd) -> str:
    return reverse(f"lke:{name}", kwargs={"slug": pd.slug, "tahun": TAHUN})


def _lhe_lalu(pd):
    services.hasil_set(pd, TAHUN - 1, _insp(), nomor="700/12/ITDA/2024",
                       tanggal=datetime.date(2024, 3, 20), nilai=Decimal("68.50"), komponen=[
                           {"kode": "A", "nama": "Perencanaan Kinerja", "bobot": Decimal(30),
                            "nilai": Decimal("20.10")},
                           {"kode": "B", "nama": "Pengukuran Kinerja", "bobot": Decimal(30),
                            "nilai": Decimal("19.40")},
                           {"kode": "C", "nama": "Pelaporan Kinerja", "bobot": Decimal(15),
                            "nilai": Decimal("10.50")},
                           {"kode": "D", "nama": "Evaluasi Akuntabilitas Kinerja Internal",
                            "bobot": Decimal(25), "nilai": Decimal("18.50")}])


def _nilai_semua(ev):
    for k in Kriteria.objects.filter(subkomponen__komponen__template=ev.template).select_related(
            "subkomponen__komponen"):
        services.jawaban_set(ev, k, _insp(), pihak="evaluasi",
                             jawaban="Y" if k.tipe == TipeJawaban.YT else "B")


@pytest.fixture
def ditutup(demo, client_as):
    """The demo 2024 evaluation closed through the page by its ketua tim."""
    _lhe_lalu(demo)
    ev = Evaluasi.objects.get(perangkat_daerah=demo, tahun=TAHUN)
    _nilai_semua(ev)
    r = client_as("inspektorat").post(_url("tutup", demo), {
        "nomor": "700/45/ITDA/2025", "tanggal": "2025-04-14",
        "simpulan": "Pemanfaatan hasil pengukuran untuk anggaran belum konsisten.",
        "row_version": ev.row_version,
        "rekomendasi-TOTAL_FORMS": "3", "rekomendasi-INITIAL_FORMS": "0",
        "rekomendasi-0-temuan": "Rencana aksi belum dipantau setiap triwulan.",
        "rekomendasi-0-uraian": "Menyusun dan memantau rencana aksi triwulanan.",
        "rekomendasi-0-batas_waktu": "2025-06-30",
        "rekomendasi-1-uraian": "Melaksanakan evaluasi internal pada seluruh bidang.",
        "rekomendasi-2-temuan": "", "rekomendasi-2-uraian": "",  # an empty row is ignored
    })
    assert r.status_code == 302 and r["Location"] == _url("lhe", demo)
    return HasilEvaluasi.objects.get(perangkat_daerah=demo, tahun=TAHUN)


def _teks(pdf: bytes, tmp_path: Path) -> str:
    """The text twice: laid out (table rows stay on one line) and in reading order (wrapped
    table cells stay whole)."""
    berkas = tmp_path / "lhe.pdf"
    berkas.write_bytes(pdf)
    return " || ".join(
        subprocess.run(["pdftotext", *opsi, str(berkas), "-"], check=True, capture_output=True,
                       text=True).stdout for opsi in (["-layout"], []))


def test_closing_freezes_the_lhe_pdf_with_its_hash(ditutup, demo, client_as):
    assert ditutup.evaluasi.status == Evaluasi.Status.DITUTUP
    assert ditutup.pdf and ditutup.pdf_sha256
    with ditutup.pdf.open("rb") as f:
        isi = f.read()
    assert hashlib.sha256(isi).hexdigest() == ditutup.pdf_sha256
    r = client_as("staf.rehsos").get(_url("lhe-unduh", demo))
    assert r.status_code == 200 and r.content == isi  # the signed copy, never re-laid out
    assert 'filename="LHE-2024-dinsos-gowa.pdf"' in r["Content-Disposition"]
    assert [(x.nomor, x.batas_waktu) for x in ditutup.rekomendasi_set.all()] == [
        (1, datetime.date(2025, 6, 30)), (2, None)]


def test_lhe_page_for_the_office_after_closing(ditutup, demo, client_as):
    html = client_as("perencana").get(_url("lhe", demo)).content.decode()
    assert "Unduh LHE (PDF)" in html and "700/45/ITDA/2025" in html
    assert "Menyusun dan memantau rencana aksi triwulanan." in html
    lembar = client_as("perencana").get(_url("lembar", demo)).content.decode()
    assert "Evaluator (evaluasi)" in lembar  # the evaluator's side is readable once closed


def test_lhe_pdf_text(ditutup, tmp_path):
    teks = " ".join(_teks(lhe_pdf(ditutup), tmp_path).split())
    for potongan in (
        "PEMERINTAH KABUPATEN GOWA", "INSPEKTORAT", "LAPORAN HASIL EVALUASI",
        "Dinas Sosial Kabupaten Gowa", "Nomor: 700/45/ITDA/2025 · Tanggal 14 April 2025",
        "Nilai 2023 Nilai 2024",
        "A Perencanaan Kinerja 30,00 20,10 24,00 3,90",
        "Nilai Akhir 100,00 68,50 (B) 80,00 (BB) 11,50",
        "predikat BB (Sangat Baik)",
        "Pemanfaatan hasil pengukuran untuk anggaran belum konsisten.",
        "30 Juni 2025", "Melaksanakan evaluasi internal pada seluruh bidang.",
        "KETUA TIM EVALUASI", "Muhammad Arfah",
        "Lembar Kerja Evaluasi (LKE) PermenPAN-RB 88/2021.",
    ):
        assert potongan in teks, potongan
    # the signed text speaks of the regulation, not of files, revisions or the software
    for kata in ("rev.", "sistem", "aplikasi"):
        assert kata not in teks, kata


def test_lhe_pdf_page_image(ditutup, tmp_path):
    """Page 1 at 50 dpi (looked at during development: kop, title, komponen table with 2023
    beside 2024, the predikat box, findings and recommendations)."""
    berkas = tmp_path / "lhe.pdf"
    berkas.write_bytes(lhe_pdf(ditutup))
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(berkas),
                    str(tmp_path / "hal")], check=True)
    png = next(tmp_path.glob("hal*.png")).read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_draft_of_an_open_evaluation_without_previous_year(demo):
    ev = Evaluasi.objects.get(perangkat_daerah=demo, tahun=TAHUN)
    html = lhe_html(ev)
    assert "DRAF — evaluasi belum ditutup" in html
    assert "Nilai tahun 2023 tidak tersedia (—)" in html


def test_inspektur_signs_when_the_pemda_keeps_its_post(demo):
    """The Kepala of the pemda's Inspektorat office (Pengaturan kantor › Pejabat) signs the LHE;
    without one the ketua tim does (test_lhe_pdf_text)."""
    insp = PerangkatDaerahFactory(pemda=demo.pemda, nama="Inspektorat Kabupaten Gowa")
    PejabatFactory(perangkat_daerah=insp, nama="Drs. Inspektur Uji", jabatan="Inspektur")
    html = lhe_html(Evaluasi.objects.get(perangkat_daerah=demo, tahun=TAHUN))
    assert "INSPEKTUR" in html and "Drs. Inspektur Uji" in html and "NIP. 19700101" in html
