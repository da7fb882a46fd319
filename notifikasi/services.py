"""Writes of notifications: create (once per event and recipient), read, read all, and the
user's e-mail preference.

Rows are written inside the caller's transaction, so a write that rolls back leaves no
notification; the e-mail is queued with ``transaction.on_commit`` for the background worker
(``notifikasi.tasks``), so a rolled-back write never mails and no request waits for SMTP.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from notifikasi.models import JenisNotifikasi, Notifikasi, PreferensiNotifikasi
from notifikasi.tasks import kirim_email_notifikasi
from sakip import audit

log = logging.getLogger(__name__)

_MAKS_JUDUL = Notifikasi._meta.get_field("judul").max_length
_MAKS_KUNCI = Notifikasi._meta.get_field("kunci").max_length
_MAKS_URL = Notifikasi._meta.get_field("url").max_length


def _antre_email(ids: list[int]) -> None:
    try:
        kirim_email_notifikasi.enqueue(ids)
    except Exception:
        # The notifications are saved and shown in the app; a queue that refuses the job must
        # not turn the user's committed save into an error page.
        log.exception("Surel notifikasi %s tidak dapat diantrekan", ids)


def notifikasi_create_banyak(penerima: Iterable, jenis: str, judul: str, pesan: str = "",
                             url: str = "", *, pd=None, kunci: str | None = None
                             ) -> list[Notifikasi]:
    """One notification of an event for each recipient who does not have it yet.

    ``kunci`` is the event's idempotence key: a recipient who already holds a notification
    with it gets nothing new (a reminder run again, a step sent twice). Without a key every
    call is its own event. Returns the rows created. Queries: existing keys (1), insert (1),
    the new rows (1); the e-mail job is queued after commit when a recipient has an address.
    """
    if jenis not in JenisNotifikasi.values:
        raise ValueError(f"Jenis notifikasi tidak dikenal: {jenis}")
    orang = {u.pk: u for u in penerima if u is not None and u.pk}
    if not orang:
        return []
    kunci = (kunci or f"{jenis}:{uuid.uuid4().hex}")[:_MAKS_KUNCI]
    ada = set(Notifikasi.objects.filter(kunci=kunci, penerima_id__in=list(orang))
              .values_list("penerima_id", flat=True))
    baru_ids = [pk for pk in orang if pk not in ada]
    if not baru_ids:
        return []
    now = timezone.now()
    Notifikasi.objects.bulk_create([
        Notifikasi(penerima_id=pk, perangkat_daerah=pd, jenis=jenis, judul=judul[:_MAKS_JUDUL],
                   pesan=pesan, url=url[:_MAKS_URL], kunci=kunci, dibuat_pada=now)
        for pk in baru_ids
    ], ignore_conflicts=True)  # a concurrent twin of the same event inserts nothing twice
    dibuat = list(Notifikasi.objects.filter(kunci=kunci, penerima_id__in=baru_ids,
                                            dibuat_pada=now).order_by("penerima_id"))
    surel = [n.pk for n in dibuat if orang[n.penerima_id].email]
    if surel:
        transaction.on_commit(lambda: _antre_email(surel))
    return dibuat


def notifikasi_create(penerima, jenis: str, judul: str, pesan: str = "", url: str = "", *,
                      pd=None, kunci: str | None = None) -> Notifikasi | None:
    """One recipient's notification; None when it already holds this event (``kunci``)."""
    dibuat = notifikasi_create_banyak([penerima], jenis, judul, pesan, url, pd=pd, kunci=kunci)
    return dibuat[0] if dibuat else None


def notifikasi_read(notif: Notifikasi, user) -> Notifikasi:
    """Mark one of the user's own notifications read (reading it again changes nothing)."""
    if notif.penerima_id != user.pk:
        raise PermissionDenied("Notifikasi ini bukan milik Anda.")
    if notif.dibaca_pada is None:
        notif.dibaca_pada = timezone.now()
        Notifikasi.objects.filter(pk=notif.pk, dibaca_pada__isnull=True).update(
            dibaca_pada=notif.dibaca_pada)
    return notif


def notifikasi_read_all(user) -> int:
    """Mark every unread notification of the user read; returns how many."""
    return Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True).update(
        dibaca_pada=timezone.now())


@transaction.atomic
def preferensi_set(*, user, email_aktif: bool) -> PreferensiNotifikasi:
    """The user's own e-mail switch; a change is audited (who turned mail off, and when)."""
    pref, _ = PreferensiNotifikasi.objects.select_for_update().get_or_create(user=user)
    if pref.email_aktif != email_aktif:
        audit.catat(user=user, obj=pref, aksi="ubah", field="email_aktif",
                    lama=pref.email_aktif, baru=email_aktif)
        pref.email_aktif = email_aktif
        pref.save(update_fields=["email_aktif", "diubah_pada"])
    return pref
