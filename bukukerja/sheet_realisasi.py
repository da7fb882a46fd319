"""Sheet ``Realisasi`` of the Buku Kerja (design.md): Indikator · Satuan · TW I–IV · Keterangan.

One row per indicator of the Renstra in force for the year that is active, in a PK of the year,
or has a value that year. Cells hold the quarter's own value as reported (a real number, or
``77,26 (BB)`` / ``BB`` for qualitative values, domain.md §2.3); Keterangan is the note of the last
reported quarter. Indicators are matched by their text within the perangkat daerah (the Satuan
column, when filled, must be the indicator's unit — §9 item 10).

Importing is a perencana action (design.md roles): values go through
``kinerja.realisasi.services.realisasi_save`` on the perencana path (outside an open
period, reason "Impor Buku Kerja"), so the same rules as the staff form apply and every change is
audited. A changed value becomes *diajukan* — it still needs verification; a blank cell changes
nothing; an unchanged value keeps its status and leaves no audit row, so export → import is a
no-op.
"""

from __future__ import annotations

from collections import defaultdict

from bukukerja.base import GAGAL, HasilSheet, Konteks, Sheet
from bukukerja.umum import ALASAN, norm, renstra_berlaku
from kinerja.models import Realisasi
from kinerja.realisasi.selectors import indikator_pd
from kinerja.realisasi.services import LABEL_FIELD, Entri, realisasi_save
from kinerja.selectors import nilai_indikator
from renstra.models import JenisNilai
from sakip.lib.angka import sel_nilai_predikat

KOLOM_TW = ["TW I", "TW II", "TW III", "TW IV"]


class RealisasiSheet(Sheet):
    nama = "Realisasi"
    kolom = ["Indikator", "Satuan", *KOLOM_TW, "Keterangan"]
    wajib = ("Indikator",)
    perlu_tahun = True

    def _baris(self, pd, tahun):
        """(IndikatorBidang, NilaiIndikator) of the exported indicators, in export order."""
        renstra = renstra_berlaku(pd, tahun)
        semua = indikator_pd(pd, renstra, tahun)
        nilai = nilai_indikator([ib.indikator for ib in semua], [tahun], perangkat_daerah=pd)
        out = []
        for ib in semua:
            n = nilai[(ib.indikator.pk, tahun)]
            ada = any(s is not None for s in n.status_tw)
            if ib.indikator.aktif or ada or n.pk_indikator is not None:
                out.append((ib, n))
        return out

    def ekspor(self, pd, tahun: int) -> list[list]:
        rows = []
        for ib, n in self._baris(pd, tahun):
            ind = ib.indikator
            cells = [sel_nilai_predikat(n.realisasi_tw[i], n.realisasi_teks_tw[i])
                     for i in range(4)]
            terakhir = next((r for r in reversed(n.realisasi_obj_tw) if r is not None), None)
            rows.append([ind.uraian, ind.satuan or None, *cells,
                         (terakhir.catatan or None) if terakhir else None])
        return rows

    def impor(self, pd, tahun, rows, *, user, konteks=None) -> HasilSheet:
        hasil = HasilSheet(sheet=self.nama)
        konteks = konteks or Konteks()
        renstra = self.renstra_tahun(pd, tahun, rows, hasil)
        if renstra is None:
            return hasil
        urutan = [ib for ib, _n in self._baris(pd, tahun)]
        dipakai = {ib.indikator.pk for ib in urutan}
        # Exported indicators first (their order resolves duplicates), then the others.
        semua = urutan + [ib for ib in indikator_pd(pd, renstra, tahun)
                          if ib.indikator.pk not in dipakai]
        per_teks: dict[str, list] = defaultdict(list)
        for ib in semua:
            per_teks[norm(ib.indikator.uraian)].append(ib.indikator)
        ada = {
            (r.indikator_id, r.triwulan): r
            for r in Realisasi.objects.filter(indikator__renstra=renstra, tahun=tahun)
        }
        tw_ada: dict[int, list[int]] = defaultdict(list)
        for iid, tw in ada:
            tw_ada[iid].append(tw)
        terpakai: dict[str, int] = defaultdict(int)
        entri: list[Entri] = []
        for row in rows:
            b = row["_baris"]
            teks = self.sel_teks(row, "Indikator")
            if not teks:
                self.galat(hasil, b, "Indikator", "Nama indikator kosong.")
                continue
            kandidat = per_teks.get(norm(teks), [])
            satuan = self.sel_teks(row, "Satuan")
            if satuan and len(kandidat) > 1:
                sama = [i for i in kandidat if norm(i.satuan) == norm(satuan)]
                kandidat = sama or kandidat
            if not kandidat and konteks.ikut_ditolak(("indikator", norm(teks))):
                continue
            if not kandidat:
                self.galat(hasil, b, "Indikator",
                           f"Indikator '{teks}' tidak ada di Renstra {renstra.tahun_awal}–"
                           f"{renstra.tahun_akhir} {pd.nama}; tambahkan lewat sheet Sasaran "
                           "atau Program.")
                continue
            k = norm(teks) + "|" + norm(satuan)
            if len(kandidat) > 1:
                i = terpakai[k]
                if i >= len(kandidat):
                    self.galat(hasil, b, "Indikator",
                               f"Indikator '{teks}' muncul lebih sering daripada di Renstra.")
                    continue
                terpakai[k] += 1
                hasil.peringatan.append(
                    f"Sheet {self.nama} baris {b}: ada {len(kandidat)} indikator bernama "
                    f"'{teks}'; baris dicocokkan menurut urutannya.")
                ind = kandidat[i]
            else:
                ind = kandidat[0]
            if satuan and ind.satuan and norm(satuan) != norm(ind.satuan):
                self.galat(hasil, b, "Satuan",
                           f"Satuan '{satuan}' berbeda dari satuan indikator '{ind.satuan}'.")
                continue
            entri.extend(self._entri_baris(row, ind, ada, tw_ada[ind.pk], hasil))
        if hasil.galat:
            return hasil
        res = realisasi_save(
            pd=pd, tahun=tahun, entri=entri, user=user, alasan=ALASAN, abaikan_periode=True,
            status_baru=Realisasi.Status.DIAJUKAN,
        )
        for g in res.galat:
            if g.entri is None:
                self.galat(hasil, 0, "", g.pesan)
                continue
            kolom = "Keterangan" if g.field == "catatan" else g.entri.kolom
            label = LABEL_FIELD.get(g.field, "")
            pesan = g.pesan if not label or label in g.pesan.lower() else f"{g.pesan} ({label})"
            self.galat(hasil, g.entri.baris, kolom, pesan)
        hasil.dibuat, hasil.diubah, hasil.tetap = res.dibuat, res.diubah, res.tetap
        return hasil

    def _entri_baris(self, row, ind, ada, tw_lama, hasil) -> list[Entri]:
        b = row["_baris"]
        out = []
        nilai_tw: dict[int, tuple] = {}
        for i, kolom in enumerate(KOLOM_TW, start=1):
            if row.get(kolom.lower()) is None or (
                isinstance(row.get(kolom.lower()), str) and not row[kolom.lower()].strip()
            ):
                continue
            sel = self.sel_nilai_predikat(row, kolom, hasil)
            if sel is GAGAL:
                continue
            nilai, teks = sel
            if nilai is None and not teks:
                continue
            nilai_tw[i] = (nilai, teks, kolom)
        keterangan = self.sel_teks_asli(row, "Keterangan")
        # The note belongs to the last quarter reported (the row's or the stored one).
        tw_akhir = max([*nilai_tw, *tw_lama], default=None)
        for tw, (nilai, teks, kolom) in nilai_tw.items():
            data = {"nilai": nilai, "nilai_teks": teks.upper()}
            lama = ada.get((ind.pk, tw))
            if lama is not None and lama.pembilang is not None and (
                lama.nilai is None or nilai is None or lama.nilai != nilai
            ):
                # A typed percentage replaces a numerator/denominator pair (it can no longer be
                # derived from them); the pair is cleared, audited, and the change is reported.
                data.update(pembilang=None, penyebut=None)
                hasil.peringatan.append(
                    f"Sheet {self.nama} baris {b}, kolom {kolom}: nilai diketik menggantikan "
                    "pembilang/penyebut yang tersimpan.")
            if ind.jenis_nilai == JenisNilai.RASIO and lama is not None and (
                lama.pembilang is not None and lama.nilai == nilai
            ):
                data = {}
            if keterangan and tw == tw_akhir:
                data["catatan"] = keterangan
            out.append(Entri(ind, tw, data, baris=b, kolom=kolom))
        if keterangan and tw_akhir is not None and tw_akhir not in nilai_tw:
            out.append(Entri(ind, tw_akhir, {"catatan": keterangan}, baris=b,
                             kolom="Keterangan"))
        elif keterangan and tw_akhir is None:
            hasil.peringatan.append(
                f"Sheet {self.nama} baris {b}: Keterangan diabaikan karena belum ada realisasi "
                "triwulan mana pun.")
        return out
