"""E-mail of notifications, in the background (``manage.py sakip_worker``), never in a request.

Sent through Django's e-mail framework: the console backend by default, SMTP when the
environment says so (README "Notifikasi dan pengingat"). A row is mailed once: the job takes
the rows still unmailed under a row lock and stamps ``email_dikirim_pada`` in the same
transaction, so a job queued twice, or a retry, never mails a row again; a failed send rolls
the stamps back and the row stays unmailed.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from notifikasi.models import Notifikasi

log = logging.getLogger(__name__)


def _isi(n: Notifikasi, dasar: str) -> str:
    baris = [n.judul, ""]
    if n.pesan:
        baris += [n.pesan, ""]
    if n.url:
        baris += [f"Buka: {dasar}{n.url}", ""]
    baris += [
        "—",
        "Surel ini dikirim oleh SAKIP. Semua notifikasi Anda: "
        f"{dasar}{reverse('notifikasi:daftar')}",
        f"Tidak ingin menerima surel? Matikan di {dasar}{reverse('notifikasi:pengaturan')}",
    ]
    return "\n".join(baris)


@task()
def kirim_email_notifikasi(ids: list[int]) -> dict:
    """Mail the given notifications to recipients with an address and e-mail switched on."""
    dasar = settings.SAKIP_URL_DASAR.rstrip("/")
    with transaction.atomic():
        rows = list(
            Notifikasi.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk__in=ids, email_dikirim_pada__isnull=True, penerima__is_active=True)
            .exclude(penerima__email="")
            .exclude(penerima__preferensi_notifikasi__email_aktif=False)
            .select_related("penerima").order_by("pk")
        )
        if not rows:
            return {"dikirim": 0}
        pesan = [EmailMessage(subject=f"[SAKIP] {n.judul}", body=_isi(n, dasar),
                              to=[n.penerima.email]) for n in rows]
        get_connection().send_messages(pesan)
        Notifikasi.objects.filter(pk__in=[n.pk for n in rows]).update(
            email_dikirim_pada=timezone.now())
    return {"dikirim": len(rows)}
