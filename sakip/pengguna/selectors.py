"""Reads of the users pages: who holds roles where, an account's trail, and whether its
password must be replaced."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from sakip import audit
from sakip.models import Bidang, JejakAudit, Peran, PerangkatDaerah
from sakip.services import Cakupan


def _peran_cakupan(cakupan: Cakupan):
    return Peran.objects.filter(
        pemda=cakupan.pemda, perangkat_daerah=cakupan.perangkat_daerah
    ).select_related("bidang").order_by("role", "bidang__nama")


def pengguna_list(cakupan: Cakupan):
    """The accounts holding a role in ``cakupan`` (one office, or the pemda as a whole), active
    ones first, each with ``peran_di_sini``: its roles there (two queries)."""
    User = get_user_model()
    return (
        User.objects.filter(peran_set__in=_peran_cakupan(cakupan))
        .distinct()
        .order_by("-is_active", "first_name", "username")
        .prefetch_related(Prefetch("peran_set", queryset=_peran_cakupan(cakupan),
                                   to_attr="peran_di_sini"))
    )


def pengguna_get(cakupan: Cakupan, pk: int):
    """One account of ``cakupan``; an account that holds no role there answers 404, like one
    that does not exist (an office administrator must not learn other offices' accounts)."""
    return get_object_or_404(pengguna_list(cakupan), pk=pk)


def peran_pengguna(pengguna) -> list[Peran]:
    """Every role of the account, wherever held (for ``Akses.can_manage_akun``)."""
    return list(Peran.objects.filter(user=pengguna).select_related("perangkat_daerah"))


def bidang_pilihan(cakupan: Cakupan, pengguna=None):
    """Bidang offered to a staf bidang role: the office's active bidang, plus one the account
    already holds (deactivating a bidang does not silently strip its staff)."""
    if cakupan.perangkat_daerah is None:
        return Bidang.objects.none()
    cond = Q(aktif=True)
    if pengguna is not None:
        cond |= Q(peran_set__user=pengguna)
    return Bidang.objects.filter(cond, perangkat_daerah=cakupan.perangkat_daerah).distinct()


def riwayat_pengguna(pengguna, batas: int = 50):
    """The account's trail, newest first: created, name/e-mail, roles, password events, the
    active switch."""
    return audit.riwayat_objek(get_user_model(), [pengguna.pk])[:batas]


def wajib_ganti_kata_sandi(user) -> bool:
    """Whether the account's password was last set by someone else (a one-time password from
    an administrator, or a command): then its holder must set their own before anything else.
    Read from the trail, which records every password event (sakip.services)."""
    terakhir = (
        JejakAudit.objects.filter(model=get_user_model()._meta.label_lower,
                                  object_id=str(user.pk), field="password")
        .order_by("-waktu", "-id")
        .values("user_id")
        .first()
    )
    return terakhir is not None and terakhir["user_id"] != user.pk


def kantor_list(pemda):
    """The pemda's offices, for the pemda page's links to each office's users."""
    return PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama")
