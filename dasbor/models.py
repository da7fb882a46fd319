"""Review notes (catatan reviu) of the Inspektorat and their history.

APIP reviews the measurement and the LKjIP before submission (PermenPAN-RB 53/2014 Tata Cara
Reviu; domain.md §1.3, §9 items 15–16): a reviewer writes a note on an indikator, one realisasi
or an LKjIP; the perencana or the Kepala Dinas answers and resolves it. Notes are the only thing
an Inspektorat user ever writes, and nothing here changes the data under review.

A note targets exactly one object through three nullable foreign keys (a check constraint makes
it exactly one), so each target keeps a real, indexed relation instead of a generic id.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sakip.models import PerangkatDaerah, VersionedRow


class CatatanReviu(VersionedRow):
    class Status(models.TextChoices):
        TERBUKA = "terbuka", _("Terbuka")
        DIJAWAB = "dijawab", _("Dijawab")
        SELESAI = "selesai", _("Selesai")

    class Jenis(models.TextChoices):
        INDIKATOR = "indikator", _("Indikator")
        REALISASI = "realisasi", _("Realisasi")
        LAPORAN = "laporan", _("LKjIP")

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, models.PROTECT, related_name="catatan_reviu_set"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    # The note goes with its object: a deleted draft realisasi or LKjIP takes its notes along
    # (the JejakAudit rows written by the services keep the trail).
    indikator = models.ForeignKey(
        "renstra.Indikator", models.CASCADE, null=True, blank=True,
        related_name="catatan_reviu_set",
    )
    realisasi = models.ForeignKey(
        "kinerja.Realisasi", models.CASCADE, null=True, blank=True,
        related_name="catatan_reviu_set",
    )
    laporan = models.ForeignKey(
        "laporan.LaporanKinerja", models.CASCADE, null=True, blank=True,
        related_name="catatan_reviu_set",
    )
    isi = models.TextField(_("catatan"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.TERBUKA
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diselesaikan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diselesaikan_pada = models.DateTimeField(_("diselesaikan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("catatan reviu")
        verbose_name_plural = _("catatan reviu")
        ordering = ["-dibuat_pada", "-id"]
        indexes = [
            models.Index(fields=["perangkat_daerah", "tahun", "status"],
                         name="catatan_pd_tahun_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(indikator__isnull=False, realisasi__isnull=True, laporan__isnull=True)
                    | Q(indikator__isnull=True, realisasi__isnull=False, laporan__isnull=True)
                    | Q(indikator__isnull=True, realisasi__isnull=True, laporan__isnull=False)
                ),
                name="catatan_reviu_tepat_satu_sasaran",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["terbuka", "dijawab", "selesai"]),
                name="catatan_reviu_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(tahun__gte=2000, tahun__lte=2100), name="catatan_reviu_tahun_wajar"
            ),
        ]

    def __str__(self) -> str:
        return f"Catatan reviu #{self.pk} {self.get_jenis_display()}: {self.objek}"

    @property
    def jenis(self) -> str:
        if self.indikator_id:
            return self.Jenis.INDIKATOR
        if self.realisasi_id:
            return self.Jenis.REALISASI
        return self.Jenis.LAPORAN

    def get_jenis_display(self) -> str:
        return self.Jenis(self.jenis).label

    @property
    def objek(self):
        return self.indikator or self.realisasi or self.laporan

    @property
    def selesai(self) -> bool:
        return self.status == self.Status.SELESAI

    def pd_objek_id(self) -> int | None:
        """The perangkat daerah the reviewed object belongs to."""
        if self.indikator_id:
            return self.indikator.renstra.perangkat_daerah_id
        if self.realisasi_id:
            return self.realisasi.indikator.renstra.perangkat_daerah_id
        if self.laporan_id:
            return self.laporan.perangkat_daerah_id
        return None

    def clean(self) -> None:
        targets = [self.indikator_id, self.realisasi_id, self.laporan_id]
        if sum(1 for t in targets if t) != 1:
            raise ValidationError(
                _("Catatan reviu harus ditujukan pada tepat satu indikator, realisasi atau LKjIP.")
            )
        if self.perangkat_daerah_id and self.pd_objek_id() != self.perangkat_daerah_id:
            raise ValidationError(
                _("Data yang direviu bukan milik perangkat daerah catatan ini.")
            )
        if not (self.isi or "").strip():
            raise ValidationError({"isi": _("Tuliskan isi catatan reviu.")})


class RiwayatCatatan(models.Model):
    """One step in the life of a note: written, answered, followed up, resolved, reopened."""

    class Aksi(models.TextChoices):
        DIBUAT = "dibuat", _("Catatan dibuat")
        DIJAWAB = "dijawab", _("Dijawab")
        DITANGGAPI = "ditanggapi", _("Ditanggapi reviewer")
        DISELESAIKAN = "selesai", _("Diselesaikan")
        DIBUKA_KEMBALI = "dibuka", _("Dibuka kembali")

    catatan = models.ForeignKey(CatatanReviu, models.CASCADE, related_name="riwayat_set")
    aksi = models.CharField(_("aksi"), max_length=10, choices=Aksi.choices)
    isi = models.TextField(_("isi"), blank=True)
    status_lama = models.CharField(_("status lama"), max_length=8, blank=True)
    status_baru = models.CharField(_("status baru"), max_length=8)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("pengguna"),
    )
    peran = models.CharField(
        _("peran"), max_length=60, blank=True,
        help_text=_("Peran penulis pada saat itu, agar riwayat tetap terbaca bila peran berubah."),
    )
    waktu = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat catatan reviu")
        verbose_name_plural = _("riwayat catatan reviu")
        ordering = ["catatan", "waktu", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(aksi__in=["dibuat", "dijawab", "ditanggapi", "selesai", "dibuka"]),
                name="riwayat_catatan_aksi_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.catatan_id}: {self.get_aksi_display()} ({self.waktu:%Y-%m-%d %H:%M})"
