"""Sheet ``Anggaran`` of the Buku Kerja (design.md): Kode · Uraian · Pagu Murni · Pagu Perubahan ·
Realisasi TW I–IV.

One row per program, kegiatan and sub kegiatan of the Renstra in force for the year, in code
order. The money cells are the lines recorded *on that node* (a parent whose budget is only the
sum of its children has blank cells, so a round trip never turns a sum into a second line);
Realisasi TW n is that quarter's own spending, not cumulative, with monthly lines summed.
Rows are matched by Kode (canonical form, renstra/kode.py); Uraian is informative.

Everything is written through ``anggaran.services.anggaran_save``: the sheet is validated as
a whole against the pagu in force after the import (domain.md §8.3: realisasi ≤ pagu) and one
realisasi above its pagu refuses the workbook, naming the row. A blank cell changes nothing.
Parent pagu that differ from the sum of their children are reported as warnings
(``ringkasan_anggaran``, §9 item 13).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from anggaran.models import Pagu, RealisasiAnggaran, Tahap
from anggaran.selectors import milik_renstra, pemilik_per_kode, ringkasan_anggaran, struktur
from anggaran.services import EntriPagu, EntriRealisasiAnggaran, anggaran_save
from bukukerja.base import GAGAL, HasilSheet, Sheet
from renstra.kode import KodeTidakSah, normalisasi_kode
from renstra.selectors import renstra_aktif
from sakip.lib.angka import format_rupiah
from sakip.lib.periode import romawi

KOLOM_REAL = ["Realisasi TW I", "Realisasi TW II", "Realisasi TW III", "Realisasi TW IV"]
ALASAN = "Impor Buku Kerja"


def _renstra(pd, tahun):
    r = renstra_aktif(pd, tahun)
    return r if r is not None and tahun in r.tahun_list else None


def _owner(row: dict) -> tuple[str, int]:
    for level in ("program", "kegiatan", "subkegiatan"):
        if row.get(f"{level}_id"):
            return (level, row[f"{level}_id"])
    raise ValueError("baris anggaran tanpa pemilik")


def _lines(renstra, tahun):
    """Own pagu (murni, perubahan) and own realisasi per quarter (months summed) per node,
    plus which quarters are recorded per month (2 queries)."""
    pagu: dict[tuple, dict[str, Decimal]] = defaultdict(dict)
    for row in Pagu.objects.filter(milik_renstra(renstra), tahun=tahun, urutan_tahap=0,
                                   tahap__in=[Tahap.MURNI, Tahap.PERUBAHAN]).values(
            "program_id", "kegiatan_id", "subkegiatan_id", "tahap", "nilai"):
        pagu[_owner(row)][row["tahap"]] = row["nilai"]
    real: dict[tuple, list] = defaultdict(lambda: [None] * 4)
    bulanan: dict[tuple, set[int]] = defaultdict(set)
    for row in RealisasiAnggaran.objects.filter(milik_renstra(renstra), tahun=tahun).values(
            "program_id", "kegiatan_id", "subkegiatan_id", "triwulan", "bulan", "nilai"):
        k = _owner(row)
        i = row["triwulan"] - 1
        real[k][i] = (real[k][i] or Decimal(0)) + row["nilai"]
        if row["bulan"]:
            bulanan[k].add(row["triwulan"])
    return pagu, real, bulanan


class AnggaranSheet(Sheet):
    nama = "Anggaran"
    kolom = ["Kode", "Uraian", "Pagu Murni", "Pagu Perubahan", *KOLOM_REAL]
    wajib = ("Kode",)
    perlu_tahun = True

    def ekspor(self, pd, tahun: int) -> list[list]:
        renstra = _renstra(pd, tahun)
        if renstra is None:
            return []
        pagu, real, _bulanan = _lines(renstra, tahun)
        rows = []
        stack = list(reversed(struktur(renstra)))
        while stack:
            n = stack.pop()
            k = (n.level, n.id)
            p = pagu.get(k, {})
            rows.append([n.kode, n.nama, p.get(Tahap.MURNI), p.get(Tahap.PERUBAHAN),
                         *real.get(k, [None] * 4)])
            stack.extend(reversed(n.children))
        return rows

    def impor(self, pd, tahun, rows, *, user) -> HasilSheet:
        hasil = HasilSheet(sheet=self.nama)
        if tahun is None:
            self.galat(hasil, 1, "Tahun", "Tahun Buku Kerja tidak diketahui.")
            return hasil
        renstra = _renstra(pd, tahun)
        if renstra is None:
            self.galat(hasil, rows[0]["_baris"] if rows else 1, "Tahun",
                       f"Tidak ada Renstra {pd.nama} yang mencakup tahun {tahun}.")
            return hasil
        kode_map = pemilik_per_kode(renstra)
        bidang = next((".".join(k.split(".")[:2]) for k in kode_map if k.count(".") >= 1), None)
        _pagu, real_lama, bulanan = _lines(renstra, tahun)
        pagu: list[EntriPagu] = []
        realisasi: list[EntriRealisasiAnggaran] = []
        dilihat: dict[str, int] = {}
        for row in rows:
            b = row["_baris"]
            mentah = self.sel_teks(row, "Kode")
            if not mentah:
                self.galat(hasil, b, "Kode", "Kode kosong: diharapkan mis. 1.06.04.2.01.0001.")
                continue
            try:
                kode = normalisasi_kode(mentah, bidang=bidang)
            except KodeTidakSah as e:
                self.galat(hasil, b, "Kode", str(e))
                continue
            node = kode_map.get(kode)
            if node is None:
                self.galat(hasil, b, "Kode",
                           f"Kode {kode} tidak ada di Renstra {renstra.tahun_awal}–"
                           f"{renstra.tahun_akhir}; tambahkan lewat sheet Program.")
                continue
            if kode in dilihat:
                self.galat(hasil, b, "Kode", f"Kode {kode} sudah ada di baris {dilihat[kode]}.")
                continue
            dilihat[kode] = b
            uraian = self.sel_teks(row, "Uraian")
            if uraian and " ".join(uraian.split()).casefold() != " ".join(
                    node.nama.split()).casefold():
                hasil.peringatan.append(
                    f"Sheet {self.nama} baris {b}: uraian berbeda dari nama di Renstra "
                    f"('{node.nama[:60]}'); uraian tidak diubah lewat sheet ini.")
            for kolom, tahap in (("Pagu Murni", Tahap.MURNI), ("Pagu Perubahan",
                                                                Tahap.PERUBAHAN)):
                v = self.sel_angka(row, kolom, hasil)
                if v is GAGAL or v is None:
                    continue
                pagu.append(EntriPagu(node, tahap, v, baris=b, kolom=kolom))
            level = node._meta.model_name
            for tw, kolom in enumerate(KOLOM_REAL, start=1):
                v = self.sel_angka(row, kolom, hasil)
                if v is GAGAL or v is None:
                    continue
                if tw in bulanan.get((level, node.pk), set()):
                    lama = real_lama[(level, node.pk)][tw - 1]
                    if lama != v:
                        self.galat(hasil, b, kolom,
                                   f"Realisasi TW {romawi(tw)} {kode} tercatat per bulan "
                                   f"(jumlah {format_rupiah(lama)}); ubah per bulan di halaman "
                                   "anggaran atau lewat impor SIPD, bukan sebagai satu angka "
                                   "triwulan.")
                    continue
                realisasi.append(EntriRealisasiAnggaran(node, tw, v, baris=b, kolom=kolom,
                                                        sumber="Buku Kerja"))
        if hasil.galat:
            return hasil
        res = anggaran_save(tahun=tahun, pagu=pagu, realisasi=realisasi, user=user,
                            alasan=ALASAN, pd=pd)
        for g in res.galat:
            self.galat(hasil, g.entri.baris, g.entri.kolom, g.pesan)
        if res.galat:
            return hasil
        hasil.dibuat, hasil.diubah, hasil.tetap = res.dibuat, res.diubah, res.tetap
        for w in ringkasan_anggaran(renstra, tahun).peringatan:
            hasil.peringatan.append(w.pesan)
        return hasil
