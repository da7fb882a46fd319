"""One way to write an audit row for targets, realisasi and budget (design.md: who, when,
old → new, why). Services call it inside their transaction, so a rolled-back change leaves no
trail and a committed one always does."""

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone

from sakip.batch import insert_many
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


@dataclass
class Jejak:
    """One audit row before it is written: ``obj`` may be given as ``model`` label + ``object_id``
    + ``objek`` (a batch path that holds no model instance)."""

    aksi: str
    user: Any = None
    obj: models.Model | None = None
    perangkat_daerah: PerangkatDaerah | None = None
    field: str = ""
    lama: Any = None
    baru: Any = None
    alasan: str = ""
    model: str = ""
    object_id: Any = None
    objek: str = ""

    def kolom(self, waktu) -> dict[str, Any]:
        obj = self.obj
        pd = self.perangkat_daerah
        return {
            "waktu": waktu,
            "user_id": self.user.pk if getattr(self.user, "is_authenticated", False) else None,
            "perangkat_daerah_id": pd.pk if pd is not None else None,
            "aksi": self.aksi,
            "model": obj._meta.label_lower if obj is not None else self.model,
            "object_id": str(obj.pk if obj is not None else self.object_id),
            "objek": (str(obj) if obj is not None else self.objek)[:300],
            "field": self.field,
            "nilai_lama": teks_nilai(self.lama),
            "nilai_baru": teks_nilai(self.baru),
            "alasan": self.alasan,
        }


def catat(*, user, obj: models.Model, aksi: str, perangkat_daerah: PerangkatDaerah | None = None,
          field: str = "", lama: Any = None, baru: Any = None, alasan: str = "") -> JejakAudit:
    """Write one audit row now (inside the caller's transaction)."""
    jejak = Jejak(aksi=aksi, user=user, obj=obj, perangkat_daerah=perangkat_daerah, field=field,
                  lama=lama, baru=baru, alasan=alasan)
    return JejakAudit.objects.create(**jejak.kolom(timezone.now()))


_KOLOM = ["waktu", "user_id", "perangkat_daerah_id", "aksi", "model", "object_id", "objek",
          "field", "nilai_lama", "nilai_baru", "alasan"]


def catat_banyak(jejak: list[Jejak], *, waktu=None) -> int:
    """Write many audit rows in few statements (the batch write paths: 10,000 realisasi rows
    leave ~20,000 audit rows, which one INSERT per row would make the slowest part)."""
    waktu = waktu or timezone.now()
    rows = []
    for j in jejak:
        k = j.kolom(waktu)
        rows.append([k[c] for c in _KOLOM])
    insert_many(JejakAudit, _KOLOM, rows)
    return len(rows)


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

