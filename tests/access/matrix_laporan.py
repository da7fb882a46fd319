"""Who may use the LKjIP pages: every role of the office views and downloads (staf
bidang read-only), perencana/admin edit narratives and start versions, the Inspektorat records
the review, only the Kepala menetapkan; another office's perencana sees nothing."""

from tests.access.spec import DENY, HIDDEN, LOGIN, NA, OK, Spec, semua

LIHAT = semua(OK, anon=LOGIN, perencana_lain=HIDDEN)
TIDAK_ADA_METODE = semua(NA)


def _lkjip(w):
    return {"slug": w.pd.slug, "tahun": 2024}


def _berkas(w):
    from laporan.models import BerkasLKjIP

    # get_or_create: other tests call every matrix row's kwargs on one database.
    b, _ = BerkasLKjIP.objects.get_or_create(perangkat_daerah=w.pd, tahun=2024, hash="0" * 64,
                                             defaults={"html": "<p>uji</p>"})
    return {"slug": w.pd.slug, "pk": b.pk}


PENULIS = semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, perencana=OK, admin=OK)

MATRIX = {
    "laporan:daftar": Spec(kwargs=lambda w: {"slug": w.pd.slug}, get=LIHAT,
                           post=TIDAK_ADA_METODE),
    "laporan:lkjip": Spec(kwargs=_lkjip, get=LIHAT, post=TIDAK_ADA_METODE),
    "laporan:pratinjau": Spec(kwargs=_lkjip, get=LIHAT, post=TIDAK_ADA_METODE),
    "laporan:unduh": Spec(kwargs=lambda w: {**_lkjip(w), "fmt": "json"}, get=LIHAT,
                          post=TIDAK_ADA_METODE),
    "laporan:berkas": Spec(kwargs=_berkas, get=LIHAT, post=TIDAK_ADA_METODE),
    "laporan:berkas-unduh": Spec(kwargs=_berkas, get=LIHAT, post=TIDAK_ADA_METODE,
                                 note="not ready yet: redirects to the progress page"),
    "laporan:mulai": Spec(kwargs=_lkjip, get=TIDAK_ADA_METODE, post=PENULIS,
                          note="the demo draft exists: refused with a message, no change"),
    "laporan:versi-baru": Spec(kwargs=_lkjip, get=TIDAK_ADA_METODE, post=PENULIS),
    "laporan:narasi": Spec(kwargs=_lkjip, get=PENULIS, post=PENULIS,
                           note="empty POST is refused with 400 (basis efisiensi required)"),
    "laporan:capaian-terbit": Spec(kwargs=_lkjip, get=PENULIS, post=PENULIS,
                                   note="empty POST is refused with 400 (fields required)"),
    "laporan:reviu": Spec(kwargs=_lkjip,
                          get=semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, inspektorat=OK),
                          post=semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, inspektorat=OK),
                          note="only the Inspektorat; empty POST refused with 400"),
    "laporan:tetapkan": Spec(kwargs=_lkjip, get=TIDAK_ADA_METODE,
                             post=semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, kepala=OK),
                             note="kepala without the 'setuju' box: message and redirect"),
}
