"""Access to the PK builder: every role on the office views the PK; perencana, admin
and the Kepala download the PDF; perencana/admin build, submit and revise; only the Kepala
ditetapkan; staf bidang and Inspektorat change nothing (403); another office's planner sees
nothing (404, as for an office that does not exist).

The demo PKs are ditetapkan, so an allowed POST here is refused by the service (immutable) and
answered with a redirect and a message — the access decision is what this matrix checks."""

from tests.access.spec import DENY, HIDDEN, LOGIN, NA, OK, Spec, semua


def _pk(w):
    from kinerja.models import PerjanjianKinerja

    return PerjanjianKinerja.objects.filter(perangkat_daerah=w.pd).order_by("-versi").first()


def _kw(w):
    return {"slug": w.pd.slug, "pk": _pk(w).pk}


LIHAT = semua(OK, anon=LOGIN, perencana_lain=HIDDEN)
EDIT = semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, perencana=OK, admin=OK)
HANYA_POST = semua(NA)

MATRIX = {
    "kinerja:pk-list": Spec(kwargs=lambda w: {"slug": w.pd.slug}, get=LIHAT, post=semua(NA)),
    "kinerja:pk-buat": Spec(kwargs=lambda w: {"slug": w.pd.slug}, get=EDIT, post=EDIT),
    "kinerja:pk-detail": Spec(kwargs=_kw, get=LIHAT, post=semua(NA)),
    # Laying out the PDF costs seconds: only those who build, sign and approve the PK.
    "kinerja:pk-pdf": Spec(kwargs=_kw, get=semua(DENY, anon=LOGIN, perencana_lain=HIDDEN,
                                                 perencana=OK, kepala=OK, admin=OK),
                           post=semua(NA), slow=True),
    "kinerja:pk-isi": Spec(kwargs=_kw, get=EDIT, post=EDIT,
                           note="a ditetapkan PK redirects to its read-only page"),
    "kinerja:pk-dari-renstra": Spec(kwargs=_kw, get=HANYA_POST, post=EDIT),
    "kinerja:pk-indikator-tambah": Spec(kwargs=_kw, get=HANYA_POST, post=EDIT),
    "kinerja:pk-indikator-hapus": Spec(
        kwargs=lambda w: {**_kw(w), "line": _pk(w).indikator_set.first().pk},
        get=HANYA_POST, post=EDIT,
    ),
    "kinerja:pk-anggaran-tambah": Spec(kwargs=_kw, get=HANYA_POST, post=EDIT),
    "kinerja:pk-anggaran-hapus": Spec(
        kwargs=lambda w: {**_kw(w), "row": _pk(w).anggaran_set.first().pk},
        get=HANYA_POST, post=EDIT,
    ),
    "kinerja:pk-ajukan": Spec(kwargs=_kw, get=HANYA_POST, post=EDIT),
    "kinerja:pk-tarik": Spec(kwargs=_kw, get=HANYA_POST,
                             post=semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, perencana=OK,
                                        admin=OK, kepala=OK)),
    "kinerja:pk-tetapkan": Spec(kwargs=_kw, get=HANYA_POST,
                                post=semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, kepala=OK)),
    "kinerja:pk-revisi": Spec(kwargs=_kw, get=EDIT, post=EDIT),
}
