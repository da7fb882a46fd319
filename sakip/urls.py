from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sakip.kesehatan import healthz

urlpatterns = [
    path("", include("dasbor.beranda")),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("renstra/", include("renstra.urls")),
    path("kinerja/", include("kinerja.urls")),
    path("anggaran/", include("anggaran.urls")),
    path("laporan/", include("laporan.urls")),
    path("dasbor/", include("dasbor.urls")),
    path("admin/", admin.site.urls),
    # Monitoring (deploy/): no login, no secrets, one query.
    path("healthz", healthz, name="healthz"),
]

handler403 = "sakip.views.error_403"
