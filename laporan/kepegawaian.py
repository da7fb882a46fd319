"""The staffing of an office in a year (BAB I, "Sumber Daya Manusia"): its reads and its table.

The counts are entered per year on the staffing page (``laporan.views.kepegawaian``) and
written only by ``laporan.services.kepegawaian_save``. The LKjIP prints them as Tabel 1.1,
one block per kelompok with its total (the published Gowa LKjIP shows its staff by rank and
by education); a year without them is a "perlu dilengkapi" placeholder
(``laporan.peringatan``), never an empty table.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from laporan.data import KelompokKepegawaian, LKjIPData
from laporan.models import KelompokPegawai, KepegawaianTahun
from laporan.tabel import Baris, Kepala, Tabel, angka, teks
from sakip.models import PerangkatDaerah

WAJIB = (KelompokPegawai.GOLONGAN, KelompokPegawai.PENDIDIKAN)
"""The blocks every LKjIP needs (the published report shows both); jabatan is optional."""

JUDUL_KELOMPOK = {
    KelompokPegawai.GOLONGAN: "Menurut golongan",
    KelompokPegawai.PENDIDIKAN: "Menurut pendidikan",
    KelompokPegawai.JABATAN: "Menurut jenis jabatan",
}


def baris_tahun(pd: PerangkatDaerah | int, tahun: int) -> list[KepegawaianTahun]:
    """The year's rows in kelompok order, then as entered (1 query)."""
    urut = {k: i for i, k in enumerate(KelompokPegawai.values)}
    rows = list(KepegawaianTahun.objects.filter(perangkat_daerah=pd, tahun=tahun)
                .order_by("urutan", "id"))
    return sorted(rows, key=lambda r: (urut.get(r.kelompok, 99), r.urutan, r.id))


def sidik(rows: list[KepegawaianTahun]) -> str:
    """The state of the year's table the page showed: a save based on another state is
    refused (sakip.versi), like any other stale save."""
    isi = ";".join(f"{r.pk}:{r.row_version}" for r in sorted(rows, key=lambda r: r.pk))
    return hashlib.sha256(isi.encode()).hexdigest()[:16]


def kelompok_laporan(rows: list[KepegawaianTahun]) -> list[KelompokKepegawaian]:
    out: dict[str, KelompokKepegawaian] = {}
    for r in rows:
        k = out.setdefault(r.kelompok, KelompokKepegawaian(
            kelompok=r.kelompok, label=str(KelompokPegawai(r.kelompok).label)))
        k.baris.append((r.kategori, r.jumlah))
    return list(out.values())


def kelompok_kurang(data: LKjIPData) -> list[str]:
    """The labels of the required blocks the year lacks (lower case, for the placeholder)."""
    ada = {k.kelompok for k in data.kepegawaian}
    return [str(KelompokPegawai(k).label).lower() for k in WAJIB if k not in ada]


def tabel(data: LKjIPData) -> dict[str, Tabel]:
    """Tabel 1.1 (the only table of BAB I), or nothing while a required block is missing."""
    if not data.kepegawaian or kelompok_kurang(data):
        return {}
    baris: list[Baris] = []
    for k in data.kepegawaian:
        baris.append(Baris([teks(JUDUL_KELOMPOK.get(k.kelompok, k.label), colspan=3)],
                           jenis="grup"))
        for no, (kategori, jumlah) in enumerate(k.baris, start=1):
            baris.append(Baris([teks(no, kelas="tengah"), teks(kategori),
                                angka(Decimal(jumlah))]))
        baris.append(Baris([teks("Jumlah", colspan=2), angka(Decimal(k.total))],
                           jenis="jumlah"))
    nama = " dan ".join(k.label for k in data.kepegawaian)
    t = Tabel(
        "T1_1_kepegawaian", 1, 1,
        f"Jumlah Pegawai {data.perangkat_daerah} menurut {nama} Tahun {data.tahun}",
        [[Kepala("No", lebar="8%"), Kepala("Uraian", lebar="62%"),
          Kepala("Jumlah (orang)", lebar="30%")]],
        baris, sumber=f"Data kepegawaian {data.perangkat_daerah} per 31 Desember {data.tahun}",
    )
    # Three short columns: the declared widths fit any content (no laporan.lebar pass, which
    # shares the room by the longest cell and would widen the "No" column under the group
    # headings that span the table).
    return {t.kode: t}
