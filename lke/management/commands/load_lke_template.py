"""``load_lke_template FILE.xlsx --versi V [--pemda NAMA --tahun YYYY]`` (design.md contract).

Loads an LKE template (layout: lke/template_io.py). Idempotent: the same content loads once; a
changed file makes a new revisi when the current one is used by an evaluation. Exit status: 0
done (or nothing to do), 1 refused (every error listed), 2 usage.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lke.services import template_load
from sakip.models import Pemda


class Command(BaseCommand):
    help = "Memuat template LKE (komponen, sub komponen, kriteria, kerangka logis) dari xlsx."

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .xlsx template LKE")
        parser.add_argument("--versi", required=True, help="versi template, mis. 88/2021")
        parser.add_argument("--pemda", help="nama pemda untuk template varian daerah")
        parser.add_argument("--tahun", type=int, help="tahun mulai berlaku varian daerah")

    def handle(self, *args, file, versi, pemda, tahun, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {file}", returncode=2)
        if (pemda is None) != (tahun is None):
            raise CommandError("--pemda dan --tahun harus diberikan bersama.", returncode=2)
        pemda_obj = None
        if pemda is not None:
            pemda_obj = Pemda.objects.filter(nama__iexact=pemda).first()
            if pemda_obj is None:
                raise CommandError(f"Pemda '{pemda}' tidak ditemukan.", returncode=2)
        try:
            tpl, dibuat = template_load(path, versi, pemda=pemda_obj, tahun_berlaku=tahun)
        except ValidationError as e:
            self.stderr.write(f"Template ditolak; tidak ada yang disimpan. Galat "
                              f"({len(e.messages)}):")
            for m in e.messages:
                self.stderr.write(f"  - {m}")
            raise SystemExit(1) from None
        jumlah = tpl.komponen_set.count()
        if dibuat:
            self.stdout.write(f"{tpl} dimuat: {jumlah} komponen.")
        else:
            self.stdout.write(f"{tpl} sudah dimuat dengan isi yang sama; tidak ada perubahan.")
