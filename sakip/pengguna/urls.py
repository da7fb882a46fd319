"""Users pages, under ``pengguna:``; included at the site root so that an office's pages sit
under its own path (``/pd/<slug>/pengguna/``, beside ``/pd/<slug>/``)."""

from django.urls import path

from sakip.pengguna import views as v

app_name = "pengguna"

PD = "pd/<slug:slug>/pengguna/"
PEMDA = "pemda/<int:pemda>/pengguna/"

urlpatterns = [
    path(PD, v.daftar, name="daftar"),
    path(PD + "baru/", v.buat, name="buat"),
    path(PD + "<int:pk>/", v.ubah, name="ubah"),
    path(PD + "<int:pk>/aktif/", v.aktif, name="aktif"),
    path(PD + "<int:pk>/reset-kata-sandi/", v.reset, name="reset"),
    path(PEMDA, v.pemda_daftar, name="pemda-daftar"),
    path(PEMDA + "baru/", v.pemda_buat, name="pemda-buat"),
    path(PEMDA + "<int:pk>/", v.pemda_ubah, name="pemda-ubah"),
    path(PEMDA + "<int:pk>/aktif/", v.pemda_aktif, name="pemda-aktif"),
    path(PEMDA + "<int:pk>/reset-kata-sandi/", v.pemda_reset, name="pemda-reset"),
    path("akun/kata-sandi/", v.kata_sandi, name="kata-sandi"),
]
