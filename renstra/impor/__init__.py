"""Import of the Renstra "Tabel 4.2 Rencana Program/Kegiatan/Sub Kegiatan dan Pendanaan".

One pipeline for ``manage.py import_renstra`` and the browser (upload → preview → confirm):

1. ``baca`` reads the sheet into plain data, with a Galat per unreadable cell and a Peringatan
   for what looks wrong;
2. ``rencana`` checks it against the period, the nomenklatur master and the stored Renstra, and
   plans what is created, changed or kept (nothing written: the preview and ``--dry-run``);
3. ``terapkan`` writes the plan in one transaction through the plan's write services.
"""

from django.core.exceptions import ValidationError

from renstra.impor.baca import Galat, Peringatan, Tabel42, baca_tabel42, parse_periode
from renstra.impor.rencana import HasilImpor, Impor, baris_pratinjau
from renstra.impor.terapkan import galat_nilai, terapkan

__all__ = [
    "Galat",
    "HasilImpor",
    "Impor",
    "Peringatan",
    "Tabel42",
    "baca_tabel42",
    "baris_pratinjau",
    "impor_tabel42",
    "parse_periode",
]


def impor_tabel42(sumber, pd, *, tahun_awal: int, tahun_akhir: int, user=None,
                  dry_run: bool = False, nama_berkas: str = "",
                  versi_nomenklatur: str | None = None) -> HasilImpor:
    """Import a Tabel 4.2 (path, bytes or file object) for ``pd`` over the period; with
    ``dry_run`` only check and plan. Bad input never half-lands (design.md)."""
    impor = Impor(sumber, pd, tahun_awal=tahun_awal, tahun_akhir=tahun_akhir, dry_run=dry_run,
                  versi_nomenklatur=versi_nomenklatur)
    hasil = impor.periksa()
    if hasil.ok:
        hasil.galat += galat_nilai(impor.rencana)
    if hasil.ok and not dry_run:
        try:
            hasil.renstra = terapkan(
                impor.rencana, nama_berkas=nama_berkas,
                user=user if getattr(user, "is_authenticated", False) else None)
        except ValidationError as e:
            # A write service refused a value (the data changed since the check): nothing was
            # written (one transaction); the refusal is reported like any galat.
            hasil.galat += [Galat(0, "", pesan) for pesan in e.messages]
            return hasil
        hasil.disimpan = True
    return hasil
