"""The generated Indonesian sentences of the LKjIP, written from the same values as the tables
(domain.md §9 item 14).

Pure functions of the assembled :class:`~laporan.data.LKjIPData`: no database, every number
formatted by ``sakip.lib.angka``. :func:`tulis_kalimat` fills ``SasaranLaporan.kalimat`` (the
seven analyses of BAB III A, PermenPAN-RB 53/2014) and ``LKjIPData.kalimat`` (ikhtisar
eksekutif, BAB I, BAB II and BAB III B); the tables must already be laid out, because the
sentences cite them by number ("Tabel 2.1").
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from kinerja import rumus
from laporan.data import (
    EfisiensiSasaran,
    IndikatorLaporan,
    LKjIPData,
    ProgramLaporan,
    SasaranLaporan,
)
from laporan.models import BasisEfisiensi
from renstra.models import Polaritas
from sakip.lib.angka import (
    bulatkan,
    format_angka,
    format_persen,
    format_rupiah,
    jumlah,
    terbilang_rupiah,
)
from sakip.lib.periode import format_tanggal
from sakip.models import nama_wilayah

Kalimat = dict[str, list[str]]


def tulis_kalimat(data: LKjIPData) -> None:
    """Write every generated sentence of the report into ``data`` (per sasaran, then global)."""
    for s in data.sasaran:
        s.kalimat = kalimat_sasaran(data, s)
    g: Kalimat = defaultdict(list)
    _kalimat_ikhtisar(data, g)
    _kalimat_bab1_bab2(data, g)
    _kalimat_anggaran(data, g)
    data.kalimat = dict(g)


# --- text helpers ---------------------------------------------------------------------------


def label_kategori(k: rumus.Kategori | None) -> str:
    return k.label if k is not None else "belum dapat dinilai"


def jabatan_lengkap(jabatan: str, nama_pemda: str) -> str:
    """"Kepala Dinas Sosial" → "Kepala Dinas Sosial Kabupaten Gowa" unless the title already
    names the region ("Bupati Gowa")."""
    if not jabatan or nama_wilayah(nama_pemda).lower() in jabatan.lower():
        return jabatan
    return f"{jabatan} {nama_pemda}"


def _bulat(nilai: Decimal | None) -> Decimal:
    return bulatkan(nilai or Decimal(0), 0) or Decimal(0)


NAMA_METODE_EFISIENSI = {
    "EF-SISA": "sisa anggaran",
    "EF-SELISIH": "selisih capaian kinerja dan serapan anggaran",
    "EF-RASIO": "rasio capaian kinerja terhadap serapan anggaran",
}
"""The efficiency methods in words: the report names the method, never its code."""


def nama_metode(metode: str) -> str:
    return NAMA_METODE_EFISIENSI.get(metode, "efisiensi")


def _nilai_efisiensi(metode: str, nilai: Decimal | None) -> str:
    # EF-RASIO is a ratio (1,19), the other methods a percentage (domain.md §3).
    return format_angka(nilai) if metode == "EF-RASIO" else format_persen(nilai)


def _label_tabel(data: LKjIPData, kode: str) -> str:
    t = data.tabel.get(kode)
    return t.label if t is not None else ""


def _polaritas_rumus(il: IndikatorLaporan) -> str:
    return "negatif" if il.polaritas == Polaritas.NEGATIF else "positif"


# --- BAB III A: the seven analyses per sasaran ----------------------------------------------


def kalimat_sasaran(data: LKjIPData, s: SasaranLaporan) -> Kalimat:
    """The sentences of one sasaran, keyed by analysis (capaian, tahunan, renstra, standar,
    efisiensi, program) plus its BAB IV conclusion (kesimpulan)."""
    t = data.tahun
    k: Kalimat = defaultdict(list)
    for il in s.indikator:
        k["capaian"].append(kalimat_capaian(il, t))
        k["tahunan"].append(kalimat_tahunan(il, t))
        k["renstra"].append(kalimat_renstra(il, t, data.renstra_awal))
        k["standar"].append(kalimat_standar(il, data.pengaturan.rumus_negatif))
    if s.efisiensi is not None:
        k["efisiensi"].append(kalimat_efisiensi(s.efisiensi))
    for p in s.program:
        k["program"].append(kalimat_program(p))
    k["kesimpulan"].append(kalimat_kesimpulan(s))
    return dict(k)


def kalimat_capaian(il: IndikatorLaporan, t: int) -> str:
    """Analysis 1: target vs realisasi of the year."""
    if il.capaian is None:
        return (f"Capaian indikator {il.uraian} tahun {t} belum dapat dihitung: target "
                f"{il.dengan_satuan(il.target)}, realisasi {il.dengan_satuan(il.realisasi)}.")
    arah = ("melampaui" if il.capaian > 100 else
            "sama dengan" if il.capaian == 100 else "di bawah")
    return (f"Indikator {il.uraian} pada tahun {t} ditargetkan {il.dengan_satuan(il.target)} "
            f"dan terealisasi {il.dengan_satuan(il.realisasi)}, {arah} target, sehingga "
            f"capaiannya {format_persen(il.capaian)} dengan kategori "
            f"{label_kategori(il.kategori)}.")


def _arah(selisih: Decimal) -> str:
    return "naik" if selisih > 0 else "turun" if selisih < 0 else "tetap"


def kalimat_tahunan(il: IndikatorLaporan, t: int) -> str:
    """Analysis 2: this year against the last earlier year with a verified realisasi."""
    sebelum = [n for n in il.tahunan if n.tahun < t and n.realisasi is not None]
    if il.realisasi is None:
        return f"Realisasi indikator {il.uraian} tahun {t} belum tersedia."
    if not sebelum:
        return (f"Realisasi indikator {il.uraian} tahun-tahun sebelum {t} belum tersedia, "
                "sehingga perbandingan antartahun belum dapat disajikan.")
    lalu = sebelum[-1]
    selisih = il.realisasi - lalu.realisasi
    besar = f" {il.dengan_satuan(abs(selisih))}" if selisih else ""
    nilai_lalu = capaian_tahun(lalu)
    capaian_lalu = (f", capaian {format_persen(nilai_lalu)}"
                    + (" sebagaimana diterbitkan" if lalu.terbit is not None else "")
                    if nilai_lalu is not None else "")
    teks = (f"Dibandingkan tahun {lalu.tahun} (realisasi {il.dengan_satuan(lalu.realisasi)}"
            f"{capaian_lalu}), realisasi tahun {t} {_arah(selisih)}{besar}")
    if nilai_lalu is not None and il.capaian is not None:
        beda = il.capaian - nilai_lalu
        teks += (f" dan capaian {_arah(beda)}"
                 + (f" {format_angka(abs(beda))} poin persen" if beda else ""))
    return teks + "."


def capaian_tahun(n) -> Decimal | None:
    """An earlier year's capaian as the report states it: the published figure when the office
    entered one, none for a year before the indicator existed, else the recomputed one."""
    if n.terbit is not None:
        return n.terbit.capaian
    return n.capaian if n.ada else None


def kalimat_renstra(il: IndikatorLaporan, t: int, renstra_awal: int) -> str:
    """Analysis 3: against the final Renstra target, a flow or a sum over the period
    (domain.md §2.4, §9 item 5)."""
    if il.target_akhir is None or il.realisasi_terhadap_akhir is None:
        return (f"Perbandingan indikator {il.uraian} dengan target akhir Renstra belum dapat "
                "dihitung (target akhir atau realisasi belum tersedia).")
    if il.agregasi_target_akhir == "SUM":
        dasar = (f"realisasi kumulatif {renstra_awal}–{t} sebesar "
                 f"{il.dengan_satuan(il.realisasi_terhadap_akhir)} dibandingkan jumlah target "
                 f"periode Renstra {il.dengan_satuan(il.target_akhir)}")
    else:
        dasar = (f"realisasi tahun {t} sebesar {il.dengan_satuan(il.realisasi_terhadap_akhir)} "
                 f"dibandingkan target akhir Renstra tahun {il.tahun_akhir} sebesar "
                 f"{il.dengan_satuan(il.target_akhir)}")
    selisih = il.realisasi_terhadap_akhir - il.target_akhir
    persen = format_persen(il.capaian_terhadap_akhir)
    if selisih > 0 and il.polaritas != Polaritas.NEGATIF:
        hasil = f"telah melampaui target akhir sebesar {il.dengan_satuan(selisih)} ({persen})"
    elif selisih == 0:
        hasil = "telah mencapai target akhir"
    else:
        hasil = f"mencapai {persen} dari target akhir"
    return f"Untuk indikator {il.uraian}, {dasar}; kinerja ini {hasil}."


def kalimat_standar(il: IndikatorLaporan, rumus_negatif: str) -> str:
    """Analysis 4: against the national standard or SPM, when the indicator has one."""
    if il.standar_nasional is None:
        return (f"Indikator {il.uraian} tidak memiliki standar nasional atau SPM yang "
                "sebanding, sehingga perbandingan ditandai \u201c\u2014\u201d.")
    cap = rumus.capaian(il.standar_nasional, il.realisasi, polaritas=_polaritas_rumus(il),
                        rumus_negatif=rumus_negatif)
    return (f"Realisasi {il.uraian} sebesar {il.dengan_satuan(il.realisasi)} dibandingkan "
            f"standar nasional {il.dengan_satuan(il.standar_nasional)}"
            + (f" ({il.standar_keterangan})" if il.standar_keterangan else "")
            + (f" atau {format_persen(cap)} dari standar." if cap is not None else "."))


def kalimat_efisiensi(e: EfisiensiSasaran) -> str:
    """Analysis 6: the budget behind the sasaran and the efisiensi it gives."""
    if e.serapan is None or e.nilai is None:
        return ("Efisiensi belum dapat dihitung karena capaian kinerja atau serapan anggaran "
                "belum tersedia.")
    basis = ("anggaran program pendukung sasaran ini dalam Perjanjian Kinerja"
             if e.basis == BasisEfisiensi.PROGRAM_PK else "seluruh anggaran perangkat daerah")
    return (f"Atas {basis}, pagu {format_rupiah(e.pagu)} terealisasi "
            f"{format_rupiah(e.realisasi)} ({terbilang_rupiah(_bulat(e.realisasi))}) atau "
            f"serapan {format_persen(e.serapan)}. Dengan capaian kinerja "
            f"{format_persen(e.capaian)}, nilai efisiensi ({nama_metode(e.metode)}) adalah "
            f"{_nilai_efisiensi(e.metode, e.nilai)}: {e.keterangan.lower()}.")


def kalimat_program(p: ProgramLaporan) -> str:
    """Analysis 7: one supporting program, its budget and how many of its indicators made it."""
    bagian = [f"{p.nama} (pagu {format_rupiah(p.pagu)}, realisasi "
              f"{format_rupiah(p.realisasi)}, serapan {format_persen(p.serapan)})"]
    if p.indikator:
        tercapai = [il for il in p.indikator if il.capaian is not None and il.capaian >= 100]
        bagian.append(f"{len(tercapai)} dari {len(p.indikator)} indikator program mencapai "
                      "target")
    else:
        bagian.append("belum memiliki indikator program yang terukur")
    return "; ".join(bagian) + "."


def kalimat_kesimpulan(s: SasaranLaporan) -> str:
    """BAB IV: the conclusion for one sasaran."""
    if s.capaian is None:
        return (f"Capaian sasaran \u201c{s.uraian}\u201d belum dapat dinilai karena realisasi "
                "indikatornya belum tersedia.")
    e = s.efisiensi
    anggaran = ""
    if e and e.serapan is not None and e.nilai is not None:
        anggaran = (f"; serapan anggaran pendukungnya {format_persen(e.serapan)} dan efisiensi "
                    f"{_nilai_efisiensi(e.metode, e.nilai)} ({e.keterangan.lower()})")
    return (f"Sasaran \u201c{s.uraian}\u201d tercapai {format_persen(s.capaian)} dengan kategori "
            f"{label_kategori(s.kategori)}{anggaran}.")


def penyebab_dari_catatan(s: SasaranLaporan) -> str:
    """Analysis 5 drafted from the realisasi notes when the planner has written none."""
    pendukung: list[str] = []
    penghambat: list[str] = []
    upaya: list[str] = []
    for il in s.indikator:
        for c in il.catatan:
            for sumber, tujuan in ((c.faktor_pendukung, pendukung),
                                   (c.faktor_penghambat, penghambat), (c.upaya, upaya)):
                teks = " ".join(sumber.split())
                if teks and teks not in tujuan:
                    tujuan.append(teks)
    bagian = []
    for judul, daftar in (("Faktor pendukung menurut catatan realisasi:", pendukung),
                          ("Faktor penghambat menurut catatan realisasi:", penghambat),
                          ("Upaya yang telah dilakukan:", upaya)):
        if daftar:
            bagian.append(judul)
            bagian.append("\n".join(f"- {t}" for t in daftar))
    return "\n\n".join(bagian)


# --- ikhtisar eksekutif ---------------------------------------------------------------------


def _kalimat_ikhtisar(data: LKjIPData, g: Kalimat) -> None:
    jumlah_ind = len(data.indikator_utama)
    g["ikhtisar"].append(
        f"{data.perangkat_daerah} menjabarkan Renstra {data.renstra_awal}–{data.renstra_akhir} "
        f"ke dalam {len(data.tujuan)} tujuan dan {len(data.sasaran)} sasaran strategis yang "
        f"diukur dengan {jumlah_ind} indikator kinerja pada Perjanjian Kinerja tahun "
        f"{data.tahun}."
    )
    if jumlah_ind:
        per_kat: dict[str, int] = defaultdict(int)
        for il in data.indikator_utama:
            per_kat[label_kategori(il.kategori)] += 1
        rincian = ", ".join(f"{n} indikator berkategori {kat}" for kat, n in per_kat.items())
        g["ikhtisar"].append(f"Hasil pengukuran kinerja tahun {data.tahun}: {rincian}.")
    for s in data.sasaran:
        if len(s.indikator) == 1:
            g["ikhtisar"].extend(s.kalimat.get("capaian", []))
        elif s.capaian is not None:
            g["ikhtisar"].append(
                f"Sasaran \u201c{s.uraian}\u201d diukur dengan {len(s.indikator)} indikator dan "
                f"mencapai capaian rata-rata {format_persen(s.capaian)} (kategori "
                f"{label_kategori(s.kategori)})."
            )
    if data.anggaran_pagu is not None:
        g["ikhtisar"].append(
            f"Anggaran {data.perangkat_daerah} tahun {data.tahun} sebesar "
            f"{format_rupiah(data.anggaran_pagu)} terealisasi "
            f"{format_rupiah(data.anggaran_realisasi)} "
            f"({terbilang_rupiah(_bulat(data.anggaran_realisasi))}) atau "
            f"{format_persen(data.anggaran_serapan)}."
        )
    g["ikhtisar"].extend(_ikhtisar_efisiensi(data))
    g["ikhtisar"].append(_ikhtisar_belum_tercapai(data))


def _ikhtisar_efisiensi(data: LKjIPData) -> list[str]:
    efisiensi = [s for s in data.sasaran if s.efisiensi is not None
                 and s.efisiensi.serapan is not None and s.efisiensi.nilai is not None]
    if len(efisiensi) > 3:
        # A long office: one sentence for all sasaran instead of one each (the table has them).
        nilai = sorted(s.efisiensi.nilai for s in efisiensi)
        metode = efisiensi[0].efisiensi.metode
        efisien = sum(1 for s in efisiensi if s.efisiensi.keterangan == "Efisien")
        return [
            f"Efisiensi penggunaan anggaran ({nama_metode(metode)}) {efisien} dari "
            f"{len(efisiensi)} sasaran "
            f"tergolong efisien, dengan nilai antara {_nilai_efisiensi(metode, nilai[0])} dan "
            f"{_nilai_efisiensi(metode, nilai[-1])} "
            f"({_label_tabel(data, 'T3_5_efisiensi')})."
        ]
    out = []
    for s in efisiensi:
        e = s.efisiensi
        out.append(
            f"Anggaran program pendukung sasaran \u201c{s.uraian}\u201d"
            + (" (basis: seluruh anggaran perangkat daerah)"
               if e.basis == BasisEfisiensi.SELURUH_PD else "")
            + f" sebesar {format_rupiah(e.pagu)} terserap {format_persen(e.serapan)}; dengan "
            f"capaian kinerja {format_persen(e.capaian)}, efisiensinya ({nama_metode(e.metode)}) "
            f"{_nilai_efisiensi(e.metode, e.nilai)} ({e.keterangan.lower()})."
        )
    return out


def _ikhtisar_belum_tercapai(data: LKjIPData) -> str:
    belum = [il for il in data.indikator_utama if il.capaian is not None and il.capaian < 100]
    if not belum:
        return "Seluruh indikator kinerja yang terukur mencapai atau melampaui targetnya."
    sebut = "; ".join(f"{il.uraian} ({format_persen(il.capaian)})" for il in belum[:8])
    if len(belum) > 8:
        sebut += f"; dan {len(belum) - 8} indikator lainnya"
    return f"Indikator yang belum mencapai target ({len(belum)}): {sebut}."


# --- BAB I and BAB II -----------------------------------------------------------------------


def _kalimat_bab1_bab2(data: LKjIPData, g: Kalimat) -> None:
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
    g["iku"].append(_kalimat_iku(data))
    g["pk"].append(_kalimat_pk(data))
    if data.pk is not None:
        g["pk_revisi"].append(_kalimat_pk_revisi(data))


def _kalimat_iku(data: LKjIPData) -> str:
    if not data.penetapan_iku:
        return (f"Indikator Kinerja Utama mengacu pada indikator sasaran Renstra "
                f"({_label_tabel(data, 'T2_2_iku')}).")
    p = data.penetapan_iku[-1]
    teks = (f"Indikator Kinerja Utama (IKU) ditetapkan dengan Keputusan Kepala "
            f"{data.perangkat_daerah} Nomor {p['nomor']} tanggal {format_tanggal(p['tanggal'])}")
    if p.get("keterangan"):
        teks += f" tentang {p['keterangan'].rstrip('.')}"
    return teks + f"; rinciannya disajikan pada {_label_tabel(data, 'T2_2_iku')}."


def _kalimat_pk(data: LKjIPData) -> str:
    pk, t = data.pk, data.tahun
    if pk is None:
        return f"Perjanjian Kinerja tahun {t} belum tersedia."
    teks = (f"Perjanjian Kinerja tahun {t} antara {pk.pihak_pertama_jabatan} sebagai pihak "
            f"pertama dan {pk.pihak_kedua_jabatan} sebagai pihak kedua memuat {len(pk.baris)} "
            f"indikator kinerja ({_label_tabel(data, 'T2_3_pk')})")
    if pk.total_anggaran is not None:
        teks += (f" yang didukung {len(pk.anggaran)} program dengan anggaran "
                 f"{format_rupiah(pk.total_anggaran)} "
                 f"({terbilang_rupiah(_bulat(pk.total_anggaran))}) "
                 f"({_label_tabel(data, 'T2_4_pk_anggaran')})")
    return teks + "."


def _kalimat_pk_revisi(data: LKjIPData) -> str:
    pk, t = data.pk, data.tahun
    if len(pk.riwayat) <= 1:
        return f"Perjanjian Kinerja tahun {t} tidak mengalami perubahan."
    berlaku = next((v for v in pk.riwayat if v.berlaku), pk.riwayat[-1])
    teks = (f"Perjanjian Kinerja tahun {t} mengalami {len(pk.riwayat) - 1} kali perubahan. "
            f"Perjanjian yang berlaku dan menjadi dasar pengukuran adalah "
            f"{_nama_pk(berlaku)} ({berlaku.jenis_label.lower()}"
            + (f", {format_tanggal(berlaku.tanggal)}" if berlaku.tanggal else "") + ")")
    if berlaku.alasan_uraian or berlaku.alasan:
        teks += f" dengan alasan: {(berlaku.alasan_uraian or berlaku.alasan).rstrip('.')}"
    return teks + (". Realisasi yang telah dilaporkan sebelum perubahan tetap "
                   f"diperhitungkan ({_label_tabel(data, 'T2_5_pk_riwayat')}).")


def _nama_pk(v) -> str:
    """A PK is named by its number and date, the way the signed document is cited."""
    if v.nomor:
        return f"Perjanjian Kinerja Nomor {v.nomor}"
    return "perjanjian perubahan terakhir" if v.jenis != "induk" else "perjanjian induk"


# --- BAB III B: the budget --------------------------------------------------------------------


def _kalimat_anggaran(data: LKjIPData, g: Kalimat) -> None:
    if data.anggaran_pagu is None:
        return
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
    elif data.anggaran_pagu_murni is not None:
        # Equal figures do not show that no perubahan happened, only that none was loaded.
        g["anggaran"].append("Pagu yang dimuat: APBD murni; serapan dihitung terhadap pagu "
                             "tersebut.")
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
