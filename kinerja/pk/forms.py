"""Forms of the PK builder: parse only (Indonesian numbers via sakip.lib.angka); the services
decide (TW targets against the annual target, immutability of a ditetapkan PK)."""

from django import forms
from django.core.exceptions import ValidationError

from kinerja.models import Jenjang, ModeTriwulan, PerjanjianKinerja
from kinerja.pk.services import PK_HEADER_FIELDS, IsiAnggaran, IsiIndikator
from renstra.forms import BidangChoiceField, cek_target_untuk, parse_target
from renstra.models import Indikator, Kegiatan, Program, SubKegiatan
from sakip.forms import AngkaField, TanggalInput
from sakip.lib.angka import nilai_predikat_teks
from sakip.lib.nip import bersihkan_nip, galat_nip

DATE = TanggalInput()


class PKBuatForm(forms.Form):
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    jenjang = forms.ChoiceField(label="Jenjang", choices=Jenjang.choices)
    isi_dari_renstra = forms.BooleanField(
        label="Isi dari Renstra (indikator jenjang ini dengan target tahun itu, dan anggarannya)",
        required=False, initial=True,
    )

    def __init__(self, *args, pd=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bidang"] = BidangChoiceField(
            pd, label="Unit kerja (untuk Administrator/Pengawas)",
            empty_label="— seluruh perangkat daerah —",
        )

    def clean(self):
        # One PK per office, year, level and unit: pk_create decides (under a lock).
        data = super().clean()
        if data.get("jenjang") == Jenjang.JPT_PRATAMA and data.get("bidang"):
            self.add_error("bidang", "PK JPT Pratama (Kepala Dinas) tidak memakai unit kerja.")
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
        # One NIP rule for every form (sakip.lib.nip), Pengaturan kantor's included.
        value = bersihkan_nip(self.cleaned_data.get(name, ""))
        pesan = galat_nip(value) if value else None
        if pesan:
            raise forms.ValidationError(pesan)
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
    # The signed document's own date and number: never defaulted (a blank once recorded today's
    # date), and a PK without a number leaves a blank in the LKjIP that cannot be filled later.
    tanggal = forms.DateField(label="Tanggal penetapan", widget=DATE,
                              error_messages={"required": "Tanggal penetapan wajib diisi."})
    nomor = forms.CharField(label="Nomor", max_length=100,
                            error_messages={"required": "Nomor Perjanjian Kinerja wajib diisi."})


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


# --- the builder grid -------------------------------------------------------------------------
# Each line keeps its own inputs (``i-<line>-target``, ``i-<line>-tw1`` …, ``a-<row>-anggaran``)
# through the form prefix, so the page posts one flat grid.

TW = ("tw1", "tw2", "tw3", "tw4")


class PKIndikatorBarisForm(forms.Form):
    """One Table A line: annual target (a number, or a predikat for qualitative indicators),
    TW mode and TW I–IV targets."""

    target = forms.CharField(required=False)
    mode = forms.ChoiceField(choices=ModeTriwulan.choices, required=False, error_messages={
        "invalid_choice": "Pilih per triwulan atau kumulatif."})
    tw1 = AngkaField()
    tw2 = AngkaField()
    tw3 = AngkaField()
    tw4 = AngkaField()

    def __init__(self, *args, line, **kwargs):
        initial = {"target": nilai_predikat_teks(line.target_tahunan, line.target_tahunan_teks),
                   "mode": line.mode_tw}
        initial.update({f"tw{i}": line.target_triwulan(i) for i in range(1, 5)})
        super().__init__(*args, prefix=f"i-{line.pk}", initial=initial, **kwargs)
        self.line = line

    def clean_target(self):
        nilai, teks = parse_target(self.cleaned_data["target"])
        cek_target_untuk(self.line.indikator, nilai, teks)
        return nilai, teks

    def clean_mode(self):
        return self.cleaned_data["mode"] or self.line.mode_tw

    def galat_target(self) -> str:
        return " ".join(self.errors.get("target", []))

    def galat_lain(self) -> list[str]:
        """The line's other messages, each shown as a row under it: the service's first."""
        pesan = [" ".join(self.non_field_errors())] if self.non_field_errors() else []
        return pesan + [" ".join(self.errors[k]) for k in (*TW, "mode") if k in self.errors]

    def isi(self) -> IsiIndikator:
        nilai, teks = self.cleaned_data["target"]
        return IsiIndikator(indikator=self.line.indikator, target_tahunan=nilai,
                            target_tahunan_teks=teks,
                            target_tw=tuple(self.cleaned_data[k] for k in TW),
                            mode_tw=self.cleaned_data["mode"], urutan=self.line.urutan)


class PKAnggaranBarisForm(forms.Form):
    """One Table B line: anggaran (required, not negative) and keterangan."""

    anggaran = AngkaField(required=True, error_messages={
        "required": "Anggaran wajib diisi (hapus barisnya bila tidak dipakai)."})
    ket = forms.CharField(required=False)

    def __init__(self, *args, row, **kwargs):
        super().__init__(*args, prefix=f"a-{row.pk}",
                         initial={"anggaran": row.anggaran, "ket": row.keterangan}, **kwargs)
        self.row = row

    def clean_anggaran(self):
        nilai = self.cleaned_data["anggaran"]
        if nilai < 0:
            raise forms.ValidationError("Anggaran tidak boleh negatif.")
        return nilai

    def clean_ket(self):
        return self.cleaned_data["ket"][:200]

    def galat(self) -> str:
        return " ".join(self.errors.get("anggaran", []))

    def isi(self) -> IsiAnggaran:
        return IsiAnggaran(pemilik=self.row.pemilik, anggaran=self.cleaned_data["anggaran"],
                           keterangan=self.cleaned_data["ket"], urutan=self.row.urutan)


class VersiForm(forms.Form):
    """The row_version of the PK the page showed (sakip.versi): ``pk_save`` refuses a save
    based on an older one instead of overwriting what someone else saved meanwhile."""

    row_version = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


class PKIsiForm:
    """The whole builder page of a draft PK: the signatories (prefix ``h``), one form per Table
    A line and one per Table B line, bound to one POST and written by one ``pk_save``."""

    GALAT_HEADER = "Periksa isian pihak pertama/kedua."

    def __init__(self, data=None, *, dok):
        pk = dok.pk
        self.header = PKHeaderForm(data, prefix="h", initial={
            f: getattr(pk, f) for f in PK_HEADER_FIELDS if f != "alasan_uraian"})
        self.baris = [PKIndikatorBarisForm(data, line=line) for line in dok.baris]
        self.anggaran = [PKAnggaranBarisForm(data, row=row) for row in dok.anggaran]
        self.versi = VersiForm(data, prefix="h", initial={"row_version": pk.row_version})
        self.is_bound = data is not None
        self.galat_header = ""

    def is_valid(self) -> bool:
        if not self.is_bound:
            self.galat_header = self.GALAT_HEADER
            return False
        valid = [f.is_valid() for f in (*self.baris, *self.anggaran, self.versi)]
        if all(valid) and not self.header.is_valid():
            self.galat_header = self.GALAT_HEADER
        return all(valid) and not self.galat_header

    def isi(self) -> dict:
        """The keyword arguments of ``pk_save``."""
        return {"header": self.header.cleaned_data,
                "indikator": [f.isi() for f in self.baris],
                "anggaran": [f.isi() for f in self.anggaran],
                "versi_dasar": self.versi.cleaned_data["row_version"]}

    def tolak(self, e: ValidationError) -> None:
        """Put the service's refusal next to the lines it names (see ``pk_save``)."""
        if not hasattr(e, "error_dict"):
            self.galat_header = " ".join(e.messages)
            return
        for (jenis, i), pesan in e.message_dict.items():
            if jenis == "indikator":
                self.baris[i].add_error(None, " ".join(pesan))
            else:
                self.anggaran[i].add_error("anggaran", " ".join(pesan))


# --- adding a line ----------------------------------------------------------------------------

class PKIndikatorTambahForm(forms.Form):
    indikator = forms.ModelChoiceField(queryset=Indikator.objects.none(), error_messages={
        "required": "Pilih indikator yang akan ditambahkan.",
        "invalid_choice": "Pilih indikator yang akan ditambahkan."})

    def __init__(self, *args, pd, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indikator"].queryset = Indikator.objects.filter(
            renstra__perangkat_daerah=pd)


PEMILIK = {"program": (Program, "renstra__perangkat_daerah"),
           "kegiatan": (Kegiatan, "program__renstra__perangkat_daerah"),
           "subkegiatan": (SubKegiatan, "kegiatan__program__renstra__perangkat_daerah")}


def pilihan_pemilik(pemilik_list) -> list[tuple[str, object]]:
    """``(value, owner)`` options of the Table B select: ``"<level>:<id>"``."""
    return [(f"{p._meta.model_name}:{p.pk}", p) for p in pemilik_list]


class PKAnggaranTambahForm(forms.Form):
    """A program/kegiatan/sub kegiatan of the office; a blank anggaran takes its pagu."""

    pemilik = forms.CharField(required=False)
    anggaran = AngkaField()

    def __init__(self, *args, pd, **kwargs):
        super().__init__(*args, **kwargs)
        self.pd = pd

    def clean_pemilik(self):
        level, _, ident = self.cleaned_data["pemilik"].partition(":")
        pemilik = None
        if level in PEMILIK and ident.isdigit():
            model, path = PEMILIK[level]
            pemilik = model.objects.filter(pk=int(ident), **{path: self.pd}).first()
        if pemilik is None:
            raise forms.ValidationError(
                "Pilih program/kegiatan/sub kegiatan yang akan ditambahkan.")
        return pemilik
