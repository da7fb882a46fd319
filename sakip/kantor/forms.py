"""Forms of the office setup pages: they parse, the services decide (style.md §9)."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator

from sakip.forms import TanggalInput
from sakip.lib.nip import CONTOH, bersihkan_nip, galat_nip
from sakip.models import BuktiWajib

TANGGAL = TanggalInput()


class VersiForm(forms.Form):
    """The row version the page was drawn with (sakip.versi: a stale save is refused)."""

    versi = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class ProfilForm(VersiForm):
    nama = forms.CharField(label="Nama perangkat daerah", max_length=200)
    singkatan = forms.CharField(label="Singkatan", max_length=40, required=False)
    kode = forms.CharField(label="Kode", max_length=40, required=False,
                           help_text="Kode perangkat daerah, mis. 1.06.0.00.0.00.01.0000.")
    alamat = forms.CharField(label="Alamat", required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    tempat = forms.CharField(label="Tempat penandatanganan", max_length=100, required=False,
                             help_text="Kota pada baris tempat-tanggal dokumen, mis. "
                                       "Sungguminasa.")
    logo = forms.FileField(label="Logo (PNG atau JPEG, paling besar 1 MB)", required=False,
                           widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}))
    hapus_logo = forms.BooleanField(label="Hapus logo", required=False)
    bukti_wajib = forms.ChoiceField(
        label="Bukti dukung wajib", choices=BuktiWajib.choices, required=False,
        help_text="Realisasi tanpa bukti dukung tidak dapat diajukan atau diverifikasi.")

    PROFIL = ("nama", "singkatan", "kode", "alamat", "tempat", "bukti_wajib")

    def profil(self) -> dict:
        # A form posted without the setting (an older page) leaves it as it is.
        return {f: self.cleaned_data[f] for f in self.PROFIL
                if f != "bukti_wajib" or self.cleaned_data[f]}


class PerangkatDaerahBaruForm(forms.Form):
    nama = forms.CharField(label="Nama perangkat daerah", max_length=200,
                           help_text="Mis. Dinas Kesehatan Kabupaten Gowa.")
    singkatan = forms.CharField(label="Singkatan", max_length=40, required=False)
    slug = forms.SlugField(
        label="Alamat singkat (slug)", max_length=60,
        help_text="Huruf kecil, angka dan tanda hubung; dipakai di alamat halaman, mis. "
                  "dinkes-gowa. Tidak dapat diubah kemudian.",
        validators=[RegexValidator(r"^[a-z0-9-]+$", "Slug hanya huruf kecil, angka dan tanda "
                                                     "hubung.")],
    )
    kode = forms.CharField(label="Kode", max_length=40, required=False)
    alamat = forms.CharField(label="Alamat", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    tempat = forms.CharField(label="Tempat penandatanganan", max_length=100, required=False)


class BidangForm(VersiForm):
    nama = forms.CharField(label="Nama bidang", max_length=200)
    singkatan = forms.CharField(label="Singkatan", max_length=40, required=False)


class KepalaDaerahForm(VersiForm):
    nama = forms.CharField(label="Nama (dengan gelar)", max_length=200)
    mulai = forms.DateField(label="Mulai menjabat", widget=TANGGAL)
    selesai = forms.DateField(label="Selesai menjabat", required=False, widget=TANGGAL,
                              help_text="Kosongkan bila masih menjabat.")
    akhiri_sebelumnya = forms.BooleanField(
        label="Akhiri masa jabatan pejabat sebelumnya sehari sebelum tanggal mulai",
        required=False, initial=True,
    )

    DATA = ("nama", "mulai", "selesai")

    def data_pejabat(self) -> dict:
        return {f: self.cleaned_data.get(f) for f in self.DATA}


class KepalaForm(KepalaDaerahForm):
    nip = forms.CharField(label="NIP", max_length=24, help_text=f"18 digit, mis. {CONTOH}.")
    pangkat = forms.CharField(label="Pangkat/golongan", max_length=100,
                              help_text="Mis. Pembina Utama Muda/IV.c.")
    jabatan = forms.CharField(label="Jabatan", max_length=200,
                              help_text="Seperti tercetak di bawah tanda tangan, mis. Kepala "
                                        "Dinas Sosial.")

    field_order = ["nama", "nip", "pangkat", "jabatan", "mulai", "selesai", "akhiri_sebelumnya"]
    DATA = ("nama", "nip", "pangkat", "jabatan", "mulai", "selesai")

    def clean_nip(self):
        nip = bersihkan_nip(self.cleaned_data["nip"])
        pesan = galat_nip(nip)
        if pesan:
            raise forms.ValidationError(pesan)
        return nip


class PemdaLogoForm(forms.Form):
    """The pemda's logo, printed on the cover of every office's LKjIP (same rules as the
    office logo: PNG or JPEG, decoded, at most 1 MB; checked by ``sakip.kantor.logo``)."""

    logo = forms.FileField(label="Logo pemda (PNG atau JPEG, paling besar 1 MB)", required=False,
                           widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}))
    hapus_logo = forms.BooleanField(label="Hapus logo", required=False)

    def clean(self):
        c = super().clean()
        if not c.get("logo") and not c.get("hapus_logo"):
            raise forms.ValidationError("Pilih berkas logo untuk diunggah.")
        return c
