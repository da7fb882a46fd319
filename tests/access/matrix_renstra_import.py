"""Access to the Tabel 4.2 import: only perencana/admin of the office import;
staf bidang, Kepala and Inspektorat get 403, another office's planner 404 (the office is
hidden); a token that is not in the user's session sends an allowed user back to the upload
page (302), never to a file."""

from tests.access.spec import DENY, HIDDEN, LOGIN, NA, OK, Spec, semua

TOKEN = "00000000-0000-4000-8000-000000000000"


def _boleh(outcome_lain: str, **kecuali) -> dict[str, str]:
    return semua(DENY, anon=LOGIN, perencana_lain=outcome_lain, perencana=OK, admin=OK, **kecuali)


MATRIX = {
    "renstra:import-upload": Spec(
        kwargs=lambda w: {"slug": w.pd.slug},
        get=_boleh(HIDDEN),
        post=_boleh(HIDDEN),
        note="POST with an empty form is refused with 400 (OK) for perencana/admin",
    ),
    "renstra:import-pratinjau": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "token": TOKEN},
        get=_boleh(HIDDEN),
        post=semua(NA, anon=LOGIN),
    ),
    "renstra:import-konfirmasi": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "token": TOKEN},
        get=semua(NA, anon=LOGIN),
        post=_boleh(HIDDEN),
    ),
    "renstra:import-status": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "token": TOKEN},
        get=_boleh(HIDDEN),
        post=semua(NA, anon=LOGIN),
        note="a background check/application of a large file; no job of this user → 302",
    ),
}
