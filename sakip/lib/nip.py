"""The NIP of a civil servant (Nomor Induk Pegawai, PP 11/2017 and BKN's layout): 18 digits =
date of birth YYYYMMDD, month of appointment as CPNS YYYYMM, sex (1 man, 2 woman), a 3-digit
serial. A pure helper (no Django): forms and models ask it, so the rule has one home."""

from __future__ import annotations

import datetime

CONTOH = "197106281993031012"


def bersihkan_nip(teks: str) -> str:
    """NIPs are often typed in groups ("19710628 199303 1 012"): spaces are dropped."""
    return "".join((teks or "").split())


def galat_nip(nip: str) -> str | None:
    """The reason ``nip`` is not a valid NIP, or None. Expects a cleaned value."""
    if not nip.isdigit() or len(nip) != 18:
        return f"NIP harus 18 digit angka, mis. {CONTOH}."
    try:
        lahir = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return "NIP tidak sah: 8 digit pertama harus tanggal lahir (TTTTBBHH)."
    tahun_cpns, bulan_cpns = int(nip[8:12]), int(nip[12:14])
    if not 1 <= bulan_cpns <= 12 or tahun_cpns < lahir.year:
        return "NIP tidak sah: digit 9–14 harus tahun dan bulan pengangkatan CPNS (TTTTBB)."
    if nip[14] not in "12":
        return "NIP tidak sah: digit ke-15 (jenis kelamin) harus 1 atau 2."
    return None
