"""Dashboard reads: where an office stands during the year, and every office side by side.

Every figure comes from the one place that computes it: target/realisasi/capaian from
``kinerja.selectors`` (which calls ``kinerja.rumus``), pagu/serapan from ``anggaran.selectors``,
categories from the office's scale (domain.md §2.6). This module only assembles them and adds
the data-quality view (missing, late and unverified realisasi) that both dashboards share, so
the office page and the pemda table always show the same counts.

Both dashboards run a fixed number of queries whatever the number of offices, indicators and
quarters (query-budget tests in ``tests/dasbor``).
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Q,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from anggaran.selectors import (
    NodeAnggaran,
    RingkasanAnggaran,
    anggaran_lintas_pd,
    ringkasan_anggaran,
)
from dasbor.models import CatatanReviu
from kinerja import rumus
from kinerja.models import PeriodeInput, PerjanjianKinerja, PKIndikator, Realisasi
from kinerja.selectors import (
    NilaiIndikator,
    capaian_rata_rata,
    hitung,
    nilai_indikator,
    nilai_indikator_lintas_pd,
    pk_indikator_berlaku,
)
from laporan.models import LaporanKinerja
from renstra.models import (
    Indikator,
    JenisNilai,
    Polaritas,
    Renstra,
    Sasaran,
    TargetIndikator,
)
from renstra.selectors import renstra_aktif, renstra_berlaku_map
from sakip.lib.angka import jumlah
from sakip.models import PerangkatDaerah

TRIWULAN = (1, 2, 3, 4)

# Deadline of a quarter's realisasi when the input period carries none: the 15th of the month
# after the quarter [PRACTICE: monev triwulanan is due early in the next month]. A Pemda sets its
# own through PeriodeInput.batas_waktu, or this default through settings.
BATAS_HARI_DEFAULT = 15


# ------------------------------------------------------------------------------------------
# Periods
# ------------------------------------------------------------------------------------------


def triwulan_selesai(tahun: int, hari_ini: datetime.date) -> int:
    """How many quarters of ``tahun`` have ended by ``hari_ini`` (0–4)."""
    if tahun < hari_ini.year:
        return 4
    if tahun > hari_ini.year:
        return 0
    return (hari_ini.month - 1) // 3


def sampai_tw_default(tahun: int, hari_ini: datetime.date) -> int:
    """The quarter a dashboard reports "s/d" by default: the last ended one (at least TW I)."""
    return max(1, triwulan_selesai(tahun, hari_ini))


def batas_waktu_default(tahun: int, triwulan: int) -> datetime.date:
    hari = getattr(settings, "SAKIP_BATAS_REALISASI_HARI", BATAS_HARI_DEFAULT)
    bulan = triwulan * 3 + 1
    if bulan > 12:
        tahun, bulan = tahun + 1, bulan - 12
    return datetime.date(tahun, bulan, min(hari, calendar.monthrange(tahun, bulan)[1]))


def tahun_berjalan(pd_ids, hari_ini: datetime.date) -> int | None:
    """The newest year up to today in which the offices have a Perjanjian Kinerja."""
    return (
        PerjanjianKinerja.objects.filter(perangkat_daerah_id__in=pd_ids, tahun__lte=hari_ini.year)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
        .first()
    )


# ------------------------------------------------------------------------------------------
# Data quality: missing, late and unverified realisasi (shared by both dashboards)
# ------------------------------------------------------------------------------------------

BELUM_DIISI = "belum_diisi"
TERLAMBAT = "terlambat"
BELUM_DIVERIFIKASI = "belum_diverifikasi"

LABEL_MASALAH = {
    BELUM_DIISI: "Belum diisi",
    TERLAMBAT: "Terlambat",
    BELUM_DIVERIFIKASI: "Belum diverifikasi",
}


@dataclass
class Masalah:
    jenis: str
    indikator_id: int
    triwulan: int
    realisasi_id: int | None = None
    bidang_id: int | None = None
    uraian: str = ""

    @property
    def label(self) -> str:
        return LABEL_MASALAH[self.jenis]


@dataclass
class KualitasRealisasi:
    """Counts of one office (or bidang) for one year, as of a date.

    * ``diharapkan``: quarters that have ended and should carry a value — every quarter of an
      active indicator with a target that year, except the quarters its PK line leaves without
      a TW target (not measured that quarter, domain.md §1.2).
    * ``belum_diisi``: expected quarters without a value (NULL is not 0, §2.7).
    * ``terlambat``: values submitted after the deadline, or still unsent past it.
    * ``belum_diverifikasi``: values not yet verified by the perencana (§9 item 16).
    """

    diharapkan: int = 0
    belum_diisi: int = 0
    terlambat: int = 0
    belum_diverifikasi: int = 0
    masalah: list[Masalah] = field(default_factory=list)

    @property
    def jumlah_masalah(self) -> int:
        return self.belum_diisi + self.terlambat + self.belum_diverifikasi

    def per_jenis(self, jenis: str) -> list[Masalah]:
        return [m for m in self.masalah if m.jenis == jenis]


def _batas_akhir(tenggat: datetime.date) -> datetime.datetime:
    """The first moment after a deadline day, local time; a submission from then on is late."""
    hari = tenggat + datetime.timedelta(days=1)
    return datetime.datetime.combine(hari, datetime.time(), tzinfo=timezone.get_current_timezone())


def _q_terlambat(batas: dict[tuple[int, int], datetime.date], renstra_by_pd: dict[int, int],
                 tahun: int, hari_ini: datetime.date) -> Q:
    """Late realisasi as one SQL condition, so counts (pemda) and lists (office) agree.

    Late = submitted after the quarter's deadline, or not sent (draft/dikembalikan) once the
    deadline has passed. Deadlines are the defaults per quarter, except where an office's input
    period sets its own (PeriodeInput.batas_waktu).
    """
    default = {tw: batas_waktu_default(tahun, tw) for tw in TRIWULAN}
    khusus = {
        (renstra_by_pd[pd_id], tw): t
        for (pd_id, tw), t in batas.items() if t != default[tw] and pd_id in renstra_by_pd
    }
    batas_expr = Case(
        *[When(Q(triwulan=tw, indikator__renstra_id=r), then=Value(_batas_akhir(t)))
          for (r, tw), t in khusus.items()],
        *[When(triwulan=tw, then=Value(_batas_akhir(default[tw]))) for tw in TRIWULAN],
        output_field=DateTimeField(),
    )
    lewat = Q(pk__in=[])  # quarters whose deadline has passed, for values still not sent
    for tw in TRIWULAN:
        khusus_tw = {r: t for (r, k), t in khusus.items() if k == tw}
        # The office's own deadlines are named only when there are some: an empty
        # ``renstra IN ()`` still joins every value to its indicator for nothing.
        if hari_ini > default[tw]:
            belum = [r for r, t in khusus_tw.items() if not hari_ini > t]
            lewat |= Q(triwulan=tw) & ~Q(indikator__renstra_id__in=belum) if belum else Q(
                triwulan=tw)
        elif sudah := [r for r, t in khusus_tw.items() if hari_ini > t]:
            lewat |= Q(triwulan=tw, indikator__renstra_id__in=sudah)
    belum_kirim = [Realisasi.Status.DRAFT, Realisasi.Status.DIKEMBALIKAN]
    return Q(submitted_at__gte=batas_expr) | (
        Q(submitted_at__isnull=True, status__in=belum_kirim) & lewat
    )


def _diukur(line) -> tuple[bool, tuple[int, ...]]:
    """(has a target, quarters measured) of an indicator's PK line in force.

    Quarters without a TW target are "not measured that quarter" when the line sets any TW
    target (domain.md §1.2); a line without TW targets is measured every quarter.
    """
    tw_target = line.target_tw_list
    ada_tw = any(t is not None for t in tw_target)
    punya = line.target_tahunan is not None or bool(line.target_tahunan_teks) or ada_tw
    if not ada_tw:
        return punya, TRIWULAN
    return punya, tuple(tw for tw in TRIWULAN if tw_target[tw - 1] is not None)


def _topeng():
    """Which quarters carry a value, as a bit mask (TW I = 1 … TW IV = 8)."""
    return Sum(Case(*[When(triwulan=tw, then=Value(1 << (tw - 1))) for tw in TRIWULAN],
                    default=Value(0)))


ADA_NILAI = Q(nilai__isnull=False) | ~Q(nilai_teks="")


def kualitas_realisasi(
    renstra_by_pd: dict[int, int],
    tahun: int,
    *,
    hari_ini: datetime.date,
    bidang_ids: set[int] | None = None,
    rinci: bool = False,
    pk_lines: dict[tuple[int, int], PKIndikator] | None = None,
) -> dict[int, KualitasRealisasi]:
    """Data quality of ``tahun`` per office ({pd_id: renstra_id}); 6 queries (4 when the
    offices' ``pk_lines`` of the year are given, as the office page does).

    ``bidang_ids`` limits to one staf's bidang; ``rinci`` (the office page) also lists every
    problem. The database does the per-row work: across offices one row per indicator comes
    back (a bit mask of the quarters carrying a value, and counts of unverified and late
    values), so 45 offices cost little more than one; for one office (``rinci``) each value
    comes back once with its late/unverified flags, and the counts and the list are both
    drawn from those rows.
    """
    out = {pd_id: KualitasRealisasi() for pd_id in renstra_by_pd}
    if not renstra_by_pd:
        return out
    pd_of_renstra = {r: pd for pd, r in renstra_by_pd.items()}
    # order_by(): the models' default orderings join up to the pemda; counting needs no order.
    ind_qs = Indikator.objects.filter(renstra_id__in=list(pd_of_renstra), aktif=True).order_by()
    if bidang_ids is not None:
        ind_qs = ind_qs.filter(bidang_id__in=bidang_ids)
    cols = ("id", "renstra_id", "bidang_id", "uraian") if rinci else ("id", "renstra_id")
    indikator = {row[0]: row for row in ind_qs.values_list(*cols)}
    ada_target = set(
        TargetIndikator.objects.filter(indikator__in=ind_qs, tahun=tahun).filter(ADA_NILAI)
        .order_by().values_list("indikator_id", flat=True)
    )
    if pk_lines is None:
        pk_lines = pk_indikator_berlaku(None, [tahun], pd_ids=list(out))
    lines = {ind_id: line for (ind_id, t), line in pk_lines.items() if t == tahun}
    batas: dict[tuple[int, int], datetime.date] = {}
    for pd_id, tw, tanggal in PeriodeInput.objects.filter(
        perangkat_daerah_id__in=list(out), tahun=tahun, batas_waktu__isnull=False
    ).values_list("perangkat_daerah_id", "triwulan", "batas_waktu"):
        batas[(pd_id, tw)] = tanggal
    terlambat = _q_terlambat(batas, renstra_by_pd, tahun, hari_ini)
    belum_verif = ~Q(status=Realisasi.Status.DIVERIFIKASI)
    real_qs = Realisasi.objects.filter(indikator__in=ind_qs, tahun=tahun).filter(
        ADA_NILAI).order_by()

    if rinci:
        topeng = _catat_masalah(real_qs, out, indikator, pd_of_renstra, belum_verif, terlambat)
    else:
        topeng = _hitung_per_indikator(real_qs, out, indikator, pd_of_renstra, belum_verif,
                                       terlambat)
    _hitung_belum_diisi(out, indikator, pd_of_renstra, lines, ada_target, topeng,
                        selesai=triwulan_selesai(tahun, hari_ini), rinci=rinci)
    if rinci:
        for k in out.values():
            k.masalah.sort(key=lambda m: (m.jenis, m.uraian, m.triwulan))
    return out


def _hitung_per_indikator(real_qs, out, indikator, pd_of_renstra, belum_verif, terlambat
                          ) -> dict[int, int]:
    """Unverified and late counts per office; returns the quarter bit mask per indicator."""
    per_indikator = real_qs.values("indikator_id").annotate(
        m=_topeng(), v=Count("id", filter=belum_verif), t=Count("id", filter=terlambat)
    ).values_list("indikator_id", "m", "v", "t")
    topeng = {}
    for ind_id, m, n_verif, n_telat in per_indikator:
        topeng[ind_id] = m
        k = out[pd_of_renstra[indikator[ind_id][1]]]
        k.belum_diverifikasi += n_verif
        k.terlambat += n_telat
    return topeng


def _catat_masalah(real_qs, out, indikator, pd_of_renstra, belum_verif, terlambat
                   ) -> dict[int, int]:
    """Each unverified or late value as a problem line, and the counts (the office page).

    One office's values are few: each comes back once with the two SQL conditions evaluated,
    so the counts are the lengths of the lists by construction. Returns the quarter bit mask
    per indicator, as :func:`_hitung_per_indikator` does (a quarter has one value per
    indicator and year, so OR-ing bits equals their sum there)."""
    topeng: dict[int, int] = {}
    for rid, ind_id, tw, telat, verif in (
        real_qs.annotate(telat=Case(When(terlambat, then=Value(True)), default=Value(False)),
                         verif=Case(When(belum_verif, then=Value(False)), default=Value(True)))
        .values_list("id", "indikator_id", "triwulan", "telat", "verif")
    ):
        topeng[ind_id] = topeng.get(ind_id, 0) | (1 << (tw - 1))
        if verif and not telat:
            continue
        row = indikator[ind_id]
        k = out[pd_of_renstra[row[1]]]
        if not verif:
            k.belum_diverifikasi += 1
            k.masalah.append(Masalah(BELUM_DIVERIFIKASI, ind_id, tw, rid, row[2], row[3]))
        if telat:
            k.terlambat += 1
            k.masalah.append(Masalah(TERLAMBAT, ind_id, tw, rid, row[2], row[3]))
    return topeng


def _hitung_belum_diisi(out, indikator, pd_of_renstra, lines, ada_target, topeng, *,
                        selesai: int, rinci: bool) -> None:
    """Expected quarters (ended, measured, with a target) and those still without a value."""
    for ind_id, row in indikator.items():
        line = lines.get(ind_id)
        punya, diukur = _diukur(line) if line else (ind_id in ada_target, TRIWULAN)
        if not punya:
            continue
        k = out[pd_of_renstra[row[1]]]
        m = topeng.get(ind_id, 0)
        for tw in diukur:
            if tw > selesai:
                continue
            k.diharapkan += 1
            if not m & (1 << (tw - 1)):
                k.belum_diisi += 1
                if rinci:
                    k.masalah.append(Masalah(BELUM_DIISI, ind_id, tw, None, row[2], row[3]))


# ------------------------------------------------------------------------------------------
# Office dashboard
# ------------------------------------------------------------------------------------------


@dataclass
class BarisIndikator:
    """One indicator on the dashboard: the year to date, per quarter, and where it is heading."""

    n: NilaiIndikator
    capaian_tw: list[Decimal | None] = field(default_factory=lambda: [None] * 4)
    kategori_tw: list[rumus.Kategori | None] = field(default_factory=lambda: [None] * 4)
    proyeksi: Decimal | None = None
    capaian_proyeksi: Decimal | None = None
    kategori_proyeksi: rumus.Kategori | None = None
    catatan_terbuka: int = 0

    @property
    def indikator(self) -> Indikator:
        return self.n.indikator

    @property
    def per_tw(self) -> list[tuple]:
        """(tw, target TW, realisasi TW, capaian s/d TW, kategori) for the quarter tables."""
        n = self.n
        return [(tw, n.target_tw[tw - 1], n.realisasi_tw[tw - 1], self.capaian_tw[tw - 1],
                 self.kategori_tw[tw - 1]) for tw in TRIWULAN]


@dataclass
class BarisSasaran:
    sasaran: Sasaran
    indikator: list[BarisIndikator]
    capaian: Decimal | None = None
    kategori: rumus.Kategori | None = None


@dataclass
class BarisProgram:
    node: NodeAnggaran
    indikator: list[BarisIndikator]
    capaian: Decimal | None = None
    kategori: rumus.Kategori | None = None

    @property
    def serapan(self) -> Decimal | None:
        return self.node.serapan


@dataclass
class Peringatan:
    kode: str
    pesan: str
    indikator_id: int | None = None


@dataclass
class DasborKantor:
    pd: PerangkatDaerah
    renstra: Renstra | None
    tahun: int
    sampai_tw: int
    triwulan_selesai: int
    hari_ini: datetime.date
    bidang_ids: set[int] | None = None
    sasaran: list[BarisSasaran] = field(default_factory=list)
    iku: list[BarisIndikator] = field(default_factory=list)
    program: list[BarisProgram] = field(default_factory=list)
    anggaran: RingkasanAnggaran | None = None
    kualitas: KualitasRealisasi = field(default_factory=KualitasRealisasi)
    peringatan: list[Peringatan] = field(default_factory=list)
    lkjip: LaporanKinerja | None = None
    catatan: list[CatatanReviu] = field(default_factory=list)
    catatan_terbuka: int = 0

    @property
    def skala(self) -> tuple[rumus.Band, ...]:
        return rumus.SKALA[self.pd.skala_kategori]

    @property
    def nama_skala(self) -> str:
        return rumus.NAMA_SKALA[self.pd.skala_kategori]

    @property
    def capaian_iku(self) -> Decimal | None:
        return capaian_rata_rata(b.n for b in self.iku)

    @property
    def kategori_iku(self) -> rumus.Kategori | None:
        return rumus.kategori(self.capaian_iku, self.pd.skala_kategori)

    @property
    def pagu(self) -> Decimal | None:
        return jumlah(p.node.pagu for p in self.program)

    @property
    def realisasi_anggaran(self) -> Decimal | None:
        return jumlah(p.node.realisasi for p in self.program)

    @property
    def serapan(self) -> Decimal | None:
        """Serapan of the programs shown (all of the office, or one staf's bidang)."""
        return rumus.serapan(self.pagu, self.realisasi_anggaran)

    @property
    def indikator_list(self) -> list[BarisIndikator]:
        seen, out = set(), []
        for b in [*self.iku, *(i for s in self.sasaran for i in s.indikator),
                  *(i for p in self.program for i in p.indikator)]:
            if b.indikator.pk not in seen:
                seen.add(b.indikator.pk)
                out.append(b)
        return out


def _salin(n: NilaiIndikator) -> NilaiIndikator:
    return NilaiIndikator(
        indikator=n.indikator, tahun=n.tahun, target=n.target, target_teks=n.target_teks,
        target_tw=list(n.target_tw), mode_tw=n.mode_tw, sumber_target=n.sumber_target,
        realisasi_tw=list(n.realisasi_tw), realisasi_teks_tw=list(n.realisasi_teks_tw),
        pembilang_tw=list(n.pembilang_tw), penyebut_tw=list(n.penyebut_tw),
    )


def baris_indikator(n: NilaiIndikator, pd: PerangkatDaerah, sampai_tw: int) -> BarisIndikator:
    """Capaian s/d each quarter (the same computation as the year to date, hitung) and the
    projected year-end value (rumus.proyeksi_akhir_tahun) with its capaian."""
    b = BarisIndikator(n=n)
    for tw in range(1, sampai_tw + 1):
        salinan = _salin(n)
        hitung(salinan, skala=pd.skala_kategori, rumus_negatif=pd.rumus_negatif, sampai_tw=tw)
        b.capaian_tw[tw - 1] = salinan.capaian
        b.kategori_tw[tw - 1] = salinan.kategori
    ind = n.indikator
    # A ratio's quarterly percentages cannot be carried forward like flows (Σnum/Σden, §2.4),
    # and predikat have no number: no projection for them.
    if ind.jenis_nilai == JenisNilai.ANGKA and n.target is not None:
        b.proyeksi = rumus.proyeksi_akhir_tahun(n.realisasi_tw[:sampai_tw], ind.agregasi)
        b.capaian_proyeksi = rumus.capaian(
            n.target, b.proyeksi,
            polaritas="negatif" if ind.polaritas == Polaritas.NEGATIF else "positif",
            rumus_negatif=ind.rumus_negatif or pd.rumus_negatif,
        )
        b.kategori_proyeksi = rumus.kategori(b.capaian_proyeksi, pd.skala_kategori)
    return b


def dasbor_kantor(
    pd: PerangkatDaerah,
    *,
    tahun: int,
    sampai_tw: int,
    hari_ini: datetime.date,
    bidang_ids: set[int] | None = None,
    dengan_catatan: bool = True,
) -> DasborKantor:
    """Everything the office dashboard shows; a fixed number of queries (≈ 20).

    ``bidang_ids`` (a staf bidang) keeps only the indicators and programs of those bidang;
    ``dengan_catatan`` adds the open review notes (not for staf bidang, access.can_read_catatan).
    """
    d = DasborKantor(pd=pd, renstra=renstra_aktif(pd, tahun), tahun=tahun, sampai_tw=sampai_tw,
                     triwulan_selesai=triwulan_selesai(tahun, hari_ini), hari_ini=hari_ini,
                     bidang_ids=bidang_ids)
    d.lkjip = (
        LaporanKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun).order_by("-versi").first()
    )
    per_indikator: dict[int | None, int] = defaultdict(int)
    if dengan_catatan:
        terbuka = CatatanReviu.objects.filter(perangkat_daerah=pd, tahun=tahun).exclude(
            status=CatatanReviu.Status.SELESAI
        )
        d.catatan = list(
            terbuka.select_related("indikator", "realisasi__indikator", "laporan", "dibuat_oleh")
            .order_by("-dibuat_pada", "-id")[:10]
        )
        # Open notes per indicator (a note on a realisasi counts for its indicator; one on the
        # LKjIP for none); their sum is the count of open notes, so one query gives both.
        for ind_id, real_ind_id, n in terbuka.order_by().values_list(
            "indikator_id", "realisasi__indikator_id"
        ).annotate(n=Count("id")):
            per_indikator[ind_id or real_ind_id] += n
        d.catatan_terbuka = sum(per_indikator.values())
    renstra = d.renstra
    if renstra is None:
        return d

    ind_qs = (
        Indikator.objects.filter(renstra=renstra, aktif=True)
        .filter(Q(is_iku=True) | Q(sasaran__isnull=False) | Q(program__isnull=False))
        .select_related("bidang")
        .order_by("urutan", "id")
    )
    if bidang_ids is not None:
        ind_qs = ind_qs.filter(bidang_id__in=bidang_ids)
    indikator = list(ind_qs)
    # The PK lines in force are read once for the values and the data-quality counts.
    pk_lines = pk_indikator_berlaku(None, [tahun], pd_ids=[pd.pk])
    nilai = nilai_indikator(indikator, [tahun], perangkat_daerah=pd, sampai_tw=sampai_tw,
                            dengan_objek=False, pk_lines=pk_lines)
    baris = {i.pk: baris_indikator(nilai[(i.pk, tahun)], pd, sampai_tw) for i in indikator}
    for ind_id, b in baris.items():
        b.catatan_terbuka = per_indikator.get(ind_id, 0)

    d.iku = [baris[i.pk] for i in indikator if i.is_iku]
    per_sasaran: dict[int, list[BarisIndikator]] = defaultdict(list)
    per_program: dict[int, list[BarisIndikator]] = defaultdict(list)
    for i in indikator:
        if i.sasaran_id:
            per_sasaran[i.sasaran_id].append(baris[i.pk])
        if i.program_id:
            per_program[i.program_id].append(baris[i.pk])
    for s in Sasaran.objects.filter(pk__in=list(per_sasaran)).order_by(
        "tujuan__urutan", "tujuan_id", "urutan", "id"
    ):
        rows = per_sasaran[s.pk]
        cap = capaian_rata_rata(b.n for b in rows)
        d.sasaran.append(BarisSasaran(s, rows, cap, rumus.kategori(cap, pd.skala_kategori)))

    d.anggaran = ringkasan_anggaran(renstra, tahun, sampai_tw=sampai_tw)
    for node in d.anggaran.program:
        if bidang_ids is not None and node.bidang_id not in bidang_ids:
            continue
        rows = per_program.get(node.id, [])
        cap = capaian_rata_rata(b.n for b in rows)
        d.program.append(BarisProgram(node, rows, cap, rumus.kategori(cap, pd.skala_kategori)))

    d.kualitas = kualitas_realisasi({pd.pk: renstra.pk}, tahun, hari_ini=hari_ini,
                                    bidang_ids=bidang_ids, rinci=True,
                                    pk_lines=pk_lines)[pd.pk]
    d.peringatan = _peringatan(d)
    return d


def _peringatan(d: DasborKantor) -> list[Peringatan]:
    """Warnings beside the counts: sanity checks of domain.md §9 items 13, 19 and §2.7."""
    out = []
    for b in d.indikator_list:
        ind = b.indikator
        if b.n.target is None and not b.n.target_teks:
            out.append(Peringatan("TANPA_TARGET", f"{ind.uraian}: belum ada target {d.tahun}.",
                                  ind.pk))
        elif b.n.capaian is not None and b.n.capaian > 200:
            out.append(Peringatan(
                "CAPAIAN_200",
                f"{ind.uraian}: capaian di atas 200 %; periksa target dan realisasinya.",
                ind.pk,
            ))
    if d.anggaran is not None:
        for p in d.anggaran.peringatan:
            out.append(Peringatan(p.kode, p.pesan))
    return out


# ------------------------------------------------------------------------------------------
# Pemda dashboard
# ------------------------------------------------------------------------------------------


@dataclass
class BarisPemda:
    pd: PerangkatDaerah
    renstra_id: int | None = None
    jumlah_iku: int = 0
    iku_terukur: int = 0
    capaian_iku: Decimal | None = None
    kategori: rumus.Kategori | None = None
    pagu: Decimal | None = None
    realisasi_anggaran: Decimal | None = None
    kualitas: KualitasRealisasi = field(default_factory=KualitasRealisasi)
    lkjip_status: str | None = None
    lkjip_versi: int | None = None
    catatan_terbuka: int = 0

    @property
    def serapan(self) -> Decimal | None:
        return rumus.serapan(self.pagu, self.realisasi_anggaran)

    @property
    def lkjip_label(self) -> str:
        if self.lkjip_status is None:
            return "Belum ada"
        return LaporanKinerja.Status(self.lkjip_status).label


URUTAN_LKJIP = {None: 0, "draft": 1, "reviu": 2, "ditetapkan": 3}

KUNCI_URUT = {
    "nama": lambda b: b.pd.nama.lower(),
    "capaian": lambda b: b.capaian_iku,
    "serapan": lambda b: b.serapan,
    "belum_diisi": lambda b: b.kualitas.belum_diisi,
    "terlambat": lambda b: b.kualitas.terlambat,
    "belum_diverifikasi": lambda b: b.kualitas.belum_diverifikasi,
    "lkjip": lambda b: URUTAN_LKJIP[b.lkjip_status],
    "catatan": lambda b: b.catatan_terbuka,
}


def urutkan(rows: list[BarisPemda], kunci: str, turun: bool) -> list[BarisPemda]:
    """Sort by a column; offices without a value go last in either direction (NULL ≠ 0)."""
    fn = KUNCI_URUT[kunci]
    ada = [r for r in rows if fn(r) is not None]
    kosong = [r for r in rows if fn(r) is None]
    ada.sort(key=lambda r: (fn(r), r.pd.nama.lower()), reverse=turun)
    kosong.sort(key=lambda r: r.pd.nama.lower())
    return ada + kosong


def dasbor_pemda(
    pd_qs, *, tahun: int, sampai_tw: int, hari_ini: datetime.date
) -> list[BarisPemda]:
    """Every office side by side for a year; a fixed number of queries (≈ 18) for any count."""
    pds = list(pd_qs.order_by("nama"))
    pd_ids = [pd.pk for pd in pds]
    rows = {pd.pk: BarisPemda(pd=pd) for pd in pds}
    renstra = renstra_berlaku_map(pd_ids, tahun)
    for pd_id, r in renstra.items():
        rows[pd_id].renstra_id = r.pk

    iku = list(
        Indikator.objects.filter(renstra_id__in=[r.pk for r in renstra.values()], is_iku=True,
                                 aktif=True)
        .select_related("renstra__perangkat_daerah")
    )
    nilai = nilai_indikator_lintas_pd(iku, [tahun], sampai_tw=sampai_tw)
    per_pd: dict[int, list[NilaiIndikator]] = defaultdict(list)
    for ind in iku:
        per_pd[ind.renstra.perangkat_daerah_id].append(nilai[(ind.pk, tahun)])
    for pd_id, daftar in per_pd.items():
        row = rows[pd_id]
        row.jumlah_iku = len(daftar)
        row.iku_terukur = sum(1 for n in daftar if n.capaian is not None)
        row.capaian_iku = capaian_rata_rata(daftar)
        row.kategori = rumus.kategori(row.capaian_iku, row.pd.skala_kategori)

    anggaran = anggaran_lintas_pd([r.pk for r in renstra.values()], tahun, sampai_tw=sampai_tw)
    for pd_id, r in renstra.items():
        ringkas = anggaran[r.pk]
        rows[pd_id].pagu = ringkas.pagu
        rows[pd_id].realisasi_anggaran = ringkas.realisasi

    kualitas = kualitas_realisasi({pd_id: r.pk for pd_id, r in renstra.items()}, tahun,
                                  hari_ini=hari_ini)
    for pd_id, k in kualitas.items():
        rows[pd_id].kualitas = k

    for pd_id, versi, status in (
        LaporanKinerja.objects.filter(perangkat_daerah_id__in=pd_ids, tahun=tahun)
        .order_by("perangkat_daerah_id", "versi")
        .values_list("perangkat_daerah_id", "versi", "status")
    ):
        rows[pd_id].lkjip_versi, rows[pd_id].lkjip_status = versi, status  # last version wins

    for pd_id, n in (
        CatatanReviu.objects.filter(perangkat_daerah_id__in=pd_ids, tahun=tahun)
        .exclude(status=CatatanReviu.Status.SELESAI)
        .values_list("perangkat_daerah_id")
        .annotate(n=Count("id"))
    ):
        rows[pd_id].catatan_terbuka = n
    return [rows[pd.pk] for pd in pds]


def ringkasan_pemda(rows: list[BarisPemda]) -> dict:
    """Totals under the pemda table: money summed from raw rows (§9 item 12)."""
    pagu = [r.pagu for r in rows if r.pagu is not None]
    real = [r.realisasi_anggaran for r in rows if r.realisasi_anggaran is not None]
    total_pagu = sum(pagu, Decimal(0)) if pagu else None
    total_real = sum(real, Decimal(0)) if real else None
    return {
        "pagu": total_pagu,
        "realisasi": total_real,
        "serapan": rumus.serapan(total_pagu, total_real),
        "belum_diisi": sum(r.kualitas.belum_diisi for r in rows),
        "terlambat": sum(r.kualitas.terlambat for r in rows),
        "belum_diverifikasi": sum(r.kualitas.belum_diverifikasi for r in rows),
        "catatan": sum(r.catatan_terbuka for r in rows),
    }
