"""How an LKjIP table prints: column widths from its content, whether it needs a landscape
page, and the rounding note.

Widths: every column gets at least the width of its longest unbreakable piece (a number never
wraps: ``td.num`` is ``white-space: nowrap``; a text wraps at spaces, so its longest word), and
the room left is shared in proportion to how much longer each column's longest cell is. A table
whose minimum widths do not fit a portrait page is printed landscape — only then.

Rounding: a result printed beside its printed (rounded) inputs can differ from the arithmetic
on those inputs (18,11 beside 112,59 − 94,47 = 18,12), because results are computed from the
unrounded values. :func:`catatan_pembulatan` recomputes each declared result from the printed
values of its row and says so under the table when any differs.

The table model is :mod:`laporan.tabel`; this module only reads its cells (duck-typed: it is
imported by that module).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import partial

from kinerja import rumus
from sakip.lib.angka import format_angka, parse_angka

# Text width of the table font (Noto Sans 8 pt, laporan_cetak.css): digits are 0.572 em, a
# mixed word about 0.5 em a character; headers are bold.
PT_PER_ANGKA = 8 * 0.58
PT_PER_HURUF = 8 * 0.5
PT_PER_HURUF_KEPALA = 8 * 0.56
PADDING_PT = 8 + 1  # 4 pt each side + the border
LEBAR_TEGAK_PT = (21.0 - 3.5 - 2.0) / 2.54 * 72  # A4 portrait between the margins
LEBAR_LANSKAP_PT = (29.7 - 2.2 - 2.0) / 2.54 * 72
PANJANG_KATA_MAKS = 18  # a longer "word" (URL, code) may break rather than widen a column

CATATAN_PEMBULATAN = "Dihitung dari nilai sebelum pembulatan."


def _sel_kolom(tabel) -> list[tuple[object, int, int]]:
    """Every body cell with its first leaf column and its colspan (rowspans included)."""
    terisi: set[tuple[int, int]] = set()
    out = []
    for r, baris in enumerate(tabel.baris):
        c = 0
        for sel in baris.sel:
            while (r, c) in terisi:
                c += 1
            for dr in range(sel.rowspan):
                for dc in range(sel.colspan):
                    terisi.add((r + dr, c + dc))
            out.append((sel, c, sel.colspan, r))
            c += sel.colspan
    return out


def _kepala_daun(tabel) -> dict[int, object]:
    """Leaf header cell of each column (a header that spans one column)."""
    return {c: k for k, c in tabel._posisi_kepala() if k.colspan == 1}


def _panjang(teks: str, *, utuh: bool) -> tuple[int, int]:
    """(longest unbreakable piece, whole length) of a cell text, in characters."""
    teks = teks.strip()
    if not teks:
        return 0, 0
    if utuh:
        return len(teks), len(teks)
    kata = max((min(len(k), PANJANG_KATA_MAKS) for k in teks.split()), default=0)
    return kata, len(teks)


@dataclass
class UkuranKolom:
    minimum: list[float]  # pt
    ideal: list[float]  # pt


def ukur(tabel) -> UkuranKolom:
    n = tabel.n_kolom
    minimum = [0.0] * n
    ideal = [0.0] * n
    for c, k in _kepala_daun(tabel).items():
        kata, _ = _panjang(k.teks, utuh=False)
        minimum[c] = max(minimum[c], kata * PT_PER_HURUF_KEPALA + PADDING_PT)
        ideal[c] = max(ideal[c], minimum[c])
    for sel, c, span, _ in _sel_kolom(tabel):
        if span != 1 or c >= n:
            continue  # a cell across columns says nothing about one column
        utuh = sel.angka or sel.jenis == "kode"
        kata, semua = _panjang(sel.teks, utuh=utuh)
        per_huruf = PT_PER_ANGKA if utuh else PT_PER_HURUF
        minimum[c] = max(minimum[c], kata * per_huruf + PADDING_PT)
        ideal[c] = max(ideal[c], min(semua, 60) * per_huruf + PADDING_PT)
    return UkuranKolom(minimum, [max(i, m) for i, m in zip(ideal, minimum, strict=True)])


def perlu_lanskap(tabel) -> bool:
    """True when the columns cannot fit a portrait page at their minimum widths."""
    return sum(ukur(tabel).minimum) > LEBAR_TEGAK_PT


def lebar_kolom(tabel, lanskap: bool) -> list[str]:
    """Column widths in percent of the text width: the minimum of each column, plus a share of
    the room left in proportion to how much more its longest cell would like."""
    u = ukur(tabel)
    tersedia = LEBAR_LANSKAP_PT if lanskap else LEBAR_TEGAK_PT
    total_min = sum(u.minimum)
    if not total_min:
        return [""] * len(u.minimum)
    if total_min >= tersedia:
        lebar = u.minimum
    else:
        ingin = [i - m for i, m in zip(u.ideal, u.minimum, strict=True)]
        sisa = tersedia - total_min
        total_ingin = sum(ingin)
        if total_ingin <= sisa or not total_ingin:
            # Everything fits at its ideal width: the rest goes to the text columns.
            lebar = list(u.ideal)
            sisa -= total_ingin
            teks = [i for i, sel in enumerate(ingin) if sel > 0] or list(range(len(lebar)))
            for i in teks:
                lebar[i] += sisa / len(teks)
        else:
            lebar = [m + sisa * w / total_ingin for m, w in zip(u.minimum, ingin, strict=True)]
    total = sum(lebar)
    return [f"{100 * w / total:.1f}%" for w in lebar]


def terapkan(tabel, *, metode_efisiensi: str) -> None:
    """Orientation, widths and the rounding note of one table, from its content (called
    where the tables are built)."""
    tabel.lanskap = perlu_lanskap(tabel)
    daun = _kepala_daun(tabel)
    for c, w in enumerate(lebar_kolom(tabel, tabel.lanskap)):
        if c in daun and w:
            daun[c].lebar = w
    for c in catatan_pembulatan(tabel, relasi_baku(metode_efisiensi)):
        if c not in tabel.catatan:
            tabel.catatan.append(c)


# --- rounding ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Relasi:
    """``hasil`` = ``fungsi(*masukan)``, columns named by their leaf header text."""

    hasil: str
    fungsi: Callable[..., Decimal | None]
    masukan: Sequence[str]


def relasi_baku(metode_efisiensi: str) -> list[Relasi]:
    """The results the LKjIP tables print beside their inputs, by column header (the one
    formula of each in ``kinerja.rumus``). Capaian is not among them: its formula depends on
    the indicator's polarity, which the row does not print."""
    ef = partial(rumus.efisiensi, metode=metode_efisiensi)
    return [
        Relasi("Serapan (%)", rumus.serapan, ("Pagu (Rp)", "Realisasi (Rp)")),
        Relasi("Efisiensi (%)", ef, ("Capaian (%)", "Serapan (%)")),
        Relasi("Indeks Efisiensi", ef, ("Capaian (%)", "Serapan (%)")),
    ]


def _angka_tercetak(sel) -> Decimal | None:
    if not sel.angka:
        return None
    try:
        return parse_angka(sel.teks.split(" (")[0])
    except (ValueError, InvalidOperation):
        return None


def beda_pembulatan(tabel, relasi: Sequence[Relasi]) -> list[str]:
    """The printed results that differ from the arithmetic on their printed inputs, as
    "header: printed ≠ recomputed" (empty when every printed result agrees)."""
    kolom = {k.teks: c for c, k in _kepala_daun(tabel).items()}
    per_baris: dict[int, dict[int, object]] = {}
    for sel, c, span, r in _sel_kolom(tabel):
        if span == 1:
            per_baris.setdefault(r, {})[c] = sel
    beda = []
    for rel in relasi:
        if rel.hasil not in kolom or any(m not in kolom for m in rel.masukan):
            continue
        for sel_baris in per_baris.values():
            hasil = sel_baris.get(kolom[rel.hasil])
            masukan = [sel_baris.get(kolom[m]) for m in rel.masukan]
            if hasil is None or any(m is None for m in masukan):
                continue
            # Only a result and inputs of the same entity (same row span) are compared.
            if any(m.rowspan != hasil.rowspan for m in masukan):
                continue
            nilai = [_angka_tercetak(m) for m in masukan]
            if _angka_tercetak(hasil) is None or any(v is None for v in nilai):
                continue
            hitung = rel.fungsi(*nilai)
            if hitung is None:
                continue
            tercetak_ulang = format_angka(hitung, hasil.desimal)
            if tercetak_ulang != hasil.teks.split(" (")[0]:
                beda.append(f"{rel.hasil}: {hasil.teks} ≠ {tercetak_ulang}")
    return beda


def catatan_pembulatan(tabel, relasi: Sequence[Relasi]) -> list[str]:
    """The note to print under ``tabel`` (a one-item list, or empty)."""
    return [CATATAN_PEMBULATAN] if beda_pembulatan(tabel, relasi) else []
