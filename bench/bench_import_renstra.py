"""Tabel 4.2 import: a 1,000-row table must import in under 5 s on this machine.

Builds a synthetic Tabel 4.2 in the planners' layout (6 programs × 8 kegiatan × 10 sub kegiatan,
2025–2030, Indonesian text cells; ~1,020 data rows) and times: reading only, the preview
(dry run), the first import (everything created, audited), a re-import of the same file (nothing
changes) and a re-import where every pagu and target changed (everything updated, audited).
"""

import sys
import time
import uuid

from _setup import ROOT, django_setup

django_setup()
sys.path.insert(0, str(ROOT))

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from renstra.impor import baca_tabel42, impor_tabel42  # noqa: E402
from sakip.models import JejakAudit, Pemda, PerangkatDaerah  # noqa: E402
from tests.renstra import tabel42_xlsx as T  # noqa: E402


def tabel(tambah: int = 0) -> list[T.Prog]:
    programs = []
    for p in range(1, 7):
        pk = f"1.06.0{p}"
        kegiatan = []
        for k in range(1, 9):
            kk = f"{pk}.2.{k:02d}"
            subs = []
            for s in range(1, 11):
                kode = f"{kk}.{s:04d}"
                subs.append(T.Sub(
                    kode, f"Sub kegiatan {kode}", f"Terlaksananya sub kegiatan {kode}",
                    f"Jumlah penerima layanan sub kegiatan {kode} (Orang)", "1.000",
                    [f"{1000 + s * 10 + i + tambah:,} Orang".replace(",", ".") for i in range(6)],
                    [(100_000_000 + s * 1_000_000 + i * 500_000 + tambah * 1000) for i in range(6)],
                ))
            kegiatan.append(T.Keg(kk, f"Kegiatan {kk}", f"Terlaksananya kegiatan {kk}", subs))
        programs.append(T.Prog(pk, f"PROGRAM {pk}", [T.Outcome(
            f"Meningkatnya kinerja program {pk}", f"Persentase capaian program {pk} (%)", "89,7",
            ["90", "91", "92", "93", "94", "95"], kegiatan)]))
    return programs


def ukur(label, fn):
    with CaptureQueriesContext(connection) as q:
        t0 = time.perf_counter()
        hasil = fn()
        dt = time.perf_counter() - t0
    print(f"{label:<42} {dt:6.2f} s  {len(q):5d} queries", flush=True)
    return hasil, dt


def main() -> int:
    rows = T.baris(tabel())
    isi = T.xlsx(rows)
    isi_ubah = T.xlsx(T.baris(tabel(tambah=1)))
    jumlah_baris = len(rows) - 6
    pemda, _ = Pemda.objects.get_or_create(nama="Kabupaten Bench", defaults={"jenis": "kabupaten"})
    slug = f"bench-impor-{uuid.uuid4().hex[:8]}"
    pd = PerangkatDaerah.objects.create(pemda=pemda, nama=f"Dinas Bench {slug}", slug=slug)
    print(f"Tabel 4.2 sintetis: {jumlah_baris} baris data, {len(isi) // 1024} KB", flush=True)
    kw = {"tahun_awal": 2025, "tahun_akhir": 2029}

    t, _ = ukur("baca saja (openpyxl + parse)", lambda: baca_tabel42(isi))
    print(f"  {t.jumlah()}; galat {len(t.galat)}")
    ukur("pratinjau (dry run)", lambda: impor_tabel42(isi, pd, dry_run=True, **kw))
    audit0 = JejakAudit.objects.count()
    h, dt_baru = ukur("impor pertama (semua dibuat)", lambda: impor_tabel42(isi, pd, **kw))
    assert h.ok and h.disimpan, h.galat
    print(f"  jejak audit ditulis: {JejakAudit.objects.count() - audit0}")
    h, _ = ukur("impor ulang, berkas sama (tidak berubah)", lambda: impor_tabel42(isi, pd, **kw))
    assert all(p.baru == 0 and p.diubah == 0 for p in h.perubahan.values())
    audit0 = JejakAudit.objects.count()
    h, dt_ubah = ukur("impor ulang, semua target & pagu berubah",
                      lambda: impor_tabel42(isi_ubah, pd, **kw))
    print(f"  diubah: target {h.perubahan['target'].diubah}, pagu {h.perubahan['pagu'].diubah}; "
          f"jejak audit ditulis: {JejakAudit.objects.count() - audit0}")
    # Leave the bench database as it was (the scale data of the other benches live there too).
    from renstra.models import Renstra

    JejakAudit.objects.filter(perangkat_daerah=pd).delete()
    Renstra.objects.filter(perangkat_daerah=pd).delete()
    pd.delete()
    batas = 5.0
    ok = dt_baru < batas and dt_ubah < batas
    print(f"{'OK' if ok else 'LAMBAT'}: {jumlah_baris} baris — impor pertama {dt_baru:.2f} s, "
          f"impor dengan perubahan {dt_ubah:.2f} s (batas {batas:.0f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
