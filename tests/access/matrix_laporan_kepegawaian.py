"""Who may enter the staffing table of the LKjIP (BAB I): perencana and admin of the office,
as for the narratives; another office's perencana does not see the office."""

from tests.access.spec import DENY, HIDDEN, LOGIN, OK, Spec, semua

PENULIS = semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, perencana=OK, admin=OK)

MATRIX = {
    "laporan:kepegawaian": Spec(kwargs=lambda w: {"slug": w.pd.slug, "tahun": 2024},
                                get=PENULIS, post=PENULIS,
                                note="an empty POST has no management form: 400"),
}
