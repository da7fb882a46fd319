"""Helpers shared by the sheets: matching texts typed by people, the Renstra a sheet writes
into, the year columns of renstra-wide sheets and the writes every sheet does the same way."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError

from renstra import services as renstra_services
from renstra.models import JenisNilai, Renstra
from renstra.selectors import renstra_aktif
from sakip.kantor import services as kantor_services
from sakip.models import Bidang

# The reason every audit row written by a Buku Kerja import carries (design.md: who, when,
# old → new, why).
ALASAN = "Impor Buku Kerja"

_RE_TAHUN = re.compile(r"^(target|pagu)\s+(\d{4})$")


def norm(text) -> str:
    """Matching key for texts typed by people: case and spacing do not make a new node."""
    return " ".join(str(text or "").split()).casefold()


def kolom_tahun(header_keys, jenis: str) -> dict[int, str]:
    """{tahun: header key} for headers like ``Target 2025`` (``jenis`` = target/pagu)."""
    out = {}
    for key in header_keys:
        if key.startswith("_"):
            continue
        m = _RE_TAHUN.match(key)
        if m and m.group(1) == jenis:
            out[int(m.group(2))] = key
    return out


def header_keys(rows: list[dict]) -> list[str]:
    keys: list[str] = []
    for row in rows:
        for k in row:
            if k not in keys:
                keys.append(k)
    return keys


def renstra_berlaku(pd, tahun: int) -> Renstra | None:
    """The Renstra in force for ``tahun`` when its years cover it: the Renstra a yearly sheet
    (PK, Realisasi, Anggaran) reads and writes."""
    r = renstra_aktif(pd, tahun)
    return r if r is not None and tahun in r.tahun_list else None


def renstra_untuk(pd, tahun: int | None, tahun_kolom: list[int]) -> Renstra | None:
    """The Renstra a renstra-wide sheet writes into: the one in force for the workbook's year,
    else the newest one whose years cover every year column of the sheet."""
    qs = Renstra.objects.filter(perangkat_daerah=pd).order_by("-tahun_awal", "-versi")
    if tahun is not None:
        for r in qs:
            if r.tahun_awal <= tahun <= r.tahun_akhir + r.tahun_tambahan:
                return r
        return None
    for r in qs:
        if all(t in r.tahun_list for t in tahun_kolom):
            return r
    return None


def renstra_ekspor(pd, tahun: int) -> Renstra | None:
    """The Renstra a renstra-wide sheet exports: the one in force for the year, else the one
    whose extended years (tahun tambahan) still reach it."""
    return renstra_berlaku(pd, tahun) or renstra_untuk(pd, tahun, [])


class PetaBidang:
    """The bidang of an office by the names people type, for the Program sheet's Bidang column
    and the PK's Unit Kerja. When the import builds an office that has no bidang yet
    (``boleh_buat``), a name that is not a bidang yet is created (once, listed in ``baru``);
    an office whose bidang were set up refuses an unknown name with the names that are valid
    (a typo must not become a second bidang)."""

    def __init__(self, pd, *, boleh_buat: bool = False, user=None):
        self.pd = pd
        self.user = user
        self.nama = bidang_per_nama(pd)
        self.boleh_buat = boleh_buat and not self.nama
        self.baru: list[str] = []
        self._tak_dibuat: dict[str, str] = {}

    def cari(self, teks: str) -> Bidang | None:
        """The bidang named ``teks``, created (through the office setup's write path) when the
        import builds the office; None when unknown (the caller reports
        ``pesan_tak_dikenal``)."""
        obj = self.nama.get(norm(teks))
        if obj is None and self.boleh_buat and teks.strip():
            try:
                obj = kantor_services.bidang_create(pd=self.pd, nama=" ".join(teks.split()),
                                                    user=self.user)
            except ValidationError as e:
                self._tak_dibuat[norm(teks)] = " ".join(e.messages)
                return None
            self.nama[norm(obj.nama)] = obj
            self.baru.append(obj.nama)
        return obj

    def pesan_tak_dikenal(self, teks: str, kolom: str = "Bidang") -> str:
        """Why ``teks`` is refused, listing the choices (never an empty list)."""
        if norm(teks) in self._tak_dibuat:
            return f"{kolom} '{teks}' tidak dapat dibuat: {self._tak_dibuat[norm(teks)]}"
        pilihan = sorted({b.nama for b in self.nama.values() if b.aktif})
        if not pilihan:
            return (f"{kolom} '{teks}' tidak dikenal: {self.pd.nama} belum punya bidang; "
                    "tambahkan di Pengaturan kantor › Bidang dahulu.")
        return (f"{kolom} '{teks}' tidak dikenal; diharapkan salah satu dari: "
                + ", ".join(pilihan) + " (bidang baru ditambahkan di Pengaturan kantor › "
                "Bidang).")


def bidang_per_nama(pd) -> dict[str, Bidang]:
    """The bidang of ``pd`` by their name and, where no name clashes, their short name (people
    type either)."""
    out: dict[str, Bidang] = {}
    for b in Bidang.objects.filter(perangkat_daerah=pd):
        out[norm(b.nama)] = b
        if b.singkatan:
            out.setdefault(norm(b.singkatan), b)
    return out


def jenis_untuk_target(jenis: str, targets: Iterable[tuple]) -> str:
    """The jenis nilai an indicator needs for its targets: a predikat target makes a
    plain-number indicator qualitative (domain.md §2.3: ``77,26 (BB)``)."""
    for nilai, teks in targets:
        if teks and jenis not in (JenisNilai.PREDIKAT, JenisNilai.ANGKA_PREDIKAT):
            jenis = JenisNilai.ANGKA_PREDIKAT if nilai is not None else JenisNilai.PREDIKAT
    return jenis


def tulis_target(indikator, targets: dict[int, tuple], *, user) -> list:
    """Write an indicator's yearly targets ``{tahun: (nilai, teks)}`` through the one write path
    of targets; returns the rows that changed."""
    return renstra_services.target_save(entri=[
        renstra_services.EntriTarget(indikator, t, nilai, teks)
        for t, (nilai, teks) in sorted(targets.items())
    ], user=user, alasan=ALASAN)


def ya_tidak(value) -> bool | None:
    """``Ya``/``Tidak`` (also 1/0, true/false); None when blank; raises ValueError otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return value
    text = norm(value)
    if text in ("ya", "y", "1", "true", "benar", "iku"):
        return True
    if text in ("tidak", "t", "0", "false", "salah", "bukan"):
        return False
    raise ValueError(f"'{value}' bukan Ya/Tidak")
