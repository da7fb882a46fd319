"""Report state only: the LKjIP of a perangkat daerah and year, its narratives and lifecycle.

``laporan`` reads plan and measurement data and never writes them (design.md, data flow).
Lifecycle: draft → reviu (APIP) → ditetapkan (domain.md §9 item 15).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sakip.models import PerangkatDaerah


class LaporanKinerja(models.Model):
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
    tanggal_penetapan = models.DateField(_("tanggal penetapan"), null=True, blank=True)
    tanggal_unggah = models.DateField(_("tanggal unggah e-SAKIP"), null=True, blank=True)
    reviu_nomor = models.CharField(_("nomor LHR"), max_length=100, blank=True)
    reviu_tanggal = models.DateField(_("tanggal LHR"), null=True, blank=True)
    reviu_catatan = models.TextField(_("catatan reviu"), blank=True)
    data_hash = models.CharField(_("hash data"), max_length=64, blank=True)
    pdf = models.FileField(_("PDF ditetapkan"), upload_to="lkjip/", blank=True)
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
        ]

    def __str__(self) -> str:
        return f"LKjIP {self.tahun} v{self.versi} ({self.perangkat_daerah})"
