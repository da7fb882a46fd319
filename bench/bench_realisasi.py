"""Realisasi uploads and pages: 10,000-row uploads must finish in < 10 s; the staff and
verification pages run a fixed number of queries whatever the number of indicators.

Builds its own office ``bench-realisasi`` (bulk inserts, rebuilt every run) with N indicators in
one bidang, then measures through the real request path (Django test client → views → batch
service → bulk writes + audit rows):

1. staff spreadsheet, 10,000 rows of one quarter: upload (validation + preview) and confirm
   (writes), new values; then the same file again (nothing changes) and a file changing all;
2. Buku Kerja sheet Realisasi, 2,500 indicators × 4 quarters = 10,000 values (perencana path);
3. staff and verification pages: query count and time with 50 and with 2,000 indicators,
   and on the scale data office skala-01 when generate_scale_data has been run.

Run: ``DEBUG=1 .venv/bin/python bench/bench_realisasi.py [--n 10000]``.
"""

import argparse
import io
import time
from decimal import Decimal

from _setup import django_setup

django_setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from kinerja.models import PeriodeInput, Realisasi  # noqa: E402
from renstra.models import Indikator, Kegiatan, Program, Renstra, TargetIndikator  # noqa: E402
from sakip.models import Bidang, JejakAudit, Pemda, Peran, PerangkatDaerah, Role  # noqa: E402

SLUG = "bench-realisasi"
TAHUN = 2025


def bangun(n: int):
    """An office with ``n`` kegiatan indicators in one bidang (bulk inserts, no audit)."""
    from demo.gowa import hapus_data_pd

    User = get_user_model()
    pemda, _ = Pemda.objects.get_or_create(nama="Kota Bench", defaults={"jenis": "kota"})
    pd = PerangkatDaerah.objects.filter(slug=SLUG).first()
    if pd:
        hapus_data_pd(pd)
        pd.delete()
    pd = PerangkatDaerah.objects.create(pemda=pemda, nama="Dinas Bench Realisasi", slug=SLUG)
    bidang = Bidang.objects.create(perangkat_daerah=pd, nama="Bidang Uji", singkatan="UJI")
    renstra = Renstra.objects.create(perangkat_daerah=pd, tahun_awal=2022, tahun_akhir=2026)
    prog = Program.objects.create(renstra=renstra, kode="1.06.04", nama="Program Uji",
                                  bidang=bidang)
    keg = Kegiatan.objects.create(program=prog, kode="1.06.04.2.01", nama="Kegiatan Uji",
                                  bidang=bidang)
    Indikator.objects.bulk_create([
        Indikator(renstra=renstra, kegiatan=keg, uraian=f"Indikator uji nomor {i:05d}",
                  satuan="Orang", agregasi="SUM", bidang=bidang, urutan=i)
        for i in range(n)
    ], batch_size=1000)
    inds = list(Indikator.objects.filter(renstra=renstra).order_by("urutan"))
    TargetIndikator.objects.bulk_create(
        [TargetIndikator(indikator=i, tahun=TAHUN, nilai=Decimal(400)) for i in inds],
        batch_size=1000)
    for tw in (1, 2, 3, 4):
        PeriodeInput.objects.create(perangkat_daerah=pd, tahun=TAHUN, triwulan=tw, dibuka=True)
    users = {}
    for nama, role in (("bench.staf", Role.STAF_BIDANG), ("bench.perencana", Role.PERENCANA)):
        u, _ = User.objects.get_or_create(username=nama)
        Peran.objects.filter(user=u).delete()
        Peran.objects.create(user=u, role=role, pemda=pemda, perangkat_daerah=pd,
                             bidang=bidang if role == Role.STAF_BIDANG else None)
        users[nama] = u
    return pd, inds, users


def klien(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def unggah_staf(c, wb, label):
    buf = io.BytesIO()
    wb.save(buf)
    ukuran = buf.tell()
    buf.seek(0)
    buf.name = "isian.xlsx"
    t0 = time.perf_counter()
    r = c.post(f"/kinerja/{SLUG}/realisasi/xlsx/unggah/", {"berkas": buf})
    t1 = time.perf_counter()
    assert r.status_code == 200, (r.status_code, r.content[:2000])
    hasil = r.context["hasil"].hasil
    token = r.context["token"]
    r2 = c.post(f"/kinerja/{SLUG}/realisasi/xlsx/konfirmasi/", {"token": token})
    t2 = time.perf_counter()
    assert r2.status_code == 302, r2.status_code
    print(f"  {label}: {ukuran / 1024:.0f} kB; unggah+pratinjau {t1 - t0:.2f} s, "
          f"konfirmasi (tulis) {t2 - t1:.2f} s, total {t2 - t0:.2f} s "
          f"[{hasil.dibuat} baru, {hasil.diubah} diubah, {hasil.tetap} tetap]", flush=True)
    return t2 - t0


def bench_staf_xlsx(pd, users, n):
    print(f"1. Lembar kerja staf, {n} baris satu triwulan", flush=True)
    c = klien(users["bench.staf"])
    t0 = time.perf_counter()
    r = c.get(f"/kinerja/{SLUG}/realisasi/xlsx/?tahun={TAHUN}&tw=2")
    isi = b"".join(r.streaming_content)
    print(f"  unduh templat: {time.perf_counter() - t0:.2f} s ({len(isi) / 1024:.0f} kB)")
    wb = load_workbook(io.BytesIO(isi))
    ws = wb["Realisasi"]
    header = [x.value for x in ws[1]]
    kol_r, kol_c = header.index("Realisasi"), header.index("Catatan")
    for i, row in enumerate(ws.iter_rows(min_row=2)):
        # Half typed the Indonesian way as text, half real numbers.
        row[kol_r].value = f"{1000 + i:,}".replace(",", ".") if i % 2 else 100 + i % 50
        row[kol_c].value = f"Catatan {i}"
    audit0 = JejakAudit.objects.count()
    waktu = [unggah_staf(c, wb, "nilai baru")]
    print(f"  jejak audit ditulis: {JejakAudit.objects.count() - audit0}")
    waktu.append(unggah_staf(c, wb, "berkas yang sama lagi"))
    for row in ws.iter_rows(min_row=2):
        row[kol_r].value = 7
    waktu.append(unggah_staf(c, wb, "semua nilai diubah"))
    return max(waktu)


def bench_buku_kerja(pd, inds, users):
    from bukukerja.sheet_realisasi import RealisasiSheet
    from bukukerja.workbook import ekspor_workbook, impor_workbook

    sheet = RealisasiSheet()
    n = len(inds)
    print(f"2. Buku Kerja sheet Realisasi, {n} indikator × 4 triwulan = {4 * n} nilai",
          flush=True)
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Realisasi"
    ws.append([*sheet.kolom, "Tahun"])
    for i, ind in enumerate(inds):
        ws.append([ind.uraian, "Orang", 10 + i % 7, "1.250", 12, 13, f"Keterangan {i}", TAHUN])
    buf = io.BytesIO()
    wb.save(buf)
    waktu = []
    for label in ("nilai baru", "ekspor → impor tanpa perubahan"):
        if label.startswith("ekspor"):
            t0 = time.perf_counter()
            wb2 = ekspor_workbook(pd, TAHUN)
            for name in list(wb2.sheetnames):
                if name != "Realisasi":
                    del wb2[name]
            buf = io.BytesIO()
            wb2.save(buf)
            print(f"  ekspor: {time.perf_counter() - t0:.2f} s")
        buf.seek(0)
        t0 = time.perf_counter()
        hasil = impor_workbook(buf, pd, user=users["bench.perencana"])
        dt = time.perf_counter() - t0
        h = next(x for x in hasil if x.sheet == "Realisasi")
        assert not h.galat, h.galat[:3]
        print(f"  {label}: {dt:.2f} s [{h.dibuat} baru, {h.diubah} diubah, {h.tetap} tetap]",
              flush=True)
        waktu.append(dt)
    return max(waktu)


def ukur_halaman(c, url):
    with CaptureQueriesContext(connection) as q:
        t0 = time.perf_counter()
        r = c.get(url)
        dt = time.perf_counter() - t0
    assert r.status_code == 200, r.status_code
    return len(q), dt


def bench_halaman(users):
    print("3. Halaman staf dan verifikasi (jumlah query tetap)", flush=True)
    hasil = {}
    for n in (50, 2000):
        with transaction.atomic():
            pd, inds, users = bangun(n)
            Realisasi.objects.bulk_create([
                Realisasi(indikator=i, tahun=TAHUN, triwulan=tw, nilai=Decimal(10 + tw),
                          status="diajukan") for i in inds for tw in (1, 2)
            ], batch_size=1000)
        staf = ukur_halaman(klien(users["bench.staf"]),
                            f"/kinerja/{SLUG}/realisasi/?tahun={TAHUN}&tw=2")
        verif = ukur_halaman(klien(users["bench.perencana"]),
                             f"/kinerja/{SLUG}/verifikasi/?tahun={TAHUN}&tw=2")
        hasil[n] = (staf, verif)
        print(f"  {n} indikator: halaman staf {staf[0]} query {staf[1] * 1000:.0f} ms; "
              f"verifikasi ({n} nilai diajukan) {verif[0]} query {verif[1] * 1000:.0f} ms",
              flush=True)
    assert hasil[50][0][0] == hasil[2000][0][0] and hasil[50][1][0] == hasil[2000][1][0], hasil
    skala = PerangkatDaerah.objects.filter(slug="skala-01").first()
    if skala:
        c = klien(get_user_model().objects.get(username="skala.perencana.01"))
        s = ukur_halaman(c, "/kinerja/skala-01/realisasi/?tahun=2025&tw=4")
        v = ukur_halaman(c, "/kinerja/skala-01/verifikasi/?tahun=2025")
        print(f"  skala-01 (data generate_scale_data): realisasi {s[0]} query "
              f"{s[1] * 1000:.0f} ms; verifikasi {v[0]} query {v[1] * 1000:.0f} ms")
    else:
        print("  (skala-01 tidak ada: jalankan manage.py generate_scale_data untuk data kota)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000, help="baris lembar kerja staf")
    args = ap.parse_args()
    from django.test.utils import setup_test_environment

    # Lets the bench read response.context (token, counts); allows the test client's host.
    setup_test_environment()
    t0 = time.perf_counter()
    pd, inds, users = bangun(args.n)
    print(f"Data bench: {args.n} indikator dibangun dalam {time.perf_counter() - t0:.1f} s")
    t_staf = bench_staf_xlsx(pd, users, args.n)
    pd, inds, users = bangun(args.n // 4)
    t_bk = bench_buku_kerja(pd, inds, users)
    bench_halaman(users)
    batas = 10.0
    ok = t_staf < batas and t_bk < batas
    print(f"HASIL: unggah {args.n} baris terlama {t_staf:.2f} s (staf), {t_bk:.2f} s "
          f"(Buku Kerja); batas {batas:.0f} s → {'LULUS' if ok else 'GAGAL'}")
    pd = PerangkatDaerah.objects.get(slug=SLUG)
    from demo.gowa import hapus_data_pd

    hapus_data_pd(pd)
    pd.delete()
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
