from tests.access.spec import DENY, LOGIN, NA, OK, Spec, semua

MATRIX = {
    "beranda": Spec(
        get=semua(OK, anon=LOGIN),
        post=semua(NA, anon=NA),
    ),
    "login": Spec(get=semua(OK), post=semua(OK)),
    "logout": Spec(get=semua(NA), post=semua(LOGIN), note="POST-only; redirects to the login page"),
    "beranda-pd": Spec(
        kwargs=lambda w: {"slug": w.pd.slug},
        get=semua(OK, anon=LOGIN, perencana_lain=DENY),
        post=semua(NA, anon=NA),
    ),
}
