from django.apps import AppConfig


class RenstraConfig(AppConfig):
    name = "renstra"
