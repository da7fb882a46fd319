from django.urls import path

from api import views

app_name = "api"

urlpatterns = [
    path("", views.token_daftar, name="token"),
    path("<int:pk>/cabut/", views.token_cabut, name="token-cabut"),
]
