"""Write paths of the core: user accounts (the rest of the core is reference data edited in the
admin)."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from sakip import audit
from sakip.models import JejakAudit, Pemda, Peran, PerangkatDaerah, Role


@transaction.atomic
def pengguna_aktif_set(*, pengguna, aktif: bool, user, alasan: str = "",
                      perangkat_daerah=None) -> bool:
    """Activate or deactivate an account; False when it already was. A user who appears in the
    audit trail is deactivated, never deleted (JejakAudit.user is PROTECT), so "who" stays
    readable; the switch itself is audited."""
    if pengguna.is_active == aktif:
        return False
    lama = pengguna.is_active
    pengguna.is_active = aktif
    pengguna.save(update_fields=["is_active"])
    audit.catat(user=user, obj=pengguna, aksi=JejakAudit.Aksi.STATUS, field="is_active",
                lama=lama, baru=aktif, alasan=alasan, perangkat_daerah=perangkat_daerah)
    return True


# --- accounts and roles (the users pages, sakip/pengguna) ---------------------------------------

# A one-time password is built from letters and digits that cannot be misread when read out or
# copied from the screen (no 0/o, 1/l/i).
_HURUF_SANDI = "abcdefghjkmnpqrstuvwxyz23456789"
PANJANG_KELOMPOK, JUMLAH_KELOMPOK = 4, 5
# Marker of the trail's password rows; the password itself and its hash are never written.
SANDI_DIRESET = "kata sandi sekali pakai dibuat"
SANDI_DIGANTI = "diganti oleh pemiliknya"


def sandi_acak(pengguna) -> str:
    """A random one-time password (~100 bits, e.g. ``k7pq-m3xa-9wtr-h2cd-5nfe``) that satisfies
    every validator of settings.AUTH_PASSWORD_VALIDATORS; the holder must replace it at first
    login (sakip.pengguna.middleware)."""
    while True:
        sandi = "-".join(
            "".join(secrets.choice(_HURUF_SANDI) for _ in range(PANJANG_KELOMPOK))
            for _ in range(JUMLAH_KELOMPOK)
        )
        try:
            validate_password(sandi, pengguna)
        except ValidationError:
            continue
        return sandi


@dataclass(frozen=True)
class Cakupan:
    """Where roles are held: one office (``perangkat_daerah``) or the whole pemda (None)."""

    pemda: Pemda
    perangkat_daerah: PerangkatDaerah | None = None

    def peran_qs(self, pengguna):
        return Peran.objects.filter(user=pengguna, pemda=self.pemda,
                                    perangkat_daerah=self.perangkat_daerah)


def uraian_peran(peran) -> str:
    """"Staf bidang (Bidang X)" — one role as the trail and the pages print it."""
    label = str(Role(peran.role).label)
    return f"{label} ({peran.bidang.nama})" if peran.bidang_id else label


def _teks_peran(rows) -> str | None:
    teks = sorted(uraian_peran(p) for p in rows)
    return "; ".join(teks) or None


def _peran_diminta(cakupan: Cakupan, roles, bidang, boleh) -> set[tuple[str, int | None]]:
    roles = set(roles)
    terlarang = roles - set(boleh)
    if terlarang:
        nama = ", ".join(sorted(str(Role(r).label) if r in Role.values else r
                                for r in terlarang))
        pilihan = ", ".join(str(Role(r).label) for r in boleh) or "tidak ada"
        raise ValidationError(
            f"Peran berikut tidak dapat diberikan di sini: {nama}; yang dapat diberikan: "
            f"{pilihan}."
        )
    if not roles:
        raise ValidationError("Pilih sedikitnya satu peran.")
    bidang = list(bidang or [])
    if Role.STAF_BIDANG in roles and not bidang:
        raise ValidationError("Peran staf bidang wajib menyebut bidangnya.")
    if Role.STAF_BIDANG not in roles and bidang:
        raise ValidationError("Bidang hanya diisi untuk peran staf bidang.")
    pd = cakupan.perangkat_daerah
    for b in bidang:
        if pd is None or b.perangkat_daerah_id != pd.pk:
            raise ValidationError(f"Bidang {b.nama} bukan bidang perangkat daerah ini.")
    out = {(r, None) for r in roles if r != Role.STAF_BIDANG}
    out |= {(Role.STAF_BIDANG, b.pk) for b in bidang} if Role.STAF_BIDANG in roles else set()
    return out


@transaction.atomic
def peran_set(*, pengguna, cakupan: Cakupan, roles, bidang=(), boleh, user,
              alasan: str = "") -> bool:
    """Make the user's roles within ``cakupan`` exactly ``roles`` (staf bidang once per bidang
    in ``bidang``); roles elsewhere are untouched. ``boleh``: the roles the acting user may grant
    here (``Akses.peran_boleh_diberi``), checked again so no form can widen them. One audit row
    on the account, old → new. False when nothing changed."""
    diminta = _peran_diminta(cakupan, roles, bidang, boleh)
    ada = list(cakupan.peran_qs(pengguna).select_related("bidang"))
    sekarang = {(p.role, p.bidang_id): p for p in ada}
    if set(sekarang) == diminta:
        return False
    lama = _teks_peran(ada)
    Peran.objects.filter(pk__in=[p.pk for k, p in sekarang.items() if k not in diminta]).delete()
    for role, bidang_id in sorted(diminta - set(sekarang), key=lambda k: (k[0], k[1] or 0)):
        Peran.objects.create(user=pengguna, role=role, pemda=cakupan.pemda,
                             perangkat_daerah=cakupan.perangkat_daerah, bidang_id=bidang_id)
    baru = _teks_peran(cakupan.peran_qs(pengguna).select_related("bidang"))
    aksi = JejakAudit.Aksi.BUAT if lama is None else JejakAudit.Aksi.UBAH
    audit.catat(user=user, obj=pengguna, aksi=aksi, field="peran",
                perangkat_daerah=cakupan.perangkat_daerah, lama=lama, baru=baru, alasan=alasan)
    return True


@transaction.atomic
def pengguna_create(*, username: str, nama: str, email: str, cakupan: Cakupan, roles,
                    bidang=(), boleh, user, alasan: str = ""):
    """A new account with its roles in ``cakupan`` and a one-time password, returned once to
    be handed over; the holder must replace it at first login. Audited: the account's fields,
    the password event (never the password), the roles."""
    User = get_user_model()
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(f"Nama pengguna {username} sudah dipakai; pilih nama lain.")
    pengguna = User(username=username, first_name=nama.strip(), email=email.strip())
    pengguna.full_clean(exclude=["password"])
    sandi = sandi_acak(pengguna)
    pengguna.set_password(sandi)
    pengguna.save()
    pd = cakupan.perangkat_daerah
    audit.catat_perubahan(user=user, obj=pengguna, sebelum=None,
                          fields=["username", "first_name", "email"], perangkat_daerah=pd,
                          alasan=alasan)
    audit.catat(user=user, obj=pengguna, aksi=JejakAudit.Aksi.BUAT, field="password",
                perangkat_daerah=pd, baru=SANDI_DIRESET, alasan=alasan)
    peran_set(pengguna=pengguna, cakupan=cakupan, roles=roles, bidang=bidang, boleh=boleh,
              user=user, alasan=alasan)
    return pengguna, sandi


@transaction.atomic
def pengguna_update(*, pengguna, nama: str, email: str, user, perangkat_daerah=None,
                    alasan: str = "") -> bool:
    """The account's full name and e-mail; audited field by field. False when unchanged."""
    sebelum = {"first_name": pengguna.first_name, "email": pengguna.email}
    pengguna.first_name, pengguna.email = nama.strip(), email.strip()
    pengguna.full_clean(exclude=["password"])
    jejak = audit.jejak_perubahan(obj=pengguna, sebelum=sebelum, fields=["first_name", "email"],
                                  user=user, perangkat_daerah=perangkat_daerah, alasan=alasan)
    if not jejak:
        return False
    pengguna.save(update_fields=["first_name", "email"])
    audit.catat_banyak(jejak)
    return True


@transaction.atomic
def sandi_sekali_set(*, pengguna, user, perangkat_daerah=None, alasan: str) -> str:
    """Replace a forgotten password with a one-time one, returned once to be handed over. The
    holder's open sessions end (Django ties a session to the password hash) and the next login
    asks for a new password: the administrator never knows the password in use."""
    if not alasan.strip():
        raise ValidationError("Tuliskan alasan reset kata sandi.")
    sandi = sandi_acak(pengguna)
    pengguna.set_password(sandi)
    pengguna.save(update_fields=["password"])
    audit.catat(user=user, obj=pengguna, aksi=JejakAudit.Aksi.UBAH, field="password",
                perangkat_daerah=perangkat_daerah, baru=SANDI_DIRESET, alasan=alasan)
    return sandi


@transaction.atomic
def kata_sandi_set(*, pengguna, baru: str) -> None:
    """The holder sets their own password (validated by the caller's form: Django's
    PasswordChangeForm runs every validator); audited as the holder's own act, which ends the
    obligation to change a one-time password."""
    validate_password(baru, pengguna)
    pengguna.set_password(baru)
    pengguna.save(update_fields=["password"])
    audit.catat(user=pengguna, obj=pengguna, aksi=JejakAudit.Aksi.UBAH, field="password",
                baru=SANDI_DIGANTI)
