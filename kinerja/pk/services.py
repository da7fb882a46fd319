"""Writes to the Perjanjian Kinerja (style.md §6): validate, save, audit.

Rules: PermenPAN-RB 53/2014 (PK is immutable once ditetapkan; a change is a new version with one
of three reasons), domain.md §2.4 (TW targets against the annual target), §9 items 1, 16.

Editing happens on a draft; "diajukan" waits for the Kepala, who approves it (then it is
immutable); a later change is a revision (``pk_revise``) with its reason.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from kinerja.models import (
    Jenjang,
    ModeTriwulan,
    PerjanjianKinerja,
    PKAnggaran,
    PKIndikator,
)
from kinerja.pk.selectors import (
    kunci_anggaran,
    pagu_pemilik,
    pagu_untuk_pk,
    pk_kandidat,
    pk_pihak,
    target_renstra,
)
from notifikasi import peristiwa
from renstra import services as renstra_services
from renstra.kewajaran import nilai_satuan, peringatan_target
from renstra.models import Agregasi, Indikator
from sakip import audit
from sakip.models import PerangkatDaerah
from sakip.versi import DataKedaluwarsa, SudahAda, oleh_terakhir, versi_cek

PK_FIELDS_TARGET = ["target_tahunan", "target_tahunan_teks", "target_tw1", "target_tw2",
                    "target_tw3", "target_tw4", "mode_tw"]

PK_HEADER_FIELDS = [
    "pihak_pertama_nama", "pihak_pertama_jabatan", "pihak_pertama_nip", "pihak_pertama_pangkat",
    "pihak_kedua_nama", "pihak_kedua_jabatan", "pihak_kedua_nip", "pihak_kedua_pangkat",
    "tanggal", "nomor", "alasan_uraian",
]


@dataclass(frozen=True)
class IsiIndikator:
    """One line of Table A: the annual target (number or predikat text) and TW I–IV."""

    indikator: Indikator
    target_tahunan: Decimal | None
    target_tahunan_teks: str = ""
    target_tw: tuple = (None, None, None, None)
    mode_tw: str = ModeTriwulan.PER_TRIWULAN
    urutan: int = 0


@dataclass(frozen=True)
class IsiAnggaran:
    """One line of Table B: a program/kegiatan/sub kegiatan with its anggaran."""

    pemilik: Any
    anggaran: Decimal
    keterangan: str = ""
    urutan: int = 0


def _simpan(obj):
    obj.full_clean()
    obj.save()
    return obj


def _cek_pk_terbuka(pk: PerjanjianKinerja) -> None:
    if pk.terkunci:
        raise ValidationError(
            "PK ini sudah ditetapkan dan tidak dapat diubah; buat versi perubahan (revisi)."
        )


def _cek_pk_draf(pk: PerjanjianKinerja) -> None:
    _cek_pk_terbuka(pk)
    if pk.status != PerjanjianKinerja.Status.DRAFT:
        raise ValidationError(
            "PK sedang diajukan kepada Kepala; tarik kembali menjadi draf untuk mengubahnya."
        )


def _kunci_draf(pk: PerjanjianKinerja) -> PerjanjianKinerja:
    """The PK re-read under a row lock, refused unless it is (still) a draft."""
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    _cek_pk_draf(pk)
    return pk


def _kunci_terbuka(pk: PerjanjianKinerja) -> PerjanjianKinerja:
    """The PK re-read under a row lock, refused once ditetapkan (a concurrent penetapan is
    seen here, not missed on the caller's copy)."""
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    _cek_pk_terbuka(pk)
    return pk


def _naik(pk: PerjanjianKinerja) -> None:
    """Any write to a PK (signatories, a line of Table A or B, its status) moves the version of
    the whole PK: the builder shows all of it, so any of them makes an open builder stale."""
    PerjanjianKinerja.objects.filter(pk=pk.pk).update(row_version=F("row_version") + 1)
    pk.row_version += 1


def _galat_target_triwulan(*, indikator: Indikator, mode_tw: str,
                           target_tahunan: Decimal | None, target_tw) -> list[str]:
    """Messages when TW targets do not add up to the annual target (domain.md §2.4), in the
    indicator's unit and desimal, naming its aggregation by its label.

    SUM with per-quarter targets: Σ TW = annual. Cumulative targets (and LAST/YTD indicators):
    TW IV = annual. AVG/MAX/MIN are not checked: their annual value is not a TW sum.
    """
    if target_tahunan is None or all(t is None for t in target_tw):
        return []
    agregasi = indikator.agregasi
    label = Agregasi(agregasi).label if agregasi in Agregasi.values else agregasi
    pesan = []
    if agregasi == Agregasi.SUM and mode_tw == ModeTriwulan.PER_TRIWULAN:
        total = sum((t for t in target_tw if t is not None), Decimal(0))
        if total != target_tahunan:
            pesan.append(
                f"Jumlah target TW I–IV ({nilai_satuan(total, indikator)}) harus sama dengan "
                f"target tahunan ({nilai_satuan(target_tahunan, indikator)}): agregasi "
                f"indikator ini “{label}” dengan target per triwulan."
            )
    elif agregasi in (Agregasi.SUM, Agregasi.LAST, Agregasi.YTD):
        tw4 = target_tw[3]
        if tw4 is not None and tw4 != target_tahunan:
            pesan.append(
                f"Target TW IV ({nilai_satuan(tw4, indikator)}) harus sama dengan target "
                f"tahunan ({nilai_satuan(target_tahunan, indikator)}): agregasi indikator ini "
                f"“{label}”"
                + (" dengan target s.d. triwulan." if mode_tw == ModeTriwulan.KUMULATIF
                   else ".")
            )
        if mode_tw == ModeTriwulan.KUMULATIF:
            nilai = [t for t in target_tw if t is not None]
            if any(b < a for a, b in zip(nilai, nilai[1:], strict=False)):
                pesan.append("Target s.d. triwulan tidak boleh menurun dari triwulan ke "
                             "triwulan.")
    return pesan


def peringatan_pk(pk: PerjanjianKinerja, indikator: list[IsiIndikator]) -> list[str]:
    """The target sanity warnings (renstra.kewajaran) of the PK lines being saved: shown after
    the save, never blocking it."""
    hasil = []
    for isi in indikator:
        hasil += peringatan_target(isi.indikator, isi.target_tahunan,
                                   label=f"Target PK {pk.tahun}")
    return hasil


# --- Perjanjian Kinerja ----------------------------------------------------------------------

def _kunci_kantor(perangkat_daerah) -> None:
    """New PKs of one office wait for each other: without it two requests creating the same PK
    (a double click, two planners) both see "none yet" and the second insert breaks the unique
    version. ``no_key`` (FOR NO KEY UPDATE on PostgreSQL) leaves inserts that merely reference
    the office (audit rows, realisasi) unblocked."""
    list(PerangkatDaerah.objects.select_for_update(no_key=True)
         .filter(pk=perangkat_daerah.pk).values_list("pk", flat=True))


def _pk_terakhir(perangkat_daerah, tahun: int, jenjang: str, bidang) -> PerjanjianKinerja | None:
    return (PerjanjianKinerja.objects.filter(perangkat_daerah=perangkat_daerah, tahun=tahun,
                                             jenjang=jenjang, bidang=bidang)
            .order_by("-versi").first())


def _sudah_ada(ada: PerjanjianKinerja) -> SudahAda:
    return SudahAda(
        f"PK {ada.tahun} {ada.get_jenjang_display()} sudah ada (versi {ada.versi}, "
        f"{ada.get_status_display().lower()}); buka PK itu, atau revisi bila sudah ditetapkan.",
        objek=ada,
    )


def _sisip_pk(baru: PerjanjianKinerja) -> PerjanjianKinerja:
    """Insert a new PK version; the unique version is the last guard against a concurrent
    twin (a path that did not take the office lock), answered as SudahAda, never a 500."""
    try:
        with transaction.atomic():
            return _simpan(baru)
    except IntegrityError:
        ada = _pk_terakhir(baru.perangkat_daerah, baru.tahun, baru.jenjang, baru.bidang)
        if ada is None:
            raise
        raise _sudah_ada(ada) from None


@transaction.atomic
def pk_create(*, perangkat_daerah, tahun: int, jenjang: str, user=None, **fields):
    """A new PK (versi 1, draf). One PK per office, year, level and unit: a second request
    gets SudahAda with the existing PK (after waiting for a concurrent twin to finish)."""
    _kunci_kantor(perangkat_daerah)
    ada = _pk_terakhir(perangkat_daerah, tahun, jenjang, fields.get("bidang"))
    if ada is not None:
        raise _sudah_ada(ada)
    pk = _sisip_pk(PerjanjianKinerja(perangkat_daerah=perangkat_daerah, tahun=tahun,
                                     jenjang=jenjang, dibuat_oleh=user, **fields))
    audit.catat(user=user, obj=pk, aksi="buat", perangkat_daerah=perangkat_daerah)
    return pk


def _tulis_indikator(pk: PerjanjianKinerja, isi: IsiIndikator, user, alasan: str) -> PKIndikator:
    indikator = isi.indikator
    if indikator.renstra.perangkat_daerah_id != pk.perangkat_daerah_id:
        raise ValidationError("Indikator bukan milik perangkat daerah PK ini.")
    tw = list(isi.target_tw)
    if len(tw) != 4:
        raise ValidationError("Target triwulan harus empat nilai (TW I–IV).")
    pesan = _galat_target_triwulan(indikator=indikator, mode_tw=isi.mode_tw,
                                   target_tahunan=isi.target_tahunan, target_tw=tw)
    if pesan:
        raise ValidationError({"target_tw": pesan})
    line = (
        PKIndikator.objects.select_for_update().filter(perjanjian=pk, indikator=indikator).first()
    )
    sebelum = None if line is None else {f: getattr(line, f) for f in PK_FIELDS_TARGET}
    if line is None:
        line = PKIndikator(perjanjian=pk, indikator=indikator)
    line.target_tahunan = isi.target_tahunan
    line.target_tahunan_teks = isi.target_tahunan_teks
    line.target_tw1, line.target_tw2, line.target_tw3, line.target_tw4 = tw
    line.mode_tw = isi.mode_tw
    line.urutan = isi.urutan
    if sebelum is not None:
        line.row_version += 1
    _simpan(line)
    audit.catat_perubahan(user=user, obj=line, sebelum=sebelum, fields=PK_FIELDS_TARGET,
                          perangkat_daerah=pk.perangkat_daerah, alasan=alasan)
    return line


@transaction.atomic
def pk_indikator_set(
    *, pk: PerjanjianKinerja, indikator: Indikator, target_tahunan: Decimal | None,
    target_tw: list | None = None, target_tahunan_teks: str = "",
    mode_tw: str = ModeTriwulan.PER_TRIWULAN, urutan: int = 0, user=None, alasan: str = ""
) -> PKIndikator:
    pk = _kunci_terbuka(pk)
    isi = IsiIndikator(indikator=indikator, target_tahunan=target_tahunan,
                       target_tahunan_teks=target_tahunan_teks,
                       target_tw=tuple(target_tw or (None, None, None, None)), mode_tw=mode_tw,
                       urutan=urutan)
    line = _tulis_indikator(pk, isi, user, alasan)
    _naik(pk)
    return line


@transaction.atomic
def pk_indikator_create(*, pk: PerjanjianKinerja, indikator: Indikator,
                        user=None) -> PKIndikator:
    """A new last line of Table A, starting from the Renstra target of the PK's year. Adding
    the same indicator twice (a double click) adds it once."""
    pk = _kunci_terbuka(pk)
    if pk.indikator_set.filter(indikator=indikator).exists():
        raise SudahAda(f"Indikator \u201c{indikator}\u201d sudah ada di PK ini.", objek=pk)
    t = target_renstra([indikator], pk.tahun).get(indikator.pk)
    return pk_indikator_set(pk=pk, indikator=indikator, target_tahunan=t.nilai if t else None,
                            target_tahunan_teks=t.nilai_teks if t else "",
                            urutan=pk.indikator_set.count() + 1, user=user)


def _tulis_anggaran(pk: PerjanjianKinerja, isi: IsiAnggaran, user, alasan: str) -> PKAnggaran:
    level = isi.pemilik._meta.model_name
    row = (PKAnggaran.objects.select_for_update()
           .filter(perjanjian=pk, **{level: isi.pemilik}).first())
    sebelum = None if row is None else {"anggaran": row.anggaran}
    if row is None:
        row = PKAnggaran(perjanjian=pk, **{level: isi.pemilik})
    row.anggaran = isi.anggaran
    row.keterangan = isi.keterangan
    row.urutan = isi.urutan
    if sebelum is not None:
        row.row_version += 1
    _simpan(row)
    audit.catat_perubahan(user=user, obj=row, sebelum=sebelum, fields=["anggaran"],
                          perangkat_daerah=pk.perangkat_daerah, alasan=alasan)
    return row


@transaction.atomic
def pk_anggaran_set(*, pk: PerjanjianKinerja, pemilik, anggaran: Decimal, keterangan: str = "",
                    urutan: int = 0, user=None, alasan: str = "") -> PKAnggaran:
    pk = _kunci_terbuka(pk)
    isi = IsiAnggaran(pemilik=pemilik, anggaran=anggaran, keterangan=keterangan, urutan=urutan)
    row = _tulis_anggaran(pk, isi, user, alasan)
    _naik(pk)
    return row


@transaction.atomic
def pk_anggaran_create(*, pk: PerjanjianKinerja, pemilik, anggaran: Decimal | None = None,
                       user=None) -> PKAnggaran:
    """A new last line of Table B; a blank anggaran takes the DPA (else Renstra) pagu. Adding
    the same program/kegiatan/sub kegiatan twice (a double click) adds it once."""
    pk = _kunci_terbuka(pk)
    if pk.anggaran_set.filter(**{pemilik._meta.model_name: pemilik}).exists():
        raise SudahAda(f"{pemilik} sudah ada di Tabel B PK ini.", objek=pk)
    if anggaran is None:
        anggaran = pagu_pemilik(pemilik, pk.tahun)
    if anggaran is None:
        raise ValidationError(f"{pemilik.kode} belum memiliki pagu {pk.tahun}; isi anggarannya.")
    return pk_anggaran_set(pk=pk, pemilik=pemilik, anggaran=anggaran,
                           urutan=pk.anggaran_set.count() + 1, user=user)


def _tulis_header(pk: PerjanjianKinerja, fields: dict, user) -> None:
    """Signatories, number and date of a draft PK."""
    unknown = set(fields) - set(PK_HEADER_FIELDS)
    if unknown:
        raise TypeError(f"kolom tidak dikenal: {sorted(unknown)}")
    sebelum = {f: getattr(pk, f) for f in fields}
    for name, value in fields.items():
        setattr(pk, name, _nilai_header(name, value))
    _simpan(pk)
    audit.catat_perubahan(user=user, obj=pk, sebelum=sebelum, fields=list(fields),
                          perangkat_daerah=pk.perangkat_daerah)


@transaction.atomic
def pk_save(*, pk: PerjanjianKinerja, header: dict | None = None,
            indikator: list[IsiIndikator] = (), anggaran: list[IsiAnggaran] = (),
            user=None, versi_dasar: int | None = None) -> PerjanjianKinerja:
    """The builder's write of a draft PK: signatories, every Table A and Table B line, all or
    nothing. Refused lines raise one ValidationError whose keys are ``("indikator", i)`` and
    ``("anggaran", i)`` (position in the batch); a PK that is no longer a draft is refused as a
    whole (plain message).

    ``versi_dasar``: the PK's row_version the builder page showed. When the PK moved on since,
    the save is refused as a whole (DataKedaluwarsa: who changed it, when), unless it stores
    exactly what is already stored (the same page saved twice: nothing to lose)."""
    pk = _kunci_draf(pk)
    try:
        versi_cek(pk, versi_dasar)
    except DataKedaluwarsa:
        if _sama_dengan_tersimpan(pk, header or {}, indikator, anggaran):
            return pk
        raise
    if header is not None:
        _tulis_header(pk, header, user)
    galat: dict[tuple, list[str]] = {}
    for i, isi in enumerate(indikator):
        try:
            _tulis_indikator(pk, isi, user, "")
        except ValidationError as e:
            galat[("indikator", i)] = e.messages
    for i, isi in enumerate(anggaran):
        try:
            _tulis_anggaran(pk, isi, user, "")
        except ValidationError as e:
            galat[("anggaran", i)] = e.messages
    if galat:
        raise ValidationError(galat)
    _naik(pk)
    return pk


def _nilai_header(name: str, value):
    return value if value is not None or name == "tanggal" else ""


def _sama_dengan_tersimpan(pk: PerjanjianKinerja, header: dict, indikator, anggaran) -> bool:
    """Whether a builder save would leave the PK exactly as stored."""
    if any(getattr(pk, f) != _nilai_header(f, v) for f, v in header.items()):
        return False
    lines = {x.indikator_id: x for x in pk.indikator_set.all()}
    for isi in indikator:
        line = lines.get(isi.indikator.pk)
        if line is None or (
            (line.target_tahunan, line.target_tahunan_teks, line.target_tw_list, line.mode_tw,
             line.urutan) != (isi.target_tahunan, isi.target_tahunan_teks, list(isi.target_tw),
                              isi.mode_tw, isi.urutan)):
            return False
    rows = {(r.program_id, r.kegiatan_id, r.subkegiatan_id): r for r in pk.anggaran_set.all()}
    for isi in anggaran:
        row = rows.get(kunci_anggaran(isi.pemilik))
        if row is None or (row.anggaran, row.keterangan, row.urutan) != (
                isi.anggaran, isi.keterangan, isi.urutan):
            return False
    return True


def _bekukan_pihak(pk: PerjanjianKinerja) -> dict:
    """The signatories as printed on the penetapan date are written into the PK, so a later
    change of office never alters a signed PK; a missing Kepala or kepala daerah refuses the
    penetapan with what is missing (a signed PK with a dotted blank is no agreement). Returns
    the values before, for the audit trail."""
    pihak = pk_pihak(pk)
    if pihak.kurang:
        raise ValidationError(f"PK tidak dapat ditetapkan. {pihak.kurang.pesan}")
    sebelum = {f: getattr(pk, f) for f in pihak.fields()}
    for name, value in pihak.fields().items():
        setattr(pk, name, value)
    return sebelum


@transaction.atomic
def pk_approve(*, pk: PerjanjianKinerja, user, tanggal: datetime.date | None = None,
               nomor: str = "") -> PerjanjianKinerja:
    """Kepala Dinas signs the PK: it becomes immutable (PermenPAN-RB 53/2014). Signing it
    twice (a double click, two tabs) signs once: the second gets SudahAda."""
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    if pk.terkunci:
        oleh = oleh_terakhir(pk, field="status", nilai_baru=pk.status)
        raise SudahAda(f"PK {pk.tahun} versi {pk.versi} sudah ditetapkan{oleh}; isinya "
                       "terkunci.", objek=pk)
    if not pk.indikator_set.exists():
        raise ValidationError("PK tanpa indikator tidak dapat ditetapkan.")
    lama = pk.status
    pk.status = PerjanjianKinerja.Status.DITETAPKAN
    pk.ditetapkan_oleh = user
    pk.ditetapkan_pada = timezone.now()
    if tanggal:
        pk.tanggal = tanggal
    if nomor:
        pk.nomor = nomor
    if pk.tanggal is None:
        pk.tanggal = timezone.localdate()
    beku = _bekukan_pihak(pk)
    pk.row_version += 1
    _simpan(pk)
    audit.catat(user=user, obj=pk, aksi="status", field="status", lama=lama, baru=pk.status,
                perangkat_daerah=pk.perangkat_daerah)
    audit.catat_perubahan(user=user, obj=pk, sebelum=beku, fields=list(beku),
                          perangkat_daerah=pk.perangkat_daerah)
    # The year now follows the Renstra this PK was built from (renstra_berlaku_map, rule (a)).
    renstra_services.renstra_tahun_pk_set(
        perangkat_daerah=pk.perangkat_daerah, tahun=pk.tahun, user=user,
        indikator_ids=pk.indikator_set.values_list("indikator_id", flat=True),
        alasan=f"PK {pk.tahun} versi {pk.versi} ditetapkan dari Renstra ini.")
    # Notifications (notifikasi.peristiwa): the perencana learn the PK is signed.
    peristiwa.pk_ditetapkan(pk=pk, oleh=user)
    return pk


@transaction.atomic
def pk_revise(*, pk: PerjanjianKinerja, alasan: str, alasan_uraian: str = "",
              tanggal: datetime.date | None = None, nomor: str = "", user=None,
              salin_isi: bool = True) -> PerjanjianKinerja:
    """A new version (jenis perubahan) of a ditetapkan PK; realisasi stay on the old lines.

    The revised PK is locked first, so two revisions of it (a double click, two planners) make
    one new version: the second gets SudahAda with it."""
    if alasan not in PerjanjianKinerja.Alasan.values:
        raise ValidationError(
            {"alasan": "Alasan perubahan PK harus salah satu dari: pergantian pejabat, "
                       "perubahan strategi, atau perubahan prioritas/asumsi."}
        )
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    if not pk.terkunci:
        raise ValidationError("Hanya PK yang sudah ditetapkan yang direvisi; ubah draf ini saja.")
    terakhir = _pk_terakhir(pk.perangkat_daerah, pk.tahun, pk.jenjang, pk.bidang)
    if terakhir.sebelumnya_id == pk.pk and not terakhir.terkunci:
        oleh = oleh_terakhir(terakhir, aksi="buat")
        raise SudahAda(f"PK ini sudah direvisi: versi {terakhir.versi} (perubahan, "
                       f"{terakhir.get_status_display().lower()}) dibuat{oleh}; lanjutkan "
                       "versi itu.", objek=terakhir)
    if terakhir.pk != pk.pk:
        raise ValidationError(f"Revisi dibuat dari versi terakhir (versi {terakhir.versi}).")
    baru = PerjanjianKinerja(
        perangkat_daerah=pk.perangkat_daerah, tahun=pk.tahun, jenjang=pk.jenjang,
        bidang=pk.bidang, versi=pk.versi + 1, jenis=PerjanjianKinerja.Jenis.PERUBAHAN,
        sebelumnya=pk, alasan=alasan, alasan_uraian=alasan_uraian, tanggal=tanggal, nomor=nomor,
        dibuat_oleh=user,
        **{f: getattr(pk, f) for f in (
            "pihak_pertama_nama", "pihak_pertama_jabatan", "pihak_pertama_nip",
            "pihak_pertama_pangkat", "pihak_kedua_nama", "pihak_kedua_jabatan",
            "pihak_kedua_nip", "pihak_kedua_pangkat")},
    )
    _sisip_pk(baru)
    if salin_isi:
        for line in pk.indikator_set.all():
            PKIndikator.objects.create(
                perjanjian=baru, indikator=line.indikator, urutan=line.urutan,
                **{f: getattr(line, f) for f in PK_FIELDS_TARGET},
            )
        for row in pk.anggaran_set.all():
            PKAnggaran.objects.create(
                perjanjian=baru, program=row.program, kegiatan=row.kegiatan,
                subkegiatan=row.subkegiatan,
                anggaran=row.anggaran, keterangan=row.keterangan, urutan=row.urutan,
            )
    audit.catat(user=user, obj=baru, aksi="buat", alasan=alasan_uraian or alasan,
                perangkat_daerah=pk.perangkat_daerah)
    return baru


@transaction.atomic
def pk_submit(*, pk: PerjanjianKinerja, user) -> PerjanjianKinerja:
    """Perencana hands the draft to the Kepala for penetapan; handing it twice hands it once
    (the second gets SudahAda)."""
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    if pk.status == PerjanjianKinerja.Status.DIAJUKAN:
        oleh = oleh_terakhir(pk, field="status", nilai_baru=pk.status)
        raise SudahAda(f"PK ini sudah diajukan kepada Kepala{oleh}; menunggu penetapan.",
                       objek=pk)
    _cek_pk_draf(pk)
    if not pk.indikator_set.exists():
        raise ValidationError("PK tanpa indikator tidak dapat diajukan.")
    kosong = [str(line.indikator) for line in pk.indikator_set.select_related("indikator")
              if line.target_tahunan is None and not line.target_tahunan_teks]
    if kosong:
        raise ValidationError(
            "Target tahunan belum diisi untuk: " + "; ".join(kosong) + "."
        )
    pk.status = PerjanjianKinerja.Status.DIAJUKAN
    pk.row_version += 1
    pk.save(update_fields=["status", "row_version"])
    audit.catat(user=user, obj=pk, aksi="status", field="status", lama="draft",
                baru=pk.status, perangkat_daerah=pk.perangkat_daerah)
    # Notifications (notifikasi.peristiwa): the Kepala learns a PK waits for penetapan.
    peristiwa.pk_diajukan(pk=pk, oleh=user)
    return pk


@transaction.atomic
def pk_withdraw(*, pk: PerjanjianKinerja, user, catatan: str = "") -> PerjanjianKinerja:
    """A submitted PK goes back to draft (withdrawn by the planner or returned by the Kepala)."""
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    _cek_pk_terbuka(pk)
    if pk.status == PerjanjianKinerja.Status.DRAFT:
        oleh = oleh_terakhir(pk, field="status", nilai_baru=pk.status)
        raise SudahAda(f"PK ini sudah berstatus draf{oleh}.", objek=pk)
    if pk.status != PerjanjianKinerja.Status.DIAJUKAN:
        raise ValidationError("Hanya PK yang sedang diajukan yang dapat dikembalikan ke draf.")
    pk.status = PerjanjianKinerja.Status.DRAFT
    pk.row_version += 1
    pk.save(update_fields=["status", "row_version"])
    audit.catat(user=user, obj=pk, aksi="status", field="status", lama="diajukan",
                baru=pk.status, alasan=catatan, perangkat_daerah=pk.perangkat_daerah)
    return pk


@transaction.atomic
def pk_indikator_delete(*, line: PKIndikator, user=None, alasan: str = "") -> None:
    pk = _kunci_draf(line.perjanjian)
    if line.realisasi_set.exists():
        raise ValidationError(
            f"Indikator \u201c{line.indikator}\u201d sudah memiliki realisasi pada PK ini dan "
            "tidak dapat dihapus."
        )
    audit.catat(user=user, obj=line, aksi="hapus", field="target_tahunan",
                lama=line.target_tahunan, perangkat_daerah=pk.perangkat_daerah, alasan=alasan)
    line.delete()
    _naik(pk)


@transaction.atomic
def pk_anggaran_delete(*, row: PKAnggaran, user=None, alasan: str = "") -> None:
    pk = _kunci_draf(row.perjanjian)
    audit.catat(user=user, obj=row, aksi="hapus", field="anggaran", lama=row.anggaran,
                perangkat_daerah=pk.perangkat_daerah, alasan=alasan)
    row.delete()
    _naik(pk)


@transaction.atomic
def pk_fill_from_renstra(*, pk: PerjanjianKinerja, user=None) -> list[str]:
    """Fill a draft PK from the Renstra: the indicators of its level with that year's target,
    and the budget lines with their pagu. Lines already in the PK are left as they are.

    Returns warnings (Bahasa Indonesia) for what could not be filled.
    """
    pk = _kunci_draf(pk)
    renstra, kandidat, pemilik = pk_kandidat(pk)
    if renstra is None or pk.tahun not in renstra.tahun_list:
        raise ValidationError(f"Belum ada Renstra yang mencakup tahun {pk.tahun}.")
    peringatan: list[str] = []
    _isi_indikator_renstra(pk, list(kandidat), user, peringatan)
    _isi_anggaran_renstra(pk, renstra, pemilik, user, peringatan)
    return peringatan


def _isi_indikator_renstra(pk, kandidat: list, user, peringatan: list[str]) -> None:
    if pk.jenjang == Jenjang.JPT_PRATAMA:
        iku = [i for i in kandidat if i.is_iku]
        if iku:
            kandidat = iku
        else:
            peringatan.append("Belum ada indikator sasaran bertanda IKU; semua indikator sasaran "
                              "yang aktif dimasukkan.")
    sudah = set(pk.indikator_set.values_list("indikator_id", flat=True))
    target = target_renstra(kandidat, pk.tahun)
    urutan = pk.indikator_set.count()
    for ind in kandidat:
        if ind.pk in sudah:
            continue
        t = target.get(ind.pk)
        if t is None or (t.nilai is None and not t.nilai_teks):
            peringatan.append(f"Indikator \u201c{ind}\u201d belum memiliki target Renstra "
                              f"{pk.tahun}; isi target tahunannya.")
        urutan += 1
        pk_indikator_set(pk=pk, indikator=ind, target_tahunan=t.nilai if t else None,
                         target_tahunan_teks=t.nilai_teks if t else "", urutan=urutan,
                         user=user, alasan="Diisi dari Renstra")


def _isi_anggaran_renstra(pk, renstra, pemilik: list, user, peringatan: list[str]) -> None:
    ada = {(r.program_id, r.kegiatan_id, r.subkegiatan_id) for r in pk.anggaran_set.all()}
    pagu = pagu_untuk_pk(renstra, pk.tahun, pemilik)
    urutan = pk.anggaran_set.count()
    for p in pemilik:
        if kunci_anggaran(p) in ada:
            continue
        nilai, sumber = pagu[(p._meta.model_name, p.pk)]
        if nilai is None:
            peringatan.append(f"{p} belum memiliki pagu {pk.tahun} (DPA maupun Renstra); "
                              "tambahkan anggarannya secara manual.")
            continue
        if sumber == "Renstra":
            peringatan.append(f"{p.kode}: pagu DPA {pk.tahun} belum ada, dipakai pagu indikatif "
                              "Renstra.")
        urutan += 1
        pk_anggaran_set(pk=pk, pemilik=p, anggaran=nilai, urutan=urutan, user=user,
                        alasan=f"Diisi dari pagu {sumber}")
