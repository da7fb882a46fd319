from django.contrib import admin

from anggaran.models import Pagu, RealisasiAnggaran


@admin.register(Pagu)
class PaguAdmin(admin.ModelAdmin):
    list_display = ["__str__", "tahun", "tahap", "urutan_tahap", "nilai", "tanggal_dokumen"]
    list_filter = ["tahun", "tahap"]
    search_fields = ["program__kode", "kegiatan__kode", "subkegiatan__kode", "nomor_dokumen"]
    raw_id_fields = ["program", "kegiatan", "subkegiatan"]


@admin.register(RealisasiAnggaran)
class RealisasiAnggaranAdmin(admin.ModelAdmin):
    list_display = ["__str__", "tahun", "triwulan", "bulan", "nilai", "sumber"]
    list_filter = ["tahun", "triwulan"]
    search_fields = ["program__kode", "kegiatan__kode", "subkegiatan__kode"]
    raw_id_fields = ["program", "kegiatan", "subkegiatan"]
