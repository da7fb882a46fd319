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
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from laporan import services
from laporan.builder import LaporanTidakDapatDisusun
from laporan.forms import NarasiForm, ReviuForm, TetapkanForm
from laporan.models import BerkasLKjIP, LaporanKinerja
from laporan.render_html import render_html
from laporan.render_json import render_json
from laporan.render_xlsx import render_xlsx
from laporan.selectors import (
    berkas_untuk,
    laporan_per_tahun,
    perkiraan_detik,
    susun,
    versi_list,
)
from renstra.selectors import renstra_aktif
from sakip.access import akses, cek, get_pd_or_403

FORMAT = {
    "html": "text/html; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _laporan(request, pd, tahun: int) -> LaporanKinerja | None:
    """The version asked for (``?versi=``), else the newest one of the year."""
    qs = LaporanKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun)
    versi = request.GET.get("versi")
    if versi:
        try:
            return get_object_or_404(qs, versi=int(versi))
        except ValueError:
            raise Http404("Versi tidak dikenal.") from None
    return qs.order_by("-versi").first()


def _susun_atau_404(pd, tahun, laporan):
    try:
        return susun(pd, tahun, laporan)
    except LaporanTidakDapatDisusun as e:
        raise Http404(str(e)) from None


def _nama_berkas(pd, tahun: int, laporan: LaporanKinerja | None, fmt: str) -> str:
    akhir = f"v{laporan.versi}" if laporan is not None and laporan.terkunci else "draf"
    return f"LKjIP-{tahun}-{pd.slug}-{akhir}.{fmt}"


@require_GET
@login_required
def daftar(request, slug):
    pd = get_pd_or_403(request, slug)
    renstra = renstra_aktif(pd)
    tahun_list = list(reversed(renstra.tahun_list)) if renstra else []
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
    renstra = renstra_aktif(pd, tahun)
    context = {
        "pd": pd, "tahun": tahun, "laporan": laporan, "versi_list": versi_list(pd, tahun),
        "bisa_edit": a.can_edit_plan(pd), "bisa_reviu": a.can_review(pd),
        "bisa_tetapkan": a.can_approve(pd),
        "tahun_list": renstra.tahun_list if renstra else [],
    }
    try:
        tersusun = susun(pd, tahun, laporan)
    except LaporanTidakDapatDisusun as e:
        context["galat"] = str(e)
        return render(request, "laporan/lkjip.html", context, status=200)
    d = tersusun.data
    context.update(
        d=d, hash=tersusun.hash,
        berkas=berkas_untuk(pd, tahun, tersusun.kunci_pdf),
        kedaluwarsa=laporan is not None and services.kedaluwarsa(laporan, tersusun.hash),
        tetapkan_form=TetapkanForm(initial={"tanggal_penetapan": timezone.localdate()}),
    )
    return render(request, "laporan/lkjip.html", context)


@require_POST
@login_required
def mulai(request, slug, tahun):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    try:
        lap = services.laporan_buat(perangkat_daerah=pd, tahun=tahun, user=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("laporan:lkjip", slug=pd.slug, tahun=tahun)
    messages.success(request, f"LKjIP {tahun} versi {lap.versi} dimulai sebagai draf.")
    return redirect("laporan:narasi", slug=pd.slug, tahun=tahun)


@require_POST
@login_required
def versi_baru(request, slug, tahun):
    return mulai(request, slug, tahun)


@require_http_methods(["GET", "POST"])
@login_required
def narasi(request, slug, tahun):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    laporan = LaporanKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun).order_by(
        "-versi").first()
    if laporan is None:
        messages.info(request, "Mulai LKjIP tahun ini terlebih dahulu.")
        return redirect("laporan:lkjip", slug=pd.slug, tahun=tahun)
    if laporan.terkunci:
        messages.error(request, f"LKjIP {tahun} versi {laporan.versi} sudah ditetapkan; buat "
                                "versi baru untuk mengubahnya.")
        return redirect("laporan:lkjip", slug=pd.slug, tahun=tahun)
    d = _susun_atau_404(pd, tahun, laporan).data
    sasaran = d.sasaran
    if request.method == "POST":
        form = NarasiForm(request.POST, sasaran=sasaran)
        if form.is_valid():
            try:
                services.narasi_simpan(
                    laporan=laporan, narasi=form.narasi(), user=request.user,
                    basis_efisiensi=form.cleaned_data["basis_efisiensi"],
                    ikhtisar_eksekutif=form.cleaned_data["ikhtisar_eksekutif"],
                    sasaran_ids={s.id for s in sasaran},
                )
            except ValidationError as e:
                for field, errs in e.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                messages.success(request, "Narasi dan pengaturan LKjIP disimpan.")
                return redirect("laporan:lkjip", slug=pd.slug, tahun=tahun)
        status = 400
    else:
        form = NarasiForm(initial=NarasiForm.initial_dari(laporan, sasaran), sasaran=sasaran)
        status = 200
    return render(request, "laporan/narasi.html",
                  {"pd": pd, "tahun": tahun, "laporan": laporan, "form": form, "d": d},
                  status=status)


@require_http_methods(["GET", "POST"])
@login_required
def reviu(request, slug, tahun):
    pd = get_pd_or_403(request, slug, perlu="review")
    laporan = LaporanKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun).order_by(
        "-versi").first()
    if laporan is None or laporan.terkunci:
        messages.error(request, "Tidak ada draf LKjIP yang dapat direviu untuk tahun ini.")
        return redirect("laporan:lkjip", slug=pd.slug, tahun=tahun)
    status = 200
    if request.method == "POST":
        form = ReviuForm(request.POST)
        if form.is_valid():
            try:
                services.laporan_reviu(laporan=laporan, nomor=form.cleaned_data["reviu_nomor"],
                                       tanggal=form.cleaned_data["reviu_tanggal"],
                                       catatan=form.cleaned_data["reviu_catatan"],
                                       user=request.user)
            except ValidationError as e:
                for field, errs in e.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                messages.success(request, "Hasil reviu dicatat; LKjIP menunggu penetapan "
                                          "Kepala.")
                return redirect("laporan:lkjip", slug=pd.slug, tahun=tahun)
        status = 400
    else:
        form = ReviuForm(initial={"reviu_nomor": laporan.reviu_nomor,
                                  "reviu_tanggal": laporan.reviu_tanggal,
                                  "reviu_catatan": laporan.reviu_catatan})
    return render(request, "laporan/reviu.html",
                  {"pd": pd, "tahun": tahun, "laporan": laporan, "form": form}, status=status)


@require_POST
@login_required
def tetapkan(request, slug, tahun):
    pd = get_pd_or_403(request, slug, perlu="approve")
    laporan = LaporanKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun).order_by(
        "-versi").first()
    form = TetapkanForm(request.POST)
    if laporan is None or not form.is_valid():
        pesan = ("Tidak ada LKjIP untuk ditetapkan." if laporan is None
                 else " ".join(m for errs in form.errors.values() for m in errs))
        messages.error(request, pesan)
        return redirect("laporan:lkjip", slug=pd.slug, tahun=tahun)
    try:
        laporan = services.laporan_tetapkan(
            laporan=laporan, user=request.user,
            tanggal=form.cleaned_data.get("tanggal_penetapan"))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("laporan:lkjip", slug=pd.slug, tahun=tahun)
    messages.success(request, f"LKjIP {tahun} versi {laporan.versi} ditetapkan. PDF final "
                              "dibekukan bersama data dan hash-nya.")
    if laporan.berkas_final and not laporan.berkas_final.siap:
        return redirect("laporan:berkas", slug=pd.slug, pk=laporan.berkas_final.pk)
    return redirect(f"{reverse('laporan:lkjip', args=[pd.slug, tahun])}?versi={laporan.versi}")


@require_GET
@login_required
@xframe_options_sameorigin
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
    beku = laporan is not None and laporan.terkunci
    if fmt == "pdf":
        return _unduh_pdf(request, pd, tahun, laporan, nama)
    if beku:
        if fmt == "html":
            isi = laporan.snapshot_html.encode()
        elif fmt == "json":
            isi = json.dumps(laporan.snapshot, ensure_ascii=False, indent=2).encode()
        else:
            if not laporan.snapshot_xlsx:
                raise Http404("XLSX versi ini tidak tersimpan.")
            return FileResponse(laporan.snapshot_xlsx.open("rb"), as_attachment=True,
                                filename=nama, content_type=FORMAT["xlsx"])
    else:
        d = _susun_atau_404(pd, tahun, laporan).data
        if fmt == "html":
            isi = render_html(d, peringatan=True).encode()
        elif fmt == "json":
            isi = render_json(d).encode()
        else:
            isi = render_xlsx(d, peringatan=True)
    resp = HttpResponse(isi, content_type=FORMAT[fmt])
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    return resp


def _unduh_pdf(request, pd, tahun, laporan, nama):
    if laporan is not None and laporan.terkunci:
        berkas = laporan.berkas_final
        if berkas is None or berkas.status == BerkasLKjIP.Status.GAGAL:
            berkas = services.berkas_final_ulang(laporan=laporan, user=request.user)
    else:
        tersusun = _susun_atau_404(pd, tahun, laporan)
        berkas = berkas_untuk(pd, tahun, tersusun.kunci_pdf)
        if berkas is None or berkas.status == BerkasLKjIP.Status.GAGAL:
            berkas, _ = services.berkas_minta(
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
    berkas = get_object_or_404(BerkasLKjIP.objects.select_related("laporan"), pk=pk,
                               perangkat_daerah=pd)
    return pd, berkas


@require_GET
@login_required
def berkas(request, slug, pk):
    """Progress of a queued PDF; refreshes itself and starts the download when ready."""
    pd, b = _berkas(request, slug, pk)
    perkiraan = perkiraan_detik(pd)
    berjalan = None
    if b.mulai and b.berjalan:
        berjalan = (timezone.now() - b.mulai).total_seconds()
    elif b.berjalan:
        berjalan = (timezone.now() - b.dibuat).total_seconds()
    persen = None
    if perkiraan and berjalan is not None:
        persen = min(95, int(berjalan * 100 / perkiraan))
    return render(request, "laporan/berkas.html", {
        "pd": pd, "b": b, "perkiraan": perkiraan, "berjalan": berjalan, "persen": persen,
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
