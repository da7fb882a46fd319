from django.contrib import admin

from anggaran.models import Pagu, RealisasiAnggaran
from sakip.admin import HanyaBacaMixin

# Budget rows change only through anggaran.services (the pages, SIPD import, Buku Kerja), which
# check the rules and audit every value: read-only here (sakip.admin.HanyaBacaMixin).


@admin.register(Pagu)
class PaguAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["__str__", "tahun", "tahap", "urutan_tahap", "nilai", "tanggal_dokumen"]
    list_filter = ["tahun", "tahap"]
    search_fields = ["program__kode", "kegiatan__kode", "subkegiatan__kode", "nomor_dokumen"]
    raw_id_fields = ["program", "kegiatan", "subkegiatan"]


@admin.register(RealisasiAnggaran)
class RealisasiAnggaranAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["__str__", "tahun", "triwulan", "bulan", "nilai", "sumber"]
    list_filter = ["tahun", "triwulan"]
    search_fields = ["program__kode", "kegiatan__kode", "subkegiatan__kode"]
    raw_id_fields = ["program", "kegiatan", "subkegiatan"]
