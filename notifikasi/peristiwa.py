"""The events behind the inbox: who is told what, in one place.

The write services of the upper apps (realisasi, PK, periods, LKjIP, review notes, LKE follow-up)
call one function here at the point where the event happens, inside their transaction. This
module imports no upper app: it reads the objects it is given (``realisasi.indikator.uraian``,
``pk.tahun`` …) and links by URL name. Who reports an indicator is the kinerja rule, so the
caller passes ``bidang_ids``.

Recipients (issue rule "the events behind the inbox"): a returned value → the staf of its bidang
and whoever entered it; a submitted value → the perencana; a verified value → whoever entered
it; a PK or an LKjIP waiting for penetapan → the Kepala; a new review note or the reviewer's
follow-up → perencana and Kepala; the office's answer → the note's author; a period opened or
closed → the staf of the office. Nobody is told about their own step.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from notifikasi.models import JenisNotifikasi as J
from notifikasi.selectors import penerima
from notifikasi.services import notifikasi_create_banyak
from sakip.audit import nama_pelaku
from sakip.lib.periode import format_tanggal, romawi
from sakip.models import Role

_MAKS_DAFTAR = 5


def nama(user) -> str:
    """A person's name as every page says it (never a bidang): ``sakip.audit.nama_pelaku``."""
    return nama_pelaku(user)


def _oleh(user) -> str:
    return f" oleh {nama(user)}" if getattr(user, "is_authenticated", False) else ""


def _daftar(uraian: list[str]) -> str:
    teks = "; ".join(uraian[:_MAKS_DAFTAR])
    if len(uraian) > _MAKS_DAFTAR:
        teks += f"; dan {len(uraian) - _MAKS_DAFTAR} lainnya"
    return teks


def _url(name: str, *args, **query) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


# --- realisasi ------------------------------------------------------------------------------

def realisasi_diajukan(*, pd, realisasi: list, oleh) -> None:
    """Values submitted for verification → the office's perencana (one notice per quarter)."""
    per_tw: dict[tuple[int, int], list] = {}
    for r in realisasi:
        per_tw.setdefault((r.tahun, r.triwulan), []).append(r)
    if not per_tw:
        return
    kepada = penerima(pd=pd, peran=[Role.PERENCANA], kecuali=oleh)
    for (tahun, tw), rows in sorted(per_tw.items()):
        notifikasi_create_banyak(
            kepada, J.DIAJUKAN,
            f"{len(rows)} realisasi {tahun} TW {romawi(tw)} menunggu verifikasi",
            f"Diajukan{_oleh(oleh)}: {_daftar([r.indikator.uraian for r in rows])}.",
            _url("kinerja:verifikasi", pd.slug, tahun=tahun, tw=tw), pd=pd)


def _url_isi(pd, r) -> str:
    return reverse("kinerja:realisasi-edit", args=[pd.slug, r.indikator_id, r.tahun, r.triwulan])


def realisasi_dikembalikan(*, pd, realisasi, bidang_ids, oleh, komentar: str) -> None:
    """A value returned with the verifier's comment → the staf of its bidang and who entered
    it."""
    r = realisasi
    kepada = penerima(pd=pd, peran=[Role.STAF_BIDANG], bidang_ids=bidang_ids,
                      user_ids=[r.entered_by_id], kecuali=oleh)
    notifikasi_create_banyak(
        kepada, J.DIKEMBALIKAN,
        f"Realisasi dikembalikan: {r.indikator.uraian} {r.tahun} TW {romawi(r.triwulan)}",
        f"Dikembalikan{_oleh(oleh)} dengan komentar: {komentar}",
        _url_isi(pd, r), pd=pd, kunci=f"realisasi:{r.pk}:dikembalikan:{r.row_version}")


def realisasi_diverifikasi(*, pd, realisasi, oleh) -> None:
    """A value verified → whoever entered it."""
    r = realisasi
    kepada = penerima(pd=pd, user_ids=[r.entered_by_id], kecuali=oleh)
    notifikasi_create_banyak(
        kepada, J.DIVERIFIKASI,
        f"Realisasi diverifikasi: {r.indikator.uraian} {r.tahun} TW {romawi(r.triwulan)}",
        f"Diverifikasi{_oleh(oleh)}." + (f" Komentar: {r.komentar_verifikasi}"
                                          if r.komentar_verifikasi else ""),
        _url_isi(pd, r), pd=pd, kunci=f"realisasi:{r.pk}:diverifikasi:{r.row_version}")


def periode_berubah(*, pd, periode, oleh) -> None:
    """An input period opened or closed → the office's staf."""
    p = periode
    label = f"{p.tahun} triwulan {romawi(p.triwulan)}"
    if p.dibuka:
        jenis, judul = J.PERIODE_DIBUKA, f"Periode input realisasi {label} dibuka"
        pesan = "Isi dan ajukan realisasi indikator bidang Anda"
        if p.batas_waktu:
            pesan += f" paling lambat {format_tanggal(p.batas_waktu)}"
        pesan += "."
    else:
        jenis, judul = J.PERIODE_DITUTUP, f"Periode input realisasi {label} ditutup"
        pesan = "Nilai triwulan ini tidak dapat diubah lagi tanpa perencana."
    kepada = penerima(pd=pd, peran=[Role.STAF_BIDANG], kecuali=oleh)
    notifikasi_create_banyak(kepada, jenis, judul, pesan + _oleh_kalimat(oleh),
                             _url("kinerja:staf", pd.slug, tahun=p.tahun, tw=p.triwulan), pd=pd)


def _oleh_kalimat(user) -> str:
    return f" Diubah oleh {nama(user)}." if getattr(user, "is_authenticated", False) else ""


# --- Perjanjian Kinerja ---------------------------------------------------------------------

def _label_pk(pk) -> str:
    bidang = f" {pk.bidang}" if getattr(pk, "bidang_id", None) else ""
    return f"PK {pk.tahun} {pk.get_jenjang_display()}{bidang} versi {pk.versi}"


def pk_diajukan(*, pk, oleh) -> None:
    """A PK handed over for penetapan → the Kepala."""
    pd = pk.perangkat_daerah
    kepada = penerima(pd=pd, peran=[Role.KEPALA], kecuali=oleh)
    notifikasi_create_banyak(
        kepada, J.PK_MENUNGGU, f"{_label_pk(pk)} menunggu penetapan",
        f"Diajukan{_oleh(oleh)}. Periksa isinya, lalu tetapkan atau kembalikan ke perencana.",
        _url("kinerja:pk-detail", pd.slug, pk.pk), pd=pd,
        kunci=f"pk:{pk.pk}:diajukan:{pk.row_version}")


def pk_ditetapkan(*, pk, oleh) -> None:
    """A PK signed → the perencana (and whoever drafted it)."""
    pd = pk.perangkat_daerah
    kepada = penerima(pd=pd, peran=[Role.PERENCANA], user_ids=[pk.dibuat_oleh_id], kecuali=oleh)
    notifikasi_create_banyak(
        kepada, J.PK_DITETAPKAN, f"{_label_pk(pk)} ditetapkan",
        f"Ditetapkan{_oleh(oleh)}; isinya kini terkunci.",
        _url("kinerja:pk-detail", pd.slug, pk.pk), pd=pd, kunci=f"pk:{pk.pk}:ditetapkan")


# --- LKjIP ----------------------------------------------------------------------------------

def lkjip_menunggu(*, laporan, oleh) -> None:
    """An LKjIP reviewed by the Inspektorat is ready for penetapan → the Kepala."""
    pd = laporan.perangkat_daerah
    kepada = penerima(pd=pd, peran=[Role.KEPALA], kecuali=oleh)
    notifikasi_create_banyak(
        kepada, J.LKJIP_MENUNGGU,
        f"LKjIP {laporan.tahun} versi {laporan.versi} menunggu penetapan",
        f"Reviu Inspektorat tercatat{_oleh(oleh)} (LHR {laporan.reviu_nomor}). Periksa "
        "laporannya, lalu tetapkan.",
        _url("laporan:lkjip", pd.slug, laporan.tahun), pd=pd,
        kunci=f"lkjip:{laporan.pk}:reviu:{laporan.row_version}")


def lkjip_ditetapkan(*, laporan, oleh) -> None:
    """An LKjIP signed → the perencana."""
    pd = laporan.perangkat_daerah
    kepada = penerima(pd=pd, peran=[Role.PERENCANA], kecuali=oleh)
    notifikasi_create_banyak(
        kepada, J.LKJIP_DITETAPKAN,
        f"LKjIP {laporan.tahun} versi {laporan.versi} ditetapkan",
        f"Ditetapkan{_oleh(oleh)}; unggah ke portal e-SAKIP.",
        _url("laporan:lkjip", pd.slug, laporan.tahun), pd=pd,
        kunci=f"lkjip:{laporan.pk}:ditetapkan")


# --- review notes (catatan reviu) -----------------------------------------------------------

# RiwayatCatatan.Aksi values (dasbor): the office's steps go to the note's author, the
# reviewer's steps to the office.
_LANGKAH_KANTOR = {"dijawab": "dijawab", "selesai": "diselesaikan"}
_LANGKAH_REVIEWER = {"dibuat": "baru", "ditanggapi": "ditanggapi", "dibuka": "dibuka kembali"}


def catatan_langkah(*, catatan, langkah, oleh) -> None:
    """One step of a review note's thread (``dasbor.services._langkah``)."""
    pd = catatan.perangkat_daerah
    url = reverse("dasbor:catatan-detail", args=[catatan.pk])
    ringkas = catatan.isi if len(catatan.isi) <= 120 else catatan.isi[:117] + "…"
    kunci = f"catatan:{catatan.pk}:langkah:{langkah.pk}"
    if langkah.aksi in _LANGKAH_KANTOR:
        kepada = penerima(pd=pd, user_ids=[catatan.dibuat_oleh_id], kecuali=oleh)
        notifikasi_create_banyak(
            kepada, J.CATATAN_DIJAWAB,
            f"Catatan reviu {pd.singkatan or pd.nama} {_LANGKAH_KANTOR[langkah.aksi]}",
            f"“{ringkas}” — {_LANGKAH_KANTOR[langkah.aksi]}{_oleh(oleh)}."
            + (f" {langkah.isi}" if langkah.isi else ""), url, pd=pd, kunci=kunci)
    elif langkah.aksi in _LANGKAH_REVIEWER:
        kepada = penerima(pd=pd, peran=[Role.PERENCANA, Role.KEPALA], kecuali=oleh)
        notifikasi_create_banyak(
            kepada, J.CATATAN_BARU,
            f"Catatan reviu {_LANGKAH_REVIEWER[langkah.aksi]} untuk {catatan.tahun}",
            f"“{ringkas}”{_oleh(oleh)}." + (f" {langkah.isi}" if langkah.isi else ""),
            url, pd=pd, kunci=kunci)


# --- Evaluasi AKIP follow-up (called by lke.services) ----------------------------------------

def tindak_lanjut_rekomendasi_baru(*, pd, tahun: int, jumlah: int, url: str, oleh,
                                   kunci: str) -> None:
    """An LHE with ``jumlah`` recommendations recorded → perencana and Kepala must follow up.
    ``kunci``: e.g. ``f"lhe:{hasil.pk}:rekomendasi"``."""
    if not jumlah:
        return
    kepada = penerima(pd=pd, peran=[Role.PERENCANA, Role.KEPALA], kecuali=oleh)
    notifikasi_create_banyak(
        kepada, J.TINDAK_LANJUT_BARU,
        f"{jumlah} rekomendasi Evaluasi AKIP {tahun} perlu ditindaklanjuti",
        f"Laporan Hasil Evaluasi dicatat{_oleh(oleh)}. Tuliskan tindak lanjut tiap "
        "rekomendasi beserta buktinya.", url, pd=pd, kunci=kunci)


def tindak_lanjut_diajukan(*, pd, rekomendasi: str, url: str, oleh, kunci: str) -> None:
    """The office answered a recommendation → the Inspektorat of the pemda.
    ``kunci``: e.g. ``f"tindak-lanjut:{tl.pk}:diajukan"``."""
    kepada = penerima(pd=pd, peran=[Role.INSPEKTORAT], kecuali=oleh)
    notifikasi_create_banyak(
        kepada, J.TINDAK_LANJUT_DIAJUKAN,
        f"Tindak lanjut {pd.singkatan or pd.nama} menunggu penilaian",
        f"Rekomendasi: {rekomendasi}. Diajukan{_oleh(oleh)}.", url, pd=pd, kunci=kunci)


def tindak_lanjut_diputus(*, pd, rekomendasi: str, diterima: bool, catatan: str, url: str,
                          oleh, kunci: str) -> None:
    """The Inspektorat accepted or reopened a follow-up → perencana and Kepala.
    ``kunci``: e.g. ``f"tindak-lanjut:{tl.pk}:diputus"``."""
    kepada = penerima(pd=pd, peran=[Role.PERENCANA, Role.KEPALA], kecuali=oleh)
    jenis = J.TINDAK_LANJUT_DITERIMA if diterima else J.TINDAK_LANJUT_DIBUKA
    judul = "Tindak lanjut diterima" if diterima else "Tindak lanjut dibuka kembali"
    notifikasi_create_banyak(
        kepada, jenis, f"{judul}: {rekomendasi[:120]}",
        f"{judul}{_oleh(oleh)}." + (f" Catatan: {catatan}" if catatan else ""), url, pd=pd,
        kunci=kunci)
