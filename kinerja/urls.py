"""Kinerja URLs: the PK builder (kinerja/pk) and the realisasi/verification pages
(kinerja/realisasi), under one namespace."""

from kinerja.pk import urls as pk_urls
from kinerja.realisasi import urls as realisasi_urls

app_name = "kinerja"

urlpatterns = pk_urls.urlpatterns + realisasi_urls.urlpatterns
