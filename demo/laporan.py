"""Demo LKjIP 2024 of Dinas Sosial Kabupaten Gowa: the narratives that are not data.

Adapted from the published LKjIP (shared/seeds/lkjip_2024_dinsos_gowa.txt), corrected where the
seed is wrong: the poverty rate years (G-19: 7,42 % is 2023, not 2024), the legal basis of the
organisation (a Peraturan Bupati, not a Peraturan Daerah), and no number that the data already
gives is typed here — capaian, serapan, efisiensi and the budget are generated from the data.
The report stays a draft: the Inspektorat reviews it and the Kepala Dinas signs it in the app.
"""

from __future__ import annotations

from laporan import services
from laporan.models import BerkasLKjIP, LaporanKinerja
from renstra.models import Sasaran

TAHUN = 2024

KATA_PENGANTAR = """\
Segala puji dan syukur kami panjatkan ke hadirat Allah SWT, Tuhan Yang Maha Kuasa, karena atas \
rahmat dan karunia-Nya Laporan Kinerja Instansi Pemerintah (LKjIP) Dinas Sosial Kabupaten Gowa \
Tahun 2024 dapat diselesaikan dengan baik dan tepat waktu. Penyusunan laporan ini merupakan \
amanat Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi \
Pemerintah dan Peraturan Menteri PAN dan RB Nomor 53 Tahun 2014.

Laporan Kinerja menggambarkan capaian kinerja yang telah diperjanjikan dalam Perjanjian Kinerja \
Tahun 2024, sebagai wujud pertanggungjawaban atas pelaksanaan program dan kegiatan selama satu \
tahun, sekaligus bahan evaluasi dan kajian untuk pelaksanaan program dan kegiatan yang akan \
datang.

Semoga laporan ini bermanfaat bagi pihak-pihak yang berkepentingan, khususnya untuk peningkatan \
kinerja Dinas Sosial Kabupaten Gowa di masa mendatang."""

IKHTISAR = """\
Laporan Kinerja Dinas Sosial Kabupaten Gowa Tahun 2024 menyajikan pencapaian sasaran strategis \
“Menurunnya Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)” sebagaimana diperjanjikan dalam \
Perjanjian Kinerja Tahun 2024 yang direvisi pada bulan April 2024, ketika indikator kinerja \
utama diperbaiki menjadi “Jumlah Penurunan PPKS”."""

LATAR_BELAKANG = """\
Laporan kinerja instansi pemerintah merupakan alat penting dalam pengelolaan dan evaluasi \
kinerja organisasi publik. Laporan ini berfungsi sebagai sarana pertanggungjawaban kepada \
masyarakat dan sebagai pedoman perbaikan kinerja pada tahun-tahun berikutnya, dengan \
menunjukkan sejauh mana tujuan dan sasaran yang telah ditetapkan dapat dicapai.

Penyusunan laporan kinerja diatur dalam Peraturan Presiden Nomor 29 Tahun 2014 dan Peraturan \
Menteri PAN dan RB Nomor 53 Tahun 2014, dengan sistematika pendahuluan, perencanaan kinerja, \
akuntabilitas kinerja, dan penutup.

Penyusunan laporan kinerja ini sejalan dengan visi Kabupaten Gowa **“Terwujudnya Masyarakat \
yang Unggul dan Tangguh dengan Tata Kelola Pemerintahan Terbaik”**, yang menekankan tata kelola \
pemerintahan terbaik untuk menunjang kinerja utama.

Dinas Sosial mempunyai tugas utama melaksanakan pelayanan bagi Pemerlu Pelayanan Kesejahteraan \
Sosial (PPKS). Sasaran kinerja utama Dinas Sosial adalah **“Menurunnya Pemerlu Pelayanan \
Kesejahteraan Sosial (PPKS)”**, yang ditunjang oleh program dan kegiatan Dinas Sosial."""

TUGAS_FUNGSI = """\
Kedudukan, susunan organisasi, tugas dan fungsi serta tata kerja Dinas Sosial diatur dengan \
Peraturan Bupati Gowa Nomor 88 Tahun 2021. Dinas Sosial dipimpin oleh Kepala Dinas dan terdiri \
atas satu sekretariat dan empat bidang.

**Kepala Dinas** mempunyai tugas memimpin dan melaksanakan urusan pemerintahan daerah di bidang \
sosial berdasarkan kewenangan dan tugas pembantuan sesuai ketentuan peraturan \
perundang-undangan, dengan fungsi:

- perumusan kebijakan urusan pemerintahan bidang sosial;
- pelaksanaan kebijakan urusan pemerintahan bidang sosial;
- pelaksanaan evaluasi dan pelaporan urusan pemerintahan bidang sosial;
- pelaksanaan administrasi dinas; dan
- pelaksanaan fungsi lain yang diberikan oleh Bupati terkait tugas dan fungsinya.

**Sekretariat** dipimpin oleh Sekretaris yang membantu Kepala Dinas dalam koordinasi kegiatan, \
pelayanan teknis dan administrasi perencanaan dan pelaporan, keuangan, umum dan kepegawaian, \
dengan fungsi pengoordinasian pelaksanaan tugas dalam lingkungan dinas, penyusunan perencanaan \
dan pelaporan, urusan umum dan kepegawaian, serta pengelolaan administrasi keuangan.

**Bidang Pelayanan dan Rehabilitasi Sosial** mengoordinasikan pelayanan dan rehabilitasi sosial \
bagi anak, lanjut usia, penyandang disabilitas dan tuna sosial, melalui perumusan dan \
pelaksanaan kebijakan teknis, evaluasi dan pelaporan, serta administrasi bidangnya.

**Bidang Pemberdayaan Sosial** merencanakan dan melaksanakan pemberdayaan sosial, termasuk \
perizinan dan pembinaan lembaga sosial serta pelestarian nilai kepahlawanan dan kejuangan.

**Bidang Perlindungan dan Jaminan Sosial** merencanakan dan melaksanakan perlindungan sosial, \
meliputi advokasi sosial, perlindungan sosial korban bencana dan jaminan sosial.

**Bidang Penanganan Fakir Miskin** merencanakan dan melaksanakan pelayanan dan pendataan fakir \
miskin serta pengelolaan bantuan bagi fakir miskin."""

SDM = """\
Sumber daya manusia merupakan faktor penting keberhasilan kinerja Dinas Sosial. Per 31 Desember \
2024 Dinas Sosial didukung oleh 28 (dua puluh delapan) orang Aparatur Sipil Negara dan 45 \
(empat puluh lima) orang tenaga non-ASN, termasuk pekerja sosial yang tersebar di seluruh \
bidang."""

ISU_STRATEGIS = """\
Sebagai perangkat daerah penyelenggara urusan wajib pelayanan dasar, Dinas Sosial berperan \
penting dalam mewujudkan visi dan misi Kabupaten Gowa. Isu strategis yang harus dituntaskan \
bersama perangkat daerah lain adalah:

1. **Pengurangan kemiskinan.** Angka kemiskinan Kabupaten Gowa tahun 2023 sebesar 7,42 % turun \
menjadi 6,85 % pada tahun 2024; jumlah penduduk miskin per Maret 2024 sebanyak 55.130 jiwa \
dengan garis kemiskinan Rp 475.303 per kapita per bulan.
2. **Penanganan keterlantaran.** Orang terlantar tidak dapat memenuhi kebutuhan dasarnya karena \
kemiskinan, ketergantungan zat, penyakit kronis, kehilangan keluarga, bencana alam atau konflik \
sosial, dan banyak di antaranya dibawa ke kantor Dinas Sosial.
3. **Disabilitas.** Aksesibilitas dan inklusi penyandang disabilitas dalam pendidikan, \
pekerjaan dan layanan sosial perlu ditingkatkan.
4. **Kapasitas SDM.** Kapasitas pekerja sosial, pendamping dan relawan perlu ditingkatkan agar \
pelayanan profesional dan berkualitas.
5. **Teknologi.** Pemanfaatan teknologi informasi dalam pelayanan sosial, seperti basis data \
terpadu kesejahteraan sosial, untuk meningkatkan efisiensi dan efektivitas.
6. **Anggaran.** Alokasi anggaran untuk bantuan sosial, pemberdayaan masyarakat dan peningkatan \
kapasitas SDM perlu ditingkatkan agar dampaknya lebih besar."""

BAB2 = """\
Perencanaan kinerja membantu organisasi mencapai tujuan strategisnya. Dinas Sosial mengambil \
andil pada visi Kabupaten Gowa **“Terwujudnya Masyarakat yang Unggul dan Tangguh dengan Tata \
Kelola Pemerintahan Terbaik”** dengan misi:

1. Meningkatkan kualitas hidup masyarakat yang unggul dan inklusif.
2. Memperkokoh kemandirian ekonomi daerah berbasis sumber daya lokal dan teknologi.
3. Meningkatkan infrastruktur yang berkualitas, terintegrasi dan berwawasan lingkungan.
4. Mengembangkan tata kelola pemerintahan inovatif melalui reformasi birokrasi dan pelayanan \
publik berkualitas.

Dinas Sosial berkontribusi pada misi kedua melalui peningkatan taraf perekonomian masyarakat, \
dengan tujuan “Menurunkan Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)”. Strategi yang \
ditempuh:

- **Peningkatan kemampuan ekonomi keluarga** melalui pelatihan keterampilan, bantuan modal usaha \
dan pendampingan keluarga miskin;
- **Peningkatan akses pendidikan dan kesehatan** bagi keluarga miskin;
- **Perlindungan sosial yang komprehensif** bagi anak, penyandang disabilitas dan lanjut usia \
terlantar serta keluarga sangat miskin;
- **Penguatan kelembagaan** penanganan masalah kesejahteraan sosial.

Arah kebijakannya adalah terwujudnya satu data PPKS yang valid beserta seluruh kebutuhan dan \
permasalahannya."""

PENYEBAB = """\
Penurunan PPKS pada tahun 2024 melampaui target karena implementasi program kesejahteraan \
sosial yang terintegrasi. Rincian penurunan menurut jenis layanan:

a. Peningkatan kesejahteraan (graduasi dari DTKS melalui musyawarah kelurahan): 200 jiwa;
b. Pemberian permakanan: 170 jiwa;
c. Bantuan alat bantu disabilitas: 7 jiwa;
d. Bimbingan fisik, mental, spiritual dan sosial: 7 jiwa;
e. Akses layanan kesehatan dan pendidikan (rekomendasi KIS dan KIP): 193 jiwa;
f. Penelusuran keluarga: 15 jiwa;
g. Reunifikasi keluarga: 25 jiwa;
h. Rujukan: 36 jiwa.

Faktor yang mendukung keberhasilan:

1. Komitmen yang kuat pemerintah daerah dalam menangani masalah kesejahteraan sosial.
2. Sinergi program pemerintah daerah dan pemerintah pusat.
3. Program perlindungan dan jaminan sosial membantu PPKS memenuhi kebutuhan dasarnya.
4. Program rehabilitasi sosial memulihkan kondisi fisik, psikologis dan sosial PPKS.
5. Program pemberdayaan sosial memberikan keterampilan dan pengetahuan agar PPKS mandiri \
secara ekonomi."""

SOLUSI = """\
- Evaluasi dan perbaikan berkelanjutan atas efektivitas program kesejahteraan sosial;
- Koordinasi dan sinergi antarbidang serta dengan pendamping sosial di kecamatan;
- Pengembangan program yang sesuai kebutuhan PPKS: pemberdayaan ekonomi, pelatihan keterampilan \
dan pendampingan keluarga;
- Peningkatan kesadaran dan partisipasi masyarakat dalam penanganan PPKS."""

STANDAR = """\
Standar Pelayanan Minimal (SPM) Bidang Sosial (Peraturan Pemerintah Nomor 2 Tahun 2018; \
Peraturan Menteri Sosial Nomor 9 Tahun 2018) menjadi acuan kerja Dinas Sosial dalam melayani \
PPKS. Layanan SPM yang diberikan pada tahun 2024:

- rehabilitasi sosial dasar anak terlantar di luar panti: 276 jiwa;
- rehabilitasi sosial dasar lanjut usia terlantar di luar panti: 94 jiwa;
- rehabilitasi sosial dasar penyandang disabilitas terlantar di luar panti: 22 jiwa;
- rehabilitasi sosial dasar gelandangan dan pengemis di luar panti: 61 jiwa;
- perlindungan dan jaminan sosial pada saat dan setelah tanggap darurat bencana: 441 jiwa.

Indikator SPM tersebut belum ditetapkan sebagai indikator kinerja dinas, sehingga \
capaiannya terhadap jumlah warga yang berhak belum disajikan dalam tabel."""

PROGRAM = """\
Program Rehabilitasi Sosial mengembalikan kemampuan PPKS untuk berfungsi secara wajar dalam \
masyarakat: bimbingan fisik, mental, spiritual dan sosial bagi 7 orang, bimbingan sosial bagi \
126 keluarga, fasilitasi dokumen kependudukan bagi 19 orang, akses layanan pendidikan dan \
kesehatan dasar bagi 193 jiwa, penelusuran keluarga 15 orang, reunifikasi 25 orang dan rujukan \
36 orang.

Program Perlindungan dan Jaminan Sosial mengurangi risiko sosial ekonomi: 288 jiwa PPKS \
memperoleh perlindungan dan jaminan sosial (NIK 19 orang, rekomendasi KIS dan KIP 193 orang, \
penelusuran keluarga 15 orang, reunifikasi 25 orang, rujukan 36 orang), di samping program \
bersifat preventif seperti Program Keluarga Harapan dan bantuan pangan non-tunai. Program \
Penanganan Bencana memberi kinerja positif pada pelayanan SPM korban bencana."""

KESIMPULAN = """\
Capaian ini perlu dipertahankan dan ditingkatkan agar manfaatnya bagi masyarakat semakin \
besar, terutama melalui graduasi DTKS yang berkelanjutan."""

LANGKAH = """\
a. Menganalisis faktor-faktor yang berkontribusi terhadap keberhasilan pencapaian target dan \
mereplikasinya pada program lain.
b. Mengevaluasi efektivitas masing-masing program dan kegiatan, termasuk menetapkan indikator \
kinerja untuk Program Pemberdayaan Sosial dan Program Penanganan Bencana.
c. Mencatat indikator SPM bidang sosial sebagai indikator kinerja agar capaiannya terhadap \
jumlah warga yang berhak dapat diukur.
d. Memutakhirkan DTKS secara berkala bersama pemerintah kelurahan/desa untuk mempercepat \
graduasi PPKS.
e. Meningkatkan kapasitas ASN dan tenaga non-ASN melalui bimbingan teknis."""


def extend(*, pd, users, stdout=None) -> LaporanKinerja:
    laporan = services.laporan_create(perangkat_daerah=pd, tahun=TAHUN, user=users["perencana"])
    sasaran = Sasaran.objects.filter(tujuan__renstra__perangkat_daerah=pd).order_by("id").first()
    narasi = {
        "tempat": "Sungguminasa",
        "tanggal": "2025-01-21",
        "kata_pengantar": KATA_PENGANTAR,
        "ikhtisar": IKHTISAR,
        "bab1_latar_belakang": LATAR_BELAKANG,
        "bab1_tugas_fungsi": TUGAS_FUNGSI,
        "bab1_sdm": SDM,
        "bab1_isu_strategis": ISU_STRATEGIS,
        "bab2_pengantar": BAB2,
        "bab4_kesimpulan": KESIMPULAN,
        "bab4_langkah": LANGKAH,
    }
    if sasaran is not None:
        narasi["sasaran"] = {str(sasaran.pk): {"penyebab": PENYEBAB, "solusi": SOLUSI,
                                               "standar": STANDAR, "program": PROGRAM}}
    laporan = services.narasi_update(laporan=laporan, narasi=narasi, user=users["perencana"])
    if stdout:
        stdout.write("Demo LKjIP 2024 (draf) dengan narasi dimuat.\n")
    return laporan


def hapus(pd) -> None:
    """Drop the demo LKjIP, its frozen copies and the cached PDFs (files included)."""
    laporan = list(LaporanKinerja.objects.filter(perangkat_daerah=pd))
    LaporanKinerja.objects.filter(perangkat_daerah=pd).update(berkas_final=None)
    for lap in laporan:
        if lap.snapshot_xlsx:
            lap.snapshot_xlsx.delete(save=False)
    for berkas in BerkasLKjIP.objects.filter(perangkat_daerah=pd):
        if berkas.file:
            berkas.file.delete(save=False)
        berkas.delete()
    LaporanKinerja.objects.filter(perangkat_daerah=pd).delete()
