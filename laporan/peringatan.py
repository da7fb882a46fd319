"""Draft warnings of the LKjIP: what makes the report weak or wrong (domain.md §9 items 13, 19,
20; §3 rule 2).

Pure rules over the assembled :class:`~laporan.data.LKjIPData` (and the budget tree it was built
from): shown on the draft page and carried by the JSON as ``peringatan``, never printed in the
final PDF. Each rule yields ``Peringatan(kode, pesan)``; the order is the order of the document.
"""

from __future__ import annotations

from django.urls import reverse

from anggaran.selectors import NodeAnggaran
from kinerja import rumus
from kinerja.models import PerjanjianKinerja
from laporan import kepegawaian
from laporan import narasi as narasi_mod
from laporan.data import IndikatorLaporan, Kelengkapan, LKjIPData, Peringatan, SasaranLaporan
from laporan.models import BasisEfisiensi
from sakip.kantor.selectors import Kekurangan
from sakip.lib.angka import format_persen, format_rupiah, jumlah
from sakip.lib.periode import romawi


def susun_peringatan(data: LKjIPData, anggaran_program: list[NodeAnggaran]) -> list[Peringatan]:
    """Every warning of the draft; ``anggaran_program`` is the budget tree down to the sub
    kegiatan (``ringkasan_anggaran(...).program``), whose sums are checked."""
    out: list[Peringatan] = []
    _peringatan_pk(out, data)
    if not data.sasaran:
        out.append(Peringatan("SASARAN_TIDAK_ADA", "Renstra belum memuat sasaran: BAB III A "
                                                    "tidak dapat disusun."))
    for s in data.sasaran:
        _peringatan_sasaran(out, data, s)
    for p in data.program:
        for il in p.indikator:
            _peringatan_indikator(out, il, data.tahun)
    _peringatan_anggaran(out, data, anggaran_program)
    if len(data.penetapan_iku) > 1:
        out.append(Peringatan("IKU_SERING_BERUBAH",
                              f"IKU ditetapkan {len(data.penetapan_iku)} kali dalam periode "
                              "Renstra; LKE menilai IKU yang tidak sering diganti."))
    _peringatan_kelengkapan(out, data)
    for k in data.kelengkapan:
        out.append(Peringatan(kode_kelengkapan(k), k.pesan))
    for isi in data.catatan_reviu_terbuka:
        out.append(Peringatan("CATATAN_REVIU_TERBUKA",
                              f"Catatan reviu Inspektorat tahun {data.tahun} belum selesai "
                              f"ditindaklanjuti: \u201c{isi.strip().rstrip('.')}\u201d."))
    for r in data.rekomendasi_terbuka:
        out.append(Peringatan("REKOMENDASI_LHE_TERBUKA",
                              "Rekomendasi evaluasi AKIP belum selesai ditindaklanjuti: "
                              f"{r.strip().rstrip('.')}."))
    return out


# --- placeholders: what the report still needs -------------------------------------------------

NARASI = "halaman Narasi LKjIP"
PEJABAT = "Pengaturan kantor \u203a Pejabat"
KEPALA_DAERAH = "Pengaturan pemda \u203a Kepala daerah"
PK = "halaman Perjanjian Kinerja"
KEPEGAWAIAN = "halaman Kepegawaian LKjIP"


def kode_kelengkapan(k: Kelengkapan) -> str:
    """The warning code of a placeholder (the codes the JSON has always carried)."""
    if k.kunci == "tanggal":
        return "TANGGAL_KOSONG"
    if k.kunci.startswith(("kepala_", "pk_pertama_", "pk_kedua_")):
        return "PENANDATANGAN_KOSONG"
    if k.kunci in ("pk_nomor", "pk_tanggal"):
        return "PK_NOMOR_KOSONG"
    return "NARASI_KOSONG"


def _url(nama: str, *args) -> str:
    return reverse(nama, args=args)


def susun_kelengkapan(data: LKjIPData, narasi_raw: dict) -> list[Kelengkapan]:
    """Every placeholder of the draft, in the order of the document, each with where it is
    filled in. A statement the data cannot make is never written; it is asked for here."""
    out: list[Kelengkapan] = []
    narasi_url = _url("laporan:narasi", data.slug, data.tahun)
    if data.tanggal is None:
        out.append(Kelengkapan("tanggal", "tanggal laporan", NARASI, narasi_url))
    _kelengkapan_ttd(out, data)
    _kelengkapan_kepegawaian(out, data)
    for b in narasi_mod.BAGIAN:
        if b.wajib and b.kunci != "kata_pengantar" and not data.narasi.get(b.kunci):
            out.append(Kelengkapan(f"narasi_{b.kunci}", b.judul, NARASI, narasi_url))
    for s in data.sasaran:
        if not s.penyebab:
            out.append(Kelengkapan(f"sasaran_{s.id}_penyebab",
                                   f"analisis penyebab keberhasilan/kegagalan sasaran "
                                   f"\u201c{s.uraian}\u201d", NARASI, narasi_url))
        for il in s.indikator + [il for p in s.program for il in p.indikator]:
            _kelengkapan_indikator(out, il, narasi_url)
        for p in s.program:
            if not p.indikator and not p.kendala:
                out.append(Kelengkapan(f"program_{p.id}_kendala",
                                       f"penjelasan program {p.kode} {p.nama} yang tidak "
                                       "memiliki indikator kinerja", NARASI, narasi_url))
    _kelengkapan_serapan(out, data, narasi_url)
    _kelengkapan_pk(out, data)
    unik: dict[str, Kelengkapan] = {}
    for k in out:  # a program supporting two sasaran asks once
        unik.setdefault(k.kunci, k)
    return list(unik.values())


def _kelengkapan_indikator(out: list[Kelengkapan], il: IndikatorLaporan, url: str) -> None:
    if not il.di_bawah_target:
        return
    if not il.kendala:
        out.append(Kelengkapan(f"indikator_{il.id}_kendala",
                               f"kendala/hambatan indikator \u201c{il.uraian}\u201d yang di "
                               "bawah target", NARASI, url))
    if not il.tindak_lanjut:
        out.append(Kelengkapan(f"indikator_{il.id}_tindak_lanjut",
                               f"rencana tindak lanjut indikator \u201c{il.uraian}\u201d",
                               NARASI, url))


def _kelengkapan_kepegawaian(out: list[Kelengkapan], data: LKjIPData) -> None:
    """BAB I's staffing table (counts by golongan and by pendidikan, entered per year)."""
    kurang = kepegawaian.kelompok_kurang(data)
    if kurang:
        out.append(Kelengkapan(
            "kepegawaian", f"jumlah pegawai tahun {data.tahun} menurut {' dan '.join(kurang)}",
            KEPEGAWAIAN, _url("laporan:kepegawaian", data.slug, data.tahun)))


def _kelengkapan_serapan(out: list[Kelengkapan], data: LKjIPData, url: str) -> None:
    """Every program and kegiatan whose serapan is low (kinerja.rumus.serapan_rendah) needs
    its kendala and rencana tindak lanjut in analysis 5."""
    for p in data.program:
        objek = [("program", p, f"program {p.kode} {p.nama}")]
        objek += [("kegiatan", k, f"kegiatan {k.kode} {k.nama}") for k in p.kegiatan]
        for jenis, o, nama in objek:
            if not rumus.serapan_rendah(o.serapan):
                continue
            serapan = format_persen(o.serapan)
            if not o.kendala_serapan:
                out.append(Kelengkapan(f"serapan_{jenis}_{o.id}_kendala",
                                       f"kendala/hambatan serapan anggaran {nama} "
                                       f"({serapan})", NARASI, url))
            if not o.tindak_lanjut_serapan:
                out.append(Kelengkapan(f"serapan_{jenis}_{o.id}_tindak_lanjut",
                                       f"rencana tindak lanjut serapan anggaran {nama}",
                                       NARASI, url))


def _kelengkapan_ttd(out: list[Kelengkapan], data: LKjIPData) -> None:
    url = _url("kantor:pejabat", data.slug)
    jabatan = data.kepala_jabatan
    for kunci, label, nilai in (("nama", "nama", data.kepala_nama),
                                ("nip", "NIP", data.kepala_nip),
                                ("pangkat", "pangkat/golongan", data.kepala_pangkat)):
        if not nilai:
            out.append(Kelengkapan(f"kepala_{kunci}", f"{label} {jabatan}", PEJABAT, url))


def _kelengkapan_pk(out: list[Kelengkapan], data: LKjIPData) -> None:
    pk = data.pk
    if pk is None:
        return
    pk_url = _url("kinerja:pk-detail", data.slug, pk.id) if pk.id else ""
    # A ditetapkan PK no longer changes (its number comes with a revision): then the missing
    # number is a warning (_peringatan_pk), not a placeholder nobody could fill.
    if pk.status != PerjanjianKinerja.Status.DITETAPKAN:
        if not pk.nomor:
            out.append(Kelengkapan("pk_nomor", f"nomor Perjanjian Kinerja {data.tahun}", PK,
                                   pk_url))
        if not pk.tanggal:
            out.append(Kelengkapan("pk_tanggal", f"tanggal Perjanjian Kinerja {data.tahun}",
                                   PK, pk_url))
    pejabat_url = _url("kantor:pejabat", data.slug)
    for kunci, label, nilai in (("nama", "nama", pk.pihak_pertama_nama),
                                ("nip", "NIP", pk.pihak_pertama_nip),
                                ("pangkat", "pangkat/golongan", pk.pihak_pertama_pangkat)):
        if not nilai:
            out.append(Kelengkapan(f"pk_pertama_{kunci}",
                                   f"{label} pihak pertama Perjanjian Kinerja {data.tahun}",
                                   PEJABAT, pejabat_url))
    if not pk.pihak_kedua_nama:
        url = _url("kantor:kepala-daerah", data.pemda_id) if data.pemda_id else ""
        out.append(Kelengkapan("pk_kedua_nama",
                               f"nama {pk.pihak_kedua_jabatan or 'pihak kedua'} (pihak kedua "
                               f"Perjanjian Kinerja {data.tahun})", KEPALA_DAERAH, url))


def _peringatan_pk(out: list[Peringatan], data: LKjIPData) -> None:
    if data.pk is None:
        out.append(Peringatan("PK_TIDAK_ADA", f"Belum ada Perjanjian Kinerja Kepala (JPT "
                                              f"Pratama) tahun {data.tahun}; BAB II dan lampiran "
                                              "PK tidak lengkap."))
    elif data.pk.status != PerjanjianKinerja.Status.DITETAPKAN:
        out.append(Peringatan("PK_BELUM_DITETAPKAN", f"Perjanjian Kinerja {data.tahun} "
                                                     f"({data.pk.jenis_label.lower()}) belum "
                                                     "ditetapkan."))
    elif not data.pk.nomor:
        out.append(Peringatan("PK_NOMOR_KOSONG",
                              f"Perjanjian Kinerja {data.tahun} yang berlaku ditetapkan tanpa "
                              "nomor; Tabel 2.5 mencatatnya \"tanpa nomor\" (PK yang sudah "
                              "ditetapkan tidak diubah). Setiap penetapan kini wajib bernomor."))


def _peringatan_sasaran(out: list[Peringatan], data: LKjIPData, s: SasaranLaporan) -> None:
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
        _peringatan_indikator(out, il, data.tahun)
    if data.pengaturan.basis_efisiensi == BasisEfisiensi.SELURUH_PD:
        # domain.md §3 rule 2: efisiensi belongs to the budget of the supporting programs.
        out.append(Peringatan(
            "EFISIENSI_BASIS_TIDAK_TERKAIT",
            f"Efisiensi sasaran \u201c{s.uraian}\u201d dihitung atas seluruh anggaran "
            f"perangkat daerah ({format_rupiah(data.anggaran_pagu)}), bukan atas anggaran "
            f"program pendukungnya ({format_rupiah(jumlah(p.pagu for p in s.program))}); "
            "anggaran yang tidak terkait sasaran ikut dihitung.",
        ))
    elif s.efisiensi and s.efisiensi.serapan is None and s.program:
        out.append(Peringatan("EFISIENSI_TIDAK_DAPAT_DIHITUNG",
                              f"Efisiensi sasaran \u201c{s.uraian}\u201d tidak dapat "
                              "dihitung: pagu atau realisasi program pendukung kosong."))


def _peringatan_indikator(out: list[Peringatan], il: IndikatorLaporan, tahun: int) -> None:
    if il.target is None and not il.target_teks:
        out.append(Peringatan("TARGET_KOSONG",
                              f"Indikator \u201c{il.uraian}\u201d tidak memiliki target "
                              f"{tahun}."))
    if il.belum_verifikasi:
        tw = ", ".join(romawi(t) for t in il.belum_verifikasi)
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
                              "melebihi 200 %: periksa target dan realisasinya."))


def _peringatan_anggaran(out: list[Peringatan], data: LKjIPData,
                         anggaran_program: list[NodeAnggaran]) -> None:
    """Budget integrity (domain.md §9 item 13): children vs parent, realisasi vs pagu, PK vs
    DPA, and a budget at all."""
    for node in anggaran_program:
        _peringatan_node(out, node)
    for p in data.program:
        if p.anggaran_pk is not None and p.pagu is not None and p.anggaran_pk != p.pagu:
            out.append(Peringatan(
                "PK_ANGGARAN_BERBEDA",
                f"Anggaran {p.kode} {p.nama} pada Perjanjian Kinerja "
                f"{format_rupiah(p.anggaran_pk)} berbeda dari pagu DPA {format_rupiah(p.pagu)}.",
            ))
    if data.anggaran_pagu is None:
        out.append(Peringatan("ANGGARAN_KOSONG", f"Pagu anggaran {data.tahun} belum diisi: BAB "
                                                 "III B tidak dapat disusun."))


def _peringatan_node(out: list[Peringatan], node: NodeAnggaran) -> None:
    for attr, label in (("pagu", "Pagu"), ("realisasi", "Realisasi anggaran")):
        selisih = node.selisih_rincian(attr)
        if selisih is not None:
            nilai, anak = selisih
            out.append(Peringatan(
                "JUMLAH_RINCIAN_BERBEDA",
                f"{label} {node.kode} {node.nama} {format_rupiah(nilai)} berbeda dari "
                f"jumlah rinciannya {format_rupiah(anak)}.",
            ))
    if node.melebihi_pagu:
        out.append(Peringatan(
            "REALISASI_MELEBIHI_PAGU",
            f"Realisasi {node.kode} {node.nama} {format_rupiah(node.realisasi)} melebihi pagu "
            f"{format_rupiah(node.pagu)}.",
        ))
    for c in node.children:
        _peringatan_node(out, c)


def _peringatan_kelengkapan(out: list[Peringatan], data: LKjIPData) -> None:
    """Narratives and completeness of the document (domain.md §9 item 20)."""
    if not data.pengaturan.ikhtisar_eksekutif:
        out.append(Peringatan("IKHTISAR_TIDAK_ADA",
                              "Ikhtisar Eksekutif tidak disertakan; laporan dianjurkan "
                              "memuatnya (PermenPAN-RB 29/2010)."))


def penandatangan_kurang(data: LKjIPData) -> Kekurangan:
    """What the signature blocks lack: the Kepala's name, NIP and pangkat under the report, and
    the two parties of the PK lampiran. A draft warns with it; penetapan is refused with it
    (``laporan.services.laporan_approve``)."""
    kurang = Kekurangan()
    kurang.tambah([label for label, nilai in (("nama", data.kepala_nama),
                                              ("NIP", data.kepala_nip),
                                              ("pangkat/golongan", data.kepala_pangkat))
                   if not nilai], data.kepala_jabatan, data.tanggal)
    pk = data.pk
    if pk is not None:
        kurang.tambah([label for label, nilai in (("nama", pk.pihak_pertama_nama),
                                                  ("NIP", pk.pihak_pertama_nip))
                       if not nilai], f"pihak pertama PK {data.tahun}", pk.tanggal)
        kurang.tambah(["nama"] if not pk.pihak_kedua_nama else [],
                      f"{pk.pihak_kedua_jabatan or 'pihak kedua'} (PK {data.tahun})", pk.tanggal)
    return kurang
