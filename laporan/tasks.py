"""Background work of the LKjIP: laying out the PDF (seconds, never inside a request).

Runs in ``manage.py db_worker`` (django-tasks database backend; ``make run`` starts it). The
page that asked for the PDF polls the :class:`BerkasLKjIP` row for its status and stage.
"""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task

from laporan.models import BerkasLKjIP
from laporan.render_pdf import render_pdf

log = logging.getLogger(__name__)


@task()
def susun_pdf_lkjip(berkas_id: int) -> dict:
    """Render the stored HTML of one BerkasLKjIP to PDF and keep the file."""
    berkas = BerkasLKjIP.objects.get(pk=berkas_id)
    if berkas.siap:
        return {"berkas": berkas.pk, "halaman": berkas.halaman, "ulang": False}
    BerkasLKjIP.objects.filter(pk=berkas.pk).update(
        status=BerkasLKjIP.Status.PROSES, mulai=timezone.now(), tahap="Menata letak halaman",
        pesan="",
    )

    def saat_tata_letak(halaman: int) -> None:
        BerkasLKjIP.objects.filter(pk=berkas.pk).update(
            tahap=f"Menulis PDF ({halaman} halaman)")

    try:
        hasil = render_pdf(berkas.html, saat_tata_letak=saat_tata_letak)
    except Exception as e:
        log.exception("PDF LKjIP %s gagal disusun", berkas.pk)
        BerkasLKjIP.objects.filter(pk=berkas.pk).update(
            status=BerkasLKjIP.Status.GAGAL, pesan=f"{type(e).__name__}: {e}"[:2000],
            selesai=timezone.now(), tahap="")
        raise
    berkas.refresh_from_db()
    berkas.file.save(f"lkjip-{berkas.tahun}.pdf", ContentFile(hasil.pdf), save=False)
    berkas.status = BerkasLKjIP.Status.SELESAI
    berkas.halaman = hasil.halaman
    berkas.detik_tata_letak = round(hasil.detik_tata_letak, 2)
    berkas.selesai = timezone.now()
    berkas.tahap = ""
    berkas.html = ""  # the PDF is what is kept; a ditetapkan report keeps its own HTML copy
    berkas.save(update_fields=["file", "status", "halaman", "detik_tata_letak", "selesai",
                               "tahap", "html"])
    return {"berkas": berkas.pk, "halaman": hasil.halaman,
            "detik": round(hasil.detik_tata_letak + hasil.detik_tulis, 2)}
