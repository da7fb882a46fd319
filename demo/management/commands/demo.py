from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.gowa import DEMO_PASSWORD, load_demo

PESAN_BUKAN_DEBUG = (
    "Perintah demo ditolak: DEBUG tidak aktif, jadi ini tampaknya server sungguhan. Data demo "
    "memakai akun dengan kata sandi publik '{sandi}'. Jalankan dengan DEBUG=1 untuk mencoba, "
    "atau tambahkan --saya-paham bila memang ingin memuat demo di sini (demo hanya dimuat ke "
    "kantor yang masih kosong dan tidak pernah menghapus data)."
)


class Command(BaseCommand):
    help = (
        "Memuat data demo Dinas Sosial Kabupaten Gowa 2024 dan akun demo ke basis data yang "
        "belum memilikinya (idempoten: bila sudah ada, tidak ada yang diubah atau dihapus)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--saya-paham", action="store_true",
            help="izinkan memuat demo walau DEBUG tidak aktif (server sungguhan)",
        )

    def handle(self, *args, **options):
        # Outside DEBUG this is someone's real database: the demo's public password must not
        # land there by accident.
        if not settings.DEBUG and not options["saya_paham"]:
            raise CommandError(PESAN_BUKAN_DEBUG.format(sandi=DEMO_PASSWORD), returncode=1)
        load_demo(stdout=self.stdout)
        self.stdout.write(
            f"Akun demo (kata sandi: {DEMO_PASSWORD}): admin, perencana, kepala, inspektorat, "
            "staf.rehsos, staf.linjamsos — akun yang sudah ada tidak diubah (kecuali nama lama "
            "berupa label bidang, diganti nama orang).\n"
        )
