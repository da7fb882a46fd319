"""Small rows for narrow tests (style.md: one base of users and data, each test 5–10 lines).

The demo office (``demo`` fixture) is the shared world; these factories build one office, one
indicator or one user when a test needs nothing more. Every office gets its own pemda and slug,
so a factory row never collides with the demo (the session database holds the Gowa demo).

    pd = PerangkatDaerahFactory()
    ind = IndikatorFactory(renstra__perangkat_daerah=pd)           # IKU of a sasaran
    user = UserFactory(peran=Role.PERENCANA, peran__perangkat_daerah=pd)
"""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from anggaran.models import Pagu, RealisasiAnggaran
from kinerja import rumus
from kinerja.models import PeriodeInput, PerjanjianKinerja, PKIndikator, Realisasi
from renstra.models import (
    Agregasi,
    Indikator,
    Kegiatan,
    Polaritas,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)
from sakip.models import Bidang, JenisPemda, Pejabat, Pemda, Peran, PerangkatDaerah, Role

PASSWORD = "sakip-demo"


class PemdaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pemda
        django_get_or_create = ("nama",)

    nama = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    jenis = JenisPemda.KABUPATEN


class PerangkatDaerahFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerangkatDaerah

    pemda = factory.SubFactory(PemdaFactory)
    nama = factory.Sequence(lambda n: f"Dinas Uji {n}")
    slug = factory.Sequence(lambda n: f"dinas-uji-{n}")


class PejabatFactory(factory.django.DjangoModelFactory):
    """A Kepala in office since 2000 (pass ``jenis="kepala_daerah"``, ``perangkat_daerah=None``,
    ``pemda=…``, ``nip=""``, ``pangkat=""`` for a kepala daerah)."""

    class Meta:
        model = Pejabat

    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    pemda = factory.LazyAttribute(lambda o: o.perangkat_daerah.pemda)
    jenis = "kepala_pd"
    nama = factory.Sequence(lambda n: f"Kepala Uji {n}")
    nip = "197001012000011001"
    pangkat = "Pembina Utama Muda/IV.c"
    jabatan = factory.LazyAttribute(
        lambda o: f"Kepala {o.perangkat_daerah.nama}" if o.perangkat_daerah else "")
    mulai = datetime.date(2000, 1, 1)


class BidangFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bidang

    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    nama = factory.Sequence(lambda n: f"Bidang Uji {n}")
    singkatan = factory.Sequence(lambda n: f"BU{n}")


class PeranFactory(factory.django.DjangoModelFactory):
    """A role on an office; ``role=Role.STAF_BIDANG`` needs ``bidang=``."""

    class Meta:
        model = Peran

    user = factory.SubFactory("tests.factories.UserFactory", peran=None)
    role = Role.PERENCANA
    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    pemda = factory.LazyAttribute(lambda o: o.perangkat_daerah.pemda)
    bidang = None


class UserFactory(factory.django.DjangoModelFactory):
    """A user who logs in with ``sakip-demo``; ``peran=<Role>`` gives them one role
    (``peran__perangkat_daerah=pd``, ``peran__bidang=b``)."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna.uji{n}")
    first_name = factory.Sequence(lambda n: f"Pengguna Uji {n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def peran(obj, create, extracted, **kwargs):
        if not create or (extracted is None and not kwargs):
            return
        PeranFactory(user=obj, role=extracted or Role.PERENCANA, **kwargs)


class RenstraFactory(factory.django.DjangoModelFactory):
    """The office's Renstra 2022–2026: one per office, however many indicators ask for it."""

    class Meta:
        model = Renstra
        django_get_or_create = ("perangkat_daerah", "tahun_awal", "versi")

    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    tahun_awal = 2022
    tahun_akhir = 2026
    versi = 1
    nama = factory.LazyAttribute(lambda o: f"Renstra {o.perangkat_daerah.nama}")


class TujuanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tujuan

    renstra = factory.SubFactory(RenstraFactory)
    kode = factory.Sequence(lambda n: f"T{n}")
    uraian = factory.Sequence(lambda n: f"Tujuan uji {n}")


class SasaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sasaran

    tujuan = factory.SubFactory(TujuanFactory)
    kode = factory.Sequence(lambda n: f"S{n}")
    uraian = factory.Sequence(lambda n: f"Sasaran uji {n}")


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    renstra = factory.SubFactory(RenstraFactory)
    kode = factory.Sequence(lambda n: f"9.{n // 100 % 100:02d}.{n % 100:02d}")
    nama = factory.Sequence(lambda n: f"Program uji {n}")


class KegiatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kegiatan

    program = factory.SubFactory(ProgramFactory)
    kode = factory.LazyAttributeSequence(lambda o, n: f"{o.program.kode}.2.{n % 100:02d}")
    nama = factory.Sequence(lambda n: f"Kegiatan uji {n}")


class SubKegiatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubKegiatan

    kegiatan = factory.SubFactory(KegiatanFactory)
    nama = factory.Sequence(lambda n: f"Sub kegiatan uji {n}")
    kode = factory.LazyAttributeSequence(lambda o, n: f"{o.kegiatan.kode}.{n % 10000:04d}")


class IndikatorFactory(factory.django.DjangoModelFactory):
    """An indicator of one sasaran (default) — pass ``program=``/``kegiatan=``/``sasaran=None``
    for another owner; exactly one owner is required (indikator_tepat_satu_pemilik)."""

    class Meta:
        model = Indikator

    renstra = factory.SubFactory(RenstraFactory)
    sasaran = factory.SubFactory(
        SasaranFactory, tujuan__renstra=factory.SelfAttribute("...renstra")
    )
    uraian = factory.Sequence(lambda n: f"Indikator uji {n}")
    satuan = "Orang"
    polaritas = Polaritas.POSITIF
    agregasi = Agregasi.SUM
    agregasi_target_akhir = Agregasi.LAST
    desimal = 0


class TargetIndikatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetIndikator

    indikator = factory.SubFactory(IndikatorFactory)
    tahun = 2024
    nilai = Decimal("100")


class PerjanjianKinerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerjanjianKinerja

    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    tahun = 2024
    jenjang = "jpt_pratama"


class PKIndikatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PKIndikator

    perjanjian = factory.SubFactory(PerjanjianKinerjaFactory)
    indikator = factory.SubFactory(
        IndikatorFactory,
        renstra__perangkat_daerah=factory.SelfAttribute("...perjanjian.perangkat_daerah"),
    )
    target_tahunan = Decimal("100")


class PeriodeInputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeriodeInput
        django_get_or_create = ("perangkat_daerah", "tahun", "triwulan")

    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    tahun = 2024
    triwulan = 1
    dibuka = True


class RealisasiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Realisasi

    indikator = factory.SubFactory(IndikatorFactory)
    tahun = 2024
    triwulan = 1
    nilai = Decimal("10")


class PaguFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pagu

    subkegiatan = factory.SubFactory(SubKegiatanFactory)
    tahun = 2024
    tahap = "murni"
    nilai = Decimal("100000000")


class RealisasiAnggaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RealisasiAnggaran

    subkegiatan = factory.SubFactory(SubKegiatanFactory)
    tahun = 2024
    triwulan = 1
    nilai = Decimal("10000000")


# --- LKjIP: the demo draft made complete -----------------------------------------------------


def lengkapi_lkjip(laporan, user) -> None:
    """Write in what the demo LKjIP draft lacks (why its PK programs without indicators are in
    the PK; kendala and tindak lanjut of any indicator below target), as a planner does on the
    narrative page, so that penetapan is not refused."""
    from laporan import services as laporan_services
    from laporan.selectors import susun

    d = susun(laporan.perangkat_daerah, laporan.tahun, laporan).data
    narasi = dict(laporan.narasi or {})
    narasi["program"] = {
        str(p.id): {"kendala": f"{p.nama} dilaksanakan melalui kegiatan layanan; indikatornya "
                               "akan ditetapkan pada perubahan Renstra."}
        for s in d.sasaran for p in s.program if not p.indikator}
    narasi["indikator"] = {
        str(il.id): {"kendala": "Data dukung terlambat diterima dari desa.",
                     "tindak_lanjut": "Verifikasi data bulanan bersama desa."}
        for s in d.sasaran for il in s.indikator + [i for p in s.program for i in p.indikator]
        if il.di_bawah_target}
    # Programs and kegiatan with a low serapan (kinerja.rumus.serapan_rendah) explained.
    for kelompok, objek in (("serapan_program", d.program),
                            ("serapan_kegiatan", [k for p in d.program for k in p.kegiatan])):
        narasi[kelompok] = {
            str(o.id): {"kendala": "Sebagian kegiatan lapangan tertunda karena cuaca.",
                        "tindak_lanjut": "Jadwal kegiatan lapangan dimajukan ke triwulan II."}
            for o in objek if rumus.serapan_rendah(o.serapan)}
    laporan_services.narasi_update(laporan=laporan, narasi=narasi, user=user)
    lengkapi_kepegawaian(laporan.perangkat_daerah, laporan.tahun, user)
    laporan.refresh_from_db()


PEGAWAI_DEMO = [("golongan", "IV", 4), ("golongan", "III", 17), ("golongan", "II", 6),
                ("golongan", "I", 1), ("pendidikan", "S2", 5), ("pendidikan", "S1/D4", 15),
                ("pendidikan", "D3", 2), ("pendidikan", "SMA/SMK", 6)]
"""28 ASN, the total of the published Gowa LKjIP 2024 (BAB I); the split by golongan and
pendidikan is illustrative (the published charts give no figures)."""


def lengkapi_kepegawaian(pd, tahun, user) -> None:
    """The staffing table of the year (BAB I), through its one write path."""
    from laporan import services as laporan_services

    laporan_services.kepegawaian_save(
        perangkat_daerah=pd, tahun=tahun, user=user,
        baris=[{"kelompok": k, "kategori": c, "jumlah": j} for k, c, j in PEGAWAI_DEMO])


def pegawai_post(halaman) -> dict:
    """The staffing form as shown, with a count typed into the usual categories."""
    fs = halaman.context["formset"]
    data = {"versi": halaman.context["versi"], **{
        f"{fs.prefix}-{k}": v for k, v in fs.management_form.initial.items()}}
    isi = {c: j for _, c, j in PEGAWAI_DEMO}
    for i, f in enumerate(fs.forms):
        kategori = f.initial.get("kategori", "")
        data[f"{fs.prefix}-{i}-kelompok"] = f.initial.get("kelompok", "golongan")
        data[f"{fs.prefix}-{i}-kategori"] = kategori
        data[f"{fs.prefix}-{i}-jumlah"] = isi.get(kategori, "")
    return data
