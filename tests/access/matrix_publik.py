"""Who may use the public SAKIP pages and the publication page: the public pages answer
everyone, logged in or not (no login, ditetapkan documents only); withdrawing a publication or
publishing it again is for the office's Kepala and the administrator; another office's
perencana does not learn the office exists."""

from tests.access.spec import DENY, HIDDEN, LOGIN, NA, OK, Spec, semua

PUBLIK = semua(OK)
TIDAK_ADA_METODE = semua(NA)
# login_required answers before the method check on the office's own page.
TANPA_METODE_MASUK = semua(NA, anon=LOGIN)
KELOLA = semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, kepala=OK, admin=OK)


def _kantor(w):
    return {"pemda": "kabupaten-gowa", "slug": w.pd.slug}


MATRIX = {
    "publik:indeks": Spec(get=PUBLIK, post=TIDAK_ADA_METODE),
    "publik:pemda": Spec(kwargs=lambda w: {"pemda": "kabupaten-gowa"}, get=PUBLIK,
                         post=TIDAK_ADA_METODE),
    "publik:kantor": Spec(kwargs=_kantor, get=PUBLIK, post=TIDAK_ADA_METODE),
    "publik:kantor-tahun": Spec(kwargs=lambda w: {**_kantor(w), "tahun": 2024}, get=PUBLIK,
                                post=TIDAK_ADA_METODE,
                                note="the demo's PK 2024 is ditetapkan: the year is published"),
    "publik:lkjip-pdf": Spec(kwargs=lambda w: {**_kantor(w), "tahun": 2024},
                             get=semua(HIDDEN), post=TIDAK_ADA_METODE,
                             note="the demo's LKjIP 2024 is a draft: not published for anyone"),
    "publik:kelola": Spec(kwargs=lambda w: {"slug": w.pd.slug}, get=KELOLA,
                          post=TANPA_METODE_MASUK),
    "publik:cabut": Spec(kwargs=lambda w: {"slug": w.pd.slug}, get=TANPA_METODE_MASUK,
                         post=KELOLA, note="empty form: refused with a message, no change"),
    "publik:terbitkan": Spec(kwargs=lambda w: {"slug": w.pd.slug}, get=TANPA_METODE_MASUK,
                             post=KELOLA, note="empty form: refused with a message, no change"),
}
