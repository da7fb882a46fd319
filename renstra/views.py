"""The Renstra editor for planners: the tree, node and indicator forms, the target and pagu grids
with HTMX inline edits, and the sasaran ↔ program links.

Access (sakip/access.py): everyone with a role on the perangkat daerah may view the tree;
perencana/admin of that perangkat daerah edit (``perlu="edit_plan"``); staf bidang and
Inspektorat get 403 on every change.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from renstra import selectors, services
from renstra.forms import (
    IndikatorForm,
    KegiatanForm,
    KonfirmasiHapusForm,
    ProgramForm,
    RenstraForm,
    RenstraTahunForm,
    SasaranForm,
    SasaranProgramForm,
    TujuanForm,
    baca_grid_target,
    baca_pagu,
    baca_target,
    baca_versi,
    pasang_versi,
)
from renstra.models import Indikator, Kegiatan, Program, Renstra, Sasaran, SubKegiatan, Tujuan
from sakip.access import akses, get_pd_or_403
from sakip.lib.angka import angka_input, nilai_predikat_teks
from sakip.versi import VERSI_BARU, DataKedaluwarsa

# level → (model, path to the perangkat daerah, form)
LEVEL = {
    "tujuan": (Tujuan, "renstra__perangkat_daerah", TujuanForm),
    "sasaran": (Sasaran, "tujuan__renstra__perangkat_daerah", SasaranForm),
    "program": (Program, "renstra__perangkat_daerah", ProgramForm),
    "kegiatan": (Kegiatan, "program__renstra__perangkat_daerah", KegiatanForm),
    "subkegiatan": (SubKegiatan, "kegiatan__program__renstra__perangkat_daerah", KegiatanForm),
}
INDUK = {"renstra": (Renstra, "perangkat_daerah"), "tujuan": (Tujuan, LEVEL["tujuan"][1]),
         "program": (Program, LEVEL["program"][1]), "kegiatan": (Kegiatan, LEVEL["kegiatan"][1])}


def _level(level: str):
    if level not in LEVEL:
        raise Http404("Tingkat tidak dikenal.")
    return LEVEL[level]


def _node(pd, level: str, pk: int):
    model, path, _form = _level(level)
    return get_object_or_404(model, pk=pk, **{path: pd})


def _induk(pd, level: str, pk: int):
    model, path = INDUK[services.INDUK[level]]
    return get_object_or_404(model, pk=pk, **{path: pd})


def _indikator(pd, pk: int) -> Indikator:
    return get_object_or_404(Indikator.objects.select_related("renstra", "bidang"), pk=pk,
                             renstra__perangkat_daerah=pd)


def _renstra_dipilih(request, pd) -> Renstra | None:
    rid = request.GET.get("renstra")
    if rid and rid.isdigit():
        return get_object_or_404(Renstra, pk=int(rid), perangkat_daerah=pd)
    return selectors.renstra_aktif(pd)


def _ke_pohon(renstra, anchor: str = ""):
    url = reverse("renstra:pohon", args=[renstra.perangkat_daerah.slug])
    url += f"?renstra={renstra.pk}"
    return redirect(url + (f"#{anchor}" if anchor else ""))


def _ke_grid(name: str, pd, renstra):
    return redirect(f"{reverse(name, args=[pd.slug])}?renstra={renstra.pk}")


def _base(pd) -> str:
    """The tree's URL; row templates append ``<level>/<pk>/ubah/`` etc. to it instead of one
    ``{% url %}`` per row: ~1.200 reversals were a third of the page time at city scale
    (bench/bench_renstra_pk.py). tests/renstra/test_renstra_pohon.py checks they equal reverse().
    """
    return reverse("renstra:pohon", args=[pd.slug])


def _status(request) -> int:
    """A form shown again after a POST was refused."""
    return 400 if request.method == "POST" else 200


def _simpan(form, fn, *args, **kwargs):
    """Call a service; its ValidationError lands on the form's fields. None when refused."""
    try:
        return fn(*args, **kwargs)
    except ValidationError as e:
        if hasattr(e, "error_dict"):
            for name, errs in e.message_dict.items():
                form.add_error(name if name in form.fields else None, errs)
        else:
            form.add_error(None, e.messages)
    return None


# --- the tree ---------------------------------------------------------------------------------

@require_GET
@login_required
def pohon(request, slug):
    """Tujuan → sasaran → indikator and program → kegiatan → sub kegiatan, fixed queries."""
    pd = get_pd_or_403(request, slug)
    renstra = _renstra_dipilih(request, pd)
    context = {"pd": pd, "renstra": renstra, "boleh_ubah": akses(request).can_edit_plan(pd),
               "base": _base(pd), "renstra_list": selectors.renstra_list(pd)}
    if renstra is not None:
        context["pohon"] = selectors.pohon_renstra(renstra)
    return render(request, "renstra/pohon.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def renstra_tambah(request, slug):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    form = RenstraForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        versi = selectors.renstra_versi_berikutnya(pd, form.cleaned_data["tahun_awal"])
        renstra = _simpan(form, services.renstra_create, perangkat_daerah=pd, versi=versi,
                          **form.cleaned_data)
        if renstra is not None:
            messages.success(request, f"Renstra {renstra.tahun_awal}–{renstra.tahun_akhir} "
                                      "dibuat.")
            return _ke_pohon(renstra)
    return render(request, "renstra/renstra_form.html", {"pd": pd, "form": form},
                  status=_status(request))


# --- which Renstra governs each year -----------------------------------------------------------

def _baris_tahun(pd, dikirim=None) -> list:
    """Every planned year with its governing Renstra and, where it may be switched (no
    ditetapkan PK), a form drawn with the record's version (sakip.versi). ``dikirim``: the
    refused form, shown again on its year."""
    baris = selectors.tahun_berlaku(pd)
    for b in baris:
        b.form = None
        if dikirim is not None and str(dikirim.data.get("tahun")) == str(b.tahun):
            b.form = dikirim
        elif not b.terkunci and len(b.pilihan) > 1:
            b.form = RenstraTahunForm(pd=pd, auto_id=f"id_t{b.tahun}_%s", initial={
                "tahun": b.tahun, "renstra": b.renstra.pk if b.renstra else None,
                "row_version": b.catatan.row_version if b.catatan else VERSI_BARU})
        if b.form is not None:
            f = b.form.fields
            f["renstra"].queryset = f["renstra"].queryset.filter(pk__in=[r.pk for r in b.pilihan])
            f["renstra"].widget.attrs["aria-label"] = f"Renstra yang berlaku {b.tahun}"
            f["alasan"].widget.attrs["aria-label"] = f"Alasan {b.tahun}"
    return baris


@require_http_methods(["GET", "POST"])
@login_required
def tahun_berlaku(request, slug):
    """The Renstra governing each year and why; a planner switches a year without a ditetapkan
    PK, with a reason (renstra.services.renstra_tahun_set says what is allowed, audited)."""
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    form = None
    if request.method == "POST":
        form = RenstraTahunForm(request.POST, pd=pd, auto_id="id_t%s")
        if form.is_valid():
            d = form.cleaned_data
            obj = _simpan(form, services.renstra_tahun_set, perangkat_daerah=pd,
                          tahun=d["tahun"], renstra=d["renstra"], alasan=d["alasan"],
                          user=request.user, versi_dasar=d["row_version"])
            if obj is not None:
                messages.success(request, f"Tahun {obj.tahun} kini mengikuti "
                                          f"{selectors.label_renstra(obj.renstra)}.")
                return redirect("renstra:tahun", slug=pd.slug)
    baris = _baris_tahun(pd, form)
    lepas = form is not None and not any(b.form is form for b in baris)
    return render(request, "renstra/tahun_berlaku.html",
                  {"pd": pd, "baris": baris, "form_lepas": form if lepas else None},
                  status=_status(request))


# --- nodes ------------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@login_required
def node_tambah(request, slug, level, induk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    form = _level(level)[2](request.POST or None, pd=pd)
    parent = _induk(pd, level, induk)
    if request.method == "POST" and form.is_valid():
        obj = _simpan(form, services.node_create, level=level, induk=parent, user=request.user,
                      **form.cleaned_data)
        if obj is not None:
            messages.success(request, f"{selectors.LABEL[level]} ditambahkan.")
            return _ke_pohon(selectors.renstra_dari_node(obj), f"{level}-{obj.pk}")
    renstra = parent if isinstance(parent, Renstra) else selectors.renstra_dari_node(parent)
    return render(request, "renstra/node_form.html", {
        "pd": pd, "form": form, "label": selectors.LABEL[level], "level": level,
        "induk": parent, "renstra": renstra,
    }, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def node_ubah(request, slug, level, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    node = _node(pd, level, pk)
    fields = services.NODE_FIELDS[level]
    form = _level(level)[2](request.POST or None, pd=pd,
                            initial={f: getattr(node, f) for f in fields})
    pasang_versi(form, node.row_version)
    if request.method == "POST" and form.is_valid() and _simpan(
            form, services.node_update, node=node, user=request.user,
            alasan=form.cleaned_data["alasan"], versi_dasar=form.cleaned_data["row_version"],
            **{f: form.cleaned_data[f] for f in fields}):
        messages.success(request, f"{selectors.LABEL[level]} disimpan.")
        return _ke_pohon(selectors.renstra_dari_node(node), f"{level}-{node.pk}")
    return render(request, "renstra/node_form.html", {
        "pd": pd, "form": form, "label": selectors.LABEL[level], "level": level, "node": node,
        "renstra": selectors.renstra_dari_node(node),
    }, status=_status(request))


def _hapus(request, pd, obj, anchor_back):
    label = selectors.LABEL[obj._meta.model_name]
    renstra = selectors.renstra_dari_node(obj)
    form = KonfirmasiHapusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.node_delete(node=obj, user=request.user,
                                 alasan=form.cleaned_data["alasan"])
        except ValidationError as e:
            form.add_error(None, e.messages)
        else:
            messages.success(request, f"{label} \u201c{obj}\u201d dihapus.")
            return _ke_pohon(renstra, anchor_back)
    return render(request, "renstra/hapus.html", {
        "pd": pd, "form": form, "obj": obj, "label": label, "renstra": renstra,
        "hambatan": selectors.alasan_tolak_hapus(obj), "batal": anchor_back,
    }, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def node_hapus(request, slug, level, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    node = _node(pd, level, pk)
    return _hapus(request, pd, node, f"{level}-{node.pk}")


# --- indicators -------------------------------------------------------------------------------

def _peringatan(request, hasil) -> None:
    """The target sanity warnings of a save (``renstra.kewajaran``), shown after it."""
    for teks in getattr(hasil, "peringatan", ()):
        messages.warning(request, teks)


def _indikator_simpan(form, *, request, indikator=None, **create) -> Indikator:
    """The indicator and its yearly targets, together or not at all."""
    alasan, user = form.cleaned_data["alasan"], request.user
    with transaction.atomic():
        if indikator is None:
            ind = services.indikator_create(user=user, **create, **form.nilai_indikator())
        else:
            ind = services.indikator_update(indikator=indikator, user=user, alasan=alasan,
                                            versi_dasar=form.cleaned_data.get("row_version"),
                                            **form.nilai_indikator())
        hasil = services.target_save(entri=form.entri_target(ind), user=user, alasan=alasan)
    _peringatan(request, hasil)
    return ind


@require_http_methods(["GET", "POST"])
@login_required
def indikator_tambah(request, slug, level, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    owner = _node(pd, level, pk)
    renstra = selectors.renstra_dari_node(owner)
    form = IndikatorForm(request.POST or None, pd=pd, tahun_list=renstra.tahun_list,
                         initial={"aktif": True, "desimal": 0, "agregasi": "SUM",
                                  "agregasi_target_akhir": "LAST"})
    if request.method == "POST" and form.is_valid():
        ind = _simpan(form, _indikator_simpan, form, request=request, renstra=renstra,
                      **{level: owner})
        if ind is not None:
            messages.success(request, "Indikator ditambahkan.")
            return _ke_pohon(renstra, f"indikator-{ind.pk}")
    return render(request, "renstra/indikator_form.html", {
        "pd": pd, "form": form, "owner": owner, "level": level, "renstra": renstra,
    }, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def indikator_edit(request, slug, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    ind = _indikator(pd, pk)
    renstra = ind.renstra
    form = IndikatorForm(request.POST or None, pd=pd, tahun_list=renstra.tahun_list,
                         initial=IndikatorForm.initial_dari(ind, renstra.tahun_list))
    if request.method == "POST" and form.is_valid() and _simpan(
            form, _indikator_simpan, form, request=request, indikator=ind):
        messages.success(request, "Indikator disimpan.")
        return _ke_pohon(renstra, f"indikator-{ind.pk}")
    return render(request, "renstra/indikator_form.html", {
        "pd": pd, "form": form, "ind": ind, "owner": ind.pemilik, "level": ind.level,
        "renstra": renstra, "riwayat": selectors.riwayat_indikator(ind),
    }, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def indikator_hapus(request, slug, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    ind = _indikator(pd, pk)
    return _hapus(request, pd, ind, f"{ind.level}-{getattr(ind, f'{ind.level}_id')}")


# --- target grid (HTMX inline) ----------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@login_required
def target_grid(request, slug):
    """Every indicator × every Renstra year in one grid; each cell saves itself (HTMX), and
    without JavaScript the whole grid is one form saved all-or-nothing."""
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    renstra = _renstra_dipilih(request, pd)
    if renstra is None:
        messages.error(request, "Belum ada Renstra.")
        return redirect("renstra:pohon", slug=pd.slug)
    pohon = selectors.pohon_renstra(renstra)
    baris = selectors.baris_indikator(pohon)
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        entri, errors = baca_grid_target(request.POST, baris, pohon.tahun_list)
        status = 400 if errors else _simpan_grid(request, entri)
        if status == 200:
            return _ke_grid("renstra:target-grid", pd, renstra)
        if errors:
            messages.error(request, "Ada isian yang tidak dapat dibaca; tidak ada yang disimpan.")
    return render(request, "renstra/target_grid.html", {
        "pd": pd, "renstra": renstra, "pohon": pohon, "errors": errors, "base": _base(pd),
        "rows": _baris_grid(request, baris, pohon.tahun_list, errors),
    }, status=status)


def _simpan_grid(request, entri) -> int:
    """Save the grid; a refusal (a stale page: 409, a rule: 400) keeps what was typed."""
    try:
        hasil = services.target_save(entri=entri, user=request.user,
                                     alasan=request.POST.get("alasan", ""))
    except DataKedaluwarsa as e:
        messages.error(request, e.messages[0])
        return 409
    except ValidationError as e:
        messages.error(request, " ".join(e.messages) + " Tidak ada yang disimpan.")
        return 400
    messages.success(request, f"{len(hasil)} target diubah.")
    _peringatan(request, hasil)
    return 200


def _baris_grid(request, baris, tahun_list, errors) -> list:
    """The grid's rows; a refused POST shows what was typed."""
    rows = []
    for ind, label in baris:
        cells = []
        for th, tg in zip(tahun_list, ind.target_cells, strict=True):
            name = f"t-{ind.pk}-{th}"
            # The version the page is drawn with (VERSI_BARU: no row yet); a refused POST
            # keeps the one it was based on, so saving again stays refused until a reload.
            versi = tg.row_version if tg else VERSI_BARU
            if request.method == "POST" and name in request.POST:
                teks = request.POST[name]
                versi = request.POST.get(f"v-{ind.pk}-{th}", versi)
            else:
                teks = nilai_predikat_teks(tg.nilai, tg.nilai_teks, ind.desimal) if tg else ""
            cells.append({"ind": ind, "tahun": th, "teks": teks, "galat": errors.get(name),
                          "versi": versi})
        rows.append((ind, label, cells))
    return rows


def _sel(request, context, template, kembali):
    """An HTMX cell answer; without HTMX a refusal is 400 and a save goes back to the grid. A
    refused value is answered 200 to HTMX so it swaps the cell and shows the message in place."""
    if not request.htmx:
        if context.get("galat"):
            return HttpResponseBadRequest(context["galat"])
        return kembali
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@login_required
def target_sel(request, slug, indikator, tahun):
    """One grid cell: GET renders it, POST saves it and renders it again (HTMX swap)."""
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    ind = _indikator(pd, indikator)
    if tahun not in ind.renstra.tahun_list:
        raise Http404("Tahun di luar periode Renstra.")
    context = {"pd": pd, "ind": ind, "tahun": tahun, "tersimpan": False, "base": _base(pd)}
    if request.method == "POST":
        # The grid input is named t-<indikator>-<tahun>; "nilai" serves other callers.
        context["teks"] = request.POST.get(f"t-{ind.pk}-{tahun}", request.POST.get("nilai", ""))
        context["versi"] = baca_versi(request.POST, f"v-{ind.pk}-{tahun}")
        try:
            nilai, teks = baca_target(ind, context["teks"])
            simpan = services.target_save(
                entri=[services.EntriTarget(ind, tahun, nilai, teks,
                                            versi_dasar=context["versi"])],
                user=request.user, alasan=request.POST.get("alasan", ""))
        except ValidationError as e:
            context["galat"] = " ".join(e.messages)
        else:
            context["peringatan"] = simpan.peringatan
            context.update(teks=nilai_predikat_teks(nilai, teks, ind.desimal), tersimpan=True,
                           versi=simpan[0].row_version if simpan else context["versi"])
    else:
        context["teks"] = selectors.target_teks(ind, tahun)
        context["versi"] = selectors.target_versi(ind, tahun)
    return _sel(request, context, "renstra/_target_sel.html",
                _ke_grid("renstra:target-grid", pd, ind.renstra))


# --- pagu grid (HTMX inline) ------------------------------------------------------------------

@require_GET
@login_required
def pagu_grid(request, slug):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    renstra = _renstra_dipilih(request, pd)
    if renstra is None:
        messages.error(request, "Belum ada Renstra.")
        return redirect("renstra:pohon", slug=pd.slug)
    pohon = selectors.pohon_renstra(renstra)
    versi = selectors.pagu_indikatif_map(renstra, kolom="row_version")
    rows = []
    for node in selectors.simpul_program(pohon):
        rows.append((node, [{"level": node.level, "node": node.obj, "tahun": c.tahun,
                             "teks": angka_input(c.sendiri), "anak": c.anak,
                             "versi": versi.get((node.level, node.obj.pk, c.tahun), VERSI_BARU)}
                            for c in node.pagu]))
    return render(request, "renstra/pagu_grid.html", {
        "pd": pd, "renstra": renstra, "pohon": pohon, "rows": rows, "base": _base(pd),
    })


@require_http_methods(["GET", "POST"])
@login_required
def pagu_sel(request, slug, level, pk, tahun):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    if level not in ("program", "kegiatan", "subkegiatan"):
        raise Http404("Pagu indikatif hanya untuk program, kegiatan dan sub kegiatan.")
    node = _node(pd, level, pk)
    renstra = selectors.renstra_dari_node(node)
    if tahun not in renstra.tahun_list:
        raise Http404("Tahun di luar periode Renstra.")
    context = {"pd": pd, "level": level, "node": node, "tahun": tahun, "base": _base(pd),
               "tersimpan": False}
    if request.method == "POST":
        context["teks"] = request.POST.get(f"p-{level}-{node.pk}-{tahun}",
                                           request.POST.get("nilai", ""))
        context["versi"] = baca_versi(request.POST, f"v-p-{level}-{node.pk}-{tahun}")
        try:
            nilai = baca_pagu(context["teks"])
            simpan = services.pagu_indikatif_save(
                entri=[services.EntriPagu(node, tahun, nilai, versi_dasar=context["versi"])],
                user=request.user, alasan=request.POST.get("alasan", ""))
        except ValueError as e:
            context["galat"] = str(e)
        except ValidationError as e:
            context["galat"] = " ".join(e.messages)
        else:
            context.update(teks=angka_input(nilai), tersimpan=True,
                           versi=simpan[0].row_version if simpan else context["versi"])
    else:
        context["teks"] = angka_input(
            selectors.pagu_indikatif_map(renstra, [tahun]).get((level, node.pk, tahun)))
        context["versi"] = selectors.pagu_indikatif_map(renstra, [tahun], kolom="row_version"
                                                        ).get((level, node.pk, tahun), VERSI_BARU)
    return _sel(request, context, "renstra/_pagu_sel.html",
                _ke_grid("renstra:pagu-grid", pd, renstra))


# --- sasaran ↔ program ------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@login_required
def sasaran_program(request, slug, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    sasaran = _node(pd, "sasaran", pk)
    renstra = sasaran.tujuan.renstra
    form = SasaranProgramForm(request.POST or None, program_qs=selectors.program_list(renstra),
                              initial={"program": list(sasaran.program_set.all())})
    if request.method == "POST" and form.is_valid():
        services.sasaran_program_set(sasaran=sasaran, programs=form.cleaned_data["program"],
                                     user=request.user)
        messages.success(request, "Program pendukung sasaran disimpan.")
        return _ke_pohon(renstra, f"sasaran-{sasaran.pk}")
    return render(request, "renstra/sasaran_program.html", {
        "pd": pd, "form": form, "sasaran": sasaran, "renstra": renstra,
    }, status=_status(request))
