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
from bukukerja.base import GAGAL, UANG_DESIMAL, HasilSheet, Konteks, Sheet
from bukukerja.umum import ALASAN, norm, renstra_berlaku
from renstra.kode import KodeTidakSah, normalisasi_kode
from sakip.lib.angka import format_rupiah
from sakip.lib.periode import romawi

KOLOM_REAL = ["Realisasi TW I", "Realisasi TW II", "Realisasi TW III", "Realisasi TW IV"]


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
        renstra = renstra_berlaku(pd, tahun)
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

    def impor(self, pd, tahun, rows, *, user, konteks=None) -> HasilSheet:
        hasil = HasilSheet(sheet=self.nama)
        konteks = konteks or Konteks()
        renstra = self.renstra_tahun(pd, tahun, rows, hasil)
        if renstra is None:
            return hasil
        kode_map = pemilik_per_kode(renstra)
        # The urusan.bidang prefix of the Renstra's codes completes a Kode typed without it.
        bidang = next((".".join(k.split(".")[:2]) for k in kode_map if k.count(".") >= 1), None)
        _pagu, real_lama, bulanan = _lines(renstra, tahun)
        pagu: list[EntriPagu] = []
        realisasi: list[EntriRealisasiAnggaran] = []
        dilihat: dict[str, int] = {}
        for row in rows:
            node = self._node(row, hasil, renstra, kode_map, bidang, dilihat, konteks)
            if node is None:
                continue
            self._cek_uraian(row, node, hasil)
            pagu += self._entri_pagu(row, node, hasil)
            realisasi += self._entri_realisasi(row, node, real_lama, bulanan, hasil)
        if hasil.galat:
            return hasil
        return self._simpan(hasil, pd, renstra, tahun, pagu, realisasi, user=user)

    def _node(self, row, hasil, renstra, kode_map, bidang, dilihat, konteks):
        """The program, kegiatan or sub kegiatan of the row's Kode, once per sheet; None after a
        galat (or, when the Program sheet refused the Kode, after counting the row there)."""
        b = row["_baris"]
        mentah = self.sel_teks(row, "Kode")
        if not mentah:
            self.galat(hasil, b, "Kode", "Kode kosong: diharapkan mis. 1.06.04.2.01.0001.")
            return None
        try:
            kode = normalisasi_kode(mentah, bidang=bidang)
        except KodeTidakSah as e:
            self.galat(hasil, b, "Kode", str(e))
            return None
        node = kode_map.get(kode)
        if node is None and konteks.ikut_ditolak(("kode", kode)):
            return None
        if node is None:
            self.galat(hasil, b, "Kode",
                       f"Kode {kode} tidak ada di Renstra {renstra.tahun_awal}–"
                       f"{renstra.tahun_akhir}; tambahkan lewat sheet Program.")
            return None
        if kode in dilihat:
            self.galat(hasil, b, "Kode", f"Kode {kode} sudah ada di baris {dilihat[kode]}.")
            return None
        dilihat[kode] = b
        return node

    def _cek_uraian(self, row, node, hasil) -> None:
        """Uraian is informative: a different text is reported, never written (names change
        through the Program sheet)."""
        uraian = self.sel_teks(row, "Uraian")
        if uraian and norm(uraian) != norm(node.nama):
            hasil.peringatan.append(
                f"Sheet {self.nama} baris {row['_baris']}: uraian berbeda dari nama di Renstra "
                f"('{node.nama[:60]}'); uraian tidak diubah lewat sheet ini.")

    def _entri_pagu(self, row, node, hasil) -> list[EntriPagu]:
        """One entry per filled pagu cell; a blank cell changes nothing."""
        out = []
        for kolom, tahap in (("Pagu Murni", Tahap.MURNI), ("Pagu Perubahan", Tahap.PERUBAHAN)):
            v = self.sel_angka(row, kolom, hasil, desimal=UANG_DESIMAL)
            if v is GAGAL or v is None:
                continue
            out.append(EntriPagu(node, tahap, v, baris=row["_baris"], kolom=kolom))
        return out

    def _entri_realisasi(self, row, node, real_lama, bulanan, hasil) -> list:
        """One entry per filled quarter. A quarter recorded per month cannot be overwritten by
        one quarterly figure (the monthly lines would be lost); an unchanged sum is accepted."""
        b = row["_baris"]
        k = (node._meta.model_name, node.pk)
        out = []
        for tw, kolom in enumerate(KOLOM_REAL, start=1):
            v = self.sel_angka(row, kolom, hasil, desimal=UANG_DESIMAL)
            if v is GAGAL or v is None:
                continue
            if tw in bulanan.get(k, set()):
                lama = real_lama[k][tw - 1]
                if lama != v:
                    self.galat(hasil, b, kolom,
                               f"Realisasi TW {romawi(tw)} {node.kode} tercatat per bulan "
                               f"(jumlah {format_rupiah(lama)}); ubah per bulan di halaman "
                               "anggaran atau lewat impor SIPD, bukan sebagai satu angka "
                               "triwulan.")
                continue
            out.append(EntriRealisasiAnggaran(node, tw, v, baris=b, kolom=kolom,
                                              sumber="Buku Kerja"))
        return out

    def _simpan(self, hasil, pd, renstra, tahun, pagu, realisasi, *, user) -> HasilSheet:
        """Write the whole sheet through the budget's one write path, which checks realisasi ≤
        pagu (domain.md §8.3); then warn about parent pagu that differ from their children."""
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
