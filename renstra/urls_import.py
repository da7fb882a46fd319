"""Tabel 4.2 import (issue 3 part A): /renstra/<slug>/impor/…; names ``renstra:import-*``."""

from django.urls import path

from renstra import views_import

urlpatterns = [
    path("<slug:slug>/impor/", views_import.unggah, name="import-upload"),
    path("<slug:slug>/impor/<uuid:token>/", views_import.pratinjau, name="import-pratinjau"),
    path("<slug:slug>/impor/<uuid:token>/konfirmasi/", views_import.konfirmasi,
         name="import-konfirmasi"),
]
