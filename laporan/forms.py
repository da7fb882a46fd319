"""Forms of the LKjIP pages: they parse; ``laporan.services`` decides."""

from __future__ import annotations

import re

from django import forms

from kinerja import rumus
from laporan import narasi as narasi_mod
from laporan.models import KATEGORI_PEGAWAI_BAWAAN, BasisEfisiensi, KelompokPegawai
from sakip.forms import AngkaField, TanggalInput


def _versi():
    """The row_version the page showed (sakip.versi): a save based on an older one is refused
    instead of overwriting what someone else saved meanwhile."""
    return forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


_RE_PER_OBJEK = re.compile(r"^([a-z]+)(\d+)_(.+)$")
_KELOMPOK_PER_OBJEK = {"i": "indikator", "p": "program", "sp": "serapan_program",
                       "sk": "serapan_kegiatan"}


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
        help_text="Bawaan: anggaran program pendukung sasaran dalam PK. "
                  "Seluruh anggaran perangkat daerah memunculkan peringatan draf.",
    )
    ikhtisar_eksekutif = forms.BooleanField(label="Sertakan Ikhtisar Eksekutif", required=False)
    row_version = _versi()
    batas_serapan = rumus.BATAS_SERAPAN_RENDAH

    def __init__(self, *args, sasaran=(), program=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._tambah_per_objek(sasaran)
        self._tambah_serapan(program)
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

    def _tambah_serapan(self, program) -> None:
        """Kendala and tindak lanjut per program (``sp<ID>_<kunci>``) and kegiatan
        (``sk<ID>_<kunci>``) whose serapan is low (``kinerja.rumus.serapan_rendah``)."""
        self.per_serapan = []  # (judul, serapan, [field names])
        for p in program:
            objek = [("sp", p, f"Program {p.kode} {p.nama}")]
            objek += [("sk", k, f"Kegiatan {k.kode} {k.nama}") for k in p.kegiatan]
            for awalan, o, judul in objek:
                if not rumus.serapan_rendah(o.serapan):
                    continue
                nama_list = []
                for b in narasi_mod.BAGIAN_INDIKATOR:
                    nama = f"{awalan}{o.id}_{b.kunci}"
                    self.fields[nama] = forms.CharField(
                        label=b.judul, required=False, max_length=narasi_mod.MAKS_PANJANG,
                        widget=forms.Textarea(attrs={"rows": b.baris}))
                    nama_list.append(nama)
                self.per_serapan.append((judul, o.serapan, nama_list))

    def bidang_serapan(self):
        return [(judul, serapan, [self[n] for n in nama])
                for judul, serapan, nama in self.per_serapan]

    @staticmethod
    def _initial_serapan(n: dict, program) -> dict:
        out = {}
        for p in program:
            for awalan, kelompok, o in [("sp", "serapan_program", p)] + [
                    ("sk", "serapan_kegiatan", k) for k in p.kegiatan]:
                per = (n.get(kelompok) or {}).get(str(o.id)) or {}
                for b in narasi_mod.BAGIAN_INDIKATOR:
                    out[f"{awalan}{o.id}_{b.kunci}"] = per.get(b.kunci, "")
        return out

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
    def initial_dari(cls, laporan, sasaran, program=()) -> dict:
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
        initial.update(cls._initial_serapan(n, program))
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
        for _judul, _nilai, nama_list in self.per_objek + self.per_serapan:
            for nama in nama_list:
                awalan, oid, kunci = _RE_PER_OBJEK.match(nama).groups()
                out.setdefault(_KELOMPOK_PER_OBJEK[awalan], {}).setdefault(oid, {})[kunci] = (
                    c.get(nama, ""))
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


class KepegawaianBarisForm(forms.Form):
    """One row of the staffing table: a category of a kelompok and its head count. A row
    without a number is not stored (an unknown count is not 0)."""

    kelompok = forms.ChoiceField(label="Kelompok", choices=KelompokPegawai.choices)
    kategori = forms.CharField(label="Kategori", max_length=40, required=False)
    jumlah = forms.IntegerField(label="Jumlah (orang)", min_value=0, required=False,
                                widget=forms.NumberInput(attrs={"inputmode": "numeric"}))

    def clean(self):
        c = super().clean()
        if c.get("jumlah") is not None and not (c.get("kategori") or "").strip():
            self.add_error("kategori", "Isi kategorinya, mis. III atau S1/D4.")
        return c


KepegawaianFormSet = forms.formset_factory(KepegawaianBarisForm, extra=4, max_num=60,
                                           validate_max=True)


def kepegawaian_initial(rows) -> list[dict]:
    """The stored rows, else the customary categories with empty counts to fill in."""
    if rows:
        return [{"kelompok": r.kelompok, "kategori": r.kategori, "jumlah": r.jumlah}
                for r in rows]
    return [{"kelompok": k, "kategori": kategori, "jumlah": None}
            for k, daftar in KATEGORI_PEGAWAI_BAWAAN.items() for kategori in daftar]


def kepegawaian_baris(formset) -> list[dict]:
    """The filled rows of a valid formset, in page order (rows without a count are left out)."""
    return [{"kelompok": f.cleaned_data["kelompok"],
             "kategori": f.cleaned_data["kategori"].strip(),
             "jumlah": f.cleaned_data["jumlah"]}
            for f in formset.forms
            if f.cleaned_data and f.cleaned_data.get("jumlah") is not None]
