"""The token page of office and pemda administrators: create (shown once), list, revoke.

Access (sakip/access.py): ``can_manage_token`` (the office's admin) and
``can_manage_token_pemda`` (the pemda-wide admin); everyone else is refused.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from api import services
from api.forms import TokenForm, pilihan_lingkup
from api.models import TokenAPI
from sakip.access import akses, cek
from sakip.models import Pemda, PerangkatDaerah
from sakip.versi import SudahAda

TOLAK = "Token API dibuat dan dicabut oleh administrator perangkat daerah atau pemda."


def _boleh(a, token: TokenAPI) -> bool:
    if token.perangkat_daerah_id is None:
        return a.can_manage_token_pemda(token.pemda_id)
    return a.can_manage_token(token.perangkat_daerah)


def _lingkup(nilai: str) -> tuple[Pemda, PerangkatDaerah | None]:
    jenis, _, pk = nilai.partition(":")
    if jenis == "pemda":
        return Pemda.objects.get(pk=pk), None
    pd = PerangkatDaerah.objects.select_related("pemda").get(pk=pk)
    return pd.pemda, pd


@login_required
@require_http_methods(["GET", "POST"])
def token_daftar(request):
    a = akses(request)
    pilihan = pilihan_lingkup(a)
    cek(bool(pilihan), TOLAK)
    form = TokenForm(request.POST or None, pilihan=pilihan)
    baru = None
    if request.method == "POST" and form.is_valid():
        pemda, pd = _lingkup(form.cleaned_data["lingkup"])
        try:
            token, raw = services.token_create(user=request.user, nama=form.cleaned_data["nama"],
                                               pemda=pemda, perangkat_daerah=pd)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            baru = {"token": token, "raw": raw}
            form = TokenForm(pilihan=pilihan)
    tokens = [t for t in TokenAPI.objects.select_related(
        "pemda", "perangkat_daerah", "dibuat_oleh", "dicabut_oleh") if _boleh(a, t)]
    status = 400 if request.method == "POST" and baru is None else 200
    return render(request, "api/token.html", {
        "form": form, "tokens": tokens, "baru": baru,
    }, status=status)


@login_required
@require_POST
def token_cabut(request, pk: int):
    token = get_object_or_404(TokenAPI.objects.select_related("perangkat_daerah"), pk=pk)
    cek(_boleh(akses(request), token), TOLAK)
    try:
        services.token_withdraw(token=token, user=request.user)
    except SudahAda as e:
        messages.info(request, e.messages[0])
    else:
        messages.success(request, f"Token {token} dicabut: sejak sekarang ditolak (401).")
    return redirect("api:token")
