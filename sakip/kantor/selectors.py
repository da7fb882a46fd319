"""Reads of the office setup: who signs a document of a given date, the office's bidang and what
a bidang owns.

Rule (PermenPAN-RB 53/2014: the PK and the LKjIP are signed by the office holders of their
time): a document prints the Kepala perangkat daerah and the kepala daerah in office on the
document's date — the PK's tanggal (or 1 January of its year), the LKjIP's penetapan date or its
report date. ``pejabat_penandatangan`` is the one place that answers it; every document asks it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from sakip.lib.periode import format_tanggal
from sakip.models import Bidang, JenisPejabat, Pejabat, PerangkatDaerah

LETAK_PENGATURAN = "isi di Pengaturan kantor \u203a Pejabat"


@dataclass(frozen=True)
class Penandatangan:
    """The officials in office on ``tanggal`` (None where nobody is recorded)."""

    perangkat_daerah: PerangkatDaerah
    tanggal: datetime.date
    kepala: Pejabat | None
    kepala_daerah: Pejabat | None

    @property
    def sebutan_kepala(self) -> str:
        return (self.kepala.jabatan if self.kepala and self.kepala.jabatan
                else f"Kepala {self.perangkat_daerah.nama}")

    @property
    def sebutan_kepala_daerah(self) -> str:
        pemda = self.perangkat_daerah.pemda
        return f"{pemda.sebutan_kepala_daerah} {pemda.nama_wilayah}"

    def kurang_kepala(self) -> list[str]:
        """What the Kepala's signature block lacks ("nama", "NIP", "pangkat/golongan")."""
        if self.kepala is None:
            return ["nama", "NIP", "pangkat/golongan"]
        return [label for label, nilai in (("nama", self.kepala.nama), ("NIP", self.kepala.nip),
                                           ("pangkat/golongan", self.kepala.pangkat))
                if not nilai]

    def kurang_kepala_daerah(self) -> list[str]:
        return [] if self.kepala_daerah is not None and self.kepala_daerah.nama else ["nama"]


@dataclass
class Kekurangan:
    """Missing signatory data of one document, as sentences a draft prints and a refused
    penetapan repeats ("Perlu dilengkapi: NIP Kepala … (isi di Pengaturan kantor › Pejabat).")."""

    butir: list[str] = field(default_factory=list)

    def tambah(self, labels: list[str], siapa: str, tanggal: datetime.date | None = None, *,
               letak: str = LETAK_PENGATURAN) -> None:
        if not labels:
            return
        kapan = f" yang menjabat pada {format_tanggal(tanggal)}" if tanggal else ""
        self.butir.append(f"{_gabung(labels)} {siapa}{kapan} ({letak})")

    def __bool__(self) -> bool:
        return bool(self.butir)

    @property
    def pesan(self) -> str:
        return f"Perlu dilengkapi: {'; '.join(self.butir)}." if self.butir else ""


def _gabung(labels: list[str]) -> str:
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " dan " + labels[-1]


def pejabat_kantor(pd: PerangkatDaerah) -> list[Pejabat]:
    """Every period of office of ``pd``'s Kepala and of its pemda's kepala daerah (1 query), for
    callers that pick officials for several dates."""
    return list(
        Pejabat.objects.filter(
            Q(jenis=JenisPejabat.KEPALA_PD, perangkat_daerah=pd)
            | Q(jenis=JenisPejabat.KEPALA_DAERAH, pemda_id=pd.pemda_id,
                perangkat_daerah__isnull=True)
        ).order_by("-mulai", "-id")
    )


def tanggal_dokumen(tanggal_or_tahun: datetime.date | int) -> datetime.date:
    """A year alone stands for its 1 January (a PK without a date is the year's agreement)."""
    if isinstance(tanggal_or_tahun, datetime.date):
        return tanggal_or_tahun
    return datetime.date(int(tanggal_or_tahun), 1, 1)


def menjabat(p: Pejabat, tanggal: datetime.date) -> bool:
    return p.mulai <= tanggal and (p.selesai is None or tanggal <= p.selesai)


def pejabat_penandatangan(pd: PerangkatDaerah, tanggal_or_tahun: datetime.date | int, *,
                          daftar: list[Pejabat] | None = None) -> Penandatangan:
    """The Kepala of ``pd`` and the kepala daerah in office on the date (1 query, none when
    ``daftar`` from ``pejabat_kantor`` is given)."""
    tanggal = tanggal_dokumen(tanggal_or_tahun)
    semua = pejabat_kantor(pd) if daftar is None else daftar
    kepala = kepala_daerah = None
    for p in semua:  # newest period first: the latest start wins at a hand-over date
        if not menjabat(p, tanggal):
            continue
        if p.jenis == JenisPejabat.KEPALA_PD and kepala is None:
            kepala = p
        elif p.jenis == JenisPejabat.KEPALA_DAERAH and kepala_daerah is None:
            kepala_daerah = p
    return Penandatangan(perangkat_daerah=pd, tanggal=tanggal, kepala=kepala,
                         kepala_daerah=kepala_daerah)


def pejabat_list(pd: PerangkatDaerah) -> list[Pejabat]:
    """The officials page: the office's Kepala periods, then the kepala daerah's."""
    rows = pejabat_kantor(pd)
    return sorted(rows, key=lambda p: (p.jenis != JenisPejabat.KEPALA_PD, -p.mulai.toordinal()))


def bidang_list(pd: PerangkatDaerah, *, aktif_saja: bool = False):
    qs = Bidang.objects.filter(perangkat_daerah=pd).order_by("-aktif", "nama")
    return qs.filter(aktif=True) if aktif_saja else qs


def milik_bidang(bidang: Bidang) -> list[str]:
    """What a bidang owns, as "12 indikator", "1 peran pengguna" (empty: nothing).

    Read from every relation that points at Bidang (the core cannot import the upper apps, so
    it asks the model registry): indicators, programs, kegiatan, sub kegiatan, PKs, roles — and
    whatever a later app links to a bidang. Realisasi hang on the indicators, so they count
    there. One COUNT per relation, only on the delete path."""
    out = []
    for rel in Bidang._meta.get_fields(include_hidden=True):
        # Reverse relations, hidden ones too (Program.bidang has related_name="+").
        if not rel.auto_created or rel.concrete or not (rel.one_to_many or rel.one_to_one):
            continue
        jumlah = rel.related_model._default_manager.filter(**{rel.field.name: bidang}).count()
        if jumlah:
            out.append(f"{jumlah} {rel.related_model._meta.verbose_name}")
    return out


def hari_ini() -> datetime.date:
    """Today in the pemda's calendar (settings.TIME_ZONE)."""
    return timezone.localdate()
