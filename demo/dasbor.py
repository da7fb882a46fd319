"""Demo additions for the dashboards: what a reviewer finds behind the 2024 IKU figure.

* one evidence file on the IKU's TW IV 2024 realisasi, so the drill-down pemda → office → sasaran
  → IKU → TW IV ends at a document (uploaded through the realisasi pages' own service);
* two catatan reviu of the Inspektorat: an open one on that realisasi, and one on the IKU that
  the perencana has answered (the baseline question of seed check G-03, domain.md §10.2).
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from dasbor import services
from dasbor.models import CatatanReviu
from demo.kinerja import pdf_sederhana
from kinerja.models import BuktiDukung, Realisasi
from kinerja.realisasi.services import bukti_create
from renstra.models import Indikator

TAHUN = 2024
CATATAN_REALISASI = (
    "Realisasi TW IV (178 orang) agar dilengkapi rincian per jenis penanganan PPKS (graduasi "
    "DTKS, permakanan, alat bantu, reunifikasi) sesuai definisi operasional IKU; bukti dukung "
    "yang diunggah baru berupa rekapitulasi."
)
CATATAN_IKU = (
    "Baseline IKU tercatat 2.444 (2021), sedangkan Tabel 3.2 LKjIP 2024 memuat 4.674. Mohon "
    "ditegaskan baseline mana yang dipakai dan dasar penetapannya."
)
JAWABAN_IKU = (
    "Baseline 2.444 adalah kondisi awal IKU \u201cJumlah Penurunan PPKS\u201d (Keputusan Kepala "
    "Dinas No. 400.9/38/DINSOS); angka 4.674 milik IKU lama \u201cJumlah PPKS\u201d. Penjelasan "
    "akan dimuat pada BAB II LKjIP."
)


def hapus(pd) -> None:
    CatatanReviu.objects.filter(perangkat_daerah=pd).delete()


def _bukti(realisasi: Realisasi, user, pd) -> None:
    if BuktiDukung.objects.filter(realisasi=realisasi).exists():
        return
    pdf = pdf_sederhana([
        "Dinas Sosial Kabupaten Gowa",
        "Rekapitulasi penurunan PPKS triwulan IV 2024: 178 orang",
        "Sumber: data olahan Subbag Perencanaan dan Pelaporan; DTKS (contoh bukti dukung demo)",
    ])
    berkas = SimpleUploadedFile("rekap-penurunan-ppks-tw4-2024.pdf", pdf, "application/pdf")
    bukti_create(realisasi=realisasi, berkas=berkas, user=user, pd=pd,
                 alasan="Demo: bukti dukung IKU 2024")


def extend(*, pd, users, stdout=None) -> None:
    iku = (
        Indikator.objects.filter(renstra__perangkat_daerah=pd, is_iku=True, aktif=True)
        .select_related("renstra__perangkat_daerah")
        .order_by("urutan", "id")
        .first()
    )
    if iku is None:
        return
    realisasi = Realisasi.objects.filter(indikator=iku, tahun=TAHUN, triwulan=4).first()
    reviewer = users["inspektorat"]
    if realisasi is not None:
        _bukti(realisasi, users["perencana"], pd)
        services.catatan_create(target=realisasi, isi=CATATAN_REALISASI, user=reviewer,
                                peran="Inspektorat (APIP)")
    catatan = services.catatan_create(target=iku, tahun=TAHUN, isi=CATATAN_IKU, user=reviewer,
                                      peran="Inspektorat (APIP)")
    services.catatan_reply(catatan=catatan, isi=JAWABAN_IKU, user=users["perencana"],
                           dari_kantor=True, peran="Perencana")
    if stdout:
        stdout.write("Demo dasbor: bukti dukung IKU TW IV 2024 dan 2 catatan reviu Inspektorat.\n")
