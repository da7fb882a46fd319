from django.apps import AppConfig
from django.utils.module_loading import import_string


class LaporanConfig(AppConfig):
    name = "laporan"

    def ready(self) -> None:
        # The LKE suggestions that need the LKjIP register themselves into lke.saran (lke is
        # below laporan in the layers and cannot import them). Models are importable only once
        # the app registry is ready, hence the import by name here and not at the module top.
        import_string("laporan.saran_lke.daftarkan_saran")()
