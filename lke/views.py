"""Evaluasi AKIP pages (/pd/<slug>/lke/): the worksheet, answers and evidence, the office's
hand-in, closing by the ketua tim, and the LHE with its PDF.

Access (sakip/access.py, the LKE block): the pemda's Inspektorat starts the evaluation and fills
the nilai evaluasi; the ketua tim closes it (any Inspektorat user when none is set); the office's
perencana/admin fill the self-assessment while it is a penilaian mandiri; every role of the
office reads its own usulan side, and the evaluator's side and the LHE once the evaluation is
closed. Another office answers 404 (``get_pd_or_403``). Writes go through ``lke.services``.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja.realisasi.bukti import respons_berkas
from lke import services
from lke.forms import (
    AjukanForm,
    BuktiForm,
    JawabanForm,
    MulaiForm,
    RekomendasiFormSet,
    TutupForm,
    pilihan_dokumen,
)
from lke.lhe import dokumen_hasil, lhe_bekukan, lhe_pdf, nama_berkas
from lke.models import BuktiLke, Evaluasi, Kriteria
from lke.saran import saran_untuk
from lke.selectors import evaluasi_get, evaluasi_tree, hasil_lhe, template_berlaku
from sakip.access import akses, cek, get_pd_or_403
from sakip.versi import SudahAda

log = logging.getLogger(__name__)
PIHAK = ("usulan", "evaluasi")


def _pesan(e: ValidationError) -> str:
    return " ".join(e.messages)


def _evaluasi(pd, tahun: int) -> Evaluasi:
    ev = evaluasi_get(pd, tahun)
    if ev is None:
        raise Http404("Evaluasi AKIP tahun ini belum dimulai.")
    return ev


def _url_lembar(pd, tahun: int, komponen: str = "", kriteria_id: int | None = None) -> str:
    url = reverse("lke:lembar", args=[pd.slug, tahun])
    if komponen:
        url += f"?komponen={komponen}"
    if kriteria_id:
        url += f"#k-{kriteria_id}"
    return url


def _kriteria(ev: Evaluasi, pk: int) -> Kriteria:
    return get_object_or_404(
        Kriteria.objects.select_related("subkomponen__komponen"),
        pk=pk, subkomponen__komponen__template_id=ev.template_id)


# --- list and worksheet ------------------------------------------------------------------------

@require_GET
@login_required
def daftar(request, slug):
    pd = get_pd_or_403(request, slug)
    a = akses(request)
    evaluasi = list(Evaluasi.objects.filter(perangkat_daerah=pd).select_related("template", "hasil")
                    .order_by("-tahun"))
    baris = [(ev, a.can_baca_evaluasi_lke(ev)) for ev in evaluasi]
    return render(request, "lke/daftar.html", {
        "pd": pd, "baris": baris, "bisa_mulai": a.can_evaluasi_lke(pd),
        "bisa_tindak_lanjut": a.can_baca_tindak_lanjut(pd),
        "bisa_catat_hasil": a.can_catat_hasil_lke(pd),
        # The year just ended is the one usually evaluated; earlier ones for late entries.
        "tahun_pilihan": list(range(timezone.localdate().year, timezone.localdate().year - 4,
                                    -1)),
    })


class BarisKriteria:
    """What the worksheet shows for one criterion (forms only for the sides the user writes)."""

    def __init__(self, kp, *, lihat_evaluasi: bool, form_usulan, form_evaluasi, saran):
        self.kp, self.kriteria, self.jawaban = kp, kp.kriteria, kp.jawaban
        self.form_usulan, self.form_evaluasi, self.saran = form_usulan, form_evaluasi, saran
        self.pelanggaran = kp.pelanggaran_usulan + (
            kp.pelanggaran_evaluasi if lihat_evaluasi else [])

    @property
    def saran_sama(self) -> bool:
        """The evaluator's answer already equals the suggestion."""
        return bool(self.saran and self.jawaban
                    and self.jawaban.jawaban_evaluasi == self.saran.jawaban)


def _form_jawaban(kp, pihak: str, gagal: dict):
    bound = gagal.get((kp.kriteria.pk, pihak))
    if bound is not None:
        return bound
    j = kp.jawaban
    initial = {"pihak": pihak, "row_version": j.row_version if j else 0,
               "jawaban": getattr(j, f"jawaban_{pihak}", "") if j else "",
               "catatan": getattr(j, f"catatan_{pihak}", "") if j else ""}
    return JawabanForm(initial=initial, kriteria=kp.kriteria,
                       auto_id=f"id_%s_{kp.kriteria.pk}_{pihak}")


def _konteks_lembar(request, pd, ev: Evaluasi, komponen_kode: str, gagal: dict) -> dict:
    a = akses(request)
    pohon = evaluasi_tree(ev)
    lihat_evaluasi = a.can_baca_evaluasi_lke(ev)
    tulis_usulan = a.can_isi_usulan_lke(ev)
    tulis_evaluasi = a.can_evaluasi_lke(pd) and not ev.ditutup
    aktif = next((kp for kp in pohon.komponen if kp.komponen.kode == komponen_kode),
                 pohon.komponen[0] if pohon.komponen else None)
    kriteria_aktif = ([k for sp in aktif.subkomponen for k in sp.kriteria] if aktif else [])
    saran = (saran_untuk(pd, ev.tahun, [k.kriteria for k in kriteria_aktif])
             if tulis_evaluasi else {})
    subkomponen = []
    for sp in aktif.subkomponen if aktif else []:
        subkomponen.append((sp, [BarisKriteria(
            kp, lihat_evaluasi=lihat_evaluasi,
            form_usulan=_form_jawaban(kp, "usulan", gagal) if tulis_usulan else None,
            form_evaluasi=_form_jawaban(kp, "evaluasi", gagal) if tulis_evaluasi else None,
            saran=saran.get(kp.kriteria.pk)) for kp in sp.kriteria]))
    # The documents an answer may cite, read once and drawn in each criterion's small form.
    dokumen = pilihan_dokumen(pd, ev.tahun) if (tulis_usulan or tulis_evaluasi) else None
    tautan = {k.kriteria.kode: _url_lembar(pd, ev.tahun, kom.komponen.kode, k.kriteria.pk)
              for kom in pohon.komponen for sp in kom.subkomponen for k in sp.kriteria}
    pelanggaran = pohon.pelanggaran_usulan + (pohon.pelanggaran_evaluasi if lihat_evaluasi
                                              else [])
    return {
        "pd": pd, "tahun": ev.tahun, "ev": ev, "pohon": pohon, "aktif": aktif,
        "subkomponen": subkomponen, "lihat_evaluasi": lihat_evaluasi,
        "tulis_usulan": tulis_usulan, "tulis_evaluasi": tulis_evaluasi,
        "bisa_ajukan": tulis_usulan, "bisa_tutup": a.can_tutup_lke(ev) and not ev.ditutup,
        "pilihan_dokumen": dokumen,
        "pelanggaran": [(p, tautan.get(p.kriteria_kode)) for p in pelanggaran],
    }


@require_GET
@login_required
def lembar(request, slug, tahun):
    pd = get_pd_or_403(request, slug)
    ev = evaluasi_get(pd, tahun)
    if ev is None:
        a = akses(request)
        return render(request, "lke/belum.html", {
            "pd": pd, "tahun": tahun, "bisa_mulai": a.can_evaluasi_lke(pd)}, status=200)
    konteks = _konteks_lembar(request, pd, ev, request.GET.get("komponen", ""), {})
    return render(request, "lke/lembar.html", konteks)


# --- starting, answering, evidence ---------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@login_required
def mulai(request, slug, tahun):
    pd = get_pd_or_403(request, slug)
    cek(akses(request).can_evaluasi_lke(pd), "Evaluasi AKIP dimulai oleh Inspektorat.")
    ada = evaluasi_get(pd, tahun)
    if ada is not None:
        messages.info(request, f"Evaluasi AKIP {tahun} sudah dimulai.")
        return redirect("lke:lembar", slug=pd.slug, tahun=tahun)
    if request.method == "GET":
        form = MulaiForm(pd=pd, initial={"template": template_berlaku(pd.pemda, tahun)})
    else:
        form = MulaiForm(request.POST, pd=pd)
        if form.is_valid():
            try:
                services.evaluasi_create(pd, tahun, request.user,
                                         template=form.cleaned_data["template"],
                                         ketua_tim=form.cleaned_data["ketua_tim"])
            except SudahAda as e:
                messages.info(request, _pesan(e))
                return redirect("lke:lembar", slug=pd.slug, tahun=tahun)
            except ValidationError as e:
                form.add_error(None, e.messages)
            else:
                messages.success(request, f"Evaluasi AKIP {tahun} dimulai; perangkat daerah "
                                          "dapat mengisi penilaian mandiri.")
                return redirect("lke:lembar", slug=pd.slug, tahun=tahun)
    return render(request, "lke/mulai.html", {"pd": pd, "tahun": tahun, "form": form},
                  status=200 if request.method == "GET" else 400)


def _boleh_tulis(a, ev: Evaluasi, pihak: str) -> bool:
    if pihak == "evaluasi":
        return a.can_evaluasi_lke(ev.perangkat_daerah)
    if pihak == "usulan":
        return a.can_isi_usulan_lke(ev)
    return a.can_evaluasi_lke(ev.perangkat_daerah) or a.can_isi_usulan_lke(ev)


@require_POST
@login_required
def jawab(request, slug, tahun, kriteria):
    pd = get_pd_or_403(request, slug)
    ev = _evaluasi(pd, tahun)
    kr = _kriteria(ev, kriteria)
    pihak = request.POST.get("pihak", "")
    cek(_boleh_tulis(akses(request), ev, pihak),
        "Anda tidak berwenang mengisi jawaban ini." if pihak in PIHAK
        else "Anda tidak berwenang mengisi LKE ini.")
    form = JawabanForm(request.POST, kriteria=kr, auto_id=f"id_%s_{kr.pk}_{pihak}")
    if form.is_valid():
        cd = form.cleaned_data
        try:
            services.jawaban_set(ev, kr, request.user, pihak=cd["pihak"],
                                 jawaban=cd["jawaban"], catatan=cd["catatan"],
                                 base_version=cd["row_version"] if cd["row_version"] is not None
                                 else 0)
        except ValidationError as e:
            form.add_error(None, e.messages)
        else:
            messages.success(request, f"Jawaban {kr.kode} disimpan.")
            return redirect(_url_lembar(pd, tahun, kr.subkomponen.komponen.kode, kr.pk))
    messages.error(request, f"Jawaban {kr.kode} tidak disimpan; lihat pesan pada kriteria.")
    konteks = _konteks_lembar(request, pd, ev, kr.subkomponen.komponen.kode,
                              {(kr.pk, pihak): form})
    return render(request, "lke/lembar.html", konteks, status=400)


@require_POST
@login_required
def pakai_saran(request, slug, tahun, kriteria):
    """The evaluator takes the system's suggestion as the nilai evaluasi (explicit, audited)."""
    pd = get_pd_or_403(request, slug)
    ev = _evaluasi(pd, tahun)
    kr = _kriteria(ev, kriteria)
    cek(akses(request).can_evaluasi_lke(pd), "Saran data diterima oleh evaluator Inspektorat.")
    url = _url_lembar(pd, tahun, kr.subkomponen.komponen.kode, kr.pk)
    saran = saran_untuk(pd, tahun, [kr]).get(kr.pk)
    if saran is None or not saran.jawaban:
        return HttpResponse("Tidak ada saran jawaban untuk kriteria ini.", status=400)
    jawaban = ev.jawaban_set.filter(kriteria=kr).first()
    try:
        versi = int(request.POST.get("row_version") or 0)
    except ValueError:
        versi = 0
    try:
        services.jawaban_set(ev, kr, request.user, pihak="evaluasi", jawaban=saran.jawaban,
                             catatan=jawaban.catatan_evaluasi if jawaban else "",
                             base_version=versi, saran_diterima=True, alasan=saran.alasan)
    except ValidationError as e:
        messages.error(request, f"{kr.kode}: {_pesan(e)}")
    else:
        messages.success(request, f"Saran data dipakai untuk {kr.kode}: {saran.jawaban}.")
    return redirect(url)


@require_POST
@login_required
def bukti_tambah(request, slug, tahun, kriteria):
    pd = get_pd_or_403(request, slug)
    ev = _evaluasi(pd, tahun)
    kr = _kriteria(ev, kriteria)
    a = akses(request)
    cek(a.can_isi_usulan_lke(ev) or a.can_evaluasi_lke(pd),
        "Anda tidak berwenang melampirkan bukti pada LKE ini.")
    url = _url_lembar(pd, tahun, kr.subkomponen.komponen.kode, kr.pk)
    jawaban = ev.jawaban_set.filter(kriteria=kr).first()
    form = BuktiForm(request.POST, request.FILES, pd=pd, tahun=tahun)
    if jawaban is None:
        messages.error(request, f"{kr.kode}: simpan jawaban terlebih dahulu, lalu lampirkan "
                                "buktinya.")
        return redirect(url)
    if not form.is_valid():
        messages.error(request, f"{kr.kode}: " + " ".join(
            m for errs in form.errors.values() for m in errs))
        return redirect(url)
    try:
        services.bukti_lke_add(jawaban, request.user, **form.acuan())
    except SudahAda as e:
        messages.info(request, f"{kr.kode}: {_pesan(e)}")
    except ValidationError as e:
        messages.error(request, f"{kr.kode}: {_pesan(e)}")
    else:
        messages.success(request, f"Bukti dilampirkan pada {kr.kode}.")
    return redirect(url)


def _bukti(request, slug, tahun, pk) -> tuple:
    pd = get_pd_or_403(request, slug)
    ev = _evaluasi(pd, tahun)
    b = get_object_or_404(BuktiLke.objects.select_related("jawaban__kriteria__subkomponen__"
                                                          "komponen"),
                          pk=pk, jawaban__evaluasi=ev)
    return pd, ev, b


@require_POST
@login_required
def bukti_hapus(request, slug, tahun, pk):
    pd, ev, b = _bukti(request, slug, tahun, pk)
    a = akses(request)
    cek(a.can_isi_usulan_lke(ev) or a.can_evaluasi_lke(pd),
        "Anda tidak berwenang menghapus bukti LKE ini.")
    kr = b.jawaban.kriteria
    if request.POST.get("konfirmasi") != "1":
        return HttpResponse("Konfirmasi penghapusan tidak ada.", status=400)
    try:
        services.bukti_lke_delete(b, request.user)
    except ValidationError as e:
        messages.error(request, f"{kr.kode}: {_pesan(e)}")
    else:
        messages.success(request, f"Bukti dihapus dari {kr.kode}.")
    return redirect(_url_lembar(pd, tahun, kr.subkomponen.komponen.kode, kr.pk))


@require_GET
@login_required
def bukti_unduh(request, slug, tahun, pk):
    """Uploaded evidence is served only here, after the office access check (never
    MEDIA_URL), like realisasi evidence."""
    _pd, _ev, b = _bukti(request, slug, tahun, pk)
    if not b.berkas:
        raise Http404("Bukti ini bukan berkas unggahan.")
    return respons_berkas(b.berkas, nama=b.nama_asli,
                          hilang="Berkas bukti tidak ditemukan di penyimpanan.")


# --- hand-in and closing -----------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@login_required
def ajukan(request, slug, tahun):
    pd = get_pd_or_403(request, slug)
    ev = _evaluasi(pd, tahun)
    cek(akses(request).can_isi_usulan_lke(ev),
        "Penilaian mandiri diajukan oleh perencana/admin perangkat daerah selama masih "
        "berstatus penilaian mandiri.")
    pohon = evaluasi_tree(ev)
    form = AjukanForm(request.POST or None, initial={"row_version": ev.row_version})
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluasi_submit(ev, request.user,
                                     base_version=form.cleaned_data["row_version"])
        except SudahAda as e:
            messages.info(request, _pesan(e))
            return redirect("lke:lembar", slug=pd.slug, tahun=tahun)
        except ValidationError as e:
            form.add_error(None, e.messages)
        else:
            messages.success(request, "Penilaian mandiri diajukan kepada Inspektorat.")
            return redirect("lke:lembar", slug=pd.slug, tahun=tahun)
    return render(request, "lke/ajukan.html", {
        "pd": pd, "tahun": tahun, "ev": ev, "pohon": pohon, "form": form,
        "belum": pohon.belum_dijawab("usulan"),
    }, status=200 if request.method == "GET" else 400)


def _rekomendasi(formset) -> list[dict]:
    return [{"temuan": f.cleaned_data.get("temuan", ""), "uraian": f.cleaned_data["uraian"],
             "batas_waktu": f.cleaned_data.get("batas_waktu")}
            for f in formset.forms if f.cleaned_data.get("uraian")]


def _tutup(request, ev: Evaluasi, form, formset):
    """Close through the service and freeze the LHE PDF; the HasilEvaluasi or None."""
    cd = form.cleaned_data
    try:
        hasil = services.evaluasi_close(ev, request.user, nomor=cd["nomor"],
                                        tanggal=cd["tanggal"], simpulan=cd["simpulan"],
                                        rekomendasi=_rekomendasi(formset),
                                        base_version=cd["row_version"])
    except ValidationError as e:
        form.add_error(None, e.messages)
        return None
    try:
        lhe_bekukan(hasil, request.user)
    except Exception:  # the result is closed; the PDF is laid out again on download
        log.exception("PDF LHE %s gagal dibekukan", hasil.pk)
    return hasil


@require_http_methods(["GET", "POST"])
@login_required
def tutup(request, slug, tahun):
    pd = get_pd_or_403(request, slug)
    ev = _evaluasi(pd, tahun)
    cek(akses(request).can_tutup_lke(ev), "Evaluasi ditutup oleh ketua tim evaluasi.")
    if ev.ditutup:
        messages.info(request, f"Evaluasi AKIP {tahun} sudah ditutup.")
        return redirect("lke:lhe", slug=pd.slug, tahun=tahun)
    if request.method == "GET":
        form = TutupForm(initial={"row_version": ev.row_version})
        formset = RekomendasiFormSet(prefix="rekomendasi")
    else:
        form = TutupForm(request.POST)
        formset = RekomendasiFormSet(request.POST, prefix="rekomendasi")
        if form.is_valid() and formset.is_valid() and _tutup(request, ev, form, formset):
            messages.success(request, f"Evaluasi AKIP {tahun} ditutup; LHE final tersimpan.")
            return redirect("lke:lhe", slug=pd.slug, tahun=tahun)
    pohon = evaluasi_tree(ev)
    return render(request, "lke/tutup.html", {
        "pd": pd, "tahun": tahun, "ev": ev, "pohon": pohon, "form": form,
        "formset": formset, "belum": pohon.belum_dijawab("evaluasi"),
        "pelanggaran": pohon.pelanggaran_evaluasi,
    }, status=200 if request.method == "GET" else 400)


# --- the LHE -----------------------------------------------------------------------------------

def _hasil(request, slug, tahun):
    """The LHE of a closed evaluation: the Inspektorat and every role of the office."""
    pd = get_pd_or_403(request, slug)
    hasil = hasil_lhe(pd, tahun)
    if hasil is None or hasil.evaluasi is None:
        raise Http404("LHE tahun ini belum ada; evaluasi belum ditutup.")
    hasil.evaluasi.perangkat_daerah = pd
    cek(akses(request).can_baca_evaluasi_lke(hasil.evaluasi))
    return pd, hasil


@require_GET
@login_required
def lhe(request, slug, tahun):
    pd, hasil = _hasil(request, slug, tahun)
    return render(request, "lke/lhe.html", {
        "pd": pd, "tahun": tahun, "hasil": hasil, "dok": dokumen_hasil(hasil),
        "bisa_tindak_lanjut": akses(request).can_baca_tindak_lanjut(pd)})


@require_GET
@login_required
def lhe_unduh(request, slug, tahun):
    _pd, hasil = _hasil(request, slug, tahun)
    resp = HttpResponse(lhe_pdf(hasil), content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="{nama_berkas(hasil)}"'
    return resp
