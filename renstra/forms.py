"""Forms of the Renstra editor: they parse (Indonesian numbers through sakip.lib.angka), services
decide (style.md §9)."""

from decimal import Decimal

from django import forms

from renstra.models import Agregasi, JenisNilai, Polaritas
from renstra.selectors import label_renstra
from renstra.services import INDIKATOR_FIELDS, EntriTarget
from sakip.forms import AngkaField, TanggalInput
from sakip.lib.angka import (
    angka_input,
    nilai_predikat_teks,
    parse_angka,
    parse_nilai_predikat,
)
from sakip.models import Bidang, RumusNegatif
from sakip.versi import VERSI_BARU


class NilaiPredikatField(forms.CharField):
    """A target: a number (``1.250,5``), a number with predikat (``77,26 (BB)``) or a predikat
    alone (``WTP``); cleans to ``(Decimal | None, str)`` (domain.md §2.3)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("autocomplete", "off")

    def to_python(self, value):
        return parse_target(super().to_python(value))


def parse_target(text) -> tuple[Decimal | None, str]:
    """Read one target cell; raises forms.ValidationError with the reason in Indonesian."""
    text = (text or "").strip()
    try:
        return parse_angka(text), ""
    except ValueError as angka_error:
        try:
            nilai, predikat = parse_nilai_predikat(text)
        except ValueError:
            raise forms.ValidationError(
                f"{angka_error}; atau tulis nilai dengan predikat, mis. 77,26 (BB)", code="angka"
            ) from None
        if nilai is None and predikat and any(c.isdigit() for c in predikat):
            # "12.34.5" is a malformed number, not a predikat.
            raise forms.ValidationError(str(angka_error), code="angka") from None
        return nilai, predikat or ""


class BidangChoiceField(forms.ModelChoiceField):
    def __init__(self, pd, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", "— tanpa bidang —")
        super().__init__(Bidang.objects.filter(perangkat_daerah=pd).order_by("nama"), **kwargs)


TEXTAREA = forms.Textarea(attrs={"rows": 2})


def pasang_versi(form, versi: int) -> None:
    """Give an edit form the row_version it is drawn with (hidden; sakip.versi: a save based on
    a stale one is refused) and the optional reason that lands in the audit row."""
    form.fields["row_version"] = forms.IntegerField(widget=forms.HiddenInput, required=False,
                                                    initial=versi)
    form.fields["alasan"] = forms.CharField(
        label="Alasan perubahan (opsional, untuk jejak audit)", required=False, max_length=300)


class RenstraForm(forms.Form):
    nama = forms.CharField(label="Nama dokumen", max_length=200, required=False,
                           initial="Renstra")
    tahun_awal = forms.IntegerField(label="Tahun awal", min_value=2000, max_value=2100)
    tahun_akhir = forms.IntegerField(label="Tahun akhir", min_value=2000, max_value=2100)
    tahun_tambahan = forms.IntegerField(
        label="Tahun tambahan", min_value=0, max_value=2, initial=0,
        help_text="Kolom tahun sesudah periode (mis. 2030 pada Renstra 2025–2029).",
    )
    nomor_penetapan = forms.CharField(label="Nomor penetapan", max_length=100, required=False)
    tanggal_penetapan = forms.DateField(label="Tanggal penetapan", required=False,
                                        widget=TanggalInput())

    def clean(self):
        data = super().clean()
        awal, akhir = data.get("tahun_awal"), data.get("tahun_akhir")
        if awal and akhir and akhir < awal:
            self.add_error("tahun_akhir", "Tahun akhir tidak boleh sebelum tahun awal.")
        return data


class TujuanForm(forms.Form):
    kode = forms.CharField(label="Kode", max_length=20, required=False)
    uraian = forms.CharField(label="Uraian tujuan", widget=TEXTAREA)
    urutan = forms.IntegerField(label="Urutan", min_value=0, initial=0, required=False)

    def __init__(self, *args, pd=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean_urutan(self):
        return self.cleaned_data.get("urutan") or 0


class SasaranForm(TujuanForm):
    uraian = forms.CharField(label="Uraian sasaran", widget=TEXTAREA)


class KegiatanForm(forms.Form):
    kode = forms.CharField(label="Kode", max_length=40,
                           help_text="Bentuk titik baku, mis. 1.06.04.2.01")
    nama = forms.CharField(label="Nama", widget=TEXTAREA)

    def __init__(self, *args, pd=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bidang"] = BidangChoiceField(pd, label="Bidang penanggung jawab")


class ProgramForm(KegiatanForm):
    def __init__(self, *args, pd=None, **kwargs):
        super().__init__(*args, pd=pd, **kwargs)
        self.fields["urutan"] = forms.IntegerField(label="Urutan", min_value=0, initial=0,
                                                   required=False)

    def clean_urutan(self):
        return self.cleaned_data.get("urutan") or 0


class IndikatorForm(forms.Form):
    """Indicator settings (design.md core model, domain.md §2)."""

    uraian = forms.CharField(label="Uraian indikator", widget=TEXTAREA)
    keluaran = forms.CharField(label="Outcome/output", required=False, widget=TEXTAREA,
                               help_text="Rumusan outcome program atau output sub kegiatan.")
    kode = forms.CharField(label="Kode", max_length=20, required=False)
    satuan = forms.CharField(label="Satuan", max_length=60, required=False)
    polaritas = forms.ChoiceField(label="Polaritas", choices=Polaritas.choices)
    rumus_negatif = forms.ChoiceField(
        label="Rumus polaritas negatif", required=False,
        # The formula without its code (NEG-A/NEG-B are the JSON contract's, not the user's).
        choices=[("", "Ikuti pengaturan perangkat daerah"),
                 *((v, str(label).split(": ", 1)[-1]) for v, label in RumusNegatif.choices)],
    )
    agregasi = forms.ChoiceField(label="Agregasi triwulan → tahunan", choices=Agregasi.choices)
    agregasi_target_akhir = forms.ChoiceField(label="Sifat target akhir Renstra",
                                              choices=Agregasi.choices)
    jenis_nilai = forms.ChoiceField(label="Jenis nilai", choices=JenisNilai.choices)
    desimal = forms.IntegerField(label="Desimal", min_value=0, max_value=4, initial=0)
    boleh_lebih_100 = forms.BooleanField(
        label="Target persen boleh di atas 100", required=False,
        help_text="Tanpa centang, target persen di atas 100 diberi peringatan.")
    definisi_operasional = forms.CharField(label="Definisi operasional", required=False,
                                           widget=forms.Textarea(attrs={"rows": 3}))
    sumber_data = forms.CharField(label="Sumber data", max_length=200, required=False)
    is_iku = forms.BooleanField(label="Indikator Kinerja Utama (IKU)", required=False)
    is_spm = forms.BooleanField(label="Indikator SPM", required=False)
    aktif = forms.BooleanField(label="Aktif", required=False, initial=True)
    baseline_tahun = forms.IntegerField(label="Tahun baseline", min_value=2000, max_value=2100,
                                        required=False)
    baseline_nilai = AngkaField(label="Baseline")
    alasan = forms.CharField(label="Alasan perubahan (untuk jejak audit)", required=False,
                             max_length=300)

    def __init__(self, *args, pd=None, tahun_list=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bidang"] = BidangChoiceField(pd, label="Bidang penanggung jawab")
        self.tahun_list = list(tahun_list)
        for th in self.tahun_list:
            self.fields[f"target_{th}"] = NilaiPredikatField(label=f"Target {th}")
        # The versions the page is drawn with (sakip.versi): the indicator and each target.
        self.fields["row_version"] = forms.IntegerField(widget=forms.HiddenInput,
                                                        required=False)
        for th in self.tahun_list:
            self.fields[f"versi_target_{th}"] = forms.IntegerField(widget=forms.HiddenInput,
                                                                   required=False)

    def clean(self):
        data = super().clean()
        if data.get("polaritas") != Polaritas.NEGATIF:
            data["rumus_negatif"] = ""
        if (data.get("baseline_nilai") is None) != (data.get("baseline_tahun") is None):
            self.add_error("baseline_tahun", "Isi tahun baseline dan nilai baseline bersamaan "
                                             "(satu baseline per indikator, §9 butir 4).")
        return data

    def target_fields(self):
        return [self[f"target_{th}"] for th in self.tahun_list]

    def nilai_target(self) -> dict:
        return {th: self.cleaned_data[f"target_{th}"] for th in self.tahun_list}

    def nilai_indikator(self) -> dict:
        skip = {"alasan", "row_version"} | {f"target_{th}" for th in self.tahun_list} | {
            f"versi_target_{th}" for th in self.tahun_list}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}

    def entri_target(self, ind) -> list[EntriTarget]:
        """The yearly targets for ``target_save``; a predikat on a numeric indicator is refused
        on its own field."""
        errors, entri = {}, []
        for th, (nilai, teks) in self.nilai_target().items():
            try:
                cek_target_untuk(ind, nilai, teks)
            except forms.ValidationError as e:
                errors[f"target_{th}"] = e.messages
            entri.append(EntriTarget(ind, th, nilai, teks,
                                     versi_dasar=self.cleaned_data.get(f"versi_target_{th}")))
        if errors:
            raise forms.ValidationError(errors)
        return entri

    @staticmethod
    def initial_dari(ind, tahun_list) -> dict:
        """The form's values for an existing indicator, targets in Indonesian notation."""
        targets = {t.tahun: t for t in ind.target_set.all()}
        initial = {f: getattr(ind, f) for f in INDIKATOR_FIELDS if f != "urutan"}
        for th in tahun_list:
            t = targets.get(th)
            initial[f"target_{th}"] = (nilai_predikat_teks(t.nilai, t.nilai_teks, ind.desimal)
                                       if t else "")
            initial[f"versi_target_{th}"] = t.row_version if t else VERSI_BARU
        initial["row_version"] = ind.row_version
        initial["baseline_nilai"] = angka_input(ind.baseline_nilai)
        return initial


class SasaranProgramForm(forms.Form):
    def __init__(self, *args, program_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"] = forms.ModelMultipleChoiceField(
            queryset=program_qs, required=False, widget=forms.CheckboxSelectMultiple,
            label="Program pendukung",
        )
        self.fields["program"].label_from_instance = lambda p: f"{p.kode} {p.nama}"


class KonfirmasiHapusForm(forms.Form):
    konfirmasi = forms.BooleanField(label="Ya, hapus", required=True, error_messages={
        "required": "Centang konfirmasi untuk menghapus."})
    alasan = forms.CharField(label="Alasan", required=False, max_length=300)


def cek_target_untuk(indikator, nilai, teks: str) -> None:
    """A predikat belongs only to qualitative indicators; "abc" on a count is a typo (§2.3)."""
    kualitatif = (indikator.polaritas == Polaritas.KUALITATIF
                  or indikator.jenis_nilai in (JenisNilai.PREDIKAT, JenisNilai.ANGKA_PREDIKAT))
    if teks and not kualitatif:
        raise forms.ValidationError(
            f"'{teks}' bukan angka. Indikator ini bernilai angka: tulis mis. 1.250,5 "
            "(predikat seperti 77,26 (BB) hanya untuk indikator kualitatif/angka-predikat)."
        )


def baca_target(ind, text) -> tuple[Decimal | None, str]:
    """One target cell typed for ``ind``; raises ValidationError with the reason."""
    nilai, teks = parse_target(text)
    cek_target_untuk(ind, nilai, teks)
    return nilai, teks


def baca_grid_target(data, baris, tahun_list) -> tuple[list[EntriTarget], dict[str, str]]:
    """The target grid as posted (inputs ``t-<indikator>-<tahun>``): the entries to save and
    the message of every cell that cannot be read."""
    entri, errors = [], {}
    for ind, _label in baris:
        for th in tahun_list:
            name = f"t-{ind.pk}-{th}"
            if name not in data:
                continue
            try:
                nilai, teks = baca_target(ind, data[name])
            except forms.ValidationError as e:
                errors[name] = " ".join(e.messages)
                continue
            entri.append(EntriTarget(ind, th, nilai, teks,
                                     versi_dasar=baca_versi(data, f"v-{ind.pk}-{th}")))
    return entri, errors


def baca_versi(data, name: str) -> int | None:
    """The row_version a page was drawn with (hidden input ``name``; sakip.versi), or None
    when the page sent none (older callers keep today's semantics)."""
    try:
        return int(data[name])
    except (KeyError, TypeError, ValueError):
        return None


def baca_pagu(text) -> Decimal | None:
    """One pagu indikatif cell; raises ValueError with the reason."""
    nilai = parse_angka((text or "").strip())
    if nilai is not None and nilai < 0:
        raise ValueError("Pagu tidak boleh negatif.")
    return nilai


class RenstraTahunForm(forms.Form):
    """Which Renstra governs one year (renstra.services.renstra_tahun_set says what is allowed:
    the reason is required there, so the rule has one home)."""

    tahun = forms.IntegerField(widget=forms.HiddenInput, min_value=2000, max_value=2100)
    renstra = forms.ModelChoiceField(label="Renstra yang berlaku", queryset=None,
                                     empty_label=None)
    alasan = forms.CharField(label="Alasan", required=False, max_length=500,
                             widget=forms.TextInput(attrs={
                                 "placeholder": "mis. RPJMD baru berlaku mulai tahun ini"}))
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, pd, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["renstra"].queryset = pd.renstra_set.order_by("-tahun_awal", "-versi")
        self.fields["renstra"].label_from_instance = label_renstra
