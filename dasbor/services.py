"""Writes of review notes (catatan reviu): validate, save, record the step, audit.

Who may call what is the view's question (``sakip.access``: ``can_review`` writes, and
``can_answer_catatan`` answers and resolves); these functions guard the life of a note:

    terbuka --jawab (kantor)--> dijawab --selesai (kantor)--> selesai
       ^   <--tanggapi (reviewer)--/                            |
       '---------------- buka kembali (reviewer) --------------'

Each step leaves a ``RiwayatCatatan`` row (the thread shown to both sides) and a ``JejakAudit``
row (the one trail of who changed what, sakip.audit), and moves the note's ``row_version``: a step
taken from a page that did not show the latest one (``versi_dasar``) is refused
(``DataKedaluwarsa``), so nobody resolves or reopens a note without seeing the last answer. The
same step sent twice (a double click) is recorded once (``SudahAda``).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dasbor.models import CatatanReviu, RiwayatCatatan
from kinerja.models import Realisasi
from laporan.models import LaporanKinerja
from notifikasi import peristiwa
from renstra.models import Indikator
from sakip import audit
from sakip.models import JejakAudit
from sakip.versi import DataKedaluwarsa, SudahAda, oleh_pada, versi_cek

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
    catatan.row_version += 1
    catatan.save(update_fields=["row_version"])
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
    # Notifications (notifikasi.peristiwa): the office's steps to the note's author, the
    # reviewer's to the office's perencana and Kepala.
    peristiwa.catatan_langkah(catatan=catatan, langkah=langkah, oleh=user)
    return langkah


def _kunci(catatan: CatatanReviu) -> CatatanReviu:
    # Two people answering/resolving at once must not interleave status changes.
    return CatatanReviu.objects.select_for_update(of=("self",)).select_related(
        "perangkat_daerah").get(pk=catatan.pk)


def _terakhir(catatan: CatatanReviu) -> RiwayatCatatan | None:
    return catatan.riwayat_set.select_related("user").order_by("-waktu", "-id").first()


def _oleh(langkah: RiwayatCatatan | None) -> str:
    return oleh_pada(langkah.user, langkah.waktu) if langkah is not None else ""


def _cek_versi(catatan: CatatanReviu, versi_dasar: int | None, *, user, aksi: str,
               isi: str) -> None:
    """Refuse a step based on an older version of the thread; the same step by the same user
    sent twice (its twin is the newest step) is SudahAda instead."""
    try:
        versi_cek(catatan, versi_dasar)
    except DataKedaluwarsa:
        akhir = _terakhir(catatan)
        if (akhir is not None and akhir.user_id == getattr(user, "pk", None)
                and akhir.aksi == aksi and akhir.isi == isi):
            raise SudahAda(f"Langkah ini sudah tercatat{_oleh(akhir)}.", objek=catatan) from None
        raise


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
                  peran: str = "", versi_dasar: int | None = None) -> RiwayatCatatan:
    """An answer of the office (→ dijawab) or a follow-up of the reviewer (→ terbuka)."""
    catatan = _kunci(catatan)
    teks = _isi(isi, wajib=True, pesan="Tuliskan jawaban atau tanggapan.")
    aksi = Aksi.DIJAWAB if dari_kantor else Aksi.DITANGGAPI
    _cek_versi(catatan, versi_dasar, user=user, aksi=aksi, isi=teks)
    if catatan.status == Status.SELESAI:
        raise ValidationError(
            "Catatan ini sudah selesai; buka kembali lebih dahulu bila perlu ditanggapi lagi."
        )
    return _langkah(catatan, aksi=aksi, user=user, peran=peran, isi=teks,
                    status_baru=Status.DIJAWAB if dari_kantor else Status.TERBUKA)


@transaction.atomic
def catatan_resolve(*, catatan: CatatanReviu, user, isi: str = "",
                    peran: str = "", versi_dasar: int | None = None) -> RiwayatCatatan:
    """The office marks a note resolved, optionally saying how (tindak lanjut)."""
    catatan = _kunci(catatan)
    if catatan.status == Status.SELESAI:
        raise SudahAda(f"Catatan ini sudah selesai{_oleh(_terakhir(catatan))}.", objek=catatan)
    teks = _isi(isi, wajib=False, pesan="")
    _cek_versi(catatan, versi_dasar, user=user, aksi=Aksi.DISELESAIKAN, isi=teks)
    return _langkah(catatan, aksi=Aksi.DISELESAIKAN, user=user, peran=peran, isi=teks,
                    status_baru=Status.SELESAI)


@transaction.atomic
def catatan_reopen(*, catatan: CatatanReviu, user, isi: str,
                         peran: str = "", versi_dasar: int | None = None) -> RiwayatCatatan:
    """The reviewer reopens a resolved note; the reason is required."""
    catatan = _kunci(catatan)
    teks = _isi(isi, wajib=True, pesan="Tuliskan alasan catatan dibuka kembali.")
    _cek_versi(catatan, versi_dasar, user=user, aksi=Aksi.DIBUKA_KEMBALI, isi=teks)
    if catatan.status != Status.SELESAI:
        raise ValidationError("Hanya catatan yang sudah selesai yang dapat dibuka kembali.")
    return _langkah(catatan, aksi=Aksi.DIBUKA_KEMBALI, user=user, peran=peran, isi=teks,
                    status_baru=Status.TERBUKA)
