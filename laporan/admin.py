from django.contrib import admin

from laporan.models import LaporanKinerja


@admin.register(LaporanKinerja)
class LaporanKinerjaAdmin(admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun", "versi", "status", "tanggal_penetapan",
                    "reviu_nomor"]
    list_filter = ["tahun", "status", "perangkat_daerah"]
    search_fields = ["perangkat_daerah__nama", "reviu_nomor"]
