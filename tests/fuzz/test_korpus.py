"""Every upload path against the malformed-xlsx corpus (tests/fuzz/korpus.py): 0 crashes (no
exception, no HTTP 500, a message for the user) and 0 partial writes (row counts and the audit
trail unchanged whenever a file is refused).

Paths: ``import_workbook`` and ``import_renstra`` on the command line; the SIPD import, the staff
realisasi sheet and the Renstra Tabel 4.2 import in the browser (Django test client: upload →
preview → confirm when the preview accepts). The test client re-raises any exception a view
lets escape, so a crash fails the test with its traceback.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from anggaran.models import Pagu, RealisasiAnggaran
from anggaran.services import EntriPagu, anggaran_save
from bukukerja.workbook import ekspor_workbook
from demo.kinerja import IND_PERMAKANAN
from kinerja.models import PerjanjianKinerja, PKIndikator, Realisasi
from renstra import services as renstra_services
from renstra.models import (
    Indikator,
    Kegiatan,
    PaguIndikatif,
    Program,
    Renstra,
    SubKegiatan,
    TargetIndikator,
)
from sakip.models import JejakAudit, Pemda, PerangkatDaerah
from tests.fuzz import korpus
from tests.renstra import tabel42_xlsx as T

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A value a number column can never hold: refused by every reader.
BUKAN_ANGKA = frozenset({"rumus", "rumus_referensi", "galat_rumus", "boolean", "tanggal",
                         "tanggal_waktu", "eksponen_raksasa", "teks_raksasa"})
BUKAN_TEKS = frozenset({"rumus", "rumus_referensi", "galat_rumus"})
# Phrases of the refusals; a refused upload shows at least one of them.
PESAN = ("tidak dapat dibaca", "isi nilai, bukan rumus", "diharapkan", "terlalu", "ditolak",
         "angka di belakang koma", "tidak sah", "bukan", "melebihi", "negatif", "berisi",
         "tidak dapat diubah", "paling banyak", "kosong")

MODEL = (Renstra, Program, Kegiatan, SubKegiatan, Indikator, TargetIndikator, PaguIndikatif,
         PerjanjianKinerja, PKIndikator, Realisasi, Pagu, RealisasiAnggaran, JejakAudit)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _isi_db() -> tuple:
    return tuple(m.objects.count() for m in MODEL)


def _simpan(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _korpus(dasar: bytes, sel_angka: list[tuple], sel_teks: list[tuple] = (),
            uang: bool = False) -> list[tuple[str, bytes, bool]]:
    """(name, file, must be refused) for every mutant of ``dasar``."""
    out = [(f"berkas:{n}", isi, n in korpus.SELALU_DITOLAK)
           for n, isi in korpus.mutan_berkas(dasar).items()]
    tolak_angka = BUKAN_ANGKA | ({"desimal_lebih"} if uang else set())
    for sheet, koordinat in sel_angka:
        out += [(f"{sheet}!{koordinat}:{n}", isi, n in tolak_angka)
                for n, isi in korpus.mutan_sel(dasar, sheet, koordinat).items()]
    for sheet, koordinat in sel_teks:
        out += [(f"{sheet}!{koordinat}:{n}", isi, n in BUKAN_TEKS)
                for n, isi in korpus.mutan_sel(dasar, sheet, koordinat).items()]
    return out


def _periksa(nama, ditolak: bool, harus_ditolak: bool, sebelum, pesan: str, masalah: list):
    if harus_ditolak and not ditolak:
        masalah.append(f"{nama}: diterima, padahal harus ditolak")
    if ditolak:
        if _isi_db() != sebelum:
            masalah.append(f"{nama}: ditolak tetapi sebagian tersimpan")
        if not any(p in pesan.lower() for p in PESAN):
            masalah.append(f"{nama}: ditolak tanpa pesan yang jelas: {pesan[:200]!r}")


def _cli(perintah: str, path, *args) -> tuple[int, dict]:
    out = io.StringIO()
    try:
        call_command(perintah, str(path), *args, "--json", stdout=out, stderr=io.StringIO())
        code = 0
    except SystemExit as e:
        code = e.code
    return code, json.loads(out.getvalue())


# --- command line ----------------------------------------------------------------------------

def test_import_workbook_survives_the_corpus(demo, tmp_path):
    dasar = _simpan(ekspor_workbook(demo, 2024))
    kasus = _korpus(dasar, [("PK", "E2"), ("Realisasi", "C2"), ("Anggaran", "C2"),
                            ("Anggaran", "F2")], [("Sasaran", "A2")])
    masalah: list[str] = []
    path = tmp_path / "bk.xlsx"
    for nama, isi, harus in kasus:
        path.write_bytes(isi)
        sebelum = _isi_db()
        code, r = _cli("import_workbook", path, "--pd", demo.slug)
        assert code in (0, 1), nama
        pesan = " ".join(g["pesan"] for g in r["galat"])
        if nama.startswith("Anggaran"):
            harus = harus or nama.endswith("desimal_lebih")
        _periksa(nama, code == 1, harus, sebelum, pesan, masalah)
    assert not masalah, "\n".join(masalah)


def _renstra_dasar() -> tuple[bytes, int]:
    rows = T.baris(T.dinas_lengkap())
    return T.xlsx(rows), T.cari(rows, "1.06.07.2.01.0001") + 2  # the output row (1-based)


def test_import_renstra_survives_the_corpus(tmp_path):
    pemda = Pemda.objects.create(nama="Kota Bekasi", jenis="kota")
    pd = PerangkatDaerah.objects.create(pemda=pemda, nama="Dinas Sosial Kota Bekasi",
                                        slug="dinsos-bekasi")
    dasar, b = _renstra_dasar()
    kasus = _korpus(dasar, [(None, f"J{b}"), (None, f"G{b}")], [(None, f"B{b}")])
    masalah: list[str] = []
    path = tmp_path / "t.xlsx"
    for nama, isi, harus in kasus:
        path.write_bytes(isi)
        sebelum = _isi_db()
        code, r = _cli("import_renstra", path, "--pd", pd.slug, "--periode", "2025-2029")
        assert code in (0, 1), nama
        if f"!G{b}:" in nama and nama.endswith(("desimal_lebih", "negatif", "rupiah_negatif")):
            harus = True  # a pagu is rupiah ≥ 0 with at most 2 decimals
        _periksa(nama, code == 1, harus, sebelum, " ".join(g["pesan"] for g in r["galat"]),
                 masalah)
    assert not masalah, "\n".join(masalah)


# --- browser ---------------------------------------------------------------------------------

def _html(r) -> str:
    return r.content.decode() if hasattr(r, "content") else ""


def test_sipd_upload_survives_the_corpus(demo, client_as, settings):
    settings.SAKIP_IMPOR_LATAR_BARIS = 10**9  # this test is about the reader, not the queue
    keg = Kegiatan.objects.get(program__renstra__perangkat_daerah=demo, kode="1.06.04.2.01")
    sub = renstra_services.subkegiatan_create(kegiatan=keg, kode="1.06.04.2.01.0001",
                                              nama="Sub kegiatan uji 1")
    assert anggaran_save(tahun=2025, pagu=[EntriPagu(sub, "murni", 100_000_000)],
                         user=None, pd=demo, alasan="uji").ok
    wb = Workbook()
    wb.active.append(["kode_sub_giat", "pagumurni", "pagu"])
    wb.active.append(["1.06.04.2.01.0001", 100_000_000, 110_000_000])
    kasus = _korpus(_simpan(wb), [(None, "B2"), (None, "C2")], [(None, "A2")], uang=True)
    c = client_as("perencana")
    masalah: list[str] = []
    for nama, isi, harus in kasus:
        sebelum = _isi_db()
        r = c.post(reverse("anggaran:impor", args=[demo.slug]), {
            "tahun": 2025, "berkas": SimpleUploadedFile("sipd.xlsx", isi, content_type=XLSX),
            "tahap_pagu": "perubahan", "urutan_tahap": 0})
        assert r.status_code in (200, 400), (nama, r.status_code)
        ditolak = r.status_code == 400
        if not ditolak:
            r = c.post(reverse("anggaran:impor-konfirmasi", args=[demo.slug]),
                       {"token": r.context["token"]})
            assert r.status_code == 302, (nama, r.status_code)  # preview ok → confirm ok
        _periksa(nama, ditolak, harus, sebelum, _html(r), masalah)
        if not ditolak:
            Pagu.objects.filter(subkegiatan=sub, tahap="perubahan").delete()
    assert not masalah, "\n".join(masalah)


def test_staff_sheet_upload_survives_the_corpus(demo, client_as):
    c = client_as("staf.rehsos")
    r = c.get(reverse("kinerja:staf-xlsx-unduh", args=[demo.slug]) + "?tahun=2025&tw=2")
    assert r.status_code == 200
    dasar = b"".join(r.streaming_content)
    ws = load_workbook(io.BytesIO(dasar))["Realisasi"]
    kolom = [x.value for x in ws[1]]
    baris = next(row[0].row for row in ws.iter_rows(min_row=2) if row[1].value == IND_PERMAKANAN)
    sel = ws.cell(baris, kolom.index("Realisasi") + 1).coordinate
    sel_teks = ws.cell(baris, kolom.index("Faktor penghambat") + 1).coordinate
    kasus = _korpus(dasar, [("Realisasi", sel)], [("Realisasi", sel_teks)])
    masalah: list[str] = []
    for nama, isi, harus in kasus:
        sebelum = _isi_db()
        r = c.post(reverse("kinerja:staf-xlsx-unggah", args=[demo.slug]),
                   {"berkas": SimpleUploadedFile("isian.xlsx", isi, content_type=XLSX)})
        assert r.status_code in (200, 400), (nama, r.status_code)
        ditolak = r.status_code == 400
        if not ditolak and r.context.get("token"):
            sebelum = _isi_db()
            r2 = c.post(reverse("kinerja:staf-xlsx-konfirmasi", args=[demo.slug]),
                        {"token": r.context["token"]})
            assert r2.status_code in (302, 400), (nama, r2.status_code)
            if r2.status_code == 400:
                masalah.append(f"{nama}: pratinjau menerima, konfirmasi menolak")
        _periksa(nama, ditolak, harus, sebelum, _html(r), masalah)
    assert not masalah, "\n".join(masalah)


def test_renstra_upload_survives_the_corpus(demo, client_as, settings):
    settings.SAKIP_IMPOR_LATAR_BARIS = 10**9  # this test is about the reader, not the queue
    dasar, b = _renstra_dasar()
    kasus = _korpus(dasar, [(None, f"J{b}"), (None, f"G{b}")], [(None, f"B{b}")])
    c = client_as("perencana")
    masalah: list[str] = []
    for nama, isi, harus in kasus:
        sebelum = _isi_db()
        r = c.post(reverse("renstra:import-upload", args=[demo.slug]),
                   {"berkas": SimpleUploadedFile("t.xlsx", isi, content_type=XLSX),
                    "periode": "2025-2029"})
        assert r.status_code in (302, 400), (nama, r.status_code)
        ditolak = r.status_code == 400
        if not ditolak:
            url = r["Location"]
            r = c.get(url)
            assert r.status_code in (200, 400, 422), (nama, r.status_code)
            ditolak = r.status_code != 200
            if not ditolak:
                token = url.rstrip("/").split("/")[-1]
                r2 = c.post(reverse("renstra:import-konfirmasi", args=[demo.slug, token]))
                assert r2.status_code == 302, (nama, r2.status_code)
                Renstra.objects.filter(perangkat_daerah=demo, tahun_awal=2025).delete()
                continue
        _periksa(nama, ditolak, harus, sebelum, _html(r), masalah)
    assert not masalah, "\n".join(masalah)
