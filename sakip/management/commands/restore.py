import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.cadangan import CadanganGagal, pulihkan


class Command(BaseCommand):
    help = (
        "Memulihkan arsip dari `backup` ke basis data dan MEDIA_ROOT yang KOSONG, lalu memeriksa "
        "jumlah baris setiap tabel dan sha256 setiap berkas terhadap manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("arsip", type=Path, help="arsip .tar.gz dari `manage.py backup`")
        parser.add_argument(
            "--timpa", action="store_true",
            help="ganti isi basis data dan berkas yang sudah ada (hentikan aplikasi dulu)",
        )

    def handle(self, *args, **options):
        arsip = options["arsip"]
        if not arsip.is_file():
            raise CommandError(f"Arsip {arsip} tidak ditemukan.", returncode=2)
        mulai = time.perf_counter()
        try:
            hasil = pulihkan(arsip, timpa=options["timpa"])
        except CadanganGagal as e:
            raise CommandError(str(e), returncode=1) from e
        m = hasil.manifest
        for baris in hasil.selisih:
            self.stderr.write(f"  {baris}\n")
        if hasil.selisih:
            raise CommandError(
                f"Pemulihan TIDAK identik dengan cadangan: {len(hasil.selisih)} selisih.",
                returncode=1)
        self.stdout.write(
            f"Dipulihkan dari cadangan {m['dibuat']} (versi {m['versi']}) dalam "
            f"{time.perf_counter() - mulai:.1f} s. Diperiksa: {hasil.tabel_cocok} tabel dengan "
            f"jumlah baris sama persis, {hasil.berkas_cocok} berkas dengan sha256 sama.\n"
        )
        if hasil.berkas_lain:
            self.stdout.write(f"Catatan: {hasil.berkas_lain} berkas lain di MEDIA_ROOT tidak "
                              "berasal dari cadangan dan dibiarkan.\n")
        self.stdout.write("Bila kode lebih baru dari cadangan, jalankan `manage.py migrate`.\n")
