"""Builds Renstra "Tabel 4.2" workbooks in the layout of the planners' sample
(shared/samples/renstra_tabel_4_2_sample.xlsx, copied to tests/renstra/data/) for the importer's
tests and bench: title rows, header rows with years over TARGET/PAGU pairs and the "(01)…(16)"
column-number row, then code rows and indicator rows.

``dinas_lengkap()`` is a whole Dinas Sosial (6 programs, 14 kegiatan, 57 sub kegiatan, 2025–2030)
whose pagu add up level by level to the urusan totals of domain.md §10.3 R-01, with the seed's
known defects planted: R-03 (blank pagu 2026 of 1.06.07.2.01.0003), R-04 (unit mismatches and
"-" targets), R-10 ("Fasilitas … (Puskesmas)"), R-11 (an extra year 2030).

``baris(...)`` returns the rows as lists (tests mutate them to make broken copies);
``xlsx(rows)`` writes them to bytes.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

TAHUN = [2025, 2026, 2027, 2028, 2029, 2030]
FIXTURE = (Path(__file__).resolve().parents[2] / "fixtures" / "nomenklatur"
           / "1.06_kepmendagri-900.1-2850-2025.csv")
VERSI = "Kepmendagri 900.1-2850/2025"

# domain.md §10.3 R-01: Σ program = urusan, 2025…2030.
URUSAN_R01 = [33_733_240_000, 26_736_518_416, 27_550_774_869, 28_481_318_101, 29_366_021_865,
              30_326_448_279]


@dataclass
class Sub:
    kode: str
    nama: str
    keluaran: str
    indikator: str  # with the unit in brackets
    baseline: object
    target: list  # cell values as typed, one per year
    pagu: list  # int rupiah or None (blank), one per year
    lain: list = field(default_factory=list)  # extra (indikator, target list) rows, A blank


@dataclass
class Keg:
    kode: str
    nama: str
    indikator: str = ""
    sub: list[Sub] = field(default_factory=list)


@dataclass
class Outcome:
    keluaran: str
    indikator: str
    baseline: object
    target: list
    kegiatan: list[Keg] = field(default_factory=list)
    lain: list = field(default_factory=list)


@dataclass
class Prog:
    kode: str
    nama: str
    outcome: list[Outcome] = field(default_factory=list)

    @property
    def kegiatan(self) -> list[Keg]:
        return [k for o in self.outcome for k in o.kegiatan]


def nama_master() -> dict[str, str]:
    with FIXTURE.open(encoding="utf-8") as f:
        return {r["kode"]: r["nama"] for r in csv.DictReader(f)}


def _jumlah(values):
    vals = [v for v in values if v is not None]
    return sum(vals) if vals else None


def pagu_keg(k: Keg, i: int):
    return _jumlah(s.pagu[i] for s in k.sub)


def pagu_prog(p: Prog, i: int):
    return _jumlah(pagu_keg(k, i) for k in p.kegiatan)


def rp(v, teks: bool):
    if v is None:
        return None
    if not teks:
        return v
    return "Rp" + f"{v:,}".replace(",", ".")


def baris(programs: list[Prog], tahun: list[int] = TAHUN, *, teks: bool = True,
          urusan=("1.06", "URUSAN PEMERINTAHAN BIDANG SOSIAL"), override: dict | None = None,
          baseline_tahun: int = 2024) -> list[list]:
    """Every row of the sheet as a list of cell values (title and header rows included).

    ``override`` = {kode: {tahun: value}} writes a pagu that differs from Σ children.
    """
    override = override or {}
    n = len(tahun)
    ncol = 3 + 2 * n + 1

    def kosong():
        return [None] * ncol

    rows = []
    r = kosong()
    r[0] = "Tabel 4.2"
    rows.append(r)
    r = kosong()
    r[0] = "Rencana Program/ Kegiatan/ Sub Kegiatan dan Pendanaan"
    rows.append(r)
    r = kosong()
    r[0] = "BIDANG URUSAN / PROGRAM / OUTCOME / KEGIATAN / SUBKEGIATAN OUTPUT"
    r[1] = "INDIKATOR OUTCOME / OUTPUT"
    r[2] = f"BASELINE TAHUN {baseline_tahun}"
    r[3] = "TARGET DAN PAGU INDIKATIF TAHUN"
    r[-1] = "KETERANGAN"
    rows.append(r)
    r = kosong()
    for i, t in enumerate(tahun):
        r[3 + 2 * i] = str(t)
    rows.append(r)
    r = kosong()
    for i in range(n):
        r[3 + 2 * i], r[4 + 2 * i] = "TARGET", "PAGU"
    rows.append(r)
    rows.append([f"({c + 1:02d})" for c in range(ncol)])

    def pagu_cells(row, values, kode):
        for i, t in enumerate(tahun):
            v = override.get(kode, {}).get(t, values[i])
            row[4 + 2 * i] = rp(v, teks)

    def target_cells(row, targets):
        for i in range(n):
            row[3 + 2 * i] = targets[i] if i < len(targets) else None

    if urusan:
        r = kosong()
        r[0] = f"{urusan[0]} - {urusan[1]}"
        pagu_cells(r, [_jumlah(pagu_prog(p, i) for p in programs) for i in range(n)], urusan[0])
        rows.append(r)
    for p in programs:
        r = kosong()
        r[0] = f"{p.kode} - {p.nama}"
        pagu_cells(r, [pagu_prog(p, i) for i in range(n)], p.kode)
        rows.append(r)
        for o in p.outcome:
            r = kosong()
            r[0], r[1], r[2] = o.keluaran, o.indikator, o.baseline
            target_cells(r, o.target)
            pagu_cells(r, [_jumlah(pagu_keg(k, i) for k in o.kegiatan) for i in range(n)],
                       f"outcome:{o.keluaran}")
            rows.append(r)
            for ind, targets in o.lain:
                r = kosong()
                r[1] = ind
                target_cells(r, targets)
                rows.append(r)
            for k in o.kegiatan:
                r = kosong()
                r[0], r[1] = f"{k.kode} - {k.nama}", k.indikator or None
                pagu_cells(r, [pagu_keg(k, i) for i in range(n)], k.kode)
                rows.append(r)
                for s in k.sub:
                    r = kosong()
                    r[0] = f"{s.kode} - {s.nama}"
                    rows.append(r)
                    r = kosong()
                    r[0], r[1], r[2] = s.keluaran, s.indikator, s.baseline
                    target_cells(r, s.target)
                    pagu_cells(r, s.pagu, s.kode)
                    rows.append(r)
                    for ind, targets in s.lain:
                        r = kosong()
                        r[1] = ind
                        target_cells(r, targets)
                        rows.append(r)
    return rows


def xlsx(rows: list[list], *, merge: bool = True, judul_sheet: str = "Tabel 4.2") -> bytes:
    """Write rows to an .xlsx (header cells merged as planners' files have them)."""
    wb = Workbook()
    ws = wb.active
    ws.title = judul_sheet
    for r in rows:
        ws.append(r)
    if merge and len(rows) > 5:
        ncol = len(rows[2])
        ws.merge_cells("A3:A5")
        ws.merge_cells("B3:B5")
        ws.merge_cells("C3:C5")
        ws.merge_cells(f"D3:{get_column_letter(ncol - 1)}3")
        ws.merge_cells(f"{get_column_letter(ncol)}3:{get_column_letter(ncol)}5")
        for c in range(4, ncol - 1, 2):
            ws.merge_cells(f"{get_column_letter(c)}4:{get_column_letter(c + 1)}4")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def cari(rows: list[list], awalan: str) -> int:
    """Index of the first row whose column A starts with ``awalan``."""
    for i, r in enumerate(rows):
        if isinstance(r[0], str) and r[0].startswith(awalan):
            return i
    raise KeyError(awalan)


# --- the whole Dinas -------------------------------------------------------------------------

def _bagi(total: int, bobot: list[int]) -> list[int]:
    """Split ``total`` by weights in thousands; the remainder goes to the first part."""
    s = sum(bobot)
    parts = [total * b // s // 1000 * 1000 for b in bobot]
    parts[0] += total - sum(parts)
    return parts


def _bobot(kode: str) -> int:
    if kode == "1.06.01.2.02.0001":
        return 400  # salaries carry most of Program Penunjang
    return int(kode.replace(".", "")[-4:]) % 7 + 3


# Sample rows (shared/samples): exact pagu of programs 1.06.02 and 1.06.07.
_SAMPEL_PAGU = {
    "1.06.02.2.03.0004": [1_200_240_000, 987_000_000, 987_000_000, 1_000_000_000, 1_000_000_000,
                          1_100_000_000],
    "1.06.02.2.03.0013": [766_000_000, 500_000_000, 523_646_600, 555_259_844, 591_209_148,
                          640_817_959],
    "1.06.02.2.03.0014": [1_200_000_000, 900_000_000, 1_000_000_000, 1_100_000_000, 1_200_000_000,
                          1_200_000_000],
    "1.06.07.2.01.0001": [300_000_000, 250_000_000, 250_025_600, 250_025_875, 250_133_478,
                          288_755_267],
    "1.06.07.2.01.0002": [700_000_000, 542_000_000, 542_000_000, 542_000_000, 587_000_000,
                          587_000_000],
    "1.06.07.2.01.0003": [400_000_000, None, 41_000_000, 41_000_000, 41_000_000, 50_000_000],
    "1.06.07.2.01.0005": [0, 0, 0, 47_982_000, 47_982_000, 50_000_000],
}
# kegiatan of Program Penunjang and Rehabilitasi Sosial in 2025.
_KEGIATAN_2025 = {
    "1.06.01.2.02": 9_295_981_000, "1.06.01.2.06": 2_454_465_000, "1.06.01.2.08": 885_000_000,
    "1.06.01.2.01": 50_000_000, "1.06.01.2.05": 231_554_000, "1.06.01.2.07": 1_000_000_000,
    "1.06.01.2.09": 675_000_000, "1.06.04.2.01": 8_400_000_000, "1.06.04.2.02": 25_000_000,
}

_STRUKTUR = [
    ("1.06.01", [
        ("Meningkatnya kinerja keuangan perangkat daerah",
         "Nilai kinerja keuangan perangkat daerah (Nilai)", "85", ["86", "87", "88", "89", "90",
                                                                  "90"],
         ["1.06.01.2.02", "1.06.01.2.06", "1.06.01.2.08"]),
        ("Meningkatnya keselarasan dokumen perencanaan",
         "Persentase keselarasan dokumen perencanaan dengan RPJMD (%)", "89,7",
         ["90", "92,5", "95", "97,5", "100", "100"], ["1.06.01.2.01"]),
        ("Meningkatnya profesionalitas ASN", "Indeks Profesionalitas ASN (Indeks)", "72,15",
         ["73", "74", "75", "76", "77", "78"], ["1.06.01.2.05"]),
        ("Terwujudnya pengelolaan barang milik daerah yang akuntabel",
         "Persentase barang milik daerah yang tertib administrasi (%)", "80",
         ["82", "84", "86", "88", "90", "92"], ["1.06.01.2.07", "1.06.01.2.09"]),
    ]),
    ("1.06.02", [
        ("Meningkatnya pemberdayaan sosial",
         "Persentase PSKS yang ikut serta dalam penanganan masalah kesejahteraan sosial (%)",
         "100", ["100"] * 6, ["1.06.02.2.03"]),
    ]),
    ("1.06.04", [
        ("Meningkatnya pelayanan rehabilitasi sosial PPKS",
         "Persentase PPKS yang mendapatkan rehabilitasi sosial dasar (%)", "12",
         ["12", "7", "8", "9", "10", "10"], ["1.06.04.2.01", "1.06.04.2.02"]),
    ]),
    ("1.06.05", [
        ("Meningkatnya perlindungan dan jaminan sosial",
         "Persentase fakir miskin yang terdata dan terlayani (%)", "95",
         ["96", "97", "98", "99", "100", "100"], ["1.06.05.2.02"]),
    ]),
    ("1.06.06", [
        ("Meningkatnya perlindungan sosial korban bencana",
         "Persentase korban bencana yang mendapat perlindungan sosial (%)", "100",
         ["100"] * 6, ["1.06.06.2.01", "1.06.06.2.02"]),
    ]),
    ("1.06.07", [
        ("Meningkatnya Kualitas Pemeliharaan Taman Makam Pahlawan",
         "Cakupan Peningkatan Kualitas Pemeliharaan Taman Makam Pahlawan (Lokasi)", "1",
         ["1"] * 6, ["1.06.07.2.01"]),
    ]),
]

# Sub kegiatan of each kegiatan (domain.md §6.2, Kepmendagri 900.1-2850/2025 numbering).
_SUB = {
    "1.06.01.2.01": ["0006"],
    "1.06.01.2.02": ["0001", "0005"],
    "1.06.01.2.05": ["0002", "0009", "0011"],
    "1.06.01.2.06": ["0001", "0002", "0003", "0004", "0005", "0006", "0008", "0009", "0010"],
    "1.06.01.2.07": ["0005", "0006"],
    "1.06.01.2.08": ["0002", "0004"],
    "1.06.01.2.09": ["0001", "0002", "0006", "0009"],
    "1.06.02.2.03": ["0004", "0013", "0014"],
    "1.06.04.2.01": ["0001", "0002", "0003", "0004", "0005", "0006", "0008", "0009", "0010",
                     "0011", "0012", "0014"],
    "1.06.04.2.02": ["0014"],
    "1.06.05.2.02": ["0001", "0004", "0006", "0008"],
    "1.06.06.2.01": ["0001", "0002", "0004", "0005", "0007"],
    "1.06.06.2.02": ["0001", "0002", "0005", "0006", "0008"],
    "1.06.07.2.01": ["0001", "0002", "0003", "0005"],
}


def _satuan(kode: str) -> str:
    if kode.startswith(("1.06.04", "1.06.05", "1.06.06", "1.06.07.2.01.0005")):
        return "Orang"
    if kode.startswith("1.06.02"):
        return {"0014": "Orang"}.get(kode[-4:], "Lembaga")
    return {"1.06.07.2.01.0001": "Dokumen", "1.06.07.2.01.0002": "Makam",
            "1.06.07.2.01.0003": "Laporan"}.get(kode, "Dokumen")


def dinas_lengkap() -> list[Prog]:
    """The whole Dinas (see the module docstring); pagu consistent at every level."""
    master = nama_master()
    subs: dict[str, Sub] = {}
    for keg, nomor in _SUB.items():
        for no in nomor:
            kode = f"{keg}.{no}"
            nama = master[kode]
            satuan = _satuan(kode)
            n = int(no)
            target = [f"{n * 10 + i} {satuan}" for i in range(len(TAHUN))]
            indikator = f"Jumlah keluaran {nama} ({satuan})"
            subs[kode] = Sub(kode, nama, f"Terlaksananya {nama}", indikator, str(n * 10 - 1),
                             target, [None] * len(TAHUN))
    # Sample rows keep their printed texts.
    subs["1.06.02.2.03.0013"].nama = ("Fasilitas Pengembangan Pusat Kesejahteraan Sosial "
                                      "(Puskesmas) Kewenangan Kabupaten/Kota")
    subs["1.06.02.2.03.0004"].target = ["8 Lembaga"] * 4 + ["9 Lembaga", "8 Lembaga"]
    subs["1.06.07.2.01.0005"].target = ["0 Orang"] * 3 + ["50 Orang", "100 Orang", "100 Orang"]
    # unit mismatches and "-" targets.
    subs["1.06.05.2.02.0006"].target = ["6363 Keluarga"] * 6
    subs["1.06.06.2.01.0007"].target = ["6 Unit"] * 6
    subs["1.06.04.2.02.0014"].target = ["-"] * 6
    # R-05-like values typed the Indonesian way and as real numbers.
    subs["1.06.05.2.02.0001"].baseline = "957.844"
    subs["1.06.05.2.02.0001"].target = ["112 Orang"] * 6
    subs["1.06.04.2.01.0001"].target = ["1.500 Orang", "1.550 Orang", 1600, "1.650 Orang",
                                        "1.700 Orang", "1.750 Orang"]
    subs["1.06.04.2.01.0001"].baseline = 1450
    # A sub kegiatan with two indicators (second row: column A blank).
    subs["1.06.01.2.01.0006"].lain = [
        ("Persentase laporan kinerja yang tepat waktu (%)", ["100"] * 6),
    ]

    # Pagu: sample rows exact; 2025 kegiatan totals of R-02; the rest split so that every year
    # adds up to R-01.
    for kode, nilai in _SAMPEL_PAGU.items():
        subs[kode].pagu = list(nilai)
    bebas = [k for k in subs if k not in _SAMPEL_PAGU]
    for i, _t in enumerate(TAHUN):
        tetap = sum(v[i] or 0 for v in _SAMPEL_PAGU.values())
        sisa = URUSAN_R01[i] - tetap
        if i == 0:
            for keg, total in _KEGIATAN_2025.items():
                anak = [k for k in bebas if k.startswith(keg + ".")]
                for k, v in zip(anak, _bagi(total, [_bobot(k) for k in anak]), strict=True):
                    subs[k].pagu[0] = v
                sisa -= total
            anak = [k for k in bebas if k.startswith(("1.06.05", "1.06.06"))]
        else:
            anak = bebas
        for k, v in zip(anak, _bagi(sisa, [_bobot(k) for k in anak]), strict=True):
            subs[k].pagu[i] = v

    kegiatan = {
        keg: Keg(keg, master[keg], f"Terlaksananya {master[keg]}",
                 [subs[f"{keg}.{no}"] for no in nomor])
        for keg, nomor in _SUB.items()
    }
    kegiatan["1.06.07.2.01"].indikator = "Jumlah Area Taman Makam Pahlawan yang dipelihara"
    programs = []
    for pkode, outcomes in _STRUKTUR:
        p = Prog(pkode, master[pkode].upper())
        for keluaran, ind, baseline, target, keg_list in outcomes:
            p.outcome.append(Outcome(keluaran, ind, baseline, list(target),
                                     [kegiatan[k] for k in keg_list]))
        programs.append(p)
    # An outcome with two indicators (second row: column A blank).
    programs[2].outcome[0].lain = [
        ("Persentase PPKS yang kembali berfungsi sosial (%)", ["50", "55", "60", "65", "70", "70"]),
    ]
    return programs


def ringkas(programs: list[Prog]) -> dict:
    """What the file holds, computed independently of the importer (for assertions)."""
    kegiatan = [k for p in programs for k in p.kegiatan]
    subs = [s for k in kegiatan for s in k.sub]
    indikator = (sum(1 + len(o.lain) for p in programs for o in p.outcome)
                 + sum(1 for k in kegiatan if k.indikator)
                 + sum(1 + len(s.lain) for s in subs))
    pagu = {str(t): _jumlah(pagu_prog(p, i) for p in programs) for i, t in enumerate(TAHUN)}
    return {"program": len(programs), "kegiatan": len(kegiatan), "subkegiatan": len(subs),
            "indikator": indikator, "pagu": pagu}
