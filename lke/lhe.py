"""The Laporan Hasil Evaluasi (LHE) as a document: HTML for the page, PDF with WeasyPrint.

House style of the PK and LKjIP PDFs (serif body, kop with the pemda, bordered data tables,
signature block): number, date, the office, scores per komponen beside the previous year's LHE
("—" when there is none), total, predikat with its interpretation (domain.md §4.3), findings and
recommendations with due dates, and the signature of the Inspektur (the Kepala of the pemda's
Inspektorat office in Pengaturan kantor › Pejabat) or, when none is recorded, the ketua tim.

An LHE of two or three pages lays out in about a second, so :func:`lhe_bekukan` runs right after
closing, inside the request, and keeps the PDF with its sha256 on the HasilEvaluasi: the signed
document never changes afterwards. A not yet closed evaluation prints as a DRAF from its
worksheet (``lke --format pdf`` on an open evaluation).
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string

from kinerja.rumus import PREDIKAT_AKIP, predikat_akip
from lke.models import Evaluasi, HasilEvaluasi
from lke.selectors import evaluasi_tree, hasil_lhe
from sakip import audit
from sakip.kantor.selectors import hari_ini, pejabat_penandatangan
from sakip.models import JejakAudit, PerangkatDaerah
from sakip.pdf import dokumen_html

KOSONG = "—"


@dataclass(frozen=True)
class BarisKomponen:
    kode: str
    nama: str
    bobot: Decimal
    nilai: Decimal | None
    nilai_lalu: Decimal | None

    @property
    def selisih(self) -> Decimal | None:
        if self.nilai is None or self.nilai_lalu is None:
            return None
        return self.nilai - self.nilai_lalu


@dataclass(frozen=True)
class Penandatangan:
    jabatan: str
    nama: str
    nip: str = ""
    pangkat: str = ""


@dataclass
class DokumenLhe:
    pd: PerangkatDaerah
    tahun: int
    nomor: str
    tanggal: datetime.date | None
    draf: bool
    versi_template: str
    komponen: list[BarisKomponen]
    nilai: Decimal | None
    predikat: str
    interpretasi: str
    nilai_lalu: Decimal | None
    predikat_lalu: str
    simpulan: str
    rekomendasi: list = field(default_factory=list)
    ttd: Penandatangan | None = None
    skala = PREDIKAT_AKIP

    @property
    def regulasi(self) -> str:
        """``88/2021`` of ``88/2021 rev. 1``: the signed text names the regulation's worksheet,
        not the internal revision of its template file."""
        return self.versi_template.split(" rev.")[0]

    @property
    def selisih(self) -> Decimal | None:
        if self.nilai is None or self.nilai_lalu is None:
            return None
        return self.nilai - self.nilai_lalu


def _interpretasi(predikat: str) -> str:
    return next((b.interpretasi for b in PREDIKAT_AKIP if b.kode == predikat), "")


def _inspektur(pd: PerangkatDaerah, tanggal: datetime.date | None) -> Penandatangan | None:
    """The Inspektur on the LHE date: the Kepala of the pemda's Inspektorat office when the
    pemda keeps it as a perangkat daerah with its officials recorded."""
    inspektorat = (PerangkatDaerah.objects.filter(pemda_id=pd.pemda_id,
                                                  nama__istartswith="Inspektorat")
                   .exclude(pk=pd.pk).first())
    if inspektorat is None:
        return None
    kepala = pejabat_penandatangan(inspektorat, tanggal or hari_ini()).kepala
    if kepala is None or not kepala.nama:
        return None
    return Penandatangan(jabatan=kepala.jabatan or "Inspektur", nama=kepala.nama,
                         nip=kepala.nip or "", pangkat=kepala.pangkat or "")


def _ttd(evaluasi: Evaluasi | None, pd, tanggal) -> Penandatangan | None:
    orang = _inspektur(pd, tanggal)
    if orang is not None:
        return orang
    ketua = evaluasi.ketua_tim if evaluasi is not None else None
    if ketua is None and evaluasi is not None:
        ketua = evaluasi.ditutup_oleh
    if ketua is None:
        return None
    return Penandatangan(jabatan="Ketua Tim Evaluasi",
                         nama=ketua.get_full_name() or ketua.username)


def _lalu(pd, tahun: int) -> tuple[dict[str, Decimal], Decimal | None, str]:
    lalu = hasil_lhe(pd, tahun - 1)
    if lalu is None:
        return {}, None, ""
    return {k.kode: k.nilai for k in lalu.komponen_set.all()}, lalu.nilai, lalu.predikat


def dokumen_hasil(hasil: HasilEvaluasi) -> DokumenLhe:
    pd = hasil.perangkat_daerah
    per_kode, nilai_lalu, predikat_lalu = _lalu(pd, hasil.tahun)
    komponen = [BarisKomponen(k.kode, k.nama, k.bobot, k.nilai, per_kode.get(k.kode))
                for k in hasil.komponen_set.all()]
    return DokumenLhe(
        pd=pd, tahun=hasil.tahun, nomor=hasil.nomor, tanggal=hasil.tanggal, draf=False,
        versi_template=hasil.versi_template, komponen=komponen, nilai=hasil.nilai,
        predikat=hasil.predikat, interpretasi=_interpretasi(hasil.predikat),
        nilai_lalu=nilai_lalu, predikat_lalu=predikat_lalu, simpulan=hasil.simpulan,
        rekomendasi=list(hasil.rekomendasi_set.all()),
        ttd=_ttd(hasil.evaluasi, pd, hasil.tanggal))


def dokumen_draf(evaluasi: Evaluasi) -> DokumenLhe:
    """An open evaluation printed from its worksheet (evaluator's side), marked DRAF."""
    pd = evaluasi.perangkat_daerah
    pohon = evaluasi_tree(evaluasi)
    per_kode, nilai_lalu, predikat_lalu = _lalu(pd, evaluasi.tahun)
    komponen = [BarisKomponen(kp.komponen.kode, kp.komponen.nama, kp.komponen.bobot,
                              kp.nilai_evaluasi, per_kode.get(kp.komponen.kode))
                for kp in pohon.komponen]
    predikat = predikat_akip(pohon.nilai_evaluasi)
    return DokumenLhe(
        pd=pd, tahun=evaluasi.tahun, nomor="", tanggal=None, draf=True,
        versi_template=f"{evaluasi.template.versi} rev. {evaluasi.template.revisi}",
        komponen=komponen, nilai=pohon.nilai_evaluasi,
        predikat=predikat.kode if predikat else "",
        interpretasi=predikat.interpretasi if predikat else "",
        nilai_lalu=nilai_lalu, predikat_lalu=predikat_lalu, simpulan="",
        ttd=_ttd(evaluasi, pd, None))


def dokumen_lhe(evaluasi_or_hasil: Evaluasi | HasilEvaluasi) -> DokumenLhe:
    if isinstance(evaluasi_or_hasil, HasilEvaluasi):
        return dokumen_hasil(evaluasi_or_hasil)
    hasil = hasil_lhe(evaluasi_or_hasil.perangkat_daerah, evaluasi_or_hasil.tahun)
    if hasil is not None and hasil.evaluasi_id == evaluasi_or_hasil.pk:
        return dokumen_hasil(hasil)
    return dokumen_draf(evaluasi_or_hasil)


def lhe_html(evaluasi_or_hasil: Evaluasi | HasilEvaluasi) -> str:
    return render_to_string("lke/lhe_pdf.html", {"dok": dokumen_lhe(evaluasi_or_hasil),
                                                  "kosong": KOSONG})


def _pdf(html: str) -> bytes:
    return dokumen_html(html).write_pdf()


def lhe_pdf(evaluasi_or_hasil: Evaluasi | HasilEvaluasi) -> bytes:
    """The LHE as PDF bytes: the frozen file of a closed evaluation when one is kept, else
    freshly laid out (a draft for an open evaluation)."""
    hasil = evaluasi_or_hasil if isinstance(evaluasi_or_hasil, HasilEvaluasi) else None
    if hasil is None:
        hasil = getattr(evaluasi_or_hasil, "hasil", None) if evaluasi_or_hasil.ditutup else None
    if hasil is not None and hasil.pdf:
        with hasil.pdf.open("rb") as f:
            return f.read()
    return _pdf(lhe_html(hasil or evaluasi_or_hasil))


def nama_berkas(hasil_or_evaluasi) -> str:
    return f"LHE-{hasil_or_evaluasi.tahun}-{hasil_or_evaluasi.perangkat_daerah.slug}.pdf"


@transaction.atomic
def lhe_bekukan(hasil: HasilEvaluasi, user=None) -> HasilEvaluasi:
    """Lay out the LHE once and keep it with its sha256 on the result (the signed copy)."""
    obj = HasilEvaluasi.objects.select_for_update().get(pk=hasil.pk)
    if obj.pdf:
        return obj
    isi = _pdf(lhe_html(hasil))
    obj.pdf.save(nama_berkas(obj), ContentFile(isi), save=False)
    obj.pdf_sha256 = hashlib.sha256(isi).hexdigest()
    obj.row_version += 1
    obj.save(update_fields=["pdf", "pdf_sha256", "row_version"])
    audit.catat(user=user, obj=obj, aksi=JejakAudit.Aksi.UBAH, field="pdf",
                baru=obj.pdf_sha256, perangkat_daerah=obj.perangkat_daerah,
                alasan="LHE (PDF) dibekukan")
    return obj
