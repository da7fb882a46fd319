"""One way to write an audit row for targets, realisasi and budget (design.md: who, when,
old → new, why). Services call it inside their transaction, so a rolled-back change leaves no
trail and a committed one always does."""

import json
from decimal import Decimal
from typing import Any

from django.db import models

from sakip.models import JejakAudit, PerangkatDaerah


def teks_nilai(value: Any) -> str | None:
    """The trail's one notation for a value (so equal values compare equal as text)."""
    if value is None:
        return None
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, Decimal):
        # Stored normalised so 580.0000 and 580 read the same in the trail.
        normal = value.normalize()
        return format(normal, "f")
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)


def catat(
    *,
    user,
    obj: models.Model,
    aksi: str,
    perangkat_daerah: PerangkatDaerah | None = None,
    field: str = "",
    lama: Any = None,
    baru: Any = None,
    alasan: str = "",
) -> JejakAudit:
    return JejakAudit.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        perangkat_daerah=perangkat_daerah,
        aksi=aksi,
        model=obj._meta.label_lower,
        object_id=str(obj.pk),
        objek=str(obj)[:300],
        field=field,
        nilai_lama=teks_nilai(lama),
        nilai_baru=teks_nilai(baru),
        alasan=alasan,
    )


def catat_perubahan(
    *,
    user,
    obj: models.Model,
    sebelum: dict[str, Any] | None,
    fields: list[str],
    perangkat_daerah: PerangkatDaerah | None = None,
    alasan: str = "",
) -> list[JejakAudit]:
    """Audit each field whose value differs from ``sebelum`` (None = the object is new)."""
    rows = []
    for name in fields:
        baru = getattr(obj, name)
        if sebelum is None:
            if baru in (None, ""):
                continue
            rows.append(catat(user=user, obj=obj, aksi=JejakAudit.Aksi.BUAT, field=name,
                              baru=baru, perangkat_daerah=perangkat_daerah, alasan=alasan))
            continue
        lama = sebelum.get(name)
        if teks_nilai(lama) != teks_nilai(baru):
            rows.append(catat(user=user, obj=obj, aksi=JejakAudit.Aksi.UBAH, field=name,
                              lama=lama, baru=baru, perangkat_daerah=perangkat_daerah,
                              alasan=alasan))
    return rows


def riwayat(obj: models.Model):
    """The audit trail of one object, newest first (for history panels)."""
    return JejakAudit.objects.filter(
        model=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("user")

