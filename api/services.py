"""Writes of the read-API tokens: create (shown once) and withdraw (revoke), both audited.

Who may do it is asked of ``sakip.access`` by the views; these functions keep the data rules
(scope within one pemda, a revoked token stays revoked) and the audit trail.
"""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from api.models import TokenAPI
from sakip import audit
from sakip.models import Pemda, PerangkatDaerah
from sakip.versi import SudahAda

AWALAN = "sakip_"


def hash_token(raw: str) -> str:
    """Tokens carry 256 random bits: a plain SHA-256 is enough (no password stretching)."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def token_create(*, user, nama: str, pemda: Pemda,
                 perangkat_daerah: PerangkatDaerah | None = None) -> tuple[TokenAPI, str]:
    """A new token for one office (``perangkat_daerah``) or a whole pemda. Returns the row and
    the token text, which is never stored and cannot be shown again."""
    nama = (nama or "").strip()
    if not nama:
        raise ValidationError({"nama": "Nama token wajib diisi (untuk apa token ini)."})
    if perangkat_daerah is not None and perangkat_daerah.pemda_id != pemda.pk:
        raise ValidationError("Perangkat daerah bukan bagian dari pemda ini.")
    raw = AWALAN + secrets.token_urlsafe(32)
    token = TokenAPI.objects.create(
        nama=nama[:100], awalan=raw[:12], hash=hash_token(raw), pemda=pemda,
        perangkat_daerah=perangkat_daerah, dibuat_oleh=user,
    )
    audit.catat(user=user, obj=token, aksi="buat", perangkat_daerah=perangkat_daerah,
                field="lingkup", baru=token.lingkup_label)
    return token, raw


@transaction.atomic
def token_withdraw(*, token: TokenAPI, user) -> TokenAPI:
    """Revoke a token: from the next request on it answers 401. Kept, not deleted, so the
    trail (who made it, who revoked it, when it was last used) stays readable."""
    token = TokenAPI.objects.select_for_update().get(pk=token.pk)
    if token.dicabut_pada is not None:
        raise SudahAda(f"Token {token} sudah dicabut.", objek=token)
    token.dicabut_pada = timezone.now()
    token.dicabut_oleh = user
    token.save(update_fields=["dicabut_pada", "dicabut_oleh"])
    audit.catat(user=user, obj=token, aksi="status", perangkat_daerah=token.perangkat_daerah,
                field="dicabut_pada", baru=token.dicabut_pada)
    return token


def token_dipakai_set(*, token: TokenAPI, pada) -> None:
    """Record the token's last use (not audited: it is a reading, not a change of data)."""
    TokenAPI.objects.filter(pk=token.pk).update(terakhir_dipakai=pada)
    token.terakhir_dipakai = pada
