"""Tabel 4.2 import in the browser: upload → preview → confirm.

The same pipeline as ``manage.py import_renstra`` (renstra/impor/). The uploaded file
is kept server-side under MEDIA_ROOT/impor/<uuid>.xlsx and its token is remembered in the
uploader's session together with the perangkat daerah and the period — a token of another user,
another office or another session is not honoured, and no client-side path is ever trusted. The
confirm step reads the file again and applies it in one transaction.

A file above ``settings.SAKIP_IMPOR_LATAR_BARIS`` rows is checked and applied by the task
worker instead (``renstra.impor.tugas``): the upload and the confirmation answer at once with
a status page that refreshes itself and shows the summary, the galat and the peringatan.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renstra.impor import baris_pratinjau, impor_tabel42, parse_periode
from renstra.impor.rencana import tahun_berlaku_awal
from renstra.impor.tugas import JENIS, folder_berkas, impor_tabel42_latar
from renstra.selectors import renstra_aktif
from sakip import tugas_impor
from sakip.access import get_pd_or_403
from sakip.lib.angka import format_rupiah

MAKS_BYTES = 5 * 1024 * 1024
SESI = "impor_renstra"
UMUR_BERKAS_DETIK = 24 * 3600


def _folder() -> Path:
    return folder_berkas()


def _bersihkan_lama(folder: Path) -> None:
    """Uploads never confirmed are removed after a day."""
    batas = time.time() - UMUR_BERKAS_DETIK
    for f in folder.glob("*.xlsx"):
        try:
            if f.stat().st_mtime < batas:
                f.unlink()
        except OSError:
            pass


class UnggahForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas Tabel 4.2 (.xlsx)",
        help_text="Tabel 4.2 Rencana Program/Kegiatan/Sub Kegiatan dan Pendanaan, seperti yang "
                  "disusun di Excel (paling besar 5 MB).",
    )
    periode = forms.CharField(label="Periode Renstra", max_length=9,
                              help_text="Tahun awal-tahun akhir, mis. 2025-2029. Kolom tahun "
                                        "tambahan (mis. 2030) dibaca dari judul tabel.")

    def clean_berkas(self):
        f = self.cleaned_data["berkas"]
        if not f.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                f"Berkas '{f.name}' bukan .xlsx: simpan tabel sebagai Excel Workbook (.xlsx).")
        if f.size > MAKS_BYTES:
            raise forms.ValidationError(
                f"Berkas '{f.name}' terlalu besar ({f.size // 1024} KB); paling besar 5 MB.")
        return f

    def clean_periode(self):
        try:
            return parse_periode(self.cleaned_data["periode"])
        except ValueError as e:
            raise forms.ValidationError(str(e)) from e


def _periode_awal(pd) -> str:
    r = renstra_aktif(pd)
    return f"{r.tahun_awal}-{r.tahun_akhir}" if r else "2025-2029"


def _entri(request, pd, token) -> dict | None:
    entri = request.session.get(SESI, {}).get(str(token))
    if not entri or entri.get("pd") != pd.pk or entri.get("user") != request.user.pk:
        return None
    if not (_folder() / f"{token}.xlsx").is_file():
        return None
    return entri


def _hilang(request, pd):
    messages.error(request, "Berkas impor tidak ditemukan atau sudah kedaluwarsa; unggah "
                            "kembali Tabel 4.2.")
    return redirect("renstra:import-upload", slug=pd.slug)


@login_required
@require_http_methods(["GET", "POST"])
def unggah(request, slug):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    form = UnggahForm(request.POST or None, request.FILES or None,
                      initial={"periode": _periode_awal(pd)})
    if request.method == "POST" and form.is_valid():
        folder = _folder()
        _bersihkan_lama(folder)
        token = uuid.uuid4()
        with (folder / f"{token}.xlsx").open("wb") as out:
            for chunk in form.cleaned_data["berkas"].chunks():
                out.write(chunk)
        awal, akhir = form.cleaned_data["periode"]
        # Entries whose file is gone (confirmed elsewhere, cleaned after a day) are dropped.
        sesi = {t: e for t, e in request.session.get(SESI, {}).items()
                if (folder / f"{t}.xlsx").is_file()}
        sesi[str(token)] = {"pd": pd.pk, "user": request.user.pk, "awal": awal, "akhir": akhir,
                            "nama": Path(form.cleaned_data["berkas"].name).name[:200]}
        request.session[SESI] = sesi
        if tugas_impor.perlu_latar(tugas_impor.perkiraan_baris_xlsx(folder / f"{token}.xlsx")):
            return _ke_latar(request, pd, token, dry_run=True)
        return redirect("renstra:import-pratinjau", slug=pd.slug, token=token)
    status = 400 if request.method == "POST" else 200
    return render(request, "renstra/import_unggah.html", {"pd": pd, "form": form},
                  status=status)


def _jalankan(request, pd, token, entri, *, dry_run: bool):
    return impor_tabel42(_folder() / f"{token}.xlsx", pd, tahun_awal=entri["awal"],
                         tahun_akhir=entri["akhir"], user=request.user, dry_run=dry_run,
                         nama_berkas=entri["nama"])


@login_required
@require_GET
def pratinjau(request, slug, token):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    entri = _entri(request, pd, token)
    if entri is None:
        return _hilang(request, pd)
    if entri.get("pekerjaan"):
        return redirect("renstra:import-status", slug=pd.slug, token=token)
    hasil = _jalankan(request, pd, token, entri, dry_run=True)
    return _tampil(request, pd, token, entri, hasil)


def _tampil(request, pd, token, entri, hasil):
    return render(request, "renstra/import_pratinjau.html",
                  {"pd": pd, "hasil": hasil, "token": token, "nama_berkas": entri["nama"],
                   "baris": baris_pratinjau(hasil)},
                  status=200 if hasil.ok else 422)


@login_required
@require_POST
def konfirmasi(request, slug, token):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    entri = _entri(request, pd, token)
    if entri is None:
        return _hilang(request, pd)
    if entri.get("pekerjaan"):
        return _konfirmasi_latar(request, pd, token, entri)
    hasil = _jalankan(request, pd, token, entri, dry_run=False)
    if not hasil.ok:
        # The data changed since the preview and the file no longer fits: nothing was saved.
        messages.error(request, "Impor ditolak; tidak ada data yang disimpan.")
        return _tampil(request, pd, token, entri, hasil)
    (_folder() / f"{token}.xlsx").unlink(missing_ok=True)
    _lupakan(request, token)
    j = hasil.tabel.jumlah()
    messages.success(request, _pesan_selesai(
        j, hasil.tahun_awal, hasil.tahun_akhir,
        hasil.tabel.pagu_total().get(hasil.tahun_awal), len(hasil.peringatan)))
    _pesan_transisi(request, hasil.ringkasan()["transisi"])
    return redirect(reverse("beranda-pd", kwargs={"slug": pd.slug})
                    + f"?tahun={hasil.tahun_berlaku_awal}")


def _lupakan(request, token) -> None:
    sesi = request.session.get(SESI, {})
    sesi.pop(str(token), None)
    request.session[SESI] = sesi


def _pesan_selesai(j: dict, awal: int, akhir: int, total, peringatan: int) -> str:
    return (f"Tabel 4.2 diimpor ke Renstra {awal}–{akhir}: {j['program']} program, "
            f"{j['kegiatan']} kegiatan, {j['subkegiatan']} sub kegiatan, {j['indikator']} "
            f"indikator; pagu indikatif {awal} {format_rupiah(total)}."
            + (f" {peringatan} peringatan." if peringatan else ""))


def _pesan_transisi(request, transisi: list[dict]) -> None:
    """Years shared with another Renstra that stay with it: said once more after saving."""
    tetap = [t["uraian"] for t in transisi if not t["renstra_baru"]]
    if tetap:
        messages.info(request, "Tahun yang tetap mengikuti Renstra lain: " + "; ".join(tetap)
                      + ". Perencana dapat mengalihkannya di halaman Renstra per tahun.")


# --- large files: the task worker checks and applies ------------------------------------------

def _ke_latar(request, pd, token, *, dry_run: bool):
    """Queue the check (``dry_run``) or the application of a kept upload; the status page
    follows it."""
    sesi = request.session.get(SESI, {})
    entri = sesi[str(token)]
    job = tugas_impor.pekerjaan_create(
        jenis=JENIS, pd=pd.pk, user=request.user.pk,
        data={"token": str(token), "awal": entri["awal"], "akhir": entri["akhir"],
              "nama": entri["nama"], "dry_run": dry_run})
    entri["pekerjaan"] = job.id
    request.session[SESI] = sesi
    impor_tabel42_latar.enqueue(job.id)
    return redirect("renstra:import-status", slug=pd.slug, token=token)


def _konfirmasi_latar(request, pd, token, entri):
    job = tugas_impor.pekerjaan_milik(entri["pekerjaan"], jenis=JENIS, pd=pd, user=request.user)
    if job is None or job.berjalan or not job.data.get("dry_run") or not (job.hasil or {}).get(
            "ok"):
        # Confirm only a check that finished clean (a double click lands on the status page).
        return redirect("renstra:import-status", slug=pd.slug, token=token)
    return _ke_latar(request, pd, token, dry_run=False)


@login_required
@require_GET
def status(request, slug, token):
    """Where a background check or application of a large Tabel 4.2 stands."""
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    entri = request.session.get(SESI, {}).get(str(token))
    job = None
    if entri and entri.get("pd") == pd.pk and entri.get("user") == request.user.pk:
        job = tugas_impor.pekerjaan_milik(entri.get("pekerjaan", ""), jenis=JENIS, pd=pd,
                                          user=request.user)
    if job is None:
        return _hilang(request, pd)
    h = job.hasil or {}
    if job.berhasil and not job.data["dry_run"] and h.get("disimpan"):
        _lupakan(request, token)
        messages.success(request, _pesan_selesai(h, job.data["awal"], job.data["akhir"],
                                                 h.get("pagu_awal"), h["jumlah_peringatan"]))
        transisi = h.get("transisi", [])
        _pesan_transisi(request, transisi)
        tahun = tahun_berlaku_awal(job.data["awal"], job.data["akhir"], transisi)
        return redirect(reverse("beranda-pd", kwargs={"slug": pd.slug}) + f"?tahun={tahun}")
    return render(request, "renstra/import_status.html", {
        "pd": pd, "token": token, "job": job, "hasil": h, "nama_berkas": entri["nama"],
        "detik": job.detik_berjalan(),
    }, status=422 if job.berhasil and not h.get("ok") else 200)
