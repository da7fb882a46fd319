"""The demo data set: Dinas Sosial Kabupaten Gowa 2024, from its LKjIP (shared/seeds).

Everything goes through the service functions users' actions use, so the demo exercises the same
validation and audit trail. Figures are the published ones; where the LKjIP is silent the choice
made here is stated next to it:

* Renstra 2022–2026 (Tabel 3.2 lists 2022–2026). Targets 563 (2023, printed under a second "2024"
  header, G-04), 580 (2024), 600 (2025), 615 (2026). One baseline (§9 item 4): 2.444, the
  "Kondisi Awal" of Tabel 2.1/2.2 (the IKU tables of Keputusan 400.9/38/DINSOS); Tabel 3.2's
  4.674 (2021) belongs to the old IKU "Jumlah PPKS" (G-03).
* The LKjIP publishes only annual realisasi; the quarterly split of 653 (and of each program's
  spending) is illustrative and sums exactly to the published totals.
* PK 2024 versi 1 (induk) carried the old IKU; its target is not published, so it stays NULL.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from anggaran import services as anggaran_services
from anggaran.models import Pagu, RealisasiAnggaran
from anggaran.selectors import milik_renstra
from demo import dasbor as demo_dasbor
from demo import kinerja as demo_kinerja
from demo import laporan as demo_laporan
from demo import lke as demo_lke
from demo import renstra as demo_renstra
from kinerja.models import Jenjang, PeriodeInput, PerjanjianKinerja, Realisasi
from kinerja.pk import services as pk_services
from kinerja.realisasi import services as realisasi_services
from laporan.models import LaporanKinerja
from notifikasi.services import notifikasi_read_all
from renstra import services as renstra_services
from renstra.models import Agregasi, Polaritas, Renstra
from sakip.kantor import services as kantor_services
from sakip.lib.periode import romawi
from sakip.models import (
    Bidang,
    JejakAudit,
    JenisPejabat,
    JenisPemda,
    MetodeEfisiensi,
    Pejabat,
    Pemda,
    Peran,
    PerangkatDaerah,
    Role,
    SkalaKategori,
)

DEMO_PASSWORD = "sakip-demo"
SLUG = "dinsos-gowa"
D = Decimal

# The Kepala Dinas signs the LKjIP 2024 (its signature block); the Bupati Gowa of the period
# signs the PK JPT Pratama. The LKjIP prints no dates of office: the start dates are the demo's
# choice, early enough to cover every demo document (Renstra 2022–2026).
KEPALA_DINAS = {
    "nama": "Drs. H. Firdaus, S.Ag, M.Si", "nip": "197106281993031012",
    "pangkat": "Pembina Utama Muda/IV.c", "jabatan": "Kepala Dinas Sosial",
    "mulai": datetime.date(2022, 1, 1),
}
BUPATI = {"nama": "Adnan Purichta Ichsan", "mulai": datetime.date(2021, 2, 26)}

BIDANG = {
    "sekretariat": ("Sekretariat", "SEKR"),
    "prs": ("Bidang Pelayanan dan Rehabilitasi Sosial", "PRS"),
    "dayasos": ("Bidang Pemberdayaan Sosial", "DAYASOS"),
    "linjamsos": ("Bidang Perlindungan dan Jaminan Sosial", "LINJAMSOS"),
    "pfm": ("Bidang Penanganan Fakir Miskin", "PFM"),
}

# Tabel 3.7: program → kegiatan with anggaran and realisasi 2024 (Rp). Program Penunjang and TMP
# are published at program level only.
PROGRAM = [
    ("1.06.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "sekretariat",
     D("4308898172"), D("4034712894"), []),
    ("1.06.02", "Program Pemberdayaan Sosial", "dayasos", None, None, [
        ("1.06.02.2.03", "Pengembangan Potensi Sumber Kesejahteraan Sosial Daerah "
         "Kabupaten/Kota", D("84000000"), D("82000000")),
    ]),
    ("1.06.04", "Program Rehabilitasi Sosial", "prs", None, None, [
        ("1.06.04.2.01", "Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar, Anak "
         "Terlantar, Lanjut Usia Terlantar, serta Gelandangan Pengemis di Luar Panti Sosial",
         D("234292000"), D("228380000")),
    ]),
    ("1.06.05", "Program Perlindungan dan Jaminan Sosial", "linjamsos", None, None, [
        ("1.06.05.2.02", "Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota",
         D("412629400"), D("385244400")),
    ]),
    ("1.06.06", "Program Penanganan Bencana", "linjamsos", None, None, [
        ("1.06.06.2.01", "Perlindungan Sosial Korban Bencana Alam dan Sosial Kabupaten/Kota",
         D("89668500"), D("88648500")),
        ("1.06.06.2.02", "Penyelenggaraan Pemberdayaan Masyarakat terhadap Kesiapsiagaan "
         "Bencana Kabupaten/Kota", D("44012000"), D("32556480")),
    ]),
    ("1.06.07", "Program Pengelolaan Taman Makam Pahlawan", "dayasos",
     D("145838000"), D("144855000"), []),
]

# PK 2024 Table B (Tabel 2.4): the programs supporting the sasaran, with anggaran.
PK_PROGRAM = [("1.06.02", D("84000000")), ("1.06.04", D("234292000")),
              ("1.06.05", D("412629400")), ("1.06.06", D("133680500"))]

# Tabel 3.6: program outcome indicators (%), target and realisasi 2024.
PROGRAM_INDIKATOR = [
    ("1.06.04", "prs", "Persentase PPKS yang Mendapatkan Pelayanan Rehabilitasi",
     D("13"), D("22")),
    ("1.06.04", "prs", "Persentase PPKS yang Memperoleh Bantuan Pangan", D("9"), D("9")),
    ("1.06.05", "linjamsos", "Persentase PPKS yang Memperoleh Jaminan Sosial", D("13"), D("15")),
    ("1.06.05", "linjamsos", "Persentase Data PPKS yang Terdaftar dalam Data DTKS",
     D("15"), D("19.6")),
]

IKU_URAIAN = "Jumlah Penurunan Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)"
IKU_LAMA_URAIAN = "Jumlah Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)"
# Illustrative quarterly split of the published annual 653 (SUM indicator); PK TW targets 145 × 4.
REALISASI_IKU_TW = [D("150"), D("160"), D("165"), D("178")]
TARGET_IKU_TW = [D("145"), D("145"), D("145"), D("145")]
# Illustrative quarterly share of each program's published annual spending.
PORSI_TW = [D("0.15"), D("0.25"), D("0.25")]

USERS = [
    # username, (first name, last name), role, bidang key. Person names (illustrative, not
    # real officials except the Kepala): pages say who acted, the role is shown beside it.
    ("perencana", ("Nurhayati", "Syam"), Role.PERENCANA, None),
    ("kepala", ("Drs. H. Firdaus,", "S.Ag, M.Si"), Role.KEPALA, None),
    ("inspektorat", ("Muhammad", "Arfah"), Role.INSPEKTORAT, None),
    ("staf.rehsos", ("Andi", "Rahman"), Role.STAF_BIDANG, "prs"),
    ("staf.linjamsos", ("Sitti", "Rahmawati"), Role.STAF_BIDANG, "linjamsos"),
]
# What older demo databases hold as the "name" of these accounts (a bidang or office label):
# replaced by the person's name on the next load.
_NAMA_LAMA = {
    "Subbag Perencanaan dan Pelaporan", "Auditor Inspektorat Kabupaten Gowa",
    "Staf Bidang Pelayanan dan Rehabilitasi Sosial", "Staf Bidang Perlindungan dan Jaminan Sosial",
    "Drs. H. Firdaus, S.Ag, M.Si",
}


# The areas' own demo rows, in load order: each has ``extend(*, pd, users, stdout)`` (after the
# core data) and may have ``hapus(pd)`` (before a reload).
EXTENSIONS = [demo_renstra, demo_kinerja, demo_laporan, demo_dasbor, demo_lke]


def hapus_data_pd(pd: PerangkatDaerah) -> None:
    """Remove a throwaway office's plan, measurement, budget and report rows and its audit trail
    (benches and tests). ``load_demo`` never calls it: the demo never deletes audited data."""
    for ext in EXTENSIONS:
        if hasattr(ext, "hapus"):
            ext.hapus(pd)
    LaporanKinerja.objects.filter(perangkat_daerah=pd).delete()
    Realisasi.objects.filter(indikator__renstra__perangkat_daerah=pd).delete()
    for pk in PerjanjianKinerja.objects.filter(perangkat_daerah=pd).order_by("-versi"):
        pk.delete()
    # Budget lines protect the plan nodes they belong to: they go before the Renstra.
    for renstra in Renstra.objects.filter(perangkat_daerah=pd):
        RealisasiAnggaran.objects.filter(milik_renstra(renstra)).delete()
        Pagu.objects.filter(milik_renstra(renstra)).delete()
    Renstra.objects.filter(perangkat_daerah=pd).delete()
    PeriodeInput.objects.filter(perangkat_daerah=pd).delete()
    JejakAudit.objects.filter(perangkat_daerah=pd).delete()


def _split(total: Decimal) -> list[Decimal]:
    parts = [(total * p).quantize(D("1")) for p in PORSI_TW]
    return [*parts, total - sum(parts)]


def punya_data(pd: PerangkatDaerah) -> bool:
    """Whether an office holds anything beyond its bidang, officials and roles: audit rows, or
    any row of the plan, measurement, budget, report or review that points at it."""
    if JejakAudit.objects.filter(perangkat_daerah=pd).exists():
        return True
    for rel in PerangkatDaerah._meta.related_objects:
        if rel.related_model in (Bidang, Pejabat, Peran) or rel.many_to_many:
            continue
        if rel.related_model._default_manager.filter(**{rel.field.name: pd}).exists():
            return True
    return False


@transaction.atomic
def load_demo(stdout=None) -> PerangkatDaerah:
    """Load the demo office into an empty database, or leave an existing one alone.

    The demo only ever loads into an EMPTY office: when ``dinsos-gowa`` already holds data, it
    says so and changes nothing, so running it twice (``make run`` again) is harmless and it can
    never delete audit rows. Accounts it did not create keep their password, name and rights
    (the demo password is public).
    """
    say = stdout.write if stdout else (lambda *_: None)
    ada = PerangkatDaerah.objects.select_related("pemda").filter(slug=SLUG).first()
    if ada is not None and punya_data(ada):
        say(f"Data demo sudah ada: {ada.nama} (slug {ada.slug}) tidak dimuat ulang dan tidak "
            "ada yang dihapus.\n")
        return ada
    pemda, _ = Pemda.objects.update_or_create(
        nama="Kabupaten Gowa", defaults={"jenis": JenisPemda.KABUPATEN}
    )
    pd, _ = PerangkatDaerah.objects.update_or_create(
        slug=SLUG,
        defaults=dict(
            pemda=pemda, nama="Dinas Sosial Kabupaten Gowa", singkatan="Dinsos Gowa",
            kode="1.06.0.00.0.00.01.0000",
            tempat="Sungguminasa", skala_kategori=SkalaKategori.GOWA_4,
            metode_efisiensi=MetodeEfisiensi.EF_SELISIH,
        ),
    )
    bidang = {}
    for key, (nama, singkatan) in BIDANG.items():
        bidang[key], _ = Bidang.objects.update_or_create(
            perangkat_daerah=pd, nama=nama, defaults={"singkatan": singkatan}
        )
    users = _users(pemda, pd, bidang)
    perencana, kepala = users["perencana"], users["kepala"]
    _pejabat(pd, users)

    renstra = renstra_services.renstra_create(
        perangkat_daerah=pd, tahun_awal=2022, tahun_akhir=2026,
        nama="Renstra Dinas Sosial Kabupaten Gowa",
        nomenklatur_versi="Kepmendagri 050-5889/2021",
    )
    tujuan = renstra_services.tujuan_create(
        renstra=renstra, kode="T1",
        uraian="Menurunkan Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)",
    )
    sasaran = renstra_services.sasaran_create(
        tujuan=tujuan, kode="S1",
        uraian="Menurunnya Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)",
    )
    iku = renstra_services.indikator_create(
        renstra=renstra, sasaran=sasaran, uraian=IKU_URAIAN, satuan="Orang",
        polaritas=Polaritas.POSITIF, agregasi=Agregasi.SUM,
        agregasi_target_akhir=Agregasi.LAST, is_iku=True, desimal=0,
        baseline_tahun=2021, baseline_nilai=D("2444"),
        definisi_operasional=(
            "Jumlah jiwa PPKS (26 jenis, Permensos 8/2012) yang keluar dari kategori PPKS "
            "setelah ditangani atau difasilitasi Dinas Sosial dalam tahun berjalan "
            "(graduasi DTKS, permakanan, alat bantu, bimbingan, akses layanan, penelusuran, "
            "reunifikasi, rujukan)."
        ),
        sumber_data="Data olahan Subbag Perencanaan dan Pelaporan; DTKS", urutan=1, user=perencana,
    )
    iku_lama = renstra_services.indikator_create(
        renstra=renstra, sasaran=sasaran, uraian=IKU_LAMA_URAIAN, satuan="Orang",
        polaritas=Polaritas.NEGATIF, agregasi=Agregasi.LAST, is_iku=False, aktif=False,
        desimal=0, urutan=2, user=perencana,
        definisi_operasional="IKU sebelum Keputusan Kepala Dinas Sosial No. 400.9/38/DINSOS.",
    )
    renstra_services.target_save(entri=[
        renstra_services.EntriTarget(iku, tahun, D(nilai))
        for tahun, nilai in [(2023, "563"), (2024, "580"), (2025, "600"), (2026, "615")]
    ], user=perencana, alasan="Tabel 2.2 LKjIP 2024")

    programs = {}
    kegiatan_by_kode = {}
    for urutan, (kode, nama, bkey, _pagu, _real, kegiatan) in enumerate(PROGRAM, start=1):
        p = renstra_services.program_create(renstra=renstra, kode=kode, nama=nama,
                                            bidang=bidang[bkey], urutan=urutan)
        programs[kode] = p
        for kkode, knama, _kp, _kr in kegiatan:
            kegiatan_by_kode[kkode] = renstra_services.kegiatan_create(
                program=p, kode=kkode, nama=knama, bidang=bidang[bkey]
            )
    for kode, _ in PK_PROGRAM:
        renstra_services.sasaran_program_link(sasaran=sasaran, program=programs[kode])

    program_indikator = []
    for i, (pkode, bkey, uraian, target, realisasi) in enumerate(PROGRAM_INDIKATOR, start=1):
        ind = renstra_services.indikator_create(
            renstra=renstra, program=programs[pkode], uraian=uraian, satuan="%",
            polaritas=Polaritas.POSITIF, agregasi=Agregasi.LAST, desimal=2,
            bidang=bidang[bkey], urutan=10 + i, user=perencana,
            sumber_data=f"Laporan {BIDANG[bkey][0]}",
        )
        renstra_services.target_save(entri=[renstra_services.EntriTarget(ind, 2024, target)],
                                     user=perencana, alasan="Tabel 3.6 LKjIP 2024")
        program_indikator.append((ind, realisasi, bkey))

    _anggaran(programs, kegiatan_by_kode, perencana)
    pk2 = _perjanjian(pd, iku, iku_lama, programs, perencana, kepala)
    renstra_services.penetapan_iku_create(
        renstra=renstra, nomor="400.9/38/DINSOS", tanggal=datetime.date(2024, 4, 1),
        indikator=[iku],
        keterangan="Penetapan Indikator Kinerja Utama di lingkungan Dinas Sosial "
                   "(perubahan IKU: Jumlah PPKS → Jumlah Penurunan PPKS).",
    )
    _realisasi(pd, iku, pk2, program_indikator, users)
    for ext in EXTENSIONS:
        ext.extend(pd=pd, users=users, stdout=stdout)
    # Loading replays two years of history through the services, which notify as they go; those
    # events are past, so the demo users start with them read (the inbox shows the open work).
    for user in users.values():
        notifikasi_read_all(user)
    say(f"Demo dimuat: {pd.nama} (slug {pd.slug}), Renstra 2022–2026, PK 2024 versi 1–2, "
        f"realisasi dan anggaran 2024.\n")
    return pd


def _akun(username: str, **atribut):
    """The demo account ``username`` and whether it was created now (then with the demo password
    and, by the caller, its demo role); an existing account is returned untouched."""
    user, dibuat = get_user_model().objects.get_or_create(username=username, defaults=atribut)
    if dibuat:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user, dibuat


def _users(pemda, pd, bidang) -> dict:
    out = {}
    admin, dibuat = _akun("admin", first_name="Administrator", is_staff=True,
                          is_superuser=True)
    if dibuat:
        Peran.objects.create(user=admin, role=Role.ADMIN, pemda=pemda)
    out["admin"] = admin
    for username, (depan, belakang), role, bkey in USERS:
        user, dibuat = _akun(username, first_name=depan, last_name=belakang)
        if not dibuat and user.first_name in _NAMA_LAMA and not user.last_name:
            user.first_name, user.last_name = depan, belakang
            user.save(update_fields=["first_name", "last_name"])
        if dibuat:
            Peran.objects.create(
                user=user, role=role, pemda=pemda,
                perangkat_daerah=None if role == Role.INSPEKTORAT else pd,
                bidang=bidang[bkey] if bkey else None,
            )
        out[username] = user
    return out


def _anggaran(programs, kegiatan_by_kode, user) -> None:
    for kode, _nama, _b, pagu_program, real_program, kegiatan in PROGRAM:
        owners = (
            [(programs[kode], pagu_program, real_program)]
            if not kegiatan
            else [(kegiatan_by_kode[k], kp, kr) for k, _n, kp, kr in kegiatan]
        )
        for pemilik, nilai_pagu, nilai_real in owners:
            anggaran_services.anggaran_save(
                tahun=2024, pagu=[anggaran_services.EntriPagu(pemilik, "murni", nilai_pagu)],
                user=user, alasan="Tabel 3.7 LKjIP 2024",
            ).check()
            anggaran_services.anggaran_save(tahun=2024, user=user, realisasi=[
                anggaran_services.EntriRealisasiAnggaran(
                    pemilik, tw, nilai, sumber="LKjIP 2024 (pembagian triwulan ilustratif)")
                for tw, nilai in enumerate(_split(nilai_real), start=1)
            ]).check()


def _pejabat(pd, users) -> None:
    """The officials who sign the demo's documents, through the service (audited): the PK and
    the LKjIP print them (their parties are frozen at penetapan)."""
    if not Pejabat.objects.filter(perangkat_daerah=pd).exists():
        kantor_services.pejabat_create(jenis=JenisPejabat.KEPALA_PD, perangkat_daerah=pd,
                                       data=KEPALA_DINAS, user=users["perencana"])
    if not Pejabat.objects.filter(pemda=pd.pemda, jenis=JenisPejabat.KEPALA_DAERAH).exists():
        kantor_services.pejabat_create(jenis=JenisPejabat.KEPALA_DAERAH, pemda=pd.pemda,
                                       data=BUPATI, user=users["admin"])


def _perjanjian(pd, iku, iku_lama, programs, perencana, kepala) -> PerjanjianKinerja:
    # The parties are left to the officials in office on the PK's date (kinerja.pk.selectors.
    # pk_pihak); penetapan writes them into the PK.
    pk1 = pk_services.pk_create(
        perangkat_daerah=pd, tahun=2024, jenjang=Jenjang.JPT_PRATAMA, user=perencana,
        tanggal=datetime.date(2024, 1, 31),
    )
    pk_services.pk_indikator_set(pk=pk1, indikator=iku_lama, target_tahunan=None,
                                      user=perencana)
    for i, (kode, anggaran) in enumerate(PK_PROGRAM, start=1):
        pk_services.pk_anggaran_set(pk=pk1, pemilik=programs[kode], anggaran=anggaran,
                                         urutan=i, user=perencana)
    pk1 = pk_services.pk_approve(pk=pk1, user=kepala)
    pk2 = pk_services.pk_revise(
        pk=pk1, alasan=PerjanjianKinerja.Alasan.PERUBAHAN_STRATEGI,
        alasan_uraian=(
            "Perbaikan indikator kinerja utama menjadi lebih spesifik, realistis, dapat diukur "
            "dan dapat dicapai: IKU \u201cJumlah PPKS\u201d diubah menjadi \u201cJumlah "
            "Penurunan PPKS\u201d (Keputusan Kepala Dinas Sosial No. 400.9/38/DINSOS)."
        ),
        tanggal=datetime.date(2024, 4, 1), user=perencana, salin_isi=False,
    )
    pk_services.pk_indikator_set(
        pk=pk2, indikator=iku, target_tahunan=D("580"), target_tw=TARGET_IKU_TW, user=perencana,
    )
    for i, (kode, anggaran) in enumerate(PK_PROGRAM, start=1):
        pk_services.pk_anggaran_set(pk=pk2, pemilik=programs[kode], anggaran=anggaran,
                                         urutan=i, user=perencana)
    return pk_services.pk_approve(pk=pk2, user=kepala)


def _bukti_iku(r, tahun: int, tw: int, *, nilai, pd, user) -> None:
    """Evidence for an IKU value before it is submitted (IKU evidence is required by default).
    TW IV 2024 is the rekap the dashboard demo shows (same file, so its check finds it)."""
    if (tahun, tw) == (2024, 4):
        nama, baris = "rekap-penurunan-ppks-tw4-2024.pdf", [
            "Dinas Sosial Kabupaten Gowa",
            "Rekapitulasi penurunan PPKS triwulan IV 2024: 178 orang",
            "Sumber: data olahan Subbag Perencanaan dan Pelaporan; DTKS (contoh bukti dukung "
            "demo)",
        ]
    else:
        nama, baris = f"rekap-penurunan-ppks-tw{tw}-{tahun}.pdf", [
            "Dinas Sosial Kabupaten Gowa",
            f"Rekapitulasi penurunan PPKS triwulan {romawi(tw)} {tahun}: {nilai} orang",
            "Sumber: data olahan Subbag Perencanaan dan Pelaporan; DTKS (contoh bukti dukung "
            "demo)",
        ]
    demo_kinerja.bukti_demo(r, user=user, pd=pd, nama_berkas=nama, baris=baris,
                            alasan=f"Demo: bukti dukung IKU {tahun}")


def _realisasi(pd, iku, pk2, program_indikator, users) -> None:
    perencana = users["perencana"]
    for tahun in (2023, 2024):
        for tw in (1, 2, 3, 4):
            realisasi_services.periode_set(perangkat_daerah=pd, tahun=tahun, triwulan=tw,
                                         dibuka=True, user=perencana)
    # 2023: only the annual figure is published (Tabel 3.2); recorded in TW IV.
    r = realisasi_services.realisasi_save(pd=pd, tahun=2023, user=perencana, entri=[
        realisasi_services.Entri(iku, 4, {
            "nilai": D("563"), "catatan": "Realisasi tahunan 2023 (LKjIP 2024 Tabel 3.2)."}),
    ]).check().objek[(iku.pk, 4)]
    _bukti_iku(r, 2023, 4, nilai=D("563"), pd=pd, user=perencana)
    realisasi_services.realisasi_submit(pd=pd, realisasi=[r], user=perencana)
    realisasi_services.realisasi_verify(realisasi=r, user=perencana, setuju=True)
    for tw, nilai in enumerate(REALISASI_IKU_TW, start=1):
        r = realisasi_services.realisasi_save(pd=pd, tahun=2024, user=perencana, entri=[
            realisasi_services.Entri(iku, tw, {
                "nilai": nilai,
                "faktor_pendukung": "Sinergi program rehabilitasi, perlindungan dan jaminan "
                                    "sosial, pemberdayaan; graduasi DTKS melalui musyawarah "
                                    "kelurahan." if tw == 4 else "",
                "catatan": "Pembagian triwulan ilustratif; total tahunan 653 sesuai LKjIP 2024.",
            }),
        ]).check().objek[(iku.pk, tw)]
        _bukti_iku(r, 2024, tw, nilai=nilai, pd=pd, user=perencana)
        realisasi_services.realisasi_submit(pd=pd, realisasi=[r], user=perencana)
        realisasi_services.realisasi_verify(realisasi=r, user=perencana, setuju=True)
    for ind, nilai, bkey in program_indikator:
        staf = users["staf.rehsos" if bkey == "prs" else "staf.linjamsos"]
        r = realisasi_services.realisasi_save(pd=pd, tahun=2024, user=staf, entri=[
            realisasi_services.Entri(ind, 4, {
                "nilai": nilai, "catatan": "Capaian akhir tahun (LKjIP 2024 Tabel 3.6)."}),
        ]).check().objek[(ind.pk, 4)]
        realisasi_services.realisasi_submit(pd=pd, realisasi=[r], user=staf)
        realisasi_services.realisasi_verify(realisasi=r, user=perencana, setuju=True)
    for tahun in (2023, 2024):
        for tw in (1, 2, 3, 4):
            realisasi_services.periode_set(perangkat_daerah=pd, tahun=tahun, triwulan=tw,
                                         dibuka=False, user=perencana)
