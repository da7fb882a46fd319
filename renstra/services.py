"""Writes to the plan go through these functions (style.md §6): validate, save, audit."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import router, transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django.db.models.deletion import Collector

from renstra.kewajaran import peringatan_target
from renstra.models import (
    PEMILIK_ANGGARAN,
    Indikator,
    Kegiatan,
    PaguIndikatif,
    PenetapanIKU,
    Program,
    Renstra,
    RenstraTahun,
    Sasaran,
    SasaranProgram,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)
from renstra.selectors import (
    LABEL,
    kode_kembar,
    label_renstra,
    objek_perujuk,
    pesan_tolak_hapus,
    renstra_dari_indikator,
    renstra_dari_node,
)
from sakip import audit
from sakip.audit import Jejak
from sakip.batch import update_many
from sakip.lib.angka import salah_negatif
from sakip.models import JejakAudit, PerangkatDaerah
from sakip.versi import SudahAda, kunci, oleh_terakhir, versi_cek, versi_cek_baris


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def renstra_create(
    *, perangkat_daerah: PerangkatDaerah, tahun_awal: int, tahun_akhir: int,
    tahun_tambahan: int = 0, versi: int = 1, **extra
) -> Renstra:
    return _save(Renstra(perangkat_daerah=perangkat_daerah, tahun_awal=tahun_awal,
                           tahun_akhir=tahun_akhir, tahun_tambahan=tahun_tambahan, versi=versi,
                           **extra))


def tujuan_create(*, renstra: Renstra, uraian: str, kode: str = "", urutan: int = 0) -> Tujuan:
    return _save(Tujuan(renstra=renstra, uraian=uraian, kode=kode, urutan=urutan))


def sasaran_create(*, tujuan: Tujuan, uraian: str, kode: str = "", urutan: int = 0) -> Sasaran:
    return _save(Sasaran(tujuan=tujuan, uraian=uraian, kode=kode, urutan=urutan))


def program_create(*, renstra: Renstra, kode: str, nama: str, bidang=None, urutan: int = 0):
    return _save(Program(renstra=renstra, kode=kode, nama=nama, bidang=bidang, urutan=urutan))


def kegiatan_create(*, program: Program, kode: str, nama: str, bidang=None) -> Kegiatan:
    return _save(Kegiatan(program=program, kode=kode, nama=nama, bidang=bidang))


def subkegiatan_create(*, kegiatan: Kegiatan, kode: str, nama: str, bidang=None) -> SubKegiatan:
    return _save(SubKegiatan(kegiatan=kegiatan, kode=kode, nama=nama, bidang=bidang))


def sasaran_program_link(*, sasaran: Sasaran, program: Program) -> SasaranProgram:
    if sasaran.tujuan.renstra_id != program.renstra_id:
        raise ValidationError("Program dan sasaran harus dari Renstra yang sama.")
    obj, _ = SasaranProgram.objects.get_or_create(sasaran=sasaran, program=program)
    return obj


_CREATE = {"tujuan": tujuan_create, "sasaran": sasaran_create, "program": program_create,
           "kegiatan": kegiatan_create, "subkegiatan": subkegiatan_create}
INDUK = {"tujuan": "renstra", "sasaran": "tujuan", "program": "renstra", "kegiatan": "program",
         "subkegiatan": "kegiatan"}


def _cek_kode(level: str, induk, kode: str, kecuali=None) -> None:
    kembar = kode_kembar(level, induk, kode, kecuali=kecuali)
    if kembar is not None:
        raise ValidationError({"kode": f"Kode {kembar.kode} sudah dipakai oleh {kembar}."})


@transaction.atomic
def node_create(*, level: str, induk, user=None, **fields):
    """Add a tujuan/sasaran/program/kegiatan/sub kegiatan under ``induk``, audited."""
    _cek_kode(level, induk, fields.get("kode", ""))
    obj = _CREATE[level](**{INDUK[level]: induk}, **fields)
    audit.catat(user=user, obj=obj, aksi=JejakAudit.Aksi.BUAT,
                perangkat_daerah=renstra_dari_node(obj).perangkat_daerah)
    return obj


@transaction.atomic
def indikator_create(*, renstra: Renstra, uraian: str, user=None, **fields) -> Indikator:
    ind = _save(Indikator(renstra=renstra, uraian=uraian, **fields))
    audit.catat(user=user, obj=ind, aksi="buat", perangkat_daerah=renstra.perangkat_daerah)
    return ind


# --- targets and pagu indikatif: one batch write path each -----------------------------------
# Targets and pagu are accountability data: every value that appears or changes is audited
# old → new (design.md). A single entry is a batch of one.

@dataclass(frozen=True)
class EntriTarget:
    """One yearly target; ``nilai`` None with an empty ``nilai_teks`` is no target."""

    indikator: Indikator
    tahun: int
    nilai: Decimal | None = None
    nilai_teks: str = ""
    # The row_version the user's page showed (sakip.versi; VERSI_BARU = no row then); None
    # for sources without one (file imports), which still never lose a concurrent update.
    versi_dasar: int | None = None


@dataclass(frozen=True)
class EntriPagu:
    """One year's pagu indikatif of a program, kegiatan or sub kegiatan; None is no pagu."""

    pemilik: Program | Kegiatan | SubKegiatan
    tahun: int
    nilai: Decimal | None = None
    versi_dasar: int | None = None  # as EntriTarget.versi_dasar


def _potongan(ids: list[int], n: int = 500):
    for i in range(0, len(ids), n):
        yield ids[i:i + n]


class _PdCache(dict):
    """Renstra id → its perangkat daerah, one lookup per Renstra in a batch."""

    def untuk(self, renstra: Renstra):
        if renstra.pk not in self:
            self[renstra.pk] = renstra.perangkat_daerah
        return self[renstra.pk]


class HasilTarget(list):
    """The rows ``target_save`` wrote, with the sanity warnings of the values it was given
    (``renstra.kewajaran``): shown after the save, never blocking it."""

    peringatan: list[str]

    def __init__(self, rows=(), peringatan=()):
        super().__init__(rows)
        self.peringatan = list(peringatan)


def _tulis(model, baru: list, ubah: list, fields: list[str]) -> None:
    model.objects.bulk_create(baru)
    # Every write advances the row's version, so a page drawn before it is refused after it.
    for o in ubah:
        o.row_version += 1
    fields = [*fields, "row_version"]
    update_many(model, fields, [[getattr(o, f) for f in fields] + [o.pk] for o in ubah])


@transaction.atomic
def target_save(*, entri: Iterable[EntriTarget], user=None, alasan: str = "",
                keep_empty: bool = False) -> HasilTarget:
    """THE write path of yearly Renstra targets; returns the rows inserted or changed.

    Unchanged values are not rewritten. A year without a row that stays empty gets no row
    (NULL is no target, not zero: domain.md §9 item 11) unless ``keep_empty`` (the Tabel 4.2
    import keeps one row per year of the file). A year outside the Renstra period is refused.
    """
    entri = list(entri)
    # Locking the indicators first serialises concurrent saves of the same targets, including
    # two that create the same new (indikator, tahun) row: the second waits, then sees the row.
    kunci(Indikator, {e.indikator.pk for e in entri})
    ada: dict[tuple[int, int], TargetIndikator] = {}
    for ids in _potongan(sorted({e.indikator.pk for e in entri})):
        for t in TargetIndikator.objects.select_for_update().filter(indikator_id__in=ids):
            ada[(t.indikator_id, t.tahun)] = t
    baru, ubah, jejak, pd, peringatan = [], [], [], _PdCache(), []
    for e in entri:
        versi_cek_baris(TargetIndikator, ada.get((e.indikator.pk, e.tahun)), e.versi_dasar)
    for e in entri:
        teks = e.nilai_teks or ""
        t = ada.get((e.indikator.pk, e.tahun))
        if t is None and e.nilai is None and not teks and not keep_empty:
            continue
        if t is not None and t.nilai == e.nilai and t.nilai_teks == teks:
            continue
        if salah := salah_negatif(e.nilai, e.indikator.satuan, e.indikator.uraian):
            raise ValidationError({"nilai": [f"Target {e.tahun} '{e.indikator.uraian}': "
                                             f"{salah}"]})
        peringatan += peringatan_target(e.indikator, e.nilai, label=f"Target {e.tahun}")
        sebelum = None if t is None else {"nilai": t.nilai, "nilai_teks": t.nilai_teks}
        if t is None:
            t = TargetIndikator(tahun=e.tahun)
        t.indikator, t.nilai, t.nilai_teks = e.indikator, e.nilai, teks
        t.full_clean(exclude=["indikator"], validate_unique=False, validate_constraints=False)
        (baru if sebelum is None else ubah).append(t)
        jejak += audit.jejak_perubahan(obj=t, sebelum=sebelum, fields=["nilai", "nilai_teks"],
                                       user=user, alasan=alasan,
                                       perangkat_daerah=pd.untuk(e.indikator.renstra))
    _tulis(TargetIndikator, baru, ubah, ["nilai", "nilai_teks"])
    audit.catat_banyak(jejak)
    return HasilTarget(baru + ubah, peringatan)


_MODEL_PEMILIK = {"program": Program, "kegiatan": Kegiatan, "subkegiatan": SubKegiatan}


def _pagu_ada(entri: list[EntriPagu]) -> dict[tuple[str, int, int], PaguIndikatif]:
    ada = {}
    for level in PEMILIK_ANGGARAN:
        pks = sorted({e.pemilik.pk for e in entri if e.pemilik._meta.model_name == level})
        # The owners are locked first, as the indicators in target_save.
        kunci(_MODEL_PEMILIK[level], pks)
        for ids in _potongan(pks):
            for pg in PaguIndikatif.objects.select_for_update().filter(
                    **{f"{level}_id__in": ids}):
                ada[(level, getattr(pg, f"{level}_id"), pg.tahun)] = pg
    return ada


@transaction.atomic
def pagu_indikatif_save(*, entri: Iterable[EntriPagu], user=None, alasan: str = "",
                        keep_empty: bool = False) -> list[PaguIndikatif]:
    """THE write path of the Renstra's pagu indikatif; returns the rows inserted or changed.

    As :func:`target_save`: unchanged values are not rewritten, an empty year without a row
    gets none unless ``keep_empty``; a negative pagu is refused."""
    entri = list(entri)
    ada = _pagu_ada(entri)
    for e in entri:
        versi_cek_baris(PaguIndikatif, ada.get((e.pemilik._meta.model_name, e.pemilik.pk,
                                                 e.tahun)), e.versi_dasar)
    baru, ubah, jejak, pd = [], [], [], _PdCache()
    for e in entri:
        level = e.pemilik._meta.model_name
        pg = ada.get((level, e.pemilik.pk, e.tahun))
        if pg is None and e.nilai is None and not keep_empty:
            continue
        if pg is not None and pg.nilai == e.nilai:
            continue
        if e.nilai is not None and e.nilai < 0:
            raise ValidationError({NON_FIELD_ERRORS: ["Pagu indikatif tidak boleh negatif."]})
        sebelum = None if pg is None else {"nilai": pg.nilai}
        if pg is None:
            pg = PaguIndikatif(tahun=e.tahun)
        setattr(pg, level, e.pemilik)
        pg.nilai = e.nilai
        pg.full_clean(exclude=list(PEMILIK_ANGGARAN), validate_unique=False,
                      validate_constraints=False)
        (baru if sebelum is None else ubah).append(pg)
        jejak += audit.jejak_perubahan(obj=pg, sebelum=sebelum, fields=["nilai"], user=user,
                                       alasan=alasan,
                                       perangkat_daerah=pd.untuk(renstra_dari_node(e.pemilik)))
    _tulis(PaguIndikatif, baru, ubah, ["nilai"])
    audit.catat_banyak(jejak)
    return baru + ubah


@transaction.atomic
def penetapan_iku_create(*, renstra: Renstra, nomor: str, tanggal, indikator, keterangan=""):
    """Record a Keputusan establishing an IKU set; warn when a period changes it more than once
    (LKE 88/2021: "IKU … tidak sering diganti dalam 1 periode", domain.md §9 item 2)."""
    obj = _save(PenetapanIKU(renstra=renstra, nomor=nomor, tanggal=tanggal,
                               keterangan=keterangan))
    obj.indikator_set.set(indikator)
    return obj


# --- Editing the Renstra in the browser ------------------------------------------------------
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
    "agregasi_target_akhir", "jenis_nilai", "desimal", "boleh_lebih_100",
    "definisi_operasional", "sumber_data", "bidang", "is_iku", "is_spm", "aktif",
    "baseline_tahun", "baseline_nilai", "standar_nasional", "standar_nasional_keterangan", "urutan",
]


def _cek_bidang(renstra: Renstra, bidang) -> None:
    if bidang is not None and bidang.perangkat_daerah_id != renstra.perangkat_daerah_id:
        raise ValidationError({"bidang": "Bidang bukan milik perangkat daerah ini."})


@transaction.atomic
def node_update(*, node, user=None, alasan: str = "", versi_dasar: int | None = None,
                **fields):
    """Change the texts (kode, uraian/nama, bidang, urutan) of a tree node, audited.
    ``versi_dasar``: the row_version the edit form showed; a stale one is refused."""
    level = node._meta.model_name
    allowed = NODE_FIELDS[level]
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"kolom tidak dikenal untuk {level}: {sorted(unknown)}")
    renstra = renstra_dari_node(node)
    if "bidang" in fields:
        _cek_bidang(renstra, fields["bidang"])
    if "kode" in fields:
        induk = renstra if INDUK[level] == "renstra" else getattr(node, INDUK[level])
        _cek_kode(level, induk, fields["kode"], kecuali=node)
    segar = type(node).objects.select_for_update().get(pk=node.pk)
    versi_cek(segar, versi_dasar)
    sebelum = {f: getattr(segar, f) for f in allowed}
    for name, value in fields.items():
        setattr(node, name, value)
    node.row_version = segar.row_version + 1
    _save(node)
    audit.catat_perubahan(user=user, obj=node, sebelum=sebelum, fields=list(fields),
                          perangkat_daerah=renstra.perangkat_daerah, alasan=alasan)
    return node


@transaction.atomic
def indikator_update(*, indikator: Indikator, user=None, alasan: str = "",
                     versi_dasar: int | None = None, **fields) -> Indikator:
    """Change an indicator's settings (polaritas, agregasi, baseline, IKU, …), audited.
    ``versi_dasar``: the row_version the edit form showed; a stale one is refused."""
    unknown = set(fields) - set(INDIKATOR_FIELDS)
    if unknown:
        raise TypeError(f"kolom tidak dikenal untuk indikator: {sorted(unknown)}")
    ind = Indikator.objects.select_for_update().get(pk=indikator.pk)
    versi_cek(ind, versi_dasar)
    sebelum = {f: getattr(ind, f) for f in INDIKATOR_FIELDS}
    for name, value in fields.items():
        setattr(ind, name, value)
    ind.row_version += 1
    _save(ind)
    audit.catat_perubahan(user=user, obj=ind, sebelum=sebelum, fields=list(fields),
                          perangkat_daerah=ind.renstra.perangkat_daerah, alasan=alasan)
    return ind


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
    """Ids of the node and everything below it, per level (none for an indicator)."""
    level = node._meta.model_name
    ids: dict[str, list[int]] = {k: [] for k in LABEL if k != "indikator"}
    if level == "indikator":
        return ids
    ids[level] = [node.pk]
    if level == "tujuan":
        ids["sasaran"] = list(Sasaran.objects.filter(tujuan=node).values_list("pk", flat=True))
    if level == "program":
        ids["kegiatan"] = list(Kegiatan.objects.filter(program=node).values_list("pk", flat=True))
    if level in ("program", "kegiatan"):
        ids["subkegiatan"] = list(SubKegiatan.objects.filter(
            kegiatan_id__in=ids["kegiatan"]).values_list("pk", flat=True))
    return ids


def _jejak_nilai_terhapus(node, **kw) -> list[Jejak]:
    """Every target and pagu indikatif value that disappears with the node: old → NULL."""
    ids = _subtree(node)
    if node._meta.model_name == "indikator":
        indikator_q = Q(indikator=node)
    else:
        indikator_q = Q(pk__in=[])
        for level, pks in ids.items():
            if pks:
                indikator_q |= Q(**{f"indikator__{level}_id__in": pks})
    jejak = [
        Jejak(aksi=JejakAudit.Aksi.HAPUS, obj=t, field="nilai",
              lama=t.nilai if t.nilai is not None else t.nilai_teks, **kw)
        for t in TargetIndikator.objects.filter(indikator_q).select_related("indikator")
        if t.nilai is not None or t.nilai_teks
    ]
    budget_q = Q(pk__in=[])
    for level in PEMILIK_ANGGARAN:
        if ids[level]:
            budget_q |= Q(**{f"{level}_id__in": ids[level]})
    jejak += [Jejak(aksi=JejakAudit.Aksi.HAPUS, obj=p, field="nilai", lama=p.nilai, **kw)
              for p in PaguIndikatif.objects.filter(budget_q) if p.nilai is not None]
    return jejak


def _ikut_terhapus(collector: Collector) -> list:
    """Rows of other areas that go with the node (e.g. lines of a draft PK, still being
    written); their owners decide that through ``on_delete``."""
    out = [o for model, objs in collector.data.items() if model._meta.app_label != "renstra"
           for o in objs]
    for qs in collector.fast_deletes:
        if qs.model._meta.app_label != "renstra":
            out += list(qs)
    return out


@transaction.atomic
def node_delete(*, node, user=None, alasan: str = "") -> None:
    """Delete a tree node (with what is below it) or an indicator.

    Refused with a clear message when history keeps it: realisasi, budget lines and lines of a
    ditetapkan PK protect the plan rows they cite (their foreign keys say so; PermenPAN-RB
    53/2014: a ditetapkan PK is immutable). Every target and pagu indikatif that disappears is
    audited old → NULL, and so is every row of another area that goes with it.
    """
    level = node._meta.model_name
    label = LABEL[level]
    pd = renstra_dari_node(node).perangkat_daerah
    collector = Collector(using=router.db_for_write(type(node)), origin=node)
    try:
        collector.collect([node])
    except (ProtectedError, RestrictedError) as e:
        raise ValidationError(pesan_tolak_hapus(node, objek_perujuk(e))) from e
    jejak = _jejak_nilai_terhapus(node, user=user, perangkat_daerah=pd,
                                  alasan=alasan or f"{label} dihapus")
    jejak += [Jejak(aksi=JejakAudit.Aksi.HAPUS, obj=o, user=user, perangkat_daerah=pd,
                    alasan=alasan or f"{label} dihapus dari Renstra")
              for o in _ikut_terhapus(collector)]
    jejak.append(Jejak(aksi=JejakAudit.Aksi.HAPUS, obj=node, user=user, perangkat_daerah=pd,
                       alasan=alasan))
    audit.catat_banyak(jejak)
    collector.delete()


# --- the Renstra governing a year (read by renstra.selectors.renstra_berlaku_map) -------------

def pesan_tahun_terkunci(ada: RenstraTahun) -> str:
    return (f"Tahun {ada.tahun} mengikuti {label_renstra(ada.renstra)} karena PK {ada.tahun} "
            "sudah ditetapkan dari Renstra itu; Renstra yang berlaku tidak dapat dialihkan. "
            "Untuk beralih, tetapkan PK perubahan yang disusun dari Renstra lain.")


def _cek_pilihan(ada, *, perangkat_daerah, tahun: int, renstra: Renstra, alasan: str) -> None:
    if ada is not None and ada.sumber == RenstraTahun.Sumber.PK:
        raise ValidationError(pesan_tahun_terkunci(ada))
    if renstra.perangkat_daerah_id != perangkat_daerah.pk:
        raise ValidationError({"renstra": "Renstra ini milik perangkat daerah lain."})
    if tahun not in renstra.tahun_list:
        raise ValidationError({"renstra": f"{label_renstra(renstra)} tidak mencakup tahun "
                                          f"{tahun}."})
    if not alasan:
        raise ValidationError({"alasan": "Alasan wajib diisi: mengapa tahun ini mengikuti "
                                         "Renstra tersebut."})
    if (ada is not None and ada.renstra_id == renstra.pk
            and ada.sumber == RenstraTahun.Sumber.PERENCANA):
        raise SudahAda(f"Tahun {tahun} sudah mengikuti {label_renstra(renstra)} (pilihan "
                       f"perencana{oleh_terakhir(ada)}).", objek=ada)


def _tulis_tahun(ada, *, perangkat_daerah, tahun: int, renstra: Renstra, sumber: str,
                 alasan: str, user) -> RenstraTahun:
    if ada is not None and (ada.renstra_id, ada.sumber, ada.alasan) == (renstra.pk, sumber,
                                                                        alasan):
        return ada
    lama = f"{label_renstra(ada.renstra)} ({ada.get_sumber_display()})" if ada else None
    obj = ada or RenstraTahun(perangkat_daerah=perangkat_daerah, tahun=tahun)
    obj.renstra, obj.sumber, obj.alasan = renstra, sumber, alasan
    obj.oleh = user if getattr(user, "is_authenticated", False) else None
    if ada is not None:
        obj.row_version += 1
    _save(obj)
    # One readable trail row: the Renstra by its period (not its id) and why.
    audit.catat(user=obj.oleh, obj=obj, aksi=JejakAudit.Aksi.UBAH if ada else JejakAudit.Aksi.BUAT,
                perangkat_daerah=perangkat_daerah, field="renstra", lama=lama,
                baru=f"{label_renstra(renstra)} ({obj.get_sumber_display()})", alasan=alasan)
    return obj


def _tahun_terkunci(perangkat_daerah, tahun: int) -> RenstraTahun | None:
    return (RenstraTahun.objects.select_for_update().select_related("renstra")
            .filter(perangkat_daerah=perangkat_daerah, tahun=tahun).first())


@transaction.atomic
def renstra_tahun_set(*, perangkat_daerah: PerangkatDaerah, tahun: int, renstra: Renstra,
                      user=None, alasan: str = "", versi_dasar: int | None = None,
                      ) -> RenstraTahun:
    """A planner records which Renstra governs ``tahun`` (rule (b) of
    ``renstra.selectors.renstra_berlaku_map``), with a reason, audited. A year with a
    ditetapkan PK follows that PK's Renstra and is refused. ``versi_dasar``: the row_version the
    page showed (``sakip.versi.VERSI_BARU`` when the year had no record)."""
    alasan = (alasan or "").strip()
    ada = _tahun_terkunci(perangkat_daerah, tahun)
    versi_cek_baris(RenstraTahun, ada, versi_dasar)
    _cek_pilihan(ada, perangkat_daerah=perangkat_daerah, tahun=tahun, renstra=renstra,
                 alasan=alasan)
    return _tulis_tahun(ada, perangkat_daerah=perangkat_daerah, tahun=tahun, renstra=renstra,
                        sumber=RenstraTahun.Sumber.PERENCANA, alasan=alasan, user=user)


@transaction.atomic
def renstra_tahun_pk_set(*, perangkat_daerah: PerangkatDaerah, tahun: int, indikator_ids,
                         user=None, alasan: str) -> RenstraTahun | None:
    """A PK of ``tahun`` was ditetapkan: the year now follows the Renstra its lines were built
    from (rule (a)); the newest approval of a year wins, audited. Called by the PK's approval
    (kinerja), which knows its lines; the plan never reads the PK."""
    renstra = renstra_dari_indikator(indikator_ids)
    if renstra is None:
        return None
    ada = _tahun_terkunci(perangkat_daerah, tahun)
    return _tulis_tahun(ada, perangkat_daerah=perangkat_daerah, tahun=tahun, renstra=renstra,
                        sumber=RenstraTahun.Sumber.PK, alasan=alasan, user=user)


@transaction.atomic
def renstra_tahun_impor_set(*, perangkat_daerah: PerangkatDaerah, tahun: int,
                            renstra: Renstra, user=None, alasan: str) -> RenstraTahun | None:
    """An overlapping Renstra is being imported and ``tahun`` already holds data entered under
    ``renstra``: the year stays with it (never overriding a recorded choice or PK). None when the
    year already had a record."""
    ada = _tahun_terkunci(perangkat_daerah, tahun)
    if ada is not None:
        return None
    return _tulis_tahun(None, perangkat_daerah=perangkat_daerah, tahun=tahun, renstra=renstra,
                        sumber=RenstraTahun.Sumber.IMPOR, alasan=alasan, user=user)
