"""Dashboards, drill-down and review notes.

Every view asks ``sakip.access`` about the perangkat daerah (and bidang) before reading; reads go
through ``dasbor.selectors`` (the dashboards) and ``dasbor.rincian`` (the pages behind them),
writes through ``dasbor.services``. Inspektorat writes review notes and nothing else.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dasbor import grafik, rincian, selectors, services
from dasbor.forms import CatatanBuatForm, CatatanBukaForm, CatatanJawabForm, CatatanSelesaiForm
from dasbor.models import CatatanReviu
from lke.selectors_tindak import tindak_lanjut_terbuka
from renstra.selectors import tahun_renstra
from sakip.access import akses, cek, get_pd_or_403
from sakip.models import PerangkatDaerah, Role
from sakip.versi import SudahAda

PESAN_PEMDA = "Dasbor pemda hanya untuk Inspektorat dan Administrator."
KOLOM_PEMDA = [  # (sort key of selectors.KUNCI_URUT, header, numeric)
    ("nama", "Perangkat daerah", False), ("capaian", "Capaian IKU", True),
    ("serapan", "Serapan anggaran", True), ("belum_diisi", "Belum diisi", True),
    ("terlambat", "Terlambat", True), ("belum_diverifikasi", "Belum diverifikasi", True),
    ("lkjip", "LKjIP", False), ("catatan", "Catatan reviu terbuka", True),
]


# --- period pickers ----------------------------------------------------------------------

def _angka_get(request, kunci: str) -> int | None:
    try:
        return int(request.GET.get(kunci, ""))
    except ValueError:
        return None


def _periode(request, pd_ids) -> tuple[int, int, list[int]]:
    """(tahun, sampai triwulan, year options) from ``?tahun=&tw=``; bad input falls back."""
    hari_ini = timezone.localdate()
    pilihan = tahun_renstra(pd_ids)
    default = selectors.tahun_berjalan(pd_ids, hari_ini)
    if default is None:
        lalu = [t for t in pilihan if t <= hari_ini.year]
        default = lalu[-1] if lalu else (pilihan[0] if pilihan else hari_ini.year)
    tahun = _angka_get(request, "tahun")
    if tahun not in pilihan:
        tahun = default
    tw = _angka_get(request, "tw")
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
        **_konteks_kantor(a, pd, d, bidang_ids), "tahun": tahun, "tw": tw,
        "tahun_list": tahun_list, "pilihan_pd": pilihan_pd if len(pilihan_pd) > 1 else None,
    })


def _konteks_kantor(a, pd: PerangkatDaerah, d, bidang_ids) -> dict:
    return {
        "d": d, "pd": pd,
        "tindak_lanjut": tindak_lanjut_terbuka([pd.pk], d.hari_ini)
        if a.can_baca_tindak_lanjut(pd) else None,
        "bidang": rincian.bidang_list(pd, bidang_ids) if bidang_ids else None,
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
    }


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
        "tindak_lanjut": tindak_lanjut_terbuka([r.pd.pk for r in rows], timezone.localdate()),
        "bisa_ikhtisar_lke": a.can_ikhtisar_lke(),
        "tahun_list": tahun_list, "urut": urut, "turun": turun,
        "banyak_pemda": len({r.pd.pemda_id for r in rows}) > 1,
        "kolom": KOLOM_PEMDA,
        "grafik_pemda": grafik.pemda(rows),
    })


# --- drill-down --------------------------------------------------------------------------

@require_GET
@login_required
def sasaran(request, slug, pk):
    """A sasaran: its indicators to date, and the programs that support it (§3 rule 2)."""
    pd = get_pd_or_403(request, slug, perlu="view_all")
    obj = get_object_or_404(rincian.sasaran_qs(pd), pk=pk)
    tahun, tw, tahun_list = _periode(request, [pd.pk])
    r = rincian.rincian_sasaran(obj, pd, tahun, tw)
    catatan = (rincian.catatan_sasaran([b.indikator for b in r.baris], tahun)
               if akses(request).can_read_catatan(pd) else [])
    return render(request, "dasbor/sasaran.html", {
        "pd": pd, "sasaran": obj, "tahun": tahun, "tw": tw, "tahun_list": tahun_list,
        "baris": r.baris, "capaian": r.capaian, "kategori": r.kategori, "program": r.program,
        "catatan": catatan,
    })


@require_GET
@login_required
def indikator(request, slug, pk):
    """One indicator: definition, targets and values per quarter and per year, notes."""
    pd = get_pd_or_403(request, slug)
    a = akses(request)
    ind = get_object_or_404(rincian.indikator_qs(pd), pk=pk)
    cek(a.can_view_bidang(pd, ind.bidang_id), "Indikator ini milik bidang lain.")
    tahun, _tw, tahun_list = _periode(request, [pd.pk])
    r = rincian.rincian_indikator(ind, pd, tahun)
    return render(request, "dasbor/indikator.html", {
        "pd": pd, "ind": ind, "tahun": r.tahun, "tahun_list": tahun_list, "b": r.b,
        "kuartal": r.kuartal, "per_tahun": r.per_tahun,
        "catatan": rincian.catatan_indikator(ind) if a.can_read_catatan(pd) else [],
        "bisa_reviu": a.can_review(pd),
        "form_catatan": CatatanBuatForm(initial={"jenis": "indikator", "objek": ind.pk,
                                                 "tahun": r.tahun}),
        "grafik_tw": [grafik.triwulan(r.b)],
    })


@require_GET
@login_required
def realisasi(request, slug, pk):
    """One quarter's value: evidence files and the verification history (§9 item 17)."""
    pd = get_pd_or_403(request, slug)
    a = akses(request)
    r = get_object_or_404(rincian.realisasi_qs(pd), pk=pk)
    cek(a.can_view_bidang(pd, r.indikator.bidang_id), "Realisasi ini milik bidang lain.")
    x = rincian.rincian_realisasi(r, pd)
    return render(request, "dasbor/realisasi.html", {
        "pd": pd, "r": r, "ind": r.indikator, "n": x.n, "target_tw": x.target_tw,
        "bukti": x.bukti, "riwayat": x.riwayat,
        "catatan": rincian.catatan_realisasi(r) if a.can_read_catatan(pd) else [],
        "bisa_reviu": a.can_review(pd),
        "form_catatan": CatatanBuatForm(initial={"jenis": "realisasi", "objek": r.pk}),
    })


# --- review notes ------------------------------------------------------------------------

def _target_catatan(pd: PerangkatDaerah, jenis: str, objek: int):
    """The reviewed object, which must belong to ``pd`` (404 otherwise)."""
    target = rincian.target_catatan(pd, jenis, objek)
    if target is None:
        raise Http404
    return target


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
        return _catatan_buat_post(request, pd)
    for jenis in CatatanReviu.Jenis.values:
        objek = _angka_get(request, jenis)
        if objek is None:
            continue
        target = _target_catatan(pd, jenis, objek)
        tahun = getattr(target, "tahun", None) or request.GET.get("tahun")
        form = CatatanBuatForm(initial={"jenis": jenis, "objek": objek, "tahun": tahun})
        return render(request, "dasbor/catatan_buat.html",
                      {"pd": pd, "form": form, "target": target})
    return render(request, "dasbor/catatan_buat.html", {"pd": pd, "form": None}, status=400)


def _catatan_buat_post(request, pd: PerangkatDaerah):
    form = CatatanBuatForm(request.POST)
    target = None
    if form.is_valid():
        target = _target_catatan(pd, form.cleaned_data["jenis"], form.cleaned_data["objek"])
        try:
            catatan = services.catatan_create(
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
    qs, status = rincian.catatan_daftar(pd_list, request.GET.get("status", "aktif"))
    return render(request, "dasbor/catatan_daftar.html", {
        "halaman": Paginator(qs, 50).get_page(request.GET.get("hal")),
        "status": status, "pd_pilih": slug,
        "pd_list": pd_list if not slug else a.perangkat_daerah_list().order_by("nama"),
        "status_list": CatatanReviu.Status.choices,
    })


def _catatan_atau_403(request, pk) -> CatatanReviu:
    c = get_object_or_404(rincian.catatan_qs(), pk=pk)
    cek(akses(request).can_read_catatan(c.perangkat_daerah),
        "Catatan reviu ini bukan untuk perangkat daerah Anda.")
    return c


def _detail(request, c: CatatanReviu, *, status: int = 200, **forms):
    a = akses(request)
    pd = c.perangkat_daerah
    versi = {"row_version": c.row_version}
    ctx = {
        "c": c, "pd": pd, "riwayat": rincian.riwayat_catatan(c),
        "bisa_jawab": a.can_answer_catatan(pd) and not c.selesai,
        "bisa_tanggapi": a.can_review(pd) and not c.selesai,
        "bisa_selesai": a.can_answer_catatan(pd) and not c.selesai,
        "bisa_buka": a.can_review(pd) and c.selesai,
        "form_jawab": forms.get("form_jawab") or CatatanJawabForm(initial=versi),
        "form_selesai": forms.get("form_selesai") or CatatanSelesaiForm(initial=versi),
        "form_buka": forms.get("form_buka") or CatatanBukaForm(initial=versi),
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
            jalankan(c, form.cleaned_data["isi"], form.cleaned_data["row_version"])
        except SudahAda as e:
            messages.info(request, " ".join(e.messages))  # a double click: recorded once
            return redirect("dasbor:catatan-detail", pk=c.pk)
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

    def jalankan(c, isi, versi):
        kantor = a.can_answer_catatan(c.perangkat_daerah)
        services.catatan_reply(
            catatan=c, isi=isi, user=request.user, dari_kantor=kantor, versi_dasar=versi,
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
        jalankan=lambda c, isi, versi: services.catatan_resolve(
            catatan=c, isi=isi, user=request.user, versi_dasar=versi,
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
        jalankan=lambda c, isi, versi: services.catatan_reopen(
            catatan=c, isi=isi, user=request.user, versi_dasar=versi,
            peran=_peran_label(a, c.perangkat_daerah, [Role.INSPEKTORAT])),
        pesan="Catatan reviu dibuka kembali.",
    )
