"""Pengaturan kantor: the office's profile and logo, its bidang, its officials (who signs what
in which year), and the pemda administrator's page that creates offices and records the kepala
daerah. Thin views: fetch through ``sakip.access``, bind a form, call one service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sakip.access import akses, cek, get_pd_or_403
from sakip.kantor import selectors, services
from sakip.kantor.forms import (
    BidangForm,
    KepalaDaerahForm,
    KepalaForm,
    PemdaLogoForm,
    PerangkatDaerahBaruForm,
    ProfilForm,
)
from sakip.kantor.logo import content_type_logo
from sakip.models import Bidang, JenisPejabat, Pejabat, Pemda, PerangkatDaerah

PESAN_EDIT = "Hanya perencana dan administrator kantor yang mengubah pengaturan kantor."
PESAN_PEMDA = "Hanya administrator pemda yang membuat perangkat daerah dan mencatat kepala daerah."


def _galat(form, e: ValidationError) -> None:
    """A service's refusal on the form: per field where the form has that field."""
    if hasattr(e, "error_dict"):
        for name, errs in e.error_dict.items():
            form.add_error(name if name in form.fields else None,
                           [m for err in errs for m in err.messages])
    else:
        form.add_error(None, e.messages)


def _pd(request, slug: str) -> PerangkatDaerah:
    return get_pd_or_403(request, slug, perlu="view_all")


def _ctx(request, pd, **kw) -> dict:
    a = akses(request)
    return {"pd": pd, "boleh_ubah": a.can_edit_kantor(pd),
            "boleh_pengguna": a.can_manage_pengguna(pd), **kw}


# --- profile ---------------------------------------------------------------------------------

def _render_profil(request, pd, form, status=200):
    penandatangan = selectors.pejabat_penandatangan(pd, selectors.hari_ini())
    return render(request, "kantor/profil.html",
                  _ctx(request, pd, form=form, tab="profil", sekarang=penandatangan),
                  status=status)


@require_http_methods(["GET", "POST"])
@login_required
def profil(request, slug):
    pd = _pd(request, slug)
    if request.method == "GET":
        return _render_profil(request, pd, ProfilForm(initial={
            "versi": pd.row_version, **{f: getattr(pd, f) for f in ProfilForm.PROFIL}}))
    cek(akses(request).can_edit_kantor(pd), PESAN_EDIT)
    form = ProfilForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_profil(request, pd, form, status=400)
    c = form.cleaned_data
    try:
        pd = services.perangkat_daerah_update(pd=pd, data=form.profil(), user=request.user,
                                              versi_dasar=c["versi"])
        if c["logo"] or c["hapus_logo"]:
            services.perangkat_daerah_logo_set(pd=pd, berkas=c["logo"] or None,
                                               user=request.user)
    except ValidationError as e:
        _galat(form, e)
        return _render_profil(request, pd, form, status=400)
    messages.success(request, "Profil kantor disimpan.")
    return redirect("kantor:profil", slug=pd.slug)


@require_http_methods(["GET"])
@login_required
def logo(request, slug):
    """The office's logo (or, without one, the pemda's; else a neutral placeholder)."""
    pd = get_pd_or_403(request, slug)
    berkas = pd.logo or pd.pemda.logo
    if not berkas:
        return redirect(static("img/logo-kosong.svg"))
    respons = FileResponse(berkas.open("rb"), content_type=content_type_logo(berkas.name))
    respons["Cache-Control"] = "private, max-age=300"
    return respons


# --- bidang ----------------------------------------------------------------------------------

def _render_bidang(request, pd, form, status=200):
    return render(request, "kantor/bidang.html",
                  _ctx(request, pd, form=form, tab="bidang",
                       bidang_list=selectors.bidang_list(pd)), status=status)


@require_http_methods(["GET", "POST"])
@login_required
def bidang(request, slug):
    pd = _pd(request, slug)
    if request.method == "GET":
        return _render_bidang(request, pd, BidangForm())
    cek(akses(request).can_edit_kantor(pd), PESAN_EDIT)
    form = BidangForm(request.POST)
    if not form.is_valid():
        return _render_bidang(request, pd, form, status=400)
    try:
        baru = services.bidang_create(pd=pd, nama=form.cleaned_data["nama"],
                                      singkatan=form.cleaned_data["singkatan"],
                                      user=request.user)
    except ValidationError as e:
        _galat(form, e)
        return _render_bidang(request, pd, form, status=400)
    messages.success(request, f"Bidang \u201c{baru.nama}\u201d dibuat.")
    return redirect("kantor:bidang", slug=pd.slug)


@require_http_methods(["GET", "POST"])
@login_required
def bidang_ubah(request, slug, pk):
    pd = _pd(request, slug)
    obj = get_object_or_404(Bidang, pk=pk, perangkat_daerah=pd)
    if request.method == "GET":
        form = BidangForm(initial={"nama": obj.nama, "singkatan": obj.singkatan,
                                   "versi": obj.row_version})
        return _render_bidang_ubah(request, pd, obj, form)
    cek(akses(request).can_edit_kantor(pd), PESAN_EDIT)
    form = BidangForm(request.POST)
    if not form.is_valid():
        return _render_bidang_ubah(request, pd, obj, form, status=400)
    try:
        services.bidang_update(bidang=obj, nama=form.cleaned_data["nama"],
                               singkatan=form.cleaned_data["singkatan"], user=request.user,
                               versi_dasar=form.cleaned_data["versi"])
    except ValidationError as e:
        _galat(form, e)
        return _render_bidang_ubah(request, pd, obj, form, status=400)
    messages.success(request, "Bidang disimpan.")
    return redirect("kantor:bidang", slug=pd.slug)


def _render_bidang_ubah(request, pd, obj, form, status=200):
    return render(request, "kantor/bidang_ubah.html",
                  _ctx(request, pd, form=form, tab="bidang", bidang=obj,
                       milik=selectors.milik_bidang(obj)), status=status)


@require_POST
@login_required
def bidang_aktif(request, slug, pk):
    pd = _pd(request, slug)
    cek(akses(request).can_edit_kantor(pd), PESAN_EDIT)
    obj = get_object_or_404(Bidang, pk=pk, perangkat_daerah=pd)
    aktif = request.POST.get("aktif") == "1"
    services.bidang_aktif_set(bidang=obj, aktif=aktif, user=request.user,
                              alasan=request.POST.get("alasan", "").strip())
    messages.success(request, f"Bidang \u201c{obj.nama}\u201d "
                              f"{'diaktifkan' if aktif else 'dinonaktifkan'}.")
    return redirect("kantor:bidang", slug=pd.slug)


@require_POST
@login_required
def bidang_hapus(request, slug, pk):
    pd = _pd(request, slug)
    cek(akses(request).can_edit_kantor(pd), PESAN_EDIT)
    obj = get_object_or_404(Bidang, pk=pk, perangkat_daerah=pd)
    try:
        services.bidang_delete(bidang=obj, user=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("kantor:bidang-ubah", slug=pd.slug, pk=obj.pk)
    messages.success(request, f"Bidang \u201c{obj.nama}\u201d dihapus.")
    return redirect("kantor:bidang", slug=pd.slug)


# --- officials -------------------------------------------------------------------------------

def _render_pejabat(request, pd, form, status=200):
    a = akses(request)
    return render(request, "kantor/pejabat.html", _ctx(
        request, pd, form=form, tab="pejabat", pejabat_list=selectors.pejabat_list(pd),
        sekarang=selectors.pejabat_penandatangan(pd, selectors.hari_ini()),
        admin_pemda=a.can_manage_pemda_kantor(pd.pemda_id),
    ), status=status)


@require_http_methods(["GET", "POST"])
@login_required
def pejabat(request, slug):
    pd = _pd(request, slug)
    if request.method == "GET":
        return _render_pejabat(request, pd, KepalaForm(initial={"jabatan": f"Kepala {pd.nama}"}))
    cek(akses(request).can_edit_kantor(pd), PESAN_EDIT)
    form = KepalaForm(request.POST)
    if not form.is_valid():
        return _render_pejabat(request, pd, form, status=400)
    try:
        p = services.pejabat_create(
            jenis=JenisPejabat.KEPALA_PD, perangkat_daerah=pd, data=form.data_pejabat(),
            akhiri_sebelumnya=form.cleaned_data["akhiri_sebelumnya"], user=request.user)
    except ValidationError as e:
        _galat(form, e)
        return _render_pejabat(request, pd, form, status=400)
    messages.success(request, f"{p.nama} dicatat sebagai {p.jabatan}.")
    return redirect("kantor:pejabat", slug=pd.slug)


@require_http_methods(["GET", "POST"])
@login_required
def pejabat_ubah(request, slug, pk):
    pd = _pd(request, slug)
    obj = get_object_or_404(Pejabat, pk=pk, perangkat_daerah=pd, jenis=JenisPejabat.KEPALA_PD)
    return _ubah_pejabat(request, obj, KepalaForm, pd=pd, boleh=akses(request).can_edit_kantor(pd),
                         kembali=("kantor:pejabat", {"slug": pd.slug}))


def _ubah_pejabat(request, obj, form_class, *, pd, boleh, kembali, pemda=None):
    a = akses(request)
    konteks = {"pd": pd, "pemda": pemda, "obj": obj, "boleh_ubah": boleh, "tab": "pejabat",
               "boleh_pengguna": pd is not None and a.can_manage_pengguna(pd),
               "kembali_url": reverse(kembali[0], kwargs=kembali[1])}
    if request.method == "GET":
        form = form_class(initial={"versi": obj.row_version,
                                   **{f: getattr(obj, f) for f in form_class.DATA}})
        return render(request, "kantor/pejabat_ubah.html", {**konteks, "form": form})
    cek(boleh, PESAN_EDIT if pd else PESAN_PEMDA)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            services.pejabat_update(pejabat=obj, data=form.data_pejabat(), user=request.user,
                                    versi_dasar=form.cleaned_data["versi"])
        except ValidationError as e:
            _galat(form, e)
        else:
            messages.success(request, f"Data {obj.nama} disimpan.")
            return redirect(kembali[0], **kembali[1])
    return render(request, "kantor/pejabat_ubah.html", {**konteks, "form": form}, status=400)


# --- the pemda: offices and the kepala daerah ------------------------------------------------

def _pemda(request, pemda_id: int) -> Pemda:
    """Only the pemda's administrator uses this page: the pemda's other users are refused
    (403, as on the pemda's users page); outsiders get the same 404 as for a pemda that does
    not exist."""
    a = akses(request)
    pemda = Pemda.objects.filter(pk=pemda_id).first()
    if pemda is None or not (a.is_superuser or any(p.pemda_id == pemda.pk for p in a.peran)):
        raise Http404("Pemda tidak ditemukan.")
    cek(a.can_manage_pemda_kantor(pemda.pk), PESAN_PEMDA)
    return pemda


def _render_pemda(request, pemda, form_pd, form_kd, status=200, form_logo=None):
    return render(request, "kantor/pemda.html", {
        "pemda": pemda, "form_pd": form_pd, "form_kd": form_kd,
        "form_logo": form_logo or PemdaLogoForm(),
        "pd_list": PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama"),
        "kepala_daerah_list": Pejabat.objects.filter(
            pemda=pemda, jenis=JenisPejabat.KEPALA_DAERAH).order_by("-mulai"),
    }, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def pemda(request, pemda):
    obj = _pemda(request, pemda)
    if request.method == "GET":
        return _render_pemda(request, obj, PerangkatDaerahBaruForm(), KepalaDaerahForm())
    form = PerangkatDaerahBaruForm(request.POST)
    if not form.is_valid():
        return _render_pemda(request, obj, form, KepalaDaerahForm(), status=400)
    try:
        pd = services.perangkat_daerah_create(pemda=obj, user=request.user, **form.cleaned_data)
    except ValidationError as e:
        _galat(form, e)
        return _render_pemda(request, obj, form, KepalaDaerahForm(), status=400)
    messages.success(request, f"{pd.nama} dibuat. Lengkapi bidang, pejabat dan penggunanya.")
    return redirect("kantor:profil", slug=pd.slug)


@require_POST
@login_required
def kepala_daerah(request, pemda):
    obj = _pemda(request, pemda)
    form = KepalaDaerahForm(request.POST)
    if form.is_valid():
        try:
            p = services.pejabat_create(
                jenis=JenisPejabat.KEPALA_DAERAH, pemda=obj, data=form.data_pejabat(),
                akhiri_sebelumnya=form.cleaned_data["akhiri_sebelumnya"], user=request.user)
        except ValidationError as e:
            _galat(form, e)
        else:
            messages.success(request, f"{p.nama} dicatat sebagai {obj.sebutan_kepala_daerah}.")
            return redirect("kantor:pemda", pemda=obj.pk)
    return _render_pemda(request, obj, PerangkatDaerahBaruForm(), form, status=400)


@require_http_methods(["GET", "POST"])
@login_required
def kepala_daerah_ubah(request, pemda, pk):
    obj = _pemda(request, pemda)
    p = get_object_or_404(Pejabat, pk=pk, pemda=obj, jenis=JenisPejabat.KEPALA_DAERAH)
    return _ubah_pejabat(request, p, KepalaDaerahForm, pd=None, pemda=obj, boleh=True,
                         kembali=("kantor:pemda", {"pemda": obj.pk}))


@require_http_methods(["GET", "POST"])
@login_required
def pemda_logo(request, pemda):
    """The pemda's logo (the cover of every office's LKjIP): shown to, and replaced or removed
    by, the pemda's administrator (``sakip.kantor.services.pemda_logo_set``)."""
    obj = _pemda(request, pemda)
    if request.method == "GET":
        if not obj.logo:
            return redirect(static("img/logo-kosong.svg"))
        respons = FileResponse(obj.logo.open("rb"), content_type=content_type_logo(obj.logo.name))
        respons["Cache-Control"] = "private, max-age=60"
        return respons
    form = PemdaLogoForm(request.POST, request.FILES)
    if form.is_valid():
        c = form.cleaned_data
        try:
            services.pemda_logo_set(pemda=obj, berkas=c["logo"] or None, user=request.user)
        except ValidationError as e:
            _galat(form, e)
        else:
            messages.success(request, "Logo pemda disimpan." if c["logo"] else
                             "Logo pemda dihapus.")
            return redirect("kantor:pemda", pemda=obj.pk)
    return _render_pemda(request, obj, PerangkatDaerahBaruForm(), KepalaDaerahForm(),
                         status=400, form_logo=form)
