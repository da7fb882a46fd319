"""The plan: Renstra → tujuan → sasaran → indikator; program → kegiatan → subkegiatan.

Rules: domain.md §1.1 (period length is data, not 5), §6 (kodefikasi, nomenklatur versions),
§7.1 (Tabel 4.2 / T-C.27), §9 (baseline, IKU versioning, NULL ≠ 0).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sakip.models import Bidang, PerangkatDaerah, RumusNegatif, VersionedRow

MONEY = {"max_digits": 18, "decimal_places": 2}
NILAI = {"max_digits": 20, "decimal_places": 4}


def tepat_satu_terisi(*fields: str) -> Q:
    """Check-constraint condition: exactly one of ``fields`` (nullable FKs) is set.

    One owner per row is a rule of several models (an indikator's node, a pagu's program/kegiatan/
    sub kegiatan); written once so every such constraint reads the same.
    """
    q = Q()
    for isi in fields:
        q |= Q(**{f"{f}__isnull": f != isi for f in fields})
    return q


PEMILIK_ANGGARAN = ("program", "kegiatan", "subkegiatan")


class Nomenklatur(models.Model):
    """Kepmendagri code → name, per version: codes are renumbered between revisions (§6.1)."""

    class Level(models.TextChoices):
        URUSAN = "urusan", _("Urusan")
        BIDANG_URUSAN = "bidang_urusan", _("Bidang urusan")
        PROGRAM = "program", _("Program")
        KEGIATAN = "kegiatan", _("Kegiatan")
        SUBKEGIATAN = "subkegiatan", _("Sub kegiatan")

    kode = models.CharField(_("kode"), max_length=40)
    nama = models.TextField(_("nama"))
    level = models.CharField(_("level"), max_length=14, choices=Level.choices)
    versi = models.CharField(_("versi Kepmendagri"), max_length=60)
    berlaku_mulai = models.PositiveSmallIntegerField(
        _("berlaku mulai tahun"), null=True, blank=True
    )
    berlaku_sampai = models.PositiveSmallIntegerField(
        _("berlaku sampai tahun"), null=True, blank=True
    )
    kinerja = models.TextField(_("kinerja/keluaran standar"), blank=True)
    indikator = models.TextField(_("indikator standar"), blank=True)
    satuan = models.CharField(_("satuan standar"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("nomenklatur")
        verbose_name_plural = _("nomenklatur")
        ordering = ["versi", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["kode", "versi"], name="uniq_nomenklatur_kode_versi"),
            models.CheckConstraint(
                condition=Q(level__in=["urusan", "bidang_urusan", "program", "kegiatan",
                                       "subkegiatan"]),
                name="nomenklatur_level_valid",
                violation_error_message=_(
                    "Level nomenklatur harus urusan, bidang urusan, program, kegiatan atau sub "
                    "kegiatan."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class Renstra(models.Model):
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, models.PROTECT, related_name="renstra_set"
    )
    tahun_awal = models.PositiveSmallIntegerField(_("tahun awal"))
    tahun_akhir = models.PositiveSmallIntegerField(_("tahun akhir"))
    tahun_tambahan = models.PositiveSmallIntegerField(
        _("tahun tambahan"), default=0,
        help_text=_("Kolom tahun sesudah periode (mis. 2030 pada Renstra 2025–2029)."),
    )
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    nama = models.CharField(_("nama dokumen"), max_length=200, blank=True)
    nomor_penetapan = models.CharField(_("nomor penetapan"), max_length=100, blank=True)
    tanggal_penetapan = models.DateField(_("tanggal penetapan"), null=True, blank=True)
    nomenklatur_versi = models.CharField(_("versi nomenklatur"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("Renstra")
        verbose_name_plural = _("Renstra")
        ordering = ["perangkat_daerah", "-tahun_awal", "-versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun_awal", "versi"],
                name="uniq_renstra_pd_awal_versi",
            ),
            models.CheckConstraint(
                condition=Q(tahun_akhir__gte=F("tahun_awal")), name="renstra_periode_urut",
                violation_error_message=_(
                    "Tahun akhir Renstra tidak boleh sebelum tahun awal."
                )
            ),
            models.CheckConstraint(
                condition=Q(tahun_akhir__lte=F("tahun_awal") + 9), name="renstra_periode_maks_10",
                violation_error_message=_(
                    "Periode Renstra paling panjang 10 tahun."
                )
            ),
            models.CheckConstraint(
                condition=Q(tahun_tambahan__lte=2), name="renstra_tahun_tambahan_maks_2",
                violation_error_message=_(
                    "Tahun tambahan Renstra paling banyak 2."
                )
            ),
        ]

    def __str__(self) -> str:
        label = self.nama or "Renstra"
        return f"{label} {self.tahun_awal}–{self.tahun_akhir} ({self.perangkat_daerah})"

    @property
    def tahun_list(self) -> list[int]:
        """Every year a target or pagu may be set for, including the extra year(s)."""
        return list(range(self.tahun_awal, self.tahun_akhir + self.tahun_tambahan + 1))


class Tujuan(VersionedRow):
    renstra = models.ForeignKey(Renstra, models.CASCADE, related_name="tujuan_set")
    kode = models.CharField(_("kode"), max_length=20, blank=True)
    uraian = models.TextField(_("uraian"))
    urutan = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("tujuan")
        verbose_name_plural = _("tujuan")
        ordering = ["renstra", "urutan", "id"]

    def __str__(self) -> str:
        return self.uraian


class Program(VersionedRow):
    renstra = models.ForeignKey(Renstra, models.CASCADE, related_name="program_set")
    kode = models.CharField(_("kode"), max_length=40)
    nama = models.TextField(_("nama"))
    bidang = models.ForeignKey(Bidang, models.SET_NULL, null=True, blank=True, related_name="+")
    urutan = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["renstra", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="uniq_program_renstra_kode"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class Sasaran(VersionedRow):
    tujuan = models.ForeignKey(Tujuan, models.CASCADE, related_name="sasaran_set")
    kode = models.CharField(_("kode"), max_length=20, blank=True)
    uraian = models.TextField(_("uraian"))
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    program_set = models.ManyToManyField(
        Program, through="SasaranProgram", related_name="sasaran_set", blank=True
    )

    class Meta:
        verbose_name = _("sasaran")
        verbose_name_plural = _("sasaran")
        ordering = ["tujuan", "urutan", "id"]

    def __str__(self) -> str:
        return self.uraian


class SasaranProgram(models.Model):
    """Which programs support which sasaran: the PK-linked budget of efisiensi (§3 rule 2)."""

    sasaran = models.ForeignKey(Sasaran, models.CASCADE)
    program = models.ForeignKey(Program, models.CASCADE)

    class Meta:
        verbose_name = _("program pendukung sasaran")
        verbose_name_plural = _("program pendukung sasaran")
        constraints = [
            models.UniqueConstraint(fields=["sasaran", "program"], name="uniq_sasaran_program"),
        ]

    def __str__(self) -> str:
        return f"{self.sasaran} ← {self.program}"


class Kegiatan(VersionedRow):
    program = models.ForeignKey(Program, models.CASCADE, related_name="kegiatan_set")
    kode = models.CharField(_("kode"), max_length=40)
    nama = models.TextField(_("nama"))
    bidang = models.ForeignKey(Bidang, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        ordering = ["program", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["program", "kode"], name="uniq_kegiatan_program_kode"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class SubKegiatan(VersionedRow):
    kegiatan = models.ForeignKey(Kegiatan, models.CASCADE, related_name="subkegiatan_set")
    kode = models.CharField(_("kode"), max_length=40)
    nama = models.TextField(_("nama"))
    bidang = models.ForeignKey(Bidang, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("sub kegiatan")
        verbose_name_plural = _("sub kegiatan")
        ordering = ["kegiatan", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["kegiatan", "kode"], name="uniq_subkegiatan_kegiatan_kode"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class Polaritas(models.TextChoices):
    POSITIF = "positif", _("Positif (semakin tinggi semakin baik)")
    NEGATIF = "negatif", _("Negatif (semakin rendah semakin baik)")
    KUALITATIF = "kualitatif", _("Kualitatif (predikat)")


class Agregasi(models.TextChoices):
    """How quarterly values make the annual one (domain.md §2.4)."""

    SUM = "SUM", _("Jumlah per triwulan")
    LAST = "LAST", _("Nilai triwulan terakhir")
    AVG = "AVG", _("Rata-rata")
    MAX = "MAX", _("Tertinggi")
    MIN = "MIN", _("Terendah")
    YTD = "YTD", _("Kumulatif s.d. triwulan")


# Units that count whole things: a target or value with decimals in one of these is almost
# always a typing slip (1.250,5 Orang). Compared case-insensitively on the trimmed unit.
SATUAN_CACAH = frozenset({
    "orang", "jiwa", "kk", "unit", "dokumen", "kali", "buah", "paket", "kegiatan", "laporan",
    "lembaga", "desa", "kelurahan", "kecamatan", "sekolah", "rumah", "keluarga", "anak",
    "kelompok", "titik", "lokasi", "berkas", "surat", "perda", "perkada", "sk", "naskah",
    "pegawai", "peserta", "panti", "rtlh",
})
SATUAN_PERSEN = frozenset({"%", "persen", "persentase"})


def satuan_cacah(satuan: str) -> bool:
    return (satuan or "").strip().lower() in SATUAN_CACAH


def satuan_persen(satuan: str) -> bool:
    return (satuan or "").strip().lower() in SATUAN_PERSEN


class JenisNilai(models.TextChoices):
    ANGKA = "angka", _("Angka")
    RASIO = "rasio", _("Pembilang / penyebut (persen)")
    PREDIKAT = "predikat", _("Predikat / kualitatif")
    ANGKA_PREDIKAT = "angka_predikat", _("Angka dengan predikat, mis. 77,26 (BB)")


class Indikator(VersionedRow):
    """An indicator owned by exactly one node of the Renstra tree."""

    renstra = models.ForeignKey(Renstra, models.CASCADE, related_name="indikator_set")
    tujuan = models.ForeignKey(
        Tujuan, models.CASCADE, null=True, blank=True, related_name="indikator_set"
    )
    sasaran = models.ForeignKey(
        Sasaran, models.CASCADE, null=True, blank=True, related_name="indikator_set"
    )
    program = models.ForeignKey(
        Program, models.CASCADE, null=True, blank=True, related_name="indikator_set"
    )
    kegiatan = models.ForeignKey(
        Kegiatan, models.CASCADE, null=True, blank=True, related_name="indikator_set"
    )
    subkegiatan = models.ForeignKey(
        SubKegiatan, models.CASCADE, null=True, blank=True, related_name="indikator_set"
    )
    kode = models.CharField(_("kode"), max_length=20, blank=True)
    keluaran = models.TextField(
        _("outcome/output"), blank=True,
        help_text=_("Rumusan outcome program atau output sub kegiatan (kolom 01 Tabel 4.2)."),
    )
    uraian = models.TextField(_("uraian indikator"))
    satuan = models.CharField(_("satuan"), max_length=60, blank=True)
    polaritas = models.CharField(
        _("polaritas"), max_length=10, choices=Polaritas.choices, default=Polaritas.POSITIF
    )
    rumus_negatif = models.CharField(
        _("rumus negatif"), max_length=6, choices=RumusNegatif.choices, blank=True,
        help_text=_("Kosong = mengikuti pengaturan perangkat daerah."),
    )
    agregasi = models.CharField(
        _("agregasi triwulan"), max_length=4, choices=Agregasi.choices, default=Agregasi.SUM
    )
    agregasi_target_akhir = models.CharField(
        _("sifat target akhir Renstra"), max_length=4, choices=Agregasi.choices,
        default=Agregasi.LAST,
        help_text=_(
            "Nilai triwulan terakhir: target tahun akhir; Jumlah per triwulan: jumlah target "
            "seluruh tahun."
        ),
    )
    jenis_nilai = models.CharField(
        _("jenis nilai"), max_length=14, choices=JenisNilai.choices, default=JenisNilai.ANGKA
    )
    skala_predikat = models.CharField(_("skala predikat"), max_length=10, blank=True)
    capaian_100_bila_predikat_tercapai = models.BooleanField(
        _("capaian 100 % bila predikat tercapai"), default=False
    )
    desimal = models.PositiveSmallIntegerField(_("desimal"), default=0)
    boleh_lebih_100 = models.BooleanField(
        _("target persen boleh di atas 100"), default=False,
        help_text=_("Centang bila persentase memang dapat melebihi 100 (mis. rasio pertumbuhan)."),
    )
    definisi_operasional = models.TextField(_("definisi operasional"), blank=True)
    sumber_data = models.CharField(_("sumber data"), max_length=200, blank=True)
    bidang = models.ForeignKey(
        Bidang, models.SET_NULL, null=True, blank=True, related_name="indikator_set"
    )
    is_iku = models.BooleanField(_("IKU"), default=False)
    is_spm = models.BooleanField(_("SPM"), default=False)
    aktif = models.BooleanField(
        _("aktif"), default=True,
        help_text=_("Indikator lama yang diganti (mis. lewat PK perubahan) tetap tersimpan."),
    )
    baseline_tahun = models.PositiveSmallIntegerField(_("tahun baseline"), null=True, blank=True)
    baseline_nilai = models.DecimalField(_("baseline"), null=True, blank=True, **NILAI)
    standar_nasional = models.DecimalField(
        _("standar nasional/SPM"), null=True, blank=True, **NILAI
    )
    standar_nasional_keterangan = models.CharField(
        _("keterangan standar nasional"), max_length=200, blank=True
    )
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    # A program may state several outcomes, each carried by a subset of its kegiatan
    # (domain.md §7.1, §9 item 6: Program Penunjang's 4 outcomes); empty = the whole program.
    kegiatan_terkait = models.ManyToManyField(
        Kegiatan, related_name="indikator_outcome_set", blank=True,
        verbose_name=_("kegiatan pendukung outcome"),
        help_text=_("Hanya untuk indikator outcome program: kegiatan yang mendukungnya."),
    )

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["renstra", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=tepat_satu_terisi(
                    "tujuan", "sasaran", "program", "kegiatan", "subkegiatan"
                ),
                name="indikator_tepat_satu_pemilik",
                violation_error_message=_(
                    "Indikator harus dimiliki tepat satu dari tujuan, sasaran, program, kegiatan "
                    "atau sub kegiatan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(polaritas__in=Polaritas.values), name="indikator_polaritas_valid",
                violation_error_message=_(
                    "Polaritas harus positif, negatif atau kualitatif."
                )
            ),
            models.CheckConstraint(
                condition=Q(agregasi__in=Agregasi.values), name="indikator_agregasi_valid",
                violation_error_message=_(
                    "Agregasi harus SUM, LAST, AVG, MAX, MIN atau YTD."
                )
            ),
            models.CheckConstraint(
                condition=Q(agregasi_target_akhir__in=Agregasi.values),
                name="indikator_agregasi_target_akhir_valid",
                violation_error_message=_(
                    "Sifat target akhir harus SUM, LAST, AVG, MAX, MIN atau YTD."
                ),
            ),
            models.CheckConstraint(
                condition=Q(rumus_negatif__in=["", *RumusNegatif.values]),
                name="indikator_rumus_negatif_valid",
                violation_error_message=_(
                    "Rumus negatif harus kosong, NEG-A atau NEG-B."
                ),
            ),
            models.CheckConstraint(
                condition=Q(jenis_nilai__in=JenisNilai.values), name="indikator_jenis_nilai_valid",
                violation_error_message=_(
                    "Jenis nilai indikator tidak dikenal."
                )
            ),
            models.CheckConstraint(condition=Q(desimal__lte=4), name="indikator_desimal_maks_4",
            violation_error_message=_(
                "Desimal indikator paling banyak 4."
            )),
        ]

    def __str__(self) -> str:
        return self.uraian

    @property
    def pemilik(self):
        return self.tujuan or self.sasaran or self.program or self.kegiatan or self.subkegiatan

    @property
    def level(self) -> str:
        for name in ("tujuan", "sasaran", "program", "kegiatan", "subkegiatan"):
            if getattr(self, f"{name}_id"):
                return name
        return ""

    def clean(self) -> None:
        owners = [self.tujuan_id, self.sasaran_id, self.program_id, self.kegiatan_id,
                  self.subkegiatan_id]
        if sum(1 for o in owners if o) != 1:
            raise ValidationError(
                _("Indikator harus dimiliki tepat satu dari tujuan, sasaran, program, kegiatan "
                  "atau sub kegiatan.")
            )
        if self.bidang_id and self.renstra_id and (
            self.bidang.perangkat_daerah_id != self.renstra.perangkat_daerah_id
        ):
            raise ValidationError({"bidang": _("Bidang bukan milik perangkat daerah ini.")})


class TargetIndikator(VersionedRow):
    """A yearly Renstra target; ``nilai`` NULL means no target (not zero, §9 item 11)."""

    indikator = models.ForeignKey(Indikator, models.CASCADE, related_name="target_set")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    nilai = models.DecimalField(_("target"), null=True, blank=True, **NILAI)
    nilai_teks = models.CharField(
        _("target kualitatif"), max_length=60, blank=True,
        help_text=_("Predikat, mis. BB atau WTP; untuk 77,26 (BB) angka di kolom target."),
    )

    class Meta:
        verbose_name = _("target indikator")
        verbose_name_plural = _("target indikator")
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun"], name="uniq_target_indikator_tahun"
            ),
            models.CheckConstraint(
                condition=Q(tahun__gte=2000, tahun__lte=2100), name="target_tahun_wajar",
                violation_error_message=_(
                    "Tahun target harus antara 2000 dan 2100."
                )
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.tahun}: {self.nilai if self.nilai is not None else '-'}"

    def clean(self) -> None:
        renstra = self.indikator.renstra
        if self.tahun not in renstra.tahun_list:
            raise ValidationError(
                {"tahun": _("Tahun %(tahun)s di luar periode Renstra %(awal)s–%(akhir)s.")
                 % {"tahun": self.tahun, "awal": renstra.tahun_awal,
                    "akhir": renstra.tahun_akhir + renstra.tahun_tambahan}}
            )


class PaguIndikatif(VersionedRow):
    """Renstra pagu indikatif per year for one node (program, kegiatan or sub kegiatan)."""

    program = models.ForeignKey(
        Program, models.CASCADE, null=True, blank=True, related_name="pagu_indikatif_set"
    )
    kegiatan = models.ForeignKey(
        Kegiatan, models.CASCADE, null=True, blank=True, related_name="pagu_indikatif_set"
    )
    subkegiatan = models.ForeignKey(
        SubKegiatan, models.CASCADE, null=True, blank=True, related_name="pagu_indikatif_set"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    nilai = models.DecimalField(_("pagu indikatif"), null=True, blank=True, **MONEY)

    class Meta:
        verbose_name = _("pagu indikatif")
        verbose_name_plural = _("pagu indikatif")
        constraints = [
            models.CheckConstraint(
                condition=tepat_satu_terisi(*PEMILIK_ANGGARAN),
                name="pagu_indikatif_tepat_satu_pemilik",
                violation_error_message=_(
                    "Pagu indikatif harus milik tepat satu program, kegiatan atau sub kegiatan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(nilai__isnull=True) | Q(nilai__gte=0),
                name="pagu_indikatif_tidak_negatif",
                violation_error_message=_(
                    "Pagu indikatif tidak boleh negatif."
                ),
            ),
            models.UniqueConstraint(
                fields=["program", "tahun"], condition=Q(program__isnull=False),
                name="uniq_pagu_indikatif_program_tahun",
                violation_error_message=_(
                    "Pagu indikatif program ini untuk tahun tersebut sudah ada."
                ),
            ),
            models.UniqueConstraint(
                fields=["kegiatan", "tahun"], condition=Q(kegiatan__isnull=False),
                name="uniq_pagu_indikatif_kegiatan_tahun",
                violation_error_message=_(
                    "Pagu indikatif kegiatan ini untuk tahun tersebut sudah ada."
                ),
            ),
            models.UniqueConstraint(
                fields=["subkegiatan", "tahun"], condition=Q(subkegiatan__isnull=False),
                name="uniq_pagu_indikatif_subkegiatan_tahun",
                violation_error_message=_(
                    "Pagu indikatif sub kegiatan ini untuk tahun tersebut sudah ada."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program or self.kegiatan or self.subkegiatan} {self.tahun}"


class PenetapanIKU(models.Model):
    """Keputusan Kepala Dinas that establishes an IKU set (domain.md §9 item 2)."""

    renstra = models.ForeignKey(Renstra, models.CASCADE, related_name="penetapan_iku_set")
    nomor = models.CharField(_("nomor keputusan"), max_length=100)
    tanggal = models.DateField(_("tanggal"))
    keterangan = models.TextField(_("keterangan"), blank=True)
    indikator_set = models.ManyToManyField(Indikator, related_name="penetapan_iku_set")

    class Meta:
        verbose_name = _("penetapan IKU")
        verbose_name_plural = _("penetapan IKU")
        ordering = ["renstra", "tanggal"]

    def __str__(self) -> str:
        return f"{self.nomor} ({self.tanggal})"


class RenstraTahun(VersionedRow):
    """Which Renstra governs one year of an office, when that is not simply the newest Renstra
    whose period covers the year. A new Renstra (after a new RPJMD) may start while the old one
    still has years to run; the year stays with the Renstra its ditetapkan PK was built from
    (``sumber=pk``, recorded when the PK is approved), else with a planner's recorded choice
    (``perencana``, with a reason) or the Renstra the year's entered data already belonged to when
    an overlapping Renstra was imported (``impor``). One row per office and year; read only
    through ``renstra.selectors.renstra_berlaku_map``."""

    class Sumber(models.TextChoices):
        PK = "pk", _("PK ditetapkan")
        PERENCANA = "perencana", _("pilihan perencana")
        IMPOR = "impor", _("dipertahankan saat impor")

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, models.CASCADE, related_name="renstra_tahun_set"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    # A deleted Renstra takes its records with it: the year falls back to the newest covering one.
    renstra = models.ForeignKey(Renstra, models.CASCADE, related_name="tahun_berlaku_set")
    sumber = models.CharField(_("sumber"), max_length=10, choices=Sumber.choices)
    alasan = models.TextField(_("alasan"))
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pada = models.DateTimeField(_("pada"), auto_now=True)

    class Meta:
        verbose_name = _("Renstra yang berlaku per tahun")
        verbose_name_plural = _("Renstra yang berlaku per tahun")
        ordering = ["perangkat_daerah", "tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun"], name="uniq_renstra_tahun_pd_tahun",
                violation_error_message=_(
                    "Renstra yang berlaku untuk tahun ini sudah dicatat."
                ),
            ),
            models.CheckConstraint(
                condition=Q(sumber__in=["pk", "perencana", "impor"]),
                name="renstra_tahun_sumber_valid",
                violation_error_message=_(
                    "Sumber harus PK ditetapkan, pilihan perencana atau impor."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tahun}: {self.renstra} ({self.get_sumber_display()})"
