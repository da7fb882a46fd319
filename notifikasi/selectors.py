"""Reads of notifications, and who receives an event.

Recipients are resolved from the roles (``sakip.models.Peran``) in one query whatever the
number of people, so a hook inside a write service costs the same for 2 staff or 200.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Case, Q, QuerySet, When
from django.shortcuts import get_object_or_404

from notifikasi.models import Notifikasi, PreferensiNotifikasi
from sakip.models import Peran, PerangkatDaerah, Role

# Roles held pemda-wide (Peran.perangkat_daerah NULL) still receive the events of every office
# of their pemda; only the Inspektorat is ever a recipient among them (administrators act on
# accounts and settings, not on the work the events are about).
_PERAN_PEMDA = {Role.INSPEKTORAT}


def _syarat_peran(pd: PerangkatDaerah, peran: Iterable[str], bidang_ids) -> Q:
    syarat = Q(pk__in=[])
    for role in peran:
        tempat = Q(perangkat_daerah=pd)
        if role in _PERAN_PEMDA:
            tempat |= Q(perangkat_daerah__isnull=True, pemda_id=pd.pemda_id)
        q = Q(role=role) & tempat
        if role == Role.STAF_BIDANG and bidang_ids is not None:
            q &= Q(bidang_id__in=list(bidang_ids))
        syarat |= q
    return syarat


def penerima(*, pd: PerangkatDaerah, peran: Iterable[str] = (), bidang_ids=None,
             user_ids: Iterable[int | None] = (), kecuali=None) -> list:
    """Active users holding one of ``peran`` on ``pd`` (staf_bidang: of ``bidang_ids`` when
    given), plus ``user_ids`` (who entered a value, who wrote a note), minus ``kecuali`` (the
    person who acted: nobody is told about their own step). One query."""
    ids = {i for i in user_ids if i}
    peran = list(peran)
    if not peran and not ids:
        return []
    syarat = Q(pk__in=ids)
    if peran:
        syarat |= Q(pk__in=Peran.objects.filter(_syarat_peran(pd, peran, bidang_ids))
                    .values("user_id"))
    qs = get_user_model().objects.filter(syarat, is_active=True)
    kecuali_id = getattr(kecuali, "pk", kecuali)
    if kecuali_id:
        qs = qs.exclude(pk=kecuali_id)
    return list(qs.order_by("pk"))


def notifikasi_list(user) -> QuerySet[Notifikasi]:
    """A user's notifications: unread first, then newest first."""
    return (Notifikasi.objects.filter(penerima=user)
            .select_related("perangkat_daerah")
            .alias(sudah=Case(When(dibaca_pada__isnull=True, then=0), default=1))
            .order_by("sudah", "-dibuat_pada", "-id"))


def jumlah_belum_dibaca(user) -> int:
    """The bell's number (one COUNT on the (penerima, dibaca_pada) index)."""
    return Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True).count()


def notifikasi_milik(user, pk: int) -> Notifikasi:
    """One notification of ``user``; another person's answers 404 like one that does not
    exist (nobody learns what others are told)."""
    return get_object_or_404(Notifikasi, pk=pk, penerima=user)


def email_aktif(user) -> bool:
    """No preference row = e-mail on (the default)."""
    return not PreferensiNotifikasi.objects.filter(user=user, email_aktif=False).exists()


def staf_per_bidang(pd: PerangkatDaerah, bidang_ids) -> dict[int, list]:
    """The active staf of each bidang of ``pd`` (one query for every bidang)."""
    out: dict[int, list] = {}
    for p in (Peran.objects.filter(role=Role.STAF_BIDANG, perangkat_daerah=pd,
                                   bidang_id__in=list(bidang_ids), user__is_active=True)
              .select_related("user").order_by("bidang_id", "user_id")):
        out.setdefault(p.bidang_id, []).append(p.user)
    return out


def sudah_diberi_tahu(kunci) -> set[tuple[int, str]]:
    """(penerima id, kunci) pairs that exist among ``kunci`` (one query): an event already
    notified to a person is not announced again (``kirim_pengingat --dry-run``)."""
    return set(Notifikasi.objects.filter(kunci__in=list(kunci))
               .values_list("penerima_id", "kunci"))
