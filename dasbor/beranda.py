"""The home pages: ``/`` is the user's work inbox (``dasbor.kotak``: what to do next, per role);
``/pd/<slug>/`` is an office with its Renstra tree and budget summary.

They read several areas (renstra, anggaran, kinerja, laporan, lke), so they live in dasbor."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from anggaran.selectors import ringkasan_anggaran, tahun_bawaan
from dasbor.kotak import KOSONG, kotak_kerja
from renstra.selectors import (
    indikator_per_pemilik,
    renstra_aktif,
    tahun_renstra,
    tempel_pagu_indikatif,
    tujuan_tree,
)
from sakip.access import akses, get_pd_or_403
from sakip.kantor.selectors import pejabat_penandatangan


@require_GET
@login_required
def beranda(request):
    """The work inbox of the user's roles; a user without any role is told to ask for one."""
    kotak = kotak_kerja(akses(request), timezone.localdate())
    if kotak is None:
        return render(request, "dasbor/tanpa_peran.html", status=403)
    return render(request, "dasbor/kotak.html", {
        "kotak": kotak, "kotak_jumlah": kotak.jumlah, "kosong": KOSONG,
    })


@require_GET
@login_required
def kotak_jumlah(request):
    """The count beside "Beranda" in the header, fetched after the page loads
    (static/js/kotak.js): the pages' own query budgets stay as they are, and the count is
    always as fresh as the inbox itself (a fixed number of queries)."""
    kotak = kotak_kerja(akses(request), timezone.localdate())
    return JsonResponse({"jumlah": kotak.jumlah if kotak else 0})


@require_GET
@login_required
def beranda_pd(request, slug):
    pd = get_pd_or_403(request, slug)
    # The years of every Renstra of the office (a newer one never hides the older years); the
    # year's own Renstra by the one rule (renstra_berlaku_map).
    tahun_list = tahun_renstra([pd.pk])
    try:
        tahun = int(request.GET.get("tahun", ""))
    except ValueError:
        tahun = None
    if tahun_list and tahun not in tahun_list:
        tahun = tahun_bawaan(pd, tahun_list, timezone.localdate().year)
    renstra = renstra_aktif(pd, tahun)
    context = {"pd": pd, "renstra": renstra, "pd_list": akses(request).perangkat_daerah_list(),
               "penandatangan": pejabat_penandatangan(pd, timezone.localdate())}
    if renstra is not None:
        anggaran = ringkasan_anggaran(renstra, tahun)
        ind_program = indikator_per_pemilik(renstra, "program")
        for p in anggaran.program:
            p.indikator = ind_program.get(p.id, [])
        context.update(
            tujuan_list=tujuan_tree(renstra),
            tahun=tahun,
            tahun_list=tahun_list,
            anggaran=anggaran,
        )
        # A year without DPA pagu shows the pagu indikatif of the Renstra instead.
        context["pagu_indikatif_total"] = tempel_pagu_indikatif(anggaran, renstra, tahun)
    return render(request, "dasbor/beranda.html", context)


# Included at the site root by sakip/urls.py ("/" and "/pd/<slug>/").
urlpatterns = [
    path("", beranda, name="beranda"),
    path("kotak/jumlah/", kotak_jumlah, name="kotak-jumlah"),
    path("pd/<slug:slug>/", beranda_pd, name="beranda-pd"),
]
