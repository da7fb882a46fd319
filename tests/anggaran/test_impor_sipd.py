"""Import of pagu and realisasi from a flat xlsx/csv with SIPD field names (domain.md §6.3)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook

from anggaran import impor_sipd
from anggaran import views as impor_views
from anggaran.models import Pagu, RealisasiAnggaran

SLUG = "dinsos-gowa"


def _xlsx(rows) -> bytes:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _impor(sub, isi, nama, simpan=True, **kw):
    renstra = sub[0].kegiatan.program.renstra
    return impor_sipd.impor(isi, nama, renstra=renstra, tahun=2025, simpan=simpan, **kw)


def test_dpa_csv_with_indonesian_numbers_and_code_variants(sub):
    csv = ("tahun_anggaran;kode_sub_giat;nama_sub_giat;pagumurni;pagu\n"
           "2025;1.06.04.02.01.0001;Sub kegiatan uji 1;100.000.000;120.000.000\n"
           "2025;;1.06.04.2.01.0002 Sub kegiatan uji 2;Rp 100.000.000;100.000.000\n")
    hasil = _impor(sub, csv.encode(), "dpa_2025_perubahan.csv")
    assert hasil.ok, hasil.semua_galat()
    assert Pagu.objects.get(subkegiatan=sub[0], tahap="perubahan").nilai == Decimal("120000000")
    # Equal to the murni figure: no perubahan stage is invented for the second one.
    assert not Pagu.objects.filter(subkegiatan=sub[1], tahap="perubahan").exists()
    assert hasil.hasil.dibuat == 1 and hasil.hasil.tetap == 2


def test_monthly_realisasi_xlsx(sub):
    isi = _xlsx([["bulan", "kode_sub_giat", "realisasi_anggaran"],
                 [1, "1.06.04.2.01.0001", 10_000_000], [2, "1.06.04.2.01.0001", "12.500.000"],
                 [4, "1.06.04.2.01.0001", 5_000_000]])
    hasil = _impor(sub, isi, "realisasi_2025.xlsx")
    assert hasil.ok, hasil.semua_galat()
    rows = RealisasiAnggaran.objects.filter(subkegiatan=sub[0]).order_by("bulan")
    assert [(r.triwulan, r.bulan, r.nilai) for r in rows] == [
        (1, 1, Decimal("10000000")), (1, 2, Decimal("12500000")), (2, 4, Decimal("5000000"))]


def test_realisasi_above_pagu_refuses_the_file_naming_the_row(sub):
    isi = _xlsx([["bulan", "kode_sub_giat", "realisasi_anggaran"],
                 [1, "1.06.04.2.01.0002", 10_000_000],
                 [1, "1.06.04.2.01.0001", 60_000_000], [2, "1.06.04.2.01.0001", 50_000_000]])
    hasil = _impor(sub, isi, "realisasi.xlsx")
    assert not hasil.ok
    galat = hasil.semua_galat()
    assert len(galat) == 1
    assert galat[0].startswith("baris 4, kolom realisasi_anggaran:")
    assert "1.06.04.2.01.0001" in galat[0] and "melebihi pagu Rp 100.000.000" in galat[0]
    assert not RealisasiAnggaran.objects.filter(tahun=2025).exists()


def test_unknown_code_wrong_year_and_missing_columns(sub):
    isi = _xlsx([["tahun_anggaran", "kode_sub_giat", "pagu"],
                 [2025, "1.06.09.2.01.0001", 1], [2024, "1.06.04.2.01.0001", 1]])
    galat = _impor(sub, isi, "dpa.xlsx").semua_galat()
    assert any("baris 2, kolom kode_sub_giat: kode 1.06.09.2.01.0001 tidak ada" in g
               for g in galat)
    assert any("baris 3, kolom tahun_anggaran: 2024 bukan tahun 2025" in g for g in galat)
    galat = _impor(sub, _xlsx([["kode_sub_giat", "jumlah"], ["1.06.04.2.01.0001", 1]]),
                   "x.xlsx").semua_galat()
    assert "nama kolom SIPD" in galat[0]
    assert not Pagu.objects.filter(tahap="perubahan").exists()


def test_upload_preview_and_confirm_through_the_page(sub, client_as):
    c = client_as("perencana")
    isi = _xlsx([["kode_sub_giat", "pagumurni", "pagu"],
                 ["1.06.04.2.01.0001", 100_000_000, 110_000_000]])
    berkas = io.BytesIO(isi)
    berkas.name = "dpa.xlsx"
    r = c.post(reverse("anggaran:impor", args=[SLUG]), {
        "tahun": 2025, "berkas": berkas, "tahap_pagu": "perubahan", "urutan_tahap": 0,
        "tanggal_dokumen": "2025-10-01"})
    assert r.status_code == 200 and r.context["token"]
    assert not Pagu.objects.filter(tahap="perubahan").exists()
    r = c.post(reverse("anggaran:impor-konfirmasi", args=[SLUG]), {"token": r.context["token"]})
    assert r.status_code == 302
    p = Pagu.objects.get(subkegiatan=sub[0], tahap="perubahan")
    assert p.nilai == Decimal("110000000") and str(p.tanggal_dokumen) == "2025-10-01"


# --- bad cells: refused in the preview, with the row and the column ---------------------------

def _galat_xlsx(sub, header, row):
    hasil = _impor(sub, _xlsx([header, row]), "sipd.xlsx", simpan=False)
    assert not hasil.ok
    return hasil.semua_galat()


@pytest.mark.parametrize(("nilai", "potongan"), [
    (1000.123, "terlalu rinci: paling banyak 2 angka di belakang koma"),
    ("1.000,123", "terlalu rinci"),
    (-1000, "tidak boleh negatif"),
    ("Rp-1.000.000", "tidak boleh negatif"),
    (True, "berisi TRUE, diharapkan angka"),
    (datetime.date(2025, 3, 1), "tanggal"),
    ("=1+1", "isi nilai, bukan rumus"),
])
def test_bad_realisasi_cell_is_a_galat_of_its_row(sub, nilai, potongan):
    galat = _galat_xlsx(sub, ["bulan", "kode_sub_giat", "realisasi_anggaran"],
                        [1, "1.06.04.2.01.0001", nilai])
    assert len(galat) == 1, galat
    assert galat[0].startswith("baris 2, kolom realisasi_anggaran:") and potongan in galat[0]


@pytest.mark.parametrize("nilai", [1e20, "1e20", 10**17])
def test_huge_pagu_is_refused_not_promised(sub, nilai):
    galat = _galat_xlsx(sub, ["kode_sub_giat", "pagumurni"], ["1.06.04.2.01.0001", nilai])
    assert len(galat) == 1 and galat[0].startswith("baris 2, kolom pagumurni:"), galat
    assert "terlalu besar" in galat[0] or "tidak dapat dibaca" in galat[0]


def test_formula_in_code_or_month_column_is_a_galat_never_a_blank(sub):
    galat = _galat_xlsx(sub, ["bulan", "kode_sub_giat", "realisasi_anggaran", "catatan_lain"],
                        ["=1", "1.06.04.2.01.0001", 5, "=SUM(A1:A2)"])
    assert galat == ["baris 2, kolom bulan: isi nilai, bukan rumus (=1)."]
    galat = _galat_xlsx(sub, ["bulan", "kode_sub_giat", "realisasi_anggaran"],
                        [datetime.date(2025, 1, 1), "1.06.04.2.01.0001", 5])
    assert galat == ["baris 2, kolom bulan: diharapkan bulan 1–12 atau triwulan 1–4."]
    galat = _galat_xlsx(sub, ["bulan", "kode_sub_giat", "realisasi_anggaran"],
                        [1, '=HYPERLINK("x")', 5])
    assert galat[0].startswith("baris 2, kolom kode_sub_giat: isi nilai, bukan rumus")


@pytest.mark.parametrize("isi", [
    b"PK\x03\x04 not really a zip",
    b"kode_sub_giat;pagu\n1.06.04.2.01.0001;\"" + b"9" * 200_000 + b"\"\n",
])
def test_broken_files_are_one_message(sub, isi):
    nama = "sipd.xlsx" if isi.startswith(b"PK") else "sipd.csv"
    galat = _impor(sub, isi, nama, simpan=False).semua_galat()
    assert len(galat) == 1 and ("xlsx" in galat[0] or "CSV" in galat[0]), galat


def _unggah(c, isi, nama="sipd.xlsx"):
    berkas = io.BytesIO(isi)
    berkas.name = nama
    return c.post(reverse("anggaran:impor", args=[SLUG]), {
        "tahun": 2025, "berkas": berkas, "tahap_pagu": "perubahan", "urutan_tahap": 0})


@pytest.mark.parametrize(("kolom", "nilai"), [
    ("realisasi_anggaran", 1000.123), ("pagu", 1e20), ("pagu", -5), ("realisasi_anggaran", -1)])
def test_preview_refuses_what_the_confirmation_would_refuse(sub, client_as, kolom, nilai):
    """Before: the preview said "3 baris akan disimpan" and the confirmation answered 500
    (the DecimalField refused 1000,123 and 1e20 at save). Now the preview refuses with the
    row, and nothing is kept to confirm."""
    c = client_as("perencana")
    header = ["bulan", "kode_sub_giat", kolom] if kolom.startswith("real") else [
        "kode_sub_giat", "pagumurni", kolom]
    row = [1, "1.06.04.2.01.0001", nilai] if kolom.startswith("real") else [
        "1.06.04.2.01.0001", 100_000_000, nilai]
    before = (Pagu.objects.count(), RealisasiAnggaran.objects.count())
    r = _unggah(c, _xlsx([header, row]))
    assert r.status_code == 400 and r.context["token"] is None
    assert f"baris 2, kolom {kolom}:" in r.content.decode()
    assert (Pagu.objects.count(), RealisasiAnggaran.objects.count()) == before


def test_confirmation_after_a_clean_preview_saves_amounts_with_sen(sub, client_as):
    c = client_as("perencana")
    r = _unggah(c, _xlsx([["bulan", "kode_sub_giat", "realisasi_anggaran"],
                          [1, "1.06.04.2.01.0001", 1000.12], [2, "1.06.04.2.01.0001", "2.500,5"]]))
    assert r.status_code == 200 and r.context["token"]
    r = c.post(reverse("anggaran:impor-konfirmasi", args=[SLUG]), {"token": r.context["token"]})
    assert r.status_code == 302
    assert sorted(RealisasiAnggaran.objects.filter(subkegiatan=sub[0])
                  .values_list("nilai", flat=True)) == [Decimal("1000.12"), Decimal("2500.50")]


# --- large files: checked and written by the task worker ------------------------------------

def _status(c, r):
    assert r.status_code == 302 and "/impor/status/" in r["Location"], r
    return c.get(r["Location"])


def test_large_file_is_checked_and_written_in_the_background(sub, client_as, settings):
    """Above SAKIP_IMPOR_LATAR_BARIS rows the upload and the confirmation answer at once with
    a status page; the worker (immediate backend here) writes the same rows the request would."""
    settings.SAKIP_IMPOR_LATAR_BARIS = 2
    c = client_as("perencana")
    isi = _xlsx([["bulan", "kode_sub_giat", "realisasi_anggaran"],
                 [1, "1.06.04.2.01.0001", 10_000_000], [2, "1.06.04.2.01.0001", "12.500.000"],
                 [4, "1.06.04.2.01.0001", 5_000_000.25]])
    r = _status(c, _unggah(c, isi))
    html = r.content.decode()
    assert r.status_code == 200 and "3 baris akan disimpan (3 baru, 0 diubah)" in html
    assert not RealisasiAnggaran.objects.filter(subkegiatan=sub[0]).exists()
    r = c.post(reverse("anggaran:impor-konfirmasi", args=[SLUG]), {"token": r.context["token"]})
    r = _status(c, r)
    assert r.status_code == 302 and "/anggaran/" in r["Location"]
    assert "Impor SIPD disimpan: 3 baris baru" in c.get(r["Location"]).content.decode()
    rows = RealisasiAnggaran.objects.filter(subkegiatan=sub[0]).order_by("bulan")
    assert [r.nilai for r in rows] == [Decimal("10000000"), Decimal("12500000"),
                                       Decimal("5000000.25")]


def test_large_refused_file_lists_its_galat_and_cannot_be_confirmed(sub, client_as, settings):
    settings.SAKIP_IMPOR_LATAR_BARIS = 2
    c = client_as("perencana")
    isi = _xlsx([["bulan", "kode_sub_giat", "realisasi_anggaran"],
                 [1, "1.06.04.2.01.0001", 1000.123], [2, "1.06.04.2.01.0001", "=A1"],
                 [3, "1.06.04.2.01.0001", 5]])
    r = _status(c, _unggah(c, isi))
    html = r.content.decode()
    # The reader refuses the formula first (the service's precision rule runs on readable rows).
    assert r.status_code == 400 and "(1 galat)" in html
    assert "baris 3, kolom realisasi_anggaran: isi nilai, bukan rumus" in html
    token = c.session[impor_views.KUNCI_IMPOR]["token"]
    r = c.post(reverse("anggaran:impor-konfirmasi", args=[SLUG]), {"token": token})
    assert r.status_code == 302 and "/impor/status/" in r["Location"]
    assert not RealisasiAnggaran.objects.filter(subkegiatan=sub[0]).exists()


def test_status_of_another_users_job_is_not_shown(sub, client_as, settings):
    settings.SAKIP_IMPOR_LATAR_BARIS = 2
    isi = _xlsx([["bulan", "kode_sub_giat", "realisasi_anggaran"]] +
                [[b, "1.06.04.2.01.0001", 1] for b in (1, 2, 3)])
    url = _unggah(client_as("perencana"), isi)["Location"]
    r = client_as("admin").get(url)
    assert r.status_code == 302 and r["Location"].endswith("/impor/")
