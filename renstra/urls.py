"""Renstra URLs: the tree/editing pages and the Tabel 4.2 import, each in its own module."""

from renstra import urls_import, urls_renstra

app_name = "renstra"

urlpatterns = urls_renstra.urlpatterns + urls_import.urlpatterns
