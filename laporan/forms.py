"""Forms of the LKjIP pages: they parse; ``laporan.services`` decides."""

from __future__ import annotations

from django import forms

from laporan import narasi as narasi_mod
from laporan.models import BasisEfisiensi
from sakip.forms import AngkaField, TanggalInput


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
        widget=TanggalInput(),
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
        self._tambah_per_objek(sasaran)
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

    def _tambah_per_objek(self, sasaran) -> None:
        """Kendala and tindak lanjut fields per indicator (``i<ID>_<kunci>``) and per
        supporting program without indicators (``p<ID>_kendala``), grouped by sasaran."""
        self.per_objek = []  # (judul, [field names])
        dilihat: set[str] = set()
        for s in sasaran:
            objek = [("i", il, f"Indikator: {il.uraian}", narasi_mod.BAGIAN_INDIKATOR)
                     for il in list(s.indikator) + [il for p in s.program for il in p.indikator]]
            objek += [("p", p, f"Program tanpa indikator: {p.nama}", narasi_mod.BAGIAN_PROGRAM)
                      for p in s.program if not p.indikator]
            for awalan, o, judul, bagian in objek:
                if f"{awalan}{o.id}" in dilihat:
                    continue
                dilihat.add(f"{awalan}{o.id}")
                nama_list = []
                for b in bagian:
                    nama = f"{awalan}{o.id}_{b.kunci}"
                    self.fields[nama] = forms.CharField(
                        label=b.judul, required=False, max_length=narasi_mod.MAKS_PANJANG,
                        widget=forms.Textarea(attrs={"rows": b.baris}))
                    nama_list.append(nama)
                capaian = getattr(o, "capaian", None)
                self.per_objek.append((judul, capaian, nama_list))

    @staticmethod
    def _initial_per_objek(n: dict, sasaran) -> dict:
        out = {}
        for s in sasaran:
            for il in list(s.indikator) + [il for p in s.program for il in p.indikator]:
                per = (n.get("indikator") or {}).get(str(il.id)) or {}
                for b in narasi_mod.BAGIAN_INDIKATOR:
                    out[f"i{il.id}_{b.kunci}"] = per.get(b.kunci, "")
            for p in s.program:
                per = (n.get("program") or {}).get(str(p.id)) or {}
                out[f"p{p.id}_kendala"] = per.get("kendala", "")
        return out

    def bidang_per_objek(self):
        return [(judul, capaian, [self[n] for n in nama])
                for judul, capaian, nama in self.per_objek]

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
        initial.update(cls._initial_per_objek(n, sasaran))
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
        for _judul, _capaian, nama_list in self.per_objek:
            for nama in nama_list:
                kode, kunci = nama.split("_", 1)
                kelompok = "indikator" if kode[0] == "i" else "program"
                out.setdefault(kelompok, {}).setdefault(kode[1:], {})[kunci] = c.get(nama, "")
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
        label="Tanggal LHR", widget=TanggalInput(),
        error_messages={"required": "Tanggal LHR wajib diisi.",
                        "invalid": "Tanggal LHR tidak valid; isi seperti 2025-02-10."},
    )
    reviu_catatan = forms.CharField(
        label="Catatan reviu", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000,
        error_messages={"required": "Catatan reviu wajib diisi."},
    )


class TetapkanForm(forms.Form):
    # Required: a blank date once recorded the day of the click as the penetapan date.
    tanggal_penetapan = forms.DateField(
        label="Tanggal penetapan", widget=TanggalInput(),
        error_messages={"required": "Tanggal penetapan wajib diisi.",
                        "invalid": "Tanggal penetapan tidak valid."},
    )
    setuju = forms.BooleanField(
        label="Saya telah membaca laporan ini dan menetapkannya.",
        error_messages={"required": "Centang pernyataan penetapan terlebih dahulu."},
    )


class CapaianTerbitForm(forms.Form):
    """One earlier year's capaian as published (value, source document, note)."""

    indikator = forms.TypedChoiceField(label="Indikator", coerce=int)
    tahun = forms.TypedChoiceField(label="Tahun", coerce=int)
    capaian = AngkaField(label="Capaian terbit (%)", required=True,
                         error_messages={"required": "Capaian terbit wajib diisi."})
    target = AngkaField(label="Target terbit", required=False)
    realisasi = AngkaField(label="Realisasi terbit", required=False)
    sumber = forms.CharField(label="Sumber (dokumen, nomor, tabel)", max_length=200,
                             error_messages={"required": "Sumber wajib diisi."})
    catatan = forms.CharField(label="Catatan", required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, indikator=(), tahun=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indikator"].choices = [(il.id, il.uraian) for il in indikator]
        self.fields["tahun"].choices = [(t, str(t)) for t in tahun]
