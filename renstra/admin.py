from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from renstra.models import (
    Indikator,
    Kegiatan,
    Nomenklatur,
    PaguIndikatif,
    PenetapanIKU,
    Program,
    Renstra,
    RenstraTahun,
    Sasaran,
    SasaranProgram,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)
from renstra.resources import NomenklaturResource
from sakip.admin import HanyaBacaInline, HanyaBacaMixin


@admin.register(Nomenklatur)
class NomenklaturAdmin(ImportExportModelAdmin):
    # Flat master list: django-import-export's preview/confirm (style.md §2); codes are
    # normalised by the resource (renstra/kode.py).
    resource_classes = [NomenklaturResource]
    list_display = ["kode", "nama", "level", "versi", "satuan"]
    list_filter = ["level", "versi"]
    search_fields = ["kode", "nama", "indikator"]


# The plan below the Nomenklatur master is read-only here (sakip.admin.HanyaBacaMixin): its
# nodes own the targets and pagu indikatif (deleting a node cascades to them) and every change
# of those goes through renstra.services and the audit trail (the Renstra pages).


@admin.register(Renstra)
class RenstraAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun_awal", "tahun_akhir", "versi", "nomor_penetapan"]
    list_filter = ["perangkat_daerah", "tahun_awal"]
    search_fields = ["perangkat_daerah__nama", "nomor_penetapan", "nama"]


@admin.register(Tujuan)
class TujuanAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["uraian", "kode", "renstra"]
    list_filter = ["renstra__perangkat_daerah"]
    search_fields = ["uraian", "kode"]


class SasaranProgramInline(HanyaBacaInline):
    model = SasaranProgram
    autocomplete_fields = ["program"]


@admin.register(Sasaran)
class SasaranAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["uraian", "kode", "tujuan"]
    list_filter = ["tujuan__renstra__perangkat_daerah"]
    search_fields = ["uraian", "kode"]
    inlines = [SasaranProgramInline]


@admin.register(Program)
class ProgramAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["kode", "nama", "renstra", "bidang"]
    list_filter = ["renstra__perangkat_daerah", "bidang"]
    search_fields = ["kode", "nama"]


@admin.register(Kegiatan)
class KegiatanAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["kode", "nama", "program", "bidang"]
    list_filter = ["program__renstra__perangkat_daerah"]
    search_fields = ["kode", "nama"]


@admin.register(SubKegiatan)
class SubKegiatanAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["kode", "nama", "kegiatan", "bidang"]
    list_filter = ["kegiatan__program__renstra__perangkat_daerah"]
    search_fields = ["kode", "nama"]


class TargetInline(HanyaBacaInline):
    model = TargetIndikator


@admin.register(Indikator)
class IndikatorAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["uraian", "satuan", "polaritas", "agregasi", "is_iku", "is_spm", "bidang",
                    "renstra"]
    list_filter = ["is_iku", "is_spm", "polaritas", "agregasi", "renstra__perangkat_daerah",
                   "bidang"]
    search_fields = ["uraian", "kode", "definisi_operasional"]
    inlines = [TargetInline]


@admin.register(TargetIndikator)
class TargetIndikatorAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["indikator", "tahun", "nilai", "nilai_teks"]
    list_filter = ["tahun"]
    search_fields = ["indikator__uraian"]


@admin.register(PaguIndikatif)
class PaguIndikatifAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["__str__", "tahun", "nilai"]
    list_filter = ["tahun"]
    search_fields = ["program__kode", "kegiatan__kode", "subkegiatan__kode"]


@admin.register(PenetapanIKU)
class PenetapanIKUAdmin(admin.ModelAdmin):
    list_display = ["nomor", "tanggal", "renstra"]
    search_fields = ["nomor"]
    filter_horizontal = ["indikator_set"]


@admin.register(RenstraTahun)
class RenstraTahunAdmin(HanyaBacaMixin, admin.ModelAdmin):
    # Which Renstra governs a year: written by renstra.services.renstra_tahun_* (PK approval,
    # the planner's "Renstra per tahun" page, an overlapping import), audited there.
    list_display = ["perangkat_daerah", "tahun", "renstra", "sumber", "oleh", "pada"]
    list_filter = ["sumber", "tahun"]
