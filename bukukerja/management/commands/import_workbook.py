"""``import_workbook FILE.xlsx --pd SLUG [--dry-run] [--json] [--tahun YYYY] [--periode
AAAA-BBBB]`` (design.md). On an office without a Renstra it builds the whole office (the Renstra
over the Target years or ``--periode``, the bidang named in the file, then every sheet).

Exit status: 0 done, 1 refused (every galat listed with sheet, baris, kolom), 2 usage.
"""

import json
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bukukerja.workbook import impor_workbook
from sakip.models import PerangkatDaerah


class Command(BaseCommand):
    help = ("Mengimpor Buku Kerja (sheet Sasaran, Program, PK, Realisasi, Anggaran) satu "
            "perangkat daerah.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .xlsx")
        parser.add_argument("--pd", required=True, help="slug perangkat daerah, mis. dinsos-gowa")
        parser.add_argument("--dry-run", action="store_true",
                            help="periksa dan laporkan tanpa menyimpan")
        parser.add_argument("--json", action="store_true", help="ringkasan sebagai JSON")
        parser.add_argument("--tahun", type=int, default=None,
                            help="tahun Buku Kerja bila kolom Tahun tidak ada/ingin ditimpa")
        parser.add_argument("--periode", default=None,
                            help="periode Renstra yang dibuat untuk kantor yang belum punya "
                                 "Renstra, mis. 2025-2029 (bawaan: tahun kolom Target)")

    def handle(self, *args, file, pd, dry_run, json: bool, tahun, periode=None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {file}", returncode=2)
        pd_obj = PerangkatDaerah.objects.filter(slug=pd).first()
        if pd_obj is None:
            raise CommandError(f"Perangkat daerah dengan slug '{pd}' tidak ada.", returncode=2)
        hasil = impor_workbook(path, pd_obj, tahun=tahun, dry_run=dry_run,
                               periode=_periode(periode))
        galat = [g for h in hasil for g in h.galat]
        if json:
            self._json(hasil, dry_run=dry_run, ok=not galat)
        else:
            self._teks(hasil, dry_run=dry_run, ok=not galat)
        if galat:
            raise SystemExit(1)

    def _json(self, hasil, *, dry_run, ok):
        data = {
            "status": "ok" if ok else "ditolak",
            "dry_run": dry_run,
            "disimpan": ok and not dry_run,
            "sheet": [h.as_dict() for h in hasil if h.sheet != "Buku Kerja"],
            "baru": [b for h in hasil for b in h.baru],
            "peringatan": [p for h in hasil for p in h.peringatan],
            "galat": [g.as_dict() for h in hasil for g in h.galat],
        }
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def _teks(self, hasil, *, dry_run, ok):
        baru = [b for h in hasil for b in h.baru]
        if baru:
            self.stdout.write("Dibuat: " + "; ".join(baru))
        for h in hasil:
            if h.sheet == "Buku Kerja":
                continue
            self.stdout.write(f"{h.sheet}: {h.dibuat} dibuat, {h.diubah} diubah, "
                              f"{h.tetap} tetap")
        for h in hasil:
            for p in h.peringatan:
                self.stdout.write(f"Peringatan ({h.sheet}): {p}")
        if not ok:
            self.stderr.write("Impor ditolak; tidak ada data yang disimpan. Galat:")
            for h in hasil:
                for g in h.galat:
                    self.stderr.write(f"  - {g}")
        elif dry_run:
            self.stdout.write("Uji coba (--dry-run): data valid, tidak ada yang disimpan.")
        else:
            self.stdout.write("Impor selesai.")


def _periode(teks: str | None) -> tuple[int, int] | None:
    """``2025-2029`` (or ``2025–2029``) → (2025, 2029); a usage error otherwise."""
    if teks is None:
        return None
    cocok = re.fullmatch(r"\s*(\d{4})\s*[-\u2013/]\s*(\d{4})\s*", teks)
    if not cocok or not 2000 <= int(cocok[1]) <= int(cocok[2]) <= 2100:
        raise CommandError(f"--periode '{teks}' tidak valid; diharapkan AAAA-BBBB, mis. "
                           "2025-2029.", returncode=2)
    return int(cocok[1]), int(cocok[2])
