"""Reads of the Perjanjian Kinerja: who signs, what the Renstra offers a PK, and its pagu.

Rules: domain.md §1.2 (signatories and lampiran per jenjang), §9 items 6 (cascading) and 13
(PK anggaran = DPA pagu). Which PK version is in force is answered in ``kinerja.selectors``.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from anggaran.selectors import ringkasan_anggaran, struktur
from kinerja.models import Jenjang, PerjanjianKinerja
from renstra.models import (
    Indikator,
    Kegiatan,
    Program,
    SasaranProgram,
    SubKegiatan,
    TargetIndikator,
)
from renstra.selectors import pagu_indikatif_map, renstra_aktif, renstra_dari_node
from sakip.kantor.selectors import (
    Kekurangan,
    Penandatangan,
    pejabat_penandatangan,
    tanggal_dokumen,
)

PIHAK = ("nama", "jabatan", "nip", "pangkat")
# Which office holder signs on which side, by level (domain.md §1.2): JPT Pratama — the Kepala
# with the kepala daerah; Administrator — a kepala bidang with the Kepala; Pengawas — two
# officials below the Kepala (typed on the PK itself).
PEJABAT_SISI = {
    Jenjang.JPT_PRATAMA: ("kepala", "kepala_daerah"),
    Jenjang.ADMINISTRATOR: (None, "kepala"),
    Jenjang.PENGAWAS: (None, None),
}
# The fields a signature block needs, per office holder (an elected kepala daerah has no NIP).
WAJIB = {"kepala": ("nama", "nip", "pangkat"), "kepala_daerah": ("nama",), None: ()}
LABEL = {"nama": "nama", "nip": "NIP", "pangkat": "pangkat/golongan"}


def pk_pihak_default(perangkat_daerah, jenjang: str, bidang=None) -> dict:
    """What a new PK holds of its signatories: only the posts that are not office holders (the
    kepala bidang's jabatan). The Kepala and the kepala daerah are not copied: a draft reads them
    from Pengaturan kantor › Pejabat on its date (``pk_pihak``), and penetapan freezes them."""
    kepala_bidang = f"Kepala {bidang.nama}" if bidang else ""
    out = {f"pihak_{sisi}_{k}": "" for sisi in ("pertama", "kedua") for k in PIHAK}
    if jenjang == Jenjang.ADMINISTRATOR:
        out["pihak_pertama_jabatan"] = kepala_bidang
    elif jenjang == Jenjang.PENGAWAS:
        out["pihak_kedua_jabatan"] = kepala_bidang
    return out


@dataclass
class PihakPK:
    """The PK's two parties as printed, and what they lack."""

    pertama: dict
    kedua: dict
    kurang: Kekurangan

    def fields(self) -> dict:
        out = {f"pihak_pertama_{k}": v for k, v in self.pertama.items()}
        out.update({f"pihak_kedua_{k}": v for k, v in self.kedua.items()})
        return out


def tanggal_pk(pk: PerjanjianKinerja) -> datetime.date:
    """The date whose office holders sign the PK: its tanggal, else 1 January of its year."""
    return pk.tanggal or tanggal_dokumen(pk.tahun)


def _resmi(siapa: str, t: Penandatangan) -> dict:
    if siapa == "kepala":
        p = t.kepala
        return {"nama": p.nama if p else "", "jabatan": t.sebutan_kepala,
                "nip": p.nip if p else "", "pangkat": p.pangkat if p else ""}
    p = t.kepala_daerah
    return {"nama": p.nama if p else "", "jabatan": t.sebutan_kepala_daerah, "nip": "",
            "pangkat": ""}


def pk_pihak(pk: PerjanjianKinerja, *, daftar=None) -> PihakPK:
    """The PK's signatories (one home for every PK document: the page, the PDF, the LKjIP
    lampiran, penetapan). A side the PK names itself (a Plt., a kepala bidang) is printed as
    typed; a side held by the Kepala or the kepala daerah and left empty is the official in
    office on the PK's date (``sakip.kantor.selectors.pejabat_penandatangan``). A ditetapkan PK
    holds its parties frozen (``pk_approve``), so a later change of office never alters it.
    1 query (none with ``daftar`` from ``pejabat_kantor``)."""
    tanggal = tanggal_pk(pk)
    t = pejabat_penandatangan(pk.perangkat_daerah, tanggal, daftar=daftar)
    kurang = Kekurangan()
    sisi_out = []
    for sisi, siapa in zip(("pertama", "kedua"), PEJABAT_SISI[pk.jenjang], strict=True):
        sendiri = {k: getattr(pk, f"pihak_{sisi}_{k}") for k in PIHAK}
        if siapa is None or sendiri["nama"]:
            isi = sendiri
            if siapa is not None and not isi["jabatan"]:
                isi = {**isi, "jabatan": _resmi(siapa, t)["jabatan"]}
            labels = [LABEL[k] for k in WAJIB[siapa] if not isi[k]]
            kurang.tambah(labels, f"pihak {sisi}", letak="isi di halaman PK ini")
        else:
            isi = _resmi(siapa, t)
            labels = [LABEL[k] for k in WAJIB[siapa] if not isi[k]]
            kurang.tambah(labels, isi["jabatan"], tanggal)
        sisi_out.append(isi)
    return PihakPK(pertama=sisi_out[0], kedua=sisi_out[1], kurang=kurang)


def pk_grup(perangkat_daerah) -> list[list[PerjanjianKinerja]]:
    """One group per (tahun, jenjang, bidang): the newest version first, its history after."""
    grup: dict[tuple, list] = {}
    semua = (PerjanjianKinerja.objects.filter(perangkat_daerah=perangkat_daerah)
             .select_related("bidang").order_by("-tahun", "jenjang", "bidang__nama", "-versi"))
    for pk in semua:
        grup.setdefault((pk.tahun, pk.jenjang, pk.bidang_id), []).append(pk)
    return list(grup.values())


def kunci_anggaran(pemilik) -> tuple:
    """(program_id, kegiatan_id, subkegiatan_id) of a Table B owner, as a PKAnggaran row has it."""
    level = pemilik._meta.model_name
    return tuple(pemilik.pk if level == nama else None
                 for nama in ("program", "kegiatan", "subkegiatan"))


def pk_kandidat(pk: PerjanjianKinerja):
    """What the Renstra offers this PK (domain.md §1.2 lampiran, §9 item 6 cascading).

    Returns (renstra, indicators, budget owners): JPT Pratama — sasaran indicators (IKU first)
    and the programs supporting those sasaran; Administrator — program outcome indicators and
    kegiatan; Pengawas — kegiatan/sub kegiatan output indicators and sub kegiatan. A bidang on
    the PK narrows it to that bidang's nodes.
    """
    renstra = renstra_aktif(pk.perangkat_daerah, pk.tahun)
    if renstra is None or pk.tahun not in renstra.tahun_list:
        return renstra, Indikator.objects.none(), []
    ind = Indikator.objects.filter(renstra=renstra, aktif=True).select_related(
        "sasaran", "program", "kegiatan", "subkegiatan"
    )
    if pk.jenjang == Jenjang.JPT_PRATAMA:
        ind, pemilik = _kandidat_jpt(ind)
    elif pk.jenjang == Jenjang.ADMINISTRATOR:
        ind, pemilik = _kandidat_administrator(ind, renstra, pk.bidang_id)
    else:
        ind, pemilik = _kandidat_pengawas(ind, renstra, pk.bidang_id)
    return renstra, ind, pemilik


def _kandidat_jpt(ind):
    ind = ind.filter(sasaran__isnull=False).order_by("-is_iku", "sasaran__urutan", "urutan", "id")
    sasaran_ids = set(ind.values_list("sasaran_id", flat=True))
    pemilik = list(
        Program.objects.filter(
            pk__in=SasaranProgram.objects.filter(sasaran_id__in=sasaran_ids).values("program_id")
        ).order_by("urutan", "kode")
    )
    return ind, pemilik


def _kandidat_administrator(ind, renstra, bidang_id):
    ind = ind.filter(program__isnull=False)
    keg = Kegiatan.objects.filter(program__renstra=renstra).select_related("program")
    if bidang_id:
        ind = ind.filter(Q(bidang_id=bidang_id) | Q(program__bidang_id=bidang_id))
        keg = keg.filter(Q(bidang_id=bidang_id) | Q(program__bidang_id=bidang_id))
    return ind.order_by("program__kode", "urutan", "id"), list(keg.order_by("kode"))


def _kandidat_pengawas(ind, renstra, bidang_id):
    ind = ind.filter(Q(kegiatan__isnull=False) | Q(subkegiatan__isnull=False))
    sub = SubKegiatan.objects.filter(kegiatan__program__renstra=renstra)
    if bidang_id:
        ind = ind.filter(Q(bidang_id=bidang_id) | Q(kegiatan__bidang_id=bidang_id)
                         | Q(subkegiatan__bidang_id=bidang_id))
        sub = sub.filter(Q(bidang_id=bidang_id) | Q(kegiatan__bidang_id=bidang_id))
    ind = ind.order_by("kegiatan__kode", "subkegiatan__kode", "urutan", "id")
    return ind, list(sub.order_by("kode"))


def pk_tambahan(pk: PerjanjianKinerja, lines, anggaran):
    """What the builder may still add: (renstra, indicators, budget owners) not yet in the PK."""
    renstra, kandidat, pemilik = pk_kandidat(pk)
    sudah = {line.indikator_id for line in lines}
    sudah_b = {(r.program_id, r.kegiatan_id, r.subkegiatan_id) for r in anggaran}
    return (renstra, [i for i in kandidat if i.pk not in sudah],
            [p for p in pemilik if kunci_anggaran(p) not in sudah_b])


def target_renstra(indikator_list, tahun: int) -> dict[int, TargetIndikator]:
    """indikator id → its Renstra target of ``tahun`` (the PK line starts from it)."""
    return {t.indikator_id: t for t in TargetIndikator.objects.filter(
        indikator__in=[i.pk for i in indikator_list], tahun=tahun)}


def pagu_untuk_pk(renstra, tahun: int, pemilik_list) -> dict:
    """(level, id) → (anggaran, sumber): the DPA pagu efektif (§9 item 13: PK anggaran = DPA
    pagu), else the Renstra pagu indikatif of that year (own value, else Σ children)."""
    ringkasan = ringkasan_anggaran(renstra, tahun)
    indikatif = pagu_indikatif_map(renstra, tahun_list=[tahun])
    nilai_renstra: dict = {}

    def rollup(node) -> Decimal | None:
        anak = [rollup(c) for c in node.children]
        own = indikatif.get((node.level, node.id, tahun))
        if own is None and any(a is not None for a in anak):
            own = sum((a for a in anak if a is not None), Decimal(0))
        nilai_renstra[(node.level, node.id)] = own
        return own

    for program in struktur(renstra):
        rollup(program)
    out = {}
    for p in pemilik_list:
        key = (p._meta.model_name, p.pk)
        node = ringkasan.node(*key)
        if node is not None and node.pagu is not None:
            out[key] = (node.pagu, "DPA")
        elif nilai_renstra.get(key) is not None:
            out[key] = (nilai_renstra[key], "Renstra")
        else:
            out[key] = (None, "")
    return out


def pagu_pemilik(pemilik, tahun: int) -> Decimal | None:
    """The pagu a Table B line starts from when the planner leaves it blank."""
    renstra = renstra_dari_node(pemilik)
    return pagu_untuk_pk(renstra, tahun, [pemilik])[(pemilik._meta.model_name, pemilik.pk)][0]
