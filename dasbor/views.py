"""Dashboards, drill-down and review notes (issue 6).

Every view asks ``sakip.access`` about the perangkat daerah (and bidang) before reading; reads go
through ``dasbor.selectors``, writes through ``dasbor.services``. Inspektorat writes review notes
and nothing else.
"""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anggaran.selectors import ringkasan_anggaran
from dasbor import grafik, selectors, services
from dasbor.forms import CatatanBuatForm, CatatanBukaForm, CatatanJawabForm, CatatanSelesaiForm
from dasbor.models import CatatanReviu
from kinerja import rumus
from kinerja.models import BuktiDukung, Realisasi
from kinerja.selectors import capaian_rata_rata, nilai_indikator
from laporan.models import LaporanKinerja
from renstra.models import Indikator, Renstra, Sasaran
from sakip import audit
from sakip.access import akses, cek, get_pd_or_403
from sakip.lib.angka import format_angka
from sakip.models import PerangkatDaerah, Role

PESAN_PEMDA = "Dasbor pemda hanya untuk Inspektorat dan Administrator."
KOLOM_PEMDA = [  # (sort key of selectors.KUNCI_URUT, header, numeric)
    ("nama", "Perangkat daerah", False), ("capaian", "Capaian IKU", True),
    ("serapan", "Serapan anggaran", True), ("belum_diisi", "Belum diisi", True),
    ("terlambat", "Terlambat", True), ("belum_diverifikasi", "Belum diverifikasi", True),
    ("lkjip", "LKjIP", False), ("catatan", "Catatan reviu terbuka", True),
]


# --- period pickers ----------------------------------------------------------------------

def _tahun_pilihan(pd_ids) -> list[int]:
    tahun: set[int] = set()
    for awal, akhir, tambahan in Renstra.objects.filter(perangkat_daerah_id__in=pd_ids).values_list(
        "tahun_awal", "tahun_akhir", "tahun_tambahan"
    ):
        tahun.update(range(awal, akhir + tambahan + 1))
    return sorted(tahun)


def _periode(request, pd_ids) -> tuple[int, int, list[int]]:
    """(tahun, sampai triwulan, year options) from ``?tahun=&tw=``; bad input falls back."""
    hari_ini = timezone.localdate()
    pilihan = _tahun_pilihan(pd_ids)
    default = selectors.tahun_berjalan(pd_ids, hari_ini)
    if default is None:
        lalu = [t for t in pilihan if t <= hari_ini.year]
        default = lalu[-1] if lalu else (pilihan[0] if pilihan else hari_ini.year)
    try:
        tahun = int(request.GET.get("tahun", ""))
    except ValueError:
        tahun = default
    if tahun not in pilihan:
        tahun = default
    try:
        tw = int(request.GET.get("tw", ""))
    except ValueError:
        tw = 0
    if tw not in (1, 2, 3, 4):
        tw = selectors.sampai_tw_default(tahun, hari_ini)
    return tahun, tw, pilihan or [tahun]


def _peran_label(a, pd, roles) -> str:
    for role in roles:
        if a.has(pd, role):
            return str(Role(role).label)
    return ""


PERAN_KANTOR = (Role.KEPALA, Role.PERENCANA)


# --- office dashboard --------------------------------------------------------------------

@require_GET
@login_required
def kantor(request):
    """Where one office stands during the year (the user's own, or ``?pd=`` for reviewers)."""
    a = akses(request)
    slug = request.GET.get("pd", "").strip()
    if slug:
        pd = get_pd_or_403(request, slug)
    elif a.can_view_pemda() and not any(p.perangkat_daerah_id for p in a.peran):
        return redirect("dasbor:pemda")
    else:
        pd = a.default_pd()
        if pd is None:
            return render(request, "dasbor/tanpa_peran.html", status=403)
    tahun, tw, tahun_list = _periode(request, [pd.pk])
    bidang_ids = None if a.can_view_all(pd) else a.bidang_ids(pd)
    d = selectors.dasbor_kantor(pd, tahun=tahun, sampai_tw=tw, hari_ini=timezone.localdate(),
                                bidang_ids=bidang_ids, dengan_catatan=a.can_read_catatan(pd))
    pilihan_pd = list(a.perangkat_daerah_list().order_by("nama"))  # a picker for several
    return render(request, "dasbor/kantor.html", {
        "d": d, "pd": pd, "tahun": tahun, "tw": tw, "tahun_list": tahun_list,
        "pilihan_pd": pilihan_pd if len(pilihan_pd) > 1 else None,
        "bidang": list(pd.bidang_set.filter(pk__in=bidang_ids)) if bidang_ids else None,
        "bisa_reviu": a.can_review(pd),
        "bisa_catatan": a.can_read_catatan(pd),
        "skala": d.skala, "nama_skala": d.nama_skala,
        "masalah_per_jenis": [
            {"label": selectors.LABEL_MASALAH[j], "daftar": d.kualitas.per_jenis(j)}
            for j in (selectors.BELUM_DIISI, selectors.TERLAMBAT, selectors.BELUM_DIVERIFIKASI)
        ],
        "form_lkjip": CatatanBuatForm(initial={"jenis": "laporan", "objek": d.lkjip.pk})
        if d.lkjip else None,
        "grafik_iku": grafik.capaian_indikator(d.iku, "Capaian IKU"),
        "grafik_tw": [grafik.triwulan(b) for b in d.iku],
        "grafik_program": grafik.program(d.program),
    })


# --- pemda dashboard ---------------------------------------------------------------------

@require_GET
@login_required
def pemda(request):
    """Every office of the pemda side by side for one year (Inspektorat, admin)."""
    a = akses(request)
    cek(a.can_view_pemda(), PESAN_PEMDA)
    pd_qs = a.perangkat_daerah_pemda_list()
    tahun, tw, tahun_list = _periode(request, pd_qs.values("pk"))
    rows = selectors.dasbor_pemda(pd_qs, tahun=tahun, sampai_tw=tw,
                                  hari_ini=timezone.localdate())
    urut = request.GET.get("urut", "nama")
    if urut not in selectors.KUNCI_URUT:
        urut = "nama"
    turun = request.GET.get("arah") == "turun"
    rows = selectors.urutkan(rows, urut, turun)
    return render(request, "dasbor/pemda.html", {
        "rows": rows, "total": selectors.ringkasan_pemda(rows), "tahun": tahun, "tw": tw,
        "tahun_list": tahun_list, "urut": urut, "turun": turun,
        "banyak_pemda": len({r.pd.pemda_id for r in rows}) > 1,
        "kolom": KOLOM_PEMDA,
        "grafik_pemda": grafik.pemda(rows),
    })


# --- drill-down --------------------------------------------------------------------------

def _catatan_untuk(qs):
    return list(
        qs.select_related("dibuat_oleh", "indikator", "realisasi__indikator", "laporan")
        .annotate(jumlah_langkah=Count("riwayat_set"))
        .order_by("status", "-dibuat_pada", "-id")
    )


@require_GET
@login_required
def sasaran(request, slug, pk):
    """A sasaran: its indicators to date, and the programs that support it (§3 rule 2)."""
    pd = get_pd_or_403(request, slug, perlu="view_all")
    a = akses(request)
    obj = get_object_or_404(
        Sasaran.objects.select_related("tujuan__renstra"), pk=pk,
        tujuan__renstra__perangkat_daerah=pd,
    )
    tahun, tw, tahun_list = _periode(request, [pd.pk])
    indikator = list(obj.indikator_set.select_related("bidang").order_by("-aktif", "urutan", "id"))
    nilai = nilai_indikator(indikator, [tahun], perangkat_daerah=pd, sampai_tw=tw)
    baris = [selectors.baris_indikator(nilai[(i.pk, tahun)], pd, tw) for i in indikator]
    aktif = [b for b in baris if b.indikator.aktif]
    capaian = capaian_rata_rata(b.n for b in aktif)
    anggaran = ringkasan_anggaran(obj.tujuan.renstra, tahun, sampai_tw=tw)
    program_ids = set(obj.program_set.values_list("pk", flat=True))
    program = [p for p in anggaran.program if p.id in program_ids]
    catatan = (
        _catatan_untuk(CatatanReviu.objects.filter(
            Q(indikator__in=indikator) | Q(realisasi__indikator__in=indikator), tahun=tahun))
        if a.can_read_catatan(pd) else []
    )
    return render(request, "dasbor/sasaran.html", {
        "pd": pd, "sasaran": obj, "tahun": tahun, "tw": tw, "tahun_list": tahun_list,
        "baris": baris, "capaian": capaian, "kategori": rumus.kategori(capaian, pd.skala_kategori),
        "program": program, "catatan": catatan,
    })


@require_GET
@login_required
def indikator(request, slug, pk):
    """One indicator: definition, targets and values per quarter and per year, notes."""
    pd = get_pd_or_403(request, slug)
    a = akses(request)
    ind = get_object_or_404(
        Indikator.objects.select_related("renstra", "bidang", "sasaran", "program", "kegiatan",
                                         "subkegiatan", "tujuan"),
        pk=pk, renstra__perangkat_daerah=pd,
    )
    cek(a.can_view_bidang(pd, ind.bidang_id), "Indikator ini milik bidang lain.")
    tahun, _tw, tahun_list = _periode(request, [pd.pk])
    if tahun not in ind.renstra.tahun_list:
        tahun = ind.renstra.tahun_list[-1]
    semua = nilai_indikator([ind], ind.renstra.tahun_list, perangkat_daerah=pd)
    b = selectors.baris_indikator(semua[(ind.pk, tahun)], pd, 4)
    real_ids = [r.pk for r in b.n.realisasi_obj_tw if r is not None]
    bukti = dict(
        BuktiDukung.objects.filter(realisasi_id__in=real_ids).values_list("realisasi_id")
        .annotate(n=Count("id"))
    )
    kuartal = [
        {"tw": tw, "target": b.n.target_tw[tw - 1], "realisasi": b.n.realisasi_obj_tw[tw - 1],
         "capaian": b.capaian_tw[tw - 1], "kategori": b.kategori_tw[tw - 1],
         "bukti": bukti.get(getattr(b.n.realisasi_obj_tw[tw - 1], "pk", None), 0)}
        for tw in (1, 2, 3, 4)
    ]
    catatan = (
        _catatan_untuk(CatatanReviu.objects.filter(Q(indikator=ind) | Q(realisasi__indikator=ind)))
        if a.can_read_catatan(pd) else []
    )
    return render(request, "dasbor/indikator.html", {
        "pd": pd, "ind": ind, "tahun": tahun, "tahun_list": tahun_list, "b": b,
        "kuartal": kuartal, "per_tahun": [semua[(ind.pk, t)] for t in ind.renstra.tahun_list],
        "catatan": catatan, "bisa_reviu": a.can_review(pd),
        "form_catatan": CatatanBuatForm(initial={"jenis": "indikator", "objek": ind.pk,
                                                 "tahun": tahun}),
        "grafik_tw": [grafik.triwulan(b)],
    })


ANGKA_AUDIT = {"nilai", "pembilang", "penyebut"}


def _nilai_audit(kolom: str, teks: str | None, desimal: int) -> str:
    """Audit values are stored as machine text; show them the Indonesian way (§8.1)."""
    if teks is None or teks == "":
        return "—"
    if kolom in ANGKA_AUDIT:
        try:
            return format_angka(Decimal(teks), desimal)
        except InvalidOperation:
            return teks
    if kolom == "status" and teks in Realisasi.Status.values:
        return str(Realisasi.Status(teks).label)
    return teks


def _kolom_audit(kolom: str) -> str:
    """The field's Indonesian label (verbose_name), e.g. "faktor pendukung"."""
    try:
        return str(Realisasi._meta.get_field(kolom).verbose_name)
    except FieldDoesNotExist:
        return kolom.replace("_", " ")


def _url_bukti(bukti: BuktiDukung, pd: PerangkatDaerah) -> str | None:
    """The evidence download of the realisasi pages (kinerja:bukti-unduh), when it exists."""
    for kwargs in ({"pk": bukti.pk}, {"slug": pd.slug, "pk": bukti.pk}):
        try:
            return reverse("kinerja:bukti-unduh", kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None


@require_GET
@login_required
def realisasi(request, slug, pk):
    """One quarter's value: evidence files and the verification history (§9 item 17)."""
    pd = get_pd_or_403(request, slug)
    a = akses(request)
    r = get_object_or_404(
        Realisasi.objects.select_related(
            "indikator__renstra", "indikator__bidang", "entered_by", "verified_by",
            "pk_indikator__perjanjian",
        ),
        pk=pk, indikator__renstra__perangkat_daerah=pd,
    )
    cek(a.can_view_bidang(pd, r.indikator.bidang_id), "Realisasi ini milik bidang lain.")
    n = nilai_indikator([r.indikator], [r.tahun], perangkat_daerah=pd,
                        sampai_tw=r.triwulan)[(r.indikator.pk, r.tahun)]
    bukti = list(r.bukti_set.select_related("uploaded_by").order_by("uploaded_at", "id"))
    for x in bukti:
        x.url_unduh = _url_bukti(x, pd)
    catatan = (
        _catatan_untuk(CatatanReviu.objects.filter(realisasi=r))
        if a.can_read_catatan(pd) else []
    )
    riwayat = list(audit.riwayat(r))
    for j in riwayat:
        j.kolom_tampil = _kolom_audit(j.field)
        j.lama_tampil = _nilai_audit(j.field, j.nilai_lama, r.indikator.desimal)
        j.baru_tampil = _nilai_audit(j.field, j.nilai_baru, r.indikator.desimal)
    return render(request, "dasbor/realisasi.html", {
        "pd": pd, "r": r, "ind": r.indikator, "n": n,
        "target_tw": n.target_tw[r.triwulan - 1],
        "bukti": bukti, "riwayat": riwayat, "catatan": catatan,
        "bisa_reviu": a.can_review(pd),
        "form_catatan": CatatanBuatForm(initial={"jenis": "realisasi", "objek": r.pk}),
    })


# --- review notes ------------------------------------------------------------------------

def _target_catatan(pd: PerangkatDaerah, jenis: str, objek: int):
    """The reviewed object, which must belong to ``pd`` (404 otherwise)."""
    if jenis == CatatanReviu.Jenis.INDIKATOR:
        return get_object_or_404(Indikator.objects.select_related("renstra__perangkat_daerah"),
                                 pk=objek, renstra__perangkat_daerah=pd)
    if jenis == CatatanReviu.Jenis.REALISASI:
        return get_object_or_404(
            Realisasi.objects.select_related("indikator__renstra__perangkat_daerah"),
            pk=objek, indikator__renstra__perangkat_daerah=pd)
    if jenis == CatatanReviu.Jenis.LAPORAN:
        return get_object_or_404(LaporanKinerja.objects.select_related("perangkat_daerah"),
                                 pk=objek, perangkat_daerah=pd)
    raise Http404


def _kembali(request, default: str) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return nxt
    return default


@require_http_methods(["GET", "POST"])
@login_required
def catatan_buat(request, slug):
    """Inspektorat writes a note on an indikator, a realisasi or an LKjIP of this office."""
    pd = get_pd_or_403(request, slug, perlu="review")
    if request.method == "POST":
        form = CatatanBuatForm(request.POST)
        target = None
        if form.is_valid():
            target = _target_catatan(pd, form.cleaned_data["jenis"], form.cleaned_data["objek"])
            try:
                catatan = services.catatan_buat(
                    target=target, isi=form.cleaned_data["isi"], user=request.user,
                    tahun=form.cleaned_data.get("tahun"),
                    peran=_peran_label(akses(request), pd, [Role.INSPEKTORAT]),
                )
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(request, "Catatan reviu disimpan dan terlihat oleh perencana "
                                          "dan kepala perangkat daerah.")
                return redirect(_kembali(request, reverse("dasbor:catatan-detail",
                                                          args=[catatan.pk])))
        return render(request, "dasbor/catatan_buat.html",
                      {"pd": pd, "form": form, "target": target}, status=400)
    for jenis in CatatanReviu.Jenis.values:
        try:
            objek = int(request.GET.get(jenis, ""))
        except ValueError:
            continue
        target = _target_catatan(pd, jenis, objek)
        tahun = getattr(target, "tahun", None) or request.GET.get("tahun")
        form = CatatanBuatForm(initial={"jenis": jenis, "objek": objek, "tahun": tahun})
        return render(request, "dasbor/catatan_buat.html",
                      {"pd": pd, "form": form, "target": target})
    return render(request, "dasbor/catatan_buat.html", {"pd": pd, "form": None}, status=400)


@require_GET
@login_required
def catatan_daftar(request):
    """Review notes the user may read, newest first; ``?status=`` and ``?pd=`` filter."""
    a = akses(request)
    cek(a.has_catatan_access(), "Catatan reviu hanya untuk perencana, kepala dan Inspektorat.")
    slug = request.GET.get("pd", "").strip()
    if slug:
        pd_list = [get_pd_or_403(request, slug, perlu="catatan")]
    else:
        pd_list = [pd for pd in a.perangkat_daerah_list().order_by("nama")
                   if a.can_read_catatan(pd)]
    status = request.GET.get("status", "aktif")
    qs = CatatanReviu.objects.filter(perangkat_daerah__in=pd_list)
    if status == "aktif":
        qs = qs.exclude(status=CatatanReviu.Status.SELESAI)
    elif status in CatatanReviu.Status.values:
        qs = qs.filter(status=status)
    else:
        status = "semua"
    halaman = Paginator(
        qs.select_related("perangkat_daerah", "dibuat_oleh", "indikator", "realisasi__indikator",
                          "laporan").order_by("-dibuat_pada", "-id"),
        50,
    ).get_page(request.GET.get("hal"))
    return render(request, "dasbor/catatan_daftar.html", {
        "halaman": halaman, "status": status, "pd_pilih": slug,
        "pd_list": pd_list if not slug else a.perangkat_daerah_list().order_by("nama"),
        "status_list": CatatanReviu.Status.choices,
    })


def _catatan_atau_403(request, pk) -> CatatanReviu:
    c = get_object_or_404(
        CatatanReviu.objects.select_related(
            "perangkat_daerah__pemda", "indikator__renstra", "realisasi__indikator", "laporan",
            "dibuat_oleh", "diselesaikan_oleh",
        ),
        pk=pk,
    )
    cek(akses(request).can_read_catatan(c.perangkat_daerah),
        "Catatan reviu ini bukan untuk perangkat daerah Anda.")
    return c


def _detail(request, c: CatatanReviu, *, status: int = 200, **forms):
    a = akses(request)
    pd = c.perangkat_daerah
    ctx = {
        "c": c, "pd": pd, "riwayat": list(c.riwayat_set.select_related("user")),
        "bisa_jawab": a.can_answer_catatan(pd) and not c.selesai,
        "bisa_tanggapi": a.can_review(pd) and not c.selesai,
        "bisa_selesai": a.can_answer_catatan(pd) and not c.selesai,
        "bisa_buka": a.can_review(pd) and c.selesai,
        "form_jawab": forms.get("form_jawab") or CatatanJawabForm(),
        "form_selesai": forms.get("form_selesai") or CatatanSelesaiForm(),
        "form_buka": forms.get("form_buka") or CatatanBukaForm(),
    }
    return render(request, "dasbor/catatan_detail.html", ctx, status=status)


@require_GET
@login_required
def catatan_detail(request, pk):
    return _detail(request, _catatan_atau_403(request, pk))


def _aksi_catatan(request, pk, *, boleh, form_cls, nama_form, jalankan, pesan):
    c = _catatan_atau_403(request, pk)
    cek(boleh(akses(request), c.perangkat_daerah))
    form = form_cls(request.POST)
    if form.is_valid():
        try:
            jalankan(c, form.cleaned_data["isi"])
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, pesan)
            return redirect("dasbor:catatan-detail", pk=c.pk)
    c.refresh_from_db()
    return _detail(request, c, status=400, **{nama_form: form})


@require_POST
@login_required
def catatan_jawab(request, pk):
    """The office answers (perencana, kepala); the reviewer may follow up (Inspektorat)."""
    a = akses(request)

    def jalankan(c, isi):
        kantor = a.can_answer_catatan(c.perangkat_daerah)
        services.catatan_jawab(
            catatan=c, isi=isi, user=request.user, dari_kantor=kantor,
            peran=_peran_label(a, c.perangkat_daerah,
                               PERAN_KANTOR if kantor else [Role.INSPEKTORAT]),
        )

    return _aksi_catatan(
        request, pk, boleh=lambda a, pd: a.can_answer_catatan(pd) or a.can_review(pd),
        form_cls=CatatanJawabForm, nama_form="form_jawab", jalankan=jalankan,
        pesan="Tanggapan disimpan.",
    )


@require_POST
@login_required
def catatan_selesai(request, pk):
    a = akses(request)
    return _aksi_catatan(
        request, pk, boleh=lambda a, pd: a.can_answer_catatan(pd),
        form_cls=CatatanSelesaiForm, nama_form="form_selesai",
        jalankan=lambda c, isi: services.catatan_selesai(
            catatan=c, isi=isi, user=request.user,
            peran=_peran_label(a, c.perangkat_daerah, PERAN_KANTOR)),
        pesan="Catatan reviu ditandai selesai.",
    )


@require_POST
@login_required
def catatan_buka(request, pk):
    a = akses(request)
    return _aksi_catatan(
        request, pk, boleh=lambda a, pd: a.can_review(pd),
        form_cls=CatatanBukaForm, nama_form="form_buka",
        jalankan=lambda c, isi: services.catatan_buka_kembali(
            catatan=c, isi=isi, user=request.user,
            peran=_peran_label(a, c.perangkat_daerah, [Role.INSPEKTORAT])),
        pesan="Catatan reviu dibuka kembali.",
    )
