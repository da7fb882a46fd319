"""Follow-up of LHE recommendations, past LHEs entered from paper, and the Inspektorat's pemda
overview of one year's evaluations.

Access (sakip/access.py, the LKE follow-up block): the office's perencana/admin/Kepala answer a
recommendation, the Inspektorat accepts or reopens it (the office never decides, the Inspektorat
never answers); a past LHE is entered by the office's perencana/admin or the Inspektorat; the
overview is the Inspektorat's. Another office answers 404 (``get_pd_or_403``). Writes go through
``lke.services`` (``tindak_lanjut_submit/_approve/_reopen``, ``hasil_set``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja.realisasi.bukti import respons_berkas
from lke import services
from lke.forms_tindak import BukaKembaliForm, HasilForm, TerimaForm, TindakLanjutForm
from lke.models import Evaluasi, Komponen, TindakLanjut
from lke.selectors import evaluasi_get, hasil_lhe, hasil_riwayat, template_berlaku
from lke.selectors_tindak import (
    ikhtisar_pemda,
    rekomendasi_detail,
    rekomendasi_kantor,
    ringkas_ikhtisar,
    terlambat_hari,
    tindak_lanjut_berkas,
)
from sakip.access import akses, cek, get_pd_or_403
from sakip.versi import SudahAda

PESAN_BACA = "Tindak lanjut LHE dibaca oleh perencana, kepala dan admin perangkat daerah serta " \
             "Inspektorat."


def _pesan(e: ValidationError) -> str:
    return " ".join(e.messages)


# --- follow-up list and one recommendation ----------------------------------------------------

@require_GET
@login_required
def tindak_lanjut_daftar(request, slug):
    pd = get_pd_or_403(request, slug)
    a = akses(request)
    cek(a.can_baca_tindak_lanjut(pd), PESAN_BACA)
    rows = rekomendasi_kantor(pd, timezone.localdate())
    return render(request, "lke/tindak_lanjut_daftar.html", {
        "pd": pd, "rows": rows, "bisa_catat_hasil": a.can_catat_hasil_lke(pd),
        "terbuka": sum(1 for r in rows if r.status != r.Status.SELESAI),
        # Past LHEs: the years before the application was used (the latest first).
        "tahun_pilihan": list(range(timezone.localdate().year - 1,
                                    timezone.localdate().year - 9, -1)),
    })


def _rekomendasi(request, slug, pk):
    pd = get_pd_or_403(request, slug)
    cek(akses(request).can_baca_tindak_lanjut(pd), PESAN_BACA)
    rek = rekomendasi_detail(pd, pk)
    if rek is None:
        raise Http404("Rekomendasi tidak ditemukan.")
    return pd, rek


def _menunggu(rek) -> TindakLanjut | None:
    """The follow-up awaiting the Inspektorat's decision (the last one, undecided)."""
    riwayat = list(rek.tindak_lanjut_set.all())
    return riwayat[-1] if riwayat and not riwayat[-1].keputusan else None


def _detail(request, pd, rek, *, status: int = 200, **forms):
    a = akses(request)
    menunggu = _menunggu(rek)
    jawab = a.can_jawab_tindak_lanjut(pd) and rek.status == rek.Status.TERBUKA
    putus = a.can_putus_tindak_lanjut(pd) and menunggu is not None
    awal = {"tindak_lanjut": menunggu.pk} if menunggu else {}
    return render(request, "lke/tindak_lanjut_detail.html", {
        "pd": pd, "rek": rek, "hasil": rek.hasil, "riwayat": list(rek.tindak_lanjut_set.all()),
        "menunggu": menunggu, "terlambat_hari": terlambat_hari(rek, timezone.localdate()),
        "form_jawab": forms.get("form_jawab") or (
            TindakLanjutForm(initial={"row_version": rek.row_version}) if jawab else None),
        "form_terima": forms.get("form_terima") or (TerimaForm(initial=awal) if putus else None),
        "form_buka": forms.get("form_buka") or (BukaKembaliForm(initial=awal) if putus else None),
    }, status=status)


@require_GET
@login_required
def tindak_lanjut_detail(request, slug, pk):
    pd, rek = _rekomendasi(request, slug, pk)
    return _detail(request, pd, rek)


def _url_detail(pd, rek) -> str:
    return reverse("lke:tindak-lanjut-detail", args=[pd.slug, rek.pk])


@require_POST
@login_required
def tindak_lanjut_jawab(request, slug, pk):
    pd, rek = _rekomendasi(request, slug, pk)
    cek(akses(request).can_jawab_tindak_lanjut(pd),
        "Rekomendasi ditindaklanjuti oleh perangkat daerah; Inspektorat menilai tindak lanjutnya.")
    form = TindakLanjutForm(request.POST, request.FILES)
    if form.is_valid():
        cd = form.cleaned_data
        try:
            services.tindak_lanjut_submit(rek, request.user, cd["uraian"], cd.get("berkas"),
                                          base_version=cd["row_version"])
        except SudahAda as e:
            messages.info(request, _pesan(e))
            return redirect(_url_detail(pd, rek))
        except ValidationError as e:
            form.add_error(None, e.messages)
        else:
            messages.success(request, f"Tindak lanjut rekomendasi {rek.nomor} dikirim kepada "
                                      "Inspektorat.")
            return redirect(_url_detail(pd, rek))
    return _detail(request, pd, rek, status=400, form_jawab=form)


def _putus(request, slug, pk, form_cls, nama_form: str, jalankan, pesan: str):
    pd, rek = _rekomendasi(request, slug, pk)
    cek(akses(request).can_putus_tindak_lanjut(pd),
        "Tindak lanjut dinilai oleh Inspektorat; perangkat daerah menjawab rekomendasi.")
    form = form_cls(request.POST)
    if form.is_valid():
        tl = next((t for t in rek.tindak_lanjut_set.all()
                   if t.pk == form.cleaned_data["tindak_lanjut"]), None)
        if tl is None:
            raise Http404("Tindak lanjut tidak ditemukan.")
        try:
            jalankan(tl, request.user, form.cleaned_data["catatan"])
        except SudahAda as e:
            messages.info(request, _pesan(e))
            return redirect(_url_detail(pd, rek))
        except ValidationError as e:
            form.add_error(None, e.messages)
        else:
            messages.success(request, pesan.format(nomor=rek.nomor))
            return redirect(_url_detail(pd, rek))
    return _detail(request, pd, rek, status=400, **{nama_form: form})


@require_POST
@login_required
def tindak_lanjut_terima(request, slug, pk):
    return _putus(request, slug, pk, TerimaForm, "form_terima", services.tindak_lanjut_approve,
                  "Tindak lanjut rekomendasi {nomor} diterima; rekomendasi selesai.")


@require_POST
@login_required
def tindak_lanjut_buka(request, slug, pk):
    return _putus(request, slug, pk, BukaKembaliForm, "form_buka",
                  services.tindak_lanjut_reopen,
                  "Rekomendasi {nomor} dibuka kembali; perangkat daerah diminta menindaklanjuti.")


@require_GET
@login_required
def tindak_lanjut_unduh(request, slug, pk):
    """A follow-up's evidence, served only here after the access check (never MEDIA_URL), with
    the same headers as realisasi and LKE evidence."""
    pd = get_pd_or_403(request, slug)
    cek(akses(request).can_baca_tindak_lanjut(pd), PESAN_BACA)
    tl = tindak_lanjut_berkas(pd, pk)
    if tl is None:
        raise Http404("Berkas tindak lanjut tidak ditemukan.")
    return respons_berkas(tl.berkas, nama=tl.nama_asli,
                          hilang="Berkas tindak lanjut tidak ditemukan di penyimpanan.")


# --- a past LHE entered from paper --------------------------------------------------------------

def _komponen_tahun(pd, tahun: int, hasil) -> list[tuple]:
    """The komponen to enter: those of the template valid that year (domain.md §4.1/§4.4);
    a result already entered keeps the komponen it was entered with."""
    if hasil is not None and hasil.komponen_set.all():
        return [(k.kode, k.nama, k.bobot) for k in hasil.komponen_set.all()]
    tpl = template_berlaku(pd.pemda, tahun)
    if tpl is None:
        return []
    return list(Komponen.objects.filter(template=tpl).values_list("kode", "nama", "bobot"))


def _awal_hasil(hasil) -> dict:
    if hasil is None:
        return {"row_version": 0}
    return {"nomor": hasil.nomor, "tanggal": hasil.tanggal, "nilai": hasil.nilai,
            "predikat": hasil.predikat, "row_version": hasil.row_version,
            **{f"komponen_{k.kode}": k.nilai for k in hasil.komponen_set.all()}}


def _simpan_hasil(request, pd, tahun: int, form) -> bool:
    cd = form.cleaned_data
    try:
        services.hasil_set(pd, tahun, request.user, nomor=cd["nomor"], tanggal=cd["tanggal"],
                           nilai=cd["nilai"], predikat=cd["predikat"],
                           komponen=form.komponen_data(), base_version=cd["row_version"])
    except ValidationError as e:
        for pesan in e.messages:
            form.add_error(None, pesan)
        return False
    return True


@require_http_methods(["GET", "POST"])
@login_required
def hasil_catat(request, slug, tahun):
    pd = get_pd_or_403(request, slug)
    cek(akses(request).can_catat_hasil_lke(pd), "LHE terdahulu dicatat oleh perencana/admin "
        "perangkat daerah atau Inspektorat.")
    hasil = hasil_lhe(pd, tahun)
    ev: Evaluasi | None = evaluasi_get(pd, tahun)
    if ev is not None:
        # The year is evaluated in the application: its LHE comes from closing that evaluation.
        messages.info(request, f"Evaluasi AKIP {tahun} dilakukan di aplikasi; LHE-nya terbit "
                               "saat evaluasi ditutup.")
        return redirect("lke:lembar", slug=pd.slug, tahun=tahun)
    komponen = _komponen_tahun(pd, tahun, hasil)
    form = HasilForm(request.POST or None, komponen=komponen, initial=_awal_hasil(hasil))
    if request.method == "POST" and form.is_valid() and _simpan_hasil(request, pd, tahun, form):
        messages.success(request, f"LHE {tahun} dicatat.")
        return redirect("lke:hasil-catat", slug=pd.slug, tahun=tahun)
    return render(request, "lke/hasil_catat.html", {
        "pd": pd, "tahun": tahun, "hasil": hasil, "form": form,
        "riwayat": hasil_riwayat(pd, tahun + 2, n=6),
    }, status=200 if request.method == "GET" else 400)


# --- the pemda overview ---------------------------------------------------------------------

@require_GET
@login_required
def ikhtisar(request):
    a = akses(request)
    cek(a.can_ikhtisar_lke(), "Ikhtisar evaluasi AKIP hanya untuk Inspektorat.")
    tahun_ini = timezone.localdate().year
    try:
        tahun = int(request.GET.get("tahun", ""))
    except ValueError:
        tahun = tahun_ini - 1
    if not 2000 <= tahun <= tahun_ini + 1:
        tahun = tahun_ini - 1
    rows = ikhtisar_pemda(a.perangkat_daerah_ikhtisar_lke(), tahun)
    return render(request, "lke/ikhtisar.html", {
        "rows": rows, "tahun": tahun, "ringkas": ringkas_ikhtisar(rows),
        "tahun_pilihan": list(range(tahun_ini, tahun_ini - 6, -1)),
    })
