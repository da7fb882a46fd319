"""Forms of the LKjIP pages: they parse; ``laporan.services`` decides."""

from __future__ import annotations

from django import forms

from laporan import narasi as narasi_mod
from laporan.models import BasisEfisiensi


def _versi():
    """The row_version the page showed (sakip.versi): a save based on an older one is refused
    instead of overwriting what someone else saved meanwhile."""
    return forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


class NarasiForm(forms.Form):
    """Every editable section of one LKjIP, plus the report settings.

    Fields for the sasaran are added per sasaran: ``s<ID>_<kunci>``.
    """

    tempat = forms.CharField(label="Tempat penandatanganan", max_length=100, required=False)
    tanggal = forms.DateField(
        label="Tanggal laporan", required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Tanggal laporan tidak valid; isi seperti 2025-01-21."},
    )
    basis_efisiensi = forms.ChoiceField(
        label="Basis anggaran efisiensi", choices=BasisEfisiensi.choices,
        help_text="Bawaan: anggaran program pendukung sasaran dalam PK (domain §3 aturan 2). "
                  "Seluruh anggaran perangkat daerah memunculkan peringatan draf.",
    )
    ikhtisar_eksekutif = forms.BooleanField(label="Sertakan Ikhtisar Eksekutif", required=False)
    row_version = _versi()

    def __init__(self, *args, sasaran=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.bagian = []
        for b in narasi_mod.BAGIAN:
            self.fields[b.kunci] = forms.CharField(
                label=b.judul, required=False, max_length=narasi_mod.MAKS_PANJANG,
                help_text=b.bantuan, widget=forms.Textarea(attrs={"rows": b.baris}),
            )
            self.bagian.append(b.kunci)
        self.sasaran = []
        for s in sasaran:
            kunci = []
            for b in narasi_mod.BAGIAN_SASARAN:
                nama = f"s{s.id}_{b.kunci}"
                self.fields[nama] = forms.CharField(
                    label=b.judul, required=False, max_length=narasi_mod.MAKS_PANJANG,
                    help_text=b.bantuan, widget=forms.Textarea(attrs={"rows": b.baris}),
                )
                kunci.append(nama)
            self.sasaran.append((s, kunci))

    @classmethod
    def initial_dari(cls, laporan, sasaran) -> dict:
        n = dict(laporan.narasi or {})
        initial = {k: n.get(k, "") for k in narasi_mod.KUNCI}
        initial.update(tempat=n.get("tempat") or laporan.perangkat_daerah.tempat,
                       tanggal=n.get("tanggal") or None, row_version=laporan.row_version,
                       basis_efisiensi=laporan.basis_efisiensi,
                       ikhtisar_eksekutif=laporan.ikhtisar_eksekutif)
        per = n.get("sasaran") or {}
        for s in sasaran:
            for b in narasi_mod.BAGIAN_SASARAN:
                initial[f"s{s.id}_{b.kunci}"] = (per.get(str(s.id)) or {}).get(b.kunci, "")
        return initial

    def narasi(self) -> dict:
        c = self.cleaned_data
        out = {k: c.get(k, "") for k in self.bagian}
        out["tempat"] = c.get("tempat", "")
        out["tanggal"] = c["tanggal"].isoformat() if c.get("tanggal") else ""
        out["sasaran"] = {
            str(s.id): {nama.split("_", 1)[1]: c.get(nama, "") for nama in kunci}
            for s, kunci in self.sasaran
        }
        return out

    def bidang_sasaran(self):
        """(sasaran, [bound fields]) for the template."""
        return [(s, [self[nama] for nama in kunci]) for s, kunci in self.sasaran]

    def bidang_umum(self):
        return [self[k] for k in self.bagian]


class ReviuForm(forms.Form):
    row_version = _versi()
    reviu_nomor = forms.CharField(
        label="Nomor Laporan Hasil Reviu (LHR)", max_length=100,
        error_messages={"required": "Nomor LHR wajib diisi."},
    )
    reviu_tanggal = forms.DateField(
        label="Tanggal LHR", widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Tanggal LHR wajib diisi.",
                        "invalid": "Tanggal LHR tidak valid; isi seperti 2025-02-10."},
    )
    reviu_catatan = forms.CharField(
        label="Catatan reviu", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000,
        error_messages={"required": "Catatan reviu wajib diisi."},
    )


class TetapkanForm(forms.Form):
    tanggal_penetapan = forms.DateField(
        label="Tanggal penetapan", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Tanggal penetapan tidak valid."},
    )
    setuju = forms.BooleanField(
        label="Saya telah membaca laporan ini dan menetapkannya.",
        error_messages={"required": "Centang pernyataan penetapan terlebih dahulu."},
    )
