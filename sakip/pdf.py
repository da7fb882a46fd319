"""WeasyPrint with a URL fetcher that reads only the project's own static files.

WeasyPrint's default fetcher opens any ``http(s)://`` or ``file://`` URL named in the HTML it is
handed (platform.md: it fetched a loopback URL and embedded a local file). The PDFs we print
(LKjIP, PK) need nothing from outside: their stylesheet is inlined and their charts are data
URIs or inline SVG. So every ``HTML(...)`` goes through :func:`dokumen_html`, whose fetcher
serves ``data:`` URLs and files that ``django.contrib.staticfiles`` would serve, and refuses
everything else; a refused resource is left out and the document still renders.

WeasyPrint itself is imported inside the functions: importing it takes about 2 s, which the web
workers should not pay at start-up for pages that never print.
"""

from __future__ import annotations

import mimetypes
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation


class URLDitolak(ValueError):
    """A URL outside the project's static files; WeasyPrint skips the resource."""


def _akar_static() -> list[Path]:
    """Folders whose files the static finders serve (STATICFILES_DIRS, app ``static/``)
    plus STATIC_ROOT, resolved so that ``..`` and symlinks cannot step outside them."""
    akar = [Path(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            lokasi = getattr(storage, "location", None)
            if lokasi:
                akar.append(Path(lokasi))
    return [p.resolve() for p in akar]


def berkas_static(url: str) -> Path | None:
    """The local file a URL names, when it is one of the project's static files; else None.

    Accepted: ``file://`` paths inside a static folder, and ``/static/<path>`` (what
    ``{% static %}`` writes, resolved through the staticfiles finders). Nothing on the network,
    not even the app's own host: a PDF must not depend on, or probe, a server.
    """
    bagian = urlsplit(url)
    if bagian.scheme != "file" or bagian.netloc not in ("", "localhost"):
        return None
    jalur = unquote(bagian.path)
    awalan = "/" + settings.STATIC_URL.strip("/") + "/"
    if jalur.startswith(awalan):
        try:
            ditemukan = finders.find(jalur[len(awalan):])
        except SuspiciousFileOperation:  # "/static/../../etc/passwd"
            return None
        if ditemukan:
            return Path(ditemukan).resolve()
    berkas = Path(jalur).resolve()
    if berkas.is_file() and any(berkas.is_relative_to(a) for a in _akar_static()):
        return berkas
    return None


@lru_cache(maxsize=1)
def _kelas_pengambil():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PengambilStatic(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            berkas = berkas_static(url)
            if berkas is None:
                raise URLDitolak(f"URL di luar berkas statis aplikasi ditolak: {url[:200]}")
            jenis = mimetypes.guess_type(berkas.name)[0] or "application/octet-stream"
            return URLFetcherResponse(berkas.as_uri(), berkas.read_bytes(),
                                      {"Content-Type": jenis})

    return PengambilStatic


def pengambil_url():
    """A fresh fetcher for one document (WeasyPrint keeps per-request state on it)."""
    return _kelas_pengambil()()


def dokumen_html(html: str):
    """``weasyprint.HTML`` for ``html`` with the static-only fetcher; relative URLs resolve
    against the project folder, so ``static/css/x.css`` finds the project's stylesheet."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=pengambil_url())
