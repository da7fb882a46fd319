"""``export_workbook --pd SLUG --tahun YYYY -o FILE.xlsx`` (design.md): a Buku Kerja that
``import_workbook`` reads back unchanged. Exit status 0 done, 2 usage."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bukukerja.workbook import ekspor_workbook
from sakip.models import PerangkatDaerah


class Command(BaseCommand):
    help = "Menulis Buku Kerja (xlsx) satu perangkat daerah untuk satu tahun."

    def add_arguments(self, parser):
        parser.add_argument("--pd", required=True, help="slug perangkat daerah")
        parser.add_argument("--tahun", type=int, required=True, help="tahun, mis. 2024")
        parser.add_argument("-o", "--output", required=True, help="berkas .xlsx tujuan")

    def handle(self, *args, pd, tahun, output, **options):
        pd_obj = PerangkatDaerah.objects.filter(slug=pd).first()
        if pd_obj is None:
            raise CommandError(f"Perangkat daerah dengan slug '{pd}' tidak ada.", returncode=2)
        if not 2000 <= tahun <= 2100:
            raise CommandError(f"Tahun {tahun} tidak wajar.", returncode=2)
        path = Path(output)
        if not path.parent.exists():
            raise CommandError(f"Folder tujuan tidak ada: {path.parent}", returncode=2)
        wb = ekspor_workbook(pd_obj, tahun)
        wb.save(path)
        ringkas = ", ".join(f"{ws.title} {ws.max_row - 1} baris" for ws in wb.worksheets)
        self.stdout.write(f"Buku Kerja {pd_obj.nama} {tahun} ditulis ke {path}: {ringkas}.")
