from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sakip.kesehatan import healthz
from sakip.pengguna.views import MasukView
from sakip.views import favicon

urlpatterns = [
    path("", include("dasbor.beranda")),
    # Users and roles of an office (/pd/<slug>/pengguna/) and of the pemda; one's own password.
    path("", include("sakip.pengguna.urls")),
    # Pengaturan kantor (/pd/<slug>/kantor/: profile, bidang, officials) and the pemda's offices.
    path("", include("sakip.kantor.urls")),
    path("", include("lke.urls")),  # Evaluasi AKIP (/pd/<slug>/lke/<tahun>/: LKE, LHE)
    # Django's login; a one-time password is then sent to be replaced (sakip.pengguna).
    path("masuk/", MasukView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("renstra/", include("renstra.urls")),
    path("kinerja/", include("kinerja.urls")),
    path("anggaran/", include("anggaran.urls")),
    path("laporan/", include("laporan.urls")),
    path("bukukerja/", include("bukukerja.urls")),
    path("dasbor/", include("dasbor.urls")),
    # Public SAKIP pages: no login, ditetapkan documents only (publik.selectors).
    path("publik/", include("publik.urls")),
    # Read API (api/api.py: django-ninja, OpenAPI at /api/v1/openapi.json) and its tokens page.
    path("api/v1/", include("api.urls_v1")),
    path("api/token/", include("api.urls")),
    # One's own notifications and e-mail switch (notifikasi/).
    path("notifikasi/", include("notifikasi.urls")),
    path("admin/", admin.site.urls),
    # Monitoring (deploy/): no login, no secrets, one query.
    path("healthz", healthz, name="healthz"),
    # Browsers ask for it on every page; unnamed: no login, nothing to authorise.
    path("favicon.ico", favicon),
]

handler403 = "sakip.views.error_403"
