"""Reading a Renstra "Tabel 4.2 Rencana Program/Kegiatan/Sub Kegiatan dan Pendanaan" into plain
data: :func:`baca_tabel42` turns the xlsx into a :class:`Tabel42` (nodes, indicators, targets and
pagu per year) with a :class:`Galat` for every cell that cannot be read and a
:class:`Peringatan` for what can be read but looks wrong. No database access.

design.md "Renstra table import"; rules domain.md §6 (codes), §7.1 (the layout, outcomes owning a
subset of kegiatan), §8.1 (numbers as typed), §9 items 10, 11, 13 (units, NULL ≠ 0, Σ children =
parent), §10.3 R-01…R-11 (the test cases).

The layout (sample: shared/samples/renstra_tabel_4_2_sample.xlsx): title rows; header rows with a
"(01)…(16)" column-number row; a row of years over TARGET/PAGU pairs (years are read, never
assumed — Bekasi plans 2030 for a 2025–2029 Renstra, R-11); then data rows. A *code row* has
``KODE - NAMA`` in column A (urusan, bidang urusan, program, kegiatan or sub kegiatan; a kegiatan
may carry its indicator in column B). An *indicator row* (no code) under a program is an
outcome, under a kegiatan a kegiatan indicator, under a sub kegiatan its output — except an
outcome row of the program that starts the next group of kegiatan (§7.1: Program Penunjang's
four outcomes each own a subset of kegiatan): an indicator row with a new column-A text, after
the sub kegiatan already has its output, directly followed by a kegiatan of the same program.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter

from renstra.kode import KodeTidakSah, kode_induk, level_kode, pisah_kode_nama, tampak_seperti_kode
from sakip import xlsx
from sakip.lib.angka import format_rupiah, jumlah, parse_angka, parse_nilai_satuan, salah_negatif

# Rows searched for the header; Renstra tables have a few title rows before it.
BARIS_HEADER_MAKS = 40
LEVEL_NODE = ("program", "kegiatan", "subkegiatan")
LABEL_LEVEL = {"urusan": "Urusan", "bidang_urusan": "Bidang urusan", "program": "Program",
                "kegiatan": "Kegiatan", "subkegiatan": "Sub kegiatan"}
_SPASI = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " "})
_RE_TAHUN = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
# Headers that carry a year but are not a TARGET/PAGU year column (the baseline, the final
# condition of T-C.27, realisations in Tabel 2.x-like layouts).
_RE_BUKAN_KOLOM_TAHUN = re.compile(r"BASELINE|KONDISI|CAPAIAN|REALISASI|AKHIR|AWAL|PERIODE",
                                   re.IGNORECASE)
_RE_NOMOR_KOLOM = re.compile(r"\(?\d{1,2}\)?")
_RE_SATUAN_KURUNG = re.compile(r"^(?P<uraian>.*\S)\s*\((?P<satuan>[^()]{1,40})\)\s*$", re.DOTALL)
_KOSONG_STRIP = frozenset({"-", "–", "—"})


# --- results ---------------------------------------------------------------------------------

@dataclass
class Galat:
    """What cannot be read: the import is refused, nothing is written."""

    baris: int
    kolom: str
    pesan: str
    judul_kolom: str = ""
    sheet: str = ""

    def __str__(self) -> str:
        tempat = []
        if self.sheet:
            tempat.append(f"sheet {self.sheet}")
        if self.baris:
            tempat.append(f"baris {self.baris}")
        if self.kolom:
            tempat.append(f"kolom {self.kolom}"
                          + (f" ({self.judul_kolom})" if self.judul_kolom else ""))
        return (", ".join(tempat) + ": " if tempat else "") + self.pesan

    def as_dict(self) -> dict:
        return {"baris": self.baris, "kolom": self.kolom, "pesan": self.pesan,
                "judul_kolom": self.judul_kolom, "sheet": self.sheet}


@dataclass
class Peringatan:
    """What can be read but looks wrong: imported, and reported."""

    kode: str
    pesan: str
    baris: int | None = None

    def __str__(self) -> str:
        return (f"{self.kode}: " if self.kode else "") + self.pesan

    def as_dict(self) -> dict:
        return {"kode": self.kode, "pesan": self.pesan, "baris": self.baris}


@dataclass
class Nilai:
    """One target cell: number and/or qualitative text, the unit typed in the cell."""

    nilai: Decimal | None = None
    teks: str = ""
    satuan: str | None = None
    strip: bool = False  # "-": deliberately no target
    # Set by the unit check that writes the warning, so the preview marks exactly the cells the
    # warning list names ("Persen" and "%" are one unit there and here).
    beda_satuan: bool = False

    @property
    def kosong(self) -> bool:
        return self.nilai is None and not self.teks


@dataclass
class IndikatorBaris:
    baris: int
    keluaran: str
    uraian: str
    satuan: str
    pemilik: Node
    baseline: Decimal | None = None
    target: dict[int, Nilai] = field(default_factory=dict)
    pagu: dict[int, Decimal | None] = field(default_factory=dict)
    ada_pagu: bool = False
    grup: GrupOutcome | None = None
    desimal: int = 0
    dari_baris_kode: bool = False
    urutan: int = 0  # position in the file (row numbers shift when a header row is added)
    status: str = ""
    obj: Any = field(default=None, repr=False)
    tahun_ditulis: list[int] = field(default_factory=list)  # years whose target is new/changed

    @property
    def level(self) -> str:
        return self.pemilik.level

    @property
    def kunci(self) -> str:
        return kunci_teks(self.uraian)

    def target_list(self, tahun: list[int]) -> list[Nilai | None]:
        return [self.target.get(t) for t in tahun]

    @property
    def kegiatan_terkait(self) -> list[Node]:
        """An outcome's kegiatan (§7.1); empty for other indicators."""
        return list(self.grup.kegiatan) if self.grup is not None else []


@dataclass
class GrupOutcome:
    """Consecutive outcome rows of a program and the kegiatan that follow them (§7.1)."""

    baris: int
    indikator: list[IndikatorBaris] = field(default_factory=list)
    kegiatan: list[Node] = field(default_factory=list)
    pagu: dict[int, Decimal | None] = field(default_factory=dict)
    ada_pagu: bool = False


@dataclass
class Node:
    level: str
    kode: str
    nama: str
    baris: int
    induk: Node | None = None
    anak: list[Node] = field(default_factory=list)
    indikator: list[IndikatorBaris] = field(default_factory=list)
    pagu: dict[int, Decimal | None] = field(default_factory=dict)
    ada_pagu: bool = False
    grup: list[GrupOutcome] = field(default_factory=list)
    urutan: int = 0
    status: str = ""
    tahun_ditulis: list[int] = field(default_factory=list)  # years whose pagu is new/changed

    @property
    def label(self) -> str:
        return LABEL_LEVEL[self.level]

    def pagu_list(self, tahun: list[int]) -> list[Decimal | None]:
        return [self.pagu.get(t) for t in tahun]


@dataclass
class Kolom:
    """Where things are in this sheet (0-based column indexes)."""

    uraian: int = 0
    indikator: int = 1
    baseline: int | None = None
    keterangan: int | None = None
    kode: int | None = None
    tahun: dict[int, tuple[int | None, int | None]] = field(default_factory=dict)
    baseline_tahun: int | None = None
    data_mulai: int = 0
    judul: dict[int, str] = field(default_factory=dict)
    nomor_kolom_baris: int | None = None
    baris_tahun: int = 0


@dataclass
class Tabel42:
    sheet: str = ""
    kolom: Kolom = field(default_factory=Kolom)
    urusan: list[Node] = field(default_factory=list)
    program: list[Node] = field(default_factory=list)
    total: dict[int, Decimal | None] | None = None
    total_baris: int | None = None
    galat: list[Galat] = field(default_factory=list)
    peringatan: list[Peringatan] = field(default_factory=list)

    @property
    def tahun(self) -> list[int]:
        return sorted(self.kolom.tahun)

    def nodes(self, level: str | None = None):
        for p in self.program:
            if level in (None, "program"):
                yield p
            for k in p.anak:
                if level in (None, "kegiatan"):
                    yield k
                for s in k.anak:
                    if level in (None, "subkegiatan"):
                        yield s

    def indikator(self):
        for n in self.nodes():
            yield from n.indikator

    def jumlah(self) -> dict[str, int]:
        return {
            "program": len(self.program),
            "kegiatan": sum(1 for _ in self.nodes("kegiatan")),
            "subkegiatan": sum(1 for _ in self.nodes("subkegiatan")),
            "indikator": sum(1 for _ in self.indikator()),
        }

    def pagu_total(self) -> dict[int, Decimal | None]:
        return {t: jumlah(p.pagu.get(t) for p in self.program) for t in self.tahun}


# --- small helpers ---------------------------------------------------------------------------

def _teks(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).translate(_SPASI).split())


def kunci_teks(teks: str) -> str:
    """Comparison key for free text: case, spacing and punctuation do not make a new item."""
    return " ".join(re.sub(r"[^\w%]+", " ", teks.casefold()).split())


def _kunci_satuan(satuan: str | None) -> str:
    if not satuan:
        return ""
    s = re.sub(r"\s+", "", satuan.casefold()).rstrip(".")
    return {"persen": "%", "prosen": "%", "rupiah": "rp", "rp.": "rp"}.get(s, s)


def jumlah_desimal(n: Decimal | None) -> int:
    if n is None:
        return 0
    exp = n.normalize().as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def rentang_tahun(tahun: list[int]) -> str:
    """[2025, 2026, 2028] → "2025, 2026, 2028"; [2025…2030] → "2025–2030"."""
    if len(tahun) > 2 and tahun == list(range(tahun[0], tahun[-1] + 1)):
        return f"{tahun[0]}–{tahun[-1]}"
    return ", ".join(str(t) for t in tahun)


def _tahun_sel(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer():
        n = int(value)
    else:
        # "2025", "Tahun 2025", "2025 (Tahun ke-1)", "Tahun ke-1 (2025)": one year, short cell.
        teks = _teks(value)
        tahun = _RE_TAHUN.findall(teks)
        if len(tahun) != 1 or len(teks) > 30 or _RE_BUKAN_KOLOM_TAHUN.search(teks):
            return None
        n = int(tahun[0])
    return n if 2000 <= n <= 2100 else None


def _label_nilai(teks: str) -> str | None:
    t = teks.upper()
    if "TARGET" in t or "KINERJA" in t or t in ("K", "T"):
        return "target"
    if "PAGU" in t or "ANGGARAN" in t or "DANA" in t or re.search(r"\bRP\b", t):
        return "pagu"
    return None


def parse_periode(teks: str) -> tuple[int, int]:
    """``"2025-2029"`` → ``(2025, 2029)``; raises ValueError with an Indonesian message."""
    cocok = re.fullmatch(r"\s*(\d{4})\s*[-–/]\s*(\d{4})\s*", teks or "")
    if not cocok:
        raise ValueError(f"Periode '{teks}' tidak dikenali: tulis tahun awal-tahun akhir, "
                         "mis. 2025-2029")
    awal, akhir = int(cocok[1]), int(cocok[2])
    if not (2000 <= awal <= 2100) or akhir < awal or akhir - awal > 9:
        raise ValueError(f"Periode '{teks}' tidak wajar: tahun akhir harus ≥ tahun awal dan "
                         "paling lama 10 tahun")
    return awal, akhir


# --- step 1: read the sheet -------------------------------------------------------------------

class _Pembaca:
    def __init__(self, rows: list[tuple], sheet: str):
        self.rows = rows
        self.t = Tabel42(sheet=sheet)
        self.k = self.t.kolom
        self.bidang: str | None = None
        self.urusan_aktif: Node | None = None
        self.program: Node | None = None
        self.kegiatan: Node | None = None
        self.node: Node | None = None
        # (owner, outcome group, keluaran) a row with a blank column A continues.
        self.lanjutan: tuple[Node, GrupOutcome | None, str] | None = None
        self.rusak = False
        self.induk_ditolak: set[str] = set()
        self.kode_dilihat: dict[str, int] = {}
        self.urutan = 0
        self.urutan_ind = 0

    # -- messages
    def galat(self, baris: int, col: int | None, pesan: str) -> None:
        kolom = get_column_letter(col + 1) if col is not None else ""
        judul = self.k.judul.get(col, "") if col is not None else ""
        self.t.galat.append(Galat(baris, kolom, pesan, judul, self.t.sheet))

    def warn(self, kode: str, pesan: str, baris: int | None = None) -> None:
        self.t.peringatan.append(Peringatan(kode, pesan, baris))

    def sel(self, row: tuple, col: int | None) -> Any:
        if col is None or col >= len(row):
            return None
        v = row[col]
        if isinstance(v, str):
            v = v.translate(_SPASI).strip()
            return v or None
        return v

    # -- header
    def header(self) -> bool:
        """Find the header rows and the columns: kode/uraian/indikator/baseline/keterangan by
        their labels, a TARGET/PAGU pair under every year. False when the data cannot be read."""
        yr_row = self._baris_tahun()
        if yr_row is None:
            self.galat(0, None, "Judul kolom tahun (mis. 2025, 2026, …) tidak ditemukan pada "
                       f"{BARIS_HEADER_MAKS} baris pertama: diharapkan baris judul Tabel 4.2 "
                       "dengan tahun di atas pasangan kolom TARGET dan PAGU")
            return False
        self.k.baris_tahun = yr_row + 1
        top = yr_row
        while top > 0 and sum(1 for v in self.rows[top - 1] if _teks(v)) >= 2:
            top -= 1
        sub_row = self._baris_sub_judul(yr_row)
        last = self._baris_nomor_kolom_sesudah(sub_row if sub_row is not None else yr_row)
        self.k.data_mulai = last + 1
        ncol = max(len(self.rows[r]) for r in range(top, last + 1))
        label = {c: " ".join(_teks(self.rows[r][c]) for r in range(top, last + 1)
                             if c < len(self.rows[r]) and _teks(self.rows[r][c])).upper()
                 for c in range(ncol)}
        khusus = self._kolom_khusus(label)
        ok = self._kolom_tahun(yr_row, sub_row, khusus, ncol)
        self.k.judul.setdefault(self.k.uraian, "Uraian")
        self.k.judul.setdefault(self.k.indikator, "Indikator")
        if self.k.baseline is not None:
            self.k.judul[self.k.baseline] = "Baseline"
        if self.k.kode is not None:
            self.k.judul[self.k.kode] = "Kode"
        return ok

    def _baris_tahun(self) -> int | None:
        for r in range(min(BARIS_HEADER_MAKS, len(self.rows))):
            years = [c for c, v in enumerate(self.rows[r]) if _tahun_sel(v) and c > 0]
            if len(years) >= 2:
                return r
        return None

    def _baris_sub_judul(self, yr_row: int) -> int | None:
        """The TARGET/PAGU row under the years, when there is one."""
        if yr_row + 1 >= len(self.rows):
            return None
        row = self.rows[yr_row + 1]
        if any(_label_nilai(_teks(v)) for v in row) and not any(
                tampak_seperti_kode(_teks(v)) for v in row[:2]):
            return yr_row + 1
        return None

    def _baris_nomor_kolom_sesudah(self, last: int) -> int:
        for r in range(last + 1, min(last + 4, len(self.rows))):
            if self._baris_nomor_kolom(self.rows[r]):
                self.k.nomor_kolom_baris = r
                return r
        return last

    def _kolom_khusus(self, label: dict[int, str]) -> set[int | None]:
        kode_col = next((c for c, t in label.items() if t.strip() == "KODE"), None)
        self.k.kode = kode_col
        uraian = 0 if kode_col != 0 else next(
            (c for c, t in label.items() if c != kode_col and re.search(
                r"PROGRAM|URAIAN|URUSAN", t)), 1)
        self.k.uraian = uraian
        self.k.indikator = next(
            (c for c, t in label.items() if "INDIKATOR" in t and c not in (uraian, kode_col)),
            uraian + 1)
        self.k.baseline = next(
            (c for c, t in label.items() if re.search(
                r"BASELINE|KONDISI (KINERJA )?AWAL|CAPAIAN (PADA )?(TAHUN )?AWAL|DATA CAPAIAN", t)),
            None)
        self.k.keterangan = next((c for c, t in label.items() if "KETERANGAN" in t), None)
        if self.k.baseline is not None:
            cocok = re.search(r"(20\d\d)", label[self.k.baseline])
            self.k.baseline_tahun = int(cocok[1]) if cocok else None
        return {uraian, self.k.indikator, self.k.baseline, self.k.keterangan, kode_col}

    def _kolom_tahun(self, yr_row: int, sub_row: int | None, khusus: set, ncol: int) -> bool:
        """A TARGET and a PAGU column under every year, between it and the next year."""
        year_cells = [(c, _tahun_sel(v)) for c, v in enumerate(self.rows[yr_row])
                      if _tahun_sel(v) and c not in khusus]
        batas = sorted(c for c in khusus if c is not None)
        ok = True
        for i, (c, y) in enumerate(year_cells):
            end = year_cells[i + 1][0] if i + 1 < len(year_cells) else ncol
            span = list(range(c, min([end] + [b for b in batas if b > c])))
            if y in self.k.tahun:
                self.galat(yr_row + 1, c, f"Tahun {y} muncul dua kali di judul kolom: setiap "
                           "tahun harus punya satu pasangan kolom TARGET dan PAGU")
                ok = False
                continue
            t_col, p_col = self._pasangan(span, sub_row)
            for col, nama in ((p_col, "PAGU"), (t_col, "TARGET")):
                if col is None:
                    self.galat(yr_row + 1, c, f"Kolom {nama} tahun {y} tidak ditemukan: "
                               "diharapkan pasangan kolom TARGET dan PAGU di bawah setiap tahun")
                    ok = False
            self.k.tahun[y] = (t_col, p_col)
            if t_col is not None:
                self.k.judul[t_col] = f"Target {y}"
            if p_col is not None:
                self.k.judul[p_col] = f"Pagu {y}"
        return ok

    def _pasangan(self, span: list[int], sub_row: int | None) -> tuple[int | None, int | None]:
        """(target column, pagu column) of one year: by the TARGET/PAGU labels when the header
        has them, else the first two columns under the year."""
        if sub_row is None:
            return (span[0] if span else None), (span[1] if len(span) > 1 else None)
        t_col = p_col = None
        sub = self.rows[sub_row]
        for cc in span:
            jenis = _label_nilai(_teks(sub[cc]) if cc < len(sub) else "")
            if jenis == "target" and t_col is None:
                t_col = cc
            elif jenis == "pagu" and p_col is None:
                p_col = cc
        return t_col, p_col

    @staticmethod
    def _baris_nomor_kolom(row: tuple) -> bool:
        cells = [_teks(v) for v in row if _teks(v)]
        return len(cells) >= 3 and all(_RE_NOMOR_KOLOM.fullmatch(c) for c in cells)

    # -- cells
    def angka_pagu(self, row, col, baris) -> tuple[Decimal | None, bool, bool]:
        """(value, cell filled, readable)."""
        v = self.sel(row, col)
        if v is None:
            return None, False, True
        try:
            n = parse_angka(v) if isinstance(v, str) else xlsx.angka(v)
        except ValueError as e:
            pesan = e.pesan if isinstance(e, xlsx.SelTidakValid) else str(e)
            self.galat(baris, col, f"{pesan}; diharapkan rupiah, mis. Rp1.300.000.000")
            return None, True, False
        if n is not None and (n < 0 or jumlah_desimal(n) > 2 or abs(n) >= Decimal(10) ** 16):
            self.galat(baris, col, f"Pagu '{_teks(v)}' tidak sah: diharapkan rupiah ≥ 0 dengan "
                       "paling banyak 2 angka desimal")
            return None, True, False
        return n, True, True

    def nilai_target(self, row, col, baris) -> tuple[Nilai, bool]:
        v = self.sel(row, col)
        if v is None:
            return Nilai(), True
        if isinstance(v, str) and v in _KOSONG_STRIP:
            return Nilai(strip=True), True
        if not isinstance(v, str):
            # A real number; TRUE/FALSE, a date (a date once stored as the target 2025) or a
            # formula is a galat, never a value.
            try:
                return Nilai(nilai=xlsx.angka(v)), True
            except xlsx.SelTidakValid as e:
                self.galat(baris, col, e.pesan)
                return Nilai(), False
        try:
            n, satuan = parse_nilai_satuan(v)
        except ValueError as e:
            teks = _teks(v)
            if not re.search(r"\d", teks) and len(teks) <= 60:
                # A predikat such as "BB" or "WTP" is a qualitative target (§2.3).
                return Nilai(teks=teks), True
            self.galat(baris, col, f"{e}")
            return Nilai(), False
        teks = ""
        if satuan and re.fullmatch(r"\((.+)\)", satuan):
            teks, satuan = satuan[1:-1].strip().upper(), None
        if n is None and satuan:
            return Nilai(strip=True, satuan=satuan), True
        if n is not None and (jumlah_desimal(n) > 4 or abs(n) >= Decimal(10) ** 16):
            self.galat(baris, col, f"Nilai '{_teks(v)}' tidak sah: paling banyak 4 angka desimal")
            return Nilai(), False
        return Nilai(nilai=n, teks=teks, satuan=satuan), True

    # -- rows
    def data(self) -> None:
        rows = self.rows
        next_code: list[str | None] = [None] * (len(rows) + 1)
        for r in range(len(rows) - 1, self.k.data_mulai - 1, -1):
            teks = self._kode_teks(rows[r])
            next_code[r] = teks if tampak_seperti_kode(teks) else next_code[r + 1]
        self.next_code = next_code
        for r in range(self.k.data_mulai, len(rows)):
            row = rows[r]
            baris = r + 1
            if not any(_teks(v) for v in row):
                continue
            if self._baris_nomor_kolom(row):
                continue  # the column-number row repeated after a page break
            if self._ada_rumus(row, baris):
                continue
            kode_teks = self._kode_teks(row)
            a = _teks(self.sel(row, self.k.uraian))
            b = _teks(self.sel(row, self.k.indikator))
            if not tampak_seperti_kode(kode_teks) and not b and re.match(
                    r"(JUMLAH|TOTAL)\b", a.upper()):
                self._total(row, baris)
                continue
            if tampak_seperti_kode(kode_teks):
                self._kode(row, baris, kode_teks, a)
            else:
                self._indikator(row, baris, r, a)

    def _ada_rumus(self, row, baris) -> bool:
        """A galat for each formula or error value in a column the import reads; True when
        there was one (the row is then skipped: the whole import is refused anyway). A formula
        is read as nothing by a spreadsheet library, so it would silently become a blank."""
        k = self.k
        kolom = {k.kode, k.uraian, k.indikator, k.baseline,
                 *(c for pair in k.tahun.values() for c in pair)}
        ada = False
        for col in sorted(c for c in kolom if c is not None and c < len(row)):
            v = row[col]
            if isinstance(v, xlsx.Rumus):
                self.galat(baris, col, f"isi nilai, bukan rumus ({potong(v.teks, 40)})")
                ada = True
            elif isinstance(v, xlsx.GalatSel):
                self.galat(baris, col, f"berisi galat {v.teks}; isi nilai")
                ada = True
        return ada

    def _kode_teks(self, row) -> str:
        col = self.k.kode if self.k.kode is not None else self.k.uraian
        return _teks(self.sel(row, col))

    def _pagu_baris(self, row, baris) -> tuple[dict[int, Decimal | None], bool, bool]:
        out, ada, ok = {}, False, True
        for y, (_t, p) in self.k.tahun.items():
            n, filled, readable = self.angka_pagu(row, p, baris)
            out[y] = n
            ada = ada or filled
            ok = ok and readable
        return out, ada, ok

    def _total(self, row, baris) -> None:
        self.t.total, _ada, _ok = self._pagu_baris(row, baris)
        self.t.total_baris = baris

    def _kode(self, row, baris, kode_teks, a) -> None:
        col = self.k.kode if self.k.kode is not None else self.k.uraian
        try:
            kode, nama = pisah_kode_nama(kode_teks, bidang=self.bidang)
        except KodeTidakSah as e:
            self.galat(baris, col, str(e))
            self.rusak = True
            return
        if self.k.kode is not None:
            nama = a
        level = level_kode(kode)
        if not nama:
            self.galat(baris, self.k.uraian, f"Nama {LABEL_LEVEL[level].lower()} {kode} kosong: "
                       "diharapkan 'KODE - NAMA'")
        pagu, ada, _ok = self._pagu_baris(row, baris)
        node = Node(level=level, kode=kode, nama=nama, baris=baris, pagu=pagu, ada_pagu=ada)
        self.rusak = False
        if level in ("urusan", "bidang_urusan"):
            self.t.urusan.append(node)
            if level == "bidang_urusan":
                self.bidang = kode
            self.urusan_aktif = node
            self.program = self.kegiatan = self.node = None
            self._indikator_di_baris_kode(row, baris, None)
            return
        induk_kode = kode_induk(kode)
        if induk_kode in self.induk_ditolak or (self.rusak and level == "subkegiatan" and (
                self.kegiatan is None or self.kegiatan.kode != induk_kode)):
            # Under a row already refused: that row's galat says it; one error, not one per row.
            self.induk_ditolak.add(kode)
            return
        if kode in self.kode_dilihat:
            self.galat(baris, col, f"{LABEL_LEVEL[level]} {kode} sudah ada di baris "
                       f"{self.kode_dilihat[kode]}: setiap kode hanya boleh muncul sekali")
            self.rusak = True
            return
        if level == "program":
            if self.bidang and not kode.startswith(self.bidang + "."):
                self.galat(baris, col, f"Program {kode} tidak berada di bawah bidang urusan "
                           f"{self.bidang} (baris di atasnya): urutan baris keluar dari hierarki")
                self.rusak = True
                return
            self.t.program.append(node)
            self.program, self.kegiatan = node, None
        elif level == "kegiatan":
            if self.program is None or self.program.kode != induk_kode:
                self._di_luar_hierarki(baris, col, node, induk_kode, "program", self.program)
                return
            node.induk = self.program
            self.program.anak.append(node)
            if self.program.grup:
                self.program.grup[-1].kegiatan.append(node)
            self.kegiatan = node
        else:
            if self.kegiatan is None or self.kegiatan.kode != induk_kode:
                self._di_luar_hierarki(baris, col, node, induk_kode, "kegiatan", self.kegiatan)
                return
            node.induk = self.kegiatan
            self.kegiatan.anak.append(node)
        self.urutan += 1
        node.urutan = self.urutan
        self.kode_dilihat[kode] = baris
        self.node = node
        self.lanjutan = None
        self._indikator_di_baris_kode(row, baris, node)

    def _di_luar_hierarki(self, baris, col, node, induk_kode, level_induk, induk) -> None:
        sekarang = (f"; baris ini berada di bawah {level_induk} {induk.kode} (baris {induk.baris})"
                    if induk else f"; belum ada baris {level_induk} di atasnya")
        self.galat(baris, col, f"{node.label} {node.kode} keluar dari hierarki: diharapkan di "
                   f"bawah {level_induk} {induk_kode}{sekarang}")
        self.rusak = True
        self.induk_ditolak.add(node.kode)

    def _indikator_di_baris_kode(self, row, baris, node: Node | None) -> None:
        """Column B of a code row: a kegiatan's indicator (sample row 10), or a program's."""
        b = _teks(self.sel(row, self.k.indikator))
        if not b or node is None:
            return
        grup = None
        if node.level == "program":
            grup = GrupOutcome(baris=baris)
            node.grup.append(grup)
        ind = self._buat_indikator(row, baris, node, "", b, grup, pagu_ikut=False)
        ind.dari_baris_kode = True

    def _indikator(self, row, baris, r, a) -> None:
        if self.rusak:
            return  # under a code row already refused: one galat, not one per row
        b = _teks(self.sel(row, self.k.indikator))
        ada_nilai = any(self.sel(row, c) is not None for pair in self.k.tahun.values()
                        for c in pair) or self.sel(row, self.k.baseline) is not None
        if self.node is None:
            if self.urusan_aktif is not None and not b and not ada_nilai:
                return
            self.galat(baris, self.k.uraian, "Baris indikator sebelum baris kode program: "
                       "diharapkan 'KODE - NAMA' program di atasnya (baris keluar dari hierarki)")
            self.rusak = True
            return
        if not b:
            if ada_nilai:
                self.galat(baris, self.k.indikator, "Indikator kosong padahal baris ini berisi "
                           "target/pagu: diharapkan uraian indikator dengan satuan dalam kurung, "
                           "mis. 'Jumlah … (Orang)'")
                return
            # A heading such as the output text alone on its row: it labels the rows below.
            pemilik, grup = self._pemilik(a, r)
            self.lanjutan = (pemilik, grup, a)
            return
        if not a and self.lanjutan is not None:
            pemilik, grup, keluaran = self.lanjutan
        else:
            pemilik, grup = self._pemilik(a, r)
            keluaran = a
        self._buat_indikator(row, baris, pemilik, keluaran, b, grup, pagu_ikut=True)

    def _pemilik(self, a: str, r: int) -> tuple[Node, GrupOutcome | None]:
        node = self.node
        assert node is not None
        program = self.program
        if node.level == "program":
            return node, self._grup(node, r)
        punya_output = any(not i.dari_baris_kode for i in node.indikator)
        if program is not None and punya_output and kunci_teks(a) not in {
            kunci_teks(i.keluaran) for i in node.indikator
        }:
            nxt = self.next_code[r + 1]
            try:
                kode = pisah_kode_nama(nxt, bidang=self.bidang)[0] if nxt else None
            except KodeTidakSah:
                kode = None
            if kode and level_kode(kode) == "kegiatan" and kode_induk(kode) == program.kode:
                return program, self._grup(program, r)
        return node, None

    def _grup(self, program: Node, r: int) -> GrupOutcome:
        if program.grup and not program.grup[-1].kegiatan:
            return program.grup[-1]
        grup = GrupOutcome(baris=r + 1)
        program.grup.append(grup)
        return grup

    def _buat_indikator(self, row, baris, pemilik, keluaran, b, grup, *,
                        pagu_ikut) -> IndikatorBaris:
        cocok = _RE_SATUAN_KURUNG.match(b)
        uraian, satuan = (cocok["uraian"].strip(), cocok["satuan"].strip()) if cocok else (b, "")
        self.urutan_ind += 1
        ind = IndikatorBaris(baris=baris, keluaran=keluaran, uraian=uraian, satuan=satuan,
                             pemilik=pemilik, grup=grup, urutan=self.urutan_ind)
        if self.k.baseline is not None:
            bl, _ok = self.nilai_target(row, self.k.baseline, baris)
            ind.baseline = bl.nilai
            if bl.satuan and satuan and _kunci_satuan(bl.satuan) != _kunci_satuan(satuan):
                self.warn(pemilik.kode, f"Baseline '{_teks(self.sel(row, self.k.baseline))}' "
                          f"bersatuan '{bl.satuan}', indikator '{uraian}' bersatuan '{satuan}'.",
                          baris)
            elif bl.teks:
                self.warn(pemilik.kode, f"Baseline '{bl.teks}' bukan angka; tidak disimpan "
                          "sebagai nilai.", baris)
        for y, (t_col, _p) in self.k.tahun.items():
            nilai, _ok = self.nilai_target(row, t_col, baris)
            # The one sign rule (sakip.lib.angka.salah_negatif), named at its cell here:
            # "-1000" or "Rp-1.000.000" under a count indicator is a typing slip.
            if salah := salah_negatif(nilai.nilai, nilai.satuan or satuan, uraian):
                self.galat(baris, t_col, salah)
            ind.target[y] = nilai
        if pagu_ikut:
            ind.pagu, ind.ada_pagu, _ok = self._pagu_baris(row, baris)
        ind.desimal = min(4, max([jumlah_desimal(ind.baseline)]
                                 + [jumlah_desimal(v.nilai) for v in ind.target.values()]))
        pemilik.indikator.append(ind)
        if grup is not None:
            grup.indikator.append(ind)
            if ind.ada_pagu and not grup.ada_pagu:
                grup.pagu, grup.ada_pagu = dict(ind.pagu), True
        self.lanjutan = (pemilik, grup, keluaran)
        return ind

    # -- after all rows: pagu per node, consistency warnings
    def selesai(self) -> None:
        tahun = sorted(self.k.tahun)
        for node in self.t.nodes():
            self._pagu_node(node, tahun)
        for node in self.t.nodes():
            for ind in node.indikator:
                self._cek_indikator(ind, tahun)
            self._cek_pagu_kosong(node, tahun)
        for p in self.t.program:
            self._cekjumlah(p, p.anak, "kegiatan", tahun)
            for k in p.anak:
                self._cekjumlah(k, k.anak, "sub kegiatan", tahun)
            for g in p.grup:
                if g.ada_pagu and g.kegiatan:
                    self._cek_jumlah_grup(p, g, tahun)
        for u in self.t.urusan:
            anak = [p for p in self.t.program if p.kode.startswith(u.kode + ".")]
            if u.ada_pagu and anak:
                self._cekjumlah(u, anak, "program", tahun)
        if self.t.total is not None and self.t.program:
            for y in tahun:
                total, jml = self.t.total.get(y), jumlah(p.pagu.get(y) for p in self.t.program)
                if total is not None and jml is not None and total != jml:
                    self.warn("", f"Pagu {y} baris jumlah {format_rupiah(total)} berbeda dari "
                              f"jumlah pagu program {format_rupiah(jml)} (selisih "
                              f"{format_rupiah(total - jml)}).", self.t.total_baris)

    def _pagu_node(self, node: Node, tahun: list[int]) -> None:
        """A node's pagu: its code row, else its own indicator row (sample: sub kegiatan pagu
        sits on the output row); a program's outcome rows carry only their subset (§7.1)."""
        if node.ada_pagu:
            sumber = None
        elif node.level == "program":
            grup_berpagu = [g for g in node.grup if g.ada_pagu]
            sumber = grup_berpagu[0] if len(node.grup) == 1 and grup_berpagu else None
            if sumber is not None:
                node.pagu, node.ada_pagu = dict(sumber.pagu), True
            return
        else:
            berpagu = [i for i in node.indikator if i.ada_pagu]
            if berpagu:
                sumber = berpagu[0]
                node.pagu, node.ada_pagu = dict(sumber.pagu), True
        for ind in node.indikator:
            if ind is sumber or not ind.ada_pagu or ind.grup is not None:
                continue
            beda = [y for y in tahun if ind.pagu.get(y) is not None
                    and ind.pagu.get(y) != node.pagu.get(y)]
            if beda:
                y = beda[0]
                self.warn(node.kode, f"Pagu {y} pada baris {ind.baris} "
                          f"({format_rupiah(ind.pagu[y])}) berbeda dari pagu {node.label.lower()} "
                          f"{node.kode} {format_rupiah(node.pagu.get(y))}; yang dipakai "
                          "pagu baris kode.", ind.baris)

    def _cek_pagu_kosong(self, node: Node, tahun: list[int]) -> None:
        if node.level != "subkegiatan" and node.anak:
            return  # a parent's blank is reported with its children's sum (_cek_jumlah)
        kosong = [y for y in tahun if node.pagu.get(y) is None]
        if not kosong:
            return
        if len(kosong) == len(tahun):
            pesan = (f"Pagu indikatif {node.label.lower()} {node.kode} kosong di semua tahun "
                     f"({rentang_tahun(tahun)}); disimpan kosong, bukan 0.")
        else:
            pesan = (f"Pagu indikatif {rentang_tahun(kosong)} {node.label.lower()} {node.kode} "
                     "kosong; disimpan kosong, bukan 0.")
        self.warn(node.kode, pesan, node.baris)

    def _cekjumlah(self, node: Node, anak: list[Node], nama_anak: str, tahun) -> None:
        for y in tahun:
            jml = jumlah(a.pagu.get(y) for a in anak)
            own = node.pagu.get(y)
            if jml is None:
                continue
            if own is None:
                self.warn(node.kode, f"Pagu {y} {node.label.lower()} {node.kode} kosong, padahal "
                          f"jumlah {nama_anak}nya {format_rupiah(jml)}.", node.baris)
            elif own != jml:
                self.warn(node.kode, f"Pagu {y} {node.label.lower()} {node.kode} "
                          f"{format_rupiah(own)} berbeda dari jumlah {nama_anak}nya "
                          f"{format_rupiah(jml)} (selisih {format_rupiah(own - jml)}).",
                          node.baris)

    def _cek_jumlah_grup(self, program: Node, g: GrupOutcome, tahun) -> None:
        kode_keg = ", ".join(k.kode for k in g.kegiatan)
        for y in tahun:
            jml = jumlah(k.pagu.get(y) for k in g.kegiatan)
            own = g.pagu.get(y)
            if own is not None and jml is not None and own != jml:
                self.warn(program.kode, f"Pagu {y} outcome '{potong(g.indikator[0].keluaran)}' "
                          f"(baris {g.baris}) {format_rupiah(own)} berbeda dari jumlah kegiatannya "
                          f"({kode_keg}) {format_rupiah(jml)}.", g.baris)

    def _cek_indikator(self, ind: IndikatorBaris, tahun: list[int]) -> None:
        kode = ind.pemilik.kode
        satuan_target = Counter(v.satuan for v in ind.target.values() if v.satuan)
        if not ind.satuan and satuan_target:
            ind.satuan = satuan_target.most_common(1)[0][0]
        if ind.satuan:
            per_satuan: dict[str, list[int]] = defaultdict(list)
            for y in tahun:
                v = ind.target.get(y)
                if v and v.satuan and _kunci_satuan(v.satuan) != _kunci_satuan(ind.satuan):
                    per_satuan[v.satuan].append(y)
                    v.beda_satuan = True
            for satuan, ys in per_satuan.items():
                self.warn(kode, f"Target {rentang_tahun(ys)} bersatuan '{satuan}', padahal "
                          f"indikator '{potong(ind.uraian)}' bersatuan '{ind.satuan}' "
                          "(satuan target harus sama dengan satuan indikator).", ind.baris)
        if ind.dari_baris_kode and all(v.kosong for v in ind.target.values()):
            return  # a kegiatan row's column B names its result; targets are not expected there
        strip = [y for y in tahun if ind.target.get(y) and ind.target[y].strip]
        kosong = [y for y in tahun if ind.target.get(y) is not None
                  and ind.target[y].kosong and not ind.target[y].strip]
        if strip:
            self.warn(kode, f"Target {rentang_tahun(strip)} indikator '{potong(ind.uraian)}' "
                      "bertanda '-': disimpan tanpa target.", ind.baris)
        if kosong:
            self.warn(kode, f"Target {rentang_tahun(kosong)} indikator '{potong(ind.uraian)}' "
                      "kosong: disimpan tanpa target.", ind.baris)
        if ind.baseline is None and self.k.baseline is not None and not ind.dari_baris_kode:
            self.warn(kode, f"Baseline indikator '{potong(ind.uraian)}' kosong.", ind.baris)


def potong(teks: str, n: int = 70) -> str:
    return teks if len(teks) <= n else teks[: n - 1] + "…"


def _baris_sheet(ws) -> list[tuple]:
    """Every row as values from ``sakip.xlsx.mentah``: formulas and error values stay visible
    (``xlsx.Rumus``/``xlsx.GalatSel``), text has its OOXML escapes undone."""
    return [tuple(xlsx.mentah(c) for c in cells)
            for cells in xlsx.baris_sel(ws, nama="Berkas")]


def baca_tabel42(sumber) -> Tabel42:
    """Read a Tabel 4.2 workbook (path, bytes or file object) into a :class:`Tabel42`.

    A file that is no sane xlsx (broken zip or XML, DTD/entities, zip bomb, above the size
    limits of ``sakip.xlsx``) gives one galat, never an exception."""
    try:
        wb = xlsx.buka_xlsx(sumber, nama="Berkas")
    except xlsx.BerkasTidakValid as e:
        t = Tabel42()
        t.galat.append(Galat(0, "", str(e)))
        return t
    try:
        return _baca_workbook(wb)
    except xlsx.BerkasTidakValid as e:
        t = Tabel42()
        t.galat.append(Galat(0, "", str(e)))
        return t
    finally:
        wb.close()


def _baca_workbook(wb) -> Tabel42:
    sheets = sorted(wb.worksheets, key=lambda ws: "4.2" not in ws.title)
    pertama = None
    for ws in sheets:
        pembaca = _Pembaca(_baris_sheet(ws), ws.title)
        ok = pembaca.header()
        if pembaca.k.tahun or pertama is None:
            pertama = pembaca if pertama is None or pembaca.k.tahun else pertama
        if pembaca.k.tahun:
            if ok:
                pembaca.data()
                pembaca.selesai()
            return pembaca.t
    return pertama.t if pertama else Tabel42()
