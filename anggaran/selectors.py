"""Budget reads: pagu efektif and realisasi per node, rolled up program ← kegiatan ← sub kegiatan.

One place computes "the pagu of a node" so the tree page, the budget page, the LKjIP (Tabel 3.7)
and the dashboards agree: ``anggaran_lintas_pd`` reads many offices, ``ringkasan_anggaran`` is
that read for one office in full detail. Rules (domain.md §8.3, §9 item 13):

* pagu efektif = the latest tahap (murni < pergeseran-n < perubahan) on or before a date;
* a node's value is its own line when the documents give one, else the sum of its children;
  when both exist and differ, the node's own value wins and a warning names both amounts;
* NULL is not zero: a node with no line and no children with lines has no pagu (None).

Fixed number of queries whatever the size: one office 5 (the tree 3, pagu 1, realisasi 1),
many offices 7.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404

from anggaran.models import (
    Pagu,
    RealisasiAnggaran,
    Tahap,
    peringkat_tahap,
    peringkat_tahap_db,
)
from kinerja import rumus
from renstra.models import Kegiatan, Program, Renstra, SubKegiatan
from sakip.lib.angka import format_rupiah, jumlah
from sakip.models import JejakAudit

LEVELS = ("program", "kegiatan", "subkegiatan")


@dataclass
class Peringatan:
    kode: str
    pesan: str


@dataclass
class NodeAnggaran:
    level: str
    id: int
    kode: str
    nama: str
    bidang_id: int | None = None
    pagu: Decimal | None = None
    pagu_murni: Decimal | None = None
    realisasi: Decimal | None = None
    realisasi_tw: list[Decimal | None] = field(default_factory=lambda: [None] * 4)
    children: list[NodeAnggaran] = field(default_factory=list)
    pagu_langsung: bool = False

    @property
    def serapan(self) -> Decimal | None:
        return rumus.serapan(self.pagu, self.realisasi)

    @property
    def pagu_berubah(self) -> bool:
        return (
            self.pagu is not None and self.pagu_murni is not None and self.pagu != self.pagu_murni
        )

    def selisih_rincian(self, attr: str) -> tuple[Decimal, Decimal] | None:
        """(this level's amount, the sum of its children) when a level carrying its own line
        disagrees with its rincian (domain.md §9 item 13); None when they agree or one is
        missing. Read after the roll-up, where a level without its own line holds the sum."""
        if not self.children:
            return None
        anak = jumlah(getattr(c, attr) for c in self.children)
        nilai = getattr(self, attr)
        if anak is None or nilai is None or anak == nilai:
            return None
        return nilai, anak

    @property
    def melebihi_pagu(self) -> bool:
        """Spending above the pagu in force (refused on entry; warned when the lines say so)."""
        return self.pagu is not None and self.realisasi is not None and self.realisasi > self.pagu


@dataclass
class RingkasanAnggaran:
    tahun: int
    program: list[NodeAnggaran]
    peringatan: list[Peringatan]

    @property
    def pagu(self) -> Decimal | None:
        return jumlah(p.pagu for p in self.program)

    @property
    def pagu_murni(self) -> Decimal | None:
        return jumlah(p.pagu_murni for p in self.program)

    @property
    def realisasi(self) -> Decimal | None:
        return jumlah(p.realisasi for p in self.program)

    @property
    def serapan(self) -> Decimal | None:
        return rumus.serapan(self.pagu, self.realisasi)

    def node(self, level: str, pk: int) -> NodeAnggaran | None:
        return self._index.get((level, pk))

    def __post_init__(self) -> None:
        self._index: dict[tuple[str, int], NodeAnggaran] = {}
        stack = list(self.program)
        while stack:
            n = stack.pop()
            self._index[(n.level, n.id)] = n
            stack.extend(n.children)


def _milik_per_tingkat(renstra_ids: list[int], *, tingkat=LEVELS) -> list[Q]:
    """One condition per owner level: ``level IN (subquery)`` keeps that owner's FK index
    usable; three LEFT JOIN chains OR-ed together do not."""
    pilih = {
        "program": Program.objects.filter(renstra_id__in=renstra_ids),
        "kegiatan": Kegiatan.objects.filter(program__renstra_id__in=renstra_ids),
        "subkegiatan": SubKegiatan.objects.filter(kegiatan__program__renstra_id__in=renstra_ids),
    }
    return [Q(**{f"{level}__in": pilih[level].values("id")}) for level in tingkat]


def _milik(renstra_ids: list[int], *, tingkat=LEVELS) -> Q:
    q = Q()
    for bagian in _milik_per_tingkat(renstra_ids, tingkat=tingkat):
        q |= bagian
    return q


def _per_tingkat(qs, bagian: list[Q]):
    """``qs`` restricted to each owner level in turn and the parts joined by UNION ALL (an
    owner has exactly one level, so no line is counted twice). PostgreSQL cannot use the owner
    indexes for ``a IN (…) OR b IN (…) OR c IN (…)`` and scans every budget line of every
    office instead (measured on the scale data: 31 ms → 2 ms for one office)."""
    first, *rest = [qs.filter(q) for q in bagian]
    return first.union(*rest, all=True) if rest else first


def milik_renstra(renstra: Renstra) -> Q:
    """Budget lines (pagu or realisasi) owned by a node of ``renstra``."""
    return _milik([renstra.pk])


def _owner_key(row: dict) -> tuple[str, int]:
    for level in LEVELS:
        if row.get(f"{level}_id"):
            return (level, row[f"{level}_id"])
    raise ValueError("baris anggaran tanpa pemilik")


def tahun_anggaran_terakhir(renstra: Renstra) -> int | None:
    return (
        Pagu.objects.filter(milik_renstra(renstra))
        .order_by("-tahun")
        .values_list("tahun", flat=True)
        .first()
    )


def tahun_bawaan(pd, tahun_list: list[int], hari_ini: int) -> int | None:
    """A year picker's default over every Renstra of the office: its newest budget year, else
    ``hari_ini``'s year, else the first year of ``tahun_list`` (1 query)."""
    if not tahun_list:
        return None
    terakhir = (Pagu.objects.filter(_milik(Renstra.objects.filter(perangkat_daerah=pd)
                                           .values("pk")))
                .order_by("-tahun").values_list("tahun", flat=True).first())
    if terakhir in tahun_list:
        return terakhir
    return hari_ini if hari_ini in tahun_list else tahun_list[0]


def pagu_efektif(pemilik, tahun: int) -> Decimal | None:
    """The pagu in force of one node: its latest tahap of the year (domain.md §8.3)."""
    rows = Pagu.objects.filter(**{pemilik._meta.model_name: pemilik, "tahun": tahun})
    best = max(rows, key=lambda p: p.urutan_efektif, default=None)
    return best.nilai if best else None


# --- the roll-up: one core for one office and for many ----------------------------------------

# In the multi-office read the sub kegiatan of a kegiatan stand as one summed child (see
# ``anggaran_lintas_pd``); this level names that child.
JUMLAH_SUB = "jumlah_subkegiatan"

Kunci = tuple[str, int]


@dataclass
class _Angka:
    """The budget lines of many Renstra, per owner, as the roll-up consumes them."""

    efektif: dict[Kunci, Decimal] = field(default_factory=dict)
    murni: dict[Kunci, Decimal] = field(default_factory=dict)
    realisasi: dict[Kunci, Decimal] = field(default_factory=dict)
    realisasi_tw: dict[Kunci, list[Decimal | None]] | None = None


def _pohon(renstra_ids: list[int], *, rinci: bool) -> dict[int, list[NodeAnggaran]]:
    """Program → kegiatan → sub kegiatan per Renstra, in code order. Without ``rinci`` each
    kegiatan gets one ``JUMLAH_SUB`` child instead of its sub kegiatan (2 queries, else 3)."""
    programs: dict[int, NodeAnggaran] = {}
    per_renstra: dict[int, list[NodeAnggaran]] = defaultdict(list)
    for pid, kode, nama, bidang_id, rid in (
        Program.objects.filter(renstra_id__in=renstra_ids).order_by("renstra_id", "urutan", "kode")
        .values_list("id", "kode", "nama", "bidang_id", "renstra_id")
    ):
        node = NodeAnggaran("program", pid, kode, nama, bidang_id)
        programs[pid] = node
        per_renstra[rid].append(node)
    kegiatan: dict[int, NodeAnggaran] = {}
    for kid, kode, nama, bidang_id, pid in (
        Kegiatan.objects.filter(program__renstra_id__in=renstra_ids).order_by("kode")
        .values_list("id", "kode", "nama", "bidang_id", "program_id")
    ):
        node = NodeAnggaran("kegiatan", kid, kode, nama, bidang_id)
        if not rinci:
            node.children.append(NodeAnggaran(JUMLAH_SUB, kid, f"{kode}.*", "sub kegiatan"))
        kegiatan[kid] = node
        programs[pid].children.append(node)
    if rinci:
        for sid, kode, nama, bidang_id, kid in (
            SubKegiatan.objects.filter(kegiatan__program__renstra_id__in=renstra_ids)
            .order_by("kode").values_list("id", "kode", "nama", "bidang_id", "kegiatan_id")
        ):
            kegiatan[kid].children.append(
                NodeAnggaran("subkegiatan", sid, kode, nama, bidang_id))
    return per_renstra


def struktur(renstra: Renstra) -> list[NodeAnggaran]:
    """Program → kegiatan → sub kegiatan of a Renstra, in code order (3 queries)."""
    return _pohon([renstra.pk], rinci=True).get(renstra.pk, [])


def _pagu(tahun: int, sampai: datetime.date | None):
    qs = Pagu.objects.filter(tahun=tahun)
    return qs if sampai is None else qs.exclude(tanggal_dokumen__gt=sampai)


def _pagu_per_pemilik(angka: _Angka, bagian: list[Q], tahun: int, sampai) -> None:
    """Pagu efektif and murni of each owner in ``bagian`` (1 query)."""
    rank: dict[Kunci, tuple[int, int]] = {}
    for row in _per_tingkat(_pagu(tahun, sampai).order_by().values(
        "program_id", "kegiatan_id", "subkegiatan_id", "tahap", "urutan_tahap", "nilai"
    ), bagian):
        key = _owner_key(row)
        r = peringkat_tahap(row["tahap"], row["urutan_tahap"])
        if key not in rank or r > rank[key]:
            rank[key], angka.efektif[key] = r, row["nilai"]
        if row["tahap"] == Tahap.MURNI:
            angka.murni[key] = row["nilai"]


def _realisasi_per_pemilik(angka: _Angka, bagian: list[Q], tahun: int, sampai_tw: int
                           ) -> None:
    """Spending of each owner in ``bagian`` (1 query); per quarter (not cumulative, months
    summed into their quarter) when ``angka.realisasi_tw`` is kept."""
    kolom = ["program_id", "kegiatan_id", "subkegiatan_id"]
    if angka.realisasi_tw is not None:
        kolom.append("triwulan")
    bagian_qs = [
        RealisasiAnggaran.objects.filter(q, tahun=tahun, triwulan__lte=sampai_tw).order_by()
        .values(*kolom).annotate(total=Sum("nilai"))
        for q in bagian
    ]
    first, *rest = bagian_qs
    for row in (first.union(*rest, all=True) if rest else first):
        key = _owner_key(row)
        angka.realisasi[key] = angka.realisasi.get(key, Decimal(0)) + row["total"]
        if angka.realisasi_tw is not None:
            tw = angka.realisasi_tw.setdefault(key, [None] * 4)
            i = row["triwulan"] - 1
            tw[i] = (tw[i] or Decimal(0)) + row["total"]


def _angka_sub_per_kegiatan(angka: _Angka, renstra_ids: list[int], tahun: int, sampai,
                            sampai_tw: int) -> None:
    """The sub kegiatan lines summed per kegiatan by the database (3 queries).

    A sub kegiatan has no children, so its value is its own line, and their sum is exactly what
    the roll-up adds for the kegiatan."""
    lebih_baru = _pagu(tahun, sampai).filter(
        subkegiatan=OuterRef("subkegiatan")
    ).annotate(r=peringkat_tahap_db()).filter(r__gt=OuterRef("r"))
    for kid, ef, mu in (
        _pagu(tahun, sampai).filter(subkegiatan__kegiatan__program__renstra_id__in=renstra_ids)
        .annotate(r=peringkat_tahap_db()).order_by()
        .values("subkegiatan__kegiatan_id")
        .annotate(ef=Sum("nilai", filter=~Exists(lebih_baru)),
                  mu=Sum("nilai", filter=Q(tahap=Tahap.MURNI)))
        .values_list("subkegiatan__kegiatan_id", "ef", "mu")
    ):
        if ef is not None:
            angka.efektif[(JUMLAH_SUB, kid)] = ef
        if mu is not None:
            angka.murni[(JUMLAH_SUB, kid)] = mu
    real_sub = RealisasiAnggaran.objects.filter(
        subkegiatan__kegiatan__program__renstra_id__in=renstra_ids, subkegiatan__isnull=False,
        tahun=tahun, triwulan__lte=sampai_tw,
    ).order_by()
    # Quarterly and monthly rows apart: each then matches its partial unique index
    # (owner, tahun, triwulan|bulan) instead of walking every year of every sub kegiatan.
    for bagian in (real_sub.filter(bulan__isnull=True), real_sub.filter(bulan__isnull=False)):
        for kid, total in bagian.values("subkegiatan__kegiatan_id").annotate(
            total=Sum("nilai")
        ).values_list("subkegiatan__kegiatan_id", "total"):
            key = (JUMLAH_SUB, kid)
            angka.realisasi[key] = angka.realisasi.get(key, Decimal(0)) + total


def _rollup(node: NodeAnggaran, attr: str, langsung: dict[Kunci, Decimal]) -> Decimal | None:
    """A level's own line, else the sum of its children (NULL-aware), set on every node."""
    jumlah_anak = jumlah([_rollup(c, attr, langsung) for c in node.children])
    own = langsung.get((node.level, node.id))
    if own is not None and attr == "pagu":
        node.pagu_langsung = True
    value = own if own is not None else jumlah_anak
    setattr(node, attr, value)
    return value


def _peringatan_rincian(node: NodeAnggaran, attr: str, label: str, tahun: int,
                        out: list[Peringatan]) -> None:
    for c in node.children:
        _peringatan_rincian(c, attr, label, tahun, out)
    selisih = node.selisih_rincian(attr)
    if selisih is not None:
        own, anak = selisih
        out.append(Peringatan(
            node.kode,
            f"{label} {tahun} {node.kode} {node.nama}: {format_rupiah(own)} berbeda dari "
            f"jumlah rinciannya {format_rupiah(anak)}.",
        ))


def _ringkas(programs: list[NodeAnggaran], tahun: int, angka: _Angka) -> RingkasanAnggaran:
    """Roll the lines up the tree of one Renstra and name what does not add up."""
    peringatan: list[Peringatan] = []
    for p in programs:
        _rollup(p, "pagu", angka.efektif)
        _rollup(p, "pagu_murni", angka.murni)
        _rollup(p, "realisasi", angka.realisasi)
        _peringatan_rincian(p, "pagu", "Pagu", tahun, peringatan)
        _peringatan_rincian(p, "realisasi", "Realisasi anggaran", tahun, peringatan)
    stack = list(programs)
    order = []
    while stack:
        n = stack.pop()
        order.append(n)
        stack.extend(n.children)
    for n in reversed(order):
        if angka.realisasi_tw is not None:
            # Quarterly realisasi: the node's own line, else its children summed.
            own = angka.realisasi_tw.get((n.level, n.id))
            if own is not None:
                n.realisasi_tw = list(own)
            elif n.children:
                n.realisasi_tw = [jumlah(c.realisasi_tw[i] for c in n.children)
                                  for i in range(4)]
        if n.level == JUMLAH_SUB:
            continue
        if n.melebihi_pagu:
            peringatan.append(
                Peringatan(
                    n.kode,
                    f"Realisasi {n.kode} {n.nama} {format_rupiah(n.realisasi)} melebihi pagu "
                    f"{format_rupiah(n.pagu)}.",
                )
            )
    return RingkasanAnggaran(tahun=tahun, program=programs, peringatan=peringatan)


def anggaran_lintas_pd(
    renstra_ids,
    tahun: int,
    *,
    sampai_tw: int = 4,
    sampai: datetime.date | None = None,
    rinci: bool = False,
) -> dict[int, RingkasanAnggaran]:
    """Pagu (efektif and murni), realisasi and serapan of every node of many Renstra, with
    integrity warnings (domain.md §8.3, §9 item 13); ``sampai`` limits pagu by document date.

    ``rinci`` (one office's pages): every sub kegiatan and the quarterly split, 5 queries.
    Otherwise (the pemda dashboard) the database sums the sub kegiatan lines per kegiatan, which
    stand in the tree as one child per kegiatan: totals only, 7 queries whatever the size.
    """
    renstra_ids = list(renstra_ids)
    per_renstra = _pohon(renstra_ids, rinci=rinci)
    if rinci:
        angka = _Angka(realisasi_tw={})
        bagian = _milik_per_tingkat(renstra_ids)
    else:
        angka = _Angka()
        _angka_sub_per_kegiatan(angka, renstra_ids, tahun, sampai, sampai_tw)
        # Lines given at kegiatan or program level (an LKjIP may give only those, Gowa
        # Tabel 3.7).
        bagian = _milik_per_tingkat(renstra_ids, tingkat=("program", "kegiatan"))
    _pagu_per_pemilik(angka, bagian, tahun, sampai)
    _realisasi_per_pemilik(angka, bagian, tahun, sampai_tw)
    return {rid: _ringkas(per_renstra.get(rid, []), tahun, angka) for rid in renstra_ids}


def ringkasan_anggaran(
    renstra: Renstra,
    tahun: int,
    *,
    sampai_tw: int = 4,
    sampai: datetime.date | None = None,
) -> RingkasanAnggaran:
    """Pagu (efektif and murni), realisasi and serapan for every node of one Renstra, with
    integrity warnings (5 queries)."""
    return anggaran_lintas_pd([renstra.pk], tahun, sampai_tw=sampai_tw, sampai=sampai,
                              rinci=True)[renstra.pk]


# --- the budget pages -------------------------------------------------------------------------

def node_pd(pd, level: str, pk: int):
    """A program/kegiatan/sub kegiatan of ``pd`` (404 when it belongs to another office)."""
    if level == "program":
        return get_object_or_404(Program.objects.select_related("renstra"), pk=pk,
                                 renstra__perangkat_daerah=pd)
    if level == "kegiatan":
        return get_object_or_404(Kegiatan.objects.select_related("program__renstra"), pk=pk,
                                 program__renstra__perangkat_daerah=pd)
    if level == "subkegiatan":
        return get_object_or_404(
            SubKegiatan.objects.select_related("kegiatan__program__renstra"), pk=pk,
            kegiatan__program__renstra__perangkat_daerah=pd,
        )
    raise Http404("Tingkat anggaran tidak dikenal.")


def renstra_node(node) -> Renstra:
    level = node._meta.model_name
    if level == "program":
        return node.renstra
    if level == "kegiatan":
        return node.program.renstra
    return node.kegiatan.program.renstra


@dataclass
class RincianNode:
    pagu: list[Pagu]
    realisasi: list[RealisasiAnggaran]
    riwayat: list


def rincian_node(node, tahun: int) -> RincianNode:
    """Every stage of the node's pagu and every realisasi line of the year, with the audit
    trail of both (3 queries)."""
    level = node._meta.model_name
    pagu = sorted(Pagu.objects.filter(**{level: node}, tahun=tahun),
                  key=lambda p: p.urutan_efektif)
    real = list(RealisasiAnggaran.objects.filter(**{level: node}, tahun=tahun)
                .select_related("diubah_oleh").order_by("triwulan", "bulan"))
    q = Q(model="anggaran.pagu", object_id__in=[str(p.pk) for p in pagu]) | Q(
        model="anggaran.realisasianggaran", object_id__in=[str(r.pk) for r in real])
    riwayat = list(JejakAudit.objects.filter(q).select_related("user")) if pagu or real else []
    return RincianNode(pagu=pagu, realisasi=real, riwayat=riwayat)


def pemilik_per_kode(renstra: Renstra) -> dict[str, object]:
    """Program, kegiatan and sub kegiatan of a Renstra by canonical code (3 queries); what the
    Buku Kerja and the SIPD import match rows on."""
    out: dict[str, object] = {}
    for p in Program.objects.filter(renstra=renstra):
        out.setdefault(p.kode, p)
    for k in Kegiatan.objects.filter(program__renstra=renstra):
        out.setdefault(k.kode, k)
    for s in SubKegiatan.objects.filter(kegiatan__program__renstra=renstra):
        out.setdefault(s.kode, s)
    return out
