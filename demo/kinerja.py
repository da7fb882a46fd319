"""Demo additions for the realisasi pages: the year 2025 in progress.

2024 stays exactly as the LKjIP publishes it (the LKjIP demo uses it). 2025 is the year the staff
pages are about: Renstra 2022–2026 targets for each bidang's program indicators (the LKjIP
publishes only 2024's, so 2025's are illustrative), one kegiatan indicator per reporting bidang
(a count for Rehabilitasi Sosial, a numerator/denominator percentage for Perlindungan dan Jaminan
Sosial), triwulan I entered, evidenced and verified, then closed, and triwulan II open for input.
No PK 2025 is made here (that is the PK builder's), so 2025 targets come from the Renstra.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.models import BuktiDukung
from kinerja.realisasi import services as realisasi_services
from kinerja.realisasi.services import Entri, bukti_create, realisasi_save
from renstra import services as renstra_services
from renstra.models import Agregasi, Indikator, JenisNilai, Kegiatan, Polaritas
from sakip.models import Bidang

D = Decimal
TAHUN = 2025
ALASAN = "Demo: target Renstra 2025 ilustratif"

# Program indicator (uraian) → 2025 Renstra target (%); illustrative, close to 2024's.
TARGET_PROGRAM_2025 = {
    "Persentase PPKS yang Mendapatkan Pelayanan Rehabilitasi": D("14"),
    "Persentase PPKS yang Memperoleh Bantuan Pangan": D("10"),
    "Persentase PPKS yang Memperoleh Jaminan Sosial": D("14"),
    "Persentase Data PPKS yang Terdaftar dalam Data DTKS": D("16"),
}
# TW I 2025 (LAST indicators: the state at the end of the quarter).
REALISASI_TW1 = {
    "Persentase PPKS yang Mendapatkan Pelayanan Rehabilitasi": D("12.5"),
    "Persentase PPKS yang Memperoleh Bantuan Pangan": D("9.2"),
    "Persentase PPKS yang Memperoleh Jaminan Sosial": D("13.1"),
    "Persentase Data PPKS yang Terdaftar dalam Data DTKS": D("15.2"),
}
IND_PERMAKANAN = ("Jumlah Penyandang Disabilitas, Anak dan Lanjut Usia Terlantar yang Mendapatkan "
                  "Permakanan")
IND_VERIFIKASI = "Persentase Data Fakir Miskin yang Terverifikasi dan Tervalidasi"


def pdf_sederhana(baris: list[str]) -> bytes:
    """A small valid one-page PDF (text in Helvetica) for demo and test evidence."""
    teks = " ".join(
        f"({b.replace(chr(92), '').replace('(', '[').replace(')', ']')}) Tj 0 -18 Td"
        for b in baris
    )
    stream = f"BT /F1 12 Tf 60 780 Td {teks} ET".encode("latin-1", "replace")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            ).encode()
    return bytes(out)


def bukti_demo(realisasi, *, user, pd, nama_berkas: str, baris: list[str],
               alasan: str = "Demo: bukti dukung") -> None:
    """A generated one-page PDF as the value's evidence (the office requires evidence for IKU
    before submit and verification); nothing when the value already has evidence."""
    if BuktiDukung.objects.filter(realisasi=realisasi).exists():
        return
    berkas = SimpleUploadedFile(nama_berkas, pdf_sederhana(baris), "application/pdf")
    bukti_create(realisasi=realisasi, berkas=berkas, user=user, pd=pd, alasan=alasan)


def hapus(pd) -> None:
    """Evidence files go with their rows (the rows cascade when the core deletes realisasi)."""
    for b in BuktiDukung.objects.filter(realisasi__indikator__renstra__perangkat_daerah=pd):
        if b.file:
            b.file.storage.delete(b.file.name)


def extend(*, pd, users, stdout=None) -> None:
    perencana = users["perencana"]
    renstra = pd.renstra_set.order_by("-tahun_awal").first()
    if renstra is None or TAHUN not in renstra.tahun_list:
        return
    program_ind = {
        i.uraian: i for i in Indikator.objects.filter(renstra=renstra, program__isnull=False)
    }
    renstra_services.target_save(entri=[
        renstra_services.EntriTarget(program_ind[uraian], TAHUN, nilai)
        for uraian, nilai in TARGET_PROGRAM_2025.items() if uraian in program_ind
    ], user=perencana, alasan=ALASAN)
    bidang = {b.singkatan: b for b in Bidang.objects.filter(perangkat_daerah=pd)}
    kegiatan = {k.kode: k for k in Kegiatan.objects.filter(program__renstra=renstra)}
    baru = {}
    if "1.06.04.2.01" in kegiatan and "PRS" in bidang:
        baru["prs"] = renstra_services.indikator_create(
            renstra=renstra, kegiatan=kegiatan["1.06.04.2.01"], uraian=IND_PERMAKANAN,
            satuan="Orang", polaritas=Polaritas.POSITIF, agregasi=Agregasi.SUM, desimal=0,
            bidang=bidang["PRS"], urutan=30, user=perencana,
            sumber_data="Laporan Bidang Pelayanan dan Rehabilitasi Sosial",
            definisi_operasional="Jumlah orang terlantar yang menerima permakanan sesuai standar "
                                 "gizi minimal dalam triwulan berjalan.",
        )
        renstra_services.target_save(entri=[renstra_services.EntriTarget(
            baru["prs"], TAHUN, D("1200"))], user=perencana, alasan=ALASAN)
    if "1.06.05.2.02" in kegiatan and "LINJAMSOS" in bidang:
        baru["linjamsos"] = renstra_services.indikator_create(
            renstra=renstra, kegiatan=kegiatan["1.06.05.2.02"], uraian=IND_VERIFIKASI,
            satuan="%", polaritas=Polaritas.POSITIF, agregasi=Agregasi.SUM,
            jenis_nilai=JenisNilai.RASIO, desimal=2, bidang=bidang["LINJAMSOS"], urutan=31,
            user=perencana, sumber_data="SIKS-NG / DTKS",
            definisi_operasional="Jumlah data fakir miskin yang diverifikasi dan divalidasi ÷ "
                                 "jumlah data fakir miskin yang harus diverifikasi × 100.",
        )
        renstra_services.target_save(entri=[renstra_services.EntriTarget(
            baru["linjamsos"], TAHUN, D("90"))], user=perencana, alasan=ALASAN)

    realisasi_services.periode_set(perangkat_daerah=pd, tahun=TAHUN, triwulan=1, dibuka=True,
                                 user=perencana, batas_waktu=datetime.date(2025, 4, 15))
    staf = {"prs": users["staf.rehsos"], "linjamsos": users["staf.linjamsos"]}
    per_bidang: dict[str, list[Entri]] = {"prs": [], "linjamsos": []}
    for uraian, nilai in REALISASI_TW1.items():
        ind = program_ind.get(uraian)
        if ind is None:
            continue
        key = "prs" if ind.bidang_id == bidang.get("PRS", Bidang()).pk else "linjamsos"
        per_bidang[key].append(Entri(ind, 1, {
            "nilai": nilai, "sumber_data": ind.sumber_data,
            "faktor_pendukung": "Pendataan bersama pendamping sosial kecamatan.",
        }))
    if "prs" in baru:
        per_bidang["prs"].append(Entri(baru["prs"], 1, {
            "nilai": D("310"), "catatan": "Permakanan Januari–Maret 2025.",
            "sumber_data": "Daftar penerima permakanan TW I",
        }))
    if "linjamsos" in baru:
        per_bidang["linjamsos"].append(Entri(baru["linjamsos"], 1, {
            "pembilang": D("1840"), "penyebut": D("2400"),
            "catatan": "Verifikasi dan validasi DTKS tahap I.",
        }))
    for key, entri in per_bidang.items():
        if not entri:
            continue
        hasil = realisasi_save(pd=pd, tahun=TAHUN, entri=entri, user=staf[key])
        if not hasil.ok:
            raise RuntimeError(f"Demo realisasi 2025 ditolak: {hasil.galat}")
        objs = list(hasil.objek.values())
        if key == "prs" and objs:
            pdf = pdf_sederhana([
                "Dinas Sosial Kabupaten Gowa", "Laporan realisasi triwulan I 2025",
                "Bidang Pelayanan dan Rehabilitasi Sosial (contoh bukti dukung demo)",
            ])
            berkas = SimpleUploadedFile("laporan-tw1-2025-rehsos.pdf", pdf, "application/pdf")
            utama = baru.get("prs")
            target = next((r for r in objs if utama and r.indikator_id == utama.pk), objs[0])
            bukti_create(realisasi=target, berkas=berkas, user=staf[key], pd=pd)
        realisasi_services.realisasi_submit(pd=pd, realisasi=objs, user=staf[key])
        for r in objs:
            realisasi_services.realisasi_verify(realisasi=r, user=perencana, setuju=True)
    realisasi_services.periode_set(perangkat_daerah=pd, tahun=TAHUN, triwulan=1, dibuka=False,
                                 user=perencana)
    realisasi_services.periode_set(perangkat_daerah=pd, tahun=TAHUN, triwulan=2, dibuka=True,
                                 user=perencana, batas_waktu=datetime.date(2025, 7, 15))
    if stdout:
        stdout.write("Demo realisasi 2025: TW I terverifikasi dan ditutup, TW II dibuka.\n")
