from django.contrib import admin

from kinerja.models import (
    BuktiDukung,
    PeriodeInput,
    PerjanjianKinerja,
    PKAnggaran,
    PKIndikator,
    Realisasi,
)


class PKIndikatorInline(admin.TabularInline):
    model = PKIndikator
    extra = 0
    raw_id_fields = ["indikator"]


class PKAnggaranInline(admin.TabularInline):
    model = PKAnggaran
    extra = 0
    raw_id_fields = ["program", "kegiatan", "subkegiatan"]


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun", "jenjang", "bidang", "versi", "jenis", "status",
                    "tanggal", "nomor"]
    list_filter = ["tahun", "jenjang", "status", "jenis", "perangkat_daerah"]
    search_fields = ["nomor", "pihak_pertama_nama", "perangkat_daerah__nama"]
    inlines = [PKIndikatorInline, PKAnggaranInline]


@admin.register(PKIndikator)
class PKIndikatorAdmin(admin.ModelAdmin):
    list_display = ["indikator", "perjanjian", "target_tahunan", "target_tw1", "target_tw2",
                    "target_tw3",
                    "target_tw4", "mode_tw"]
    list_filter = ["perjanjian__tahun", "mode_tw"]
    search_fields = ["indikator__uraian"]


@admin.register(PKAnggaran)
class PKAnggaranAdmin(admin.ModelAdmin):
    list_display = ["__str__", "perjanjian", "anggaran"]
    list_filter = ["perjanjian__tahun"]
    search_fields = ["program__nama", "kegiatan__nama", "subkegiatan__nama"]


@admin.register(PeriodeInput)
class PeriodeInputAdmin(admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun", "triwulan", "dibuka", "batas_waktu"]
    list_filter = ["tahun", "triwulan", "dibuka", "perangkat_daerah"]
    search_fields = ["perangkat_daerah__nama"]


class BuktiInline(admin.TabularInline):
    model = BuktiDukung
    extra = 0
    readonly_fields = ["sha256", "ukuran", "content_type", "uploaded_by", "uploaded_at"]


@admin.register(Realisasi)
class RealisasiAdmin(admin.ModelAdmin):
    list_display = ["indikator", "tahun", "triwulan", "nilai", "nilai_teks", "status",
                    "entered_by", "verified_by"]
    list_filter = ["tahun", "triwulan", "status", "indikator__renstra__perangkat_daerah"]
    search_fields = ["indikator__uraian", "catatan"]
    inlines = [BuktiInline]


@admin.register(BuktiDukung)
class BuktiDukungAdmin(admin.ModelAdmin):
    list_display = ["nama_asli", "realisasi", "content_type", "ukuran", "uploaded_by",
                    "uploaded_at"]
    search_fields = ["nama_asli", "sha256"]
    list_filter = ["content_type"]
