"""The read API under /api/v1/ (django-ninja): OpenAPI 3 generated from these signatures.

Every endpoint answers the public (no token: what the public pages show, ``publik.selectors``)
and tokens (``Authorization: Bearer …``: verified data of the token's office or pemda);
``api.auth`` says which, ``api.selectors`` reads. Lists are paginated (``limit``/``offset``) and
filtered by pemda, office and year; every request is rate limited per token, or per client
address without one.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.openapi.docs import DocsBase
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import Field

from api import schemas as s
from api import selectors as sel
from api.auth import BatasAnonim, BatasToken, TokenBaca

JSON_ERR = {401: s.Galat, 404: s.Galat, 429: s.Galat}


class Halaman(LimitOffsetPagination):
    """``limit`` (1–500, default 50) and ``offset``; the answer is ``{items, count}``."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500)
        offset: int = Field(0, ge=0)


class DokumenApi(DocsBase):
    """Swagger UI from the vendored copy in static/ (the CSP forbids CDNs and inline
    scripts; static/js/api_docs.js starts it)."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        return render(request, "api/docs.html",
                      {"openapi_url": self.get_openapi_url(api, kwargs), "api": api})


class SakipAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        # The token is optional: without it the public data is served. OpenAPI says so with
        # an empty requirement beside the bearer one.
        for ops in schema["paths"].values():
            for op in ops.values():
                if op.get("security"):
                    op["security"] = [*op["security"], {}]
        return schema


api = SakipAPI(
    title="SAKIP — API baca",
    version="1",
    description=(
        "Data kinerja yang ditetapkan (Renstra, IKU, Perjanjian Kinerja, capaian, anggaran, "
        "LKjIP) dalam kunci dan angka yang sama dengan JSON LKjIP. Tanpa token: hanya data "
        "yang dipublikasikan. Dengan `Authorization: Bearer <token>`: data terverifikasi "
        "lingkup token (satu perangkat daerah atau satu pemda), termasuk yang belum "
        "dipublikasikan."
    ),
    urls_namespace="api-v1",
    auth=TokenBaca(),
    throttle=[BatasToken(), BatasAnonim()],
    docs=DokumenApi(),
    docs_url="/docs",
)


def _tahun(tahun: int | None) -> None:
    if tahun is not None and not 2000 <= tahun <= 2100:
        raise HttpError(404, "Tahun di luar rentang 2000–2100.")


@api.get("/pemda", response={200: list[s.PemdaOut], **JSON_ERR}, tags=["wilayah"],
         summary="Daftar pemda")
@paginate(Halaman)
def pemda_list(request):
    return sel.pemda_qs(request.auth)


@api.get("/perangkat-daerah", response={200: list[s.PerangkatDaerahOut], **JSON_ERR},
         tags=["wilayah"], summary="Daftar perangkat daerah")
@paginate(Halaman)
def perangkat_daerah_list(request, pemda: str | None = Query(
        None, description="id atau slug pemda, mis. kabupaten-gowa")):
    return sel.perangkat_daerah_qs(request.auth, pemda=pemda)


@api.get("/perangkat-daerah/{slug}", response={200: s.PerangkatDaerahOut, **JSON_ERR},
         tags=["wilayah"], summary="Satu perangkat daerah")
def perangkat_daerah_detail(request, slug: str):
    return sel.perangkat_daerah_json(sel.perangkat_daerah_get(request.auth, slug))


@api.get("/lkjip", response={200: list[s.LKjIPItem], **JSON_ERR}, tags=["LKjIP"],
         summary="Dokumen LKjIP dan statusnya")
@paginate(Halaman)
def lkjip_list(request, pemda: str | None = None,
               perangkat_daerah: str | None = Query(None, description="slug perangkat daerah"),
               tahun: int | None = None):
    _tahun(tahun)
    pd = sel.perangkat_daerah_get(request.auth, perangkat_daerah) if perangkat_daerah else None
    return sel.lkjip_list(request.auth, pemda=pemda, pd=pd, tahun=tahun)


@api.get("/perangkat-daerah/{slug}/lkjip/{tahun}", response={200: s.LKjIPOut, **JSON_ERR},
         tags=["LKjIP"], summary="Isi LKjIP (JSON LKjIP)")
def lkjip_detail(request, slug: str, tahun: int):
    _tahun(tahun)
    pd = sel.perangkat_daerah_get(request.auth, slug)
    data, sumber = sel.lkjip_data(request.auth, pd, tahun)
    return {"sumber": sumber, "perangkat_daerah_slug": pd.slug, **data}


@api.get("/perangkat-daerah/{slug}/capaian/{tahun}", response={200: s.CapaianOut, **JSON_ERR},
         tags=["kinerja"], summary="Capaian per indikator per triwulan dan tahun")
def capaian(request, slug: str, tahun: int):
    _tahun(tahun)
    return sel.capaian(request.auth, sel.perangkat_daerah_get(request.auth, slug), tahun)


@api.get("/perangkat-daerah/{slug}/anggaran/{tahun}",
         response={200: s.AnggaranOut, **JSON_ERR}, tags=["anggaran"],
         summary="Pagu, realisasi dan serapan per program/kegiatan/sub kegiatan")
def anggaran(request, slug: str, tahun: int):
    _tahun(tahun)
    return sel.anggaran(request.auth, sel.perangkat_daerah_get(request.auth, slug), tahun)


@api.get("/perangkat-daerah/{slug}/pk", response={200: list[s.PKOut], **JSON_ERR},
         tags=["kinerja"], summary="Perjanjian Kinerja dengan target triwulan")
@paginate(Halaman)
def pk_list(request, slug: str, tahun: int | None = None):
    _tahun(tahun)
    return sel.pk_list(request.auth, sel.perangkat_daerah_get(request.auth, slug), tahun)


@api.get("/perangkat-daerah/{slug}/renstra", response={200: s.RenstraOut, **JSON_ERR},
         tags=["renstra"], summary="Pohon Renstra dengan indikator dan target tahunan")
def renstra(request, slug: str, tahun: int | None = Query(
        None, description="Renstra yang mencakup tahun ini (kosong: yang terbaru)")):
    _tahun(tahun)
    return sel.renstra_get(request.auth, sel.perangkat_daerah_get(request.auth, slug), tahun)
