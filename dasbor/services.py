"""Writes of review notes (catatan reviu): validate, save, record the step, audit.

Who may call what is the view's question (``sakip.access``: ``can_review`` writes, and
``can_answer_catatan`` answers and resolves); these functions guard the life of a note:

    terbuka --jawab (kantor)--> dijawab --selesai (kantor)--> selesai
       ^   <--tanggapi (reviewer)--/                            |
       '---------------- buka kembali (reviewer) --------------'

Each step leaves a ``RiwayatCatatan`` row (the thread shown to both sides) and a ``JejakAudit``
row (the one trail of who changed what, sakip.audit).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dasbor.models import CatatanReviu, RiwayatCatatan
from kinerja.models import Realisasi
from laporan.models import LaporanKinerja
from renstra.models import Indikator
from sakip import audit
from sakip.models import JejakAudit

Aksi = RiwayatCatatan.Aksi
Status = CatatanReviu.Status


def _isi(isi: str, *, wajib: bool, pesan: str) -> str:
    teks = (isi or "").strip()
    if wajib and not teks:
        raise ValidationError({"isi": pesan})
    return teks


def _langkah(catatan: CatatanReviu, *, aksi: str, user, peran: str, isi: str,
             status_baru: str) -> RiwayatCatatan:
    status_lama = catatan.status
    if status_lama != status_baru:
        catatan.status = status_baru
        if status_baru == Status.SELESAI:
            catatan.diselesaikan_oleh = user
            catatan.diselesaikan_pada = timezone.now()
        else:
            catatan.diselesaikan_oleh = None
            catatan.diselesaikan_pada = None
        catatan.save(update_fields=["status", "diselesaikan_oleh", "diselesaikan_pada"])
        audit.catat(user=user, obj=catatan, aksi=JejakAudit.Aksi.STATUS, field="status",
                    lama=status_lama, baru=status_baru, alasan=isi,
                    perangkat_daerah=catatan.perangkat_daerah)
    langkah = RiwayatCatatan(catatan=catatan, aksi=aksi, isi=isi, status_lama=status_lama,
                             status_baru=status_baru, user=user, peran=peran)
    langkah.full_clean()
    langkah.save()
    return langkah


def _kunci(catatan: CatatanReviu) -> CatatanReviu:
    # Two people answering/resolving at once must not interleave status changes.
    return CatatanReviu.objects.select_for_update().select_related("perangkat_daerah").get(
        pk=catatan.pk
    )


@transaction.atomic
def catatan_create(*, target: Indikator | Realisasi | LaporanKinerja, isi: str, user,
                 tahun: int | None = None, peran: str = "") -> CatatanReviu:
    """A reviewer's note on an indikator (of ``tahun``), a realisasi or an LKjIP."""
    teks = _isi(isi, wajib=True, pesan="Tuliskan isi catatan reviu.")
    if isinstance(target, Indikator):
        pd = target.renstra.perangkat_daerah
        if tahun is None:
            raise ValidationError({"tahun": "Tahun reviu indikator wajib diisi."})
        fields = {"indikator": target}
    elif isinstance(target, Realisasi):
        pd = target.indikator.renstra.perangkat_daerah
        tahun = target.tahun
        fields = {"realisasi": target}
    elif isinstance(target, LaporanKinerja):
        pd = target.perangkat_daerah
        tahun = target.tahun
        fields = {"laporan": target}
    else:
        raise TypeError(f"Catatan reviu tidak dapat ditujukan pada {type(target).__name__}")
    catatan = CatatanReviu(perangkat_daerah=pd, tahun=tahun, isi=teks, dibuat_oleh=user,
                           **fields)
    catatan.full_clean()
    catatan.save()
    _langkah(catatan, aksi=Aksi.DIBUAT, user=user, peran=peran, isi="",
             status_baru=Status.TERBUKA)
    audit.catat(user=user, obj=catatan, aksi=JejakAudit.Aksi.BUAT, field="isi", baru=teks,
                perangkat_daerah=pd)
    return catatan


@transaction.atomic
def catatan_reply(*, catatan: CatatanReviu, isi: str, user, dari_kantor: bool,
                  peran: str = "") -> RiwayatCatatan:
    """An answer of the office (→ dijawab) or a follow-up of the reviewer (→ terbuka)."""
    catatan = _kunci(catatan)
    if catatan.status == Status.SELESAI:
        raise ValidationError(
            "Catatan ini sudah selesai; buka kembali lebih dahulu bila perlu ditanggapi lagi."
        )
    teks = _isi(isi, wajib=True, pesan="Tuliskan jawaban atau tanggapan.")
    if dari_kantor:
        return _langkah(catatan, aksi=Aksi.DIJAWAB, user=user, peran=peran, isi=teks,
                        status_baru=Status.DIJAWAB)
    return _langkah(catatan, aksi=Aksi.DITANGGAPI, user=user, peran=peran, isi=teks,
                    status_baru=Status.TERBUKA)


@transaction.atomic
def catatan_resolve(*, catatan: CatatanReviu, user, isi: str = "",
                    peran: str = "") -> RiwayatCatatan:
    """The office marks a note resolved, optionally saying how (tindak lanjut)."""
    catatan = _kunci(catatan)
    if catatan.status == Status.SELESAI:
        raise ValidationError("Catatan ini sudah selesai.")
    teks = _isi(isi, wajib=False, pesan="")
    return _langkah(catatan, aksi=Aksi.DISELESAIKAN, user=user, peran=peran, isi=teks,
                    status_baru=Status.SELESAI)


@transaction.atomic
def catatan_reopen(*, catatan: CatatanReviu, user, isi: str,
                         peran: str = "") -> RiwayatCatatan:
    """The reviewer reopens a resolved note; the reason is required."""
    catatan = _kunci(catatan)
    if catatan.status != Status.SELESAI:
        raise ValidationError("Hanya catatan yang sudah selesai yang dapat dibuka kembali.")
    teks = _isi(isi, wajib=True, pesan="Tuliskan alasan catatan dibuka kembali.")
    return _langkah(catatan, aksi=Aksi.DIBUKA_KEMBALI, user=user, peran=peran, isi=teks,
                    status_baru=Status.TERBUKA)
