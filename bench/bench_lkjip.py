"""LKjIP: time to assemble the data beside WeasyPrint's time to lay out the same HTML.

Two reports: the Gowa demo 2024 and a large synthetic office (40 sasaran indicators, 300 sub
kegiatan, 60 kegiatan, 12 programs, 3 years of verified realisasi), built here with bulk inserts
in its own SQLite file (``var/bench-lkjip.sqlite3``) so it never disturbs other benches.
Assembling (the builder + the hash) must stay a small fraction of the whole, and the builder
must run the same number of queries for both.

    DEBUG=1 .venv/bin/python bench/bench_lkjip.py [--n 5]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-lkjip.sqlite3'}")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _setup import django_setup  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--n", type=int, default=5, help="assembly runs per report (median shown)")
parser.add_argument("--simpan", help="folder to keep the two PDFs in, to look at them")
args = parser.parse_args()

django_setup()

import datetime  # noqa: E402
from decimal import Decimal  # noqa: E402

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from anggaran.models import Pagu, RealisasiAnggaran  # noqa: E402
from demo.gowa import load_demo  # noqa: E402
from kinerja.models import PerjanjianKinerja, PKAnggaran, PKIndikator, Realisasi  # noqa: E402
from laporan.models import LaporanKinerja  # noqa: E402
from laporan.render_html import render_html  # noqa: E402
from laporan.render_pdf import render_pdf  # noqa: E402
from laporan.render_xlsx import render_xlsx  # noqa: E402
from laporan.selectors import susun  # noqa: E402
from renstra.models import (  # noqa: E402
    Indikator,
    Kegiatan,
    Program,
    Renstra,
    Sasaran,
    SasaranProgram,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)
from sakip.models import Bidang, JenisPejabat, Pejabat, PerangkatDaerah  # noqa: E402

D = Decimal
SLUG_BESAR = "bench-lkjip-besar"


@transaction.atomic
def kantor_besar() -> PerangkatDaerah:
    """40 sasaran indicators, 12 programs, 60 kegiatan, 300 sub kegiatan (bulk inserts)."""
    gowa = PerangkatDaerah.objects.get(slug="dinsos-gowa")
    lama = PerangkatDaerah.objects.filter(slug=SLUG_BESAR).first()
    if lama is not None:
        LaporanKinerja.objects.filter(perangkat_daerah=lama).delete()
        Realisasi.objects.filter(indikator__renstra__perangkat_daerah=lama).delete()
        PerjanjianKinerja.objects.filter(perangkat_daerah=lama).delete()
        for model in (RealisasiAnggaran, Pagu):  # budget lines protect their plan nodes
            model.objects.filter(subkegiatan__kegiatan__program__renstra__perangkat_daerah=lama
                                 ).delete()
        Renstra.objects.filter(perangkat_daerah=lama).delete()
        Pejabat.objects.filter(perangkat_daerah=lama).delete()
        lama.delete()
    pd = PerangkatDaerah.objects.create(
        pemda=gowa.pemda, nama="Dinas Besar Uji Kinerja", slug=SLUG_BESAR, singkatan="DBUK",
        tempat="Sungguminasa", metode_efisiensi="EF-SELISIH",
    )
    Pejabat.objects.create(pemda=gowa.pemda, perangkat_daerah=pd, jenis=JenisPejabat.KEPALA_PD,
                           nama="Kepala Uji", nip="197001011990031001",
                           pangkat="Pembina Utama Muda/IV.c", jabatan="Kepala Dinas Besar Uji",
                           mulai=datetime.date(2000, 1, 1))
    Bidang.objects.bulk_create([Bidang(perangkat_daerah=pd, nama=f"Bidang {i}")
                                for i in range(1, 6)])
    renstra = Renstra.objects.create(perangkat_daerah=pd, tahun_awal=2022, tahun_akhir=2026,
                                     nama="Renstra Dinas Besar Uji")
    tujuan = Tujuan.objects.bulk_create([Tujuan(renstra=renstra, uraian=f"Tujuan {i}",
                                                urutan=i) for i in range(4)])
    sasaran = Sasaran.objects.bulk_create([
        Sasaran(tujuan=tujuan[i % 4], uraian=f"Meningkatnya kinerja layanan {i + 1}", urutan=i)
        for i in range(12)])
    program = Program.objects.bulk_create([
        Program(renstra=renstra, kode=f"1.06.{i + 1:02d}", nama=f"Program Layanan {i + 1}",
                urutan=i) for i in range(12)])
    SasaranProgram.objects.bulk_create([SasaranProgram(sasaran=s, program=program[i])
                                        for i, s in enumerate(sasaran)])
    kegiatan = Kegiatan.objects.bulk_create([
        Kegiatan(program=p, kode=f"{p.kode}.2.{k + 1:02d}", nama=f"Kegiatan {p.kode}.{k + 1}")
        for p in program for k in range(5)])
    sub = SubKegiatan.objects.bulk_create([
        SubKegiatan(kegiatan=k, kode=f"{k.kode}.{m + 1:04d}", nama=f"Sub kegiatan {m + 1} "
                    f"{k.nama}") for k in kegiatan for m in range(5)])
    ind = Indikator.objects.bulk_create([
        Indikator(renstra=renstra, sasaran=sasaran[i % 12], uraian=f"Indikator sasaran {i + 1}",
                  satuan="%" if i % 2 else "Orang", agregasi="LAST" if i % 2 else "SUM",
                  desimal=2 if i % 2 else 0, is_iku=True, urutan=i,
                  baseline_tahun=2021, baseline_nilai=D(50 + i))
        for i in range(40)])
    pind = Indikator.objects.bulk_create([
        Indikator(renstra=renstra, program=program[i % 12], uraian=f"Indikator program {i + 1}",
                  satuan="%", agregasi="LAST", desimal=2, urutan=100 + i) for i in range(24)])
    targets, realisasi = [], []
    for i, x in enumerate(ind + pind):
        for j, t in enumerate(range(2022, 2027)):
            targets.append(TargetIndikator(indikator=x, tahun=t, nilai=D(60 + i + 5 * j)))
        for t in (2022, 2023, 2024):
            for tw in (1, 2, 3, 4):
                nilai = D(15 + (i * 7 + tw + t) % 9) if x.agregasi == "SUM" else D(58 + i % 40)
                realisasi.append(Realisasi(indikator=x, tahun=t, triwulan=tw, nilai=nilai,
                                           status="diverifikasi",
                                           faktor_pendukung="Koordinasi lintas bidang."))
    TargetIndikator.objects.bulk_create(targets)
    Realisasi.objects.bulk_create(realisasi)
    pagu, real = [], []
    for n, s in enumerate(sub):
        nilai = D(50_000_000 + (n % 17) * 3_250_000)
        pagu.append(Pagu(subkegiatan=s, tahun=2024, tahap="murni", nilai=nilai))
        pagu.append(Pagu(subkegiatan=s, tahun=2024, tahap="perubahan", nilai=nilai + 1_000_000))
        for tw in (1, 2, 3, 4):
            real.append(RealisasiAnggaran(subkegiatan=s, tahun=2024, triwulan=tw,
                                          nilai=(nilai * D("0.22")).quantize(D(1))))
    Pagu.objects.bulk_create(pagu)
    RealisasiAnggaran.objects.bulk_create(real)
    pk = PerjanjianKinerja.objects.create(perangkat_daerah=pd, tahun=2024, jenjang="jpt_pratama",
                                          status="ditetapkan", pihak_pertama_nama="Kepala Uji",
                                          pihak_kedua_jabatan="Bupati Gowa")
    PKIndikator.objects.bulk_create([
        PKIndikator(perjanjian=pk, indikator=x, target_tahunan=D(70 + i), urutan=i,
                    target_tw1=D(20), target_tw2=D(20), target_tw3=D(20), target_tw4=D(10 + i))
        for i, x in enumerate(ind)])
    PKAnggaran.objects.bulk_create([PKAnggaran(perjanjian=pk, program=p, anggaran=D(1_300_000_000),
                                               urutan=i) for i, p in enumerate(program)])
    return pd


def ukur(pd) -> dict:
    laporan = LaporanKinerja.objects.filter(perangkat_daerah=pd, tahun=2024).first()
    susun(pd, 2024, laporan)  # warm-up (imports, template loader)
    sampel = []
    for _ in range(args.n):
        t0 = time.perf_counter()
        tersusun = susun(pd, 2024, laporan)
        sampel.append(time.perf_counter() - t0)
    with CaptureQueriesContext(connection) as q:
        susun(pd, 2024, laporan)
    t0 = time.perf_counter()
    html = render_html(tersusun.data, peringatan=False)
    t_html = time.perf_counter() - t0
    t0 = time.perf_counter()
    render_xlsx(tersusun.data)
    t_xlsx = time.perf_counter() - t0
    hasil = render_pdf(html)
    if args.simpan:
        Path(args.simpan).mkdir(parents=True, exist_ok=True)
        (Path(args.simpan) / f"lkjip-{pd.slug}.pdf").write_bytes(hasil.pdf)
    return {
        "indikator": len(tersusun.data.indikator_utama),
        "subkegiatan": SubKegiatan.objects.filter(
            kegiatan__program__renstra__perangkat_daerah=pd).count(),
        "kueri": len(q), "susun": statistics.median(sampel), "html": t_html, "xlsx": t_xlsx,
        "tata_letak": hasil.detik_tata_letak, "tulis": hasil.detik_tulis,
        "halaman": hasil.halaman, "tabel": len(tersusun.data.tabel),
    }


def main() -> None:
    print("Memuat demo Gowa dan kantor besar sintetis…", flush=True)
    gowa = load_demo()
    besar = kantor_besar()
    baris = [("Gowa 2024 (demo)", ukur(gowa)), ("Kantor besar (40 IKU, 300 sub)", ukur(besar))]
    print()
    print(f"{'Laporan':32} {'ind':>4} {'sub':>4} {'kueri':>5} {'susun':>8} {'HTML':>7} "
          f"{'XLSX':>7} {'tata letak':>10} {'tulis':>7} {'hal':>4} {'porsi susun':>11}")
    for nama, r in baris:
        total = r["susun"] + r["html"] + r["tata_letak"] + r["tulis"]
        print(f"{nama:32} {r['indikator']:>4} {r['subkegiatan']:>4} {r['kueri']:>5} "
              f"{r['susun'] * 1000:>6.0f}ms {r['html'] * 1000:>5.0f}ms {r['xlsx'] * 1000:>5.0f}ms "
              f"{r['tata_letak']:>9.2f}s {r['tulis']:>6.2f}s {r['halaman']:>4} "
              f"{r['susun'] / total * 100:>10.1f}%")
    kueri = {r["kueri"] for _, r in baris}
    print()
    print("Kueri penyusun data sama untuk kedua ukuran:", "ya" if len(kueri) == 1 else
          f"TIDAK ({sorted(kueri)})")


main()
