from django.apps import AppConfig


class DasborConfig(AppConfig):
    name = "dasbor"
