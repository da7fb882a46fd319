"""Realisasi pages: staff entry with evidence, the staff spreadsheet, verification, periods.

Every view checks the role and the object through ``sakip.access`` and
``kinerja.realisasi.selectors`` (perangkat daerah from the URL, bidang from the indicator):
a staff member of another bidang gets 403 on a direct URL, not just a hidden link.
"""

from __future__ import annotations

import io
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja.models import Realisasi
from kinerja.realisasi import xlsx as staf_xlsx
from kinerja.realisasi.bukti import batas_ukuran, format_ukuran, respons_berkas
from kinerja.realisasi.forms import (
    PeriodeForm,
    RealisasiForm,
    StafAjukanForm,
    UnggahXlsxForm,
    VerifikasiForm,
)
from kinerja.realisasi.selectors import (
    LEVEL_LABEL,
    baris_verifikasi,
    bidang_list,
    boleh_lihat,
    bukti_realisasi,
    bukti_satu,
    draf_staf,
    indikator_satu,
    jumlah_per_status,
    konteks_isi,
    konteks_staf,
    periode_aktif,
    periode_map,
    periode_terakhir,
    progres,
    realisasi_diajukan,
    realisasi_pd,
    riwayat_realisasi,
    sampai,
)
from kinerja.realisasi.services import (
    LABEL_FIELD,
    bukti_delete,
    periode_set,
    pesan_bukti_wajib,
    realisasi_isi_save,
    realisasi_submit,
    realisasi_verify,
)
from kinerja.selectors import nilai_indikator
from renstra.selectors import tahun_renstra
from sakip import unggahan
from sakip.access import akses, cek, get_pd_or_403
from sakip.lib.periode import romawi
from sakip.models import Role

KUNCI_XLSX = "staf_xlsx_unggah"
# The preview lists this many changes; a 10,000-row upload is summarised, not printed whole.
PRATINJAU_MAKS = 200
TINGKAT_PESAN = {"success": messages.SUCCESS, "info": messages.INFO,
                 "warning": messages.WARNING}


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _periode_pilihan(request, pd) -> tuple[int, int]:
    """The quarter shown: ?tahun=&tw=, else the newest open period, else the newest period."""
    tahun, tw = _int(request.GET.get("tahun")), _int(request.GET.get("tw"))
    if tahun and tw in (1, 2, 3, 4) and 2000 <= tahun <= 2100:
        return tahun, tw
    return periode_aktif(pd) or periode_terakhir(pd) or (timezone.localdate().year, 1)


def _perlu_staf_atau_kantor(a, pd) -> None:
    cek(a.can_view_all(pd) or bool(a.bidang_ids(pd)),
        "Halaman realisasi hanya untuk staf bidang dan perencana perangkat daerah ini.")


def _halaman_staf(request, slug, kata_kerja: str):
    """Office, access, chosen period and bidang filter of the staff page and its spreadsheet."""
    pd = get_pd_or_403(request, slug)
    a = akses(request)
    _perlu_staf_atau_kantor(a, pd)
    tahun, tw = _periode_pilihan(request, pd)
    bidang_id = _int(request.GET.get("bidang"))
    if bidang_id is not None and not a.can_view_bidang(pd, bidang_id):
        raise PermissionDenied(f"Anda hanya dapat {kata_kerja} indikator bidang Anda sendiri.")
    return a, pd, tahun, tw, bidang_id


def _url_staf(pd, tahun, tw, bidang_id=None) -> str:
    q = {"tahun": tahun, "tw": tw}
    if bidang_id:
        q["bidang"] = bidang_id
    return f"{reverse('kinerja:staf', args=[pd.slug])}?{urlencode(q)}"


# --- the staff page ----------------------------------------------------------------------------

@require_GET
@login_required
def staf(request, slug):
    a, pd, tahun, tw, bidang_id = _halaman_staf(request, slug, "melihat")
    return render(request, "kinerja/staf_realisasi.html",
                  konteks_staf(a, pd, tahun, tw, bidang_id))


@require_POST
@login_required
def staf_ajukan(request, slug):
    """Submit every draft/returned value the user may enter for the quarter shown."""
    pd = get_pd_or_403(request, slug)
    a = akses(request)
    _perlu_pengisi(a, pd)
    form = StafAjukanForm(request.POST)
    if not form.is_valid():
        return HttpResponse("Permintaan tidak lengkap: tahun, triwulan dan semua=1.",
                            status=400)
    tahun, tw, bidang_id = (form.cleaned_data[k] for k in ("tahun", "tw", "bidang"))
    if bidang_id is not None and not a.can_view_bidang(pd, bidang_id):
        raise PermissionDenied("Anda hanya dapat mengajukan realisasi bidang Anda sendiri.")
    pilih, boleh = draf_staf(a, pd, tahun, tw, bidang_id)
    cek(bool(pilih) or boleh, "Anda tidak berwenang mengajukan realisasi periode ini.")
    ok, ditolak = realisasi_submit(pd=pd, realisasi=pilih, user=request.user)
    if ok:
        messages.success(request, f"{len(ok)} realisasi diajukan untuk diverifikasi.")
    for _r, pesan in ditolak:
        messages.warning(request, f"Belum diajukan — {pesan}")
    if not ok and not ditolak:
        messages.info(request, "Tidak ada draf yang perlu diajukan.")
    return redirect(_url_staf(pd, tahun, tw, bidang_id))


# --- entering one value ------------------------------------------------------------------------

def _konteks_isi(request, pd, indikator_id, tahun, tw):
    if tw not in (1, 2, 3, 4) or not 2000 <= tahun <= 2100:
        raise Http404("Triwulan atau tahun tidak dikenal.")
    a = akses(request)
    ib = indikator_satu(pd, indikator_id, tahun)
    if not boleh_lihat(a, pd, ib):
        raise PermissionDenied("Indikator ini milik bidang lain.")
    return konteks_isi(a, pd, ib, tahun, tw)


def _render_isi(request, pd, tahun, tw, ctx, form, status=200):
    ind = ctx["ind"]
    n = nilai_indikator([ind], [tahun], perangkat_daerah=pd)[(ind.pk, tahun)]
    n_sd = sampai(n, tw, pd)
    return render(request, "kinerja/realisasi_isi.html", {
        "pd": pd, "tahun": tahun, "tw": tw, "form": form, "n": n_sd,
        "progres": progres(n_sd, tw, pd), "target_tw": n_sd.target_tw[tw - 1],
        "tw_sebelumnya": [(i + 1, n.realisasi_tw[i], n.realisasi_teks_tw[i], n.status_tw[i])
                          for i in range(tw - 1)],
        "bukti": bukti_realisasi(ctx["real"]),
        "riwayat": riwayat_realisasi(ctx["real"]), "level_label": LEVEL_LABEL,
        "batas_bukti": format_ukuran(batas_ukuran()), "label_field": LABEL_FIELD,
        # The office's "bukti dukung wajib" rule, said before the user tries to submit.
        "bukti_wajib": pesan_bukti_wajib(pd) if pd.perlu_bukti(ind) else "",
        "url_kembali": _url_staf(pd, tahun, tw), **ctx,
    }, status=status)


def _kirim_pesan(request, pesan: list[tuple[str, str]]) -> None:
    for tingkat, teks in pesan:
        messages.add_message(request, TINGKAT_PESAN[tingkat], teks)


@require_http_methods(["GET", "POST"])
@login_required
def realisasi_isi(request, slug, indikator, tahun, tw):
    pd = get_pd_or_403(request, slug)
    ctx = _konteks_isi(request, pd, indikator, tahun, tw)
    ind, perlu_alasan = ctx["ind"], ctx["perlu_alasan"]
    if request.method == "GET":
        form = RealisasiForm(indikator=ind, perlu_alasan=perlu_alasan, realisasi=ctx["real"])
        return _render_isi(request, pd, tahun, tw, ctx, form)
    cek(ctx["boleh_isi"], "Anda tidak berwenang mengisi realisasi indikator ini.")
    form = RealisasiForm(request.POST, request.FILES, indikator=ind, perlu_alasan=perlu_alasan,
                         sebab=None if ctx["bisa_ubah"] else ctx["sebab"])
    if not form.is_valid():
        return _render_isi(request, pd, tahun, tw, ctx, form, status=400)
    hasil = realisasi_isi_save(
        pd=pd, indikator=ind, tahun=tahun, triwulan=tw, data=form.data_realisasi(),
        user=request.user, berkas=form.cleaned_data.get("bukti"),
        alasan=form.cleaned_data.get("alasan") or "", abaikan_periode=perlu_alasan,
        kunci_diajukan=not ctx["perencana"], ajukan=form.ajukan, realisasi=ctx["real"],
        versi_dasar=form.cleaned_data.get("row_version"))
    if not hasil.ok:
        form.tambah_galat(hasil.galat)
        return _render_isi(request, pd, tahun, tw, ctx, form, status=400)
    _kirim_pesan(request, hasil.pesan)
    if hasil.diajukan:
        return redirect(_url_staf(pd, tahun, tw))
    return redirect("kinerja:realisasi-edit", slug=pd.slug, indikator=ind.pk, tahun=tahun,
                    tw=tw)


@require_POST
@login_required
def realisasi_ajukan(request, slug, indikator, tahun, tw):
    pd = get_pd_or_403(request, slug)
    ctx = _konteks_isi(request, pd, indikator, tahun, tw)
    cek(ctx["boleh_isi"], "Anda tidak berwenang mengajukan realisasi indikator ini.")
    real = ctx["real"]
    if real is None:
        messages.error(request, "Realisasi belum diisi.")
    else:
        real.indikator = ctx["ind"]
        ok, ditolak = realisasi_submit(pd=pd, realisasi=[real], user=request.user)
        if ok:
            messages.success(request, "Realisasi diajukan untuk diverifikasi.")
        for _r, pesan in ditolak:
            messages.warning(request, f"Belum diajukan — {pesan}")
    return redirect("kinerja:realisasi-edit", slug=pd.slug, indikator=indikator, tahun=tahun,
                    tw=tw)


# --- evidence ----------------------------------------------------------------------------------

def _bukti_dan_akses(request, slug, pk):
    pd = get_pd_or_403(request, slug)
    b = bukti_satu(pd, pk)
    r = b.realisasi
    ctx = _konteks_isi(request, pd, r.indikator_id, r.tahun, r.triwulan)
    return pd, b, ctx


@require_GET
@login_required
def bukti_unduh(request, slug, pk):
    """Evidence is served only here, after the indicator's access check (never MEDIA_URL)."""
    _pd, b, _ctx = _bukti_dan_akses(request, slug, pk)
    return respons_berkas(b.file, nama=b.nama_asli, content_type=b.content_type,
                          hilang="Berkas bukti dukung tidak ditemukan di penyimpanan.")


@require_POST
@login_required
def bukti_hapus_view(request, slug, pk):
    pd, b, ctx = _bukti_dan_akses(request, slug, pk)
    cek(ctx["boleh_isi"], "Anda tidak berwenang menghapus bukti dukung indikator ini.")
    r = b.realisasi
    url = reverse("kinerja:realisasi-edit", args=[pd.slug, r.indikator_id, r.tahun, r.triwulan])
    if request.POST.get("konfirmasi") != "1":
        return HttpResponse("Konfirmasi penghapusan tidak ada.", status=400)
    alasan = (request.POST.get("alasan") or "").strip()
    if not ctx["bisa_ubah"]:
        messages.error(request, ctx["sebab"])
        return redirect(url)
    if ctx["perlu_alasan"] and not alasan:
        messages.error(request, "Menghapus bukti di luar periode input atau setelah verifikasi "
                                "wajib disertai alasan.")
        return redirect(url)
    bukti_delete(bukti=b, user=request.user, pd=pd, alasan=alasan)
    messages.success(request, f"Bukti '{b.nama_asli}' dihapus.")
    return redirect(url)


# --- staff spreadsheet -------------------------------------------------------------------------

@require_GET
@login_required
def staf_xlsx_unduh(request, slug):
    a, pd, tahun, tw, bidang_id = _halaman_staf(request, slug, "mengunduh")
    wb = staf_xlsx.buat_workbook(a, pd, tahun, tw, bidang_id=bidang_id)
    nama = f"realisasi-{pd.slug}-{tahun}-tw{tw}.xlsx"
    return FileResponse(io.BytesIO(staf_xlsx.workbook_bytes(wb)), as_attachment=True,
                        filename=nama, content_type=staf_xlsx.XLSX_TYPE)


def _perlu_pengisi(a, pd) -> None:
    cek(a.has(pd, Role.PERENCANA, Role.ADMIN) or bool(a.bidang_ids(pd)),
        "Hanya staf bidang dan perencana yang mengisi realisasi.")


@require_http_methods(["GET", "POST"])
@login_required
def staf_xlsx_unggah(request, slug):
    pd = get_pd_or_403(request, slug)
    a = akses(request)
    _perlu_pengisi(a, pd)
    tahun, tw = _periode_pilihan(request, pd)
    if request.method == "GET":
        return render(request, "kinerja/staf_xlsx_unggah.html",
                      {"pd": pd, "form": UnggahXlsxForm(), "tahun": tahun, "tw": tw})
    form = UnggahXlsxForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "kinerja/staf_xlsx_unggah.html",
                      {"pd": pd, "form": form, "tahun": tahun, "tw": tw}, status=400)
    isi = form.cleaned_data["berkas"].read()
    hasil = staf_xlsx.baca_dan_terapkan(io.BytesIO(isi), a=a, pd=pd, user=request.user,
                                        simpan=False)
    token = None
    if hasil.ok:
        token = unggahan.simpan_sementara(request, KUNCI_XLSX, staf_xlsx.entri_json(hasil),
                                           {"pd": pd.pk})
    return render(request, "kinerja/staf_xlsx_pratinjau.html",
                  _pratinjau(pd, hasil, token), status=200 if hasil.ok else 400)


def _pratinjau(pd, hasil, token) -> dict:
    perubahan = hasil.hasil.perubahan if hasil.hasil else []
    galat = hasil.semua_galat()
    return {"pd": pd, "hasil": hasil, "token": token, "label_field": LABEL_FIELD,
            "galat": galat[:PRATINJAU_MAKS], "galat_sisa": max(0, len(galat) - PRATINJAU_MAKS),
            "perubahan": perubahan[:PRATINJAU_MAKS],
            "perubahan_sisa": max(0, len(perubahan) - PRATINJAU_MAKS)}


@require_POST
@login_required
def staf_xlsx_konfirmasi(request, slug):
    pd = get_pd_or_403(request, slug)
    a = akses(request)
    _perlu_pengisi(a, pd)
    got = unggahan.ambil_sementara(request, KUNCI_XLSX, request.POST.get("token", ""))
    if got is None or got[1].get("pd") != pd.pk:
        messages.error(request, "Berkas pratinjau tidak ditemukan atau kedaluwarsa; unggah "
                                "ulang berkasnya.")
        return redirect("kinerja:staf-xlsx-unggah", slug=pd.slug)
    isi, _meta = got
    hasil = staf_xlsx.terapkan_json(isi, a=a, pd=pd, user=request.user)
    if not hasil.ok:
        return render(request, "kinerja/staf_xlsx_pratinjau.html",
                      _pratinjau(pd, hasil, None), status=400)
    unggahan.hapus_sementara(request, KUNCI_XLSX)
    h = hasil.hasil
    messages.success(request, f"Unggahan disimpan: {h.dibuat} baru, {h.diubah} diubah, "
                              f"{h.tetap} tetap (status draf; ajukan untuk verifikasi).")
    return redirect(_url_staf(pd, hasil.tahun, hasil.triwulan))


# --- verification ------------------------------------------------------------------------------

def _filter_verifikasi(request, pd):
    tahun = _int(request.GET.get("tahun"))
    if not tahun:
        aktif = periode_aktif(pd) or periode_terakhir(pd)
        tahun = aktif[0] if aktif else timezone.localdate().year
    tw = _int(request.GET.get("tw"))
    tw = tw if tw in (1, 2, 3, 4) else None
    status = request.GET.get("status") or Realisasi.Status.DIAJUKAN
    if status not in Realisasi.Status.values:
        status = Realisasi.Status.DIAJUKAN
    return tahun, tw, status, _int(request.GET.get("bidang"))


@require_http_methods(["GET", "POST"])
@login_required
def verifikasi(request, slug):
    pd = get_pd_or_403(request, slug, perlu="verify")
    if request.method == "POST":
        return _verifikasi_terpilih(request, pd)
    tahun, tw, status, bidang_id = _filter_verifikasi(request, pd)
    rows = baris_verifikasi(pd, tahun, status=status, triwulan=tw, bidang_id=bidang_id)
    return render(request, "kinerja/verifikasi_daftar.html", {
        "pd": pd, "rows": rows, "tahun": tahun, "tw": tw, "status": status,
        "bidang_id": bidang_id, "bidang_list": bidang_list(pd),
        "tahun_list": tahun_renstra([pd.pk]) or [tahun],
        "status_list": Realisasi.Status.choices, "jumlah": jumlah_per_status(pd, tahun),
        "level_label": LEVEL_LABEL, "kembali": request.get_full_path(),
    })


def _kembali(request, pd) -> str:
    nxt = request.POST.get("kembali") or ""
    base = reverse("kinerja:verifikasi", args=[pd.slug])
    return nxt if nxt.startswith(base) else base


def _verifikasi_terpilih(request, pd):
    ids = [i for i in (_int(x) for x in request.POST.getlist("pilih")) if i]
    if not ids:
        return HttpResponse("Tidak ada realisasi yang dipilih.", status=400)
    items = realisasi_diajukan(pd, ids)
    n = 0
    for r in items:
        # A value verified or changed by another request since the page was drawn is left
        # as it is and named (a double submission answers, never a 500).
        try:
            realisasi_verify(realisasi=r, user=request.user, setuju=True)
            n += 1
        except ValidationError as e:
            messages.warning(request, f"{r.indikator.uraian} TW {romawi(r.triwulan)}: "
                                      f"{' '.join(e.messages)}")
    messages.success(request, f"{n} realisasi diverifikasi.")
    return redirect(_kembali(request, pd))


@require_POST
@login_required
def verifikasi_aksi(request, slug, pk):
    pd = get_pd_or_403(request, slug, perlu="verify")
    r = realisasi_pd(pd, pk)
    form = VerifikasiForm(request.POST)
    if not form.is_valid():
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, f"{r.indikator.uraian} TW {romawi(r.triwulan)}: {e}")
        return redirect(_kembali(request, pd))
    setuju = form.cleaned_data["aksi"] == "setuju"
    try:
        realisasi_verify(realisasi=r, user=request.user, setuju=setuju,
                         komentar=form.cleaned_data["komentar"],
                         versi_dasar=_int(request.POST.get("row_version")))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(_kembali(request, pd))
    label = f"{r.indikator.uraian} TW {romawi(r.triwulan)}"
    messages.success(request, f"{label} diverifikasi." if setuju else
                     f"{label} dikembalikan ke staf dengan komentar.")
    return redirect(_kembali(request, pd))


# --- input periods ------------------------------------------------------------------------------

def _render_periode(request, pd, a, form, status=200):
    # Every Renstra's years: a newer Renstra never hides the periods of the older one's.
    tahun_list = tahun_renstra([pd.pk]) or [timezone.localdate().year]
    pm = periode_map(pd, tahun_list)
    tabel = [(t, [(i, pm.get((t, i))) for i in (1, 2, 3, 4)]) for t in tahun_list]
    return render(request, "kinerja/periode_daftar.html", {
        "pd": pd, "tabel": tabel, "form": form, "boleh": a.can_manage_periode(pd),
    }, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def periode(request, slug):
    pd = get_pd_or_403(request, slug, perlu="view_all")
    a = akses(request)
    if request.method == "GET":
        return _render_periode(request, pd, a, PeriodeForm())
    cek(a.can_manage_periode(pd), "Hanya administrator dan perencana yang membuka atau "
                                  "menutup periode input.")
    form = PeriodeForm(request.POST)
    if not form.is_valid():
        return _render_periode(request, pd, a, form, status=400)
    c = form.cleaned_data
    periode_set(perangkat_daerah=pd, tahun=c["tahun"], triwulan=c["triwulan"],
                dibuka=c["dibuka"], user=request.user, batas_waktu=c["batas_waktu"])
    kata = "dibuka" if c["dibuka"] else "ditutup"
    messages.success(request, f"Periode {c['tahun']} triwulan {romawi(c['triwulan'])} {kata}.")
    return redirect("kinerja:periode", slug=pd.slug)
