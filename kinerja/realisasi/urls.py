"""Realisasi, evidence, verification and input periods, under ``kinerja:``."""

from django.urls import path

from kinerja.realisasi import views as v

R = "<slug:slug>/realisasi/<int:indikator>/<int:tahun>/<int:tw>/"

urlpatterns = [
    path("<slug:slug>/realisasi/", v.staf, name="staf"),
    path("<slug:slug>/realisasi/ajukan/", v.staf_ajukan, name="staf-ajukan"),
    path("<slug:slug>/realisasi/xlsx/", v.staf_xlsx_unduh, name="staf-xlsx-unduh"),
    path("<slug:slug>/realisasi/xlsx/unggah/", v.staf_xlsx_unggah, name="staf-xlsx-unggah"),
    path("<slug:slug>/realisasi/xlsx/konfirmasi/", v.staf_xlsx_konfirmasi,
         name="staf-xlsx-konfirmasi"),
    path(R, v.realisasi_isi, name="realisasi-edit"),
    path(R + "ajukan/", v.realisasi_ajukan, name="realisasi-ajukan"),
    path("<slug:slug>/bukti/<int:pk>/", v.bukti_unduh, name="bukti-unduh"),
    path("<slug:slug>/bukti/<int:pk>/hapus/", v.bukti_hapus_view, name="bukti-hapus"),
    path("<slug:slug>/verifikasi/", v.verifikasi, name="verifikasi"),
    path("<slug:slug>/verifikasi/<int:pk>/", v.verifikasi_aksi, name="verifikasi-aksi"),
    path("<slug:slug>/periode/", v.periode, name="periode"),
]
