"""Sanity warnings on a target by the indicator's unit: the one home of the rule, used by the
Renstra target save and the PK target save (so forms, grids, Buku Kerja and imports all warn).

Warnings never block a save: a count with decimals or a percentage above 100 is usually a
typing slip but can be right (an average per household, a growth ratio), so the user is told
and decides.
"""

from decimal import Decimal

from renstra.models import satuan_cacah, satuan_persen
from sakip.lib.angka import desimal_tersimpan, format_nilai


def nilai_satuan(nilai: Decimal | None, ind) -> str:
    """``600 Orang``, ``85,50 %``: a value in the indicator's desimal and unit, for messages."""
    if nilai is None:
        return "kosong"
    satuan = (ind.satuan or "").strip()
    teks = format_nilai(nilai, ind.desimal)
    if not satuan:
        return teks
    return f"{teks} {satuan}" if satuan != "%" else f"{teks} %"


def peringatan_target(ind, nilai: Decimal | None, *, label: str = "Target") -> list[str]:
    """The warnings for one target value of ``ind`` (empty when it looks sane)."""
    if nilai is None or not Decimal(nilai).is_finite():
        return []
    awal = f"{label} '{ind.uraian}': {nilai_satuan(nilai, ind)}"
    hasil = []
    if satuan_persen(ind.satuan) and nilai > 100 and not ind.boleh_lebih_100:
        hasil.append(f"{awal} di atas 100 %. Periksa lagi; bila persentase ini memang dapat "
                     "melebihi 100, centang \"Target persen boleh di atas 100\" pada indikator.")
    elif satuan_cacah(ind.satuan) and desimal_tersimpan(nilai) > 0:
        hasil.append(f"{awal} berdesimal, padahal satuan {ind.satuan.strip()} dihitung utuh. "
                     "Periksa lagi isian target.")
    elif desimal_tersimpan(nilai) > ind.desimal:
        hasil.append(f"{awal} memakai lebih banyak desimal daripada pengaturan indikator "
                     f"({ind.desimal} desimal).")
    return hasil
