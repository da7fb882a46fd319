"""sakip.xlsx: text is written so no spreadsheet evaluates it and reads back exactly; uploads
are checked before parsing and every parser failure is one Indonesian message; cells are
classified so formulas, booleans, dates and numbers a column cannot keep are refused."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from sakip import xlsx
from tests.fuzz import korpus

BERISIKO = ["=1+1", "+62 811", "@x", "-5 kegiatan", "\tdi awal tab", "\rdi awal CR",
            "baris\r\nbaru", "a_x000D_b literal", "biasa", "=HYPERLINK(\"http://x.invalid\")"]


def _simpan(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _xml(isi: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(isi)) as zf:
        return b"".join(zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))


def _baca(isi: bytes) -> list[list]:
    wb = xlsx.buka_xlsx(isi)
    try:
        return [[xlsx.mentah(c) for c in row] for row in xlsx.baris_sel(wb.worksheets[0])]
    finally:
        wb.close()


# --- writing ---------------------------------------------------------------------------------

def test_every_writer_helper_keeps_text_as_text_and_it_reads_back_exactly():
    wb = Workbook()
    ws = wb.active
    for i, teks in enumerate(BERISIKO, start=1):
        xlsx.tulis(ws, i, 1, teks)
    xlsx.baris(ws, BERISIKO)
    ws.append([xlsx.sel(ws, t) for t in BERISIKO])
    isi = _simpan(wb)
    assert b"<f>" not in _xml(isi) and b"<f " not in _xml(isi)
    rows = _baca(isi)
    assert [r[0] for r in rows[: len(BERISIKO)]] == BERISIKO
    assert rows[len(BERISIKO)] == BERISIKO and rows[len(BERISIKO) + 1] == BERISIKO
    # Excel keeps risky text as text when the user edits the cell.
    wb2 = load_workbook(io.BytesIO(isi))
    prefiks = {c.value: c.quotePrefix for c in wb2.active["A"]}
    assert prefiks["=1+1"] and prefiks["+62 811"] and prefiks["@x"] and prefiks["-5 kegiatan"]
    assert not prefiks["biasa"]


def test_write_only_workbooks_get_the_same_cells():
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append([xlsx.sel(ws, t) for t in BERISIKO] + [xlsx.sel(ws, Decimal("1.5"))])
    isi = _simpan(wb)
    assert b"<f>" not in _xml(isi)
    assert _baca(isi)[0] == [*BERISIKO, 1.5]


def test_characters_xml_cannot_carry_are_dropped_not_a_crash():
    wb = Workbook()
    xlsx.tulis(wb.active, 1, 1, "a\x01b\x1fc")
    assert _baca(_simpan(wb))[0] == ["abc"]


def test_numbers_and_blanks_stay_what_they_are():
    wb = Workbook()
    xlsx.baris(wb.active, [580, Decimal("89.7"), None, dt.date(2025, 1, 2)])
    row = _baca(_simpan(wb))[0]
    assert row[:3] == [580, 89.7, None] and row[3].date() == dt.date(2025, 1, 2)


# --- opening ---------------------------------------------------------------------------------

def _dasar() -> bytes:
    wb = Workbook()
    wb.active.append(["Indikator", "Nilai"])
    wb.active.append(["Jumlah", 5])
    return _simpan(wb)


@pytest.mark.parametrize("nama", sorted(korpus.SELALU_DITOLAK))
def test_every_broken_file_of_the_corpus_is_one_message(nama):
    isi = korpus.mutan_berkas(_dasar())[nama]
    with pytest.raises(xlsx.BerkasTidakValid) as e:
        _baca(isi)
    pesan = str(e.value)
    assert "tidak dapat dibaca sebagai .xlsx" in pesan or "bom zip" in pesan
    if nama.startswith(("billion", "xxe")):
        assert "entitas XML (DTD)" in pesan


def test_the_local_file_of_an_xxe_never_reaches_a_cell():
    with pytest.raises(xlsx.BerkasTidakValid):
        _baca(korpus.mutan_berkas(_dasar())["xxe_berkas_lokal"])


def test_size_limits_are_checked_before_parsing(settings, tmp_path):
    isi = _dasar()
    settings.SAKIP_XLSX_MAKS_BYTES = 100
    with pytest.raises(xlsx.BerkasTidakValid, match="melebihi batas"):
        xlsx.buka_xlsx(isi)
    path = tmp_path / "a.xlsx"
    path.write_bytes(isi)
    with pytest.raises(xlsx.BerkasTidakValid, match="melebihi batas"):
        xlsx.buka_xlsx(path)
    settings.SAKIP_XLSX_MAKS_BYTES = 10**9
    settings.SAKIP_XLSX_MAKS_ISI = 1000
    with pytest.raises(xlsx.BerkasTidakValid, match="setelah dibuka, melebihi batas"):
        xlsx.buka_xlsx(io.BytesIO(isi))


def test_a_forged_dimension_does_not_pad_millions_of_cells(settings):
    isi = korpus.mutan_berkas(_dasar())["dimensi_raksasa"]
    rows = _baca(isi)
    assert len(rows) == 2 and len(rows[0]) <= 1024
    settings.SAKIP_XLSX_MAKS_SEL = 100
    with pytest.raises(xlsx.BerkasTidakValid, match="lebih dari 100 sel"):
        _baca(isi)


# --- reading cells ---------------------------------------------------------------------------

def _sel_dari(nilai):
    wb = Workbook()
    wb.active["A1"] = nilai
    wb.active.title = "Data"
    baca = xlsx.buka_xlsx(_simpan(wb))
    return next(xlsx.baris_sel(baca.active))[0]


@pytest.mark.parametrize("nilai, pesan", [
    ("=1+1", "sheet Data, sel A1: isi nilai, bukan rumus (=1+1)"),
    ("#DIV/0!", "sheet Data, sel A1: berisi galat #DIV/0!"),
    (True, "sheet Data, sel A1: berisi TRUE, diharapkan angka"),
    (dt.date(2025, 3, 1), "berisi tanggal/waktu, diharapkan angka"),
    (dt.time(10, 30), "berisi tanggal/waktu, diharapkan angka"),
    (1e20, "terlalu besar"),
    ("12.5 x", "tidak dapat dibaca"),
])
def test_a_number_cell_refuses_what_is_no_number(nilai, pesan):
    with pytest.raises(xlsx.SelTidakValid) as e:
        xlsx.angka_sel(_sel_dari(nilai))
    assert pesan in str(e.value)


def test_numbers_read_exactly_and_decimals_are_checked_against_the_column():
    assert xlsx.angka_sel(_sel_dari(0.1)) == Decimal("0.1")
    assert xlsx.angka_sel(_sel_dari("1.250.000,50")) == Decimal("1250000.50")
    assert xlsx.angka_sel(_sel_dari(None)) is None
    assert xlsx.angka(1234.56, desimal=2) == Decimal("1234.56")
    with pytest.raises(xlsx.SelTidakValid, match="lebih dari 2 angka di belakang koma"):
        xlsx.angka(1234.567, desimal=2)
    for buruk in (float("nan"), float("inf"), Decimal("1e16"), -(10**16)):
        with pytest.raises(xlsx.SelTidakValid):
            xlsx.angka(buruk)


def test_text_cells_read_as_typed_and_refuse_formulas():
    assert xlsx.teks_sel(_sel_dari(1250.0)) == "1250"
    assert xlsx.teks_sel(_sel_dari(dt.date(2024, 12, 31))) == "31-12-2024"
    assert xlsx.teks(None) == "" and xlsx.teks(True) == "TRUE"
    with pytest.raises(xlsx.SelTidakValid, match="isi nilai, bukan rumus"):
        xlsx.teks_sel(_sel_dari("=A1"))
    assert xlsx.nilai_sel(_sel_dari("teks")) == "teks"
    with pytest.raises(xlsx.SelTidakValid):
        xlsx.nilai_sel(_sel_dari("=A1"))
