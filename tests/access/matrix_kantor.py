"""Access to Pengaturan kantor and to the pemda's offices page.

* The office's setup (``/pd/<slug>/kantor/…``: profile, logo, bidang, officials): read by the
  office-wide roles (perencana, Kepala, Inspektorat, admin); changed by perencana and admin;
  the Kepala and Inspektorat are refused a change (403), staf bidang the pages (403); another
  office's planner does not see the office (404). The logo is an image of an office the user
  sees (staff included).
* The pemda's offices and kepala daerah (``/pemda/<id>/…``): the pemda's administrator only;
  every other user of the pemda is refused (403).
"""

from sakip.models import Bidang, JenisPejabat, Pejabat
from tests.access.spec import DENY, HIDDEN, LOGIN, NA, OK, Spec, semua

BACA = semua(OK, anon=LOGIN, staf_own=DENY, staf_other=DENY, perencana_lain=HIDDEN)
UBAH = semua(DENY, anon=LOGIN, perencana=OK, admin=OK, perencana_lain=HIDDEN)
PEMDA = semua(DENY, anon=LOGIN, admin=OK)


def _pd(w):
    return {"slug": w.pd.slug}


def _bidang(w):
    return {"slug": w.pd.slug,
            "pk": Bidang.objects.get(perangkat_daerah=w.pd, singkatan="PRS").pk}


def _kepala(w):
    return {"slug": w.pd.slug, "pk": Pejabat.objects.get(perangkat_daerah=w.pd).pk}


def _pemda(w):
    return {"pemda": w.pd.pemda_id}


def _kepala_daerah(w):
    return {"pemda": w.pd.pemda_id,
            "pk": Pejabat.objects.get(pemda=w.pd.pemda, jenis=JenisPejabat.KEPALA_DAERAH).pk}


MATRIX = {
    "kantor:profil": Spec(kwargs=_pd, get=BACA, post=UBAH, note="an empty form: 400"),
    "kantor:logo": Spec(kwargs=_pd, get=semua(OK, anon=LOGIN, perencana_lain=HIDDEN),
                        post=semua(NA), note="no logo: redirect to the placeholder image"),
    "kantor:bidang": Spec(kwargs=_pd, get=BACA, post=UBAH, note="an empty form: 400"),
    "kantor:bidang-ubah": Spec(kwargs=_bidang, get=BACA, post=UBAH),
    "kantor:bidang-aktif": Spec(kwargs=_bidang, get=semua(NA), post=UBAH,
                                note="an empty POST deactivates (reversible)"),
    "kantor:bidang-hapus": Spec(kwargs=_bidang, get=semua(NA), post=UBAH,
                                note="refused with what the bidang owns, then redirected"),
    "kantor:pejabat": Spec(kwargs=_pd, get=BACA, post=UBAH, note="an empty form: 400"),
    "kantor:pejabat-ubah": Spec(kwargs=_kepala, get=BACA, post=UBAH),
    "kantor:pemda": Spec(kwargs=_pemda, get=PEMDA, post=PEMDA, note="an empty form: 400"),
    "kantor:pemda-logo": Spec(kwargs=_pemda, get=PEMDA, post=PEMDA,
                              note="no logo: redirect to the placeholder; an empty form: 400"),
    "kantor:kepala-daerah": Spec(kwargs=_pemda, get=semua(NA), post=PEMDA),
    "kantor:kepala-daerah-ubah": Spec(kwargs=_kepala_daerah, get=PEMDA, post=PEMDA),
}
