"""Access to one's own notifications and e-mail switch: every logged-in user, each to their own
rows only. A notification of someone else answers 404 like one that does not exist (nobody
learns what others are told); the actions are POST-only."""

from django.contrib.auth import get_user_model

from notifikasi.models import JenisNotifikasi
from notifikasi.services import notifikasi_create
from tests.access.spec import HIDDEN, LOGIN, NA, OK, Spec, semua

MASUK = semua(OK, anon=LOGIN)
HANYA_GET = semua(NA)
HANYA_POST = semua(NA)
# A notification of staf.rehsos: only its recipient may open it or mark it read.
MILIK_STAF = semua(HIDDEN, anon=LOGIN, staf_own=OK)


def _notif_staf(w):
    staf = get_user_model().objects.get(username="staf.rehsos")
    n = notifikasi_create(staf, JenisNotifikasi.PERIODE_DIBUKA, "Periode input dibuka",
                          url=f"/kinerja/{w.pd.slug}/realisasi/")
    return {"pk": n.pk}


MATRIX = {
    "notifikasi:daftar": Spec(get=MASUK, post=HANYA_GET),
    "notifikasi:buka": Spec(kwargs=_notif_staf, get=HANYA_POST, post=MILIK_STAF),
    "notifikasi:baca": Spec(kwargs=_notif_staf, get=HANYA_POST, post=MILIK_STAF),
    "notifikasi:baca-semua": Spec(get=HANYA_POST, post=MASUK),
    "notifikasi:pengaturan": Spec(get=MASUK, post=MASUK,
                                  post_data=lambda w: {"email_aktif": "on"},
                                  note="e-mail stays on: nothing changes, nothing audited"),
}
