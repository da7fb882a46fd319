"""Checking a read Tabel 4.2 against the period asked for, the nomenklatur master and what the
perangkat daerah's Renstra already holds, and planning what an import creates, changes or leaves
as it is. Nothing is written here: this is the preview and ``--dry-run``; ``terapkan`` writes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.db.models import Q

from renstra.impor.baca import (
    LABEL_LEVEL,
    LEVEL_NODE,
    Galat,
    IndikatorBaris,
    Nilai,
    Node,
    Peringatan,
    Tabel42,
    baca_tabel42,
    kunci_teks,
    potong,
    rentang_tahun,
)
from renstra.kewajaran import peringatan_target
from renstra.models import (
    Indikator,
    Kegiatan,
    Nomenklatur,
    Program,
    Renstra,
    SubKegiatan,
    TargetIndikator,
)
from renstra.selectors import (
    ALASAN_TERBARU,
    label_renstra,
    pagu_indikatif_map,
    tahun_berdata,
    tahun_berlaku,
)


@dataclass
class Perubahan:
    baru: int = 0
    diubah: int = 0
    tetap: int = 0

    def as_dict(self) -> dict:
        return {"baru": self.baru, "diubah": self.diubah, "tetap": self.tetap}


@dataclass
class TahunTransisi:
    """A year the imported period shares with another Renstra of the office: which Renstra will
    govern it after the import, and why (``renstra.selectors.renstra_berlaku_map``'s rule)."""

    tahun: int
    renstra: str  # "Renstra 2022–2026"
    renstra_baru: bool  # the Renstra of this import governs it
    sumber: str  # pk / perencana / impor (a recorded year) or terbaru
    alasan: str
    dipertahankan: Any = None  # the existing Renstra the import records for the year

    @property
    def uraian(self) -> str:
        return f"{self.tahun}: {self.renstra} \u2014 {self.alasan}"

    def as_dict(self) -> dict:
        return {"tahun": self.tahun, "renstra": self.renstra, "renstra_baru": self.renstra_baru,
                "sumber": self.sumber, "alasan": self.alasan, "uraian": self.uraian}


@dataclass
class HasilImpor:
    tabel: Tabel42
    tahun_awal: int
    tahun_akhir: int
    dry_run: bool = False
    disimpan: bool = False
    renstra: Any = None
    renstra_baru: bool = False
    perubahan: dict[str, Perubahan] = field(default_factory=dict)
    tidak_di_berkas: list[str] = field(default_factory=list)
    galat: list[Galat] = field(default_factory=list)
    peringatan: list[Peringatan] = field(default_factory=list)
    versi_nomenklatur: str = ""
    transisi: list[TahunTransisi] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.galat

    @property
    def tahun(self) -> list[int]:
        return self.tabel.tahun

    @property
    def tahun_berlaku_awal(self) -> int:
        """The first year of the period the imported Renstra governs."""
        return tahun_berlaku_awal(self.tahun_awal, self.tahun_akhir,
                                  [t.as_dict() for t in self.transisi])

    def ringkasan(self) -> dict:
        """The ``--json`` summary (design.md contract keys first; counts = the file)."""
        data: dict[str, Any] = dict(self.tabel.jumlah())
        data["pagu"] = {str(t): _json_angka(v) for t, v in self.tabel.pagu_total().items()}
        data["peringatan"] = [p.as_dict() for p in self.peringatan]
        data["galat"] = [g.as_dict() for g in self.galat]
        data["periode"] = f"{self.tahun_awal}-{self.tahun_akhir}"
        data["tahun"] = self.tahun
        data["dry_run"] = self.dry_run
        data["disimpan"] = self.disimpan
        data["renstra_baru"] = self.renstra_baru
        data["versi_nomenklatur"] = self.versi_nomenklatur
        data["perubahan"] = {k: v.as_dict() for k, v in self.perubahan.items()}
        # Years shared with another Renstra of the office and who governs each after the import.
        data["transisi"] = [t.as_dict() for t in self.transisi]
        return data


@dataclass
class BarisPratinjau:
    """One row of the preview tree: a node or one of its indicators, values aligned to years."""

    jenis: str  # program / kegiatan / subkegiatan / indikator
    kode: str
    uraian: str
    status: str
    pagu: list[Decimal | None] = field(default_factory=list)
    target: list[Nilai | None] = field(default_factory=list)
    satuan: str = ""
    keluaran: str = ""
    desimal: int = 0
    baseline: Decimal | None = None
    kegiatan_terkait: str = ""
    peringatan: int = 0


def baris_pratinjau(h: HasilImpor) -> list[BarisPratinjau]:
    """The file as the preview shows it: program → (outcomes) → kegiatan → sub kegiatan, each
    with its indicators, pagu and targets per year of the file."""
    tahun = h.tahun
    per_kode = Counter(p.kode for p in h.peringatan if p.kode)
    out: list[BarisPratinjau] = []

    def ind_rows(node: Node) -> None:
        for ind in node.indikator:
            terkait = ", ".join(k.kode for k in ind.grup.kegiatan) if ind.grup else ""
            out.append(BarisPratinjau(
                "indikator", node.kode, ind.uraian, ind.status, target=ind.target_list(tahun),
                satuan=ind.satuan, keluaran=ind.keluaran, desimal=ind.desimal,
                baseline=ind.baseline, kegiatan_terkait=terkait))

    for n in h.tabel.nodes():
        out.append(BarisPratinjau(n.level, n.kode, n.nama, n.status, pagu=n.pagu_list(tahun),
                                  peringatan=per_kode.get(n.kode, 0)))
        ind_rows(n)
    return out


def _json_angka(v: Decimal | None):
    if v is None:
        return None
    return int(v) if v == v.to_integral_value() else float(v)


@dataclass
class Rencana:
    """What an import writes: the file's tree (each node and indicator with its ``status`` and
    the row it matches, ``ind.obj``) and what the Renstra already holds of it."""

    tabel: Tabel42
    pd: Any
    tahun_awal: int
    tahun_akhir: int
    tahun_tambahan: int
    versi_nomenklatur: str
    renstra: Any  # the Renstra imported into; None when the import creates it
    obj_node: dict[int, Any]  # id(Node) → its existing Program/Kegiatan/SubKegiatan or None
    terkait_ada: dict[int, set[int]]  # outcome indicator id → ids of its kegiatan
    transisi: list[TahunTransisi] = field(default_factory=list)

    def baseline_tahun(self, ind: IndikatorBaris) -> int | None:
        if ind.baseline is None:
            return None
        return self.tabel.kolom.baseline_tahun or self.tahun_awal - 1


class Impor:
    """Read → check → plan. ``Impor(...).periksa()`` returns a :class:`HasilImpor`; when it is
    ``ok``, ``rencana`` holds what ``terapkan`` writes."""

    def __init__(self, sumber, pd, *, tahun_awal: int, tahun_akhir: int, dry_run: bool = False,
                 versi_nomenklatur: str | None = None):
        self.sumber = sumber
        self.pd = pd
        self.dry_run = dry_run
        self.versi_diminta = versi_nomenklatur
        self.tahun_awal, self.tahun_akhir = tahun_awal, tahun_akhir
        self.tahun_tambahan = 0
        self.rencana: Rencana | None = None

    def periksa(self) -> HasilImpor:
        tabel = baca_tabel42(self.sumber)
        h = HasilImpor(tabel=tabel, tahun_awal=self.tahun_awal, tahun_akhir=self.tahun_akhir,
                       dry_run=self.dry_run)
        self.h = h
        h.galat = list(tabel.galat)
        h.peringatan = list(tabel.peringatan)
        if not h.galat:
            self._cek_periode()
        if not h.galat and not tabel.program:
            h.galat.append(Galat(0, "", "Tidak ada baris program (KODE - NAMA program, mis. "
                                 "'1.06.02 - PROGRAM PEMBERDAYAAN SOSIAL') di tabel",
                                 sheet=tabel.sheet))
        if h.galat:
            return h
        self._muat()
        if self.renstra is not None and self.renstra.tahun_akhir != self.tahun_akhir:
            r = self.renstra
            h.galat.append(Galat(0, "", f"Perangkat daerah ini sudah memiliki Renstra "
                                 f"{r.tahun_awal}–{r.tahun_akhir} (versi {r.versi}); periode "
                                 f"{self.tahun_awal}–{self.tahun_akhir} berbeda: periksa "
                                 "--periode", sheet=tabel.sheet))
            return h
        self._cek_nomenklatur()
        self.rencana = Rencana(
            tabel=tabel, pd=self.pd, tahun_awal=self.tahun_awal, tahun_akhir=self.tahun_akhir,
            tahun_tambahan=self.tahun_tambahan, versi_nomenklatur=h.versi_nomenklatur,
            renstra=self.renstra, obj_node={}, terkait_ada=self.terkait_ada)
        self._rencana()
        h.transisi = self.rencana.transisi = transisi_impor(
            self.pd, self.tahun_awal, self.tahun_akhir, self.renstra)
        return h

    # -- step 2
    def _cek_periode(self) -> None:
        t, h = self.h.tabel, self.h
        tahun = t.tahun
        baris = t.kolom.baris_tahun
        hilang = [y for y in range(self.tahun_awal, self.tahun_akhir + 1) if y not in tahun]
        sebelum = [y for y in tahun if y < self.tahun_awal]
        sesudah = [y for y in tahun if y > self.tahun_akhir]
        periode = f"{self.tahun_awal}–{self.tahun_akhir}"
        if hilang:
            h.galat.append(Galat(baris, "", f"Kolom tahun {rentang_tahun(hilang)} tidak ada di "
                                 f"judul tabel, padahal periode Renstra {periode}: judul tahun "
                                 f"berbunyi {rentang_tahun(tahun)}", sheet=t.sheet))
        if sebelum:
            h.galat.append(Galat(baris, "", f"Kolom tahun {rentang_tahun(sebelum)} sebelum "
                                 f"periode Renstra {periode}: periksa --periode atau judul tabel",
                                 sheet=t.sheet))
        if sesudah and (len(sesudah) > 2 or sesudah != list(
                range(self.tahun_akhir + 1, self.tahun_akhir + len(sesudah) + 1))):
            h.galat.append(Galat(baris, "", f"Kolom tahun {rentang_tahun(sesudah)} sesudah "
                                 f"periode Renstra {periode}: paling banyak dua tahun tambahan "
                                 "yang berurutan (mis. 2030 pada Renstra 2025–2029)",
                                 sheet=t.sheet))
        self.tahun_tambahan = len(sesudah)

    def _cek_nomenklatur(self) -> None:
        h = self.h
        kode_file = [n.kode for n in h.tabel.nodes()]
        ada_master = Nomenklatur.objects.exists()
        if not ada_master:
            h.peringatan.append(Peringatan("", "Master nomenklatur belum dimuat (manage.py "
                                           "load_nomenklatur): kode tidak dapat diperiksa."))
            return
        versi = self.versi_diminta
        if not versi:
            ada = self.renstra.nomenklatur_versi if self.renstra is not None else ""
            versi = ada or self._versi_berlaku()
        h.versi_nomenklatur = versi or ""
        bidang = sorted({".".join(k.split(".")[:2]) for k in kode_file})
        q = Q()
        for b in bidang:
            q |= Q(kode=b) | Q(kode__startswith=b + ".")
        master = list(Nomenklatur.objects.filter(q).values_list("kode", "nama", "versi", "level"))
        if self.versi_diminta and not Nomenklatur.objects.filter(versi=versi).exists():
            h.peringatan.append(Peringatan("", f"Versi nomenklatur '{versi}' tidak ada di master; "
                                           "kode tidak dapat diperiksa."))
            return
        per_kode: dict[str, dict[str, str]] = defaultdict(dict)
        # Same name, same level, in the version in force: where a renumbered code went (§6.1).
        per_nama: dict[tuple[str, str], list[str]] = defaultdict(list)
        for kode, nama, v, level in master:
            per_kode[kode][v] = nama
            if v == versi:
                per_nama[(level, _kunci_nama(nama))].append(kode)
        for n in h.tabel.nodes():
            versi_kode = per_kode.get(n.kode, {})
            lain = ", ".join(k for k in per_nama.get((n.level, _kunci_nama(n.nama)), [])
                             if k != n.kode)
            if versi in versi_kode:
                if _kunci_nama(versi_kode[versi]) == _kunci_nama(n.nama):
                    continue
                pesan = (f"Nama {n.label.lower()} {n.kode} '{potong(n.nama)}' berbeda dari "
                         f"nomenklatur {versi}: '{versi_kode[versi]}'.")
                if lain:
                    pesan += f" Nama ini di nomenklatur tersebut berkode {lain}."
            elif versi_kode:
                v_lain = sorted(versi_kode)
                pesan = (f"Kode {n.kode} tidak ada di nomenklatur {versi}; ada di versi "
                         f"{', '.join(v_lain)} ('{versi_kode[v_lain[-1]]}').")
                if lain:
                    pesan += f" Di {versi} nama ini berkode {lain}."
            else:
                pesan = f"Kode {n.kode} tidak ada di master nomenklatur."
                if lain:
                    pesan += f" Nama ini di nomenklatur {versi} berkode {lain}."
            h.peringatan.append(Peringatan(n.kode, pesan, n.baris))

    def _versi_berlaku(self) -> str | None:
        versi = list(Nomenklatur.objects.values_list("versi", "berlaku_mulai", "berlaku_sampai")
                     .distinct())
        awal = self.tahun_awal
        cocok = [v for v in versi if (v[1] is None or v[1] <= awal)
                 and (v[2] is None or v[2] >= awal)]
        pilihan = cocok or versi
        if not pilihan:
            return None
        return max(pilihan, key=lambda v: (v[1] or 0, v[0]))[0]

    # -- step 3
    def _muat(self) -> None:
        self.renstra = (
            Renstra.objects.filter(perangkat_daerah=self.pd, tahun_awal=self.tahun_awal)
            .order_by("-versi").first()
        )
        self.ada: dict[str, dict] = {"program": {}, "kegiatan": {}, "subkegiatan": {}}
        self.ind_ada: dict[tuple, Any] = {}
        self.target_ada: dict[tuple[int, int], Any] = {}
        self.pagu_ada: dict[tuple[str, int, int], Decimal | None] = {}
        self.terkait_ada: dict[int, set[int]] = defaultdict(set)
        if self.renstra is None:
            return
        r = self.renstra
        prog = {p.id: p for p in Program.objects.filter(renstra=r)}
        self.ada["program"] = {p.kode: p for p in prog.values()}
        keg = {k.id: k for k in Kegiatan.objects.filter(program__renstra=r)}
        self.ada["kegiatan"] = {(prog[k.program_id].kode, k.kode): k for k in keg.values()}
        sub = {s.id: s for s in SubKegiatan.objects.filter(kegiatan__program__renstra=r)}
        self.ada["subkegiatan"] = {(keg[s.kegiatan_id].kode, s.kode): s for s in sub.values()}
        # The apply step reaches each node's Renstra and perangkat daerah in memory.
        r.perangkat_daerah = self.pd
        for p in prog.values():
            p.renstra = r
        for k in keg.values():
            k.program = prog[k.program_id]
        for s in sub.values():
            s.kegiatan = keg[s.kegiatan_id]
        kode_per = {"program": {i: o.kode for i, o in prog.items()},
                    "kegiatan": {i: o.kode for i, o in keg.items()},
                    "subkegiatan": {i: o.kode for i, o in sub.items()}}
        self.kode_per = kode_per
        for ind in Indikator.objects.filter(renstra=r).filter(
            Q(program__isnull=False) | Q(kegiatan__isnull=False) | Q(subkegiatan__isnull=False)
        ):
            level = ind.level
            kode = kode_per[level].get(getattr(ind, f"{level}_id"))
            self.ind_ada[(level, kode, kunci_teks(ind.uraian))] = ind
        for t in TargetIndikator.objects.filter(indikator__renstra=r):
            self.target_ada[(t.indikator_id, t.tahun)] = t
        self.pagu_ada = pagu_indikatif_map(r)
        through = Indikator.kegiatan_terkait.through
        for ind_id, keg_id in through.objects.filter(indikator__renstra=r).values_list(
                "indikator_id", "kegiatan_id"):
            self.terkait_ada[ind_id].add(keg_id)

    def _kunci_node(self, n: Node):
        return n.kode if n.level == "program" else (n.induk.kode, n.kode)

    def _rencana(self) -> None:
        h = self.h
        h.renstra = self.renstra
        h.renstra_baru = self.renstra is None
        for jenis in ("program", "kegiatan", "subkegiatan", "indikator", "target", "pagu"):
            h.perubahan[jenis] = Perubahan()
        tahun = self.h.tahun
        self.obj_node = self.rencana.obj_node
        for n in h.tabel.nodes():
            obj = self.ada[n.level].get(self._kunci_node(n))
            self.obj_node[id(n)] = obj
            if obj is None:
                n.status = "baru"
            elif obj.nama != n.nama or (n.level == "program" and obj.urutan != n.urutan):
                n.status = "diubah"
            else:
                n.status = "tetap"
            self._hitung(n.level, n.status)
            for y in tahun:
                status = self._status_pagu(n, obj, y)
                self._hitung("pagu", status)
                if status != "tetap":
                    n.tahun_ditulis.append(y)
            for ind in n.indikator:
                self._rencana_indikator(ind, obj, tahun)
        # What the Renstra holds and the file does not: kept, and said (never deleted silently).
        if self.renstra is not None:
            di_berkas = {(n.level, self._kunci_node(n)) for n in h.tabel.nodes()}
            for level in LEVEL_NODE:
                for kunci, obj in self.ada[level].items():
                    if (level, kunci) not in di_berkas:
                        h.tidak_di_berkas.append(f"{LABEL_LEVEL[level]} {obj.kode} {obj.nama}")
            kunci_ind = {(i.level, i.pemilik.kode, i.kunci) for i in h.tabel.indikator()}
            kode_node = {n.kode for n in h.tabel.nodes()}
            for kunci, ind in self.ind_ada.items():
                if kunci not in kunci_ind and kunci[1] in kode_node:
                    h.tidak_di_berkas.append(f"Indikator {kunci[1]} '{potong(ind.uraian)}'")
            for teks in h.tidak_di_berkas:
                h.peringatan.append(Peringatan("", f"{teks} ada di Renstra tetapi tidak ada di "
                                               "berkas; tidak dihapus."))

    def _hitung(self, jenis: str, status: str | None) -> None:
        if status:
            p = self.h.perubahan[jenis]
            setattr(p, {"baru": "baru", "diubah": "diubah", "tetap": "tetap"}[status],
                    getattr(p, status) + 1)

    def _status_pagu(self, n: Node, obj, y: int) -> str | None:
        kunci = (n.level, obj.pk, y) if obj is not None else None
        if kunci not in self.pagu_ada:
            return "baru"
        return "tetap" if self.pagu_ada[kunci] == n.pagu.get(y) else "diubah"

    def _rencana_indikator(self, ind: IndikatorBaris, obj_node, tahun) -> None:
        ada = self.ind_ada.get((ind.level, ind.pemilik.kode, ind.kunci)) if obj_node else None
        ind.obj = ada
        if ada is None:
            ind.status = "baru"
        elif self._indikator_berubah(ind, ada):
            ind.status = "diubah"
        else:
            ind.status = "tetap"
        self._hitung("indikator", ind.status)
        for y in tahun:
            v = ind.target.get(y) or Nilai()
            t = self.target_ada.get((ada.pk, y)) if ada is not None else None
            if t is not None and t.nilai == v.nilai and t.nilai_teks == v.teks:
                self._hitung("target", "tetap")
                continue
            self._hitung("target", "baru" if t is None else "diubah")
            ind.tahun_ditulis.append(y)
            self._wajar(ind, ada, y, v.nilai)

    def _wajar(self, ind: IndikatorBaris, ada, tahun: int, nilai) -> None:
        """The target sanity rule of every save (renstra.kewajaran), said in the preview."""
        sifat = SimpleNamespace(uraian=potong(ind.uraian), satuan=ind.satuan,
                                desimal=max(ind.desimal, ada.desimal if ada else 0),
                                boleh_lebih_100=ada.boleh_lebih_100 if ada else False)
        for teks in peringatan_target(sifat, nilai, label=f"Target {tahun}"):
            self.h.peringatan.append(Peringatan("", teks, ind.baris))

    def _indikator_berubah(self, ind: IndikatorBaris, ada) -> bool:
        if (ada.keluaran != ind.keluaran or ada.satuan != ind.satuan[:60]
                or ada.baseline_nilai != ind.baseline
                or ada.baseline_tahun != self.rencana.baseline_tahun(ind)
                or ada.urutan != ind.urutan or ada.desimal < ind.desimal
                or ada.uraian != ind.uraian):
            return True
        if ind.level == "program":
            ingin = {self.kode_per["kegiatan"].get(i) for i in self.terkait_ada.get(ada.pk, ())}
            return ingin != {k.kode for k in ind.kegiatan_terkait}
        return False



def _kunci_nama(nama: str) -> str:
    """Nomenklatur names compare without case/punctuation and without the "Kewenangan
    Kabupaten/Kota" suffix some tables drop (§9 item 18 keeps it verbatim in storage)."""
    k = kunci_teks(nama)
    for akhiran in (" kewenangan kabupaten kota", " kewenangan provinsi"):
        if k.endswith(akhiran):
            k = k[: -len(akhiran)]
    return k


# --- a period shared with another Renstra (a transition) --------------------------------------

def tahun_berlaku_awal(awal: int, akhir: int, transisi: list[dict]) -> int:
    """The first year of ``awal``–``akhir`` that no other Renstra keeps (``transisi``: the
    ``--json`` key), where the pages should open after the import."""
    lain = {t["tahun"] for t in transisi if not t["renstra_baru"]}
    return next((t for t in range(awal, akhir + 1) if t not in lain), awal)


def transisi_impor(pd, tahun_awal: int, tahun_akhir: int, renstra) -> list[TahunTransisi]:
    """For each year of ``tahun_awal``–``tahun_akhir`` that another Renstra of ``pd`` also
    covers: the Renstra governing it after importing this period (into ``renstra``, or a new
    one when None), by the rule of ``renstra_berlaku_map``. A year that would pass to the new
    Renstra although data of that year (realisasi, PK, budget) was entered under the Renstra
    governing it now stays with that Renstra: nothing entered disappears from any view."""
    lain = [r for r in pd.renstra_set.order_by("-tahun_awal", "-versi")
            if renstra is None or r.pk != renstra.pk]
    bersama = [t for t in range(tahun_awal, tahun_akhir + 1)
               if any(r.tahun_awal <= t <= r.tahun_akhir for r in lain)]
    if not bersama:
        return []
    sekarang = {b.tahun: b for b in tahun_berlaku(pd)}
    label_baru = label_renstra(renstra) if renstra is not None else (
        f"Renstra {tahun_awal}\u2013{tahun_akhir}")
    berdata: dict[int, dict[int, list[str]]] = {}
    out = []
    for t in bersama:
        b = sekarang.get(t)
        if b is not None and b.catatan is not None:
            out.append(TahunTransisi(t, label_renstra(b.renstra), b.renstra == renstra,
                                     b.sumber, b.alasan))
            continue
        cover = [r for r in lain if r.tahun_awal <= t <= r.tahun_akhir]
        if cover[0].tahun_awal > tahun_awal:
            # A newer Renstra already covers the year: it keeps governing it.
            out.append(TahunTransisi(t, label_renstra(cover[0]), False, "terbaru",
                                     ALASAN_TERBARU))
            continue
        lama = b.renstra if b is not None else cover[0]
        if renstra is not None and lama.pk == renstra.pk:
            out.append(TahunTransisi(t, label_baru, True, "terbaru", ALASAN_TERBARU))
            continue
        if lama.pk not in berdata:
            berdata[lama.pk] = tahun_berdata(lama)
        if t in berdata[lama.pk]:
            apa = ", ".join(berdata[lama.pk][t])
            out.append(TahunTransisi(
                t, label_renstra(lama), False, "impor",
                f"sudah ada data {t} ({apa}) yang dicatat pada Renstra ini; dipertahankan "
                "(perencana dapat mengalihkannya)", dipertahankan=lama))
            continue
        out.append(TahunTransisi(t, label_baru, True, "terbaru", ALASAN_TERBARU))
    return out

