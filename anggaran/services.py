"""Budget writes (style.md §6): validate, save, audit. Rules: domain.md §8.3, §9 item 13."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from anggaran.models import Pagu, RealisasiAnggaran, Tahap
from sakip import audit
from sakip.lib.angka import format_rupiah
from sakip.lib.periode import nama_bulan, romawi


def _level(pemilik) -> str:
    level = pemilik._meta.model_name
    if level not in ("program", "kegiatan", "subkegiatan"):
        raise ValidationError("Anggaran hanya untuk program, kegiatan atau sub kegiatan.")
    return level


def _pd(pemilik):
    level = _level(pemilik)
    if level == "program":
        return pemilik.renstra.perangkat_daerah
    if level == "kegiatan":
        return pemilik.program.renstra.perangkat_daerah
    return pemilik.kegiatan.program.renstra.perangkat_daerah


def pagu_efektif(pemilik, tahun: int) -> Decimal | None:
    """The latest tahap of the year (murni < pergeseran-n < perubahan)."""
    rows = Pagu.objects.filter(**{_level(pemilik): pemilik, "tahun": tahun})
    best = None
    for p in rows:
        if best is None or p.urutan_efektif > best.urutan_efektif:
            best = p
    return best.nilai if best else None


@transaction.atomic
def pagu_set(*, pemilik, tahun: int, tahap: str, nilai: Decimal, urutan_tahap: int = 0,
             tanggal_dokumen: datetime.date | None = None, nomor_dokumen: str = "",
             user=None, alasan: str = "") -> Pagu:
    level = _level(pemilik)
    if tahap not in Tahap.values:
        raise ValidationError({"tahap": "Tahap harus murni, pergeseran atau perubahan."})
    obj = Pagu.objects.select_for_update().filter(
        **{level: pemilik}, tahun=tahun, tahap=tahap, urutan_tahap=urutan_tahap
    ).first()
    sebelum = None if obj is None else {"nilai": obj.nilai}
    if obj is None:
        obj = Pagu(**{level: pemilik}, tahun=tahun, tahap=tahap, urutan_tahap=urutan_tahap)
    obj.nilai = nilai
    obj.tanggal_dokumen = tanggal_dokumen
    obj.nomor_dokumen = nomor_dokumen
    obj.full_clean()
    obj.save()
    audit.catat_perubahan(user=user, obj=obj, sebelum=sebelum, fields=["nilai"],
                          perangkat_daerah=_pd(pemilik), alasan=alasan)
    return obj


@transaction.atomic
def realisasi_anggaran_set(*, pemilik, tahun: int, triwulan: int, nilai: Decimal,
                           bulan: int | None = None, sumber: str = "", user=None,
                           alasan: str = "") -> RealisasiAnggaran:
    """Record one quarter's (or month's) spending; the year's total may not exceed the pagu."""
    level = _level(pemilik)
    if nilai is None or nilai < 0:
        raise ValidationError({"nilai": "Realisasi anggaran harus angka ≥ 0."})
    if not 1 <= triwulan <= 4:
        raise ValidationError({"triwulan": "Triwulan harus 1 sampai 4."})
    lookup = {level: pemilik, "tahun": tahun, "triwulan": triwulan, "bulan": bulan}
    obj = RealisasiAnggaran.objects.select_for_update().filter(**lookup).first()
    sebelum = None if obj is None else {"nilai": obj.nilai}
    lain = (
        RealisasiAnggaran.objects.filter(**{level: pemilik, "tahun": tahun})
        .exclude(pk=getattr(obj, "pk", None))
        .aggregate(total=Sum("nilai"))["total"]
        or Decimal(0)
    )
    pagu = pagu_efektif(pemilik, tahun)
    if pagu is not None and lain + nilai > pagu:
        raise ValidationError(
            {"nilai": f"Realisasi {pemilik.kode} tahun {tahun} menjadi "
                      f"{format_rupiah(lain + nilai)}, melebihi pagu {format_rupiah(pagu)}."}
        )
    if obj is None:
        obj = RealisasiAnggaran(**lookup)
    obj.nilai = nilai
    obj.sumber = sumber
    obj.diubah_oleh = user
    obj.full_clean()
    obj.save()
    audit.catat_perubahan(user=user, obj=obj, sebelum=sebelum, fields=["nilai"],
                          perangkat_daerah=_pd(pemilik), alasan=alasan)
    return obj


# --- Batches: the node forms, the Buku Kerja sheet Anggaran and the SIPD import (issue 4) ------
# The rules above (realisasi ≤ pagu efektif, domain.md §8.3 / §3 rule 4) are checked on the state
# the whole batch leaves behind, not row by row: a workbook that moves spending from TW II to TW I
# must not be refused halfway because of the order of its rows, and a workbook with one
# realisasi above its pagu is refused whole, naming the row (design.md: nothing half-lands).

_RANK = {Tahap.MURNI: 0, Tahap.PERGESERAN: 1, Tahap.PERUBAHAN: 2}
_LEVELS = ("program", "kegiatan", "subkegiatan")


@dataclass
class EntriPagu:
    pemilik: object
    tahap: str
    nilai: Decimal
    urutan_tahap: int = 0
    tanggal_dokumen: datetime.date | None = None  # None: keep the stored date
    nomor_dokumen: str | None = None  # None: keep the stored number
    baris: int = 0
    kolom: str = ""


@dataclass
class EntriRealisasiAnggaran:
    pemilik: object
    triwulan: int
    nilai: Decimal
    bulan: int | None = None
    sumber: str = ""
    baris: int = 0
    kolom: str = ""


@dataclass
class GalatAnggaran:
    entri: object
    pesan: str


@dataclass
class HasilAnggaran:
    dibuat: int = 0
    diubah: int = 0
    tetap: int = 0
    galat: list[GalatAnggaran] = field(default_factory=list)
    perubahan: list[tuple[object, Decimal | None, Decimal]] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.galat


def _kunci(pemilik) -> tuple[str, int]:
    return (_level(pemilik), pemilik.pk)


def _label_periode(triwulan: int, bulan: int | None) -> str:
    return nama_bulan(bulan) if bulan else f"TW {romawi(triwulan)}"


def anggaran_terapkan(
    *, tahun: int, pagu: list[EntriPagu] | None = None,
    realisasi: list[EntriRealisasiAnggaran] | None = None, user=None, alasan: str = "",
    simpan: bool = True, pd=None,
) -> HasilAnggaran:
    """Validate a batch of pagu and realisasi anggaran lines of one year, then (when valid and
    ``simpan``) write them with their audit rows. Nothing is written when any line is refused.

    Rules: a value is ≥ 0; a quarter is recorded either as one quarterly figure or as months,
    never both (they would be counted twice); each owner's realisasi for the year may not exceed
    its pagu efektif after the batch (latest tahap: murni < pergeseran-n < perubahan).
    """
    pagu = list(pagu or [])
    realisasi = list(realisasi or [])
    hasil = HasilAnggaran()
    owners = {}
    for e in [*pagu, *realisasi]:
        owners[_kunci(e.pemilik)] = e.pemilik
    ids = {lv: [k[1] for k in owners if k[0] == lv] for lv in _LEVELS}
    pagu_db: dict[tuple, dict[tuple, Pagu]] = {k: {} for k in owners}
    real_db: dict[tuple, dict[tuple, RealisasiAnggaran]] = {k: {} for k in owners}
    for lv in _LEVELS:
        if not ids[lv]:
            continue
        for p in Pagu.objects.filter(**{f"{lv}_id__in": ids[lv]}, tahun=tahun):
            pagu_db[(lv, getattr(p, f"{lv}_id"))][(p.tahap, p.urutan_tahap)] = p
        for r in RealisasiAnggaran.objects.filter(**{f"{lv}_id__in": ids[lv]}, tahun=tahun):
            real_db[(lv, getattr(r, f"{lv}_id"))][(r.triwulan, r.bulan)] = r

    pagu_akhir = {k: {t: p.nilai for t, p in v.items()} for k, v in pagu_db.items()}
    real_akhir = {k: {t: r.nilai for t, r in v.items()} for k, v in real_db.items()}
    terakhir: dict[tuple, object] = {}
    dilihat = set()
    for e in pagu:
        k = _kunci(e.pemilik)
        if e.tahap not in Tahap.values:
            hasil.galat.append(GalatAnggaran(e, "Tahap harus murni, pergeseran atau perubahan."))
            continue
        if e.nilai is None or e.nilai < 0:
            hasil.galat.append(GalatAnggaran(e, "Pagu harus angka ≥ 0."))
            continue
        kunci_baris = ("pagu", k, e.tahap, e.urutan_tahap)
        if kunci_baris in dilihat:
            hasil.galat.append(GalatAnggaran(e, f"Pagu {e.pemilik.kode} tahap {e.tahap} muncul "
                                                "lebih dari sekali."))
            continue
        dilihat.add(kunci_baris)
        pagu_akhir[k][(e.tahap, e.urutan_tahap)] = e.nilai
        terakhir.setdefault(k, e)
    for e in realisasi:
        k = _kunci(e.pemilik)
        if e.triwulan not in (1, 2, 3, 4):
            hasil.galat.append(GalatAnggaran(e, "Triwulan harus I sampai IV."))
            continue
        if e.bulan is not None and not (3 * e.triwulan - 2 <= e.bulan <= 3 * e.triwulan):
            hasil.galat.append(GalatAnggaran(e, f"Bulan {e.bulan} bukan bagian triwulan "
                                                f"{romawi(e.triwulan)}."))
            continue
        if e.nilai is None or e.nilai < 0:
            hasil.galat.append(GalatAnggaran(e, "Realisasi anggaran harus angka ≥ 0."))
            continue
        kunci_baris = ("real", k, e.triwulan, e.bulan)
        if kunci_baris in dilihat:
            hasil.galat.append(GalatAnggaran(
                e, f"Realisasi {e.pemilik.kode} {_label_periode(e.triwulan, e.bulan)} muncul "
                   "lebih dari sekali."))
            continue
        dilihat.add(kunci_baris)
        real_akhir[k][(e.triwulan, e.bulan)] = e.nilai
        terakhir[k] = e
    # Month and quarter figures of the same quarter would be counted twice.
    for e in realisasi:
        k = _kunci(e.pemilik)
        keys = [t for t in real_akhir[k] if t[0] == e.triwulan]
        if any(b is None for _t, b in keys) and any(b is not None for _t, b in keys):
            hasil.galat.append(GalatAnggaran(
                e, f"Realisasi {e.pemilik.kode} TW {romawi(e.triwulan)} sudah tercatat "
                   f"{'per bulan' if e.bulan is None else 'per triwulan'}; isi per triwulan "
                   "atau per bulan, jangan keduanya."))
    for k, e in terakhir.items():
        stages = pagu_akhir[k]
        if not stages:
            continue
        efektif = max(stages.items(), key=lambda kv: (_RANK[kv[0][0]], kv[0][1]))[1]
        total = sum(real_akhir[k].values(), Decimal(0))
        if total > efektif:
            hasil.galat.append(GalatAnggaran(
                e, f"Realisasi {e.pemilik.kode} {e.pemilik.nama} tahun {tahun} menjadi "
                   f"{format_rupiah(total)}, melebihi pagu {format_rupiah(efektif)}."))
    if hasil.galat:
        return hasil

    for e in pagu:
        k = _kunci(e.pemilik)
        obj = pagu_db[k].get((e.tahap, e.urutan_tahap))
        lama = None if obj is None else obj.nilai
        berubah = obj is None or obj.nilai != e.nilai or (
            e.tanggal_dokumen is not None and obj.tanggal_dokumen != e.tanggal_dokumen
        ) or (e.nomor_dokumen is not None and obj.nomor_dokumen != e.nomor_dokumen)
        if not berubah:
            hasil.tetap += 1
            continue
        hasil.perubahan.append((e, lama, e.nilai))
        if obj is None:
            hasil.dibuat += 1
        else:
            hasil.diubah += 1
        if not simpan:
            continue
        sebelum = None if obj is None else {"nilai": obj.nilai,
                                             "tanggal_dokumen": obj.tanggal_dokumen}
        if obj is None:
            obj = Pagu(**{k[0]: e.pemilik}, tahun=tahun, tahap=e.tahap,
                       urutan_tahap=e.urutan_tahap)
        obj.nilai = e.nilai
        if e.tanggal_dokumen is not None:
            obj.tanggal_dokumen = e.tanggal_dokumen
        if e.nomor_dokumen is not None:
            obj.nomor_dokumen = e.nomor_dokumen
        obj.full_clean()
        obj.save()
        audit.catat_perubahan(user=user, obj=obj, sebelum=sebelum,
                              fields=["nilai", "tanggal_dokumen"],
                              perangkat_daerah=pd or _pd(e.pemilik), alasan=alasan)
    for e in realisasi:
        k = _kunci(e.pemilik)
        obj = real_db[k].get((e.triwulan, e.bulan))
        if obj is not None and obj.nilai == e.nilai:
            hasil.tetap += 1
            continue
        hasil.perubahan.append((e, None if obj is None else obj.nilai, e.nilai))
        if obj is None:
            hasil.dibuat += 1
        else:
            hasil.diubah += 1
        if not simpan:
            continue
        sebelum = None if obj is None else {"nilai": obj.nilai}
        if obj is None:
            obj = RealisasiAnggaran(**{k[0]: e.pemilik}, tahun=tahun, triwulan=e.triwulan,
                                    bulan=e.bulan)
        obj.nilai = e.nilai
        if e.sumber:
            obj.sumber = e.sumber
        obj.diubah_oleh = user if getattr(user, "is_authenticated", False) else None
        obj.full_clean()
        obj.save()
        audit.catat_perubahan(user=user, obj=obj, sebelum=sebelum, fields=["nilai"],
                              perangkat_daerah=pd or _pd(e.pemilik), alasan=alasan)
    return hasil
