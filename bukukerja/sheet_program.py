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

from django.core.exceptions import ValidationError

from bukukerja.base import GAGAL, HasilSheet, Sheet
from bukukerja.sheet_sasaran import jenis_untuk_predikat
from bukukerja.umum import header_keys, kolom_tahun, norm, renstra_ekspor, renstra_untuk
from renstra import services
from renstra.kode import KodeTidakSah, kode_induk, level_kode, normalisasi_kode
from renstra.models import (
    Indikator,
    JenisNilai,
    Kegiatan,
    Program,
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
INDUK = {"kegiatan": "program", "subkegiatan": "kegiatan"}


class ProgramSheet(Sheet):
    nama = "Program"
    kolom = KOLOM
    wajib = ("Kode",)

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
    def impor(self, pd, tahun, rows, *, user):
        hasil = HasilSheet(sheet=self.nama)
        keys = header_keys(rows)
        kolom_target = kolom_tahun(keys, "target")
        kolom_pagu = kolom_tahun(keys, "pagu")
        renstra = renstra_untuk(pd, tahun, sorted(set(kolom_target) | set(kolom_pagu)))
        if renstra is None:
            self.galat(hasil, 1, "", f"Belum ada Renstra {pd.nama} yang mencakup tahun pada "
                                     "kolom Target/Pagu; buat Renstra-nya dahulu.")
            return hasil
        for jenis, cols in (("Target", kolom_target), ("Pagu", kolom_pagu)):
            for t in cols:
                if t not in renstra.tahun_list:
                    akhir = renstra.tahun_akhir + renstra.tahun_tambahan
                    self.galat(hasil, 1, f"{jenis} {t}", f"Tahun {t} di luar periode Renstra "
                               f"{renstra.tahun_awal}–{akhir}.")
        if hasil.galat:
            return hasil
        ada_sasaran = "sasaran" in keys
        ada_bidang = "bidang" in keys
        node: dict[str, object] = {}
        for model, path in ((Program, "renstra"), (Kegiatan, "program__renstra"),
                            (SubKegiatan, "kegiatan__program__renstra")):
            for obj in model.objects.filter(**{path: renstra}).select_related("bidang"):
                node[obj.kode] = obj
        sasaran_by_text = {norm(s.uraian): s
                           for s in Sasaran.objects.filter(tujuan__renstra=renstra)}
        bidang = {}
        for b in Bidang.objects.filter(perangkat_daerah=pd):
            bidang[norm(b.nama)] = b
            if b.singkatan:
                bidang.setdefault(norm(b.singkatan), b)
        pagu_lama = pagu_indikatif_map(renstra)
        indikator: dict[tuple, Indikator] = {}
        for i in Indikator.objects.filter(renstra=renstra).exclude(sasaran__isnull=False) \
                .exclude(tujuan__isnull=False):
            indikator[(i.level, getattr(i, f"{i.level}_id"), norm(i.uraian))] = i
        terlihat: dict[str, dict] = {}  # kode → node cells of its first row
        for row in rows:
            self._baris(row, hasil, user=user, renstra=renstra, node=node,
                        kolom_target=kolom_target, kolom_pagu=kolom_pagu,
                        sasaran_by_text=sasaran_by_text, bidang=bidang, pagu_lama=pagu_lama,
                        indikator=indikator, terlihat=terlihat, ada_sasaran=ada_sasaran,
                        ada_bidang=ada_bidang)
        return hasil

    def _baris(self, row, hasil, *, user, renstra, node, kolom_target, kolom_pagu,
               sasaran_by_text, bidang, pagu_lama, indikator, terlihat, ada_sasaran,
               ada_bidang):
        b = row["_baris"]
        n_galat = len(hasil.galat)
        teks_kode = self.sel_teks(row, "Kode")
        try:
            kode = normalisasi_kode(teks_kode)
            level = level_kode(kode)
            if level not in MODEL:
                raise KodeTidakSah(f"Kode '{kode}' bukan kode program/kegiatan/sub kegiatan")
        except KodeTidakSah as e:
            self.galat(hasil, b, "Kode", f"{e}.")
            return
        uraian = self.sel_teks(row, "Uraian")
        teks_sasaran = str(row.get("sasaran") or "").strip()
        teks_bidang = self.sel_teks(row, "Bidang")
        pagu = {}
        for t in kolom_pagu:
            v = self.sel_angka(row, f"Pagu {t}", hasil)
            if v is not GAGAL:
                if v is not None and v < 0:
                    self.galat(hasil, b, f"Pagu {t}", "Pagu tidak boleh negatif.")
                pagu[t] = v
        pertama = kode not in terlihat
        if not pertama:
            sebelum = terlihat[kode]
            for kolom, nilai, lama in (("Uraian", uraian, sebelum["uraian"]),
                                       ("Sasaran", teks_sasaran, sebelum["sasaran"]),
                                       ("Bidang", teks_bidang, sebelum["bidang"])):
                if nilai and norm(nilai) != norm(lama):
                    self.galat(hasil, b, kolom, f"Berbeda dari baris {sebelum['baris']} untuk "
                               f"kode {kode}; isi hanya pada baris pertama kode itu.")
            for t, v in pagu.items():
                if v is not None and v != sebelum["pagu"].get(t):
                    self.galat(hasil, b, f"Pagu {t}", f"Berbeda dari baris {sebelum['baris']} "
                               f"untuk kode {kode}; pagu diisi sekali per kode.")
        bidang_obj = None
        if pertama and teks_bidang:
            bidang_obj = bidang.get(norm(teks_bidang))
            if bidang_obj is None:
                self.galat(hasil, b, "Bidang", f"Bidang '{teks_bidang}' tidak dikenal; diharapkan "
                           "salah satu dari: " + ", ".join(sorted({x.nama for x in
                                                                    bidang.values()})) + ".")
        sasaran_list = []
        if pertama and level == "program" and teks_sasaran:
            for bagian in teks_sasaran.replace(";", "\n").split("\n"):
                if not bagian.strip():
                    continue
                s = sasaran_by_text.get(norm(bagian))
                if s is None:
                    self.galat(hasil, b, "Sasaran", f"Sasaran \u201c{bagian.strip()}\u201d tidak "
                               "ada di Renstra; tulis persis seperti di sheet Sasaran.")
                else:
                    sasaran_list.append(s)
        elif pertama and level != "program" and teks_sasaran:
            self.galat(hasil, b, "Sasaran", "Sasaran hanya diisi untuk program.")
        teks_ind = self.sel_teks(row, "Indikator")
        targets = {}
        for t in kolom_target:
            v = self.sel_nilai_predikat(row, f"Target {t}", hasil)
            if v is not GAGAL:
                targets[t] = v
        if teks_ind == "" and any(v != (None, "") for v in targets.values()):
            self.galat(hasil, b, "Indikator", "Target diisi tanpa indikator.")
        obj = node.get(kode)
        parent = None
        if obj is None:
            if not uraian:
                self.galat(hasil, b, "Uraian", f"Kode {kode} belum ada; Uraian wajib diisi.")
            if level != "program":
                parent = node.get(kode_induk(kode))
                if parent is None:
                    self.galat(hasil, b, "Kode", f"Induk {kode_induk(kode)} dari {kode} belum ada; "
                               "tulis baris induknya lebih dahulu.")
        if len(hasil.galat) > n_galat:
            return
        if pertama:
            terlihat[kode] = {"baris": b, "uraian": uraian, "sasaran": teks_sasaran,
                              "bidang": teks_bidang, "pagu": pagu}
        dibuat = berubah = False
        try:
            if obj is None:
                create = getattr(services, f"{level}_create")
                kw = {"renstra": renstra} if level == "program" else {INDUK[level]: parent}
                obj = create(kode=kode, nama=uraian, bidang=bidang_obj, **kw)
                node[kode] = obj
                dibuat = True
            elif pertama:
                ubah = {}
                if uraian and uraian != obj.nama:
                    ubah["nama"] = uraian
                if ada_bidang and bidang_obj != obj.bidang:
                    ubah["bidang"] = bidang_obj
                if ubah:
                    services.node_update(node=obj, user=user, alasan="Impor Buku Kerja", **ubah)
                    berubah = True
            if pertama and level == "program" and ada_sasaran:
                lama = set(SasaranProgram.objects.filter(program=obj)
                           .values_list("sasaran_id", flat=True))
                baru = {s.pk for s in sasaran_list}
                for s in sasaran_list:
                    if s.pk not in lama:
                        services.sasaran_program_set(
                            sasaran=s, programs=[*s.program_set.all(), obj], user=user)
                for sid in lama - baru:
                    s = Sasaran.objects.get(pk=sid)
                    services.sasaran_program_set(
                        sasaran=s, programs=[p for p in s.program_set.all() if p.pk != obj.pk],
                        user=user)
                berubah = berubah or lama != baru
            if pertama:
                for t, v in pagu.items():
                    key = (level, obj.pk, t)
                    if key not in pagu_lama and v is None:
                        continue
                    if pagu_lama.get(key) != v or key not in pagu_lama:
                        services.pagu_indikatif_save(entri=[services.EntriPagu(obj, t, v)],
                                                     user=user, alasan="Impor Buku Kerja")
                        pagu_lama[key] = v
                        berubah = True
            if teks_ind:
                key = (level, obj.pk, norm(teks_ind))
                ind = indikator.get(key)
                jenis = ind.jenis_nilai if ind else JenisNilai.ANGKA
                for nilai, teks in targets.values():
                    jenis = jenis_untuk_predikat(jenis, nilai, teks)
                satuan = self.sel_teks(row, "Satuan")
                if ind is None:
                    ind = services.indikator_create(
                        renstra=renstra, uraian=teks_ind, satuan=satuan, jenis_nilai=jenis,
                        bidang=obj.bidang, user=user, **{level: obj})
                    indikator[key] = ind
                    dibuat = True
                else:
                    ubah = {}
                    if satuan and satuan != ind.satuan:
                        ubah["satuan"] = satuan
                    if jenis != ind.jenis_nilai:
                        ubah["jenis_nilai"] = jenis
                    if ubah:
                        services.indikator_update(indikator=ind, user=user,
                                                  alasan="Impor Buku Kerja", **ubah)
                        berubah = True
                if services.target_save(entri=[
                    services.EntriTarget(ind, t, nilai, teks)
                    for t, (nilai, teks) in sorted(targets.items())
                ], user=user, alasan="Impor Buku Kerja"):
                    berubah = True
        except ValidationError as e:
            self.galat_dari_validasi(hasil, b, "Kode", e)
            return
        if dibuat:
            hasil.dibuat += 1
        elif berubah:
            hasil.diubah += 1
        else:
            hasil.tetap += 1

