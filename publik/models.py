"""Withdrawn publications: the only state the public pages own.

A document is published at its penetapan (PermenPAN-RB 53/2014: Renstra, IKU, PK and LKjIP are
public documents); the office may take one back from the public pages with a reason. The
withdrawal names one signed document (a PK version, an LKjIP version or a Renstra) and is
removed again to re-publish; both are audited (``publik.services``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.models import PerjanjianKinerja
from laporan.models import LaporanKinerja
from renstra.models import Renstra, tepat_satu_terisi
from sakip.models import PerangkatDaerah

DOKUMEN = ("renstra", "perjanjian", "laporan")


class PublikasiDicabut(models.Model):
    """A signed document taken off the public pages by its office, with the reason."""

    class Jenis(models.TextChoices):
        RENSTRA = "renstra", _("Renstra dan IKU")
        PK = "pk", _("Perjanjian Kinerja")
        LKJIP = "lkjip", _("LKjIP")

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, models.CASCADE, related_name="publikasi_dicabut_set"
    )
    jenis = models.CharField(_("jenis dokumen"), max_length=8, choices=Jenis.choices)
    # The document itself: exactly one of these, of the kind ``jenis`` names. CASCADE: a
    # document removed from the database (a demo reload) takes its withdrawal along.
    renstra = models.ForeignKey(Renstra, models.CASCADE, null=True, blank=True,
                                related_name="+")
    perjanjian = models.ForeignKey(PerjanjianKinerja, models.CASCADE, null=True, blank=True,
                                   related_name="+")
    laporan = models.ForeignKey(LaporanKinerja, models.CASCADE, null=True, blank=True,
                                related_name="+")
    alasan = models.TextField(_("alasan pencabutan"))
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                             related_name="+")
    pada = models.DateTimeField(_("dicabut pada"), default=timezone.now)

    class Meta:
        verbose_name = _("publikasi dicabut")
        verbose_name_plural = _("publikasi dicabut")
        ordering = ["-pada"]
        constraints = [
            models.CheckConstraint(
                condition=tepat_satu_terisi(*DOKUMEN), name="publikasi_dicabut_satu_dokumen",
                violation_error_message=_("Pencabutan menyebut tepat satu dokumen."),
            ),
            models.CheckConstraint(
                condition=(Q(jenis="renstra", renstra__isnull=False)
                           | Q(jenis="pk", perjanjian__isnull=False)
                           | Q(jenis="lkjip", laporan__isnull=False)),
                name="publikasi_dicabut_jenis_cocok",
                violation_error_message=_("Jenis dokumen tidak cocok dengan dokumennya."),
            ),
            models.CheckConstraint(
                condition=~Q(alasan=""), name="publikasi_dicabut_wajib_alasan",
                violation_error_message=_("Alasan pencabutan wajib diisi."),
            ),
            models.UniqueConstraint(fields=["renstra"], condition=Q(renstra__isnull=False),
                                    name="uniq_dicabut_renstra"),
            models.UniqueConstraint(fields=["perjanjian"],
                                    condition=Q(perjanjian__isnull=False),
                                    name="uniq_dicabut_perjanjian"),
            models.UniqueConstraint(fields=["laporan"], condition=Q(laporan__isnull=False),
                                    name="uniq_dicabut_laporan"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} dicabut ({self.perangkat_daerah})"

    @property
    def dokumen(self):
        return self.renstra or self.perjanjian or self.laporan
