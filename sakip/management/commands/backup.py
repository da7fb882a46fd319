import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.cadangan import CadanganGagal, buat_cadangan


class Command(BaseCommand):
    help = (
        "Menulis SATU arsip cadangan (tar.gz): basis data (PostgreSQL lewat pg_dump, SQLite lewat "
        "backup daring) dan semua berkas di MEDIA_ROOT, dengan manifest (jumlah baris per tabel, "
        "sha256 per berkas). Aman dijalankan saat aplikasi berjalan."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, type=Path,
                            help="berkas arsip tujuan, mis. /var/backups/sakip-$(date +%%F).tar.gz")

    def handle(self, *args, **options):
        mulai = time.perf_counter()
        try:
            manifest = buat_cadangan(options["output"])
        except CadanganGagal as e:
            raise CommandError(str(e), returncode=1) from e
        ukuran = options["output"].stat().st_size
        self.stdout.write(
            f"Cadangan ditulis: {options['output']} ({ukuran / 1024 / 1024:.1f} MB, "
            f"{time.perf_counter() - mulai:.1f} s) — basis data {manifest['engine']}, "
            f"{len(manifest['tabel'])} tabel, {sum(manifest['tabel'].values())} baris, "
            f"{len(manifest['media'])} berkas.\n"
        )
