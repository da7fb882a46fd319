"""The PK builder: /kinerja/<slug>/pk/… ; names ``kinerja:pk-list`` etc."""

from django.urls import path

from kinerja.pk import views as v

urlpatterns = [
    path("<slug:slug>/pk/", v.pk_list, name="pk-list"),
    path("<slug:slug>/pk/buat/", v.pk_buat, name="pk-buat"),
    path("<slug:slug>/pk/<int:pk>/", v.pk_detail, name="pk-detail"),
    path("<slug:slug>/pk/<int:pk>/pdf/", v.pk_pdf_view, name="pk-pdf"),
    path("<slug:slug>/pk/<int:pk>/isi/", v.pk_isi, name="pk-isi"),
    path("<slug:slug>/pk/<int:pk>/dari-renstra/", v.pk_dari_renstra, name="pk-dari-renstra"),
    path("<slug:slug>/pk/<int:pk>/indikator/tambah/", v.pk_indikator_tambah,
         name="pk-indikator-tambah"),
    path("<slug:slug>/pk/<int:pk>/indikator/<int:line>/hapus/", v.pk_indikator_hapus,
         name="pk-indikator-hapus"),
    path("<slug:slug>/pk/<int:pk>/anggaran/tambah/", v.pk_anggaran_tambah,
         name="pk-anggaran-tambah"),
    path("<slug:slug>/pk/<int:pk>/anggaran/<int:row>/hapus/", v.pk_anggaran_hapus,
         name="pk-anggaran-hapus"),
    path("<slug:slug>/pk/<int:pk>/ajukan/", v.pk_ajukan, name="pk-ajukan"),
    path("<slug:slug>/pk/<int:pk>/tarik/", v.pk_tarik, name="pk-tarik"),
    path("<slug:slug>/pk/<int:pk>/tetapkan/", v.pk_tetapkan, name="pk-tetapkan"),
    path("<slug:slug>/pk/<int:pk>/revisi/", v.pk_revisi, name="pk-revisi"),
]
