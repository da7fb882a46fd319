from tests.access.spec import HIDDEN, LOGIN, NA, OK, Spec, semua

MATRIX = {
    "beranda": Spec(
        get=semua(OK, anon=LOGIN),
        post=semua(NA, anon=NA),
    ),
    "login": Spec(get=semua(OK), post=semua(OK)),
    "logout": Spec(get=semua(NA), post=semua(LOGIN), note="POST-only; redirects to the login page"),
    "beranda-pd": Spec(
        kwargs=lambda w: {"slug": w.pd.slug},
        get=semua(OK, anon=LOGIN, perencana_lain=HIDDEN),
        post=semua(NA, anon=NA),
    ),
    # Monitoring answers everyone, logged in or not; it carries no office data.
    "healthz": Spec(get=semua(OK), post=semua(NA), note="GET only, no login"),
}
