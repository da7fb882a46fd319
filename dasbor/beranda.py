"""The home page: the user's office with its Renstra tree and budget summary.

It reads renstra and anggaran, so it lives with the other pages that read several areas."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from anggaran.selectors import ringkasan_anggaran, tahun_bawaan
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
    """The user's own perangkat daerah; users of several (Inspektorat) pick one."""
    a = akses(request)
    pd = a.default_pd()
    if pd is None:
        return render(request, "dasbor/tanpa_peran.html", status=403)
    return redirect("beranda-pd", slug=pd.slug)


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
    path("pd/<slug:slug>/", beranda_pd, name="beranda-pd"),
]
