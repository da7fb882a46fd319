"""Import of pagu and realisasi from a flat xlsx/csv with SIPD field names (domain.md §6.3)."""

import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import Workbook

from anggaran import impor_sipd
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
