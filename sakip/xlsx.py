"""Spreadsheet cells are data: the one place that writes text into xlsx and opens uploaded xlsx.

Writing. A spreadsheet evaluates a cell whose text starts with ``=``, ``+``, ``-``, ``@``, tab or
CR (the OWASP "CSV injection" rule): a program renamed ``=1+1`` or a faktor penghambat typed as
``+62 811`` must reach the perencana's and the Inspektorat's downloads as the text the user
typed, never as a live formula. Every text value is therefore stored as a string cell (openpyxl
turns a str starting with ``=`` into a formula otherwise) and risky text also gets the
``quotePrefix`` style, so Excel keeps it text when someone edits the cell. The text itself is not
changed, so a reader gives back exactly what was typed (the round trip of design.md "Buku Kerja":
an export reads back unchanged). XML turns a CR into a LF, so CR is written with the OOXML escape
``_x000D_`` (and a literal ``_xHHHH_`` with ``_x005F_``), which Excel and :func:`teks` undo.

Reading. :func:`buka_xlsx` checks the file from its zip directory BEFORE any XML is parsed (size,
uncompressed size, compression ratio: a 630 KB zip bomb expands to 600 MB) and turns every parser
failure (not a zip, truncated, DTD/entities — openpyxl parses through defusedxml —, broken XML)
into :class:`BerkasTidakValid` with an Indonesian message; never a traceback. Workbooks are
opened with ``data_only=False`` so formulas are visible: a formula in a cell a reader uses is an
error ("isi nilai, bukan rumus"), never a blank that would erase a stored value. The classifiers
(:func:`angka`, :func:`teks`, and their cell forms) refuse booleans, dates, over-precise decimals
and huge numbers where a number is expected, with messages that name the sheet and the cell.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from sakip.lib.angka import parse_angka

__all__ = [
    "BATAS_ANGKA",
    "BERISIKO",
    "BerkasTidakValid",
    "Rumus",
    "SelTidakValid",
    "angka",
    "angka_sel",
    "baris_sel",
    "buka_xlsx",
    "isi",
    "mentah",
    "nilai_sel",
    "sel",
    "sel_teks",
    "teks",
    "teks_sel",
    "tulis",
]

BERISIKO = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet evaluate a cell (OWASP CSV injection)."""

BATAS_ANGKA = Decimal(10) ** 16
"""Every number column holds at most 16 integer digits (money 18,2 and values 20,4), so a
larger number — ``1e20`` in a pagu cell — is refused before it reaches the database."""

# A zip entry that expands more than this many times is a bomb, not a spreadsheet: real sheet
# XML compresses 5–30×; the measured bomb expanded 1000×.
_RASIO_MAKS = 200
_RASIO_MULAI = 1024 * 1024
_ENTRI_MAKS = 10_000
# No SAKIP sheet has more than a few dozen columns; Excel's grid has 16,384.
_KOLOM_MAKS = 1024

_RE_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


class BerkasTidakValid(ValueError):
    """The upload cannot be read as a spreadsheet; ``str(e)`` is the message for the user."""


class SelTidakValid(ValueError):
    """One cell cannot be read as what the reader expects.

    ``pesan`` says what is wrong (for readers that name the sheet/row/column themselves);
    ``str(e)`` adds the sheet and the cell when the cell was given."""

    def __init__(self, pesan: str, tempat: str = ""):
        self.pesan = pesan
        self.tempat = tempat
        super().__init__(f"{tempat}: {pesan}" if tempat else pesan)


@dataclass(frozen=True)
class Rumus:
    """A formula found in a cell (the formula text, with its ``=``)."""

    teks: str

    def __str__(self) -> str:
        return self.teks


@dataclass(frozen=True)
class GalatSel:
    """An error value stored in a cell (``#DIV/0!``, ``#REF!``)."""

    teks: str

    def __str__(self) -> str:
        return self.teks


# --- writing ---------------------------------------------------------------------------------

def _escape(teks: str) -> str:
    # Characters XML 1.0 cannot carry are dropped (openpyxl refuses them); a literal "_xHHHH_"
    # is protected before CR is escaped, so the reader's unescape gives back the typed text.
    teks = ILLEGAL_CHARACTERS_RE.sub("", teks)
    if "_x" in teks:
        teks = _RE_ESCAPE.sub(lambda m: "_x005F" + m.group(0), teks)
    return teks.replace("\r", "_x000D_")


def sel_teks(cell, teks: str):
    """Store ``teks`` in ``cell`` as text that no spreadsheet evaluates; returns the cell."""
    cell.value = _escape(teks)
    cell.data_type = "s"
    if teks.startswith(BERISIKO):
        cell.quotePrefix = True
    return cell


def isi(cell, nilai):
    """Set any value: text through :func:`sel_teks`, everything else as openpyxl stores it."""
    if isinstance(nilai, str):
        return sel_teks(cell, nilai)
    cell.value = nilai
    return cell


def tulis(ws, baris: int, kolom: int, nilai):
    """``ws.cell(baris, kolom, nilai)`` with text kept as text; returns the cell."""
    return isi(ws.cell(row=baris, column=kolom), nilai)


def sel(ws, nilai, *, font=None, fill=None, alignment=None, border=None, number_format=None):
    """A cell for ``ws.append([...])`` (normal and write_only workbooks alike, like openpyxl's
    ``WriteOnlyCell``) holding ``nilai`` safely, with optional styles."""
    # row/column as WriteOnlyCell sets them: ws.append places the cell where it belongs.
    cell = isi(Cell(ws, row=1, column=1), nilai)
    for nama, gaya in (("font", font), ("fill", fill), ("alignment", alignment),
                       ("border", border), ("number_format", number_format)):
        if gaya is not None:
            setattr(cell, nama, gaya)
    return cell


def baris(ws, nilai_list) -> None:
    """Append one row of values, text kept as text."""
    ws.append([v if isinstance(v, Cell) else sel(ws, v) for v in nilai_list])


# --- opening ---------------------------------------------------------------------------------

def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def _ukuran(sumber) -> int | None:
    if isinstance(sumber, (str, os.PathLike)):
        return os.stat(sumber).st_size
    size = getattr(sumber, "size", None)
    if isinstance(size, int):
        return size
    try:
        posisi = sumber.tell()
        sumber.seek(0, os.SEEK_END)
        akhir = sumber.tell()
        sumber.seek(posisi)
        return akhir
    except (AttributeError, OSError, ValueError):
        return None


def _periksa_zip(sumber, nama: str) -> None:
    """Refuse a file whose zip directory promises more than a spreadsheet holds, before any
    byte of it is decompressed."""
    try:
        with zipfile.ZipFile(sumber) as zf:
            entri = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as e:
        raise BerkasTidakValid(
            f"{nama} tidak dapat dibaca sebagai .xlsx: bukan berkas Excel 2007 ke atas atau "
            "berkasnya rusak/terpotong; simpan sebagai Excel Workbook (.xlsx) lalu unggah lagi."
        ) from e
    finally:
        if hasattr(sumber, "seek"):
            sumber.seek(0)
    if len(entri) > _ENTRI_MAKS:
        raise BerkasTidakValid(f"{nama} berisi {len(entri)} bagian; bukan xlsx yang wajar.")
    maks_isi = settings.SAKIP_XLSX_MAKS_ISI
    total = sum(e.file_size for e in entri)
    if total > maks_isi:
        raise BerkasTidakValid(
            f"{nama} berisi {_mb(total)} data setelah dibuka, melebihi batas {_mb(maks_isi)}; "
            "bagi berkas menjadi beberapa bagian."
        )
    for e in entri:
        if e.file_size > _RASIO_MULAI and e.file_size > _RASIO_MAKS * max(e.compress_size, 1):
            raise BerkasTidakValid(
                f"{nama} ditolak: bagian '{e.filename}' mengembang {_mb(e.file_size)} dari "
                f"{_mb(e.compress_size)} (pola bom zip)."
            )


def _sebab(e: BaseException):
    """The exception and its causes (openpyxl wraps the parser's error in a ValueError)."""
    dilihat = set()
    while e is not None and id(e) not in dilihat:
        dilihat.add(id(e))
        yield e
        e = e.__cause__ or e.__context__


def _pesan_parser(e: Exception, nama: str) -> str:
    for x in _sebab(e):
        jenis = type(x).__name__
        if (type(x).__module__ or "").startswith("defusedxml") or "Forbidden" in jenis:
            return (f"{nama} tidak dapat dibaca sebagai .xlsx: berisi deklarasi entitas XML "
                    "(DTD) yang tidak diizinkan.")
        if isinstance(x, MemoryError):
            return f"{nama} terlalu besar untuk dibaca."
        if isinstance(x, KeyError):
            return (f"{nama} tidak dapat dibaca sebagai .xlsx: bagian wajib berkas xlsx "
                    f"tidak ada ({x})."[:300])
    return f"{nama} tidak dapat dibaca sebagai .xlsx: isinya rusak ({type(e).__name__})."


def buka_xlsx(sumber, *, nama: str = "Berkas"):
    """Open an uploaded xlsx (path, bytes or file object) read-only with formulas visible.

    Raises :class:`BerkasTidakValid` with an Indonesian message for anything that is not a sane
    xlsx; the caller closes the workbook (``wb.close()``). Rows read lazily: iterate them with
    :func:`baris_sel`, which turns a parser failure deep in a sheet into the same exception.
    """
    if isinstance(sumber, (bytes, bytearray, memoryview)):
        sumber = io.BytesIO(bytes(sumber))
    try:
        ukuran = _ukuran(sumber)
    except OSError as e:
        raise BerkasTidakValid(f"{nama} tidak dapat dibuka.") from e
    maks = settings.SAKIP_XLSX_MAKS_BYTES
    if ukuran is not None and ukuran > maks:
        raise BerkasTidakValid(f"{nama} berukuran {_mb(ukuran)}, melebihi batas {_mb(maks)}.")
    _periksa_zip(sumber, nama)
    try:
        return load_workbook(sumber, read_only=True, data_only=False)
    except Exception as e:  # noqa: BLE001 — openpyxl raises a dozen types for a broken file
        raise BerkasTidakValid(_pesan_parser(e, nama)) from e


def baris_sel(ws, *, nama: str = "Berkas", **kwargs):
    """``ws.iter_rows(**kwargs)`` (cells) with parser failures raised as BerkasTidakValid.

    A sheet's own ``<dimension>`` and row numbers decide how many cells openpyxl pads in: a
    few KB claiming ``A1:XFD1048576`` would otherwise make millions of empty cells. Columns
    are capped at ``_KOLOM_MAKS`` and a sheet above ``SAKIP_XLSX_MAKS_SEL`` cells is refused."""
    maks_sel = settings.SAKIP_XLSX_MAKS_SEL
    n = 0
    try:
        if "max_col" not in kwargs and (ws.max_column or 0) > _KOLOM_MAKS:
            kwargs["max_col"] = _KOLOM_MAKS
        for row in ws.iter_rows(**kwargs):
            n += len(row)
            if n > maks_sel:
                raise BerkasTidakValid(
                    f"Sheet {ws.title}: {nama} berisi lebih dari {maks_sel:,} sel".replace(",", ".")
                    + "; bagi berkas menjadi beberapa bagian.")
            yield row
    except BerkasTidakValid:
        raise
    except Exception as e:  # noqa: BLE001 — the sheet XML is parsed lazily, row by row
        raise BerkasTidakValid(f"Sheet {ws.title}: " + _pesan_parser(e, nama)) from e


# --- reading cells ---------------------------------------------------------------------------

def _tempat(cell) -> str:
    try:
        return f"sheet {cell.parent.title}, sel {cell.coordinate}"
    except AttributeError:
        return ""


def _unescape(teks: str) -> str:
    if "_x" not in teks:
        return teks
    return _RE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), teks)


def mentah(cell):
    """The value of a cell with formulas and error values made visible: a :class:`Rumus`, a
    :class:`GalatSel`, or what openpyxl reads (bool, datetime, number, text, None). Text has
    the OOXML escapes undone (``_x000D_`` → CR)."""
    nilai = cell.value
    tipe = getattr(cell, "data_type", None)
    if tipe == "f" or isinstance(nilai, (ArrayFormula, DataTableFormula)):
        teks_rumus = getattr(nilai, "text", None) or str(nilai or "=")
        return Rumus(teks_rumus if teks_rumus.startswith("=") else "=" + teks_rumus)
    if tipe == "e":
        return GalatSel(str(nilai))
    if isinstance(nilai, str):
        return _unescape(nilai)
    return nilai


def nilai_sel(cell):
    """The value of a cell, or :class:`SelTidakValid` for a formula or an error value."""
    return _tolak_rumus(mentah(cell), _tempat(cell))


def _tolak_rumus(nilai, tempat: str = ""):
    if isinstance(nilai, Rumus):
        raise SelTidakValid(f"isi nilai, bukan rumus ({nilai.teks[:40]})", tempat)
    if isinstance(nilai, GalatSel):
        raise SelTidakValid(f"berisi galat {nilai.teks}; isi nilai", tempat)
    return nilai


def angka(nilai, *, desimal: int | None = None, tempat: str = "") -> Decimal | None:
    """A number expected: a real number or Indonesian text (``1.250.000,50``) → Decimal; blank
    or ``-`` → None. Formulas, booleans, dates, NaN/inf, numbers of 16 or more integer digits
    and (when ``desimal`` is given) more decimals than the column keeps are SelTidakValid."""
    nilai = _tolak_rumus(nilai, tempat)
    if isinstance(nilai, bool):
        raise SelTidakValid(f"berisi {'TRUE' if nilai else 'FALSE'}, diharapkan angka", tempat)
    if isinstance(nilai, (dt.date, dt.time, dt.timedelta)):
        raise SelTidakValid("berisi tanggal/waktu, diharapkan angka", tempat)
    try:
        hasil = parse_angka(nilai.strip() if isinstance(nilai, str) else nilai)
    except ValueError as e:
        raise SelTidakValid(str(e), tempat) from e
    if hasil is None:
        return None
    if abs(hasil) >= BATAS_ANGKA:
        raise SelTidakValid(f"angka {nilai} terlalu besar (paling banyak 16 digit sebelum "
                            "koma)", tempat)
    if desimal is not None and -hasil.normalize().as_tuple().exponent > desimal:
        raise SelTidakValid(f"angka {nilai} memiliki lebih dari {desimal} angka di belakang "
                            "koma", tempat)
    return hasil


def teks(nilai, *, tempat: str = "") -> str:
    """Text expected (a value from :func:`mentah`): the cell as typed (numbers as written,
    ``1250`` not ``1250.0``; dates as ``31-12-2024``); blank → ''.
    Formulas and error values are SelTidakValid."""
    nilai = _tolak_rumus(nilai, tempat)
    if nilai is None:
        return ""
    if isinstance(nilai, str):
        return nilai
    if isinstance(nilai, bool):
        return "TRUE" if nilai else "FALSE"
    if isinstance(nilai, float):
        return str(int(nilai)) if nilai.is_integer() else repr(nilai)
    if isinstance(nilai, dt.datetime):
        return nilai.strftime("%d-%m-%Y %H:%M") if nilai.time() != dt.time() else \
            nilai.strftime("%d-%m-%Y")
    if isinstance(nilai, dt.date):
        return nilai.strftime("%d-%m-%Y")
    return str(nilai)


def angka_sel(cell, *, desimal: int | None = None) -> Decimal | None:
    """:func:`angka` of a cell; the error names the sheet and the cell."""
    return angka(mentah(cell), desimal=desimal, tempat=_tempat(cell))


def teks_sel(cell) -> str:
    """:func:`teks` of a cell; the error names the sheet and the cell."""
    return teks(mentah(cell), tempat=_tempat(cell))
