"""The Buku Kerja in the browser: download (``ekspor_workbook``) and upload → preview →
confirm (``impor_workbook``), the same file and the same checks as the commands
``export_workbook`` / ``import_workbook`` (design.md "Buku Kerja").

The upload is kept by ``sakip.unggahan`` (bound to the uploader's session, checked by its
SHA-256): the preview is a dry run of those bytes and the confirmation applies the same bytes,
never a file sent again. A second upload replaces the first, so a preview of an older file can
no longer be confirmed. A file above ``settings.SAKIP_IMPOR_LATAR_BARIS`` rows is checked and
applied by the task worker (``bukukerja.tugas``) with a status page that refreshes itself.

Access (``sakip.access``): perencana and admin of the office import; Kepala downloads only;
everyone else who sees the office gets 403, an office the user may not see answers 404.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from anggaran.selectors import tahun_bawaan
from bukukerja import alur
from bukukerja.forms import UnduhForm, UnggahForm
from bukukerja.tugas import JENIS, impor_buku_kerja_latar
from bukukerja.workbook import ekspor_workbook
from renstra.selectors import tahun_renstra
from sakip import tugas_impor, unggahan
from sakip.access import akses, cek, get_pd_or_403

KUNCI = "bukukerja_impor"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _pd_unduh(request, slug):
    pd = get_pd_or_403(request, slug)
    cek(akses(request).can_unduh_buku_kerja(pd),
        "Buku Kerja hanya untuk perencana, Kepala dan administrator perangkat daerah.")
    return pd


def _pd_impor(request, slug):
    pd = get_pd_or_403(request, slug)
    cek(akses(request).can_impor_buku_kerja(pd),
        "Hanya perencana dan administrator yang mengimpor Buku Kerja.")
    return pd


def _tahun_list(pd) -> list[int]:
    """Every year of every Renstra of the office: a newer Renstra never hides the older years
    (each year's file is read through the Renstra that governs it)."""
    return tahun_renstra([pd.pk])


def _halaman(request, pd, *, unggah_form=None, status=200):
    tahun_list = _tahun_list(pd)
    boleh_impor = akses(request).can_impor_buku_kerja(pd)
    if boleh_impor and unggah_form is None:
        unggah_form = UnggahForm()
    return render(request, "bukukerja/halaman.html", {
        "pd": pd, "tahun_list": tahun_list,
        "unduh_form": UnduhForm(tahun_list=tahun_list,
                                initial={"tahun": tahun_bawaan(
                                    pd, tahun_list, timezone.localdate().year)}),
        "unggah_form": unggah_form, "boleh_impor": boleh_impor,
    }, status=status)


@login_required
@require_GET
def halaman(request, slug):
    return _halaman(request, _pd_unduh(request, slug))


@login_required
@require_GET
def unduh(request, slug):
    """The same file as ``export_workbook --pd SLUG --tahun YYYY``."""
    pd = _pd_unduh(request, slug)
    form = UnduhForm(request.GET, tahun_list=_tahun_list(pd))
    if not form.is_valid():
        messages.error(request, "Pilih tahun Renstra perangkat daerah ini untuk diunduh.")
        return redirect("bukukerja:halaman", slug=pd.slug)
    tahun = form.cleaned_data["tahun"]
    resp = HttpResponse(content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="buku-kerja-{pd.slug}-{tahun}.xlsx"'
    ekspor_workbook(pd, tahun).save(resp)
    return resp


@login_required
@require_POST
def unggah(request, slug):
    pd = _pd_impor(request, slug)
    form = UnggahForm(request.POST, request.FILES)
    if not form.is_valid():
        return _halaman(request, pd, unggah_form=form, status=400)
    berkas = form.cleaned_data["berkas"]
    isi = berkas.read()
    periode = form.cleaned_data["periode"]
    meta = {"pd": pd.pk, "nama": Path(berkas.name).name[:200],
            "tahun": form.cleaned_data["tahun"], "periode": list(periode) if periode else None}
    token = unggahan.simpan_sementara(request, KUNCI, isi, meta)
    if tugas_impor.perlu_latar(tugas_impor.perkiraan_baris(isi, berkas.name)):
        return _ke_latar(request, pd, dry_run=True)
    return redirect("bukukerja:pratinjau", slug=pd.slug, token=token)


def _ambil(request, pd, token):
    """The kept upload of this user's session for this office, or None."""
    got = unggahan.ambil_sementara(request, KUNCI, token)
    if got is None or got[1].get("pd") != pd.pk:
        return None
    return got


def _hilang(request, pd):
    messages.error(request, "Berkas Buku Kerja tidak ditemukan atau sudah kedaluwarsa (atau "
                            "sudah diganti unggahan lain); unggah kembali berkasnya.")
    return redirect("bukukerja:halaman", slug=pd.slug)


def _tampil(request, pd, token, meta, r, *, status=None):
    boleh_simpan = r["ok"] and (r["dibuat"] or r["diubah"])
    return render(request, "bukukerja/pratinjau.html", {
        "pd": pd, "token": token, "meta": meta, "r": r, "boleh_simpan": boleh_simpan,
    }, status=status or (200 if r["ok"] else 422))


@login_required
@require_GET
def pratinjau(request, slug, token):
    pd = _pd_impor(request, slug)
    got = _ambil(request, pd, token)
    if got is None:
        return _hilang(request, pd)
    isi, meta = got
    if meta.get("pekerjaan"):
        return redirect("bukukerja:status", slug=pd.slug, token=token)
    r = alur.periksa(isi, pd, meta, user=request.user)
    # What the confirmation must reproduce (see bukukerja.alur.terapkan).
    request.session[KUNCI] = {**meta, "harapan": r["angka"]}
    return _tampil(request, pd, token, meta, r)


@login_required
@require_POST
def konfirmasi(request, slug, token):
    pd = _pd_impor(request, slug)
    got = _ambil(request, pd, token)
    if got is None:
        return _hilang(request, pd)
    isi, meta = got
    if meta.get("pekerjaan"):
        return _konfirmasi_latar(request, pd, token, meta)
    if meta.get("harapan") is None:
        return redirect("bukukerja:pratinjau", slug=pd.slug, token=token)
    r = alur.terapkan(isi, pd, meta, user=request.user, harapan=meta["harapan"])
    if not r["disimpan"]:
        if r["berubah"]:
            request.session[KUNCI] = {**meta, "harapan": r["angka"]}
            messages.warning(request, "Data perangkat daerah berubah sejak pratinjau; tidak ada "
                                      "yang disimpan. Periksa pratinjau baru ini, lalu simpan "
                                      "lagi.")
        else:
            messages.error(request, "Impor ditolak; tidak ada data yang disimpan.")
        return _tampil(request, pd, token, meta, r, status=409 if r["berubah"] else 422)
    unggahan.hapus_sementara(request, KUNCI)
    messages.success(request, alur.pesan_selesai(r))
    return redirect("bukukerja:halaman", slug=pd.slug)


# --- large files: the task worker checks and applies ------------------------------------------

def _ke_latar(request, pd, *, dry_run: bool):
    """Queue the check (``dry_run``) or the application of the kept upload."""
    meta = request.session[KUNCI]
    job = tugas_impor.pekerjaan_create(jenis=JENIS, pd=pd.pk, user=request.user.pk,
                                       data={**meta, "dry_run": dry_run})
    meta["pekerjaan"] = job.id
    request.session[KUNCI] = meta
    impor_buku_kerja_latar.enqueue(job.id)
    return redirect("bukukerja:status", slug=pd.slug, token=meta["token"])


def _konfirmasi_latar(request, pd, token, meta):
    job = tugas_impor.pekerjaan_milik(meta["pekerjaan"], jenis=JENIS, pd=pd, user=request.user)
    if job is None or not _boleh_simpan_latar(job):
        # Only a clean check is confirmed (a double click lands on the status page); so is an
        # application refused because the data changed since, once its new counts were shown.
        return redirect("bukukerja:status", slug=pd.slug, token=token)
    request.session[KUNCI] = {**meta, "harapan": job.hasil["angka"]}
    return _ke_latar(request, pd, dry_run=False)


def _boleh_simpan_latar(job) -> bool:
    r = job.hasil or {}
    return bool(job.berhasil and r.get("ok") and not r.get("disimpan")
                and (r.get("dibuat") or r.get("diubah")))


@login_required
@require_GET
def status(request, slug, token):
    """Where a background check or application of a large Buku Kerja stands."""
    pd = _pd_impor(request, slug)
    got = _ambil(request, pd, token)
    job = None
    if got is not None:
        job = tugas_impor.pekerjaan_milik(got[1].get("pekerjaan", ""), jenis=JENIS, pd=pd,
                                          user=request.user)
    if job is None:
        return _hilang(request, pd)
    r = job.hasil or {}
    if job.berhasil and r.get("disimpan"):
        unggahan.hapus_sementara(request, KUNCI)
        messages.success(request, alur.pesan_selesai(r))
        return redirect("bukukerja:halaman", slug=pd.slug)
    return render(request, "bukukerja/status.html", {
        "pd": pd, "token": token, "job": job, "r": r, "meta": got[1],
        "detik": job.detik_berjalan(),
        "boleh_simpan": _boleh_simpan_latar(job),
    }, status=422 if job.berhasil and not r.get("ok") else 200)
