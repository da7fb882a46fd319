"""Evaluasi AKIP: the LKE worksheet as data, the answers, the LHE and its follow-up.

Every year APIP evaluates each perangkat daerah's SAKIP with the LKE of PermenPAN-RB 88/2021
(earlier 12/2015) and signs a Laporan Hasil Evaluasi (domain.md §4). The worksheet is data, not
code: komponen → sub komponen → kriteria with their weights, answer types and kerangka-logis
rules come from a template file, because pemda keep local variants (Trenggalek splits
D-Implementasi) and old LHEs must stay readable under the structure they were made with.

A template that an evaluation uses never changes: loading a changed file under the same versi
makes a new ``revisi``, and an evaluation keeps the revisi it was started with.

The LHE result (``HasilEvaluasi``) is separate from the worksheet so a past result can be entered
from its paper LHE (nilai per komponen, total, predikat, nomor, tanggal) without any answers.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sakip.models import Pemda, PerangkatDaerah, VersionedRow

BOBOT = {"max_digits": 7, "decimal_places": 4}
# Answer values are 0..1 (Y = 1, B = 0,75, custom values such as 0,66); four places keep
# Trenggalek's 0,66/0,33 exactly as the template states them.
NILAI = {"max_digits": 6, "decimal_places": 4}
# A score is 0..100 with the unrounded mean × bobot kept as far as a database column allows.
SKOR = {"max_digits": 12, "decimal_places": 8}


class TemplateLke(models.Model):
    """One revision of an LKE template (a regulation's worksheet or a pemda's local variant)."""

    versi = models.CharField(_("versi"), max_length=40)  # "88/2021", "12/2015", "88/2021-gowa"
    revisi = models.PositiveSmallIntegerField(_("revisi"), default=1)
    nama = models.CharField(_("nama"), max_length=200)
    # NULL = the national template; a pemda's variant names its pemda and the year it applies
    # from (domain.md §4.1: local variants exist).
    pemda = models.ForeignKey(Pemda, models.PROTECT, null=True, blank=True,
                              related_name="template_lke_set")
    tahun_berlaku = models.PositiveSmallIntegerField(_("berlaku mulai tahun"), null=True,
                                                     blank=True)
    # The loaded file's content hash: loading the same file again changes nothing.
    sha256 = models.CharField(_("sidik isi"), max_length=64)
    dimuat_pada = models.DateTimeField(_("dimuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("template LKE")
        verbose_name_plural = _("template LKE")
        ordering = ["versi", "-revisi"]
        constraints = [
            models.UniqueConstraint(fields=["versi", "revisi"], name="uniq_template_lke_revisi"),
        ]

    def __str__(self) -> str:
        return f"LKE {self.versi} (revisi {self.revisi})"


class Komponen(models.Model):
    template = models.ForeignKey(TemplateLke, models.CASCADE, related_name="komponen_set")
    kode = models.CharField(_("kode"), max_length=20)
    nama = models.CharField(_("nama"), max_length=300)
    bobot = models.DecimalField(_("bobot"), **BOBOT)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("komponen")
        verbose_name_plural = _("komponen")
        ordering = ["template", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "kode"], name="uniq_komponen_kode"),
        ]

    def __str__(self) -> str:
        return f"{self.kode}. {self.nama}"


class SubKomponen(models.Model):
    komponen = models.ForeignKey(Komponen, models.CASCADE, related_name="subkomponen_set")
    kode = models.CharField(_("kode"), max_length=20)
    nama = models.CharField(_("nama"), max_length=300)
    bobot = models.DecimalField(_("bobot"), **BOBOT)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("sub komponen")
        verbose_name_plural = _("sub komponen")
        ordering = ["komponen", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["komponen", "kode"], name="uniq_subkomponen_kode"),
        ]

    def __str__(self) -> str:
        return f"{self.kode}. {self.nama}"


class TipeJawaban(models.TextChoices):
    """domain.md §4.2: 1 = Y/T, 2 = A–E, 3 = values defined per criterion."""

    YT = "yt", _("Ya/Tidak")
    AE = "ae", _("A–E")
    KUSTOM = "kustom", _("Pilihan khusus")


class Kriteria(models.Model):
    subkomponen = models.ForeignKey(SubKomponen, models.CASCADE, related_name="kriteria_set")
    # Unique within the template ("A.1.1"): the answer sheet names criteria by this code.
    kode = models.CharField(_("kode kriteria"), max_length=30)
    uraian = models.TextField(_("uraian"))
    tipe = models.CharField(_("tipe jawaban"), max_length=8, choices=TipeJawaban.choices)
    # Only for TipeJawaban.KUSTOM: [{"jawaban": "A", "nilai": "1"}, {"jawaban": "B", "nilai":
    # "0.66"}, ...] with the values as decimal strings (never floats).
    pilihan = models.JSONField(_("pilihan jawaban"), default=list, blank=True)
    penjelasan = models.TextField(_("penjelasan"), blank=True)
    bukti_diharapkan = models.TextField(_("bukti dukung yang diharapkan"), blank=True)
    # Key of a suggestion the system can make from its own data (lke.saran); blank = none.
    saran = models.CharField(_("saran dari data"), max_length=40, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kriteria")
        verbose_name_plural = _("kriteria")
        ordering = ["subkomponen", "urutan", "id"]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian[:60]}"


class KerangkaLogis(models.Model):
    """A cap on a criterion's value (domain.md §4.2 kerangka logis): by another criterion's
    value, or by the average value of a sub komponen (e.g. Implementasi ≤ Pemenuhan)."""

    class Jenis(models.TextChoices):
        KRITERIA = "kriteria", _("Dibatasi nilai kriteria lain")
        RATA_SUBKOMPONEN = "rata_sub", _("Dibatasi rata-rata sub komponen")

    kriteria = models.ForeignKey(Kriteria, models.CASCADE, related_name="kerangka_logis_set")
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices)
    acuan_kriteria = models.ForeignKey(Kriteria, models.CASCADE, null=True, blank=True,
                                       related_name="+")
    acuan_subkomponen = models.ForeignKey(SubKomponen, models.CASCADE, null=True, blank=True,
                                          related_name="+")
    pesan = models.CharField(_("pesan"), max_length=300)

    class Meta:
        verbose_name = _("kerangka logis")
        verbose_name_plural = _("kerangka logis")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(jenis="kriteria", acuan_kriteria__isnull=False,
                      acuan_subkomponen__isnull=True)
                    | Q(jenis="rata_sub", acuan_kriteria__isnull=True,
                        acuan_subkomponen__isnull=False)
                ),
                name="kerangka_logis_tepat_satu_acuan",
            ),
        ]


class Evaluasi(VersionedRow):
    """One office's evaluation for one year, on one template revision."""

    class Status(models.TextChoices):
        MANDIRI = "mandiri", _("Penilaian mandiri")
        EVALUASI = "evaluasi", _("Dievaluasi")
        DITUTUP = "ditutup", _("Ditutup")

    perangkat_daerah = models.ForeignKey(PerangkatDaerah, models.PROTECT,
                                         related_name="evaluasi_lke_set")
    tahun = models.PositiveSmallIntegerField(_("tahun dievaluasi"))
    template = models.ForeignKey(TemplateLke, models.PROTECT, related_name="evaluasi_set")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.MANDIRI)
    ketua_tim = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                  blank=True, related_name="+", verbose_name=_("ketua tim"))
    anggota_tim = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                         verbose_name=_("anggota tim"))
    diajukan_pada = models.DateTimeField(_("penilaian mandiri diajukan pada"), null=True,
                                         blank=True)
    ditutup_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                     blank=True, related_name="+")
    ditutup_pada = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluasi AKIP")
        verbose_name_plural = _("evaluasi AKIP")
        ordering = ["-tahun", "perangkat_daerah"]
        constraints = [
            models.UniqueConstraint(fields=["perangkat_daerah", "tahun"],
                                    name="uniq_evaluasi_pd_tahun"),
        ]

    def __str__(self) -> str:
        return f"Evaluasi AKIP {self.perangkat_daerah} {self.tahun}"

    @property
    def ditutup(self) -> bool:
        return self.status == self.Status.DITUTUP


class Jawaban(VersionedRow):
    """The office's answer (usulan) and the evaluator's (evaluasi) to one criterion.

    The value is stored beside the answer letter as the template gave it at answering time, so
    a closed evaluation reads the same whatever happens to templates later."""

    evaluasi = models.ForeignKey(Evaluasi, models.CASCADE, related_name="jawaban_set")
    kriteria = models.ForeignKey(Kriteria, models.PROTECT, related_name="jawaban_set")
    jawaban_usulan = models.CharField(_("jawaban usulan"), max_length=10, blank=True)
    nilai_usulan = models.DecimalField(_("nilai usulan"), null=True, blank=True, **NILAI)
    catatan_usulan = models.TextField(_("catatan perangkat daerah"), blank=True)
    jawaban_evaluasi = models.CharField(_("jawaban evaluasi"), max_length=10, blank=True)
    nilai_evaluasi = models.DecimalField(_("nilai evaluasi"), null=True, blank=True, **NILAI)
    catatan_evaluasi = models.TextField(_("catatan evaluator"), blank=True)
    # True when the evaluator took the system's suggestion (lke.saran) as the answer: the
    # acceptance is explicit and audited, never applied silently.
    saran_diterima = models.BooleanField(_("saran data diterima"), default=False)
    diubah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("jawaban LKE")
        verbose_name_plural = _("jawaban LKE")
        ordering = ["evaluasi", "kriteria"]
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "kriteria"],
                                    name="uniq_jawaban_evaluasi_kriteria"),
        ]


def berkas_lke_upload_to(instance, filename: str) -> str:
    # Named by content hash, as bukti dukung are: an uploaded name never traverses or collides.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"lke/{instance.sha256[:2]}/{instance.sha256}.{ext}"


class BuktiLke(models.Model):
    """Evidence for an answer: an existing bukti dukung, a planning/report document already in
    the system, or an uploaded file (checked like realisasi evidence)."""

    class Jenis(models.TextChoices):
        BUKTI_DUKUNG = "bukti", _("Bukti dukung realisasi")
        RENSTRA = "renstra", _("Renstra")
        PK = "pk", _("Perjanjian Kinerja")
        LKJIP = "lkjip", _("LKjIP")
        BERKAS = "berkas", _("Berkas unggahan")

    jawaban = models.ForeignKey(Jawaban, models.CASCADE, related_name="bukti_set")
    jenis = models.CharField(_("jenis"), max_length=8, choices=Jenis.choices)
    bukti_dukung = models.ForeignKey("kinerja.BuktiDukung", models.PROTECT, null=True,
                                     blank=True, related_name="+")
    renstra = models.ForeignKey("renstra.Renstra", models.PROTECT, null=True, blank=True,
                                related_name="+")
    perjanjian = models.ForeignKey("kinerja.PerjanjianKinerja", models.PROTECT, null=True,
                                   blank=True, related_name="+")
    # The LKjIP is named by its year: the report belongs to a higher layer and is found by
    # (perangkat daerah, tahun).
    tahun_lkjip = models.PositiveSmallIntegerField(_("tahun LKjIP"), null=True, blank=True)
    berkas = models.FileField(_("berkas"), upload_to=berkas_lke_upload_to, max_length=200,
                              blank=True)
    nama_asli = models.CharField(_("nama berkas"), max_length=255, blank=True)
    sha256 = models.CharField(_("sidik isi"), max_length=64, blank=True)
    ukuran = models.PositiveBigIntegerField(_("ukuran (byte)"), null=True, blank=True)
    ditambah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                      blank=True, related_name="+")
    ditambah_pada = models.DateTimeField(_("ditambahkan pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("bukti LKE")
        verbose_name_plural = _("bukti LKE")
        ordering = ["jawaban", "ditambah_pada", "id"]


class HasilEvaluasi(VersionedRow):
    """The LHE: the signed result of one year's evaluation of one office.

    Made by closing an :class:`Evaluasi` (``evaluasi`` set, the LHE PDF frozen), or entered from
    a past paper LHE (``evaluasi`` NULL) for the AKIP IKU and the comparison with earlier years.
    """

    perangkat_daerah = models.ForeignKey(PerangkatDaerah, models.PROTECT,
                                         related_name="hasil_lke_set")
    tahun = models.PositiveSmallIntegerField(_("tahun dievaluasi"))
    evaluasi = models.OneToOneField(Evaluasi, models.PROTECT, null=True, blank=True,
                                    related_name="hasil")
    versi_template = models.CharField(_("versi LKE"), max_length=40, blank=True)
    nomor = models.CharField(_("nomor LHE"), max_length=120, blank=True)
    tanggal = models.DateField(_("tanggal LHE"), null=True, blank=True)
    nilai = models.DecimalField(_("nilai"), **SKOR)
    predikat = models.CharField(_("predikat"), max_length=2)
    simpulan = models.TextField(_("simpulan dan temuan"), blank=True)
    pdf = models.FileField(_("LHE (PDF)"), upload_to="lhe/", blank=True)
    pdf_sha256 = models.CharField(_("sidik PDF"), max_length=64, blank=True)
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    dicatat_pada = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("hasil evaluasi (LHE)")
        verbose_name_plural = _("hasil evaluasi (LHE)")
        ordering = ["perangkat_daerah", "-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["perangkat_daerah", "tahun"],
                                    name="uniq_hasil_lke_pd_tahun"),
            models.CheckConstraint(condition=Q(nilai__gte=0) & Q(nilai__lte=100),
                                   name="hasil_lke_nilai_0_100"),
        ]

    def __str__(self) -> str:
        return f"LHE {self.perangkat_daerah} {self.tahun}"


class HasilKomponen(models.Model):
    """Score per komponen of an LHE (copied at closing, or typed from a past LHE)."""

    hasil = models.ForeignKey(HasilEvaluasi, models.CASCADE, related_name="komponen_set")
    kode = models.CharField(_("kode"), max_length=20)
    nama = models.CharField(_("nama"), max_length=300)
    bobot = models.DecimalField(_("bobot"), **BOBOT)
    nilai = models.DecimalField(_("nilai"), **SKOR)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("nilai komponen LHE")
        verbose_name_plural = _("nilai komponen LHE")
        ordering = ["hasil", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["hasil", "kode"], name="uniq_hasil_komponen_kode"),
        ]


class Rekomendasi(VersionedRow):
    """A recommendation of an LHE, followed up by the office until the Inspektorat accepts it."""

    class Status(models.TextChoices):
        TERBUKA = "terbuka", _("Belum ditindaklanjuti")
        DIJAWAB = "dijawab", _("Menunggu penilaian Inspektorat")
        SELESAI = "selesai", _("Selesai")

    hasil = models.ForeignKey(HasilEvaluasi, models.CASCADE, related_name="rekomendasi_set")
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    temuan = models.TextField(_("temuan"), blank=True)
    uraian = models.TextField(_("rekomendasi"))
    batas_waktu = models.DateField(_("batas waktu"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.TERBUKA)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")
        ordering = ["hasil", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["hasil", "nomor"], name="uniq_rekomendasi_nomor"),
        ]
        indexes = [models.Index(fields=["status"], name="rekomendasi_status_idx")]


class TindakLanjut(models.Model):
    """One answer of the office to a recommendation and the Inspektorat's decision on it."""

    class Keputusan(models.TextChoices):
        DITERIMA = "diterima", _("Diterima")
        DIBUKA_KEMBALI = "dibuka", _("Dibuka kembali")

    rekomendasi = models.ForeignKey(Rekomendasi, models.CASCADE,
                                    related_name="tindak_lanjut_set")
    uraian = models.TextField(_("tindak lanjut"))
    berkas = models.FileField(_("bukti"), upload_to=berkas_lke_upload_to, max_length=200,
                              blank=True)
    nama_asli = models.CharField(_("nama berkas"), max_length=255, blank=True)
    sha256 = models.CharField(_("sidik isi"), max_length=64, blank=True)
    ukuran = models.PositiveBigIntegerField(_("ukuran (byte)"), null=True, blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    keputusan = models.CharField(_("keputusan"), max_length=8, choices=Keputusan.choices,
                                 blank=True)
    catatan_keputusan = models.TextField(_("catatan Inspektorat"), blank=True)
    diputus_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    diputus_pada = models.DateTimeField(_("diputus pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        ordering = ["rekomendasi", "dibuat_pada", "id"]
