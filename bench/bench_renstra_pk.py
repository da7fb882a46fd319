"""Renstra editor, PK builder/PDF and Buku Kerja on scale data: server time and query counts.

* the editable Renstra tree and the target grid of one office (~150 sub kegiatan, 5 years);
* the PK detail page and the PK PDF rendered inside the request (a PK is 2–3 pages, so it is
  rendered in the request, unlike the 34-page LKjIP — target: under 2 s);
* Buku Kerja export and a dry-run import of the same file (every sheet).

    DEBUG=1 .venv/bin/python bench/bench_renstra_pk.py [--n 10]
"""

import argparse
import io
import subprocess
import tempfile
import time

from _setup import django_setup, ensure_scale_data, timed

parser = argparse.ArgumentParser()
parser.add_argument("--n", type=int, default=10, help="requests per page (after one warm-up)")
args = parser.parse_args()

django_setup()
ensure_scale_data()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bukukerja.workbook import ekspor_workbook, impor_workbook  # noqa: E402
from kinerja.models import PerjanjianKinerja  # noqa: E402
from renstra.models import Indikator, SubKegiatan  # noqa: E402
from sakip.models import PerangkatDaerah  # noqa: E402

User = get_user_model()
pd = PerangkatDaerah.objects.get(slug="skala-01")
n_sub = SubKegiatan.objects.filter(kegiatan__program__renstra__perangkat_daerah=pd).count()
n_ind = Indikator.objects.filter(renstra__perangkat_daerah=pd).count()
print(f"data: {pd.nama}: {n_sub} sub kegiatan, {n_ind} indikator")

c = Client()
c.force_login(User.objects.get(username="skala.perencana.01"))
pk = (PerjanjianKinerja.objects.filter(perangkat_daerah=pd).order_by("-tahun", "-versi")
      .first())
pages = [("pohon Renstra", f"/renstra/{pd.slug}/"),
         ("grid target", f"/renstra/{pd.slug}/target/"),
         ("grid pagu", f"/renstra/{pd.slug}/pagu/"),
         ("daftar PK", f"/kinerja/{pd.slug}/pk/"),
         ("PK detail", f"/kinerja/{pd.slug}/pk/{pk.pk}/")]
def hitung(url):
    """The request's queries, counted by an execute wrapper (the query log is reset by the
    request_started signal, so CaptureQueriesContext sees none here)."""
    n = [0]

    def wrapper(execute, sql, params, many, context):
        n[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        resp = c.get(url)
    return resp, n[0]


for nama, url in pages:
    resp, n_q = hitung(url)
    assert resp.status_code == 200, (url, resp.status_code)
    t = timed(lambda url=url: c.get(url), args.n)
    print(f"{nama:14s} {len(resp.content) // 1024:5d} KB  {n_q:3d} queries  "
          f"p50 {t['p50_ms']:7.1f} ms  p95 {t['p95_ms']:7.1f} ms")

n_line = pk.indikator_set.count()
n_ang = pk.anggaran_set.count()
url = f"/kinerja/{pd.slug}/pk/{pk.pk}/pdf/"
t = timed(lambda: c.get(url), max(3, args.n // 2))
pdf = c.get(url).content
with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
    f.write(pdf)
    f.flush()
    info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True).stdout
pages_n = next((x.split()[-1] for x in info.splitlines() if x.startswith("Pages:")), "?")
print(f"PK PDF         {n_line} indikator, {n_ang} anggaran, {pages_n} halaman, "
      f"{len(pdf) // 1024} KB  p50 {t['p50_ms']:7.1f} ms  p95 {t['p95_ms']:7.1f} ms "
      f"(batas 2000 ms: {'OK' if t['p95_ms'] < 2000 else 'LEWAT'})")

# A large PK (an Eselon IV PK of a big bidang): 40 lines, 30 budget rows, in a rolled-back
# transaction so the bench data stay as they are.
from django.db import transaction  # noqa: E402

from kinerja.models import PKAnggaran, PKIndikator  # noqa: E402
from kinerja.pk import dokumen as pk_pdf  # noqa: E402

with transaction.atomic():
    besar = PerjanjianKinerja.objects.create(perangkat_daerah=pd, tahun=pk.tahun + 5,
                                             jenjang="pengawas", pihak_pertama_nama="X")
    inds = Indikator.objects.filter(renstra__perangkat_daerah=pd,
                                    subkegiatan__isnull=False)[:40]
    PKIndikator.objects.bulk_create([PKIndikator(perjanjian=besar, indikator=i, urutan=n,
                                                 target_tahunan=100 + n, target_tw1=25,
                                                 target_tw2=25, target_tw3=25, target_tw4=25 + n)
                                     for n, i in enumerate(inds)])
    subs = SubKegiatan.objects.filter(kegiatan__program__renstra__perangkat_daerah=pd)[:30]
    PKAnggaran.objects.bulk_create([PKAnggaran(perjanjian=besar, subkegiatan=s, urutan=n,
                                               anggaran=1_000_000 * (n + 1))
                                    for n, s in enumerate(subs)])
    t = timed(lambda: pk_pdf.render_pdf(besar), 3)
    pdf = pk_pdf.render_pdf(besar)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True).stdout
    hal = next((x.split()[-1] for x in info.splitlines() if x.startswith("Pages:")), "?")
    print(f"PK PDF besar   40 indikator, 30 anggaran, {hal} halaman  p50 {t['p50_ms']:7.1f} ms  "
          f"p95 {t['p95_ms']:7.1f} ms (render_pdf saja)")
    transaction.set_rollback(True)

t0 = time.perf_counter()
wb = ekspor_workbook(pd, pk.tahun)
buf = io.BytesIO()
wb.save(buf)
t_ekspor = time.perf_counter() - t0
baris = {ws.title: ws.max_row - 1 for ws in wb.worksheets}
buf.seek(0)
t0 = time.perf_counter()
hasil = impor_workbook(buf, pd, dry_run=True)
t_impor = time.perf_counter() - t0
galat = sum(len(h.galat) for h in hasil)
ubah = sum(h.dibuat + h.diubah for h in hasil)
print(f"Buku Kerja {pk.tahun}: {baris}; ekspor {t_ekspor:.2f} s, impor (dry run) "
      f"{t_impor:.2f} s, {galat} galat, {ubah} baris berubah")
