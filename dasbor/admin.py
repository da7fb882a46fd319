from django.contrib import admin

from dasbor.models import CatatanReviu, RiwayatCatatan
from sakip.admin import HanyaBacaInline, HanyaBacaMixin


class RiwayatInline(HanyaBacaInline):
    model = RiwayatCatatan
    fields = ["waktu", "aksi", "user", "peran", "status_lama", "status_baru", "isi"]
    readonly_fields = fields


@admin.register(CatatanReviu)
class CatatanReviuAdmin(HanyaBacaMixin, admin.ModelAdmin):
    """Read-only: a review note and its history are records of the reviu; they change only
    through the pages (dasbor.services), which audit every step."""

    list_display = ["id", "perangkat_daerah", "tahun", "status", "dibuat_oleh", "dibuat_pada"]
    list_filter = ["status", "tahun", "perangkat_daerah"]
    search_fields = ["isi"]
    inlines = [RiwayatInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]
