from django.urls import path

from dasbor import views

app_name = "dasbor"

urlpatterns = [
    path("", views.kantor, name="kantor"),
    path("pemda/", views.pemda, name="pemda"),
    path("pd/<slug:slug>/sasaran/<int:pk>/", views.sasaran, name="sasaran"),
    path("pd/<slug:slug>/indikator/<int:pk>/", views.indikator, name="indikator"),
    path("pd/<slug:slug>/realisasi/<int:pk>/", views.realisasi, name="realisasi"),
    path("pd/<slug:slug>/catatan/baru/", views.catatan_buat, name="catatan-buat"),
    path("catatan/", views.catatan_daftar, name="catatan-daftar"),
    path("catatan/<int:pk>/", views.catatan_detail, name="catatan-detail"),
    path("catatan/<int:pk>/jawab/", views.catatan_jawab, name="catatan-jawab"),
    path("catatan/<int:pk>/selesai/", views.catatan_selesai, name="catatan-selesai"),
    path("catatan/<int:pk>/buka/", views.catatan_buka, name="catatan-buka"),
]
