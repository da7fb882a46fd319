"""Forms of the realisasi pages: they parse (Indonesian numbers, files); services decide.

Numbers are typed the Indonesian way (``1.250``, ``89,7``) and read by
``sakip.lib.angka.parse_angka`` — the one parser (domain.md §8.1) — never by the locale.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from kinerja import rumus
from renstra.models import Indikator, JenisNilai
from sakip.forms import AngkaField
from sakip.versi import VERSI_BARU

TEKS = forms.Textarea(attrs={"rows": 2})
FIELD_REALISASI = ("nilai", "nilai_teks", "pembilang", "penyebut", "catatan", "faktor_pendukung",
                   "faktor_penghambat", "upaya", "sumber_data")


class RealisasiForm(forms.Form):
    nilai = AngkaField(label="Realisasi")
    nilai_teks = forms.CharField(label="Predikat", required=False, max_length=60)
    pembilang = AngkaField(label="Pembilang")
    penyebut = AngkaField(label="Penyebut")
    catatan = forms.CharField(label="Catatan", required=False, widget=TEKS)
    faktor_pendukung = forms.CharField(label="Faktor pendukung", required=False, widget=TEKS)
    faktor_penghambat = forms.CharField(label="Faktor penghambat", required=False, widget=TEKS)
    upaya = forms.CharField(label="Upaya / tindak lanjut", required=False, widget=TEKS)
    sumber_data = forms.CharField(label="Sumber data", required=False, max_length=200)
    bukti = forms.FileField(
        label="Bukti dukung (PDF, JPG, PNG, XLSX, DOCX)", required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.xlsx,.docx"}),
    )
    alasan = forms.CharField(
        label="Alasan perubahan di luar periode input / setelah verifikasi", required=False,
        max_length=500,
    )
    # The version of the stored value the page was drawn with (sakip.versi): a save based on
    # a value someone else changed meanwhile is refused instead of overwriting it unseen.
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, indikator: Indikator, perlu_alasan: bool = False,
                 realisasi=None, sebab: str | None = None, **kwargs):
        """``realisasi``: the stored row (initial values); ``sebab``: why the value may not be
        changed now (a form error, the rule being ``alasan_ubah``)."""
        if realisasi is not None and not args and "data" not in kwargs:
            kwargs["initial"] = {f: getattr(realisasi, f) for f in FIELD_REALISASI}
        if not args and "data" not in kwargs:
            kwargs.setdefault("initial", {})["row_version"] = (
                realisasi.row_version if realisasi is not None else VERSI_BARU)
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        self.perlu_alasan = perlu_alasan
        self.sebab = sebab
        jenis = indikator.jenis_nilai
        if jenis == JenisNilai.RASIO:
            del self.fields["nilai"], self.fields["nilai_teks"]
        elif jenis == JenisNilai.PREDIKAT:
            del self.fields["nilai"], self.fields["pembilang"], self.fields["penyebut"]
        elif jenis == JenisNilai.ANGKA_PREDIKAT:
            del self.fields["pembilang"], self.fields["penyebut"]
        else:
            del self.fields["nilai_teks"], self.fields["pembilang"], self.fields["penyebut"]
        if "nilai" in self.fields and indikator.satuan:
            self.fields["nilai"].label = f"Realisasi ({indikator.satuan})"
        if "nilai_teks" in self.fields:
            skala = (indikator.skala_predikat or "AKIP").upper()
            pilihan = rumus.SKALA_PREDIKAT.get(skala, {})
            self.predikat_pilihan = [k for k in pilihan if len(k) <= 12]
            self.fields["nilai_teks"].widget.attrs["list"] = "predikat-pilihan"
        if perlu_alasan:
            self.fields["alasan"].required = True
        else:
            # Any change may say why; the reason lands in the audit row.
            self.fields["alasan"].label = "Alasan perubahan (opsional, untuk jejak audit)"

    def clean(self):
        c = super().clean()
        if self.sebab:
            self.add_error(None, self.sebab)
        return c

    @property
    def ajukan(self) -> bool:
        """The "simpan dan ajukan" button rather than "simpan"."""
        return self.data.get("aksi") == "ajukan"

    def tambah_galat(self, galat: list[tuple[str | None, str]]) -> None:
        """Errors from the service: on their field when the form shows it, else on the form."""
        for name, pesan in galat:
            self.add_error(name if name in self.fields else None, pesan)

    def data_realisasi(self) -> dict:
        """The realisasi fields this indicator is entered with (others are left as stored)."""
        c = self.cleaned_data
        data = {k: c[k] for k in ("catatan", "faktor_pendukung", "faktor_penghambat", "upaya",
                                  "sumber_data")}
        for k in ("nilai", "nilai_teks", "pembilang", "penyebut"):
            if k in self.fields:
                data[k] = c.get(k)
        if "nilai_teks" in data:
            data["nilai_teks"] = " ".join((data["nilai_teks"] or "").upper().split())
        return data


class VerifikasiForm(forms.Form):
    aksi = forms.ChoiceField(choices=[("setuju", "Setujui"), ("kembalikan", "Kembalikan")])
    komentar = forms.CharField(label="Komentar untuk staf", required=False, widget=TEKS,
                               max_length=2000)

    def clean(self):
        c = super().clean()
        if c.get("aksi") == "kembalikan" and not (c.get("komentar") or "").strip():
            self.add_error("komentar", "Tuliskan alasan pengembalian untuk staf bidang.")
        return c


class StafAjukanForm(forms.Form):
    """Submit every draft of the quarter shown (the staff page's button)."""

    tahun = forms.IntegerField(min_value=1)
    tw = forms.TypedChoiceField(choices=[(i, i) for i in (1, 2, 3, 4)], coerce=int)
    semua = forms.ChoiceField(choices=[("1", "1")])
    bidang = forms.CharField(required=False)

    def clean_bidang(self) -> int | None:
        try:
            return int(self.cleaned_data["bidang"])
        except (TypeError, ValueError):
            return None  # no bidang filter, as on the page


class PeriodeForm(forms.Form):
    tahun = forms.IntegerField(min_value=2000, max_value=2100)
    triwulan = forms.IntegerField(min_value=1, max_value=4)
    dibuka = forms.TypedChoiceField(choices=[("1", "Buka"), ("0", "Tutup")],
                                    coerce=lambda v: v == "1")
    batas_waktu = forms.DateField(label="Batas waktu", required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))


class UnggahXlsxForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas xlsx hasil isian",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    MAKS = 20 * 1024 * 1024

    def clean_berkas(self):
        f = self.cleaned_data["berkas"]
        if not f.name.lower().endswith(".xlsx"):
            raise ValidationError("Unggah berkas .xlsx yang diunduh dari halaman ini.")
        if f.size > self.MAKS:
            raise ValidationError("Berkas lebih dari 20 MB.")
        f.seek(0)
        if f.read(4) != b"PK\x03\x04":
            raise ValidationError("Isi berkas bukan xlsx yang sah.")
        f.seek(0)
        return f
