"""Reads behind the follow-up of LHE recommendations, the dashboards' open follow-ups and the
Inspektorat's pemda overview of one year's evaluations.

Every read here takes a fixed number of queries whatever the number of offices, recommendations
or criteria (tests/lke/test_ikhtisar_*.py, bench/bench_lke.py): rows are fetched once per table
and joined in Python; scores are computed with the pure rules of ``kinerja.rumus`` (domain.md
§4.2), the same ones the worksheet uses.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q

from kinerja.rumus import Predikat, jumlah_nilai, nilai_subkomponen, predikat_nilai_akhir
from lke.models import Evaluasi, HasilEvaluasi, Jawaban, Kriteria, Rekomendasi, TindakLanjut
from lke.selectors import rekomendasi_terbuka

# --- follow-up of recommendations -----------------------------------------------------------


def terlambat_hari(rek: Rekomendasi, hari_ini: datetime.date) -> int | None:
    """Days past the due date while the office still owes an answer (status TERBUKA). An
    answered item waits for the Inspektorat: the office is not late on it."""
    if rek.status != Rekomendasi.Status.TERBUKA or rek.batas_waktu is None:
        return None
    telat = (hari_ini - rek.batas_waktu).days
    return telat if telat > 0 else None


def _tandai(rows, hari_ini: datetime.date) -> list[Rekomendasi]:
    rows = list(rows)
    for r in rows:
        r.terlambat_hari = terlambat_hari(r, hari_ini)
    return rows


def rekomendasi_kantor(pd, hari_ini: datetime.date) -> list[Rekomendasi]:
    """Every recommendation of the office's LHEs (all years): open ones first, soonest due first,
    then the finished ones; each with ``terlambat_hari`` and its last follow-up counted."""
    urutan_status = {Rekomendasi.Status.TERBUKA: 0, Rekomendasi.Status.DIJAWAB: 1,
                     Rekomendasi.Status.SELESAI: 2}
    rows = (Rekomendasi.objects.filter(hasil__perangkat_daerah=pd)
            .select_related("hasil")
            .annotate(jumlah_tl=Count("tindak_lanjut_set"))
            .order_by(F("batas_waktu").asc(nulls_last=True), "-hasil__tahun", "nomor"))
    rows = _tandai(rows, hari_ini)
    rows.sort(key=lambda r: urutan_status.get(r.status, 9))  # stable: keeps the due-date order
    return rows


def rekomendasi_detail(pd, pk: int) -> Rekomendasi | None:
    """One recommendation of ``pd`` with its LHE and its whole follow-up history (answers and
    decisions, oldest first)."""
    tl = TindakLanjut.objects.select_related("dibuat_oleh", "diputus_oleh").order_by(
        "dibuat_pada", "id")
    return (Rekomendasi.objects.filter(pk=pk, hasil__perangkat_daerah=pd)
            .select_related("hasil", "hasil__perangkat_daerah")
            .prefetch_related(Prefetch("tindak_lanjut_set", queryset=tl)).first())


def tindak_lanjut_berkas(pd, pk: int) -> TindakLanjut | None:
    return (TindakLanjut.objects.filter(pk=pk, rekomendasi__hasil__perangkat_daerah=pd)
            .exclude(berkas="").first())


@dataclass
class TindakLanjutTerbuka:
    """What a dashboard shows of the open follow-ups of its offices."""

    jumlah: int
    terlambat: int
    daftar: list[Rekomendasi]

    @property
    def lainnya(self) -> int:
        return max(self.jumlah - len(self.daftar), 0)


def tindak_lanjut_terbuka(pd_ids, hari_ini: datetime.date, n: int = 8) -> TindakLanjutTerbuka:
    """Open follow-ups (not yet accepted) of the offices ``pd_ids``: their count, how many are
    overdue, and the ``n`` due soonest. Two queries whatever the number of offices."""
    qs = rekomendasi_terbuka(list(pd_ids))
    angka = qs.order_by().aggregate(
        jumlah=Count("id"),
        terlambat=Count("id", filter=Q(status=Rekomendasi.Status.TERBUKA,
                                       batas_waktu__lt=hari_ini)))
    return TindakLanjutTerbuka(angka["jumlah"], angka["terlambat"], _tandai(qs[:n], hari_ini))


# --- the pemda overview of one year's evaluations ----------------------------------------------

BELUM = "belum"  # no evaluation and no LHE for the year


@dataclass
class BarisIkhtisar:
    pd: object
    evaluasi: Evaluasi | None
    hasil: HasilEvaluasi | None
    hasil_lalu: HasilEvaluasi | None
    nilai_usulan: Decimal | None
    nilai_evaluasi: Decimal | None
    predikat: Predikat | str | None
    tindak_lanjut_terbuka: int

    @property
    def status(self) -> str:
        """belum / mandiri / evaluasi / ditutup (a paper LHE counts as ditutup)."""
        if self.evaluasi is not None:
            return self.evaluasi.status
        return Evaluasi.Status.DITUTUP if self.hasil is not None else BELUM

    @property
    def status_label(self) -> str:
        if self.evaluasi is None and self.hasil is not None:
            return "Ditutup (LHE dicatat)"
        if self.evaluasi is None:
            return "Belum dimulai"
        return self.evaluasi.get_status_display()

    @property
    def predikat_kode(self) -> str:
        return getattr(self.predikat, "kode", self.predikat) or ""


def _skor_evaluasi(evaluasi: list[Evaluasi]) -> dict[int, dict[str, Decimal | None]]:
    """Nilai usulan and nilai evaluasi of each evaluation from its answers: two queries (the
    criteria of the templates used, the answers of the evaluations), scored as the worksheet
    is (sub komponen = mean × bobot, total = Σ; domain.md §4.2)."""
    if not evaluasi:
        return {}
    kriteria = defaultdict(list)  # template id → [(kriteria id, sub id, sub bobot)]
    for kid, sid, bobot, tid in (Kriteria.objects.filter(
            subkomponen__komponen__template_id__in={e.template_id for e in evaluasi})
            .values_list("id", "subkomponen_id", "subkomponen__bobot",
                         "subkomponen__komponen__template_id")):
        kriteria[tid].append((kid, sid, bobot))
    nilai = defaultdict(dict)  # evaluasi id → kriteria id → (usulan, evaluasi)
    for eid, kid, nu, ne in (Jawaban.objects.filter(evaluasi__in=[e.pk for e in evaluasi])
                             .values_list("evaluasi_id", "kriteria_id", "nilai_usulan",
                                          "nilai_evaluasi")):
        nilai[eid][kid] = (nu, ne)
    hasil = {}
    for ev in evaluasi:
        jawaban = nilai.get(ev.pk, {})
        hasil[ev.pk] = {pihak: _total(kriteria[ev.template_id], jawaban, i)
                        for i, pihak in enumerate(("usulan", "evaluasi"))}
    return hasil


def _total(kriteria: list[tuple], jawaban: dict, sisi: int) -> Decimal | None:
    per_sub: dict[int, list] = defaultdict(list)
    bobot: dict[int, Decimal] = {}
    for kid, sid, b in kriteria:
        per_sub[sid].append(jawaban.get(kid, (None, None))[sisi])
        bobot[sid] = b
    return jumlah_nilai(nilai_subkomponen(v, bobot[sid]) for sid, v in per_sub.items())


def ikhtisar_pemda(pd_qs, tahun: int) -> list[BarisIkhtisar]:
    """One row per office for ``tahun``: status, nilai usulan and evaluasi, predikat, the
    previous year's LHE and the open follow-ups. Six queries whatever the number of offices."""
    pds = list(pd_qs.order_by("nama"))
    ids = [pd.pk for pd in pds]
    evaluasi = {e.perangkat_daerah_id: e for e in
                Evaluasi.objects.filter(perangkat_daerah_id__in=ids, tahun=tahun)}
    hasil = {(h.perangkat_daerah_id, h.tahun): h for h in HasilEvaluasi.objects.filter(
        perangkat_daerah_id__in=ids, tahun__in=[tahun, tahun - 1])}
    terbuka = dict(rekomendasi_terbuka(ids).order_by().values_list("hasil__perangkat_daerah_id")
                   .annotate(n=Count("id")).values_list("hasil__perangkat_daerah_id", "n"))
    skor = _skor_evaluasi(list(evaluasi.values()))
    rows = []
    for pd in pds:
        ev, h = evaluasi.get(pd.pk), hasil.get((pd.pk, tahun))
        s = skor.get(ev.pk, {}) if ev is not None else {}
        nilai_ev = h.nilai if h is not None else s.get("evaluasi")
        predikat = h.predikat if h is not None else predikat_nilai_akhir(nilai_ev)
        rows.append(BarisIkhtisar(pd, ev, h, hasil.get((pd.pk, tahun - 1)), s.get("usulan"),
                                  nilai_ev, predikat, terbuka.get(pd.pk, 0)))
    return rows


def ringkas_ikhtisar(rows: list[BarisIkhtisar]) -> dict[str, int]:
    """Offices per status, for the counts above the table."""
    hitung = {BELUM: 0, **{s.value: 0 for s in Evaluasi.Status}}
    for r in rows:
        hitung[r.status] += 1
    return hitung
