"""``load_nomenklatur FILE.csv --versi VERSI [--berlaku-mulai YYYY] [--bidang U.BB] [--dry-run]``

Loads a Kepmendagri nomenklatur list (domain.md §6) from a CSV with the columns ``kode, nama``
and optionally ``level, kinerja, indikator, satuan, versi, berlaku_mulai, berlaku_sampai``
(headers case-insensitive). Idempotent: rows are matched on (kode, versi); a second load of the
same file changes nothing. Any bad row refuses the whole file (design.md: all rows or none).
Exit status: 0 done, 1 refused (errors listed with their row), 2 usage.
"""

import json
from pathlib import Path

import tablib
from django.core.management.base import BaseCommand, CommandError

from renstra.kode import KodeTidakSah, normalisasi_kode
from renstra.resources import KOLOM_NOMENKLATUR, NomenklaturResource


class Command(BaseCommand):
    help = "Memuat master nomenklatur Kepmendagri (kode → nama per versi) dari berkas CSV."

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .csv (UTF-8), mis. "
                            "fixtures/nomenklatur/1.06_kepmendagri-900.1-2850-2025.csv")
        parser.add_argument("--versi", required=True,
                            help="versi Kepmendagri, mis. 'Kepmendagri 900.1-2850/2025'")
        parser.add_argument("--berlaku-mulai", type=int, default=None,
                            help="tahun mulai berlaku versi ini")
        parser.add_argument("--berlaku-sampai", type=int, default=None,
                            help="tahun terakhir berlaku versi ini")
        parser.add_argument("--bidang", default=None,
                            help="bidang urusan pengganti placeholder X.XX, mis. 1.06")
        parser.add_argument("--dry-run", action="store_true",
                            help="periksa dan laporkan tanpa menyimpan")
        parser.add_argument("--json", action="store_true", help="ringkasan sebagai JSON")

    def handle(self, *args, file, versi, berlaku_mulai, berlaku_sampai, bidang, dry_run,
               json: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {file}", returncode=2)
        if not versi.strip():
            raise CommandError("--versi tidak boleh kosong", returncode=2)
        try:
            teks = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as e:
            raise CommandError(f"Berkas {file} bukan teks UTF-8", returncode=2) from e
        data = tablib.Dataset().load(teks, format="csv")
        data.headers = [str(h or "").strip().lower() for h in data.headers or []]
        galat = self._cek_kolom(data)
        for kolom in KOLOM_NOMENKLATUR:
            # Optional columns (versi from --versi, level from the code) exist for the resource.
            if kolom not in data.headers:
                data.append_col([""] * len(data), header=kolom)
        if not galat:
            galat = self._cek_ganda(data, versi, bidang)
        hasil = None
        if not galat:
            resource = NomenklaturResource(versi=versi.strip(), bidang=bidang,
                                           berlaku_mulai=berlaku_mulai,
                                           berlaku_sampai=berlaku_sampai)
            hasil = resource.import_data(data, dry_run=True, raise_errors=False,
                                         use_transactions=True)
            galat = _galat_dari(hasil)
            if not galat and not dry_run:
                hasil = NomenklaturResource(versi=versi.strip(), bidang=bidang,
                                            berlaku_mulai=berlaku_mulai,
                                            berlaku_sampai=berlaku_sampai).import_data(
                    data, dry_run=False, raise_errors=True, use_transactions=True)
        totals = dict(hasil.totals) if hasil is not None else {}
        ringkas = {"versi": versi.strip(), "baris": len(data), "baru": totals.get("new", 0),
                   "diubah": totals.get("update", 0), "tetap": totals.get("skip", 0),
                   "dry_run": dry_run, "disimpan": not galat and not dry_run,
                   "galat": galat}
        if json:
            self.stdout.write(_dump(ringkas))
        elif galat:
            self.stderr.write(f"Berkas {path.name} ditolak; tidak ada yang disimpan. Galat:")
            for g in galat:
                self.stderr.write(f"  - baris {g['baris']}: {g['pesan']}")
        else:
            aksi = "diperiksa (--dry-run, tidak disimpan)" if dry_run else "dimuat"
            self.stdout.write(f"Nomenklatur {versi.strip()} {aksi}: {len(data)} baris — baru "
                              f"{ringkas['baru']}, diubah {ringkas['diubah']}, tetap "
                              f"{ringkas['tetap']}.")
        if galat:
            raise SystemExit(1)

    @staticmethod
    def _cek_kolom(data) -> list[dict]:
        kurang = [k for k in ("kode", "nama") if k not in data.headers]
        asing = [h for h in data.headers if h and h not in KOLOM_NOMENKLATUR]
        galat = []
        if kurang:
            galat.append({"baris": 1, "pesan": f"kolom {', '.join(kurang)} tidak ada di baris "
                          f"judul; diharapkan: {', '.join(KOLOM_NOMENKLATUR)}"})
        if asing:
            galat.append({"baris": 1, "pesan": f"kolom tidak dikenal: {', '.join(asing)}; "
                          f"diharapkan: {', '.join(KOLOM_NOMENKLATUR)}"})
        return galat

    @staticmethod
    def _cek_ganda(data, versi, bidang) -> list[dict]:
        dilihat: dict[str, int] = {}
        galat = []
        for i, row in enumerate(data.dict, start=2):
            try:
                kode = normalisasi_kode(str(row.get("kode") or ""), bidang=bidang)
            except KodeTidakSah:
                continue  # reported by the resource with its row
            if kode in dilihat:
                galat.append({"baris": i, "pesan": f"kode {kode} sudah ada di baris "
                              f"{dilihat[kode]} (versi {versi})"})
            else:
                dilihat[kode] = i
        return galat


def _galat_dari(hasil) -> list[dict]:
    galat = []
    for nomor, errors in hasil.row_errors():
        for e in errors:
            galat.append({"baris": nomor + 1, "pesan": str(e.error)})
    for inv in hasil.invalid_rows:
        pesan = "; ".join(f"{k}: {' '.join(v)}" for k, v in inv.error_dict.items())
        galat.append({"baris": inv.number + 1, "pesan": pesan})
    for e in hasil.base_errors:
        galat.append({"baris": 0, "pesan": str(e.error)})
    return sorted(galat, key=lambda g: g["baris"])


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
