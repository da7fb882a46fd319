"""Sheet ``Sasaran``: tujuan → sasaran → indicators with their settings, baseline and the target
of every Renstra year (design.md "Buku Kerja").

One row per indicator (a sasaran or tujuan without indicators gets one row with Indikator
blank, so the structure survives a round trip). A blank Sasaran with an Indikator is an indicator
of the tujuan itself. Tujuan and sasaran are matched by their text within the Renstra and created
when new; indicators by their text under that sasaran (or tujuan).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q

from bukukerja.base import GAGAL, HasilSheet, Sheet
from bukukerja.umum import (
    header_keys,
    kolom_tahun,
    norm,
    renstra_ekspor,
    renstra_untuk,
    ya_tidak,
)
from renstra import services
from renstra.models import (
    Agregasi,
    Indikator,
    JenisNilai,
    Polaritas,
    Sasaran,
    TargetIndikator,
    Tujuan,
)
from sakip.lib.angka import sel_nilai_predikat

KOLOM = ["Tujuan", "Sasaran", "Indikator", "Satuan", "Polaritas", "Agregasi", "IKU",
         "Baseline Tahun", "Baseline"]


def baca_target(sheet: Sheet, row: dict, kolom: str, hasil: HasilSheet):
    """(nilai, teks) of a target cell or GAGAL."""
    return sheet.sel_nilai_predikat(row, kolom, hasil)


def jenis_untuk_predikat(ind_jenis: str, nilai, teks: str) -> str:
    """A predikat target makes a plain-number indicator qualitative (§2.3: 77,26 (BB))."""
    if not teks or ind_jenis in (JenisNilai.PREDIKAT, JenisNilai.ANGKA_PREDIKAT):
        return ind_jenis
    return JenisNilai.ANGKA_PREDIKAT if nilai is not None else JenisNilai.PREDIKAT


class SasaranSheet(Sheet):
    nama = "Sasaran"
    kolom = KOLOM
    wajib = ("Tujuan", "Indikator")

    def header(self, pd, tahun):
        renstra = renstra_ekspor(pd, tahun)
        years = renstra.tahun_list if renstra else [tahun]
        return [*KOLOM, *(f"Target {t}" for t in years)]

    def ekspor(self, pd, tahun):
        renstra = renstra_ekspor(pd, tahun)
        if renstra is None:
            return []
        years = renstra.tahun_list
        tujuan = list(Tujuan.objects.filter(renstra=renstra).order_by("urutan", "id"))
        sasaran = list(Sasaran.objects.filter(tujuan__renstra=renstra).order_by("urutan", "id"))
        indikator = list(
            Indikator.objects.filter(renstra=renstra)
            .filter(Q(sasaran__isnull=False) | Q(tujuan__isnull=False))
            .order_by("urutan", "id")
        )
        targets: dict[int, dict[int, TargetIndikator]] = {}
        for t in TargetIndikator.objects.filter(indikator__in=[i.pk for i in indikator]):
            targets.setdefault(t.indikator_id, {})[t.tahun] = t
        rows = []

        def baris(tj, ss, ind):
            if ind is None:
                return [tj.uraian, ss.uraian if ss else None, None, None, None, None, None,
                        None, None, *([None] * len(years))]
            tg = targets.get(ind.pk, {})
            return [
                tj.uraian, ss.uraian if ss else None, ind.uraian, ind.satuan or None,
                ind.polaritas, ind.agregasi, "Ya" if ind.is_iku else "Tidak",
                ind.baseline_tahun, ind.baseline_nilai,
                *(sel_nilai_predikat(tg[t].nilai, tg[t].nilai_teks) if t in tg else None
                  for t in years),
            ]

        for tj in tujuan:
            own = [i for i in indikator if i.tujuan_id == tj.pk]
            anak = [s for s in sasaran if s.tujuan_id == tj.pk]
            rows += [baris(tj, None, i) for i in own]
            for ss in anak:
                inds = [i for i in indikator if i.sasaran_id == ss.pk]
                rows += [baris(tj, ss, i) for i in inds] or [baris(tj, ss, None)]
            if not own and not anak:
                rows.append(baris(tj, None, None))
        return rows

    # --- import ---------------------------------------------------------------------------
    def impor(self, pd, tahun, rows, *, user):
        hasil = HasilSheet(sheet=self.nama)
        kolom_target = kolom_tahun(header_keys(rows), "target")
        renstra = renstra_untuk(pd, tahun, list(kolom_target))
        if renstra is None:
            tahun_teks = str(tahun) if tahun else ", ".join(str(t) for t in sorted(kolom_target))
            self.galat(hasil, 1, "", f"Belum ada Renstra {pd.nama} yang mencakup tahun "
                                     f"{tahun_teks}; buat Renstra-nya dahulu.")
            return hasil
        salah = [t for t in kolom_target if t not in renstra.tahun_list]
        for t in salah:
            self.galat(hasil, 1, f"Target {t}",
                       f"Tahun {t} di luar periode Renstra {renstra.tahun_awal}–"
                       f"{renstra.tahun_akhir + renstra.tahun_tambahan}.")
        if salah:
            return hasil
        tujuan = {norm(t.uraian): t for t in Tujuan.objects.filter(renstra=renstra)}
        sasaran = {(s.tujuan_id, norm(s.uraian)): s
                   for s in Sasaran.objects.filter(tujuan__renstra=renstra)}
        indikator: dict[tuple, Indikator] = {}
        for i in Indikator.objects.filter(renstra=renstra):
            owner = ("sasaran", i.sasaran_id) if i.sasaran_id else ("tujuan", i.tujuan_id)
            if i.sasaran_id or i.tujuan_id:
                indikator[(*owner, norm(i.uraian))] = i
        urutan_tujuan = len(tujuan)
        for nomor, row in enumerate(rows, start=1):
            b = row["_baris"]
            n_galat = len(hasil.galat)
            teks_tujuan = self.sel_teks(row, "Tujuan")
            teks_sasaran = self.sel_teks(row, "Sasaran")
            teks_ind = self.sel_teks(row, "Indikator")
            if not teks_tujuan:
                self.galat(hasil, b, "Tujuan", "Tujuan wajib diisi (teks tujuan Renstra).")
                continue
            dibuat = False
            tj = tujuan.get(norm(teks_tujuan))
            if tj is None:
                urutan_tujuan += 1
                tj = services.tujuan_create(renstra=renstra, uraian=teks_tujuan,
                                            urutan=urutan_tujuan)
                tujuan[norm(teks_tujuan)] = tj
                dibuat = True
            ss = None
            if teks_sasaran:
                ss = sasaran.get((tj.pk, norm(teks_sasaran)))
                if ss is None:
                    urutan = sum(1 for k in sasaran if k[0] == tj.pk) + 1
                    ss = services.sasaran_create(tujuan=tj, uraian=teks_sasaran, urutan=urutan)
                    sasaran[(tj.pk, norm(teks_sasaran))] = ss
                    dibuat = True
            if not teks_ind:
                hasil.dibuat += dibuat
                hasil.tetap += not dibuat
                continue
            fields = self._fields(row, hasil)
            targets = {}
            for t in kolom_target:
                v = baca_target(self, row, f"Target {t}", hasil)
                if v is not GAGAL:
                    targets[t] = v
            if len(hasil.galat) > n_galat:
                continue
            owner = ("sasaran", ss.pk) if ss else ("tujuan", tj.pk)
            ind = indikator.get((*owner, norm(teks_ind)))
            jenis = ind.jenis_nilai if ind else JenisNilai.ANGKA
            for nilai, teks in targets.values():
                jenis = jenis_untuk_predikat(jenis, nilai, teks)
            try:
                if ind is None:
                    ind = services.indikator_create(
                        renstra=renstra, uraian=teks_ind, user=user, urutan=nomor,
                        jenis_nilai=jenis, **{owner[0]: ss or tj},
                        **{k: v for k, v in fields.items() if v is not None},
                    )
                    indikator[(*owner, norm(teks_ind))] = ind
                    dibuat = True
                    berubah = False
                else:
                    ubah = {k: v for k, v in fields.items()
                            if v is not None and getattr(ind, k) != v}
                    if fields["baseline_nilai"] is None and ind.baseline_nilai is not None:
                        ubah["baseline_nilai"] = None
                    if fields["baseline_tahun"] is None and ind.baseline_tahun is not None:
                        ubah["baseline_tahun"] = None
                    if jenis != ind.jenis_nilai:
                        ubah["jenis_nilai"] = jenis
                        hasil.peringatan.append(
                            f"Baris {b}: indikator \u201c{teks_ind}\u201d kini bernilai "
                            f"angka dengan predikat karena targetnya memuat predikat.")
                    if ubah:
                        ind = services.indikator_update(indikator=ind, user=user,
                                                        alasan="Impor Buku Kerja", **ubah)
                    berubah = bool(ubah)
                n = len(services.target_save(entri=[
                    services.EntriTarget(ind, t, nilai, teks)
                    for t, (nilai, teks) in sorted(targets.items())
                ], user=user, alasan="Impor Buku Kerja"))
            except ValidationError as e:
                self.galat_dari_validasi(hasil, b, "Indikator", e)
                continue
            if dibuat:
                hasil.dibuat += 1
            elif berubah or n:
                hasil.diubah += 1
            else:
                hasil.tetap += 1
        return hasil

    def _fields(self, row, hasil) -> dict:
        b = row["_baris"]
        out: dict = {"satuan": self.sel_teks(row, "Satuan") or None}
        pol = norm(self.sel_teks(row, "Polaritas"))
        out["polaritas"] = None
        if pol:
            if pol in Polaritas.values:
                out["polaritas"] = pol
            else:
                self.galat(hasil, b, "Polaritas", f"'{self.sel_teks(row, 'Polaritas')}' tidak "
                           "dikenal; diharapkan positif, negatif atau kualitatif.")
        agr = self.sel_teks(row, "Agregasi").upper()
        out["agregasi"] = None
        if agr:
            if agr in Agregasi.values:
                out["agregasi"] = agr
            else:
                self.galat(hasil, b, "Agregasi", f"'{agr}' tidak dikenal; diharapkan SUM, LAST, "
                           "AVG, MAX, MIN atau YTD.")
        try:
            out["is_iku"] = ya_tidak(row.get("iku"))
        except ValueError as e:
            self.galat(hasil, b, "IKU", f"{e}; diharapkan Ya atau Tidak.")
            out["is_iku"] = None
        bt = self.sel_angka(row, "Baseline Tahun", hasil)
        out["baseline_tahun"] = None
        if bt is not GAGAL and bt is not None:
            if bt != bt.to_integral_value() or not 1990 <= bt <= 2100:
                self.galat(hasil, b, "Baseline Tahun", f"'{bt}' bukan tahun, mis. 2024.")
            else:
                out["baseline_tahun"] = int(bt)
        bn = self.sel_angka(row, "Baseline", hasil)
        out["baseline_nilai"] = bn if bn is not GAGAL else None
        if isinstance(out["baseline_nilai"], Decimal) and out["baseline_tahun"] is None:
            self.galat(hasil, b, "Baseline Tahun", "Baseline diisi tanpa tahunnya (satu baseline "
                       "per indikator beserta tahunnya, §9 butir 4).")
        return out
