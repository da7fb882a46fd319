"""The structures of an LKjIP: everything the report says, as plain data.

:func:`laporan.builder.bangun_lkjip` fills them from the database; the warnings
(:mod:`laporan.peringatan`), the sentences (:mod:`laporan.kalimat`), the tables
(:mod:`laporan.tabel`), the charts (:mod:`laporan.grafik`) and every renderer read them. Nothing
here touches the database, so all of those can be exercised with hand-made objects.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from kinerja import rumus
from kinerja.selectors import capaian_rata_rata
from laporan.organisasi import StrukturOrganisasi
from sakip.lib.angka import format_angka, format_persen
from sakip.lib.periode import format_tanggal

ANALISIS = (
    "Perbandingan Target dan Realisasi Kinerja Tahun Ini",
    "Perbandingan Realisasi dan Capaian Kinerja dengan Tahun-Tahun Sebelumnya",
    "Perbandingan Realisasi Kinerja dengan Target Jangka Menengah Renstra",
    "Perbandingan Realisasi Kinerja dengan Standar Nasional/SPM",
    "Analisis Penyebab Keberhasilan/Kegagalan dan Solusinya",
    "Analisis Efisiensi Penggunaan Sumber Daya",
    "Analisis Program/Kegiatan Pendukung Keberhasilan Pencapaian Kinerja",
)
"""The seven analyses of BAB III A, in the order of PermenPAN-RB 53/2014 (domain.md §1.3)."""


@dataclass
class Peringatan:
    """A draft warning: what makes the report weak or wrong (shown in the draft, never in the
    final PDF; carried by the JSON as ``peringatan``)."""

    kode: str
    pesan: str


@dataclass
class Kelengkapan:
    """Something the report needs and nobody has supplied yet: the draft prints a visible
    "perlu dilengkapi" placeholder at ``kunci`` and lists it with where it is filled in
    (``tempat``: page name, ``url``: its address); penetapan is refused while any remains."""

    kunci: str
    apa: str
    tempat: str
    url: str = ""

    @property
    def pesan(self) -> str:
        return f"Perlu dilengkapi: {self.apa} (diisi pada {self.tempat})."


@dataclass
class Penjelasan:
    """Analysis 5 for one indicator below its target (or one PK program without indicators):
    the kendala and the rencana tindak lanjut as written, or the placeholders asking for them."""

    judul: str
    capaian: Decimal | None
    kendala: str
    tindak_lanjut: str
    kurang_kendala: Kelengkapan | None = None
    kurang_tindak_lanjut: Kelengkapan | None = None
    serapan: Decimal | None = None  # a program/kegiatan explained for its low serapan


@dataclass
class CapaianTerbitLaporan:
    """A capaian of an earlier year as published in that year's LKjIP (entered by the office),
    printed instead of the recomputed value; ``sumber`` is the document it was taken from."""

    tahun: int
    capaian: Decimal
    target: Decimal | None
    realisasi: Decimal | None
    sumber: str
    catatan: str


@dataclass
class KomponenLHE:
    kode: str
    nama: str
    bobot: Decimal
    nilai: Decimal


@dataclass
class RekomendasiLHE:
    nomor: int
    uraian: str
    status: str
    status_label: str
    tindak_lanjut: str


@dataclass
class HasilLHE:
    """The previous year's evaluation result (LHE) of the office, from the LKE module."""

    tahun: int
    nomor: str
    tanggal: datetime.date | None
    nilai: Decimal
    predikat: str
    komponen: list[KomponenLHE] = field(default_factory=list)
    rekomendasi: list[RekomendasiLHE] = field(default_factory=list)


@dataclass
class NilaiTahun:
    tahun: int
    target: Decimal | None
    target_teks: str
    realisasi: Decimal | None
    realisasi_teks: str
    capaian: Decimal | None
    kategori: rumus.Kategori | None
    terbit: CapaianTerbitLaporan | None = None
    ada: bool = True  # False: the indicator did not exist that year (no capaian is invented)


@dataclass
class CatatanRealisasi:
    triwulan: int
    catatan: str = ""
    faktor_pendukung: str = ""
    faktor_penghambat: str = ""
    upaya: str = ""
    sumber_data: str = ""


@dataclass
class IndikatorLaporan:
    id: int
    uraian: str
    satuan: str
    desimal: int
    polaritas: str
    agregasi: str
    agregasi_target_akhir: str
    is_iku: bool
    is_spm: bool
    aktif: bool
    definisi_operasional: str
    sumber_data: str
    baseline_tahun: int | None
    baseline_nilai: Decimal | None
    standar_nasional: Decimal | None
    standar_keterangan: str
    target: Decimal | None = None
    target_teks: str = ""
    target_tw: list[Decimal | None] = field(default_factory=lambda: [None] * 4)
    sumber_target: str = ""
    realisasi: Decimal | None = None
    realisasi_teks: str = ""
    realisasi_tw: list[Decimal | None] = field(default_factory=lambda: [None] * 4)
    capaian: Decimal | None = None
    kategori: rumus.Kategori | None = None
    tercapai: bool | None = None
    tahunan: list[NilaiTahun] = field(default_factory=list)
    target_per_tahun: dict[int, Decimal | None] = field(default_factory=dict)
    tahun_akhir: int | None = None
    target_akhir: Decimal | None = None
    realisasi_terhadap_akhir: Decimal | None = None
    capaian_terhadap_akhir: Decimal | None = None
    catatan: list[CatatanRealisasi] = field(default_factory=list)
    belum_verifikasi: list[int] = field(default_factory=list)
    dalam_pk: bool = False
    kendala: str = ""
    tindak_lanjut: str = ""
    terbit: dict[int, CapaianTerbitLaporan] = field(default_factory=dict)
    tahun_mulai: int | None = None

    @property
    def di_bawah_target(self) -> bool:
        return self.capaian is not None and self.capaian < 100

    @property
    def target_akhir_tercapai(self) -> bool:
        return self.capaian_terhadap_akhir is not None and self.capaian_terhadap_akhir >= 100

    def fmt(self, nilai: Decimal | None) -> str:
        """An indicator value in its own number of decimals (domain.md §8.1)."""
        return format_angka(nilai, self.desimal)

    @property
    def satuan_teks(self) -> str:
        return "" if self.satuan in ("", "%") else f" {self.satuan.lower()}"

    def dengan_satuan(self, nilai: Decimal | None) -> str:
        if nilai is None:
            return "belum tersedia"
        if self.satuan == "%":
            return format_persen(nilai, self.desimal)
        return f"{self.fmt(nilai)}{self.satuan_teks}"

    def nilai_tren(self, tahun: int, tahun_ini: int) -> tuple[Decimal | None, Decimal | None]:
        """(realisasi, target) the trend chart draws for ``tahun``, by the rule of Tabel 3.2:
        an earlier year's published figures when entered, nothing for a year before the
        indicator existed (no bar, no target point), never a value made up from figures the
        indicator did not have then."""
        target = self.target_per_tahun.get(tahun)
        if tahun > tahun_ini:
            return None, target
        n = self.nilai_tahun(tahun)
        if n is None:
            return None, target
        if tahun < tahun_ini and n.terbit is not None:
            realisasi = n.terbit.realisasi if n.terbit.realisasi is not None else (
                n.realisasi if n.ada else None)
            return realisasi, n.terbit.target if n.terbit.target is not None else (
                target if n.ada else None)
        if not n.ada:
            return None, None
        return n.realisasi, target

    def nilai_tahun(self, tahun: int) -> NilaiTahun | None:
        for n in self.tahunan:
            if n.tahun == tahun:
                return n
        return None


@dataclass
class KegiatanAnggaran:
    id: int
    kode: str
    nama: str
    pagu: Decimal | None
    pagu_murni: Decimal | None
    realisasi: Decimal | None
    serapan: Decimal | None
    kendala_serapan: str = ""  # why its serapan is low (kinerja.rumus.serapan_rendah)
    tindak_lanjut_serapan: str = ""


@dataclass
class ProgramLaporan:
    id: int
    kode: str
    nama: str
    pagu: Decimal | None
    pagu_murni: Decimal | None
    realisasi: Decimal | None
    serapan: Decimal | None
    kegiatan: list[KegiatanAnggaran] = field(default_factory=list)
    indikator: list[IndikatorLaporan] = field(default_factory=list)
    sasaran_ids: list[int] = field(default_factory=list)
    anggaran_pk: Decimal | None = None
    kendala: str = ""  # why a program without indicators is in the PK (analysis 5)
    kendala_serapan: str = ""  # why its serapan is low (kinerja.rumus.serapan_rendah)
    tindak_lanjut_serapan: str = ""

    @property
    def capaian(self) -> Decimal | None:
        return capaian_rata_rata(self.indikator)  # type: ignore[arg-type]


@dataclass
class EfisiensiSasaran:
    metode: str
    basis: str
    capaian: Decimal | None
    pagu: Decimal | None
    realisasi: Decimal | None
    serapan: Decimal | None
    nilai: Decimal | None
    keterangan: str
    rumus: str
    program_kode: list[str]


@dataclass
class SasaranLaporan:
    id: int
    nomor: int
    kode: str
    uraian: str
    tujuan: str
    tujuan_id: int
    indikator: list[IndikatorLaporan] = field(default_factory=list)
    capaian: Decimal | None = None
    kategori: rumus.Kategori | None = None
    program: list[ProgramLaporan] = field(default_factory=list)
    efisiensi: EfisiensiSasaran | None = None
    penyebab: str = ""
    penyebab_dari_catatan: bool = False
    solusi: str = ""
    standar: str = ""
    catatan_program: str = ""
    kalimat: dict[str, list[str]] = field(default_factory=dict)
    penjelasan: list[Penjelasan] = field(default_factory=list)
    kurang_penyebab: Kelengkapan | None = None


@dataclass
class TujuanLaporan:
    id: int
    kode: str
    uraian: str
    sasaran: list[SasaranLaporan] = field(default_factory=list)


@dataclass
class BarisPK:
    sasaran: str
    indikator: IndikatorLaporan
    target: Decimal | None
    target_teks: str
    target_tw: list[Decimal | None]


@dataclass
class AnggaranPK:
    kode: str
    uraian: str
    anggaran: Decimal
    keterangan: str


@dataclass
class VersiPK:
    versi: int
    jenis: str
    jenis_label: str
    status: str
    status_label: str
    tanggal: datetime.date | None
    nomor: str
    alasan: str
    alasan_uraian: str
    berlaku: bool


@dataclass
class PerjanjianLaporan:
    versi: int
    jenis_label: str
    status: str
    tanggal: datetime.date | None
    nomor: str
    pihak_pertama_nama: str
    pihak_pertama_jabatan: str
    pihak_pertama_nip: str
    pihak_pertama_pangkat: str
    pihak_kedua_nama: str
    pihak_kedua_jabatan: str
    pihak_kedua_nip: str
    pihak_kedua_pangkat: str
    baris: list[BarisPK] = field(default_factory=list)
    anggaran: list[AnggaranPK] = field(default_factory=list)
    riwayat: list[VersiPK] = field(default_factory=list)
    id: int | None = None

    @property
    def total_anggaran(self) -> Decimal | None:
        if not self.anggaran:
            return None
        return sum((a.anggaran for a in self.anggaran), Decimal(0))


@dataclass
class KelompokKepegawaian:
    """One block of the BAB I staffing table: the counts of one kelompok (golongan,
    pendidikan, jabatan) in the report year, in the order they were entered."""

    kelompok: str
    label: str
    baris: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(j for _, j in self.baris)


@dataclass
class Pengaturan:
    metode_efisiensi: str
    basis_efisiensi: str
    basis_label: str
    skala: str
    skala_nama: str
    ikhtisar_eksekutif: bool
    rumus_negatif: str


@dataclass
class LKjIPData:
    perangkat_daerah: str
    slug: str
    singkatan: str
    pemda: str
    sebutan_kepala_daerah: str
    kepala_nama: str
    kepala_nip: str
    kepala_pangkat: str
    kepala_jabatan: str
    tempat: str
    tanggal: datetime.date | None
    tahun: int
    renstra_awal: int
    renstra_akhir: int
    renstra_nama: str
    renstra_nomor: str
    tahun_list: list[int]
    tahun_analisis: list[int]
    pengaturan: Pengaturan
    bidang: list[str]
    tujuan: list[TujuanLaporan]
    sasaran: list[SasaranLaporan]
    program: list[ProgramLaporan]
    pk: PerjanjianLaporan | None
    penetapan_iku: list[dict]
    skala_band: list[rumus.Band]
    anggaran_pagu: Decimal | None
    anggaran_pagu_murni: Decimal | None
    anggaran_realisasi: Decimal | None
    anggaran_serapan: Decimal | None
    narasi: dict[str, str]
    peringatan: list[Peringatan] = field(default_factory=list)
    kalimat: dict[str, list[str]] = field(default_factory=dict)
    tabel: dict = field(default_factory=dict)
    gambar: list = field(default_factory=list)
    laporan_id: int | None = None
    laporan_versi: int | None = None
    laporan_status: str = ""
    logo_pemda: str = ""
    pemda_id: int | None = None
    lhe_lalu: HasilLHE | None = None
    catatan_reviu_terbuka: list[str] = field(default_factory=list)
    rekomendasi_terbuka: list[str] = field(default_factory=list)
    kelengkapan: list[Kelengkapan] = field(default_factory=list)
    organisasi: StrukturOrganisasi | None = None
    kepegawaian: list[KelompokKepegawaian] = field(default_factory=list)
    penjelasan_serapan: list[Penjelasan] = field(default_factory=list)

    @property
    def kurang(self) -> dict[str, Kelengkapan]:
        """The placeholders by their place in the document (templates look them up here)."""
        return {k.kunci: k for k in self.kelengkapan}

    @property
    def indikator_utama(self) -> list[IndikatorLaporan]:
        return [i for s in self.sasaran for i in s.indikator]

    @property
    def tempat_tanggal(self) -> str:
        if self.tanggal is None:
            return f"{self.tempat}, ....................... {self.tahun + 1}"
        return format_tanggal(self.tanggal, tempat=self.tempat or None)

    @property
    def program_pk_ids(self) -> set[int]:
        return {p.id for s in self.sasaran for p in s.program}
