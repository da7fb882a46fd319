"""Response shapes of the read API, from which the OpenAPI document is generated.

The keys are those of the LKjIP JSON (design.md "LKjIP JSON": a contract); blocks that carry
more keys of that contract than are listed here allow them (``extra="allow"``), so a key added
to the LKjIP JSON reaches API clients without a second definition. Numbers are JSON numbers as
in the LKjIP JSON: ``Angka`` = integer or decimal, null when there is no value (NULL is not 0).
"""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field

from publik.selectors import slug_pemda

Angka = int | float | None


class Data(BaseModel):
    """Answers built as dicts by ``api.selectors`` are validated as plain pydantic models
    (ninja's Schema wraps every nested value to read ORM attributes: several times slower on a
    Renstra tree of hundreds of nodes). Schema stays for the answers read from model rows."""


class Terbuka(BaseModel):
    """A block of the LKjIP JSON: the listed keys, plus any other key of the contract (a plain
    pydantic model: ninja's Schema reads attributes and would drop the keys not listed)."""

    model_config = ConfigDict(extra="allow")


class Galat(Data):
    detail: str


class PemdaRingkas(Schema):
    id: int
    nama: str


class PemdaOut(Schema):
    id: int
    nama: str
    jenis: str = Field(description="kabupaten, kota atau provinsi")
    slug: str = Field(description="alamat halaman publik pemda (/publik/<slug>/)")

    @staticmethod
    def resolve_slug(obj) -> str:
        return slug_pemda(obj)


class PerangkatDaerahOut(Schema):
    id: int
    slug: str
    kode: str
    nama: str
    singkatan: str
    pemda: PemdaRingkas


class LKjIPItem(Data):
    id: int
    perangkat_daerah: str
    perangkat_daerah_slug: str
    tahun: int
    versi: int
    status: str = Field(description="draft, reviu atau ditetapkan (token: semua versi; "
                                    "publik: hanya yang dipublikasikan)")
    tanggal_penetapan: datetime.date | None
    dipublikasikan: bool
    dipublikasikan_pada: datetime.datetime | None
    pdf_tersedia: bool
    data_hash: str | None = Field(description="SHA-256 data yang ditetapkan")


class IndikatorCapaian(Terbuka):
    uraian: str
    satuan: str | None = None
    target: Angka = None
    target_teks: str | None = None
    realisasi: Angka = None
    realisasi_teks: str | None = None
    capaian: Angka = Field(None, description="persen, dibulatkan 2 desimal (ROUND_HALF_UP)")
    kategori: str | None = None
    iku: bool | None = None
    target_triwulan: list[Angka] | None = Field(None, description="TW I–IV")
    realisasi_triwulan: list[Angka] | None = Field(
        None, description="TW I–IV, hanya realisasi terverifikasi")
    tahunan: list[Terbuka] | None = Field(
        None, description="target, realisasi, capaian dan kategori per tahun Renstra")


class SasaranCapaian(Terbuka):
    uraian: str
    capaian: Angka = None
    kategori: str | None = None
    indikator: list[IndikatorCapaian]


class CapaianOut(Data):
    perangkat_daerah: str
    perangkat_daerah_slug: str
    tahun: int
    sumber: str = Field(description="lkjip_ditetapkan (angka LKjIP yang ditandatangani), "
                                    "pk_ditetapkan (sementara: PK terbit + realisasi "
                                    "terverifikasi) atau data_terverifikasi (token)")
    sasaran: list[SasaranCapaian]


class AnggaranNode(Terbuka):
    kode: str | None
    uraian: str | None
    pagu: Angka = None
    pagu_murni: Angka = None
    realisasi: Angka = None
    serapan: Angka = None


class KegiatanAnggaran(AnggaranNode):
    sub_kegiatan: list[AnggaranNode] | None = Field(
        None, description="hanya untuk token (LKjIP mencantumkan program dan kegiatan)")


class ProgramAnggaran(AnggaranNode):
    kegiatan: list[KegiatanAnggaran] = []


class AnggaranOut(Data):
    perangkat_daerah: str
    perangkat_daerah_slug: str
    tahun: int
    sumber: str
    pagu: Angka
    pagu_murni: Angka = None
    realisasi: Angka
    serapan: Angka
    program: list[ProgramAnggaran]


class Pihak(Data):
    nama: str
    jabatan: str
    nip: str | None = None


class BarisPK(Data):
    sasaran: str | None
    uraian: str
    satuan: str
    target: Angka
    target_teks: str | None
    target_triwulan: list[Angka] = Field(description="TW I–IV")
    mode_triwulan: str


class AnggaranPK(Data):
    kode: str
    uraian: str
    anggaran: Angka


class PKOut(Data):
    id: int
    tahun: int
    jenjang: str
    unit_kerja: str | None
    versi: int
    jenis: str
    status: str
    tanggal: datetime.date | None
    nomor: str
    dipublikasikan: bool
    dipublikasikan_pada: datetime.datetime | None
    pihak_pertama: Pihak
    pihak_kedua: Pihak
    indikator: list[BarisPK]
    anggaran: list[AnggaranPK]
    total_anggaran: Angka


class TargetTahun(Data):
    tahun: int
    target: Angka
    target_teks: str | None


class KondisiAwal(Data):
    tahun: int | None
    nilai: Angka


class IndikatorRenstra(Data):
    kode: str
    uraian: str
    satuan: str
    polaritas: str
    agregasi: str
    iku: bool
    spm: bool
    kondisi_awal: KondisiAwal
    target: list[TargetTahun]


class PaguTahun(Data):
    tahun: int
    pagu: Angka


class SubKegiatanRenstra(Data):
    kode: str
    uraian: str
    indikator: list[IndikatorRenstra]
    pagu_indikatif: list[PaguTahun]


class KegiatanRenstra(SubKegiatanRenstra):
    sub_kegiatan: list[SubKegiatanRenstra]


class ProgramRenstra(SubKegiatanRenstra):
    kegiatan: list[KegiatanRenstra]


class SasaranRenstra(Data):
    kode: str
    uraian: str
    indikator: list[IndikatorRenstra]
    program: list[str] = Field(description="kode program pendukung")


class TujuanRenstra(Data):
    kode: str
    uraian: str
    indikator: list[IndikatorRenstra]
    sasaran: list[SasaranRenstra]


class RenstraOut(Data):
    perangkat_daerah: str
    perangkat_daerah_slug: str
    id: int
    nama: str
    tahun_awal: int
    tahun_akhir: int
    versi: int
    nomor: str | None
    tanggal_penetapan: datetime.date | None
    dipublikasikan: bool
    dipublikasikan_pada: datetime.date | None
    tahun: list[int]
    tujuan: list[TujuanRenstra]
    program: list[ProgramRenstra]


class LKjIPOut(Terbuka):
    """The LKjIP JSON (``lkjip --format json``) without narratives, sentences, laid-out
    tables and draft warnings."""

    sumber: str
    perangkat_daerah: str
    perangkat_daerah_slug: str
    tahun: int
    pemda: str | None = None
    laporan: Terbuka
    sasaran: list[SasaranCapaian]
    efisiensi: list[Terbuka]
    anggaran: Terbuka
    perjanjian_kinerja: Terbuka | None = None
