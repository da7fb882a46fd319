"""Build a Renstra of any size with bulk inserts, for query-budget tests and bench/."""

from decimal import Decimal

from renstra.models import (
    Indikator,
    Kegiatan,
    PaguIndikatif,
    Program,
    Renstra,
    Sasaran,
    SasaranProgram,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)


def bangun(pd, *, n_program: int, n_kegiatan: int = 3, n_sub: int = 4, tahun_awal: int = 2025,
           tahun_akhir: int = 2029, bidang=None) -> Renstra:
    """A Renstra with 2 tujuan × 2 sasaran × 2 IKU and ``n_program`` programs, each with
    ``n_kegiatan`` kegiatan × ``n_sub`` sub kegiatan; one indicator per node; a target and a
    pagu indikatif for every year."""
    renstra = Renstra.objects.create(perangkat_daerah=pd, tahun_awal=tahun_awal,
                                     tahun_akhir=tahun_akhir, nama="Renstra uji")
    tahun = renstra.tahun_list
    tujuan = Tujuan.objects.bulk_create(
        [Tujuan(renstra=renstra, kode=f"T{i}", uraian=f"Tujuan {i}", urutan=i) for i in (1, 2)]
    )
    sasaran = Sasaran.objects.bulk_create(
        [Sasaran(tujuan=t, kode=f"S{t.urutan}.{j}", uraian=f"Sasaran {t.urutan}.{j}", urutan=j)
         for t in tujuan for j in (1, 2)]
    )
    programs = Program.objects.bulk_create(
        [Program(renstra=renstra, kode=f"1.06.{i:02d}", nama=f"Program {i}", urutan=i,
                 bidang=bidang) for i in range(1, n_program + 1)]
    )
    kegiatan = Kegiatan.objects.bulk_create(
        [Kegiatan(program=p, kode=f"{p.kode}.2.{j:02d}", nama=f"Kegiatan {p.kode}.{j}",
                  bidang=bidang) for p in programs for j in range(1, n_kegiatan + 1)]
    )
    subs = SubKegiatan.objects.bulk_create(
        [SubKegiatan(kegiatan=k, kode=f"{k.kode}.{m:04d}", nama=f"Sub {k.kode}.{m}",
                     bidang=bidang) for k in kegiatan for m in range(1, n_sub + 1)]
    )
    SasaranProgram.objects.bulk_create(
        [SasaranProgram(sasaran=sasaran[i % len(sasaran)], program=p)
         for i, p in enumerate(programs)]
    )
    ind = [Indikator(renstra=renstra, sasaran=s, uraian=f"IKU {s.kode}.{n}", satuan="Orang",
                     is_iku=True, urutan=n) for s in sasaran for n in (1, 2)]
    ind += [Indikator(renstra=renstra, program=p, uraian=f"Outcome {p.kode}", satuan="%",
                      desimal=2) for p in programs]
    ind += [Indikator(renstra=renstra, kegiatan=k, uraian=f"Output {k.kode}", satuan="Dokumen")
            for k in kegiatan]
    ind += [Indikator(renstra=renstra, subkegiatan=s, uraian=f"Output {s.kode}",
                      satuan="Orang", bidang=bidang) for s in subs]
    ind = Indikator.objects.bulk_create(ind)
    TargetIndikator.objects.bulk_create(
        [TargetIndikator(indikator=i, tahun=t, nilai=Decimal(100 + n))
         for n, i in enumerate(ind) for t in tahun]
    )
    pagu = []
    for s in subs:
        pagu += [PaguIndikatif(subkegiatan=s, tahun=t, nilai=Decimal("1000000")) for t in tahun]
    for k in kegiatan:
        pagu += [PaguIndikatif(kegiatan=k, tahun=t, nilai=Decimal(1000000 * n_sub))
                 for t in tahun]
    PaguIndikatif.objects.bulk_create(pagu)
    return renstra
