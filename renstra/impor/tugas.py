"""The Tabel 4.2 import of a large file, in the task worker (``sakip.tugas_impor``).

The same pipeline as the request (``impor_tabel42``): a first job checks the file (dry run:
the preview as a summary), a second applies it in one transaction after the user confirms.
Both read the upload the browser flow keeps under ``MEDIA_ROOT/impor/<token>.xlsx``; the apply
job removes it once saved, as the immediate flow does.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django_tasks import task

from renstra.impor import impor_tabel42
from sakip import tugas_impor
from sakip.models import PerangkatDaerah

JENIS = "renstra-tabel42"
MAKS_DAFTAR = 300  # galat/peringatan kept for the status page; the counts stay exact


def folder_berkas() -> Path:
    """Where the browser import keeps an upload between preview and confirmation."""
    folder = Path(settings.MEDIA_ROOT) / "impor"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _kerja(p: tugas_impor.Pekerjaan) -> dict:
    d = p.data
    pd = PerangkatDaerah.objects.get(pk=p.pd)
    user = get_user_model().objects.filter(pk=p.user).first()
    path = folder_berkas() / f"{d['token']}.xlsx"
    tugas_impor.tahap_set(p.id, "Memeriksa berkas" if d["dry_run"] else
                          "Memeriksa dan menyimpan ke Renstra")
    hasil = impor_tabel42(path, pd, tahun_awal=d["awal"], tahun_akhir=d["akhir"], user=user,
                          dry_run=d["dry_run"], nama_berkas=d["nama"])
    if hasil.disimpan:
        path.unlink(missing_ok=True)
    data = hasil.ringkasan()
    data["ok"] = hasil.ok
    data["jumlah_galat"] = len(data["galat"])
    data["jumlah_peringatan"] = len(data["peringatan"])
    data["galat"] = data["galat"][:MAKS_DAFTAR]
    data["peringatan"] = data["peringatan"][:MAKS_DAFTAR]
    data["pagu_awal"] = data["pagu"].get(str(hasil.tahun_awal))
    return data


@task()
def impor_tabel42_latar(pekerjaan_id: str) -> dict:
    """Check (dry run) or apply one uploaded Tabel 4.2, as the job says."""
    return tugas_impor.jalankan(pekerjaan_id, _kerja)
