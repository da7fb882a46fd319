"""Suggestions for LKE answers from the system's own data (the Renstra, PK, realisasi, IKU and
LKjIP the office already entered): the data and its dates are shown next to the criterion with a
proposed answer, and the evaluator accepts it with a click ("Pakai saran") or overrides it — a
suggestion is never applied silently (``lke.services.jawaban_set(..., saran_diterima=True)``).

A criterion names its provider by the template's ``saran`` key (``lke.saran_kunci``). Each
provider is called once per page whatever the number of criteria sharing its key, and reads its
data in one or two queries, so the worksheet stays in a fixed number of queries.

Providers that need the LKjIP (ditetapkan on time, efisiensi computed) live in
``laporan/saran_lke.py``: ``laporan`` sits above ``lke`` in the layers (the LKjIP reads the LHE),
so ``lke`` must not import it; ``laporan.apps.LaporanConfig.ready`` registers them here with
:func:`daftarkan` instead.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from kinerja.models import Jenjang, PerjanjianKinerja, Realisasi
from lke.models import Kriteria, TipeJawaban
from renstra.models import Indikator, Renstra
from sakip.lib.angka import format_angka
from sakip.lib.periode import format_tanggal

# Deadline of the PK: signed at the start of the year, at the latest by the end of February
# (PermenPAN-RB 53/2014 as the LKE instrument checks it, "tepat waktu").
DASAR_PK = "PermenPAN-RB 53/2014"


@dataclass(frozen=True)
class Temuan:
    """What a provider found: lines of data with their dates, and the share of the criterion
    the data shows fulfilled (0..1), or None when the data cannot say (nothing proposed)."""

    data: list[str]
    terpenuhi: Decimal | None


@dataclass(frozen=True)
class Saran:
    kunci: str
    data: list[str]
    jawaban: str | None  # the proposed answer for this criterion's type; None = data only

    @property
    def alasan(self) -> str:
        """The audit reason recorded when the evaluator takes the suggestion."""
        return "Menerima saran dari data: " + "; ".join(self.data)


@dataclass
class KonteksSaran:
    """The office and year being evaluated; providers may keep what they read in ``simpan``."""

    pd: object
    tahun: int
    simpan: dict = field(default_factory=dict)


Penyedia = Callable[[KonteksSaran], Temuan | None]
_PENYEDIA: dict[str, Penyedia] = {}


def daftarkan(kunci: str, penyedia: Penyedia) -> None:
    """Register the provider of a ``saran`` key (upper layers call it from ``ready()``)."""
    _PENYEDIA[kunci] = penyedia


def penyedia(kunci: str) -> Penyedia | None:
    return _PENYEDIA.get(kunci)


# --- from answers to a proposal ---------------------------------------------------------------

# The A–E bands of the 88/2021 explanations (domain.md §4.2): a > 90 %, b > 75–90 %,
# c > 40–75 %, d > 10–40 %, e ≤ 10 %.
BAND_AE = ((Decimal("0.90"), "A"), (Decimal("0.75"), "B"), (Decimal("0.40"), "C"),
           (Decimal("0.10"), "D"))


def jawaban_ae(terpenuhi: Decimal) -> str:
    for batas, huruf in BAND_AE:
        if terpenuhi > batas:
            return huruf
    return "E"


def jawaban_untuk(kriteria: Kriteria, terpenuhi: Decimal | None) -> str | None:
    """The answer the data supports for this criterion's type. Y/T: "Y" when the data shows
    the criterion fulfilled as a band A or B would (> 75 %); custom answers: the highest option
    whose value the fulfilled share reaches."""
    if terpenuhi is None:
        return None
    if kriteria.tipe == TipeJawaban.YT:
        return "Y" if terpenuhi > Decimal("0.75") else "T"
    if kriteria.tipe == TipeJawaban.AE:
        return jawaban_ae(terpenuhi)
    pilihan = sorted(((Decimal(str(p["nilai"])), p["jawaban"]) for p in kriteria.pilihan or []),
                     reverse=True)
    return next((j for nilai, j in pilihan if terpenuhi >= nilai), None)


def saran_untuk(pd, tahun: int, kriteria_list) -> dict[int, Saran]:
    """Suggestions for every criterion of ``kriteria_list`` whose ``saran`` key has a provider,
    keyed by criterion id. Each provider runs once, whatever the number of criteria."""
    konteks = KonteksSaran(pd=pd, tahun=tahun)
    temuan: dict[str, Temuan | None] = {}
    out: dict[int, Saran] = {}
    for kr in kriteria_list:
        fungsi = penyedia(kr.saran) if kr.saran else None
        if fungsi is None:
            continue
        if kr.saran not in temuan:
            temuan[kr.saran] = fungsi(konteks)
        t = temuan[kr.saran]
        if t is not None:
            out[kr.pk] = Saran(kr.saran, t.data, jawaban_untuk(kr, t.terpenuhi))
    return out


# --- providers on the plan and the measurement -------------------------------------------------

def _rasio(a: int, b: int) -> Decimal | None:
    return Decimal(a) / Decimal(b) if b else None


def renstra_berlaku(konteks: KonteksSaran) -> Renstra | None:
    if "renstra" not in konteks.simpan:
        konteks.simpan["renstra"] = (
            Renstra.objects.filter(perangkat_daerah=konteks.pd, tahun_awal__lte=konteks.tahun,
                                   tahun_akhir__gte=konteks.tahun)
            .order_by("-tahun_awal", "-versi").first())
    return konteks.simpan["renstra"]


def saran_renstra(konteks: KonteksSaran) -> Temuan:
    r = renstra_berlaku(konteks)
    if r is None:
        return Temuan([f"Belum ada Renstra yang mencakup tahun {konteks.tahun} di sistem."],
                      Decimal(0))
    periode = f"Renstra {r.tahun_awal}–{r.tahun_akhir}"
    if r.tanggal_penetapan is None:
        return Temuan([f"{periode} ada di sistem tetapi tanggal penetapannya belum diisi."],
                      Decimal("0.5"))
    nomor = f" (nomor {r.nomor_penetapan})" if r.nomor_penetapan else ""
    return Temuan([f"{periode} ditetapkan {format_tanggal(r.tanggal_penetapan)}{nomor}."],
                  Decimal(1))


def saran_pk(konteks: KonteksSaran) -> Temuan:
    tahun = konteks.tahun
    pk = (PerjanjianKinerja.objects
          .filter(perangkat_daerah=konteks.pd, tahun=tahun, jenjang=Jenjang.JPT_PRATAMA,
                  jenis=PerjanjianKinerja.Jenis.INDUK)
          .order_by("-versi").first())
    if pk is None:
        return Temuan([f"Belum ada PK {tahun} Kepala perangkat daerah di sistem."], Decimal(0))
    if pk.status != PerjanjianKinerja.Status.DITETAPKAN or pk.tanggal is None:
        return Temuan([f"PK {tahun} ada di sistem tetapi belum ditetapkan."], Decimal("0.5"))
    batas = datetime.date(tahun, 3, 1) - datetime.timedelta(days=1)  # 28 or 29 February
    waktu = "tepat waktu" if pk.tanggal <= batas else "terlambat"
    return Temuan([f"PK {tahun} ditetapkan {format_tanggal(pk.tanggal)} — {waktu} (batas akhir "
                   f"Februari, {DASAR_PK})."],
                  Decimal(1) if pk.tanggal <= batas else Decimal("0.5"))


def saran_realisasi(konteks: KonteksSaran) -> Temuan:
    """Realisasi measured every quarter and verified (B-Kualitas: pengukuran berkala)."""
    terisi = (Q(nilai__isnull=False) | ~Q(nilai_teks=""))
    baris = (Realisasi.objects
             .filter(terisi, indikator__renstra__perangkat_daerah=konteks.pd,
                     tahun=konteks.tahun)
             .values("triwulan")
             .annotate(n=Count("id"),
                       v=Count("id", filter=Q(status=Realisasi.Status.DIVERIFIKASI))))
    triwulan = {b["triwulan"] for b in baris}
    n = sum(b["n"] for b in baris)
    v = sum(b["v"] for b in baris)
    if not n:
        return Temuan([f"Belum ada realisasi {konteks.tahun} yang diisi."], Decimal(0))
    bagian_tw = Decimal(len(triwulan)) / 4
    bagian_v = _rasio(v, n) or Decimal(0)
    return Temuan([f"Realisasi {konteks.tahun} diisi {len(triwulan)} triwulan, {v} dari {n} "
                   f"terverifikasi ({format_angka(bagian_v * 100, 0)} %)."],
                  min(bagian_tw, bagian_v))


def saran_iku(konteks: KonteksSaran) -> Temuan:
    r = renstra_berlaku(konteks)
    if r is None:
        return Temuan([f"Belum ada Renstra yang mencakup tahun {konteks.tahun}; IKU tidak "
                       "dapat diperiksa."], Decimal(0))
    hitung = Indikator.objects.filter(renstra=r, is_iku=True).aggregate(
        n=Count("id"), ada=Count("id", filter=~Q(definisi_operasional="")))
    if not hitung["n"]:
        return Temuan([f"Renstra {r.tahun_awal}–{r.tahun_akhir} belum menandai IKU."],
                      Decimal(0))
    return Temuan([f"IKU: {hitung['ada']} dari {hitung['n']} memiliki definisi operasional."],
                  _rasio(hitung["ada"], hitung["n"]))


daftarkan("renstra_ada", saran_renstra)
daftarkan("pk_ditetapkan_tepat_waktu", saran_pk)
daftarkan("realisasi_triwulanan", saran_realisasi)
daftarkan("iku_definisi_operasional", saran_iku)
