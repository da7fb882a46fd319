"""The measurement: Perjanjian Kinerja (versions), quarterly targets, realisasi and evidence.

Rules: PermenPAN-RB 53/2014 (PK, revision reasons), domain.md §1.2, §2.4, §9 items 1, 11, 16, 17.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renstra.models import (
    NILAI,
    PEMILIK_ANGGARAN,
    Indikator,
    Kegiatan,
    Program,
    SubKegiatan,
    tepat_satu_terisi,
)
from sakip.models import Bidang, PerangkatDaerah, VersionedRow

MONEY = {"max_digits": 18, "decimal_places": 2}


class Jenjang(models.TextChoices):
    """PK levels after penyederhanaan birokrasi (domain.md §1.2)."""

    JPT_PRATAMA = "jpt_pratama", _("Eselon II / JPT Pratama")
    ADMINISTRATOR = "administrator", _("Eselon III / Administrator")
    PENGAWAS = "pengawas", _("Eselon IV / Pengawas")


class PerjanjianKinerja(VersionedRow):
    class Jenis(models.TextChoices):
        INDUK = "induk", _("Induk")
        PERUBAHAN = "perubahan", _("Perubahan")

    class Alasan(models.TextChoices):
        """The three revision reasons of PermenPAN-RB 53/2014."""

        MUTASI_PEJABAT = "mutasi_pejabat", _("Pergantian/mutasi pejabat")
        PERUBAHAN_STRATEGI = "perubahan_strategi", _(
            "Perubahan strategi yang memengaruhi tujuan/sasaran (program, kegiatan, anggaran)"
        )
        PERUBAHAN_PRIORITAS = "perubahan_prioritas", _(
            "Perubahan prioritas atau asumsi yang berdampak signifikan"
        )

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DITETAPKAN = "ditetapkan", _("Ditetapkan")

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, models.PROTECT, related_name="pk_set"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    jenjang = models.CharField(_("jenjang"), max_length=14, choices=Jenjang.choices)
    bidang = models.ForeignKey(
        Bidang, models.PROTECT, null=True, blank=True, related_name="pk_set",
        help_text=_("Untuk PK Administrator/Pengawas: unit kerja pihak pertama."),
    )
    pihak_pertama_nama = models.CharField(_("nama pihak pertama"), max_length=200, blank=True)
    pihak_pertama_jabatan = models.CharField(_("jabatan pihak pertama"), max_length=200, blank=True)
    pihak_pertama_nip = models.CharField(_("NIP pihak pertama"), max_length=18, blank=True)
    pihak_pertama_pangkat = models.CharField(_("pangkat pihak pertama"), max_length=100, blank=True)
    pihak_kedua_nama = models.CharField(_("nama pihak kedua"), max_length=200, blank=True)
    pihak_kedua_jabatan = models.CharField(_("jabatan pihak kedua"), max_length=200, blank=True)
    pihak_kedua_nip = models.CharField(_("NIP pihak kedua"), max_length=18, blank=True)
    pihak_kedua_pangkat = models.CharField(_("pangkat pihak kedua"), max_length=100, blank=True)
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices, default=Jenis.INDUK)
    sebelumnya = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="revisi_set"
    )
    alasan = models.CharField(_("alasan perubahan"), max_length=20, choices=Alasan.choices,
                              blank=True)
    alasan_uraian = models.TextField(_("uraian alasan"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    tanggal = models.DateField(_("tanggal"), null=True, blank=True)
    nomor = models.CharField(_("nomor"), max_length=100, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ditetapkan_pada = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        ordering = ["perangkat_daerah", "-tahun", "jenjang", "-versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun", "jenjang", "bidang", "versi"],
                name="uniq_pk_versi",
            ),
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun", "jenjang", "versi"],
                condition=Q(bidang__isnull=True),
                name="uniq_pk_versi_tanpa_bidang",
                violation_error_message=_(
                    "Versi PK ini untuk tahun dan jenjang tersebut sudah ada."
                ),
            ),
            models.CheckConstraint(
                condition=Q(jenjang__in=Jenjang.values), name="pk_jenjang_valid",
                violation_error_message=_(
                    "Jenjang PK harus JPT Pratama, Administrator atau Pengawas."
                )
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "diajukan", "ditetapkan"]), name="pk_status_valid",
                violation_error_message=_(
                    "Status PK harus draf, diajukan atau ditetapkan."
                )
            ),
            models.CheckConstraint(
                condition=Q(jenis="induk", alasan="") | Q(jenis="perubahan", alasan__in=[
                    "mutasi_pejabat", "perubahan_strategi", "perubahan_prioritas"]),
                name="pk_perubahan_wajib_alasan",
                violation_error_message=_(
                    "PK perubahan wajib menyebut alasan (pergantian pejabat, perubahan strategi, "
                    "atau perubahan prioritas/asumsi); PK induk tanpa alasan."
                ),
            ),
            models.CheckConstraint(condition=Q(versi__gte=1), name="pk_versi_positif",
            violation_error_message=_(
                "Versi PK dimulai dari 1."
            )),
        ]

    def __str__(self) -> str:
        return (
            f"PK {self.tahun} {self.get_jenjang_display()} v{self.versi} "
            f"({self.perangkat_daerah})"
        )

    @property
    def terkunci(self) -> bool:
        """A ditetapkan PK is immutable; a change is a new version (§9 item 1)."""
        return self.status == self.Status.DITETAPKAN


def lindungi_bila_ditetapkan(collector, field, sub_objs, using):
    """``on_delete`` of a PK line's link to the plan: a line of a ditetapkan PK protects the
    indicator or budget node it cites (PermenPAN-RB 53/2014: a ditetapkan PK is immutable); a
    line of a draft PK, still being written, goes with it."""
    tetap = list(sub_objs.filter(perjanjian__status=PerjanjianKinerja.Status.DITETAPKAN))
    if tetap:
        raise models.ProtectedError(
            f"{field.model.__name__}.{field.name} dari PK yang sudah ditetapkan", tetap
        )
    models.CASCADE(collector, field, sub_objs, using)


class ModeTriwulan(models.TextChoices):
    PER_TRIWULAN = "per_triwulan", _("Per triwulan")
    KUMULATIF = "kumulatif", _("Kumulatif s/d triwulan")


class PKIndikator(VersionedRow):
    """A PK line: indicator, annual target and the TW I–IV targets (NULL = not measured)."""

    perjanjian = models.ForeignKey(
        PerjanjianKinerja, models.CASCADE, related_name="indikator_set"
    )
    indikator = models.ForeignKey(
        Indikator, lindungi_bila_ditetapkan, related_name="pk_indikator_set"
    )
    target_tahunan = models.DecimalField(_("target tahunan"), null=True, blank=True, **NILAI)
    target_tahunan_teks = models.CharField(_("target tahunan (predikat)"), max_length=60,
                                           blank=True)
    target_tw1 = models.DecimalField(_("target TW I"), null=True, blank=True, **NILAI)
    target_tw2 = models.DecimalField(_("target TW II"), null=True, blank=True, **NILAI)
    target_tw3 = models.DecimalField(_("target TW III"), null=True, blank=True, **NILAI)
    target_tw4 = models.DecimalField(_("target TW IV"), null=True, blank=True, **NILAI)
    mode_tw = models.CharField(
        _("mode target triwulan"), max_length=14, choices=ModeTriwulan.choices,
        default=ModeTriwulan.PER_TRIWULAN,
    )
    urutan = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("indikator PK")
        verbose_name_plural = _("indikator PK")
        ordering = ["perjanjian", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["perjanjian", "indikator"], name="uniq_pk_indikator"),
            models.CheckConstraint(
                condition=Q(mode_tw__in=ModeTriwulan.values), name="pk_indikator_mode_tw_valid",
                violation_error_message=_(
                    "Mode target triwulan harus per triwulan atau kumulatif."
                )
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator} ({self.perjanjian})"

    def target_triwulan(self, tw: int):
        return getattr(self, f"target_tw{tw}")

    @property
    def target_tw_list(self) -> list:
        return [self.target_tw1, self.target_tw2, self.target_tw3, self.target_tw4]


class PKAnggaran(VersionedRow):
    """PK Table B: the program (JPT), kegiatan (Administrator) or sub kegiatan (Pengawas) budget."""

    perjanjian = models.ForeignKey(
        PerjanjianKinerja, models.CASCADE, related_name="anggaran_set"
    )
    program = models.ForeignKey(
        Program, lindungi_bila_ditetapkan, null=True, blank=True, related_name="+"
    )
    kegiatan = models.ForeignKey(
        Kegiatan, lindungi_bila_ditetapkan, null=True, blank=True, related_name="+"
    )
    subkegiatan = models.ForeignKey(
        SubKegiatan, lindungi_bila_ditetapkan, null=True, blank=True, related_name="+"
    )
    anggaran = models.DecimalField(_("anggaran (Rp)"), **MONEY)
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True)
    urutan = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("anggaran PK")
        verbose_name_plural = _("anggaran PK")
        ordering = ["perjanjian", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=tepat_satu_terisi(*PEMILIK_ANGGARAN),
                name="pk_anggaran_tepat_satu_pemilik",
                violation_error_message=_(
                    "Anggaran PK harus untuk tepat satu program, kegiatan atau sub kegiatan."
                ),
            ),
            models.CheckConstraint(condition=Q(anggaran__gte=0), name="pk_anggaran_tidak_negatif",
            violation_error_message=_(
                "Anggaran PK tidak boleh negatif."
            )),
        ]

    def __str__(self) -> str:
        return f"{self.program or self.kegiatan or self.subkegiatan}: {self.anggaran}"

    @property
    def pemilik(self):
        return self.program or self.kegiatan or self.subkegiatan


class PeriodeInput(VersionedRow):
    """When realisasi of a quarter may be entered (opened/closed by admin or perencana)."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, models.CASCADE, related_name="periode_input_set"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"))
    dibuka = models.BooleanField(_("dibuka"), default=False)
    batas_waktu = models.DateField(_("batas waktu"), null=True, blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("periode input")
        verbose_name_plural = _("periode input")
        ordering = ["perangkat_daerah", "-tahun", "-triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun", "triwulan"], name="uniq_periode_input"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4), name="periode_input_triwulan_1_4",
                violation_error_message=_(
                    "Triwulan harus 1 sampai 4."
                )
            ),
        ]

    def __str__(self) -> str:
        return f"{self.perangkat_daerah} {self.tahun} TW {self.triwulan}"


class Realisasi(VersionedRow):
    """A quarter's realisasi of one indicator; NULL ``nilai`` = not reported (not zero)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")

    indikator = models.ForeignKey(Indikator, models.PROTECT, related_name="realisasi_set")
    pk_indikator = models.ForeignKey(
        PKIndikator, models.SET_NULL, null=True, blank=True, related_name="realisasi_set",
        help_text=_("PK yang berlaku saat nilai dimasukkan; tetap melekat setelah PK direvisi."),
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"))
    nilai = models.DecimalField(_("realisasi"), null=True, blank=True, **NILAI)
    nilai_teks = models.CharField(_("realisasi kualitatif"), max_length=60, blank=True)
    pembilang = models.DecimalField(_("pembilang"), null=True, blank=True, **NILAI)
    penyebut = models.DecimalField(_("penyebut"), null=True, blank=True, **NILAI)
    catatan = models.TextField(_("catatan"), blank=True)
    faktor_pendukung = models.TextField(_("faktor pendukung"), blank=True)
    faktor_penghambat = models.TextField(_("faktor penghambat"), blank=True)
    upaya = models.TextField(_("upaya/tindak lanjut"), blank=True)
    sumber_data = models.CharField(_("sumber data"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    komentar_verifikasi = models.TextField(_("komentar verifikator"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("diisi oleh"),
    )
    entered_at = models.DateTimeField(_("dimasukkan pada"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("diverifikasi oleh"),
    )
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "triwulan"], name="uniq_realisasi_indikator_periode"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4), name="realisasi_triwulan_1_4",
                violation_error_message=_(
                    "Triwulan harus 1 sampai 4."
                )
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "diajukan", "diverifikasi", "dikembalikan"]),
                name="realisasi_status_valid",
                violation_error_message=_(
                    "Status realisasi harus draf, diajukan, diverifikasi atau dikembalikan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(penyebut__isnull=True) | Q(penyebut__gt=0),
                name="realisasi_penyebut_positif",
                violation_error_message=_(
                    "Penyebut harus lebih besar dari nol."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["tahun", "triwulan", "status"], name="realisasi_periode_idx")
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.tahun} TW {self.triwulan}"

    @property
    def terkunci(self) -> bool:
        return self.status == self.Status.DIVERIFIKASI


def bukti_upload_to(instance: "BuktiDukung", filename: str) -> str:
    # Files are named by their hash so an uploaded name can never traverse or collide.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"bukti/{instance.sha256[:2]}/{instance.sha256}.{ext}"


class BuktiDukung(models.Model):
    realisasi = models.ForeignKey(Realisasi, models.CASCADE, related_name="bukti_set")
    file = models.FileField(_("berkas"), upload_to=bukti_upload_to, max_length=200)
    nama_asli = models.CharField(_("nama berkas"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type = models.CharField(_("jenis isi"), max_length=100)
    ukuran = models.PositiveBigIntegerField(_("ukuran (byte)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["realisasi", "uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["realisasi", "sha256"], name="uniq_bukti_realisasi_sha"
            ),
        ]

    def __str__(self) -> str:
        return self.nama_asli
