"""Applying a planned Tabel 4.2 import in ONE transaction (design.md: an import commits all rows
or none). The tree and its indicators are written in bulk; targets and pagu indikatif go through
the plan's one write path each (``target_save``, ``pagu_indikatif_save``), which audit every
value that appears or changes; every audit row goes through ``sakip.audit``.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F

from renstra import services
from renstra.impor.baca import LEVEL_NODE, Galat, IndikatorBaris, Nilai
from renstra.impor.rencana import Rencana
from renstra.models import Indikator, Kegiatan, Program, Renstra, SubKegiatan
from sakip import audit
from sakip.audit import Jejak
from sakip.lib.angka import salah_negatif
from sakip.models import JejakAudit

_MODEL = {"program": Program, "kegiatan": Kegiatan, "subkegiatan": SubKegiatan}
_FK_INDUK = {"program": "renstra", "kegiatan": "program", "subkegiatan": "kegiatan"}
_FIELD_INDIKATOR = ["keluaran", "uraian", "satuan", "baseline_nilai", "baseline_tahun", "urutan",
                    "desimal"]


def galat_nilai(rencana: Rencana) -> list[Galat]:
    """What ``target_save`` would refuse, found before anything is written so the preview
    says it (a preview that promises a save is never followed by a refusal): a negative
    target where the unit cannot be negative (``-1000 Orang``, ``Rp-1.000.000``), by the one
    rule of ``sakip.lib.angka.boleh_negatif``."""
    out = []
    for ind in rencana.tabel.indikator():
        for tahun, v in sorted(ind.target.items()):
            salah = salah_negatif(v.nilai, v.satuan or ind.satuan, ind.uraian)
            if salah:
                out.append(Galat(ind.baris, "", salah, judul_kolom=f"Target {tahun}"))
    return out


@transaction.atomic
def terapkan(rencana: Rencana, *, user=None, nama_berkas: str = "") -> Renstra:
    """Write the plan; returns the Renstra imported into."""
    alasan = "Impor Tabel 4.2" + (f" ({nama_berkas})" if nama_berkas else "")
    jejak = {"user": user, "perangkat_daerah": rencana.pd, "alasan": alasan}
    renstra = _renstra(rencana, nama_berkas, jejak)
    obj_of = _simpul(rencana, renstra)
    indikator = _indikator(rencana, renstra, obj_of, jejak)
    _kegiatan_terkait(rencana, indikator, obj_of)
    # The years the plan found new or changed; NULL stays NULL (§9 item 11): the file's blank
    # years keep an empty row each.
    services.target_save(entri=[
        services.EntriTarget(obj, y, v.nilai, v.teks)
        for ind, obj in indikator for y in ind.tahun_ditulis
        for v in [ind.target.get(y) or Nilai()]
    ], user=user, alasan=alasan, keep_empty=True)
    services.pagu_indikatif_save(entri=[
        services.EntriPagu(obj_of[id(n)], y, n.pagu.get(y))
        for n in rencana.tabel.nodes() for y in n.tahun_ditulis
    ], user=user, alasan=alasan, keep_empty=True)
    # Years whose data was entered under the Renstra governing them stay with it (the preview
    # said so: HasilImpor.transisi).
    for t in rencana.transisi:
        if t.dipertahankan is not None:
            services.renstra_tahun_impor_set(perangkat_daerah=rencana.pd, tahun=t.tahun,
                                             renstra=t.dipertahankan, user=user,
                                             alasan=f"{alasan}: {t.alasan}")
    return renstra


def _renstra(rencana: Rencana, nama_berkas: str, jejak: dict) -> Renstra:
    """The Renstra imported into, created or updated; its import is audited either way."""
    pd, renstra = rencana.pd, rencana.renstra
    versi = rencana.versi_nomenklatur
    tambahan = max(rencana.tahun_tambahan, renstra.tahun_tambahan if renstra else 0)
    if renstra is None:
        renstra = services.renstra_create(
            perangkat_daerah=pd, tahun_awal=rencana.tahun_awal, tahun_akhir=rencana.tahun_akhir,
            tahun_tambahan=tambahan, nama=f"Renstra {pd.nama}"[:200], nomenklatur_versi=versi)
        aksi = JejakAudit.Aksi.BUAT
    else:
        ubah = []
        if renstra.tahun_tambahan != tambahan:
            renstra.tahun_tambahan = tambahan
            ubah.append("tahun_tambahan")
        if versi and renstra.nomenklatur_versi != versi:
            renstra.nomenklatur_versi = versi
            ubah.append("nomenklatur_versi")
        if ubah:
            renstra.full_clean()
            renstra.save(update_fields=ubah)
        aksi = JejakAudit.Aksi.UBAH
    audit.catat(obj=renstra, aksi=aksi, field="impor", baru=nama_berkas, **jejak)
    return renstra


def _simpul(rencana: Rencana, renstra: Renstra) -> dict[int, Any]:
    """Programs, kegiatan and sub kegiatan of the file, level by level in bulk; id(Node) → row."""
    obj_of: dict[int, Any] = {}
    for level in LEVEL_NODE:
        baru, ubah = [], []
        for n in rencana.tabel.nodes(level):
            induk = renstra if level == "program" else obj_of[id(n.induk)]
            obj = rencana.obj_node.get(id(n))
            if obj is None:
                obj = _MODEL[level](kode=n.kode, nama=n.nama, **{_FK_INDUK[level]: induk})
                baru.append(obj)
            elif n.status == "diubah":
                obj.nama = n.nama
                ubah.append(obj)
            if level == "program":
                obj.urutan = n.urutan
            obj_of[id(n)] = obj
        for obj in baru + ubah:
            obj.full_clean(exclude=[_FK_INDUK[level], "bidang"], validate_unique=False,
                           validate_constraints=False)
        _MODEL[level].objects.bulk_create(baru)
        if ubah:
            _MODEL[level].objects.bulk_update(
                ubah, ["nama", "urutan"] if level == "program" else ["nama"])
            naikkan_versi(_MODEL[level], ubah)
    return obj_of


def naikkan_versi(model, objs: list) -> None:
    """An import is a save too: an edit form opened before it must see its version as stale
    (sakip/versi.py), so the rows it changed move to the next version in one statement."""
    model.objects.filter(pk__in=[o.pk for o in objs]).update(row_version=F("row_version") + 1)


def _indikator(rencana: Rencana, renstra: Renstra, obj_of: dict[int, Any],
               jejak: dict) -> list[tuple[IndikatorBaris, Indikator]]:
    """Every indicator of the file, created or updated in bulk; new ones audited."""
    baru, ubah, semua = [], [], []
    for ind in rencana.tabel.indikator():
        obj = ind.obj
        if obj is None:
            obj = Indikator(uraian=ind.uraian, **{ind.level: obj_of[id(ind.pemilik)]})
            baru.append(obj)
        elif ind.status == "diubah":
            ubah.append(obj)
        obj.renstra = renstra
        obj.keluaran = ind.keluaran
        obj.uraian = ind.uraian
        obj.satuan = ind.satuan[:60]
        obj.baseline_nilai = ind.baseline
        obj.baseline_tahun = rencana.baseline_tahun(ind)
        obj.urutan = ind.urutan
        obj.desimal = max(obj.desimal if obj.pk else 0, ind.desimal)
        ind.obj = obj
        semua.append((ind, obj))
    for obj in baru + ubah:
        obj.full_clean(exclude=["renstra", "program", "kegiatan", "subkegiatan", "bidang",
                                "tujuan", "sasaran"],
                       validate_unique=False, validate_constraints=False)
    Indikator.objects.bulk_create(baru)
    if ubah:
        Indikator.objects.bulk_update(ubah, _FIELD_INDIKATOR)
        naikkan_versi(Indikator, ubah)
    audit.catat_banyak([Jejak(aksi=JejakAudit.Aksi.BUAT, obj=obj, **jejak) for obj in baru])
    return semua


def _kegiatan_terkait(rencana: Rencana, indikator: list, obj_of: dict[int, Any]) -> None:
    """Outcome ↔ kegiatan (§7.1): the file's set replaces the stored one of every outcome."""
    through = Indikator.kegiatan_terkait.through
    hapus, tambah = [], []
    for ind, obj in indikator:
        if ind.level != "program":
            continue
        ingin = {obj_of[id(k)].pk for k in ind.kegiatan_terkait}
        ada = rencana.terkait_ada.get(obj.pk, set()) if ind.status != "baru" else set()
        hapus += [(obj.pk, k) for k in ada - ingin]
        tambah += [through(indikator_id=obj.pk, kegiatan_id=k) for k in ingin - ada]
    for ind_id, keg_id in hapus:
        through.objects.filter(indikator_id=ind_id, kegiatan_id=keg_id).delete()
    through.objects.bulk_create(tambah)
