"""Security plumbing that is not an access rule (those live in ``sakip.access``): password
validators, the request-body limits applied before anything parses a body, the lockout page of
django-axes, and the logging filter that keeps client errors to one line.

Loaded while logging is configured (the filter), before the app registry is ready: no model
imports here.
"""

from __future__ import annotations

import ipaddress
import logging
import re

from csp.decorators import csp_replace, csp_update
from django.conf import settings
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import PermissionDenied, SuspiciousOperation, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.http import urlencode
from django.views.decorators.clickjacking import xframe_options_sameorigin

# The password of the public demo data set (README, `make run`): printed on every demo screen,
# so no real account may use it.
KATA_SANDI_DEMO = "sakip-demo"

# Words anyone guessing a SAKIP password tries first: the application, the demo pemda, the
# roles and "password" in Indonesian. A password that is one of these (or a common password)
# plus digits and symbols — "Sakip2025!", "Gowa2025" — is as weak as the word itself.
KATA_TEBAKAN = frozenset({
    "sakip", "esakip", "gowa", "pemda", "pemkab", "pemkot", "dinas", "dinsos", "inspektorat",
    "perencana", "kepala", "staf", "admin", "administrator", "katasandi", "sandi", "rahasia",
    "lkjip", "renstra", "kinerja", "anggaran",
})


class KataSandiDemoValidator:
    """Outside debug the demo password is refused: it is public (README)."""

    def validate(self, password, user=None):
        if not settings.DEBUG and password.strip().lower() == KATA_SANDI_DEMO:
            raise ValidationError(
                "Kata sandi demo tidak boleh dipakai di luar mode demo; pilih kata sandi lain.",
                code="kata_sandi_demo",
            )

    def get_help_text(self):
        return "Kata sandi demo (sakip-demo) tidak boleh dipakai."


class KataSandiTebakanValidator:
    """Refuses a common word dressed up with digits and symbols ("Sakip2025!", "Gowa2025",
    "Password123!"): take away everything but the letters and what is left is a word from
    Django's list of common passwords, a SAKIP word, or the user's name."""

    def __init__(self):
        self._umum = CommonPasswordValidator().passwords

    def validate(self, password, user=None):
        huruf = re.sub(r"[^a-z]", "", password.lower())
        nama = re.sub(r"[^a-z]", "", (getattr(user, "username", "") or "").lower())
        if huruf and (huruf in KATA_TEBAKAN or huruf in self._umum or huruf == nama):
            raise ValidationError(
                "Kata sandi ini hanya kata yang mudah ditebak ditambah angka atau tanda baca; "
                "pakai gabungan beberapa kata yang tidak umum.",
                code="kata_sandi_tebakan",
            )

    def get_help_text(self):
        return ("Kata sandi tidak boleh berupa kata umum (mis. nama aplikasi atau daerah) yang "
                "hanya ditambah angka atau tanda baca.")


# --- request bodies --------------------------------------------------------------------------

def _panjang_isi(request) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


class BatasIsiPermintaanMiddleware:
    """Refuses a request body before anything reads it.

    * Above ``SAKIP_UNGGAH_MAKS_BYTES`` (every user): 413 with an Indonesian page. Only the
      declared Content-Length is looked at; Django never reads past it.
    * Before login, a body above ``SAKIP_ANONIM_MAKS_BYTES`` (the login form is a few hundred
      bytes): a multipart upload goes to the login page, anything else gets 413. Smaller bodies
      are parsed in memory (``FILE_UPLOAD_MAX_MEMORY_SIZE`` is far above the cap), so nothing
      an anonymous client sends is ever written to disk.

    It runs after the authentication middleware (it needs ``request.user``) and before any
    view-level middleware: ``CsrfViewMiddleware`` reads ``request.POST`` only in
    ``process_view``, which Django calls after every middleware's request phase.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        panjang = _panjang_isi(request)
        if panjang > settings.SAKIP_UNGGAH_MAKS_BYTES:
            return _terlalu_besar(request, panjang, settings.SAKIP_UNGGAH_MAKS_BYTES)
        if panjang > settings.SAKIP_ANONIM_MAKS_BYTES and not request.user.is_authenticated:
            if request.content_type == "multipart/form-data":
                return _ke_halaman_masuk(request)
            return _terlalu_besar(request, panjang, settings.SAKIP_ANONIM_MAKS_BYTES)
        return self.get_response(request)


def _ke_halaman_masuk(request):
    """What ``login_required`` answers (an upload after the session expired lands there too);
    ``django.contrib.auth.views`` cannot be imported here before the apps are loaded."""
    tujuan = resolve_url(settings.LOGIN_URL)
    return HttpResponseRedirect(f"{tujuan}?{urlencode({'next': request.get_full_path()})}")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".replace(".", ",")


def _terlalu_besar(request, panjang: int, batas: int):
    pesan = (f"Data yang dikirim terlalu besar ({_mb(panjang)} MB); batasnya {_mb(batas)} MB. "
             "Tidak ada yang disimpan.")
    if not request.user.is_authenticated:
        pesan += " Masuk terlebih dahulu untuk mengunggah berkas."
    return render(request, "413.html", {"pesan": pesan}, status=413)


# --- Content-Security-Policy -------------------------------------------------------------------

def dokumen_dalam_bingkai(view):
    """For a printed document shown in an <iframe> of our own page (the LKjIP preview): framed
    by our origin only, its inlined print stylesheet allowed, and sandboxed — the document has
    no script, so in the sandbox it runs none and cannot reach the app's cookies."""
    view = xframe_options_sameorigin(view)
    view = csp_update({"style-src": ["'unsafe-inline'"], "sandbox": True})(view)
    return csp_replace({"frame-ancestors": ["'self'"]})(view)


# --- django-axes ------------------------------------------------------------------------------

def alamat_klien(request) -> str:
    """The client's address for login throttling (``AXES_CLIENT_IP_CALLABLE``).

    gunicorn listens on loopback behind nginx (deploy/), so every request comes from 127.0.0.1;
    nginx appends the real peer to X-Forwarded-For (``$proxy_add_x_forwarded_for``). Only the
    right-most entry is nginx's own; entries to its left are whatever the client sent, so they
    are never used. A peer that is not loopback is the client itself.
    """
    peer = request.META.get("REMOTE_ADDR", "")
    try:
        lokal = ipaddress.ip_address(peer).is_loopback
    except ValueError:
        lokal = False
    diteruskan = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if lokal and diteruskan:
        return diteruskan.split(",")[-1].strip() or peer
    return peer


def halaman_terkunci(request, original_response=None, credentials=None):
    """The lockout answer (``AXES_LOCKOUT_CALLABLE``): an Indonesian page, HTTP 429."""
    menit = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/terkunci.html", {
        "menit": menit, "batas": settings.AXES_FAILURE_LIMIT,
    }, status=429)


# --- logging ----------------------------------------------------------------------------------

class GalatKlienSatuBaris(logging.Filter):
    """A refused request (403, a suspicious Host header) is the client's doing, not a bug: log
    its one line and drop the traceback Django attaches (a probe of 783 refusals filled the log
    with tracebacks)."""

    def filter(self, record):
        galat = record.exc_info[1] if record.exc_info else None
        if isinstance(galat, (PermissionDenied, SuspiciousOperation)):
            record.exc_info = None
            record.exc_text = None
        return True
