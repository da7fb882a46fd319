from django.contrib import admin

from laporan.models import BerkasLKjIP, CapaianTerbit, KepegawaianTahun, LaporanKinerja
from sakip.admin import HanyaBacaMixin

# The LKjIP, its narratives and its rendered files change only through laporan.services (the
# pages), which keep a ditetapkan report frozen and audit every change: read-only here.


@admin.register(LaporanKinerja)
class LaporanKinerjaAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun", "versi", "status", "tanggal_penetapan",
                    "reviu_nomor"]
    list_filter = ["tahun", "status", "perangkat_daerah"]
    search_fields = ["perangkat_daerah__nama", "reviu_nomor"]
    # The frozen copy of a ditetapkan report is never edited by hand.
    readonly_fields = ["data_hash", "snapshot", "snapshot_html", "snapshot_xlsx", "berkas_final",
                       "ditetapkan_oleh", "ditetapkan_pada"]


@admin.register(BerkasLKjIP)
class BerkasLKjIPAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun", "status", "halaman", "detik_tata_letak",
                    "dibuat", "selesai"]
    list_filter = ["status", "tahun"]
    readonly_fields = ["hash", "html", "file", "task_id", "pesan"]


@admin.register(CapaianTerbit)
class CapaianTerbitAdmin(HanyaBacaMixin, admin.ModelAdmin):
    # Entered on the LKjIP's "capaian terbit" page (laporan.services, audited): read-only here.
    list_display = ["indikator", "tahun", "capaian", "sumber", "dicatat_oleh"]
    list_filter = ["tahun"]
    search_fields = ["indikator__uraian", "sumber"]


@admin.register(KepegawaianTahun)
class KepegawaianTahunAdmin(HanyaBacaMixin, admin.ModelAdmin):
    # Entered on the LKjIP staffing page (laporan.services.kepegawaian_save, audited).
    list_display = ["perangkat_daerah", "tahun", "kelompok", "kategori", "jumlah"]
    list_filter = ["tahun", "kelompok"]
    search_fields = ["perangkat_daerah__nama", "kategori"]
