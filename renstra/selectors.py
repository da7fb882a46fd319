"""Renstra reads that own their joins (style.md §7)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import router
from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    ProtectedError,
    QuerySet,
    RestrictedError,
)
from django.db.models.deletion import Collector

from renstra.models import (
    PEMILIK_ANGGARAN,
    Indikator,
    Kegiatan,
    PaguIndikatif,
    Program,
    Renstra,
    RenstraTahun,
    Sasaran,
    SasaranProgram,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)
from sakip import audit
from sakip.lib.angka import jumlah, nilai_predikat_teks
from sakip.models import JejakAudit, PerangkatDaerah

LABEL = {"tujuan": "Tujuan", "sasaran": "Sasaran", "program": "Program", "kegiatan": "Kegiatan",
         "subkegiatan": "Sub kegiatan", "indikator": "Indikator"}


# --- which Renstra governs a year ----------------------------------------------------------
# A new Renstra (after a new RPJMD) may start while the old one still has years to run. The year
# belongs to (a) the Renstra its ditetapkan PK was built from, else (b) the Renstra recorded for
# it by a planner (or kept at the import of an overlapping Renstra because the year's data was
# entered under it), both as a RenstraTahun row, else (c) the newest Renstra whose period covers
# it. Every page, dashboard, report and export reads the Renstra of a year here.

ALASAN_TERBARU = "terbaru yang mencakup tahun ini"
ALASAN_DI_LUAR = "di luar periode setiap Renstra; dipakai Renstra terbaru"


def renstra_berlaku_map(pd_ids, tahun: int | None) -> dict[int, Renstra]:
    """The Renstra governing ``tahun`` per office (rule above; a year outside every period, or
    no year, gets the office's newest Renstra). One query for any number of offices: the
    recorded choice of the year rides along as an annotation."""
    qs = Renstra.objects.filter(perangkat_daerah_id__in=list(pd_ids)).select_related(
        "perangkat_daerah__pemda").order_by("-tahun_awal", "-versi")
    if tahun is not None:
        qs = qs.annotate(dicatat=Exists(RenstraTahun.objects.filter(
            renstra=OuterRef("pk"), perangkat_daerah=OuterRef("perangkat_daerah"),
            tahun=tahun)))
    out: dict[int, Renstra] = {}
    cover: dict[int, Renstra] = {}
    dicatat: dict[int, Renstra] = {}
    for r in qs:
        if getattr(r, "dicatat", False):
            dicatat[r.perangkat_daerah_id] = r
        if tahun is not None and r.tahun_awal <= tahun <= r.tahun_akhir:
            cover.setdefault(r.perangkat_daerah_id, r)
        out.setdefault(r.perangkat_daerah_id, r)
    out.update(cover)
    out.update(dicatat)
    return out


def renstra_aktif(pd: PerangkatDaerah, tahun: int | None = None) -> Renstra | None:
    """The Renstra of one office governing ``tahun`` (see ``renstra_berlaku_map``)."""
    return renstra_berlaku_map([pd.pk], tahun).get(pd.pk)


def tahun_renstra(pd_ids) -> list[int]:
    """Every year a Renstra of these offices plans for (a year picker's years), ascending: a
    newer Renstra never hides the years of an older one (1 query)."""
    tahun: set[int] = set()
    for awal, akhir, tambahan in Renstra.objects.filter(
            perangkat_daerah_id__in=pd_ids).values_list(
            "tahun_awal", "tahun_akhir", "tahun_tambahan"):
        tahun.update(range(awal, akhir + tambahan + 1))
    return sorted(tahun)


@dataclass
class TahunBerlaku:
    """One year of an office: the Renstra governing it, why, and the record behind it."""

    tahun: int
    renstra: Renstra | None
    sumber: str  # "pk" / "perencana" / "impor" (a RenstraTahun) or "terbaru"
    alasan: str
    catatan: RenstraTahun | None = None
    pilihan: list[Renstra] = field(default_factory=list)  # Renstra whose years hold it

    @property
    def terkunci(self) -> bool:
        """A year with a ditetapkan PK stays with that PK's Renstra."""
        return self.sumber == RenstraTahun.Sumber.PK

    @property
    def uraian(self) -> str:
        """"2025: Renstra 2022–2026 — PK 2025 ditetapkan dari Renstra ini"."""
        if self.renstra is None:
            return f"{self.tahun}: belum ada Renstra"
        return f"{self.tahun}: {label_renstra(self.renstra)} \u2014 {self.alasan}"


def label_renstra(r: Renstra) -> str:
    versi = f" versi {r.versi}" if r.versi > 1 else ""
    return f"Renstra {r.tahun_awal}\u2013{r.tahun_akhir}{versi}"


def _pilih_berlaku(tahun: int, semua: list[Renstra], catatan: RenstraTahun | None,
                   ) -> TahunBerlaku:
    """Rules (a)/(b) from the record, else (c), for one year; ``semua`` newest first."""
    pilihan = [r for r in semua if tahun in r.tahun_list]
    if catatan is not None:
        return TahunBerlaku(tahun, catatan.renstra, catatan.sumber, catatan.alasan, catatan,
                            pilihan)
    cover = [r for r in semua if r.tahun_awal <= tahun <= r.tahun_akhir]
    if cover:
        return TahunBerlaku(tahun, cover[0], "terbaru", ALASAN_TERBARU, None, pilihan)
    return TahunBerlaku(tahun, semua[0] if semua else None, "terbaru", ALASAN_DI_LUAR, None,
                        pilihan)


def tahun_berlaku(pd: PerangkatDaerah) -> list[TahunBerlaku]:
    """Every planned year of the office with its governing Renstra and why (2 queries); the
    same answer as ``renstra_berlaku_map`` year by year."""
    semua = list(Renstra.objects.filter(perangkat_daerah=pd).order_by("-tahun_awal", "-versi"))
    catatan = {c.tahun: c for c in RenstraTahun.objects.filter(perangkat_daerah=pd)
               .select_related("renstra", "oleh")}
    for c in catatan.values():
        c.renstra = next((r for r in semua if r.pk == c.renstra_id), c.renstra)
    tahun = sorted({t for r in semua for t in r.tahun_list} | set(catatan))
    return [_pilih_berlaku(t, semua, catatan.get(t)) for t in tahun]


def renstra_dari_indikator(indikator_ids) -> Renstra | None:
    """The Renstra a PK was built from: the one most of its lines' indicators belong to (a tie
    goes to the newer Renstra). 2 queries."""
    hitung = Counter(Indikator.objects.filter(pk__in=list(indikator_ids))
                     .values_list("renstra_id", flat=True))
    if not hitung:
        return None
    calon = {r.pk: r for r in Renstra.objects.filter(pk__in=list(hitung))}
    rid = max(hitung, key=lambda i: (hitung[i], calon[i].tahun_awal, calon[i].versi))
    return calon[rid]


# Other areas' rows that cite a Renstra's indicators or nodes for a year (realisasi, PK lines,
# budget). Read from Django's relations, like the deletion reasons below, so the plan needs no
# knowledge of those areas: a year whose data was entered under a Renstra is kept with it when
# an overlapping Renstra is imported.
_JALUR_RENSTRA = {Indikator: "renstra", Program: "renstra", Kegiatan: "program__renstra",
                  SubKegiatan: "kegiatan__program__renstra"}


def _jalur_tahun(model) -> str | None:
    nama = {f.name for f in model._meta.concrete_fields}
    if "tahun" in nama:
        return "tahun"
    for f in model._meta.concrete_fields:
        if f.many_to_one and "tahun" in {g.name for g in f.related_model._meta.concrete_fields}:
            return f"{f.name}__tahun"
    return None


def tahun_berdata(renstra: Renstra) -> dict[int, list[str]]:
    """Year → what other areas recorded under ``renstra`` for it (``["realisasi",
    "pagu"]``), by their verbose names; one query per citing model."""
    out: dict[int, set[str]] = defaultdict(set)
    for model, jalur in _JALUR_RENSTRA.items():
        for rel in model._meta.related_objects:
            lain = rel.related_model
            if rel.many_to_many or lain._meta.app_label == "renstra":
                continue
            th = _jalur_tahun(lain)
            if th is None:
                continue
            qs = lain._default_manager.filter(**{f"{rel.field.name}__{jalur}": renstra})
            for t in qs.values_list(th, flat=True).distinct():
                out[t].add(str(lain._meta.verbose_name_plural))
    return {t: sorted(v) for t, v in sorted(out.items())}


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


def renstra_list(pd: PerangkatDaerah) -> list[Renstra]:
    return list(Renstra.objects.filter(perangkat_daerah=pd))


def renstra_versi_berikutnya(pd: PerangkatDaerah, tahun_awal: int) -> int:
    """A new Renstra for a period that already has one is its next version."""
    return 1 + Renstra.objects.filter(perangkat_daerah=pd, tahun_awal=tahun_awal).count()


def program_list(renstra: Renstra) -> QuerySet[Program]:
    return Program.objects.filter(renstra=renstra).order_by("urutan", "kode")


def target_teks(ind: Indikator, tahun: int) -> str:
    """One target as typed in the grid (Indonesian notation, predikat kept)."""
    t = TargetIndikator.objects.filter(indikator=ind, tahun=tahun).first()
    return nilai_predikat_teks(t.nilai, t.nilai_teks, ind.desimal) if t else ""


def target_versi(ind: Indikator, tahun: int) -> int:
    """The row_version of one target for the grid cell (sakip.versi: 0 when there is none)."""
    versi = TargetIndikator.objects.filter(indikator=ind, tahun=tahun).values_list(
        "row_version", flat=True).first()
    return versi or 0


def renstra_dari_node(node) -> Renstra:
    """The Renstra a tujuan/sasaran/program/kegiatan/subkegiatan/indikator belongs to."""
    level = node._meta.model_name
    if level in ("tujuan", "program", "indikator"):
        return node.renstra
    if level == "sasaran":
        return node.tujuan.renstra
    if level == "kegiatan":
        return node.program.renstra
    if level == "subkegiatan":
        return node.kegiatan.program.renstra
    raise ValueError(f"bukan simpul Renstra: {level}")


def kode_kembar(level: str, induk, kode: str, kecuali=None):
    """A sibling with the same code (program within the Renstra, kegiatan within the program,
    sub kegiatan within the kegiatan). Asked before saving because Django's Indonesian message
    for a unique constraint reads "... tidak ada", the opposite of what happened."""
    if level not in PEMILIK_ANGGARAN or not kode:
        return None
    model = {"program": Program, "kegiatan": Kegiatan, "subkegiatan": SubKegiatan}[level]
    induk_field = {"program": "renstra", "kegiatan": "program", "subkegiatan": "kegiatan"}[level]
    qs = model.objects.filter(**{induk_field: induk, "kode": kode})
    if kecuali is not None:
        qs = qs.exclude(pk=kecuali.pk)
    return qs.first()


# --- why a node cannot be deleted -------------------------------------------------------------
# Realisasi, budget lines and lines of a ditetapkan PK protect the plan rows they cite through
# their foreign keys; the plan reads the answer from Django's deletion collector and names the
# protecting rows by their own verbose names, so it needs no knowledge of those areas.

def objek_perujuk(e: ProtectedError | RestrictedError) -> list:
    return list(getattr(e, "protected_objects", None) or getattr(e, "restricted_objects", []))


def uraian_perujuk(objs) -> list[str]:
    """``[PKIndikator, Realisasi, Realisasi]`` → ``["1 indikator PK", "2 realisasi"]``."""
    per_model = Counter(type(o) for o in objs)
    out = []
    for model, n in per_model.items():
        nama = model._meta.verbose_name if n == 1 else model._meta.verbose_name_plural
        out.append(f"{n} {nama}")
    return sorted(out, key=lambda t: t.split(" ", 1)[1])


def pesan_tolak_hapus(node, objs) -> str:
    label = LABEL[node._meta.model_name]
    saran = " Nonaktifkan saja bila tidak dipakai lagi." if label == "Indikator" else ""
    daftar = uraian_perujuk(objs)
    teks = ", ".join(daftar[:-1]) + " dan " + daftar[-1] if len(daftar) > 1 else daftar[0]
    return (f"{label} \u201c{node}\u201d tidak dapat dihapus karena masih dirujuk oleh {teks}."
            + saran)


def alasan_tolak_hapus(node) -> list[str]:
    """Why a node (or indicator) cannot be deleted, in Bahasa Indonesia; [] when it can.

    Nothing is deleted: the collector only reads what a delete would touch."""
    collector = Collector(using=router.db_for_write(type(node)), origin=node)
    try:
        collector.collect([node])
    except (ProtectedError, RestrictedError) as e:
        return uraian_perujuk(objek_perujuk(e))
    return []


def riwayat_indikator(ind: Indikator) -> list[JejakAudit]:
    """The audit trail of an indicator and of its yearly targets, newest first (30 rows)."""
    target_ids = list(ind.target_set.values_list("pk", flat=True))
    rows = list(audit.riwayat(ind)[:20]) + list(
        audit.riwayat_objek(TargetIndikator, target_ids)[:30])
    rows.sort(key=lambda j: j.waktu, reverse=True)
    return rows[:30]


# --- pagu indikatif and the editable Renstra tree ---------------------------------------------

def pagu_indikatif_map(
    renstra: Renstra, tahun_list: list[int] | None = None, kolom: str = "nilai"
) -> dict[tuple[str, int, int], Decimal | None]:
    """(level, node id, tahun) → pagu indikatif for every node of the Renstra (1 query).

    A key present with None is an explicitly empty cell; an absent key is no row (both NULL).
    ``kolom="row_version"`` gives the rows' versions instead (the grid's base versions)."""
    pilih = {
        "program": Program.objects.filter(renstra=renstra),
        "kegiatan": Kegiatan.objects.filter(program__renstra=renstra),
        "subkegiatan": SubKegiatan.objects.filter(kegiatan__program__renstra=renstra),
    }
    # IN (subquery) per level keeps the owner indexes usable; OR-ed LEFT JOIN chains do not.
    qs = PaguIndikatif.objects.none()
    for level in PEMILIK_ANGGARAN:
        qs = qs | PaguIndikatif.objects.filter(**{f"{level}__in": pilih[level].values("id")})
    if tahun_list is not None:
        qs = qs.filter(tahun__in=tahun_list)
    out = {}
    for row in qs.values("program_id", "kegiatan_id", "subkegiatan_id", "tahun", kolom):
        for level in PEMILIK_ANGGARAN:
            if row[f"{level}_id"]:
                out[(level, row[f"{level}_id"], row["tahun"])] = row[kolom]
    return out


def tempel_pagu_indikatif(anggaran, renstra: Renstra, tahun: int) -> Decimal | None:
    """The home page's budget tree after a Tabel 4.2 import, before any DPA: set
    ``pagu_indikatif`` on every node of ``anggaran`` (a RingkasanAnggaran) and return the
    year's total when the year has no DPA pagu and the Renstra has pagu indikatif for it;
    otherwise every node gets None and the result is None (the DPA column stays). Plan money
    and budget money are never mixed in one column (domain.md §8.3: the DPA is the budget)."""
    nilai = pagu_indikatif_map(renstra, [tahun]) if anggaran.pagu is None else {}
    stack = list(anggaran.program)
    while stack:
        n = stack.pop()
        n.pagu_indikatif = nilai.get((n.level, n.id, tahun))
        stack.extend(n.children)
    total = None
    for p in anggaran.program:
        if p.pagu_indikatif is not None:
            total = (total or Decimal(0)) + p.pagu_indikatif
    return total


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


def simpul_program(pohon: PohonRenstra) -> list[NodePohon]:
    """Program → kegiatan → sub kegiatan nodes of the tree, in reading order."""
    out = []
    stack = list(reversed(pohon.program))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out


def baris_indikator(pohon: PohonRenstra) -> list[tuple[Indikator, str]]:
    """Every indicator of the tree with the label of its owner, in reading order."""
    out = []
    for t in pohon.tujuan:
        out += [(i, f"Tujuan: {t.uraian}") for i in t.indikator_list]
        for s in t.sasaran_list:
            out += [(i, f"Sasaran: {s.uraian}") for i in s.indikator_list]
    for node in simpul_program(pohon):
        out += [(i, f"{node.obj.kode} {node.obj.nama}") for i in node.indikator]
    return out
