"""Realisasi writes of the staff page, the staff spreadsheet and the Buku Kerja (issue 4).

One function, :func:`realisasi_simpan_massal`, writes realisasi for all three: a form entry is a
batch of one, a spreadsheet upload a batch of thousands. It applies the same rules as
``kinerja.services.realisasi_simpan`` (its ``_validasi_nilai`` is called for every value, plus
the rules of :func:`validasi_realisasi`), prefetches what it needs in a fixed number of queries,
validates everything in memory, and only then writes with ``bulk_create``/``bulk_update`` and
one ``JejakAudit`` row per changed field (design.md: who, when, old → new, why). A batch with
any galat writes nothing (design.md: bad input never half-lands).

Unchanged values are not written: no audit row, status kept — so an exported Buku Kerja or a
downloaded staff spreadsheet uploaded back unchanged changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.utils import timezone

from kinerja import rumus
from kinerja.models import (
    BuktiDukung,
    PeriodeInput,
    Realisasi,
)
from kinerja.realisasi.bukti import periksa_berkas
from renstra.models import Indikator, JenisNilai, Renstra
from sakip import audit
from sakip.lib.angka import bulatkan, format_persen
from sakip.lib.periode import romawi
from sakip.models import JejakAudit, PerangkatDaerah

REALISASI_FIELDS = ["nilai", "nilai_teks", "pembilang", "penyebut", "catatan",
                    "faktor_pendukung", "faktor_penghambat", "upaya", "sumber_data"]

def _simpan(obj):
    obj.full_clean()
    obj.save()
    return obj


# --- Realisasi -------------------------------------------------------------------------------

def periode_terbuka(perangkat_daerah, tahun: int, triwulan: int) -> bool:
    return PeriodeInput.objects.filter(
        perangkat_daerah=perangkat_daerah, tahun=tahun, triwulan=triwulan, dibuka=True
    ).exists()


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
    _simpan(obj)
    if lama != dibuka:
        audit.catat(user=user, obj=obj, aksi="status", field="dibuka", lama=lama, baru=dibuka,
                    perangkat_daerah=perangkat_daerah)
    return obj


# Realisasi values are stored at the column's precision (Realisasi.nilai: 4 decimals).
NILAI_DESIMAL = Realisasi._meta.get_field("nilai").decimal_places


def nilai_rasio(pembilang, penyebut, nilai=None):
    """The quarter's value of a ratio indicator, derived and never typed twice (§2.4).

    Stored rounded to the column's precision; annual figures are recomputed from the
    pembilang/penyebut sums by ``nilai_indikator``, never from this quotient (§9 item 12).
    """
    if pembilang is not None and penyebut:
        return bulatkan(rumus.agregasi_rasio([pembilang], [penyebut], "LAST"), NILAI_DESIMAL)
    return nilai


def _validasi_nilai(indikator: Indikator, data: dict) -> None:
    errors = {}
    pembilang, penyebut = data.get("pembilang"), data.get("penyebut")
    if (pembilang is None) != (penyebut is None):
        errors["penyebut"] = "Pembilang dan penyebut harus diisi keduanya atau dikosongkan."
    if penyebut is not None and penyebut <= 0:
        errors["penyebut"] = "Penyebut harus lebih besar dari nol."
    nilai = data.get("nilai")
    if nilai is not None and indikator.satuan.strip() == "%" and not (
        Decimal(-1000) <= nilai <= Decimal(1000)
    ):
        errors["nilai"] = "Nilai persen di luar kewajaran; isikan persen, bukan jumlah orang."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def realisasi_simpan(
    *, indikator: Indikator, tahun: int, triwulan: int, user=None, alasan: str = "",
    abaikan_periode: bool = False, pk_indikator=None, **data
) -> Realisasi:
    """Create or update a quarter's realisasi as draft (staff or perencana).

    Outside an open input period only a perencana may change values, with a written reason
    (design.md roles; issue "input periods"): callers pass ``abaikan_periode`` and ``alasan``.
    """
    pd = indikator.renstra.perangkat_daerah
    if not abaikan_periode and not periode_terbuka(pd, tahun, triwulan):
        raise ValidationError(
            f"Periode input {tahun} triwulan {triwulan} belum dibuka atau sudah ditutup."
        )
    if abaikan_periode and not alasan.strip():
        raise ValidationError({"alasan": "Perubahan di luar periode input wajib disertai alasan."})
    unknown = set(data) - set(REALISASI_FIELDS)
    if unknown:
        raise TypeError(f"kolom tidak dikenal: {sorted(unknown)}")
    _validasi_nilai(indikator, data)
    obj = Realisasi.objects.select_for_update().filter(
        indikator=indikator, tahun=tahun, triwulan=triwulan
    ).first()
    if obj is not None and obj.terkunci and not abaikan_periode:
        raise ValidationError("Realisasi yang sudah diverifikasi terkunci.")
    sebelum = None if obj is None else {f: getattr(obj, f) for f in REALISASI_FIELDS}
    if obj is None:
        obj = Realisasi(indikator=indikator, tahun=tahun, triwulan=triwulan)
    for name, value in data.items():
        setattr(obj, name, value if value is not None or name in (
            "nilai", "pembilang", "penyebut") else "")
    obj.nilai = nilai_rasio(obj.pembilang, obj.penyebut, obj.nilai)
    if pk_indikator is not None:
        obj.pk_indikator = pk_indikator
    obj.entered_by = user
    obj.entered_at = timezone.now()
    if obj.status in (Realisasi.Status.DIVERIFIKASI, Realisasi.Status.DIKEMBALIKAN) and sebelum:
        obj.status = Realisasi.Status.DRAFT
    _simpan(obj)
    audit.catat_perubahan(user=user, obj=obj, sebelum=sebelum, fields=REALISASI_FIELDS,
                          perangkat_daerah=pd, alasan=alasan)
    return obj


def _ubah_status(obj: Realisasi, status: str, user, alasan: str = "") -> None:
    lama = obj.status
    obj.status = status
    obj.save(update_fields=["status", "submitted_at", "verified_by", "verified_at",
                            "komentar_verifikasi", "updated_at"])
    audit.catat(user=user, obj=obj, aksi="status", field="status", lama=lama, baru=status,
                alasan=alasan, perangkat_daerah=obj.indikator.renstra.perangkat_daerah)


@transaction.atomic
def realisasi_submit(*, realisasi: Realisasi, user) -> Realisasi:
    """Send a draft (or a returned value) for verification."""
    obj = Realisasi.objects.select_for_update().select_related(
        "indikator__renstra__perangkat_daerah").get(pk=realisasi.pk)
    if obj.status not in (Realisasi.Status.DRAFT, Realisasi.Status.DIKEMBALIKAN):
        raise ValidationError(
            "Hanya realisasi berstatus draf atau dikembalikan yang dapat diajukan."
        )
    if obj.nilai is None and not obj.nilai_teks:
        raise ValidationError({"nilai": "Realisasi belum diisi."})
    obj.submitted_at = timezone.now()
    _ubah_status(obj, Realisasi.Status.DIAJUKAN, user)
    return obj


@transaction.atomic
def realisasi_verifikasi(*, realisasi: Realisasi, user, setuju: bool, komentar: str = ""):
    """Perencana approves (locks) or returns a submitted value with a comment."""
    obj = Realisasi.objects.select_for_update().select_related(
        "indikator__renstra__perangkat_daerah").get(pk=realisasi.pk)
    if obj.status != Realisasi.Status.DIAJUKAN:
        raise ValidationError("Hanya realisasi yang diajukan yang dapat diverifikasi.")
    if not setuju and not komentar.strip():
        raise ValidationError({"komentar": "Tuliskan alasan pengembalian untuk staf bidang."})
    obj.komentar_verifikasi = komentar
    if setuju:
        obj.verified_by = user
        obj.verified_at = timezone.now()
        _ubah_status(obj, Realisasi.Status.DIVERIFIKASI, user, komentar)
    else:
        _ubah_status(obj, Realisasi.Status.DIKEMBALIKAN, user, komentar)
    return obj


FIELD_ANGKA = ("nilai", "pembilang", "penyebut")
FIELD_NILAI = ("nilai", "nilai_teks", "pembilang", "penyebut")
LABEL_FIELD = {
    "nilai": "realisasi", "nilai_teks": "predikat", "pembilang": "pembilang",
    "penyebut": "penyebut", "catatan": "catatan", "faktor_pendukung": "faktor pendukung",
    "faktor_penghambat": "faktor penghambat", "upaya": "upaya", "sumber_data": "sumber data",
}
# Realisasi.nilai is DecimalField(max_digits=20, decimal_places=4).
_MAKS_DESIMAL = NILAI_DESIMAL
_MAKS_NILAI = Decimal(10) ** 16


# --- validation: one function for the form, the staff spreadsheet and the Buku Kerja ---------

def _kunci_predikat(teks: str) -> str:
    return " ".join(str(teks).upper().split())


def validasi_realisasi(indikator: Indikator, data: dict, *, wajib_rasio: bool = False) -> None:
    """Raise ``ValidationError`` (per field) when ``data`` is not a valid realisasi.

    ``data`` holds the values after the change (REALISASI_FIELDS). Rules: those of
    ``realisasi_simpan`` (pembilang and penyebut together, penyebut > 0, a % unit is not a
    count), the kind of value the indicator is defined with (angka, rasio, predikat,
    angka + predikat, domain.md §2.3–§2.4) and the precision the database keeps.
    """
    errors: dict[str, list[str]] = {}
    try:
        _validasi_nilai(indikator, data)
    except ValidationError as e:
        for k, v in e.message_dict.items():
            errors.setdefault(k, []).extend(v)
    for name in FIELD_ANGKA:
        v = data.get(name)
        if v is None:
            continue
        if abs(v) >= _MAKS_NILAI:
            errors.setdefault(name, []).append("Angka terlalu besar.")
        elif v.as_tuple().exponent < -_MAKS_DESIMAL and v != v.quantize(Decimal("0.0001")):
            errors.setdefault(name, []).append(
                f"Paling banyak {_MAKS_DESIMAL} angka di belakang koma."
            )
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
    if errors:
        raise ValidationError(errors)


def _nilai_turunan(data: dict) -> None:
    if data.get("pembilang") is not None and data.get("penyebut"):
        data["nilai"] = nilai_rasio(data["pembilang"], data["penyebut"])


def _kosong(data: dict) -> bool:
    return all(data.get(f) in (None, "") for f in REALISASI_FIELDS)


def alasan_ubah(*, status: str | None, periode_buka: bool, abaikan_periode: bool,
                kunci_diajukan: bool, tahun: int, triwulan: int) -> str | None:
    """Why a realisasi may not be changed now (None when it may); one rule for values and
    evidence. Outside an open period, or once verified, only the perencana path
    (``abaikan_periode`` with a written reason) may change it (§9 item 16)."""
    if abaikan_periode:
        return None
    if not periode_buka:
        return (f"Periode input {tahun} triwulan {romawi(triwulan)} belum dibuka atau sudah "
                "ditutup.")
    if status == Realisasi.Status.DIVERIFIKASI:
        return "Realisasi ini sudah diverifikasi dan terkunci."
    if kunci_diajukan and status == Realisasi.Status.DIAJUKAN:
        return ("Realisasi ini sedang menunggu verifikasi perencana; minta dikembalikan bila "
                "perlu diubah.")
    return None


# --- the batch ---------------------------------------------------------------------------------

@dataclass
class Entri:
    """One quarter's values of one indicator, with where they came from (for messages)."""

    indikator: Indikator
    triwulan: int
    data: dict
    baris: int = 0
    kolom: str = ""


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


def realisasi_simpan_massal(
    *, pd: PerangkatDaerah, tahun: int, entri: list[Entri], user=None, alasan: str = "",
    abaikan_periode: bool = False, status_baru: str = Realisasi.Status.DRAFT,
    simpan: bool = True, wajib_rasio: bool = False, kunci_diajukan: bool = False,
) -> HasilMassal:
    """Validate and (when ``simpan`` and valid) write a batch of realisasi of one year.

    ``entri[i].data`` holds only the fields the source gives; absent fields keep their value.
    Changed values get ``status_baru`` (draft for staff entries; the Buku Kerja uses diajukan,
    to be verified) — a verified value changed by the perencana path loses its verification.
    ``abaikan_periode`` is the perencana path outside an open period and needs ``alasan``.
    ``kunci_diajukan``: staff may not change a value waiting for verification.

    Queries: renstra ids (1), open periods (1), nilai_indikator (4) — then, when writing,
    batched inserts/updates and audit rows.
    """
    from kinerja.selectors import nilai_indikator

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
    nilai = nilai_indikator(milik, [tahun], perangkat_daerah=pd)
    dilihat: set[tuple[int, int]] = set()
    for e in entri:
        ind = e.indikator
        key = (ind.pk, e.triwulan)
        if ind.renstra_id not in renstra_ids:
            hasil.galat.append(GalatEntri(e, "", f"Indikator '{ind.uraian}' bukan milik "
                                                 f"{pd.nama}."))
            continue
        if e.triwulan not in (1, 2, 3, 4):
            hasil.galat.append(GalatEntri(e, "", "Triwulan harus I sampai IV."))
            continue
        if key in dilihat:
            hasil.galat.append(GalatEntri(
                e, "", f"Indikator '{ind.uraian}' triwulan {romawi(e.triwulan)} muncul lebih "
                       "dari sekali."))
            continue
        dilihat.add(key)
        n = nilai[(ind.pk, tahun)]
        obj = n.realisasi_obj_tw[e.triwulan - 1]
        lama = None if obj is None else {f: getattr(obj, f) for f in REALISASI_FIELDS}
        baru = dict(lama) if lama else dict.fromkeys(REALISASI_FIELDS)
        for name, value in e.data.items():
            if name not in REALISASI_FIELDS:
                raise TypeError(f"kolom tidak dikenal: {name}")
            if value is None and name not in FIELD_ANGKA:
                value = ""
            baru[name] = value.strip() if isinstance(value, str) else value
        for name in REALISASI_FIELDS:
            if baru[name] is None and name not in FIELD_ANGKA:
                baru[name] = ""
        _nilai_turunan(baru)
        if lama is None:
            if _kosong(baru):
                continue
            fields = [f for f in REALISASI_FIELDS if baru[f] not in (None, "")]
        else:
            fields = [f for f in REALISASI_FIELDS
                      if audit.teks_nilai(lama[f]) != audit.teks_nilai(baru[f])]
        if not fields:
            hasil.tetap += 1
            continue
        sebab = alasan_ubah(
            status=obj.status if obj else None, periode_buka=e.triwulan in terbuka,
            abaikan_periode=abaikan_periode, kunci_diajukan=kunci_diajukan, tahun=tahun,
            triwulan=e.triwulan,
        )
        if sebab:
            hasil.galat.append(GalatEntri(e, "", sebab))
            continue
        try:
            validasi_realisasi(ind, baru, wajib_rasio=wajib_rasio)
        except ValidationError as err:
            for name, msgs in err.message_dict.items():
                for m in msgs:
                    hasil.galat.append(GalatEntri(e, name, m))
            continue
        hasil.perubahan.append(Perubahan(e, lama, baru, fields, obj.status if obj else None))
    if hasil.galat or not simpan:
        for p in hasil.perubahan:
            if p.lama is None:
                hasil.dibuat += 1
            else:
                hasil.diubah += 1
        return hasil
    _tulis(hasil, nilai=nilai, pd=pd, tahun=tahun, user=user, alasan=alasan,
           status_baru=status_baru)
    return hasil


_KOLOM_JEJAK = ["waktu", "user", "perangkat_daerah", "aksi", "model", "object_id", "objek",
                "field", "nilai_lama", "nilai_baru", "alasan"]


def _sql_insert(model, fields: list[str], rows: list[list]) -> None:
    """INSERT many rows with one prepared statement (``executemany``).

    ``bulk_create``/``bulk_update`` spend most of a 10,000-row upload building per-field SQL
    (bulk_update's CASE WHEN is quadratic-ish on SQLite: ~9 s for one column of 10,000 rows here);
    values are adapted by the fields themselves (``get_db_prep_save``), so SQLite and PostgreSQL
    get what the ORM would send.
    """
    if not rows:
        return
    conn = connections[router.db_for_write(model)]
    fs = [model._meta.get_field(f) for f in fields]
    q = conn.ops.quote_name
    head = f"INSERT INTO {q(model._meta.db_table)} ({', '.join(q(f.column) for f in fs)}) VALUES "
    satu = f"({', '.join(['%s'] * len(fs))})"
    rows = _adaptasi(conn, fs, rows)
    with conn.cursor() as cur:
        if conn.vendor == "sqlite":
            # In-process: executemany of one prepared statement is the fastest path.
            cur.executemany(head + satu, rows)
            return
        # Over the network executemany is one round trip per row; send many rows per statement.
        per = max(1, (conn.features.max_query_params or 20000) // len(fs))
        per = min(per, 1000)
        for i in range(0, len(rows), per):
            chunk = rows[i:i + per]
            cur.execute(head + ", ".join([satu] * len(chunk)), [v for r in chunk for v in r])


def _sql_update(model, fields: list[str], rows: list[list]) -> None:
    """UPDATE … WHERE id = %s for many rows (last value of each row is the id)."""
    if not rows:
        return
    conn = connections[router.db_for_write(model)]
    fs = [model._meta.get_field(f) for f in fields]
    q = conn.ops.quote_name
    sql = (f"UPDATE {q(model._meta.db_table)} SET "
           f"{', '.join(f'{q(f.column)} = %s' for f in fs)} WHERE {q('id')} = %s")
    with conn.cursor() as cur:
        cur.executemany(sql, _adaptasi(conn, [*fs, None], rows))


def _adaptasi(conn, fs, rows):
    perlu = [i for i, f in enumerate(fs) if f is not None and f.get_internal_type() in (
        "DecimalField", "DateTimeField", "DateField")]
    if not perlu:
        return rows
    out = []
    for row in rows:
        row = list(row)
        for i in perlu:
            if row[i] is not None:
                row[i] = fs[i].get_db_prep_save(row[i], conn)
        out.append(row)
    return out


def _jejak_row(now, user, pd, aksi, obj_id, objek, field_name, lama, baru, alasan) -> list:
    return [now, user.pk if user is not None else None, pd.pk, aksi, "kinerja.realisasi",
            str(obj_id), objek[:300], field_name, audit.teks_nilai(lama),
            audit.teks_nilai(baru), alasan]


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
            ubah_list.append((obj, p))
        hasil.objek[(ind.pk, p.entri.triwulan)] = obj
    _sql_insert(Realisasi, kolom, [[getattr(o, k) for k in kolom] for o in baru_list])
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
            "verified_at", "submitted_at"})
        _sql_update(Realisasi, ubah, [[getattr(o, k) for k in ubah] + [o.pk]
                                      for o, _p in ubah_list])
    jejak: list[list] = []
    objek = {}
    for obj in (*baru_list, *(o for o, _p in ubah_list)):
        objek[obj.pk] = f"{obj.indikator.uraian} {tahun} TW {obj.triwulan}"
    for obj in baru_list:
        for f in REALISASI_FIELDS:
            v = getattr(obj, f)
            if v not in (None, ""):
                jejak.append(_jejak_row(now, pengguna, pd, JejakAudit.Aksi.BUAT, obj.pk,
                                        objek[obj.pk], f, None, v, alasan))
        if status_baru != Realisasi.Status.DRAFT:
            jejak.append(_jejak_row(now, pengguna, pd, JejakAudit.Aksi.STATUS, obj.pk,
                                    objek[obj.pk], "status", None, status_baru, alasan))
    for obj, p in ubah_list:
        for f in p.fields:
            jejak.append(_jejak_row(now, pengguna, pd, JejakAudit.Aksi.UBAH, obj.pk,
                                    objek[obj.pk], f, p.lama[f], p.baru[f], alasan))
        if p.status_lama != obj.status:
            jejak.append(_jejak_row(now, pengguna, pd, JejakAudit.Aksi.STATUS, obj.pk,
                                    objek[obj.pk], "status", p.status_lama, obj.status, alasan))
    _sql_insert(JejakAudit, _KOLOM_JEJAK, jejak)
    hasil.dibuat = len(baru_list)
    hasil.diubah = len(ubah_list)


# --- submit for verification ------------------------------------------------------------------

def realisasi_ajukan_massal(
    *, pd: PerangkatDaerah, realisasi: list[Realisasi], user, abaikan_periode: bool = False,
) -> tuple[list[Realisasi], list[tuple[Realisasi, str]]]:
    """Submit values for verification; returns (submitted, [(refused, why)]).

    Each value is judged on its own (a status change, not an import): it must be a draft or a
    returned value, hold a value, be in an open period (unless the perencana path), and a value
    whose capaian falls in the lowest band of the office's scale needs faktor penghambat and
    upaya written first (issue item 2; LKjIP analysis 5 asks for causes and solutions).
    """
    from kinerja.realisasi.selectors import perlu_penjelasan, sampai
    from kinerja.selectors import nilai_indikator

    diajukan, ditolak = [], []
    if not realisasi:
        return diajukan, ditolak
    tahun_set = {r.tahun for r in realisasi}
    terbuka = set(
        PeriodeInput.objects.filter(perangkat_daerah=pd, tahun__in=tahun_set, dibuka=True)
        .values_list("tahun", "triwulan")
    )
    inds = {r.indikator_id: r.indikator for r in realisasi}
    nilai = nilai_indikator(list(inds.values()), sorted(tahun_set), perangkat_daerah=pd)
    for r in realisasi:
        label = f"{r.indikator.uraian} TW {romawi(r.triwulan)}"
        if r.status not in (Realisasi.Status.DRAFT, Realisasi.Status.DIKEMBALIKAN):
            ditolak.append((r, f"{label}: hanya draf atau yang dikembalikan yang dapat "
                               "diajukan."))
            continue
        if r.nilai is None and not r.nilai_teks:
            ditolak.append((r, f"{label}: realisasi belum diisi."))
            continue
        if not abaikan_periode and (r.tahun, r.triwulan) not in terbuka:
            ditolak.append((r, f"{label}: periode input {r.tahun} triwulan "
                               f"{romawi(r.triwulan)} belum dibuka atau sudah ditutup."))
            continue
        n_sd = sampai(nilai[(r.indikator_id, r.tahun)], r.triwulan, pd)
        c = perlu_penjelasan(n_sd, r.triwulan, pd)
        if c is not None and not (r.faktor_penghambat.strip() and r.upaya.strip()):
            kat = rumus.kategori(c, pd.skala_kategori)
            ditolak.append((r, (
                f"{label}: capaian {format_persen(c)} termasuk kategori terendah "
                f"({kat.label}); tuliskan faktor penghambat dan upaya tindak lanjut sebelum "
                "mengajukan.")))
            continue
        diajukan.append(realisasi_submit(realisasi=r, user=user))
    return diajukan, ditolak


# --- evidence ---------------------------------------------------------------------------------

@transaction.atomic
def bukti_tambah(*, realisasi: Realisasi, berkas, user, pd: PerangkatDaerah,
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
def bukti_hapus(*, bukti: BuktiDukung, user, pd: PerangkatDaerah, alasan: str = "") -> None:
    realisasi = bukti.realisasi
    nama = bukti.nama_asli
    storage, path = bukti.file.storage, bukti.file.name
    bukti.delete()
    audit.catat(user=user, obj=realisasi, aksi=JejakAudit.Aksi.HAPUS, field="bukti_dukung",
                lama=nama, perangkat_daerah=pd, alasan=alasan)
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: storage.delete(path) if path else None)
