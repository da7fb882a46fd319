"""Reads of the Evaluasi AKIP: the template in force, the scored worksheet, the LHE results.

The worksheet (:func:`evaluasi_tree`) is read in a fixed number of queries whatever the number
of criteria (bench/bench_lke.py): the template's four levels, the answers and their evidence are
fetched once each and joined in Python, then scored with the pure rules of ``kinerja.rumus``
(domain.md §4.2). Scores stay unrounded; rounding is for display and export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import F, Prefetch, QuerySet

from kinerja.rumus import (
    Predikat,
    jumlah_nilai,
    melanggar_kerangka_logis,
    nilai_subkomponen,
    predikat_nilai_akhir,
    rata_rata,
)
from lke.models import (
    BuktiLke,
    Evaluasi,
    HasilEvaluasi,
    Jawaban,
    KerangkaLogis,
    Komponen,
    Kriteria,
    Rekomendasi,
    SubKomponen,
    TemplateLke,
    TindakLanjut,
)

PIHAK = ("usulan", "evaluasi")
# The national templates by the year they govern (PermenPAN-RB 88/2021 from 2021, 12/2015 before).
VERSI_88 = "88/2021"
VERSI_12 = "12/2015"
TAHUN_88 = 2021


def template_berlaku(pemda, tahun: int) -> TemplateLke | None:
    """The template an evaluation of ``tahun`` starts with: the pemda's own variant valid for
    the year (highest ``tahun_berlaku`` ≤ tahun, latest revisi), else the latest revisi of the
    national template of that year (88/2021 from 2021, 12/2015 before)."""
    if pemda is not None:
        varian = (TemplateLke.objects.filter(pemda=pemda, tahun_berlaku__lte=tahun)
                  .order_by("-tahun_berlaku", "-revisi").first())
        if varian is not None:
            return varian
    versi = VERSI_88 if tahun >= TAHUN_88 else VERSI_12
    return (TemplateLke.objects.filter(versi=versi, pemda__isnull=True)
            .order_by("-revisi").first())


# --- the scored worksheet ----------------------------------------------------------------------

class Pelanggaran(NamedTuple):
    """A kerangka-logis violation of one side (``pihak`` "usulan" or "evaluasi")."""

    kriteria_kode: str
    pihak: str
    pesan: str

    @property
    def teks(self) -> str:
        """"A.3.2: SALAH — …": the line the close refusal and the exports show."""
        return f"{self.kriteria_kode}: {self.pesan}"


@dataclass
class KriteriaPohon:
    kriteria: Kriteria
    jawaban: Jawaban | None
    bukti: list[BuktiLke]
    kerangka_logis: list[KerangkaLogis]
    pelanggaran: dict[str, list[Pelanggaran]] = field(default_factory=dict)

    def nilai(self, pihak: str) -> Decimal | None:
        return getattr(self.jawaban, f"nilai_{pihak}", None) if self.jawaban else None

    def jawaban_teks(self, pihak: str) -> str:
        return getattr(self.jawaban, f"jawaban_{pihak}", "") if self.jawaban else ""

    @property
    def nilai_usulan(self) -> Decimal | None:
        return self.nilai("usulan")

    @property
    def nilai_evaluasi(self) -> Decimal | None:
        return self.nilai("evaluasi")

    @property
    def pelanggaran_usulan(self) -> list[Pelanggaran]:
        return self.pelanggaran.get("usulan", [])

    @property
    def pelanggaran_evaluasi(self) -> list[Pelanggaran]:
        return self.pelanggaran.get("evaluasi", [])


@dataclass
class SubKomponenPohon:
    subkomponen: SubKomponen
    kriteria: list[KriteriaPohon]
    nilai_usulan: Decimal | None = None
    nilai_evaluasi: Decimal | None = None

    def rata(self, pihak: str) -> Decimal | None:
        return rata_rata(k.nilai(pihak) for k in self.kriteria)


@dataclass
class KomponenPohon:
    komponen: Komponen
    subkomponen: list[SubKomponenPohon]
    nilai_usulan: Decimal | None = None
    nilai_evaluasi: Decimal | None = None


@dataclass
class PohonLke:
    evaluasi: Evaluasi
    template: TemplateLke
    komponen: list[KomponenPohon]
    nilai_usulan: Decimal | None = None
    nilai_evaluasi: Decimal | None = None
    predikat_usulan: Predikat | None = None
    predikat_evaluasi: Predikat | None = None
    pelanggaran_usulan: list[Pelanggaran] = field(default_factory=list)
    pelanggaran_evaluasi: list[Pelanggaran] = field(default_factory=list)

    def semua_kriteria(self) -> list[KriteriaPohon]:
        return [k for kp in self.komponen for sp in kp.subkomponen for k in sp.kriteria]

    def belum_dijawab(self, pihak: str) -> list[str]:
        """Codes of the criteria without a value on ``pihak``."""
        return [k.kriteria.kode for k in self.semua_kriteria() if k.nilai(pihak) is None]


@dataclass
class Struktur:
    """A template's rows, each fetched once (4 queries) and linked in memory: the per-object
    querysets of nested prefetches cost more than the queries themselves at 200 criteria."""

    komponen: list[Komponen]
    sub: dict[int, list[SubKomponen]]  # komponen id → its sub komponen
    kriteria: dict[int, list[Kriteria]]  # sub komponen id → its criteria
    kerangka: dict[int, list[KerangkaLogis]]  # kriteria id → its rules


def _kelompok(rows, kunci: str) -> dict[int, list]:
    hasil: dict[int, list] = {}
    for r in rows:
        hasil.setdefault(getattr(r, kunci), []).append(r)
    return hasil


def struktur_template(template: TemplateLke) -> Struktur:
    """Komponen → sub komponen → kriteria (+ kerangka logis) of a template in 4 queries, with
    every parent and reference link set from memory (no lazy query afterwards)."""
    komponen = list(Komponen.objects.filter(template=template))
    for k in komponen:
        k.template = template
    per_k = {k.pk: k for k in komponen}
    subs = list(SubKomponen.objects.filter(komponen__template=template))
    for s in subs:
        s.komponen = per_k[s.komponen_id]
    per_s = {s.pk: s for s in subs}
    kriteria = list(Kriteria.objects.filter(subkomponen__komponen__template=template))
    for kr in kriteria:
        kr.subkomponen = per_s[kr.subkomponen_id]
    per_kr = {kr.pk: kr for kr in kriteria}
    kerangka = list(KerangkaLogis.objects.filter(kriteria__subkomponen__komponen__template=template)
                    .order_by("id"))
    for kl in kerangka:
        kl.kriteria = per_kr[kl.kriteria_id]
        if kl.acuan_kriteria_id:
            kl.acuan_kriteria = per_kr[kl.acuan_kriteria_id]
        if kl.acuan_subkomponen_id:
            kl.acuan_subkomponen = per_s[kl.acuan_subkomponen_id]
    return Struktur(komponen, _kelompok(subs, "komponen_id"),
                    _kelompok(kriteria, "subkomponen_id"), _kelompok(kerangka, "kriteria_id"))


def _jawaban(evaluasi: Evaluasi) -> tuple[dict[int, Jawaban], dict[int, list[BuktiLke]]]:
    jawaban = {j.kriteria_id: j for j in
               Jawaban.objects.filter(evaluasi=evaluasi).select_related("diubah_oleh")}
    per_id = {j.pk: j for j in jawaban.values()}
    bukti = list(BuktiLke.objects.filter(jawaban__evaluasi=evaluasi)
                 .select_related("bukti_dukung", "renstra", "perjanjian"))
    for b in bukti:
        b.jawaban = per_id[b.jawaban_id]
    return jawaban, _kelompok(bukti, "jawaban_id")


def _periksa_kerangka(pohon: PohonLke, sub_by_id: dict[int, SubKomponenPohon],
                      krit_by_id: dict[int, KriteriaPohon]) -> None:
    for kp in pohon.semua_kriteria():
        for pihak in PIHAK:
            daftar = []
            for kl in kp.kerangka_logis:
                if kl.jenis == KerangkaLogis.Jenis.KRITERIA:
                    acuan = krit_by_id.get(kl.acuan_kriteria_id)
                    batas = acuan.nilai(pihak) if acuan else None
                else:
                    acuan_sub = sub_by_id.get(kl.acuan_subkomponen_id)
                    batas = acuan_sub.rata(pihak) if acuan_sub else None
                if melanggar_kerangka_logis(kp.nilai(pihak), batas):
                    daftar.append(Pelanggaran(kp.kriteria.kode, pihak, f"SALAH — {kl.pesan}"))
            kp.pelanggaran[pihak] = daftar
            getattr(pohon, f"pelanggaran_{pihak}").extend(daftar)


def _skor(pohon: PohonLke) -> None:
    for pihak in PIHAK:
        for kp in pohon.komponen:
            for sp in kp.subkomponen:
                setattr(sp, f"nilai_{pihak}",
                        nilai_subkomponen((k.nilai(pihak) for k in sp.kriteria),
                                          sp.subkomponen.bobot))
            setattr(kp, f"nilai_{pihak}",
                    jumlah_nilai(getattr(sp, f"nilai_{pihak}") for sp in kp.subkomponen))
        total = jumlah_nilai(getattr(kp, f"nilai_{pihak}") for kp in pohon.komponen)
        setattr(pohon, f"nilai_{pihak}", total)
        setattr(pohon, f"predikat_{pihak}", predikat_nilai_akhir(total))


def evaluasi_tree(evaluasi: Evaluasi) -> PohonLke:
    """The scored worksheet of one evaluation: 6 queries (+ 1 when ``evaluasi.template`` is not
    loaded yet) whatever the number of criteria."""
    template = evaluasi.template
    jawaban, bukti = _jawaban(evaluasi)
    st = struktur_template(template)
    sub_by_id: dict[int, SubKomponenPohon] = {}
    krit_by_id: dict[int, KriteriaPohon] = {}
    komponen = []
    for k in st.komponen:
        subs = []
        for s in st.sub.get(k.pk, []):
            kriteria = []
            for kr in st.kriteria.get(s.pk, []):
                j = jawaban.get(kr.pk)
                if j is not None:
                    j.kriteria, j.evaluasi = kr, evaluasi
                kp = KriteriaPohon(kr, j, bukti.get(j.pk, []) if j else [],
                                   st.kerangka.get(kr.pk, []))
                krit_by_id[kr.pk] = kp
                kriteria.append(kp)
            sp = SubKomponenPohon(s, kriteria)
            sub_by_id[s.pk] = sp
            subs.append(sp)
        komponen.append(KomponenPohon(k, subs))
    pohon = PohonLke(evaluasi, template, komponen)
    _skor(pohon)
    _periksa_kerangka(pohon, sub_by_id, krit_by_id)
    return pohon


def evaluasi_get(pd, tahun: int) -> Evaluasi | None:
    return (Evaluasi.objects.select_related("template", "perangkat_daerah", "ketua_tim")
            .filter(perangkat_daerah=pd, tahun=tahun).first())


# --- LHE results -------------------------------------------------------------------------------

def _hasil_qs() -> QuerySet[HasilEvaluasi]:
    rekom = Rekomendasi.objects.prefetch_related(
        Prefetch("tindak_lanjut_set", queryset=TindakLanjut.objects.select_related(
            "dibuat_oleh", "diputus_oleh")))
    return HasilEvaluasi.objects.select_related("perangkat_daerah", "evaluasi").prefetch_related(
        "komponen_set", Prefetch("rekomendasi_set", queryset=rekom))


def hasil_lhe(pd, tahun: int) -> HasilEvaluasi | None:
    """The LHE of ``pd`` for ``tahun`` (closed in the system or entered from paper) with its
    komponen scores, recommendations and their follow-up prefetched; None when there is none."""
    return _hasil_qs().filter(perangkat_daerah=pd, tahun=tahun).first()


def hasil_riwayat(pd, sampai_tahun: int, n: int = 3) -> list[HasilEvaluasi]:
    """The last ``n`` LHE results of ``pd`` up to ``sampai_tahun``, oldest first (the order of a
    comparison table such as Bekasi's Tabel 3.2)."""
    rows = list(_hasil_qs().filter(perangkat_daerah=pd, tahun__lte=sampai_tahun)
                .order_by("-tahun")[:n])
    return rows[::-1]


def rekomendasi_terbuka(pd_ids=None) -> QuerySet[Rekomendasi]:
    """Recommendations not yet accepted as done (terbuka or dijawab), soonest due first (no due
    date last), with their LHE and office."""
    qs = (Rekomendasi.objects.exclude(status=Rekomendasi.Status.SELESAI)
          .select_related("hasil", "hasil__perangkat_daerah")
          .order_by(F("batas_waktu").asc(nulls_last=True), "hasil__tahun", "hasil_id", "nomor"))
    if pd_ids is not None:
        qs = qs.filter(hasil__perangkat_daerah_id__in=list(pd_ids))
    return qs
