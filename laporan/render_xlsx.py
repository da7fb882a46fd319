"""XLSX of the LKjIP: one sheet per table, numbers kept as numbers (rounded half-up as printed).

The cells are the same :class:`laporan.tabel.Tabel` the HTML/PDF print, so the workbook cannot
disagree with the document; Excel shows the separators of the reader's locale. Every value goes
through ``sakip.xlsx``: a program or narrative typed as ``=1+1`` stays text in the download,
never a formula.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from laporan.data import LKjIPData
from laporan.tabel import Tabel, format_xlsx, nilai_xlsx
from sakip import xlsx
from sakip.lib.angka import format_persen, format_rupiah

TIPIS = Side(style="thin", color="52606D")
BINGKAI = Border(left=TIPIS, right=TIPIS, top=TIPIS, bottom=TIPIS)
KEPALA = PatternFill("solid", fgColor="E4ECF5")
JUMLAH = PatternFill("solid", fgColor="E4ECF5")
GRUP = PatternFill("solid", fgColor="F3F6F9")


def _tempatkan(baris_list: list[list], span) -> list[list[tuple[int, object]]]:
    """Place HTML-like cells (rowspan/colspan) on a grid: [(column index, cell)] per row."""
    terisi: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(baris_list):
        c = 0
        posisi = []
        for sel in row:
            while (r, c) in terisi:
                c += 1
            rs, cs = span(sel)
            for dr in range(rs):
                for dc in range(cs):
                    terisi.add((r + dr, c + dc))
            posisi.append((c, sel))
            c += cs
        out.append(posisi)
    return out


def _lembar(wb: Workbook, t: Tabel, d: LKjIPData) -> None:
    ws = wb.create_sheet(title=t.label)
    n = max(t.n_kolom, 1)
    xlsx.tulis(ws, 1, 1, f"{t.label} {t.judul}").font = Font(bold=True, size=12)
    xlsx.tulis(ws, 2, 1, f"{d.perangkat_daerah} — Tahun {d.tahun}").font = Font(
        italic=True, color="52606D")
    r0 = 4
    _kepala(ws, t, r0, n)
    r1 = r0 + len(t.kepala)
    r_akhir = _badan(ws, t, r1, n)
    r = r_akhir + 2
    xlsx.tulis(ws, r, 1, f"Sumber: {t.sumber}").font = Font(italic=True, size=9)
    for c in t.catatan:
        r += 1
        xlsx.tulis(ws, r, 1, f"Catatan: {c}").font = Font(size=9)
    total = 150 if t.lanskap else 105
    for i, w in enumerate(t.lebar_kolom, start=1):
        persen = float(w.rstrip("%")) if w else 100 / n
        ws.column_dimensions[get_column_letter(i)].width = max(8.0, total * persen / 100)
    ws.freeze_panes = ws.cell(row=r1, column=1)
    ws.page_setup.orientation = "landscape" if t.lanskap else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_title_rows = f"{r0}:{r1 - 1}"


def _kepala(ws, t: Tabel, r0: int, n: int) -> None:
    """The header rows from ``r0``: merged like the printed table, bold on a tinted fill."""
    for i, row in enumerate(_tempatkan(t.kepala, lambda k: (k.rowspan, k.colspan))):
        for c, k in row:
            xlsx.tulis(ws, r0 + i, c + 1, k.teks)
            if k.rowspan > 1 or k.colspan > 1:
                ws.merge_cells(start_row=r0 + i, start_column=c + 1,
                               end_row=r0 + i + k.rowspan - 1, end_column=c + k.colspan)
    for i in range(len(t.kepala)):
        for c in range(n):
            cell = ws.cell(row=r0 + i, column=c + 1)
            cell.font = Font(bold=True)
            cell.fill = KEPALA
            cell.border = BINGKAI
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _badan(ws, t: Tabel, r1: int, n: int) -> int:
    """The body rows from ``r1``; returns the last row written."""
    badan = _tempatkan([b.sel for b in t.baris], lambda s: (s.rowspan, s.colspan))
    if not badan:
        xlsx.tulis(ws, r1, 1, t.kosong).font = Font(italic=True)
        return r1
    for i, (b, row) in enumerate(zip(t.baris, badan, strict=True)):
        for c, s in row:
            _sel(ws, s, r1 + i, c + 1)
        for c in range(n):
            cell = ws.cell(row=r1 + i, column=c + 1)
            cell.border = BINGKAI
            if b.jenis in ("jumlah", "sub", "grup"):
                cell.font = Font(bold=True, italic=b.jenis == "grup")
            if b.jenis == "jumlah":
                cell.fill = JUMLAH
            elif b.jenis == "grup":
                cell.fill = GRUP
    return r1 + len(badan) - 1


def _sel(ws, s, r: int, c: int) -> None:
    cell = xlsx.tulis(ws, r, c, nilai_xlsx(s))
    fmt = format_xlsx(s)
    if fmt and not isinstance(cell.value, str):
        cell.number_format = fmt
    cell.alignment = Alignment(
        horizontal="right" if s.angka else ("center" if "tengah" in s.kelas else "left"),
        vertical="top", wrap_text=not s.angka)
    if s.rowspan > 1 or s.colspan > 1:
        ws.merge_cells(start_row=r, start_column=c, end_row=r + s.rowspan - 1,
                       end_column=c + s.colspan - 1)


def render_xlsx(d: LKjIPData, *, peringatan: bool = False) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Ringkasan"
    baris = [
        ("Laporan", f"LKjIP {d.perangkat_daerah} Tahun {d.tahun}"),
        ("Pemerintah daerah", d.pemda),
        ("Renstra", f"{d.renstra_awal}–{d.renstra_akhir}"),
        ("Kepala", f"{d.kepala_nama} (NIP {d.kepala_nip})"),
        ("Pagu anggaran", format_rupiah(d.anggaran_pagu)),
        ("Realisasi anggaran", format_rupiah(d.anggaran_realisasi)),
        ("Serapan", format_persen(d.anggaran_serapan)),
        ("Metode efisiensi", f"{d.pengaturan.metode_efisiensi} — {d.pengaturan.basis_label}"),
    ]
    for s in d.sasaran:
        baris.append((f"Capaian sasaran {s.nomor}",
                      f"{s.uraian}: {format_persen(s.capaian)} "
                      f"({s.kategori.label if s.kategori else '—'})"))
    xlsx.tulis(ws, 1, 1, "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)").font = Font(
        bold=True, size=13)
    for i, (k, v) in enumerate(baris, start=3):
        xlsx.tulis(ws, i, 1, k).font = Font(bold=True)
        xlsx.tulis(ws, i, 2, v)
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 110
    for t in sorted(d.tabel.values(), key=lambda t: (t.bab, t.nomor)):
        _lembar(wb, t, d)
    if peringatan:
        wp = wb.create_sheet("Peringatan")
        xlsx.baris(wp, ["Kode", "Pesan"])
        for p in d.peringatan:
            xlsx.baris(wp, [p.kode, p.pesan])
        wp.column_dimensions["A"].width = 30
        wp.column_dimensions["B"].width = 120
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
