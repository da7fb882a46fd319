"""An Inspektorat evaluator evaluates the demo office's 2024 self-assessment in the browser:
answers, hits a kerangka-logis error, fixes it, closes the evaluation and downloads the LHE."""

import subprocess

import pytest
from django.contrib.auth import get_user_model

from demo.gowa import load_demo
from lke import services
from lke.models import Evaluasi, Kriteria, TipeJawaban

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
SALAH = "SALAH — nilai implementasi melebihi rata-rata pemenuhan"
DIBIARKAN = ("A.1.1", "A.3.1")  # answered in the browser


def _pra_jawab() -> dict[str, int]:
    """The evaluator's answers to every other criterion (the test is about the flow), and the
    ids of the two criteria the browser answers."""
    pd = load_demo()
    insp = get_user_model().objects.get(username="inspektorat")
    ev = Evaluasi.objects.get(perangkat_daerah=pd, tahun=2024)
    ids = {}
    for k in Kriteria.objects.filter(subkomponen__komponen__template=ev.template).select_related(
            "subkomponen__komponen"):
        if k.kode in DIBIARKAN:
            ids[k.kode] = k.pk
            continue
        services.jawaban_set(ev, k, insp, pihak="evaluasi",
                             jawaban="Y" if k.tipe == TipeJawaban.YT else "B")
    return ids


def _jawab(page, pk: int, jawaban: str) -> None:
    page.select_option(f"#id_jawaban_{pk}_evaluasi", jawaban)
    page.click(f"#k-{pk} button:has-text('Simpan evaluasi')")
    page.wait_for_load_state("networkidle")


def test_inspektorat_evaluates_fixes_kerangka_logis_closes_and_downloads_lhe(
        live_server, page, login, tmp_path):
    ids = _pra_jawab()
    login(page, "inspektorat")
    page.click("nav >> text=Evaluasi AKIP")
    page.click("text=LKE 2024")
    page.wait_for_selector("#skor-lke")

    # Pemenuhan A.1.1 "T" and Implementasi A.3.1 "A": the implementation outruns the
    # fulfilment average, and the page says so next to the criterion.
    _jawab(page, ids["A.1.1"], "T")
    _jawab(page, ids["A.3.1"], "A")
    assert f"Evaluasi: {SALAH}" in page.inner_text(f"#k-{ids['A.3.1']}")
    assert "pelanggaran kerangka logis" in page.inner_text("#pelanggaran")
    page.screenshot(path="var/screenshots/lke-kerangka-logis.png")

    page.click("text=Tutup evaluasi")
    assert f"A.3.1: {SALAH}" in page.inner_text(".lke-pelanggaran")
    assert page.is_disabled("button[type=submit].primary")

    # Fixed: the Renstra exists, so A.1.1 is "Y"; the rule holds again.
    page.click("text=← kembali ke lembar kerja")
    _jawab(page, ids["A.1.1"], "Y")
    # (the office's own usulan of A.3.1 breaks the rule too; that one does not block closing)
    assert f"Evaluasi: {SALAH}" not in page.inner_text(f"#k-{ids['A.3.1']}")

    page.click("text=Tutup evaluasi")
    page.fill("#id_nomor", "700/45/ITDA/2025")
    page.fill("#id_tanggal", "2025-04-14")
    page.fill("#id_simpulan", "Implementasi SAKIP baik; rencana aksi belum dipantau berkala.")
    page.fill("#id_rekomendasi-0-temuan", "Rencana aksi belum dipantau setiap triwulan.")
    page.fill("#id_rekomendasi-0-uraian", "Memantau rencana aksi setiap triwulan.")
    page.fill("#id_rekomendasi-0-batas_waktu", "2025-06-30")
    page.click("text=+ Tambah rekomendasi")
    page.fill("#id_rekomendasi-1-uraian", "Melaksanakan evaluasi internal berjenjang.")
    page.click("button[type=submit] >> text=Tutup evaluasi — hasil menjadi final")
    page.wait_for_selector("#lhe-komponen", timeout=60000)
    assert "700/45/ITDA/2025" in page.inner_text("main")
    assert "Melaksanakan evaluasi internal berjenjang." in page.inner_text("#lhe-rekomendasi")
    page.screenshot(path="var/screenshots/lke-lhe.png", full_page=True)

    with page.expect_download(timeout=60000) as unduhan:
        page.click("text=Unduh LHE (PDF)")
    d = unduhan.value
    assert d.suggested_filename == "LHE-2024-dinsos-gowa.pdf"
    path = tmp_path / d.suggested_filename
    d.save_as(path)
    teks = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "LAPORAN HASIL EVALUASI" in teks and "700/45/ITDA/2025" in teks
    assert Evaluasi.objects.get(tahun=2024, perangkat_daerah__slug="dinsos-gowa").ditutup
