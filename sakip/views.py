from django.db import transaction
from django.shortcuts import redirect, render
from django.templatetags.static import static


def error_403(request, exception=None):
    pesan = str(exception) if exception and str(exception) else (
        "Anda tidak berwenang membuka halaman ini."
    )
    return render(request, "403.html", {"pesan": pesan}, status=403)


@transaction.non_atomic_requests
def favicon(request):
    """Browsers ask for /favicon.ico whatever base.html links: sent to the static file (its
    hashed, long-cached name in production), so it is never a 404 in the logs."""
    return redirect(static("favicon.ico"))
