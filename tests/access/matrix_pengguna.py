"""Access to the users and roles pages and to one's own password.

* An office's users (``/pd/<slug>/pengguna/``): its administrator and the pemda's (the demo
  ``admin``); perencana, Kepala, staf and Inspektorat of the office are refused (403); another
  office's planner does not see the office (404).
* The pemda-wide accounts (``/pemda/<id>/pengguna/``): the pemda's administrator only; every
  other role of the pemda is refused (403).
* One's own password: every logged-in user.
"""

from django.contrib.auth import get_user_model

from tests.access.spec import DENY, HIDDEN, LOGIN, NA, OK, Spec, semua

KANTOR = semua(DENY, anon=LOGIN, admin=OK, perencana_lain=HIDDEN)
PEMDA = semua(DENY, anon=LOGIN, admin=OK)
HANYA_GET = semua(NA)
HANYA_POST = semua(NA)


def _staf(w):
    return {"slug": w.pd.slug, "pk": get_user_model().objects.get(username="staf.rehsos").pk}


def _inspektorat(w):
    return {"pemda": w.pd.pemda_id,
            "pk": get_user_model().objects.get(username="inspektorat").pk}


def _pd(w):
    return {"slug": w.pd.slug}


def _pemda(w):
    return {"pemda": w.pd.pemda_id}


MATRIX = {
    "pengguna:daftar": Spec(kwargs=_pd, get=KANTOR, post=HANYA_GET),
    "pengguna:buat": Spec(kwargs=_pd, get=KANTOR, post=KANTOR,
                          note="an empty form is refused with 400"),
    "pengguna:ubah": Spec(kwargs=_staf, get=KANTOR, post=KANTOR),
    "pengguna:aktif": Spec(kwargs=_staf, get=HANYA_POST, post=KANTOR,
                           note="without a reason nothing changes"),
    "pengguna:reset": Spec(kwargs=_staf, get=HANYA_POST, post=KANTOR,
                           note="without a reason nothing changes"),
    "pengguna:pemda-daftar": Spec(kwargs=_pemda, get=PEMDA, post=HANYA_GET),
    "pengguna:pemda-buat": Spec(kwargs=_pemda, get=PEMDA, post=PEMDA),
    "pengguna:pemda-ubah": Spec(kwargs=_inspektorat, get=PEMDA, post=PEMDA),
    "pengguna:pemda-aktif": Spec(kwargs=_inspektorat, get=HANYA_POST, post=PEMDA),
    "pengguna:pemda-reset": Spec(kwargs=_inspektorat, get=HANYA_POST, post=PEMDA),
    "pengguna:kata-sandi": Spec(get=semua(OK, anon=LOGIN), post=semua(OK, anon=LOGIN),
                                note="an empty form is refused with 400; nothing changes"),
}
