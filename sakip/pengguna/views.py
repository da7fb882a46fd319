"""Users and roles pages: an office's accounts (``/pd/<slug>/pengguna/``, its administrator
and the pemda's), the pemda-wide accounts (``/pemda/<id>/pengguna/``, the pemda's
administrator) and each user's own password (``/akun/kata-sandi/``).

The same handlers serve both places; ``Cakupan`` says which. Rules: ``sakip.access``
(``can_manage_pengguna``, ``is_admin_pemda``, ``peran_boleh_diberi``, ``can_manage_akun``);
writes: ``sakip.services`` (audited).
"""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sakip import services
from sakip.access import akses, cek, get_pd_or_403
from sakip.models import Pemda, Role
from sakip.pengguna import selectors
from sakip.pengguna.forms import AktifForm, AlasanForm, GantiKataSandiForm, PenggunaForm
from sakip.pengguna.middleware import KUNCI_WAJIB
from sakip.services import Cakupan

PESAN_KANTOR = ("Pengguna dan peran perangkat daerah ini hanya dikelola administrator "
                "kantornya dan administrator pemda.")
PESAN_PEMDA = ("Akun tingkat pemda (Inspektorat, administrator pemda) hanya dikelola "
               "administrator pemda.")
PESAN_AKUN = ("Kata sandi, nama, surel dan status aktif akun ini dikelola administrator "
              "pemda: akun ini juga memegang peran di luar wewenang Anda, atau akun Anda "
              "sendiri (ganti kata sandi Anda di halaman Kata sandi).")


# The trail's columns of an account, as the history panel names them.
LABEL_KOLOM = {"username": "Nama pengguna", "first_name": "Nama lengkap", "email": "Surel",
               "password": "Kata sandi", "peran": "Peran", "is_active": "Status akun"}
LABEL_AKTIF = {"True": "aktif", "False": "nonaktif"}


# --- where: an office or the pemda ------------------------------------------------------------

def _kantor(request, slug) -> Cakupan:
    pd = get_pd_or_403(request, slug)
    cek(akses(request).can_manage_pengguna(pd), PESAN_KANTOR)
    return Cakupan(pemda=pd.pemda, perangkat_daerah=pd)


def _pemda(request, pemda_id) -> Cakupan:
    a = akses(request)
    pemda = Pemda.objects.filter(pk=pemda_id).first()
    # A pemda the user has nothing to do with answers like one that does not exist.
    if pemda is None or not a.kenal_pemda(pemda.pk):
        raise Http404("Pemda tidak ditemukan.")
    cek(a.is_admin_pemda(pemda.pk), PESAN_PEMDA)
    return Cakupan(pemda=pemda)


def _url(cakupan: Cakupan, name: str, **kw) -> str:
    pd = cakupan.perangkat_daerah
    if pd is not None:
        return reverse(f"pengguna:{name}", kwargs={"slug": pd.slug, **kw})
    return reverse(f"pengguna:pemda-{name}", kwargs={"pemda": cakupan.pemda.pk, **kw})


def _ctx(request, cakupan: Cakupan, **kw) -> dict:
    pd = cakupan.perangkat_daerah
    return {"cakupan": cakupan, "pd": pd, "pemda": cakupan.pemda,
            "tempat": pd.nama if pd else cakupan.pemda.nama,
            "url_daftar": _url(cakupan, "daftar"), **kw}


# --- shared handlers ---------------------------------------------------------------------------

def _daftar(request, cakupan: Cakupan):
    rows = list(selectors.pengguna_list(cakupan))
    for u in rows:
        u.url_ubah = _url(cakupan, "ubah", pk=u.pk)
        u.peran_teks = [services.uraian_peran(p) for p in u.peran_di_sini]
    ctx = _ctx(request, cakupan, pengguna_list=rows, url_buat=_url(cakupan, "buat"))
    if cakupan.perangkat_daerah is None:
        ctx["kantor_list"] = selectors.kantor_list(cakupan.pemda)
    elif akses(request).is_admin_pemda(cakupan.pemda.pk):
        ctx["url_pemda"] = reverse("pengguna:pemda-daftar", args=[cakupan.pemda.pk])
    return render(request, "pengguna/daftar.html", ctx)


def _form(request, cakupan: Cakupan, pengguna=None) -> tuple[PenggunaForm, bool]:
    a = akses(request)
    data = request.POST if request.method == "POST" else None
    boleh = a.peran_boleh_diberi(cakupan.perangkat_daerah, cakupan.pemda.pk)
    if pengguna is None:
        return PenggunaForm(data, boleh=boleh, bidang_qs=selectors.bidang_pilihan(cakupan),
                            kantor=cakupan.perangkat_daerah is not None, buat=True), True
    roles = {p.role for p in pengguna.peran_di_sini}
    akun = a.can_manage_akun(pengguna, selectors.peran_pengguna(pengguna))
    initial = {"nama": pengguna.first_name, "email": pengguna.email, "roles": sorted(roles),
               "bidang": [p.bidang_id for p in pengguna.peran_di_sini if p.bidang_id]}
    form = PenggunaForm(data, initial=initial, boleh=boleh,
                        bidang_qs=selectors.bidang_pilihan(cakupan, pengguna),
                        kantor=cakupan.perangkat_daerah is not None, buat=False, akun=akun,
                        admin_sendiri=pengguna.pk == request.user.pk and Role.ADMIN in roles)
    return form, akun


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


def _sandi_sekali(request, cakupan: Cakupan, pengguna, sandi: str, *, baru: bool):
    """The one-time password is shown once, in this response only: never in a message (stored
    in a cookie or the session), never in a redirect, never cached (``never_cache``)."""
    return render(request, "pengguna/sandi_sekali.html", _ctx(
        request, cakupan, pengguna=pengguna, sandi=sandi, baru=baru,
        url_ubah=_url(cakupan, "ubah", pk=pengguna.pk)))


def _buat(request, cakupan: Cakupan):
    form, _ = _form(request, cakupan)
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            pengguna, sandi = services.pengguna_create(
                username=d["username"], nama=d["nama"], email=d["email"], cakupan=cakupan,
                roles=d["roles"], bidang=d.get("bidang") or [], user=request.user,
                boleh=akses(request).peran_boleh_diberi(cakupan.perangkat_daerah,
                                                       cakupan.pemda.pk),
                alasan=d["alasan"])
        except ValidationError as e:
            form.add_error(None, list(e.messages))
        else:
            return _sandi_sekali(request, cakupan, pengguna, sandi, baru=True)
    return render(request, "pengguna/buat.html", _ctx(request, cakupan, form=form),
                  status=_status(form))


def _simpan(request, cakupan: Cakupan, pengguna, d: dict, akun: bool) -> bool:
    pd = cakupan.perangkat_daerah
    with transaction.atomic():
        berubah = akun and services.pengguna_update(
            pengguna=pengguna, nama=d["nama"], email=d["email"], user=request.user,
            perangkat_daerah=pd, alasan=d["alasan"])
        berubah_peran = services.peran_set(
            pengguna=pengguna, cakupan=cakupan, roles=d["roles"], bidang=d.get("bidang") or [],
            boleh=akses(request).peran_boleh_diberi(pd, cakupan.pemda.pk), user=request.user,
            alasan=d["alasan"])
    return berubah or berubah_peran


def _ubah(request, cakupan: Cakupan, pk: int):
    pengguna = selectors.pengguna_get(cakupan, pk)
    form, akun = _form(request, cakupan, pengguna)
    if form.is_bound and form.is_valid():
        try:
            berubah = _simpan(request, cakupan, pengguna, form.cleaned_data, akun)
        except ValidationError as e:
            form.add_error(None, list(e.messages))
        else:
            if berubah:
                messages.success(request, f"Perubahan akun {pengguna.username} disimpan.")
            else:
                messages.info(request, "Tidak ada yang berubah.")
            return redirect(_url(cakupan, "ubah", pk=pk))
    ctx = _ctx(request, cakupan, form=form, pengguna=pengguna, akun=akun,
               riwayat=_riwayat(pengguna),
               url_aktif=_url(cakupan, "aktif", pk=pk), url_reset=_url(cakupan, "reset", pk=pk))
    return render(request, "pengguna/ubah.html", ctx, status=_status(form))


def _riwayat(pengguna) -> list:
    rows = list(selectors.riwayat_pengguna(pengguna))
    for r in rows:
        r.kolom = LABEL_KOLOM.get(r.field, r.field)
        if r.field == "is_active":
            r.nilai_lama = LABEL_AKTIF.get(r.nilai_lama, r.nilai_lama)
            r.nilai_baru = LABEL_AKTIF.get(r.nilai_baru, r.nilai_baru)
    return rows


def _akun(request, cakupan: Cakupan, pk: int):
    """The account in the URL, when the user may act on the whole account."""
    pengguna = selectors.pengguna_get(cakupan, pk)
    cek(akses(request).can_manage_akun(pengguna, selectors.peran_pengguna(pengguna)),
        PESAN_AKUN)
    return pengguna


def _aktif(request, cakupan: Cakupan, pk: int):
    pengguna = _akun(request, cakupan, pk)
    form = AktifForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tuliskan alasannya; akun tidak diubah.")
        return redirect(_url(cakupan, "ubah", pk=pk))
    aktif = form.cleaned_data["aktif"]
    berubah = services.pengguna_aktif_set(pengguna=pengguna, aktif=aktif, user=request.user,
                                          alasan=form.cleaned_data["alasan"],
                                          perangkat_daerah=cakupan.perangkat_daerah)
    hasil = "diaktifkan" if aktif else "dinonaktifkan: ia tidak dapat masuk lagi"
    if berubah:
        messages.success(request, f"Akun {pengguna.username} {hasil}.")
    else:
        messages.info(request, f"Akun {pengguna.username} memang sudah "
                               f"{'aktif' if aktif else 'nonaktif'}.")
    return redirect(_url(cakupan, "ubah", pk=pk))


def _reset(request, cakupan: Cakupan, pk: int):
    pengguna = _akun(request, cakupan, pk)
    form = AlasanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tuliskan alasan reset kata sandi; kata sandi tidak diubah.")
        return redirect(_url(cakupan, "ubah", pk=pk))
    sandi = services.sandi_sekali_set(pengguna=pengguna, user=request.user,
                                      perangkat_daerah=cakupan.perangkat_daerah,
                                      alasan=form.cleaned_data["alasan"])
    return _sandi_sekali(request, cakupan, pengguna, sandi, baru=False)


# --- an office's users -------------------------------------------------------------------------

@require_GET
@login_required
def daftar(request, slug):
    return _daftar(request, _kantor(request, slug))


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def buat(request, slug):
    return _buat(request, _kantor(request, slug))


@require_http_methods(["GET", "POST"])
@login_required
def ubah(request, slug, pk):
    return _ubah(request, _kantor(request, slug), pk)


@require_POST
@login_required
def aktif(request, slug, pk):
    return _aktif(request, _kantor(request, slug), pk)


@never_cache
@require_POST
@login_required
def reset(request, slug, pk):
    return _reset(request, _kantor(request, slug), pk)


# --- the pemda-wide accounts ------------------------------------------------------------------

@require_GET
@login_required
def pemda_daftar(request, pemda):
    return _daftar(request, _pemda(request, pemda))


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def pemda_buat(request, pemda):
    return _buat(request, _pemda(request, pemda))


@require_http_methods(["GET", "POST"])
@login_required
def pemda_ubah(request, pemda, pk):
    return _ubah(request, _pemda(request, pemda), pk)


@require_POST
@login_required
def pemda_aktif(request, pemda, pk):
    return _aktif(request, _pemda(request, pemda), pk)


@never_cache
@require_POST
@login_required
def pemda_reset(request, pemda, pk):
    return _reset(request, _pemda(request, pemda), pk)


# --- login and one's own password ------------------------------------------------------------

class MasukView(LoginView):
    """Django's login (django-axes throttles it through its backend), then: an account whose
    password was last set by someone else (a one-time password) goes to change it, and the
    session remembers that until it is done (``middleware``)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        if selectors.wajib_ganti_kata_sandi(form.get_user()):
            self.request.session[KUNCI_WAJIB] = True
            return redirect("pengguna:kata-sandi")
        return response


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def kata_sandi(request):
    """Every logged-in user changes their own password (old one, new one twice, validators);
    after a one-time password it is the only page open to them (``middleware``)."""
    form = GantiKataSandiForm(request.user, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        services.kata_sandi_set(pengguna=request.user,
                                  baru=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        request.session.pop(KUNCI_WAJIB, None)
        messages.success(request, "Kata sandi Anda sudah diganti.")
        return redirect("beranda")
    return render(request, "pengguna/kata_sandi.html",
                  {"form": form, "wajib": bool(request.session.get(KUNCI_WAJIB))},
                  status=_status(form))
