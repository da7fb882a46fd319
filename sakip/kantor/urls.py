"""Pengaturan kantor, under ``kantor:``; included at the site root so an office's setup sits
under its own path (``/pd/<slug>/kantor/``, beside ``/pd/<slug>/`` and its users page), and the
pemda administrator's under ``/pemda/<id>/``."""

from django.urls import path

from sakip.kantor import views

app_name = "kantor"

PD = "pd/<slug:slug>/kantor/"
PEMDA = "pemda/<int:pemda>/"

urlpatterns = [
    path(PD, views.profil, name="profil"),
    path(PD + "logo/", views.logo, name="logo"),
    path(PD + "bidang/", views.bidang, name="bidang"),
    path(PD + "bidang/<int:pk>/", views.bidang_ubah, name="bidang-ubah"),
    path(PD + "bidang/<int:pk>/status/", views.bidang_aktif, name="bidang-aktif"),
    path(PD + "bidang/<int:pk>/hapus/", views.bidang_hapus, name="bidang-hapus"),
    path(PD + "pejabat/", views.pejabat, name="pejabat"),
    path(PD + "pejabat/<int:pk>/", views.pejabat_ubah, name="pejabat-ubah"),
    path(PEMDA + "perangkat-daerah/", views.pemda, name="pemda"),
    path(PEMDA + "logo/", views.pemda_logo, name="pemda-logo"),
    path(PEMDA + "kepala-daerah/", views.kepala_daerah, name="kepala-daerah"),
    path(PEMDA + "kepala-daerah/<int:pk>/", views.kepala_daerah_ubah, name="kepala-daerah-ubah"),
]
