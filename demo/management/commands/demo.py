from django.core.management.base import BaseCommand

from demo.gowa import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Memuat ulang data demo Dinas Sosial Kabupaten Gowa 2024 dan akun demo (idempoten)."

    def handle(self, *args, **options):
        load_demo(stdout=self.stdout)
        self.stdout.write(
            f"Akun demo (kata sandi: {DEMO_PASSWORD}): admin, perencana, kepala, inspektorat, "
            "staf.rehsos, staf.linjamsos\n"
        )
