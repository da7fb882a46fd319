"""Budget reads: pagu efektif and realisasi per node, rolled up program ← kegiatan ← sub kegiatan.

One place computes "the pagu of a node" so the tree page, the budget page, the LKjIP (Tabel 3.7)
and the dashboards agree. Rules (domain.md §8.3, §9 item 13):

* pagu efektif = the latest tahap (murni < pergeseran-n < perubahan) on or before a date;
* a node's value is its own line when the documents give one, else the sum of its children;
  when both exist and differ, the node's own value wins and a warning names both amounts;
* NULL is not zero: a node with no line and no children with lines has no pagu (None).

Fixed number of queries whatever the size: the tree (3), pagu (1), realisasi (1).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum

from anggaran.models import Pagu, RealisasiAnggaran, Tahap
from kinerja import rumus
from renstra.models import Kegiatan, Program, Renstra, SubKegiatan
from sakip.lib.angka import format_rupiah, jumlah

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


def milik_renstra(renstra: Renstra) -> Q:
    # IN (subquery) per level keeps the owner FK indexes usable; three LEFT JOIN chains OR-ed
    # together do not.
    return (
        Q(program__in=Program.objects.filter(renstra=renstra).values("id"))
        | Q(kegiatan__in=Kegiatan.objects.filter(program__renstra=renstra).values("id"))
        | Q(
            subkegiatan__in=SubKegiatan.objects.filter(
                kegiatan__program__renstra=renstra
            ).values("id")
        )
    )


def _owner_key(row: dict) -> tuple[str, int]:
    for level in LEVELS:
        if row.get(f"{level}_id"):
            return (level, row[f"{level}_id"])
    raise ValueError("baris anggaran tanpa pemilik")


def _tahap_rank(tahap: str, urutan: int) -> tuple[int, int]:
    return ({Tahap.MURNI: 0, Tahap.PERGESERAN: 1, Tahap.PERUBAHAN: 2}[tahap], urutan)


def tahun_anggaran_terakhir(renstra: Renstra) -> int | None:
    return (
        Pagu.objects.filter(milik_renstra(renstra))
        .order_by("-tahun")
        .values_list("tahun", flat=True)
        .first()
    )


def pagu_map(
    renstra: Renstra, tahun: int, *, sampai: datetime.date | None = None
) -> tuple[dict[tuple[str, int], Decimal], dict[tuple[str, int], Decimal]]:
    """(pagu efektif, pagu murni) per owner for ``tahun``; ``sampai`` limits by document date."""
    qs = Pagu.objects.filter(milik_renstra(renstra), tahun=tahun)
    if sampai is not None:
        qs = qs.exclude(tanggal_dokumen__gt=sampai)
    efektif: dict[tuple[str, int], tuple[tuple[int, int], Decimal]] = {}
    murni: dict[tuple[str, int], Decimal] = {}
    for row in qs.values(
        "program_id", "kegiatan_id", "subkegiatan_id", "tahap", "urutan_tahap", "nilai"
    ):
        key = _owner_key(row)
        rank = _tahap_rank(row["tahap"], row["urutan_tahap"])
        if key not in efektif or rank > efektif[key][0]:
            efektif[key] = (rank, row["nilai"])
        if row["tahap"] == Tahap.MURNI:
            murni[key] = row["nilai"]
    return {k: v[1] for k, v in efektif.items()}, murni


def realisasi_map(
    renstra: Renstra, tahun: int, *, sampai_tw: int = 4
) -> dict[tuple[str, int], list[Decimal | None]]:
    """Spending per owner per quarter (not cumulative), months summed into their quarter."""
    qs = RealisasiAnggaran.objects.filter(
        milik_renstra(renstra), tahun=tahun, triwulan__lte=sampai_tw
    )
    out: dict[tuple[str, int], list[Decimal | None]] = defaultdict(lambda: [None] * 4)
    for row in qs.values("program_id", "kegiatan_id", "subkegiatan_id", "triwulan").annotate(
        total=Sum("nilai")
    ):
        key = _owner_key(row)
        tw = out[key]
        i = row["triwulan"] - 1
        tw[i] = (tw[i] or Decimal(0)) + row["total"]
    return out


def struktur(renstra: Renstra) -> list[NodeAnggaran]:
    """Program → kegiatan → sub kegiatan of a Renstra, in code order (3 queries)."""
    programs = {
        p["id"]: NodeAnggaran("program", p["id"], p["kode"], p["nama"], p["bidang_id"])
        for p in Program.objects.filter(renstra=renstra)
        .order_by("urutan", "kode")
        .values("id", "kode", "nama", "bidang_id")
    }
    kegiatan = {}
    for k in (
        Kegiatan.objects.filter(program__renstra=renstra)
        .order_by("kode")
        .values("id", "kode", "nama", "bidang_id", "program_id")
    ):
        node = NodeAnggaran("kegiatan", k["id"], k["kode"], k["nama"], k["bidang_id"])
        kegiatan[k["id"]] = node
        programs[k["program_id"]].children.append(node)
    for s in (
        SubKegiatan.objects.filter(kegiatan__program__renstra=renstra)
        .order_by("kode")
        .values("id", "kode", "nama", "bidang_id", "kegiatan_id")
    ):
        kegiatan[s["kegiatan_id"]].children.append(
            NodeAnggaran("subkegiatan", s["id"], s["kode"], s["nama"], s["bidang_id"])
        )
    return list(programs.values())


def _rollup(
    node: NodeAnggaran,
    attr: str,
    langsung: dict[tuple[str, int], Decimal],
    peringatan: list[Peringatan],
    label: str,
    tahun: int,
) -> Decimal | None:
    anak = [_rollup(c, attr, langsung, peringatan, label, tahun) for c in node.children]
    jumlah_anak = jumlah(anak)
    own = langsung.get((node.level, node.id))
    if own is not None:
        if attr == "pagu":
            node.pagu_langsung = True
        if jumlah_anak is not None and jumlah_anak != own:
            peringatan.append(
                Peringatan(
                    node.kode,
                    f"{label} {tahun} {node.kode} {node.nama}: {format_rupiah(own)} berbeda dari "
                    f"jumlah rinciannya {format_rupiah(jumlah_anak)}.",
                )
            )
        value = own
    else:
        value = jumlah_anak
    setattr(node, attr, value)
    return value


def ringkasan_anggaran(
    renstra: Renstra,
    tahun: int,
    *,
    sampai_tw: int = 4,
    sampai: datetime.date | None = None,
) -> RingkasanAnggaran:
    """Pagu (efektif and murni), realisasi and serapan for every node, with integrity warnings."""
    programs = struktur(renstra)
    efektif, murni = pagu_map(renstra, tahun, sampai=sampai)
    real_tw = realisasi_map(renstra, tahun, sampai_tw=sampai_tw)
    real_total = {k: jumlah(v) for k, v in real_tw.items()}
    peringatan: list[Peringatan] = []
    for p in programs:
        _rollup(p, "pagu", efektif, peringatan, "Pagu", tahun)
        _rollup(p, "pagu_murni", murni, [], "Pagu murni", tahun)
        _rollup(p, "realisasi", real_total, peringatan, "Realisasi anggaran", tahun)
    # Quarterly realisasi per node (children summed when the node has no line of its own).
    stack = list(programs)
    order = []
    while stack:
        n = stack.pop()
        order.append(n)
        stack.extend(n.children)
    for n in reversed(order):
        own = real_tw.get((n.level, n.id))
        if own is not None:
            n.realisasi_tw = list(own)
        elif n.children:
            n.realisasi_tw = [
                jumlah(c.realisasi_tw[i] for c in n.children) for i in range(4)
            ]
        if n.pagu is not None and n.realisasi is not None and n.realisasi > n.pagu:
            peringatan.append(
                Peringatan(
                    n.kode,
                    f"Realisasi {n.kode} {n.nama} {format_rupiah(n.realisasi)} melebihi pagu "
                    f"{format_rupiah(n.pagu)}.",
                )
            )
    return RingkasanAnggaran(tahun=tahun, program=programs, peringatan=peringatan)


# --- the budget pages (issue 4) ----------------------------------------------------------------

def node_pd(pd, level: str, pk: int):
    """A program/kegiatan/sub kegiatan of ``pd`` (404 when it belongs to another office)."""
    from django.http import Http404
    from django.shortcuts import get_object_or_404

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
    from sakip.models import JejakAudit

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
