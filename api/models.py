"""Read-API tokens: who may read verified data of an office or a pemda before it is published.

A token is shown once and stored as its SHA-256 only (a leaked database does not hand out
working tokens); it is scoped to exactly one office or one pemda, revoked rather than deleted
(its trail stays readable), and records when it was last used.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sakip.models import Pemda, PerangkatDaerah


class TokenAPI(models.Model):
    nama = models.CharField(_("nama"), max_length=100,
                            help_text=_("Untuk apa token ini, mis. Bappeda – dasbor RPJMD."))
    awalan = models.CharField(_("awalan"), max_length=16,
                              help_text=_("Beberapa karakter pertama, untuk mengenali token."))
    hash = models.CharField(_("hash SHA-256"), max_length=64, unique=True)
    pemda = models.ForeignKey(Pemda, models.CASCADE, related_name="token_api_set")
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, models.CASCADE, null=True, blank=True, related_name="token_api_set",
        help_text=_("Kosong = seluruh perangkat daerah pemda."),
    )
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    dicabut_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                     blank=True, related_name="+")
    dicabut_pada = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    terakhir_dipakai = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-dibuat_pada", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dicabut_pada__isnull=True) | Q(dicabut_oleh__isnull=False),
                name="token_api_dicabut_oleh_terisi",
                violation_error_message=_("Pencabutan token wajib mencatat siapa yang mencabut."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.awalan}…)"

    @property
    def aktif(self) -> bool:
        return self.dicabut_pada is None

    @property
    def lingkup_label(self) -> str:
        return str(self.perangkat_daerah) if self.perangkat_daerah_id else f"{self.pemda} (seluruh)"
