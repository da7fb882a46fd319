from tests.access.spec import LOGIN, NA, OK, Spec, semua

MATRIX = {
    # The count of the user's own work inbox beside "Beranda" (JSON): every logged-in user,
    # about their own roles only, so nothing of another office can leak through it.
    "kotak-jumlah": Spec(
        get=semua(OK, anon=LOGIN),
        post=semua(NA, anon=NA),
    ),
}
