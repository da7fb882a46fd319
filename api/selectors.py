"""Reads of the read API: the same figures and keys as the LKjIP JSON, for the public or a token.

Two readers, two rules, each kept in one place:

* **the public** reads what is published — the rule lives in ``publik.selectors`` and is only
  called here (PK, LKjIP, Renstra published and not withdrawn; the LKjIP figures frozen at
  penetapan);
* **a token** reads its scope (``sakip.access.AksesToken``): every ditetapkan document, published
  or withdrawn, and for a year without a ditetapkan LKjIP the report as it would be built now —
  which counts VERIFIED realisasi only (``laporan.builder``), never drafts.

Numbers are the LKjIP JSON's (``laporan.render_json``): JSON numbers, percentages rounded half-up
to 2 decimals from unrounded inputs, money in rupiah. Nothing here writes.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet
from django.http import Http404

from anggaran.selectors import NodeAnggaran, ringkasan_anggaran
from api.auth import Lingkup
from kinerja.models import PerjanjianKinerja, PKAnggaran, PKIndikator
from kinerja.selectors import JENJANG_URUTAN, pk_berlaku
from laporan.builder import LaporanTidakDapatDisusun
from laporan.models import LaporanKinerja
from laporan.render_json import json_angka, json_persen, json_uang, ke_dict
from laporan.selectors import laporan_terbaru, susun
from publik import selectors as terbit
from renstra.models import Renstra
from renstra.selectors import PohonRenstra, pohon_renstra, renstra_aktif
from sakip.lib.angka import jumlah
from sakip.models import Pemda, PerangkatDaerah

# Keys of the LKjIP JSON the API serves. Left out: the narratives and generated sentences
# (a draft's text is not verified data; the signed text is the PDF), the laid-out tables and
# figures (the same numbers again, as text) and the draft warnings (the office's worklist).
KUNCI_LKJIP = ("perangkat_daerah", "tahun", "pemda", "laporan", "renstra", "penandatangan",
               "pengaturan", "standar_penilaian", "tujuan", "sasaran", "efisiensi", "anggaran",
               "perjanjian_kinerja", "penetapan_iku")
KUNCI_SASARAN = ("nomor", "uraian", "tujuan", "capaian", "kategori", "indikator", "program")
SUMBER_LKJIP = "lkjip_ditetapkan"
SUMBER_SEMENTARA = "data_terverifikasi"
SUMBER_PK = "pk_ditetapkan"


# --- offices ---------------------------------------------------------------------------------
def pemda_qs(lingkup: Lingkup) -> QuerySet[Pemda]:
    qs = Pemda.objects.order_by("nama", "pk")
    if lingkup.token is not None:
        qs = qs.filter(pk=lingkup.token.pemda_id)
    return qs


def perangkat_daerah_qs(lingkup: Lingkup, *, pemda: str | None = None
                        ) -> QuerySet[PerangkatDaerah]:
    """Offices the reader may see (the public: every office; its published documents are
    what it may read), optionally of one pemda (id or slug)."""
    qs = PerangkatDaerah.objects.select_related("pemda").order_by("pemda__nama", "nama", "pk")
    if lingkup.akses is not None:
        qs = qs.filter(**lingkup.akses.perangkat_daerah_filter())
    if pemda:
        p = terbit.pemda_dari_kunci(pemda)
        qs = qs.filter(pemda=p) if p is not None else qs.none()
    return qs


def perangkat_daerah_get(lingkup: Lingkup, slug: str) -> PerangkatDaerah:
    """One office by slug; outside a token's scope it answers 404, like a slug that does not
    exist (sakip.access.get_pd_or_403)."""
    pd = PerangkatDaerah.objects.select_related("pemda").filter(slug=slug).first()
    if pd is None or (lingkup.akses is not None and not lingkup.akses.can_view(pd)):
        raise Http404("Perangkat daerah tidak ditemukan.")
    return pd


def _kantor(pd: PerangkatDaerah) -> dict:
    """The office as the LKjIP JSON names it (``perangkat_daerah`` = its name) and its slug."""
    return {"perangkat_daerah": pd.nama, "perangkat_daerah_slug": pd.slug}


def perangkat_daerah_json(pd: PerangkatDaerah) -> dict:
    return {"id": pd.pk, "slug": pd.slug, "kode": pd.kode, "nama": pd.nama,
            "singkatan": pd.singkatan, "pemda": {"id": pd.pemda_id, "nama": pd.pemda.nama}}


# --- LKjIP -----------------------------------------------------------------------------------
def _lkjip_token(lingkup: Lingkup, *, pemda: str | None, pd: PerangkatDaerah | None,
                 tahun: int | None) -> list[LaporanKinerja]:
    qs = LaporanKinerja.objects.filter(**{
        f"perangkat_daerah__{k}": v for k, v in lingkup.akses.perangkat_daerah_filter().items()
    }).select_related("berkas_final").defer(
        "snapshot", "snapshot_html", "narasi", "reviu_catatan", "berkas_final__html")
    if pd is not None:
        qs = qs.filter(perangkat_daerah=pd)
    if pemda:
        p = terbit.pemda_dari_kunci(pemda)
        qs = qs.filter(perangkat_daerah__pemda=p) if p is not None else qs.none()
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    return list(qs.order_by("perangkat_daerah_id", "-tahun", "-versi"))


def lkjip_list(lingkup: Lingkup, *, pemda: str | None = None, pd: PerangkatDaerah | None = None,
               tahun: int | None = None) -> list[dict]:
    """LKjIP documents and their status: the public sees the published ones, a token every
    version of its scope (draft, reviu, ditetapkan) and whether it is published."""
    publik = terbit.lkjip_terbit(pd=pd, tahun=tahun, pemda=_pemda_id(pemda))
    terbit_ids = {lap.pk: lap for lap in publik}
    rows = publik if lingkup.publik else _lkjip_token(lingkup, pemda=pemda, pd=pd, tahun=tahun)
    kantor = {pk: (nama, slug) for pk, nama, slug in PerangkatDaerah.objects.filter(
        pk__in={r.perangkat_daerah_id for r in rows}).values_list("pk", "nama", "slug")}
    return [_lkjip_item(r, kantor[r.perangkat_daerah_id], terbit_ids.get(r.pk)) for r in rows]


def _pemda_id(pemda: str | None):
    if not pemda:
        return None
    p = terbit.pemda_dari_kunci(pemda)
    return p.pk if p is not None else -1


def _lkjip_item(lap: LaporanKinerja, kantor: tuple[str, str], terbit_row) -> dict:
    berkas = lap.berkas_final
    return {
        "id": lap.pk, "perangkat_daerah": kantor[0], "perangkat_daerah_slug": kantor[1],
        "tahun": lap.tahun, "versi": lap.versi,
        "status": lap.status,
        "tanggal_penetapan": lap.tanggal_penetapan,
        "dipublikasikan": terbit_row is not None,
        "dipublikasikan_pada": terbit_row.terbit_pada if terbit_row is not None else None,
        "pdf_tersedia": bool(berkas is not None and berkas.siap),
        "data_hash": lap.data_hash or None,
    }


def lkjip_data(lingkup: Lingkup, pd: PerangkatDaerah, tahun: int) -> tuple[dict, str]:
    """The LKjIP JSON of one office and year and where its figures come from.

    Public: the frozen snapshot of the published version. Token: the snapshot of the last
    ditetapkan version (published or withdrawn), else the report built now from verified
    data. 404 when there is nothing the reader may see."""
    if lingkup.publik:
        lap = terbit.lkjip_satu(pd, tahun)
        if lap is None:
            raise Http404("LKjIP tahun ini belum dipublikasikan.")
        return _potong(lap.snapshot), SUMBER_LKJIP
    lap = (LaporanKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun,
                                         status=LaporanKinerja.Status.DITETAPKAN)
           .defer("snapshot_html", "narasi").order_by("-versi").first())
    if lap is not None:
        return _potong(lap.snapshot), SUMBER_LKJIP
    try:
        data = susun(pd, tahun, laporan_terbaru(pd, tahun)).data
    except LaporanTidakDapatDisusun as e:
        raise Http404(str(e)) from None
    return _potong(ke_dict(data)), SUMBER_SEMENTARA


def _potong(d: dict | None) -> dict:
    d = d or {}
    out = {k: d.get(k) for k in KUNCI_LKJIP}
    out["sasaran"] = [{k: s.get(k) for k in KUNCI_SASARAN} for s in d.get("sasaran") or []]
    return out


def capaian(lingkup: Lingkup, pd: PerangkatDaerah, tahun: int) -> dict:
    """Capaian per indicator per quarter and per year (the LKjIP's sasaran block). The public
    without a published LKjIP gets the provisional figures of the published PK (publik)."""
    try:
        d, sumber = lkjip_data(lingkup, pd, tahun)
    except Http404:
        if not lingkup.publik:
            raise
        return _capaian_pk_terbit(pd, tahun)
    return {**_kantor(pd), "tahun": tahun, "sumber": sumber,
            "sasaran": d["sasaran"]}


def _capaian_pk_terbit(pd: PerangkatDaerah, tahun: int) -> dict:
    c = terbit.capaian_terbit(pd, tahun)
    if c is None:
        raise Http404("Belum ada capaian yang dipublikasikan untuk tahun ini.")
    per_sasaran: dict[str, list] = defaultdict(list)
    for i in c.indikator:
        per_sasaran[i.sasaran].append({
            "uraian": i.uraian, "satuan": i.satuan, "target": json_angka(i.target, 4),
            "target_teks": i.target_teks or None, "realisasi": json_angka(i.realisasi, 4),
            "realisasi_teks": i.realisasi_teks or None, "capaian": json_persen(i.capaian),
            "kategori": i.kategori, "iku": i.iku,
        })
    return {**_kantor(pd), "tahun": tahun, "sumber": SUMBER_PK,
            "sasaran": [{"uraian": s, "capaian": None, "kategori": None, "indikator": ind}
                        for s, ind in per_sasaran.items()]}


# --- budget ----------------------------------------------------------------------------------
def anggaran(lingkup: Lingkup, pd: PerangkatDaerah, tahun: int) -> dict:
    """Pagu, realisasi and serapan per program → kegiatan (→ sub kegiatan for a token).

    The public reads the budget the signed LKjIP vouches for (publik: realisasi anggaran has no
    verification of its own), which lists programs and kegiatan; a token reads the budget as
    recorded now, down to every sub kegiatan (``anggaran.selectors``)."""
    if lingkup.publik:
        d, sumber = lkjip_data(lingkup, pd, tahun)
        return {**_kantor(pd), "tahun": tahun, "sumber": sumber,
                **d["anggaran"]}
    renstra = renstra_aktif(pd, tahun)
    if renstra is None:
        raise Http404("Perangkat daerah ini belum memiliki Renstra.")
    r = ringkasan_anggaran(renstra, tahun)
    return {**_kantor(pd), "tahun": tahun, "sumber": SUMBER_SEMENTARA,
            "pagu": json_uang(r.pagu), "pagu_murni": json_uang(r.pagu_murni),
            "realisasi": json_uang(r.realisasi), "serapan": json_persen(r.serapan),
            "program": [_node(p) for p in r.program]}


def _node(n: NodeAnggaran) -> dict:
    out = {"kode": n.kode, "uraian": n.nama, "pagu": json_uang(n.pagu),
           "pagu_murni": json_uang(n.pagu_murni), "realisasi": json_uang(n.realisasi),
           "serapan": json_persen(n.serapan)}
    if n.level == "program":
        out["kegiatan"] = [_node(k) for k in n.children]
    elif n.level == "kegiatan":
        out["sub_kegiatan"] = [_node(s) for s in n.children]
    return out


# --- PK --------------------------------------------------------------------------------------
def pk_list(lingkup: Lingkup, pd: PerangkatDaerah, tahun: int | None) -> list[dict]:
    """The PK in force per jenjang/bidang with its TW targets and budget lines: the public the
    published ones, a token every ditetapkan one of its scope (never a draft)."""
    if lingkup.publik:
        pks = terbit.pk_terbit(pd=pd, tahun=tahun)
        terbit_ids = {pk.pk for pk in pks}
    else:
        tahun_list = [tahun] if tahun is not None else list(
            PerjanjianKinerja.objects.filter(perangkat_daerah=pd).order_by()
            .values_list("tahun", flat=True).distinct())
        pks = [pk for pk in pk_berlaku([pd.pk], tahun_list).values()
               if pk.status == PerjanjianKinerja.Status.DITETAPKAN]
        terbit_ids = {pk.pk for pk in terbit.pk_terbit(pd=pd, tahun=tahun)}
        pks.sort(key=lambda pk: (-pk.tahun, JENJANG_URUTAN[pk.jenjang], pk.bidang_id or 0))
    return _pk_json(pd, pks, terbit_ids)


def _pk_json(pd: PerangkatDaerah, pks: list[PerjanjianKinerja], terbit_ids: set[int]
             ) -> list[dict]:
    ids = [pk.pk for pk in pks]
    lines: dict[int, list[PKIndikator]] = defaultdict(list)
    for line in PKIndikator.objects.filter(perjanjian_id__in=ids).select_related(
            "indikator__sasaran").order_by("urutan", "pk"):
        lines[line.perjanjian_id].append(line)
    budget: dict[int, list[PKAnggaran]] = defaultdict(list)
    for row in PKAnggaran.objects.filter(perjanjian_id__in=ids).select_related(
            "program", "kegiatan", "subkegiatan").order_by("urutan", "pk"):
        budget[row.perjanjian_id].append(row)
    bidang = dict(pd.bidang_set.values_list("pk", "nama")) if any(
        pk.bidang_id for pk in pks) else {}
    return [_pk_item(pk, lines[pk.pk], budget[pk.pk], bidang, pk.pk in terbit_ids)
            for pk in pks]


def _pk_item(pk: PerjanjianKinerja, lines, budget, bidang: dict, diterbitkan: bool) -> dict:
    anggaran_rows = [{"kode": a.pemilik.kode, "uraian": a.pemilik.nama,
                      "anggaran": json_uang(a.anggaran)} for a in budget]
    total = jumlah(a.anggaran for a in budget)
    return {
        "id": pk.pk, "tahun": pk.tahun, "jenjang": pk.jenjang,
        "unit_kerja": bidang.get(pk.bidang_id), "versi": pk.versi,
        "jenis": pk.get_jenis_display(), "status": pk.status,
        "tanggal": pk.tanggal, "nomor": pk.nomor,
        "dipublikasikan": diterbitkan,
        "dipublikasikan_pada": pk.ditetapkan_pada if diterbitkan else None,
        # The signatories, as the signed document names them (never anyone else).
        "pihak_pertama": {"nama": pk.pihak_pertama_nama, "jabatan": pk.pihak_pertama_jabatan,
                          "nip": pk.pihak_pertama_nip},
        "pihak_kedua": {"nama": pk.pihak_kedua_nama, "jabatan": pk.pihak_kedua_jabatan},
        "indikator": [
            {"sasaran": line.indikator.sasaran.uraian if line.indikator.sasaran else None,
             "uraian": line.indikator.uraian, "satuan": line.indikator.satuan,
             "target": json_angka(line.target_tahunan, line.indikator.desimal),
             "target_teks": line.target_tahunan_teks or None,
             "target_triwulan": [json_angka(v, line.indikator.desimal)
                                 for v in line.target_tw_list],
             "mode_triwulan": line.mode_tw}
            for line in lines
        ],
        "anggaran": anggaran_rows,
        "total_anggaran": json_uang(total),
    }


# --- Renstra ---------------------------------------------------------------------------------
def renstra_get(lingkup: Lingkup, pd: PerangkatDaerah, tahun: int | None) -> dict:
    """The Renstra tree (tujuan → sasaran → indikator with yearly targets; program → kegiatan
    → sub kegiatan with their indicators and pagu indikatif). The public reads the published
    Renstra (the one covering ``tahun``, else the newest); a token the one in force."""
    if lingkup.publik:
        daftar = terbit.renstra_terbit(pd=pd)
        pilih = [r for r in daftar if tahun is None or r.tahun_awal <= tahun <= r.tahun_akhir]
        renstra = pilih[0] if pilih else None
        terbit_pada = renstra.terbit_pada if renstra is not None else None
    else:
        renstra = renstra_aktif(pd, tahun)
        daftar = {r.pk: r for r in terbit.renstra_terbit(pd=pd)}
        terbit_pada = daftar[renstra.pk].terbit_pada if renstra and renstra.pk in daftar else None
    if renstra is None:
        raise Http404("Renstra belum dipublikasikan.")
    return _renstra_json(pd, renstra, pohon_renstra(renstra), terbit_pada)


def _indikator(ind, tahun_list: list[int]) -> dict:
    d = ind.desimal
    return {
        "kode": ind.kode, "uraian": ind.uraian, "satuan": ind.satuan,
        "polaritas": ind.polaritas, "agregasi": ind.agregasi, "iku": ind.is_iku,
        "spm": ind.is_spm,
        "kondisi_awal": {"tahun": ind.baseline_tahun, "nilai": json_angka(ind.baseline_nilai, d)},
        "target": [
            {"tahun": th, "target": json_angka(t.nilai, d) if t else None,
             "target_teks": (t.nilai_teks or None) if t else None}
            for th, t in zip(tahun_list, ind.target_cells, strict=True)
        ],
    }


def _simpul(n, tahun_list: list[int]) -> dict:
    out = {"kode": n.obj.kode, "uraian": n.obj.nama,
           "indikator": [_indikator(i, tahun_list) for i in n.indikator],
           "pagu_indikatif": [{"tahun": s.tahun, "pagu": json_uang(s.nilai)} for s in n.pagu]}
    anak = [_simpul(c, tahun_list) for c in n.children]
    if n.level == "program":
        out["kegiatan"] = anak
    elif n.level == "kegiatan":
        out["sub_kegiatan"] = anak
    return out


def _renstra_json(pd: PerangkatDaerah, renstra: Renstra, pohon: PohonRenstra,
                  terbit_pada) -> dict:
    th = pohon.tahun_list
    return {
        **_kantor(pd), "id": renstra.pk, "nama": renstra.nama,
        "tahun_awal": renstra.tahun_awal, "tahun_akhir": renstra.tahun_akhir,
        "versi": renstra.versi, "nomor": renstra.nomor_penetapan or None,
        "tanggal_penetapan": renstra.tanggal_penetapan,
        "dipublikasikan": terbit_pada is not None, "dipublikasikan_pada": terbit_pada,
        "tahun": th,
        "tujuan": [
            {"kode": t.kode, "uraian": t.uraian,
             "indikator": [_indikator(i, th) for i in t.indikator_list],
             "sasaran": [{"kode": s.kode, "uraian": s.uraian,
                          "indikator": [_indikator(i, th) for i in s.indikator_list],
                          "program": [p.kode for p in s.program_list]}
                         for s in t.sasaran_list]}
            for t in pohon.tujuan
        ],
        "program": [_simpul(p, th) for p in pohon.program],
    }
