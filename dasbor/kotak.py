"""The work inbox: what each user has to do next, computed from the data (not from notifications).

One section per role the user holds (a user with several roles or offices sees each section
once): staf bidang fill and correct their bidang's realisasi; the perencana verifies, drafts the
PK, opens and closes input periods, answers review notes and follows up LKE recommendations; the
Kepala sets the PK and the LKjIP (penetapan); the Inspektorat reviews, chases late or unverified
offices and replies to answered notes; the administrator gives users roles and offices their
officials. Every item names what, for which office/period, how many, since when, and links to the
page where the work is done.

Fixed number of queries whatever the data size: each kind of item is one aggregate (or one short
list) over every office of the user at once; nothing is read per office or per indicator.

Which indicators must carry a quarter's value: the active indicators of the Renstra governing the
year (``renstra_berlaku_map``); a value counts as sent once it is diajukan or diverifikasi, so a
missing row, a draft and a returned value are all "still to fill". Who reports an indicator is
the realisasi pages' rule (``kinerja.realisasi.selectors._bidang_pemilik`` plus the bidang PK
lines of the year).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse

from dasbor.models import CatatanReviu
from dasbor.selectors import batas_waktu_default, triwulan_selesai
from kinerja.models import PeriodeInput, PerjanjianKinerja, PKIndikator, Realisasi
from kinerja.realisasi.selectors import _bidang_pemilik
from laporan.models import LaporanKinerja
from lke.models import Evaluasi, Rekomendasi
from lke.selectors import rekomendasi_terbuka
from renstra.models import Indikator
from renstra.selectors import renstra_berlaku_map
from sakip.lib.periode import romawi
from sakip.models import JenisPejabat, Pejabat, PerangkatDaerah, Role

TERKIRIM = (Realisasi.Status.DIAJUKAN, Realisasi.Status.DIVERIFIKASI)
KOSONG = "Tidak ada pekerjaan yang menunggu Anda."


# ------------------------------------------------------------------------------------------
# What the page shows
# ------------------------------------------------------------------------------------------


@dataclass
class Butir:
    """One piece of waiting work."""

    kunci: str  # stable kind of item (tests and CSS read it), e.g. "isi-realisasi"
    judul: str  # what to do
    url: str  # where it is done
    pd: PerangkatDaerah | None = None
    rincian: str = ""  # for which indicator / period, how many
    jumlah: int | None = None
    sejak: datetime.date | None = None  # since when it waits
    batas: datetime.date | None = None  # its deadline, when it has one
    terlambat_hari: int | None = None  # days past the deadline
    komentar: str = ""  # the verifier's comment on a returned value


@dataclass
class Bagian:
    kunci: str
    judul: str
    butir: list[Butir] = field(default_factory=list)


@dataclass
class Kotak:
    bagian: list[Bagian]
    kantor: list[PerangkatDaerah]  # offices whose home page (Renstra tree) is linked

    @property
    def jumlah(self) -> int:
        """The count beside "Beranda": items waiting, whatever their size."""
        return sum(len(b.butir) for b in self.bagian)

    def kunci(self) -> list[str]:
        return [i.kunci for b in self.bagian for i in b.butir]


def _tw(tahun: int, tw: int) -> str:
    return f"TW {romawi(tw)} {tahun}"


def _tanggal(d) -> datetime.date | None:
    if d is None:
        return None
    return d.date() if isinstance(d, datetime.datetime) else d


def _url(nama: str, *args, query: str = "") -> str:
    return reverse(nama, args=args) + (f"?{query}" if query else "")


# ------------------------------------------------------------------------------------------
# Who the user is, from the roles already read by ``Akses`` (no query)
# ------------------------------------------------------------------------------------------


@dataclass
class Lingkup:
    staf: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))  # pd → bidang
    perencana: set[int] = field(default_factory=set)
    kepala: set[int] = field(default_factory=set)
    inspektorat_pd: set[int] = field(default_factory=set)
    inspektorat_pemda: set[int] = field(default_factory=set)
    admin_pd: set[int] = field(default_factory=set)
    admin_pemda: set[int] = field(default_factory=set)
    superuser: bool = False

    @property
    def inspektorat(self) -> bool:
        return bool(self.inspektorat_pd or self.inspektorat_pemda)

    @property
    def admin(self) -> bool:
        return self.superuser or bool(self.admin_pd or self.admin_pemda)

    @property
    def ada(self) -> bool:
        return bool(self.staf or self.perencana or self.kepala or self.inspektorat or self.admin)


def lingkup(a) -> Lingkup:
    out = Lingkup(superuser=a.is_superuser)
    for p in a.peran:
        pd = p.perangkat_daerah_id
        if p.role == Role.STAF_BIDANG and pd and p.bidang_id:
            out.staf[pd].add(p.bidang_id)
        elif p.role == Role.PERENCANA and pd:
            out.perencana.add(pd)
        elif p.role == Role.KEPALA and pd:
            out.kepala.add(pd)
        elif p.role == Role.INSPEKTORAT:
            (out.inspektorat_pd.add(pd) if pd else out.inspektorat_pemda.add(p.pemda_id))
        elif p.role == Role.ADMIN:
            (out.admin_pd.add(pd) if pd else out.admin_pemda.add(p.pemda_id))
    return out


# ------------------------------------------------------------------------------------------
# The reads: each one query over every office concerned
# ------------------------------------------------------------------------------------------


def _kantor(lk: Lingkup) -> dict[int, PerangkatDaerah]:
    """Every office the staf/perencana/kepala/Inspektorat sections look at (1 query)."""
    ids = set(lk.staf) | lk.perencana | lk.kepala | lk.inspektorat_pd
    q = Q(pk__in=ids)
    if lk.inspektorat_pemda:
        q |= Q(pemda_id__in=lk.inspektorat_pemda)
    if not ids and not lk.inspektorat_pemda:
        return {}
    return {pd.pk: pd for pd in PerangkatDaerah.objects.filter(q).order_by("nama")}


def _kantor_inspektorat(lk: Lingkup, kantor: dict[int, PerangkatDaerah]) -> set[int]:
    return {i for i, pd in kantor.items()
            if i in lk.inspektorat_pd or pd.pemda_id in lk.inspektorat_pemda}


def triwulan_terakhir(hari_ini: datetime.date) -> tuple[int, int]:
    """The last quarter that has ended by ``hari_ini``."""
    n = triwulan_selesai(hari_ini.year, hari_ini)
    return (hari_ini.year, n) if n else (hari_ini.year - 1, 4)


def batas_periode(p: PeriodeInput) -> datetime.date:
    """The period's own deadline, else the default of its quarter (the dashboards' rule)."""
    return p.batas_waktu or batas_waktu_default(p.tahun, p.triwulan)


@dataclass
class Periode:
    """The input periods of the offices: the open ones, and which offices already opened the
    last ended quarter."""

    terbuka: list[PeriodeInput]
    sudah_ada_terakhir: set[int]


def _periode(pd_ids: set[int], terakhir: tuple[int, int]) -> Periode:
    """Open periods and the last ended quarter's periods of ``pd_ids`` (1 query)."""
    if not pd_ids:
        return Periode([], set())
    tahun, tw = terakhir
    terbuka, ada = [], set()
    for p in PeriodeInput.objects.filter(
        Q(dibuka=True) | Q(tahun=tahun, triwulan=tw), perangkat_daerah_id__in=pd_ids,
    ).order_by("perangkat_daerah_id", "tahun", "triwulan"):
        if (p.tahun, p.triwulan) == terakhir:
            ada.add(p.perangkat_daerah_id)
        if p.dibuka:
            terbuka.append(p)
    return Periode(terbuka, ada)


def _renstra_per_tahun(pd_tahun: dict[int, set[int]]) -> dict[tuple[int, int], int]:
    """{(pd, tahun): renstra id} of the Renstra governing each year (1 query per distinct
    year of open periods — in practice one or two, never per office)."""
    per_tahun: dict[int, set[int]] = defaultdict(set)
    for pd_id, tahun_set in pd_tahun.items():
        for t in tahun_set:
            per_tahun[t].add(pd_id)
    out = {}
    for tahun, pd_ids in per_tahun.items():
        for pd_id, r in renstra_berlaku_map(pd_ids, tahun).items():
            if r.tahun_awal <= tahun <= r.tahun_akhir:
                out[(pd_id, tahun)] = r.pk
    return out


@dataclass
class Kekurangan:
    """Per open period: active indicators, and how many carry a sent value."""

    jumlah: dict[int, int]  # renstra → active indicators
    terkirim: dict[tuple[int, int, int], int]  # (renstra, tahun, tw) → values sent


def _kekurangan(renstra: dict[tuple[int, int], int], terbuka: list[PeriodeInput]
                ) -> Kekurangan:
    """Counts behind "N indikator belum diajukan" for every open period (2 queries)."""
    r_ids = set(renstra.values())
    if not r_ids:
        return Kekurangan({}, {})
    jumlah = dict(Indikator.objects.filter(renstra_id__in=r_ids, aktif=True).order_by()
                  .values("renstra_id").annotate(n=Count("id")).values_list("renstra_id", "n"))
    # One grouped read over the years and quarters of the open periods (the periode index),
    # not one OR-ed condition per period: the few groups no period asked for are ignored.
    terkirim = {
        (r, t, tw): n for r, t, tw, n in
        Realisasi.objects.filter(indikator__renstra_id__in=r_ids, indikator__aktif=True,
                                 tahun__in={p.tahun for p in terbuka},
                                 triwulan__in={p.triwulan for p in terbuka},
                                 status__in=TERKIRIM).order_by()
        .values("indikator__renstra_id", "tahun", "triwulan").annotate(n=Count("id"))
        .values_list("indikator__renstra_id", "tahun", "triwulan", "n")
    }
    return Kekurangan(jumlah, terkirim)


def _pk_bidang(pd_ids) -> dict[tuple[int, int], set[int]]:
    """{(indikator, tahun): bidang} of the bidang-level PK lines (1 query): a line of a
    bidang's own PK makes the indicator that bidang's for the year (realisasi pages' rule)."""
    out: dict[tuple[int, int], set[int]] = defaultdict(set)
    for ind, tahun, b in PKIndikator.objects.filter(
        perjanjian__perangkat_daerah_id__in=pd_ids, perjanjian__bidang__isnull=False,
    ).order_by().values_list("indikator_id", "perjanjian__tahun", "perjanjian__bidang_id"
                             ).distinct():
        out[(ind, tahun)].add(b)
    return out


_RANTAI = ("program", "kegiatan__program", "subkegiatan__kegiatan__program")


# ------------------------------------------------------------------------------------------
# Staf bidang
# ------------------------------------------------------------------------------------------


def _isi_staf(lk: Lingkup, kantor, periode: Periode, renstra, pk_bidang, hari_ini
              ) -> list[Butir]:
    """Quarters to fill for the staf's bidang: the open periods of their offices (2 queries:
    the indicators with their owners, the quarter's values)."""
    buka = [p for p in periode.terbuka if p.perangkat_daerah_id in lk.staf
            and (p.perangkat_daerah_id, p.tahun) in renstra]
    if not buka:
        return []
    r_ids = {renstra[(p.perangkat_daerah_id, p.tahun)] for p in buka}
    inds = list(Indikator.objects.filter(renstra_id__in=r_ids, aktif=True)
                .select_related(*_RANTAI).only(
                    "id", "renstra_id", "bidang_id", "program__bidang_id",
                    "kegiatan__bidang_id", "kegiatan__program__bidang_id",
                    "subkegiatan__bidang_id", "subkegiatan__kegiatan__bidang_id",
                    "subkegiatan__kegiatan__program__bidang_id", "program_id", "kegiatan_id",
                    "subkegiatan_id", "subkegiatan__kegiatan_id", "kegiatan__program_id",
                    "subkegiatan__kegiatan__program_id"))
    q = Q(pk__in=[])
    for p in buka:
        q |= Q(indikator__renstra_id=renstra[(p.perangkat_daerah_id, p.tahun)], tahun=p.tahun,
               triwulan=p.triwulan)
    terkirim = set(Realisasi.objects.filter(q, status__in=TERKIRIM).order_by()
                   .values_list("indikator_id", "tahun", "triwulan"))
    out = []
    for p in buka:
        r = renstra[(p.perangkat_daerah_id, p.tahun)]
        bidang = lk.staf[p.perangkat_daerah_id]
        mine = [i for i in inds if i.renstra_id == r and _milik(i, p.tahun, bidang, pk_bidang)]
        kurang = [i for i in mine if (i.pk, p.tahun, p.triwulan) not in terkirim]
        if not kurang:
            continue
        out.append(_butir_periode(
            "isi-realisasi", f"Isi dan ajukan realisasi {_tw(p.tahun, p.triwulan)}",
            kantor[p.perangkat_daerah_id], p, hari_ini, len(kurang), len(mine),
            _url("kinerja:staf", kantor[p.perangkat_daerah_id].slug,
                 query=f"tahun={p.tahun}&tw={p.triwulan}")))
    return out


def _milik(ind: Indikator, tahun: int, bidang: set[int], pk_bidang) -> bool:
    """Whether one of ``bidang`` reports ``ind`` in ``tahun``."""
    own = _bidang_pemilik(ind)
    pelapor = set(pk_bidang.get((ind.pk, tahun), ()))
    if own:
        pelapor.add(own)
    return bool(pelapor & bidang)


def _butir_periode(kunci, judul, pd, p: PeriodeInput, hari_ini, kurang: int, total: int, url
                   ) -> Butir:
    batas = batas_periode(p)
    telat = (hari_ini - batas).days if hari_ini > batas else None
    return Butir(
        kunci=kunci, judul=judul, url=url, pd=pd, jumlah=kurang, batas=batas,
        sejak=_tanggal(p.diubah_pada), terlambat_hari=telat,
        rincian=f"{kurang} dari {total} indikator belum diajukan",
    )


def _dikembalikan(lk: Lingkup, kantor, pk_bidang) -> list[Butir]:
    """Values returned by the verifier to the staf's bidang, with the comment (1 query)."""
    if not lk.staf:
        return []
    out = []
    for r in (Realisasi.objects.filter(status=Realisasi.Status.DIKEMBALIKAN,
                                       indikator__renstra__perangkat_daerah_id__in=set(lk.staf))
              .select_related("verified_by", "indikator__renstra",
                              *[f"indikator__{j}" for j in _RANTAI])
              .order_by("verified_at", "id")):
        pd_id = r.indikator.renstra.perangkat_daerah_id
        if not _milik(r.indikator, r.tahun, lk.staf[pd_id], pk_bidang):
            continue
        pd = kantor[pd_id]
        oleh = r.verified_by.get_full_name() or r.verified_by.username if r.verified_by else ""
        out.append(Butir(
            kunci="dikembalikan", judul=f"Perbaiki realisasi {_tw(r.tahun, r.triwulan)}",
            url=_url("kinerja:realisasi-edit", pd.slug, r.indikator_id, r.tahun, r.triwulan),
            pd=pd, rincian=r.indikator.uraian, jumlah=1, sejak=_tanggal(r.verified_at),
            komentar=r.komentar_verifikasi + (f" — {oleh}" if oleh else ""),
        ))
    return out


# ------------------------------------------------------------------------------------------
# Perencana, Kepala, Inspektorat: one aggregate per kind over all their offices
# ------------------------------------------------------------------------------------------


def _diajukan(pd_ids: set[int]) -> dict[int, tuple[int, datetime.datetime | None, int]]:
    """{pd: (values waiting for verification, oldest submission, oldest year)} (1 query)."""
    if not pd_ids:
        return {}
    return {
        pd: (n, sejak, tahun) for pd, n, sejak, tahun in
        Realisasi.objects.filter(status=Realisasi.Status.DIAJUKAN,
                                 indikator__renstra__perangkat_daerah_id__in=pd_ids).order_by()
        .values("indikator__renstra__perangkat_daerah_id")
        .annotate(n=Count("id"), sejak=Min("submitted_at"), tahun=Min("tahun"))
        .values_list("indikator__renstra__perangkat_daerah_id", "n", "sejak", "tahun")
    }


def _catatan(pd_ids: set[int]) -> dict[tuple[int, str], tuple[int, datetime.datetime]]:
    """{(pd, status): (notes, oldest)} of notes still open or answered (1 query)."""
    if not pd_ids:
        return {}
    return {
        (pd, st): (n, sejak) for pd, st, n, sejak in
        CatatanReviu.objects.filter(perangkat_daerah_id__in=pd_ids, status__in=[
            CatatanReviu.Status.TERBUKA, CatatanReviu.Status.DIJAWAB]).order_by()
        .values("perangkat_daerah_id", "status").annotate(n=Count("id"), sejak=Min("dibuat_pada"))
        .values_list("perangkat_daerah_id", "status", "n", "sejak")
    }


def _rekomendasi(pd_ids: set[int]) -> dict[tuple[int, str], tuple[int, datetime.date | None]]:
    """{(pd, status): (LKE recommendations, earliest deadline)} not yet selesai (1 query;
    which ones are still open is ``lke.selectors.rekomendasi_terbuka``'s rule)."""
    if not pd_ids:
        return {}
    return {
        (pd, st): (n, batas) for pd, st, n, batas in
        rekomendasi_terbuka(pd_ids).order_by()
        .values("hasil__perangkat_daerah_id", "status")
        .annotate(n=Count("id"), batas=Min("batas_waktu"))
        .values_list("hasil__perangkat_daerah_id", "status", "n", "batas")
    }


@dataclass
class Data:
    """Everything the sections read, each read once for all the user's offices."""

    hari_ini: datetime.date
    kantor: dict[int, PerangkatDaerah]
    inspektorat: set[int]
    periode: Periode
    renstra: dict[tuple[int, int], int]
    kekurangan: Kekurangan
    pk_bidang: dict
    diajukan: dict
    pk: list[PerjanjianKinerja]
    lkjip: list[LaporanKinerja]
    catatan: dict
    rekomendasi: dict
    evaluasi: list[Evaluasi]
    terakhir: tuple[int, int]


def _baca(lk: Lingkup, hari_ini: datetime.date) -> Data:
    kantor = _kantor(lk)
    insp = _kantor_inspektorat(lk, kantor)
    terakhir = triwulan_terakhir(hari_ini)
    per_pd = set(lk.staf) | lk.perencana | insp
    periode = _periode(per_pd, terakhir)
    pd_tahun: dict[int, set[int]] = defaultdict(set)
    for p in periode.terbuka:
        pd_tahun[p.perangkat_daerah_id].add(p.tahun)
    for pd_id in lk.perencana:
        pd_tahun[pd_id].add(terakhir[0])  # "a quarter ended with no period opened"
    renstra = _renstra_per_tahun(pd_tahun)
    kantor_periode = lk.perencana | insp
    kekurangan = _kekurangan(renstra, [p for p in periode.terbuka
                                       if p.perangkat_daerah_id in kantor_periode])
    pk_pd = lk.perencana | lk.kepala
    pk = list(PerjanjianKinerja.objects.filter(
        perangkat_daerah_id__in=pk_pd, status__in=[PerjanjianKinerja.Status.DRAFT,
                                                   PerjanjianKinerja.Status.DIAJUKAN])
              .order_by("perangkat_daerah_id", "tahun", "jenjang", "versi")) if pk_pd else []
    lkjip_pd = lk.kepala | insp
    lkjip = list(LaporanKinerja.objects.filter(
        perangkat_daerah_id__in=lkjip_pd, status__in=[LaporanKinerja.Status.DRAFT,
                                                      LaporanKinerja.Status.REVIU])
                 .only("id", "perangkat_daerah_id", "tahun", "versi", "status", "diubah_pada")
                 .order_by("perangkat_daerah_id", "tahun")) if lkjip_pd else []
    evaluasi = list(Evaluasi.objects.filter(perangkat_daerah_id__in=insp).exclude(
        status=Evaluasi.Status.DITUTUP).only("id", "perangkat_daerah_id", "tahun", "status",
                                             "diajukan_pada", "dibuat_pada")
                    .order_by("perangkat_daerah_id", "tahun")) if insp else []
    return Data(
        hari_ini=hari_ini, kantor=kantor, inspektorat=insp, periode=periode, renstra=renstra,
        kekurangan=kekurangan, pk_bidang=_pk_bidang(set(lk.staf)) if lk.staf else {},
        diajukan=_diajukan(lk.perencana | insp), pk=pk, lkjip=lkjip,
        catatan=_catatan(lk.perencana | lk.kepala | insp),
        rekomendasi=_rekomendasi(lk.perencana | insp), evaluasi=evaluasi, terakhir=terakhir,
    )


def _kurang(d: Data, p: PeriodeInput) -> tuple[int, int] | None:
    """(indicators still to send, active indicators) of an open period of an office."""
    r = d.renstra.get((p.perangkat_daerah_id, p.tahun))
    if r is None:
        return None
    total = d.kekurangan.jumlah.get(r, 0)
    return total - d.kekurangan.terkirim.get((r, p.tahun, p.triwulan), 0), total


def _verifikasi(d: Data, pd_ids, kunci: str, judul: str, url_fn) -> list[Butir]:
    out = []
    for pd_id in sorted(pd_ids, key=lambda i: d.kantor[i].nama):
        if pd_id not in d.diajukan:
            continue
        n, sejak, tahun = d.diajukan[pd_id]
        pd = d.kantor[pd_id]
        out.append(Butir(kunci=kunci, judul=judul, url=url_fn(pd, tahun), pd=pd, jumlah=n,
                         sejak=_tanggal(sejak), rincian=f"{n} nilai realisasi diajukan"))
    return out


def _periode_perencana(d: Data, pd_ids: set[int]) -> list[Butir]:
    """Open periods past their deadline (to close), open periods still filling, and the last
    ended quarter never opened (to open)."""
    out = []
    for p in d.periode.terbuka:
        if p.perangkat_daerah_id not in pd_ids:
            continue
        pd = d.kantor[p.perangkat_daerah_id]
        kurang = _kurang(d, p) or (0, 0)
        lewat = d.hari_ini > batas_periode(p)
        if not lewat and not kurang[0]:
            continue
        b = _butir_periode(
            "periode-tutup" if lewat else "periode-berjalan",
            (f"Tutup periode input {_tw(p.tahun, p.triwulan)}" if lewat
             else f"Pantau pengisian {_tw(p.tahun, p.triwulan)}"),
            pd, p, d.hari_ini, kurang[0], kurang[1],
            _url("kinerja:periode", pd.slug) if lewat
            else _url("kinerja:staf", pd.slug, query=f"tahun={p.tahun}&tw={p.triwulan}"))
        out.append(b)
    tahun, tw = d.terakhir
    for pd_id in sorted(pd_ids, key=lambda i: d.kantor[i].nama):
        if pd_id in d.periode.sudah_ada_terakhir or (pd_id, tahun) not in d.renstra:
            continue
        pd = d.kantor[pd_id]
        # Waiting since the quarter ended: the first day of the next quarter.
        selesai = (datetime.date(tahun + 1, 1, 1) if tw == 4
                   else datetime.date(tahun, tw * 3 + 1, 1))
        out.append(Butir(
            kunci="periode-buka", judul=f"Buka periode input {_tw(tahun, tw)}",
            url=_url("kinerja:periode", pd.slug), pd=pd, sejak=selesai,
            rincian="Triwulan sudah berakhir; periode inputnya belum pernah dibuka.",
        ))
    return out


def _pk_butir(d: Data, pd_ids: set[int], status: str, kunci: str, judul: str) -> list[Butir]:
    out = []
    for pk in d.pk:
        if pk.perangkat_daerah_id not in pd_ids or pk.status != status:
            continue
        pd = d.kantor[pk.perangkat_daerah_id]
        out.append(Butir(
            kunci=kunci, judul=f"{judul} PK {pk.tahun} versi {pk.versi}",
            url=_url("kinerja:pk-detail", pd.slug, pk.pk), pd=pd,
            rincian=f"{pk.get_jenjang_display()} — {pk.get_status_display().lower()}",
        ))
    return out


def _catatan_butir(d: Data, pd_ids, status: str, kunci: str, judul: str) -> list[Butir]:
    out = []
    for pd_id in sorted(pd_ids, key=lambda i: d.kantor[i].nama):
        if (pd_id, status) not in d.catatan:
            continue
        n, sejak = d.catatan[(pd_id, status)]
        pd = d.kantor[pd_id]
        out.append(Butir(
            kunci=kunci, judul=judul, pd=pd, jumlah=n, sejak=_tanggal(sejak),
            url=_url("dasbor:catatan-daftar", query=f"pd={pd.slug}&status={status}"),
            rincian=f"{n} catatan reviu {CatatanReviu.Status(status).label.lower()}",
        ))
    return out


def _rekomendasi_butir(d: Data, pd_ids, status: str, kunci: str, judul: str) -> list[Butir]:
    out = []
    for pd_id in sorted(pd_ids, key=lambda i: d.kantor[i].nama):
        if (pd_id, status) not in d.rekomendasi:
            continue
        n, batas = d.rekomendasi[(pd_id, status)]
        pd = d.kantor[pd_id]
        telat = (d.hari_ini - batas).days if batas and d.hari_ini > batas else None
        out.append(Butir(
            kunci=kunci, judul=judul, pd=pd, jumlah=n, batas=batas, terlambat_hari=telat,
            url=_url("lke:tindak-lanjut", pd.slug),
            rincian=f"{n} rekomendasi LHE {Rekomendasi.Status(status).label.lower()}",
        ))
    return out


def bagian_staf(lk: Lingkup, d: Data) -> Bagian:
    return Bagian("staf", "Realisasi bidang Anda", [
        *_isi_staf(lk, d.kantor, d.periode, d.renstra, d.pk_bidang, d.hari_ini),
        *_dikembalikan(lk, d.kantor, d.pk_bidang),
    ])


def bagian_perencana(lk: Lingkup, d: Data) -> Bagian:
    pd_ids = lk.perencana
    return Bagian("perencana", "Perencana", [
        *_verifikasi(d, pd_ids, "verifikasi", "Verifikasi realisasi",
                     lambda pd, tahun: _url("kinerja:verifikasi", pd.slug,
                                            query=f"tahun={tahun}")),
        *_pk_butir(d, pd_ids, PerjanjianKinerja.Status.DRAFT, "pk-draf", "Selesaikan draf"),
        *_periode_perencana(d, pd_ids),
        *_catatan_butir(d, pd_ids, CatatanReviu.Status.TERBUKA, "catatan-jawab",
                        "Jawab catatan reviu Inspektorat"),
        *_rekomendasi_butir(d, pd_ids, Rekomendasi.Status.TERBUKA, "rekomendasi-tindak-lanjut",
                            "Tindak lanjuti rekomendasi LHE"),
    ])


def _lkjip_butir(d: Data, pd_ids, status: str, kunci: str, judul: str, nama_url: str
                 ) -> list[Butir]:
    out = []
    for lap in d.lkjip:
        if lap.perangkat_daerah_id not in pd_ids or lap.status != status:
            continue
        pd = d.kantor[lap.perangkat_daerah_id]
        out.append(Butir(
            kunci=kunci, judul=f"{judul} LKjIP {lap.tahun}", pd=pd,
            url=_url(nama_url, pd.slug, lap.tahun), sejak=_tanggal(lap.diubah_pada),
            rincian=f"Versi {lap.versi} — {lap.get_status_display()}",
        ))
    return out


def bagian_kepala(lk: Lingkup, d: Data) -> Bagian:
    pd_ids = lk.kepala
    return Bagian("kepala", "Kepala perangkat daerah", [
        *_pk_butir(d, pd_ids, PerjanjianKinerja.Status.DIAJUKAN, "pk-penetapan", "Tetapkan"),
        *_lkjip_butir(d, pd_ids, LaporanKinerja.Status.REVIU, "lkjip-penetapan", "Tetapkan",
                      "laporan:lkjip"),
        *_catatan_butir(d, pd_ids, CatatanReviu.Status.TERBUKA, "catatan-kantor",
                        "Catatan reviu untuk kantor Anda"),
    ])


def _terlambat(d: Data, pd_ids) -> list[Butir]:
    """Offices with an open period past its deadline and values still missing."""
    out = []
    for p in d.periode.terbuka:
        if p.perangkat_daerah_id not in pd_ids or d.hari_ini <= batas_periode(p):
            continue
        kurang = _kurang(d, p)
        if not kurang or not kurang[0]:
            continue
        pd = d.kantor[p.perangkat_daerah_id]
        out.append(_butir_periode(
            "kantor-terlambat", f"Pengisian {_tw(p.tahun, p.triwulan)} terlambat", pd, p,
            d.hari_ini, kurang[0], kurang[1],
            _url("dasbor:kantor", query=f"pd={pd.slug}&tahun={p.tahun}&tw={p.triwulan}")))
    return out


def bagian_inspektorat(lk: Lingkup, d: Data) -> Bagian:
    pd_ids = d.inspektorat
    evaluasi = []
    for e in d.evaluasi:
        pd = d.kantor[e.perangkat_daerah_id]
        menunggu = e.status == Evaluasi.Status.EVALUASI
        evaluasi.append(Butir(
            kunci="lke-evaluasi" if menunggu else "lke-mandiri",
            judul=(f"Evaluasi AKIP {e.tahun}" if menunggu
                   else f"Evaluasi AKIP {e.tahun}: penilaian mandiri berjalan"),
            url=_url("lke:lembar", pd.slug, e.tahun),
            pd=pd, sejak=_tanggal(e.diajukan_pada or e.dibuat_pada),
            rincian=e.get_status_display(),
        ))
    return Bagian("inspektorat", "Inspektorat", [
        *_lkjip_butir(d, pd_ids, LaporanKinerja.Status.DRAFT, "lkjip-reviu", "Reviu",
                      "laporan:reviu"),
        *_terlambat(d, pd_ids),
        *_verifikasi(d, pd_ids, "kantor-belum-verifikasi", "Realisasi belum diverifikasi",
                     lambda pd, tahun: _url("dasbor:kantor",
                                            query=f"pd={pd.slug}&tahun={tahun}")),
        *_catatan_butir(d, pd_ids, CatatanReviu.Status.DIJAWAB, "catatan-dijawab",
                        "Tanggapi jawaban catatan reviu"),
        *evaluasi,
        *_rekomendasi_butir(d, pd_ids, Rekomendasi.Status.DIJAWAB, "rekomendasi-nilai",
                            "Nilai tindak lanjut rekomendasi LHE"),
    ])


# ------------------------------------------------------------------------------------------
# Administrator
# ------------------------------------------------------------------------------------------


def bagian_admin(lk: Lingkup, hari_ini: datetime.date) -> Bagian:
    """Accounts without any role (superuser: they belong to no pemda yet) and offices without
    a Kepala in office today (no PK or LKjIP can be signed) — 2 queries."""
    out = []
    if lk.superuser:
        tanpa = (get_user_model().objects.filter(is_active=True, is_superuser=False,
                                                 peran_set__isnull=True).order_by()
                 .aggregate(n=Count("id"), sejak=Min("date_joined")))
        if tanpa["n"]:
            out.append(Butir(
                kunci="pengguna-tanpa-peran", judul="Beri peran pada akun baru",
                url=_url("admin:auth_user_changelist"), jumlah=tanpa["n"],
                sejak=_tanggal(tanpa["sejak"]),
                rincian=f"{tanpa['n']} akun aktif belum memiliki peran apa pun"))
    menjabat = Pejabat.objects.filter(
        perangkat_daerah=OuterRef("pk"), jenis=JenisPejabat.KEPALA_PD, mulai__lte=hari_ini,
    ).filter(Q(selesai__isnull=True) | Q(selesai__gte=hari_ini))
    qs = PerangkatDaerah.objects.filter(~Exists(menjabat))
    if not lk.superuser:
        qs = qs.filter(Q(pk__in=lk.admin_pd) | Q(pemda_id__in=lk.admin_pemda))
    for pd in qs.order_by("nama"):
        out.append(Butir(
            kunci="kantor-tanpa-pejabat", judul="Catat Kepala perangkat daerah", pd=pd,
            url=_url("kantor:pejabat", pd.slug),
            rincian="Belum ada Kepala yang menjabat hari ini; PK dan LKjIP tidak dapat "
                    "ditandatangani."))
    return Bagian("admin", "Administrator", out)


# ------------------------------------------------------------------------------------------
# The inbox
# ------------------------------------------------------------------------------------------


def kotak_kerja(a, hari_ini: datetime.date) -> Kotak | None:
    """The inbox of ``a``'s user (None when the user holds no role at all)."""
    lk = lingkup(a)
    if not lk.ada:
        return None
    d = _baca(lk, hari_ini)
    bagian = []
    if lk.staf:
        bagian.append(bagian_staf(lk, d))
    if lk.perencana:
        bagian.append(bagian_perencana(lk, d))
    if lk.kepala:
        bagian.append(bagian_kepala(lk, d))
    if lk.inspektorat:
        bagian.append(bagian_inspektorat(lk, d))
    if lk.admin:
        bagian.append(bagian_admin(lk, hari_ini))
    kantor = [pd for i, pd in d.kantor.items()
              if i in lk.staf or i in lk.perencana or i in lk.kepala or i in lk.inspektorat_pd]
    return Kotak([b for b in bagian if b.butir], kantor)
