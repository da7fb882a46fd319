"""The Buku Kerja import in the browser, shared by the request and the task worker.

Both run ``impor_workbook`` on the upload kept by ``sakip.unggahan`` (the stored bytes, checked
by their SHA-256, are what is applied — never a file sent again with the confirmation) and turn
its per-sheet results into one summary (``ringkasan``) that the preview, the status page and the
task's JSON state all show the same way.

Confirming applies what the preview showed, or nothing: the import runs inside a transaction of
its own and is rolled back when its counts (dibuat / diubah / tetap per sheet) differ from the
preview's — the office's data changed in between (another user saved, another import landed),
so the user is shown the new preview instead of a result they never saw.
"""

from __future__ import annotations

from django.db import transaction

from bukukerja.workbook import BUKU_KERJA, HasilSheet, impor_workbook

# Galat and peringatan kept for a page or a job state; the counts stay exact.
MAKS_DAFTAR = 300


def pilihan(meta: dict) -> dict:
    """``impor_workbook`` keywords from the choices kept beside the upload (JSON)."""
    out: dict = {"tahun": meta.get("tahun")}
    if meta.get("periode"):
        out["periode"] = tuple(meta["periode"])
    return out


def angka(hasil: list[HasilSheet]) -> list[list]:
    """The counts a confirmation must reproduce: ``[sheet, dibuat, diubah, tetap]`` per sheet."""
    return [[h.sheet, h.dibuat, h.diubah, h.tetap] for h in hasil]


def ringkasan(hasil: list[HasilSheet], *, dry_run: bool) -> dict:
    """The result of one run as plain data (JSON-safe): per sheet its counts and messages, what
    the import creates beyond the sheets (``baru``: a Renstra, bidang, for a new office), and
    the flat lists of galat (sheet · baris · kolom · pesan) and peringatan (sheet · pesan)."""
    galat = [g.as_dict() for h in hasil for g in h.galat]
    peringatan = [{"sheet": h.sheet, "pesan": p} for h in hasil for p in h.peringatan]
    sheet = [{"sheet": h.sheet, "dibuat": h.dibuat, "diubah": h.diubah, "tetap": h.tetap,
              "galat": len(h.galat), "peringatan": len(h.peringatan)}
             for h in hasil if h.sheet != BUKU_KERJA or h.dibuat or h.diubah or h.tetap]
    ok = not galat
    return {
        "ok": ok, "dry_run": dry_run, "disimpan": ok and not dry_run, "berubah": False,
        "sheet": sheet, "baru": [b for h in hasil for b in h.baru],
        "dibuat": sum(s["dibuat"] for s in sheet), "diubah": sum(s["diubah"] for s in sheet),
        "tetap": sum(s["tetap"] for s in sheet),
        "jumlah_galat": len(galat), "galat": galat[:MAKS_DAFTAR],
        "jumlah_peringatan": len(peringatan), "peringatan": peringatan[:MAKS_DAFTAR],
        "angka": angka(hasil),
    }


def periksa(isi: bytes, pd, meta: dict, *, user) -> dict:
    """The preview: a dry run of the kept upload."""
    return ringkasan(impor_workbook(isi, pd, user=user, dry_run=True, **pilihan(meta)),
                     dry_run=True)


def terapkan(isi: bytes, pd, meta: dict, *, user, harapan: list[list]) -> dict:
    """Apply the kept upload in one transaction when it still gives the preview's counts
    (``harapan``); otherwise roll back and return the new counts with ``berubah`` set."""
    with transaction.atomic():
        hasil = impor_workbook(isi, pd, user=user, dry_run=False, **pilihan(meta))
        out = ringkasan(hasil, dry_run=False)
        if out["ok"] and out["angka"] != harapan:
            transaction.set_rollback(True)
            out.update(disimpan=False, berubah=True, dry_run=True)
    return out


def pesan_selesai(r: dict) -> str:
    """The message after a saved import, one clause per sheet."""
    bagian = [f"{s['sheet']} {s['dibuat']} dibuat, {s['diubah']} diubah, {s['tetap']} tetap"
              for s in r["sheet"] if s["sheet"] != BUKU_KERJA]
    teks = "Buku Kerja disimpan: " + "; ".join(bagian) + "."
    if r.get("baru"):
        teks += " Dibuat: " + "; ".join(r["baru"]) + "."
    if r["jumlah_peringatan"]:
        teks += f" {r['jumlah_peringatan']} peringatan."
    return teks
