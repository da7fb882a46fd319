"""Sheet ``PK``: the Perjanjian Kinerja lines of one year — jenjang, sasaran, indicator, annual
target and TW I–IV targets (design.md "Buku Kerja"; domain.md §1.2, §2.4).

Export writes the latest version of each PK of the year (one per jenjang and unit kerja). Import
writes into that latest version while it is a draft, creating a draft PK when there is none; a
ditetapkan (or submitted) PK is immutable: identical rows are accepted as unchanged, a different
row is refused with the advice to revise the PK (PermenPAN-RB 53/2014).

Extra columns (allowed by the contract): ``Mode TW`` (per triwulan / kumulatif) and ``Unit
Kerja`` (the bidang of an Administrator/Pengawas PK); the framework adds ``Tahun``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from bukukerja.base import GAGAL, HasilSheet, Konteks, Sheet
from bukukerja.umum import ALASAN, PetaBidang, norm, renstra_berlaku
from kinerja.models import Jenjang, ModeTriwulan, PerjanjianKinerja, PKIndikator
from kinerja.pk import selectors as pk_selectors
from kinerja.pk import services as pk_services
from kinerja.pk.dokumen import label_sasaran
from renstra import services as renstra_services
from renstra.models import Indikator, Sasaran
from sakip.lib.angka import sel_nilai_predikat

KOLOM = ["Jenjang", "Sasaran", "Indikator", "Satuan", "Target Tahunan", "TW I", "TW II",
         "TW III", "TW IV", "Mode TW", "Unit Kerja"]
TW = ["TW I", "TW II", "TW III", "TW IV"]

# design.md: Eselon II = JPT Pratama, Eselon III = Administrator, Eselon IV = Pengawas.
JENJANG_TULIS = {Jenjang.JPT_PRATAMA: "JPT Pratama", Jenjang.ADMINISTRATOR: "Administrator",
                 Jenjang.PENGAWAS: "Pengawas"}
JENJANG_BACA = {
    "eselon ii": Jenjang.JPT_PRATAMA, "jpt pratama": Jenjang.JPT_PRATAMA,
    "eselon ii / jpt pratama": Jenjang.JPT_PRATAMA, "jpt_pratama": Jenjang.JPT_PRATAMA,
    "eselon iii": Jenjang.ADMINISTRATOR, "administrator": Jenjang.ADMINISTRATOR,
    "eselon iii / administrator": Jenjang.ADMINISTRATOR,
    "eselon iv": Jenjang.PENGAWAS, "pengawas": Jenjang.PENGAWAS,
    "eselon iv / pengawas": Jenjang.PENGAWAS,
}
MODE_TULIS = {ModeTriwulan.PER_TRIWULAN: "per triwulan", ModeTriwulan.KUMULATIF: "kumulatif"}
MODE_BACA = {"per triwulan": ModeTriwulan.PER_TRIWULAN, "per_triwulan": ModeTriwulan.PER_TRIWULAN,
             "kumulatif": ModeTriwulan.KUMULATIF, "kumulatif s/d triwulan": ModeTriwulan.KUMULATIF,
             "s/d triwulan": ModeTriwulan.KUMULATIF}
LEVEL_JENJANG = {Jenjang.JPT_PRATAMA: ("sasaran", "tujuan"),
                 Jenjang.ADMINISTRATOR: ("program",),
                 Jenjang.PENGAWAS: ("kegiatan", "subkegiatan")}


def pk_terakhir(pd, tahun: int):
    """The latest version of every PK of the year, keyed by (jenjang, bidang_id)."""
    out = {}
    for pk in (PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun)
               .select_related("bidang").order_by("jenjang", "bidang_id", "versi")):
        out[(pk.jenjang, pk.bidang_id)] = pk
    return out


class PKSheet(Sheet):
    nama = "PK"
    kolom = KOLOM
    wajib = ("Jenjang", "Indikator")
    perlu_tahun = True

    def ekspor(self, pd, tahun):
        rows = []
        urut = {Jenjang.JPT_PRATAMA: 0, Jenjang.ADMINISTRATOR: 1, Jenjang.PENGAWAS: 2}
        pks = sorted(pk_terakhir(pd, tahun).values(),
                     key=lambda p: (urut[p.jenjang], p.bidang.nama if p.bidang else ""))
        for pk in pks:
            for line in (PKIndikator.objects.filter(perjanjian=pk)
                         .select_related("indikator__sasaran", "indikator__tujuan",
                                         "indikator__program", "indikator__kegiatan",
                                         "indikator__subkegiatan")
                         .order_by("urutan", "id")):
                rows.append([
                    JENJANG_TULIS[pk.jenjang], label_sasaran(line), line.indikator.uraian,
                    line.indikator.satuan or None,
                    sel_nilai_predikat(line.target_tahunan, line.target_tahunan_teks),
                    *line.target_tw_list, MODE_TULIS[line.mode_tw],
                    pk.bidang.nama if pk.bidang else None,
                ])
        return rows

    # --- import ---------------------------------------------------------------------------
    def impor(self, pd, tahun, rows, *, user, konteks=None):
        hasil = HasilSheet(sheet=self.nama)
        konteks = konteks or Konteks()
        if tahun is None:
            self.galat(hasil, 1, "Tahun", "Tahun PK tidak diketahui: isi kolom Tahun atau beri "
                                          "opsi --tahun.")
            return hasil
        renstra = renstra_berlaku(pd, tahun)
        if renstra is None:
            self.galat(hasil, 1, "Tahun", f"Belum ada Renstra {pd.nama} yang mencakup tahun "
                                          f"{tahun}.")
            return hasil
        pks = pk_terakhir(pd, tahun)
        bidang = konteks.bidang or PetaBidang(pd, user=user)
        indikator: dict[str, list[Indikator]] = {}
        for i in Indikator.objects.filter(renstra=renstra):
            indikator.setdefault(norm(i.uraian), []).append(i)
        sasaran = {norm(s.uraian): s for s in Sasaran.objects.filter(tujuan__renstra=renstra)}
        urutan: dict[int, int] = {}
        for row in rows:
            self._baris(row, hasil, pd=pd, tahun=tahun, renstra=renstra, pks=pks,
                        bidang=bidang, indikator=indikator, sasaran=sasaran, urutan=urutan,
                        user=user, konteks=konteks)
        return hasil

    def _unit(self, row, hasil, bidang, konteks):
        """(the bidang of the Unit Kerja cell or None, whether the row only follows an earlier
        galat about the same unknown bidang). An unknown bidang is reported once, listing the
        bidang of the office; on an office the import builds it is created."""
        teks = self.sel_teks(row, "Unit Kerja")
        if not teks:
            return None, False
        if konteks.ikut_ditolak(("bidang", norm(teks))):
            return None, True
        unit = bidang.cari(teks)
        if unit is None:
            self.galat(hasil, row["_baris"], "Unit Kerja",
                       bidang.pesan_tak_dikenal(teks, "Unit kerja"))
            konteks.tolak("bidang", norm(teks), hasil.galat[-1])
        return unit, False

    def _tw(self, row, kolom, target, hasil):
        """A TW target: a number, or a composite ``77,26 (BB)`` / a predikat alone as the
        annual target accepts them. A PK line keeps one predikat, the annual one (its TW targets
        are numbers): a TW predikat that differs from it is reported as not kept."""
        sel = self.sel_nilai_predikat(row, kolom, hasil)
        if sel is GAGAL:
            return None
        nilai, predikat = sel
        tahunan = target[1] if target is not GAGAL else ""
        if predikat and predikat != (tahunan or "").upper():
            hasil.peringatan.append(
                f"Sheet {self.nama} baris {row['_baris']}, kolom {kolom}: predikat "
                f"'{predikat}' tidak disimpan (target triwulan menyimpan angka; predikat PK "
                f"adalah predikat target tahunan{f' {tahunan}' if tahunan else ''}).")
        return nilai

    def _indikator(self, jenjang, kandidat):
        """Prefer the indicator of the jenjang's own level (§9 item 6 cascading)."""
        for level in LEVEL_JENJANG[jenjang]:
            for i in kandidat:
                if i.level == level:
                    return i
        return kandidat[0] if kandidat else None

    def _baris(self, row, hasil, *, pd, tahun, renstra, pks, bidang, indikator, sasaran,
               urutan, user, konteks):
        b = row["_baris"]
        n_galat = len(hasil.galat)
        teks_ind = self.sel_teks(row, "Indikator")
        if teks_ind and norm(teks_ind) not in indikator and konteks.ikut_ditolak(
                ("indikator", norm(teks_ind))):
            # Its indicator was refused on the Sasaran or Program sheet: counted there.
            return
        teks_jenjang = self.sel_teks(row, "Jenjang")
        jenjang = JENJANG_BACA.get(norm(teks_jenjang))
        if jenjang is None:
            self.galat(hasil, b, "Jenjang", f"'{teks_jenjang}' tidak dikenal; diharapkan Eselon "
                       "II/JPT Pratama, Eselon III/Administrator atau Eselon IV/Pengawas.")
        unit, ikut = self._unit(row, hasil, bidang, konteks)
        if ikut:
            return
        if not teks_ind:
            self.galat(hasil, b, "Indikator", "Indikator wajib diisi.")
        target = self.sel_nilai_predikat(row, "Target Tahunan", hasil)
        tw = [self._tw(row, k, target, hasil) for k in TW]
        teks_mode = self.sel_teks(row, "Mode TW")
        mode = MODE_BACA.get(norm(teks_mode), None) if teks_mode else ModeTriwulan.PER_TRIWULAN
        if mode is None:
            self.galat(hasil, b, "Mode TW", f"'{teks_mode}' tidak dikenal; diharapkan 'per "
                       "triwulan' atau 'kumulatif'.")
        if len(hasil.galat) > n_galat:
            return
        ind = self._indikator(jenjang, indikator.get(norm(teks_ind), []))
        dibuat = False
        if ind is None:
            teks_sasaran = self.sel_teks(row, "Sasaran")
            ss = sasaran.get(norm(teks_sasaran)) if teks_sasaran else None
            if jenjang != Jenjang.JPT_PRATAMA or ss is None:
                self.galat(hasil, b, "Indikator", f"Indikator \u201c{teks_ind}\u201d tidak ada di "
                           f"Renstra {renstra.tahun_awal}–{renstra.tahun_akhir}"
                           + ("; untuk PK JPT Pratama tulis Sasaran yang sudah ada agar "
                              "indikator baru dibuat di bawahnya." if jenjang ==
                              Jenjang.JPT_PRATAMA else "; tambahkan di sheet Program dahulu."))
                return
            ind = renstra_services.indikator_create(
                renstra=renstra, sasaran=ss, uraian=teks_ind, user=user,
                satuan=self.sel_teks(row, "Satuan"))
            indikator.setdefault(norm(teks_ind), []).append(ind)
            dibuat = True
        nilai, teks = target
        pk = pks.get((jenjang, unit.pk if unit else None))
        if pk is None:
            pk = pk_services.pk_create(perangkat_daerah=pd, tahun=tahun, jenjang=jenjang,
                                    bidang=unit, user=user,
                                    **pk_selectors.pk_pihak_default(pd, jenjang, unit))
            pks[(jenjang, unit.pk if unit else None)] = pk
            hasil.peringatan.append(f"PK {tahun} {JENJANG_TULIS[jenjang]}"
                                    + (f" {unit.nama}" if unit else "")
                                    + " belum ada; dibuat sebagai draf.")
        urutan[pk.pk] = urutan.get(pk.pk, 0) + 1
        line = PKIndikator.objects.filter(perjanjian=pk, indikator=ind).first()
        sama = line is not None and (
            line.target_tahunan == nilai and line.target_tahunan_teks == teks
            and line.target_tw_list == tw and line.mode_tw == mode
        )
        if sama:
            hasil.tetap += 1
            return
        if pk.status != PerjanjianKinerja.Status.DRAFT:
            keadaan = "sudah ditetapkan" if pk.terkunci else "sedang diajukan kepada Kepala"
            self.galat(hasil, b, "Target Tahunan",
                       f"PK {tahun} {JENJANG_TULIS[jenjang]} versi {pk.versi} {keadaan} dan "
                       "tidak dapat diubah lewat Buku Kerja; buat revisi (versi baru) di "
                       "aplikasi atau kembalikan ke draf.")
            return
        try:
            pk_services.pk_indikator_set(pk=pk, indikator=ind, target_tahunan=nilai,
                                      target_tahunan_teks=teks, target_tw=tw, mode_tw=mode,
                                      urutan=line.urutan if line else urutan[pk.pk],
                                      user=user, alasan=ALASAN)
        except ValidationError as e:
            self.galat_dari_validasi(hasil, b, "TW I–IV", e)
            return
        if line is None or dibuat:
            hasil.dibuat += 1
        else:
            hasil.diubah += 1

