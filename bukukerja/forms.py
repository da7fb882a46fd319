"""Forms of the Buku Kerja pages: the year of a download, the upload of a workbook."""

from __future__ import annotations

from django import forms
from django.conf import settings

from renstra.impor import parse_periode


class UnduhForm(forms.Form):
    """The year of the Buku Kerja to download (the years of the office's Renstra)."""

    tahun = forms.TypedChoiceField(label="Tahun", coerce=int, choices=())

    def __init__(self, *args, tahun_list: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [(t, str(t)) for t in tahun_list]


class UnggahForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas Buku Kerja (.xlsx)",
        help_text="Buku Kerja yang diunduh dari halaman ini atau disusun dengan kolom yang sama "
                  "(sheet Sasaran, Program, PK, Realisasi, Anggaran; sheet yang tidak ada tidak "
                  "mengubah apa pun).",
    )
    tahun = forms.IntegerField(
        label="Tahun", required=False, min_value=2000, max_value=2100,
        help_text="Kosongkan untuk memakai kolom Tahun di berkas. Wajib bila berkas tidak "
                  "memuat kolom Tahun.",
    )
    periode = forms.CharField(
        label="Periode Renstra (hanya untuk kantor baru)", required=False, max_length=9,
        help_text="Mis. 2025-2029. Kosongkan untuk memakai tahun kolom Target YYYY di sheet "
                  "Sasaran/Program.",
    )

    def clean_berkas(self):
        f = self.cleaned_data["berkas"]
        if not f.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                f"Berkas '{f.name}' bukan .xlsx: simpan Buku Kerja sebagai Excel Workbook (.xlsx).")
        maks = settings.SAKIP_XLSX_MAKS_BYTES
        if f.size > maks:
            raise forms.ValidationError(
                f"Berkas '{f.name}' terlalu besar ({f.size // 1024} KB); paling besar "
                f"{maks // (1024 * 1024)} MB.")
        return f

    def clean_periode(self):
        teks = (self.cleaned_data.get("periode") or "").strip()
        if not teks:
            return None
        try:
            return parse_periode(teks)
        except ValueError as e:
            raise forms.ValidationError(str(e)) from e
