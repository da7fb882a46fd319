"""The staff spreadsheet against damaged and hostile uploads: every mutant of the downloaded
file is refused with a message naming the sheet/row/column (never a 500, never a partial
write), a formula is "isi nilai, bukan rumus" (never read as a blank that erases the stored
value), and text typed as a formula travels the round trip as text."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from demo.kinerja import IND_PERMAKANAN
from kinerja.models import Realisasi
from sakip.models import JejakAudit

SLUG = "dinsos-gowa"
STAF = "staf.rehsos"


def _unduh(c) -> bytes:
    r = c.get(reverse("kinerja:staf-xlsx-unduh", args=[SLUG]) + "?tahun=2025&tw=2")
    assert r.status_code == 200
    return b"".join(r.streaming_content)


def _baris(wb):
    ws = wb["Realisasi"]
    kolom = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[1].value == IND_PERMAKANAN:
            return {k: c for k, c in zip(kolom, row, strict=False)}
    raise AssertionError(IND_PERMAKANAN)


def _simpan(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _unggah(c, isi: bytes):
    buf = io.BytesIO(isi)
    buf.name = "isian.xlsx"
    return c.post(reverse("kinerja:staf-xlsx-unggah", args=[SLUG]), {"berkas": buf})


def _sel(kolom, nilai):
    def ubah(wb):
        _baris(wb)[kolom].value = nilai
    return ubah


def _info(sel, nilai):
    def ubah(wb):
        wb["Info"][sel] = nilai
    return ubah


def _chartsheet(nama):
    def ubah(wb):
        del wb[nama]
        wb.create_chartsheet(nama)
    return ubah


MUTAN = {
    # Before: Tahun 10^30 → OverflowError (HTTP 500); TRUE as ID silently meant indicator 1;
    # a formula in Realisasi was read as blank and erased the stored value.
    "tahun raksasa": (_info("B3", 10**30), "Sheet Info: Tahun (mis. 2025) dan Triwulan"),
    "tahun tanggal": (_info("B3", datetime.date(2025, 1, 1)), "Sheet Info: Tahun"),
    "tahun pecahan": (_info("B3", 2025.5), "Sheet Info: Tahun"),
    "triwulan rumus": (_info("B4", "=1+1"), "Sheet Info: Tahun"),
    "pd rumus": (_info("B1", "=A1"), "Sheet Info: berkas ini untuk perangkat daerah '=A1'"),
    "ID TRUE": (_sel("ID", True), "kolom ID: 'True' bukan nomor indikator"),
    "ID pecahan": (_sel("ID", 12.5), "kolom ID: '12.5' bukan nomor indikator"),
    "ID tanggal": (_sel("ID", datetime.date(2025, 1, 1)), "bukan nomor indikator"),
    "realisasi rumus": (_sel("Realisasi", "=1+1"),
                        "kolom Realisasi: isi nilai, bukan rumus (=1+1)"),
    "realisasi TRUE": (_sel("Realisasi", True), "kolom Realisasi: berisi TRUE, diharapkan angka"),
    "realisasi tanggal": (_sel("Realisasi", datetime.date(2025, 1, 1)),
                          "kolom Realisasi: berisi tanggal/waktu, diharapkan angka"),
    "realisasi 1e300": (_sel("Realisasi", 1e300), "kolom Realisasi: angka 1e+300 terlalu besar"),
    "realisasi terlalu rinci": (_sel("Realisasi", 1.123456789),
                                "Paling banyak 4 angka di belakang koma"),
    "realisasi negatif": (_sel("Realisasi", -1000), "Nilai -1.000 Orang tidak boleh negatif"),
    "pembilang rumus": (_sel("Pembilang", "=A1*2"), "kolom Pembilang: isi nilai, bukan rumus"),
    "catatan rumus": (_sel("Catatan", "=1+1"), "kolom Catatan: isi nilai, bukan rumus"),
    "ID dihapus": (lambda wb: wb["Realisasi"].delete_cols(1), "kolom 'ID' tidak ada"),
    "sheet ditukar": (lambda wb: (setattr(wb["Realisasi"], "title", "X"),
                                  setattr(wb["Info"], "title", "Realisasi"),
                                  setattr(wb["X"], "title", "Info")), "Sheet Info: Tahun"),
    "Realisasi chartsheet": (_chartsheet("Realisasi"), "Berkas"),
    "Info chartsheet": (_chartsheet("Info"), "Berkas"),
}


@pytest.mark.parametrize("nama", list(MUTAN))
def test_mutant_is_refused_with_its_place_and_changes_nothing(demo, client_as, nama):
    ubah, pesan = MUTAN[nama]
    c = client_as(STAF)
    wb = load_workbook(io.BytesIO(_unduh(c)))
    ubah(wb)
    sebelum = (Realisasi.objects.count(), JejakAudit.objects.count())
    r = _unggah(c, _simpan(wb))
    assert r.status_code == 400, r.context["galat"]
    galat = " ".join(r.context["galat"])
    assert pesan in galat, galat
    assert r.context["token"] is None
    assert (Realisasi.objects.count(), JejakAudit.objects.count()) == sebelum


def test_formula_never_erases_the_stored_value(demo, client_as):
    c = client_as(STAF)
    wb = load_workbook(io.BytesIO(_unduh(c)))
    _baris(wb)["Realisasi"].value = 8
    r = c.post(reverse("kinerja:staf-xlsx-konfirmasi", args=[SLUG]),
               {"token": _unggah(c, _simpan(wb)).context["token"]})
    assert r.status_code == 302
    real = Realisasi.objects.get(indikator__uraian=IND_PERMAKANAN, tahun=2025, triwulan=2)
    assert real.nilai == Decimal("8")
    wb = load_workbook(io.BytesIO(_unduh(c)))
    _baris(wb)["Realisasi"].value = "=4+4"  # cached value absent: data_only read it as blank
    r = _unggah(c, _simpan(wb))
    assert r.status_code == 400 and "isi nilai, bukan rumus" in " ".join(r.context["galat"])
    real.refresh_from_db()
    assert real.nilai == Decimal("8")


@pytest.mark.parametrize("isi", [
    b"PK\x03\x04" + b"\x00" * 200,  # passes the form's magic check, not a zip
    b"PK\x03\x04-truncated-zip",
])
def test_broken_zip_is_one_message(demo, client_as, isi):
    r = _unggah(client_as(STAF), isi)
    assert r.status_code == 400
    assert any("xlsx" in g for g in r.context["galat"]), r.context["galat"]


def test_typed_text_survives_the_round_trip_as_text(demo, client_as):
    """A faktor penghambat typed as ``=1+1`` or ``+62 811`` reaches the download as text
    (no <f> in the sheet XML) and reads back unchanged, so re-uploading changes nothing."""
    c = client_as(STAF)
    wb = load_workbook(io.BytesIO(_unduh(c)))
    teks = {"Realisasi": 5, "Catatan": "=1+1", "Faktor pendukung": "+62 811 1234",
            "Faktor penghambat": "@SUM(A1)", "Upaya": "-5 kegiatan\tlagi", "Sumber data": "\tx"}
    for k, v in teks.items():
        cell = _baris(wb)[k]
        cell.value = v
        cell.data_type = "s" if isinstance(v, str) else cell.data_type
    r = _unggah(c, _simpan(wb))
    assert r.status_code == 200, r.context["galat"]
    assert c.post(reverse("kinerja:staf-xlsx-konfirmasi", args=[SLUG]),
                  {"token": r.context["token"]}).status_code == 302
    real = Realisasi.objects.get(indikator__uraian=IND_PERMAKANAN, tahun=2025, triwulan=2)
    assert (real.catatan, real.faktor_pendukung, real.faktor_penghambat, real.upaya) == (
        "=1+1", "+62 811 1234", "@SUM(A1)", "-5 kegiatan\tlagi")

    isi = _unduh(c)
    with zipfile.ZipFile(io.BytesIO(isi)) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml
    row = _baris(load_workbook(io.BytesIO(isi)))
    assert row["Catatan"].value == "=1+1" and row["Catatan"].data_type == "s"
    assert row["Faktor penghambat"].value == "@SUM(A1)"
    audit = JejakAudit.objects.count()
    r = _unggah(c, isi)
    assert r.status_code == 200 and r.context["hasil"].hasil.perubahan == []
    assert JejakAudit.objects.count() == audit
