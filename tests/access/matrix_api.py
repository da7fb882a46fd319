"""Who manages read-API tokens: administrators (of the office, or of the whole pemda — the
demo's ``admin``); every other role is refused, the public is sent to the login page. The API
endpoints themselves answer tokens, not sessions: tests/api covers them."""

from tests.access.spec import DENY, LOGIN, NA, OK, Spec, semua

ADMIN = semua(DENY, anon=LOGIN, admin=OK)


def _token(w):
    from api.models import TokenAPI
    from api.services import token_create

    # get-or-create: other tests call every matrix row's kwargs on one database.
    token = TokenAPI.objects.filter(nama="matriks", dicabut_pada__isnull=True).first()
    if token is None:
        token, _ = token_create(user=w.users["admin"], nama="matriks", pemda=w.pd.pemda,
                                perangkat_daerah=w.pd)
    return {"pk": token.pk}


MATRIX = {
    "api:token": Spec(get=ADMIN, post=ADMIN,
                      note="empty POST: the form is refused with 400, nothing created"),
    "api:token-cabut": Spec(kwargs=_token, get=semua(NA, anon=LOGIN), post=ADMIN,
                            note="POST only; admin revokes (then redirected to the list)"),
}
