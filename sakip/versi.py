"""Optimistic concurrency for every editable aggregate: no lost update.

Two users open the same form, both change a value and save. Without a check the second save
silently overwrites the first, and the audit trail then shows two changes from the same old value
(an auditor cannot tell which figure was ever seen by whom). Every editable row therefore carries
``row_version`` (``sakip.models.VersionedRow``); a form carries the version it was based on, and a
save whose base is no longer current is refused as a whole, with who changed it and when
(:class:`DataKedaluwarsa`). Nothing is written then.

Writes without a base version (file imports, background rebuilds) still bump the version, so a
form opened before an import is refused after it rather than undoing it.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from sakip.audit import nama_pelaku, riwayat_objek
from sakip.lib.periode import format_tanggal

PESAN = ("Data ini sudah diubah oleh {nama} pada {waktu}; muat ulang halaman lalu ulangi. "
         "Tidak ada yang disimpan.")
PESAN_HILANG = ("Data ini sudah dihapus oleh pengguna lain; muat ulang halaman lalu ulangi. "
                "Tidak ada yang disimpan.")
NAMA_TIDAK_DIKETAHUI = "pengguna lain"

# Fields of an aggregate that already say who/when changed it (used when the row has no audit
# row yet, e.g. a status change that audits elsewhere).
_PENGUBAH = ("diubah_oleh", "entered_by")
_WAKTU = ("diubah_pada", "updated_at")


class DataKedaluwarsa(ValidationError):
    """A save based on a version that is no longer current (or on a row that is gone).

    A ``ValidationError`` so every form and view that already shows service errors shows this
    one too, as a non-field error."""

    def __init__(self, *, nama: str = NAMA_TIDAK_DIKETAHUI, waktu=None, objek: Any = None,
                 hilang: bool = False):
        self.nama, self.waktu, self.objek, self.hilang = nama, waktu, objek, hilang
        if hilang:
            pesan = PESAN_HILANG
        else:
            pesan = PESAN.format(nama=nama, waktu=format_waktu(waktu))
        super().__init__(pesan, code="kedaluwarsa")


def format_waktu(waktu) -> str:
    """``30 November 2026 pukul 08.15`` in the office's time zone: the long date every page uses
    (sakip.lib.periode.format_tanggal), the hour written with a dot as Indonesian does."""
    if waktu is None:
        return "waktu yang tidak tercatat"
    if timezone.is_aware(waktu):
        waktu = timezone.localtime(waktu)
    return f"{format_tanggal(waktu.date())} pukul {waktu:%H.%M}"


def _nama(user) -> str:
    return nama_pelaku(user, kosong=NAMA_TIDAK_DIKETAHUI)


def kedaluwarsa(model: type[models.Model], pk) -> DataKedaluwarsa:
    """The refusal for row ``pk`` of ``model``: who/when from its newest audit row, else from the
    row's own "changed by/at" fields, else an anonymous message."""
    jejak = riwayat_objek(model, [pk]).first()
    if jejak is not None:
        return DataKedaluwarsa(nama=_nama(jejak.user), waktu=jejak.waktu)
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        return DataKedaluwarsa(hilang=True)
    user = next((getattr(obj, f) for f in _PENGUBAH if hasattr(obj, f)), None)
    waktu = next((getattr(obj, f) for f in _WAKTU if hasattr(obj, f)), None)
    return DataKedaluwarsa(nama=_nama(user), waktu=waktu, objek=obj)


def versi_bump(model: type[models.Model], pk, versi_dasar: int | None) -> int:
    """Compare-and-swap one row's version: ``UPDATE … SET row_version = row_version + 1 WHERE pk
    AND row_version = versi_dasar``. Returns the new version; raises :class:`DataKedaluwarsa`
    when the row moved on (0 rows updated). ``versi_dasar`` None (no base: an import) bumps
    unconditionally. Call it inside the transaction that writes the row."""
    qs = model._default_manager.filter(pk=pk)
    if versi_dasar is not None:
        qs = qs.filter(row_version=versi_dasar)
    if qs.update(row_version=F("row_version") + 1) == 0:
        raise kedaluwarsa(model, pk)
    return model._default_manager.filter(pk=pk).values_list("row_version", flat=True).get()


# The base version a form sends for a value that had no row when the page was drawn: a row
# created meanwhile by someone else makes the save stale, like a changed one.
VERSI_BARU = 0


def versi_cek(obj: models.Model, versi_dasar: int | None) -> None:
    """Refuse when the (already locked) row ``obj`` is not at ``versi_dasar``; None = no base."""
    if versi_dasar is not None and obj.row_version != int(versi_dasar):
        raise kedaluwarsa(type(obj), obj.pk)


def versi_cek_baris(model: type[models.Model], obj: models.Model | None,
                    versi_dasar: int | None) -> None:
    """As :func:`versi_cek` for a value that may have no row: base ``VERSI_BARU`` expects none,
    a positive base expects the row at that version (gone = deleted meanwhile)."""
    if versi_dasar is None:
        return
    if obj is None:
        if int(versi_dasar) != VERSI_BARU:
            raise DataKedaluwarsa(hilang=True)
        return
    versi_cek(obj, versi_dasar)


def kunci(model: type[models.Model], pks: Iterable, *, potongan: int = 500) -> dict:
    """Lock rows ``pks`` (select_for_update, by chunks) and return them by pk. Must run inside
    a transaction; on SQLite the IMMEDIATE transaction already serialises writers."""
    ids = sorted({pk for pk in pks if pk is not None})
    rows = {}
    for i in range(0, len(ids), potongan):
        # In pk order, so two batches over overlapping rows lock them in the same order and
        # wait for each other instead of deadlocking.
        qs = model._default_manager.select_for_update().filter(pk__in=ids[i:i + potongan])
        for obj in qs.order_by("pk"):
            rows[obj.pk] = obj
    return rows


def versi_cek_banyak(model: type[models.Model], dasar: Mapping[Any, int | None],
                     terkunci: Mapping[Any, models.Model] | None = None) -> dict:
    """The batch form: lock every row of ``dasar`` (pk → base version), compare them all, and
    refuse the whole batch (nothing written) if any is stale or gone. Returns the locked rows by
    pk. Pass ``terkunci`` when the caller has locked the rows already."""
    rows = terkunci if terkunci is not None else kunci(model, dasar)
    for pk, versi in dasar.items():
        if versi is None:
            continue
        obj = rows.get(pk)
        if obj is None:
            raise DataKedaluwarsa(hilang=True)
        versi_cek(obj, versi)
    return rows


def versi_naik(objs: Iterable[models.Model]) -> list[models.Model]:
    """Advance ``row_version`` of rows about to be written by a batch update (callers include
    ``row_version`` in the fields they write). New rows keep the default 1."""
    objs = list(objs)
    for obj in objs:
        if obj.pk is not None:
            obj.row_version = (obj.row_version or 0) + 1
    return objs


def versi_bump_banyak(model: type[models.Model], dasar: Mapping[Any, int | None]) -> None:
    """Lock, compare and bump many rows at once (for paths that write the rows themselves with
    ``update()``); refuses the whole batch on any stale base."""
    with transaction.atomic():
        versi_cek_banyak(model, dasar)
        model._default_manager.filter(pk__in=list(dasar)).update(
            row_version=F("row_version") + 1)


# --- double submissions ------------------------------------------------------------------------

class SudahAda(ValidationError):
    """What a request asks for is already there: the row it would create exists, or the state
    transition it asks for has already happened (a double click, two tabs, two users at once).

    Services raise it after locking and re-reading, so the second request writes nothing; views
    answer with the message and send the user to ``objek`` instead of an error page. A
    ``ValidationError`` so callers that only know refusals still refuse."""

    def __init__(self, pesan: str, *, objek: Any = None):
        self.objek = objek
        super().__init__(pesan, code="sudah_ada")


def oleh_pada(user, waktu) -> str:
    """" oleh Ani pada 30-11-2026 08.15" for a SudahAda message: who did it first, and when."""
    return (f" oleh {_nama(user)}" if user is not None else "") + f" pada {format_waktu(waktu)}"


def oleh_terakhir(obj: models.Model, **jejak) -> str:
    """``oleh_pada`` of the newest audit row of ``obj`` matching ``jejak`` (e.g. ``field=
    "status", nilai_baru="ditetapkan"``); "" when the trail has none."""
    baris = riwayat_objek(type(obj), [obj.pk]).filter(**jejak).first()
    return oleh_pada(baris.user, baris.waktu) if baris is not None else ""
