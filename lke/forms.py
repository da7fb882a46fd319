"""Forms of the LKE pages: they parse; ``lke.services`` decides (answer validity, lifecycle,
kerangka logis, stale versions)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from kinerja.models import BuktiDukung, PerjanjianKinerja
from lke.models import BuktiLke, Kriteria, TemplateLke, TipeJawaban
from renstra.models import Renstra
from sakip.forms import TanggalField
from sakip.models import Role

PILIHAN_YT = [("Y", "Y — Ya"), ("T", "T — Tidak")]
PILIHAN_AE = [(h, h) for h in "ABCDE"]


def pilihan_jawaban(kriteria: Kriteria) -> list[tuple[str, str]]:
    """The answers a criterion offers (domain.md §4.2), with a blank "not answered"."""
    if kriteria.tipe == TipeJawaban.YT:
        daftar = PILIHAN_YT
    elif kriteria.tipe == TipeJawaban.AE:
        daftar = PILIHAN_AE
    else:
        daftar = [(p["jawaban"], f"{p['jawaban']} ({p['nilai']})") for p in kriteria.pilihan or []]
    return [("", "— belum dijawab —"), *daftar]


def _versi():
    """The row_version the page showed (0 = no row yet): a save based on an older one is
    refused instead of overwriting what someone else saved meanwhile (sakip.versi)."""
    return forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)


class JawabanForm(forms.Form):
    """One side's answer to one criterion (one small form per criterion on the worksheet)."""

    pihak = forms.ChoiceField(choices=[("usulan", "usulan"), ("evaluasi", "evaluasi")],
                              widget=forms.HiddenInput)
    jawaban = forms.ChoiceField(label="Jawaban", required=False)
    catatan = forms.CharField(label="Catatan", required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    row_version = _versi()

    def __init__(self, *args, kriteria: Kriteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jawaban"].choices = pilihan_jawaban(kriteria)


class MulaiForm(forms.Form):
    template = forms.ModelChoiceField(label="Template LKE", queryset=TemplateLke.objects.none(),
                                      empty_label=None)
    ketua_tim = forms.ModelChoiceField(
        label="Ketua tim", queryset=get_user_model().objects.none(), required=False,
        empty_label="— belum ditentukan —",
        help_text="Tanpa ketua tim, setiap pengguna Inspektorat pemda dapat menutup evaluasi.")

    def __init__(self, *args, pd, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = TemplateLke.objects.filter(
            Q(pemda__isnull=True) | Q(pemda_id=pd.pemda_id)).order_by("versi", "-revisi")
        self.fields["ketua_tim"].queryset = get_user_model().objects.filter(
            is_active=True, peran_set__role=Role.INSPEKTORAT,
            peran_set__pemda_id=pd.pemda_id).distinct().order_by("first_name", "username")
        self.fields["ketua_tim"].label_from_instance = lambda u: u.get_full_name() or u.username


class AjukanForm(forms.Form):
    row_version = _versi()


class TutupForm(forms.Form):
    nomor = forms.CharField(label="Nomor LHE", max_length=120)
    tanggal = TanggalField(label="Tanggal LHE")
    simpulan = forms.CharField(label="Simpulan dan temuan", required=False,
                               widget=forms.Textarea(attrs={"rows": 5}))
    row_version = _versi()


class RekomendasiForm(forms.Form):
    temuan = forms.CharField(label="Temuan", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    uraian = forms.CharField(label="Rekomendasi", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    batas_waktu = TanggalField(label="Batas waktu", required=False)

    def clean(self):
        data = super().clean()
        if (data.get("temuan") or data.get("batas_waktu")) and not data.get("uraian"):
            self.add_error("uraian", "Uraian rekomendasi wajib diisi.")
        return data


RekomendasiFormSet = forms.formset_factory(RekomendasiForm, extra=1, max_num=30,
                                           validate_max=True)


def pilihan_dokumen(pd, tahun: int) -> list:
    """Documents already in the system an answer may cite, grouped for one <select> (values
    "bukti:<id>", "renstra:<id>", "pk:<id>", "lkjip:<tahun>"); three queries, computed once per
    page whatever the number of criteria."""
    bukti = (BuktiDukung.objects.filter(realisasi__indikator__renstra__perangkat_daerah=pd,
                                        realisasi__tahun=tahun)
             .select_related("realisasi__indikator").order_by("realisasi__triwulan", "nama_asli"))
    renstra = Renstra.objects.filter(perangkat_daerah=pd).order_by("-tahun_awal", "-versi")
    pk = (PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun__in=[tahun - 1, tahun])
          .order_by("-tahun", "jenjang", "-versi"))
    return [
        ("Dokumen perencanaan", [
            *[(f"renstra:{r.pk}", f"Renstra {r.tahun_awal}–{r.tahun_akhir} versi {r.versi}")
              for r in renstra],
            *[(f"pk:{p.pk}", f"PK {p.tahun} {p.get_jenjang_display()} versi {p.versi} "
                             f"({p.get_status_display().lower()})") for p in pk],
        ]),
        ("Laporan kinerja", [(f"lkjip:{t}", f"LKjIP {t}") for t in (tahun, tahun - 1)]),
        (f"Bukti dukung realisasi {tahun}", [
            (f"bukti:{b.pk}", f"TW {b.realisasi.triwulan} · {b.nama_asli} "
                              f"({b.realisasi.indikator.uraian[:50]})") for b in bukti]),
    ]


class BuktiForm(forms.Form):
    """Evidence for an answer: a document already in the system, or an uploaded file (checked
    by content by the service, like realisasi evidence)."""

    dokumen = forms.ChoiceField(label="Dokumen di sistem", required=False)
    berkas = forms.FileField(label="atau unggah berkas (PDF, JPG, PNG, XLSX, DOCX)",
                             required=False)

    def __init__(self, *args, pd, tahun: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.pd = pd
        self.fields["dokumen"].choices = [("", "— pilih dokumen —"),
                                          *pilihan_dokumen(pd, tahun)]

    def clean(self):
        data = super().clean()
        dokumen, berkas = data.get("dokumen"), data.get("berkas")
        if bool(dokumen) == bool(berkas):
            raise forms.ValidationError("Pilih satu dokumen di sistem atau unggah satu berkas.")
        return data

    def acuan(self) -> dict:
        """The service arguments: ``jenis`` and the document (or the uploaded file)."""
        cd = self.cleaned_data
        if cd.get("berkas"):
            return {"jenis": BuktiLke.Jenis.BERKAS, "berkas": cd["berkas"]}
        jenis, _, pk = cd["dokumen"].partition(":")
        pk = int(pk)
        if jenis == "bukti":
            return {"jenis": BuktiLke.Jenis.BUKTI_DUKUNG,
                    "bukti_dukung": BuktiDukung.objects.select_related(
                        "realisasi__indikator__renstra").get(pk=pk)}
        if jenis == "renstra":
            return {"jenis": BuktiLke.Jenis.RENSTRA, "renstra": Renstra.objects.get(pk=pk)}
        if jenis == "pk":
            return {"jenis": BuktiLke.Jenis.PK, "perjanjian": PerjanjianKinerja.objects.get(pk=pk)}
        return {"jenis": BuktiLke.Jenis.LKJIP, "tahun_lkjip": pk}
