"""Notifications: the event stream behind the work inbox, in the app and by e-mail.

The inbox (dasbor) is computed from the data and says what is waiting; a notification says that
something happened to you (a value returned, a PK waiting for your signature, a deadline near)
and stays in your list until you read it. Each row names its recipient and carries a ``kunci``,
the idempotence key of its event: the same event (a reminder run again from cron, a double
click) never notifies the same person twice.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sakip.models import PerangkatDaerah


class JenisNotifikasi(models.TextChoices):
    DIKEMBALIKAN = "dikembalikan", _("Realisasi dikembalikan")
    DIAJUKAN = "diajukan", _("Realisasi diajukan")
    DIVERIFIKASI = "diverifikasi", _("Realisasi diverifikasi")
    PK_MENUNGGU = "pk_menunggu", _("PK menunggu penetapan")
    PK_DITETAPKAN = "pk_ditetapkan", _("PK ditetapkan")
    LKJIP_MENUNGGU = "lkjip_menunggu", _("LKjIP menunggu penetapan")
    LKJIP_DITETAPKAN = "lkjip_ditetapkan", _("LKjIP ditetapkan")
    CATATAN_BARU = "catatan_baru", _("Catatan reviu baru")
    CATATAN_DIJAWAB = "catatan_dijawab", _("Catatan reviu dijawab")
    PERIODE_DIBUKA = "periode_dibuka", _("Periode input dibuka")
    PERIODE_DITUTUP = "periode_ditutup", _("Periode input ditutup")
    PENGINGAT_TENGGAT = "pengingat_tenggat", _("Pengingat batas waktu")
    PENGINGAT_TERLAMBAT = "pengingat_terlambat", _("Pengingat keterlambatan")
    TINDAK_LANJUT_BARU = "tindak_lanjut_baru", _("Rekomendasi perlu ditindaklanjuti")
    TINDAK_LANJUT_DIAJUKAN = "tindak_lanjut_diajukan", _("Tindak lanjut diajukan")
    TINDAK_LANJUT_DITERIMA = "tindak_lanjut_diterima", _("Tindak lanjut diterima")
    TINDAK_LANJUT_DIBUKA = "tindak_lanjut_dibuka", _("Tindak lanjut dibuka kembali")


class Notifikasi(models.Model):
    penerima = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                                 related_name="notifikasi_set", verbose_name=_("penerima"))
    perangkat_daerah = models.ForeignKey(PerangkatDaerah, models.CASCADE, null=True, blank=True,
                                         related_name="+", verbose_name=_("perangkat daerah"))
    jenis = models.CharField(_("jenis"), max_length=24, choices=JenisNotifikasi.choices)
    judul = models.CharField(_("judul"), max_length=200)
    pesan = models.TextField(_("pesan"), blank=True)
    # A path inside SAKIP (reverse()), never an outside address: the list links to it.
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    # The event's idempotence key, unique per recipient ("pengingat:periode:12:tenggat").
    kunci = models.CharField(_("kunci peristiwa"), max_length=200)
    dibuat_pada = models.DateTimeField(_("dibuat pada"))
    dibaca_pada = models.DateTimeField(_("dibaca pada"), null=True, blank=True)
    email_dikirim_pada = models.DateTimeField(_("surel dikirim pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-dibuat_pada", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["penerima", "kunci"],
                                    name="uniq_notifikasi_penerima_kunci"),
            models.CheckConstraint(
                condition=Q(jenis__in=JenisNotifikasi.values), name="notifikasi_jenis_valid",
                violation_error_message=_("Jenis notifikasi tidak dikenal."),
            ),
        ]
        indexes = [
            # The bell counts a user's unread rows on every page.
            models.Index(fields=["penerima", "dibaca_pada"], name="notifikasi_belum_dibaca_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.penerima} — {self.judul}"

    @property
    def dibaca(self) -> bool:
        return self.dibaca_pada is not None


class PreferensiNotifikasi(models.Model):
    """A user's choice about e-mail; no row = the default (e-mail on)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE,
                                related_name="preferensi_notifikasi", verbose_name=_("pengguna"))
    email_aktif = models.BooleanField(_("kirim notifikasi ke e-mail saya"), default=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("preferensi notifikasi")
        verbose_name_plural = _("preferensi notifikasi")

    def __str__(self) -> str:
        return f"{self.user}: e-mail {'aktif' if self.email_aktif else 'mati'}"
