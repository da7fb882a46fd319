"""Access to the Buku Kerja pages: perencana/admin of the office download and import; Kepala
downloads only (the page and the file); staf bidang and Inspektorat get 403, another office's
planner 404 (the office is hidden). A token that is not in the user's session sends an allowed
user back to the Buku Kerja page (302), never to a file."""

from tests.access.spec import DENY, HIDDEN, LOGIN, NA, OK, Spec, semua

TOKEN = "tokenyangtidakada0000"


def _impor() -> dict[str, str]:
    return semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, perencana=OK, admin=OK)


def _unduh() -> dict[str, str]:
    return semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, perencana=OK, admin=OK, kepala=OK)


MATRIX = {
    "bukukerja:halaman": Spec(
        kwargs=lambda w: {"slug": w.pd.slug},
        get=_unduh(),
        post=semua(NA, anon=LOGIN),
    ),
    "bukukerja:unduh": Spec(
        kwargs=lambda w: {"slug": w.pd.slug},
        query=lambda w: {"tahun": 2024},
        get=_unduh(),
        post=semua(NA, anon=LOGIN),
        note="the xlsx of export_workbook for a Renstra year",
    ),
    "bukukerja:unggah": Spec(
        kwargs=lambda w: {"slug": w.pd.slug},
        get=semua(NA, anon=LOGIN),
        post=_impor(),
        note="POST with an empty form is refused with 400 (OK) for perencana/admin",
    ),
    "bukukerja:pratinjau": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "token": TOKEN},
        get=_impor(),
        post=semua(NA, anon=LOGIN),
    ),
    "bukukerja:konfirmasi": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "token": TOKEN},
        get=semua(NA, anon=LOGIN),
        post=_impor(),
    ),
    "bukukerja:status": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "token": TOKEN},
        get=_impor(),
        post=semua(NA, anon=LOGIN),
        note="a background check/application of a large file; no job of this user → 302",
    ),
}
