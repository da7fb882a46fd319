from django.shortcuts import render


def error_403(request, exception=None):
    pesan = str(exception) if exception and str(exception) else (
        "Anda tidak berwenang membuka halaman ini."
    )
    return render(request, "403.html", {"pesan": pesan}, status=403)
