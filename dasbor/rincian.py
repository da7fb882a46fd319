"""Reads of the drill-down pages (sasaran → indikator → realisasi) and of the review notes.

The dashboards themselves are read by ``dasbor.selectors``; these functions feed the pages
behind them. Every function takes objects the view has already fetched and checked through
``sakip.access`` (the querysets here are scoped to one perangkat daerah).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Q, QuerySet
from django.urls import NoReverseMatch, reverse

from anggaran.selectors import NodeAnggaran, ringkasan_anggaran
from dasbor.models import CatatanReviu
from dasbor.selectors import BarisIndikator, baris_indikator
from kinerja import rumus
from kinerja.models import BuktiDukung, Realisasi
from kinerja.selectors import NilaiIndikator, capaian_rata_rata, nilai_indikator
from laporan.models import LaporanKinerja
from renstra.models import Indikator, Sasaran
from sakip import audit
from sakip.lib.angka import format_angka
from sakip.models import Bidang, JejakAudit, PerangkatDaerah

# --- periods and access lookups -------------------------------------------------------------


def bidang_list(pd: PerangkatDaerah, bidang_ids) -> list[Bidang]:
    return list(pd.bidang_set.filter(pk__in=bidang_ids))


def sasaran_qs(pd: PerangkatDaerah) -> QuerySet[Sasaran]:
    return Sasaran.objects.select_related("tujuan__renstra").filter(
        tujuan__renstra__perangkat_daerah=pd)


def indikator_qs(pd: PerangkatDaerah) -> QuerySet[Indikator]:
    return Indikator.objects.select_related(
        "renstra", "bidang", "sasaran", "program", "kegiatan", "subkegiatan", "tujuan",
    ).filter(renstra__perangkat_daerah=pd)


def realisasi_qs(pd: PerangkatDaerah) -> QuerySet[Realisasi]:
    return Realisasi.objects.select_related(
        "indikator__renstra", "indikator__bidang", "entered_by", "verified_by",
        "pk_indikator__perjanjian",
    ).filter(indikator__renstra__perangkat_daerah=pd)


# --- drill-down ---------------------------------------------------------------------------------


@dataclass
class RincianSasaran:
    baris: list[BarisIndikator]
    capaian: Decimal | None
    kategori: rumus.Kategori | None
    program: list[NodeAnggaran]


def rincian_sasaran(sasaran: Sasaran, pd: PerangkatDaerah, tahun: int,
                    tw: int) -> RincianSasaran:
    """A sasaran's indicators to date (capaian = mean of the active ones, domain.md §9 item 6)
    and the programs that support it (§3 rule 2)."""
    indikator = list(sasaran.indikator_set.select_related("bidang")
                     .order_by("-aktif", "urutan", "id"))
    nilai = nilai_indikator(indikator, [tahun], perangkat_daerah=pd, sampai_tw=tw)
    baris = [baris_indikator(nilai[(i.pk, tahun)], pd, tw) for i in indikator]
    capaian = capaian_rata_rata(b.n for b in baris if b.indikator.aktif)
    anggaran = ringkasan_anggaran(sasaran.tujuan.renstra, tahun, sampai_tw=tw)
    program_ids = set(sasaran.program_set.values_list("pk", flat=True))
    return RincianSasaran(
        baris=baris, capaian=capaian, kategori=rumus.kategori(capaian, pd.skala_kategori),
        program=[p for p in anggaran.program if p.id in program_ids],
    )


@dataclass
class RincianIndikator:
    tahun: int
    b: BarisIndikator
    kuartal: list[dict]
    per_tahun: list[NilaiIndikator]


def rincian_indikator(ind: Indikator, pd: PerangkatDaerah, tahun: int) -> RincianIndikator:
    """One indicator: the year asked for (its Renstra's last year when outside the Renstra),
    each quarter with its evidence count, and every year of the Renstra."""
    tahun_list = ind.renstra.tahun_list
    if tahun not in tahun_list:
        tahun = tahun_list[-1]
    semua = nilai_indikator([ind], tahun_list, perangkat_daerah=pd)
    b = baris_indikator(semua[(ind.pk, tahun)], pd, 4)
    real_ids = [r.pk for r in b.n.realisasi_obj_tw if r is not None]
    bukti = dict(
        BuktiDukung.objects.filter(realisasi_id__in=real_ids).values_list("realisasi_id")
        .annotate(n=Count("id"))
    )
    kuartal = [
        {"tw": tw, "target": b.n.target_tw[tw - 1], "realisasi": b.n.realisasi_obj_tw[tw - 1],
         "capaian": b.capaian_tw[tw - 1], "kategori": b.kategori_tw[tw - 1],
         "bukti": bukti.get(getattr(b.n.realisasi_obj_tw[tw - 1], "pk", None), 0)}
        for tw in (1, 2, 3, 4)
    ]
    return RincianIndikator(tahun=tahun, b=b, kuartal=kuartal,
                            per_tahun=[semua[(ind.pk, t)] for t in tahun_list])


@dataclass
class RincianRealisasi:
    n: NilaiIndikator
    target_tw: Decimal | None
    bukti: list[BuktiDukung]
    riwayat: list[JejakAudit]


def rincian_realisasi(r: Realisasi, pd: PerangkatDaerah) -> RincianRealisasi:
    """One quarter's value: the capaian up to that quarter, its evidence files (with their
    download link) and its audit trail in Indonesian (domain.md §9 item 17)."""
    n = nilai_indikator([r.indikator], [r.tahun], perangkat_daerah=pd,
                        sampai_tw=r.triwulan)[(r.indikator.pk, r.tahun)]
    bukti = list(r.bukti_set.select_related("uploaded_by").order_by("uploaded_at", "id"))
    for x in bukti:
        x.url_unduh = _url_bukti(x, pd)
    riwayat = list(audit.riwayat(r))
    for j in riwayat:
        j.kolom_tampil = _kolom_audit(j.field)
        j.lama_tampil = _nilai_audit(j.field, j.nilai_lama, r.indikator.desimal)
        j.baru_tampil = _nilai_audit(j.field, j.nilai_baru, r.indikator.desimal)
    return RincianRealisasi(n=n, target_tw=n.target_tw[r.triwulan - 1], bukti=bukti,
                            riwayat=riwayat)


ANGKA_AUDIT = {"nilai", "pembilang", "penyebut"}


def _nilai_audit(kolom: str, teks: str | None, desimal: int) -> str:
    """Audit values are stored as machine text; show them the Indonesian way (§8.1)."""
    if teks is None or teks == "":
        return "—"
    if kolom in ANGKA_AUDIT:
        try:
            return format_angka(Decimal(teks), desimal)
        except InvalidOperation:
            return teks
    if kolom == "status" and teks in Realisasi.Status.values:
        return str(Realisasi.Status(teks).label)
    return teks


def _kolom_audit(kolom: str) -> str:
    """The field's Indonesian label (verbose_name), e.g. "faktor pendukung"."""
    try:
        return str(Realisasi._meta.get_field(kolom).verbose_name)
    except FieldDoesNotExist:
        return kolom.replace("_", " ")


def _url_bukti(bukti: BuktiDukung, pd: PerangkatDaerah) -> str | None:
    """The evidence download of the realisasi pages (kinerja:bukti-unduh), when it exists."""
    for kwargs in ({"pk": bukti.pk}, {"slug": pd.slug, "pk": bukti.pk}):
        try:
            return reverse("kinerja:bukti-unduh", kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None


# --- review notes -----------------------------------------------------------------------------


def _catatan_list(qs: QuerySet[CatatanReviu]) -> list[CatatanReviu]:
    return list(
        qs.select_related("dibuat_oleh", "indikator", "realisasi__indikator", "laporan")
        .annotate(jumlah_langkah=Count("riwayat_set"))
        .order_by("status", "-dibuat_pada", "-id")
    )


def catatan_sasaran(indikator: list[Indikator], tahun: int) -> list[CatatanReviu]:
    """Notes of the year on these indicators or on their realisasi."""
    return _catatan_list(CatatanReviu.objects.filter(
        Q(indikator__in=indikator) | Q(realisasi__indikator__in=indikator), tahun=tahun))


def catatan_indikator(ind: Indikator) -> list[CatatanReviu]:
    """Every note on the indicator or on one of its realisasi, whatever the year."""
    return _catatan_list(CatatanReviu.objects.filter(Q(indikator=ind)
                                                     | Q(realisasi__indikator=ind)))


def catatan_realisasi(r: Realisasi) -> list[CatatanReviu]:
    return _catatan_list(CatatanReviu.objects.filter(realisasi=r))


def target_catatan(pd: PerangkatDaerah, jenis: str,
                   objek: int) -> Indikator | Realisasi | LaporanKinerja | None:
    """The object a note is written on, which must belong to ``pd`` (None otherwise)."""
    if jenis == CatatanReviu.Jenis.INDIKATOR:
        qs = Indikator.objects.select_related("renstra__perangkat_daerah").filter(
            renstra__perangkat_daerah=pd)
    elif jenis == CatatanReviu.Jenis.REALISASI:
        qs = Realisasi.objects.select_related("indikator__renstra__perangkat_daerah").filter(
            indikator__renstra__perangkat_daerah=pd)
    elif jenis == CatatanReviu.Jenis.LAPORAN:
        qs = LaporanKinerja.objects.select_related("perangkat_daerah").filter(
            perangkat_daerah=pd)
    else:
        return None
    return qs.filter(pk=objek).first()


def catatan_daftar(pd_list, status: str) -> tuple[QuerySet[CatatanReviu], str]:
    """Notes of these offices, newest first; ``status`` "aktif" (not yet resolved), one status,
    or anything else for all of them ("semua"). Returns the queryset and the status applied."""
    qs = CatatanReviu.objects.filter(perangkat_daerah__in=pd_list)
    if status == "aktif":
        qs = qs.exclude(status=CatatanReviu.Status.SELESAI)
    elif status in CatatanReviu.Status.values:
        qs = qs.filter(status=status)
    else:
        status = "semua"
    qs = qs.select_related("perangkat_daerah", "dibuat_oleh", "indikator",
                           "realisasi__indikator", "laporan").order_by("-dibuat_pada", "-id")
    return qs, status


def catatan_qs() -> QuerySet[CatatanReviu]:
    """A note with everything its page shows (access is checked on its perangkat daerah)."""
    return CatatanReviu.objects.select_related(
        "perangkat_daerah__pemda", "indikator__renstra", "realisasi__indikator", "laporan",
        "dibuat_oleh", "diselesaikan_oleh",
    )


def riwayat_catatan(c: CatatanReviu) -> list:
    return list(c.riwayat_set.select_related("user"))
