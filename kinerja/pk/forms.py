"""Forms of the PK builder: parse only (Indonesian numbers via sakip.lib.angka); the services
decide (TW targets against the annual target, immutability of a ditetapkan PK)."""

from django import forms

from kinerja.models import Jenjang, ModeTriwulan, PerjanjianKinerja
from renstra.forms import BidangChoiceField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PKBuatForm(forms.Form):
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    jenjang = forms.ChoiceField(label="Jenjang", choices=Jenjang.choices)
    isi_dari_renstra = forms.BooleanField(
        label="Isi dari Renstra (indikator jenjang ini dengan target tahun itu, dan anggarannya)",
        required=False, initial=True,
    )

    def __init__(self, *args, pd=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.pd = pd
        self.fields["bidang"] = BidangChoiceField(
            pd, label="Unit kerja (untuk Administrator/Pengawas)",
            empty_label="— seluruh perangkat daerah —",
        )

    def clean(self):
        data = super().clean()
        if data.get("jenjang") == Jenjang.JPT_PRATAMA and data.get("bidang"):
            self.add_error("bidang", "PK JPT Pratama (Kepala Dinas) tidak memakai unit kerja.")
        if self.errors or self.pd is None:
            return data
        ada = (PerjanjianKinerja.objects.filter(
            perangkat_daerah=self.pd, tahun=data["tahun"], jenjang=data["jenjang"],
            bidang=data.get("bidang")).order_by("-versi").first())
        if ada:
            raise forms.ValidationError(
                f"PK {ada.tahun} {ada.get_jenjang_display()} sudah ada (versi {ada.versi}, "
                f"{ada.get_status_display().lower()}); buka PK itu, atau revisi bila sudah "
                "ditetapkan.", code="ada",
            )
        return data


class PKHeaderForm(forms.Form):
    pihak_pertama_nama = forms.CharField(label="Nama", max_length=200, required=False)
    pihak_pertama_jabatan = forms.CharField(label="Jabatan", max_length=200, required=False)
    pihak_pertama_pangkat = forms.CharField(label="Pangkat/golongan", max_length=100,
                                            required=False)
    pihak_pertama_nip = forms.CharField(label="NIP", max_length=18, required=False)
    pihak_kedua_nama = forms.CharField(label="Nama", max_length=200, required=False)
    pihak_kedua_jabatan = forms.CharField(label="Jabatan", max_length=200, required=False)
    pihak_kedua_pangkat = forms.CharField(label="Pangkat/golongan", max_length=100,
                                          required=False)
    pihak_kedua_nip = forms.CharField(label="NIP", max_length=18, required=False)
    nomor = forms.CharField(label="Nomor", max_length=100, required=False)
    tanggal = forms.DateField(label="Tanggal", required=False, widget=DATE)

    def _nip(self, name):
        value = "".join(self.cleaned_data.get(name, "").split())
        if value and (not value.isdigit() or len(value) != 18):
            raise forms.ValidationError("NIP harus 18 digit angka, mis. 197106281993031012.")
        return value

    def clean_pihak_pertama_nip(self):
        return self._nip("pihak_pertama_nip")

    def clean_pihak_kedua_nip(self):
        return self._nip("pihak_kedua_nip")

    def pihak_pertama(self):
        return [self[f"pihak_pertama_{k}"] for k in ("nama", "jabatan", "pangkat", "nip")]

    def pihak_kedua(self):
        return [self[f"pihak_kedua_{k}"] for k in ("nama", "jabatan", "pangkat", "nip")]


class PKTetapkanForm(forms.Form):
    tanggal = forms.DateField(label="Tanggal penetapan", required=False, widget=DATE)
    nomor = forms.CharField(label="Nomor", max_length=100, required=False)


class PKRevisiForm(forms.Form):
    """A revision needs one of the three reasons of PermenPAN-RB 53/2014, a date and a number."""

    alasan = forms.ChoiceField(label="Alasan perubahan",
                               choices=PerjanjianKinerja.Alasan.choices,
                               widget=forms.RadioSelect)
    alasan_uraian = forms.CharField(label="Uraian alasan", widget=forms.Textarea(attrs={
        "rows": 3}))
    tanggal = forms.DateField(label="Tanggal", widget=DATE)
    nomor = forms.CharField(label="Nomor", max_length=100)


class PKTarikForm(forms.Form):
    catatan = forms.CharField(label="Catatan", required=False, max_length=300)


MODE_CHOICES = ModeTriwulan.choices
