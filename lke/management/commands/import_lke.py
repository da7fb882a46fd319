"""``import_lke FILE.xlsx --pd SLUG --tahun YYYY [--dry-run] [--json]`` (design.md contract).

Reads the answer sheet ``Jawaban`` (lke/jawaban_xlsx.py) into the evaluation of the office and
year, creating it when missing. All or nothing. Exit status: 0 done, 1 refused (every error
listed with sheet, baris, kolom; nothing saved), 2 usage. Kerangka-logis violations are
warnings: the data is accepted, the evaluation cannot be closed until they are fixed.
"""

import json
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lke.jawaban_xlsx import impor_jawaban
from sakip.lib.angka import format_angka
from sakip.models import PerangkatDaerah


def _angka(nilai: str | None) -> str:
    """``70,46`` for people; the JSON summary keeps the plain decimal string."""
    return format_angka(Decimal(nilai), 2) if nilai else "-"


class Command(BaseCommand):
    help = "Mengimpor lembar jawaban LKE (sheet Jawaban) satu perangkat daerah dan tahun."

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .xlsx dengan sheet Jawaban")
        parser.add_argument("--pd", required=True, help="slug perangkat daerah, mis. dinsos-gowa")
        parser.add_argument("--tahun", required=True, type=int, help="tahun yang dievaluasi")
        parser.add_argument("--dry-run", action="store_true",
                            help="periksa dan laporkan tanpa menyimpan")
        parser.add_argument("--json", action="store_true", help="ringkasan sebagai JSON")

    def handle(self, *args, file, pd, tahun, dry_run, json: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {file}", returncode=2)
        pd_obj = PerangkatDaerah.objects.select_related("pemda").filter(slug=pd).first()
        if pd_obj is None:
            raise CommandError(f"Perangkat daerah dengan slug '{pd}' tidak ada.", returncode=2)
        hasil = impor_jawaban(path, pd_obj, tahun, None, dry_run=dry_run)
        r = hasil.ringkasan()
        if json:
            self.stdout.write(_dump(r))
        else:
            self._teks(r, pd_obj)
        if not hasil.ok:
            raise SystemExit(1)

    def _teks(self, r, pd_obj):
        self.stdout.write(f"Lembar jawaban LKE → {pd_obj.nama} tahun {r['tahun']}")
        self.stdout.write(f"Baris: {r['baris']}; usulan diubah {r['usulan_diubah']}, evaluasi "
                          f"diubah {r['evaluasi_diubah']}"
                          + ("; evaluasi baru dibuat" if r["evaluasi_dibuat"] else ""))
        if r["ok"]:
            self.stdout.write(f"Nilai usulan {_angka(r['nilai_usulan'])} "
                              f"({r['predikat_usulan'] or '-'}); nilai evaluasi "
                              f"{_angka(r['nilai_evaluasi'])} ({r['predikat_evaluasi'] or '-'})")
        if r["peringatan"]:
            self.stdout.write(f"Peringatan ({len(r['peringatan'])}):")
            for p in r["peringatan"]:
                self.stdout.write(f"  - {p}")
        if not r["ok"]:
            self.stderr.write(f"Impor ditolak; tidak ada data yang disimpan. Galat "
                              f"({len(r['galat'])}):")
            for g in r["galat"]:
                self.stderr.write(f"  - {g}")
        elif r["dry_run"]:
            self.stdout.write("Uji coba (--dry-run): berkas dapat diimpor, tidak ada yang "
                              "disimpan.")
        else:
            self.stdout.write("Impor selesai.")


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
