"""``lke --pd SLUG --tahun YYYY --format json|xlsx|pdf -o FILE`` (design.md contract).

Writes one office's evaluation: the JSON of lke/render_json.py, the xlsx answer sheet + scored
worksheet of lke/jawaban_xlsx.py (``import_lke`` reads it back unchanged), or the LHE PDF of
lke/lhe.py (the signed copy of a closed evaluation, a draft otherwise). Exit status: 0 written,
1 refused (unknown office, no evaluation for the year), 2 usage.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lke.jawaban_xlsx import tulis_xlsx
from lke.lhe import lhe_pdf
from lke.render_json import render_json
from lke.selectors import evaluasi_get, evaluasi_tree
from sakip.models import PerangkatDaerah


class Command(BaseCommand):
    help = "Menulis evaluasi AKIP (LKE) satu perangkat daerah dan tahun ke JSON, XLSX atau PDF."

    def add_arguments(self, parser):
        parser.add_argument("--pd", required=True, help="slug perangkat daerah, mis. dinsos-gowa")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--format", required=True, choices=["json", "xlsx", "pdf"])
        parser.add_argument("-o", "--output", required=True,
                            help="berkas tujuan ('-' = stdout untuk json)")

    def handle(self, *args, **o):
        pd = PerangkatDaerah.objects.select_related("pemda").filter(slug=o["pd"]).first()
        if pd is None:
            raise CommandError(f"Perangkat daerah '{o['pd']}' tidak ditemukan.", returncode=1)
        ev = evaluasi_get(pd, o["tahun"])
        if ev is None:
            raise CommandError(f"Evaluasi AKIP {pd.nama} tahun {o['tahun']} belum ada.",
                               returncode=1)
        fmt = o["format"]
        if fmt == "json":
            isi = render_json(evaluasi_tree(ev)).encode()
        elif fmt == "xlsx":
            isi = tulis_xlsx(evaluasi_tree(ev))
        else:
            isi = lhe_pdf(ev)
        if o["output"] == "-":
            if fmt != "json":
                raise CommandError("Keluaran ke stdout hanya untuk json.", returncode=2)
            sys.stdout.buffer.write(isi)
            return
        Path(o["output"]).write_bytes(isi)
        self.stdout.write(f"Evaluasi AKIP {pd.nama} {o['tahun']} ({fmt}) ditulis ke "
                          f"{o['output']}.")
