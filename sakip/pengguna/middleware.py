"""A one-time password (from an administrator's reset or a new account) must be replaced before
its holder does anything else: the administrator who handed it over never knows the password
in use (sakip.services.sandi_sekali_set)."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

# Set at login (sakip.pengguna.views.MasukView) from the trail, cleared by the change itself:
# no query on any other request. A reset ends the holder's open sessions (Django ties a session
# to the password hash), so the only way back in is a login, which sets it.
KUNCI_WAJIB = "sakip_wajib_ganti_sandi"


class WajibGantiKataSandiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(KUNCI_WAJIB) and not self._bebas(request.path):
            return redirect("pengguna:kata-sandi")
        return self.get_response(request)

    @staticmethod
    def _bebas(path: str) -> bool:
        """The change page itself, logging out, static files and monitoring stay reachable."""
        bebas = (reverse("pengguna:kata-sandi"), reverse("logout"),
                 "/" + settings.STATIC_URL.lstrip("/"), reverse("healthz"))
        return path.startswith(bebas)
