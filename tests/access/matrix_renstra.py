"""Access to the Renstra editor: every role on the office may view the tree;
only perencana/admin of that office change anything; staf bidang, Kepala and Inspektorat get
403 on every change; another office's planner sees nothing."""

from tests.access.spec import DENY, HIDDEN, LOGIN, NA, OK, Spec, semua


def _sasaran(w):
    from renstra.models import Sasaran

    return Sasaran.objects.filter(tujuan__renstra__perangkat_daerah=w.pd).first()


def _program(w):
    from renstra.models import Program

    return Program.objects.filter(renstra__perangkat_daerah=w.pd, kode="1.06.04").first()


def _iku(w):
    from renstra.models import Indikator

    return Indikator.objects.filter(renstra__perangkat_daerah=w.pd, is_iku=True).first()


EDIT = semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, perencana=OK, admin=OK)
LIHAT = semua(OK, anon=LOGIN, perencana_lain=HIDDEN)

MATRIX = {
    "renstra:pohon": Spec(kwargs=lambda w: {"slug": w.pd.slug}, get=LIHAT, post=semua(NA)),
    "renstra:renstra-tambah": Spec(kwargs=lambda w: {"slug": w.pd.slug}, get=EDIT, post=EDIT),
    "renstra:tahun": Spec(
        kwargs=lambda w: {"slug": w.pd.slug}, get=EDIT, post=EDIT,
        post_data=lambda w: {"tahun": 2026, "renstra": w.pd.renstra_set.first().pk,
                             "alasan": "transisi", "row_version": 0},
        note="a year without a ditetapkan PK: the planner records its Renstra with a reason",
    ),
    "renstra:target-grid": Spec(kwargs=lambda w: {"slug": w.pd.slug}, get=EDIT, post=EDIT),
    "renstra:target-sel": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "indikator": _iku(w).pk, "tahun": 2024},
        get=EDIT, post=EDIT, post_data=lambda w: {"nilai": "580"},
    ),
    "renstra:pagu-grid": Spec(kwargs=lambda w: {"slug": w.pd.slug}, get=EDIT, post=semua(NA)),
    "renstra:pagu-sel": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "level": "program", "pk": _program(w).pk,
                          "tahun": 2024},
        get=EDIT, post=EDIT, post_data=lambda w: {"nilai": "234.292.000"},
    ),
    "renstra:indikator-edit": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "pk": _iku(w).pk}, get=EDIT, post=EDIT,
    ),
    "renstra:indikator-hapus": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "pk": _iku(w).pk}, get=EDIT, post=EDIT,
        note="the IKU has realisasi: the page explains why it cannot be deleted",
    ),
    "renstra:sasaran-program": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "pk": _sasaran(w).pk}, get=EDIT, post=EDIT,
        post_data=lambda w: {"program": [p.pk for p in _sasaran(w).program_set.all()]},
    ),
    "renstra:node-tambah": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "level": "kegiatan", "induk": _program(w).pk},
        get=EDIT, post=EDIT,
    ),
    "renstra:node-ubah": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "level": "sasaran", "pk": _sasaran(w).pk},
        get=EDIT, post=EDIT,
    ),
    "renstra:node-hapus": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "level": "sasaran", "pk": _sasaran(w).pk},
        get=EDIT, post=EDIT, note="empty POST lacks the confirmation: 400, nothing deleted",
    ),
    "renstra:indikator-tambah": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "level": "program", "pk": _program(w).pk},
        get=EDIT, post=EDIT,
    ),
}
