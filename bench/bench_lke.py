"""Evaluasi AKIP (LKE): queries and time of one office's scored worksheet and its JSON.

Target: the evaluation tree (``lke.selectors.evaluasi_tree``, what the evaluation page and the
LKE JSON are built from) and ``lke --format json`` read a FIXED number of queries whatever the
number of criteria — measured on the shipped 88/2021 template (50 criteria) and on a generated
template four times as large (200 criteria), every criterion answered on both sides. Then the
Inspektorat's pemda overview of the 45 scale offices' evaluations (``generate_scale_data``):
p95 under 400 ms.

    DEBUG=1 .venv/bin/python bench/bench_lke.py [--n 20]

The rows it needs (a bench office ``bench-lke``, the two templates, the answers) are written
through lke.services once, on the bench database.
"""

import argparse
import datetime

from _setup import ROOT, django_setup, ensure_scale_data, jumlah_query, timed

parser = argparse.ArgumentParser()
parser.add_argument("--n", type=int, default=20, help="runs per measurement (after a warm-up)")
args = parser.parse_args()

django_setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from lke import services  # noqa: E402
from lke.models import Evaluasi, HasilEvaluasi, Kriteria, TipeJawaban  # noqa: E402
from lke.render_json import render_json  # noqa: E402
from lke.selectors import evaluasi_tree  # noqa: E402
from lke.template_io import tulis_template  # noqa: E402
from sakip.models import JenisPemda, Pemda, PerangkatDaerah  # noqa: E402

# --- evaluation tree and JSON: queries per criterion count ---------------------------------------

def template_besar(n_per_sub: int) -> bytes:
    """The 88/2021 shape (4 komponen × 3 sub) with ``n_per_sub`` criteria per sub komponen and
    every Implementasi criterion capped by its Pemenuhan mean."""
    komponen, kriteria, kerangka = [], [], []
    for kode, bobot in (("A", 30), ("B", 30), ("C", 15), ("D", 25)):
        komponen.append([kode, "", f"Komponen {kode}", bobot])
        for s, bagian in (("1", "0.2"), ("2", "0.3"), ("3", "0.5")):
            komponen.append([f"{kode}.{s}", kode, f"Sub {kode}.{s}", bobot * float(bagian)])
            for i in range(1, n_per_sub + 1):
                kk = f"{kode}.{s}.{i}"
                kriteria.append([kk, f"{kode}.{s}", f"Kriteria {kk}", "Y/T" if s == "1" else
                                 "A-E", "", "", "", ""])
                if s == "3":
                    kerangka.append([kk, "", f"{kode}.1", "nilai implementasi melebihi "
                                     "rata-rata pemenuhan"])
    # Sub weights are exact in binary except 30 × 0,2 etc.: round them as the template states.
    for r in komponen:
        r[3] = round(r[3], 4)
    return tulis_template("LKE bench besar", "", komponen, kriteria, kerangka)


def evaluasi_bench(pd, tahun: int, template) -> Evaluasi:
    ev = Evaluasi.objects.filter(perangkat_daerah=pd, tahun=tahun).first()
    if ev is None:
        ev = services.evaluasi_create(pd, tahun, None, template=template)
        for k in Kriteria.objects.filter(subkomponen__komponen__template=template).select_related(
                "subkomponen__komponen"):
            j = "Y" if k.tipe == TipeJawaban.YT else "B"
            services.jawaban_set(ev, k, None, pihak="usulan", jawaban=j)
            services.jawaban_set(ev, k, None, pihak="evaluasi", jawaban=j)
    return Evaluasi.objects.select_related("template", "perangkat_daerah").get(pk=ev.pk)


pemda, _ = Pemda.objects.get_or_create(nama="Kabupaten Bench LKE",
                                     defaults={"jenis": JenisPemda.KABUPATEN})
pd, _ = PerangkatDaerah.objects.get_or_create(slug="bench-lke", defaults={
    "pemda": pemda, "nama": "Dinas Bench LKE"})
tpl88, _ = services.template_load(ROOT / "fixtures" / "lke" / "lke_88_2021.xlsx", "88/2021")
tplbesar, _ = services.template_load(template_besar(17), "bench/besar")

hasil = []
for nama, tahun, tpl in (("88/2021", 2024, tpl88), ("besar", 2025, tplbesar)):
    ev = evaluasi_bench(pd, tahun, tpl)
    n_krit = Kriteria.objects.filter(subkomponen__komponen__template=tpl).count()
    q_pohon = jumlah_query(lambda e=ev: evaluasi_tree(e))
    q_json = jumlah_query(lambda e=ev: render_json(evaluasi_tree(e)))
    waktu = timed(lambda e=ev: render_json(evaluasi_tree(e)), args.n)
    hasil.append((q_pohon, q_json))
    print(f"LKE {nama:8} {n_krit:4} kriteria: pohon {q_pohon} queries, JSON {q_json} queries; "
          f"JSON {waktu}", flush=True)
tetap = len(set(hasil)) == 1
print(f"Jumlah query tetap untuk semua ukuran template: {'OK' if tetap else 'GAGAL'}")

# --- the pemda overview of 45 offices' evaluations (scale data) ----------------------------------
# Target: the Inspektorat's overview (``lke:ikhtisar``) of the 45 scale offices answers in under
# 400 ms at the 95th percentile, in the same number of queries as for a handful of offices.
# Set-up through lke.services, once: offices 1–10 closed (LHE with two recommendations, one
# answered), 11–30 dievaluasi, 31–40 penilaian mandiri, 41–45 not started; every office has a
# paper LHE of the previous year.

TAHUN_IKHTISAR = 2025
TARGET_IKHTISAR_MS = 400


def _jawab_penuh(ev, kriteria, pihak: str, i: int) -> None:
    """Every criterion answered. The office's usulan varies over Y/T and A–D (its kerangka-logis
    slips are its own); the evaluator's side is Y and A/B, so no rule blocks closing."""
    for n, k in enumerate(kriteria):
        if pihak == "evaluasi":
            j = "Y" if k.tipe == TipeJawaban.YT else "AB"[(n + i) % 2]
        elif k.tipe == TipeJawaban.YT:
            j = "Y" if (n + i) % 5 else "T"
        else:
            j = "ABCD"[(n + i) % 4]
        services.jawaban_set(ev, k, None, pihak=pihak, jawaban=j)


def _tutup(ev, i: int) -> None:
    hasil = services.evaluasi_close(
        ev, None, nomor=f"700/{i:02d}/LHE/{TAHUN_IKHTISAR + 1}",
        tanggal=datetime.date(TAHUN_IKHTISAR + 1, 3, 20),
        rekomendasi=[{"uraian": "Perbaiki manual IKU.",
                      "batas_waktu": datetime.date(TAHUN_IKHTISAR + 1, 6, 30)},
                     {"uraian": "Lakukan evaluasi internal berjenjang."}])
    rek = hasil.rekomendasi_set.order_by("nomor").first()
    services.tindak_lanjut_submit(rek, None, "Manual IKU direvisi.")


def evaluasi_skala(tpl) -> None:
    pds = list(PerangkatDaerah.objects.filter(slug__startswith="skala-").order_by("slug"))
    ditutup = HasilEvaluasi.objects.filter(perangkat_daerah__in=pds, tahun=TAHUN_IKHTISAR)
    if ditutup.count() == 10:
        return
    print("Membangun evaluasi LKE untuk kantor skala…", flush=True)
    # A set-up stopped halfway is started again from nothing (bench rows only).
    HasilEvaluasi.objects.filter(perangkat_daerah__in=pds,
                                 tahun__in=[TAHUN_IKHTISAR - 1, TAHUN_IKHTISAR]).delete()
    Evaluasi.objects.filter(perangkat_daerah__in=pds, tahun=TAHUN_IKHTISAR).delete()
    kriteria = list(Kriteria.objects.filter(subkomponen__komponen__template=tpl)
                    .select_related("subkomponen__komponen")
                    .order_by("subkomponen__komponen__urutan", "subkomponen__urutan", "urutan"))
    for i, spd in enumerate(pds, start=1):
        services.hasil_set(spd, TAHUN_IKHTISAR - 1, None, nomor=f"700/{i:02d}/LHE",
                           nilai=str(60 + i % 20))
        if i > 40:
            continue
        ev = services.evaluasi_create(spd, TAHUN_IKHTISAR, None, template=tpl)
        _jawab_penuh(ev, kriteria, "usulan", i)
        if i > 30:
            continue
        services.evaluasi_submit(ev, None)
        _jawab_penuh(ev, kriteria, "evaluasi", i)
        if i <= 10:
            _tutup(ev, i)


ensure_scale_data()
evaluasi_skala(tpl88)
n_pd = PerangkatDaerah.objects.filter(slug__startswith="skala-").count()
insp = Client()
insp.force_login(get_user_model().objects.get(username="skala.inspektorat"))
url = f"/lke/ikhtisar/?tahun={TAHUN_IKHTISAR}"
resp = insp.get(url)
assert resp.status_code == 200, resp.status_code
q_ikhtisar = jumlah_query(lambda: insp.get(url))
waktu = timed(lambda: insp.get(url), args.n)
ok = waktu["p95_ms"] < TARGET_IKHTISAR_MS
print(f"ikhtisar {url} ({n_pd} kantor skala): {q_ikhtisar} queries; {waktu} "
      f"target p95 < {TARGET_IKHTISAR_MS} ms: {'OK' if ok else 'GAGAL'}", flush=True)

raise SystemExit(0 if tetap and ok else 1)
