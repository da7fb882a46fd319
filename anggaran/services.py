"""Budget writes (style.md §6): one batch path, ``anggaran_save``, for the node forms, the Buku
Kerja sheet Anggaran, the SIPD import and the demo; a single line is a batch of one.

Rules (domain.md §8.3, §3 rule 4, §9 item 13) are checked on the state the whole batch leaves
behind, not row by row: a workbook that moves spending from TW II to TW I must not be refused
halfway because of the order of its rows, and a workbook with one realisasi above its pagu is
refused whole, naming the row (design.md: nothing half-lands). NULL is not 0: an owner without
any pagu has no ceiling to exceed.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from anggaran.models import Pagu, RealisasiAnggaran, Tahap, peringkat_tahap
from renstra.models import Kegiatan, Program, SubKegiatan
from sakip import audit
from sakip.lib.angka import format_rupiah, salah_uang
from sakip.lib.periode import nama_bulan, romawi
from sakip.models import JejakAudit
from sakip.versi import kunci, versi_cek_baris

_LEVELS = ("program", "kegiatan", "subkegiatan")
_MODEL_PEMILIK = {"program": Program, "kegiatan": Kegiatan, "subkegiatan": SubKegiatan}


@dataclass
class EntriPagu:
    pemilik: object
    tahap: str
    nilai: Decimal
    urutan_tahap: int = 0
    tanggal_dokumen: datetime.date | None = None  # None: keep the stored date
    nomor_dokumen: str | None = None  # None: keep the stored number
    baris: int = 0
    kolom: str = ""
    # The row_version the user's form showed (sakip.versi; VERSI_BARU = no line then); None for
    # sources without one (imports), which still never lose a concurrent update.
    versi_dasar: int | None = None


@dataclass
class EntriRealisasiAnggaran:
    pemilik: object
    triwulan: int
    nilai: Decimal
    bulan: int | None = None
    sumber: str = ""
    baris: int = 0
    kolom: str = ""
    versi_dasar: int | None = None  # as EntriPagu.versi_dasar


@dataclass
class GalatAnggaran:
    entri: object
    pesan: str


@dataclass
class HasilAnggaran:
    dibuat: int = 0
    diubah: int = 0
    tetap: int = 0
    galat: list[GalatAnggaran] = field(default_factory=list)
    perubahan: list[tuple[object, Decimal | None, Decimal]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.galat

    def check(self) -> "HasilAnggaran":
        """Raise the refusals as one ``ValidationError`` (for callers without a form)."""
        if self.galat:
            raise ValidationError([g.pesan for g in self.galat])
        return self


def _level(pemilik) -> str:
    level = pemilik._meta.model_name
    if level not in _LEVELS:
        raise ValidationError("Anggaran hanya untuk program, kegiatan atau sub kegiatan.")
    return level


def _pd(pemilik):
    level = _level(pemilik)
    if level == "program":
        return pemilik.renstra.perangkat_daerah
    if level == "kegiatan":
        return pemilik.program.renstra.perangkat_daerah
    return pemilik.kegiatan.program.renstra.perangkat_daerah


def _kunci(pemilik) -> tuple[str, int]:
    return (_level(pemilik), pemilik.pk)


def _label_periode(triwulan: int, bulan: int | None) -> str:
    return nama_bulan(bulan) if bulan else f"TW {romawi(triwulan)}"


@dataclass
class _Keadaan:
    """The stored lines of the batch's owners (``*_db``) and the values the batch would leave
    (``*_akhir``), per owner key."""

    pagu_db: dict[tuple, dict[tuple, Pagu]]
    real_db: dict[tuple, dict[tuple, RealisasiAnggaran]]
    pagu_akhir: dict[tuple, dict[tuple, Decimal]]
    real_akhir: dict[tuple, dict[tuple, Decimal]]
    terakhir: dict[tuple, object] = field(default_factory=dict)  # owner → entry to blame
    dilihat: set = field(default_factory=set)


def _muat(tahun: int, entri: list, *, kunci_pemilik: bool = False) -> _Keadaan:
    """The stored pagu and realisasi of every owner in the batch (2 queries per level).

    ``kunci_pemilik`` (a batch that will write) locks the owners first: two saves of the same
    owner then run one after the other, so neither overwrites the other unseen and two that
    create the same new line make one line (the second sees the first's row), never a 500."""
    owners = {_kunci(e.pemilik) for e in entri}
    pagu_db: dict[tuple, dict[tuple, Pagu]] = {k: {} for k in owners}
    real_db: dict[tuple, dict[tuple, RealisasiAnggaran]] = {k: {} for k in owners}
    for lv in _LEVELS:
        ids = [k[1] for k in owners if k[0] == lv]
        if not ids:
            continue
        if kunci_pemilik:
            kunci(_MODEL_PEMILIK[lv], ids)
        for p in Pagu.objects.filter(**{f"{lv}_id__in": ids}, tahun=tahun):
            pagu_db[(lv, getattr(p, f"{lv}_id"))][(p.tahap, p.urutan_tahap)] = p
        for r in RealisasiAnggaran.objects.filter(**{f"{lv}_id__in": ids}, tahun=tahun):
            real_db[(lv, getattr(r, f"{lv}_id"))][(r.triwulan, r.bulan)] = r
    return _Keadaan(
        pagu_db=pagu_db, real_db=real_db,
        pagu_akhir={k: {t: p.nilai for t, p in v.items()} for k, v in pagu_db.items()},
        real_akhir={k: {t: r.nilai for t, r in v.items()} for k, v in real_db.items()},
    )


def _salah_pagu(e: EntriPagu, keadaan: _Keadaan) -> str | None:
    if e.tahap not in Tahap.values:
        return "Tahap harus murni, pergeseran atau perubahan."
    if e.nilai is None:
        return "Pagu harus angka ≥ 0."
    if salah := salah_uang(e.nilai, label="Pagu"):
        return salah
    if ("pagu", _kunci(e.pemilik), e.tahap, e.urutan_tahap) in keadaan.dilihat:
        return f"Pagu {e.pemilik.kode} tahap {e.tahap} muncul lebih dari sekali."
    return None


def _periksa_pagu(pagu: list[EntriPagu], keadaan: _Keadaan, hasil: HasilAnggaran) -> None:
    for e in pagu:
        pesan = _salah_pagu(e, keadaan)
        if pesan:
            hasil.galat.append(GalatAnggaran(e, pesan))
            continue
        k = _kunci(e.pemilik)
        keadaan.dilihat.add(("pagu", k, e.tahap, e.urutan_tahap))
        keadaan.pagu_akhir[k][(e.tahap, e.urutan_tahap)] = e.nilai
        keadaan.terakhir.setdefault(k, e)


def _salah_realisasi(e: EntriRealisasiAnggaran, keadaan: _Keadaan) -> str | None:
    if e.triwulan not in (1, 2, 3, 4):
        return "Triwulan harus I sampai IV."
    if e.bulan is not None and not (3 * e.triwulan - 2 <= e.bulan <= 3 * e.triwulan):
        return f"Bulan {e.bulan} bukan bagian triwulan {romawi(e.triwulan)}."
    if e.nilai is None:
        return "Realisasi anggaran harus angka ≥ 0."
    if salah := salah_uang(e.nilai, label="Realisasi anggaran"):
        return salah
    if ("real", _kunci(e.pemilik), e.triwulan, e.bulan) in keadaan.dilihat:
        return (f"Realisasi {e.pemilik.kode} {_label_periode(e.triwulan, e.bulan)} muncul "
                "lebih dari sekali.")
    return None


def _periksa_realisasi(realisasi: list[EntriRealisasiAnggaran], keadaan: _Keadaan,
                       hasil: HasilAnggaran) -> None:
    for e in realisasi:
        pesan = _salah_realisasi(e, keadaan)
        if pesan:
            hasil.galat.append(GalatAnggaran(e, pesan))
            continue
        k = _kunci(e.pemilik)
        keadaan.dilihat.add(("real", k, e.triwulan, e.bulan))
        keadaan.real_akhir[k][(e.triwulan, e.bulan)] = e.nilai
        keadaan.terakhir[k] = e


def _periksa_bulan_atau_triwulan(realisasi: list[EntriRealisasiAnggaran], keadaan: _Keadaan,
                                 hasil: HasilAnggaran) -> None:
    # Month and quarter figures of the same quarter would be counted twice.
    for e in realisasi:
        keys = [t for t in keadaan.real_akhir[_kunci(e.pemilik)] if t[0] == e.triwulan]
        if any(b is None for _t, b in keys) and any(b is not None for _t, b in keys):
            hasil.galat.append(GalatAnggaran(
                e, f"Realisasi {e.pemilik.kode} TW {romawi(e.triwulan)} sudah tercatat "
                   f"{'per bulan' if e.bulan is None else 'per triwulan'}; isi per triwulan "
                   "atau per bulan, jangan keduanya."))


def _periksa_versi(pagu: list[EntriPagu], realisasi: list[EntriRealisasiAnggaran],
                   keadaan: _Keadaan, hasil: HasilAnggaran) -> None:
    # A line changed since the user's form was drawn refuses the batch (no lost update).
    for e in pagu:
        obj = keadaan.pagu_db[_kunci(e.pemilik)].get((e.tahap, e.urutan_tahap))
        try:
            versi_cek_baris(Pagu, obj, e.versi_dasar)
        except ValidationError as err:
            hasil.galat.append(GalatAnggaran(e, err.messages[0]))
    for e in realisasi:
        obj = keadaan.real_db[_kunci(e.pemilik)].get((e.triwulan, e.bulan))
        try:
            versi_cek_baris(RealisasiAnggaran, obj, e.versi_dasar)
        except ValidationError as err:
            hasil.galat.append(GalatAnggaran(e, err.messages[0]))


def _periksa_pagu_efektif(tahun: int, keadaan: _Keadaan, hasil: HasilAnggaran) -> None:
    # Realisasi of the year ≤ pagu efektif, the latest tahap (domain.md §8.3).
    for k, e in keadaan.terakhir.items():
        stages = keadaan.pagu_akhir[k]
        if not stages:
            continue
        efektif = stages[max(stages, key=lambda t: peringkat_tahap(*t))]
        total = sum(keadaan.real_akhir[k].values(), Decimal(0))
        if total > efektif:
            hasil.galat.append(GalatAnggaran(
                e, f"Realisasi {e.pemilik.kode} {e.pemilik.nama} tahun {tahun} menjadi "
                   f"{format_rupiah(total)}, melebihi pagu {format_rupiah(efektif)}."))


@dataclass
class _Penulis:
    """Writes the accepted lines and gathers their audit rows (written at once at the end)."""

    tahun: int
    hasil: HasilAnggaran
    simpan: bool
    user: object
    alasan: str
    pd: object
    jejak: list[audit.Jejak] = field(default_factory=list)
    _pd_cache: dict = field(default_factory=dict)

    def _hitung(self, e, obj, lama) -> bool:
        self.hasil.perubahan.append((e, lama, e.nilai))
        if obj is None:
            self.hasil.dibuat += 1
        else:
            self.hasil.diubah += 1
        return self.simpan

    def _catat(self, obj, sebelum: dict | None, fields: list[str], pemilik) -> None:
        # Who, when, old → new, why for every changed budget value (design.md).
        pd = self.pd
        if pd is None:
            k = _kunci(pemilik)
            if k not in self._pd_cache:
                self._pd_cache[k] = _pd(pemilik)
            pd = self._pd_cache[k]
        for name in fields:
            baru = getattr(obj, name)
            if sebelum is None:
                if baru in (None, ""):
                    continue
                aksi, lama = JejakAudit.Aksi.BUAT, None
            else:
                lama = sebelum.get(name)
                if audit.teks_nilai(lama) == audit.teks_nilai(baru):
                    continue
                aksi = JejakAudit.Aksi.UBAH
            self.jejak.append(audit.Jejak(aksi=aksi, user=self.user, obj=obj, perangkat_daerah=pd,
                                          field=name, lama=lama, baru=baru, alasan=self.alasan))

    def pagu(self, e: EntriPagu, obj: Pagu | None) -> None:
        berubah = obj is None or obj.nilai != e.nilai or (
            e.tanggal_dokumen is not None and obj.tanggal_dokumen != e.tanggal_dokumen
        ) or (e.nomor_dokumen is not None and obj.nomor_dokumen != e.nomor_dokumen)
        if not berubah:
            self.hasil.tetap += 1
            return
        if not self._hitung(e, obj, None if obj is None else obj.nilai):
            return
        sebelum = None if obj is None else {"nilai": obj.nilai,
                                             "tanggal_dokumen": obj.tanggal_dokumen}
        if obj is None:
            obj = Pagu(**{_level(e.pemilik): e.pemilik}, tahun=self.tahun, tahap=e.tahap,
                       urutan_tahap=e.urutan_tahap)
        else:
            obj.row_version += 1
        obj.nilai = e.nilai
        if e.tanggal_dokumen is not None:
            obj.tanggal_dokumen = e.tanggal_dokumen
        if e.nomor_dokumen is not None:
            obj.nomor_dokumen = e.nomor_dokumen
        obj.full_clean()
        obj.save()
        self._catat(obj, sebelum, ["nilai", "tanggal_dokumen"], e.pemilik)

    def realisasi(self, e: EntriRealisasiAnggaran, obj: RealisasiAnggaran | None) -> None:
        if obj is not None and obj.nilai == e.nilai:
            self.hasil.tetap += 1
            return
        if not self._hitung(e, obj, None if obj is None else obj.nilai):
            return
        sebelum = None if obj is None else {"nilai": obj.nilai}
        if obj is None:
            obj = RealisasiAnggaran(**{_level(e.pemilik): e.pemilik}, tahun=self.tahun,
                                    triwulan=e.triwulan, bulan=e.bulan)
        else:
            obj.row_version += 1
        obj.nilai = e.nilai
        if e.sumber:
            obj.sumber = e.sumber
        obj.diubah_oleh = self.user if getattr(self.user, "is_authenticated", False) else None
        obj.full_clean()
        obj.save()
        self._catat(obj, sebelum, ["nilai"], e.pemilik)


@transaction.atomic
def anggaran_save(
    *, tahun: int, pagu: list[EntriPagu] | None = None,
    realisasi: list[EntriRealisasiAnggaran] | None = None, user=None, alasan: str = "",
    simpan: bool = True, pd=None,
) -> HasilAnggaran:
    """Validate a batch of pagu and realisasi anggaran lines of one year, then (when valid and
    ``simpan``) write them with their audit rows. Nothing is written when any line is refused.

    Rules: a value is ≥ 0; a quarter is recorded either as one quarterly figure or as months,
    never both (they would be counted twice); each owner's realisasi for the year may not exceed
    its pagu efektif after the batch (latest tahap: murni < pergeseran-n < perubahan).
    """
    pagu = list(pagu or [])
    realisasi = list(realisasi or [])
    hasil = HasilAnggaran()
    keadaan = _muat(tahun, [*pagu, *realisasi], kunci_pemilik=simpan)
    _periksa_versi(pagu, realisasi, keadaan, hasil)
    _periksa_pagu(pagu, keadaan, hasil)
    _periksa_realisasi(realisasi, keadaan, hasil)
    _periksa_bulan_atau_triwulan(realisasi, keadaan, hasil)
    _periksa_pagu_efektif(tahun, keadaan, hasil)
    if hasil.galat:
        return hasil
    tulis = _Penulis(tahun=tahun, hasil=hasil, simpan=simpan, user=user, alasan=alasan, pd=pd)
    for e in pagu:
        tulis.pagu(e, keadaan.pagu_db[_kunci(e.pemilik)].get((e.tahap, e.urutan_tahap)))
    for e in realisasi:
        tulis.realisasi(e, keadaan.real_db[_kunci(e.pemilik)].get((e.triwulan, e.bulan)))
    audit.catat_banyak(tulis.jejak)
    return hasil
