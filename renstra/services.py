"""Writes to the plan go through these functions (style.md §6): validate, save, audit."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from renstra.models import (
    Indikator,
    Kegiatan,
    PaguIndikatif,
    Program,
    Renstra,
    Sasaran,
    SasaranProgram,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)
from sakip import audit
from sakip.models import PerangkatDaerah


def _simpan(obj):
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def renstra_create(
    *, perangkat_daerah: PerangkatDaerah, tahun_awal: int, tahun_akhir: int,
    tahun_tambahan: int = 0, versi: int = 1, **extra
) -> Renstra:
    return _simpan(Renstra(perangkat_daerah=perangkat_daerah, tahun_awal=tahun_awal,
                           tahun_akhir=tahun_akhir, tahun_tambahan=tahun_tambahan, versi=versi,
                           **extra))


def tujuan_create(*, renstra: Renstra, uraian: str, kode: str = "", urutan: int = 0) -> Tujuan:
    return _simpan(Tujuan(renstra=renstra, uraian=uraian, kode=kode, urutan=urutan))


def sasaran_create(*, tujuan: Tujuan, uraian: str, kode: str = "", urutan: int = 0) -> Sasaran:
    return _simpan(Sasaran(tujuan=tujuan, uraian=uraian, kode=kode, urutan=urutan))


def program_create(*, renstra: Renstra, kode: str, nama: str, bidang=None, urutan: int = 0):
    return _simpan(Program(renstra=renstra, kode=kode, nama=nama, bidang=bidang, urutan=urutan))


def kegiatan_create(*, program: Program, kode: str, nama: str, bidang=None) -> Kegiatan:
    return _simpan(Kegiatan(program=program, kode=kode, nama=nama, bidang=bidang))


def subkegiatan_create(*, kegiatan: Kegiatan, kode: str, nama: str, bidang=None) -> SubKegiatan:
    return _simpan(SubKegiatan(kegiatan=kegiatan, kode=kode, nama=nama, bidang=bidang))


def sasaran_program_link(*, sasaran: Sasaran, program: Program) -> SasaranProgram:
    if sasaran.tujuan.renstra_id != program.renstra_id:
        raise ValidationError("Program dan sasaran harus dari Renstra yang sama.")
    obj, _ = SasaranProgram.objects.get_or_create(sasaran=sasaran, program=program)
    return obj


@transaction.atomic
def indikator_create(*, renstra: Renstra, uraian: str, user=None, **fields) -> Indikator:
    ind = _simpan(Indikator(renstra=renstra, uraian=uraian, **fields))
    audit.catat(user=user, obj=ind, aksi="buat", perangkat_daerah=renstra.perangkat_daerah)
    return ind


@transaction.atomic
def target_set(
    *, indikator: Indikator, tahun: int, nilai: Decimal | None, nilai_teks: str = "",
    user=None, alasan: str = ""
) -> TargetIndikator:
    """Set one yearly target; NULL stays NULL (no target), audited old → new."""
    obj = TargetIndikator.objects.select_for_update().filter(
        indikator=indikator, tahun=tahun
    ).first()
    sebelum = None if obj is None else {"nilai": obj.nilai, "nilai_teks": obj.nilai_teks}
    if obj is None:
        obj = TargetIndikator(indikator=indikator, tahun=tahun)
    obj.nilai = nilai
    obj.nilai_teks = nilai_teks
    _simpan(obj)
    audit.catat_perubahan(
        user=user, obj=obj, sebelum=sebelum, fields=["nilai", "nilai_teks"],
        perangkat_daerah=indikator.renstra.perangkat_daerah, alasan=alasan,
    )
    return obj


@transaction.atomic
def pagu_indikatif_set(*, pemilik, tahun: int, nilai: Decimal | None, user=None, alasan=""):
    level = pemilik._meta.model_name
    obj = (
        PaguIndikatif.objects.select_for_update()
        .filter(**{level: pemilik, "tahun": tahun})
        .first()
    )
    sebelum = None if obj is None else {"nilai": obj.nilai}
    if obj is None:
        obj = PaguIndikatif(**{level: pemilik, "tahun": tahun})
    obj.nilai = nilai
    _simpan(obj)
    renstra = getattr(pemilik, "renstra", None) or (
        pemilik.program.renstra if level == "kegiatan" else pemilik.kegiatan.program.renstra
    )
    audit.catat_perubahan(user=user, obj=obj, sebelum=sebelum, fields=["nilai"],
                          perangkat_daerah=renstra.perangkat_daerah, alasan=alasan)
    return obj


@transaction.atomic
def penetapan_iku_create(*, renstra: Renstra, nomor: str, tanggal, indikator, keterangan=""):
    """Record a Keputusan establishing an IKU set; warn when a period changes it more than once
    (LKE 88/2021: "IKU … tidak sering diganti dalam 1 periode", domain.md §9 item 2)."""
    from renstra.models import PenetapanIKU

    obj = _simpan(PenetapanIKU(renstra=renstra, nomor=nomor, tanggal=tanggal,
                               keterangan=keterangan))
    obj.indikator_set.set(indikator)
    return obj
