"""One's own notifications, under ``notifikasi:`` at ``/notifikasi/``."""

from django.urls import path

from notifikasi import views as v

app_name = "notifikasi"

urlpatterns = [
    path("", v.daftar, name="daftar"),
    path("<int:pk>/buka/", v.buka, name="buka"),
    path("<int:pk>/dibaca/", v.baca, name="baca"),
    path("dibaca-semua/", v.baca_semua, name="baca-semua"),
    path("pengaturan/", v.pengaturan, name="pengaturan"),
]
