"""Chart data for static/js/dasbor.js: numbers for the geometry, formatted text for what is read.

Every text a reader sees (tooltips, labels) is formatted here through sakip.lib.angka, so a chart
never shows "112.59" where the table beside it says "112,59 %". Bar colours are the category
codes of the office's scale; the script maps them to the CSS classes ``.kat-<KODE>``.
"""

from decimal import Decimal

from sakip.lib.angka import bulatkan, format_angka, format_persen
from sakip.lib.periode import romawi

TW_LABEL = [f"TW {romawi(tw)}" for tw in (1, 2, 3, 4)]


def _n(nilai: Decimal | None, desimal: int = 2) -> str | None:
    # Rounded only to place a bar; the unrounded value stays in the selectors.
    hasil = bulatkan(nilai, desimal) if nilai is not None else None
    return None if hasil is None else str(hasil)


def _persen(nilai: Decimal | None) -> str:
    return format_persen(nilai) if nilai is not None else "—"


def _kode(kategori) -> str | None:
    return kategori.kode if kategori is not None else None


def capaian_indikator(baris, judul: str) -> dict:
    return {
        "judul": judul,
        "labels": [b.indikator.uraian for b in baris],
        "nilai": [_n(b.n.capaian) for b in baris],
        "teks": [_persen(b.n.capaian) for b in baris],
        "kategori": [_kode(b.n.kategori) for b in baris],
    }


def triwulan(b) -> dict:
    ind = b.indikator
    n = b.n
    desimal = ind.desimal
    return {
        "judul": ind.uraian,
        "satuan": ind.satuan,
        "labels": TW_LABEL,
        "target": [_n(x, desimal) for x in n.target_tw],
        "realisasi": [_n(x, desimal) for x in n.realisasi_tw],
        "teks_target": [format_angka(x, desimal) if x is not None else "—" for x in n.target_tw],
        "teks_realisasi": [
            format_angka(x, desimal) if x is not None else "—" for x in n.realisasi_tw
        ],
        "kategori": [_kode(k) for k in b.kategori_tw],
    }


def program(baris) -> dict:
    return {
        "judul": "Serapan anggaran dan capaian kinerja per program",
        "labels": [f"{p.node.kode} {p.node.nama}" for p in baris],
        "serapan": [_n(p.serapan) for p in baris],
        "capaian": [_n(p.capaian) for p in baris],
        "teks_serapan": [_persen(p.serapan) for p in baris],
        "teks_capaian": [_persen(p.capaian) for p in baris],
        "kategori": [_kode(p.kategori) for p in baris],
    }


def pemda(rows) -> dict:
    return {
        "judul": "Capaian IKU per perangkat daerah",
        "labels": [r.pd.singkatan or r.pd.nama for r in rows],
        "nilai": [_n(r.capaian_iku) for r in rows],
        "teks": [_persen(r.capaian_iku) for r in rows],
        "kategori": [_kode(r.kategori) for r in rows],
    }
