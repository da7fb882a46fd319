"""Renstra reads that own their joins (style.md §7)."""

from django.db.models import Prefetch, QuerySet

from renstra.models import Indikator, Renstra, Sasaran, TargetIndikator, Tujuan
from sakip.lib.angka import jumlah
from sakip.models import PerangkatDaerah


def renstra_aktif(pd: PerangkatDaerah, tahun: int | None = None) -> Renstra | None:
    """The Renstra in force for ``tahun`` (latest version), or the newest one."""
    qs = Renstra.objects.filter(perangkat_daerah=pd).select_related("perangkat_daerah__pemda")
    if tahun is not None:
        found = (
            qs.filter(tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
            .order_by("-tahun_awal", "-versi")
            .first()
        )
        if found:
            return found
    return qs.order_by("-tahun_awal", "-versi").first()


def _indikator_qs() -> QuerySet[Indikator]:
    return (
        Indikator.objects.select_related("bidang")
        .prefetch_related(
            Prefetch("target_set", queryset=TargetIndikator.objects.order_by("tahun"))
        )
        .order_by("urutan", "id")
    )


def tujuan_tree(renstra: Renstra) -> QuerySet[Tujuan]:
    """Tujuan → sasaran → indikator (+ targets, programs); 6 queries whatever the size."""
    ind = _indikator_qs()
    return (
        Tujuan.objects.filter(renstra=renstra)
        .order_by("urutan", "id")
        .prefetch_related(
            Prefetch("indikator_set", queryset=ind),
            Prefetch(
                "sasaran_set",
                queryset=Sasaran.objects.order_by("urutan", "id").prefetch_related(
                    Prefetch("indikator_set", queryset=ind), "program_set"
                ),
            ),
        )
    )


def indikator_per_pemilik(renstra: Renstra, level: str) -> dict[int, list[Indikator]]:
    """Indicators of programs/kegiatan/subkegiatan keyed by owner id (2 queries)."""
    out: dict[int, list[Indikator]] = {}
    for ind in _indikator_qs().filter(renstra=renstra, **{f"{level}__isnull": False}):
        out.setdefault(getattr(ind, f"{level}_id"), []).append(ind)
    return out


# --- The editable Renstra tree (issue 3 part B) ----------------------------------------------

from collections import defaultdict  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from decimal import Decimal  # noqa: E402

from django.db.models import Q  # noqa: E402

from renstra.models import (  # noqa: E402
    Kegiatan,
    PaguIndikatif,
    Program,
    SasaranProgram,
    SubKegiatan,
)


def pagu_indikatif_map(
    renstra: Renstra, tahun_list: list[int] | None = None
) -> dict[tuple[str, int, int], Decimal | None]:
    """(level, node id, tahun) → pagu indikatif for every node of the Renstra (1 query).

    A key present with None is an explicitly empty cell; an absent key is no row (both NULL)."""
    qs = PaguIndikatif.objects.filter(
        Q(program__renstra=renstra) | Q(kegiatan__program__renstra=renstra)
        | Q(subkegiatan__kegiatan__program__renstra=renstra)
    )
    if tahun_list is not None:
        qs = qs.filter(tahun__in=tahun_list)
    out = {}
    for row in qs.values("program_id", "kegiatan_id", "subkegiatan_id", "tahun", "nilai"):
        for level in ("program", "kegiatan", "subkegiatan"):
            if row[f"{level}_id"]:
                out[(level, row[f"{level}_id"], row["tahun"])] = row["nilai"]
    return out


@dataclass
class SelPagu:
    """One year's pagu of a node: its own value, the sum of its children and the shown value."""

    tahun: int
    sendiri: Decimal | None = None
    anak: Decimal | None = None

    @property
    def nilai(self) -> Decimal | None:
        return self.sendiri if self.sendiri is not None else self.anak

    @property
    def beda(self) -> bool:
        # §9 item 13: Σ children must equal the parent; flagged, never silently overwritten.
        return self.sendiri is not None and self.anak is not None and self.sendiri != self.anak


@dataclass
class NodePohon:
    level: str
    obj: object
    indikator: list = field(default_factory=list)
    children: list = field(default_factory=list)
    pagu: list[SelPagu] = field(default_factory=list)

    @property
    def ada_beda(self) -> bool:
        return any(s.beda for s in self.pagu)


@dataclass
class PohonRenstra:
    renstra: Renstra
    tahun_list: list[int]
    tujuan: list
    program: list[NodePohon]
    total_pagu: list[SelPagu]
    program_list: list  # every Program, for pickers

    @property
    def jumlah_indikator(self) -> int:
        n = 0
        for t in self.tujuan:
            n += len(t.indikator_list) + sum(len(s.indikator_list) for s in t.sasaran_list)
        stack = list(self.program)
        while stack:
            node = stack.pop()
            n += len(node.indikator)
            stack.extend(node.children)
        return n


def pohon_renstra(renstra: Renstra) -> PohonRenstra:
    """The whole Renstra for the editing page: tujuan → sasaran → indikator with targets per
    year, program pendukung per sasaran, program → kegiatan → sub kegiatan with indicators and
    pagu indikatif per year, totals per level. 9 queries whatever the size (query-budget test).
    """
    tahun_list = renstra.tahun_list
    tujuan = list(Tujuan.objects.filter(renstra=renstra).order_by("urutan", "id"))
    sasaran = list(Sasaran.objects.filter(tujuan__renstra=renstra).order_by("urutan", "id"))
    programs = list(Program.objects.filter(renstra=renstra).select_related("bidang")
                    .order_by("urutan", "kode"))
    kegiatan = list(Kegiatan.objects.filter(program__renstra=renstra).select_related("bidang")
                    .order_by("kode"))
    subkeg = list(SubKegiatan.objects.filter(kegiatan__program__renstra=renstra)
                  .select_related("bidang").order_by("kode"))
    links = list(SasaranProgram.objects.filter(sasaran__tujuan__renstra=renstra)
                 .values_list("sasaran_id", "program_id"))
    indikator = list(Indikator.objects.filter(renstra=renstra).select_related("bidang")
                     .order_by("urutan", "id"))
    targets: dict[int, dict[int, TargetIndikator]] = defaultdict(dict)
    for t in TargetIndikator.objects.filter(indikator__renstra=renstra):
        targets[t.indikator_id][t.tahun] = t
    pagu = pagu_indikatif_map(renstra)

    per_owner: dict[tuple[str, int], list[Indikator]] = defaultdict(list)
    for ind in indikator:
        ind.target_cells = [targets[ind.pk].get(th) for th in tahun_list]
        per_owner[(ind.level, getattr(ind, f"{ind.level}_id"))].append(ind)

    program_by_id = {p.pk: p for p in programs}
    sasaran_by_tujuan: dict[int, list] = defaultdict(list)
    program_by_sasaran: dict[int, list] = defaultdict(list)
    for sid, pid in links:
        program_by_sasaran[sid].append(program_by_id[pid])
    for s in sasaran:
        s.indikator_list = per_owner[("sasaran", s.pk)]
        s.program_list = sorted(program_by_sasaran[s.pk], key=lambda p: (p.urutan, p.kode))
        sasaran_by_tujuan[s.tujuan_id].append(s)
    for t in tujuan:
        t.indikator_list = per_owner[("tujuan", t.pk)]
        t.sasaran_list = sasaran_by_tujuan[t.pk]

    def node(level, obj, children):
        n = NodePohon(level, obj, per_owner[(level, obj.pk)], children)
        n.pagu = [
            SelPagu(th, pagu.get((level, obj.pk, th)), jumlah(c.pagu[i].nilai for c in children))
            for i, th in enumerate(tahun_list)
        ]
        return n

    sub_by_keg: dict[int, list] = defaultdict(list)
    for s in subkeg:
        sub_by_keg[s.kegiatan_id].append(node("subkegiatan", s, []))
    keg_by_prog: dict[int, list] = defaultdict(list)
    for k in kegiatan:
        keg_by_prog[k.program_id].append(node("kegiatan", k, sub_by_keg[k.pk]))
    program_nodes = [node("program", p, keg_by_prog[p.pk]) for p in programs]
    total = [SelPagu(th, None, jumlah(p.pagu[i].nilai for p in program_nodes))
             for i, th in enumerate(tahun_list)]
    return PohonRenstra(renstra=renstra, tahun_list=tahun_list, tujuan=tujuan,
                        program=program_nodes, total_pagu=total, program_list=programs)
