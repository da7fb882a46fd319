"""Measurement reads: target, realisasi and capaian of indicators per year, in one place.

Pages, the LKjIP, the dashboards and the staff progress view all ask the same question — "for
this indicator and year, what was the target, what was achieved, and what is the capaian?" — so
the answer is assembled here once, with every figure computed by ``kinerja.rumus``.

Which target counts (domain.md §9 item 1): the line of the last valid PK version of that year
(last ditetapkan version, else the latest draft) when the indicator is in a PK; otherwise the
Renstra target of the year. Realisasi recorded under an earlier PK version stay attached to it
and still count: realisasi belong to the indicator and the quarter, not to a PK version.

Queries: a fixed number (4) whatever the number of indicators and years.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F

from kinerja import rumus
from kinerja.models import PerjanjianKinerja, PKIndikator, Realisasi
from renstra.models import Indikator, JenisNilai, Polaritas, TargetIndikator

JENJANG_URUTAN = {"jpt_pratama": 0, "administrator": 1, "pengawas": 2}


@dataclass
class NilaiIndikator:
    """Target, realisasi and capaian of one indicator in one year."""

    indikator: Indikator
    tahun: int
    target: Decimal | None = None
    target_teks: str = ""
    target_tw: list[Decimal | None] = field(default_factory=lambda: [None] * 4)
    mode_tw: str = ""
    sumber_target: str = ""  # "pk" or "renstra" or ""
    pk_indikator: PKIndikator | None = None
    realisasi_tw: list[Decimal | None] = field(default_factory=lambda: [None] * 4)
    realisasi_teks_tw: list[str] = field(default_factory=lambda: [""] * 4)
    pembilang_tw: list[Decimal | None] = field(default_factory=lambda: [None] * 4)
    penyebut_tw: list[Decimal | None] = field(default_factory=lambda: [None] * 4)
    status_tw: list[str | None] = field(default_factory=lambda: [None] * 4)
    realisasi_obj_tw: list[Realisasi | None] = field(default_factory=lambda: [None] * 4)
    realisasi: Decimal | None = None
    realisasi_teks: str = ""
    capaian: Decimal | None = None
    tercapai: bool | None = None
    kategori: rumus.Kategori | None = None

    @property
    def belum_terverifikasi(self) -> list[int]:
        """Quarters with a value that is not (yet) verified."""
        return [
            i + 1
            for i, s in enumerate(self.status_tw)
            if s is not None and s != Realisasi.Status.DIVERIFIKASI
        ]

    @property
    def ada_realisasi(self) -> bool:
        return self.realisasi is not None or bool(self.realisasi_teks)


def _rumus_negatif(ind: Indikator, default: str) -> str:
    return ind.rumus_negatif or default


def hitung(n: NilaiIndikator, *, skala: str, rumus_negatif: str, sampai_tw: int = 4) -> None:
    """Fill realisasi (by the indicator's agregasi), capaian and kategori of ``n`` in place."""
    ind = n.indikator
    tw = range(sampai_tw)
    jenis = ind.agregasi
    if ind.jenis_nilai == JenisNilai.RASIO and any(
        n.pembilang_tw[i] is not None for i in tw
    ):
        n.realisasi = rumus.agregasi_rasio(
            [n.pembilang_tw[i] for i in tw], [n.penyebut_tw[i] for i in tw], jenis
        )
    else:
        n.realisasi = rumus.agregasi([n.realisasi_tw[i] for i in tw], jenis)
    teks = [n.realisasi_teks_tw[i] for i in tw if n.realisasi_teks_tw[i]]
    n.realisasi_teks = teks[-1] if teks else ""

    target = n.target
    if sampai_tw < 4 and n.target_tw[sampai_tw - 1] is not None:
        # Capaian to date compares like with like: the TW target(s) up to this quarter (§2.4).
        if jenis == "SUM" and n.mode_tw != "kumulatif":
            target = rumus.agregasi(n.target_tw[:sampai_tw], "SUM")
        else:
            target = n.target_tw[sampai_tw - 1]

    kualitatif_murni = ind.polaritas == Polaritas.KUALITATIF and n.target is None and bool(
        n.target_teks
    )
    if ind.jenis_nilai == JenisNilai.PREDIKAT or kualitatif_murni:
        hasil = rumus.capaian_predikat(
            n.target_teks or None, n.realisasi_teks or None,
            skala=ind.skala_predikat or "AKIP",
        )
        n.capaian = hasil.capaian if hasil else None
        n.tercapai = hasil.tercapai if hasil else None
    elif ind.jenis_nilai == JenisNilai.ANGKA_PREDIKAT and n.target_teks:
        hasil = rumus.capaian_nilai_predikat(
            target, n.realisasi, n.target_teks or None, n.realisasi_teks or None,
            cap_100_bila_tercapai=ind.capaian_100_bila_predikat_tercapai,
            skala=ind.skala_predikat or "AKIP",
        )
        n.capaian = hasil.capaian if hasil else None
        n.tercapai = hasil.tercapai if hasil else None
    else:
        n.capaian = rumus.capaian(
            target, n.realisasi,
            polaritas="negatif" if ind.polaritas == Polaritas.NEGATIF else "positif",
            rumus_negatif=_rumus_negatif(ind, rumus_negatif),
        )
        n.tercapai = None if n.capaian is None else n.capaian >= 100
    n.kategori = rumus.kategori(n.capaian, skala)


def nilai_indikator(
    indikator: Iterable[Indikator],
    tahun_list: Sequence[int],
    *,
    perangkat_daerah,
    sampai_tw: int = 4,
    hanya_terverifikasi: bool = False,
    dengan_objek: bool = True,
    pk_lines: dict[tuple[int, int], PKIndikator] | None = None,
) -> dict[tuple[int, int], NilaiIndikator]:
    """Target/realisasi/capaian for every (indikator.id, tahun) of one office; 4 queries in all.

    ``hanya_terverifikasi`` counts only verified realisasi (the LKjIP); otherwise every entered
    value counts (progress pages), and ``status_tw`` tells which are not verified yet. The
    stored rows are attached (``realisasi_obj_tw``) for the pages and the write path, unless
    ``dengan_objek`` is False (a dashboard shows only the figures). ``pk_lines``: the office's
    PK lines in force (:func:`pk_indikator_berlaku` with ``pd_ids``) when the caller has read
    them already, so a page that needs them twice reads them once (2 queries fewer).
    """
    ind_list = list(indikator)
    return _nilai(ind_list, tahun_list, {i.pk: perangkat_daerah for i in ind_list},
                  sampai_tw=sampai_tw, hanya_terverifikasi=hanya_terverifikasi,
                  dengan_objek=dengan_objek, pk_lines=pk_lines)


def capaian_rata_rata(
    nilai: Iterable[NilaiIndikator], *, batas: Decimal | None = None
) -> Decimal | None:
    """Sasaran/program capaian = mean of its indicators' capaian (domain.md §9 item 6).

    ``batas`` caps each indicator before averaging (§2.5 ``cap_for_aggregation``: None, 100 or
    120) so that one 240 % indicator cannot hide a failing one; the raw capaian stay untouched.
    """
    values = [n.capaian for n in nilai if n.capaian is not None]
    if not values:
        return None
    if batas is not None:
        values = [min(v, batas) for v in values]
    return sum(values, Decimal(0)) / len(values)


def pk_versi_berlaku(versi: Iterable[PerjanjianKinerja]) -> PerjanjianKinerja | None:
    """The version in force among the versions of one PK (same office, tahun, jenjang, bidang):
    the last ditetapkan version, else the latest draft (domain.md §9 item 1)."""
    return max(versi, key=lambda pk: (pk.status == PerjanjianKinerja.Status.DITETAPKAN,
                                      pk.versi), default=None)


def pk_berlaku(pd_ids: Iterable[int], tahun_list: Sequence[int]
               ) -> dict[tuple[int, int, str, int | None], PerjanjianKinerja]:
    """The PK version in force per (perangkat daerah id, tahun, jenjang, bidang id); 1 query."""
    versi: dict[tuple[int, int, str, int | None], list[PerjanjianKinerja]] = defaultdict(list)
    # No default ordering: it would join up to the pemda for nothing.
    for pk in PerjanjianKinerja.objects.filter(
        perangkat_daerah_id__in=list(pd_ids), tahun__in=list(tahun_list)
    ).order_by():
        versi[(pk.perangkat_daerah_id, pk.tahun, pk.jenjang, pk.bidang_id)].append(pk)
    return {key: pk_versi_berlaku(daftar) for key, daftar in versi.items()}


def pk_indikator_berlaku(
    indikator_pd: dict[int, int] | None,
    tahun_list: Sequence[int],
    *,
    pd_ids: Iterable[int] | None = None,
) -> dict[tuple[int, int], PKIndikator]:
    """The PK line that sets each indicator's target, for indicators of one or many offices.

    ``indikator_pd`` maps indikator id → perangkat daerah id; ``None`` with ``pd_ids`` means
    every indicator of those offices. Per (office, tahun, jenjang, bidang) the version in force
    (:func:`pk_versi_berlaku`); a line in several jenjang takes the lowest (JPT Pratama first).
    Lines carry ``perjanjian``, ``jenjang_berlaku`` and ``pd_indikator``. 2 queries.
    """
    tahun_list = list(tahun_list)
    if indikator_pd is not None:
        pd_ids = set(indikator_pd.values())
    pd_ids = set(pd_ids or ())
    if not pd_ids or not tahun_list:
        return {}
    pk_info = {pk.pk: pk for pk in pk_berlaku(pd_ids, tahun_list).values()}
    chosen: dict[tuple[int, int], PKIndikator] = {}
    lines = PKIndikator.objects.filter(perjanjian_id__in=list(pk_info)).annotate(
        pd_indikator=F("indikator__renstra__perangkat_daerah_id")
    ).order_by()  # the default ordering would join up to the pemda for nothing
    if indikator_pd is not None and len(indikator_pd) <= 1000:
        # A long id list costs more to send than the few extra lines it would filter out
        # (and SQLite caps the number of parameters); lines of other indicators are skipped.
        lines = lines.filter(indikator_id__in=list(indikator_pd))
    for line in lines:
        if indikator_pd is not None and line.indikator_id not in indikator_pd:
            continue
        pk = pk_info[line.perjanjian_id]
        if pk.perangkat_daerah_id != line.pd_indikator:
            continue  # another office's PK cannot set this office's target
        line.perjanjian = pk
        line.jenjang_berlaku = pk.jenjang
        key = (line.indikator_id, pk.tahun)
        prev = chosen.get(key)
        if prev is None or (
            JENJANG_URUTAN[line.jenjang_berlaku] < JENJANG_URUTAN[prev.jenjang_berlaku]
        ):
            chosen[key] = line
    return chosen


def nilai_indikator_lintas_pd(
    indikator: Iterable[Indikator],
    tahun_list: Sequence[int],
    *,
    sampai_tw: int = 4,
    hanya_terverifikasi: bool = False,
) -> dict[tuple[int, int], NilaiIndikator]:
    """:func:`nilai_indikator` for indicators of many perangkat daerah at once (pemda views).

    Each indicator is measured by its own office's rules (PK in force, scale, negative
    formula); indicators must carry ``renstra__perangkat_daerah`` (select_related). 4 queries
    whatever the number of offices. ``realisasi_obj_tw`` is left empty (no model instances for
    thousands of rows).
    """
    ind_list = list(indikator)
    return _nilai(ind_list, tahun_list, {i.pk: i.renstra.perangkat_daerah for i in ind_list},
                  sampai_tw=sampai_tw, hanya_terverifikasi=hanya_terverifikasi,
                  dengan_objek=False)


_KOLOM_REALISASI = ("indikator_id", "tahun", "triwulan", "nilai", "nilai_teks", "pembilang",
                    "penyebut", "status")


def _nilai(
    ind_list: list[Indikator],
    tahun_list: Sequence[int],
    pd_of: dict[int, object],
    *,
    sampai_tw: int,
    hanya_terverifikasi: bool,
    dengan_objek: bool,
    pk_lines: dict[tuple[int, int], PKIndikator] | None = None,
) -> dict[tuple[int, int], NilaiIndikator]:
    """The one read behind both entry points: Renstra targets (1 query), the PK line in force
    (2, none when ``pk_lines`` are given), realisasi (1); then every figure by ``kinerja.rumus``
    with each office's rules."""
    ids = [i.pk for i in ind_list]
    tahun_list = list(tahun_list)
    out: dict[tuple[int, int], NilaiIndikator] = {
        (i.pk, t): NilaiIndikator(indikator=i, tahun=t) for i in ind_list for t in tahun_list
    }
    if not ids or not tahun_list:
        return out

    for row in TargetIndikator.objects.filter(
        indikator_id__in=ids, tahun__in=tahun_list
    ).order_by().values("indikator_id", "tahun", "nilai", "nilai_teks"):
        n = out[(row["indikator_id"], row["tahun"])]
        n.target, n.target_teks, n.sumber_target = row["nilai"], row["nilai_teks"], "renstra"

    berlaku = (pk_lines if pk_lines is not None
               else pk_indikator_berlaku({k: v.pk for k, v in pd_of.items()}, tahun_list))
    for key, line in berlaku.items():
        n = out.get(key)
        if n is None:
            continue  # given lines may cover more indicators or years than asked for
        n.pk_indikator = line
        n.target, n.target_teks = line.target_tahunan, line.target_tahunan_teks
        n.target_tw = line.target_tw_list
        n.mode_tw = line.mode_tw
        n.sumber_target = "pk"

    realisasi = Realisasi.objects.filter(
        indikator_id__in=ids, tahun__in=tahun_list, triwulan__lte=sampai_tw
    ).order_by()
    if hanya_terverifikasi:
        realisasi = realisasi.filter(status=Realisasi.Status.DIVERIFIKASI)
    if dengan_objek:
        baris = ((r, *(getattr(r, k) for k in _KOLOM_REALISASI)) for r in realisasi)
    else:
        # Plain values, not model instances: many offices' rows.
        baris = ((None, *row) for row in realisasi.values_list(*_KOLOM_REALISASI))
    for obj, ind_id, tahun, tw, nilai, teks, pembilang, penyebut, status in baris:
        n = out[(ind_id, tahun)]
        i = tw - 1
        n.realisasi_tw[i] = nilai
        n.realisasi_teks_tw[i] = teks
        n.pembilang_tw[i] = pembilang
        n.penyebut_tw[i] = penyebut
        n.status_tw[i] = status
        n.realisasi_obj_tw[i] = obj

    for n in out.values():
        pd = pd_of[n.indikator.pk]
        hitung(n, skala=pd.skala_kategori, rumus_negatif=pd.rumus_negatif, sampai_tw=sampai_tw)
    return out
