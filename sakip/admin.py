from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse

from sakip import services
from sakip.lib.angka import format_nilai
from sakip.models import Bidang, JejakAudit, Pejabat, Pemda, Peran, PerangkatDaerah

# The admin speaks Indonesian where Django lets a project choose ("Administrasi Django"
# otherwise); the rest comes from Django's own "id" translation (LANGUAGE_CODE).
admin.site.site_header = "Administrasi SAKIP"
admin.site.site_title = "Administrasi SAKIP"
admin.site.index_title = "Beranda administrasi"


class AngkaAdminMixin:
    """Decimal columns of admin lists shown the Indonesian way by sakip.lib.angka ("1.250,5"),
    not by the locale from the column's decimal_places ("1250,5000"; domain.md §8.1)."""

    def get_list_display(self, request):
        return [self._kolom_angka(nama) for nama in super().get_list_display(request)]

    def _kolom_angka(self, nama):
        if not isinstance(nama, str):
            return nama
        try:
            field = self.model._meta.get_field(nama)
        except FieldDoesNotExist:
            return nama
        if not isinstance(field, models.DecimalField):
            return nama

        @admin.display(description=field.verbose_name, ordering=nama)
        def kolom(obj):
            return format_nilai(getattr(obj, nama))

        return kolom


class HanyaBacaMixin(AngkaAdminMixin):
    """Audited data is read-only in the admin, for superusers too: a change made here would
    bypass the services, which check the rules (period locks, a ditetapkan PK, a verified
    realisasi) and write who/when/old/new/why to JejakAudit. Editing happens in the app's pages;
    the admin shows the rows (view permission) and lets nobody add, change or delete them (the
    bulk delete action disappears with the delete permission)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HanyaBacaInline(HanyaBacaMixin, admin.TabularInline):
    extra = 0


@admin.register(Pemda)
class PemdaAdmin(admin.ModelAdmin):
    list_display = ["nama", "jenis"]
    list_filter = ["jenis"]
    search_fields = ["nama"]


class BidangInline(HanyaBacaInline):
    # Bidang are created, renamed and deactivated (with audit) under Pengaturan kantor.
    model = Bidang


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = ["nama", "singkatan", "slug", "pemda", "skala_kategori", "metode_efisiensi"]
    list_filter = ["pemda", "skala_kategori", "metode_efisiensi", "rumus_negatif"]
    search_fields = ["nama", "singkatan", "slug", "kode"]
    prepopulated_fields = {"slug": ["singkatan"]}
    inlines = [BidangInline]

    def has_delete_permission(self, request, obj=None):
        # Deleting an office would blank the office on its audit rows (SET_NULL).
        if obj is not None and JejakAudit.objects.filter(perangkat_daerah=obj).exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Bidang)
class BidangAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["nama", "singkatan", "perangkat_daerah", "aktif"]
    list_filter = ["perangkat_daerah"]
    search_fields = ["nama", "singkatan"]


@admin.register(Pejabat)
class PejabatAdmin(HanyaBacaMixin, admin.ModelAdmin):
    """Read-only: officials are kept under Pengaturan kantor › Pejabat, with audit."""

    list_display = ["nama", "jenis", "perangkat_daerah", "pemda", "mulai", "selesai"]
    list_filter = ["jenis", "pemda"]
    search_fields = ["nama", "nip"]


@admin.register(Peran)
class PeranAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "pemda", "perangkat_daerah", "bidang"]
    list_filter = ["role", "pemda", "perangkat_daerah"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


@admin.register(JejakAudit)
class JejakAuditAdmin(HanyaBacaMixin, admin.ModelAdmin):
    """Read-only: an audit trail that can be edited is no audit trail."""

    list_display = ["waktu", "user", "perangkat_daerah", "aksi", "model", "objek", "field",
                    "nilai_lama", "nilai_baru", "alasan"]
    list_filter = ["aksi", "model", "perangkat_daerah"]
    search_fields = ["objek", "alasan", "user__username", "object_id"]
    date_hierarchy = "waktu"


User = get_user_model()
admin.site.unregister(User)

PESAN_TIDAK_DIHAPUS = (
    "Pengguna {nama} tercatat di jejak audit, sehingga tidak dapat dihapus: jejak audit harus "
    "tetap menunjukkan siapa yang mengubah data. Nonaktifkan akunnya (hapus centang \"Aktif\" "
    "atau tindakan \"Nonaktifkan pengguna terpilih\"); ia tidak dapat masuk lagi."
)


@admin.register(User)
class PenggunaAdmin(UserAdmin):
    """Users are deactivated, never deleted, once they appear in the audit trail
    (JejakAudit.user is PROTECT): the bulk delete is replaced by "nonaktifkan", and the delete
    page of such a user explains why and sends the admin back."""

    actions = ["nonaktifkan"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and JejakAudit.objects.filter(user=obj).exists():
            return False
        return super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and JejakAudit.objects.filter(user=obj).exists():
            self.message_user(request, PESAN_TIDAK_DIHAPUS.format(nama=obj.get_username()),
                              messages.ERROR)
            return redirect(reverse("admin:auth_user_change", args=[obj.pk]))
        return super().delete_view(request, object_id, extra_context)

    def save_model(self, request, obj, form, change):
        # The "Aktif" box goes through the same audited switch as the action.
        if change and "is_active" in form.changed_data:
            aktif = obj.is_active
            obj.is_active = not aktif
            super().save_model(request, obj, form, change)
            services.pengguna_aktif_set(pengguna=obj, aktif=aktif, user=request.user,
                                        alasan="Diubah lewat halaman admin")
            return
        super().save_model(request, obj, form, change)

    @admin.action(description="Nonaktifkan pengguna terpilih", permissions=["change"])
    def nonaktifkan(self, request, queryset):
        jumlah = 0
        for pengguna in queryset.exclude(pk=request.user.pk):
            jumlah += services.pengguna_aktif_set(pengguna=pengguna, aktif=False,
                                                  user=request.user,
                                                  alasan="Dinonaktifkan lewat halaman admin")
        if queryset.filter(pk=request.user.pk).exists():
            self.message_user(request, "Akun Anda sendiri tidak dinonaktifkan.", messages.WARNING)
        self.message_user(request, f"{jumlah} pengguna dinonaktifkan.", messages.SUCCESS)
