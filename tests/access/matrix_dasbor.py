"""Access to the dashboards and review notes.

* Office dashboard: every role of the office (staf bidang see their bidang only); Inspektorat
  and admin any office of the pemda; another office's planner is refused.
* Pemda dashboard: Inspektorat and admin only.
* Drill-down: sasaran pages need the whole office (not staf bidang); indikator and realisasi
  pages follow the indicator's bidang (staf of another bidang is refused).
* Review notes: read by the reviewer, the office's perencana and kepala, and admin; written by
  Inspektorat only; answered and resolved by perencana/kepala; reopened by Inspektorat.
"""

from tests.access.spec import DENY, HIDDEN, LOGIN, NA, OK, Spec, semua

REHABILITASI = "Persentase PPKS yang Mendapatkan Pelayanan Rehabilitasi"


def _sasaran(w):
    from renstra.models import Sasaran

    return Sasaran.objects.filter(tujuan__renstra__perangkat_daerah=w.pd).first()


def _iku(w):
    from renstra.models import Indikator

    return Indikator.objects.filter(renstra__perangkat_daerah=w.pd, is_iku=True).first()


def _indikator_rehsos(w):
    """A program indicator of Bidang Pelayanan dan Rehabilitasi Sosial (staf.rehsos's bidang)."""
    from renstra.models import Indikator

    return Indikator.objects.get(renstra__perangkat_daerah=w.pd, uraian=REHABILITASI)


def _realisasi_rehsos(w):
    from kinerja.models import Realisasi

    return Realisasi.objects.get(indikator=_indikator_rehsos(w), tahun=2024, triwulan=4)


def _catatan(w):
    """The demo's open note (demo/dasbor.py)."""
    from dasbor.models import CatatanReviu

    return CatatanReviu.objects.filter(perangkat_daerah=w.pd, realisasi__isnull=False).first()


KANTOR = semua(OK, anon=LOGIN, perencana_lain=HIDDEN)
SELURUH_KANTOR = semua(OK, anon=LOGIN, staf_own=DENY, staf_other=DENY, perencana_lain=HIDDEN)
BIDANG_SENDIRI = semua(OK, anon=LOGIN, staf_other=DENY, perencana_lain=HIDDEN)
BACA_CATATAN = semua(OK, anon=LOGIN, staf_own=DENY, staf_other=DENY, perencana_lain=DENY)
HANYA_GET = semua(NA)
HANYA_POST = semua(NA)

MATRIX = {
    "dasbor:kantor": Spec(query=lambda w: {"pd": w.pd.slug, "tahun": 2024}, get=KANTOR,
                          post=HANYA_GET),
    "dasbor:pemda": Spec(get=semua(DENY, anon=LOGIN, inspektorat=OK, admin=OK), post=HANYA_GET),
    "dasbor:sasaran": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "pk": _sasaran(w).pk},
        query=lambda w: {"tahun": 2024}, get=SELURUH_KANTOR, post=HANYA_GET,
    ),
    "dasbor:indikator": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "pk": _indikator_rehsos(w).pk},
        query=lambda w: {"tahun": 2024}, get=BIDANG_SENDIRI, post=HANYA_GET,
    ),
    "dasbor:realisasi": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "pk": _realisasi_rehsos(w).pk},
        get=BIDANG_SENDIRI, post=HANYA_GET,
    ),
    "dasbor:catatan-buat": Spec(
        kwargs=lambda w: {"slug": w.pd.slug},
        query=lambda w: {"indikator": _iku(w).pk, "tahun": 2024},
        get=semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, inspektorat=OK),
        post=semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, inspektorat=OK),
        post_data=lambda w: {"jenis": "indikator", "objek": _iku(w).pk, "tahun": 2024,
                             "isi": "Catatan uji matriks akses."},
    ),
    "dasbor:catatan-daftar": Spec(query=lambda w: {"pd": w.pd.slug},
                                  get={**BACA_CATATAN, "perencana_lain": HIDDEN},
                                  post=HANYA_GET),
    "dasbor:catatan-detail": Spec(kwargs=lambda w: {"pk": _catatan(w).pk}, get=BACA_CATATAN,
                                  post=HANYA_GET),
    "dasbor:catatan-jawab": Spec(
        kwargs=lambda w: {"pk": _catatan(w).pk}, get=HANYA_POST,
        post=semua(DENY, anon=LOGIN, perencana=OK, kepala=OK, inspektorat=OK),
        post_data=lambda w: {"isi": "Jawaban uji matriks akses."},
    ),
    "dasbor:catatan-selesai": Spec(
        kwargs=lambda w: {"pk": _catatan(w).pk}, get=HANYA_POST,
        post=semua(DENY, anon=LOGIN, perencana=OK, kepala=OK),
    ),
    "dasbor:catatan-buka": Spec(
        kwargs=lambda w: {"pk": _catatan(w).pk}, get=HANYA_POST,
        post=semua(DENY, anon=LOGIN, inspektorat=OK),
        post_data=lambda w: {"isi": "Tindak lanjut belum memadai."},
    ),
}
