"""Helpers shared by the Sasaran, Program and PK sheets."""

from __future__ import annotations

import re

from renstra.models import Renstra
from renstra.selectors import renstra_aktif

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


    r = renstra_aktif(pd, tahun)
    if r is not None and tahun in r.tahun_list:
        return r
    return renstra_untuk(pd, tahun, [])


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
