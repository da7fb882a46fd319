"""Access matrix of the budget pages: office-wide roles read, perencana/admin write;
staf bidang do not see the office budget; the node must belong to the office in the URL."""

from tests.access.spec import DENY, HIDDEN, LOGIN, NA, OK, Spec, semua


def _pd(w):
    return {"slug": w.pd.slug}


def _node(w):
    from renstra.models import Kegiatan

    k = Kegiatan.objects.get(program__renstra__perangkat_daerah=w.pd, kode="1.06.04.2.01")
    return {"slug": w.pd.slug, "level": "kegiatan", "pk": k.pk}


BACA = semua(OK, anon=LOGIN, staf_own=DENY, staf_other=DENY, perencana_lain=HIDDEN)
TULIS = semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, perencana=OK, admin=OK)

MATRIX = {
    "anggaran:ringkasan": Spec(kwargs=_pd, get=BACA, post=semua(NA)),
    "anggaran:node": Spec(kwargs=_node, get=BACA, post=semua(NA)),
    "anggaran:pagu-simpan": Spec(kwargs=_node, get=semua(NA), post=TULIS,
                                 note="empty form → 400, nothing saved"),
    "anggaran:realisasi-simpan": Spec(kwargs=_node, get=semua(NA), post=TULIS),
    "anggaran:impor": Spec(kwargs=_pd, get=TULIS, post=TULIS),
    "anggaran:impor-konfirmasi": Spec(kwargs=_pd, get=semua(NA), post=TULIS,
                                      note="without a preview token: redirect, nothing saved"),
    "anggaran:impor-status": Spec(kwargs=lambda w: {**_pd(w), "pid": "x" * 24},
                                  get=TULIS, post=semua(NA),
                                  note="no background job of this user: redirect to the upload"),
}
