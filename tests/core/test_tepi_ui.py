"""Shared UI mechanics: the favicon, the admin in Indonesian, numbers in admin lists."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory

from kinerja.models import Realisasi
from sakip.admin import AngkaAdminMixin


def test_favicon_dilayani(client):
    r = client.get("/favicon.ico")
    assert r.status_code == 302
    assert r["Location"].endswith("favicon.ico")
    assert client.get(r["Location"]).status_code == 200


@pytest.mark.django_db
def test_base_html_menautkan_favicon(client_as):
    html = client_as("perencana").get("/", follow=True).content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html


def test_admin_berbahasa_indonesia():
    assert admin.site.site_header == "Administrasi SAKIP"
    assert admin.site.site_title == "Administrasi SAKIP"
    assert apps.get_app_config("django_tasks_database").verbose_name == (
        "Antrean tugas latar belakang")


@pytest.mark.django_db
def test_halaman_admin_tanpa_teks_django_inggris(client_as):
    html = client_as("admin").get("/admin/").content.decode()
    assert "Administrasi SAKIP" in html
    assert "Administrasi Django" not in html and "Django administration" not in html
    assert "Tasks Database Backend" not in html and "TASKS DATABASE BACKEND" not in html


@pytest.mark.django_db
def test_kolom_desimal_admin_diformat_sakip(demo):
    model_admin = admin.site._registry[Realisasi]
    assert isinstance(model_admin, AngkaAdminMixin)
    request = RequestFactory().get("/admin/")
    kolom = model_admin.get_list_display(request)
    nilai = next(k for k in kolom if callable(k) and k.admin_order_field == "nilai")
    assert nilai(Realisasi(nilai=Decimal("563.0000"))) == "563"
    assert nilai(Realisasi(nilai=Decimal("1250.5000"))) == "1.250,5"
    assert nilai(Realisasi(nilai=None)) == "—"


@pytest.mark.django_db
def test_daftar_admin_realisasi_tanpa_nol_berlebih(demo, client_as):
    html = client_as("admin").get("/admin/kinerja/realisasi/").content.decode()
    assert ",0000" not in html
