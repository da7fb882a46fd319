from django.urls import path

from publik import views

app_name = "publik"

urlpatterns = [
    path("", views.indeks, name="indeks"),
    # The office's own page comes first: "kelola" is never a pemda.
    path("kelola/<slug:slug>/", views.kelola, name="kelola"),
    path("kelola/<slug:slug>/cabut/", views.cabut, name="cabut"),
    path("kelola/<slug:slug>/terbitkan/", views.terbitkan, name="terbitkan"),
    path("<slug:pemda>/", views.pemda, name="pemda"),
    path("<slug:pemda>/<slug:slug>/", views.kantor, name="kantor"),
    path("<slug:pemda>/<slug:slug>/<int:tahun>/", views.kantor, name="kantor-tahun"),
    path("<slug:pemda>/<slug:slug>/<int:tahun>/lkjip.pdf", views.lkjip_pdf, name="lkjip-pdf"),
]
