from django.contrib import admin

from notifikasi.models import Notifikasi, PreferensiNotifikasi
from sakip.admin import HanyaBacaMixin


@admin.register(Notifikasi)
class NotifikasiAdmin(HanyaBacaMixin, admin.ModelAdmin):
    # Written by notifikasi.services only (once per event and recipient); read-only here.
    list_display = ["dibuat_pada", "penerima", "jenis", "judul", "dibaca_pada",
                    "email_dikirim_pada"]
    list_filter = ["jenis"]
    search_fields = ["judul", "penerima__username"]
    list_select_related = ["penerima"]


@admin.register(PreferensiNotifikasi)
class PreferensiNotifikasiAdmin(HanyaBacaMixin, admin.ModelAdmin):
    # Each user sets their own switch (audited) on Pengaturan notifikasi.
    list_display = ["user", "email_aktif", "diubah_pada"]
    list_select_related = ["user"]
