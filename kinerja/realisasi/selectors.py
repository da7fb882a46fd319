"""Reads behind the realisasi pages: which indicators a bidang reports, progress, verification.

Who reports an indicator (design.md roles, domain.md §9 item 16): the bidang set on the
indicator, else the bidang of the program/kegiatan/sub kegiatan that owns it (nearest first);
an indicator that is a line of a bidang's own PK (Administrator/Pengawas) of the year is that
bidang's too. Indicators with no bidang (tujuan/sasaran IKU) are reported by the perencana.

Every figure (target, realisasi by agregasi, capaian to date, kategori) comes from
``kinerja.selectors.nilai_indikator`` and ``kinerja.rumus``; this module only arranges them.
The page builders run a fixed number of queries whatever the number of indicators.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kinerja import rumus
from kinerja.models import BuktiDukung, PeriodeInput, PKIndikator, Realisasi
from kinerja.selectors import NilaiIndikator, hitung, nilai_indikator
from renstra.models import (
    Agregasi,
    Indikator,
    JenisNilai,
    Kegiatan,
    Polaritas,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    Tujuan,
)
from renstra.selectors import renstra_aktif, tahun_renstra
from sakip import audit
from sakip.lib.periode import format_tanggal, romawi
from sakip.models import Bidang, JejakAudit, PerangkatDaerah, Role

LEVEL_LABEL = {
    "tujuan": "Tujuan",
    "sasaran": "Sasaran",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "subkegiatan": "Sub kegiatan",
}
_LEVEL_URUTAN = {"tujuan": 0, "sasaran": 1, "program": 2, "kegiatan": 3, "subkegiatan": 4}

_OWNER_JOINS = ("renstra", "bidang", "tujuan", "sasaran", "program", "kegiatan__program",
                "subkegiatan__kegiatan__program")


@dataclass
class IndikatorBidang:
    """An indicator with the bidang whose staff report it."""

    indikator: Indikator
    bidang_ids: set[int] = field(default_factory=set)

    @property
    def level(self) -> str:
        return self.indikator.level

    @property
    def pemilik_kode(self) -> str:
        pemilik = self.indikator.pemilik
        return getattr(pemilik, "kode", "") or ""

    @property
    def pemilik_label(self) -> str:
        ind = self.indikator
        pemilik = ind.pemilik
        nama = getattr(pemilik, "nama", None) or getattr(pemilik, "uraian", "")
        kode = self.pemilik_kode
        return f"{kode} {nama}".strip()


def _bidang_pemilik(ind: Indikator) -> int | None:
    """Nearest bidang: the indicator's, else its owner's, else the owner's parents'."""
    if ind.bidang_id:
        return ind.bidang_id
    chain = []
    if ind.subkegiatan_id:
        s = ind.subkegiatan
        chain = [s.bidang_id, s.kegiatan.bidang_id, s.kegiatan.program.bidang_id]
    elif ind.kegiatan_id:
        chain = [ind.kegiatan.bidang_id, ind.kegiatan.program.bidang_id]
    elif ind.program_id:
        chain = [ind.program.bidang_id]
    return next((b for b in chain if b), None)


def _pk_bidang(pd: PerangkatDaerah, tahun: int, ids: list[int] | None = None):
    """(indikator_id, bidang_id) of the PK lines of bidang-level PKs of the year (1 query)."""
    qs = PKIndikator.objects.filter(
        perjanjian__perangkat_daerah=pd, perjanjian__tahun=tahun,
        perjanjian__bidang__isnull=False,
    )
    if ids is not None:
        qs = qs.filter(indikator_id__in=ids)
    return qs.values_list("indikator_id", "perjanjian__bidang_id").distinct()


def indikator_pd(pd: PerangkatDaerah, renstra: Renstra | None, tahun: int
                 ) -> list[IndikatorBidang]:
    """Every indicator of the Renstra with its reporting bidang (7 queries, fixed).

    Owners (program/kegiatan/sub kegiatan, sasaran, tujuan) are few and shared by many
    indicators, so they are read once and attached, instead of joined into every indicator row
    (10,000 indicators: ~4× fewer model instances).
    """
    if renstra is None:
        return []
    inds = list(Indikator.objects.filter(renstra=renstra).defer(
        "definisi_operasional", "keluaran", "standar_nasional_keterangan"))
    program = {p.pk: p for p in Program.objects.filter(renstra=renstra)}
    kegiatan = {k.pk: k for k in Kegiatan.objects.filter(program__renstra=renstra)}
    for k in kegiatan.values():
        k.program = program[k.program_id]
    sub = {x.pk: x for x in SubKegiatan.objects.filter(kegiatan__program__renstra=renstra)}
    for x in sub.values():
        x.kegiatan = kegiatan[x.kegiatan_id]
    sasaran = {x.pk: x for x in Sasaran.objects.filter(tujuan__renstra=renstra)}
    tujuan = {x.pk: x for x in Tujuan.objects.filter(renstra=renstra)}
    pk_map: dict[int, set[int]] = defaultdict(set)
    for ind_id, bidang_id in _pk_bidang(pd, tahun):
        pk_map[ind_id].add(bidang_id)
    out = []
    for ind in inds:
        ind.renstra = renstra
        if ind.program_id:
            ind.program = program[ind.program_id]
        elif ind.kegiatan_id:
            ind.kegiatan = kegiatan[ind.kegiatan_id]
        elif ind.subkegiatan_id:
            ind.subkegiatan = sub[ind.subkegiatan_id]
        elif ind.sasaran_id:
            ind.sasaran = sasaran[ind.sasaran_id]
        elif ind.tujuan_id:
            ind.tujuan = tujuan[ind.tujuan_id]
        ids = set(pk_map.get(ind.pk, ()))
        own = _bidang_pemilik(ind)
        if own:
            ids.add(own)
        out.append(IndikatorBidang(ind, ids))
    out.sort(key=_urutan)
    return out


def _urutan(ib: IndikatorBidang):
    ind = ib.indikator
    return (_LEVEL_URUTAN.get(ind.level, 9), ib.pemilik_kode, ind.urutan, ind.pk)


def indikator_satu(pd: PerangkatDaerah, indikator_id: int, tahun: int) -> IndikatorBidang:
    """One indicator of ``pd`` (404 when it belongs elsewhere) with its bidang (2 queries)."""
    ind = get_object_or_404(
        Indikator.objects.select_related(*_OWNER_JOINS),
        pk=indikator_id, renstra__perangkat_daerah=pd,
    )
    ids = {b for _i, b in _pk_bidang(pd, tahun, [ind.pk])}
    own = _bidang_pemilik(ind)
    if own:
        ids.add(own)
    return IndikatorBidang(ind, ids)


# --- access on the object ---------------------------------------------------------------------

def boleh_lihat(a, pd: PerangkatDaerah, ib: IndikatorBidang) -> bool:
    """Whether ``a``'s user sees the indicator (the rule: ``Akses.can_view_indikator``)."""
    return a.can_view_indikator(pd, ib.bidang_ids)


def boleh_isi(a, pd: PerangkatDaerah, ib: IndikatorBidang) -> bool:
    """Whether ``a``'s user enters its realisasi (the rule: ``Akses.can_enter_indikator``)."""
    return a.can_enter_indikator(pd, ib.bidang_ids)


# --- progress ------------------------------------------------------------------------------

@dataclass
class Progres:
    """Capaian to date and the projected year-end value from the quarters so far."""

    realisasi_sd: Decimal | None
    capaian_sd: Decimal | None
    kategori_sd: rumus.Kategori | None
    proyeksi: Decimal | None
    capaian_proyeksi: Decimal | None
    kategori_proyeksi: rumus.Kategori | None
    berisiko: bool
    # A flow indicator (SUM/YTD) without a quarterly target is compared with the whole-year
    # target: its capaian to date is a share of the year, not a category (shown as such).
    terhadap_tahunan: bool = False


def _flow_terhadap_tahunan(n_sd: NilaiIndikator, tw: int) -> bool:
    ind = n_sd.indikator
    return (
        tw < 4
        and n_sd.target_tw[tw - 1] is None
        and ind.agregasi in (Agregasi.SUM, Agregasi.YTD)
        # A ratio is a percentage (Σ pembilang / Σ penyebut), not a flow: comparable as is.
        and ind.jenis_nilai not in (JenisNilai.PREDIKAT, JenisNilai.RASIO)
    )


def sampai(n: NilaiIndikator, tw: int, pd: PerangkatDaerah) -> NilaiIndikator:
    """A copy of a full-year ``n`` computed up to quarter ``tw`` (no query: same rows)."""
    salinan = dataclasses.replace(n)
    hitung(salinan, skala=pd.skala_kategori, rumus_negatif=pd.rumus_negatif, sampai_tw=tw)
    return salinan


def progres(n_sd: NilaiIndikator, tw: int, pd: PerangkatDaerah) -> Progres:
    """Progress of an indicator up to ``tw`` (``n_sd`` computed with ``sampai_tw=tw``).

    The projection is ``rumus.proyeksi_akhir_tahun`` over the reported quarters (for a
    pembilang/penyebut indicator, its ratio so far), compared with the annual target; the target
    is "at risk" when that projected capaian is below 100 %. Predikat-only indicators have no
    numeric projection.
    """
    ind = n_sd.indikator
    proyeksi = capaian_proyeksi = kategori_proyeksi = None
    if ind.jenis_nilai == JenisNilai.RASIO and any(
        p is not None for p in n_sd.pembilang_tw[:tw]
    ):
        # Quarterly percentages are never summed (domain.md §2.4): the ratio so far is the
        # best estimate of the year's ratio.
        proyeksi = n_sd.realisasi
    elif ind.jenis_nilai != JenisNilai.PREDIKAT:
        proyeksi = rumus.proyeksi_akhir_tahun(n_sd.realisasi_tw[:tw], ind.agregasi)
    if proyeksi is not None and n_sd.target is not None:
        capaian_proyeksi = rumus.capaian(
            n_sd.target, proyeksi,
            polaritas="negatif" if ind.polaritas == Polaritas.NEGATIF else "positif",
            rumus_negatif=ind.rumus_negatif or pd.rumus_negatif,
        )
        kategori_proyeksi = rumus.kategori(capaian_proyeksi, pd.skala_kategori)
    berisiko = capaian_proyeksi is not None and capaian_proyeksi < 100
    if ind.jenis_nilai == JenisNilai.PREDIKAT and n_sd.tercapai is False:
        berisiko = True
    return Progres(
        realisasi_sd=n_sd.realisasi, capaian_sd=n_sd.capaian, kategori_sd=n_sd.kategori,
        proyeksi=proyeksi, capaian_proyeksi=capaian_proyeksi,
        kategori_proyeksi=kategori_proyeksi, berisiko=berisiko,
        terhadap_tahunan=_flow_terhadap_tahunan(n_sd, tw),
    )


def capaian_pembanding(n_sd: NilaiIndikator, tw: int, p: Progres) -> Decimal | None:
    """The capaian the lowest-band rule looks at when a value is submitted.

    A flow indicator (SUM/YTD) compared with its whole-year target after one quarter would
    always look like a failure, so without a quarterly target its projected year-end capaian is
    used; with a TW target, at TW IV, or for stock indicators (LAST/AVG/MAX/MIN) it is the
    capaian to date.
    """
    return p.capaian_proyeksi if p.terhadap_tahunan else n_sd.capaian


def perlu_penjelasan(n_sd: NilaiIndikator, tw: int, pd: PerangkatDaerah
                     ) -> Decimal | None:
    """The capaian when it falls in the lowest band of the office's scale, else None."""
    c = capaian_pembanding(n_sd, tw, progres(n_sd, tw, pd))
    if c is not None and rumus.is_band_terendah(c, pd.skala_kategori):
        return c
    return None


# --- periods ----------------------------------------------------------------------------------

def periode_map(pd: PerangkatDaerah, tahun_list) -> dict[tuple[int, int], PeriodeInput]:
    return {
        (p.tahun, p.triwulan): p
        for p in PeriodeInput.objects.filter(perangkat_daerah=pd, tahun__in=list(tahun_list))
        .select_related("diubah_oleh")
    }


@dataclass(frozen=True)
class KeadaanPeriode:
    """The state of an input period as every page says it (one rule: an open period whose
    deadline has passed is overdue, not simply "open")."""

    kode: str  # belum | dibuka | terlambat | ditutup
    label: str  # "Dibuka", "Terlambat", …
    teks: str  # "Dibuka sampai 15 Juli 2025", "Terlambat — batas 15 Juli 2025 (503 hari lalu)"
    batas: datetime.date | None = None
    hari_lewat: int = 0

    @property
    def terbuka(self) -> bool:
        """Values may still be entered (an overdue period stays open until it is closed)."""
        return self.kode in ("dibuka", "terlambat")


def keadaan_periode(periode: PeriodeInput | None,
                    hari_ini: datetime.date | None = None) -> KeadaanPeriode:
    hari_ini = hari_ini or timezone.localdate()
    if periode is None:
        return KeadaanPeriode("belum", "Belum dibuka", "Belum pernah dibuka")
    batas = periode.batas_waktu
    if not periode.dibuka:
        return KeadaanPeriode("ditutup", "Ditutup", "Ditutup", batas)
    if batas is None:
        return KeadaanPeriode("dibuka", "Dibuka", "Dibuka tanpa batas waktu")
    lewat = (hari_ini - batas).days
    if lewat > 0:
        return KeadaanPeriode("terlambat", "Terlambat",
                              f"Terlambat — batas {format_tanggal(batas)} ({lewat} hari lalu)",
                              batas, lewat)
    return KeadaanPeriode("dibuka", "Dibuka", f"Dibuka sampai {format_tanggal(batas)}", batas)


def periode_terbuka(pd: PerangkatDaerah, tahun: int, triwulan: int) -> bool:
    return PeriodeInput.objects.filter(
        perangkat_daerah=pd, tahun=tahun, triwulan=triwulan, dibuka=True
    ).exists()


def alasan_ubah(*, status: str | None, periode_buka: bool, abaikan_periode: bool,
                kunci_diajukan: bool, tahun: int, triwulan: int) -> str | None:
    """Why a realisasi may not be changed now (None when it may); one rule for values and
    evidence. Outside an open period, or once verified, only the perencana path
    (``abaikan_periode`` with a written reason) may change it (domain.md §9 item 16); staff
    (``kunci_diajukan``) may not change a value waiting for verification."""
    if abaikan_periode:
        return None
    if not periode_buka:
        return (f"Periode input {tahun} triwulan {romawi(triwulan)} belum dibuka atau sudah "
                "ditutup.")
    if status == Realisasi.Status.DIVERIFIKASI:
        return "Realisasi ini sudah diverifikasi dan terkunci."
    if kunci_diajukan and status == Realisasi.Status.DIAJUKAN:
        return ("Realisasi ini sedang menunggu verifikasi perencana; minta dikembalikan bila "
                "perlu diubah.")
    return None


def periode_aktif(pd: PerangkatDaerah) -> tuple[int, int] | None:
    """The newest open (tahun, triwulan) of the office, if any."""
    p = (
        PeriodeInput.objects.filter(perangkat_daerah=pd, dibuka=True)
        .order_by("-tahun", "-triwulan").values_list("tahun", "triwulan").first()
    )
    return tuple(p) if p else None


def periode_terakhir(pd: PerangkatDaerah) -> tuple[int, int] | None:
    p = (
        PeriodeInput.objects.filter(perangkat_daerah=pd)
        .order_by("-tahun", "-triwulan").values_list("tahun", "triwulan").first()
    )
    return tuple(p) if p else None


# --- the staff page ---------------------------------------------------------------------------

@dataclass
class BarisRealisasi:
    ib: IndikatorBidang
    tw: int
    nilai: NilaiIndikator  # computed up to tw
    progres: Progres
    realisasi: Realisasi | None
    bukti: list = field(default_factory=list)
    riwayat: list = field(default_factory=list)
    bisa_isi: bool = False

    @property
    def indikator(self) -> Indikator:
        return self.ib.indikator

    @property
    def target_tw(self) -> Decimal | None:
        return self.nilai.target_tw[self.tw - 1]

    @property
    def tw_sebelumnya(self) -> list[tuple[int, Decimal | None, str, str | None]]:
        n = self.nilai
        return [(i + 1, n.realisasi_tw[i], n.realisasi_teks_tw[i], n.status_tw[i])
                for i in range(self.tw - 1)]

    @property
    def status(self) -> str | None:
        return self.realisasi.status if self.realisasi else None


def _riwayat_map(realisasi_ids) -> dict[int, list[JejakAudit]]:
    out: dict[int, list[JejakAudit]] = defaultdict(list)
    if not realisasi_ids:
        return out
    for row in audit.riwayat_objek(Realisasi, realisasi_ids):
        out[int(row.object_id)].append(row)
    return out


def _bukti_map(realisasi_ids) -> dict[int, list[BuktiDukung]]:
    out: dict[int, list[BuktiDukung]] = defaultdict(list)
    ids = list(realisasi_ids)
    if not ids:
        return out
    for b in BuktiDukung.objects.filter(realisasi_id__in=ids).order_by("uploaded_at", "id"):
        out[b.realisasi_id].append(b)
    return out


def baris_realisasi(
    a, pd: PerangkatDaerah, tahun: int, tw: int, *, bidang_id: int | None = None,
    dengan_riwayat: bool = True,
) -> tuple[Renstra | None, list[BarisRealisasi]]:
    """Rows of the realisasi page: what ``a``'s user may see, optionally one bidang only.

    Fixed queries: renstra (1), indicators and owners (7), nilai_indikator (4),
    evidence (1), history (1).
    """
    renstra = renstra_aktif(pd, tahun)
    semua = indikator_pd(pd, renstra, tahun)
    terlihat = [ib for ib in semua if boleh_lihat(a, pd, ib)]
    if bidang_id is not None:
        terlihat = [ib for ib in terlihat if bidang_id in ib.bidang_ids]
    nilai = nilai_indikator([ib.indikator for ib in terlihat], [tahun], perangkat_daerah=pd)
    rows = []
    for ib in terlihat:
        n = nilai[(ib.indikator.pk, tahun)]
        ada = any(s is not None for s in n.status_tw)
        if not ib.indikator.aktif and n.pk_indikator is None and not ada:
            continue
        n_sd = sampai(n, tw, pd)
        rows.append(BarisRealisasi(
            ib=ib, tw=tw, nilai=n_sd, progres=progres(n_sd, tw, pd),
            realisasi=n.realisasi_obj_tw[tw - 1], bisa_isi=boleh_isi(a, pd, ib),
        ))
    ids = [r.realisasi.pk for r in rows if r.realisasi]
    bukti = _bukti_map(ids)
    riwayat = _riwayat_map(ids) if dengan_riwayat else {}
    for r in rows:
        if r.realisasi:
            r.bukti = bukti.get(r.realisasi.pk, [])
            r.riwayat = riwayat.get(r.realisasi.pk, [])
    return renstra, rows


def bidang_list(pd: PerangkatDaerah) -> list[Bidang]:
    return list(Bidang.objects.filter(perangkat_daerah=pd).order_by("nama"))


# --- the verification page --------------------------------------------------------------------

@dataclass
class BarisVerifikasi:
    realisasi: Realisasi
    ib: IndikatorBidang
    nilai: NilaiIndikator  # up to the quarter
    progres: Progres
    bukti: list = field(default_factory=list)
    riwayat: list = field(default_factory=list)

    @property
    def target_tw(self) -> Decimal | None:
        return self.nilai.target_tw[self.realisasi.triwulan - 1]


def baris_verifikasi(
    pd: PerangkatDaerah, tahun: int, *, status: str = Realisasi.Status.DIAJUKAN,
    triwulan: int | None = None, bidang_id: int | None = None,
) -> list[BarisVerifikasi]:
    """Realisasi of the year awaiting (or past) verification, with everything the verifier
    needs to judge them. Fixed queries: list (1), PK bidang (1), nilai (4), bukti (1),
    history (1)."""
    qs = (
        Realisasi.objects.filter(indikator__renstra__perangkat_daerah=pd, tahun=tahun,
                                 status=status)
        .select_related("entered_by", "verified_by",
                        *[f"indikator__{j}" for j in _OWNER_JOINS])
        .order_by("triwulan", "indikator__urutan", "indikator_id")
    )
    if triwulan:
        qs = qs.filter(triwulan=triwulan)
    items = list(qs)
    inds = {r.indikator_id: r.indikator for r in items}
    pk_map: dict[int, set[int]] = defaultdict(set)
    if inds:
        for ind_id, b in _pk_bidang(pd, tahun, list(inds)):
            pk_map[ind_id].add(b)
    ib_map = {}
    for ind_id, ind in inds.items():
        ids = set(pk_map.get(ind_id, ()))
        own = _bidang_pemilik(ind)
        if own:
            ids.add(own)
        ib_map[ind_id] = IndikatorBidang(ind, ids)
    if bidang_id is not None:
        items = [r for r in items if bidang_id in ib_map[r.indikator_id].bidang_ids]
    nilai = nilai_indikator(list(inds.values()), [tahun], perangkat_daerah=pd)
    ids = [r.pk for r in items]
    bukti = _bukti_map(ids)
    riwayat = _riwayat_map(ids)
    rows = []
    for r in items:
        n_sd = sampai(nilai[(r.indikator_id, tahun)], r.triwulan, pd)
        rows.append(BarisVerifikasi(
            realisasi=r, ib=ib_map[r.indikator_id], nilai=n_sd,
            progres=progres(n_sd, r.triwulan, pd), bukti=bukti.get(r.pk, []),
            riwayat=riwayat.get(r.pk, []),
        ))
    return rows


def jumlah_per_status(pd: PerangkatDaerah, tahun: int) -> dict[str, int]:
    return {
        row["status"]: row["n"]
        for row in Realisasi.objects.filter(indikator__renstra__perangkat_daerah=pd, tahun=tahun)
        .values("status").annotate(n=Count("id"))
    }


def riwayat_realisasi(realisasi: Realisasi | None) -> list[JejakAudit]:
    if realisasi is None:
        return []
    return list(audit.riwayat(realisasi))


# --- one value, its evidence, the staff page --------------------------------------------------

def realisasi_satu(indikator: Indikator, tahun: int, triwulan: int) -> Realisasi | None:
    """The stored quarter of one indicator, with who entered and verified it (1 query)."""
    return (Realisasi.objects.filter(indikator=indikator, tahun=tahun, triwulan=triwulan)
            .select_related("entered_by", "verified_by").first())


def realisasi_pd(pd: PerangkatDaerah, pk: int) -> Realisasi:
    """A realisasi of ``pd`` with its indicator (404 when it belongs elsewhere)."""
    return get_object_or_404(Realisasi.objects.select_related("indikator"), pk=pk,
                             indikator__renstra__perangkat_daerah=pd)


def realisasi_diajukan(pd: PerangkatDaerah, ids: list[int]) -> list[Realisasi]:
    """The ticked values of ``pd`` still waiting for verification."""
    return list(Realisasi.objects.filter(pk__in=ids, indikator__renstra__perangkat_daerah=pd,
                                         status=Realisasi.Status.DIAJUKAN))


def bukti_satu(pd: PerangkatDaerah, pk: int) -> BuktiDukung:
    """An evidence file of ``pd`` with its realisasi (404 when it belongs elsewhere)."""
    return get_object_or_404(BuktiDukung.objects.select_related("realisasi"), pk=pk,
                             realisasi__indikator__renstra__perangkat_daerah=pd)


def bukti_realisasi(realisasi: Realisasi | None) -> list[BuktiDukung]:
    return list(realisasi.bukti_set.all()) if realisasi else []


def konteks_isi(a, pd: PerangkatDaerah, ib: IndikatorBidang, tahun: int, tw: int) -> dict:
    """Who may do what on one quarter's value: the entry page and its actions decide on it."""
    real = realisasi_satu(ib.indikator, tahun, tw)
    perencana = a.has(pd, Role.PERENCANA, Role.ADMIN)
    buka = periode_terbuka(pd, tahun, tw)
    sebab_staf = alasan_ubah(status=real.status if real else None, periode_buka=buka,
                             abaikan_periode=False, kunci_diajukan=not perencana, tahun=tahun,
                             triwulan=tw)
    isi = boleh_isi(a, pd, ib)
    return {
        "a": a, "ib": ib, "ind": ib.indikator, "real": real, "perencana": perencana,
        "terbuka": buka, "boleh_isi": isi, "sebab": sebab_staf,
        # The perencana path: outside the period or on a verified value, with a reason.
        "perlu_alasan": isi and perencana and sebab_staf is not None,
        "bisa_ubah": isi and (perencana or sebab_staf is None),
    }


def konteks_staf(a, pd: PerangkatDaerah, tahun: int, tw: int, bidang_id: int | None) -> dict:
    """The staff page: the rows ``a``'s user may see, the quarter's period and the counts."""
    renstra, rows = baris_realisasi(a, pd, tahun, tw, bidang_id=bidang_id)
    periode = periode_map(pd, [tahun])
    p = periode.get((tahun, tw))
    status: dict[str, int] = {}
    for r in rows:
        status[r.status or "kosong"] = status.get(r.status or "kosong", 0) + 1
    return {
        "pd": pd, "renstra": renstra, "rows": rows, "tahun": tahun, "tw": tw,
        "tw_list": [1, 2, 3, 4], "periode": p, "terbuka": bool(p and p.dibuka),
        "periode_tahun": [periode.get((tahun, i)) for i in (1, 2, 3, 4)],
        "bidang_list": [b for b in bidang_list(pd) if a.can_view_bidang(pd, b.pk)],
        "bidang_id": bidang_id, "tahun_list": tahun_renstra([pd.pk]) or [tahun],
        "status": status, "level_label": LEVEL_LABEL,
        "bisa_isi": any(r.bisa_isi for r in rows),
        "ada_draf": any(r.bisa_isi and r.status in ("draft", "dikembalikan") for r in rows),
        "perencana": a.can_verify(pd),
    }


def draf_staf(a, pd: PerangkatDaerah, tahun: int, tw: int, bidang_id: int | None
              ) -> tuple[list[Realisasi], bool]:
    """The drafts and returned values of the quarter ``a``'s user may submit (with their
    indicator), and whether the user may enter any value of the page at all."""
    _renstra, rows = baris_realisasi(a, pd, tahun, tw, bidang_id=bidang_id,
                                     dengan_riwayat=False)
    pilih = []
    for r in rows:
        if r.bisa_isi and r.realisasi and r.realisasi.status in ("draft", "dikembalikan"):
            r.realisasi.indikator = r.indikator
            pilih.append(r.realisasi)
    return pilih, any(r.bisa_isi for r in rows)
