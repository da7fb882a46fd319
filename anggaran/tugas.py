"""The SIPD import of a large file, in the task worker (``sakip.tugas_impor``).

The same reader and the same ``anggaran_save`` validation as the request: a first job checks
the file (``simpan=False``: the preview as a summary), a second writes it after the user
confirms. Both read the upload kept by ``sakip.unggahan`` (token + SHA-256 recorded at upload);
the writing job removes it once saved.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django_tasks import task

from anggaran import impor_sipd
from renstra.selectors import renstra_aktif
from sakip import tugas_impor, unggahan
from sakip.models import PerangkatDaerah

JENIS = "anggaran-sipd"
MAKS_DAFTAR = 300  # galat kept for the status page; the count stays exact


def pilihan_dari_meta(meta: dict) -> dict:
    """The import's choices kept beside the upload (JSON) as ``impor_sipd.impor`` keywords."""
    tanggal = datetime.date.fromisoformat(meta["tanggal"]) if meta.get("tanggal") else None
    return {"tahun": meta["tahun"], "tahap_pagu": meta["tahap"],
            "urutan_tahap": meta["urutan"] or 0, "tanggal_dokumen": tanggal}


def _kerja(p: tugas_impor.Pekerjaan) -> dict:
    d = p.data
    isi = unggahan.baca_berkas(d["token"], d["sha256"])
    if isi is None:
        return {"ok": False, "disimpan": False, "jumlah_galat": 1, "galat": [
            "Berkas unggahan tidak ditemukan atau kedaluwarsa; unggah ulang berkasnya."]}
    pd = PerangkatDaerah.objects.get(pk=p.pd)
    user = get_user_model().objects.filter(pk=p.user).first()
    simpan = not d["dry_run"]
    tugas_impor.tahap_set(p.id, "Menyimpan anggaran" if simpan else "Memeriksa berkas")
    hasil = impor_sipd.impor(isi, d["nama"], renstra=renstra_aktif(pd, d["tahun"]), user=user,
                             simpan=simpan, **pilihan_dari_meta(d))
    if hasil.ok and simpan:
        unggahan.hapus_berkas(d["token"])
    galat = hasil.semua_galat()
    h = hasil.hasil
    return {"ok": hasil.ok, "disimpan": hasil.ok and simpan, "baris": hasil.baris,
            "jumlah_galat": len(galat), "galat": galat[:MAKS_DAFTAR],
            "dibuat": h.dibuat if h else 0, "diubah": h.diubah if h else 0,
            "tetap": h.tetap if h else 0}


@task()
def impor_sipd_latar(pekerjaan_id: str) -> dict:
    """Check or write one uploaded SIPD file, as the job says."""
    return tugas_impor.jalankan(pekerjaan_id, _kerja)
