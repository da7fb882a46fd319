"""Budget writes (style.md §6): validate, save, audit. Rules: domain.md §8.3, §9 item 13."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from anggaran.models import Pagu, RealisasiAnggaran, Tahap
from sakip import audit
from sakip.lib.angka import format_rupiah


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
