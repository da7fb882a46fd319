"""Buku Kerja: one xlsx per perangkat daerah per year (design.md "Buku Kerja").

``ekspor_workbook(pd, tahun)`` writes every sheet; ``impor_workbook(file, pd)`` reads the sheets
present (an absent sheet changes nothing) inside ONE ``transaction.atomic``: any galat on any
sheet rolls everything back (design.md: "an import either commits all rows or none"), and a dry
run always rolls back after validating.

Sheets, in import order (Program links to Sasaran, PK needs both): Sasaran, Program, PK,
Realisasi, Anggaran.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font

from bukukerja.base import KOLOM_TAHUN, Galat, HasilSheet, Konteks, Sheet
from bukukerja.sheet_anggaran import AnggaranSheet
from bukukerja.sheet_pk import PKSheet
from bukukerja.sheet_program import ProgramSheet
from bukukerja.sheet_realisasi import RealisasiSheet
from bukukerja.sheet_sasaran import SasaranSheet
from bukukerja.umum import ALASAN, PetaBidang, kolom_tahun
from renstra import services as renstra_services
from renstra.models import Renstra
from sakip import audit, xlsx
from sakip.models import JejakAudit

__all__ = ["Galat", "HasilSheet", "Sheet", "daftar_sheet", "ekspor_workbook", "impor_workbook"]

# The name workbook-level results and galat carry (not a sheet of the file).
BUKU_KERJA = "Buku Kerja"


def daftar_sheet() -> list[Sheet]:
    """Instances of every sheet, in workbook (and import) order."""
    return [SasaranSheet(), ProgramSheet(), PKSheet(), RealisasiSheet(), AnggaranSheet()]


# --- export ----------------------------------------------------------------------------------

def ekspor_workbook(pd, tahun: int):
    """The Buku Kerja of ``pd`` for ``tahun`` as an openpyxl Workbook (numbers as real numbers)."""
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for sheet in daftar_sheet():
        ws = wb.create_sheet(sheet.nama)
        header = sheet.header(pd, tahun)
        if sheet.perlu_tahun:
            header = [*header, KOLOM_TAHUN]
        # Every text goes through sakip.xlsx: a program renamed "=1+1" stays text in the
        # download and reads back as the same text (cells are data, never formulas).
        ws.append([xlsx.sel(ws, judul, font=bold) for judul in header])
        for row in sheet.ekspor(pd, tahun):
            row = [_sel(v) for v in row]
            if sheet.perlu_tahun:
                row.append(tahun)
            xlsx.baris(ws, row)
        ws.freeze_panes = "A2"
        for i, judul in enumerate(header, start=1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = max(10, min(60, len(
                str(judul)) + 4))
    return wb


def _sel(value):
    # A Decimal with an integral value is written as int so Excel shows 580, not 580.0000.
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return value
    return value


# --- import ----------------------------------------------------------------------------------

def _baca_sheet(ws) -> tuple[list[str], list[dict]]:
    """Header keys and data rows of a sheet. Values come from ``sakip.xlsx.mentah``: a formula
    or an error value stays visible as ``xlsx.Rumus``/``xlsx.GalatSel`` (refused later by
    ``_galat_rumus``) instead of reading as a blank that would erase a stored value."""
    rows_iter = (tuple(xlsx.mentah(c) for c in cells)
                 for cells in xlsx.baris_sel(ws, nama="Buku Kerja"))
    try:
        header_row = next(rows_iter)
    except StopIteration:
        return [], []
    keys = []
    for h in header_row:
        keys.append(" ".join(xlsx.teks(h).split()).lower()
                    if h is not None and not isinstance(h, (xlsx.Rumus, xlsx.GalatSel)) else None)
    rows = []
    for nomor, values in enumerate(rows_iter, start=2):
        if values is None or all(v is None or (isinstance(v, str) and not v.strip())
                                 for v in values):
            continue
        row: dict = {"_baris": nomor}
        for key, value in zip(keys, values):
            if key and key not in row:
                row[key] = value
        rows.append(row)
    return [k for k in keys if k], rows


def _tahun_dari_kolom(sheet: Sheet, rows: list[dict], hasil: HasilSheet) -> int | None:
    found: dict[int, int] = {}
    for row in rows:
        value = row.get(KOLOM_TAHUN.lower())
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        try:
            tahun = int(Decimal(str(value).strip()))
            if not 2000 <= tahun <= 2100:
                raise ValueError
        except (ValueError, ArithmeticError):
            sheet.galat(hasil, row["_baris"], KOLOM_TAHUN,
                        f"Tahun '{value}' tidak valid; diharapkan tahun empat angka, mis. 2024.")
            return None
        found.setdefault(tahun, row["_baris"])
    if len(found) > 1:
        tahun_list = ", ".join(str(t) for t in sorted(found))
        sheet.galat(hasil, 0, KOLOM_TAHUN,
                    f"Satu Buku Kerja berisi satu tahun, tetapi kolom Tahun memuat {tahun_list}.")
        return None
    return next(iter(found), None)


@dataclass
class _Dibaca:
    """A known sheet read from the file, with the result its import fills in."""

    sheet: Sheet
    header: list[str]
    rows: list[dict]
    hasil: HasilSheet


def impor_workbook(path_or_file, pd, *, tahun: int | None = None, user=None,
                   dry_run: bool = False,
                   periode: tuple[int, int] | None = None) -> list[HasilSheet]:
    """Import every known sheet present in the workbook, all or nothing.

    On an office without a Renstra the import builds the office: the Renstra over the years of
    the ``Target YYYY``/``Pagu YYYY`` columns (or ``periode``, (awal, akhir)), the bidang the
    file names, then every sheet — listed in the ``Buku Kerja`` result's ``baru``.

    Returns one HasilSheet per sheet read (plus one named ``Buku Kerja`` for workbook-level
    problems and what the import created beyond the sheets' counts, e.g. ``Renstra 2025–2029``,
    ``Bidang “Sekretariat”``). Nothing is saved when any
    result has a galat, or when ``dry_run``.
    """
    umum = HasilSheet(sheet=BUKU_KERJA)
    dibaca = _baca_workbook(path_or_file, umum)
    if not dibaca:
        return [umum]
    tahun_sheet = _tahun_per_sheet(dibaca, tahun)
    tahun_buku = tahun if tahun is not None else _tahun_buku(tahun_sheet, umum)
    hasil_list = [umum] + [d.hasil for d in dibaca]
    with transaction.atomic():
        konteks = Konteks(bangun=not Renstra.objects.filter(perangkat_daerah=pd).exists())
        if _siapkan_renstra(dibaca, pd, tahun_buku, periode, umum, konteks, user=user):
            konteks.bidang = PetaBidang(pd, boleh_buat=konteks.bangun, user=user)
            for d in dibaca:
                t = (tahun_sheet.get(d.sheet.nama, tahun_buku) if d.sheet.perlu_tahun
                     else tahun_buku)
                _impor_sheet(d, pd, t, user=user, konteks=konteks)
            umum.baru += [f"Bidang \u201c{nama}\u201d" for nama in konteks.bidang.baru]
        umum.dibuat = len(umum.baru)
        konteks.tutup()
        if dry_run or any(h.galat for h in hasil_list):
            transaction.set_rollback(True)
    return hasil_list


def _siapkan_renstra(dibaca, pd, tahun_buku, periode, umum, konteks, *, user) -> bool:
    """Create the Renstra when the import builds the office, or check ``periode`` against the
    Renstra the office has; False after a galat (then no sheet is imported: every row would
    only repeat that there is no Renstra — the rows are counted in the galat instead)."""
    n_galat = len(umum.galat)
    if konteks.bangun:
        renstra = _renstra_baru(dibaca, pd, tahun_buku, periode, umum, user=user)
        if renstra is not None:
            umum.baru.append(f"Renstra {renstra.tahun_awal}–{renstra.tahun_akhir}")
    elif periode is not None and not Renstra.objects.filter(
            perangkat_daerah=pd, tahun_awal=periode[0], tahun_akhir=periode[1]).exists():
        ada = ", ".join(f"{r.tahun_awal}–{r.tahun_akhir}"
                        for r in Renstra.objects.filter(perangkat_daerah=pd))
        umum.galat.append(Galat(BUKU_KERJA, 0, "", (
            f"Periode {periode[0]}–{periode[1]} tidak sesuai Renstra {pd.nama} yang ada ({ada}); "
            "periode hanya ditentukan saat Buku Kerja membangun kantor yang belum punya "
            "Renstra.")))
    if len(umum.galat) == n_galat:
        return True
    n = sum(len(d.rows) for d in dibaca)
    if n:
        umum.galat[-1].pesan += f" ({n} baris ikut ditolak)"
    return False


def _tahun_kolom(dibaca) -> dict[int, str]:
    """{tahun: "Target 2025"} of the year columns of the renstra-wide sheets."""
    out: dict[int, str] = {}
    for d in dibaca:
        if d.sheet.perlu_tahun:
            continue
        for jenis in ("target", "pagu"):
            for t in kolom_tahun(d.header, jenis):
                out.setdefault(t, f"{d.sheet.nama}: {jenis.capitalize()} {t}")
    return out


def _renstra_baru(dibaca, pd, tahun_buku, periode, umum, *, user):
    """The Renstra of an office built from the workbook, over its year columns (or
    ``periode``, which must cover them and the workbook's year); None after a galat."""
    kolom = _tahun_kolom(dibaca)
    if periode is None:
        if not kolom:
            umum.galat.append(Galat(BUKU_KERJA, 0, "", (
                f"{pd.nama} belum punya Renstra dan periodenya tidak diketahui: sertakan sheet "
                "Sasaran atau Program dengan kolom Target YYYY, atau tentukan periode "
                "(--periode AAAA-BBBB).")))
            return None
        periode = (min(kolom), max(kolom))
    awal, akhir = periode
    di_luar = [kolom[t] for t in sorted(kolom) if not awal <= t <= akhir]
    if tahun_buku is not None and not awal <= tahun_buku <= akhir:
        di_luar.append(f"tahun Buku Kerja {tahun_buku}")
    if di_luar:
        umum.galat.append(Galat(BUKU_KERJA, 0, KOLOM_TAHUN, (
            f"Periode Renstra {awal}–{akhir} tidak mencakup " + ", ".join(di_luar)
            + "; sesuaikan periode atau kolom tahunnya.")))
        return None
    try:
        renstra = renstra_services.renstra_create(
            perangkat_daerah=pd, tahun_awal=awal, tahun_akhir=akhir,
            nama=f"Renstra {pd.nama}"[:200])
    except ValidationError as e:
        umum.galat.append(Galat(BUKU_KERJA, 0, "", (
            f"Renstra {awal}–{akhir} tidak dapat dibuat: " + " ".join(e.messages))))
        return None
    audit.catat(user=user, obj=renstra, aksi=JejakAudit.Aksi.BUAT, perangkat_daerah=pd,
                field="impor", baru="Buku Kerja", alasan=ALASAN)
    return renstra


def _baca_workbook(path_or_file, umum: HasilSheet) -> list[_Dibaca]:
    """The known sheets of the file, in import order; unknown sheets are reported and ignored.
    An unreadable file or one without a known sheet is a galat and gives no sheet."""
    try:
        wb = xlsx.buka_xlsx(path_or_file, nama="Berkas")
    except xlsx.BerkasTidakValid as e:
        umum.galat.append(Galat(BUKU_KERJA, 0, "", str(e)))
        return []
    try:
        sheets = daftar_sheet()
        by_name = {" ".join(ws.title.split()).lower(): ws for ws in wb.worksheets}
        dikenal = {s.nama.lower() for s in sheets}
        for ws in wb.worksheets:
            if " ".join(ws.title.split()).lower() not in dikenal:
                umum.peringatan.append(f"Sheet '{ws.title}' tidak dikenal dan diabaikan.")
        dibaca = []
        for sheet in sheets:
            ws = by_name.get(sheet.nama.lower())
            if ws is not None:
                dibaca.append(_Dibaca(sheet, *_baca_sheet(ws), HasilSheet(sheet=sheet.nama)))
    except xlsx.BerkasTidakValid as e:
        umum.galat.append(Galat(BUKU_KERJA, 0, "", str(e)))
        return []
    finally:
        wb.close()
    if not dibaca:
        umum.galat.append(Galat(
            BUKU_KERJA, 0, "",
            "Tidak ada sheet yang dikenal; diharapkan salah satu dari: "
            + ", ".join(s.nama for s in sheets) + ".",
        ))
    return dibaca


def _tahun_per_sheet(dibaca: list[_Dibaca], tahun: int | None) -> dict[str, int | None]:
    """The year of each yearly sheet: --tahun wins, else the sheet's Tahun column (a galat
    when a sheet with rows has none)."""
    out: dict[str, int | None] = {}
    for d in dibaca:
        if not d.sheet.perlu_tahun:
            continue
        if tahun is not None:
            out[d.sheet.nama] = tahun
            continue
        t = _tahun_dari_kolom(d.sheet, d.rows, d.hasil)
        if t is None and not d.hasil.galat and d.rows:
            d.sheet.galat(d.hasil, 1, KOLOM_TAHUN,
                          "Tahun tidak diketahui: isi kolom Tahun atau beri opsi --tahun.")
        out[d.sheet.nama] = t
    return out


def _tahun_buku(tahun_sheet: dict[str, int | None], umum: HasilSheet) -> int | None:
    """The workbook's year from its yearly sheets, which the renstra-wide sheets (Sasaran,
    Program) also get; sheets of different years are a galat (one Buku Kerja, one year)."""
    known = {t for t in tahun_sheet.values() if t is not None}
    if len(known) > 1:
        umum.galat.append(Galat(BUKU_KERJA, 0, KOLOM_TAHUN,
                                "Sheet berisi tahun yang berbeda: "
                                + ", ".join(str(t) for t in sorted(known)) + "."))
        return None
    return known.pop() if known else None


def _impor_sheet(d: _Dibaca, pd, tahun: int | None, *, user, konteks: Konteks) -> None:
    """Import one sheet into its result unless its year or its required columns are missing
    (then the keys it provides follow that galat); an empty sheet changes nothing."""
    if not _bisa_diimpor(d):
        konteks.tolak_semua(d.sheet.menyediakan, d.hasil.galat[0] if d.hasil.galat else None)
        return
    if not d.rows:
        return
    res = d.sheet.impor(pd, tahun, d.rows, user=user, konteks=konteks)
    d.hasil.dibuat += res.dibuat
    d.hasil.diubah += res.diubah
    d.hasil.tetap += res.tetap
    d.hasil.peringatan.extend(res.peringatan)
    d.hasil.galat.extend(res.galat)


def _bisa_diimpor(d: _Dibaca) -> bool:
    """False after a galat when the sheet's year is unknown, a cell holds a formula or a
    required column is missing."""
    if d.hasil.galat or _galat_rumus(d):
        return False
    missing = [k for k in d.sheet.wajib if k.lower() not in d.header]
    for k in missing:
        d.sheet.galat(d.hasil, 1, k, f"Kolom wajib '{k}' tidak ada pada baris judul.")
    return not missing


_RE_KOLOM_TAHUNAN = re.compile(r"^(target|pagu)\s+\d{4}$")


def _galat_rumus(d: _Dibaca) -> bool:
    """A galat for every formula or error value in a column the sheet reads (extra columns
    stay ignored); True when there was one. A formula is refused, never read as blank: a
    blank would erase the stored value (design.md: bad input never half-lands)."""
    dikenal = {k.lower() for k in (*d.sheet.kolom, *d.sheet.wajib, KOLOM_TAHUN)}
    ada = False
    for row in d.rows:
        for key, value in row.items():
            if not isinstance(value, (xlsx.Rumus, xlsx.GalatSel)):
                continue
            if key in dikenal or _RE_KOLOM_TAHUNAN.match(key):
                kolom = next((k for k in d.sheet.kolom if k.lower() == key), key)
                pesan = (f"isi nilai, bukan rumus ({str(value)[:40]})"
                         if isinstance(value, xlsx.Rumus) else f"berisi galat {value}; isi nilai")
                d.sheet.galat(d.hasil, row["_baris"], kolom, pesan)
                ada = True
    return ada
