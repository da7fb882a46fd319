"""Kinerja URLs: the PK builder and the realisasi/verification pages, each in its own module."""

from kinerja import urls_pk, urls_realisasi

app_name = "kinerja"

urlpatterns = urls_pk.urlpatterns + urls_realisasi.urlpatterns
