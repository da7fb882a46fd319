"""``lkjip --pd SLUG --tahun YYYY --format html|pdf|xlsx|json|docx -o FILE`` (design.md
contract; docx is the editable Word copy of the same document).

Exit status: 0 written, 1 refused (unknown perangkat daerah, no Renstra for the year),
2 usage. The PDF is laid out right here (a command is not a request).
"""

import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from laporan.builder import LaporanTidakDapatDisusun
from laporan.models import BasisEfisiensi, LaporanKinerja
from laporan.render_docx import render_docx
from laporan.render_html import render_html
from laporan.render_json import render_json
from laporan.render_pdf import render_pdf
from laporan.render_xlsx import render_xlsx
from laporan.selectors import susun
from sakip.models import PerangkatDaerah


class Command(BaseCommand):
    help = "Menyusun LKjIP satu perangkat daerah dan tahun ke HTML, PDF, XLSX, JSON atau Word."

    def add_arguments(self, parser):
        parser.add_argument("--pd", required=True, help="slug perangkat daerah, mis. dinsos-gowa")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--format", required=True,
                            choices=["html", "pdf", "xlsx", "json", "docx"])
        parser.add_argument("-o", "--output", required=True, help="berkas tujuan ('-' = stdout "
                                                                  "untuk html/json)")
        parser.add_argument("--versi", type=int, help="versi laporan (bawaan: terbaru)")
        parser.add_argument("--basis-efisiensi", choices=BasisEfisiensi.values,
                            help="ganti basis anggaran efisiensi untuk keluaran ini saja")
        parser.add_argument("--tanpa-peringatan", action="store_true",
                            help="HTML/XLSX draf tanpa daftar peringatan")

    def handle(self, *args, **o):
        try:
            pd = PerangkatDaerah.objects.select_related("pemda").get(slug=o["pd"])
        except PerangkatDaerah.DoesNotExist:
            raise CommandError(f"Perangkat daerah '{o['pd']}' tidak ditemukan.",
                               returncode=1) from None
        laporan_qs = LaporanKinerja.objects.filter(perangkat_daerah=pd, tahun=o["tahun"])
        if o["versi"]:
            laporan = laporan_qs.filter(versi=o["versi"]).first()
            if laporan is None:
                raise CommandError(f"LKjIP {o['tahun']} versi {o['versi']} tidak ada.",
                                   returncode=1)
        else:
            laporan = laporan_qs.order_by("-versi").first()
        frozen = laporan is not None and laporan.terkunci and not o["basis_efisiensi"]
        mulai = time.perf_counter()
        try:
            tersusun = susun(pd, o["tahun"], laporan, basis_efisiensi=o["basis_efisiensi"])
        except (LaporanTidakDapatDisusun, ValueError) as e:
            raise CommandError(str(e), returncode=1) from None
        d = tersusun.data
        detik_susun = time.perf_counter() - mulai
        draf = not (laporan is not None and laporan.terkunci) and not o["tanpa_peringatan"]
        fmt = o["format"]
        if fmt == "json":
            isi = render_json(d).encode()
            if frozen:
                isi = json.dumps(laporan.snapshot, ensure_ascii=False, indent=2).encode()
        elif fmt == "html":
            isi = (laporan.snapshot_html if frozen else render_html(d, peringatan=draf)).encode()
        elif fmt == "xlsx":
            isi = (laporan.snapshot_xlsx.read() if frozen and laporan.snapshot_xlsx
                   else render_xlsx(d, peringatan=draf))
        elif fmt == "docx":
            # The Word copy of the very document the PDF prints (frozen text once ditetapkan).
            isi = render_docx(laporan.snapshot_html if frozen else render_html(d,
                                                                               peringatan=False))
        else:
            html = laporan.snapshot_html if frozen else render_html(d, peringatan=False)
            hasil = render_pdf(html)
            isi = hasil.pdf
            self.stderr.write(
                f"Data disusun {detik_susun:.2f} dtk; tata letak {hasil.detik_tata_letak:.2f} "
                f"dtk; tulis {hasil.detik_tulis:.2f} dtk; {hasil.halaman} halaman."
            )
        if o["output"] == "-":
            sys.stdout.buffer.write(isi)
            return
        Path(o["output"]).write_bytes(isi)
        if frozen:
            self.stderr.write(f"Versi {laporan.versi} sudah ditetapkan: isi dari salinan "
                              "yang dibekukan.")
        if d.peringatan and draf:
            self.stderr.write(f"{len(d.peringatan)} peringatan draf (lihat HTML/JSON).")
        self.stdout.write(f"LKjIP {pd.nama} {o['tahun']} ({fmt}) ditulis ke {o['output']}.")
