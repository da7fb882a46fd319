"""Evaluasi AKIP pages, under ``lke:``; included at the site root so an office's evaluation
sits under its own path (``/pd/<slug>/lke/<tahun>/``), beside its kantor and users pages."""

from django.urls import path

from lke import views, views_tindak

app_name = "lke"

PD = "pd/<slug:slug>/lke/"
TAHUN = PD + "<int:tahun>/"

urlpatterns = [
    path(PD, views.daftar, name="daftar"),
    path(TAHUN, views.lembar, name="lembar"),
    path(TAHUN + "mulai/", views.mulai, name="mulai"),
    path(TAHUN + "kriteria/<int:kriteria>/jawab/", views.jawab, name="jawab"),
    path(TAHUN + "kriteria/<int:kriteria>/saran/", views.pakai_saran, name="saran"),
    path(TAHUN + "kriteria/<int:kriteria>/bukti/", views.bukti_tambah, name="bukti-tambah"),
    path(TAHUN + "bukti/<int:pk>/", views.bukti_unduh, name="bukti-unduh"),
    path(TAHUN + "bukti/<int:pk>/hapus/", views.bukti_hapus, name="bukti-hapus"),
    path(TAHUN + "ajukan/", views.ajukan, name="ajukan"),
    path(TAHUN + "tutup/", views.tutup, name="tutup"),
    path(TAHUN + "lhe/", views.lhe, name="lhe"),
    path(TAHUN + "lhe/unduh/", views.lhe_unduh, name="lhe-unduh"),

    # Follow-up of recommendations, past LHEs from paper, the Inspektorat's pemda overview.
    path(PD + "tindak-lanjut/", views_tindak.tindak_lanjut_daftar, name="tindak-lanjut"),
    path(PD + "tindak-lanjut/<int:pk>/", views_tindak.tindak_lanjut_detail,
         name="tindak-lanjut-detail"),
    path(PD + "tindak-lanjut/<int:pk>/jawab/", views_tindak.tindak_lanjut_jawab,
         name="tindak-lanjut-jawab"),
    path(PD + "tindak-lanjut/<int:pk>/terima/", views_tindak.tindak_lanjut_terima,
         name="tindak-lanjut-terima"),
    path(PD + "tindak-lanjut/<int:pk>/buka/", views_tindak.tindak_lanjut_buka,
         name="tindak-lanjut-buka"),
    path(PD + "tindak-lanjut/berkas/<int:pk>/", views_tindak.tindak_lanjut_unduh,
         name="tindak-lanjut-unduh"),
    path(TAHUN + "hasil/", views_tindak.hasil_catat, name="hasil-catat"),
    path("lke/ikhtisar/", views_tindak.ikhtisar, name="ikhtisar"),
]
