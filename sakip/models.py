"""Core of SAKIP: the pemda, its perangkat daerah and bidang, who holds which role, and the audit.

Roles are held per perangkat daerah (and per bidang for staf_bidang), design.md "Who uses it".
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sakip.lib.nip import galat_nip


class VersionedRow(models.Model):
    """An editable aggregate whose saves are checked against the version they were based on
    (``sakip.versi``): two users saving the same row from the same page cannot silently
    overwrite each other. Named ``row_version`` because the PK already has a domain ``versi``
    (its revision number)."""

    row_version = models.PositiveIntegerField(_("versi baris"), default=1, editable=False)

    class Meta:
        abstract = True


class JenisPemda(models.TextChoices):
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")
    PROVINSI = "provinsi", _("Provinsi")


class SkalaKategori(models.TextChoices):
    """Category scales of domain.md §2.6 (PANRB8_5 is for individual SKP views only)."""

    GOWA_4 = "GOWA_4", _("4 kategori (≥110 / 90–110 / 60–90 / <60)")
    PMDN86_5 = "PMDN86_5", _("5 kategori Permendagri 86/2017")
    BINARY = "BINARY", _("Tercapai / tidak tercapai")


class MetodeEfisiensi(models.TextChoices):
    """Efficiency methods of domain.md §3; the choice is printed with its formula in the LKjIP."""

    EF_SISA = "EF-SISA", _("Sisa anggaran bila target tercapai (100 − serapan)")
    EF_SELISIH = "EF-SELISIH", _("Selisih capaian kinerja dan serapan anggaran")
    EF_RASIO = "EF-RASIO", _("Rasio capaian kinerja terhadap serapan anggaran")


class BuktiWajib(models.TextChoices):
    """Whether a realisasi needs an evidence file before it is submitted and verified: an
    office setting, IKU by default (the LKjIP's headline figures must be backed)."""

    IKU = "iku", _("Wajib untuk indikator IKU")
    SEMUA = "semua", _("Wajib untuk semua indikator")
    TIDAK = "tidak", _("Tidak wajib")


class RumusNegatif(models.TextChoices):
    """Negative-polarity formulas (domain.md §2.2); NEG-C is deliberately absent: it is wrong."""

    NEG_A = "NEG-A", _("NEG-A: (2T − R) / T × 100 (LAN 239/2003, PermenPAN-RB 8/2021)")
    NEG_B = "NEG-B", _("NEG-B: T / R × 100")


def nama_wilayah(nama_pemda: str) -> str:
    """The region's own name without its kind: "Kabupaten Gowa" → "Gowa", "Kota Bekasi" →
    "Bekasi" (signatures read "Bupati Gowa", "Wali Kota Bekasi")."""
    for awalan in ("Kabupaten ", "Kota ", "Provinsi "):
        if nama_pemda.startswith(awalan):
            return nama_pemda[len(awalan):]
    return nama_pemda


class Pemda(VersionedRow):
    nama = models.CharField(_("nama pemda"), max_length=200, unique=True)
    jenis = models.CharField(_("jenis"), max_length=12, choices=JenisPemda.choices)
    # Who heads the pemda in which year lives in Pejabat (one home for every signatory).
    logo = models.FileField(_("logo"), upload_to="logo/pemda/", blank=True)

    class Meta:
        verbose_name = _("pemerintah daerah")
        verbose_name_plural = _("pemerintah daerah")
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis__in=JenisPemda.values), name="pemda_jenis_valid",
                violation_error_message=_(
                    "Jenis pemda harus kabupaten, kota atau provinsi."
                )
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def sebutan_kepala_daerah(self) -> str:
        """Kota → "Wali Kota", Kabupaten → "Bupati" (domain.md §9 item 18)."""
        return {
            JenisPemda.KOTA: "Wali Kota",
            JenisPemda.KABUPATEN: "Bupati",
            JenisPemda.PROVINSI: "Gubernur",
        }[self.jenis]

    @property
    def nama_wilayah(self) -> str:
        """"Kabupaten Gowa" → "Gowa" (for "Bupati Gowa")."""
        return nama_wilayah(self.nama)


class PerangkatDaerah(VersionedRow):
    pemda = models.ForeignKey(Pemda, models.PROTECT, related_name="perangkat_daerah")
    kode = models.CharField(_("kode"), max_length=40, blank=True)
    nama = models.CharField(_("nama"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    alamat = models.TextField(_("alamat"), blank=True)
    # PNG/JPEG only, checked by content (sakip.kantor.logo); the Kepala lives in Pejabat.
    logo = models.FileField(_("logo"), upload_to="logo/pd/", blank=True)
    tempat = models.CharField(
        _("tempat penandatanganan"), max_length=100, blank=True,
        help_text=_("Kota pada baris tempat-tanggal dokumen, mis. Sungguminasa."),
    )
    skala_kategori = models.CharField(
        _("skala kategori capaian"), max_length=10, choices=SkalaKategori.choices,
        default=SkalaKategori.GOWA_4,
    )
    metode_efisiensi = models.CharField(
        _("metode efisiensi"), max_length=12, choices=MetodeEfisiensi.choices,
        default=MetodeEfisiensi.EF_SISA,
    )
    rumus_negatif = models.CharField(
        _("rumus polaritas negatif"), max_length=6, choices=RumusNegatif.choices,
        default=RumusNegatif.NEG_A,
    )
    bukti_wajib = models.CharField(
        _("bukti dukung wajib"), max_length=5, choices=BuktiWajib.choices,
        default=BuktiWajib.IKU,
        help_text=_("Realisasi tanpa bukti dukung tidak dapat diajukan atau diverifikasi."),
    )

    def perlu_bukti(self, indikator) -> bool:
        """Whether a realisasi of ``indikator`` needs an evidence file (``bukti_wajib``)."""
        if self.bukti_wajib == BuktiWajib.SEMUA:
            return True
        return self.bukti_wajib == BuktiWajib.IKU and bool(indikator.is_iku)

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["pemda__nama", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "nama"], name="uniq_pd_pemda_nama"),
            models.CheckConstraint(
                condition=Q(skala_kategori__in=SkalaKategori.values), name="pd_skala_valid",
                violation_error_message=_(
                    "Skala kategori harus GOWA_4, PMDN86_5 atau BINARY."
                )
            ),
            models.CheckConstraint(
                condition=Q(metode_efisiensi__in=MetodeEfisiensi.values),
                name="pd_metode_efisiensi_valid",
                violation_error_message=_(
                    "Metode efisiensi harus EF-SISA, EF-SELISIH atau EF-RASIO."
                ),
            ),
            models.CheckConstraint(
                condition=Q(rumus_negatif__in=RumusNegatif.values), name="pd_rumus_negatif_valid",
                violation_error_message=_(
                    "Rumus polaritas negatif harus NEG-A atau NEG-B."
                )
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class Bidang(VersionedRow):
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, models.CASCADE, related_name="bidang_set"
    )
    nama = models.CharField(_("nama"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=40, blank=True)
    # A bidang that owns indicators, programs, realisasi or roles is deactivated, never deleted
    # (its history stays readable); inactive bidang are not offered for new assignments.
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("bidang")
        verbose_name_plural = _("bidang")
        ordering = ["perangkat_daerah", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "nama"], name="uniq_bidang_pd_nama"
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class JenisPejabat(models.TextChoices):
    KEPALA_PD = "kepala_pd", _("Kepala perangkat daerah")
    KEPALA_DAERAH = "kepala_daerah", _("Kepala daerah")


class Role(models.TextChoices):
    PERENCANA = "perencana", _("Perencana")
    STAF_BIDANG = "staf_bidang", _("Staf bidang")
    KEPALA = "kepala", _("Kepala perangkat daerah")
    INSPEKTORAT = "inspektorat", _("Inspektorat (APIP)")
    ADMIN = "admin", _("Administrator")


class Peran(models.Model):
    """A role held by a user, scoped to a pemda and (except for Inspektorat/admin of the whole
    pemda) to one perangkat daerah; staf_bidang is also scoped to one bidang."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="peran_set",
                             verbose_name=_("pengguna"))
    role = models.CharField(_("peran"), max_length=12, choices=Role.choices)
    pemda = models.ForeignKey(Pemda, models.CASCADE, related_name="+")
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, models.CASCADE, null=True, blank=True, related_name="peran_set",
        help_text=_("Kosong = seluruh perangkat daerah pemda (hanya Inspektorat/Administrator)."),
    )
    bidang = models.ForeignKey(
        Bidang, models.CASCADE, null=True, blank=True, related_name="peran_set"
    )

    class Meta:
        verbose_name = _("peran pengguna")
        verbose_name_plural = _("peran pengguna")
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="peran_role_valid",
            violation_error_message=_(
                "Peran tidak dikenal."
            )),
            models.CheckConstraint(
                condition=~Q(role="staf_bidang") | Q(bidang__isnull=False),
                name="peran_staf_bidang_punya_bidang",
                violation_error_message=_(
                    "Peran staf bidang wajib menyebut bidangnya."
                ),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["inspektorat", "admin"])
                | Q(perangkat_daerah__isnull=False),
                name="peran_pd_wajib_kecuali_pemda_wide",
                violation_error_message=_(
                    "Perangkat daerah wajib diisi, kecuali untuk Inspektorat atau Administrator "
                    "seluruh pemda."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "pemda", "perangkat_daerah", "bidang"],
                name="uniq_peran",
            ),
        ]

    def __str__(self) -> str:
        scope = self.bidang or self.perangkat_daerah or self.pemda
        return f"{self.user} — {self.get_role_display()} ({scope})"


class JejakAudit(models.Model):
    """Who changed which target, realisasi or pagu, when, from what to what, and why.

    Accountability data must leave a trail (style.md, Zulip: audit rows are a must); Inspektorat
    reviewers read it down to the single value.
    """

    class Aksi(models.TextChoices):
        BUAT = "buat", _("Dibuat")
        UBAH = "ubah", _("Diubah")
        HAPUS = "hapus", _("Dihapus")
        STATUS = "status", _("Status berubah")

    waktu = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    # PROTECT: "who" must never be blanked; a user with audit rows is deactivated, not deleted
    # (sakip.admin.PenggunaAdmin offers the deactivation).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("pengguna"),
    )
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aksi = models.CharField(_("aksi"), max_length=8, choices=Aksi.choices)
    model = models.CharField(_("jenis data"), max_length=60)
    object_id = models.CharField(_("id data"), max_length=40)
    objek = models.CharField(_("uraian data"), max_length=300, blank=True)
    field = models.CharField(_("kolom"), max_length=60, blank=True)
    nilai_lama = models.TextField(_("nilai lama"), blank=True, null=True)
    nilai_baru = models.TextField(_("nilai baru"), blank=True, null=True)
    alasan = models.TextField(_("alasan"), blank=True)

    class Meta:
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-waktu", "-id"]
        indexes = [models.Index(fields=["model", "object_id"], name="audit_model_obj_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(aksi__in=["buat", "ubah", "hapus", "status"]),
                name="audit_aksi_valid",
                violation_error_message=_(
                    "Aksi jejak audit harus buat, ubah, hapus atau status."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.model}#{self.object_id} {self.field}"


class DetakWorker(models.Model):
    """The last sign of life of one background-task worker process (``manage.py sakip_worker``).

    django-tasks' database worker records nothing while it idles, so a dead worker would only
    show as PDFs that never finish; ``/healthz`` reads the newest beat instead.
    """

    worker_id = models.CharField(_("id worker"), max_length=64, unique=True)
    host = models.CharField(_("mesin"), max_length=255)
    pid = models.PositiveIntegerField(_("PID proses"))
    mulai = models.DateTimeField(_("mulai"))
    detak = models.DateTimeField(_("detak terakhir"), db_index=True)

    class Meta:
        verbose_name = _("detak worker")
        verbose_name_plural = _("detak worker")

    def __str__(self) -> str:
        return f"{self.host}:{self.pid} {self.detak:%Y-%m-%d %H:%M:%S}"


class Pejabat(VersionedRow):
    """Who holds a signing office, from when to when: the Kepala of a perangkat daerah (name,
    NIP, pangkat/golongan, jabatan) or the pemda's kepala daerah (Bupati/Wali Kota/Gubernur,
    name only: an elected official has no NIP).

    Documents read the official in office on their date (``sakip.kantor.selectors.
    pejabat_penandatangan``), so a 2024 report keeps the 2024 Kepala after a change of office
    (PermenPAN-RB 53/2014: the PK and LKjIP are signed by the office holder of their time).
    Periods of one post never overlap (checked in ``sakip.kantor.services``).
    """

    pemda = models.ForeignKey(Pemda, models.PROTECT, related_name="pejabat_set")
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, models.PROTECT, null=True, blank=True, related_name="pejabat_set",
        help_text=_("Kosong untuk kepala daerah (Bupati/Wali Kota)."),
    )
    jenis = models.CharField(_("jabatan penandatangan"), max_length=16,
                             choices=JenisPejabat.choices)
    nama = models.CharField(_("nama"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    pangkat = models.CharField(_("pangkat/golongan"), max_length=100, blank=True)
    jabatan = models.CharField(_("jabatan"), max_length=200, blank=True)
    mulai = models.DateField(_("mulai menjabat"))
    selesai = models.DateField(_("selesai menjabat"), null=True, blank=True)

    class Meta:
        verbose_name = _("pejabat")
        verbose_name_plural = _("pejabat")
        ordering = ["pemda", "perangkat_daerah", "jenis", "-mulai"]
        indexes = [models.Index(fields=["pemda", "jenis", "mulai"], name="pejabat_pemda_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis__in=JenisPejabat.values), name="pejabat_jenis_valid",
                violation_error_message=_("Jenis pejabat tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=(Q(jenis="kepala_pd", perangkat_daerah__isnull=False)
                           | Q(jenis="kepala_daerah", perangkat_daerah__isnull=True)),
                name="pejabat_pd_sesuai_jenis",
                violation_error_message=_(
                    "Kepala perangkat daerah wajib menyebut perangkat daerahnya; kepala daerah "
                    "tidak."
                ),
            ),
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=F("mulai")),
                name="pejabat_selesai_setelah_mulai",
                violation_error_message=_(
                    "Tanggal selesai menjabat tidak boleh sebelum tanggal mulai."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.get_jenis_display()})"

    def clean(self):
        super().clean()
        if self.jenis == JenisPejabat.KEPALA_PD:
            galat = {}
            if not self.nip:
                galat["nip"] = _("NIP Kepala perangkat daerah wajib diisi.")
            else:
                pesan = galat_nip(self.nip)
                if pesan:
                    galat["nip"] = pesan
            if not self.pangkat:
                galat["pangkat"] = _("Pangkat/golongan Kepala perangkat daerah wajib diisi.")
            if not self.jabatan:
                galat["jabatan"] = _("Jabatan Kepala wajib diisi, mis. Kepala Dinas Sosial.")
            if galat:
                raise ValidationError(galat)
        elif self.nip:
            raise ValidationError({"nip": _("Kepala daerah tidak memiliki NIP; kosongkan.")})
