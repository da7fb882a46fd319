"""Forms of the follow-up pages and of a past LHE entered from paper: they parse; the services
(``lke.services.tindak_lanjut_*``, ``hasil_set``) decide lifecycle, file checks and totals."""

from __future__ import annotations

from django import forms

from sakip.forms import AngkaField, TanggalField
from sakip.lib.angka import angka_input


def _versi():
    """The row_version the page showed: a stale answer is refused (sakip.versi)."""
    return forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)


class TindakLanjutForm(forms.Form):
    uraian = forms.CharField(label="Uraian tindak lanjut",
                             widget=forms.Textarea(attrs={"rows": 4}))
    berkas = forms.FileField(label="Bukti tindak lanjut (PDF, JPG, PNG, XLSX, DOCX; opsional)",
                             required=False)
    row_version = _versi()


class _FormPutusan(forms.Form):
    """Accept and reopen stand on one page: each gets its own id prefix so every label points at
    its own field."""

    prefix_id = "id_%s"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", self.prefix_id)
        super().__init__(*args, **kwargs)


class TerimaForm(_FormPutusan):
    prefix_id = "terima_%s"
    tindak_lanjut = forms.IntegerField(widget=forms.HiddenInput)
    catatan = forms.CharField(label="Catatan (opsional)", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class BukaKembaliForm(_FormPutusan):
    prefix_id = "buka_%s"
    tindak_lanjut = forms.IntegerField(widget=forms.HiddenInput)
    catatan = forms.CharField(label="Alasan dibuka kembali",
                              widget=forms.Textarea(attrs={"rows": 3}))


class HasilForm(forms.Form):
    """A past LHE: nomor, tanggal, nilai per komponen of the template of that year, total and
    (optionally) the predikat printed on the LHE, which must match the computed one."""

    nomor = forms.CharField(label="Nomor LHE", max_length=120)
    tanggal = TanggalField(label="Tanggal LHE")
    nilai = AngkaField(label="Nilai akhir", required=True)
    predikat = forms.CharField(label="Predikat pada LHE (opsional)", max_length=2,
                               required=False,
                               help_text="Dihitung dari nilai; predikat yang diketik harus sama.")
    row_version = _versi()

    def __init__(self, *args, komponen, **kwargs):
        """``komponen``: [(kode, nama, bobot)] of the template valid for the year."""
        super().__init__(*args, **kwargs)
        self.komponen = list(komponen)
        for kode, nama, bobot in self.komponen:
            self.fields[f"komponen_{kode}"] = AngkaField(
                label=f"{kode}. {nama} (bobot {angka_input(bobot)})", required=True)

    def komponen_fields(self):
        return [self[f"komponen_{kode}"] for kode, _n, _b in self.komponen]

    def komponen_data(self) -> list[dict]:
        cd = self.cleaned_data
        return [{"kode": kode, "nama": nama, "bobot": bobot, "nilai": cd[f"komponen_{kode}"]}
                for kode, nama, bobot in self.komponen]
