"""Budget forms: they parse Indonesian numbers (``Rp 1.250.000``) and dates; services decide."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from anggaran.models import Tahap
from anggaran.services import EntriPagu, EntriRealisasiAnggaran
from renstra.selectors import renstra_aktif
from sakip.forms import AngkaField, TanggalInput
from sakip.lib.periode import NAMA_BULAN, romawi

PERIODE_CHOICES = [(f"tw{i}", f"Triwulan {romawi(i)}") for i in (1, 2, 3, 4)] + [
    (f"b{b}", f"Bulan {nama}") for b, nama in NAMA_BULAN.items()
]


class PaguForm(forms.Form):
    tahap = forms.ChoiceField(choices=Tahap.choices)
    urutan_tahap = forms.IntegerField(label="Pergeseran ke-", min_value=0, max_value=20,
                                      initial=0, required=False)
    nilai = AngkaField(label="Pagu (Rp)", required=True)
    tanggal_dokumen = forms.DateField(label="Tanggal dokumen (DPA/DPPA)", required=False,
                                      widget=TanggalInput())
    nomor_dokumen = forms.CharField(label="Nomor dokumen", required=False, max_length=100)
    alasan = forms.CharField(label="Keterangan perubahan", required=False, max_length=300)

    def clean(self):
        c = super().clean()
        if c.get("tahap") == Tahap.PERGESERAN and not c.get("urutan_tahap"):
            self.add_error("urutan_tahap", "Pergeseran ke berapa? Isi 1, 2, …")
        if c.get("tahap") != Tahap.PERGESERAN:
            c["urutan_tahap"] = 0
        if c.get("nilai") is not None and c["nilai"] < 0:
            self.add_error("nilai", "Pagu tidak boleh negatif.")
        return c

    def entri(self, pemilik) -> EntriPagu:
        c = self.cleaned_data
        return EntriPagu(pemilik, c["tahap"], c["nilai"], urutan_tahap=c["urutan_tahap"] or 0,
                         tanggal_dokumen=c["tanggal_dokumen"], nomor_dokumen=c["nomor_dokumen"])


class RealisasiAnggaranForm(forms.Form):
    periode = forms.ChoiceField(label="Periode", choices=PERIODE_CHOICES)
    nilai = AngkaField(label="Realisasi (Rp)", required=True)
    sumber = forms.CharField(label="Sumber data", required=False, max_length=60,
                             initial="SIPD")
    alasan = forms.CharField(label="Keterangan perubahan", required=False, max_length=300)

    def clean_periode(self):
        p = self.cleaned_data["periode"]
        if p.startswith("tw"):
            return int(p[2:]), None
        bulan = int(p[1:])
        return (bulan - 1) // 3 + 1, bulan

    def entri(self, pemilik) -> EntriRealisasiAnggaran:
        c = self.cleaned_data
        tw, bulan = c["periode"]
        return EntriRealisasiAnggaran(pemilik, tw, c["nilai"], bulan=bulan, sumber=c["sumber"])


class ImporSipdForm(forms.Form):
    tahun = forms.IntegerField(label="Tahun anggaran", min_value=2000, max_value=2100)
    berkas = forms.FileField(label="Berkas xlsx/csv dengan nama kolom SIPD",
                             widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))
    tahap_pagu = forms.ChoiceField(
        label="Kolom pagu adalah tahap", choices=Tahap.choices, initial=Tahap.PERUBAHAN,
        help_text="Kolom pagumurni selalu tahap murni.",
    )
    urutan_tahap = forms.IntegerField(label="Pergeseran ke-", min_value=0, max_value=20,
                                      initial=0, required=False)
    tanggal_dokumen = forms.DateField(label="Tanggal dokumen", required=False,
                                      widget=TanggalInput())

    MAKS = 20 * 1024 * 1024

    def __init__(self, *args, pd=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.pd = pd

    def clean_berkas(self):
        f = self.cleaned_data["berkas"]
        nama = f.name.lower()
        if not (nama.endswith(".xlsx") or nama.endswith(".csv")):
            raise ValidationError("Unggah berkas .xlsx atau .csv.")
        if f.size > self.MAKS:
            raise ValidationError("Berkas lebih dari 20 MB.")
        return f

    def clean(self):
        c = super().clean()
        if c.get("tahap_pagu") == Tahap.PERGESERAN and not c.get("urutan_tahap"):
            self.add_error("urutan_tahap", "Pergeseran ke berapa? Isi 1, 2, …")
        if c.get("tahap_pagu") != Tahap.PERGESERAN:
            c["urutan_tahap"] = 0
        if self.pd is not None and c.get("tahun"):
            c["renstra"] = renstra_aktif(self.pd, c["tahun"])
            if c["renstra"] is None or c["tahun"] not in c["renstra"].tahun_list:
                self.add_error("tahun", "Tidak ada Renstra yang mencakup tahun ini.")
        return c

    def pilihan(self) -> dict:
        """The import's choices as ``impor_sipd.impor`` keywords."""
        c = self.cleaned_data
        return {"tahun": c["tahun"], "tahap_pagu": c["tahap_pagu"],
                "urutan_tahap": c["urutan_tahap"], "tanggal_dokumen": c["tanggal_dokumen"]}
