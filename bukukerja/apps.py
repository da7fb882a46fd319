from django.apps import AppConfig


class BukuKerjaConfig(AppConfig):
    name = "bukukerja"
    verbose_name = "Buku Kerja"
