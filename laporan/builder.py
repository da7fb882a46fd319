"""The LKjIP data builder: one assembly of everything the report says, for every renderer.

HTML, PDF, XLSX and JSON are all drawn from the :class:`~laporan.data.LKjIPData` built here, so
a number can never differ between them, and the generated sentences (:mod:`laporan.kalimat`)
are written from the same values as the tables (domain.md §9 item 14). Every percentage,
capaian, kategori, serapan and efisiensi comes from ``kinerja.rumus`` (directly or through
``kinerja.selectors.nilai_indikator`` and ``anggaran.selectors.ringkasan_anggaran``).

Structure (PermenPAN-RB 53/2014, domain.md §1.3): ikhtisar eksekutif, BAB I–IV and the PK as
lampiran; BAB III A carries the seven analyses for every sasaran.

Queries: a fixed number whatever the size of the office (see ``tests/laporan``): the Renstra,
its tree, the indicators, ``nilai_indikator`` (4), the PK (3), the budget (5), links and IKU
decisions. Nothing here writes (design.md: ``laporan`` reads, never writes).
"""

from __future__ import annotations

import base64
import datetime
import mimetypes
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from anggaran.selectors import NodeAnggaran, RingkasanAnggaran, ringkasan_anggaran
from kinerja import rumus
from kinerja.models import PerjanjianKinerja, PKAnggaran, PKIndikator, Realisasi
from kinerja.pk.selectors import pk_pihak
from kinerja.selectors import (
    NilaiIndikator,
    capaian_rata_rata,
    nilai_indikator,
    pk_versi_berlaku,
)
from laporan import grafik, kepegawaian, tabel
from laporan import narasi as narasi_mod
from laporan.data import (
    AnggaranPK,
    BarisPK,
    CapaianTerbitLaporan,
    CatatanRealisasi,
    EfisiensiSasaran,
    HasilLHE,
    IndikatorLaporan,
    KegiatanAnggaran,
    KomponenLHE,
    LKjIPData,
    NilaiTahun,
    Pengaturan,
    Penjelasan,
    PerjanjianLaporan,
    ProgramLaporan,
    RekomendasiLHE,
    SasaranLaporan,
    TujuanLaporan,
    VersiPK,
)
from laporan.kalimat import jabatan_lengkap, penyebab_dari_catatan, tulis_kalimat
from laporan.models import BasisEfisiensi, CapaianTerbit, LaporanKinerja
from laporan.organisasi import susun_struktur
from laporan.organisasi import svg as svg_organisasi
from laporan.peringatan import susun_kelengkapan, susun_peringatan
from lke.selectors import hasil_lhe, rekomendasi_terbuka
from renstra.models import (
    Indikator,
    PenetapanIKU,
    Polaritas,
    Renstra,
    Sasaran,
    SasaranProgram,
    Tujuan,
)
from renstra.selectors import renstra_aktif
from sakip.kantor.selectors import pejabat_kantor, pejabat_penandatangan
from sakip.lib.angka import jumlah
from sakip.models import Bidang, Pejabat, PerangkatDaerah

JENJANG_PK = "jpt_pratama"


class LaporanTidakDapatDisusun(Exception):
    """The report cannot be assembled at all (no Renstra covers the year)."""


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
    renstra = _renstra(pd, tahun)
    basis = _basis(laporan, basis_efisiensi)
    rencana = _baca_rencana(renstra)
    pk = _baca_pk(pd, tahun)
    indikator = _susun_indikator(pd, renstra, tahun, rencana.indikator, pk)
    anggaran: RingkasanAnggaran = ringkasan_anggaran(renstra, tahun)
    program = _susun_program(anggaran, rencana.indikator, indikator, pk)
    narasi_raw = _narasi(laporan)
    _isi_catatan_indikator(indikator, narasi_raw, _capaian_terbit(indikator),
                           _tahun_mulai(indikator))
    pejabat = pejabat_kantor(pd)
    tujuan, sasaran = _susun_sasaran(rencana, pk, indikator, program, narasi_raw,
                                     pd.skala_kategori)
    _isi_efisiensi(sasaran, program, anggaran, basis, pd.metode_efisiensi)
    data = _lkjip_data(pd, tahun, renstra, laporan, narasi_raw, basis, pejabat)
    data.tujuan, data.sasaran, data.program = tujuan, sasaran, list(program.values())
    data.pk = _perjanjian(pd, pk, rencana, indikator, pejabat)
    data.anggaran_pagu, data.anggaran_pagu_murni = anggaran.pagu, anggaran.pagu_murni
    data.anggaran_realisasi, data.anggaran_serapan = anggaran.realisasi, anggaran.serapan
    for p in data.program:
        p.kendala = str(((narasi_raw.get("program") or {}).get(str(p.id)) or {})
                        .get("kendala") or "").strip()
    _isi_serapan_rendah(data.program, narasi_raw)
    data.kepegawaian = kepegawaian.kelompok_laporan(kepegawaian.baris_tahun(pd, tahun))
    data.lhe_lalu = _hasil_lhe(pd, tahun - 1)
    data.rekomendasi_terbuka = _rekomendasi_terbuka(pd, tahun)
    data.catatan_reviu_terbuka = _catatan_reviu_terbuka(pd, tahun)
    data.kelengkapan = susun_kelengkapan(data, narasi_raw)
    _isi_penjelasan(data)
    _isi_penjelasan_serapan(data)
    data.peringatan = susun_peringatan(data, anggaran.program)
    # Tables and charts are laid out from the finished data (one numbering for every format);
    # the sentences may then refer to them by number.
    data.tabel = {**kepegawaian.tabel(data), **tabel.susun(data)}
    data.gambar = grafik.susun(data)
    _isi_organisasi(data)
    tulis_kalimat(data)
    return data


# --- reads ------------------------------------------------------------------------------------


def _renstra(pd: PerangkatDaerah, tahun: int) -> Renstra:
    renstra = renstra_aktif(pd, tahun)
    if renstra is None or not (renstra.tahun_awal <= tahun <= renstra.tahun_akhir
                               + renstra.tahun_tambahan):
        raise LaporanTidakDapatDisusun(
            f"{pd.nama} belum memiliki Renstra yang mencakup tahun {tahun}; LKjIP tidak dapat "
            "disusun."
        )
    return renstra


def _basis(laporan: LaporanKinerja | None, basis_efisiensi: str | None) -> str:
    basis = basis_efisiensi or (laporan.basis_efisiensi if laporan else
                                BasisEfisiensi.PROGRAM_PK)
    if basis not in BasisEfisiensi.values:
        raise ValueError(
            f"Basis efisiensi '{basis}' tidak dikenal; pilihan: {', '.join(BasisEfisiensi.values)}"
        )
    return basis


@dataclass
class _Rencana:
    """The plan tree of the Renstra: tujuan, sasaran, their (and the programs') indicators and
    the sasaran ↔ program links."""

    tujuan: list[Tujuan]
    sasaran: list[Sasaran]
    indikator: list[Indikator]
    links: list[tuple[int, int]]


def _baca_rencana(renstra: Renstra) -> _Rencana:
    """4 queries."""
    return _Rencana(
        tujuan=list(Tujuan.objects.filter(renstra=renstra).order_by("urutan", "id")),
        sasaran=list(
            Sasaran.objects.filter(tujuan__renstra=renstra)
            .order_by("tujuan__urutan", "tujuan_id", "urutan", "id")
        ),
        indikator=list(
            Indikator.objects.filter(renstra=renstra)
            .filter(Q(sasaran__isnull=False) | Q(program__isnull=False))
            .order_by("urutan", "id")
        ),
        links=list(
            SasaranProgram.objects.filter(sasaran__tujuan__renstra=renstra)
            .order_by("program__urutan", "program__kode").values_list("sasaran_id", "program_id")
        ),
    )


@dataclass
class _PK:
    """The year's PK of the Kepala (JPT Pratama): every version, the one in force and its
    lines (Tabel A) and budget (Tabel B)."""

    versi: list[PerjanjianKinerja]
    berlaku: PerjanjianKinerja | None
    lines: list[PKIndikator] = field(default_factory=list)
    anggaran: list[PKAnggaran] = field(default_factory=list)

    @property
    def indikator_ids(self) -> set[int]:
        return {line.indikator_id for line in self.lines}


def _baca_pk(pd: PerangkatDaerah, tahun: int) -> _PK:
    """3 queries."""
    versi = list(
        PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun, jenjang=JENJANG_PK,
                                         bidang__isnull=True).order_by("versi")
    )
    pk = _PK(versi=versi, berlaku=pk_versi_berlaku(versi))
    if pk.berlaku is not None:
        pk.lines = list(pk.berlaku.indikator_set.order_by("urutan", "id"))
        pk.anggaran = list(
            pk.berlaku.anggaran_set.select_related("program", "kegiatan", "subkegiatan")
            .order_by("urutan", "id")
        )
    return pk


def _realisasi_tahun_ini(ind_rows: list[Indikator], tahun: int
                         ) -> tuple[dict[int, list[int]], dict[int, list[CatatanRealisasi]]]:
    """The report year's stored rows (1 query): per indicator, the quarters with a value that
    is not verified (so not counted), and the notes written with the verified values, in
    quarter order. Plain values: the other years' figures need no model instances."""
    belum: dict[int, list[int]] = defaultdict(list)
    catatan: dict[int, list[CatatanRealisasi]] = defaultdict(list)
    for ind_id, tw, status, teks, pendukung, penghambat, upaya, sumber in (
        Realisasi.objects.filter(indikator_id__in=[i.pk for i in ind_rows], tahun=tahun)
        .order_by("triwulan")
        .values_list("indikator_id", "triwulan", "status", "catatan", "faktor_pendukung",
                     "faktor_penghambat", "upaya", "sumber_data")
    ):
        if status != Realisasi.Status.DIVERIFIKASI:
            belum[ind_id].append(tw)
        elif any((teks, pendukung, penghambat, upaya)):
            catatan[ind_id].append(CatatanRealisasi(
                triwulan=tw, catatan=teks, faktor_pendukung=pendukung,
                faktor_penghambat=penghambat, upaya=upaya, sumber_data=sumber,
            ))
    return belum, catatan


def _capaian_terbit(indikator: dict[int, IndikatorLaporan]
                    ) -> dict[int, dict[int, CapaianTerbitLaporan]]:
    """Earlier years' capaian as published, per indicator and year (1 query)."""
    out: dict[int, dict[int, CapaianTerbitLaporan]] = defaultdict(dict)
    for c in CapaianTerbit.objects.filter(indikator_id__in=list(indikator)):
        out[c.indikator_id][c.tahun] = CapaianTerbitLaporan(
            tahun=c.tahun, capaian=c.capaian, target=c.target, realisasi=c.realisasi,
            sumber=c.sumber, catatan=c.catatan)
    return out


def _tahun_mulai(indikator: dict[int, IndikatorLaporan]) -> dict[int, int]:
    """The year an IKU came into being: the year of the first IKU decision that names it
    (1 query). Before it the indicator had no target of its own to be measured against."""
    out: dict[int, int] = {}
    rows = (PenetapanIKU.indikator_set.through.objects
            .filter(indikator_id__in=list(indikator))
            .values_list("indikator_id", "penetapaniku__tanggal"))
    for ind_id, tanggal in rows:
        out[ind_id] = min(out.get(ind_id, tanggal.year), tanggal.year)
    return out


def _isi_catatan_indikator(indikator: dict[int, IndikatorLaporan], narasi_raw: dict,
                           terbit: dict[int, dict[int, CapaianTerbitLaporan]],
                           mulai: dict[int, int]) -> None:
    """Kendala and rencana tindak lanjut written per indicator (narasi["indikator"]), the
    published capaian of earlier years, and whether the indicator existed in each year."""
    per = narasi_raw.get("indikator") or {}
    for il in indikator.values():
        teks = per.get(str(il.id)) or {}
        il.kendala = str(teks.get("kendala") or "").strip()
        il.tindak_lanjut = str(teks.get("tindak_lanjut") or "").strip()
        il.terbit = terbit.get(il.id, {})
        il.tahun_mulai = mulai.get(il.id)
        for n in il.tahunan:
            n.terbit = il.terbit.get(n.tahun)
            n.ada = il.tahun_mulai is None or n.tahun >= il.tahun_mulai


def _isi_penjelasan(data: LKjIPData) -> None:
    """Analysis 5 per sasaran: every indicator below its target and every supporting program
    without indicators, each with its kendala and tindak lanjut or their placeholders."""
    kurang = data.kurang
    for s in data.sasaran:
        s.kurang_penyebab = kurang.get(f"sasaran_{s.id}_penyebab")
        inds = s.indikator + [il for p in s.program for il in p.indikator]
        for il in {id(i): i for i in inds}.values():
            if il.di_bawah_target:
                s.penjelasan.append(Penjelasan(
                    judul=f"Indikator {il.uraian}", capaian=il.capaian, kendala=il.kendala,
                    tindak_lanjut=il.tindak_lanjut,
                    kurang_kendala=kurang.get(f"indikator_{il.id}_kendala"),
                    kurang_tindak_lanjut=kurang.get(f"indikator_{il.id}_tindak_lanjut")))
        for p in s.program:
            if not p.indikator:
                s.penjelasan.append(Penjelasan(
                    judul=_nama_program(p) + " (tanpa indikator kinerja program)", capaian=None,
                    kendala=p.kendala, tindak_lanjut="",
                    kurang_kendala=kurang.get(f"program_{p.id}_kendala")))


def _isi_serapan_rendah(program: list[ProgramLaporan], narasi_raw: dict) -> None:
    """Kendala and tindak lanjut of a low serapan, written per program and kegiatan
    (narasi["serapan_program"], narasi["serapan_kegiatan"], as the indicators' are)."""
    per_program = narasi_raw.get("serapan_program") or {}
    per_kegiatan = narasi_raw.get("serapan_kegiatan") or {}
    for p in program:
        for obj, per in ((p, per_program), *((k, per_kegiatan) for k in p.kegiatan)):
            teks = per.get(str(obj.id)) or {}
            obj.kendala_serapan = str(teks.get("kendala") or "").strip()
            obj.tindak_lanjut_serapan = str(teks.get("tindak_lanjut") or "").strip()


def _isi_penjelasan_serapan(data: LKjIPData) -> None:
    """Analysis 5, after the sasaran: every program and kegiatan whose serapan is below
    ``kinerja.rumus.BATAS_SERAPAN_RENDAH``, with its kendala and tindak lanjut or their
    placeholders (the same keys as ``laporan.peringatan``)."""
    kurang = data.kurang
    for p in data.program:
        objek = [("program", p, _nama_program(p))]
        objek += [("kegiatan", k, f"Kegiatan {k.nama}") for k in p.kegiatan]
        for jenis, o, nama in objek:
            if not rumus.serapan_rendah(o.serapan):
                continue
            data.penjelasan_serapan.append(Penjelasan(
                judul=f"{nama} ({o.kode})", capaian=None, serapan=o.serapan,
                kendala=o.kendala_serapan, tindak_lanjut=o.tindak_lanjut_serapan,
                kurang_kendala=kurang.get(f"serapan_{jenis}_{o.id}_kendala"),
                kurang_tindak_lanjut=kurang.get(f"serapan_{jenis}_{o.id}_tindak_lanjut")))


def _isi_organisasi(data: LKjIPData) -> None:
    """BAB I B: the organisation chart from the office's bidang, as Gambar 1.1."""
    data.organisasi = susun_struktur(f"Kepala {data.perangkat_daerah}", data.kepala_nama,
                                     data.bidang)
    if data.organisasi.ada:
        data.gambar.insert(0, grafik.Gambar(
            "organisasi", 1, 1, f"Struktur Organisasi {data.perangkat_daerah}",
            svg_organisasi(data.organisasi),
            f"Susunan organisasi {data.perangkat_daerah}, diolah"))


def _nama_program(p: ProgramLaporan) -> str:
    return p.nama if p.nama.lower().startswith("program") else f"Program {p.nama}"


def _hasil_lhe(pd: PerangkatDaerah, tahun: int) -> HasilLHE | None:
    """The LHE of the previous year with its komponen and recommendations
    (``lke.selectors.hasil_lhe``, prefetched)."""
    h = hasil_lhe(pd, tahun)
    if h is None:
        return None
    out = HasilLHE(tahun=h.tahun, nomor=h.nomor, tanggal=h.tanggal, nilai=h.nilai,
                   predikat=h.predikat)
    out.komponen = [KomponenLHE(kode=k.kode, nama=k.nama, bobot=k.bobot, nilai=k.nilai)
                    for k in h.komponen_set.all()]
    for r in h.rekomendasi_set.all():
        tl = list(r.tindak_lanjut_set.all())
        out.rekomendasi.append(RekomendasiLHE(
            nomor=r.nomor, uraian=r.uraian, status=r.status,
            status_label=r.get_status_display(), tindak_lanjut=tl[-1].uraian if tl else ""))
    return out


def _rekomendasi_terbuka(pd: PerangkatDaerah, tahun: int) -> list[str]:
    """Recommendations not yet settled of the LHEs this report answers (1 query): the LHE of
    year N evaluates the LKjIP N and comes after it, so the LKjIP N answers the LHEs of the years
    before N."""
    return [f"LHE {r.hasil.tahun} nomor {r.nomor}: {r.uraian}"
            for r in rekomendasi_terbuka([pd.pk]) if r.hasil.tahun < tahun]


def _catatan_reviu_terbuka(pd: PerangkatDaerah, tahun: int) -> list[str]:
    """Open review notes of the year (1 query).

    The notes belong to ``dasbor``, a layer above this one, so the module is not imported:
    they are read through the office's reverse relation (the dasbor model names
    ``PerangkatDaerah`` as its owner), which keeps the import graph one-way.
    """
    catatan = getattr(pd, "catatan_reviu_set", None)
    if catatan is None:
        return []
    return [isi for isi in catatan.filter(tahun=tahun, status="terbuka")
            .order_by("id").values_list("isi", flat=True)]


# --- assembly ---------------------------------------------------------------------------------


def _susun_indikator(pd: PerangkatDaerah, renstra: Renstra, tahun: int,
                     ind_rows: list[Indikator], pk: _PK) -> dict[int, IndikatorLaporan]:
    """Every indicator of the report with its values (nilai_indikator: 4 queries, + 1)."""
    tahun_list = renstra.tahun_list
    nilai = nilai_indikator(ind_rows, tahun_list, perangkat_daerah=pd, hanya_terverifikasi=True,
                            dengan_objek=False)
    belum, catatan = _realisasi_tahun_ini(ind_rows, tahun)
    per_ind: dict[int, dict[int, NilaiIndikator]] = defaultdict(dict)
    for (ind_id, t), n in nilai.items():
        per_ind[ind_id][t] = n
    pk_ind_ids = pk.indikator_ids
    out: dict[int, IndikatorLaporan] = {}
    for ind in ind_rows:
        il = _indikator_laporan(ind)
        il.dalam_pk = ind.pk in pk_ind_ids
        il.belum_verifikasi = sorted(belum.get(ind.pk, []))
        il.catatan = catatan.get(ind.pk, [])
        _isi_nilai(il, per_ind.get(ind.pk, {}), tahun, tahun_list, renstra.tahun_akhir,
                   rumus_negatif=ind.rumus_negatif or pd.rumus_negatif)
        out[ind.pk] = il
    return out


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
        _isi_tahun_ini(il, ini)
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


def _isi_tahun_ini(il: IndikatorLaporan, ini: NilaiIndikator) -> None:
    """The report year's target, realisasi and capaian (the notes come with
    :func:`_realisasi_tahun_ini`)."""
    il.target, il.target_teks = ini.target, ini.target_teks
    il.target_tw = list(ini.target_tw)
    il.sumber_target = ini.sumber_target
    il.realisasi, il.realisasi_teks = ini.realisasi, ini.realisasi_teks
    il.realisasi_tw = list(ini.realisasi_tw)
    il.capaian, il.kategori, il.tercapai = ini.capaian, ini.kategori, ini.tercapai


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


def _susun_program(anggaran: RingkasanAnggaran, ind_rows: list[Indikator],
                   indikator: dict[int, IndikatorLaporan], pk: _PK) -> dict[int, ProgramLaporan]:
    """Programs of the budget tree, with their indicators and the PK's Tabel B amounts."""
    program = {node.id: _program_laporan(node) for node in anggaran.program}
    pk_ind_ids = pk.indikator_ids
    for ind in ind_rows:
        if ind.program_id and ind.program_id in program and (
            ind.aktif or ind.pk in pk_ind_ids
        ):
            program[ind.program_id].indikator.append(indikator[ind.pk])
    for row in pk.anggaran:
        if row.program_id in program:
            p = program[row.program_id]
            p.anggaran_pk = (p.anggaran_pk or Decimal(0)) + row.anggaran
    return program


def _susun_sasaran(rencana: _Rencana, pk: _PK, indikator: dict[int, IndikatorLaporan],
                   program: dict[int, ProgramLaporan], narasi_raw: dict, skala: str,
                   ) -> tuple[list[TujuanLaporan], list[SasaranLaporan]]:
    sasaran_program: dict[int, list[int]] = defaultdict(list)
    for s_id, p_id in rencana.links:
        sasaran_program[s_id].append(p_id)
        if p_id in program:
            program[p_id].sasaran_ids.append(s_id)
    narasi_sasaran = narasi_raw.get("sasaran") or {}
    tujuan_map = {t.pk: TujuanLaporan(id=t.pk, kode=t.kode, uraian=t.uraian)
                  for t in rencana.tujuan}
    sasaran_list: list[SasaranLaporan] = []
    for nomor, s in enumerate(rencana.sasaran, start=1):
        tujuan = tujuan_map[s.tujuan_id]
        sl = SasaranLaporan(id=s.pk, nomor=nomor, kode=s.kode, uraian=s.uraian,
                            tujuan=tujuan.uraian, tujuan_id=tujuan.id)
        sl.indikator = _indikator_sasaran(s, rencana.indikator, indikator, pk)
        sl.capaian = capaian_rata_rata(sl.indikator)  # type: ignore[arg-type]
        sl.kategori = rumus.kategori(sl.capaian, skala)
        sl.program = [program[p] for p in sasaran_program.get(s.pk, []) if p in program]
        _isi_narasi_sasaran(sl, narasi_sasaran.get(str(s.pk)) or {})
        tujuan.sasaran.append(sl)
        sasaran_list.append(sl)
    return list(tujuan_map.values()), sasaran_list


def _indikator_sasaran(s: Sasaran, ind_rows: list[Indikator],
                       indikator: dict[int, IndikatorLaporan], pk: _PK) -> list[IndikatorLaporan]:
    """The sasaran's indicators: those of the PK in its order, else the active ones."""
    pk_ind_ids = pk.indikator_ids
    out = [indikator[ind.pk] for ind in ind_rows
           if ind.sasaran_id == s.pk and (ind.pk in pk_ind_ids if pk_ind_ids else ind.aktif)]
    if pk_ind_ids:
        urutan_pk = {line.indikator_id: i for i, line in enumerate(pk.lines)}
        out.sort(key=lambda il: urutan_pk.get(il.id, 10**6))
    return out


def _isi_narasi_sasaran(sl: SasaranLaporan, teks: dict) -> None:
    sl.penyebab = (teks.get("penyebab") or "").strip()
    sl.solusi = (teks.get("solusi") or "").strip()
    sl.standar = (teks.get("standar") or "").strip()
    sl.catatan_program = (teks.get("program") or "").strip()
    if not sl.penyebab:
        sl.penyebab = penyebab_dari_catatan(sl)
        sl.penyebab_dari_catatan = bool(sl.penyebab)


def _isi_efisiensi(sasaran: list[SasaranLaporan], program: dict[int, ProgramLaporan],
                   anggaran: RingkasanAnggaran, basis: str, metode: str) -> None:
    """Analysis 6 per sasaran, on the budget of its supporting programs (domain.md §3 rule 2)
    or, when the report says so, on the whole office's budget."""
    for sl in sasaran:
        if basis == BasisEfisiensi.SELURUH_PD:
            pagu, realisasi = anggaran.pagu, anggaran.realisasi
            kode = [p.kode for p in program.values()]
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


def _perjanjian(pd: PerangkatDaerah, pk: _PK, rencana: _Rencana,
                indikator: dict[int, IndikatorLaporan],
                pejabat: list[Pejabat]) -> PerjanjianLaporan | None:
    """The PK in force as printed in BAB II and the lampiran; its parties are the PK's own or
    the officials in office on its date (``kinerja.pk.selectors.pk_pihak``, the one rule)."""
    berlaku = pk.berlaku
    if berlaku is None:
        return None
    berlaku.perangkat_daerah = pd
    pihak = pk_pihak(berlaku, daftar=pejabat)
    p1, p2 = pihak.pertama, pihak.kedua
    out = PerjanjianLaporan(
        versi=berlaku.versi, jenis_label=berlaku.get_jenis_display(),
        status=berlaku.status, tanggal=berlaku.tanggal, nomor=berlaku.nomor,
        pihak_pertama_nama=p1["nama"],
        pihak_pertama_jabatan=jabatan_lengkap(p1["jabatan"], pd.pemda.nama),
        pihak_pertama_nip=p1["nip"], pihak_pertama_pangkat=p1["pangkat"],
        pihak_kedua_nama=p2["nama"], pihak_kedua_jabatan=p2["jabatan"],
        pihak_kedua_nip=p2["nip"], pihak_kedua_pangkat=p2["pangkat"], id=berlaku.pk,
    )
    sasaran_uraian = {s.pk: s.uraian for s in rencana.sasaran}
    ind_by_id = {i.pk: i for i in rencana.indikator}
    for line in pk.lines:
        ind = ind_by_id.get(line.indikator_id)
        if ind is None:
            continue
        out.baris.append(BarisPK(
            sasaran=sasaran_uraian.get(ind.sasaran_id, ""), indikator=indikator[ind.pk],
            target=line.target_tahunan, target_teks=line.target_tahunan_teks,
            target_tw=line.target_tw_list,
        ))
    for row in pk.anggaran:
        pemilik = row.pemilik
        out.anggaran.append(AnggaranPK(kode=pemilik.kode, uraian=pemilik.nama,
                                       anggaran=row.anggaran, keterangan=row.keterangan))
    for v in pk.versi:
        out.riwayat.append(VersiPK(
            versi=v.versi, jenis=v.jenis, jenis_label=v.get_jenis_display(),
            status=v.status, status_label=v.get_status_display(), tanggal=v.tanggal,
            nomor=v.nomor, alasan=v.get_alasan_display() if v.alasan else "",
            alasan_uraian=v.alasan_uraian, berlaku=v.pk == berlaku.pk,
        ))
    return out


def _narasi_bagian(narasi_raw: dict, pd: PerangkatDaerah, tahun: int) -> dict[str, str]:
    """Report-wide narratives; an empty kata pengantar takes the standard text."""
    narasi = {b.kunci: str(narasi_raw.get(b.kunci) or "").strip() for b in narasi_mod.BAGIAN}
    if not narasi["kata_pengantar"]:
        narasi["kata_pengantar"] = narasi_mod.kata_pengantar_baku(nama_pd=pd.nama, tahun=tahun)
    return narasi


def _logo(pemda) -> str:
    """The pemda logo as a data URI: the same image in the page, the PDF and the Word file,
    without depending on where media files are served from."""
    if not pemda.logo:
        return ""
    try:
        with pemda.logo.open("rb") as f:
            isi = f.read()
    except OSError:
        return ""
    jenis = mimetypes.guess_type(pemda.logo.name)[0] or "image/png"
    return f"data:{jenis};base64,{base64.b64encode(isi).decode()}"


def tanggal_ttd(laporan: LaporanKinerja | None, tanggal: datetime.date | None) -> datetime.date:
    """The date whose Kepala signs the LKjIP: its penetapan date, else the report date printed
    beside the signature, else today (a draft shows who would sign it now)."""
    if laporan is not None and laporan.tanggal_penetapan:
        return laporan.tanggal_penetapan
    return tanggal or timezone.localdate()


def _lkjip_data(pd: PerangkatDaerah, tahun: int, renstra: Renstra,
                laporan: LaporanKinerja | None, narasi_raw: dict, basis: str,
                pejabat: list[Pejabat]) -> LKjIPData:
    """The report's frame: office, signatory, Renstra, settings, narratives (2 queries: bidang
    and IKU decisions); the plan, measurement and budget parts are filled in by the caller."""
    pemda = pd.pemda
    skala = pd.skala_kategori
    tanggal = _tanggal(narasi_raw.get("tanggal"))
    ttd = pejabat_penandatangan(pd, tanggal_ttd(laporan, tanggal), daftar=pejabat)
    kepala = ttd.kepala
    return LKjIPData(
        perangkat_daerah=pd.nama, slug=pd.slug, singkatan=pd.singkatan, pemda=pemda.nama,
        sebutan_kepala_daerah=pemda.sebutan_kepala_daerah,
        kepala_nama=kepala.nama if kepala else "", kepala_nip=kepala.nip if kepala else "",
        kepala_pangkat=kepala.pangkat if kepala else "",
        kepala_jabatan=jabatan_lengkap(ttd.sebutan_kepala, pemda.nama),
        tempat=str(narasi_raw.get("tempat") or pd.tempat or "").strip(),
        tanggal=tanggal, tahun=tahun,
        renstra_awal=renstra.tahun_awal, renstra_akhir=renstra.tahun_akhir,
        renstra_nama=renstra.nama or "Rencana Strategis", renstra_nomor=renstra.nomor_penetapan,
        tahun_list=renstra.tahun_list,
        tahun_analisis=[t for t in renstra.tahun_list if t <= tahun],
        pengaturan=Pengaturan(
            metode_efisiensi=pd.metode_efisiensi, basis_efisiensi=basis,
            basis_label=BasisEfisiensi(basis).label, skala=skala,
            skala_nama=rumus.NAMA_SKALA.get(skala, skala),
            ikhtisar_eksekutif=laporan.ikhtisar_eksekutif if laporan is not None else True,
            rumus_negatif=pd.rumus_negatif,
        ),
        bidang=list(Bidang.objects.filter(perangkat_daerah=pd).order_by("id")
                    .values_list("nama", flat=True)),
        tujuan=[], sasaran=[], program=[], pk=None,
        penetapan_iku=[
            {"nomor": p.nomor, "tanggal": p.tanggal, "keterangan": p.keterangan}
            for p in PenetapanIKU.objects.filter(renstra=renstra).order_by("tanggal", "id")
        ],
        skala_band=list(rumus.SKALA[skala]),
        anggaran_pagu=None, anggaran_pagu_murni=None, anggaran_realisasi=None,
        anggaran_serapan=None,
        narasi=_narasi_bagian(narasi_raw, pd, tahun),
        laporan_id=laporan.pk if laporan else None,
        laporan_versi=laporan.versi if laporan else None,
        laporan_status=laporan.status if laporan else "",
        logo_pemda=_logo(pemda), pemda_id=pemda.pk,
    )
