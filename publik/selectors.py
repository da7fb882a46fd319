"""What is published: the ONE rule the public pages and the public read API share.

PermenPAN-RB 53/2014 makes the Renstra, the IKU, the PK and the LKjIP public documents, so a
document is published by its penetapan — nobody has to remember to upload it — and stays
published until its office withdraws it (``publik.models.PublikasiDicabut``):

* **PK**: per (office, tahun, jenjang, bidang) the version in force among the ditetapkan versions
  (the last one; domain.md §9 item 1), unless that version is withdrawn. A draft or diajukan
  version is never published, and a superseded version never stands in for a withdrawn one.
  Published on ``ditetapkan_pada``.
* **LKjIP**: per (office, tahun) the last ditetapkan version, unless withdrawn; its figures are
  the frozen snapshot (the LKjIP JSON of the signed version) and its PDF the frozen
  ``berkas_final``. Published on ``ditetapkan_pada``.
* **Renstra**: per (office, period) the last version that was adopted — it carries a penetapan
  (``tanggal_penetapan``) or an IKU penetapan (``PenetapanIKU``) — unless withdrawn. Published
  on its penetapan date (else the first IKU penetapan). Its IKU are the indicators of its latest
  ``PenetapanIKU`` (else the indicators flagged IKU).
* **Capaian** of a year: the frozen figures of the year's published LKjIP (so the public page
  equals the signed document); without one, the figures of the published JPT Pratama PK's
  indicators from VERIFIED realisasi only, by ``kinerja.selectors`` (``kinerja.rumus``), marked
  provisional. **Serapan**: only from a published LKjIP (realisasi anggaran has no verification
  of its own; the signed LKjIP is what vouches for it).

Never published: drafts, unverified realisasi, review notes (``reviu_catatan``, catatan reviu),
evidence files, narratives and the names of anyone but the signatories (pihak pertama/kedua of
a PK, the Kepala who signs the LKjIP).

Queries: every list function costs a fixed number of queries whatever the number of offices,
years or documents (measured in ``tests/publik/test_kueri.py``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.text import slugify

from kinerja.models import Jenjang, PerjanjianKinerja, PKAnggaran, PKIndikator
from kinerja.rumus import SKALA
from kinerja.selectors import JENJANG_URUTAN, nilai_indikator
from laporan.models import LaporanKinerja
from publik.models import PublikasiDicabut
from renstra.models import Indikator, PenetapanIKU, Renstra, Sasaran, TargetIndikator, Tujuan
from renstra.selectors import renstra_berlaku_map
from sakip.models import Pemda, PerangkatDaerah

# Fields of the LKjIP row a list needs; the frozen HTML, narratives and snapshot stay in the
# database until one office's page asks for its figures.
_LKJIP_RINGAN = ("snapshot", "snapshot_html", "narasi", "reviu_catatan")
# ``ringan=True``: only what a list of documents prints (the pemda page lists every office's).
_HANYA = {
    "pk": ("perangkat_daerah_id", "tahun", "jenjang", "bidang_id", "bidang__nama", "versi",
           "nomor", "status", "ditetapkan_pada"),
    "lkjip": ("perangkat_daerah_id", "tahun", "versi", "status", "ditetapkan_pada",
              "tanggal_penetapan"),
    "renstra": ("perangkat_daerah_id", "tahun_awal", "tahun_akhir", "versi", "nama",
                "nomor_penetapan", "tanggal_penetapan"),
}

SUMBER_LKJIP = "lkjip"
SUMBER_PK = "pk"

# The frozen LKjIP names a category by its label; pages colour it by its code (.kat-<KODE>).
# Labels are unique across the scales of kinerja.rumus.
KODE_KATEGORI = {band.label: band.kode for bands in SKALA.values() for band in bands}


# --- pemda and offices ------------------------------------------------------------------------
def slug_pemda(pemda: Pemda) -> str:
    """"Kabupaten Gowa" → "kabupaten-gowa": the public address of a pemda (names are unique)."""
    return slugify(pemda.nama)


def pemda_list() -> list[Pemda]:
    """Every pemda (an installation serves one or a few), each with ``slug``; 1 query."""
    hasil = list(Pemda.objects.order_by("nama"))
    for p in hasil:
        p.slug = slug_pemda(p)
    return hasil


def pemda_dari_kunci(kunci: str | int) -> Pemda | None:
    """The pemda whose slug (or id) is ``kunci``; None when there is none. 1 query."""
    kunci = str(kunci)
    for p in pemda_list():
        if p.slug == kunci or str(p.pk) == kunci:
            return p
    return None


def perangkat_daerah_list(pemda: Pemda) -> list[PerangkatDaerah]:
    """The offices of a pemda, by name; 1 query."""
    return list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama"))


def perangkat_daerah_publik(pemda: Pemda, slug: str) -> PerangkatDaerah | None:
    return PerangkatDaerah.objects.filter(pemda=pemda, slug=slug).select_related("pemda").first()


def _lingkup(qs: QuerySet, jalur: str, *, pemda=None, pd=None) -> QuerySet:
    """Restrict ``qs`` to one office or one pemda; ``jalur`` is the path to the office."""
    if pd is not None:
        qs = qs.filter(**{f"{jalur}_id": getattr(pd, "pk", pd)})
    if pemda is not None:
        qs = qs.filter(**{f"{jalur}__pemda_id": getattr(pemda, "pk", pemda)})
    return qs


def _dicabut(kolom: str) -> Exists:
    return Exists(PublikasiDicabut.objects.filter(**{kolom: OuterRef("pk")}))


def _terakhir(rows: Iterable, kunci) -> list:
    """Per ``kunci(row)`` the row with the highest ``versi``."""
    pilih: dict = {}
    for r in rows:
        k = kunci(r)
        if k not in pilih or r.versi > pilih[k].versi:
            pilih[k] = r
    return list(pilih.values())


# --- the documents ------------------------------------------------------------------------------
def pk_terbit(*, pemda=None, pd=None, tahun: int | None = None,
              tahun_list: Iterable[int] | None = None, termasuk_dicabut: bool = False,
              ringan: bool = False) -> list[PerjanjianKinerja]:
    """Published PKs (see module doc), by office, year (newest first), jenjang; 1 query.

    Each carries ``terbit_pada`` (its penetapan time) and ``dicabut``; ``termasuk_dicabut``
    keeps withdrawn ones (the office's own publication page); ``ringan`` loads only the fields
    a list prints (``_HANYA``)."""
    qs = _lingkup(PerjanjianKinerja.objects.filter(status=PerjanjianKinerja.Status.DITETAPKAN),
                  "perangkat_daerah", pemda=pemda, pd=pd)
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    if tahun_list is not None:
        qs = qs.filter(tahun__in=list(tahun_list))
    rows = qs.annotate(dicabut=_dicabut("perjanjian")).select_related("bidang").order_by()
    if ringan:
        rows = rows.only(*_HANYA["pk"])
    berlaku = _terakhir(rows, lambda pk: (pk.perangkat_daerah_id, pk.tahun, pk.jenjang,
                                          pk.bidang_id))
    hasil = [pk for pk in berlaku if termasuk_dicabut or not pk.dicabut]
    for pk in hasil:
        pk.terbit_pada = pk.ditetapkan_pada
    hasil.sort(key=lambda pk: (pk.perangkat_daerah_id, -pk.tahun, JENJANG_URUTAN[pk.jenjang],
                               pk.bidang.nama if pk.bidang else ""))
    return hasil


def lkjip_terbit(*, pemda=None, pd=None, tahun: int | None = None,
                 dengan_isi: bool = False, termasuk_dicabut: bool = False,
                 ringan: bool = False) -> list[LaporanKinerja]:
    """Published LKjIPs (see module doc), by office and year (newest first); 1 query.

    Each carries ``terbit_pada`` and ``berkas_final`` (the frozen PDF, maybe still rendering:
    ``berkas_final.siap``). ``dengan_isi`` also loads the frozen snapshot (the figures);
    ``ringan`` only the fields a list prints (no PDF)."""
    qs = _lingkup(LaporanKinerja.objects.filter(status=LaporanKinerja.Status.DITETAPKAN),
                  "perangkat_daerah", pemda=pemda, pd=pd)
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    qs = qs.annotate(dicabut=_dicabut("laporan")).select_related("berkas_final").defer(
        "berkas_final__html").order_by()
    if ringan:
        qs = qs.select_related(None).only(*_HANYA["lkjip"])
    elif not dengan_isi:
        qs = qs.defer(*_LKJIP_RINGAN)
    else:
        qs = qs.defer("snapshot_html", "narasi", "reviu_catatan")
    berlaku = _terakhir(qs, lambda lap: (lap.perangkat_daerah_id, lap.tahun))
    hasil = [lap for lap in berlaku if termasuk_dicabut or not lap.dicabut]
    for lap in hasil:
        lap.terbit_pada = lap.ditetapkan_pada
    hasil.sort(key=lambda lap: (lap.perangkat_daerah_id, -lap.tahun))
    return hasil


def lkjip_satu(pd, tahun: int) -> LaporanKinerja | None:
    """The published LKjIP of one office and year, with its frozen figures; 1 query."""
    hasil = lkjip_terbit(pd=pd, tahun=tahun, dengan_isi=True)
    return hasil[0] if hasil else None


def renstra_terbit(*, pemda=None, pd=None, termasuk_dicabut: bool = False,
                   ringan: bool = False) -> list[Renstra]:
    """Published Renstra (see module doc), by office and period (newest first); 1 query.

    Each carries ``terbit_pada`` (a date: its penetapan, else its first IKU penetapan);
    ``ringan`` loads only the fields a list prints."""
    iku = PenetapanIKU.objects.filter(renstra=OuterRef("pk"))
    qs = _lingkup(Renstra.objects.all(), "perangkat_daerah", pemda=pemda, pd=pd).annotate(
        ada_iku=Exists(iku),
        iku_pertama=Subquery(iku.order_by().values("renstra").annotate(m=Min("tanggal"))
                             .values("m")[:1]),
        dicabut=_dicabut("renstra"),
    ).filter(Q(tanggal_penetapan__isnull=False) | Q(ada_iku=True)).order_by()
    if ringan:
        qs = qs.only(*_HANYA["renstra"])
    berlaku = _terakhir(qs, lambda r: (r.perangkat_daerah_id, r.tahun_awal))
    hasil = [r for r in berlaku if termasuk_dicabut or not r.dicabut]
    for r in hasil:
        r.terbit_pada = r.tanggal_penetapan or r.iku_pertama
    hasil.sort(key=lambda r: (r.perangkat_daerah_id, -r.tahun_awal))
    return hasil


def renstra_terbit_tahun(pd, tahun: int | None, *,
                         renstra_list: list[Renstra] | None = None) -> Renstra | None:
    """The published Renstra governing ``tahun`` (``renstra.selectors.renstra_berlaku_map``:
    an overlapping new Renstra does not take over a year the old one still governs); None when
    the governing Renstra is not published. 2 queries, 1 with ``renstra_list``."""
    if renstra_list is None:
        renstra_list = renstra_terbit(pd=pd)
    if not renstra_list:
        return None
    berlaku = renstra_berlaku_map([getattr(pd, "pk", pd)], tahun).get(getattr(pd, "pk", pd))
    return next((r for r in renstra_list if berlaku is not None and r.pk == berlaku.pk), None)


@dataclass
class Dokumen:
    """One published document, for lists (pemda page, API)."""

    jenis: str  # PublikasiDicabut.Jenis: "renstra" | "pk" | "lkjip"
    id: int
    perangkat_daerah_id: int
    tahun: int  # PK/LKjIP: its year; Renstra: the first year of its period
    judul: str
    nomor: str
    versi: int
    terbit_pada: datetime.date | datetime.datetime | None
    objek: object = field(repr=False)

    @property
    def dicabut(self) -> bool:
        return bool(getattr(self.objek, "dicabut", False))

    @property
    def tanggal_terbit(self) -> datetime.date | None:
        t = self.terbit_pada
        if isinstance(t, datetime.datetime):
            return timezone.localtime(t).date() if timezone.is_aware(t) else t.date()
        return t


def _judul_pk(pk: PerjanjianKinerja, jenjang: dict[str, str]) -> str:
    unit = f" {pk.bidang.nama}" if pk.bidang_id else ""
    return f"Perjanjian Kinerja {pk.tahun} {jenjang.get(pk.jenjang, pk.jenjang)}{unit}"


def dokumen_terbit(*, pemda=None, pd=None, tahun: int | None = None,
                   termasuk_dicabut: bool = False) -> list[Dokumen]:
    """Every published document of a pemda or an office (optionally of one year), newest
    first per office; 3 queries. A Renstra counts for a year inside its period.
    ``termasuk_dicabut`` keeps withdrawn ones (``Dokumen.dicabut``). ``objek`` holds only the
    fields a list prints (``ringan``)."""
    kw = {"pemda": pemda, "pd": pd, "termasuk_dicabut": termasuk_dicabut, "ringan": True}
    out: list[Dokumen] = []
    for r in renstra_terbit(**kw):
        if tahun is not None and not (r.tahun_awal <= tahun <= r.tahun_akhir):
            continue
        out.append(Dokumen("renstra", r.pk, r.perangkat_daerah_id, r.tahun_awal,
                           f"Renstra {r.tahun_awal}–{r.tahun_akhir}", r.nomor_penetapan,
                           r.versi, r.terbit_pada, r))
    # The labels translated once, not once per PK (get_jenjang_display hashes lazy strings:
    # a third of the pemda page's time on 45 offices).
    jenjang = {k: str(v) for k, v in Jenjang.choices}
    for pk in pk_terbit(tahun=tahun, **kw):
        out.append(Dokumen("pk", pk.pk, pk.perangkat_daerah_id, pk.tahun, _judul_pk(pk, jenjang),
                           pk.nomor, pk.versi, pk.terbit_pada, pk))
    for lap in lkjip_terbit(tahun=tahun, **kw):
        out.append(Dokumen("lkjip", lap.pk, lap.perangkat_daerah_id, lap.tahun,
                           f"LKjIP {lap.tahun}", "", lap.versi, lap.terbit_pada, lap))
    urut = {"lkjip": 0, "pk": 1, "renstra": 2}
    out.sort(key=lambda d: (d.perangkat_daerah_id, -d.tahun, urut[d.jenis]))
    return out


def tahun_terbit(pd) -> list[int]:
    """Years of an office with a published PK or LKjIP, newest first; 2 queries."""
    tahun = {pk.tahun for pk in pk_terbit(pd=pd)} | {lap.tahun for lap in lkjip_terbit(pd=pd)}
    return sorted(tahun, reverse=True)


def berkas_lkjip_terbit(pd, tahun: int):
    """The frozen PDF of the published LKjIP of that year (``None`` if not published or not
    rendered yet); 1 query."""
    hasil = lkjip_terbit(pd=pd, tahun=tahun)
    if not hasil or hasil[0].berkas_final is None or not hasil[0].berkas_final.siap:
        return None
    return hasil[0].berkas_final


# --- Renstra summary and IKU -------------------------------------------------------------------
@dataclass
class IKUTerbit:
    indikator: Indikator
    sasaran: str
    target: dict[int, Decimal | None]  # tahun → target (NULL is no target, not 0)
    target_teks: dict[int, str]

    @property
    def target_per_tahun(self) -> list[tuple[int, Decimal | None, str]]:
        """(tahun, target, predikat) in year order, for tables."""
        return [(t, v, self.target_teks.get(t, "")) for t, v in sorted(self.target.items())]


def iku_renstra(renstra: Renstra) -> list[IKUTerbit]:
    """The IKU adopted for a published Renstra with their yearly targets; 3 queries."""
    terakhir = PenetapanIKU.objects.filter(renstra=renstra).order_by("-tanggal", "-pk").first()
    if terakhir is not None:
        qs = terakhir.indikator_set.all()
    else:
        qs = Indikator.objects.filter(renstra=renstra, is_iku=True)
    indikator = list(qs.select_related("sasaran", "tujuan").order_by("urutan", "pk"))
    target: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
    teks: dict[int, dict[int, str]] = defaultdict(dict)
    for row in TargetIndikator.objects.filter(indikator__in=indikator).order_by().values(
            "indikator_id", "tahun", "nilai", "nilai_teks"):
        target[row["indikator_id"]][row["tahun"]] = row["nilai"]
        teks[row["indikator_id"]][row["tahun"]] = row["nilai_teks"]
    return [
        IKUTerbit(i, (i.sasaran or i.tujuan).uraian if (i.sasaran or i.tujuan) else "",
                  {t: target[i.pk].get(t) for t in renstra.tahun_list},
                  {t: teks[i.pk].get(t, "") for t in renstra.tahun_list})
        for i in indikator
    ]


def tujuan_sasaran(renstra: Renstra) -> list[Tujuan]:
    """Tujuan with their sasaran (``sasaran_list``), in order; 2 queries."""
    return list(Tujuan.objects.filter(renstra=renstra).order_by("urutan", "pk").prefetch_related(
        Prefetch("sasaran_set", queryset=Sasaran.objects.order_by("urutan", "pk"),
                 to_attr="sasaran_list")))


# --- PK lampiran -------------------------------------------------------------------------------
def pk_lampiran(pks: Iterable[PerjanjianKinerja]) -> list[PerjanjianKinerja]:
    """Published PKs with their lines (``baris``: indicator, TW targets) and budget lines
    (``anggaran_list``); 2 queries for any number of PKs. Refuses a PK that is not ditetapkan."""
    pks = list(pks)
    if any(pk.status != PerjanjianKinerja.Status.DITETAPKAN for pk in pks):
        raise ValueError("Hanya PK yang sudah ditetapkan yang dipublikasikan.")
    baris: dict[int, list] = defaultdict(list)
    anggaran: dict[int, list] = defaultdict(list)
    if pks:
        for line in PKIndikator.objects.filter(perjanjian__in=pks).select_related(
                "indikator__sasaran", "indikator__tujuan").order_by("urutan", "pk"):
            baris[line.perjanjian_id].append(line)
        for a in PKAnggaran.objects.filter(perjanjian__in=pks).select_related(
                "program", "kegiatan", "subkegiatan").order_by("urutan", "pk"):
            anggaran[a.perjanjian_id].append(a)
    for pk in pks:
        pk.baris, pk.anggaran_list = baris[pk.pk], anggaran[pk.pk]
    return pks


# --- capaian and serapan -----------------------------------------------------------------------
def _d(v) -> Decimal | None:
    """A number of the frozen LKjIP JSON as a Decimal (its text: 112.59 stays 112.59)."""
    return None if v is None else Decimal(str(v))


@dataclass
class CapaianIndikator:
    uraian: str
    satuan: str
    sasaran: str
    iku: bool
    target: Decimal | None
    target_teks: str
    realisasi: Decimal | None
    realisasi_teks: str
    capaian: Decimal | None
    kategori: str | None

    @property
    def kategori_kode(self) -> str:
        return KODE_KATEGORI.get(self.kategori or "", "")


@dataclass
class CapaianTahun:
    tahun: int
    sumber: str  # SUMBER_LKJIP (frozen, signed) or SUMBER_PK (provisional, verified only)
    indikator: list[CapaianIndikator]
    sasaran: list[dict] = field(default_factory=list)  # uraian, capaian, kategori

    @property
    def sementara(self) -> bool:
        return self.sumber == SUMBER_PK


def _capaian_lkjip(lap: LaporanKinerja) -> CapaianTahun:
    snap = lap.snapshot or {}
    semua_ind: list[CapaianIndikator] = []
    sasaran = []
    for s in snap.get("sasaran", []):
        sasaran.append({"uraian": s["uraian"], "capaian": _d(s.get("capaian")),
                        "kategori": s.get("kategori")})
        for i in s.get("indikator", []):
            semua_ind.append(CapaianIndikator(
                uraian=i["uraian"], satuan=i.get("satuan") or "", sasaran=s["uraian"],
                iku=bool(i.get("iku")), target=_d(i.get("target")),
                target_teks=i.get("target_teks") or "", realisasi=_d(i.get("realisasi")),
                realisasi_teks=i.get("realisasi_teks") or "", capaian=_d(i.get("capaian")),
                kategori=i.get("kategori")))
    iku = [c for c in semua_ind if c.iku] or semua_ind
    return CapaianTahun(lap.tahun, SUMBER_LKJIP, iku, sasaran)


def _capaian_pk(pd: PerangkatDaerah, pks: list[PerjanjianKinerja]) -> dict[int, CapaianTahun]:
    """Provisional capaian of the published JPT Pratama PK lines from VERIFIED realisasi,
    by the same formulas as every page (kinerja.selectors); 3 queries for every year."""
    jpt = [pk for pk in pks if pk.jenjang == Jenjang.JPT_PRATAMA]
    if not jpt:
        return {}
    lines = list(PKIndikator.objects.filter(perjanjian__in=jpt).select_related(
        "indikator__sasaran", "indikator__tujuan").order_by("urutan", "pk"))
    per_pk = {pk.pk: pk for pk in jpt}
    pk_lines = {}
    for line in lines:
        line.perjanjian = per_pk[line.perjanjian_id]
        pk_lines[(line.indikator_id, line.perjanjian.tahun)] = line
    tahun_list = sorted({pk.tahun for pk in jpt})
    nilai = nilai_indikator({line.indikator_id: line.indikator for line in lines}.values(),
                            tahun_list, perangkat_daerah=pd, hanya_terverifikasi=True,
                            dengan_objek=False, pk_lines=pk_lines)
    out: dict[int, CapaianTahun] = {}
    for (ind_id, tahun), line in pk_lines.items():
        n = nilai[(ind_id, tahun)]
        ind = line.indikator
        induk = ind.sasaran or ind.tujuan
        out.setdefault(tahun, CapaianTahun(tahun, SUMBER_PK, [])).indikator.append(
            CapaianIndikator(
                uraian=ind.uraian, satuan=ind.satuan, sasaran=induk.uraian if induk else "",
                iku=ind.is_iku, target=n.target, target_teks=n.target_teks,
                realisasi=n.realisasi, realisasi_teks=n.realisasi_teks, capaian=n.capaian,
                kategori=n.kategori.label if n.kategori else None))
    for c in out.values():
        c.indikator = [i for i in c.indikator if i.iku] or c.indikator
    return out


def capaian_per_tahun(pd: PerangkatDaerah, *, pk_list: list[PerjanjianKinerja] | None = None,
                      lkjip_list: list[LaporanKinerja] | None = None
                      ) -> dict[int, CapaianTahun]:
    """Capaian IKU of every published year of an office (the trend chart), newest first:
    frozen LKjIP figures where the year's LKjIP is published, else provisional figures of
    the published PK from verified realisasi. At most 5 queries whatever the number of years;
    none for what the caller passes (``pk_terbit(pd=pd)``, ``lkjip_terbit(pd=pd,
    dengan_isi=True)``) beyond the 3 of the provisional figures."""
    if lkjip_list is None:
        lkjip_list = lkjip_terbit(pd=pd, dengan_isi=True)
    if pk_list is None:
        pk_list = pk_terbit(pd=pd)
    laporan = {lap.tahun: lap for lap in lkjip_list}
    tanpa_lkjip = [pk for pk in pk_list if pk.tahun not in laporan]
    out = _capaian_pk(pd, tanpa_lkjip)
    out.update({t: _capaian_lkjip(lap) for t, lap in laporan.items()})
    return dict(sorted(out.items(), reverse=True))


def capaian_terbit(pd: PerangkatDaerah, tahun: int) -> CapaianTahun | None:
    """Capaian IKU of one published year (see :func:`capaian_per_tahun`), or None."""
    lap = lkjip_satu(pd, tahun)
    if lap is not None:
        return _capaian_lkjip(lap)
    return _capaian_pk(pd, pk_terbit(pd=pd, tahun=tahun)).get(tahun)


@dataclass
class SerapanTahun:
    tahun: int
    pagu: Decimal | None
    realisasi: Decimal | None
    serapan: Decimal | None
    program: list[dict]  # kode, uraian, pagu, realisasi, serapan (Decimal)
    efisiensi: list[dict]  # sasaran, capaian, serapan, efisiensi, metode (Decimal)


def _serapan_lkjip(lap: LaporanKinerja) -> SerapanTahun:
    snap = lap.snapshot or {}
    ang = snap.get("anggaran") or {}
    program = [{"kode": p.get("kode"), "uraian": p.get("uraian"), "pagu": _d(p.get("pagu")),
                "realisasi": _d(p.get("realisasi")), "serapan": _d(p.get("serapan"))}
               for p in ang.get("program", [])]
    efisiensi = [{"sasaran": e.get("sasaran"), "capaian": _d(e.get("capaian")),
                  "serapan": _d(e.get("serapan")), "efisiensi": _d(e.get("efisiensi")),
                  "metode": e.get("metode")} for e in snap.get("efisiensi", [])]
    return SerapanTahun(lap.tahun, _d(ang.get("pagu")), _d(ang.get("realisasi")),
                        _d(ang.get("serapan")), program, efisiensi)


def serapan_terbit(pd: PerangkatDaerah, tahun: int) -> SerapanTahun | None:
    """Serapan per program of a year, from the published LKjIP only (module doc); 1 query."""
    lap = lkjip_satu(pd, tahun)
    return _serapan_lkjip(lap) if lap is not None else None


def ringkasan_lkjip(lap: LaporanKinerja) -> tuple[CapaianTahun, SerapanTahun]:
    """Capaian and serapan of a published LKjIP loaded ``dengan_isi`` (no query)."""
    return _capaian_lkjip(lap), _serapan_lkjip(lap)
