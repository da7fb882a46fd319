"""Object-level access, in one place (design.md "Access": every view asks it).

The question is always "may this user do X on this perangkat daerah (and bidang)?", never only
"does this user have role R?". Inspektorat reads everything of its pemda and changes nothing.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.http import Http404

from sakip.models import Peran, PerangkatDaerah, Role

# Roles that may write plan/measurement data of a perangkat daerah. Inspektorat never does.
PENULIS = {Role.PERENCANA, Role.ADMIN}
# Roles held on one office (an office administrator grants only these) and pemda-wide roles
# (granted only by a pemda administrator, on the pemda's page).
PERAN_KANTOR = (Role.PERENCANA, Role.STAF_BIDANG, Role.KEPALA, Role.ADMIN)
PERAN_PEMDA = (Role.INSPEKTORAT, Role.ADMIN)


@dataclass
class Akses:
    user: object

    @cached_property
    def peran(self) -> list[Peran]:
        if not getattr(self.user, "is_authenticated", False):
            return []
        return list(
            Peran.objects.filter(user=self.user).select_related(
                "pemda", "perangkat_daerah", "bidang"
            )
        )

    @cached_property
    def is_superuser(self) -> bool:
        return bool(getattr(self.user, "is_superuser", False))

    def roles_for(self, pd: PerangkatDaerah) -> set[str]:
        """Roles the user holds on ``pd`` (pemda-wide Inspektorat/admin included)."""
        roles: set[str] = set()
        if self.is_superuser:
            roles.add(Role.ADMIN)
        for p in self.peran:
            if p.perangkat_daerah_id == pd.pk or (
                p.perangkat_daerah_id is None and p.pemda_id == pd.pemda_id
            ):
                roles.add(p.role)
        return roles

    def has(self, pd: PerangkatDaerah, *roles: str) -> bool:
        return bool(self.roles_for(pd) & set(roles))

    def bidang_ids(self, pd: PerangkatDaerah) -> set[int]:
        """Bidang a staf_bidang works for in ``pd``."""
        return {
            p.bidang_id
            for p in self.peran
            if p.role == Role.STAF_BIDANG and p.perangkat_daerah_id == pd.pk and p.bidang_id
        }

    # --- questions views ask -------------------------------------------------------------
    def can_view(self, pd: PerangkatDaerah) -> bool:
        return bool(self.roles_for(pd))

    def can_view_all(self, pd: PerangkatDaerah) -> bool:
        """Everything of the office, not only one bidang's rows."""
        return self.has(pd, Role.PERENCANA, Role.KEPALA, Role.INSPEKTORAT, Role.ADMIN)

    def can_view_bidang(self, pd: PerangkatDaerah, bidang_id: int | None) -> bool:
        if self.can_view_all(pd):
            return True
        return bidang_id is not None and bidang_id in self.bidang_ids(pd)

    def can_edit_plan(self, pd: PerangkatDaerah) -> bool:
        """Renstra, PK drafts, targets, budget, LKjIP narratives."""
        return self.has(pd, *PENULIS)

    def can_enter_realisasi(self, pd: PerangkatDaerah, bidang_id: int | None) -> bool:
        if self.has(pd, Role.PERENCANA, Role.ADMIN):
            return True
        return bidang_id is not None and bidang_id in self.bidang_ids(pd)

    def can_view_indikator(self, pd: PerangkatDaerah, bidang_ids: set[int]) -> bool:
        """An indicator reported by ``bidang_ids``: staff see only their bidang's, the
        office-wide roles see all (design.md roles)."""
        return self.can_view_all(pd) or bool(set(bidang_ids) & self.bidang_ids(pd))

    def can_enter_indikator(self, pd: PerangkatDaerah, bidang_ids: set[int]) -> bool:
        """Realisasi of an indicator reported by ``bidang_ids``: perencana/admin for every
        indicator, staff for their bidang's."""
        return self.has(pd, Role.PERENCANA, Role.ADMIN) or bool(
            set(bidang_ids) & self.bidang_ids(pd))

    def can_verify(self, pd: PerangkatDaerah) -> bool:
        return self.has(pd, Role.PERENCANA, Role.ADMIN)

    def can_approve(self, pd: PerangkatDaerah) -> bool:
        """Menetapkan the PK and the LKjIP (Kepala Dinas)."""
        return self.has(pd, Role.KEPALA)

    def can_review(self, pd: PerangkatDaerah) -> bool:
        return self.has(pd, Role.INSPEKTORAT)

    def can_print_pk(self, pd: PerangkatDaerah) -> bool:
        """Laying out the PK PDF costs seconds of CPU per request: it is for those who build,
        sign and approve the PK (perencana, admin, Kepala). Everyone else reads the PK page."""
        return self.has(pd, Role.PERENCANA, Role.ADMIN, Role.KEPALA)

    def perangkat_daerah_list(self):
        """Every perangkat daerah the user may see, for pickers and the pemda dashboard."""
        if self.is_superuser:
            return PerangkatDaerah.objects.select_related("pemda")
        pd_ids = {p.perangkat_daerah_id for p in self.peran if p.perangkat_daerah_id}
        pemda_ids = {p.pemda_id for p in self.peran if p.perangkat_daerah_id is None}
        from django.db.models import Q

        return PerangkatDaerah.objects.filter(
            Q(pk__in=pd_ids) | Q(pemda_id__in=pemda_ids)
        ).select_related("pemda")

    def default_pd(self) -> PerangkatDaerah | None:
        for p in self.peran:
            if p.perangkat_daerah_id:
                return p.perangkat_daerah
        return self.perangkat_daerah_list().first()

    # --- dashboards and review notes ---------------------------------------------------------
    def can_read_catatan(self, pd: PerangkatDaerah) -> bool:
        """Catatan reviu of an office: its reviewer, perencana and kepala (not staf bidang)."""
        return self.has(pd, Role.PERENCANA, Role.KEPALA, Role.INSPEKTORAT, Role.ADMIN)

    def can_answer_catatan(self, pd: PerangkatDaerah) -> bool:
        """Answering and resolving a catatan reviu is the office's job (perencana, kepala)."""
        return self.has(pd, Role.PERENCANA, Role.KEPALA)

    def can_view_pemda(self) -> bool:
        """The pemda dashboard: Inspektorat and administrators (design.md roles)."""
        return self.is_superuser or any(
            p.role in (Role.INSPEKTORAT, Role.ADMIN) for p in self.peran
        )

    def perangkat_daerah_pemda_list(self):
        """Offices shown side by side on the pemda dashboard (Inspektorat/admin scope)."""
        from django.db.models import Q

        if self.is_superuser:
            return PerangkatDaerah.objects.select_related("pemda")
        luas = {Role.INSPEKTORAT, Role.ADMIN}
        pd_ids = {p.perangkat_daerah_id for p in self.peran
                  if p.role in luas and p.perangkat_daerah_id}
        pemda_ids = {p.pemda_id for p in self.peran
                     if p.role in luas and p.perangkat_daerah_id is None}
        return PerangkatDaerah.objects.filter(
            Q(pk__in=pd_ids) | Q(pemda_id__in=pemda_ids)
        ).select_related("pemda")

    def has_catatan_access(self) -> bool:
        """Whether the review-note pages are for this user at all (navigation, list page)."""
        return self.is_superuser or any(
            p.role in (Role.PERENCANA, Role.KEPALA, Role.INSPEKTORAT, Role.ADMIN)
            for p in self.peran
        )

    # --- realisasi periods and budget --------------------------------------------------------
    def can_manage_periode(self, pd: PerangkatDaerah) -> bool:
        """Opening/closing realisasi input periods: administrator or perencana (design.md)."""
        return self.has(pd, Role.PERENCANA, Role.ADMIN)

    def can_view_anggaran(self, pd: PerangkatDaerah) -> bool:
        """Pagu and realisasi anggaran of the whole office (not staf bidang)."""
        return self.can_view_all(pd)

    def can_edit_anggaran(self, pd: PerangkatDaerah) -> bool:
        """Pagu per tahap, realisasi anggaran and their imports."""
        return self.has(pd, Role.PERENCANA, Role.ADMIN)

    # --- public pages (publik) ----------------------------------------------------------------
    def can_manage_publikasi(self, pd: PerangkatDaerah) -> bool:
        """Withdrawing a signed document from the public pages (and publishing it again): the
        Kepala who signed it, or the administrator; not the perencana who drafts it."""
        return self.has(pd, Role.KEPALA, Role.ADMIN)

    # --- Buku Kerja (the whole office in one xlsx) ------------------------------------------
    def can_unduh_buku_kerja(self, pd: PerangkatDaerah) -> bool:
        """Downloading the Buku Kerja: it holds every figure of the office, so those who build
        (perencana, admin) and sign it (Kepala); not staf bidang, who see one bidang."""
        return self.has(pd, Role.PERENCANA, Role.ADMIN, Role.KEPALA)

    def can_impor_buku_kerja(self, pd: PerangkatDaerah) -> bool:
        """Importing a Buku Kerja writes plan, PK, realisasi and budget at once: the roles that
        write all of them (perencana, admin)."""
        return self.has(pd, *PENULIS)

    # --- office setup: profile, bidang, officials (sakip.kantor) ------------------------------
    def can_view_kantor(self, pd: PerangkatDaerah) -> bool:
        """The office's setup pages (profile, bidang, officials) are read by the office-wide
        roles; a staf bidang has no business there."""
        return self.can_view_all(pd)

    def can_edit_kantor(self, pd: PerangkatDaerah) -> bool:
        """Profile, bidang and the Kepala's periods of office: those who keep the office's data
        (perencana, admin); the Kepala reads what he signs, Inspektorat changes nothing."""
        return self.has(pd, *PENULIS)

    def can_manage_pemda_kantor(self, pemda_id: int) -> bool:
        """Creating offices and recording the kepala daerah (who signs for every office of the
        pemda): the pemda-wide administrator only."""
        return self.is_admin_pemda(pemda_id)

    # --- users and roles ---------------------------------------------------------------------
    def can_manage_pengguna(self, pd: PerangkatDaerah) -> bool:
        """The office's users and their roles on it: its administrator, and the pemda's
        (design.md roles: the administrator manages users). Perencana, Kepala, staf and
        Inspektorat do not."""
        return self.has(pd, Role.ADMIN)

    def is_admin_pemda(self, pemda_id: int) -> bool:
        """An administrator of the whole pemda (no office on the role): manages its offices'
        users and the pemda-wide accounts (Inspektorat, administrators)."""
        return self.is_superuser or any(
            p.role == Role.ADMIN and p.perangkat_daerah_id is None and p.pemda_id == pemda_id
            for p in self.peran
        )

    def kenal_pemda(self, pemda_id: int) -> bool:
        """Whether the user holds any role in the pemda: a pemda page of another pemda answers
        404, like one that does not exist."""
        return self.is_superuser or any(p.pemda_id == pemda_id for p in self.peran)

    def peran_boleh_diberi(self, pd: PerangkatDaerah | None, pemda_id: int) -> tuple[str, ...]:
        """Roles this user may grant: on an office, the office's own roles (an office
        administrator never grants a pemda-wide role); pemda-wide, only by a pemda admin."""
        if pd is not None:
            return PERAN_KANTOR if self.can_manage_pengguna(pd) else ()
        return PERAN_PEMDA if self.is_admin_pemda(pemda_id) else ()

    def can_manage_akun(self, pengguna, peran_pengguna: list[Peran]) -> bool:
        """Password, name, e-mail and the active switch act on the whole account, wherever it
        holds roles: they belong to whoever administers every one of those roles, so an office
        administrator cannot take over an account of another office or of the pemda by
        resetting its password. Superuser and staff accounts only by a superuser. Nobody
        manages their own account here: their own password has its own page, and switching
        oneself off would lock the office out."""
        if pengguna.pk == getattr(self.user, "pk", None):
            return False
        if self.is_superuser:
            return True
        if getattr(pengguna, "is_superuser", False) or getattr(pengguna, "is_staff", False):
            return False
        if not peran_pengguna:
            return False
        admin_pd = {p.perangkat_daerah_id for p in self.peran
                    if p.role == Role.ADMIN and p.perangkat_daerah_id}
        return all(
            self.is_admin_pemda(p.pemda_id) or (p.perangkat_daerah_id in admin_pd)
            for p in peran_pengguna
        )

    # --- read-API tokens (api app) ----------------------------------------------------------
    def can_manage_token(self, pd: PerangkatDaerah) -> bool:
        """Creating and revoking read-API tokens of one office: its administrator (a token
        reads verified data before it is published, so it is an admin's decision)."""
        return self.has(pd, Role.ADMIN)

    def can_manage_token_pemda(self, pemda_id: int) -> bool:
        """Tokens that read every office of a pemda: the pemda-wide administrator only."""
        return self.is_admin_pemda(pemda_id)

    def token_perangkat_daerah_list(self):
        """Offices whose tokens this user manages (the token page lists these)."""
        return [pd for pd in self.perangkat_daerah_list() if self.can_manage_token(pd)]

    # --- Evaluasi AKIP (LKE, lke app; domain.md §4) ------------------------------------------
    # The evaluation is the Inspektorat's own record (like its review notes): it changes no
    # SAKIP data, but writes the evaluator's side of the LKE. sakip is the lowest layer, so the
    # evaluation is read duck-typed (perangkat_daerah, status, ketua_tim_id), never imported.
    def can_evaluasi_lke(self, pd: PerangkatDaerah) -> bool:
        """Starting an evaluation and filling the nilai evaluasi: the pemda's Inspektorat."""
        return self.has(pd, Role.INSPEKTORAT)

    def can_tutup_lke(self, evaluasi) -> bool:
        """Closing (signing the LHE): the evaluation's ketua tim. When no ketua tim is set,
        any Inspektorat user of the pemda may close, so an evaluation never gets stuck."""
        if not self.can_evaluasi_lke(evaluasi.perangkat_daerah):
            return False
        return evaluasi.ketua_tim_id is None or evaluasi.ketua_tim_id == self.user.pk

    def can_isi_usulan_lke(self, evaluasi) -> bool:
        """The self-assessment (nilai usulan) is the office's perencana/admin, and only while
        the evaluation is still a penilaian mandiri (it is fixed once handed in)."""
        return (evaluasi.status == evaluasi.Status.MANDIRI
                and self.has(evaluasi.perangkat_daerah, Role.PERENCANA, Role.ADMIN))

    def can_baca_evaluasi_lke(self, evaluasi) -> bool:
        """The evaluator's side (nilai evaluasi, notes, the LHE): the Inspektorat always; the
        office (all its roles) only once the evaluation is closed. Before that the office sees
        its own usulan side only (``can_view``)."""
        pd = evaluasi.perangkat_daerah
        return self.can_evaluasi_lke(pd) or (evaluasi.ditutup and self.can_view(pd))

    # --- Evaluasi AKIP: follow-up of recommendations, past LHEs, the pemda overview ------------
    # A recommendation is the office's to act on and the Inspektorat's to judge: the office
    # answers and never decides; the Inspektorat decides and never answers for the office.
    def can_baca_tindak_lanjut(self, pd: PerangkatDaerah) -> bool:
        """The follow-up list and its history: the office-wide roles (perencana, kepala, admin)
        and the Inspektorat; a staf bidang works on one bidang's data, not on the LHE."""
        return self.has(pd, Role.PERENCANA, Role.KEPALA, Role.ADMIN, Role.INSPEKTORAT)

    def can_jawab_tindak_lanjut(self, pd: PerangkatDaerah) -> bool:
        """Answering a recommendation: the office's perencana, admin and Kepala (the Kepala is
        the one the LHE is addressed to)."""
        return self.has(pd, Role.PERENCANA, Role.ADMIN, Role.KEPALA)

    def can_putus_tindak_lanjut(self, pd: PerangkatDaerah) -> bool:
        """Accepting or reopening a follow-up: the pemda's Inspektorat (the evaluator)."""
        return self.can_evaluasi_lke(pd)

    def can_catat_hasil_lke(self, pd: PerangkatDaerah) -> bool:
        """Entering a past LHE from paper (domain.md §4.5: the office holds its LHEs and needs
        them for the AKIP IKU): the office's perencana/admin, and the Inspektorat that signed
        it. The Kepala reads; a staf bidang has no business there."""
        return self.has(pd, Role.PERENCANA, Role.ADMIN, Role.INSPEKTORAT)

    def can_ikhtisar_lke(self) -> bool:
        """The pemda overview of one year's evaluations (nilai evaluasi before closing is the
        evaluator's side): Inspektorat users only."""
        return any(p.role == Role.INSPEKTORAT for p in self.peran)

    def perangkat_daerah_ikhtisar_lke(self):
        """Offices on the overview: those whose evaluation this Inspektorat user writes."""
        from django.db.models import Q

        pd_ids = {p.perangkat_daerah_id for p in self.peran
                  if p.role == Role.INSPEKTORAT and p.perangkat_daerah_id}
        pemda_ids = {p.pemda_id for p in self.peran
                     if p.role == Role.INSPEKTORAT and p.perangkat_daerah_id is None}
        return PerangkatDaerah.objects.filter(
            Q(pk__in=pd_ids) | Q(pemda_id__in=pemda_ids)).select_related("pemda")

    # --- technical details (hashes, file types, library names) ------------------------------
    # Mechanics are for the administrators who keep the system, never in front of the staff,
    # planners, heads or auditors doing their work (a hash means nothing to them).
    @property
    def lihat_teknis(self) -> bool:
        """Whether pages may show hashes and other mechanics: a superuser or an
        administrator (of an office or of the pemda)."""
        return self.is_superuser or any(p.role == Role.ADMIN for p in self.peran)


@dataclass(frozen=True)
class AksesToken:
    """What a read-API token may read: its one office, or every office of its pemda. An
    office outside the scope answers 404, like one that does not exist (``get_pd_or_403``)."""

    pemda_id: int
    perangkat_daerah_id: int | None

    def can_view(self, pd: PerangkatDaerah) -> bool:
        if self.perangkat_daerah_id is not None:
            return pd.pk == self.perangkat_daerah_id
        return pd.pemda_id == self.pemda_id

    def perangkat_daerah_filter(self) -> dict:
        """ORM filter of the offices in scope (for list endpoints)."""
        if self.perangkat_daerah_id is not None:
            return {"pk": self.perangkat_daerah_id}
        return {"pemda_id": self.pemda_id}


def akses(request) -> Akses:
    """The per-request access object (cached on the request)."""
    cached = getattr(request, "_sakip_akses", None)
    if cached is None or cached.user is not request.user:
        cached = Akses(request.user)
        request._sakip_akses = cached
    return cached


def get_pd_or_403(request, slug: str, *, perlu: str = "view") -> PerangkatDaerah:
    """Fetch a perangkat daerah by slug and check the user may ``perlu`` on it.

    An office the user may not see at all answers exactly like one that does not exist (404):
    outsiders must not learn which slugs exist by telling 403 from 404. A user who sees the
    office but may not do ``perlu`` gets 403 with the reason.
    """
    pd = PerangkatDaerah.objects.select_related("pemda").filter(slug=slug).first()
    a = akses(request)
    if pd is None or not a.can_view(pd):
        raise Http404("Perangkat daerah tidak ditemukan.")
    checks = {
        "view": a.can_view,
        "view_all": a.can_view_all,
        "edit_plan": a.can_edit_plan,
        "verify": a.can_verify,
        "approve": a.can_approve,
        "review": a.can_review,
        "catatan": a.can_read_catatan,
    }
    if not checks[perlu](pd):
        raise PermissionDenied("Anda tidak berwenang untuk perangkat daerah ini.")
    return pd


def cek(allowed: bool, pesan: str = "Anda tidak berwenang melakukan tindakan ini.") -> None:
    if not allowed:
        raise PermissionDenied(pesan)
