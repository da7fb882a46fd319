from django.contrib import admin

from publik.models import PublikasiDicabut
from sakip.admin import HanyaBacaMixin

# A withdrawal is written and removed only by publik.services, which audit both: read-only here.


@admin.register(PublikasiDicabut)
class PublikasiDicabutAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["perangkat_daerah", "jenis", "dokumen", "alasan", "oleh", "pada"]
    list_filter = ["jenis", "perangkat_daerah"]
    search_fields = ["perangkat_daerah__nama", "alasan"]
