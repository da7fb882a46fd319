"""The Perjanjian Kinerja document: one data builder for the detail page and the PDF.

Layout (PermenPAN-RB 53/2014, domain.md §1.2): page 1 the statement (title, opening sentence,
Pihak Pertama/Kedua, the two commitment paragraphs, place and date, signatures — Pihak Kedua
left, Pihak Pertama right — with name, pangkat and NIP, from ``pk_pihak``: the PK's own or the
officials in office on its date); then the lampiran for the PK's jenjang:
Table A (sasaran, indikator, target with TW I–IV) and Table B (program/kegiatan/sub kegiatan
with Anggaran (Rp) and the total).

A PK is 2–3 pages, so it is rendered inside the request (measured in bench/bench_pk.py), unlike
the LKjIP (design.md: 34 pages ≈ 14 s, queued).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.template.loader import render_to_string

from kinerja.models import Jenjang, PerjanjianKinerja, PKAnggaran, PKIndikator
from kinerja.pk.selectors import PihakPK, pk_pihak
from sakip.pdf import dokumen_html

# Table A / Table B headings per jenjang (domain.md §1.2 lampiran).
KOLOM = {
    Jenjang.JPT_PRATAMA: ("Sasaran Strategis", "Program"),
    Jenjang.ADMINISTRATOR: ("Sasaran Program", "Kegiatan"),
    Jenjang.PENGAWAS: ("Sasaran Kegiatan", "Sub Kegiatan"),
}


@dataclass
class GrupSasaran:
    label: str
    baris: list[PKIndikator] = field(default_factory=list)


@dataclass
class DokumenPK:
    pk: PerjanjianKinerja
    kolom_sasaran: str
    kolom_anggaran: str
    grup: list[GrupSasaran]
    anggaran: list[PKAnggaran]
    versi: list[PerjanjianKinerja]
    # The two parties as printed (the PK's own, else the officials on its date) and what a
    # draft still lacks ("Perlu dilengkapi: …"); penetapan is refused while it lacks anything.
    pihak: PihakPK

    @property
    def pd(self):
        return self.pk.perangkat_daerah

    @property
    def total_anggaran(self) -> Decimal | None:
        if not self.anggaran:
            return None
        return sum((a.anggaran for a in self.anggaran), Decimal(0))

    @property
    def desimal_rupiah(self) -> int:
        # Rupiah are printed without sen unless a source supplied them (domain.md §8.1).
        return 2 if any(a.anggaran != a.anggaran.to_integral_value() for a in self.anggaran) else 0

    @property
    def baris(self) -> list[PKIndikator]:
        return [line for g in self.grup for line in g.baris]

    @property
    def nomor_perubahan(self) -> int:
        return self.pk.versi - 1


def label_sasaran(line: PKIndikator) -> str:
    """The "Sasaran …" cell of Table A: the sasaran for JPT Pratama, the outcome (or the program)
    for Administrator, the output (or the kegiatan/sub kegiatan) for Pengawas."""
    ind = line.indikator
    if ind.sasaran_id:
        return ind.sasaran.uraian
    if ind.tujuan_id:
        return ind.tujuan.uraian
    if ind.keluaran:
        return ind.keluaran
    pemilik = ind.program or ind.kegiatan or ind.subkegiatan
    return pemilik.nama if pemilik else ""


def data_pk(pk: PerjanjianKinerja) -> DokumenPK:
    """Everything the page and the PDF show, in a fixed number of queries (5)."""
    pk = (PerjanjianKinerja.objects
          .select_related("perangkat_daerah__pemda", "bidang", "ditetapkan_oleh", "sebelumnya")
          .get(pk=pk.pk))
    lines = list(
        PKIndikator.objects.filter(perjanjian=pk)
        .select_related("indikator__sasaran", "indikator__tujuan", "indikator__program",
                        "indikator__kegiatan", "indikator__subkegiatan")
        .annotate(jumlah_realisasi=Count("realisasi_set"))
        .order_by("urutan", "id")
    )
    grup: list[GrupSasaran] = []
    for line in lines:
        label = label_sasaran(line)
        if not grup or grup[-1].label != label:
            grup.append(GrupSasaran(label))
        grup[-1].baris.append(line)
    anggaran = list(
        PKAnggaran.objects.filter(perjanjian=pk)
        .select_related("program", "kegiatan", "subkegiatan").order_by("urutan", "id")
    )
    versi = list(
        PerjanjianKinerja.objects.filter(
            perangkat_daerah=pk.perangkat_daerah, tahun=pk.tahun, jenjang=pk.jenjang,
            bidang=pk.bidang,
        ).select_related("ditetapkan_oleh", "dibuat_oleh").order_by("versi")
    )
    kolom_sasaran, kolom_anggaran = KOLOM[pk.jenjang]
    return DokumenPK(pk=pk, kolom_sasaran=kolom_sasaran, kolom_anggaran=kolom_anggaran,
                     grup=grup, anggaran=anggaran, versi=versi, pihak=pk_pihak(pk))


def render_html(dok: DokumenPK) -> str:
    return render_to_string("kinerja/pk_pdf.html", {"dok": dok, "pk": dok.pk, "pd": dok.pd})


def render_pdf(pk: PerjanjianKinerja) -> bytes:
    html = render_html(data_pk(pk))
    return dokumen_html(html).write_pdf()


def nama_berkas(pk: PerjanjianKinerja) -> str:
    bagian = [f"PK-{pk.tahun}", pk.perangkat_daerah.slug, pk.jenjang.replace("_", "-")]
    if pk.bidang_id:
        bagian.append(f"bidang{pk.bidang_id}")
    bagian.append(f"v{pk.versi}")
    return "-".join(bagian) + ".pdf"
