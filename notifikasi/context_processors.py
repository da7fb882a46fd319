from notifikasi.selectors import jumlah_belum_dibaca


def bel(request):
    """The header bell's unread count: one COUNT, and only when a page shows the bell (a
    callable in the context is evaluated by the template on first use)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    hasil: dict[str, int] = {}

    def belum_dibaca() -> int:
        if "n" not in hasil:
            hasil["n"] = jumlah_belum_dibaca(user)
        return hasil["n"]

    return {"notifikasi_belum_dibaca": belum_dibaca}
