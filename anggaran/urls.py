"""Budget pages, under ``anggaran:``."""

from django.urls import path

from anggaran import views as v

app_name = "anggaran"

N = "<slug:slug>/<str:level>/<int:pk>/"

urlpatterns = [
    path("<slug:slug>/", v.ringkasan, name="ringkasan"),
    path("<slug:slug>/impor/", v.impor, name="impor"),
    path("<slug:slug>/impor/konfirmasi/", v.impor_konfirmasi, name="impor-konfirmasi"),
    path("<slug:slug>/impor/status/<str:pid>/", v.impor_status, name="impor-status"),
    path(N, v.node, name="node"),
    path(N + "pagu/", v.pagu_simpan, name="pagu-simpan"),
    path(N + "realisasi/", v.realisasi_simpan, name="realisasi-simpan"),
]
