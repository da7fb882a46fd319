"""Sheet ``Program``: program → kegiatan → sub kegiatan by Kode, their indicators with targets,
the pagu indikatif of every Renstra year, and which sasaran each program supports.

One row per (node, indicator); a node without indicators gets one row with Indikator blank.
Uraian, Sasaran, Bidang and the Pagu columns belong to the node and are read from its first row;
a later row of the same Kode must leave them blank or repeat them. Sasaran lists every supported
sasaran, one per line (``;`` also separates). The level comes from the Kode (3 segments program,
5 kegiatan, 6 sub kegiatan); the parent must exist or come earlier in the sheet.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from bukukerja.base import GAGAL, UANG_DESIMAL, HasilSheet, Konteks, Sheet
from bukukerja.umum import (
    ALASAN,
    PetaBidang,
    header_keys,
    jenis_untuk_target,
    kolom_tahun,
    norm,
    renstra_ekspor,
    renstra_untuk,
    tulis_target,
)
from renstra import services
from renstra.kode import KodeTidakSah, kode_induk, level_kode, normalisasi_kode
from renstra.models import (
    Indikator,
    JenisNilai,
    Kegiatan,
    Program,
    Renstra,
    Sasaran,
    SasaranProgram,
    SubKegiatan,
    TargetIndikator,
)
from renstra.selectors import pagu_indikatif_map
from sakip.lib.angka import sel_nilai_predikat
from sakip.models import Bidang

KOLOM = ["Kode", "Uraian", "Sasaran", "Bidang", "Indikator", "Satuan"]
MODEL = {"program": Program, "kegiatan": Kegiatan, "subkegiatan": SubKegiatan}


@dataclass
class _Baris:
    """One row of the sheet as read and checked, before anything is written."""

    baris: int
    kode: str
    level: str
    uraian: str
    teks_sasaran: str
    teks_bidang: str
    pagu: dict[int, Decimal | None]
    # First row of its Kode: only that row carries the node's own cells.
    pertama: bool
    obj: Program | Kegiatan | SubKegiatan | None
    induk: Program | Kegiatan | None = None
    bidang: Bidang | None = None
    sasaran: list[Sasaran] = field(default_factory=list)
    teks_ind: str = ""
    satuan: str = ""
    targets: dict[int, tuple] = field(default_factory=dict)


@dataclass
class _Peta:
    """What one import knows of the Renstra (nodes by Kode, sasaran, bidang, pagu indikatif and
    node indicators), loaded once and kept up to date as rows write."""

    renstra: Renstra
    user: Any
    kolom_target: dict[int, str]
    kolom_pagu: dict[int, str]
    ada_sasaran: bool
    ada_bidang: bool
    node: dict[str, Program | Kegiatan | SubKegiatan]
    sasaran: dict[str, Sasaran]
    bidang: PetaBidang
    pagu: dict[tuple, Decimal | None]
    # (level, node id, matching text) → indicator.
    indikator: dict[tuple, Indikator]
    # Kode → its first row, which later rows of the Kode must agree with.
    terlihat: dict[str, _Baris] = field(default_factory=dict)

    @classmethod
    def dari(cls, pd, renstra: Renstra, *, bidang: PetaBidang, **kw) -> _Peta:
        node: dict[str, Program | Kegiatan | SubKegiatan] = {}
        for model, path in ((Program, "renstra"), (Kegiatan, "program__renstra"),
                            (SubKegiatan, "kegiatan__program__renstra")):
            for obj in model.objects.filter(**{path: renstra}).select_related("bidang"):
                node[obj.kode] = obj
        sasaran = {norm(s.uraian): s for s in Sasaran.objects.filter(tujuan__renstra=renstra)}
        pagu = pagu_indikatif_map(renstra)
        indikator = {}
        for i in (Indikator.objects.filter(renstra=renstra).exclude(sasaran__isnull=False)
                  .exclude(tujuan__isnull=False)):
            indikator[(i.level, getattr(i, f"{i.level}_id"), norm(i.uraian))] = i
        return cls(renstra=renstra, node=node, sasaran=sasaran, bidang=bidang, pagu=pagu,
                   indikator=indikator, **kw)


class ProgramSheet(Sheet):
    nama = "Program"
    kolom = KOLOM
    wajib = ("Kode",)
    menyediakan = ("kode", "indikator")

    def header(self, pd, tahun):
        renstra = renstra_ekspor(pd, tahun)
        years = renstra.tahun_list if renstra else [tahun]
        return [*KOLOM, *(f"Target {t}" for t in years), *(f"Pagu {t}" for t in years)]

    def ekspor(self, pd, tahun):
        renstra = renstra_ekspor(pd, tahun)
        if renstra is None:
            return []
        years = renstra.tahun_list
        programs = list(Program.objects.filter(renstra=renstra).select_related("bidang")
                        .order_by("urutan", "kode"))
        kegiatan = defaultdict(list)
        for k in (Kegiatan.objects.filter(program__renstra=renstra).select_related("bidang")
                  .order_by("kode")):
            kegiatan[k.program_id].append(k)
        subs = defaultdict(list)
        for s in (SubKegiatan.objects.filter(kegiatan__program__renstra=renstra)
                  .select_related("bidang").order_by("kode")):
            subs[s.kegiatan_id].append(s)
        sasaran = defaultdict(list)
        for sp in (SasaranProgram.objects.filter(program__renstra=renstra)
                   .select_related("sasaran").order_by("sasaran__urutan", "sasaran_id")):
            sasaran[sp.program_id].append(sp.sasaran.uraian)
        ind = defaultdict(list)
        for i in (Indikator.objects.filter(renstra=renstra).exclude(sasaran__isnull=False)
                  .exclude(tujuan__isnull=False).order_by("urutan", "id")):
            ind[(i.level, getattr(i, f"{i.level}_id"))].append(i)
        targets: dict[int, dict[int, TargetIndikator]] = defaultdict(dict)
        for t in TargetIndikator.objects.filter(indikator__renstra=renstra):
            targets[t.indikator_id][t.tahun] = t
        pagu = pagu_indikatif_map(renstra)
        rows = []

        def node_rows(level, node):
            node_cells = [
                node.nama,
                "\n".join(sasaran.get(node.pk, [])) or None if level == "program" else None,
                (node.bidang.nama if node.bidang else None),
            ]
            pagu_cells = [pagu.get((level, node.pk, t)) for t in years]
            inds = ind.get((level, node.pk)) or [None]
            for n, i in enumerate(inds):
                first = n == 0
                cells = [node.kode, *(node_cells if first else [None, None, None])]
                if i is None:
                    cells += [None, None, *([None] * len(years))]
                else:
                    tg = targets.get(i.pk, {})
                    cells += [i.uraian, i.satuan or None,
                              *(sel_nilai_predikat(tg[t].nilai, tg[t].nilai_teks)
                                if t in tg else None for t in years)]
                cells += pagu_cells if first else [None] * len(years)
                rows.append(cells)

        for p in programs:
            node_rows("program", p)
            for k in kegiatan.get(p.pk, []):
                node_rows("kegiatan", k)
                for s in subs.get(k.pk, []):
                    node_rows("subkegiatan", s)
        return rows

    # --- import ---------------------------------------------------------------------------
    def impor(self, pd, tahun, rows, *, user, konteks=None):
        hasil = HasilSheet(sheet=self.nama)
        konteks = konteks or Konteks()
        keys = header_keys(rows)
        kolom_target = kolom_tahun(keys, "target")
        kolom_pagu = kolom_tahun(keys, "pagu")
        renstra = renstra_untuk(pd, tahun, sorted(set(kolom_target) | set(kolom_pagu)))
        if renstra is None:
            self.galat(hasil, 1, "", f"Belum ada Renstra {pd.nama} yang mencakup tahun pada "
                                     "kolom Target/Pagu; buat Renstra-nya dahulu.")
        elif not self.galat_di_luar_renstra(hasil, renstra, {"Target": kolom_target,
                                                             "Pagu": kolom_pagu}):
            peta = _Peta.dari(pd, renstra, user=user, kolom_target=kolom_target,
                              kolom_pagu=kolom_pagu, ada_sasaran="sasaran" in keys,
                              ada_bidang="bidang" in keys,
                              bidang=konteks.bidang or PetaBidang(pd, user=user))
            for row in rows:
                self._baris(row, hasil, peta, konteks)
            return hasil
        konteks.tolak_semua(self.menyediakan, hasil.galat[0])
        return hasil

    def _baris(self, row, hasil, peta, konteks):
        """One row: read and check it whole, then write it through the services; the row counts
        once, as dibuat, diubah or tetap. A row under a refused node only counts under that
        node's galat; a refused row makes the nodes and indicator it would create refused."""
        n_galat = len(hasil.galat)
        kode_level = self._kode(row, hasil)
        if kode_level is None:
            return
        kode, level = kode_level
        teks_ind = norm(self.sel_teks(row, "Indikator"))
        if kode not in peta.node and konteks.ikut_ditolak(
                ("kode", kode), *([("kode", kode_induk(kode))] if level != "program" else []),
                juga=(("kode", kode), *([("indikator", teks_ind)] if teks_ind else []))):
            return
        teks_bidang = norm(self.sel_teks(row, "Bidang"))
        if teks_bidang and konteks.ikut_ditolak(
                ("bidang", teks_bidang),
                juga=() if kode in peta.node else (("kode", kode), ("indikator", teks_ind))):
            # The same unknown bidang was already reported: one cause, one message.
            return
        br = self._baca(row, kode, level, hasil, peta, konteks)
        if len(hasil.galat) > n_galat:
            self._tolak(konteks, peta, kode, teks_ind, hasil.galat[n_galat])
            return
        if br.pertama:
            peta.terlihat[br.kode] = br
        try:
            dibuat, berubah = self._tulis(br, peta)
        except ValidationError as e:
            self.galat_dari_validasi(hasil, br.baris, "Kode", e)
            self._tolak(konteks, peta, kode, teks_ind, hasil.galat[n_galat])
            return
        if dibuat:
            hasil.dibuat += 1
        elif berubah:
            hasil.diubah += 1
        else:
            hasil.tetap += 1

    @staticmethod
    def _tolak(konteks, peta, kode, teks_ind, galat) -> None:
        """A refused row: the node it would create (and its indicator) is missing for the rows
        below it and for the other sheets, which follow this galat instead of repeating it."""
        if kode not in peta.node:
            konteks.tolak("kode", kode, galat)
        if teks_ind:
            konteks.tolak("indikator", teks_ind, galat)

    # --- reading and checking a row -------------------------------------------------------
    def _baca(self, row, kode, level, hasil, peta, konteks) -> _Baris:
        """The row's cells, checked against the sheet so far and the Renstra. Galat are
        recorded in the order the columns are read."""
        b = row["_baris"]
        br = _Baris(baris=b, kode=kode, level=level, uraian=self.sel_teks_asli(row, "Uraian"),
                    teks_sasaran=str(row.get("sasaran") or "").strip(),
                    teks_bidang=self.sel_teks(row, "Bidang"),
                    pagu=self._pagu(row, hasil, peta.kolom_pagu),
                    pertama=kode not in peta.terlihat, obj=peta.node.get(kode))
        if not br.pertama:
            self._cek_ulangan(br, peta.terlihat[kode], hasil)
        if br.pertama and br.teks_bidang:
            br.bidang = self._bidang(br, peta.bidang, hasil, konteks)
        if br.pertama and br.teks_sasaran:
            br.sasaran = self._sasaran(br, peta.sasaran, hasil)
        br.teks_ind = self.sel_teks(row, "Indikator")
        br.satuan = self.sel_teks(row, "Satuan")
        br.targets = self.sel_target(row, peta.kolom_target, hasil)
        if br.teks_ind == "" and any(v != (None, "") for v in br.targets.values()):
            self.galat(hasil, b, "Indikator", "Target diisi tanpa indikator.")
        if br.obj is None:
            br.induk = self._node_baru(br, peta.node, hasil, konteks)
        return br

    def _kode(self, row, hasil) -> tuple[str, str] | None:
        """(kode, level) of a program, kegiatan or sub kegiatan Kode; None after a galat."""
        try:
            kode = normalisasi_kode(self.sel_teks(row, "Kode"))
            level = level_kode(kode)
            if level not in MODEL:
                raise KodeTidakSah(f"Kode '{kode}' bukan kode program/kegiatan/sub kegiatan")
        except KodeTidakSah as e:
            self.galat(hasil, row["_baris"], "Kode", f"{e}.")
            return None
        return kode, level

    def _pagu(self, row, hasil, kolom_pagu) -> dict:
        """{tahun: pagu or None} of the Pagu cells that could be read; a negative pagu is a
        galat (domain.md: pagu ≥ 0)."""
        pagu = {}
        for t in kolom_pagu:
            v = self.sel_angka(row, f"Pagu {t}", hasil, desimal=UANG_DESIMAL)
            if v is not GAGAL:
                if v is not None and v < 0:
                    self.galat(hasil, row["_baris"], f"Pagu {t}", "Pagu tidak boleh negatif.")
                pagu[t] = v
        return pagu

    def _cek_ulangan(self, br, sebelum, hasil) -> None:
        """A later row of a Kode may only leave the node's cells blank or repeat them: a node
        has one uraian, sasaran, bidang and pagu."""
        for kolom, nilai, lama in (("Uraian", br.uraian, sebelum.uraian),
                                   ("Sasaran", br.teks_sasaran, sebelum.teks_sasaran),
                                   ("Bidang", br.teks_bidang, sebelum.teks_bidang)):
            if nilai and norm(nilai) != norm(lama):
                self.galat(hasil, br.baris, kolom, f"Berbeda dari baris {sebelum.baris} untuk "
                           f"kode {br.kode}; isi hanya pada baris pertama kode itu.")
        for t, v in br.pagu.items():
            if v is not None and v != sebelum.pagu.get(t):
                self.galat(hasil, br.baris, f"Pagu {t}", f"Berbeda dari baris {sebelum.baris} "
                           f"untuk kode {br.kode}; pagu diisi sekali per kode.")

    def _bidang(self, br, bidang: PetaBidang, hasil, konteks):
        """The bidang named in the row (by name or short name; created when the import builds
        the office); None after a galat listing the bidang of the perangkat daerah. An
        inactive bidang keeps what it owns but takes no new node (sakip.models.Bidang)."""
        obj = bidang.cari(br.teks_bidang)
        if obj is None:
            self.galat(hasil, br.baris, "Bidang", bidang.pesan_tak_dikenal(br.teks_bidang))
            konteks.tolak("bidang", norm(br.teks_bidang), hasil.galat[-1])
        elif not obj.aktif and (br.obj is None or br.obj.bidang_id != obj.pk):
            self.galat(hasil, br.baris, "Bidang", f"Bidang '{obj.nama}' nonaktif; aktifkan di "
                       "Pengaturan kantor › Bidang atau pilih bidang lain.")
            obj = None
        return obj

    def _sasaran(self, br, sasaran_by_text, hasil) -> list[Sasaran]:
        """The sasaran a program supports, one per line (or ``;``); only programs support a
        sasaran (the cascade goes sasaran → program, domain.md §1.2)."""
        if br.level != "program":
            self.galat(hasil, br.baris, "Sasaran", "Sasaran hanya diisi untuk program.")
            return []
        out = []
        for bagian in br.teks_sasaran.replace(";", "\n").split("\n"):
            if not bagian.strip():
                continue
            s = sasaran_by_text.get(norm(bagian))
            if s is None:
                self.galat(hasil, br.baris, "Sasaran", f"Sasaran \u201c{bagian.strip()}\u201d "
                           "tidak ada di Renstra; tulis persis seperti di sheet Sasaran.")
            else:
                out.append(s)
        return out

    def _node_baru(self, br, node, hasil, konteks):
        """The parent of a node the row creates; a new node needs its Uraian and a parent that
        exists or came earlier in the sheet (a missing parent is reported once: its other
        children follow that galat)."""
        if not br.uraian:
            self.galat(hasil, br.baris, "Uraian", f"Kode {br.kode} belum ada; Uraian wajib diisi.")
        if br.level == "program":
            return None
        induk = node.get(kode_induk(br.kode))
        if induk is None:
            self.galat(hasil, br.baris, "Kode", f"Induk {kode_induk(br.kode)} dari {br.kode} "
                       "belum ada; tulis baris induknya lebih dahulu.")
            konteks.tolak("kode", kode_induk(br.kode), hasil.galat[-1])
        return induk

    # --- writing a row --------------------------------------------------------------------
    def _tulis(self, br, peta) -> tuple[bool, bool]:
        """Write the node (its first row only), then the row's indicator and targets; returns
        (dibuat, berubah)."""
        dibuat = berubah = False
        obj = br.obj
        if obj is None:
            induk = peta.renstra if br.level == "program" else br.induk
            obj = services.node_create(level=br.level, induk=induk, user=peta.user,
                                       kode=br.kode, nama=br.uraian, bidang=br.bidang)
            peta.node[br.kode] = obj
            dibuat = True
        elif br.pertama:
            berubah = self._ubah_node(obj, br, peta)
        if br.pertama and br.level == "program" and peta.ada_sasaran:
            berubah = self._tulis_sasaran(obj, br.sasaran, peta.user) or berubah
        if br.pertama:
            berubah = self._tulis_pagu(obj, br, peta) or berubah
        if br.teks_ind:
            ind_dibuat, ind_berubah = self._tulis_indikator(obj, br, peta)
            dibuat = dibuat or ind_dibuat
            berubah = berubah or ind_berubah
        return dibuat, berubah

    def _ubah_node(self, obj, br, peta) -> bool:
        """Rename the node or move it to another bidang (a blank Bidang column clears it when
        the sheet has that column)."""
        ubah = {}
        if br.uraian and br.uraian != obj.nama:
            ubah["nama"] = br.uraian
        if peta.ada_bidang and br.bidang != obj.bidang:
            ubah["bidang"] = br.bidang
        if ubah:
            services.node_update(node=obj, user=peta.user, alasan=ALASAN, **ubah)
        return bool(ubah)

    def _tulis_sasaran(self, program, sasaran_list, user) -> bool:
        """Link the program to exactly the sasaran listed (each link is set on its sasaran)."""
        lama = set(SasaranProgram.objects.filter(program=program)
                   .values_list("sasaran_id", flat=True))
        baru = {s.pk for s in sasaran_list}
        for s in sasaran_list:
            if s.pk not in lama:
                services.sasaran_program_set(
                    sasaran=s, programs=[*s.program_set.all(), program], user=user)
        for sid in lama - baru:
            s = Sasaran.objects.get(pk=sid)
            services.sasaran_program_set(
                sasaran=s, programs=[p for p in s.program_set.all() if p.pk != program.pk],
                user=user)
        return lama != baru

    def _tulis_pagu(self, obj, br, peta) -> bool:
        """Write the years whose pagu indikatif changed in one batch; a blank cell of a year
        without pagu writes nothing."""
        entri = []
        for t, v in br.pagu.items():
            key = (br.level, obj.pk, t)
            berubah = peta.pagu[key] != v if key in peta.pagu else v is not None
            if berubah:
                entri.append(services.EntriPagu(obj, t, v))
        if not entri:
            return False
        services.pagu_indikatif_save(entri=entri, user=peta.user, alasan=ALASAN)
        for e in entri:
            peta.pagu[(br.level, obj.pk, e.tahun)] = e.nilai
        return True

    def _tulis_indikator(self, obj, br, peta) -> tuple[bool, bool]:
        """Create or update the node's indicator named in the row and write its targets;
        returns (dibuat, berubah)."""
        key = (br.level, obj.pk, norm(br.teks_ind))
        ind = peta.indikator.get(key)
        jenis = jenis_untuk_target(ind.jenis_nilai if ind else JenisNilai.ANGKA,
                                   br.targets.values())
        dibuat = berubah = False
        if ind is None:
            ind = services.indikator_create(
                renstra=peta.renstra, uraian=br.teks_ind, satuan=br.satuan, jenis_nilai=jenis,
                bidang=obj.bidang, user=peta.user, **{br.level: obj})
            peta.indikator[key] = ind
            dibuat = True
        else:
            ubah = {}
            if br.satuan and br.satuan != ind.satuan:
                ubah["satuan"] = br.satuan
            if jenis != ind.jenis_nilai:
                ubah["jenis_nilai"] = jenis
            if ubah:
                services.indikator_update(indikator=ind, user=peta.user, alasan=ALASAN, **ubah)
                berubah = True
        if tulis_target(ind, br.targets, user=peta.user):
            berubah = True
        return dibuat, berubah
