"""Realisasi writes: the one batch write path, submission, verification, evidence, periods.

:func:`realisasi_save` writes realisasi for every source — the staff form (a batch of one), the
staff spreadsheet and the Buku Kerja (batches of thousands), the demo. It prefetches what it
needs in a fixed number of queries, validates everything in memory with one set of rules, and
only then writes with ``sakip.batch`` and one audit row per changed field through
``sakip.audit`` (design.md: who, when, old → new, why). A batch with any galat writes nothing
(design.md: bad input never half-lands).

Unchanged values are not written: no audit row, status kept — so an exported Buku Kerja or a
downloaded staff spreadsheet uploaded back unchanged changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja import rumus
from kinerja.models import BuktiDukung, PeriodeInput, Realisasi
from kinerja.realisasi.bukti import periksa_berkas
from kinerja.realisasi.selectors import alasan_ubah, indikator_satu, perlu_penjelasan, sampai
from kinerja.selectors import nilai_indikator
from notifikasi import peristiwa
from renstra.models import Indikator, JenisNilai, Renstra
from sakip import audit
from sakip.audit import Jejak
from sakip.batch import insert_many, update_many
from sakip.lib.angka import format_persen, salah_negatif
from sakip.lib.periode import romawi
from sakip.models import BuktiWajib, JejakAudit, PerangkatDaerah
from sakip.versi import kunci, versi_cek, versi_cek_baris

REALISASI_FIELDS = ["nilai", "nilai_teks", "pembilang", "penyebut", "catatan",
                    "faktor_pendukung", "faktor_penghambat", "upaya", "sumber_data"]
FIELD_ANGKA = ("nilai", "pembilang", "penyebut")
LABEL_FIELD = {
    "nilai": "realisasi", "nilai_teks": "predikat", "pembilang": "pembilang",
    "penyebut": "penyebut", "catatan": "catatan", "faktor_pendukung": "faktor pendukung",
    "faktor_penghambat": "faktor penghambat", "upaya": "upaya", "sumber_data": "sumber data",
}
# Realisasi values are stored at the column's precision (Realisasi.nilai: 20 digits, 4 places).
NILAI_DESIMAL = Realisasi._meta.get_field("nilai").decimal_places
_MAKS_NILAI = Decimal(10) ** 16
# Text columns with a length limit (the database refuses longer text on PostgreSQL).
_MAKS_TEKS = {f: Realisasi._meta.get_field(f).max_length for f in REALISASI_FIELDS
              if getattr(Realisasi._meta.get_field(f), "max_length", None)}


# --- input periods -----------------------------------------------------------------------------

@transaction.atomic
def periode_set(*, perangkat_daerah, tahun: int, triwulan: int, dibuka: bool, user=None,
                batas_waktu=None) -> PeriodeInput:
    obj, _ = PeriodeInput.objects.get_or_create(
        perangkat_daerah=perangkat_daerah, tahun=tahun, triwulan=triwulan
    )
    lama = obj.dibuka
    obj.dibuka = dibuka
    obj.batas_waktu = batas_waktu
    obj.diubah_oleh = user
    obj.full_clean()
    obj.save()
    if lama != dibuka:
        audit.catat(user=user, obj=obj, aksi="status", field="dibuka", lama=lama, baru=dibuka,
                    perangkat_daerah=perangkat_daerah)
        # Notifications (notifikasi.peristiwa): the office's staf learn the period changed.
        peristiwa.periode_berubah(pd=perangkat_daerah, periode=obj, oleh=user)
    return obj


# --- validation: one set of rules for every source ---------------------------------------------

def _kunci_predikat(teks: str) -> str:
    return " ".join(str(teks).upper().split())


def _galat_angka(indikator: Indikator, data: dict, errors: dict[str, list[str]]) -> None:
    pembilang, penyebut = data.get("pembilang"), data.get("penyebut")
    if penyebut is not None and penyebut <= 0:
        errors.setdefault("penyebut", []).append("Penyebut harus lebih besar dari nol.")
    elif (pembilang is None) != (penyebut is None):
        errors.setdefault("penyebut", []).append(
            "Pembilang dan penyebut harus diisi keduanya atau dikosongkan.")
    nilai = data.get("nilai")
    if nilai is not None and indikator.satuan.strip() == "%" and not (
        Decimal(-1000) <= nilai <= Decimal(1000)
    ):
        errors.setdefault("nilai", []).append(
            "Nilai persen di luar kewajaran; isikan persen, bukan jumlah orang.")
    for name in FIELD_ANGKA:
        v = data.get(name)
        if v is None:
            continue
        if abs(v) >= _MAKS_NILAI:
            errors.setdefault(name, []).append("Angka terlalu besar.")
        elif name != "penyebut" and (salah := salah_negatif(v, indikator.satuan,
                                                             indikator.uraian)):
            errors.setdefault(name, []).append(salah)
        elif v.as_tuple().exponent < -NILAI_DESIMAL and v != v.quantize(Decimal("0.0001")):
            errors.setdefault(name, []).append(
                f"Paling banyak {NILAI_DESIMAL} angka di belakang koma.")
    for name, maks in _MAKS_TEKS.items():
        if len(data.get(name) or "") > maks:
            errors.setdefault(name, []).append(f"Paling banyak {maks} karakter.")


def _galat_jenis(indikator: Indikator, data: dict, wajib_rasio: bool,
                 errors: dict[str, list[str]]) -> None:
    """The kind of value the indicator is defined with (domain.md §2.3–§2.4)."""
    jenis = indikator.jenis_nilai
    teks = (data.get("nilai_teks") or "").strip()
    nilai = data.get("nilai")
    if jenis in (JenisNilai.PREDIKAT, JenisNilai.ANGKA_PREDIKAT) and teks:
        skala = (indikator.skala_predikat or "AKIP").upper()
        daftar = rumus.SKALA_PREDIKAT.get(skala, rumus.SKALA_PREDIKAT["AKIP"])
        if _kunci_predikat(teks) not in daftar:
            contoh = ", ".join(k for k in daftar if len(k) <= 12)
            errors.setdefault("nilai_teks", []).append(
                f"Predikat '{teks}' tidak dikenal pada skala {skala}; yang diterima: {contoh}."
            )
    if jenis == JenisNilai.PREDIKAT and nilai is not None and not teks:
        errors.setdefault("nilai_teks", []).append(
            "Indikator ini diisi dengan predikat (mis. BB atau WTP), bukan angka saja."
        )
    if jenis in (JenisNilai.ANGKA, JenisNilai.RASIO) and teks:
        errors.setdefault("nilai_teks", []).append(
            f"Indikator ini diisi angka; predikat '{teks}' tidak dipakai."
        )
    if (
        jenis == JenisNilai.RASIO and wajib_rasio and nilai is not None
        and data.get("pembilang") is None
    ):
        errors.setdefault("pembilang", []).append(
            "Indikator ini dihitung dari pembilang dan penyebut: isi keduanya."
        )


def validasi_realisasi(indikator: Indikator, data: dict, *, wajib_rasio: bool = False) -> None:
    """Raise ``ValidationError`` (per field) when ``data`` is not a valid realisasi.

    ``data`` holds the values after the change (REALISASI_FIELDS). Rules: pembilang and
    penyebut together, penyebut > 0, a % unit is not a count, the precision and length the
    database keeps, and the kind of value the indicator is defined with (angka, rasio,
    predikat, angka + predikat; ``wajib_rasio``: a ratio indicator is entered as a pair).
    """
    errors: dict[str, list[str]] = {}
    _galat_angka(indikator, data, errors)
    _galat_jenis(indikator, data, wajib_rasio, errors)
    if errors:
        raise ValidationError(errors)


# --- the batch ---------------------------------------------------------------------------------

@dataclass
class Entri:
    """One quarter's values of one indicator, with where they came from (for messages)."""

    indikator: Indikator
    triwulan: int
    data: dict
    baris: int = 0
    kolom: str = ""
    # The row_version the user's form showed (sakip.versi; VERSI_BARU = no value then); None
    # for sources without one (spreadsheets), which still never lose a concurrent update.
    versi_dasar: int | None = None


@dataclass
class GalatEntri:
    entri: Entri | None
    field: str
    pesan: str


@dataclass
class Perubahan:
    entri: Entri
    lama: dict | None
    baru: dict
    fields: list[str]
    status_lama: str | None

    @property
    def baru_dibuat(self) -> bool:
        return self.lama is None


@dataclass
class HasilMassal:
    dibuat: int = 0
    diubah: int = 0
    tetap: int = 0
    perubahan: list[Perubahan] = field(default_factory=list)
    galat: list[GalatEntri] = field(default_factory=list)
    objek: dict[tuple[int, int], Realisasi] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.galat

    def check(self) -> HasilMassal:
        """Raise the refusals as one ``ValidationError`` (for callers without a form)."""
        if self.galat:
            raise ValidationError([g.pesan for g in self.galat])
        return self


def _nilai_baru(lama: dict | None, data: dict) -> dict:
    """The values after the change: ``data`` over the stored ones, text never None, and the
    value of a ratio derived from its pembilang/penyebut."""
    baru = dict(lama) if lama else dict.fromkeys(REALISASI_FIELDS)
    for name, value in data.items():
        if name not in REALISASI_FIELDS:
            raise TypeError(f"kolom tidak dikenal: {name}")
        baru[name] = value.strip() if isinstance(value, str) else value
    for name in REALISASI_FIELDS:
        if baru[name] is None and name not in FIELD_ANGKA:
            baru[name] = ""
    rasio = rumus.nilai_rasio(baru["pembilang"], baru["penyebut"], NILAI_DESIMAL)
    if rasio is not None:
        baru["nilai"] = rasio
    return baru


def _berubah(lama: dict | None, baru: dict) -> list[str]:
    if lama is None:
        return [f for f in REALISASI_FIELDS if baru[f] not in (None, "")]
    return [f for f in REALISASI_FIELDS if audit.teks_nilai(lama[f]) != audit.teks_nilai(baru[f])]


@dataclass
class _Konteks:
    """What one batch is judged against (read once)."""

    pd: PerangkatDaerah
    tahun: int
    renstra_ids: set[int]
    terbuka: set[int]
    nilai: dict
    abaikan_periode: bool
    kunci_diajukan: bool
    wajib_rasio: bool


def _periksa_entri(e: Entri, k: _Konteks, dilihat: set, hasil: HasilMassal) -> None:
    """Judge one entry: a galat, an unchanged value, or a change to write."""
    ind = e.indikator
    if ind.renstra_id not in k.renstra_ids:
        hasil.galat.append(GalatEntri(e, "", f"Indikator '{ind.uraian}' bukan milik "
                                             f"{k.pd.nama}."))
        return
    if e.triwulan not in (1, 2, 3, 4):
        hasil.galat.append(GalatEntri(e, "", "Triwulan harus I sampai IV."))
        return
    key = (ind.pk, e.triwulan)
    if key in dilihat:
        hasil.galat.append(GalatEntri(
            e, "", f"Indikator '{ind.uraian}' triwulan {romawi(e.triwulan)} muncul lebih "
                   "dari sekali."))
        return
    dilihat.add(key)
    obj = k.nilai[(ind.pk, k.tahun)].realisasi_obj_tw[e.triwulan - 1]
    try:
        versi_cek_baris(Realisasi, obj, e.versi_dasar)
    except ValidationError as err:
        hasil.galat.append(GalatEntri(e, "", err.messages[0]))
        return
    lama = None if obj is None else {f: getattr(obj, f) for f in REALISASI_FIELDS}
    baru = _nilai_baru(lama, e.data)
    fields = _berubah(lama, baru)
    if not fields:
        if lama is not None:
            hasil.tetap += 1
        return
    status = obj.status if obj else None
    sebab = alasan_ubah(status=status, periode_buka=e.triwulan in k.terbuka,
                        abaikan_periode=k.abaikan_periode, kunci_diajukan=k.kunci_diajukan,
                        tahun=k.tahun, triwulan=e.triwulan)
    if sebab:
        hasil.galat.append(GalatEntri(e, "", sebab))
        return
    try:
        validasi_realisasi(ind, baru, wajib_rasio=k.wajib_rasio)
    except ValidationError as err:
        for name, msgs in err.message_dict.items():
            hasil.galat.extend(GalatEntri(e, name, m) for m in msgs)
        return
    hasil.perubahan.append(Perubahan(e, lama, baru, fields, status))


def realisasi_save(
    *, pd: PerangkatDaerah, tahun: int, entri: list[Entri], user=None, alasan: str = "",
    abaikan_periode: bool = False, status_baru: str = Realisasi.Status.DRAFT,
    simpan: bool = True, wajib_rasio: bool = False, kunci_diajukan: bool = False,
) -> HasilMassal:
    """See :func:`_realisasi_save`. A batch that writes runs in one transaction that first
    locks its indicators: two saves of the same values then run one after the other and the
    second is judged on what the first wrote (no lost update; two that create the same new
    value make one row, never an IntegrityError). A preview locks nothing."""
    kw = {"pd": pd, "tahun": tahun, "entri": entri, "user": user, "alasan": alasan,
          "abaikan_periode": abaikan_periode, "status_baru": status_baru, "simpan": simpan,
          "wajib_rasio": wajib_rasio, "kunci_diajukan": kunci_diajukan}
    if not simpan:
        return _realisasi_save(**kw)
    with transaction.atomic():
        kunci(Indikator, {e.indikator.pk for e in entri})
        return _realisasi_save(**kw)


def _realisasi_save(
    *, pd: PerangkatDaerah, tahun: int, entri: list[Entri], user, alasan: str,
    abaikan_periode: bool, status_baru: str, simpan: bool, wajib_rasio: bool,
    kunci_diajukan: bool,
) -> HasilMassal:
    """Validate and (when ``simpan`` and valid) write a batch of realisasi of one year.

    ``entri[i].data`` holds only the fields the source gives; absent fields keep their value.
    Changed values get ``status_baru`` (draft for staff entries; the Buku Kerja uses diajukan,
    to be verified) — a verified value changed by the perencana path loses its verification.
    ``abaikan_periode`` is the perencana path outside an open period and needs ``alasan``.
    ``kunci_diajukan``: staff may not change a value waiting for verification. The new and
    changed rows are in ``hasil.objek`` by (indikator id, triwulan).

    Queries: renstra ids (1), open periods (1), nilai_indikator (4) — then, when writing,
    batched inserts/updates and audit rows.
    """
    hasil = HasilMassal()
    if abaikan_periode and not alasan.strip():
        hasil.galat.append(GalatEntri(None, "alasan",
                                      "Perubahan di luar periode input wajib disertai alasan."))
        return hasil
    renstra_ids = set(Renstra.objects.filter(perangkat_daerah=pd).values_list("id", flat=True))
    terbuka = set(
        PeriodeInput.objects.filter(perangkat_daerah=pd, tahun=tahun, dibuka=True)
        .values_list("triwulan", flat=True)
    )
    inds = {e.indikator.pk: e.indikator for e in entri}
    milik = [i for i in inds.values() if i.renstra_id in renstra_ids]
    k = _Konteks(pd=pd, tahun=tahun, renstra_ids=renstra_ids, terbuka=terbuka,
                 nilai=nilai_indikator(milik, [tahun], perangkat_daerah=pd),
                 abaikan_periode=abaikan_periode, kunci_diajukan=kunci_diajukan,
                 wajib_rasio=wajib_rasio)
    dilihat: set[tuple[int, int]] = set()
    for e in entri:
        _periksa_entri(e, k, dilihat, hasil)
    if hasil.galat or not simpan:
        hasil.dibuat = sum(1 for p in hasil.perubahan if p.lama is None)
        hasil.diubah = len(hasil.perubahan) - hasil.dibuat
        return hasil
    _tulis(hasil, nilai=k.nilai, pd=pd, tahun=tahun, user=user, alasan=alasan,
           status_baru=status_baru)
    return hasil


def _terapkan(obj: Realisasi, p: Perubahan, *, pengguna, now, status_baru: str) -> None:
    for f in p.fields:
        setattr(obj, f, p.baru[f])
    obj.entered_by = pengguna
    obj.entered_at = now
    obj.updated_at = now
    if obj.status != status_baru:
        if obj.status == Realisasi.Status.DIVERIFIKASI:
            obj.verified_by = None
            obj.verified_at = None
        obj.status = status_baru
        if status_baru == Realisasi.Status.DIAJUKAN:
            obj.submitted_at = now


def _jejak(obj: Realisasi, tahun: int, pd, pengguna, alasan: str):
    objek = f"{obj.indikator.uraian} {tahun} TW {obj.triwulan}"

    def baris(aksi, field_name, lama, baru) -> Jejak:
        return Jejak(aksi=aksi, user=pengguna, perangkat_daerah=pd, field=field_name, lama=lama,
                     baru=baru, alasan=alasan, model="kinerja.realisasi", object_id=obj.pk,
                     objek=objek)
    return baris


@transaction.atomic
def _tulis(hasil: HasilMassal, *, nilai, pd, tahun, user, alasan, status_baru) -> None:
    now = timezone.now()
    pengguna = user if getattr(user, "is_authenticated", False) else None
    kolom = [f.attname for f in Realisasi._meta.concrete_fields if f.attname != "id"]
    baru_list: list[Realisasi] = []
    ubah_list: list[tuple[Realisasi, Perubahan]] = []
    for p in hasil.perubahan:
        ind = p.entri.indikator
        n = nilai[(ind.pk, tahun)]
        if p.lama is None:
            obj = Realisasi(indikator=ind, tahun=tahun, triwulan=p.entri.triwulan,
                            pk_indikator=n.pk_indikator, status=status_baru,
                            entered_by=pengguna, entered_at=now, updated_at=now, **p.baru)
            if status_baru == Realisasi.Status.DIAJUKAN:
                obj.submitted_at = now
            baru_list.append(obj)
        else:
            obj = n.realisasi_obj_tw[p.entri.triwulan - 1]
            obj.indikator = ind
            _terapkan(obj, p, pengguna=pengguna, now=now, status_baru=status_baru)
            obj.row_version += 1
            ubah_list.append((obj, p))
        hasil.objek[(ind.pk, p.entri.triwulan)] = obj
    insert_many(Realisasi, kolom, [[getattr(o, k) for k in kolom] for o in baru_list])
    if baru_list:
        # The new rows' ids, for the audit trail and the callers (one query).
        ids = dict(
            ((i, tw), pk) for pk, i, tw in Realisasi.objects.filter(
                indikator__renstra__perangkat_daerah=pd, tahun=tahun,
            ).values_list("pk", "indikator_id", "triwulan")
        )
        for o in baru_list:
            o.pk = ids[(o.indikator_id, o.triwulan)]
            o._state.adding = False
    if ubah_list:
        ubah = sorted({f for _o, p in ubah_list for f in p.fields} | {
            "entered_by_id", "entered_at", "updated_at", "status", "verified_by_id",
            "verified_at", "submitted_at", "row_version"})
        update_many(Realisasi, ubah, [[getattr(o, k) for k in ubah] + [o.pk]
                                      for o, _p in ubah_list])
    jejak: list[Jejak] = []
    for obj in baru_list:
        baris = _jejak(obj, tahun, pd, pengguna, alasan)
        jejak.extend(baris(JejakAudit.Aksi.BUAT, f, None, getattr(obj, f))
                     for f in REALISASI_FIELDS if getattr(obj, f) not in (None, ""))
        if status_baru != Realisasi.Status.DRAFT:
            jejak.append(baris(JejakAudit.Aksi.STATUS, "status", None, status_baru))
    for obj, p in ubah_list:
        baris = _jejak(obj, tahun, pd, pengguna, alasan)
        jejak.extend(baris(JejakAudit.Aksi.UBAH, f, p.lama[f], p.baru[f]) for f in p.fields)
        if p.status_lama != obj.status:
            jejak.append(baris(JejakAudit.Aksi.STATUS, "status", p.status_lama, obj.status))
    audit.catat_banyak(jejak, waktu=now)
    hasil.dibuat = len(baru_list)
    hasil.diubah = len(ubah_list)


# --- submit for verification ------------------------------------------------------------------

def pesan_bukti_wajib(pd: PerangkatDaerah, *, verifikasi: bool = False) -> str:
    """The one wording of the office's "bukti dukung wajib" rule (submit, verify, the form)."""
    untuk = " untuk indikator IKU" if pd.bukti_wajib == BuktiWajib.IKU else ""
    if verifikasi:
        return (f"Bukti dukung wajib{untuk}: realisasi tanpa berkas tidak dapat diverifikasi; "
                "kembalikan kepada staf untuk dilengkapi.")
    return f"Bukti dukung wajib{untuk}: unggah minimal satu berkas sebelum mengajukan."


def _ada_bukti(pd: PerangkatDaerah, realisasi_ids) -> set[int]:
    """The realisasi among ``realisasi_ids`` holding an evidence file (no query when the office
    does not require evidence)."""
    if pd.bukti_wajib == BuktiWajib.TIDAK:
        return set()
    return set(BuktiDukung.objects.filter(realisasi_id__in=list(realisasi_ids))
               .values_list("realisasi_id", flat=True).distinct())


def _sebab_tolak(r: Realisasi, *, pd, nilai, terbuka, abaikan_periode: bool,
                 ada_bukti: set[int]) -> str | None:
    label = f"{r.indikator.uraian} TW {romawi(r.triwulan)}"
    if r.status not in (Realisasi.Status.DRAFT, Realisasi.Status.DIKEMBALIKAN):
        return f"{label}: hanya draf atau yang dikembalikan yang dapat diajukan."
    if r.nilai is None and not r.nilai_teks:
        return f"{label}: realisasi belum diisi."
    if not abaikan_periode and (r.tahun, r.triwulan) not in terbuka:
        return (f"{label}: periode input {r.tahun} triwulan {romawi(r.triwulan)} belum dibuka "
                "atau sudah ditutup.")
    if pd.perlu_bukti(r.indikator) and r.pk not in ada_bukti:
        return f"{label}: {pesan_bukti_wajib(pd)}"
    c = perlu_penjelasan(sampai(nilai[(r.indikator_id, r.tahun)], r.triwulan, pd), r.triwulan,
                         pd)
    if c is not None and not (r.faktor_penghambat.strip() and r.upaya.strip()):
        kat = rumus.kategori(c, pd.skala_kategori)
        return (f"{label}: capaian {format_persen(c)} termasuk kategori terendah "
                f"({kat.label}); tuliskan faktor penghambat dan upaya tindak lanjut sebelum "
                "mengajukan.")
    return None


@transaction.atomic
def realisasi_submit(
    *, pd: PerangkatDaerah, realisasi: list[Realisasi], user, abaikan_periode: bool = False,
) -> tuple[list[Realisasi], list[tuple[Realisasi, str]]]:
    """Submit values for verification; returns (submitted, [(refused, why)]).

    Each value is judged on its own, as stored now (a status change, not an import): it must
    be a draft or a returned value, hold a value, be in an open period (unless the perencana
    path), and a value whose capaian falls in the lowest band of the office's scale needs
    faktor penghambat and upaya written first (LKjIP analysis: causes and solutions). The
    given objects must carry ``indikator``.

    Queries: open periods (1), the rows locked (1), nilai_indikator (4), update (1), audit (1).
    """
    diajukan: list[Realisasi] = []
    ditolak: list[tuple[Realisasi, str]] = []
    if not realisasi:
        return diajukan, ditolak
    indikator = {r.pk: r.indikator for r in realisasi}
    segar = Realisasi.objects.select_for_update().order_by().in_bulk(list(indikator))
    tahun_set = {r.tahun for r in segar.values()}
    terbuka = set(
        PeriodeInput.objects.filter(perangkat_daerah=pd, tahun__in=tahun_set, dibuka=True)
        .values_list("tahun", "triwulan")
    )
    nilai = nilai_indikator(list({i.pk: i for i in indikator.values()}.values()),
                            sorted(tahun_set), perangkat_daerah=pd)
    ada_bukti = _ada_bukti(pd, segar)
    for pk, ind in indikator.items():
        r = segar.get(pk)
        if r is None:
            continue
        r.indikator = ind
        sebab = _sebab_tolak(r, pd=pd, nilai=nilai, terbuka=terbuka,
                             abaikan_periode=abaikan_periode, ada_bukti=ada_bukti)
        if sebab:
            ditolak.append((r, sebab))
        else:
            diajukan.append(r)
    now = timezone.now()
    jejak = []
    for r in diajukan:
        jejak.append(Jejak(aksi=JejakAudit.Aksi.STATUS, user=user, obj=r, perangkat_daerah=pd,
                           field="status", lama=r.status, baru=Realisasi.Status.DIAJUKAN))
        r.status = Realisasi.Status.DIAJUKAN
        r.submitted_at = r.updated_at = now
        r.row_version += 1
    update_many(Realisasi, ["status", "submitted_at", "updated_at", "row_version"],
                [[r.status, r.submitted_at, r.updated_at, r.row_version, r.pk]
                 for r in diajukan])
    audit.catat_banyak(jejak, waktu=now)
    # Notifications (notifikasi.peristiwa): the perencana learn values wait for verification.
    peristiwa.realisasi_diajukan(pd=pd, realisasi=diajukan, oleh=user)
    return diajukan, ditolak


# --- verification -----------------------------------------------------------------------------

@transaction.atomic
def realisasi_verify(*, realisasi: Realisasi, user, setuju: bool, komentar: str = "",
                     versi_dasar: int | None = None):
    """Perencana approves (locks) or returns a submitted value with a comment.
    ``versi_dasar``: the row_version the perencana looked at — a value changed since then is
    not verified unseen."""
    obj = Realisasi.objects.select_for_update().select_related(
        "indikator__renstra__perangkat_daerah").get(pk=realisasi.pk)
    versi_cek(obj, versi_dasar)
    if obj.status != Realisasi.Status.DIAJUKAN:
        raise ValidationError("Hanya realisasi yang diajukan yang dapat diverifikasi.")
    if not setuju and not komentar.strip():
        raise ValidationError({"komentar": "Tuliskan alasan pengembalian untuk staf bidang."})
    pd = obj.indikator.renstra.perangkat_daerah
    if setuju and pd.perlu_bukti(obj.indikator) and not obj.bukti_set.exists():
        raise ValidationError(pesan_bukti_wajib(pd, verifikasi=True))
    lama = obj.status
    obj.komentar_verifikasi = komentar
    if setuju:
        obj.verified_by = user
        obj.verified_at = timezone.now()
        obj.status = Realisasi.Status.DIVERIFIKASI
    else:
        obj.status = Realisasi.Status.DIKEMBALIKAN
    obj.row_version += 1
    obj.save(update_fields=["status", "verified_by", "verified_at", "komentar_verifikasi",
                            "updated_at", "row_version"])
    audit.catat(user=user, obj=obj, aksi="status", field="status", lama=lama, baru=obj.status,
                alasan=komentar, perangkat_daerah=obj.indikator.renstra.perangkat_daerah)
    # Notifications (notifikasi.peristiwa): who entered it, and on return the bidang's staf.
    if setuju:
        peristiwa.realisasi_diverifikasi(pd=pd, realisasi=obj, oleh=user)
    else:
        peristiwa.realisasi_dikembalikan(
            pd=pd, realisasi=obj, oleh=user, komentar=komentar,
            bidang_ids=indikator_satu(pd, obj.indikator_id, obj.tahun).bidang_ids)
    return obj


# --- evidence ---------------------------------------------------------------------------------

@transaction.atomic
def bukti_create(*, realisasi: Realisasi, berkas, user, pd: PerangkatDaerah,
                 alasan: str = "") -> BuktiDukung:
    """Attach an evidence file: content checked (kinerja.realisasi.bukti), sha256 kept, audited."""
    info = periksa_berkas(berkas)
    if BuktiDukung.objects.filter(realisasi=realisasi, sha256=info.sha256).exists():
        raise ValidationError(f"Berkas '{info.nama}' sudah pernah diunggah untuk realisasi ini.")
    obj = BuktiDukung(
        realisasi=realisasi, nama_asli=info.nama, sha256=info.sha256,
        content_type=info.content_type, ukuran=info.ukuran,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    obj.file.save(f"{info.sha256}.{info.ekstensi}", berkas, save=False)
    obj.full_clean()
    obj.save()
    audit.catat(user=user, obj=realisasi, aksi=JejakAudit.Aksi.BUAT, field="bukti_dukung",
                baru=info.nama, perangkat_daerah=pd, alasan=alasan)
    return obj


@transaction.atomic
def bukti_delete(*, bukti: BuktiDukung, user, pd: PerangkatDaerah, alasan: str = "") -> None:
    realisasi = bukti.realisasi
    nama = bukti.nama_asli
    storage, path = bukti.file.storage, bukti.file.name
    bukti.delete()
    audit.catat(user=user, obj=realisasi, aksi=JejakAudit.Aksi.HAPUS, field="bukti_dukung",
                lama=nama, perangkat_daerah=pd, alasan=alasan)
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: storage.delete(path) if path else None)


# --- the entry page: a value, its evidence, and submission in one step -------------------------

@dataclass
class HasilIsi:
    """Outcome of :func:`realisasi_isi_save`: galat per form field (None = the whole form), or
    the messages for the user and whether the value went on to verification."""

    galat: list[tuple[str | None, str]] = field(default_factory=list)
    pesan: list[tuple[str, str]] = field(default_factory=list)
    diajukan: bool = False
    berubah: bool = False  # the value was created or changed
    bukti: bool = False  # an evidence file was attached

    @property
    def ok(self) -> bool:
        return not self.galat


def _simpan_dengan_bukti(*, pd, indikator, tahun, triwulan, data, berkas, user, alasan,
                         abaikan_periode, kunci_diajukan, realisasi,
                         versi_dasar) -> tuple[HasilIsi, object]:
    hasil = realisasi_save(pd=pd, tahun=tahun,
                           entri=[Entri(indikator, triwulan, data, versi_dasar=versi_dasar)],
                           user=user, alasan=alasan, abaikan_periode=abaikan_periode,
                           wajib_rasio=True, kunci_diajukan=kunci_diajukan)
    if not hasil.ok:
        return HasilIsi(galat=[(g.field or None, g.pesan) for g in hasil.galat]), None
    obj = hasil.objek.get((indikator.pk, triwulan)) or realisasi
    if berkas:
        if obj is None:
            return HasilIsi(galat=[("bukti", "Isi nilai realisasi terlebih dahulu; bukti "
                                             "dukung melekat pada nilai realisasi.")]), None
        try:
            bukti_create(realisasi=obj, berkas=berkas, user=user, pd=pd, alasan=alasan)
        except ValidationError as e:
            transaction.set_rollback(True)
            return HasilIsi(galat=[("bukti", m) for m in e.messages]), None
    return HasilIsi(berubah=bool(hasil.dibuat or hasil.diubah), bukti=bool(berkas)), obj


def _pesan_isi(out: HasilIsi, *, ajukan: bool, ditolak: list[str]) -> list[tuple[str, str]]:
    """ONE message per outcome of the entry page: saved as a draft, saved and submitted, or
    saved but not submitted (why) — never "disimpan sebagai draf" beside "diajukan"."""
    bukti = " Bukti dukung diunggah." if out.bukti else ""
    if out.diajukan:
        awal = "Realisasi disimpan dan" if out.berubah or out.bukti else "Realisasi"
        return [("success", f"{awal} diajukan untuk diverifikasi.{bukti}")]
    if ajukan and ditolak:
        awal = ("Realisasi disimpan sebagai draf, tetapi belum diajukan"
                if out.berubah or out.bukti else "Realisasi belum diajukan")
        return [("warning", f"{awal} — {'; '.join(ditolak)}{bukti}")]
    if out.berubah:
        return [("success", f"Realisasi disimpan sebagai draf.{bukti}")]
    if out.bukti:
        return [("success", "Bukti dukung diunggah.")]
    return [("info", "Tidak ada perubahan.")]


def realisasi_isi_save(
    *, pd: PerangkatDaerah, indikator: Indikator, tahun: int, triwulan: int, data: dict,
    user, berkas=None, alasan: str = "", abaikan_periode: bool = False,
    kunci_diajukan: bool = True, ajukan: bool = False, realisasi: Realisasi | None = None,
    versi_dasar: int | None = None,
) -> HasilIsi:
    """Enter one quarter's value with an optional evidence file, then optionally submit it.

    Value and evidence land together or not at all (an evidence file needs a value to attach
    to); submission is judged afterwards, so a saved value that may not be submitted yet stays
    saved with the reason as a warning. ``realisasi`` is the stored row, if any;
    ``versi_dasar`` the version the form was drawn with (a stale one refuses the save).
    """
    if berkas:
        try:
            periksa_berkas(berkas)
        except ValidationError as e:
            return HasilIsi(galat=[("bukti", m) for m in e.messages])
    with transaction.atomic():
        out, obj = _simpan_dengan_bukti(
            pd=pd, indikator=indikator, tahun=tahun, triwulan=triwulan, data=data,
            berkas=berkas, user=user, alasan=alasan, abaikan_periode=abaikan_periode,
            kunci_diajukan=kunci_diajukan, realisasi=realisasi, versi_dasar=versi_dasar)
    if not out.ok:
        return out
    sebab: list[str] = []
    if ajukan and obj is not None:
        obj.indikator = indikator
        ok, ditolak = realisasi_submit(pd=pd, realisasi=[obj], user=user,
                                       abaikan_periode=abaikan_periode)
        out.diajukan = bool(ok)
        sebab = [pesan for _r, pesan in ditolak]
    out.pesan = _pesan_isi(out, ajukan=ajukan, ditolak=sebab)
    return out
