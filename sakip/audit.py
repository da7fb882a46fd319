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


def jejak_perubahan(*, obj: models.Model, sebelum: dict[str, Any] | None, fields: list[str],
                    **kw) -> list[Jejak]:
    """The audit rows of one saved object: a new object (``sebelum`` None) audits its filled
    fields, a changed one each field whose value differs from ``sebelum``. ``kw``: user,
    perangkat_daerah, alasan."""
    rows = []
    for name in fields:
        baru = getattr(obj, name)
        if sebelum is None:
            if baru not in (None, ""):
                rows.append(Jejak(aksi=JejakAudit.Aksi.BUAT, obj=obj, field=name, baru=baru, **kw))
            continue
        lama = sebelum.get(name)
        if teks_nilai(lama) != teks_nilai(baru):
            rows.append(Jejak(aksi=JejakAudit.Aksi.UBAH, obj=obj, field=name, lama=lama,
                              baru=baru, **kw))
    return rows


def catat_perubahan(*, user, obj: models.Model, sebelum: dict[str, Any] | None,
                    fields: list[str], perangkat_daerah: PerangkatDaerah | None = None,
                    alasan: str = "") -> int:
    """Write the audit rows of one saved object now (see ``jejak_perubahan``)."""
    return catat_banyak(jejak_perubahan(obj=obj, sebelum=sebelum, fields=fields, user=user,
                                        perangkat_daerah=perangkat_daerah, alasan=alasan))


def nama_pelaku(user, *, kosong: str = "sistem") -> str:
    """Who acted, as every page says it (header, audit trails, "changed by … at …" refusals):
    the person's full name, else the login name; ``kosong`` when no user is recorded (a job,
    or a deleted account). Never a bidang label: accounts carry person names."""
    if user is None:
        return kosong
    return user.get_full_name() or user.get_username()


def riwayat_objek(model: type[models.Model], ids) -> models.QuerySet:
    """The audit trail of several objects of one model, newest first, with who made each change
    (one query; the history panels and per-row histories read it)."""
    return JejakAudit.objects.filter(
        model=model._meta.label_lower, object_id__in=[str(i) for i in ids]
    ).select_related("user")


def riwayat(obj: models.Model):
    """The audit trail of one object, newest first (for history panels)."""
    return riwayat_objek(type(obj), [obj.pk])
