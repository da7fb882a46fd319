from django.apps import AppConfig


class PublikConfig(AppConfig):
    name = "publik"
    verbose_name = "Publikasi SAKIP"
