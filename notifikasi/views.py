"""One's own notifications: the list, opening one (marks it read, goes to the work), marking
all read, and the e-mail switch. A user sees only their own rows (``selectors``); another
person's notification answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from notifikasi import selectors, services
from notifikasi.forms import PreferensiForm

PER_HALAMAN = 30


@never_cache
@require_GET
@login_required
def daftar(request):
    halaman = Paginator(selectors.notifikasi_list(request.user), PER_HALAMAN).get_page(
        request.GET.get("halaman"))
    return render(request, "notifikasi/daftar.html", {
        "halaman": halaman, "belum": selectors.jumlah_belum_dibaca(request.user)})


@require_POST
@login_required
def buka(request, pk):
    """Mark read, then go where the work is (an internal path only)."""
    notif = services.notifikasi_read(selectors.notifikasi_milik(request.user, pk),
                                     request.user)
    if notif.url and url_has_allowed_host_and_scheme(
            notif.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(notif.url)
    return redirect("notifikasi:daftar")


@require_POST
@login_required
def baca(request, pk):
    services.notifikasi_read(selectors.notifikasi_milik(request.user, pk), request.user)
    return redirect("notifikasi:daftar")


@require_POST
@login_required
def baca_semua(request):
    n = services.notifikasi_read_all(request.user)
    messages.success(request, f"{n} notifikasi ditandai sudah dibaca." if n
                     else "Tidak ada notifikasi yang belum dibaca.")
    return redirect("notifikasi:daftar")


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def pengaturan(request):
    """The user's own e-mail switch (beside the own-password page)."""
    if request.method == "POST":
        form = PreferensiForm(request.POST)
        if form.is_valid():
            services.preferensi_set(user=request.user,
                                    email_aktif=form.cleaned_data["email_aktif"])
            messages.success(request, "Pengaturan notifikasi disimpan.")
            return redirect("notifikasi:pengaturan")
    else:
        form = PreferensiForm(initial={"email_aktif": selectors.email_aktif(request.user)})
    return render(request, "notifikasi/pengaturan.html",
                  {"form": form, "punya_email": bool(request.user.email)})
