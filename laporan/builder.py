"""The LKjIP data builder: one assembly of everything the report says, for every renderer.

HTML, PDF, XLSX and JSON are all drawn from the :class:`LKjIPData` built here, so a number can
never differ between them, and the generated sentences are written from the same values as the
tables (domain.md §9 item 14). Every percentage, capaian, kategori, serapan and efisiensi comes
from ``kinerja.rumus`` (directly or through ``kinerja.selectors.nilai_indikator`` and
``anggaran.selectors.ringkasan_anggaran``); every number in a sentence is formatted by
``sakip.lib.angka``.

Structure (PermenPAN-RB 53/2014, domain.md §1.3): ikhtisar eksekutif, BAB I–IV and the PK as
lampiran; BAB III A carries the seven analyses for every sasaran.

Queries: a fixed number whatever the size of the office (see ``tests/laporan``): the Renstra,
its tree, the indicators, ``nilai_indikator`` (4), the PK (3), the budget (5), links and IKU
decisions. Nothing here writes (design.md: ``laporan`` reads, never writes).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from anggaran.selectors import NodeAnggaran, RingkasanAnggaran, ringkasan_anggaran
from kinerja import rumus
from kinerja.models import PerjanjianKinerja, PKAnggaran, PKIndikator, Realisasi
from kinerja.selectors import NilaiIndikator, capaian_rata_rata, nilai_indikator
from laporan import narasi as narasi_mod
from laporan.models import BasisEfisiensi, LaporanKinerja
from renstra.models import (
    Indikator,
    PenetapanIKU,
    Polaritas,
    Sasaran,
    SasaranProgram,
    Tujuan,
)
from renstra.selectors import renstra_aktif
from sakip.lib.angka import format_angka, format_persen, format_rupiah, jumlah, terbilang_rupiah
from sakip.lib.periode import format_tanggal
from sakip.models import Bidang, PerangkatDaerah

JENJANG_PK = "jpt_pratama"

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


class LaporanTidakDapatDisusun(Exception):
    """The report cannot be assembled at all (no Renstra covers the year)."""


# --------------------------------------------------------------------------------------------
# Data classes
# --------------------------------------------------------------------------------------------


@dataclass
class Peringatan:
    """A draft warning: what makes the report weak or wrong (shown in the draft, never in the
    final PDF; carried by the JSON as ``peringatan``)."""

    kode: str
    pesan: str


@dataclass
class NilaiTahun:
    tahun: int
    target: Decimal | None
    target_teks: str
    realisasi: Decimal | None
    realisasi_teks: str
    capaian: Decimal | None
    kategori: rumus.Kategori | None


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

    @property
    def total_anggaran(self) -> Decimal | None:
        if not self.anggaran:
            return None
        return sum((a.anggaran for a in self.anggaran), Decimal(0))


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


# --------------------------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------------------------


def _indikator_laporan(ind: Indikator) -> IndikatorLaporan:
    return IndikatorLaporan(
        id=ind.pk, uraian=ind.uraian, satuan=ind.satuan, desimal=ind.desimal,
        polaritas=ind.polaritas, agregasi=ind.agregasi,
        agregasi_target_akhir=ind.agregasi_target_akhir, is_iku=ind.is_iku, is_spm=ind.is_spm,
        aktif=ind.aktif, definisi_operasional=ind.definisi_operasional,
        sumber_data=ind.sumber_data, baseline_tahun=ind.baseline_tahun,
        baseline_nilai=ind.baseline_nilai, standar_nasional=ind.standar_nasional,
        standar_keterangan=ind.standar_nasional_keterangan,
    )


def _isi_nilai(
    il: IndikatorLaporan,
    per_tahun: dict[int, NilaiIndikator],
    tahun: int,
    tahun_list: list[int],
    tahun_akhir: int,
    *,
    rumus_negatif: str,
) -> None:
    ini = per_tahun.get(tahun)
    if ini is not None:
        il.target, il.target_teks = ini.target, ini.target_teks
        il.target_tw = list(ini.target_tw)
        il.sumber_target = ini.sumber_target
        il.realisasi, il.realisasi_teks = ini.realisasi, ini.realisasi_teks
        il.realisasi_tw = list(ini.realisasi_tw)
        il.capaian, il.kategori, il.tercapai = ini.capaian, ini.kategori, ini.tercapai
        for i, r in enumerate(ini.realisasi_obj_tw, start=1):
            if r is None:
                continue
            if any((r.catatan, r.faktor_pendukung, r.faktor_penghambat, r.upaya)):
                il.catatan.append(CatatanRealisasi(
                    triwulan=i, catatan=r.catatan, faktor_pendukung=r.faktor_pendukung,
                    faktor_penghambat=r.faktor_penghambat, upaya=r.upaya,
                    sumber_data=r.sumber_data,
                ))
    for t in tahun_list:
        n = per_tahun.get(t)
        if n is None:
            continue
        il.target_per_tahun[t] = n.target
        if t > tahun:
            continue
        il.tahunan.append(NilaiTahun(
            tahun=t, target=n.target, target_teks=n.target_teks, realisasi=n.realisasi,
            realisasi_teks=n.realisasi_teks, capaian=n.capaian, kategori=n.kategori,
        ))
    # Analysis 3 (domain.md §2.4, §9 item 5): the final Renstra target is either the last
    # year's value (a flow compared with this year's realisasi) or the sum over the whole
    # period (compared with the cumulative realisasi so far).
    il.tahun_akhir = tahun_akhir
    if il.agregasi_target_akhir == "SUM":
        il.target_akhir = rumus.agregasi(il.target_per_tahun.values(), "SUM")
        il.realisasi_terhadap_akhir = rumus.agregasi([n.realisasi for n in il.tahunan], "SUM")
    else:
        il.target_akhir = il.target_per_tahun.get(tahun_akhir)
        il.realisasi_terhadap_akhir = il.realisasi
    if il.polaritas != Polaritas.KUALITATIF:
        il.capaian_terhadap_akhir = rumus.capaian(
            il.target_akhir, il.realisasi_terhadap_akhir,
            polaritas="negatif" if il.polaritas == Polaritas.NEGATIF else "positif",
            rumus_negatif=rumus_negatif,
        )


def _program_laporan(node: NodeAnggaran) -> ProgramLaporan:
    return ProgramLaporan(
        id=node.id, kode=node.kode, nama=node.nama, pagu=node.pagu,
        pagu_murni=node.pagu_murni, realisasi=node.realisasi, serapan=node.serapan,
        kegiatan=[
            KegiatanAnggaran(id=k.id, kode=k.kode, nama=k.nama, pagu=k.pagu,
                             pagu_murni=k.pagu_murni, realisasi=k.realisasi, serapan=k.serapan)
            for k in node.children
        ],
    )


def _narasi(laporan: LaporanKinerja | None) -> dict:
    return dict(laporan.narasi or {}) if laporan is not None else {}


def _tanggal(teks) -> datetime.date | None:
    if not teks:
        return None
    try:
        return datetime.date.fromisoformat(str(teks))
    except ValueError:
        return None


def bangun_lkjip(
    pd: PerangkatDaerah,
    tahun: int,
    *,
    laporan: LaporanKinerja | None = None,
    basis_efisiensi: str | None = None,
) -> LKjIPData:
    """Assemble the whole LKjIP of ``pd`` for ``tahun`` (a fixed number of queries).

    ``laporan`` supplies the narratives and settings (none: an unsaved draft with defaults);
    ``basis_efisiensi`` overrides the report's efisiensi budget base (``lkjip`` command).
    """
    renstra = renstra_aktif(pd, tahun)
    if renstra is None or not (renstra.tahun_awal <= tahun <= renstra.tahun_akhir
                               + renstra.tahun_tambahan):
        raise LaporanTidakDapatDisusun(
            f"{pd.nama} belum memiliki Renstra yang mencakup tahun {tahun}; LKjIP tidak dapat "
            "disusun."
        )
    pemda = pd.pemda
    skala = pd.skala_kategori
    metode = pd.metode_efisiensi
    basis = basis_efisiensi or (laporan.basis_efisiensi if laporan else
                                BasisEfisiensi.PROGRAM_PK)
    if basis not in BasisEfisiensi.values:
        raise ValueError(
            f"Basis efisiensi '{basis}' tidak dikenal; pilihan: {', '.join(BasisEfisiensi.values)}"
        )
    tahun_list = renstra.tahun_list
    tahun_analisis = [t for t in tahun_list if t <= tahun]
    tahun_akhir = renstra.tahun_akhir
    narasi_raw = _narasi(laporan)
    peringatan: list[Peringatan] = []

    # --- plan tree: tujuan, sasaran, indicators, links (4 queries) -----------------------
    tujuan_rows = list(Tujuan.objects.filter(renstra=renstra).order_by("urutan", "id"))
    sasaran_rows = list(
        Sasaran.objects.filter(tujuan__renstra=renstra).order_by("tujuan__urutan", "tujuan_id",
                                                                 "urutan", "id")
    )
    ind_rows = list(
        Indikator.objects.filter(renstra=renstra)
        .filter(Q(sasaran__isnull=False) | Q(program__isnull=False))
        .order_by("urutan", "id")
    )
    links = list(
        SasaranProgram.objects.filter(sasaran__tujuan__renstra=renstra)
        .order_by("program__urutan", "program__kode").values_list("sasaran_id", "program_id")
    )

    # --- PK of the year, JPT Pratama: versions, lines, Table B (3 queries) ---------------
    versi_pk = list(
        PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun, jenjang=JENJANG_PK,
                                         bidang__isnull=True).order_by("versi")
    )
    berlaku = None
    for v in versi_pk:
        rank = (v.status == PerjanjianKinerja.Status.DITETAPKAN, v.versi)
        if berlaku is None or rank > (berlaku.status == PerjanjianKinerja.Status.DITETAPKAN,
                                      berlaku.versi):
            berlaku = v
    pk_lines: list[PKIndikator] = []
    pk_anggaran: list[PKAnggaran] = []
    if berlaku is not None:
        pk_lines = list(berlaku.indikator_set.order_by("urutan", "id"))
        pk_anggaran = list(
            berlaku.anggaran_set.select_related("program", "kegiatan", "subkegiatan")
            .order_by("urutan", "id")
        )
    pk_ind_ids = {line.indikator_id for line in pk_lines}

    # --- measurement (nilai_indikator: 4 queries) and unverified entries (1) -------------
    nilai = nilai_indikator(ind_rows, tahun_list, perangkat_daerah=pd, hanya_terverifikasi=True)
    belum = defaultdict(list)
    for ind_id, tw in Realisasi.objects.filter(
        indikator_id__in=[i.pk for i in ind_rows], tahun=tahun
    ).exclude(status=Realisasi.Status.DIVERIFIKASI).values_list("indikator_id", "triwulan"):
        belum[ind_id].append(tw)
    per_ind: dict[int, dict[int, NilaiIndikator]] = defaultdict(dict)
    for (ind_id, t), n in nilai.items():
        per_ind[ind_id][t] = n

    # --- budget (ringkasan_anggaran: 5 queries) -----------------------------------------
    anggaran: RingkasanAnggaran = ringkasan_anggaran(renstra, tahun)

    # --- the rest: bidang, IKU decisions (2 queries) -------------------------------------
    bidang = list(Bidang.objects.filter(perangkat_daerah=pd).order_by("id")
                  .values_list("nama", flat=True))
    penetapan_iku = [
        {"nomor": p.nomor, "tanggal": p.tanggal, "keterangan": p.keterangan}
        for p in PenetapanIKU.objects.filter(renstra=renstra).order_by("tanggal", "id")
    ]

    # --- indicators ----------------------------------------------------------------------
    ind_laporan: dict[int, IndikatorLaporan] = {}
    for ind in ind_rows:
        il = _indikator_laporan(ind)
        il.dalam_pk = ind.pk in pk_ind_ids
        il.belum_verifikasi = sorted(belum.get(ind.pk, []))
        _isi_nilai(il, per_ind.get(ind.pk, {}), tahun, tahun_list, tahun_akhir,
                   rumus_negatif=ind.rumus_negatif or pd.rumus_negatif)
        ind_laporan[ind.pk] = il

    # --- programs ------------------------------------------------------------------------
    program_by_id: dict[int, ProgramLaporan] = {}
    for node in anggaran.program:
        program_by_id[node.id] = _program_laporan(node)
    for ind in ind_rows:
        if ind.program_id and ind.program_id in program_by_id and (
            ind.aktif or ind.pk in pk_ind_ids
        ):
            program_by_id[ind.program_id].indikator.append(ind_laporan[ind.pk])
    for row in pk_anggaran:
        if row.program_id in program_by_id:
            p = program_by_id[row.program_id]
            p.anggaran_pk = (p.anggaran_pk or Decimal(0)) + row.anggaran

    # --- tujuan and sasaran ----------------------------------------------------------------
    sasaran_program: dict[int, list[int]] = defaultdict(list)
    for s_id, p_id in links:
        sasaran_program[s_id].append(p_id)
        if p_id in program_by_id:
            program_by_id[p_id].sasaran_ids.append(s_id)
    narasi_sasaran = narasi_raw.get("sasaran") or {}
    tujuan_map = {t.pk: TujuanLaporan(id=t.pk, kode=t.kode, uraian=t.uraian)
                  for t in tujuan_rows}
    sasaran_list: list[SasaranLaporan] = []
    for nomor, s in enumerate(sasaran_rows, start=1):
        tujuan = tujuan_map[s.tujuan_id]
        sl = SasaranLaporan(id=s.pk, nomor=nomor, kode=s.kode, uraian=s.uraian,
                            tujuan=tujuan.uraian, tujuan_id=tujuan.id)
        for ind in ind_rows:
            if ind.sasaran_id == s.pk and (ind.pk in pk_ind_ids if pk_ind_ids else ind.aktif):
                sl.indikator.append(ind_laporan[ind.pk])
        if pk_ind_ids:
            urutan_pk = {line.indikator_id: i for i, line in enumerate(pk_lines)}
            sl.indikator.sort(key=lambda il: urutan_pk.get(il.id, 10**6))
        sl.capaian = capaian_rata_rata(sl.indikator)  # type: ignore[arg-type]
        sl.kategori = rumus.kategori(sl.capaian, skala)
        sl.program = [program_by_id[p] for p in sasaran_program.get(s.pk, [])
                      if p in program_by_id]
        teks = narasi_sasaran.get(str(s.pk)) or {}
        sl.penyebab = (teks.get("penyebab") or "").strip()
        sl.solusi = (teks.get("solusi") or "").strip()
        sl.standar = (teks.get("standar") or "").strip()
        sl.catatan_program = (teks.get("program") or "").strip()
        if not sl.penyebab:
            sl.penyebab = _penyebab_dari_catatan(sl)
            sl.penyebab_dari_catatan = bool(sl.penyebab)
        tujuan.sasaran.append(sl)
        sasaran_list.append(sl)

    # --- efisiensi per sasaran (analysis 6) ---------------------------------------------
    for sl in sasaran_list:
        if basis == BasisEfisiensi.SELURUH_PD:
            pagu, realisasi = anggaran.pagu, anggaran.realisasi
            kode = [p.kode for p in program_by_id.values()]
        else:
            pagu = jumlah(p.pagu for p in sl.program)
            realisasi = jumlah(p.realisasi for p in sl.program)
            kode = [p.kode for p in sl.program]
        serapan = rumus.serapan(pagu, realisasi)
        e = rumus.efisiensi(sl.capaian, serapan, metode)
        sl.efisiensi = EfisiensiSasaran(
            metode=metode, basis=basis, capaian=sl.capaian, pagu=pagu, realisasi=realisasi,
            serapan=serapan, nilai=e,
            keterangan=rumus.efisiensi_keterangan(e, metode, sl.capaian),
            rumus=rumus.RUMUS_EFISIENSI[metode], program_kode=kode,
        )

    # --- PK ------------------------------------------------------------------------------
    pk_data = None
    if berlaku is not None:
        sasaran_uraian = {s.pk: s.uraian for s in sasaran_rows}
        ind_by_id = {i.pk: i for i in ind_rows}
        pk_data = PerjanjianLaporan(
            versi=berlaku.versi, jenis_label=berlaku.get_jenis_display(),
            status=berlaku.status, tanggal=berlaku.tanggal, nomor=berlaku.nomor,
            pihak_pertama_nama=berlaku.pihak_pertama_nama or pd.kepala_nama,
            pihak_pertama_jabatan=jabatan_lengkap(
                berlaku.pihak_pertama_jabatan or pd.kepala_jabatan, pemda.nama),
            pihak_pertama_nip=berlaku.pihak_pertama_nip or pd.kepala_nip,
            pihak_pertama_pangkat=berlaku.pihak_pertama_pangkat or pd.kepala_pangkat,
            pihak_kedua_nama=berlaku.pihak_kedua_nama or pemda.kepala_daerah_nama,
            pihak_kedua_jabatan=berlaku.pihak_kedua_jabatan
            or f"{pemda.sebutan_kepala_daerah} {_nama_wilayah(pemda.nama)}",
            pihak_kedua_nip=berlaku.pihak_kedua_nip,
            pihak_kedua_pangkat=berlaku.pihak_kedua_pangkat,
        )
        for line in pk_lines:
            ind = ind_by_id.get(line.indikator_id)
            if ind is None:
                continue
            pk_data.baris.append(BarisPK(
                sasaran=sasaran_uraian.get(ind.sasaran_id, ""),
                indikator=ind_laporan[ind.pk], target=line.target_tahunan,
                target_teks=line.target_tahunan_teks, target_tw=line.target_tw_list,
            ))
        for row in pk_anggaran:
            pemilik = row.pemilik
            pk_data.anggaran.append(AnggaranPK(kode=pemilik.kode, uraian=pemilik.nama,
                                               anggaran=row.anggaran, keterangan=row.keterangan))
        for v in versi_pk:
            pk_data.riwayat.append(VersiPK(
                versi=v.versi, jenis=v.jenis, jenis_label=v.get_jenis_display(),
                status=v.status, status_label=v.get_status_display(), tanggal=v.tanggal,
                nomor=v.nomor, alasan=v.get_alasan_display() if v.alasan else "",
                alasan_uraian=v.alasan_uraian, berlaku=v.pk == berlaku.pk,
            ))

    # --- narratives ------------------------------------------------------------------------
    narasi: dict[str, str] = {}
    for bagian in narasi_mod.BAGIAN:
        narasi[bagian.kunci] = str(narasi_raw.get(bagian.kunci) or "").strip()
    narasi_kata_pengantar_baku = not narasi["kata_pengantar"]
    if narasi_kata_pengantar_baku:
        narasi["kata_pengantar"] = narasi_mod.kata_pengantar_baku(nama_pd=pd.nama, tahun=tahun)
    ikhtisar_on = laporan.ikhtisar_eksekutif if laporan is not None else True

    data = LKjIPData(
        perangkat_daerah=pd.nama, slug=pd.slug, singkatan=pd.singkatan, pemda=pemda.nama,
        sebutan_kepala_daerah=pemda.sebutan_kepala_daerah, kepala_nama=pd.kepala_nama,
        kepala_nip=pd.kepala_nip, kepala_pangkat=pd.kepala_pangkat,
        kepala_jabatan=jabatan_lengkap(pd.kepala_jabatan or f"Kepala {pd.nama}", pemda.nama),
        tempat=str(narasi_raw.get("tempat") or pd.tempat or "").strip(),
        tanggal=_tanggal(narasi_raw.get("tanggal")), tahun=tahun,
        renstra_awal=renstra.tahun_awal, renstra_akhir=renstra.tahun_akhir,
        renstra_nama=renstra.nama or "Rencana Strategis", renstra_nomor=renstra.nomor_penetapan,
        tahun_list=tahun_list, tahun_analisis=tahun_analisis,
        pengaturan=Pengaturan(
            metode_efisiensi=metode, basis_efisiensi=basis,
            basis_label=BasisEfisiensi(basis).label, skala=skala,
            skala_nama=rumus.NAMA_SKALA.get(skala, skala), ikhtisar_eksekutif=ikhtisar_on,
            rumus_negatif=pd.rumus_negatif,
        ),
        bidang=bidang, tujuan=list(tujuan_map.values()), sasaran=sasaran_list,
        program=list(program_by_id.values()), pk=pk_data, penetapan_iku=penetapan_iku,
        skala_band=list(rumus.SKALA[skala]),
        anggaran_pagu=anggaran.pagu, anggaran_pagu_murni=anggaran.pagu_murni,
        anggaran_realisasi=anggaran.realisasi, anggaran_serapan=anggaran.serapan,
        narasi=narasi,
        laporan_id=laporan.pk if laporan else None,
        laporan_versi=laporan.versi if laporan else None,
        laporan_status=laporan.status if laporan else "",
    )
    data.peringatan = _peringatan(data, anggaran, laporan, versi_pk, berlaku,
                                  narasi_raw, peringatan)
    # Tables and charts are laid out from the finished data (one numbering for every format);
    # the sentences may then refer to them by number.
    from laporan import charts, tabel

    data.tabel = tabel.susun(data)
    data.gambar = charts.susun(data)
    _kalimat(data)
    return data


def jabatan_lengkap(jabatan: str, nama_pemda: str) -> str:
    """"Kepala Dinas Sosial" → "Kepala Dinas Sosial Kabupaten Gowa" unless the title already
    names the region ("Bupati Gowa")."""
    if not jabatan or _nama_wilayah(nama_pemda).lower() in jabatan.lower():
        return jabatan
    return f"{jabatan} {nama_pemda}"


def _nama_wilayah(nama_pemda: str) -> str:
    for awalan in ("Kabupaten ", "Kota ", "Provinsi "):
        if nama_pemda.startswith(awalan):
            return nama_pemda[len(awalan):]
    return nama_pemda


def _penyebab_dari_catatan(sl: SasaranLaporan) -> str:
    """Analysis 5 drafted from the realisasi notes when the planner has written none."""
    pendukung, penghambat, upaya = [], [], []
    for il in sl.indikator:
        for c in il.catatan:
            for sumber, tujuan in ((c.faktor_pendukung, pendukung),
                                   (c.faktor_penghambat, penghambat), (c.upaya, upaya)):
                teks = " ".join(sumber.split())
                if teks and teks not in tujuan:
                    tujuan.append(teks)
    bagian = []
    if pendukung:
        bagian.append("Faktor pendukung menurut catatan realisasi:")
        bagian.append("\n".join(f"- {t}" for t in pendukung))
    if penghambat:
        bagian.append("Faktor penghambat menurut catatan realisasi:")
        bagian.append("\n".join(f"- {t}" for t in penghambat))
    if upaya:
        bagian.append("Upaya yang telah dilakukan:")
        bagian.append("\n".join(f"- {t}" for t in upaya))
    return "\n\n".join(bagian)


# --------------------------------------------------------------------------------------------
# Draft warnings (issue item 5; domain.md §9 items 13, 19, 20; §3 rule 2)
# --------------------------------------------------------------------------------------------


def _peringatan(data: LKjIPData, anggaran: RingkasanAnggaran, laporan, versi_pk, berlaku,
                narasi_raw: dict, awal: list[Peringatan]) -> list[Peringatan]:
    out = list(awal)
    tahun = data.tahun
    if berlaku is None:
        out.append(Peringatan("PK_TIDAK_ADA", f"Belum ada Perjanjian Kinerja Kepala (JPT "
                                              f"Pratama) tahun {tahun}; BAB II dan lampiran PK "
                                              "tidak lengkap."))
    elif berlaku.status != PerjanjianKinerja.Status.DITETAPKAN:
        out.append(Peringatan("PK_BELUM_DITETAPKAN", f"Perjanjian Kinerja {tahun} versi "
                                                     f"{berlaku.versi} belum ditetapkan."))
    if not data.sasaran:
        out.append(Peringatan("SASARAN_TIDAK_ADA", "Renstra belum memuat sasaran: BAB III A "
                                                    "tidak dapat disusun."))
    for s in data.sasaran:
        if not s.indikator:
            out.append(Peringatan("SASARAN_TANPA_INDIKATOR",
                                  f"Sasaran \u201c{s.uraian}\u201d tidak memiliki indikator "
                                  "pada Perjanjian Kinerja."))
        if not s.program:
            out.append(Peringatan("SASARAN_TANPA_PROGRAM",
                                  f"Sasaran \u201c{s.uraian}\u201d belum dihubungkan dengan "
                                  "program pendukung; efisiensi dan analisis program tidak "
                                  "dapat disusun."))
        for il in s.indikator:
            _peringatan_indikator(out, il, tahun)
        if data.pengaturan.basis_efisiensi == BasisEfisiensi.SELURUH_PD:
            out.append(Peringatan(
                "EFISIENSI_BASIS_TIDAK_TERKAIT",
                f"Efisiensi sasaran \u201c{s.uraian}\u201d dihitung atas seluruh anggaran "
                f"perangkat daerah ({format_rupiah(data.anggaran_pagu)}), bukan atas anggaran "
                f"program pendukungnya ({format_rupiah(jumlah(p.pagu for p in s.program))}); "
                "anggaran yang tidak terkait sasaran ikut dihitung (domain §3 aturan 2).",
            ))
        elif s.efisiensi and s.efisiensi.serapan is None and s.program:
            out.append(Peringatan("EFISIENSI_TIDAK_DAPAT_DIHITUNG",
                                  f"Efisiensi sasaran \u201c{s.uraian}\u201d tidak dapat "
                                  "dihitung: pagu atau realisasi program pendukung kosong."))
    for p in data.program:
        for il in p.indikator:
            _peringatan_indikator(out, il, tahun)
    # Budget integrity (§9 item 13): children vs parent, realisasi vs pagu, PK vs DPA.
    for node in anggaran.program:
        _peringatan_node(out, node)
    for p in data.program:
        if p.anggaran_pk is not None and p.pagu is not None and p.anggaran_pk != p.pagu:
            out.append(Peringatan(
                "PK_ANGGARAN_BERBEDA",
                f"Anggaran {p.kode} {p.nama} pada Perjanjian Kinerja "
                f"{format_rupiah(p.anggaran_pk)} berbeda dari pagu DPA {format_rupiah(p.pagu)}.",
            ))
    if data.anggaran_pagu is None:
        out.append(Peringatan("ANGGARAN_KOSONG", f"Pagu anggaran {tahun} belum diisi: BAB III B "
                                                 "tidak dapat disusun."))
    if len(data.penetapan_iku) > 1:
        out.append(Peringatan("IKU_SERING_BERUBAH",
                              f"IKU ditetapkan {len(data.penetapan_iku)} kali dalam periode "
                              "Renstra; LKE menilai IKU yang tidak sering diganti."))
    # Narratives and completeness (§9 item 20).
    kosong = [b.judul for b in narasi_mod.BAGIAN
              if b.wajib and b.kunci != "kata_pengantar" and not data.narasi.get(b.kunci)]
    for judul in kosong:
        out.append(Peringatan("NARASI_KOSONG", f"Narasi \u201c{judul}\u201d belum diisi."))
    for s in data.sasaran:
        if not s.penyebab:
            out.append(Peringatan("NARASI_KOSONG",
                                  f"Analisis penyebab keberhasilan/kegagalan sasaran "
                                  f"\u201c{s.uraian}\u201d belum diisi dan catatan realisasi "
                                  "tidak memuat faktor pendukung/penghambat."))
    if not data.pengaturan.ikhtisar_eksekutif:
        out.append(Peringatan("IKHTISAR_TIDAK_ADA",
                              "Ikhtisar Eksekutif tidak disertakan; laporan dianjurkan "
                              "memuatnya (PermenPAN-RB 29/2010)."))
    if data.tanggal is None:
        out.append(Peringatan("TANGGAL_KOSONG", "Tanggal laporan (baris tempat-tanggal kata "
                                                "pengantar) belum diisi."))
    if not data.kepala_nama or not data.kepala_nip:
        out.append(Peringatan("PENANDATANGAN_KOSONG", "Nama atau NIP Kepala perangkat daerah "
                                                      "belum diisi (blok tanda tangan)."))
    return out


def _peringatan_indikator(out: list[Peringatan], il: IndikatorLaporan, tahun: int) -> None:
    if il.target is None and not il.target_teks:
        out.append(Peringatan("TARGET_KOSONG",
                              f"Indikator \u201c{il.uraian}\u201d tidak memiliki target "
                              f"{tahun}."))
    if il.belum_verifikasi:
        tw = ", ".join(_romawi(t) for t in il.belum_verifikasi)
        out.append(Peringatan("REALISASI_BELUM_VERIFIKASI",
                              f"Realisasi \u201c{il.uraian}\u201d triwulan {tw} belum "
                              "diverifikasi dan tidak dihitung dalam laporan."))
    if il.realisasi is None and not il.realisasi_teks:
        out.append(Peringatan("REALISASI_KOSONG",
                              f"Realisasi {tahun} indikator \u201c{il.uraian}\u201d belum "
                              "tersedia (atau belum diverifikasi)."))
    if il.capaian is not None and il.capaian > 200:
        out.append(Peringatan("CAPAIAN_DI_ATAS_200",
                              f"Capaian \u201c{il.uraian}\u201d {format_persen(il.capaian)} "
                              "melebihi 200 %: periksa target dan realisasinya "
                              "(domain §9 butir 19)."))


def _romawi(tw: int) -> str:
    return {1: "I", 2: "II", 3: "III", 4: "IV"}[tw]


def _peringatan_node(out: list[Peringatan], node: NodeAnggaran) -> None:
    if node.children:
        for attr, label in (("pagu", "Pagu"), ("realisasi", "Realisasi anggaran")):
            anak = jumlah(getattr(c, attr) for c in node.children)
            nilai = getattr(node, attr)
            if anak is not None and nilai is not None and anak != nilai:
                out.append(Peringatan(
                    "JUMLAH_RINCIAN_BERBEDA",
                    f"{label} {node.kode} {node.nama} {format_rupiah(nilai)} berbeda dari "
                    f"jumlah rinciannya {format_rupiah(anak)}.",
                ))
    if node.pagu is not None and node.realisasi is not None and node.realisasi > node.pagu:
        out.append(Peringatan(
            "REALISASI_MELEBIHI_PAGU",
            f"Realisasi {node.kode} {node.nama} {format_rupiah(node.realisasi)} melebihi pagu "
            f"{format_rupiah(node.pagu)}.",
        ))
    for c in node.children:
        _peringatan_node(out, c)


# --------------------------------------------------------------------------------------------
# Generated sentences: written from the same values as the tables (domain.md §9 item 14)
# --------------------------------------------------------------------------------------------


def _label(k: rumus.Kategori | None) -> str:
    return k.label if k is not None else "belum dapat dinilai"


def _kalimat(data: LKjIPData) -> None:
    t = data.tahun
    for s in data.sasaran:
        k: dict[str, list[str]] = defaultdict(list)
        for il in s.indikator:
            # 1. target vs realisasi
            if il.capaian is not None:
                arah = ("melampaui" if il.capaian > 100 else
                        "sama dengan" if il.capaian == 100 else "di bawah")
                k["capaian"].append(
                    f"Indikator {il.uraian} pada tahun {t} ditargetkan "
                    f"{il.dengan_satuan(il.target)} dan terealisasi "
                    f"{il.dengan_satuan(il.realisasi)}, {arah} target, sehingga capaiannya "
                    f"{format_persen(il.capaian)} dengan kategori {_label(il.kategori)}."
                )
            else:
                k["capaian"].append(
                    f"Capaian indikator {il.uraian} tahun {t} belum dapat dihitung: target "
                    f"{il.dengan_satuan(il.target)}, realisasi "
                    f"{il.dengan_satuan(il.realisasi)}."
                )
            # 2. earlier years
            sebelum = [n for n in il.tahunan if n.tahun < t and n.realisasi is not None]
            if sebelum and il.realisasi is not None:
                lalu = sebelum[-1]
                selisih = il.realisasi - lalu.realisasi
                arah = "naik" if selisih > 0 else "turun" if selisih < 0 else "tetap"
                besar = f" {il.dengan_satuan(abs(selisih))}" if selisih else ""
                teks = (f"Dibandingkan tahun {lalu.tahun} (realisasi "
                        f"{il.dengan_satuan(lalu.realisasi)}"
                        + (f", capaian {format_persen(lalu.capaian)}" if lalu.capaian is not None
                           else "") + f"), realisasi tahun {t} {arah}{besar}")
                if lalu.capaian is not None and il.capaian is not None:
                    beda = il.capaian - lalu.capaian
                    arah_c = "naik" if beda > 0 else "turun" if beda < 0 else "tetap"
                    teks += (f" dan capaian {arah_c}"
                             + (f" {format_angka(abs(beda))} poin persen" if beda else ""))
                k["tahunan"].append(teks + ".")
            else:
                k["tahunan"].append(
                    f"Belum tersedia realisasi terverifikasi indikator {il.uraian} untuk tahun "
                    f"sebelum {t} dalam sistem, sehingga perbandingan antartahun belum dapat "
                    "disajikan." if il.realisasi is not None else
                    f"Realisasi indikator {il.uraian} tahun {t} belum tersedia."
                )
            # 3. final Renstra target
            if il.target_akhir is not None and il.realisasi_terhadap_akhir is not None:
                if il.agregasi_target_akhir == "SUM":
                    dasar = (f"realisasi kumulatif {data.renstra_awal}–{t} sebesar "
                             f"{il.dengan_satuan(il.realisasi_terhadap_akhir)} dibandingkan "
                             f"jumlah target periode Renstra "
                             f"{il.dengan_satuan(il.target_akhir)}")
                else:
                    dasar = (f"realisasi tahun {t} sebesar "
                             f"{il.dengan_satuan(il.realisasi_terhadap_akhir)} dibandingkan "
                             f"target akhir Renstra tahun {il.tahun_akhir} sebesar "
                             f"{il.dengan_satuan(il.target_akhir)}")
                selisih = il.realisasi_terhadap_akhir - il.target_akhir
                hasil = (f"telah melampaui target akhir sebesar {il.dengan_satuan(selisih)}"
                         if selisih > 0 and il.polaritas != Polaritas.NEGATIF else
                         "telah mencapai target akhir" if selisih == 0 else
                         f"mencapai {format_persen(il.capaian_terhadap_akhir)} dari target "
                         "akhir")
                if selisih > 0 and il.polaritas != Polaritas.NEGATIF:
                    hasil += f" ({format_persen(il.capaian_terhadap_akhir)})"
                k["renstra"].append(f"Untuk indikator {il.uraian}, {dasar}; kinerja ini "
                                    f"{hasil}.")
            else:
                k["renstra"].append(f"Perbandingan indikator {il.uraian} dengan target akhir "
                                    "Renstra belum dapat dihitung (target akhir atau realisasi "
                                    "belum tersedia).")
            # 4. national standard
            if il.standar_nasional is not None:
                cap = rumus.capaian(il.standar_nasional, il.realisasi,
                                    polaritas="negatif" if il.polaritas == Polaritas.NEGATIF
                                    else "positif", rumus_negatif=data.pengaturan.rumus_negatif)
                k["standar"].append(
                    f"Realisasi {il.uraian} sebesar {il.dengan_satuan(il.realisasi)} "
                    f"dibandingkan standar nasional {il.dengan_satuan(il.standar_nasional)}"
                    + (f" ({il.standar_keterangan})" if il.standar_keterangan else "")
                    + (f" atau {format_persen(cap)} dari standar." if cap is not None else ".")
                )
            else:
                k["standar"].append(
                    f"Indikator {il.uraian} tidak memiliki standar nasional atau SPM yang "
                    "sebanding, sehingga perbandingan ditandai \u201c\u2014\u201d."
                )
        # 6. efisiensi
        e = s.efisiensi
        if e is not None:
            if e.serapan is not None and e.nilai is not None:
                basis = ("anggaran program pendukung sasaran ini dalam Perjanjian Kinerja"
                         if e.basis == BasisEfisiensi.PROGRAM_PK else
                         "seluruh anggaran perangkat daerah")
                nilai_e = (format_angka(e.nilai) if e.metode == "EF-RASIO"
                           else format_persen(e.nilai))
                k["efisiensi"].append(
                    f"Atas {basis}, pagu {format_rupiah(e.pagu)} terealisasi "
                    f"{format_rupiah(e.realisasi)} ({terbilang_rupiah(_bulat(e.realisasi))}) "
                    f"atau serapan {format_persen(e.serapan)}. Dengan capaian kinerja "
                    f"{format_persen(e.capaian)}, nilai efisiensi ({e.metode}) adalah "
                    f"{nilai_e}: {e.keterangan.lower()}."
                )
            else:
                k["efisiensi"].append("Efisiensi belum dapat dihitung karena capaian kinerja "
                                      "atau serapan anggaran belum tersedia.")
        # 7. programs
        for p in s.program:
            bagian = [f"{p.nama} (pagu {format_rupiah(p.pagu)}, realisasi "
                      f"{format_rupiah(p.realisasi)}, serapan {format_persen(p.serapan)})"]
            tercapai = [il for il in p.indikator if il.capaian is not None and il.capaian >= 100]
            if p.indikator:
                bagian.append(f"{len(tercapai)} dari {len(p.indikator)} indikator program "
                              "mencapai target")
            else:
                bagian.append("belum memiliki indikator program yang terukur")
            k["program"].append("; ".join(bagian) + ".")
        # BAB IV conclusion per sasaran
        if s.capaian is not None:
            k["kesimpulan"].append(
                f"Sasaran \u201c{s.uraian}\u201d tercapai {format_persen(s.capaian)} dengan "
                f"kategori {_label(s.kategori)}"
                + (f"; serapan anggaran pendukungnya {format_persen(e.serapan)} dan efisiensi "
                   f"{format_angka(e.nilai) if e.metode == 'EF-RASIO' else format_persen(e.nilai)}"
                   f" ({e.keterangan.lower()})" if e and e.serapan is not None and e.nilai
                   is not None else "") + "."
            )
        else:
            k["kesimpulan"].append(f"Capaian sasaran \u201c{s.uraian}\u201d belum dapat dinilai "
                                   "karena realisasi indikatornya belum tersedia.")
        s.kalimat = dict(k)

    g: dict[str, list[str]] = defaultdict(list)
    jumlah_ind = len(data.indikator_utama)
    per_kat: dict[str, int] = defaultdict(int)
    for il in data.indikator_utama:
        per_kat[_label(il.kategori)] += 1
    g["ikhtisar"].append(
        f"{data.perangkat_daerah} menjabarkan Renstra {data.renstra_awal}–{data.renstra_akhir} "
        f"ke dalam {len(data.tujuan)} tujuan dan {len(data.sasaran)} sasaran strategis yang "
        f"diukur dengan {jumlah_ind} indikator kinerja pada Perjanjian Kinerja tahun "
        f"{data.tahun}."
    )
    if jumlah_ind:
        rincian = ", ".join(f"{n} indikator berkategori {kat}" for kat, n in per_kat.items())
        g["ikhtisar"].append(f"Hasil pengukuran kinerja tahun {data.tahun}: {rincian}.")
    for s in data.sasaran:
        if len(s.indikator) == 1:
            g["ikhtisar"].extend(s.kalimat.get("capaian", []))
        elif s.capaian is not None:
            g["ikhtisar"].append(
                f"Sasaran \u201c{s.uraian}\u201d diukur dengan {len(s.indikator)} indikator dan "
                f"mencapai capaian rata-rata {format_persen(s.capaian)} (kategori "
                f"{_label(s.kategori)})."
            )
    if data.anggaran_pagu is not None:
        g["ikhtisar"].append(
            f"Anggaran {data.perangkat_daerah} tahun {data.tahun} sebesar "
            f"{format_rupiah(data.anggaran_pagu)} terealisasi "
            f"{format_rupiah(data.anggaran_realisasi)} "
            f"({terbilang_rupiah(_bulat(data.anggaran_realisasi))}) atau "
            f"{format_persen(data.anggaran_serapan)}."
        )
    efisiensi = [s for s in data.sasaran if s.efisiensi is not None
                 and s.efisiensi.serapan is not None and s.efisiensi.nilai is not None]
    if len(efisiensi) > 3:
        # A long office: one sentence for all sasaran instead of one each (the table has them).
        nilai = sorted(s.efisiensi.nilai for s in efisiensi)
        metode = efisiensi[0].efisiensi.metode
        fmt = format_angka if metode == "EF-RASIO" else format_persen
        efisien = sum(1 for s in efisiensi if s.efisiensi.keterangan == "Efisien")
        g["ikhtisar"].append(
            f"Efisiensi penggunaan anggaran ({metode}) {efisien} dari {len(efisiensi)} sasaran "
            f"tergolong efisien, dengan nilai antara {fmt(nilai[0])} dan {fmt(nilai[-1])} "
            f"({_label_tabel(data, 'T3_5_efisiensi')})."
        )
        efisiensi = []
    for s in efisiensi:
        e = s.efisiensi
        nilai_e = format_angka(e.nilai) if e.metode == "EF-RASIO" else format_persen(e.nilai)
        g["ikhtisar"].append(
            f"Anggaran program pendukung sasaran \u201c{s.uraian}\u201d"
            + (" (basis: seluruh anggaran perangkat daerah)"
               if e.basis == BasisEfisiensi.SELURUH_PD else "")
            + f" sebesar {format_rupiah(e.pagu)} terserap {format_persen(e.serapan)}; dengan "
            f"capaian kinerja {format_persen(e.capaian)}, efisiensinya ({e.metode}) "
            f"{nilai_e} ({e.keterangan.lower()})."
        )
    belum = [il for il in data.indikator_utama if il.capaian is not None and il.capaian < 100]
    if belum:
        sebut = "; ".join(f"{il.uraian} ({format_persen(il.capaian)})" for il in belum[:8])
        if len(belum) > 8:
            sebut += f"; dan {len(belum) - 8} indikator lainnya"
        g["ikhtisar"].append(f"Indikator yang belum mencapai target ({len(belum)}): {sebut}.")
    else:
        g["ikhtisar"].append("Seluruh indikator kinerja yang terukur mencapai atau melampaui "
                             "targetnya.")
    _kalimat_bab1_bab2(data, g)
    # BAB III B
    if data.anggaran_pagu is not None:
        g["anggaran"].append(
            f"Pagu anggaran {data.perangkat_daerah} tahun {data.tahun} sebesar "
            f"{format_rupiah(data.anggaran_pagu)} "
            f"({terbilang_rupiah(_bulat(data.anggaran_pagu))}) terealisasi "
            f"{format_rupiah(data.anggaran_realisasi)} atau {format_persen(data.anggaran_serapan)}."
        )
        if data.anggaran_pagu_murni is not None and data.anggaran_pagu_murni != data.anggaran_pagu:
            selisih = data.anggaran_pagu - data.anggaran_pagu_murni
            g["anggaran"].append(
                f"Pagu berubah dari {format_rupiah(data.anggaran_pagu_murni)} pada APBD murni "
                f"menjadi {format_rupiah(data.anggaran_pagu)} setelah perubahan "
                f"({'bertambah' if selisih > 0 else 'berkurang'} {format_rupiah(abs(selisih))}); "
                "serapan dihitung terhadap pagu terakhir."
            )
        else:
            g["anggaran"].append(f"Tidak terdapat perubahan pagu antara APBD murni dan pagu "
                                 f"akhir tahun {data.tahun}.")
        pk_ids = data.program_pk_ids
        pk_pagu = jumlah(p.pagu for p in data.program if p.id in pk_ids)
        pk_real = jumlah(p.realisasi for p in data.program if p.id in pk_ids)
        if pk_pagu is not None:
            g["anggaran"].append(
                f"Dari jumlah tersebut, program yang mendukung sasaran strategis memperoleh pagu "
                f"{format_rupiah(pk_pagu)} dengan realisasi {format_rupiah(pk_real)} "
                f"({format_persen(rumus.serapan(pk_pagu, pk_real))}); selebihnya untuk program "
                "penunjang dan program lain."
            )
    data.kalimat = dict(g)


def _label_tabel(data: LKjIPData, kode: str) -> str:
    t = data.tabel.get(kode)
    return t.label if t is not None else ""


def _kalimat_bab1_bab2(data: LKjIPData, g: dict[str, list[str]]) -> None:
    t = data.tahun
    jumlah_ind = len(data.indikator_utama)
    jumlah_kegiatan = sum(len(p.kegiatan) for p in data.program)
    if data.anggaran_pagu is not None:
        g["bab1"].append(
            f"Pada tahun {t}, {data.perangkat_daerah} mengelola pagu anggaran "
            f"{format_rupiah(data.anggaran_pagu)} untuk {len(data.program)} program dan "
            f"{jumlah_kegiatan} kegiatan, serta memperjanjikan {jumlah_ind} indikator kinerja "
            f"untuk {len(data.sasaran)} sasaran strategis dalam Perjanjian Kinerja."
        )
    jumlah_renstra = sum(len(s.indikator) for s in data.sasaran)
    g["renstra"].append(
        f"{data.renstra_nama} {data.renstra_awal}–{data.renstra_akhir}"
        + (f" (ditetapkan dengan {data.renstra_nomor})" if data.renstra_nomor else "")
        + f" menetapkan {len(data.tujuan)} tujuan dan {len(data.sasaran)} sasaran strategis "
        f"dengan {jumlah_renstra} indikator kinerja beserta target tahunannya, sebagaimana "
        f"{_label_tabel(data, 'T2_1_renstra')}."
    )
    if data.penetapan_iku:
        p = data.penetapan_iku[-1]
        teks = (f"Indikator Kinerja Utama (IKU) ditetapkan dengan Keputusan Kepala "
                f"{data.perangkat_daerah} Nomor {p['nomor']} tanggal "
                f"{format_tanggal(p['tanggal'])}")
        if p.get("keterangan"):
            teks += f" tentang {p['keterangan'].rstrip('.')}"
        g["iku"].append(teks + f"; rinciannya disajikan pada {_label_tabel(data, 'T2_2_iku')}.")
    else:
        g["iku"].append(f"Indikator Kinerja Utama mengacu pada indikator sasaran Renstra "
                        f"({_label_tabel(data, 'T2_2_iku')}).")
    pk = data.pk
    if pk is None:
        g["pk"].append(f"Perjanjian Kinerja tahun {t} belum tersedia dalam sistem.")
        return
    teks = (f"Perjanjian Kinerja tahun {t} antara {pk.pihak_pertama_jabatan} sebagai pihak "
            f"pertama dan {pk.pihak_kedua_jabatan} sebagai pihak kedua memuat {len(pk.baris)} "
            f"indikator kinerja ({_label_tabel(data, 'T2_3_pk')})")
    if pk.total_anggaran is not None:
        teks += (f" yang didukung {len(pk.anggaran)} program dengan anggaran "
                 f"{format_rupiah(pk.total_anggaran)} "
                 f"({terbilang_rupiah(_bulat(pk.total_anggaran))}) "
                 f"({_label_tabel(data, 'T2_4_pk_anggaran')})")
    g["pk"].append(teks + ".")
    if len(pk.riwayat) > 1:
        berlaku = next((v for v in pk.riwayat if v.berlaku), pk.riwayat[-1])
        teks = (f"Perjanjian Kinerja tahun {t} mengalami {len(pk.riwayat) - 1} kali perubahan. "
                f"Versi yang berlaku dan menjadi dasar pengukuran adalah versi {berlaku.versi} "
                f"({berlaku.jenis_label.lower()}"
                + (f", {format_tanggal(berlaku.tanggal)}" if berlaku.tanggal else "") + ")")
        if berlaku.alasan_uraian or berlaku.alasan:
            teks += f" dengan alasan: {(berlaku.alasan_uraian or berlaku.alasan).rstrip('.')}"
        g["pk_revisi"].append(teks + ". Realisasi yang dicatat pada versi sebelumnya tetap "
                                     f"diperhitungkan ({_label_tabel(data, 'T2_5_pk_riwayat')}).")
    else:
        g["pk_revisi"].append(f"Perjanjian Kinerja tahun {t} tidak mengalami perubahan.")


def _bulat(nilai: Decimal | None) -> Decimal:
    from sakip.lib.angka import bulatkan

    return bulatkan(nilai or Decimal(0), 0) or Decimal(0)
