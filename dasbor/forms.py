"""Forms of the review notes: they parse and check shape; the services decide (style.md §9)."""

from django import forms

from dasbor.models import CatatanReviu


class CatatanBuatForm(forms.Form):
    jenis = forms.ChoiceField(choices=CatatanReviu.Jenis.choices, widget=forms.HiddenInput)
    objek = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    tahun = forms.IntegerField(min_value=2000, max_value=2100, required=False,
                               widget=forms.HiddenInput)
    isi = forms.CharField(
        label="Catatan reviu", max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "Temuan, pertanyaan atau "
                                     "permintaan perbaikan untuk perangkat daerah…"}),
        error_messages={"required": "Tuliskan isi catatan reviu."},
    )


class VersiCatatanForm(forms.Form):
    """The note's row_version the page showed (sakip.versi): a step taken on a thread that moved
    on since (a new answer, resolved, reopened) is refused instead of going unseen."""

    row_version = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


class CatatanJawabForm(VersiCatatanForm):
    isi = forms.CharField(
        label="Jawaban", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Tuliskan jawaban atau tanggapan."},
    )


class CatatanSelesaiForm(VersiCatatanForm):
    isi = forms.CharField(
        label="Tindak lanjut (boleh kosong)", max_length=5000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CatatanBukaForm(VersiCatatanForm):
    isi = forms.CharField(
        label="Alasan dibuka kembali", max_length=5000, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Tuliskan alasan catatan dibuka kembali."},
    )
