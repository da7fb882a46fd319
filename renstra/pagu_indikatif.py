"""Pagu indikatif of the Renstra on the home page's budget tree (issue 3 part A).

After a Tabel 4.2 import a planner has the Renstra's pagu indikatif but no DPA yet for most of
the period; the home page then shows the pagu indikatif of the selected year instead of an empty
column — clearly labelled, and only when that year has no DPA pagu at all, so plan money and
budget money are never mixed in one column (domain.md §8.3: the DPA is the budget).
"""

from __future__ import annotations

from decimal import Decimal

from renstra.models import Kegiatan, PaguIndikatif, Program, Renstra, SubKegiatan


def pagu_indikatif_tahun(renstra: Renstra, tahun: int) -> dict[tuple[str, int], Decimal | None]:
    """(level, id) → pagu indikatif of ``tahun`` for every node of the Renstra (1 query)."""
    qs = PaguIndikatif.objects.filter(tahun=tahun).filter(
        program__in=Program.objects.filter(renstra=renstra).values("id")
    ) | PaguIndikatif.objects.filter(tahun=tahun).filter(
        kegiatan__in=Kegiatan.objects.filter(program__renstra=renstra).values("id")
    ) | PaguIndikatif.objects.filter(tahun=tahun).filter(
        subkegiatan__in=SubKegiatan.objects.filter(kegiatan__program__renstra=renstra).values("id")
    )
    out: dict[tuple[str, int], Decimal | None] = {}
    for row in qs.values("program_id", "kegiatan_id", "subkegiatan_id", "nilai"):
        for level in ("program", "kegiatan", "subkegiatan"):
            if row[f"{level}_id"]:
                out[(level, row[f"{level}_id"])] = row["nilai"]
    return out


def tempel_pagu_indikatif(anggaran, renstra: Renstra, tahun: int) -> Decimal | None:
    """Set ``pagu_indikatif`` on every node of ``anggaran`` (a RingkasanAnggaran) and return
    the year's total when the year has no DPA pagu and the Renstra has pagu indikatif for it;
    otherwise every node gets None and the result is None (the DPA column stays)."""
    nilai = pagu_indikatif_tahun(renstra, tahun) if anggaran.pagu is None else {}
    stack = list(anggaran.program)
    while stack:
        n = stack.pop()
        n.pagu_indikatif = nilai.get((n.level, n.id))
        stack.extend(n.children)
    total = None
    for p in anggaran.program:
        if p.pagu_indikatif is not None:
            total = (total or Decimal(0)) + p.pagu_indikatif
    return total
