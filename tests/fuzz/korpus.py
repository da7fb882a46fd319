"""A generator of malformed xlsx files: every upload path is fed these mutants of a valid file
it would accept (tests/fuzz/test_korpus.py).

Two families:

* ``mutan_berkas(dasar)`` — the file itself is hostile or broken: not a zip, a truncated zip,
  a zip without the xlsx parts, billion laughs (entity expansion) in a sheet and in the workbook
  part, XXE to a local file, a zip bomb (a sheet that expands ~1000×), broken XML, broken styles,
  a number cell whose value is no number, and a dimension claiming the whole sheet grid. A path
  must refuse each with a message, never crash.
* ``mutan_sel(dasar, sheet, koordinat)`` — the file is a sane xlsx but one cell holds what the
  column cannot take: a formula, an error value, TRUE, a date, a number with too many decimals,
  1e20, a negative count, a huge string. A path must refuse it naming the cell, or (where the
  column does take it, e.g. a negative value in a column that allows one) accept it — never
  crash, never write half of it.

Nothing here depends on Django: the files are built with openpyxl and zipfile only.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from openpyxl import load_workbook

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

_LOL = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)

BILLION_LAUGHS_SHEET = (
    _LOL + f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
    "<t>&lol9;</t></is></c></row></sheetData></worksheet>"
).encode()

XXE_SHEET = (
    '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY rahasia SYSTEM "file:///etc/passwd">]>\n'
    f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
    "<t>&rahasia;</t></is></c></row></sheetData></worksheet>"
).encode()

# What a cell mutant writes, by name. A str starting with "=" becomes a formula cell and
# "#DIV/0!" an error cell (openpyxl's own typing), which is the point.
NILAI_SEL = {
    "rumus": "=1+1",
    "rumus_referensi": "=SUM(A1:A3)",
    "galat_rumus": "#DIV/0!",
    "boolean": True,
    "tanggal": dt.date(2025, 3, 1),
    "tanggal_waktu": dt.datetime(2025, 3, 1, 10, 30),  # noqa: DTZ001 — a naive cell value
    "desimal_lebih": 1234.567,
    "eksponen_raksasa": 1e20,
    "negatif": -1000,
    "rupiah_negatif": "Rp-1.000.000",
    "teks_raksasa": "x" * 40_000,
}


def _isi_zip(dasar: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(dasar)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _zip(bagian: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for nama, isi in bagian.items():
            zf.writestr(nama, isi)
    return buf.getvalue()


def _sheet_pertama(bagian: dict[str, bytes]) -> str:
    return sorted(n for n in bagian if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))[0]


def _ganti(dasar: bytes, nama: str | None, isi: bytes) -> bytes:
    bagian = _isi_zip(dasar)
    bagian[nama or _sheet_pertama(bagian)] = isi
    return _zip(bagian)


def _ubah_xml(dasar: bytes, pola: str, ganti: str, *, semua_sheet: bool = False) -> bytes:
    bagian = _isi_zip(dasar)
    nama_list = ([n for n in bagian if n.startswith("xl/worksheets/sheet")] if semua_sheet
                 else [_sheet_pertama(bagian)])
    for nama in nama_list:
        teks = bagian[nama].decode()
        baru = re.sub(pola, ganti, teks, count=1)
        if baru == teks and "dimension" in pola:
            baru = teks.replace("<sheetData", ganti + "<sheetData", 1)
        bagian[nama] = baru.encode()
    return _zip(bagian)


def _bom_zip(dasar: bytes, mb: int = 25) -> bytes:
    """The first sheet padded with ``mb`` MB of spaces: a few KB compressed, ~1000× expanded."""
    bagian = _isi_zip(dasar)
    nama = _sheet_pertama(bagian)
    teks = bagian[nama]
    i = teks.index(b"<sheetData")
    bagian[nama] = teks[:i] + b" " * (mb * 1024 * 1024) + teks[i:]
    return _zip(bagian)


def _angka_rusak(dasar: bytes) -> bytes:
    """The first numeric cell of the first sheet whose value is no number."""
    bagian = _isi_zip(dasar)
    for nama in sorted(n for n in bagian if n.startswith("xl/worksheets/sheet")):
        teks = bagian[nama].decode()
        baru = re.sub(r'(<c [^>]*t="n"[^>]*>)<v>[^<]*</v>', r"\1<v>bukan-angka</v>", teks,
                      count=1)
        if baru != teks:
            bagian[nama] = baru.encode()
            return _zip(bagian)
    raise AssertionError("tidak ada sel angka untuk dirusak")


def mutan_berkas(dasar: bytes) -> dict[str, bytes]:
    """Hostile or broken variants of the valid xlsx ``dasar``, by name."""
    bagian = _isi_zip(dasar)
    return {
        "bukan_zip": b"Ini bukan berkas Excel, hanya teks biasa.\n" * 20,
        "xls_lama": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000,
        "kosong": b"",
        "zip_terpotong": dasar[: len(dasar) // 2],
        "zip_tanpa_xlsx": _zip({"catatan.txt": b"bukan xlsx"}),
        "tanpa_workbook": _zip({n: v for n, v in bagian.items() if n != "xl/workbook.xml"}),
        "billion_laughs_sheet": _ganti(dasar, None, BILLION_LAUGHS_SHEET),
        "billion_laughs_workbook": _ganti(
            dasar, "xl/workbook.xml",
            _LOL.encode() + bagian["xl/workbook.xml"].split(b"?>", 1)[-1].replace(
                b"</workbook>", b"<!-- &lol9; --></workbook>")),
        "xxe_berkas_lokal": _ganti(dasar, None, XXE_SHEET),
        "bom_zip": _bom_zip(dasar),
        "xml_rusak": _ganti(dasar, None, f'<worksheet xmlns="{NS}"><sheetData><row r="1">'
                                         '<c r="A1"><v>1'.encode()),
        "styles_rusak": _ganti(dasar, "xl/styles.xml", b"<styleSheet><<<"),
        "angka_rusak": _angka_rusak(dasar),
        "dimensi_raksasa": _ubah_xml(dasar, r'<dimension ref="[^"]*"\s*/>',
                                     '<dimension ref="A1:XFD1048576"/>', semua_sheet=True),
    }


def mutan_sel(dasar: bytes, sheet: str | None, koordinat: str,
              nilai: dict | None = None) -> dict[str, bytes]:
    """Variants of ``dasar`` with one cell (``sheet`` or the active one, ``koordinat``)
    holding each value of ``NILAI_SEL`` (or ``nilai``), by name."""
    out = {}
    for nama, v in (nilai or NILAI_SEL).items():
        wb = load_workbook(io.BytesIO(dasar))
        ws = wb[sheet] if sheet else wb.active
        ws[koordinat].value = v
        buf = io.BytesIO()
        wb.save(buf)
        out[nama] = buf.getvalue()
    return out


# Mutants every path must refuse (the file itself is unusable).
SELALU_DITOLAK = frozenset({
    "bukan_zip", "xls_lama", "kosong", "zip_terpotong", "zip_tanpa_xlsx", "tanpa_workbook",
    "billion_laughs_sheet", "billion_laughs_workbook", "xxe_berkas_lokal", "bom_zip",
    "xml_rusak", "styles_rusak", "angka_rusak",
})
