"""City-scale synthetic data for bench/: many perangkat daerah with full Renstra, PK, realisasi and
budget, written with bulk inserts (design.md: speed is measured on this data, never in tests).

Defaults: 45 perangkat daerah, ~150 sub kegiatan each, 5 years, 4 quarters of realisasi and
budget. Deterministic (seeded), so two runs give the same data. Rows are synthetic: they carry no
audit trail, and the pemda is named "Kota Skala" so nobody mistakes them for real figures.
"""

import datetime
import random
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from anggaran.models import Pagu, RealisasiAnggaran
from kinerja.models import Jenjang, PerjanjianKinerja, PKAnggaran, PKIndikator, Realisasi
from renstra.models import (
    Agregasi,
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
from sakip.models import (
    Bidang,
    JejakAudit,
    JenisPejabat,
    JenisPemda,
    Pejabat,
    Pemda,
    Peran,
    PerangkatDaerah,
    Role,
)

PEMDA = "Kota Skala"
SLUG_PREFIX = "skala-"
MULAI_PEJABAT = datetime.date(2000, 1, 1)
PASSWORD = "sakip-demo"
D = Decimal


class Command(BaseCommand):
    help = "Membangun data sintetis skala kota untuk bench/ (45 perangkat daerah, 5 tahun)."

    def add_arguments(self, parser):
        parser.add_argument("--pd", type=int, default=45, help="jumlah perangkat daerah")
        parser.add_argument("--years", type=int, default=5, help="jumlah tahun Renstra")
        parser.add_argument("--subkegiatan", type=int, default=150,
                            help="sub kegiatan per perangkat daerah")
        parser.add_argument("--tahun-akhir", type=int, default=2026, dest="tahun_akhir")
        parser.add_argument("--seed", type=int, default=20261123)

    def handle(self, *args, pd, years, subkegiatan, tahun_akhir, seed, **options):
        if pd < 1 or years < 1 or subkegiatan < 7:
            raise CommandError("--pd dan --years minimal 1, --subkegiatan minimal 7.")
        t0 = time.perf_counter()
        with transaction.atomic():
            self._hapus()
            stats = Generator(random.Random(seed), tahun_akhir - years + 1, tahun_akhir,
                              subkegiatan).run(pd)
        stats["detik"] = round(time.perf_counter() - t0, 1)
        self.stdout.write(
            "Data skala dibuat: " + ", ".join(f"{k} {v}" for k, v in stats.items()) + "\n"
            f"Pengguna: skala.inspektorat, skala.admin, skala.kepala.N, skala.perencana.N "
            f"(kata sandi {PASSWORD}).\n"
        )

    def _hapus(self):
        pds = PerangkatDaerah.objects.filter(slug__startswith=SLUG_PREFIX)
        Realisasi.objects.filter(indikator__renstra__perangkat_daerah__in=pds).delete()
        PKIndikator.objects.filter(perjanjian__perangkat_daerah__in=pds).delete()
        PKAnggaran.objects.filter(perjanjian__perangkat_daerah__in=pds).delete()
        PerjanjianKinerja.objects.filter(perangkat_daerah__in=pds).delete()
        for model in _extra_models_blocking_delete():
            model.objects.filter(perangkat_daerah__in=pds).delete()
        # Budget lines protect the plan nodes they belong to: they go before the Renstra.
        for model in (RealisasiAnggaran, Pagu):
            model.objects.filter(
                subkegiatan__kegiatan__program__renstra__perangkat_daerah__in=pds).delete()
        Renstra.objects.filter(perangkat_daerah__in=pds).delete()
        Pejabat.objects.filter(perangkat_daerah__in=pds).delete()
        pds.delete()
        # Synthetic data only: its users' audit rows go with it (JejakAudit.user is PROTECT).
        skala = get_user_model().objects.filter(username__startswith="skala.")
        JejakAudit.objects.filter(user__in=skala).delete()
        skala.delete()


def _extra_models_blocking_delete():
    """Report models of other apps that PROTECT a perangkat daerah (LKjIP, review notes)."""
    from django.apps import apps

    out = []
    for model in apps.get_models():
        if model._meta.app_label in ("laporan", "dasbor"):
            if any(f.name == "perangkat_daerah" for f in model._meta.get_fields()):
                out.append(model)
    return out


class Generator:
    def __init__(self, rng: random.Random, tahun_awal: int, tahun_akhir: int, n_sub: int):
        self.rng = rng
        self.tahun = list(range(tahun_awal, tahun_akhir + 1))
        self.n_sub = n_sub

    def run(self, n_pd: int) -> dict:
        """Offices, plan, indicators, targets and realisasi, then PK and budget (the random
        draws keep their order, so a seed always gives the same data)."""
        pemda, pds, bidang_by_pd = self._kantor(n_pd)
        renstra, sasaran_by_renstra, prog_by_renstra, subs = self._rencana(pds, bidang_by_pd)
        inds = self._indikator(renstra, sasaran_by_renstra, prog_by_renstra, subs, bidang_by_pd)
        base, n_target, n_realisasi = self._target_realisasi(inds)
        n_pagu, n_real_ang, n_pk = self._pk_anggaran(pds, renstra, prog_by_renstra, subs, inds,
                                                     base)
        return {
            "perangkat_daerah": len(pds), "sub_kegiatan": len(subs), "indikator": len(inds),
            "target": n_target, "realisasi": n_realisasi, "pagu": n_pagu,
            "realisasi_anggaran": n_real_ang, "pk": n_pk,
        }

    def _kantor(self, n_pd: int):
        pemda, _ = Pemda.objects.get_or_create(nama=PEMDA, defaults={"jenis": JenisPemda.KOTA})
        PerangkatDaerah.objects.bulk_create([
            PerangkatDaerah(
                pemda=pemda, nama=f"Dinas Skala {i:02d}", singkatan=f"DS{i:02d}",
                slug=f"{SLUG_PREFIX}{i:02d}", tempat="Kota Skala",
            )
            for i in range(1, n_pd + 1)
        ])
        pds = list(PerangkatDaerah.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug"))
        # Synthetic officials (who signs), written in bulk like the rest of the scale data.
        pejabat = [
            Pejabat(pemda=pemda, perangkat_daerah=pd, jenis=JenisPejabat.KEPALA_PD,
                    nama=f"Kepala {pd.nama}", nip="197001012000011001",
                    pangkat="Pembina Utama Muda/IV.c", jabatan=f"Kepala {pd.nama}",
                    mulai=MULAI_PEJABAT)
            for pd in pds
        ]
        if not Pejabat.objects.filter(pemda=pemda, jenis=JenisPejabat.KEPALA_DAERAH).exists():
            pejabat.append(Pejabat(pemda=pemda, jenis=JenisPejabat.KEPALA_DAERAH,
                                   nama="Wali Kota Skala", mulai=MULAI_PEJABAT))
        Pejabat.objects.bulk_create(pejabat)
        Bidang.objects.bulk_create([
            Bidang(perangkat_daerah=pd, nama=f"Bidang {b}", singkatan=f"B{b}")
            for pd in pds for b in range(1, 5)
        ])
        bidang = list(Bidang.objects.filter(perangkat_daerah__in=pds).order_by("id"))
        bidang_by_pd: dict[int, list[Bidang]] = {}
        for b in bidang:
            bidang_by_pd.setdefault(b.perangkat_daerah_id, []).append(b)
        self._users(pemda, pds, bidang_by_pd)
        return pemda, pds, bidang_by_pd

    def _rencana(self, pds, bidang_by_pd):
        Renstra.objects.bulk_create([
            Renstra(perangkat_daerah=pd, tahun_awal=self.tahun[0], tahun_akhir=self.tahun[-1],
                    nama="Renstra (data skala)")
            for pd in pds
        ])
        renstra = {r.perangkat_daerah_id: r for r in Renstra.objects.filter(
            perangkat_daerah__in=pds)}
        Tujuan.objects.bulk_create([
            Tujuan(renstra=renstra[pd.pk], kode=f"T{t}", uraian=f"Tujuan {t} {pd.singkatan}",
                   urutan=t)
            for pd in pds for t in (1, 2)
        ])
        tujuan = list(Tujuan.objects.filter(renstra__in=renstra.values()).order_by("id"))
        Sasaran.objects.bulk_create([
            Sasaran(tujuan=tj, kode=f"S{s}", uraian=f"Sasaran {s} dari {tj.uraian}", urutan=s)
            for tj in tujuan for s in (1, 2)
        ])
        sasaran = list(Sasaran.objects.filter(tujuan__in=tujuan).select_related("tujuan")
                       .order_by("id"))
        sasaran_by_renstra: dict[int, list[Sasaran]] = {}
        for s in sasaran:
            sasaran_by_renstra.setdefault(s.tujuan.renstra_id, []).append(s)

        n_prog = 7
        Program.objects.bulk_create([
            Program(renstra=r, kode=f"1.06.{p:02d}", nama=f"Program {p} ({r.perangkat_daerah_id})",
                    bidang=bidang_by_pd[r.perangkat_daerah_id][(p - 1) % 4], urutan=p)
            for r in renstra.values() for p in range(1, n_prog + 1)
        ])
        programs = list(Program.objects.filter(renstra__in=renstra.values()).order_by("id"))
        prog_by_renstra: dict[int, list[Program]] = {}
        for p in programs:
            prog_by_renstra.setdefault(p.renstra_id, []).append(p)
        SasaranProgram.objects.bulk_create([
            SasaranProgram(sasaran=s, program=p)
            for rid, ss in sasaran_by_renstra.items()
            for i, s in enumerate(ss)
            for p in prog_by_renstra[rid][1 + i: 3 + i]
        ])
        n_keg = 3
        Kegiatan.objects.bulk_create([
            Kegiatan(program=p, kode=f"{p.kode}.2.{k:02d}", nama=f"Kegiatan {k} {p.kode}",
                     bidang_id=p.bidang_id)
            for p in programs for k in range(1, n_keg + 1)
        ])
        kegiatan = list(Kegiatan.objects.filter(program__in=programs).order_by("id"))
        keg_by_renstra: dict[int, list[Kegiatan]] = {}
        prog_renstra = {p.pk: p.renstra_id for p in programs}
        for k in kegiatan:
            keg_by_renstra.setdefault(prog_renstra[k.program_id], []).append(k)
        subs = []
        for ks in keg_by_renstra.values():
            for i in range(self.n_sub):
                k = ks[i % len(ks)]
                subs.append(SubKegiatan(kegiatan=k, kode=f"{k.kode}.{i + 1:04d}",
                                        nama=f"Sub kegiatan {i + 1} {k.kode}",
                                        bidang_id=k.bidang_id))
        SubKegiatan.objects.bulk_create(subs, batch_size=2000)
        subs = list(SubKegiatan.objects.filter(kegiatan__in=kegiatan)
                    .select_related("kegiatan__program").order_by("id"))
        return renstra, sasaran_by_renstra, prog_by_renstra, subs

    def _indikator(self, renstra, sasaran_by_renstra, prog_by_renstra, subs, bidang_by_pd):
        renstra_by_id = {r.pk: r for r in renstra.values()}
        inds = []
        for rid, ss in sasaran_by_renstra.items():
            renstra_pd = renstra_by_id[rid]
            pd_id = renstra_pd.perangkat_daerah_id
            for s in ss:
                for j in (1, 2):
                    inds.append(Indikator(
                        renstra=renstra_pd, sasaran=s, uraian=f"IKU {s.uraian} #{j}",
                        satuan="%" if j == 1 else "Orang", is_iku=True,
                        agregasi=Agregasi.LAST if j == 1 else Agregasi.SUM,
                        desimal=2 if j == 1 else 0, urutan=j,
                    ))
            for p in prog_by_renstra[rid]:
                inds.append(Indikator(renstra=renstra_pd, program=p, satuan="%",
                                      uraian=f"Persentase capaian {p.nama}",
                                      agregasi=Agregasi.LAST, desimal=2,
                                      bidang=bidang_by_pd[pd_id][(p.urutan - 1) % 4]))
        for s in subs:
            rid = s.kegiatan.program.renstra_id
            inds.append(Indikator(renstra=renstra_by_id[rid], subkegiatan=s, satuan="Orang",
                                  uraian=f"Jumlah penerima layanan {s.kode}",
                                  agregasi=Agregasi.SUM, desimal=0, bidang_id=s.bidang_id))
        Indikator.objects.bulk_create(inds, batch_size=2000)
        return list(Indikator.objects.filter(renstra__in=renstra.values()).order_by("id"))

    def _target_realisasi(self, inds):
        rng = self.rng
        targets, realisasi = [], []
        base: dict[int, Decimal] = {}
        for ind in inds:
            b = D(rng.randint(60, 95)) if ind.satuan == "%" else D(rng.randint(40, 400) * 4)
            base[ind.pk] = b
            for t in self.tahun:
                targets.append(TargetIndikator(indikator=ind, tahun=t, nilai=b))
                for tw in (1, 2, 3, 4):
                    roll = rng.random()
                    if roll < 0.03:
                        continue  # missing: NULL is not 0, dashboards must show it
                    if ind.agregasi == Agregasi.SUM:
                        nilai = (b / 4 * D(rng.uniform(0.6, 1.3))).quantize(D("1"))
                    else:
                        nilai = (b * D(rng.uniform(0.7, 1.25))).quantize(D("0.01"))
                    status = (Realisasi.Status.DIVERIFIKASI if roll < 0.9
                              else Realisasi.Status.DIAJUKAN if roll < 0.97
                              else Realisasi.Status.DRAFT)
                    realisasi.append(Realisasi(indikator=ind, tahun=t, triwulan=tw, nilai=nilai,
                                               status=status))
        TargetIndikator.objects.bulk_create(targets, batch_size=5000)
        Realisasi.objects.bulk_create(realisasi, batch_size=5000)
        return base, len(targets), len(realisasi)

    def _pk_anggaran(self, pds, renstra, prog_by_renstra, subs, inds, base):
        rng = self.rng
        renstra_by_id = {r.pk: r for r in renstra.values()}
        PerjanjianKinerja.objects.bulk_create([
            PerjanjianKinerja(perangkat_daerah=pd, tahun=t, jenjang=Jenjang.JPT_PRATAMA,
                              status=PerjanjianKinerja.Status.DITETAPKAN,
                              pihak_pertama_nama=f"Kepala {pd.nama}")
            for pd in pds for t in self.tahun
        ])
        pks = list(PerjanjianKinerja.objects.filter(perangkat_daerah__in=pds))
        iku_by_pd: dict[int, list[Indikator]] = {}
        for ind in inds:
            if ind.is_iku:
                iku_by_pd.setdefault(renstra_by_id[ind.renstra_id].perangkat_daerah_id,
                                     []).append(ind)
        lines, pk_anggaran = [], []
        pagu_prog: dict[tuple[int, int], Decimal] = {}
        pagu, real_ang = [], []
        for s in subs:
            for t in self.tahun:
                nilai = D(rng.randint(50, 900) * 1_000_000)
                pagu.append(Pagu(subkegiatan=s, tahun=t, tahap="murni", nilai=nilai))
                key = (s.kegiatan.program_id, t)
                pagu_prog[key] = pagu_prog.get(key, D(0)) + nilai
                spent = [(nilai * D(rng.uniform(0.1, 0.27))).quantize(D("1")) for _ in range(4)]
                for tw, v in enumerate(spent, start=1):
                    real_ang.append(RealisasiAnggaran(subkegiatan=s, tahun=t, triwulan=tw,
                                                      nilai=v))
        for pk in pks:
            for i, ind in enumerate(iku_by_pd[pk.perangkat_daerah_id]):
                b = base[ind.pk]
                tw = ([b] * 4 if ind.agregasi == Agregasi.LAST
                      else [(b / 4).quantize(D("1"))] * 3 + [b - 3 * (b / 4).quantize(D("1"))])
                lines.append(PKIndikator(perjanjian=pk, indikator=ind, target_tahunan=b,
                                         target_tw1=tw[0], target_tw2=tw[1], target_tw3=tw[2],
                                         target_tw4=tw[3], urutan=i))
            rid = renstra[pk.perangkat_daerah_id].pk
            for i, p in enumerate(prog_by_renstra[rid][1:]):
                pk_anggaran.append(PKAnggaran(perjanjian=pk, program=p, urutan=i,
                                              anggaran=pagu_prog.get((p.pk, pk.tahun), D(0))))
        PKIndikator.objects.bulk_create(lines, batch_size=5000)
        PKAnggaran.objects.bulk_create(pk_anggaran, batch_size=5000)
        Pagu.objects.bulk_create(pagu, batch_size=5000)
        RealisasiAnggaran.objects.bulk_create(real_ang, batch_size=5000)
        return len(pagu), len(real_ang), len(pks)

    def _users(self, pemda, pds, bidang_by_pd) -> None:
        User = get_user_model()
        hashed = make_password(PASSWORD)
        users = [User(username="skala.inspektorat", password=hashed, first_name="Inspektorat"),
                 User(username="skala.admin", password=hashed, first_name="Admin skala")]
        for pd in pds:
            n = pd.slug.removeprefix(SLUG_PREFIX)
            users += [User(username=f"skala.kepala.{n}", password=hashed),
                      User(username=f"skala.perencana.{n}", password=hashed),
                      User(username=f"skala.staf.{n}", password=hashed)]
        User.objects.bulk_create(users)
        by_name = {u.username: u for u in User.objects.filter(username__startswith="skala.")}
        peran = [Peran(user=by_name["skala.inspektorat"], role=Role.INSPEKTORAT, pemda=pemda),
                 Peran(user=by_name["skala.admin"], role=Role.ADMIN, pemda=pemda)]
        for pd in pds:
            n = pd.slug.removeprefix(SLUG_PREFIX)
            peran += [
                Peran(user=by_name[f"skala.kepala.{n}"], role=Role.KEPALA, pemda=pemda,
                      perangkat_daerah=pd),
                Peran(user=by_name[f"skala.perencana.{n}"], role=Role.PERENCANA, pemda=pemda,
                      perangkat_daerah=pd),
                Peran(user=by_name[f"skala.staf.{n}"], role=Role.STAF_BIDANG, pemda=pemda,
                      perangkat_daerah=pd, bidang=bidang_by_pd[pd.pk][0]),
            ]
        Peran.objects.bulk_create(peran)
