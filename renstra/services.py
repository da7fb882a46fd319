"""Writes to the plan go through these functions (style.md §6): validate, save, audit."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from renstra.models import (
    Indikator,
    Kegiatan,
    PaguIndikatif,
    Program,
    Renstra,
    Sasaran,
    SasaranProgram,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)
from sakip import audit
from sakip.models import PerangkatDaerah


def _simpan(obj):
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def renstra_create(
    *, perangkat_daerah: PerangkatDaerah, tahun_awal: int, tahun_akhir: int,
    tahun_tambahan: int = 0, versi: int = 1, **extra
) -> Renstra:
    return _simpan(Renstra(perangkat_daerah=perangkat_daerah, tahun_awal=tahun_awal,
                           tahun_akhir=tahun_akhir, tahun_tambahan=tahun_tambahan, versi=versi,
                           **extra))


def tujuan_create(*, renstra: Renstra, uraian: str, kode: str = "", urutan: int = 0) -> Tujuan:
    return _simpan(Tujuan(renstra=renstra, uraian=uraian, kode=kode, urutan=urutan))


def sasaran_create(*, tujuan: Tujuan, uraian: str, kode: str = "", urutan: int = 0) -> Sasaran:
    return _simpan(Sasaran(tujuan=tujuan, uraian=uraian, kode=kode, urutan=urutan))


def program_create(*, renstra: Renstra, kode: str, nama: str, bidang=None, urutan: int = 0):
    return _simpan(Program(renstra=renstra, kode=kode, nama=nama, bidang=bidang, urutan=urutan))


def kegiatan_create(*, program: Program, kode: str, nama: str, bidang=None) -> Kegiatan:
    return _simpan(Kegiatan(program=program, kode=kode, nama=nama, bidang=bidang))


def subkegiatan_create(*, kegiatan: Kegiatan, kode: str, nama: str, bidang=None) -> SubKegiatan:
    return _simpan(SubKegiatan(kegiatan=kegiatan, kode=kode, nama=nama, bidang=bidang))


def sasaran_program_link(*, sasaran: Sasaran, program: Program) -> SasaranProgram:
    if sasaran.tujuan.renstra_id != program.renstra_id:
        raise ValidationError("Program dan sasaran harus dari Renstra yang sama.")
    obj, _ = SasaranProgram.objects.get_or_create(sasaran=sasaran, program=program)
    return obj


@transaction.atomic
def indikator_create(*, renstra: Renstra, uraian: str, user=None, **fields) -> Indikator:
    ind = _simpan(Indikator(renstra=renstra, uraian=uraian, **fields))
    audit.catat(user=user, obj=ind, aksi="buat", perangkat_daerah=renstra.perangkat_daerah)
    return ind


@transaction.atomic
def target_set(
    *, indikator: Indikator, tahun: int, nilai: Decimal | None, nilai_teks: str = "",
    user=None, alasan: str = ""
) -> TargetIndikator:
    """Set one yearly target; NULL stays NULL (no target), audited old → new."""
    obj = TargetIndikator.objects.select_for_update().filter(
        indikator=indikator, tahun=tahun
    ).first()
    sebelum = None if obj is None else {"nilai": obj.nilai, "nilai_teks": obj.nilai_teks}
    if obj is None:
        obj = TargetIndikator(indikator=indikator, tahun=tahun)
    obj.nilai = nilai
    obj.nilai_teks = nilai_teks
    _simpan(obj)
    audit.catat_perubahan(
        user=user, obj=obj, sebelum=sebelum, fields=["nilai", "nilai_teks"],
        perangkat_daerah=indikator.renstra.perangkat_daerah, alasan=alasan,
    )
    return obj


@transaction.atomic
def pagu_indikatif_set(*, pemilik, tahun: int, nilai: Decimal | None, user=None, alasan=""):
    level = pemilik._meta.model_name
    obj = (
        PaguIndikatif.objects.select_for_update()
        .filter(**{level: pemilik, "tahun": tahun})
        .first()
    )
    sebelum = None if obj is None else {"nilai": obj.nilai}
    if obj is None:
        obj = PaguIndikatif(**{level: pemilik, "tahun": tahun})
    obj.nilai = nilai
    _simpan(obj)
    renstra = getattr(pemilik, "renstra", None) or (
        pemilik.program.renstra if level == "kegiatan" else pemilik.kegiatan.program.renstra
    )
    audit.catat_perubahan(user=user, obj=obj, sebelum=sebelum, fields=["nilai"],
                          perangkat_daerah=renstra.perangkat_daerah, alasan=alasan)
    return obj


@transaction.atomic
def penetapan_iku_create(*, renstra: Renstra, nomor: str, tanggal, indikator, keterangan=""):
    """Record a Keputusan establishing an IKU set; warn when a period changes it more than once
    (LKE 88/2021: "IKU … tidak sering diganti dalam 1 periode", domain.md §9 item 2)."""
    from renstra.models import PenetapanIKU

    obj = _simpan(PenetapanIKU(renstra=renstra, nomor=nomor, tanggal=tanggal,
                               keterangan=keterangan))
    obj.indikator_set.set(indikator)
    return obj


# --- Editing the Renstra in the browser (issue 3 part B) -------------------------------------
# Node texts are plan structure; targets, baselines and pagu are accountability data and every
# change of them is audited (design.md: who, when, old → new, why).

NODE_FIELDS = {
    "tujuan": ["kode", "uraian", "urutan"],
    "sasaran": ["kode", "uraian", "urutan"],
    "program": ["kode", "nama", "bidang", "urutan"],
    "kegiatan": ["kode", "nama", "bidang"],
    "subkegiatan": ["kode", "nama", "bidang"],
}

INDIKATOR_FIELDS = [
    "kode", "keluaran", "uraian", "satuan", "polaritas", "rumus_negatif", "agregasi",
    "agregasi_target_akhir", "jenis_nilai", "desimal", "definisi_operasional", "sumber_data",
    "bidang", "is_iku", "is_spm", "aktif", "baseline_tahun", "baseline_nilai",
    "standar_nasional", "standar_nasional_keterangan", "urutan",
]


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


def _cek_bidang(renstra: Renstra, bidang) -> None:
    if bidang is not None and bidang.perangkat_daerah_id != renstra.perangkat_daerah_id:
        raise ValidationError({"bidang": "Bidang bukan milik perangkat daerah ini."})


@transaction.atomic
def node_update(*, node, user=None, alasan: str = "", **fields):
    """Change the texts (kode, uraian/nama, bidang, urutan) of a tree node, audited."""
    level = node._meta.model_name
    allowed = NODE_FIELDS[level]
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"kolom tidak dikenal untuk {level}: {sorted(unknown)}")
    renstra = renstra_dari_node(node)
    if "bidang" in fields:
        _cek_bidang(renstra, fields["bidang"])
    sebelum = {f: getattr(node, f) for f in allowed}
    for name, value in fields.items():
        setattr(node, name, value)
    _simpan(node)
    audit.catat_perubahan(user=user, obj=node, sebelum=sebelum, fields=list(fields),
                          perangkat_daerah=renstra.perangkat_daerah, alasan=alasan)
    return node


@transaction.atomic
def indikator_update(*, indikator: Indikator, user=None, alasan: str = "", **fields) -> Indikator:
    """Change an indicator's settings (polaritas, agregasi, baseline, IKU, …), audited."""
    unknown = set(fields) - set(INDIKATOR_FIELDS)
    if unknown:
        raise TypeError(f"kolom tidak dikenal untuk indikator: {sorted(unknown)}")
    ind = Indikator.objects.select_for_update().get(pk=indikator.pk)
    sebelum = {f: getattr(ind, f) for f in INDIKATOR_FIELDS}
    for name, value in fields.items():
        setattr(ind, name, value)
    _simpan(ind)
    audit.catat_perubahan(user=user, obj=ind, sebelum=sebelum, fields=list(fields),
                          perangkat_daerah=ind.renstra.perangkat_daerah, alasan=alasan)
    return ind


@transaction.atomic
def target_grid_set(*, indikator: Indikator, nilai_per_tahun: dict, user=None,
                    alasan: str = "") -> int:
    """Set several yearly targets of one indicator; returns how many changed.

    ``nilai_per_tahun`` maps tahun → (nilai, nilai_teks). A year without a target row that
    stays empty gets no row (NULL is no target, §9 item 11); unchanged years are not rewritten.
    """
    ada = {t.tahun: t for t in TargetIndikator.objects.filter(indikator=indikator)}
    berubah = 0
    for tahun, (nilai, teks) in sorted(nilai_per_tahun.items()):
        lama = ada.get(tahun)
        if lama is None and nilai is None and not teks:
            continue
        if lama is not None and lama.nilai == nilai and lama.nilai_teks == (teks or ""):
            continue
        target_set(indikator=indikator, tahun=tahun, nilai=nilai, nilai_teks=teks or "",
                   user=user, alasan=alasan)
        berubah += 1
    return berubah


@transaction.atomic
def sasaran_program_set(*, sasaran: Sasaran, programs, user=None) -> None:
    """Which programs support this sasaran (the PK Table B and efisiensi budget, §3 rule 2)."""
    renstra = sasaran.tujuan.renstra
    baru = {p.pk: p for p in programs}
    for p in baru.values():
        if p.renstra_id != renstra.pk:
            raise ValidationError("Program dan sasaran harus dari Renstra yang sama.")
    lama = set(SasaranProgram.objects.filter(sasaran=sasaran).values_list("program_id",
                                                                           flat=True))
    hapus = lama - set(baru)
    tambah = set(baru) - lama
    if hapus:
        SasaranProgram.objects.filter(sasaran=sasaran, program_id__in=hapus).delete()
    for pid in sorted(tambah):
        SasaranProgram.objects.create(sasaran=sasaran, program=baru[pid])
    if hapus or tambah:
        audit.catat(user=user, obj=sasaran, aksi="ubah", field="program_pendukung",
                    lama=",".join(str(i) for i in sorted(lama)),
                    baru=",".join(str(i) for i in sorted(baru)),
                    perangkat_daerah=renstra.perangkat_daerah)


def _subtree(node) -> dict[str, list[int]]:
    """Ids of the node and everything below it, per level."""
    level = node._meta.model_name
    ids: dict[str, list[int]] = {k: [] for k in ("tujuan", "sasaran", "program", "kegiatan",
                                                 "subkegiatan")}
    ids[level] = [node.pk]
    if level == "tujuan":
        ids["sasaran"] = list(Sasaran.objects.filter(tujuan=node).values_list("pk", flat=True))
    if level == "program":
        ids["kegiatan"] = list(Kegiatan.objects.filter(program=node).values_list("pk", flat=True))
    if level in ("program", "kegiatan"):
        ids["subkegiatan"] = list(
            SubKegiatan.objects.filter(kegiatan_id__in=ids["kegiatan"]).values_list("pk",
                                                                                     flat=True)
        )
    return ids


def _indikator_subtree(ids: dict[str, list[int]]):
    from django.db.models import Q

    q = Q(pk__in=[])
    for level, pks in ids.items():
        if pks:
            q |= Q(**{f"{level}_id__in": pks})
    return Indikator.objects.filter(q)


def hambatan_hapus(node) -> list[str]:
    """Why a node (or indicator) cannot be deleted, in Bahasa Indonesia; [] when it can.

    What already has realisasi (kinerja or anggaran), a DPA pagu, or is part of a ditetapkan PK
    is accountability history and stays (PermenPAN-RB 53/2014: a ditetapkan PK is immutable).
    """
    from anggaran.models import Pagu, RealisasiAnggaran
    from kinerja.models import PerjanjianKinerja, PKAnggaran, PKIndikator, Realisasi

    level = node._meta.model_name
    if level == "indikator":
        indikator_qs = Indikator.objects.filter(pk=node.pk)
        ids = {k: [] for k in ("tujuan", "sasaran", "program", "kegiatan", "subkegiatan")}
    else:
        ids = _subtree(node)
        indikator_qs = _indikator_subtree(ids)
    alasan = []
    n_real = Realisasi.objects.filter(indikator__in=indikator_qs).count()
    if n_real:
        alasan.append(f"sudah memiliki {n_real} realisasi kinerja")
    pk_tetap = (
        PKIndikator.objects.filter(indikator__in=indikator_qs,
                                   perjanjian__status=PerjanjianKinerja.Status.DITETAPKAN)
        .values_list("perjanjian__tahun", "perjanjian__versi").distinct()
    )
    from django.db.models import Q

    budget_q = Q(pk__in=[])
    for lvl in ("program", "kegiatan", "subkegiatan"):
        if ids[lvl]:
            budget_q |= Q(**{f"{lvl}_id__in": ids[lvl]})
    pk_tetap_b = (
        PKAnggaran.objects.filter(budget_q,
                                  perjanjian__status=PerjanjianKinerja.Status.DITETAPKAN)
        .values_list("perjanjian__tahun", "perjanjian__versi").distinct()
    )
    pk_list = sorted(set(pk_tetap) | set(pk_tetap_b))
    if pk_list:
        alasan.append("tercantum dalam PK yang sudah ditetapkan ("
                      + ", ".join(f"PK {t} versi {v}" for t, v in pk_list) + ")")
    n_pagu = Pagu.objects.filter(budget_q).count()
    if n_pagu:
        alasan.append(f"memiliki {n_pagu} pagu anggaran (DPA)")
    n_ra = RealisasiAnggaran.objects.filter(budget_q).count()
    if n_ra:
        alasan.append(f"memiliki {n_ra} realisasi anggaran")
    return alasan


@transaction.atomic
def node_delete(*, node, user=None, alasan: str = "") -> None:
    """Delete a tree node (with what is below it) or an indicator.

    Refused with a clear message when it has history (``hambatan_hapus``). Lines of draft PKs
    that use it are removed with it (a draft is still being written); every target and pagu
    indikatif that disappears is audited old → NULL.
    """
    from kinerja.models import PKAnggaran, PKIndikator

    level = node._meta.model_name
    renstra = renstra_dari_node(node)
    pd = renstra.perangkat_daerah
    alasan_tolak = hambatan_hapus(node)
    label = {"tujuan": "Tujuan", "sasaran": "Sasaran", "program": "Program",
             "kegiatan": "Kegiatan", "subkegiatan": "Sub kegiatan",
             "indikator": "Indikator"}[level]
    if alasan_tolak:
        saran = " Nonaktifkan saja bila tidak dipakai lagi." if level == "indikator" else ""
        raise ValidationError(
            f"{label} \u201c{node}\u201d tidak dapat dihapus karena "
            + "; ".join(alasan_tolak) + "." + saran
        )
    if level == "indikator":
        ids = {k: [] for k in ("tujuan", "sasaran", "program", "kegiatan", "subkegiatan")}
        indikator_qs = Indikator.objects.filter(pk=node.pk)
    else:
        ids = _subtree(node)
        indikator_qs = _indikator_subtree(ids)
    for t in TargetIndikator.objects.filter(indikator__in=indikator_qs).select_related(
        "indikator"
    ):
        if t.nilai is not None or t.nilai_teks:
            audit.catat(user=user, obj=t, aksi="hapus", field="nilai",
                        lama=t.nilai if t.nilai is not None else t.nilai_teks, baru=None,
                        perangkat_daerah=pd, alasan=alasan or f"{label} dihapus")
    from django.db.models import Q

    budget_q = Q(pk__in=[])
    for lvl in ("program", "kegiatan", "subkegiatan"):
        if ids[lvl]:
            budget_q |= Q(**{f"{lvl}_id__in": ids[lvl]})
    for p in PaguIndikatif.objects.filter(budget_q):
        if p.nilai is not None:
            audit.catat(user=user, obj=p, aksi="hapus", field="nilai", lama=p.nilai, baru=None,
                        perangkat_daerah=pd, alasan=alasan or f"{label} dihapus")
    for line in PKIndikator.objects.filter(indikator__in=indikator_qs).select_related(
        "perjanjian"
    ):
        audit.catat(user=user, obj=line, aksi="hapus", perangkat_daerah=pd,
                    alasan=alasan or f"{label} dihapus dari Renstra")
        line.delete()
    for row in PKAnggaran.objects.filter(budget_q):
        audit.catat(user=user, obj=row, aksi="hapus", field="anggaran", lama=row.anggaran,
                    perangkat_daerah=pd, alasan=alasan or f"{label} dihapus dari Renstra")
        row.delete()
    audit.catat(user=user, obj=node, aksi="hapus", perangkat_daerah=pd, alasan=alasan)
    from django.db.models import ProtectedError, RestrictedError

    try:
        if level != "indikator":
            indikator_qs.delete()
        node.delete()
    except (ProtectedError, RestrictedError) as e:
        # Another area may keep a protected reference (e.g. a report snapshot); say which.
        objs = getattr(e, "protected_objects", None) or getattr(e, "restricted_objects", [])
        jenis = sorted({str(o._meta.verbose_name) for o in objs})
        raise ValidationError(
            f"{label} \u201c{node}\u201d tidak dapat dihapus karena masih dirujuk oleh: "
            + (", ".join(jenis) or "data lain") + "."
        ) from e
