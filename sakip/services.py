"""Write paths of the core: user accounts (the rest of the core is reference data edited in the
admin)."""

from django.db import transaction

from sakip import audit
from sakip.models import JejakAudit


@transaction.atomic
def pengguna_aktif_set(*, pengguna, aktif: bool, user, alasan: str = "") -> bool:
    """Activate or deactivate an account; False when it already was. A user who appears in the
    audit trail is deactivated, never deleted (JejakAudit.user is PROTECT), so "who" stays
    readable; the switch itself is audited."""
    if pengguna.is_active == aktif:
        return False
    lama = pengguna.is_active
    pengguna.is_active = aktif
    pengguna.save(update_fields=["is_active"])
    audit.catat(user=user, obj=pengguna, aksi=JejakAudit.Aksi.STATUS, field="is_active",
                lama=lama, baru=aktif, alasan=alasan)
    return True
