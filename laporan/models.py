"""Report state only: the LKjIP of a perangkat daerah and year, its narratives and lifecycle.

``laporan`` reads plan and measurement data and never writes them (design.md, data flow).
Lifecycle: draft → reviu (APIP) → ditetapkan (domain.md §9 item 15). A ditetapkan version is an
immutable snapshot: the data it was built from (JSON), its hash and the rendered PDF.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sakip.models import PerangkatDaerah, VersionedRow


class BasisEfisiensi(models.TextChoices):
    """Which budget the efisiensi of a sasaran is computed on (domain.md §3 rule 2)."""

    PROGRAM_PK = "program_pk", _("Program pendukung sasaran (Perjanjian Kinerja)")
    SELURUH_PD = "seluruh_pd", _("Seluruh anggaran perangkat daerah")


def xlsx_upload_to(instance: "LaporanKinerja", filename: str) -> str:
    return (
        f"lkjip/{instance.perangkat_daerah_id}/{instance.tahun}/"
        f"lkjip-{instance.tahun}-v{instance.versi}-{instance.data_hash[:16]}.xlsx"
    )


class LaporanKinerja(VersionedRow):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        REVIU = "reviu", _("Reviu APIP")
        DITETAPKAN = "ditetapkan", _("Ditetapkan")

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, models.PROTECT, related_name="laporan_kinerja_set"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    narasi = models.JSONField(
        _("narasi"), default=dict, blank=True,
        help_text=_("Teks yang dapat disunting per bagian (kata pengantar, BAB I, …)."),
    )
    basis_efisiensi = models.CharField(
        _("basis anggaran efisiensi"), max_length=12, choices=BasisEfisiensi.choices,
        default=BasisEfisiensi.PROGRAM_PK,
    )
    ikhtisar_eksekutif = models.BooleanField(
        _("sertakan ikhtisar eksekutif"), default=True,
        help_text=_("Dianjurkan (PermenPAN-RB 29/2010); kedua contoh LKjIP tidak memuatnya."),
    )
    tanggal_penetapan = models.DateField(_("tanggal penetapan"), null=True, blank=True)
    tanggal_unggah = models.DateField(_("tanggal unggah e-SAKIP"), null=True, blank=True)
    reviu_nomor = models.CharField(_("nomor LHR"), max_length=100, blank=True)
    reviu_tanggal = models.DateField(_("tanggal LHR"), null=True, blank=True)
    reviu_catatan = models.TextField(_("catatan reviu"), blank=True)
    reviu_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    data_hash = models.CharField(_("hash data"), max_length=64, blank=True)
    snapshot = models.JSONField(
        _("data yang ditetapkan"), null=True, blank=True,
        help_text=_("Salinan data laporan saat ditetapkan (tidak berubah lagi)."),
    )
    snapshot_html = models.TextField(_("HTML yang ditetapkan"), blank=True)
    snapshot_xlsx = models.FileField(
        _("XLSX yang ditetapkan"), upload_to=xlsx_upload_to, blank=True, max_length=200
    )
    berkas_final = models.ForeignKey(
        "BerkasLKjIP", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("PDF ditetapkan"),
    )
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ditetapkan_pada = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("laporan kinerja (LKjIP)")
        verbose_name_plural = _("laporan kinerja (LKjIP)")
        ordering = ["perangkat_daerah", "-tahun", "-versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun", "versi"], name="uniq_lkjip_pd_tahun_versi"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "reviu", "ditetapkan"]),
                name="lkjip_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(basis_efisiensi__in=["program_pk", "seluruh_pd"]),
                name="lkjip_basis_efisiensi_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="ditetapkan") | ~Q(data_hash=""),
                name="lkjip_ditetapkan_punya_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"LKjIP {self.tahun} v{self.versi} ({self.perangkat_daerah})"

    @property
    def terkunci(self) -> bool:
        """A ditetapkan LKjIP never changes; a correction is a new version (§9 item 15)."""
        return self.status == self.Status.DITETAPKAN


def berkas_upload_to(instance: "BerkasLKjIP", filename: str) -> str:
    # Named by the data hash: the same data always maps to the same file name.
    return (
        f"lkjip/{instance.perangkat_daerah_id}/{instance.tahun}/"
        f"lkjip-{instance.tahun}-{instance.hash[:16]}.pdf"
    )


class BerkasLKjIP(models.Model):
    """A rendered LKjIP PDF, kept until the data it was built from changes.

    WeasyPrint needs seconds for a full report (platform.md), so the PDF is rendered by a
    background task from the HTML stored here, and served again while the hash still matches.
    """

    class Status(models.TextChoices):
        ANTRI = "antri", _("Dalam antrean")
        PROSES = "proses", _("Sedang disusun")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, models.CASCADE, related_name="berkas_lkjip_set"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    hash = models.CharField(_("hash data"), max_length=64)
    laporan = models.ForeignKey(
        LaporanKinerja, models.SET_NULL, null=True, blank=True, related_name="berkas_set"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.ANTRI
    )
    tahap = models.CharField(_("tahap"), max_length=100, blank=True)
    html = models.TextField(_("HTML sumber"), blank=True)
    file = models.FileField(_("berkas PDF"), upload_to=berkas_upload_to, blank=True,
                            max_length=200)
    halaman = models.PositiveIntegerField(_("jumlah halaman"), null=True, blank=True)
    detik_tata_letak = models.DecimalField(
        _("waktu tata letak (detik)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    pesan = models.TextField(_("pesan galat"), blank=True)
    task_id = models.CharField(_("id tugas"), max_length=64, blank=True)
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    mulai = models.DateTimeField(_("mulai disusun"), null=True, blank=True)
    selesai = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("berkas PDF LKjIP")
        verbose_name_plural = _("berkas PDF LKjIP")
        ordering = ["-dibuat", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun", "hash"], name="uniq_berkas_lkjip_hash"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["antri", "proses", "selesai", "gagal"]),
                name="berkas_lkjip_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"PDF LKjIP {self.tahun} {self.hash[:10]} ({self.get_status_display()})"

    @property
    def siap(self) -> bool:
        return self.status == self.Status.SELESAI and bool(self.file)

    @property
    def berjalan(self) -> bool:
        return self.status in (self.Status.ANTRI, self.Status.PROSES)


class CapaianTerbit(VersionedRow):
    """The capaian of an indicator in an earlier year as PUBLISHED in that year's LKjIP.

    Kept apart from the values recomputed from realisasi: the published figure is what the
    office reported and signed (it may differ, e.g. 115 % where the data gives 100 %), and
    Tabel 3.2 prints it with a note when it differs (domain.md §1.3, analysis 2).
    """

    indikator = models.ForeignKey(
        "renstra.Indikator", models.CASCADE, related_name="capaian_terbit_set"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    capaian = models.DecimalField(_("capaian (%)"), max_digits=9, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=20, decimal_places=4, null=True,
                                 blank=True)
    realisasi = models.DecimalField(_("realisasi"), max_digits=20, decimal_places=4, null=True,
                                    blank=True)
    sumber = models.CharField(
        _("sumber"), max_length=200,
        help_text=_("Dokumen yang memuat angka ini, mis. LKjIP Tahun 2023 Tabel 3.1."),
    )
    catatan = models.TextField(_("catatan"), blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("capaian terbit tahun sebelumnya")
        verbose_name_plural = _("capaian terbit tahun sebelumnya")
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"],
                                    name="uniq_capaian_terbit_indikator_tahun"),
        ]

    def __str__(self) -> str:
        return f"Capaian terbit {self.tahun}: {self.indikator_id}"


class KelompokPegawai(models.TextChoices):
    """How the staffing table of BAB I counts the office's staff (as the published Gowa LKjIP
    shows them: by rank group, by education, by kind of position)."""

    GOLONGAN = "golongan", _("Golongan")
    PENDIDIKAN = "pendidikan", _("Pendidikan")
    JABATAN = "jabatan", _("Jabatan")


KATEGORI_PEGAWAI_BAWAAN: dict[str, tuple[str, ...]] = {
    KelompokPegawai.GOLONGAN: ("IV", "III", "II", "I", "PPPK", "Non ASN"),
    KelompokPegawai.PENDIDIKAN: ("S3", "S2", "S1/D4", "D3", "SMA/SMK", "SMP", "SD"),
    KelompokPegawai.JABATAN: ("Struktural", "Fungsional", "Pelaksana"),
}
"""The categories offered on the staffing form (free text: an office may add its own)."""


class KepegawaianTahun(VersionedRow):
    """How many staff of one category an office had in a year (BAB I, staffing table).

    One row per (office, year, kelompok, kategori); the year's rows are written together by
    ``laporan.services.kepegawaian_save`` (all or nothing). No row for a year: the LKjIP asks
    for the table instead of printing an empty one.
    """

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, models.CASCADE, related_name="kepegawaian_set"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    kelompok = models.CharField(_("kelompok"), max_length=12, choices=KelompokPegawai.choices)
    kategori = models.CharField(_("kategori"), max_length=40)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    jumlah = models.PositiveIntegerField(_("jumlah pegawai"))

    class Meta:
        verbose_name = _("jumlah pegawai per tahun")
        verbose_name_plural = _("jumlah pegawai per tahun")
        ordering = ["perangkat_daerah", "tahun", "kelompok", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["perangkat_daerah", "tahun", "kelompok", "kategori"],
                                    name="uniq_kepegawaian_pd_tahun_kelompok_kategori"),
            models.CheckConstraint(
                condition=Q(kelompok__in=["golongan", "pendidikan", "jabatan"]),
                name="kepegawaian_kelompok_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Pegawai {self.tahun} {self.kelompok} {self.kategori}: {self.jumlah}"
