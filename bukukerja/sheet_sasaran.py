"""Sheet ``Sasaran``: tujuan → sasaran → indicators with their settings, baseline and the target
of every Renstra year (design.md "Buku Kerja").

One row per indicator (a sasaran or tujuan without indicators gets one row with Indikator
blank, so the structure survives a round trip). A blank Sasaran with an Indikator is an indicator
of the tujuan itself. Tujuan and sasaran are matched by their text within the Renstra and created
when new; indicators by their text under that sasaran (or tujuan).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q

from bukukerja.base import GAGAL, HasilSheet, Konteks, Sheet
from bukukerja.umum import (
    ALASAN,
    header_keys,
    jenis_untuk_target,
    kolom_tahun,
    norm,
    renstra_ekspor,
    renstra_untuk,
    tulis_target,
    ya_tidak,
)
from renstra import services
from renstra.models import (
    Agregasi,
    Indikator,
    JenisNilai,
    Polaritas,
    Renstra,
    Sasaran,
    TargetIndikator,
    Tujuan,
)
from sakip.lib.angka import angka_input, sel_nilai_predikat

KOLOM = ["Tujuan", "Sasaran", "Indikator", "Satuan", "Polaritas", "Agregasi", "IKU",
         "Baseline Tahun", "Baseline"]


@dataclass
class _Peta:
    """The tujuan, sasaran and indicators of the Renstra by their matching text, kept up to date
    as rows create them (one query each, not one per row)."""

    renstra: Renstra
    tujuan: dict[str, Tujuan]
    sasaran: dict[tuple[int, str], Sasaran]
    # (owner level "sasaran"/"tujuan", owner id, matching text) → indicator.
    indikator: dict[tuple, Indikator]

    @classmethod
    def dari(cls, renstra: Renstra) -> _Peta:
        tujuan = {norm(t.uraian): t for t in Tujuan.objects.filter(renstra=renstra)}
        sasaran = {(s.tujuan_id, norm(s.uraian)): s
                   for s in Sasaran.objects.filter(tujuan__renstra=renstra)}
        indikator: dict[tuple, Indikator] = {}
        for i in Indikator.objects.filter(renstra=renstra):
            owner = ("sasaran", i.sasaran_id) if i.sasaran_id else ("tujuan", i.tujuan_id)
            if i.sasaran_id or i.tujuan_id:
                indikator[(*owner, norm(i.uraian))] = i
        return cls(renstra, tujuan, sasaran, indikator)

    def tujuan_sasaran(self, teks_tujuan: str, teks_sasaran: str, *, user):
        """(tujuan, sasaran or None, whether either was created) of a row; new texts become new
        nodes at the end of their list (through the audited ``node_create``)."""
        dibuat = False
        tj = self.tujuan.get(norm(teks_tujuan))
        if tj is None:
            tj = services.node_create(level="tujuan", induk=self.renstra, uraian=teks_tujuan,
                                      urutan=len(self.tujuan) + 1, user=user)
            self.tujuan[norm(teks_tujuan)] = tj
            dibuat = True
        if not teks_sasaran:
            return tj, None, dibuat
        ss = self.sasaran.get((tj.pk, norm(teks_sasaran)))
        if ss is None:
            urutan = sum(1 for k in self.sasaran if k[0] == tj.pk) + 1
            ss = services.node_create(level="sasaran", induk=tj, uraian=teks_sasaran,
                                      urutan=urutan, user=user)
            self.sasaran[(tj.pk, norm(teks_sasaran))] = ss
            dibuat = True
        return tj, ss, dibuat


class SasaranSheet(Sheet):
    nama = "Sasaran"
    kolom = KOLOM
    wajib = ("Tujuan", "Indikator")
    menyediakan = ("indikator",)

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
    def impor(self, pd, tahun, rows, *, user, konteks=None):
        hasil = HasilSheet(sheet=self.nama)
        konteks = konteks or Konteks()
        kolom_target = kolom_tahun(header_keys(rows), "target")
        renstra = self._renstra(pd, tahun, kolom_target, hasil)
        if renstra is None:
            konteks.tolak_semua(self.menyediakan, hasil.galat[0] if hasil.galat else None)
            return hasil
        peta = _Peta.dari(renstra)
        for nomor, row in enumerate(rows, start=1):
            n_galat = len(hasil.galat)
            self._baris(nomor, row, hasil, peta, kolom_target, user=user)
            if len(hasil.galat) > n_galat:
                # An indicator the row would have created is missing for the PK and Realisasi
                # rows that name it: they follow this galat instead of repeating it.
                konteks.tolak("indikator", norm(self.sel_teks(row, "Indikator")),
                              hasil.galat[n_galat])
        return hasil

    def _renstra(self, pd, tahun, kolom_target, hasil):
        """The Renstra the sheet writes into, or None after a galat: there is none for the year,
        or a Target column lies outside its period."""
        renstra = renstra_untuk(pd, tahun, list(kolom_target))
        if renstra is None:
            tahun_teks = str(tahun) if tahun else ", ".join(str(t) for t in sorted(kolom_target))
            self.galat(hasil, 1, "", f"Belum ada Renstra {pd.nama} yang mencakup tahun "
                                     f"{tahun_teks}; buat Renstra-nya dahulu.")
            return None
        if self.galat_di_luar_renstra(hasil, renstra, {"Target": kolom_target}):
            return None
        return renstra

    def _baris(self, nomor, row, hasil, peta, kolom_target, *, user):
        """One row: resolve (or create) its tujuan and sasaran, then read and write its
        indicator; the row counts once, as dibuat, diubah or tetap."""
        b = row["_baris"]
        n_galat = len(hasil.galat)
        teks_tujuan = self.sel_teks(row, "Tujuan")
        teks_ind = self.sel_teks(row, "Indikator")
        if not teks_tujuan:
            self.galat(hasil, b, "Tujuan", "Tujuan wajib diisi (teks tujuan Renstra).")
            return
        tj, ss, dibuat = peta.tujuan_sasaran(teks_tujuan, self.sel_teks(row, "Sasaran"),
                                             user=user)
        if not teks_ind:
            hasil.dibuat += dibuat
            hasil.tetap += not dibuat
            return
        fields = self._fields(row, hasil)
        targets = self.sel_target(row, kolom_target, hasil)
        if len(hasil.galat) > n_galat:
            return
        try:
            ind_dibuat, berubah = self._tulis_indikator(
                peta, ss or tj, teks_ind, fields, targets, hasil, b=b, urutan=nomor, user=user)
        except ValidationError as e:
            self.galat_dari_validasi(hasil, b, "Indikator", e)
            return
        if dibuat or ind_dibuat:
            hasil.dibuat += 1
        elif berubah:
            hasil.diubah += 1
        else:
            hasil.tetap += 1

    def _tulis_indikator(self, peta, pemilik, teks_ind, fields, targets, hasil, *, b, urutan,
                         user) -> tuple[bool, bool]:
        """Create or update the indicator under its sasaran (or tujuan) and write its targets;
        returns (dibuat, berubah)."""
        key = (pemilik._meta.model_name, pemilik.pk, norm(teks_ind))
        ind = peta.indikator.get(key)
        jenis = jenis_untuk_target(ind.jenis_nilai if ind else JenisNilai.ANGKA,
                                   targets.values())
        if ind is None:
            ind = services.indikator_create(
                renstra=peta.renstra, uraian=teks_ind, user=user, urutan=urutan,
                jenis_nilai=jenis, **{key[0]: pemilik},
                **{k: v for k, v in fields.items() if v is not None and k[0] != "_"},
            )
            peta.indikator[key] = ind
            tulis_target(ind, targets, user=user)
            return True, False
        ubah = self._ubah_indikator(ind, fields, jenis, hasil, b=b, teks_ind=teks_ind)
        if ubah:
            ind = services.indikator_update(indikator=ind, user=user, alasan=ALASAN, **ubah)
        n = len(tulis_target(ind, targets, user=user))
        return False, bool(ubah) or bool(n)

    def _ubah_indikator(self, ind, fields, jenis, hasil, *, b, teks_ind) -> dict:
        """The fields of an existing indicator the row changes; a blank baseline clears it."""
        ubah = {k: v for k, v in fields.items()
                if v is not None and k[0] != "_" and getattr(ind, k) != v}
        baseline_kosong = fields["baseline_nilai"] is None and not fields["_baseline_predikat"]
        if baseline_kosong and ind.baseline_nilai is not None:
            ubah["baseline_nilai"] = None
        if (baseline_kosong and fields["baseline_tahun"] is None
                and ind.baseline_tahun is not None):
            ubah["baseline_tahun"] = None
        if jenis != ind.jenis_nilai:
            ubah["jenis_nilai"] = jenis
            hasil.peringatan.append(
                f"Baris {b}: indikator \u201c{teks_ind}\u201d kini bernilai "
                f"angka dengan predikat karena targetnya memuat predikat.")
        return ubah

    def _fields(self, row, hasil) -> dict:
        """The indicator settings of the row, checked; None where a cell is blank or wrong, so
        a blank cell leaves the stored setting as it is (the baseline excepted)."""
        b = row["_baris"]
        out: dict = {"satuan": self.sel_teks(row, "Satuan") or None}
        teks_pol = self.sel_teks(row, "Polaritas")
        out["polaritas"] = self._pilihan(hasil, b, "Polaritas", norm(teks_pol), Polaritas.values,
                                         teks_pol, "positif, negatif atau kualitatif")
        agr = self.sel_teks(row, "Agregasi").upper()
        out["agregasi"] = self._pilihan(hasil, b, "Agregasi", agr, Agregasi.values, agr,
                                        "SUM, LAST, AVG, MAX, MIN atau YTD")
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
        out["baseline_nilai"], out["_baseline_predikat"] = self._baseline(row, hasil)
        if isinstance(out["baseline_nilai"], Decimal) and out["baseline_tahun"] is None:
            self.galat(hasil, b, "Baseline Tahun", "Baseline diisi tanpa tahunnya (satu baseline "
                       "per indikator beserta tahunnya, §9 butir 4).")
        return out

    def _baseline(self, row, hasil) -> tuple[Decimal | None, str]:
        """(number, predikat) of the Baseline cell. A composite ``77,26 (BB)`` is accepted as
        the Renstra targets accept it; the baseline keeps its number (one baseline value per
        indicator, §9 item 4), so a predikat is reported as not kept, and a predikat alone
        leaves the stored baseline as it is (the Renstra import does the same)."""
        sel = self.sel_nilai_predikat(row, "Baseline", hasil)
        if sel is GAGAL:
            return None, ""
        nilai, predikat = sel
        if predikat:
            simpan = (f"hanya angkanya ({angka_input(nilai)}) yang disimpan" if nilai is not None
                      else "baseline yang tersimpan tidak diubah")
            hasil.peringatan.append(
                f"Sheet {self.nama} baris {row['_baris']}, kolom Baseline: predikat "
                f"'{predikat}' tidak disimpan sebagai baseline; {simpan}.")
        return nilai, predikat

    def _pilihan(self, hasil, b, kolom, nilai, pilihan, tampil, diharapkan):
        """A cell holding one of a fixed set of values: the value, or None when blank or
        unknown (a galat names what was expected)."""
        if not nilai:
            return None
        if nilai in pilihan:
            return nilai
        self.galat(hasil, b, kolom, f"'{tampil}' tidak dikenal; diharapkan {diharapkan}.")
        return None
