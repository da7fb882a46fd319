"""The money: pagu per tahap (murni / pergeseran / perubahan) and realisasi anggaran.

Rules: domain.md §8.3 (stages, pagu efektif, realisasi ≤ pagu), §9 item 13 (budget integrity).
A budget line belongs to the lowest node the documents give: normally a sub kegiatan, but an
LKjIP may only give a kegiatan or program total (Gowa Tabel 3.7: Program Penunjang), so the owner
is exactly one of program, kegiatan or sub kegiatan.
"""

from django.conf import settings
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from renstra.models import (
    PEMILIK_ANGGARAN,
    Kegiatan,
    Program,
    SubKegiatan,
    tepat_satu_terisi,
)
from sakip.models import VersionedRow

MONEY = {"max_digits": 18, "decimal_places": 2}

TEPAT_SATU_PEMILIK = tepat_satu_terisi(*PEMILIK_ANGGARAN)


class PemilikAnggaran(models.Model):
    # Budget lines are accountability history: they keep the plan node they belong to.
    program = models.ForeignKey(Program, models.PROTECT, null=True, blank=True, related_name="+")
    kegiatan = models.ForeignKey(Kegiatan, models.PROTECT, null=True, blank=True, related_name="+")
    subkegiatan = models.ForeignKey(
        SubKegiatan, models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def pemilik(self):
        return self.subkegiatan or self.kegiatan or self.program


class Tahap(models.TextChoices):
    MURNI = "murni", _("Murni (APBD induk)")
    PERGESERAN = "pergeseran", _("Pergeseran")
    PERUBAHAN = "perubahan", _("Perubahan (P-APBD)")


# The pagu in force is the latest stage of the year: murni < pergeseran-1 < … < perubahan
# (domain.md §8.3). Every ranking of stages (Python or SQL) is built from this one mapping.
RANK_TAHAP = {Tahap.MURNI: 0, Tahap.PERGESERAN: 1, Tahap.PERUBAHAN: 2}
# Pergeseran-n as one number beside the stage rank; the forms allow n ≤ 20.
_URUTAN_MAKS = 1000


def peringkat_tahap(tahap: str, urutan: int = 0) -> tuple[int, int]:
    """Sort key of a budget stage within a year; the greatest is the pagu efektif."""
    return (RANK_TAHAP[tahap], urutan)


def peringkat_tahap_db():
    """``peringkat_tahap`` as one SQL number (rank × 1000 + n), for ``annotate`` on ``Pagu``."""
    *awal, (_akhir, r_akhir) = sorted(RANK_TAHAP.items(), key=lambda kv: kv[1])
    # The last stage as the default: one comparison less per row (tahap is constrained).
    rank = Case(*[When(tahap=t, then=Value(r)) for t, r in awal], default=Value(r_akhir),
                output_field=IntegerField())
    return rank * _URUTAN_MAKS + F("urutan_tahap")


class Pagu(VersionedRow, PemilikAnggaran):
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    tahap = models.CharField(_("tahap"), max_length=10, choices=Tahap.choices)
    urutan_tahap = models.PositiveSmallIntegerField(
        _("urutan tahap"), default=0, help_text=_("Pergeseran ke-n; 0 untuk murni/perubahan.")
    )
    nilai = models.DecimalField(_("pagu (Rp)"), **MONEY)
    tanggal_dokumen = models.DateField(_("tanggal dokumen"), null=True, blank=True)
    nomor_dokumen = models.CharField(_("nomor dokumen (DPA/DPPA)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("pagu")
        verbose_name_plural = _("pagu")
        ordering = ["tahun", "tanggal_dokumen", "id"]
        constraints = [
            models.CheckConstraint(condition=TEPAT_SATU_PEMILIK, name="pagu_tepat_satu_pemilik",
            violation_error_message=_(
                "Pagu harus milik tepat satu program, kegiatan atau sub kegiatan."
            )),
            models.CheckConstraint(condition=Q(nilai__gte=0), name="pagu_tidak_negatif",
            violation_error_message=_(
                "Pagu tidak boleh negatif."
            )),
            models.CheckConstraint(
                condition=Q(tahap__in=Tahap.values), name="pagu_tahap_valid",
                violation_error_message=_(
                    "Tahap pagu harus murni, pergeseran atau perubahan."
                )
            ),
            models.UniqueConstraint(
                fields=["program", "tahun", "tahap", "urutan_tahap"],
                condition=Q(program__isnull=False), name="uniq_pagu_program",
                violation_error_message=_(
                    "Pagu program ini untuk tahun dan tahap tersebut sudah ada."
                ),
            ),
            models.UniqueConstraint(
                fields=["kegiatan", "tahun", "tahap", "urutan_tahap"],
                condition=Q(kegiatan__isnull=False), name="uniq_pagu_kegiatan",
                violation_error_message=_(
                    "Pagu kegiatan ini untuk tahun dan tahap tersebut sudah ada."
                ),
            ),
            models.UniqueConstraint(
                fields=["subkegiatan", "tahun", "tahap", "urutan_tahap"],
                condition=Q(subkegiatan__isnull=False), name="uniq_pagu_subkegiatan",
                violation_error_message=_(
                    "Pagu sub kegiatan ini untuk tahun dan tahap tersebut sudah ada."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pemilik} {self.tahun} {self.get_tahap_display()}: {self.nilai}"

    @property
    def urutan_efektif(self) -> tuple[int, int]:
        return peringkat_tahap(self.tahap, self.urutan_tahap)


class RealisasiAnggaran(VersionedRow, PemilikAnggaran):
    """Spending of one quarter (or one month of it), not cumulative (design.md Buku Kerja)."""

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"))
    bulan = models.PositiveSmallIntegerField(_("bulan"), null=True, blank=True)
    nilai = models.DecimalField(_("realisasi (Rp)"), **MONEY)
    sumber = models.CharField(_("sumber data"), max_length=60, blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("realisasi anggaran")
        verbose_name_plural = _("realisasi anggaran")
        ordering = ["tahun", "triwulan", "bulan"]
        constraints = [
            models.CheckConstraint(
                condition=TEPAT_SATU_PEMILIK, name="realisasi_anggaran_tepat_satu_pemilik",
                violation_error_message=_(
                    "Realisasi anggaran harus milik tepat satu program, kegiatan atau sub "
                    "kegiatan."
                )
            ),
            models.CheckConstraint(
                condition=Q(nilai__gte=0), name="realisasi_anggaran_tidak_negatif",
                violation_error_message=_(
                    "Realisasi anggaran tidak boleh negatif."
                )
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4),
                name="realisasi_anggaran_triwulan_1_4",
                violation_error_message=_(
                    "Triwulan harus 1 sampai 4."
                ),
            ),
            models.CheckConstraint(
                condition=Q(bulan__isnull=True)
                | Q(bulan__gte=F("triwulan") * 3 - 2, bulan__lte=F("triwulan") * 3),
                name="realisasi_anggaran_bulan_dalam_triwulan",
                violation_error_message=_(
                    "Bulan harus berada dalam triwulannya (TW I: 1–3, TW II: 4–6, TW III: 7–9, TW "
                    "IV: 10–12)."
                ),
            ),
            # One value per owner and quarter, or per owner and month when monthly (SIPD RFK).
            *[
                models.UniqueConstraint(
                    fields=[owner, "tahun", "triwulan"],
                    condition=Q(**{f"{owner}__isnull": False, "bulan__isnull": True}),
                    name=f"uniq_realisasi_anggaran_{owner}_tw",
                )
                for owner in ("program", "kegiatan", "subkegiatan")
            ],
            *[
                models.UniqueConstraint(
                    fields=[owner, "tahun", "bulan"],
                    condition=Q(**{f"{owner}__isnull": False, "bulan__isnull": False}),
                    name=f"uniq_realisasi_anggaran_{owner}_bulan",
                )
                for owner in ("program", "kegiatan", "subkegiatan")
            ],
        ]

    def __str__(self) -> str:
        return f"{self.pemilik} {self.tahun} TW {self.triwulan}: {self.nilai}"
