"""Renstra URLs: the tree and its editor (/renstra/<slug>/…; names ``renstra:pohon`` etc.) and
the Tabel 4.2 import (``renstra:import-*``)."""

from django.urls import path, register_converter

from renstra import views
from renstra.impor import urls as impor_urls

app_name = "renstra"


class LevelConverter:
    regex = "tujuan|sasaran|program|kegiatan|subkegiatan"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LevelConverter, "renstra_level")

urlpatterns = [
    path("<slug:slug>/", views.pohon, name="pohon"),
    path("<slug:slug>/baru/", views.renstra_tambah, name="renstra-tambah"),
    path("<slug:slug>/tahun/", views.tahun_berlaku, name="tahun"),
    path("<slug:slug>/target/", views.target_grid, name="target-grid"),
    path("<slug:slug>/target/<int:indikator>/<int:tahun>/", views.target_sel,
         name="target-sel"),
    path("<slug:slug>/pagu/", views.pagu_grid, name="pagu-grid"),
    path("<slug:slug>/pagu/<renstra_level:level>/<int:pk>/<int:tahun>/", views.pagu_sel,
         name="pagu-sel"),
    path("<slug:slug>/indikator/<int:pk>/", views.indikator_edit, name="indikator-edit"),
    path("<slug:slug>/indikator/<int:pk>/hapus/", views.indikator_hapus,
         name="indikator-hapus"),
    path("<slug:slug>/sasaran/<int:pk>/program/", views.sasaran_program,
         name="sasaran-program"),
    path("<slug:slug>/<renstra_level:level>/<int:induk>/tambah/", views.node_tambah,
         name="node-tambah"),
    path("<slug:slug>/<renstra_level:level>/<int:pk>/ubah/", views.node_ubah, name="node-ubah"),
    path("<slug:slug>/<renstra_level:level>/<int:pk>/hapus/", views.node_hapus,
         name="node-hapus"),
    path("<slug:slug>/<renstra_level:level>/<int:pk>/indikator/tambah/",
         views.indikator_tambah, name="indikator-tambah"),
] + impor_urls.urlpatterns
