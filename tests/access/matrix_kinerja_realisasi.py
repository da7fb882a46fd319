"""Access matrix of the realisasi pages: object-level, on the bidang of the indicator.

The indicator used is the demo's kegiatan indicator of Bidang Pelayanan dan Rehabilitasi Sosial
(staf.rehsos = staf_own); staf.linjamsos (staf_other) reports another bidang and must get 403 on
its direct URLs, evidence included.
"""

from tests.access.spec import DENY, HIDDEN, LOGIN, NA, OK, Spec, semua


def _ind(w):
    from demo.kinerja import IND_PERMAKANAN
    from renstra.models import Indikator

    return Indikator.objects.get(renstra__perangkat_daerah=w.pd, uraian=IND_PERMAKANAN)


def _bukti(w):
    from kinerja.models import BuktiDukung

    return BuktiDukung.objects.get(realisasi__indikator=_ind(w))


def _realisasi(w):
    from kinerja.models import Realisasi

    return Realisasi.objects.get(indikator=_ind(w), tahun=2025, triwulan=1)


def _pd(w):
    return {"slug": w.pd.slug}


def _isi(w):
    return {"slug": w.pd.slug, "indikator": _ind(w).pk, "tahun": 2025, "tw": 2}


# Who may read the realisasi pages of the office: its staff (own bidang) and office-wide roles.
BACA = semua(OK, anon=LOGIN, perencana_lain=HIDDEN)
# Who enters values: staff (their bidang), perencana and admin. Kepala/Inspektorat read only.
PENGISI = semua(OK, anon=LOGIN, kepala=DENY, inspektorat=DENY, perencana_lain=HIDDEN)
# Values and evidence of the PRS indicator: not staf.linjamsos.
BACA_PRS = semua(OK, anon=LOGIN, staf_other=DENY, perencana_lain=HIDDEN)
ISI_PRS = semua(OK, anon=LOGIN, staf_other=DENY, kepala=DENY, inspektorat=DENY,
                perencana_lain=HIDDEN)
PERENCANA = semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, perencana=OK, admin=OK)

MATRIX = {
    "kinerja:staf": Spec(kwargs=_pd, get=BACA, post=semua(NA)),
    "kinerja:staf-ajukan": Spec(kwargs=_pd, get=semua(NA), post=PENGISI,
                                note="empty POST is refused with 400 (no tahun/tw/semua)"),
    "kinerja:staf-xlsx-unduh": Spec(kwargs=_pd, get=BACA, post=semua(NA)),
    "kinerja:staf-xlsx-unggah": Spec(kwargs=_pd, get=PENGISI, post=PENGISI),
    "kinerja:staf-xlsx-konfirmasi": Spec(kwargs=_pd, get=semua(NA), post=PENGISI),
    "kinerja:realisasi-edit": Spec(kwargs=_isi, get=BACA_PRS, post=ISI_PRS),
    "kinerja:realisasi-ajukan": Spec(kwargs=_isi, get=semua(NA), post=ISI_PRS),
    "kinerja:bukti-unduh": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "pk": _bukti(w).pk}, get=BACA_PRS, post=semua(NA),
    ),
    "kinerja:bukti-hapus": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "pk": _bukti(w).pk}, get=semua(NA), post=ISI_PRS,
        note="without konfirmasi=1 the POST is refused with 400 and nothing is deleted",
    ),
    "kinerja:verifikasi": Spec(kwargs=_pd, get=PERENCANA, post=PERENCANA),
    "kinerja:verifikasi-aksi": Spec(
        kwargs=lambda w: {"slug": w.pd.slug, "pk": _realisasi(w).pk}, get=semua(NA),
        post=PERENCANA,
    ),
    "kinerja:periode": Spec(
        kwargs=_pd,
        get=semua(OK, anon=LOGIN, staf_own=DENY, staf_other=DENY, perencana_lain=HIDDEN),
        post=PERENCANA,
    ),
}
