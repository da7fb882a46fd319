"""Budget pages: pagu per tahap and realisasi per node, serapan roll-up, SIPD import.

Reads through ``anggaran.selectors`` (``ringkasan_anggaran`` owns the roll-up and the integrity
warnings); writes through ``anggaran.services.anggaran_save``. Access: the office-wide roles
read, perencana and admin write (``sakip.access``); the node in the URL must belong to the
office in the URL.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anggaran import impor_sipd
from anggaran.forms import ImporSipdForm, PaguForm, RealisasiAnggaranForm
from anggaran.selectors import (
    node_pd,
    renstra_node,
    rincian_node,
    ringkasan_anggaran,
    tahun_anggaran_terakhir,
    tahun_bawaan,
)
from anggaran.services import EntriPagu, anggaran_save
from anggaran.tugas import JENIS, impor_sipd_latar, pilihan_dari_meta
from renstra.selectors import renstra_aktif, tahun_renstra
from sakip import tugas_impor, unggahan
from sakip.access import akses, cek, get_pd_or_403

KUNCI_IMPOR = "anggaran_impor_sipd"


def _pd_baca(request, slug):
    pd = get_pd_or_403(request, slug)
    cek(akses(request).can_view_anggaran(pd),
        "Anggaran perangkat daerah hanya dapat dilihat perencana, kepala, Inspektorat dan "
        "administrator.")
    return pd


def _pd_tulis(request, slug):
    pd = get_pd_or_403(request, slug)
    cek(akses(request).can_edit_anggaran(pd),
        "Hanya perencana dan administrator yang mengubah pagu dan realisasi anggaran.")
    return pd


def _int_get(request, nama: str) -> int | None:
    try:
        return int(request.GET.get(nama) or request.POST.get(nama) or "")
    except ValueError:
        return None


def _tahun(request, renstra) -> int:
    t = _int_get(request, "tahun")
    if renstra is None:
        return t or timezone.localdate().year
    if t in renstra.tahun_list:
        return t
    terakhir = tahun_anggaran_terakhir(renstra)
    if terakhir in renstra.tahun_list:
        return terakhir
    now = timezone.localdate().year
    return now if now in renstra.tahun_list else renstra.tahun_awal


@require_GET
@login_required
def ringkasan(request, slug):
    pd = _pd_baca(request, slug)
    # Every Renstra's years (a newer one never hides the older years); the year's own Renstra
    # by the one rule (renstra_berlaku_map).
    tahun_list = tahun_renstra([pd.pk])
    tahun = _int_get(request, "tahun")
    if tahun not in tahun_list:
        tahun = tahun_bawaan(pd, tahun_list, timezone.localdate().year)
    renstra = renstra_aktif(pd, tahun) if tahun_list else None
    tahun = tahun or timezone.localdate().year
    ctx = {"pd": pd, "renstra": renstra, "tahun": tahun,
           "boleh_ubah": akses(request).can_edit_anggaran(pd)}
    if renstra is not None:
        ctx.update(anggaran=ringkasan_anggaran(renstra, tahun), tahun_list=tahun_list)
    return render(request, "anggaran/ringkasan.html", ctx)


def _render_node(request, pd, level, node, tahun, *, pagu_form=None, real_form=None,
                 status=200):
    rincian = rincian_node(node, tahun)
    renstra = renstra_node(node)
    ring = ringkasan_anggaran(renstra, tahun)
    return render(request, "anggaran/node.html", {
        "pd": pd, "level": level, "node": node, "tahun": tahun, "rincian": rincian,
        "ringkas": ring.node(level, node.pk), "tahun_list": renstra.tahun_list,
        "peringatan": [w for w in ring.peringatan if w.kode == node.kode],
        "pagu_form": pagu_form or PaguForm(), "real_form": real_form or RealisasiAnggaranForm(),
        "boleh_ubah": akses(request).can_edit_anggaran(pd),
    }, status=status)


@require_GET
@login_required
def node(request, slug, level, pk):
    pd = _pd_baca(request, slug)
    obj = node_pd(pd, level, pk)
    tahun = _tahun(request, renstra_node(obj))
    return _render_node(request, pd, level, obj, tahun)


def _simpan_node(request, slug, level, pk, form_class, form_kw: str, pesan: str):
    """Bind the node's form, write its one line through ``anggaran_save``, redirect or show the
    refusal on the form."""
    pd = _pd_tulis(request, slug)
    obj = node_pd(pd, level, pk)
    tahun = _tahun(request, renstra_node(obj))
    form = form_class(request.POST)
    if form.is_valid():
        entri = form.entri(obj)
        batch = {"pagu": [entri]} if isinstance(entri, EntriPagu) else {"realisasi": [entri]}
        hasil = anggaran_save(tahun=tahun, user=request.user,
                              alasan=form.cleaned_data["alasan"], pd=pd, **batch)
        if hasil.ok:
            messages.success(request, pesan if hasil.perubahan else "Tidak ada perubahan.")
            url = reverse("anggaran:node", args=[pd.slug, level, obj.pk])
            return redirect(f"{url}?tahun={tahun}")
        for g in hasil.galat:
            form.add_error("nilai", g.pesan)
    return _render_node(request, pd, level, obj, tahun, **{form_kw: form}, status=400)


@require_POST
@login_required
def pagu_simpan(request, slug, level, pk):
    return _simpan_node(request, slug, level, pk, PaguForm, "pagu_form", "Pagu disimpan.")


@require_POST
@login_required
def realisasi_simpan(request, slug, level, pk):
    return _simpan_node(request, slug, level, pk, RealisasiAnggaranForm, "real_form",
                        "Realisasi anggaran disimpan.")


def _meta(pd, nama: str, pilihan: dict) -> dict:
    """The import's choices kept beside the pending upload (JSON)."""
    tanggal = pilihan["tanggal_dokumen"]
    return {"pd": pd.pk, "nama": nama, "tahun": pilihan["tahun"], "tahap": pilihan["tahap_pagu"],
            "urutan": pilihan["urutan_tahap"],
            "tanggal": tanggal.isoformat() if tanggal else None}




@require_http_methods(["GET", "POST"])
@login_required
def impor(request, slug):
    pd = _pd_tulis(request, slug)
    if request.method == "GET":
        form = ImporSipdForm(initial={"tahun": _tahun(request, renstra_aktif(pd))})
        return render(request, "anggaran/impor.html", {"pd": pd, "form": form})
    form = ImporSipdForm(request.POST, request.FILES, pd=pd)
    if not form.is_valid():
        return render(request, "anggaran/impor.html", {"pd": pd, "form": form}, status=400)
    berkas, pilihan = form.cleaned_data["berkas"], form.pilihan()
    isi = berkas.read()
    if tugas_impor.perlu_latar(tugas_impor.perkiraan_baris(isi, berkas.name)):
        unggahan.simpan_sementara(request, KUNCI_IMPOR, isi,
                                  {**_meta(pd, berkas.name, pilihan), "latar": True})
        return _ke_latar(request, pd, dry_run=True)
    hasil = impor_sipd.impor(isi, berkas.name, renstra=form.cleaned_data["renstra"],
                             user=request.user, **pilihan)
    token = None
    if hasil.ok:
        token = unggahan.simpan_sementara(request, KUNCI_IMPOR, isi,
                                          _meta(pd, berkas.name, pilihan))
    return render(request, "anggaran/impor_pratinjau.html",
                  _pratinjau(pd, hasil, token, pilihan["tahun"]), status=200 if hasil.ok else 400)


PRATINJAU_MAKS = 300


def _pratinjau(pd, hasil, token, tahun) -> dict:
    perubahan = hasil.hasil.perubahan if hasil.hasil else []
    return {"pd": pd, "hasil": hasil, "galat": hasil.semua_galat(), "token": token,
            "tahun": tahun, "perubahan": perubahan[:PRATINJAU_MAKS],
            "perubahan_sisa": max(0, len(perubahan) - PRATINJAU_MAKS)}


@require_POST
@login_required
def impor_konfirmasi(request, slug):
    pd = _pd_tulis(request, slug)
    got = unggahan.ambil_sementara(request, KUNCI_IMPOR, request.POST.get("token", ""))
    if got is None or got[1].get("pd") != pd.pk:
        messages.error(request, "Berkas pratinjau tidak ditemukan atau kedaluwarsa; unggah "
                                "ulang berkasnya.")
        return redirect("anggaran:impor", slug=pd.slug)
    isi, meta = got
    if meta.get("latar"):
        return _konfirmasi_latar(request, pd, meta)
    pilihan = pilihan_dari_meta(meta)
    hasil = impor_sipd.impor(isi, meta["nama"], renstra=renstra_aktif(pd, meta["tahun"]),
                             user=request.user, simpan=True, **pilihan)
    if not hasil.ok:
        return render(request, "anggaran/impor_pratinjau.html",
                      _pratinjau(pd, hasil, None, meta["tahun"]), status=400)
    unggahan.hapus_sementara(request, KUNCI_IMPOR)
    h = hasil.hasil
    messages.success(request, f"Impor SIPD disimpan: {h.dibuat} baris baru, {h.diubah} diubah, "
                              f"{h.tetap} tetap.")
    return redirect(f"{reverse('anggaran:ringkasan', args=[pd.slug])}?tahun={meta['tahun']}")


# --- large files: the task worker checks and writes -------------------------------------------

def _ke_latar(request, pd, *, dry_run: bool):
    """Queue the check (``dry_run``) or the writing of the kept upload; the status page
    follows the job."""
    meta = request.session[KUNCI_IMPOR]
    job = tugas_impor.pekerjaan_create(jenis=JENIS, pd=pd.pk, user=request.user.pk,
                                       data={**meta, "dry_run": dry_run})
    meta["pekerjaan"] = job.id
    request.session[KUNCI_IMPOR] = meta
    impor_sipd_latar.enqueue(job.id)
    return redirect("anggaran:impor-status", slug=pd.slug, pid=job.id)


def _konfirmasi_latar(request, pd, meta):
    job = tugas_impor.pekerjaan_milik(meta.get("pekerjaan", ""), jenis=JENIS, pd=pd,
                                      user=request.user)
    if job is None or job.berjalan or not job.data["dry_run"] or not (job.hasil or {}).get(
            "ok"):
        # Only a check that finished clean is confirmed (a double click lands on the status).
        if job is None:
            return redirect("anggaran:impor", slug=pd.slug)
        return redirect("anggaran:impor-status", slug=pd.slug, pid=job.id)
    return _ke_latar(request, pd, dry_run=False)


@require_GET
@login_required
def impor_status(request, slug, pid):
    """Where a background check or writing of a large SIPD file stands."""
    pd = _pd_tulis(request, slug)
    job = tugas_impor.pekerjaan_milik(pid, jenis=JENIS, pd=pd, user=request.user)
    if job is None:
        messages.error(request, "Impor tidak ditemukan atau kedaluwarsa; unggah ulang "
                                "berkasnya.")
        return redirect("anggaran:impor", slug=pd.slug)
    h = job.hasil or {}
    if job.berhasil and h.get("disimpan"):
        unggahan.hapus_sementara(request, KUNCI_IMPOR)
        messages.success(request, f"Impor SIPD disimpan: {h['dibuat']} baris baru, "
                                  f"{h['diubah']} diubah, {h['tetap']} tetap.")
        return redirect(f"{reverse('anggaran:ringkasan', args=[pd.slug])}"
                        f"?tahun={job.data['tahun']}")
    sesi = request.session.get(KUNCI_IMPOR) or {}
    token = sesi.get("token") if sesi.get("pekerjaan") == job.id else None
    return render(request, "anggaran/impor_status.html", {
        "pd": pd, "job": job, "hasil": h, "token": token, "detik": job.detik_berjalan(),
    }, status=400 if job.berhasil and not h.get("ok") else 200)
