"""Write the shipped LKE templates (fixtures/lke/*.xlsx) from the text below.

    .venv/bin/python scripts/buat_template_lke.py

The worksheets are data (domain.md §4): this script is where they are reviewed, as text, and the
xlsx files are regenerated from it. Layout: lke/template_io.py. Loading a regenerated file that
did not change in content changes nothing (the template's identity is the hash of its content).
"""

from __future__ import annotations

import os
import sys
from decimal import Decimal
from pathlib import Path

import django

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
os.environ.setdefault("DEBUG", "1")
django.setup()

# The project root is put on the path and Django set up just above.
from lke.template_io import tulis_template  # noqa: E402

# domain.md §4.2: band guidance for A–E answers.
PITA_AE = ("a = > 90 % terpenuhi; b = > 75–90 %; c = > 40–75 %; d = > 10–40 %; "
           "e = ≤ 10 % terpenuhi.")
YT = "Y = ada/terpenuhi; T = tidak ada/tidak terpenuhi."

# --- PermenPAN-RB 88/2021 (domain.md §4.1): komponen → (sub komponen 20/30/50 %) ---------------
KOMPONEN_88 = [
    ("A", "Perencanaan Kinerja", 30),
    ("B", "Pengukuran Kinerja", 30),
    ("C", "Pelaporan Kinerja", 15),
    ("D", "Evaluasi Akuntabilitas Kinerja Internal", 25),
]
SUB_88 = [("1", "Pemenuhan", "0.2"), ("2", "Kualitas", "0.3"), ("3", "Implementasi", "0.5")]
SUB_NAMA_88 = {("C", "3"): "Pemanfaatan", ("D", "3"): "Pemanfaatan"}

# (sub komponen, uraian, tipe, bukti diharapkan, saran)
KRITERIA_88 = [
    ("A.1", "Renstra telah disusun", "Y/T", "Dokumen Renstra dan penetapannya", "renstra_ada"),
    ("A.1", "Renja telah disusun", "Y/T", "Dokumen Renja", ""),
    ("A.1", "Dokumen perencanaan anggaran telah mendukung kinerja", "Y/T",
     "DPA/RKA yang memuat indikator kinerja", ""),
    ("A.1", "Perjanjian Kinerja (PK) telah disusun", "Y/T", "Dokumen PK yang ditandatangani",
     "pk_ditetapkan_tepat_waktu"),
    ("A.1", "Rencana Aksi atas kinerja telah disusun", "Y/T", "Dokumen Rencana Aksi", ""),
    ("A.2", "Dokumen perencanaan kinerja diformalkan dan dipublikasikan tepat waktu", "A-E",
     "Penetapan dan tangkapan layar publikasi beserta tanggalnya", "pk_ditetapkan_tepat_waktu"),
    ("A.2", "Tujuan dan sasaran berorientasi hasil", "A-E", "Renstra dan PK", ""),
    ("A.2", "Indikator kinerja memenuhi kriteria SMART", "A-E",
     "Renstra, PK dan manual IKU", "iku_definisi_operasional"),
    ("A.2", "IKU berkelanjutan (tidak sering diganti dalam satu periode)", "A-E",
     "Renstra dan PK beberapa tahun", ""),
    ("A.2", "Target kinerja achievable dan menantang", "A-E", "Renstra, PK, capaian sebelumnya",
     ""),
    ("A.2", "Kinerja telah di-cascading secara jelas dan logis", "A-E",
     "Pohon kinerja dan cascading", ""),
    ("A.2", "Crosscutting kinerja telah dipetakan", "A-E", "Peta crosscutting", ""),
    ("A.3", "Anggaran mengacu pada kinerja yang ingin dicapai", "A-E", "DPA dan PK", ""),
    ("A.3", "Aktivitas yang dilaksanakan mendukung kinerja", "A-E", "Rencana aksi dan laporan",
     ""),
    ("A.3", "Target kinerja PK digunakan untuk mengukur keberhasilan", "A-E",
     "Laporan pengukuran kinerja", ""),
    ("A.3", "Rencana aksi dipantau secara berkala", "A-E", "Laporan pemantauan rencana aksi", ""),
    ("A.3", "Dokumen perencanaan kinerja direviu secara berkala", "A-E", "Berita acara reviu",
     ""),
    ("B.1", "IKU telah ditetapkan secara formal", "Y/T", "Keputusan penetapan IKU", ""),
    ("B.1", "Definisi operasional dan cara ukur indikator jelas (manual IKU)", "Y/T",
     "Manual IKU", "iku_definisi_operasional"),
    ("B.1", "Terdapat mekanisme pengumpulan data kinerja (SOP)", "Y/T", "SOP pengumpulan data",
     ""),
    ("B.2", "Pimpinan terlibat dalam pengukuran kinerja", "A-E", "Notulen rapat kinerja", ""),
    ("B.2", "Data kinerja relevan dan mendukung capaian", "A-E", "Data dukung realisasi", ""),
    ("B.2", "Pengukuran kinerja dilakukan berkala (bulanan/triwulanan) dan berjenjang", "A-E",
     "Laporan realisasi triwulanan", "realisasi_triwulanan"),
    ("B.2", "Pengumpulan dan pengukuran kinerja memakai aplikasi teknologi informasi", "A-E",
     "Aplikasi e-SAKIP", ""),
    ("B.3", "Pengukuran kinerja dipakai sebagai dasar tunjangan kinerja", "A-E",
     "Dokumen pemberian tunjangan kinerja", ""),
    ("B.3", "Pengukuran kinerja dipakai untuk penyesuaian strategi, kebijakan, aktivitas dan "
     "anggaran", "A-E", "Notulen dan dokumen perubahan anggaran", ""),
    ("B.3", "Terdapat efisiensi penggunaan anggaran dalam mencapai kinerja", "A-E",
     "Analisis efisiensi dalam LKjIP", "efisiensi_dihitung"),
    ("B.3", "Setiap unit dan pegawai peduli pada capaian kinerja", "A-E",
     "Laporan kinerja unit", ""),
    ("C.1", "Laporan Kinerja (LKjIP) telah disusun", "Y/T", "Dokumen LKjIP", ""),
    ("C.1", "Laporan kinerja disusun secara berkala (triwulanan/semesteran)", "Y/T",
     "Laporan kinerja berkala", "realisasi_triwulanan"),
    ("C.1", "Laporan kinerja telah diformalkan dan direviu", "Y/T",
     "LKjIP yang ditandatangani, hasil reviu", ""),
    ("C.1", "Laporan kinerja dipublikasikan dan disampaikan tepat waktu", "Y/T",
     "Bukti publikasi dan tanda terima", "lkjip_ditetapkan_tepat_waktu"),
    ("C.2", "Laporan kinerja disusun sesuai standar PermenPAN-RB 53/2014", "A-E", "LKjIP", ""),
    ("C.2", "Laporan kinerja mengungkap seluruh informasi kinerja yang diperjanjikan", "A-E",
     "LKjIP dan PK", ""),
    ("C.2", "Laporan kinerja membandingkan capaian dengan target tahunan, jangka menengah, "
     "tahun sebelumnya dan standar nasional", "A-E", "LKjIP", ""),
    ("C.2", "Laporan kinerja menyajikan informasi keuangan terkait kinerja", "A-E", "LKjIP", ""),
    ("C.2", "Laporan kinerja menyajikan analisis efisiensi penggunaan sumber daya", "A-E",
     "LKjIP", "efisiensi_dihitung"),
    ("C.2", "Laporan kinerja memuat rekomendasi perbaikan kinerja", "A-E", "LKjIP", ""),
    ("C.3", "Informasi laporan kinerja digunakan pimpinan untuk perbaikan", "A-E",
     "Notulen dan disposisi pimpinan", ""),
    ("C.3", "Informasi laporan kinerja digunakan untuk penyesuaian aktivitas dan anggaran", "A-E",
     "Dokumen perubahan anggaran", ""),
    ("C.3", "Informasi laporan kinerja digunakan dalam perencanaan berikutnya", "A-E",
     "Renja tahun berikutnya", ""),
    ("D.1", "Terdapat pedoman evaluasi akuntabilitas kinerja internal", "Y/T",
     "Pedoman evaluasi", ""),
    ("D.1", "Evaluasi internal dilaksanakan pada seluruh unit kerja", "Y/T",
     "Laporan evaluasi internal", ""),
    ("D.1", "Evaluasi internal dilaksanakan secara berjenjang", "Y/T", "Laporan berjenjang", ""),
    ("D.2", "Evaluasi internal memberikan pendalaman yang memadai", "A-E", "Kertas kerja", ""),
    ("D.2", "Evaluasi internal dilaksanakan sesuai pedoman", "A-E", "Kertas kerja", ""),
    ("D.2", "Evaluasi internal memakai teknologi informasi", "A-E", "Aplikasi", ""),
    ("D.3", "Rekomendasi hasil evaluasi ditindaklanjuti", "A-E",
     "Laporan tindak lanjut rekomendasi", ""),
    ("D.3", "Terdapat peningkatan implementasi SAKIP", "A-E", "Hasil evaluasi tahun-tahun", ""),
    ("D.3", "Hasil evaluasi dimanfaatkan untuk perbaikan dan efisiensi", "A-E",
     "Dokumen perbaikan", ""),
]

# Kerangka logis of the criterion kind: (criterion, capped by criterion, message).
KL_KRITERIA_88 = [
    ("A.2.1", "A.1.1", "dokumen diformalkan padahal Renstra tidak ada"),
    ("B.2.3", "B.1.3", "pengukuran berkala dinilai padahal mekanisme pengumpulan data tidak ada"),
    *[(f"C.2.{i}", "C.1.1", "Laporan Kinerja tidak ada") for i in range(1, 7)],
    ("D.3.1", "D.1.2", "tindak lanjut dinilai padahal evaluasi internal tidak dilaksanakan"),
]


def _kriteria_88():
    nomor: dict[str, int] = {}
    for sub, uraian, tipe, bukti, saran in KRITERIA_88:
        nomor[sub] = nomor.get(sub, 0) + 1
        penjelasan = YT if tipe == "Y/T" else PITA_AE
        yield [f"{sub}.{nomor[sub]}", sub, uraian, tipe, "", penjelasan, bukti, saran]


def _sub_88():
    for kode, nama, bobot in KOMPONEN_88:
        yield [kode, "", nama, bobot]
        for s, sub_nama, bagian in SUB_88:
            nama_sub = SUB_NAMA_88.get((kode, s), sub_nama)
            yield [f"{kode}.{s}", kode, nama_sub, float(Decimal(bobot) * Decimal(bagian))]


def _kerangka_88():
    kode_kriteria = [r[0] for r in _kriteria_88()]
    for kode, *_ in KOMPONEN_88:
        for k in kode_kriteria:
            if k.startswith(f"{kode}.3."):
                yield [k, "", f"{kode}.1", "nilai implementasi melebihi rata-rata pemenuhan"]
    for k, acuan, pesan in KL_KRITERIA_88:
        yield [k, acuan, "", pesan]


# --- PermenPAN-RB 12/2015 (domain.md §4.4; for reading LHEs before 2021) -----------------------
# Pelaporan 3 / 7,5 / 4,5 and Capaian output 7,5 + outcome 12,5 are one of the two variants the
# sources give (the other: 3 / 8 / 4 and 5 / 10 / 5) — UNVERIFIED, stated in the sheet.
SUB_12 = [
    ("1", "", "Perencanaan Kinerja", 30),
    ("1.a.1", "1", "Renstra — Pemenuhan", 2),
    ("1.a.2", "1", "Renstra — Kualitas", 5),
    ("1.a.3", "1", "Renstra — Implementasi", 3),
    ("1.b.1", "1", "Perencanaan Kinerja Tahunan — Pemenuhan", 4),
    ("1.b.2", "1", "Perencanaan Kinerja Tahunan — Kualitas", 10),
    ("1.b.3", "1", "Perencanaan Kinerja Tahunan — Implementasi", 6),
    ("2", "", "Pengukuran Kinerja", 25),
    ("2.1", "2", "Pemenuhan", 5),
    ("2.2", "2", "Kualitas", 12.5),
    ("2.3", "2", "Implementasi", 7.5),
    ("3", "", "Pelaporan Kinerja", 15),
    ("3.1", "3", "Pemenuhan", 3),
    ("3.2", "3", "Penyajian Informasi Kinerja", 7.5),
    ("3.3", "3", "Pemanfaatan Informasi Kinerja", 4.5),
    ("4", "", "Evaluasi Internal", 10),
    ("4.1", "4", "Pemenuhan", 2),
    ("4.2", "4", "Kualitas", 5),
    ("4.3", "4", "Implementasi", 3),
    ("5", "", "Capaian Kinerja", 20),
    ("5.1", "5", "Kinerja yang dilaporkan (output)", 7.5),
    ("5.2", "5", "Kinerja yang dilaporkan (outcome)", 12.5),
]
KRITERIA_12 = [
    ("1.a.1", "Renstra telah disusun", "Y/T"),
    ("1.a.1", "Renstra memuat tujuan, sasaran, indikator dan target jangka menengah", "Y/T"),
    ("1.a.2", "Tujuan dan sasaran Renstra berorientasi hasil", "A-E"),
    ("1.a.2", "Indikator kinerja Renstra memenuhi kriteria SMART", "A-E"),
    ("1.a.3", "Renstra menjadi acuan penyusunan rencana kinerja tahunan", "A-E"),
    ("1.b.1", "Rencana kinerja tahunan dan PK telah disusun", "Y/T"),
    ("1.b.2", "Sasaran dan indikator kinerja tahunan berkualitas", "A-E"),
    ("1.b.3", "Target kinerja tahunan dipantau pencapaiannya", "A-E"),
    ("2.1", "IKU telah ditetapkan", "Y/T"),
    ("2.2", "Pengukuran kinerja dilakukan berkala dan berjenjang", "A-E"),
    ("2.3", "Hasil pengukuran kinerja dimanfaatkan", "A-E"),
    ("3.1", "Laporan kinerja telah disusun dan disampaikan tepat waktu", "Y/T"),
    ("3.2", "Laporan kinerja menyajikan informasi yang memadai", "A-E"),
    ("3.3", "Informasi laporan kinerja dimanfaatkan", "A-E"),
    ("4.1", "Evaluasi internal telah dilaksanakan", "Y/T"),
    ("4.2", "Evaluasi internal dilaksanakan secara memadai", "A-E"),
    ("4.3", "Hasil evaluasi internal ditindaklanjuti", "A-E"),
    ("5.1", "Target kinerja output tercapai", "A-E"),
    ("5.2", "Target kinerja outcome tercapai", "A-E"),
]
KL_12 = [("3.2.1", "3.1.1", "Laporan Kinerja tidak ada")]


def _kriteria_12():
    nomor: dict[str, int] = {}
    for sub, uraian, tipe in KRITERIA_12:
        nomor[sub] = nomor.get(sub, 0) + 1
        yield [f"{sub}.{nomor[sub]}", sub, uraian, tipe, "", YT if tipe == "Y/T" else PITA_AE,
               "", ""]


def _kerangka_12():
    for sub in ("1.a", "1.b"):
        yield [f"{sub}.3.1", "", f"{sub}.1", "nilai implementasi melebihi rata-rata pemenuhan"]
    for k in ("2.3.1", "4.3.1"):
        yield [k, "", f"{k[0]}.1", "nilai implementasi melebihi rata-rata pemenuhan"]
    for k, acuan, pesan in KL_12:
        yield [k, acuan, "", pesan]


# --- writing ----------------------------------------------------------------------------------

def tulis(path: Path, *args) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(tulis_template(*args))


def main() -> None:
    keluar = AKAR / "fixtures" / "lke"
    tulis(keluar / "lke_88_2021.xlsx", "LKE AKIP PermenPAN-RB 88/2021",
                   "Empat komponen 30/30/15/25, masing-masing Pemenuhan 20 %, Kualitas 30 %, "
                   "Implementasi/Pemanfaatan 50 %.",
                   _sub_88(), _kriteria_88(), _kerangka_88())
    tulis(keluar / "lke_12_2015.xlsx", "LKE AKIP PermenPAN-RB 12/2015",
                   "Struktur lama untuk membaca LHE sebelum 2021. Bobot sub komponen Pelaporan "
                   "(3/7,5/4,5) dan Capaian (output 7,5 + outcome 12,5) memakai salah satu dari "
                   "dua varian sumber (varian lain 3/8/4 dan 5/10/5): BELUM TERVERIFIKASI.",
                   ([k, i, n, b] for k, i, n, b in SUB_12), _kriteria_12(), _kerangka_12())
    print(f"Ditulis: {keluar}/lke_88_2021.xlsx, {keluar}/lke_12_2015.xlsx")


if __name__ == "__main__":
    main()
