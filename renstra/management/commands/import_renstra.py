"""``import_renstra FILE.xlsx --pd SLUG --periode 2025-2029 [--dry-run] [--json]`` (design.md).

Imports a Renstra "Tabel 4.2" (renstra/impor/). Exit status: 0 done, 1 refused (every
galat listed with sheet, baris, kolom), 2 usage.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from renstra.impor import impor_tabel42, parse_periode
from sakip.lib.angka import format_rupiah
from sakip.models import PerangkatDaerah

_LABEL = {"program": "Program", "kegiatan": "Kegiatan", "subkegiatan": "Sub kegiatan",
          "indikator": "Indikator", "target": "Target", "pagu": "Pagu indikatif"}


class Command(BaseCommand):
    help = ("Mengimpor Tabel 4.2 Renstra (Rencana Program/Kegiatan/Sub Kegiatan dan Pendanaan) "
            "satu perangkat daerah.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .xlsx Tabel 4.2")
        parser.add_argument("--pd", required=True, help="slug perangkat daerah, mis. dinsos-gowa")
        parser.add_argument("--periode", required=True, help="periode Renstra, mis. 2025-2029")
        parser.add_argument("--dry-run", action="store_true",
                            help="periksa dan laporkan tanpa menyimpan")
        parser.add_argument("--json", action="store_true", help="ringkasan sebagai JSON")
        parser.add_argument("--nomenklatur", default=None,
                            help="versi nomenklatur pembanding (bawaan: versi yang berlaku pada "
                                 "tahun awal periode)")

    def handle(self, *args, file, pd, periode, dry_run, json: bool, nomenklatur, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {file}", returncode=2)
        try:
            awal, akhir = parse_periode(periode)
        except ValueError as e:
            raise CommandError(str(e), returncode=2) from e
        pd_obj = PerangkatDaerah.objects.filter(slug=pd).first()
        if pd_obj is None:
            raise CommandError(f"Perangkat daerah dengan slug '{pd}' tidak ada.", returncode=2)
        hasil = impor_tabel42(path, pd_obj, tahun_awal=awal, tahun_akhir=akhir, dry_run=dry_run,
                              nama_berkas=path.name, versi_nomenklatur=nomenklatur)
        if json:
            self.stdout.write(_json_dump(hasil.ringkasan()))
        else:
            self._teks(hasil, pd_obj)
        if not hasil.ok:
            raise SystemExit(1)

    def _teks(self, hasil, pd_obj):
        r = hasil.ringkasan()
        tahun = hasil.tahun
        judul = f"Tabel 4.2 → Renstra {hasil.tahun_awal}–{hasil.tahun_akhir}"
        if tahun and tahun[-1] > hasil.tahun_akhir:
            judul += f" (+{', '.join(str(t) for t in tahun if t > hasil.tahun_akhir)})"
        self.stdout.write(f"{judul}, {pd_obj.nama}")
        for jenis in ("program", "kegiatan", "subkegiatan", "indikator"):
            baris = f"{_LABEL[jenis]}: {r[jenis]}"
            p = hasil.perubahan.get(jenis)
            if p is not None:
                baris += f" (baru {p.baru}, diubah {p.diubah}, tetap {p.tetap})"
            self.stdout.write(baris)
        for jenis in ("target", "pagu"):
            p = hasil.perubahan.get(jenis)
            if p is not None:
                self.stdout.write(f"{_LABEL[jenis]} per tahun: baru {p.baru}, diubah {p.diubah}, "
                                  f"tetap {p.tetap}")
        if tahun:
            self.stdout.write("Pagu indikatif (jumlah program):")
            for t, v in hasil.tabel.pagu_total().items():
                self.stdout.write(f"  {t}: {format_rupiah(v)}")
        if hasil.transisi:
            self.stdout.write("Tahun bersama dengan Renstra lain (Renstra yang berlaku sesudah "
                              "impor):")
            for t in hasil.transisi:
                self.stdout.write(f"  {t.uraian}")
        if hasil.peringatan:
            self.stdout.write(f"Peringatan ({len(hasil.peringatan)}):")
            for p in hasil.peringatan:
                tempat = f" [baris {p.baris}]" if p.baris else ""
                self.stdout.write(f"  - {p}{tempat}")
        if not hasil.ok:
            self.stderr.write(f"Impor ditolak; tidak ada data yang disimpan. Galat "
                              f"({len(hasil.galat)}):")
            for g in hasil.galat:
                self.stderr.write(f"  - {g}")
        elif hasil.dry_run:
            self.stdout.write("Uji coba (--dry-run): berkas dapat diimpor, tidak ada yang "
                              "disimpan.")
        else:
            self.stdout.write("Impor selesai.")


def _json_dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
