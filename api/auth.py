"""Who is asking the read API: the public (no token) or a token scoped to an office or pemda.

Every endpoint answers both: without ``Authorization`` a request reads what the public pages
show (``publik.selectors``); with ``Authorization: Bearer <token>`` it reads its own scope only,
verified data included, and an office outside the scope is 404. A wrong or revoked token is
401 — never silently served as the public, so a client notices its token stopped working.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from api.models import TokenAPI
from api.services import hash_token, token_dipakai_set
from sakip.access import AksesToken

# Last use is written at most once a minute per token: a client polling every second should
# not turn every read into a write.
JEDA_CATAT_PAKAI = datetime.timedelta(seconds=60)


@dataclass(frozen=True)
class Lingkup:
    """The reader of one request: ``token`` None is the public."""

    token: TokenAPI | None = None

    @property
    def publik(self) -> bool:
        return self.token is None

    @property
    def akses(self) -> AksesToken | None:
        if self.token is None:
            return None
        return AksesToken(self.token.pemda_id, self.token.perangkat_daerah_id)

    def __bool__(self) -> bool:  # ninja treats a falsy auth result as "not authenticated"
        return True

    def __str__(self) -> str:
        return "publik" if self.token is None else f"token:{self.token.pk}"


PUBLIK = Lingkup()


class TokenBaca(HttpBearer):
    """Bearer token, optional (see the module doc)."""

    def __call__(self, request: HttpRequest) -> Lingkup | None:
        if not request.headers.get(self.header):
            return PUBLIK
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> Lingkup | None:
        row = TokenAPI.objects.filter(hash=hash_token(token), dicabut_pada__isnull=True).first()
        if row is None:
            return None
        sekarang = timezone.now()
        if row.terakhir_dipakai is None or sekarang - row.terakhir_dipakai >= JEDA_CATAT_PAKAI:
            token_dipakai_set(token=row, pada=sekarang)
        return Lingkup(token=row)


class _Batas(SimpleRateThrottle):
    """A rate read from settings on every request (operators change it without code; tests
    override it)."""

    setting = ""
    cache = cache

    def __init__(self) -> None:
        super().__init__(rate=getattr(settings, self.setting))

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class BatasToken(_Batas):
    """Requests per token (``SAKIP_API_BATAS_TOKEN``)."""

    scope = "api_token"
    setting = "SAKIP_API_BATAS_TOKEN"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        lingkup = getattr(request, "auth", None)
        if lingkup is None or lingkup.token is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": lingkup.token.pk}


class BatasAnonim(_Batas):
    """Requests per client address without a token (``SAKIP_API_BATAS_ANONIM``)."""

    scope = "api_anonim"
    setting = "SAKIP_API_BATAS_ANONIM"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        lingkup = getattr(request, "auth", None)
        if lingkup is not None and lingkup.token is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
