"""The PK builder (issue 3 part B): list, create from the Renstra, fill the annual and TW I–IV
targets and the anggaran, submit, ditetapkan by the Kepala (then read-only), revise with one of
the three reasons of PermenPAN-RB 53/2014, and the PDF.

Access (sakip/access.py): every role on the office views; perencana/admin build and revise
(``edit_plan``); the Kepala ditetapkan (``can_approve``); staf bidang and Inspektorat get 403 on
every change.
"""

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja.models import ModeTriwulan, PerjanjianKinerja, PKAnggaran, PKIndikator
from kinerja.pk import dokumen as pk_pdf
from kinerja.pk import services as pk_services
from kinerja.pk.forms import (
    PKBuatForm,
    PKHeaderForm,
    PKRevisiForm,
    PKTarikForm,
    PKTetapkanForm,
)
from renstra.forms import cek_target_untuk, parse_target
from renstra.models import Indikator, Kegiatan, Program, SubKegiatan
from sakip.access import akses, cek, get_pd_or_403
from sakip.lib.angka import angka_input, nilai_predikat_teks, parse_angka


def _pk(pd, pk: int) -> PerjanjianKinerja:
    return get_object_or_404(
        PerjanjianKinerja.objects.select_related("perangkat_daerah__pemda", "bidang"),
        pk=pk, perangkat_daerah=pd,
    )


def _pesan_galat(request, e: ValidationError) -> None:
    for m in e.messages:
        messages.error(request, m)


# --- list and create --------------------------------------------------------------------------

@require_GET
@login_required
def pk_list(request, slug):
    pd = get_pd_or_403(request, slug)
    semua = list(
        PerjanjianKinerja.objects.filter(perangkat_daerah=pd).select_related("bidang")
        .order_by("-tahun", "jenjang", "bidang__nama", "-versi")
    )
    # One row per (tahun, jenjang, bidang): the newest version first, its history after.
    grup: dict[tuple, list] = {}
    for pk in semua:
        grup.setdefault((pk.tahun, pk.jenjang, pk.bidang_id), []).append(pk)
    return render(request, "kinerja/pk_list.html", {
        "pd": pd, "grup": list(grup.values()),
        "boleh_ubah": akses(request).can_edit_plan(pd),
    })


@require_http_methods(["GET", "POST"])
@login_required
def pk_buat(request, slug):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    form = PKBuatForm(request.POST or None, pd=pd,
                      initial={"tahun": timezone.localdate().year, "isi_dari_renstra": True})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pihak = pk_services.pk_pihak_default(pd, data["jenjang"], data.get("bidang"))
        try:
            pk = pk_services.pk_create(perangkat_daerah=pd, tahun=data["tahun"],
                                    jenjang=data["jenjang"], bidang=data.get("bidang"),
                                    user=request.user, **pihak)
            if data["isi_dari_renstra"]:
                for w in pk_services.pk_isi_dari_renstra(pk=pk, user=request.user):
                    messages.warning(request, w)
        except ValidationError as e:
            form.add_error(None, e.messages)
        else:
            messages.success(request, f"PK {pk.tahun} {pk.get_jenjang_display()} dibuat (draf).")
            return redirect("kinerja:pk-isi", slug=pd.slug, pk=pk.pk)
    return render(request, "kinerja/pk_buat.html", {"pd": pd, "form": form},
                  status=400 if request.method == "POST" else 200)


# --- detail and document ----------------------------------------------------------------------

@require_GET
@login_required
def pk_detail(request, slug, pk):
    pd = get_pd_or_403(request, slug)
    dok = pk_pdf.data_pk(_pk(pd, pk))
    a = akses(request)
    obj = dok.pk
    terakhir = dok.versi[-1].pk == obj.pk if dok.versi else True
    return render(request, "kinerja/pk_detail.html", {
        "pd": pd, "dok": dok, "pk": obj,
        "boleh_ubah": a.can_edit_plan(pd) and obj.status == PerjanjianKinerja.Status.DRAFT,
        "boleh_ajukan": a.can_edit_plan(pd) and obj.status == PerjanjianKinerja.Status.DRAFT,
        "boleh_tarik": (a.can_edit_plan(pd) or a.can_approve(pd))
        and obj.status == PerjanjianKinerja.Status.DIAJUKAN,
        "boleh_tetapkan": a.can_approve(pd) and not obj.terkunci,
        "boleh_revisi": a.can_edit_plan(pd) and obj.terkunci and terakhir,
        "tetapkan_form": PKTetapkanForm(initial={"tanggal": obj.tanggal, "nomor": obj.nomor}),
    })


@require_GET
@login_required
def pk_pdf_view(request, slug, pk):
    pd = get_pd_or_403(request, slug)
    obj = _pk(pd, pk)
    mulai = time.perf_counter()
    pdf = pk_pdf.render_pdf(obj)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pk_pdf.nama_berkas(obj)}"'
    response["Server-Timing"] = f"pdf;dur={(time.perf_counter() - mulai) * 1000:.0f}"
    return response


# --- building a draft -------------------------------------------------------------------------

class _Batal(Exception):
    """Raised inside the save block to roll back every line when one is refused."""


def _baris_form(pk, lines, anggaran, post=None, errors=None):
    """Rows for the builder table: the typed text (posted or stored) of every cell, and the
    messages that belong to the row."""
    errors = errors or {}
    baris = []
    for line in lines:
        p = f"i-{line.pk}-"
        if post is not None:
            teks = {k: post.get(p + k, "") for k in ("target", "tw1", "tw2", "tw3", "tw4")}
            mode = post.get(p + "mode", line.mode_tw)
        else:
            teks = {"target": nilai_predikat_teks(line.target_tahunan, line.target_tahunan_teks)}
            teks.update({f"tw{i}": angka_input(line.target_triwulan(i)) for i in range(1, 5)})
            mode = line.mode_tw
        lain = [errors[k] for k in (p + "tw", p + "tw1", p + "tw2", p + "tw3", p + "tw4",
                                    p + "mode") if k in errors]
        baris.append({"line": line, "teks": teks, "mode": mode,
                      "galat_target": errors.get(p + "target"), "galat_lain": lain})
    rows = []
    for row in anggaran:
        p = f"a-{row.pk}-"
        if post is not None:
            rows.append({"row": row, "anggaran": post.get(p + "anggaran", ""),
                         "keterangan": post.get(p + "ket", ""),
                         "galat": errors.get(p + "anggaran")})
        else:
            rows.append({"row": row, "anggaran": angka_input(row.anggaran),
                         "keterangan": row.keterangan})
    return baris, rows


def _simpan_isi(request, pk, header, lines, anggaran) -> dict:
    """Parse and save header, lines and anggaran all-or-nothing; returns errors by input name."""
    errors: dict[str, str] = {}
    parsed_lines = []
    for line in lines:
        p = f"i-{line.pk}-"
        try:
            nilai, teks = parse_target(request.POST.get(p + "target", ""))
            cek_target_untuk(line.indikator, nilai, teks)
        except ValidationError as e:
            errors[p + "target"] = " ".join(e.messages)
            nilai, teks = None, ""
        tw = []
        for i in range(1, 5):
            try:
                tw.append(parse_angka(request.POST.get(f"{p}tw{i}", "").strip()))
            except ValueError as e:
                errors[f"{p}tw{i}"] = str(e)
                tw.append(None)
        mode = request.POST.get(p + "mode", line.mode_tw)
        if mode not in ModeTriwulan.values:
            errors[p + "mode"] = "Pilih per triwulan atau kumulatif."
        parsed_lines.append((line, nilai, teks, tw, mode))
    parsed_rows = []
    for row in anggaran:
        p = f"a-{row.pk}-"
        try:
            nilai = parse_angka(request.POST.get(p + "anggaran", "").strip())
            if nilai is None:
                raise ValueError("Anggaran wajib diisi (hapus barisnya bila tidak dipakai).")
            if nilai < 0:
                raise ValueError("Anggaran tidak boleh negatif.")
        except ValueError as e:
            errors[p + "anggaran"] = str(e)
            nilai = None
        parsed_rows.append((row, nilai, request.POST.get(p + "ket", "").strip()[:200]))
    if errors or not header.is_valid():
        return errors or {"header": "Periksa isian pihak pertama/kedua."}
    try:
        with transaction.atomic():
            pk_services.pk_header_update(pk=pk, user=request.user, **header.cleaned_data)
            for line, nilai, teks, tw, mode in parsed_lines:
                try:
                    pk_services.pk_indikator_set(
                        pk=pk, indikator=line.indikator, target_tahunan=nilai,
                        target_tahunan_teks=teks, target_tw=tw, mode_tw=mode,
                        urutan=line.urutan, user=request.user,
                    )
                except ValidationError as e:
                    errors[f"i-{line.pk}-tw"] = " ".join(e.messages)
            for row, nilai, ket in parsed_rows:
                pk_services.pk_anggaran_set(pk=pk, pemilik=row.pemilik, anggaran=nilai,
                                         keterangan=ket, urutan=row.urutan, user=request.user)
            if errors:
                raise _Batal
    except _Batal:
        pass
    except ValidationError as e:
        errors["header"] = " ".join(e.messages)
    return errors


@require_http_methods(["GET", "POST"])
@login_required
def pk_isi(request, slug, pk):
    """The builder: signatories, annual and TW I–IV targets, anggaran of a draft PK."""
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    obj = _pk(pd, pk)
    if obj.status != PerjanjianKinerja.Status.DRAFT:
        messages.info(request, "PK ini tidak berstatus draf; isinya tidak dapat diubah di sini.")
        return redirect("kinerja:pk-detail", slug=pd.slug, pk=obj.pk)
    dok = pk_pdf.data_pk(obj)
    lines = [line for g in dok.grup for line in g.baris]
    header_initial = {f: getattr(obj, f) for f in pk_services.PK_HEADER_FIELDS
                      if f != "alasan_uraian"}
    header = PKHeaderForm(request.POST or None, initial=header_initial, prefix="h")
    errors: dict[str, str] = {}
    if request.method == "POST":
        errors = _simpan_isi(request, obj, header, lines, dok.anggaran)
        if not errors:
            messages.success(request, "Isi PK disimpan.")
            return redirect("kinerja:pk-isi", slug=pd.slug, pk=obj.pk)
        messages.error(request, "Ada isian yang belum benar; tidak ada yang disimpan.")
    baris, rows = _baris_form(obj, lines, dok.anggaran,
                              request.POST if request.method == "POST" else None, errors)
    renstra, kandidat, pemilik = pk_services.pk_kandidat(obj)
    sudah = {line.indikator_id for line in lines}
    sudah_b = {(r.program_id, r.kegiatan_id, r.subkegiatan_id) for r in dok.anggaran}
    return render(request, "kinerja/pk_isi.html", {
        "pd": pd, "pk": obj, "dok": dok, "header": header, "baris": baris, "rows": rows,
        "errors": errors, "mode_choices": ModeTriwulan.choices,
        "kandidat": [i for i in kandidat if i.pk not in sudah],
        "pemilik": [(f"{p._meta.model_name}:{p.pk}", p) for p in pemilik
                    if _kunci(p) not in sudah_b],
        "renstra": renstra,
    }, status=400 if errors else 200)


def _kunci(p):
    level = p._meta.model_name
    return (p.pk if level == "program" else None, p.pk if level == "kegiatan" else None,
            p.pk if level == "subkegiatan" else None)


@require_POST
@login_required
def pk_dari_renstra(request, slug, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    obj = _pk(pd, pk)
    try:
        for w in pk_services.pk_isi_dari_renstra(pk=obj, user=request.user):
            messages.warning(request, w)
    except ValidationError as e:
        _pesan_galat(request, e)
    else:
        messages.success(request, "Indikator dan anggaran dari Renstra ditambahkan.")
    return redirect("kinerja:pk-isi", slug=pd.slug, pk=obj.pk)


@require_POST
@login_required
def pk_indikator_tambah(request, slug, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    obj = _pk(pd, pk)
    ipk = request.POST.get("indikator", "")
    ind = Indikator.objects.filter(pk=ipk if ipk.isdigit() else 0,
                                   renstra__perangkat_daerah=pd).first()
    if ind is None:
        messages.error(request, "Pilih indikator yang akan ditambahkan.")
        return redirect("kinerja:pk-isi", slug=pd.slug, pk=obj.pk)
    try:
        from renstra.models import TargetIndikator

        t = TargetIndikator.objects.filter(indikator=ind, tahun=obj.tahun).first()
        pk_services.pk_indikator_set(pk=obj, indikator=ind, target_tahunan=t.nilai if t else None,
                                  target_tahunan_teks=t.nilai_teks if t else "",
                                  urutan=obj.indikator_set.count() + 1, user=request.user)
    except ValidationError as e:
        _pesan_galat(request, e)
    else:
        messages.success(request, f"Indikator \u201c{ind}\u201d ditambahkan.")
    return redirect("kinerja:pk-isi", slug=pd.slug, pk=obj.pk)


@require_POST
@login_required
def pk_indikator_hapus(request, slug, pk, line):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    obj = _pk(pd, pk)
    row = get_object_or_404(PKIndikator.objects.select_related("indikator"), pk=line,
                            perjanjian=obj)
    try:
        pk_services.pk_indikator_hapus(line=row, user=request.user)
    except ValidationError as e:
        _pesan_galat(request, e)
    else:
        messages.success(request, f"Indikator \u201c{row.indikator}\u201d dihapus dari PK.")
    return redirect("kinerja:pk-isi", slug=pd.slug, pk=obj.pk)


PEMILIK = {"program": (Program, "renstra__perangkat_daerah"),
           "kegiatan": (Kegiatan, "program__renstra__perangkat_daerah"),
           "subkegiatan": (SubKegiatan, "kegiatan__program__renstra__perangkat_daerah")}


@require_POST
@login_required
def pk_anggaran_tambah(request, slug, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    obj = _pk(pd, pk)
    level, _, ident = request.POST.get("pemilik", "").partition(":")
    pemilik = None
    if level in PEMILIK and ident.isdigit():
        model, path = PEMILIK[level]
        pemilik = model.objects.filter(pk=int(ident), **{path: pd}).first()
    if pemilik is None:
        messages.error(request, "Pilih program/kegiatan/sub kegiatan yang akan ditambahkan.")
        return redirect("kinerja:pk-isi", slug=pd.slug, pk=obj.pk)
    try:
        nilai = parse_angka(request.POST.get("anggaran", "").strip())
        if nilai is None:
            nilai = pk_services.pagu_untuk_pk(pemilik_renstra(pemilik), obj.tahun,
                                           [pemilik])[(level, pemilik.pk)][0]
        if nilai is None:
            raise ValueError(f"{pemilik.kode} belum memiliki pagu {obj.tahun}; isi anggarannya.")
        pk_services.pk_anggaran_set(pk=obj, pemilik=pemilik, anggaran=nilai,
                                 urutan=obj.anggaran_set.count() + 1, user=request.user)
    except ValueError as e:
        messages.error(request, str(e))
    except ValidationError as e:
        _pesan_galat(request, e)
    else:
        messages.success(request, f"{pemilik} ditambahkan ke Tabel B.")
    return redirect("kinerja:pk-isi", slug=pd.slug, pk=obj.pk)


def pemilik_renstra(pemilik):
    from renstra.services import renstra_dari_node

    return renstra_dari_node(pemilik)


@require_POST
@login_required
def pk_anggaran_hapus(request, slug, pk, row):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    obj = _pk(pd, pk)
    baris = get_object_or_404(PKAnggaran, pk=row, perjanjian=obj)
    try:
        pk_services.pk_anggaran_hapus(row=baris, user=request.user)
    except ValidationError as e:
        _pesan_galat(request, e)
    else:
        messages.success(request, "Baris anggaran dihapus.")
    return redirect("kinerja:pk-isi", slug=pd.slug, pk=obj.pk)


# --- status -----------------------------------------------------------------------------------

@require_POST
@login_required
def pk_ajukan(request, slug, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    obj = _pk(pd, pk)
    try:
        pk_services.pk_ajukan(pk=obj, user=request.user)
    except ValidationError as e:
        _pesan_galat(request, e)
        return redirect("kinerja:pk-detail", slug=pd.slug, pk=obj.pk)
    messages.success(request, "PK diajukan kepada Kepala untuk ditetapkan.")
    return redirect("kinerja:pk-detail", slug=pd.slug, pk=obj.pk)


@require_POST
@login_required
def pk_tarik(request, slug, pk):
    """Back to draft: withdrawn by the planner or returned by the Kepala."""
    pd = get_pd_or_403(request, slug)
    a = akses(request)
    cek(a.can_edit_plan(pd) or a.can_approve(pd))
    obj = _pk(pd, pk)
    form = PKTarikForm(request.POST)
    catatan = form.cleaned_data["catatan"] if form.is_valid() else ""
    try:
        pk_services.pk_tarik(pk=obj, user=request.user, catatan=catatan)
    except ValidationError as e:
        _pesan_galat(request, e)
    else:
        messages.success(request, "PK dikembalikan menjadi draf.")
    return redirect("kinerja:pk-detail", slug=pd.slug, pk=obj.pk)


@require_POST
@login_required
def pk_tetapkan(request, slug, pk):
    """The Kepala signs: the PK becomes immutable (PermenPAN-RB 53/2014)."""
    pd = get_pd_or_403(request, slug, perlu="approve")
    obj = _pk(pd, pk)
    form = PKTetapkanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tanggal penetapan tidak valid.")
        return redirect("kinerja:pk-detail", slug=pd.slug, pk=obj.pk)
    try:
        pk_services.pk_tetapkan(pk=obj, user=request.user, tanggal=form.cleaned_data["tanggal"],
                             nomor=form.cleaned_data["nomor"])
    except ValidationError as e:
        _pesan_galat(request, e)
    else:
        messages.success(request, f"PK {obj.tahun} versi {obj.versi} ditetapkan; isinya kini "
                                  "terkunci.")
    return redirect("kinerja:pk-detail", slug=pd.slug, pk=obj.pk)


@require_http_methods(["GET", "POST"])
@login_required
def pk_revisi(request, slug, pk):
    """A new version of a ditetapkan PK, with its reason, date and number (§1.2, §9 item 1)."""
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    obj = _pk(pd, pk)
    form = PKRevisiForm(request.POST or None, initial={"tanggal": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            baru = pk_services.pk_revisi(pk=obj, user=request.user, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e.messages)
        else:
            messages.success(request, f"Versi {baru.versi} (perubahan) dibuat sebagai draf; "
                                      "sesuaikan isinya lalu ajukan.")
            return redirect("kinerja:pk-isi", slug=pd.slug, pk=baru.pk)
    return render(request, "kinerja/pk_revisi.html", {"pd": pd, "pk": obj, "form": form},
                  status=400 if request.method == "POST" else 200)
