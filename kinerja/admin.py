from django.contrib import admin

from kinerja.models import (
    BuktiDukung,
    PeriodeInput,
    PerjanjianKinerja,
    PKAnggaran,
    PKIndikator,
    Realisasi,
)
from sakip.admin import HanyaBacaInline, HanyaBacaMixin

# PK, realisasi, evidence and input periods change only through kinerja.pk.services and
# kinerja.realisasi.services, which keep a ditetapkan PK and a verified realisasi immutable and
# audit every change: read-only here (sakip.admin.HanyaBacaMixin).


class PKIndikatorInline(HanyaBacaInline):
    model = PKIndikator
    raw_id_fields = ["indikator"]


class PKAnggaranInline(HanyaBacaInline):
    model = PKAnggaran
    raw_id_fields = ["program", "kegiatan", "subkegiatan"]


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun", "jenjang", "bidang", "versi", "jenis", "status",
                    "tanggal", "nomor"]
    list_filter = ["tahun", "jenjang", "status", "jenis", "perangkat_daerah"]
    search_fields = ["nomor", "pihak_pertama_nama", "perangkat_daerah__nama"]
    inlines = [PKIndikatorInline, PKAnggaranInline]


@admin.register(PKIndikator)
class PKIndikatorAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["indikator", "perjanjian", "target_tahunan", "target_tw1", "target_tw2",
                    "target_tw3",
                    "target_tw4", "mode_tw"]
    list_filter = ["perjanjian__tahun", "mode_tw"]
    search_fields = ["indikator__uraian"]


@admin.register(PKAnggaran)
class PKAnggaranAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["__str__", "perjanjian", "anggaran"]
    list_filter = ["perjanjian__tahun"]
    search_fields = ["program__nama", "kegiatan__nama", "subkegiatan__nama"]


@admin.register(PeriodeInput)
class PeriodeInputAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun", "triwulan", "dibuka", "batas_waktu"]
    list_filter = ["tahun", "triwulan", "dibuka", "perangkat_daerah"]
    search_fields = ["perangkat_daerah__nama"]


class BuktiInline(HanyaBacaInline):
    model = BuktiDukung
    readonly_fields = ["sha256", "ukuran", "content_type", "uploaded_by", "uploaded_at"]


@admin.register(Realisasi)
class RealisasiAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["indikator", "tahun", "triwulan", "nilai", "nilai_teks", "status",
                    "entered_by", "verified_by"]
    list_filter = ["tahun", "triwulan", "status", "indikator__renstra__perangkat_daerah"]
    search_fields = ["indikator__uraian", "catatan"]
    inlines = [BuktiInline]


@admin.register(BuktiDukung)
class BuktiDukungAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["nama_asli", "realisasi", "content_type", "ukuran", "uploaded_by",
                    "uploaded_at"]
    search_fields = ["nama_asli", "sha256"]
    list_filter = ["content_type"]
