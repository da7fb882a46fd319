"""The Renstra editor for planners (issue 3 part B): the tree, node and indicator forms, the
target and pagu grids with HTMX inline edits, and the sasaran ↔ program links.

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
    SasaranForm,
    SasaranProgramForm,
    TujuanForm,
    cek_target_untuk,
    parse_target,
)
from renstra.models import (
    Indikator,
    Kegiatan,
    PaguIndikatif,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)
from sakip import audit
from sakip.access import akses, get_pd_or_403
from sakip.lib.angka import angka_input, nilai_predikat_teks, parse_angka

# level → (model, parent level, path to the perangkat daerah, label, form, name field)
LEVEL = {
    "tujuan": (Tujuan, "renstra", "renstra__perangkat_daerah", "Tujuan", TujuanForm, "uraian"),
    "sasaran": (Sasaran, "tujuan", "tujuan__renstra__perangkat_daerah", "Sasaran", SasaranForm,
                "uraian"),
    "program": (Program, "renstra", "renstra__perangkat_daerah", "Program", ProgramForm, "nama"),
    "kegiatan": (Kegiatan, "program", "program__renstra__perangkat_daerah", "Kegiatan",
                 KegiatanForm, "nama"),
    "subkegiatan": (SubKegiatan, "kegiatan", "kegiatan__program__renstra__perangkat_daerah",
                    "Sub kegiatan", KegiatanForm, "nama"),
}
PARENT_MODEL = {"renstra": (Renstra, "perangkat_daerah"), "tujuan": (Tujuan, LEVEL["tujuan"][2]),
                "program": (Program, LEVEL["program"][2]),
                "kegiatan": (Kegiatan, LEVEL["kegiatan"][2])}


def _level(level: str):
    if level not in LEVEL:
        raise Http404("Tingkat tidak dikenal.")
    return LEVEL[level]


def _node(pd, level: str, pk: int):
    model, _p, path, *_ = _level(level)
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


def _base(pd) -> str:
    """The tree's URL; row templates append ``<level>/<pk>/ubah/`` etc. to it instead of one
    ``{% url %}`` per row: ~1.200 reversals were a third of the page time at city scale
    (bench/bench_renstra_pk.py). tests/renstra/test_renstra_pohon.py checks they equal reverse().
    """
    return reverse("renstra:pohon", args=[pd.slug])


def _galat_validasi(form, e: ValidationError) -> None:
    if hasattr(e, "error_dict"):
        for name, errs in e.message_dict.items():
            form.add_error(name if name in form.fields else None, errs)
    else:
        form.add_error(None, e.messages)


def _kode_kembar(level: str, parent, kode: str, kecuali=None):
    """A sibling with the same code (program within the Renstra, kegiatan within the program,
    sub kegiatan within the kegiatan). Checked here because Django's Indonesian message for a
    unique constraint reads "... tidak ada", the opposite of what happened."""
    if level not in ("program", "kegiatan", "subkegiatan") or not kode:
        return None
    model, parent_level = LEVEL[level][0], LEVEL[level][1]
    qs = model.objects.filter(**{parent_level: parent, "kode": kode})
    if kecuali is not None:
        qs = qs.exclude(pk=kecuali.pk)
    return qs.first()


# --- the tree ---------------------------------------------------------------------------------

@require_GET
@login_required
def pohon(request, slug):
    """Tujuan → sasaran → indikator and program → kegiatan → sub kegiatan, fixed queries."""
    pd = get_pd_or_403(request, slug)
    renstra = _renstra_dipilih(request, pd)
    context = {"pd": pd, "renstra": renstra, "boleh_ubah": akses(request).can_edit_plan(pd),
               "base": _base(pd),
               "renstra_list": list(Renstra.objects.filter(perangkat_daerah=pd))}
    if renstra is not None:
        context["pohon"] = selectors.pohon_renstra(renstra)
    return render(request, "renstra/pohon.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def renstra_tambah(request, slug):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    form = RenstraForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            renstra = services.renstra_create(
                perangkat_daerah=pd,
                versi=1 + Renstra.objects.filter(
                    perangkat_daerah=pd, tahun_awal=form.cleaned_data["tahun_awal"]).count(),
                **form.cleaned_data,
            )
        except ValidationError as e:
            _galat_validasi(form, e)
        else:
            messages.success(request, f"Renstra {renstra.tahun_awal}–{renstra.tahun_akhir} "
                                      "dibuat.")
            return _ke_pohon(renstra)
    status = 400 if request.method == "POST" else 200
    return render(request, "renstra/renstra_form.html", {"pd": pd, "form": form},
                  status=status)


# --- nodes ------------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@login_required
def node_tambah(request, slug, level, induk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    model, parent_level, _path, label, form_cls, _name = _level(level)
    parent_model, parent_path = PARENT_MODEL[parent_level]
    parent = get_object_or_404(parent_model, pk=induk, **{parent_path: pd})
    form = form_cls(request.POST or None, pd=pd)
    if request.method == "POST" and form.is_valid():
        kembar = _kode_kembar(level, parent, form.cleaned_data.get("kode"))
        if kembar:
            form.add_error("kode", f"Kode {kembar.kode} sudah dipakai oleh {kembar}.")
    if request.method == "POST" and form.is_valid():
        create = getattr(services, f"{level}_create")
        try:
            obj = create(**{parent_level: parent}, **form.cleaned_data)
        except ValidationError as e:
            _galat_validasi(form, e)
        else:
            audit.catat(user=request.user, obj=obj, aksi="buat", perangkat_daerah=pd)
            messages.success(request, f"{label} ditambahkan.")
            return _ke_pohon(services.renstra_dari_node(obj), f"{level}-{obj.pk}")
    return render(request, "renstra/node_form.html", {
        "pd": pd, "form": form, "label": label, "level": level, "induk": parent,
        "renstra": parent if parent_level == "renstra" else services.renstra_dari_node(parent),
    }, status=400 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
@login_required
def node_ubah(request, slug, level, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    _model, _parent, _path, label, form_cls, _name = _level(level)
    node = _node(pd, level, pk)
    fields = services.NODE_FIELDS[level]
    initial = {f: getattr(node, f) for f in fields}
    form = form_cls(request.POST or None, pd=pd, initial=initial)
    if request.method == "POST" and form.is_valid():
        parent = getattr(node, _parent) if _parent != "renstra" else node.renstra
        kembar = _kode_kembar(level, parent, form.cleaned_data.get("kode"), kecuali=node)
        if kembar:
            form.add_error("kode", f"Kode {kembar.kode} sudah dipakai oleh {kembar}.")
    if request.method == "POST" and form.is_valid():
        try:
            services.node_update(node=node, user=request.user,
                                 **{f: form.cleaned_data[f] for f in fields})
        except ValidationError as e:
            _galat_validasi(form, e)
        else:
            messages.success(request, f"{label} disimpan.")
            return _ke_pohon(services.renstra_dari_node(node), f"{level}-{node.pk}")
    return render(request, "renstra/node_form.html", {
        "pd": pd, "form": form, "label": label, "level": level, "node": node,
        "renstra": services.renstra_dari_node(node),
    }, status=400 if request.method == "POST" else 200)


def _hapus(request, pd, obj, label, renstra, anchor_back):
    form = KonfirmasiHapusForm(request.POST or None)
    hambatan = services.hambatan_hapus(obj)
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
        "pd": pd, "form": form, "obj": obj, "label": label, "hambatan": hambatan,
        "renstra": renstra, "batal": anchor_back,
    }, status=400 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
@login_required
def node_hapus(request, slug, level, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    label = _level(level)[3]
    node = _node(pd, level, pk)
    return _hapus(request, pd, node, label, services.renstra_dari_node(node),
                  f"{level}-{node.pk}")


# --- indicators -------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@login_required
def indikator_tambah(request, slug, level, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    owner = _node(pd, level, pk)
    renstra = services.renstra_dari_node(owner)
    form = IndikatorForm(request.POST or None, pd=pd, tahun_list=renstra.tahun_list,
                         initial={"aktif": True, "desimal": 0, "agregasi": "SUM",
                                  "agregasi_target_akhir": "LAST"})
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                data = form.nilai_indikator()
                ind = services.indikator_create(renstra=renstra, user=request.user,
                                                **{level: owner}, **data)
                targets = _cek_targets(form, ind)
                services.target_grid_set(indikator=ind, nilai_per_tahun=targets,
                                         user=request.user, alasan=form.cleaned_data["alasan"])
        except ValidationError as e:
            _galat_validasi(form, e)
        else:
            messages.success(request, "Indikator ditambahkan.")
            return _ke_pohon(renstra, f"indikator-{ind.pk}")
    return render(request, "renstra/indikator_form.html", {
        "pd": pd, "form": form, "owner": owner, "level": level, "renstra": renstra,
    }, status=400 if request.method == "POST" else 200)


def _cek_targets(form, ind) -> dict:
    targets = form.nilai_target()
    errors = {}
    for th, (nilai, teks) in targets.items():
        try:
            cek_target_untuk(ind, nilai, teks)
        except ValidationError as e:
            errors[f"target_{th}"] = e.messages
    if errors:
        raise ValidationError(errors)
    return targets


@require_http_methods(["GET", "POST"])
@login_required
def indikator_edit(request, slug, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    ind = _indikator(pd, pk)
    renstra = ind.renstra
    targets = {t.tahun: t for t in ind.target_set.all()}
    initial = {f: getattr(ind, f) for f in services.INDIKATOR_FIELDS if f != "urutan"}
    for th in renstra.tahun_list:
        t = targets.get(th)
        initial[f"target_{th}"] = nilai_predikat_teks(t.nilai, t.nilai_teks) if t else ""
    initial["baseline_nilai"] = angka_input(ind.baseline_nilai)
    form = IndikatorForm(request.POST or None, pd=pd, tahun_list=renstra.tahun_list,
                         initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                alasan = form.cleaned_data["alasan"]
                ind = services.indikator_update(indikator=ind, user=request.user,
                                                alasan=alasan, **form.nilai_indikator())
                services.target_grid_set(indikator=ind, nilai_per_tahun=_cek_targets(form, ind),
                                         user=request.user, alasan=alasan)
        except ValidationError as e:
            _galat_validasi(form, e)
        else:
            messages.success(request, "Indikator disimpan.")
            return _ke_pohon(renstra, f"indikator-{ind.pk}")
    riwayat = list(
        audit.riwayat(ind)[:20]
    ) + list(
        audit.JejakAudit.objects.filter(
            model=TargetIndikator._meta.label_lower,
            object_id__in=[str(t.pk) for t in targets.values()],
        ).select_related("user")[:30]
    )
    riwayat.sort(key=lambda j: j.waktu, reverse=True)
    return render(request, "renstra/indikator_form.html", {
        "pd": pd, "form": form, "ind": ind, "owner": ind.pemilik, "level": ind.level,
        "renstra": renstra, "riwayat": riwayat[:30],
    }, status=400 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
@login_required
def indikator_hapus(request, slug, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    ind = _indikator(pd, pk)
    return _hapus(request, pd, ind, "Indikator", ind.renstra,
                  f"{ind.level}-{getattr(ind, f'{ind.level}_id')}")


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
    baris = _baris_indikator(pohon)
    errors: dict[str, str] = {}
    if request.method == "POST":
        perubahan: dict[int, dict] = {}
        for ind, _label in baris:
            for th in pohon.tahun_list:
                name = f"t-{ind.pk}-{th}"
                if name not in request.POST:
                    continue
                try:
                    nilai, teks = parse_target(request.POST[name])
                    cek_target_untuk(ind, nilai, teks)
                except ValidationError as e:
                    errors[name] = " ".join(e.messages)
                    continue
                perubahan.setdefault(ind.pk, {})[th] = (nilai, teks)
        if not errors:
            by_pk = {ind.pk: ind for ind, _ in baris}
            n = 0
            with transaction.atomic():
                for ipk, values in perubahan.items():
                    n += services.target_grid_set(indikator=by_pk[ipk], nilai_per_tahun=values,
                                                  user=request.user,
                                                  alasan=request.POST.get("alasan", ""))
            messages.success(request, f"{n} target diubah.")
            return redirect(f"{reverse('renstra:target-grid', args=[pd.slug])}"
                            f"?renstra={renstra.pk}")
        messages.error(request, "Ada isian yang tidak dapat dibaca; tidak ada yang disimpan.")
    rows = []
    for ind, label in baris:
        cells = []
        for th, tg in zip(pohon.tahun_list, ind.target_cells):
            name = f"t-{ind.pk}-{th}"
            if request.method == "POST" and name in request.POST:
                teks = request.POST[name]
            else:
                teks = nilai_predikat_teks(tg.nilai, tg.nilai_teks) if tg else ""
            cells.append({"ind": ind, "tahun": th, "teks": teks, "galat": errors.get(name)})
        rows.append((ind, label, cells))
    return render(request, "renstra/target_grid.html", {
        "pd": pd, "renstra": renstra, "pohon": pohon, "rows": rows, "errors": errors,
        "base": _base(pd),
    }, status=400 if errors else 200)


def _baris_indikator(pohon) -> list:
    out = []
    for t in pohon.tujuan:
        out += [(i, f"Tujuan: {t.uraian}") for i in t.indikator_list]
        for s in t.sasaran_list:
            out += [(i, f"Sasaran: {s.uraian}") for i in s.indikator_list]
    stack = list(reversed(pohon.program))
    while stack:
        node = stack.pop()
        out += [(i, f"{node.obj.kode} {node.obj.nama}") for i in node.indikator]
        stack.extend(reversed(node.children))
    return out


@require_http_methods(["GET", "POST"])
@login_required
def target_sel(request, slug, indikator, tahun):
    """One grid cell: GET renders it, POST saves it and renders it again (HTMX swap)."""
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    ind = _indikator(pd, indikator)
    if tahun not in ind.renstra.tahun_list:
        raise Http404("Tahun di luar periode Renstra.")
    target = TargetIndikator.objects.filter(indikator=ind, tahun=tahun).first()
    context = {"pd": pd, "ind": ind, "tahun": tahun, "tersimpan": False, "base": _base(pd),
               "teks": nilai_predikat_teks(target.nilai, target.nilai_teks) if target else ""}
    if request.method == "POST":
        # The grid input is named t-<indikator>-<tahun>; "nilai" serves other callers.
        text = request.POST.get(f"t-{ind.pk}-{tahun}", request.POST.get("nilai", ""))
        context["teks"] = text
        try:
            nilai, teks = parse_target(text)
            cek_target_untuk(ind, nilai, teks)
        except ValidationError as e:
            context["galat"] = " ".join(e.messages)
        else:
            services.target_grid_set(indikator=ind, nilai_per_tahun={tahun: (nilai, teks)},
                                     user=request.user, alasan=request.POST.get("alasan", ""))
            context["teks"] = nilai_predikat_teks(nilai, teks)
            context["tersimpan"] = True
    if not request.htmx:
        if context.get("galat"):
            return HttpResponseBadRequest(context["galat"])
        return redirect(f"{reverse('renstra:target-grid', args=[pd.slug])}"
                        f"?renstra={ind.renstra_id}")
    # A refused value is answered 200 so HTMX swaps the cell and shows the message in place.
    return render(request, "renstra/_target_sel.html", context)


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
    rows = []
    for p in pohon.program:
        stack = [p]
        while stack:
            node = stack.pop()
            cells = [{"level": node.level, "node": node.obj, "tahun": c.tahun,
                      "teks": angka_input(c.sendiri), "anak": c.anak} for c in node.pagu]
            rows.append((node, cells))
            stack.extend(reversed(node.children))
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
    renstra = services.renstra_dari_node(node)
    if tahun not in renstra.tahun_list:
        raise Http404("Tahun di luar periode Renstra.")
    row = PaguIndikatif.objects.filter(**{level: node, "tahun": tahun}).first()
    context = {"pd": pd, "level": level, "node": node, "tahun": tahun, "base": _base(pd),
               "teks": angka_input(row.nilai) if row else "", "tersimpan": False}
    if request.method == "POST":
        text = request.POST.get(f"p-{level}-{node.pk}-{tahun}", request.POST.get("nilai", ""))
        context["teks"] = text
        try:
            nilai = parse_angka(text.strip())
            if nilai is not None and nilai < 0:
                raise ValueError("Pagu tidak boleh negatif.")
        except ValueError as e:
            context["galat"] = str(e)
        else:
            if row is None and nilai is None:
                pass
            elif row is None or row.nilai != nilai:
                services.pagu_indikatif_set(pemilik=node, tahun=tahun, nilai=nilai,
                                            user=request.user)
            context["teks"] = angka_input(nilai)
            context["tersimpan"] = True
    if not request.htmx:
        if context.get("galat"):
            return HttpResponseBadRequest(context["galat"])
        return redirect(f"{reverse('renstra:pagu-grid', args=[pd.slug])}?renstra={renstra.pk}")
    return render(request, "renstra/_pagu_sel.html", context)


# --- sasaran ↔ program ------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@login_required
def sasaran_program(request, slug, pk):
    pd = get_pd_or_403(request, slug, perlu="edit_plan")
    sasaran = _node(pd, "sasaran", pk)
    renstra = sasaran.tujuan.renstra
    qs = Program.objects.filter(renstra=renstra).order_by("urutan", "kode")
    form = SasaranProgramForm(request.POST or None, program_qs=qs,
                              initial={"program": list(sasaran.program_set.all())})
    if request.method == "POST" and form.is_valid():
        services.sasaran_program_set(sasaran=sasaran, programs=form.cleaned_data["program"],
                                     user=request.user)
        messages.success(request, "Program pendukung sasaran disimpan.")
        return _ke_pohon(renstra, f"sasaran-{sasaran.pk}")
    return render(request, "renstra/sasaran_program.html", {
        "pd": pd, "form": form, "sasaran": sasaran, "renstra": renstra,
    }, status=400 if request.method == "POST" else 200)
