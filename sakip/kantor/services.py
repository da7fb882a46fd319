"""Writes of the office setup (style.md §6): the office's profile and logo, its bidang, the
officials who sign its documents, and new offices of a pemda. Every change is audited
(``sakip.audit``) and versioned (``sakip.versi``: a stale form is refused, not applied)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from sakip import audit
from sakip.kantor.logo import periksa_logo
from sakip.kantor.selectors import milik_bidang
from sakip.lib.nip import bersihkan_nip
from sakip.lib.periode import format_tanggal
from sakip.models import Bidang, JejakAudit, JenisPejabat, Pejabat, Pemda, PerangkatDaerah
from sakip.versi import versi_cek

PROFIL_FIELDS = ["nama", "singkatan", "kode", "alamat", "tempat", "bukti_wajib"]
PEJABAT_FIELDS = ["nama", "nip", "pangkat", "jabatan", "mulai", "selesai"]
BIDANG_FIELDS = ["nama", "singkatan"]


def _simpan(obj, *, fields: list[str] | None = None):
    obj.full_clean()
    if fields is None:
        obj.save()
    else:
        obj.row_version += 1
        obj.save(update_fields=[*fields, "row_version"])
    return obj


def _kunci(model, pk):
    """The row re-read under a lock: concurrent edits of one row land one after the other."""
    return model.objects.select_for_update().get(pk=pk)


# --- offices ---------------------------------------------------------------------------------

@transaction.atomic
def perangkat_daerah_create(*, pemda: Pemda, nama: str, slug: str, singkatan: str = "",
                            kode: str = "", alamat: str = "", tempat: str = "",
                            user) -> PerangkatDaerah:
    """A new office of ``pemda`` (by its pemda-wide administrator); bidang, officials and
    users follow on its own setup pages."""
    pd = PerangkatDaerah(pemda=pemda, nama=nama.strip(), slug=slug.strip(),
                         singkatan=singkatan.strip(), kode=kode.strip(), alamat=alamat.strip(),
                         tempat=tempat.strip())
    _simpan(pd)
    audit.catat_perubahan(user=user, obj=pd, sebelum=None, fields=["pemda", *PROFIL_FIELDS,
                                                                   "slug"],
                          perangkat_daerah=pd)
    return pd


@transaction.atomic
def perangkat_daerah_update(*, pd: PerangkatDaerah, data: dict, user,
                            versi_dasar: int | None = None) -> PerangkatDaerah:
    """The office's name, short name, code, address and signing place. The slug stays: it is
    in every bookmarked and printed address."""
    unknown = set(data) - set(PROFIL_FIELDS)
    if unknown:
        raise TypeError(f"kolom tidak dikenal: {sorted(unknown)}")
    pd = _kunci(PerangkatDaerah, pd.pk)
    versi_cek(pd, versi_dasar)
    sebelum = {f: getattr(pd, f) for f in data}
    for name, value in data.items():
        setattr(pd, name, (value or "").strip())
    berubah = [f for f in data if getattr(pd, f) != sebelum[f]]
    if not berubah:
        return pd
    _simpan(pd, fields=berubah)
    audit.catat_perubahan(user=user, obj=pd, sebelum=sebelum, fields=berubah,
                          perangkat_daerah=pd)
    return pd


def _ganti_logo(obj, berkas, *, user, perangkat_daerah) -> None:
    lama = obj.logo.name or None
    if berkas is None:
        if not lama:
            return
        obj.logo = ""
    else:
        logo = periksa_logo(berkas)
        obj.logo.save(f"{logo.sha256[:16]}.{logo.ekstensi}", ContentFile(logo.isi), save=False)
    obj.row_version += 1
    obj.save(update_fields=["logo", "row_version"])
    audit.catat(user=user, obj=obj, aksi=JejakAudit.Aksi.UBAH, field="logo", lama=lama,
                baru=obj.logo.name or None, perangkat_daerah=perangkat_daerah)


@transaction.atomic
def perangkat_daerah_logo_set(*, pd: PerangkatDaerah, berkas, user,
                              versi_dasar: int | None = None) -> PerangkatDaerah:
    """Replace (``berkas``) or remove (None) the office's logo; the old file stays on disk so
    the trail's old value still names a file."""
    pd = _kunci(PerangkatDaerah, pd.pk)
    versi_cek(pd, versi_dasar)
    _ganti_logo(pd, berkas, user=user, perangkat_daerah=pd)
    return pd


@transaction.atomic
def pemda_logo_set(*, pemda: Pemda, berkas, user) -> Pemda:
    pemda = _kunci(Pemda, pemda.pk)
    _ganti_logo(pemda, berkas, user=user, perangkat_daerah=None)
    return pemda


# --- bidang ----------------------------------------------------------------------------------

def _cek_nama_bidang(bidang: Bidang) -> None:
    sama = Bidang.objects.filter(perangkat_daerah_id=bidang.perangkat_daerah_id,
                                 nama__iexact=bidang.nama).exclude(pk=bidang.pk).first()
    if sama is not None:
        status = "" if sama.aktif else " (nonaktif; aktifkan kembali bidang itu)"
        raise ValidationError({"nama": f"Bidang \u201c{sama.nama}\u201d sudah ada{status}."})


@transaction.atomic
def bidang_create(*, pd: PerangkatDaerah, nama: str, singkatan: str = "", user) -> Bidang:
    bidang = Bidang(perangkat_daerah=pd, nama=nama.strip(), singkatan=singkatan.strip())
    _cek_nama_bidang(bidang)
    _simpan(bidang)
    audit.catat_perubahan(user=user, obj=bidang, sebelum=None, fields=BIDANG_FIELDS,
                          perangkat_daerah=pd)
    return bidang


@transaction.atomic
def bidang_update(*, bidang: Bidang, nama: str, singkatan: str = "", user,
                  versi_dasar: int | None = None) -> Bidang:
    """Rename a bidang: its indicators, programs, PKs and roles follow (they hold its id)."""
    bidang = _kunci(Bidang, bidang.pk)
    versi_cek(bidang, versi_dasar)
    sebelum = {"nama": bidang.nama, "singkatan": bidang.singkatan}
    bidang.nama, bidang.singkatan = nama.strip(), singkatan.strip()
    berubah = [f for f in BIDANG_FIELDS if getattr(bidang, f) != sebelum[f]]
    if not berubah:
        return bidang
    _cek_nama_bidang(bidang)
    _simpan(bidang, fields=berubah)
    audit.catat_perubahan(user=user, obj=bidang, sebelum=sebelum, fields=berubah,
                          perangkat_daerah=bidang.perangkat_daerah)
    return bidang


@transaction.atomic
def bidang_aktif_set(*, bidang: Bidang, aktif: bool, user, alasan: str = "") -> bool:
    """Deactivate (or reactivate) a bidang: it keeps everything it owns and stays readable in
    every report; it is no longer offered for new indicators, PKs or staff roles. False when it
    already was in that state (a double click)."""
    bidang = _kunci(Bidang, bidang.pk)
    if bidang.aktif == aktif:
        return False
    bidang.aktif = aktif
    _simpan(bidang, fields=["aktif"])
    audit.catat(user=user, obj=bidang, aksi=JejakAudit.Aksi.STATUS, field="aktif",
                lama=not aktif, baru=aktif, alasan=alasan,
                perangkat_daerah=bidang.perangkat_daerah)
    return True


@transaction.atomic
def bidang_delete(*, bidang: Bidang, user) -> None:
    """Delete a bidang created by mistake. One that owns anything (indicators, programs, PKs,
    roles; realisasi hang on its indicators) is refused with the list: it is deactivated
    instead, so no history loses its bidang."""
    bidang = _kunci(Bidang, bidang.pk)
    milik = milik_bidang(bidang)
    if milik:
        raise ValidationError(
            f"Bidang \u201c{bidang.nama}\u201d tidak dapat dihapus karena masih memiliki "
            f"{', '.join(milik)}; nonaktifkan saja."
        )
    audit.catat(user=user, obj=bidang, aksi=JejakAudit.Aksi.HAPUS,
                perangkat_daerah=bidang.perangkat_daerah, lama=bidang.nama)
    bidang.delete()


# --- officials -------------------------------------------------------------------------------

def _kunci_jabatan(pemda_id: int, pd_id: int | None) -> None:
    """Periods of one post are checked and written one request at a time: the office row (or
    the pemda row for the kepala daerah) is the lock."""
    if pd_id is not None:
        list(PerangkatDaerah.objects.select_for_update(no_key=True).filter(pk=pd_id)
             .values_list("pk", flat=True))
    else:
        list(Pemda.objects.select_for_update(no_key=True).filter(pk=pemda_id)
             .values_list("pk", flat=True))


def _periode(p: Pejabat) -> str:
    akhir = format_tanggal(p.selesai) if p.selesai else "sekarang"
    return f"{format_tanggal(p.mulai)} \u2013 {akhir}"


def _sejawat(p: Pejabat):
    return Pejabat.objects.filter(jenis=p.jenis, pemda_id=p.pemda_id,
                                  perangkat_daerah_id=p.perangkat_daerah_id).exclude(pk=p.pk)


def _tumpang_tindih(p: Pejabat, lain: Pejabat) -> bool:
    return (lain.mulai <= (p.selesai or datetime.date.max)
            and (lain.selesai is None or lain.selesai >= p.mulai))


def _cek_tumpang_tindih(p: Pejabat) -> None:
    """Two holders of one post on the same day would make "who signs" ambiguous: refused."""
    for lain in _sejawat(p):
        if _tumpang_tindih(p, lain):
            raise ValidationError(
                f"Masa jabatan bertumpang tindih dengan {lain.nama} ({_periode(lain)}); ubah "
                "tanggalnya atau akhiri masa jabatan itu lebih dahulu."
            )


def _akhiri_pendahulu(p: Pejabat, user, perangkat_daerah) -> None:
    """A hand-over: the predecessor still in office when ``p`` starts ends the day before."""
    for lain in _sejawat(p).filter(mulai__lt=p.mulai):
        if lain.selesai is None or lain.selesai >= p.mulai:
            lama = lain.selesai
            lain.selesai = p.mulai - datetime.timedelta(days=1)
            _simpan(lain, fields=["selesai"])
            audit.catat(user=user, obj=lain, aksi=JejakAudit.Aksi.UBAH, field="selesai",
                        lama=lama, baru=lain.selesai, perangkat_daerah=perangkat_daerah,
                        alasan=f"digantikan oleh {p.nama}")


def _isi_pejabat(p: Pejabat, data: dict) -> None:
    unknown = set(data) - set(PEJABAT_FIELDS)
    if unknown:
        raise TypeError(f"kolom tidak dikenal: {sorted(unknown)}")
    for name, value in data.items():
        if name in ("mulai", "selesai"):
            setattr(p, name, value or None)
        elif name == "nip":
            p.nip = bersihkan_nip(value)
        else:
            setattr(p, name, (value or "").strip())


@transaction.atomic
def pejabat_create(*, jenis: str, data: dict, user, perangkat_daerah: PerangkatDaerah | None = None,
                   pemda: Pemda | None = None, akhiri_sebelumnya: bool = False) -> Pejabat:
    """Record an official's period of office: the Kepala of ``perangkat_daerah`` or the kepala
    daerah of ``pemda``. ``akhiri_sebelumnya``: the predecessor in office on the new start date
    ends the day before (a change of office in one step)."""
    if jenis == JenisPejabat.KEPALA_PD:
        pemda = perangkat_daerah.pemda
    p = Pejabat(jenis=jenis, pemda=pemda, perangkat_daerah=perangkat_daerah)
    _isi_pejabat(p, data)
    _kunci_jabatan(p.pemda_id, p.perangkat_daerah_id)
    p.full_clean()
    if akhiri_sebelumnya:
        _akhiri_pendahulu(p, user, perangkat_daerah)
    _cek_tumpang_tindih(p)
    p.save()
    audit.catat_perubahan(user=user, obj=p, sebelum=None, fields=PEJABAT_FIELDS,
                          perangkat_daerah=perangkat_daerah)
    return p


@transaction.atomic
def pejabat_update(*, pejabat: Pejabat, data: dict, user,
                   versi_dasar: int | None = None) -> Pejabat:
    """Correct an official's data or period (ending a period = setting ``selesai``)."""
    _kunci_jabatan(pejabat.pemda_id, pejabat.perangkat_daerah_id)
    p = _kunci(Pejabat, pejabat.pk)
    versi_cek(p, versi_dasar)
    sebelum = {f: getattr(p, f) for f in PEJABAT_FIELDS}
    _isi_pejabat(p, data)
    berubah = [f for f in PEJABAT_FIELDS if getattr(p, f) != sebelum[f]]
    if not berubah:
        return p
    p.full_clean()
    _cek_tumpang_tindih(p)
    _simpan(p, fields=berubah)
    audit.catat_perubahan(user=user, obj=p, sebelum=sebelum, fields=berubah,
                          perangkat_daerah=p.perangkat_daerah)
    return p
