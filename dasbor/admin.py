from django.contrib import admin

from dasbor.models import CatatanReviu, RiwayatCatatan


class RiwayatInline(admin.TabularInline):
    model = RiwayatCatatan
    extra = 0
    can_delete = False
    fields = ["waktu", "aksi", "user", "peran", "status_lama", "status_baru", "isi"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CatatanReviu)
class CatatanReviuAdmin(admin.ModelAdmin):
    """Read-only: a review note and its history are records of the reviu; they change only
    through the pages (dasbor.services), which audit every step."""

    list_display = ["id", "perangkat_daerah", "tahun", "status", "dibuat_oleh", "dibuat_pada"]
    list_filter = ["status", "tahun", "perangkat_daerah"]
    search_fields = ["isi"]
    inlines = [RiwayatInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
