"""The Buku Kerja in the browser: /bukukerja/<slug>/…; names ``bukukerja:*``."""

from django.urls import path

from bukukerja import views

app_name = "bukukerja"

urlpatterns = [
    path("<slug:slug>/", views.halaman, name="halaman"),
    path("<slug:slug>/unduh/", views.unduh, name="unduh"),
    path("<slug:slug>/unggah/", views.unggah, name="unggah"),
    path("<slug:slug>/impor/<str:token>/", views.pratinjau, name="pratinjau"),
    path("<slug:slug>/impor/<str:token>/konfirmasi/", views.konfirmasi, name="konfirmasi"),
    path("<slug:slug>/impor/<str:token>/status/", views.status, name="status"),
]
