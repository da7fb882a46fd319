from django.contrib import admin

from lke.models import (
    BuktiLke,
    Evaluasi,
    HasilEvaluasi,
    HasilKomponen,
    Jawaban,
    KerangkaLogis,
    Komponen,
    Kriteria,
    Rekomendasi,
    SubKomponen,
    TemplateLke,
    TindakLanjut,
)
from sakip.admin import HanyaBacaInline, HanyaBacaMixin

# Every LKE table changes only through lke.services (templates by load_lke_template, answers,
# closing, follow-up), which checks the lifecycle and audits each change: read-only here
# (sakip.admin.HanyaBacaMixin), like the PK and the realisasi.


class KomponenInline(HanyaBacaInline):
    model = Komponen


@admin.register(TemplateLke)
class TemplateLkeAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["versi", "revisi", "nama", "pemda", "tahun_berlaku", "dimuat_pada"]
    list_filter = ["versi", "pemda"]
    inlines = [KomponenInline]


@admin.register(Komponen)
class KomponenAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["kode", "nama", "bobot", "template"]
    list_filter = ["template"]


@admin.register(SubKomponen)
class SubKomponenAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["kode", "nama", "bobot", "komponen"]
    list_filter = ["komponen__template"]


@admin.register(Kriteria)
class KriteriaAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["kode", "uraian", "tipe", "saran", "subkomponen"]
    list_filter = ["subkomponen__komponen__template", "tipe"]
    search_fields = ["kode", "uraian"]


@admin.register(KerangkaLogis)
class KerangkaLogisAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["kriteria", "jenis", "acuan_kriteria", "acuan_subkomponen", "pesan"]
    list_filter = ["jenis"]


@admin.register(Evaluasi)
class EvaluasiAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun", "template", "status", "diajukan_pada",
                    "ditutup_pada"]
    list_filter = ["tahun", "status"]
    search_fields = ["perangkat_daerah__nama"]


@admin.register(Jawaban)
class JawabanAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["evaluasi", "kriteria", "jawaban_usulan", "nilai_usulan", "jawaban_evaluasi",
                    "nilai_evaluasi", "saran_diterima", "diubah_pada"]
    list_filter = ["evaluasi__tahun"]
    raw_id_fields = ["evaluasi", "kriteria"]


@admin.register(BuktiLke)
class BuktiLkeAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["jawaban", "jenis", "nama_asli", "ditambah_pada"]
    list_filter = ["jenis"]


class HasilKomponenInline(HanyaBacaInline):
    model = HasilKomponen


@admin.register(HasilEvaluasi)
class HasilEvaluasiAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun", "nilai", "predikat", "nomor", "tanggal"]
    list_filter = ["tahun", "predikat"]
    search_fields = ["perangkat_daerah__nama", "nomor"]
    inlines = [HasilKomponenInline]


@admin.register(HasilKomponen)
class HasilKomponenAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["hasil", "kode", "nama", "bobot", "nilai"]


@admin.register(Rekomendasi)
class RekomendasiAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["hasil", "nomor", "uraian", "batas_waktu", "status"]
    list_filter = ["status"]


@admin.register(TindakLanjut)
class TindakLanjutAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["rekomendasi", "dibuat_pada", "keputusan", "diputus_pada"]
    list_filter = ["keputusan"]
