"""The PK builder: list, create from the Renstra, fill the annual and TW I–IV
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

from kinerja.models import PerjanjianKinerja, PKAnggaran, PKIndikator
from kinerja.pk import dokumen as pk_pdf
from kinerja.pk import selectors as pk_selectors
from kinerja.pk import services as pk_services
from kinerja.pk.forms import (
    PKAnggaranTambahForm,
    PKBuatForm,
    PKIndikatorTambahForm,
    PKIsiForm,
    PKRevisiForm,
    PKTarikForm,
    PKTetapkanForm,
    pilihan_pemilik,
)
from sakip.access import akses, cek, get_pd_or_403
from sakip.versi import DataKedaluwarsa, SudahAda


def _pk(pd, pk: int) -> PerjanjianKinerja:
    return get_object_or_404(
        PerjanjianKinerja.objects.select_related("perangkat_daerah__pemda", "bidang"),
        pk=pk, perangkat_daerah=pd,
    )


def _pesan_galat(request, e: ValidationError) -> None:
    # A double submission is not a failure: say what already happened.
    tulis = messages.info if isinstance(e, SudahAda) else messages.error
    for m in e.messages:
        tulis(request, m)


def _ke_pk(pd, obj: PerjanjianKinerja):
    """The builder of a draft, the read-only page otherwise."""
    nama = "kinerja:pk-isi" if obj.status == PerjanjianKinerja.Status.DRAFT else "kinerja:pk-detail"
    return redirect(nama, slug=pd.slug, pk=obj.pk)


# --- list and create --------------------------------------------------------------------------

@require_GET
@login_required
def pk_list(request, slug):
    pd = get_pd_or_403(request, slug)
    return render(request, "kinerja/pk_list.html", {
        "pd": pd, "grup": pk_selectors.pk_grup(pd),
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
        pihak = pk_selectors.pk_pihak_default(pd, data["jenjang"], data.get("bidang"))
        try:
            with transaction.atomic():  # a PK that cannot be filled is not left behind empty
                pk = pk_services.pk_create(perangkat_daerah=pd, tahun=data["tahun"],
                                           jenjang=data["jenjang"], bidang=data.get("bidang"),
                                           user=request.user, **pihak)
                peringatan = (pk_services.pk_fill_from_renstra(pk=pk, user=request.user)
                              if data["isi_dari_renstra"] else [])
            for w in peringatan:
                messages.warning(request, w)
        except SudahAda as e:
            if e.objek.status != PerjanjianKinerja.Status.DRAFT:
                form.add_error(None, e.messages)  # to be revised, not reopened
            else:
                _pesan_galat(request, e)
                return _ke_pk(pd, e.objek)
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
        "boleh_pdf": a.can_print_pk(pd),
        "boleh_revisi": a.can_edit_plan(pd) and obj.terkunci and terakhir,
        "tetapkan_form": PKTetapkanForm(initial={"tanggal": obj.tanggal, "nomor": obj.nomor}),
    })


@require_GET
@login_required
def pk_pdf_view(request, slug, pk):
    pd = get_pd_or_403(request, slug)
    cek(akses(request).can_print_pk(pd),
        "PDF PK dicetak oleh perencana, admin dan Kepala; isinya dapat dibaca di halaman PK.")
    obj = _pk(pd, pk)
    mulai = time.perf_counter()
    pdf = pk_pdf.render_pdf(obj)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pk_pdf.nama_berkas(obj)}"'
    response["Server-Timing"] = f"pdf;dur={(time.perf_counter() - mulai) * 1000:.0f}"
    return response


# --- building a draft -------------------------------------------------------------------------

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
    form = PKIsiForm(request.POST or None, dok=dok)
    galat = "Ada isian yang belum benar; tidak ada yang disimpan."
    if request.method == "POST" and form.is_valid():
        isi = form.isi()
        try:
            pk_services.pk_save(pk=obj, user=request.user, **isi)
        except DataKedaluwarsa as e:
            galat = e.messages[0]  # the input stays on the page; the stored PK is unchanged
        except ValidationError as e:
            form.tolak(e)
        else:
            messages.success(request, "Isi PK disimpan.")
            for w in pk_services.peringatan_pk(obj, isi.get("indikator", [])):
                messages.warning(request, w)
            return redirect("kinerja:pk-isi", slug=pd.slug, pk=obj.pk)
    if request.method == "POST":
        messages.error(request, galat)
    renstra, kandidat, pemilik = pk_selectors.pk_tambahan(obj, dok.baris, dok.anggaran)
    return render(request, "kinerja/pk_isi.html", {
        "pd": pd, "pk": obj, "dok": dok, "form": form, "header": form.header,
        "kandidat": kandidat, "pemilik": pilihan_pemilik(pemilik), "renstra": renstra,
    }, status=400 if request.method == "POST" else 200)


@require_POST
@login_required
def pk_dari_renstra(request, slug, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    obj = _pk(pd, pk)
    try:
        for w in pk_services.pk_fill_from_renstra(pk=obj, user=request.user):
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
    form = PKIndikatorTambahForm(request.POST, pd=pd)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["indikator"])
        ind = form.cleaned_data["indikator"]
        pk_services.pk_indikator_create(pk=obj, indikator=ind, user=request.user)
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
    row = PKIndikator.objects.select_related("indikator").filter(pk=line, perjanjian=obj).first()
    if row is None:  # deleted a moment ago (a double click): nothing left to do
        messages.info(request, "Baris indikator itu sudah dihapus dari PK.")
        return redirect("kinerja:pk-isi", slug=pd.slug, pk=obj.pk)
    try:
        pk_services.pk_indikator_delete(line=row, user=request.user)
    except ValidationError as e:
        _pesan_galat(request, e)
    else:
        messages.success(request, f"Indikator \u201c{row.indikator}\u201d dihapus dari PK.")
    return redirect("kinerja:pk-isi", slug=pd.slug, pk=obj.pk)


@require_POST
@login_required
def pk_anggaran_tambah(request, slug, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    obj = _pk(pd, pk)
    form = PKAnggaranTambahForm(request.POST, pd=pd)
    try:
        if not form.is_valid():
            raise ValidationError(next(iter(form.errors.values())))
        pemilik = form.cleaned_data["pemilik"]
        pk_services.pk_anggaran_create(pk=obj, pemilik=pemilik, user=request.user,
                                       anggaran=form.cleaned_data["anggaran"])
    except ValidationError as e:
        _pesan_galat(request, e)
    else:
        messages.success(request, f"{pemilik} ditambahkan ke Tabel B.")
    return redirect("kinerja:pk-isi", slug=pd.slug, pk=obj.pk)


@require_POST
@login_required
def pk_anggaran_hapus(request, slug, pk, row):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    obj = _pk(pd, pk)
    baris = PKAnggaran.objects.filter(pk=row, perjanjian=obj).first()
    if baris is None:  # deleted a moment ago (a double click): nothing left to do
        messages.info(request, "Baris anggaran itu sudah dihapus dari PK.")
        return redirect("kinerja:pk-isi", slug=pd.slug, pk=obj.pk)
    try:
        pk_services.pk_anggaran_delete(row=baris, user=request.user)
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
        pk_services.pk_submit(pk=obj, user=request.user)
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
        pk_services.pk_withdraw(pk=obj, user=request.user, catatan=catatan)
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
    # A second click on an already signed PK is answered by the service (who signed, when).
    if not form.is_valid() and not obj.terkunci:
        for pesan in (p for daftar in form.errors.values() for p in daftar):
            messages.error(request, pesan)
        return redirect("kinerja:pk-detail", slug=pd.slug, pk=obj.pk)
    try:
        pk_services.pk_approve(pk=obj, user=request.user,
                               **(form.cleaned_data if form.is_valid() else {}))
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
            baru = pk_services.pk_revise(pk=obj, user=request.user, **form.cleaned_data)
        except SudahAda as e:
            _pesan_galat(request, e)
            return _ke_pk(pd, e.objek)
        except ValidationError as e:
            form.add_error(None, e.messages)
        else:
            messages.success(request, f"Versi {baru.versi} (perubahan) dibuat sebagai draf; "
                                      "sesuaikan isinya lalu ajukan.")
            return redirect("kinerja:pk-isi", slug=pd.slug, pk=baru.pk)
    return render(request, "kinerja/pk_revisi.html", {"pd": pd, "pk": obj, "form": form},
                  status=400 if request.method == "POST" else 200)
