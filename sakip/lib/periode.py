"""Fiscal periods: triwulan, month names and Indonesian dates (domain.md §8.1–§8.2).

Tahun anggaran is the calendar year (UU 17/2003 Pasal 4); Triwulan I = Januari–Maret,
II = April–Juni, III = Juli–September, IV = Oktober–Desember.
"""

from datetime import date, datetime

__all__ = [
    "NAMA_BULAN",
    "TRIWULAN",
    "angka_romawi",
    "bulan_triwulan",
    "format_jam",
    "format_tanggal",
    "format_tanggal_ringkas",
    "nama_bulan",
    "nama_triwulan",
    "romawi",
    "triwulan_dari_bulan",
    "triwulan_dari_tanggal",
]

TRIWULAN: tuple[int, ...] = (1, 2, 3, 4)

NAMA_BULAN: dict[int, str] = {
    1: "Januari",
    2: "Februari",
    3: "Maret",
    4: "April",
    5: "Mei",
    6: "Juni",
    7: "Juli",
    8: "Agustus",
    9: "September",
    10: "Oktober",
    11: "November",
    12: "Desember",
}

_ROMAWI = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _bulat_dalam(nilai: object, bawah: int, atas: int, nama: str) -> int:
    # bool is an int subclass; True must not pass as month 1.
    if isinstance(nilai, bool) or not isinstance(nilai, int) or not bawah <= nilai <= atas:
        raise ValueError(f"{nama} harus bilangan bulat {bawah}–{atas}, bukan {nilai!r}")
    return nilai


def _triwulan(tw: object) -> int:
    return _bulat_dalam(tw, 1, 4, "Triwulan")


def triwulan_dari_bulan(bulan: int) -> int:
    """Triwulan (1–4) of a month (1–12)."""
    return (_bulat_dalam(bulan, 1, 12, "Bulan") - 1) // 3 + 1


def triwulan_dari_tanggal(tanggal: date) -> int:
    """Triwulan (1–4) of a date; callers localize aware datetimes first."""
    if not isinstance(tanggal, date):
        raise ValueError(f"Tanggal harus berupa date, bukan {tanggal!r}")
    return triwulan_dari_bulan(tanggal.month)


def bulan_triwulan(tw: int) -> tuple[int, int]:
    """First and last month of a triwulan: 1 → (1, 3), 4 → (10, 12)."""
    akhir = _triwulan(tw) * 3
    return akhir - 2, akhir


def romawi(tw: int) -> str:
    """Roman numeral of a triwulan, "I"…"IV" (as printed in "Triwulan III")."""
    return angka_romawi(_triwulan(tw))


def angka_romawi(n: int) -> str:
    """Roman numeral for 1–3999 (BAB I–V, lampiran numbering)."""
    sisa = _bulat_dalam(n, 1, 3999, "Angka romawi")
    bagian = []
    for nilai, huruf in _ROMAWI:
        jumlah, sisa = divmod(sisa, nilai)
        bagian.append(huruf * jumlah)
    return "".join(bagian)


def nama_triwulan(tw: int) -> str:
    """Name of a triwulan: 1 → "Triwulan I", 4 → "Triwulan IV"."""
    return f"Triwulan {romawi(tw)}"


def nama_bulan(bulan: int) -> str:
    """Indonesian month name: 1 → "Januari"."""
    return NAMA_BULAN[_bulat_dalam(bulan, 1, 12, "Bulan")]


def format_tanggal(tanggal: date, *, tempat: str | None = None) -> str:
    """Indonesian date "21 Januari 2025", or the signature line "Bekasi, 21 Januari 2025".

    domain.md §8.1. Datetimes are formatted by their own calendar date: localize them first
    (``timezone.localtime``) — a kabupaten in WITA must not be shifted to WIB here.
    """
    if not isinstance(tanggal, date):
        raise ValueError(f"Tanggal harus berupa date, bukan {tanggal!r}")
    teks = f"{tanggal.day} {NAMA_BULAN[tanggal.month]} {tanggal.year}"
    return f"{tempat}, {teks}" if tempat else teks


def format_tanggal_ringkas(tanggal: date) -> str:
    """The short date of dense tables: "30/11/2026" (domain.md §8.1: day first, never ISO in
    pages; ISO only inside ``<input type="date">``)."""
    if not isinstance(tanggal, date):
        raise ValueError(f"Tanggal harus berupa date, bukan {tanggal!r}")
    return f"{tanggal.day:02d}/{tanggal.month:02d}/{tanggal.year}"


def format_jam(waktu: datetime) -> str:
    """Clock time the Indonesian way, with a dot: "14.05" (PUEBI: jam ditulis dengan titik)."""
    if not isinstance(waktu, datetime):
        raise ValueError(f"Waktu harus berupa datetime, bukan {waktu!r}")
    return f"{waktu.hour:02d}.{waktu.minute:02d}"
