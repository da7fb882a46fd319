"""The access matrix: every named URL × every kind of user × GET and POST.

Each area declares its URLs in ``tests/access/matrix_<area>.py`` as ``MATRIX = {url_name: Spec}``.
``test_matrix.py`` walks the URL configuration: a named URL with no Spec fails, so a new view
cannot ship without saying who may use it.

Kinds of user (the World fixture creates them on the demo data):

    anon            not logged in
    staf_own        staf.rehsos   — staf_bidang of Bidang Pelayanan dan Rehabilitasi Sosial
    staf_other      staf.linjamsos — staf_bidang of another bidang of the same office
    perencana       perencana of Dinas Sosial Kabupaten Gowa
    kepala          kepala of Dinas Sosial Kabupaten Gowa
    inspektorat     Inspektorat of the pemda (reads everything, changes nothing)
    admin           administrator
    perencana_lain  perencana of another perangkat daerah (Dinas Kesehatan, same pemda)

Whatever the outcome, a POST by ``inspektorat`` must leave every SAKIP table as it was (row
contents, not only counts), except on its own review records (``dasbor:catatan-*`` review notes,
``laporan:reviu`` the LKjIP review) and, on ``lke:*`` pages, the evaluation's own tables (the lke
tables and their audit rows; every other table must stay as it was): Inspektorat changes nothing
(design.md roles).

Expected outcomes: OK (answered: 2xx, a redirect that is not to the login page, or a 400 for a
POST whose empty form is refused), LOGIN (redirect to the login page), DENY (403), NA (405:
method not allowed), HIDDEN (404 for an office the user may not see at all: the same answer as
for a slug that does not exist, so outsiders cannot tell which offices exist).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

OK = "ok"
LOGIN = "login"
DENY = "deny"
NA = "na"
HIDDEN = "hidden"

KINDS = ("anon", "staf_own", "staf_other", "perencana", "kepala", "inspektorat", "admin",
         "perencana_lain")

USERNAMES = {
    "anon": None,
    "staf_own": "staf.rehsos",
    "staf_other": "staf.linjamsos",
    "perencana": "perencana",
    "kepala": "kepala",
    "inspektorat": "inspektorat",
    "admin": "admin",
    "perencana_lain": "perencana.lain",
}


def semua(outcome: str, **kecuali: str) -> dict[str, str]:
    """Every kind gets ``outcome`` except the ones named: ``semua(DENY, perencana=OK)``."""
    unknown = set(kecuali) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kinds: {unknown}")
    return {k: kecuali.get(k, outcome) for k in KINDS}


# Common shapes, to be used or ignored:
def hanya_login(outcome_login: str = OK) -> dict[str, str]:
    return semua(outcome_login, anon=LOGIN)


@dataclass
class Spec:
    get: dict[str, str]
    post: dict[str, str]
    kwargs: Callable[[object], dict] = field(default=lambda w: {})
    # Optional: data for the POST (called with the World); default is an empty form.
    post_data: Callable[[object], dict] | None = None
    # Optional: query string for GET and POST (called with the World), e.g. ``?pd=<slug>`` for
    # views that take the perangkat daerah from the query rather than the path.
    query: Callable[[object], dict] | None = None
    note: str = ""
    # The page renders a PDF (WeasyPrint): marked ``slow``, left out of ``make test-fast``.
    slow: bool = False

    def __post_init__(self) -> None:
        for name in ("get", "post"):
            table = getattr(self, name)
            missing = set(KINDS) - set(table)
            if missing:
                raise ValueError(f"{name}: kinds missing from the matrix: {sorted(missing)}")
