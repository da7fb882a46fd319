"""The Buku Kerja interface (design.md "Buku Kerja"): one ``Sheet`` subclass per sheet.

A sheet module knows its columns, writes its data rows for a perangkat daerah and year, and reads
rows back through the service functions. The framework (``bukukerja``) owns the workbook:
header row 1, case-insensitive header matching, the ``Tahun`` column of yearly sheets, the single
``transaction.atomic`` around every sheet, and the rollback when any sheet reports a galat.

Contract for ``Sheet.impor``:

* ``rows`` are dicts keyed by the lower-cased, stripped header text, plus ``"_baris"`` (the
  1-based Excel row number); empty rows are already skipped; cells are as ``sakip.xlsx.mentah``
  gives them (``int``/``float``/``str``/``bool``/``datetime``/``None``; a formula in a column
  the sheet reads was already refused by the framework) — parse numbers with ``sel_angka`` (real
  numbers and Indonesian text such as ``1.250.000,50``; TRUE/FALSE, dates and more decimals than
  the column keeps are galat) and composite values with ``sel_nilai_predikat``; stored free text
  (names, notes) with ``sel_teks_asli`` so an export reads back unchanged;
* write through services; raise nothing for bad data: return ``galat`` naming sheet, baris,
  kolom and what was expected, in Bahasa Indonesia (a ``ValidationError`` raised by a service
  should be caught and turned into a galat with ``galat_dari_validasi``);
* count ``dibuat`` / ``diubah`` / ``tetap`` so a re-import of an export reports only ``tetap``;
* ``konteks`` (``Konteks``) is shared by the sheets of one import: the bidang map (created on an
  office the import builds) and the refused keys — a row that needs a refused program/kegiatan,
  indicator or unknown bidang calls ``konteks.ikut_ditolak`` and is counted in that one galat;
  a row the sheet refuses registers what it would have created with ``konteks.tolak``.

Shared steps live here (``renstra_tahun``, ``galat_di_luar_renstra``, ``sel_target``) and in
``bukukerja.umum`` (matching texts, the Renstra of a sheet, writing targets), so every sheet
words the same problem the same way.

Yearly sheets (``perlu_tahun = True``: PK, Realisasi, Anggaran) get an extra ``Tahun`` column on
export, added by the framework after ``header()``; on import the framework resolves the year from
that column (or the ``--tahun`` override) and passes it as ``tahun``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from bukukerja.umum import renstra_berlaku
from sakip import xlsx
from sakip.lib.angka import parse_angka, parse_nilai_predikat

KOLOM_TAHUN = "Tahun"
# The decimals a column keeps (renstra.models NILAI and MONEY): a cell with more is refused,
# never rounded unseen (1234.567 in a realisasi anggaran cell used to end in a traceback).
NILAI_DESIMAL = 4
UANG_DESIMAL = 2


@dataclass
class Galat:
    sheet: str
    baris: int
    kolom: str
    pesan: str

    def __str__(self) -> str:
        tempat = f"sheet {self.sheet}"
        if self.baris:
            tempat += f", baris {self.baris}"
        if self.kolom:
            tempat += f", kolom {self.kolom}"
        return f"{tempat}: {self.pesan}"

    def as_dict(self) -> dict:
        return {"sheet": self.sheet, "baris": self.baris, "kolom": self.kolom,
                "pesan": self.pesan}


@dataclass
class HasilSheet:
    sheet: str
    dibuat: int = 0
    diubah: int = 0
    tetap: int = 0
    peringatan: list[str] = field(default_factory=list)
    galat: list[Galat] = field(default_factory=list)
    # What was created that the counts above do not show (the Renstra and bidang an import
    # builds an office with), as labels: "Renstra 2025–2029", "Bidang “Sekretariat”".
    baru: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "sheet": self.sheet, "dibuat": self.dibuat, "diubah": self.diubah,
            "tetap": self.tetap, "peringatan": list(self.peringatan),
            "galat": [g.as_dict() for g in self.galat], "baru": list(self.baru),
        }


@dataclass
class _Tolak:
    """A refused row (or sheet) that other rows depend on, and how many of them followed it."""

    galat: Galat
    turunan: int = 0


@dataclass
class Konteks:
    """What one workbook import shares across its sheets.

    ``bangun``: the office had no Renstra, so this import builds it (bidang named in the file are
    created rather than refused). ``bidang``: the office's bidang by name
    (``bukukerja.umum.PetaBidang``). ``baru``: what the import created that no sheet counts (the
    Renstra, bidang), listed in the report as *dibuat*.

    Refusals cascade without repeating themselves: a row whose program, kegiatan or indicator is
    refused registers its key with ``tolak``; a later row (of any sheet) that needs that key calls
    ``ikut_ditolak`` and is counted under the parent's galat ("12 baris turunan ikut ditolak")
    instead of adding a message of its own (one cause, one message).
    """

    bangun: bool = False
    bidang: Any = None
    baru: list[str] = field(default_factory=list)
    _tolak: dict[tuple[str, str], _Tolak] = field(default_factory=dict)
    # A sheet refused whole: every key of these kinds that is missing follows its galat.
    _tolak_semua: dict[str, _Tolak] = field(default_factory=dict)

    def tolak(self, jenis: str, kunci: str, galat: Galat | None) -> None:
        """Register ``(jenis, kunci)`` (``kode``/``indikator``) as refused by ``galat``."""
        if galat is None or (jenis, kunci) in self._tolak:
            return
        self._tolak[(jenis, kunci)] = self._tolak_untuk(galat)

    def tolak_semua(self, jenis: tuple[str, ...], galat: Galat | None) -> None:
        """A sheet providing keys of ``jenis`` was refused whole by ``galat``."""
        if galat is None:
            return
        for j in jenis:
            self._tolak_semua.setdefault(j, self._tolak_untuk(galat))

    def _tolak_untuk(self, galat: Galat) -> _Tolak:
        for t in (*self._tolak.values(), *self._tolak_semua.values()):
            if t.galat is galat:
                return t
        return _Tolak(galat)

    def ikut_ditolak(self, *perlu: tuple[str, str], juga: tuple = ()) -> bool:
        """True (and the row counted under its parent's galat) when the row needs a key of
        ``perlu`` (``("kode", "1.06.02")``) that was refused; the keys the row would have
        provided (``juga``) then follow the same parent. False when the row should report
        its own galat."""
        t = next((self._tolak[k] for k in perlu if k in self._tolak), None)
        if t is None:
            t = next((self._tolak_semua[k[0]] for k in perlu if k[0] in self._tolak_semua),
                     None)
        if t is None:
            return False
        t.turunan += 1
        for k in juga:
            self._tolak.setdefault(k, t)
        return True

    def tutup(self) -> None:
        """Name the followers' count in each parent galat (once, at the end of the import)."""
        dilihat = set()
        for t in (*self._tolak.values(), *self._tolak_semua.values()):
            if id(t) in dilihat or not t.turunan:
                continue
            dilihat.add(id(t))
            t.galat.pesan = f"{t.galat.pesan.rstrip()} ({t.turunan} baris turunan ikut ditolak)"


class _Gagal:
    """Returned by the cell helpers when the cell could not be read (a galat was recorded)."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "GAGAL"


GAGAL: Any = _Gagal()


class Sheet:
    """Subclass per sheet; see the module docstring for the import contract."""

    nama: str = ""
    kolom: list[str] = []
    # Headers that must be present for an import of this sheet (case-insensitive).
    wajib: tuple[str, ...] = ()
    # PK, Realisasi and Anggaran hold one year's data: the framework adds/reads a Tahun column.
    perlu_tahun: bool = False
    # The keys later rows depend on that this sheet provides (``Konteks.tolak``): a sheet refused
    # whole makes every missing key of these kinds follow its galat.
    menyediakan: tuple[str, ...] = ()

    def header(self, pd, tahun: int) -> list[str]:
        """Headers written by export, in order; override when columns depend on data."""
        return list(self.kolom)

    def ekspor(self, pd, tahun: int) -> list[list]:
        """Data rows in ``header()`` order (Decimal/str/None)."""
        raise NotImplementedError

    def impor(self, pd, tahun: int | None, rows: list[dict], *, user,
              konteks: Konteks | None = None) -> HasilSheet:
        raise NotImplementedError

    # --- helpers for subclasses --------------------------------------------------------------
    def galat(self, hasil: HasilSheet, baris: int, kolom: str, pesan: str) -> None:
        hasil.galat.append(Galat(self.nama, baris, kolom, pesan))

    def galat_dari_validasi(self, hasil: HasilSheet, baris: int, kolom: str,
                            e: ValidationError) -> None:
        """A service's ValidationError as galat(s) on one row."""
        if hasattr(e, "error_dict"):
            for name, errors in e.message_dict.items():
                for msg in errors:
                    label = kolom if name == "__all__" else f"{kolom} ({name})" if kolom else name
                    self.galat(hasil, baris, label, msg)
        else:
            for msg in e.messages:
                self.galat(hasil, baris, kolom, msg)

    def renstra_tahun(self, pd, tahun: int | None, rows: list[dict], hasil: HasilSheet):
        """The Renstra a yearly sheet (Realisasi, Anggaran) writes into, or None after a galat
        saying why there is none: the year is unknown or no Renstra covers it."""
        if tahun is None:
            self.galat(hasil, 1, KOLOM_TAHUN, "Tahun Buku Kerja tidak diketahui.")
            return None
        renstra = renstra_berlaku(pd, tahun)
        if renstra is None:
            self.galat(hasil, rows[0]["_baris"] if rows else 1, KOLOM_TAHUN,
                       f"Tidak ada Renstra {pd.nama} yang mencakup tahun {tahun}.")
        return renstra

    def galat_di_luar_renstra(self, hasil: HasilSheet, renstra, kolom: dict[str, dict]) -> bool:
        """A galat for every year column (``{"Target": {2030: ...}}``) outside the Renstra
        period; True when there was one (renstra-wide sheets hold the Renstra's years only)."""
        ada = False
        for jenis, cols in kolom.items():
            for t in cols:
                if t not in renstra.tahun_list:
                    akhir = renstra.tahun_akhir + renstra.tahun_tambahan
                    self.galat(hasil, 1, f"{jenis} {t}", f"Tahun {t} di luar periode Renstra "
                               f"{renstra.tahun_awal}–{akhir}.")
                    ada = True
        return ada

    def sel_target(self, row: dict, kolom_target: dict[int, str],
                   hasil: HasilSheet) -> dict[int, tuple]:
        """``{tahun: (nilai, teks)}`` of the ``Target YYYY`` cells that could be read (a galat is
        recorded for the others)."""
        targets = {}
        for t in kolom_target:
            v = self.sel_nilai_predikat(row, f"Target {t}", hasil)
            if v is not GAGAL:
                targets[t] = v
        return targets

    def sel_teks(self, row: dict, kolom: str) -> str:
        """Cell text, stripped; blank/None → ''. (A formula in a column the sheet reads was
        already refused by the framework.)"""
        value = row.get(kolom.lower())
        if value is None or isinstance(value, (xlsx.Rumus, xlsx.GalatSel)):
            return ""
        return " ".join(xlsx.teks(value).split())

    def sel_teks_asli(self, row: dict, kolom: str) -> str:
        """Cell text exactly as typed (tabs, line breaks and spacing kept) for free text that
        is stored — names, notes — so an export reads back unchanged; blank/whitespace → ''.
        Matching keys still go through ``norm``."""
        teks = self.sel_teks(row, kolom) and xlsx.teks(row.get(kolom.lower()))
        return teks if teks.strip() else ""

    def sel_angka(self, row: dict, kolom: str, hasil: HasilSheet, *,
                  desimal: int = NILAI_DESIMAL) -> Decimal | None:
        """A number cell (real number or Indonesian text); None when blank or '-'.

        Returns ``GAGAL`` (falsy) after recording a galat when the cell is not a number the
        column can keep: text that is no number, TRUE/FALSE, a date, a formula, more than
        ``desimal`` decimals or 16 integer digits (``sakip.xlsx.angka``).
        """
        try:
            return xlsx.angka(row.get(kolom.lower()), desimal=desimal)
        except xlsx.SelTidakValid as e:
            self.galat(hasil, row.get("_baris", 0), kolom, e.pesan)
            return GAGAL

    def sel_nilai_predikat(self, row: dict, kolom: str, hasil: HasilSheet):
        """``77,26 (BB)`` → (Decimal('77.26'), 'BB'); a real number → (n, ''); blank → (None, '').

        Returns ``GAGAL`` after recording a galat when the cell cannot be read.
        """
        value = row.get(kolom.lower())
        if not isinstance(value, str):
            # Numbers, TRUE/FALSE, dates and formulas: only a real number is a value here
            # (TRUE used to be read as the predikat "TRUE").
            v = self.sel_angka(row, kolom, hasil)
            return GAGAL if v is GAGAL else (v, "")
        text = str(value).strip()
        try:
            return parse_angka(text), ""
        except ValueError:
            pass
        try:
            nilai, predikat = parse_nilai_predikat(text)
        except ValueError as e:
            self.galat(hasil, row.get("_baris", 0), kolom, str(e))
            return GAGAL
        return nilai, predikat or ""


