"""Tabel 4.2 import: /renstra/<slug>/impor/…; names ``renstra:import-*``."""

from django.urls import path

from renstra.impor import views

urlpatterns = [
    path("<slug:slug>/impor/", views.unggah, name="import-upload"),
    path("<slug:slug>/impor/<uuid:token>/", views.pratinjau, name="import-pratinjau"),
    path("<slug:slug>/impor/<uuid:token>/konfirmasi/", views.konfirmasi,
         name="import-konfirmasi"),
    path("<slug:slug>/impor/<uuid:token>/status/", views.status, name="import-status"),
]
