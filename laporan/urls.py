from django.urls import path

from laporan import views

app_name = "laporan"

urlpatterns = [
    path("<slug:slug>/", views.daftar, name="daftar"),
    path("<slug:slug>/<int:tahun>/", views.lkjip, name="lkjip"),
    path("<slug:slug>/<int:tahun>/mulai/", views.mulai, name="mulai"),
    path("<slug:slug>/<int:tahun>/narasi/", views.narasi, name="narasi"),
    path("<slug:slug>/<int:tahun>/reviu/", views.reviu, name="reviu"),
    path("<slug:slug>/<int:tahun>/capaian-terbit/", views.capaian_terbit,
         name="capaian-terbit"),
    path("<slug:slug>/<int:tahun>/kepegawaian/", views.kepegawaian, name="kepegawaian"),
    path("<slug:slug>/<int:tahun>/tetapkan/", views.tetapkan, name="tetapkan"),
    path("<slug:slug>/<int:tahun>/versi-baru/", views.versi_baru, name="versi-baru"),
    path("<slug:slug>/<int:tahun>/pratinjau/", views.pratinjau, name="pratinjau"),
    path("<slug:slug>/<int:tahun>/unduh/<str:fmt>/", views.unduh, name="unduh"),
    path("<slug:slug>/pdf/<int:pk>/", views.berkas, name="berkas"),
    path("<slug:slug>/pdf/<int:pk>/unduh/", views.berkas_unduh, name="berkas-unduh"),
]
