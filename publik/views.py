"""Public SAKIP pages of a pemda (no login) and the office's own publication page.

Everything shown comes from ``publik.selectors`` (the one rule of what is published). The
public pages never read the session (no user menu, no messages), so one rendered page serves
every reader and may be cached by the browser and proxies for a few minutes; the publication
page of an office is an ordinary logged-in page (``sakip.access.can_manage_publikasi``).
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_POST

from publik import selectors, services
from publik.models import PublikasiDicabut
from sakip.access import akses, cek, get_pd_or_403
from sakip.lib.angka import format_persen
from sakip.versi import SudahAda

logger = logging.getLogger(__name__)

# Published documents change only at a penetapan or a withdrawal: a few minutes of caching
# keeps a busy public page cheap, and a withdrawal disappears from caches within minutes.
MAX_AGE = 300


def _publik(request, resp):
    # The page is the same for everyone; still, a logged-in reader's response may carry their
    # session cookie (the login middlewares touch the session), which a shared cache must not
    # keep: private for them, public for the anonymous public.
    if request.user.is_authenticated:
        patch_cache_control(resp, private=True, max_age=MAX_AGE)
    else:
        patch_cache_control(resp, public=True, max_age=MAX_AGE)
    return resp


def _pemda(kunci: str):
    pemda = selectors.pemda_dari_kunci(kunci)
    if pemda is None:
        raise Http404("Pemerintah daerah tidak ditemukan.")
    return pemda


@require_GET
def indeks(request):
    return _publik(request, render(request, "publik/indeks.html",
                                   {"pemda_list": selectors.pemda_list()}))


@require_GET
def pemda(request, pemda: str):
    p = _pemda(pemda)
    kantor = selectors.perangkat_daerah_list(p)
    terbaru: dict[int, dict[str, selectors.Dokumen]] = {pd.pk: {} for pd in kantor}
    for d in selectors.dokumen_terbit(pemda=p):
        # Newest first per office: the first of each kind is its latest publication.
        terbaru[d.perangkat_daerah_id].setdefault(d.jenis, d)
    baris = [{"pd": pd, **terbaru[pd.pk]} for pd in kantor]
    jumlah = sum(1 for b in baris if len(b) > 1)
    return _publik(request, render(request, "publik/pemda.html", {
        "pemda": p, "baris": baris, "jumlah_terbit": jumlah}))


def _grafik_tren(capaian: dict[int, selectors.CapaianTahun]) -> dict:
    """Trend of each IKU's capaian over the published years, for static/js/publik.js."""
    tahun = sorted(capaian)
    seri: dict[str, dict] = {}
    for t in tahun:
        for c in capaian[t].indikator:
            s = seri.setdefault(c.uraian, {"label": c.uraian, "nilai": {}, "teks": {}})
            s["nilai"][t] = None if c.capaian is None else str(c.capaian)
            s["teks"][t] = format_persen(c.capaian) if c.capaian is not None else "—"
    return {
        "tahun": tahun,
        "sementara": [t for t in tahun if capaian[t].sementara],
        "seri": [{"label": s["label"], "nilai": [s["nilai"].get(t) for t in tahun],
                  "teks": [s["teks"].get(t, "—") for t in tahun]} for s in seri.values()],
    }


@require_GET
def kantor(request, pemda: str, slug: str, tahun: int | None = None):
    p = _pemda(pemda)
    pd = selectors.perangkat_daerah_publik(p, slug)
    if pd is None:
        raise Http404("Perangkat daerah tidak ditemukan.")
    # Every published PK and LKjIP of the office, read once: the year tabs, the trend and the
    # year's documents all come from these two lists (a fixed number of queries).
    pk_semua = selectors.pk_terbit(pd=pd)
    lkjip_semua = selectors.lkjip_terbit(pd=pd, dengan_isi=True)
    daftar_tahun = sorted({x.tahun for x in [*pk_semua, *lkjip_semua]}, reverse=True)
    if tahun is None:
        tahun = daftar_tahun[0] if daftar_tahun else None
    elif tahun not in daftar_tahun:
        raise Http404("Belum ada dokumen yang dipublikasikan untuk tahun ini.")
    capaian = selectors.capaian_per_tahun(pd, pk_list=pk_semua, lkjip_list=lkjip_semua)
    renstra = selectors.renstra_terbit_tahun(pd, tahun)
    lkjip = next((lap for lap in lkjip_semua if lap.tahun == tahun), None)
    return _publik(request, render(request, "publik/kantor.html", {
        "pemda": p, "pd": pd, "tahun": tahun, "daftar_tahun": daftar_tahun,
        "renstra": renstra,
        "iku": selectors.iku_renstra(renstra) if renstra else [],
        "tujuan": selectors.tujuan_sasaran(renstra) if renstra else [],
        "pk_list": selectors.pk_lampiran(pk for pk in pk_semua if pk.tahun == tahun),
        "lkjip": lkjip, "capaian": capaian.get(tahun),
        "serapan": selectors.ringkasan_lkjip(lkjip)[1] if lkjip else None,
        "grafik_tren": _grafik_tren(capaian),
    }))


@require_GET
def lkjip_pdf(request, pemda: str, slug: str, tahun: int):
    p = _pemda(pemda)
    pd = selectors.perangkat_daerah_publik(p, slug)
    berkas = selectors.berkas_lkjip_terbit(pd, tahun) if pd is not None else None
    if berkas is None:
        raise Http404("PDF LKjIP ini tidak dipublikasikan.")
    try:
        isi = berkas.file.open("rb")
    except FileNotFoundError:
        # The signed file is the document of record: its absence is an operations fault (a
        # restore without media), logged for the IT staff; the reader gets a plain 404.
        logger.error("Berkas LKjIP final hilang dari penyimpanan: %s", berkas.file.name)
        raise Http404("Berkas PDF LKjIP ini tidak tersedia.") from None
    resp = FileResponse(isi, as_attachment=False,
                        filename=f"LKjIP-{pd.slug}-{tahun}.pdf",
                        content_type="application/pdf")
    return _publik(request, resp)


# --- the office's own publication page ---------------------------------------------------------
@login_required
@require_GET
def kelola(request, slug: str):
    pd = get_pd_or_403(request, slug)
    cek(akses(request).can_manage_publikasi(pd),
        "Hanya Kepala perangkat daerah atau administrator yang dapat mencabut publikasi.")
    dokumen = selectors.dokumen_terbit(pd=pd, termasuk_dicabut=True)
    dicabut = {(c.jenis, c.renstra_id or c.perjanjian_id or c.laporan_id): c
               for c in PublikasiDicabut.objects.filter(perangkat_daerah=pd)
               .select_related("oleh")}
    for d in dokumen:
        d.pencabutan = dicabut.get((d.jenis, d.id))
    return render(request, "publik/kelola.html", {
        "pd": pd, "dokumen": dokumen, "pemda_slug": selectors.slug_pemda(pd.pemda)})


def _aksi(request, slug: str, fn, sukses: str):
    pd = get_pd_or_403(request, slug)
    cek(akses(request).can_manage_publikasi(pd),
        "Hanya Kepala perangkat daerah atau administrator yang dapat mencabut publikasi.")
    try:
        objek_id = int(request.POST.get("objek_id", ""))
    except ValueError:
        messages.error(request, "Dokumen tidak dikenal.")
        return redirect("publik:kelola", slug=pd.slug)
    try:
        fn(perangkat_daerah=pd, jenis=request.POST.get("jenis", ""), objek_id=objek_id,
           user=request.user, alasan=request.POST.get("alasan", ""))
    except SudahAda as e:
        messages.info(request, " ".join(e.messages))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, sukses)
    return redirect("publik:kelola", slug=pd.slug)


@login_required
@require_POST
def cabut(request, slug: str):
    return _aksi(request, slug, services.publikasi_withdraw,
                 "Publikasi dicabut: dokumen tidak lagi tampil di halaman publik.")


@login_required
@require_POST
def terbitkan(request, slug: str):
    return _aksi(request, slug, services.publikasi_reopen,
                 "Dokumen dipublikasikan kembali di halaman publik.")
