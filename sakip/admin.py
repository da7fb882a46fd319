from django.contrib import admin

from sakip.models import Bidang, JejakAudit, Pemda, Peran, PerangkatDaerah


@admin.register(Pemda)
class PemdaAdmin(admin.ModelAdmin):
    list_display = ["nama", "jenis", "kepala_daerah_nama"]
    list_filter = ["jenis"]
    search_fields = ["nama"]


class BidangInline(admin.TabularInline):
    model = Bidang
    extra = 0


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = ["nama", "singkatan", "slug", "pemda", "skala_kategori", "metode_efisiensi"]
    list_filter = ["pemda", "skala_kategori", "metode_efisiensi", "rumus_negatif"]
    search_fields = ["nama", "singkatan", "slug", "kode"]
    prepopulated_fields = {"slug": ["singkatan"]}
    inlines = [BidangInline]


@admin.register(Bidang)
class BidangAdmin(admin.ModelAdmin):
    list_display = ["nama", "singkatan", "perangkat_daerah"]
    list_filter = ["perangkat_daerah"]
    search_fields = ["nama", "singkatan"]


@admin.register(Peran)
class PeranAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "pemda", "perangkat_daerah", "bidang"]
    list_filter = ["role", "pemda", "perangkat_daerah"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


@admin.register(JejakAudit)
class JejakAuditAdmin(admin.ModelAdmin):
    """Read-only: an audit trail that can be edited is no audit trail."""

    list_display = ["waktu", "user", "perangkat_daerah", "aksi", "model", "objek", "field",
                    "nilai_lama", "nilai_baru", "alasan"]
    list_filter = ["aksi", "model", "perangkat_daerah"]
    search_fields = ["objek", "alasan", "user__username", "object_id"]
    date_hierarchy = "waktu"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
