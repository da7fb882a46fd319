"""The Buku Kerja import of a large file, in the task worker (``sakip.tugas_impor``).

The same steps as the request (``bukukerja.alur``): a first job checks the kept upload (dry
run: the preview as a summary), a second applies it after the user confirms, refusing when the
counts differ from the check's. Both read the upload kept by ``sakip.unggahan`` (token + SHA-256
recorded at upload); the applying job removes it once saved.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from bukukerja import alur
from sakip import tugas_impor, unggahan
from sakip.models import PerangkatDaerah

JENIS = "buku-kerja"


def _kerja(p: tugas_impor.Pekerjaan) -> dict:
    d = p.data
    isi = unggahan.baca_berkas(d["token"], d["sha256"])
    if isi is None:
        return {"ok": False, "dry_run": d["dry_run"], "disimpan": False, "berubah": False,
                "sheet": [], "jumlah_galat": 1, "jumlah_peringatan": 0, "peringatan": [],
                "galat": [{"sheet": "Buku Kerja", "baris": 0, "kolom": "", "pesan":
                           "Berkas unggahan tidak ditemukan atau kedaluwarsa; unggah ulang "
                           "berkasnya."}]}
    pd = PerangkatDaerah.objects.get(pk=p.pd)
    user = get_user_model().objects.filter(pk=p.user).first()
    if d["dry_run"]:
        tugas_impor.tahap_set(p.id, "Memeriksa Buku Kerja")
        return alur.periksa(isi, pd, d, user=user)
    tugas_impor.tahap_set(p.id, "Memeriksa dan menyimpan Buku Kerja")
    hasil = alur.terapkan(isi, pd, d, user=user, harapan=d["harapan"])
    if hasil["disimpan"]:
        unggahan.hapus_berkas(d["token"])
    return hasil


@task()
def impor_buku_kerja_latar(pekerjaan_id: str) -> dict:
    """Check or apply one uploaded Buku Kerja, as the job says."""
    return tugas_impor.jalankan(pekerjaan_id, _kerja)
