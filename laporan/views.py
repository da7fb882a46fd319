"""LKjIP pages: the report of a perangkat daerah and year, its narratives, review, penetapan and
downloads (HTML, PDF, XLSX, JSON).

Access (sakip/access.py): every role of the office views and downloads (staf bidang read-only);
perencana/admin edit narratives; the Inspektorat records the review; only the Kepala menetapkan.
The PDF is never laid out inside a request: it is served from the cache for the current data
hash, or queued for the worker with a progress page (design.md).
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from laporan import kepegawaian as kepegawaian_mod
from laporan import services
from laporan.builder import LaporanTidakDapatDisusun
from laporan.forms import (
    CapaianTerbitForm,
    KepegawaianFormSet,
    NarasiForm,
    ReviuForm,
    TetapkanForm,
    kepegawaian_baris,
    kepegawaian_initial,
)
from laporan.models import BerkasLKjIP, LaporanKinerja
from laporan.render_docx import render_docx
from laporan.render_html import render_html
from laporan.render_json import render_json
from laporan.render_xlsx import render_xlsx
from laporan.selectors import (
    berkas_qs,
    berkas_untuk,
    kedaluwarsa,
    kemajuan_berkas,
    laporan_per_tahun,
    laporan_terbaru,
    laporan_versi,
    susun,
    versi_list,
)
from renstra.models import Indikator
from renstra.selectors import tahun_renstra
from sakip.access import akses, cek, get_pd_or_403
from sakip.keamanan import dokumen_dalam_bingkai
from sakip.models import MetodeEfisiensi
from sakip.versi import SudahAda

FORMAT = {
    "html": "text/html; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _laporan(request, pd, tahun: int) -> LaporanKinerja | None:
    """The version asked for (``?versi=``), else the newest one of the year."""
    versi = request.GET.get("versi")
    try:
        return laporan_versi(pd, tahun, int(versi) if versi else None)
    except ValueError:
        raise Http404("Versi tidak dikenal.") from None
    except LaporanKinerja.DoesNotExist:
        raise Http404("No LaporanKinerja matches the given query.") from None


def _susun_atau_404(pd, tahun, laporan):
    try:
        return susun(pd, tahun, laporan)
    except LaporanTidakDapatDisusun as e:
        raise Http404(str(e)) from None


def _nama_berkas(pd, tahun: int, laporan: LaporanKinerja | None, fmt: str) -> str:
    akhir = f"v{laporan.versi}" if laporan is not None and laporan.terkunci else "draf"
    return f"LKjIP-{tahun}-{pd.slug}-{akhir}.{fmt}"


def _jalankan(form, simpan) -> bool:
    """Validate ``form`` and call ``simpan(cleaned_data)``; the service's refusals become form
    errors (on their field when the form has it). True when saved."""
    if not form.is_valid():
        return False
    try:
        simpan(form.cleaned_data)
    except ValidationError as e:
        # A stale version or a closed report is a plain message: on the form as a whole.
        for field, errs in (e.message_dict if hasattr(e, "error_dict") else {None: e.messages}
                            ).items():
            form.add_error(field if field in form.fields else None, errs)
        return False
    return True


@require_GET
@login_required
def daftar(request, slug):
    pd = get_pd_or_403(request, slug)
    # Every Renstra's years: a newer Renstra never hides the reports of the older one's.
    tahun_list = tahun_renstra([pd.pk])
    per_tahun = laporan_per_tahun(pd)
    baris = [(t, per_tahun.get(t)) for t in sorted(set(tahun_list) | set(per_tahun),
                                                    reverse=True)]
    return render(request, "laporan/daftar.html", {"pd": pd, "baris": baris})


@require_GET
@login_required
def lkjip(request, slug, tahun):
    pd = get_pd_or_403(request, slug)
    a = akses(request)
    laporan = _laporan(request, pd, tahun)
    context = {
        "pd": pd, "tahun": tahun, "laporan": laporan, "versi_list": versi_list(pd, tahun),
        "bisa_edit": a.can_edit_plan(pd), "bisa_reviu": a.can_review(pd),
        "bisa_tetapkan": a.can_approve(pd),
        "tahun_list": tahun_renstra([pd.pk]),
    }
    try:
        context.update(_konteks_data(pd, tahun, laporan))
    except LaporanTidakDapatDisusun as e:
        context["galat"] = str(e)
    return render(request, "laporan/lkjip.html", context)


def _konteks_data(pd, tahun: int, laporan: LaporanKinerja | None) -> dict:
    tersusun = susun(pd, tahun, laporan)
    return {
        "d": tersusun.data, "hash": tersusun.hash,
        # The method's Indonesian name (its code stays in the JSON contract only).
        "metode_efisiensi_label": MetodeEfisiensi(tersusun.data.pengaturan.metode_efisiensi).label,
        "berkas": berkas_untuk(pd, tahun, tersusun.kunci_pdf),
        "kedaluwarsa": laporan is not None and kedaluwarsa(laporan, tersusun.hash),
        # The kata pengantar date when the narrative has one; else the Kepala picks the date.
        "tetapkan_form": TetapkanForm(initial={
            "tanggal_penetapan": (laporan.narasi or {}).get("tanggal") if laporan else None}),
    }


@require_POST
@login_required
def mulai(request, slug, tahun):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    try:
        lap = services.laporan_create(perangkat_daerah=pd, tahun=tahun, user=request.user)
    except SudahAda as e:
        # A double click: the draft the first click started is the one to continue.
        messages.info(request, " ".join(e.messages))
        return redirect("laporan:narasi", slug=pd.slug, tahun=tahun)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("laporan:lkjip", slug=pd.slug, tahun=tahun)
    messages.success(request, f"LKjIP {tahun} versi {lap.versi} dimulai sebagai draf.")
    return redirect("laporan:narasi", slug=pd.slug, tahun=tahun)


@require_POST
@login_required
def versi_baru(request, slug, tahun):
    return mulai(request, slug, tahun)


def _draf_atau_kembali(request, pd, tahun: int, laporan: LaporanKinerja | None):
    """A redirect (with the reason) when there is no open draft to edit, else None."""
    if laporan is None:
        messages.info(request, "Mulai LKjIP tahun ini terlebih dahulu.")
    elif laporan.terkunci:
        messages.error(request, f"LKjIP {tahun} versi {laporan.versi} sudah ditetapkan; buat "
                                "versi baru untuk mengubahnya.")
    else:
        return None
    return redirect("laporan:lkjip", slug=pd.slug, tahun=tahun)


@require_http_methods(["GET", "POST"])
@login_required
def narasi(request, slug, tahun):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    laporan = laporan_terbaru(pd, tahun)
    if (kembali := _draf_atau_kembali(request, pd, tahun, laporan)) is not None:
        return kembali
    d = _susun_atau_404(pd, tahun, laporan).data
    if request.method == "GET":
        form = NarasiForm(initial=NarasiForm.initial_dari(laporan, d.sasaran, d.program),
                          sasaran=d.sasaran, program=d.program)
    else:
        form = NarasiForm(request.POST, sasaran=d.sasaran, program=d.program)
        if _jalankan(form, lambda cd: services.narasi_update(
            laporan=laporan, narasi=form.narasi(), user=request.user,
            basis_efisiensi=cd["basis_efisiensi"], ikhtisar_eksekutif=cd["ikhtisar_eksekutif"],
            sasaran_ids={s.id for s in d.sasaran}, versi_dasar=cd["row_version"],
        )):
            messages.success(request, "Narasi dan pengaturan LKjIP disimpan.")
            return redirect("laporan:lkjip", slug=pd.slug, tahun=tahun)
    return render(request, "laporan/narasi.html",
                  {"pd": pd, "tahun": tahun, "laporan": laporan, "form": form, "d": d},
                  status=200 if request.method == "GET" else 400)


@require_http_methods(["GET", "POST"])
@login_required
def capaian_terbit(request, slug, tahun):
    """Earlier years' capaian as published in their LKjIP, beside the recomputed ones."""
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    d = _susun_atau_404(pd, tahun, laporan_terbaru(pd, tahun)).data
    indikator = list({il.id: il for il in d.indikator_utama}.values())
    tahun_lalu = [t for t in d.tahun_analisis if t < tahun]
    form = CapaianTerbitForm(request.POST or None, indikator=indikator, tahun=tahun_lalu)
    if request.method == "POST":
        pilih = {il.id: il for il in indikator}
        if _jalankan(form, lambda cd: services.capaian_terbit_save(
            indikator=Indikator.objects.select_related("renstra__perangkat_daerah")
            .get(pk=pilih[cd["indikator"]].id),
            tahun=cd["tahun"], capaian=cd["capaian"], target=cd["target"],
            realisasi=cd["realisasi"], sumber=cd["sumber"], catatan=cd["catatan"],
            user=request.user,
        )):
            messages.success(request, "Capaian terbit disimpan.")
            return redirect("laporan:capaian-terbit", slug=pd.slug, tahun=tahun)
    baris = [(il, [(t, il.nilai_tahun(t)) for t in tahun_lalu]) for il in indikator]
    return render(request, "laporan/capaian_terbit.html",
                  {"pd": pd, "tahun": tahun, "form": form, "baris": baris,
                   "tahun_lalu": tahun_lalu},
                  status=400 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
@login_required
def kepegawaian(request, slug, tahun):
    """BAB I staffing table of the year: counts by golongan, pendidikan (and jabatan)."""
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    rows = kepegawaian_mod.baris_tahun(pd, tahun)
    galat: list[str] = []
    if request.method == "GET":
        formset = KepegawaianFormSet(initial=kepegawaian_initial(rows), prefix="pegawai")
    else:
        formset = KepegawaianFormSet(request.POST, initial=kepegawaian_initial(rows),
                                     prefix="pegawai")
        if formset.is_valid():
            try:
                services.kepegawaian_save(perangkat_daerah=pd, tahun=tahun,
                                          baris=kepegawaian_baris(formset), user=request.user,
                                          versi_dasar=request.POST.get("versi") or None)
            except ValidationError as e:
                galat = e.messages
            else:
                messages.success(request, f"Jumlah pegawai tahun {tahun} disimpan.")
                return redirect("laporan:kepegawaian", slug=pd.slug, tahun=tahun)
    return render(request, "laporan/kepegawaian.html", {
        "pd": pd, "tahun": tahun, "formset": formset, "galat": galat,
        "versi": kepegawaian_mod.sidik(rows), "tersimpan": bool(rows),
    }, status=200 if request.method == "GET" else 400)


@require_http_methods(["GET", "POST"])
@login_required
def reviu(request, slug, tahun):
    pd = get_pd_or_403(request, slug, perlu="review")
    laporan = laporan_terbaru(pd, tahun)
    if laporan is None or laporan.terkunci:
        messages.error(request, "Tidak ada draf LKjIP yang dapat direviu untuk tahun ini.")
        return redirect("laporan:lkjip", slug=pd.slug, tahun=tahun)
    if request.method == "GET":
        form = ReviuForm(initial={"reviu_nomor": laporan.reviu_nomor,
                                  "reviu_tanggal": laporan.reviu_tanggal,
                                  "reviu_catatan": laporan.reviu_catatan,
                                  "row_version": laporan.row_version})
    else:
        form = ReviuForm(request.POST)
        if _jalankan(form, lambda cd: services.laporan_review(
            laporan=laporan, nomor=cd["reviu_nomor"], tanggal=cd["reviu_tanggal"],
            catatan=cd["reviu_catatan"], user=request.user, versi_dasar=cd["row_version"],
        )):
            messages.success(request, "Hasil reviu dicatat; LKjIP menunggu penetapan Kepala.")
            return redirect("laporan:lkjip", slug=pd.slug, tahun=tahun)
    return render(request, "laporan/reviu.html",
                  {"pd": pd, "tahun": tahun, "laporan": laporan, "form": form},
                  status=200 if request.method == "GET" else 400)


@require_POST
@login_required
def tetapkan(request, slug, tahun):
    pd = get_pd_or_403(request, slug, perlu="approve")
    laporan = laporan_terbaru(pd, tahun)
    form = TetapkanForm(request.POST)
    try:
        if laporan is None:
            raise ValidationError("Tidak ada LKjIP untuk ditetapkan.")
        if not form.is_valid():
            raise ValidationError([m for errs in form.errors.values() for m in errs])
        laporan = services.laporan_approve(laporan=laporan, user=request.user,
                                           tanggal=form.cleaned_data.get("tanggal_penetapan"))
    except SudahAda as e:
        messages.info(request, " ".join(e.messages))
        return redirect(f"{reverse('laporan:lkjip', args=[pd.slug, tahun])}"
                        f"?versi={e.objek.versi}")
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("laporan:lkjip", slug=pd.slug, tahun=tahun)
    messages.success(request, f"LKjIP {tahun} versi {laporan.versi} ditetapkan. Dokumen final "
                              "dibekukan dan tidak dapat diubah lagi.")
    if laporan.berkas_final and not laporan.berkas_final.siap:
        return redirect("laporan:berkas", slug=pd.slug, pk=laporan.berkas_final.pk)
    return redirect(f"{reverse('laporan:lkjip', args=[pd.slug, tahun])}?versi={laporan.versi}")


@require_GET
@login_required
@dokumen_dalam_bingkai
def pratinjau(request, slug, tahun):
    """The document itself, for the page's preview frame (no draft warnings: the page lists
    them)."""
    pd = get_pd_or_403(request, slug)
    laporan = _laporan(request, pd, tahun)
    if laporan is not None and laporan.terkunci:
        return HttpResponse(laporan.snapshot_html, content_type=FORMAT["html"])
    d = _susun_atau_404(pd, tahun, laporan).data
    return HttpResponse(render_html(d, peringatan=False), content_type=FORMAT["html"])


@require_GET
@login_required
def unduh(request, slug, tahun, fmt):
    pd = get_pd_or_403(request, slug)
    if fmt not in FORMAT:
        raise Http404("Format tidak dikenal.")
    laporan = _laporan(request, pd, tahun)
    nama = _nama_berkas(pd, tahun, laporan, fmt)
    if fmt == "pdf":
        return _unduh_pdf(request, pd, tahun, laporan, nama)
    if laporan is not None and laporan.terkunci:
        if fmt == "xlsx":
            return _xlsx_beku(laporan, nama)
        isi = _isi_beku(laporan, fmt)
    else:
        isi = _isi_draf(_susun_atau_404(pd, tahun, laporan).data, fmt)
    resp = HttpResponse(isi, content_type=FORMAT[fmt])
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    return resp


def _isi_beku(laporan: LaporanKinerja, fmt: str) -> bytes:
    """HTML, Word or JSON of a ditetapkan version: its frozen copy, never the current data."""
    if fmt == "html":
        return laporan.snapshot_html.encode()
    if fmt == "docx":
        return render_docx(laporan.snapshot_html)
    return json.dumps(laporan.snapshot, ensure_ascii=False, indent=2).encode()


def _xlsx_beku(laporan: LaporanKinerja, nama: str) -> FileResponse:
    if not laporan.snapshot_xlsx:
        raise Http404("XLSX versi ini tidak tersimpan.")
    return FileResponse(laporan.snapshot_xlsx.open("rb"), as_attachment=True, filename=nama,
                        content_type=FORMAT["xlsx"])


def _isi_draf(d, fmt: str) -> bytes:
    """A draft's HTML/XLSX carries its warnings; the JSON always has them as ``peringatan``."""
    if fmt == "html":
        return render_html(d, peringatan=True).encode()
    if fmt == "json":
        return render_json(d).encode()
    if fmt == "docx":
        # The document the PDF prints (no warning list: Word is for adapting the text).
        return render_docx(render_html(d, peringatan=False))
    return render_xlsx(d, peringatan=True)


def _unduh_pdf(request, pd, tahun, laporan, nama):
    if laporan is not None and laporan.terkunci:
        berkas = laporan.berkas_final
        if berkas is None or berkas.status == BerkasLKjIP.Status.GAGAL:
            berkas = services.berkas_final_rebuild(laporan=laporan, user=request.user)
    else:
        tersusun = _susun_atau_404(pd, tahun, laporan)
        berkas = berkas_untuk(pd, tahun, tersusun.kunci_pdf)
        if berkas is None or berkas.status == BerkasLKjIP.Status.GAGAL:
            berkas, _ = services.berkas_request(
                perangkat_daerah=pd, tahun=tahun, kunci=tersusun.kunci_pdf,
                html=render_html(tersusun.data, peringatan=False), laporan=laporan,
                user=request.user)
    if berkas.siap:
        return _file_pdf(berkas, nama)
    return redirect("laporan:berkas", slug=pd.slug, pk=berkas.pk)


def _file_pdf(berkas: BerkasLKjIP, nama: str) -> FileResponse:
    return FileResponse(berkas.file.open("rb"), as_attachment=True, filename=nama,
                        content_type=FORMAT["pdf"])


def _berkas(request, slug, pk) -> tuple:
    pd = get_pd_or_403(request, slug)
    return pd, get_object_or_404(berkas_qs(pd), pk=pk)


@require_GET
@login_required
def berkas(request, slug, pk):
    """Progress of a queued PDF; refreshes itself and starts the download when ready."""
    pd, b = _berkas(request, slug, pk)
    k = kemajuan_berkas(pd, b)
    return render(request, "laporan/berkas.html", {
        "pd": pd, "b": b, "perkiraan": k.perkiraan, "berjalan": k.berjalan, "persen": k.persen,
        "unduh_url": reverse("laporan:berkas-unduh", args=[pd.slug, b.pk]),
        "auto": request.GET.get("auto", "1") == "1",
    })


@require_GET
@login_required
def berkas_unduh(request, slug, pk):
    pd, b = _berkas(request, slug, pk)
    cek(akses(request).can_view(pd))
    if not b.siap:
        return redirect("laporan:berkas", slug=pd.slug, pk=b.pk)
    lap = b.laporan
    final = lap is not None and lap.terkunci and lap.berkas_final_id == b.pk
    return _file_pdf(b, _nama_berkas(pd, b.tahun, lap if final else None, "pdf"))
