"""The LKjIP tables, laid out once from :class:`~laporan.data.LKjIPData` for every format.

A :class:`Tabel` is a grid of already formatted cells (``sakip.lib.angka``) that also keep their
raw value, so HTML/PDF print exactly the text the XLSX shows and the XLSX keeps real numbers.
Captions are numbered per chapter ("Tabel 3.1"), every table has a "Sumber:" line, and wide
tables are marked landscape (domain.md §7.3, §8.1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kinerja import rumus
from laporan import lebar
from laporan.data import IndikatorLaporan, LKjIPData
from laporan.kalimat import nama_metode
from sakip.lib.angka import KOSONG, bulatkan, format_angka
from sakip.lib.periode import format_tanggal

AGREGASI_LABEL = {
    "SUM": "Kumulatif (jumlah triwulan)", "LAST": "Nilai akhir tahun", "AVG": "Rata-rata",
    "MAX": "Nilai tertinggi", "MIN": "Nilai terendah", "YTD": "Kumulatif s.d. triwulan IV",
}
SIFAT_TARGET_AKHIR = {"SUM": "Kumulatif periode", "LAST": "Target tahun akhir"}


@dataclass
class Sel:
    teks: str
    nilai: object = None
    jenis: str = "teks"  # teks | angka | rupiah | persen | kode | kategori
    desimal: int = 0
    rowspan: int = 1
    colspan: int = 1
    kelas: str = ""

    @property
    def angka(self) -> bool:
        return self.jenis in ("angka", "rupiah", "persen")


@dataclass
class Kepala:
    teks: str
    rowspan: int = 1
    colspan: int = 1
    lebar: str = ""


@dataclass
class Baris:
    sel: list[Sel]
    jenis: str = ""  # "" | grup | jumlah | sub


@dataclass
class Tabel:
    kode: str
    bab: int
    nomor: int
    judul: str
    kepala: list[list[Kepala]]
    baris: list[Baris]
    sumber: str
    catatan: list[str] = field(default_factory=list)
    rumus: str = ""
    lanskap: bool = False
    nomor_kolom: bool = False
    kosong: str = "Tidak ada data."

    @property
    def label(self) -> str:
        return f"Tabel {self.bab}.{self.nomor}"

    @property
    def anchor(self) -> str:
        return f"tabel-{self.bab}-{self.nomor}"

    def _posisi_kepala(self):
        """(header cell, its first leaf column) over the header grid, rowspans included."""
        terisi: dict[tuple[int, int], bool] = {}
        for r, row in enumerate(self.kepala):
            c = 0
            for k in row:
                while terisi.get((r, c)):
                    c += 1
                for dr in range(k.rowspan):
                    for dc in range(k.colspan):
                        terisi[(r + dr, c + dc)] = True
                yield k, c
                c += k.colspan

    @property
    def n_kolom(self) -> int:
        """Number of leaf columns, from the header grid (rowspans included)."""
        return max((c + k.colspan for k, c in self._posisi_kepala()), default=0)

    @property
    def utuh(self) -> bool:
        """Small enough to keep on one page (the PDF moves it whole rather than split it)."""
        return len(self.baris) <= 12

    @property
    def nomor_kolom_list(self) -> list[int]:
        return list(range(1, self.n_kolom + 1))

    @property
    def lebar_kolom(self) -> list[str]:
        """Declared widths of the leaf columns (empty string = automatic)."""
        out: list[str] = [""] * self.n_kolom
        for k, c in self._posisi_kepala():
            if k.colspan == 1 and k.lebar:
                out[c] = k.lebar
        return out


# --- cell helpers ------------------------------------------------------------------------------


def teks(s: object, **kw) -> Sel:
    return Sel(teks="" if s is None else str(s), nilai=s, **kw)


def angka(v: Decimal | None, desimal: int = 0, **kw) -> Sel:
    return Sel(teks=format_angka(v, desimal), nilai=v, jenis="angka", desimal=desimal, **kw)


def rupiah(v: Decimal | None, **kw) -> Sel:
    # Columns are headed "(Rp)", so cells carry the number only, as the seeds print them.
    return Sel(teks=format_angka(v, 0) if v is not None else KOSONG, nilai=v, jenis="rupiah",
               **kw)


def persen(v: Decimal | None, **kw) -> Sel:
    return Sel(teks=format_angka(v, 2), nilai=v, jenis="persen", desimal=2, **kw)


def kategori(k: rumus.Kategori | None, **kw) -> Sel:
    return Sel(teks=k.label if k else KOSONG, nilai=k.label if k else None, jenis="kategori",
               kelas=f"kat kat-{k.kode}" if k else "", **kw)


def nilai_ind(il: IndikatorLaporan, v: Decimal | None, teks_: str = "", **kw) -> Sel:
    """An indicator value: number in its decimals, with a predikat when there is one."""
    if v is None and teks_:
        return Sel(teks=teks_, nilai=teks_, **kw)
    s = angka(v, il.desimal, **kw)
    if teks_:
        s.teks = f"{s.teks} ({teks_})"
    return s


def _sumber_realisasi(data: LKjIPData, inds) -> str:
    sumber = []
    for il in inds:
        if il.sumber_data and il.sumber_data not in sumber:
            sumber.append(il.sumber_data)
    dasar = f"Data realisasi kinerja terverifikasi tahun {data.tahun}, diolah"
    return f"{dasar}; {'; '.join(sumber)}" if sumber else dasar


# --- the tables ----------------------------------------------------------------------------------


class _Penomor:
    def __init__(self) -> None:
        self.n: dict[int, int] = {}

    def __call__(self, bab: int) -> int:
        self.n[bab] = self.n.get(bab, 0) + 1
        return self.n[bab]


def susun(data: LKjIPData) -> dict[str, Tabel]:
    """Every table of the report, keyed by its template id (domain.md §1.3 mapping)."""
    no = _Penomor()
    out: dict[str, Tabel] = {}
    for t in (
        _t2_renstra(data, no), _t2_iku(data, no), _t2_pk(data, no), _t2_pk_anggaran(data, no),
        _t2_pk_riwayat(data, no), _t2_standar(data, no),
        _t3_capaian(data, no), _t3_tahunan(data, no), _t3_renstra(data, no),
        _t3_standar(data, no), _t3_efisiensi(data, no), _t3_program(data, no),
        _t3_pagu(data, no), _t3_anggaran(data, no),
    ):
        if t is not None:
            out[t.kode] = t
            lebar.terapkan(t, metode_efisiensi=data.pengaturan.metode_efisiensi)
    return out


def _t2_renstra(data: LKjIPData, no) -> Tabel:
    tahun = data.tahun_list
    lebar_tahun = f"{30 / max(len(tahun), 1):.1f}%"
    kepala = [
        [Kepala("No", rowspan=2, lebar="4%"), Kepala("Tujuan", rowspan=2, lebar="14%"),
         Kepala("Sasaran", rowspan=2, lebar="14%"),
         Kepala("Indikator Kinerja", rowspan=2, lebar="22%"),
         Kepala("Satuan", rowspan=2, lebar="7%"), Kepala("Kondisi Awal", rowspan=2, lebar="9%"),
         Kepala("Target Kinerja Tahun", colspan=len(tahun))],
        [Kepala(str(t), lebar=lebar_tahun) for t in tahun],
    ]
    baris: list[Baris] = []
    no_ = 0
    for tj in data.tujuan:
        inds = [(s, il) for s in tj.sasaran for il in s.indikator]
        if not inds:
            no_ += 1
            baris.append(Baris([teks(no_, kelas="tengah"), teks(tj.uraian),
                                teks(KOSONG, colspan=4 + len(tahun))]))
            continue
        no_ += 1
        first_tj = True
        for s in tj.sasaran:
            first_s = True
            for il in s.indikator:
                row: list[Sel] = []
                if first_tj:
                    row += [teks(no_, rowspan=len(inds), kelas="tengah"),
                            teks(tj.uraian, rowspan=len(inds))]
                if first_s:
                    row.append(teks(s.uraian, rowspan=len(s.indikator)))
                awal = angka(il.baseline_nilai, il.desimal)
                if il.baseline_tahun and il.baseline_nilai is not None:
                    awal.teks = f"{awal.teks} ({il.baseline_tahun})"
                row += [teks(il.uraian + (" (IKU)" if il.is_iku else "")), teks(il.satuan),
                        awal]
                row += [angka(il.target_per_tahun.get(t), il.desimal) for t in tahun]
                baris.append(Baris(row))
                first_tj = first_s = False
    sumber = f"{data.renstra_nama} {data.renstra_awal}–{data.renstra_akhir}"
    if data.renstra_nomor:
        sumber += f" ({data.renstra_nomor})"
    # Five Renstra years still fit a portrait page; a longer period (plus extra years) not.
    return Tabel("T2_1_renstra", 2, no(2), "Tujuan dan Sasaran Jangka Menengah", kepala, baris,
                 sumber=sumber, lanskap=len(tahun) > 6, nomor_kolom=True)


def _t2_iku(data: LKjIPData, no) -> Tabel:
    kepala = [[Kepala("No", lebar="4%"), Kepala("Sasaran Strategis", lebar="18%"),
               Kepala("Indikator Kinerja Utama", lebar="20%"), Kepala("Satuan", lebar="8%"),
               Kepala("Definisi Operasional dan Cara Pengukuran", lebar="34%"),
               Kepala("Sumber Data", lebar="16%")]]
    baris = []
    n = 0
    for s in data.sasaran:
        for il in s.indikator:
            if not il.is_iku:
                continue
            n += 1
            cara = (il.definisi_operasional.rstrip(".") + ". ") if il.definisi_operasional else ""
            cara += f"Agregasi triwulan: {AGREGASI_LABEL.get(il.agregasi, il.agregasi)}."
            cara += " Polaritas: " + ("semakin tinggi semakin baik." if il.polaritas == "positif"
                                      else "semakin rendah semakin baik."
                                      if il.polaritas == "negatif" else "kualitatif.")
            baris.append(Baris([teks(n, kelas="tengah"), teks(s.uraian), teks(il.uraian),
                                teks(il.satuan), teks(cara.strip()),
                                teks(il.sumber_data or KOSONG)]))
    if data.penetapan_iku:
        p = data.penetapan_iku[-1]
        sumber = (f"Keputusan Kepala {data.perangkat_daerah} Nomor {p['nomor']} tanggal "
                  f"{format_tanggal(p['tanggal'])} tentang Penetapan Indikator Kinerja Utama")
    else:
        sumber = f"{data.renstra_nama} {data.renstra_awal}–{data.renstra_akhir}"
    return Tabel("T2_2_iku", 2, no(2), "Indikator Kinerja Utama", kepala, baris, sumber=sumber,
                 kosong="Belum ada indikator yang ditandai sebagai IKU.")


def _sumber_pk(data: LKjIPData) -> str:
    pk = data.pk
    if pk is None:
        return "Perjanjian Kinerja belum tersedia"
    teks_ = f"Perjanjian Kinerja Tahun {data.tahun} ({pk.jenis_label.lower()})"
    if pk.nomor:
        teks_ += f" Nomor {pk.nomor}"
    if pk.tanggal:
        teks_ += f", {format_tanggal(pk.tanggal)}"
    return teks_


def _t2_pk(data: LKjIPData, no) -> Tabel:
    kepala = [
        [Kepala("No", rowspan=2, lebar="4%"), Kepala("Sasaran Strategis", rowspan=2, lebar="22%"),
         Kepala("Indikator Kinerja", rowspan=2, lebar="26%"),
         Kepala("Satuan", rowspan=2, lebar="8%"), Kepala("Target Tahunan", rowspan=2,
                                                         lebar="10%"),
         Kepala("Target Triwulan", colspan=4)],
        [Kepala("I", lebar="7.5%"), Kepala("II", lebar="7.5%"), Kepala("III", lebar="7.5%"),
         Kepala("IV", lebar="7.5%")],
    ]
    baris = []
    if data.pk is not None:
        grup: dict[str, list] = {}
        for b in data.pk.baris:
            grup.setdefault(b.sasaran, []).append(b)
        n = 0
        for sasaran, rows in grup.items():
            n += 1
            for i, b in enumerate(rows):
                il = b.indikator
                row = []
                if i == 0:
                    row += [teks(n, rowspan=len(rows), kelas="tengah"),
                            teks(sasaran, rowspan=len(rows))]
                row += [teks(il.uraian), teks(il.satuan), nilai_ind(il, b.target, b.target_teks)]
                row += [angka(v, il.desimal) for v in b.target_tw]
                baris.append(Baris(row))
    return Tabel("T2_3_pk", 2, no(2), f"Perjanjian Kinerja Tahun {data.tahun}", kepala, baris,
                 sumber=_sumber_pk(data),
                 catatan=["Target triwulan kosong (—) berarti indikator tidak diukur pada "
                          "triwulan tersebut, bukan nol."],
                 kosong="Perjanjian Kinerja belum tersedia.")


def _t2_pk_anggaran(data: LKjIPData, no) -> Tabel:
    kepala = [[Kepala("No", lebar="6%"), Kepala("Program", lebar="54%"),
               Kepala("Anggaran (Rp)", lebar="22%"), Kepala("Keterangan", lebar="18%")]]
    baris = []
    if data.pk is not None:
        for i, a in enumerate(data.pk.anggaran, start=1):
            baris.append(Baris([teks(i, kelas="tengah"), teks(a.uraian), rupiah(a.anggaran),
                                teks(a.keterangan or "APBD")]))
        if data.pk.anggaran:
            baris.append(Baris([teks("Jumlah", colspan=2), rupiah(data.pk.total_anggaran),
                                teks("")], jenis="jumlah"))
    return Tabel("T2_4_pk_anggaran", 2, no(2),
                 f"Program dan Anggaran Perjanjian Kinerja Tahun {data.tahun}", kepala, baris,
                 sumber=_sumber_pk(data), kosong="Perjanjian Kinerja belum memuat anggaran.")


def _t2_pk_riwayat(data: LKjIPData, no) -> Tabel | None:
    kepala = [[Kepala("No", lebar="8%"), Kepala("Jenis", lebar="12%"),
               Kepala("Tanggal", lebar="14%"), Kepala("Nomor", lebar="14%"),
               Kepala("Status", lebar="12%"), Kepala("Alasan Perubahan", lebar="40%")]]
    baris = []
    if data.pk is not None:
        kurang = data.kurang.get("pk_nomor")
        for i, v in enumerate(data.pk.riwayat, start=1):
            alasan = v.alasan
            if v.alasan_uraian:
                alasan = f"{alasan}: {v.alasan_uraian}" if alasan else v.alasan_uraian
            status = v.status_label + (" (berlaku)" if v.berlaku else "")
            # A signed PK without a number stays so (signed data is never edited): say it.
            nomor = teks(v.nomor or ("tanpa nomor" if v.status == "ditetapkan" else KOSONG))
            if not v.nomor and v.berlaku and kurang is not None:
                nomor = teks(f"perlu dilengkapi: {kurang.apa}", kelas="perlu-dilengkapi")
            baris.append(Baris([teks(i, kelas="tengah"), teks(v.jenis_label),
                                teks(format_tanggal(v.tanggal) if v.tanggal else KOSONG),
                                nomor, teks(status), teks(alasan or KOSONG)]))
    return Tabel("T2_5_pk_riwayat", 2, no(2),
                 f"Riwayat Perubahan Perjanjian Kinerja Tahun {data.tahun}", kepala, baris,
                 sumber=_sumber_pk(data), kosong="Perjanjian Kinerja belum tersedia.")


def _t2_standar(data: LKjIPData, no) -> Tabel:
    kepala = [[Kepala("Nilai Capaian (%)", lebar="40%"), Kepala("Kategori Pencapaian",
                                                                lebar="60%")]]
    baris = [Baris([teks(b.teks, kelas="tengah"), kategori(b.kategori)])
             for b in data.skala_band]
    return Tabel("T2_6_standar", 2, no(2), "Standar Penilaian Kinerja", kepala, baris,
                 sumber=f"Skala penilaian {data.perangkat_daerah}: "
                        f"{data.pengaturan.skala_nama}")


def _t3_capaian(data: LKjIPData, no) -> Tabel:
    kepala = [[Kepala("No", lebar="4%"), Kepala("Sasaran Strategis", lebar="22%"),
               Kepala("Indikator Kinerja", lebar="26%"), Kepala("Satuan", lebar="8%"),
               Kepala(f"Target {data.tahun}", lebar="9%"),
               Kepala(f"Realisasi {data.tahun}", lebar="9%"), Kepala("Capaian (%)", lebar="9%"),
               Kepala("Kategori", lebar="13%")]]
    baris = []
    for s in data.sasaran:
        inds = s.indikator or [None]
        for i, il in enumerate(inds):
            row = []
            if i == 0:
                row += [teks(s.nomor, rowspan=len(inds), kelas="tengah"),
                        teks(s.uraian, rowspan=len(inds))]
            if il is None:
                row.append(teks("Belum ada indikator", colspan=6, kelas="muted"))
            else:
                row += [teks(il.uraian), teks(il.satuan), nilai_ind(il, il.target, il.target_teks),
                        nilai_ind(il, il.realisasi, il.realisasi_teks), persen(il.capaian),
                        kategori(il.kategori)]
            baris.append(Baris(row))
    return Tabel("T3_1_capaian", 3, no(3), f"Target dan Realisasi Kinerja Tahun {data.tahun}",
                 kepala, baris, sumber=_sumber_realisasi(data, data.indikator_utama),
                 nomor_kolom=True)


def _t3_tahunan(data: LKjIPData, no) -> Tabel:
    tahun = data.tahun_analisis
    kepala = [
        [Kepala("Sasaran Strategis", rowspan=2, lebar="14%"),
         Kepala("Indikator Kinerja", rowspan=2, lebar="17%"),
         Kepala("Satuan", rowspan=2, lebar="6%"), Kepala("Kondisi Awal", rowspan=2, lebar="7%"),
         Kepala("Target", colspan=len(tahun)), Kepala("Realisasi", colspan=len(tahun)),
         Kepala("Capaian (%)", colspan=len(tahun))],
        [Kepala(str(t)) for t in tahun] * 3,
    ]
    baris = []
    catatan: list[str] = []
    for s in data.sasaran:
        for i, il in enumerate(s.indikator):
            row = []
            if i == 0:
                row.append(teks(s.uraian, rowspan=len(s.indikator)))
            awal = angka(il.baseline_nilai, il.desimal)
            if il.baseline_tahun and il.baseline_nilai is not None:
                awal.teks = f"{awal.teks} ({il.baseline_tahun})"
            row += [teks(il.uraian), teks(il.satuan), awal]
            per = {n.tahun: n for n in il.tahunan}
            row += [nilai_ind(il, per[t].target if t in per else None,
                              per[t].target_teks if t in per else "") for t in tahun]
            row += [nilai_ind(il, per[t].realisasi if t in per else None,
                              per[t].realisasi_teks if t in per else "") for t in tahun]
            row += [_capaian_tahun(il, per.get(t), t, data.tahun, catatan) for t in tahun]
            baris.append(Baris(row))
    return Tabel(
        "T3_2_multiyear", 3, no(3),
        f"Realisasi dan Capaian Kinerja Tahun {tahun[0]}–{tahun[-1]}" if len(tahun) > 1 else
        f"Realisasi dan Capaian Kinerja Tahun {data.tahun}",
        kepala, baris, sumber=_sumber_realisasi(data, data.indikator_utama),
        catatan=["Realisasi tahun-tahun sebelumnya diambil dari data realisasi "
                 "terverifikasi; \u201c\u2014\u201d berarti data belum tersedia.", *catatan],
        lanskap=True, nomor_kolom=True,
    )


_SUP = str.maketrans("0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def _tanda(catatan: list[str], teks_: str) -> str:
    """Append a footnote and return its superscript mark (numbered in table order); the same
    note for several cells is printed once."""
    for i, c in enumerate(catatan, start=1):
        if c == f"{i}) {teks_}":
            return str(i).translate(_SUP)
    catatan.append(f"{len(catatan) + 1}) {teks_}")
    return str(len(catatan)).translate(_SUP)


def _capaian_tahun(il: IndikatorLaporan, n, t: int, tahun_ini: int,
                   catatan: list[str]) -> Sel:
    """Capaian of one year in Tabel 3.2: an earlier year shows the figure as published when the
    office entered it (with a note when the data gives another), and no capaian at all for a
    year before the indicator existed, rather than one recomputed from figures it never had."""
    if n is None:
        return persen(None)
    if t < tahun_ini and n.terbit is not None:
        sel = persen(n.terbit.capaian)
        hitung = bulatkan(n.capaian, 2) if n.capaian is not None else None
        if hitung != n.terbit.capaian:
            beda = (f"; dihitung dari data realisasi: {format_angka(hitung, 2)} %"
                    if hitung is not None else "")
            sel.teks += _tanda(catatan, (
                f"Capaian {t} indikator \u201c{il.uraian}\u201d sebagaimana diterbitkan dalam "
                f"{n.terbit.sumber}{beda}."
                + (f" {n.terbit.catatan.rstrip('.')}." if n.terbit.catatan else "")))
        return sel
    if not n.ada:
        sel = persen(None)
        sel.teks += _tanda(catatan, (
            f"Indikator \u201c{il.uraian}\u201d ditetapkan sebagai IKU mulai tahun "
            f"{il.tahun_mulai}; capaian sebelum tahun {il.tahun_mulai} tidak dihitung."))
        return sel
    return persen(n.capaian)


def _t3_renstra(data: LKjIPData, no) -> Tabel:
    tahun = data.tahun_analisis
    kepala = [
        [Kepala("No", rowspan=2, lebar="4%"), Kepala("Sasaran Strategis", rowspan=2, lebar="15%"),
         Kepala("Indikator Kinerja", rowspan=2, lebar="18%"),
         Kepala("Satuan", rowspan=2, lebar="6%"),
         Kepala(f"Target Akhir Renstra ({data.renstra_akhir})", rowspan=2, lebar="9%"),
         Kepala("Sifat Target Akhir", rowspan=2, lebar="9%"),
         Kepala("Realisasi Kinerja", colspan=len(tahun)),
         Kepala("Realisasi Dibandingkan", rowspan=2, lebar="9%"),
         Kepala("Capaian thd Target Akhir (%)", rowspan=2, lebar="9%")],
        [Kepala(str(t)) for t in tahun],
    ]
    baris = []
    lewat: list[str] = []
    for s in data.sasaran:
        for i, il in enumerate(s.indikator):
            row = []
            if i == 0:
                row += [teks(s.nomor, rowspan=len(s.indikator), kelas="tengah"),
                        teks(s.uraian, rowspan=len(s.indikator))]
            per = {n.tahun: n for n in il.tahunan}
            row += [teks(il.uraian), teks(il.satuan), angka(il.target_akhir, il.desimal),
                    teks(SIFAT_TARGET_AKHIR.get(il.agregasi_target_akhir,
                                                il.agregasi_target_akhir))]
            row += [angka(per[t].realisasi if t in per else None, il.desimal) for t in tahun]
            capaian_akhir = persen(il.capaian_terhadap_akhir)
            if il.target_akhir_tercapai and data.tahun < data.renstra_akhir:
                capaian_akhir.teks += _tanda(lewat, (
                    f"Target akhir Renstra indikator \u201c{il.uraian}\u201d telah tercapai pada "
                    f"tahun {data.tahun}, tahun ke-{data.tahun - data.renstra_awal + 1} periode "
                    f"Renstra ({format_angka(il.capaian_terhadap_akhir, 2)} % dari target "
                    f"{data.renstra_akhir})."))
            row += [angka(il.realisasi_terhadap_akhir, il.desimal), capaian_akhir]
            baris.append(Baris(row))
    return Tabel(
        "T3_3_renstra", 3, no(3),
        "Realisasi Kinerja terhadap Target Jangka Menengah Renstra", kepala, baris,
        sumber=f"{data.renstra_nama} {data.renstra_awal}–{data.renstra_akhir}; "
               + _sumber_realisasi(data, data.indikator_utama),
        catatan=["Target tahun akhir: realisasi tahun berjalan dibandingkan target tahun "
                 f"{data.renstra_akhir}. Kumulatif periode: jumlah realisasi "
                 f"{data.renstra_awal}–{data.tahun} dibandingkan jumlah target seluruh periode.",
                 *lewat],
        lanskap=True, nomor_kolom=True,
    )


def _t3_standar(data: LKjIPData, no) -> Tabel:
    kepala = [[Kepala("No", lebar="4%"), Kepala("Sasaran Strategis", lebar="18%"),
               Kepala("Indikator Kinerja", lebar="24%"), Kepala("Satuan", lebar="7%"),
               Kepala(f"Realisasi {data.tahun}", lebar="10%"),
               Kepala("Standar Nasional / SPM", lebar="10%"),
               Kepala("Capaian thd Standar (%)", lebar="10%"), Kepala("Keterangan", lebar="17%")]]
    baris = []
    for s in data.sasaran:
        inds = list(s.indikator) + [il for p in s.program for il in p.indikator
                                    if il.is_spm or il.standar_nasional is not None]
        for i, il in enumerate(inds):
            row = []
            if i == 0:
                row += [teks(s.nomor, rowspan=len(inds), kelas="tengah"),
                        teks(s.uraian, rowspan=len(inds))]
            cap = rumus.capaian(
                il.standar_nasional, il.realisasi,
                polaritas="negatif" if il.polaritas == "negatif" else "positif",
                rumus_negatif=data.pengaturan.rumus_negatif,
            ) if il.standar_nasional is not None else None
            ket = il.standar_keterangan or ("Standar Pelayanan Minimal" if il.is_spm else
                                            "Tidak ada standar nasional yang sebanding")
            row += [teks(il.uraian), teks(il.satuan),
                    nilai_ind(il, il.realisasi, il.realisasi_teks),
                    angka(il.standar_nasional, il.desimal), persen(cap), teks(ket)]
            baris.append(Baris(row))
    return Tabel("T3_4_standar", 3, no(3),
                 "Realisasi Kinerja dan Standar Pelayanan Minimal/Standar Nasional", kepala,
                 baris, sumber=_sumber_realisasi(data, data.indikator_utama), nomor_kolom=True)


def _t3_efisiensi(data: LKjIPData, no) -> Tabel:
    metode = data.pengaturan.metode_efisiensi
    label_e = "Indeks Efisiensi" if metode == "EF-RASIO" else "Efisiensi (%)"
    kepala = [
        [Kepala("Sasaran Strategis", rowspan=2, lebar="15%"),
         Kepala("Indikator Kinerja", rowspan=2, lebar="17%"), Kepala("Kinerja", colspan=3),
         Kepala("Anggaran", colspan=3), Kepala(label_e, rowspan=2, lebar="8%"),
         Kepala("Keterangan", rowspan=2, lebar="10%")],
        [Kepala("Target", lebar="7%"), Kepala("Realisasi", lebar="7%"),
         Kepala("Capaian (%)", lebar="7%"), Kepala("Pagu (Rp)", lebar="11%"),
         Kepala("Realisasi (Rp)", lebar="11%"), Kepala("Serapan (%)", lebar="7%")],
    ]
    baris = []
    for s in data.sasaran:
        e = s.efisiensi
        inds = s.indikator or [None]
        n = len(inds)
        for i, il in enumerate(inds):
            row = []
            if i == 0:
                row.append(teks(s.uraian, rowspan=n))
            if il is None:
                row += [teks(KOSONG), teks(KOSONG), teks(KOSONG)]
                row.append(persen(s.capaian))
            else:
                row += [teks(il.uraian), nilai_ind(il, il.target, il.target_teks),
                        nilai_ind(il, il.realisasi, il.realisasi_teks)]
                row.append(persen(il.capaian))
            if i == 0 and e is not None:
                nilai_e = (angka(e.nilai, 2, rowspan=n) if metode == "EF-RASIO"
                           else persen(e.nilai, rowspan=n))
                row += [rupiah(e.pagu, rowspan=n), rupiah(e.realisasi, rowspan=n),
                        persen(e.serapan, rowspan=n), nilai_e, teks(e.keterangan, rowspan=n)]
            baris.append(Baris(row))
        if n > 1:
            # The efisiensi uses the sasaran's mean capaian: show the C that goes into E.
            baris.append(Baris([teks("Capaian sasaran (rata-rata indikator)", colspan=4),
                                persen(s.capaian), teks("", colspan=5)], jenis="sub"))
    catatan = [f"Metode: {nama_metode(metode)}; basis anggaran: "
               f"{data.pengaturan.basis_label.lower()}."]
    if any(len(s.indikator) > 1 for s in data.sasaran):
        catatan.append("Capaian kinerja sasaran = rata-rata capaian indikatornya.")
    return Tabel("T3_5_efisiensi", 3, no(3), "Analisis Efisiensi Penggunaan Sumber Daya "
                 "(Anggaran)", kepala, baris,
                 sumber=f"Data realisasi kinerja dan realisasi anggaran tahun {data.tahun} "
                        ", diolah",
                 catatan=catatan, lanskap=True, nomor_kolom=True,
                 rumus=f"{rumus.RUMUS_EFISIENSI[metode]}; Serapan Anggaran (%) = Realisasi "
                       "Anggaran ÷ Pagu × 100")


def _t3_program(data: LKjIPData, no) -> Tabel:
    kepala = [[Kepala("Sasaran Strategis", lebar="11%"), Kepala("Capaian Sasaran (%)",
                                                                 lebar="6%"),
               Kepala("Program", lebar="13%"), Kepala("Indikator Kinerja Program", lebar="17%"),
               Kepala("Satuan", lebar="5%"), Kepala("Target", lebar="6%"),
               Kepala("Realisasi", lebar="6%"), Kepala("Capaian (%)", lebar="6%"),
               Kepala("Kategori", lebar="8%"), Kepala("Serapan Anggaran (%)", lebar="7%"),
               Kepala("Rencana Tindak Lanjut", lebar="15%")]]
    baris = []
    for s in data.sasaran:
        progs = s.program
        tinggi = sum(max(1, len(p.indikator)) for p in progs) or 1
        first_s = True
        if not progs:
            baris.append(Baris([teks(s.uraian), persen(s.capaian),
                                teks("Belum ada program pendukung", colspan=9, kelas="muted")]))
            continue
        for p in progs:
            inds = p.indikator or [None]
            for i, il in enumerate(inds):
                row = []
                if first_s:
                    row += [teks(s.uraian, rowspan=tinggi), persen(s.capaian, rowspan=tinggi)]
                    first_s = False
                if i == 0:
                    row.append(teks(p.nama, rowspan=len(inds)))
                if il is None:
                    row += [teks("Belum ada indikator program", colspan=6, kelas="muted")]
                else:
                    row += [teks(il.uraian), teks(il.satuan),
                            nilai_ind(il, il.target, il.target_teks),
                            nilai_ind(il, il.realisasi, il.realisasi_teks), persen(il.capaian),
                            kategori(il.kategori)]
                if i == 0:
                    row.append(persen(p.serapan, rowspan=len(inds)))
                row.append(_tindak_lanjut(data, p, il))
                baris.append(Baris(row))
    inds = [il for p in data.program for il in p.indikator]
    return Tabel("T3_6_program", 3, no(3),
                 f"Program Pendukung Pencapaian Perjanjian Kinerja Tahun {data.tahun}", kepala,
                 baris, sumber=_sumber_realisasi(data, inds), lanskap=True, nomor_kolom=True)


def _tindak_lanjut(data: LKjIPData, p, il: IndikatorLaporan | None) -> Sel:
    """The rencana tindak lanjut of a program indicator as written, or its placeholder."""
    if il is None:
        return teks(p.kendala or KOSONG)
    if il.tindak_lanjut:
        return teks(il.tindak_lanjut)
    kurang = data.kurang.get(f"indikator_{il.id}_tindak_lanjut")
    if kurang is not None:
        return teks("perlu dilengkapi: rencana tindak lanjut", kelas="perlu-dilengkapi")
    return teks(KOSONG)


def _t3_pagu(data: LKjIPData, no) -> Tabel:
    kepala = [[Kepala("No", lebar="5%"), Kepala("Kode", lebar="10%"),
               Kepala("Program", lebar="37%"), Kepala("Pagu Murni (Rp)", lebar="16%"),
               Kepala("Pagu Perubahan/Akhir (Rp)", lebar="16%"),
               Kepala("Selisih (Rp)", lebar="16%")]]
    baris = []
    for i, p in enumerate(data.program, start=1):
        selisih = (p.pagu - p.pagu_murni if p.pagu is not None and p.pagu_murni is not None
                   else None)
        baris.append(Baris([teks(i, kelas="tengah"), teks(p.kode, kelas="kode"), teks(p.nama),
                            rupiah(p.pagu_murni), rupiah(p.pagu), rupiah(selisih)]))
    total_selisih = (data.anggaran_pagu - data.anggaran_pagu_murni
                     if data.anggaran_pagu is not None and data.anggaran_pagu_murni is not None
                     else None)
    baris.append(Baris([teks("Jumlah", colspan=3), rupiah(data.anggaran_pagu_murni),
                        rupiah(data.anggaran_pagu), rupiah(total_selisih)], jenis="jumlah"))
    return Tabel("T3_7_pagu", 3, no(3),
                 f"Pagu Anggaran Murni dan Perubahan Tahun {data.tahun}", kepala, baris,
                 sumber=f"DPA dan DPPA {data.perangkat_daerah} Tahun {data.tahun}",
                 catatan=["Pagu perubahan = pagu terakhir tahun berjalan (DPPA, atau DPA bila "
                          "tidak ada perubahan)."])


def _t3_anggaran(data: LKjIPData, no) -> Tabel:
    kepala = [[Kepala("No", lebar="5%"), Kepala("Kode", lebar="12%"),
               Kepala("Uraian", lebar="43%"), Kepala("Pagu (Rp)", lebar="15%"),
               Kepala("Realisasi (Rp)", lebar="15%"), Kepala("Serapan (%)", lebar="10%")]]
    baris = []
    dipakai: set[int] = set()
    n = 0

    def program_rows(p):
        nonlocal n
        n += 1
        baris.append(Baris([teks(n, kelas="tengah"), teks(p.kode, kelas="kode"), teks(p.nama),
                            rupiah(p.pagu), rupiah(p.realisasi), persen(p.serapan)],
                           jenis="sub"))
        for k in p.kegiatan:
            baris.append(Baris([teks(""), teks(k.kode, kelas="kode"),
                                teks(k.nama, kelas="inden"), rupiah(k.pagu),
                                rupiah(k.realisasi), persen(k.serapan)]))

    for s in data.sasaran:
        if not s.program:
            continue
        baris.append(Baris([teks(f"Sasaran: {s.uraian}", colspan=6)], jenis="grup"))
        for p in s.program:
            program_rows(p)
            dipakai.add(p.id)
    lain = [p for p in data.program if p.id not in dipakai]
    if lain:
        if dipakai:
            baris.append(Baris([teks("Program penunjang dan program lainnya", colspan=6)],
                               jenis="grup"))
        for p in lain:
            program_rows(p)
    baris.append(Baris([teks("Jumlah", colspan=3), rupiah(data.anggaran_pagu),
                        rupiah(data.anggaran_realisasi), persen(data.anggaran_serapan)],
                       jenis="jumlah"))
    return Tabel("T3_B_anggaran", 3, no(3), f"Realisasi Anggaran {data.perangkat_daerah} Tahun "
                 f"{data.tahun}", kepala, baris,
                 sumber=f"DPA/DPPA dan laporan realisasi anggaran {data.perangkat_daerah} "
                        f"Tahun {data.tahun}",
                 catatan=["Jumlah dihitung dari seluruh program satu kali, walaupun satu program "
                          "mendukung lebih dari satu sasaran."])


def nilai_xlsx(sel: Sel):
    """The value an XLSX cell holds: numbers rounded half-up as displayed, text otherwise."""
    if sel.jenis in ("angka", "persen") and isinstance(sel.nilai, Decimal | int):
        return bulatkan(sel.nilai, sel.desimal)
    if sel.jenis == "rupiah" and isinstance(sel.nilai, Decimal | int):
        return bulatkan(sel.nilai, 0 if sel.nilai == int(sel.nilai) else 2)
    return sel.teks


def format_xlsx(sel: Sel) -> str | None:
    if sel.jenis == "rupiah" or (sel.jenis == "angka" and sel.desimal == 0):
        return "#,##0"
    if sel.jenis in ("angka", "persen"):
        return "#,##0." + "0" * sel.desimal
    return None

