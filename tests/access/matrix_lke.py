"""Access to the Evaluasi AKIP pages (LKE worksheet, answers, evidence, hand-in, closing, LHE).

* The worksheet and the list: every role of the office (its usulan side), the Inspektorat and the
  administrator; another office's planner gets 404.
* The evaluator's side (answers, suggestions, closing): the Inspektorat of the pemda only; closing
  is the ketua tim's (the demo's ketua tim is the ``inspektorat`` account).
* The self-assessment (answers on the usulan side, hand-in): the office's perencana/admin while
  the evaluation is a penilaian mandiri (the demo 2024 evaluation is already handed in, so they
  are refused there; the hand-in row uses a fresh 2023 evaluation).
* The LHE and its PDF: every role of the office once the evaluation is closed, the Inspektorat.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from lke import services
from lke.lhe import lhe_bekukan
from lke.models import Evaluasi, Kriteria, TemplateLke, TipeJawaban
from sakip.versi import SudahAda
from tests.access.spec import DENY, HIDDEN, LOGIN, NA, OK, Spec, semua

TAHUN = 2024
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

KANTOR = semua(OK, anon=LOGIN, perencana_lain=HIDDEN)
INSPEKTORAT = semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, inspektorat=OK)
PENULIS_USULAN = semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, perencana=OK, admin=OK)
HANYA_GET = semua(NA)
HANYA_POST = semua(NA)


def _ev(w) -> Evaluasi:
    return Evaluasi.objects.get(perangkat_daerah=w.pd, tahun=TAHUN)


def _kriteria(w, kode: str = "A.1.1") -> Kriteria:
    return Kriteria.objects.get(subkomponen__komponen__template=_ev(w).template, kode=kode)


def _tahun(w) -> dict:
    return {"slug": w.pd.slug, "tahun": TAHUN}


def _per_kriteria(w) -> dict:
    return {**_tahun(w), "kriteria": _kriteria(w).pk}


def _jawab(w) -> dict:
    j = _ev(w).jawaban_set.get(kriteria=_kriteria(w))
    return {"pihak": "evaluasi", "jawaban": "Y", "catatan": "Uji matriks.",
            "row_version": j.row_version}


def _bukti(w) -> dict:
    """An uploaded file on the demo office's answer to A.1.1."""
    j = _ev(w).jawaban_set.get(kriteria=_kriteria(w))
    try:
        b = services.bukti_lke_add(j, w.users["perencana"], jenis="berkas",
                                   berkas=SimpleUploadedFile("sk-renstra.pdf", PDF))
    except SudahAda as e:  # attached already for a sibling row in the same database
        b = e.objek
    return {**_tahun(w), "pk": b.pk}


def _mandiri(w) -> dict:
    """A fresh 2023 evaluation, still a penilaian mandiri."""
    services.evaluasi_create(w.pd, 2023, w.users["inspektorat"], template=_ev(w).template)
    return {"slug": w.pd.slug, "tahun": 2023}


def _penuh(k: Kriteria) -> str:
    if k.tipe == TipeJawaban.YT:
        return "Y"
    if k.tipe == TipeJawaban.AE:
        return "A"
    return max(k.pilihan, key=lambda p: float(p["nilai"]))["jawaban"]


def _ditutup(w) -> dict:
    """A closed 2023 evaluation with its frozen LHE (every answer at the top value)."""
    insp, perencana = w.users["inspektorat"], w.users["perencana"]
    ev = services.evaluasi_create(w.pd, 2023, insp, template=_ev(w).template, ketua_tim=insp)
    kriteria = list(Kriteria.objects.filter(subkomponen__komponen__template=ev.template)
                    .select_related("subkomponen__komponen"))
    for k in kriteria:
        services.jawaban_set(ev, k, perencana, pihak="usulan", jawaban=_penuh(k))
    services.evaluasi_submit(ev, perencana)
    for k in kriteria:
        services.jawaban_set(ev, k, insp, pihak="evaluasi", jawaban=_penuh(k))
    hasil = services.evaluasi_close(ev, insp, nomor="700/01/LHE/2024",
                                    tanggal=datetime.date(2024, 3, 15),
                                    rekomendasi=[{"uraian": "Perbaiki IKU."}])
    lhe_bekukan(hasil, insp)
    return {"slug": w.pd.slug, "tahun": 2023}


def _template(w) -> dict:
    return {"template": TemplateLke.objects.get(versi="88/2021", revisi=1).pk,
            "ketua_tim": w.users["inspektorat"].pk}


MATRIX = {
    "lke:daftar": Spec(kwargs=lambda w: {"slug": w.pd.slug}, get=KANTOR, post=HANYA_GET),
    "lke:lembar": Spec(kwargs=_tahun, get=KANTOR, post=HANYA_GET),
    "lke:mulai": Spec(kwargs=lambda w: {"slug": w.pd.slug, "tahun": 2023}, get=INSPEKTORAT,
                      post=INSPEKTORAT, post_data=_template,
                      note="Inspektorat starts the 2023 evaluation (its own record)"),
    "lke:jawab": Spec(kwargs=_per_kriteria, get=HANYA_POST, post=INSPEKTORAT, post_data=_jawab,
                      note="the evaluator's answer; usulan is fixed once handed in"),
    "lke:saran": Spec(kwargs=_per_kriteria, get=HANYA_POST, post=INSPEKTORAT),
    "lke:bukti-tambah": Spec(kwargs=_per_kriteria, get=HANYA_POST, post=INSPEKTORAT,
                             note="empty form: refused with a message, nothing attached"),
    "lke:bukti-unduh": Spec(kwargs=_bukti, get=KANTOR, post=HANYA_GET),
    "lke:bukti-hapus": Spec(kwargs=_bukti, get=HANYA_POST, post=INSPEKTORAT,
                            note="without konfirmasi=1 the POST is refused with 400"),
    "lke:ajukan": Spec(kwargs=_mandiri, get=PENULIS_USULAN, post=PENULIS_USULAN,
                       note="incomplete self-assessment: refused with 400, nothing changes"),
    "lke:tutup": Spec(kwargs=_tahun, get=INSPEKTORAT, post=INSPEKTORAT,
                      note="empty form refused with 400"),
    "lke:lhe": Spec(kwargs=_ditutup, get=KANTOR, post=HANYA_GET),
    "lke:lhe-unduh": Spec(kwargs=_ditutup, get=KANTOR, post=HANYA_GET, slow=True),
}


# --- follow-up of recommendations, past LHEs from paper, the pemda overview ---------------------
# The office's perencana/kepala/admin read and answer a recommendation; the Inspektorat reads and
# decides (accepts or reopens), never answers; staf bidang have no business there (403).
BACA_TL = semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, perencana=OK, kepala=OK,
                inspektorat=OK, admin=OK)
JAWAB_TL = semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, perencana=OK, kepala=OK, admin=OK)
CATAT_LHE = semua(DENY, anon=LOGIN, perencana_lain=HIDDEN, perencana=OK, admin=OK,
                  inspektorat=OK)


def _rekomendasi(w, *, dijawab: bool = False):
    """A past 2022 LHE (entered from paper) with one recommendation; answered with an evidence
    file when ``dijawab``. Built once: the page walk of tests/browser/test_lebar_layar.py builds
    several rows' objects in one database, and a second recommendation nomor 1 is refused."""
    hasil = services.hasil_set(w.pd, 2022, w.users["perencana"], nomor="700/LHE/2022",
                               nilai="77.26", predikat="BB")
    rek, _baru = hasil.rekomendasi_set.get_or_create(
        nomor=1, defaults={"uraian": "Perbaiki manual IKU.",
                           "batas_waktu": datetime.date(2023, 6, 30)})
    tl = None
    if dijawab:
        tl = (rek.tindak_lanjut_set.filter(keputusan="").order_by("-id").first()
              or services.tindak_lanjut_submit(rek, w.users["perencana"], "Manual IKU direvisi.",
                                               SimpleUploadedFile("manual-iku.pdf", PDF)))
    return rek, tl


def _tl(w) -> dict:
    rek, _tl_ = _rekomendasi(w)
    return {"slug": w.pd.slug, "pk": rek.pk}


def _tl_dijawab(w) -> dict:
    rek, _tl_ = _rekomendasi(w, dijawab=True)
    return {"slug": w.pd.slug, "pk": rek.pk}


def _menunggu(w) -> int:
    """The latest follow-up of the 2022 recommendation (awaiting the Inspektorat's decision
    until the Inspektorat's own POST reopens it)."""
    rek = w.pd.hasil_lke_set.get(tahun=2022).rekomendasi_set.get()
    return rek.tindak_lanjut_set.order_by("-id").first().pk


def _tl_berkas(w) -> dict:
    _rek, tl = _rekomendasi(w, dijawab=True)
    return {"slug": w.pd.slug, "pk": tl.pk}


MATRIX.update({
    "lke:tindak-lanjut": Spec(kwargs=lambda w: {"slug": w.pd.slug}, get=BACA_TL, post=HANYA_GET),
    "lke:tindak-lanjut-detail": Spec(kwargs=_tl, get=BACA_TL, post=HANYA_GET),
    "lke:tindak-lanjut-jawab": Spec(
        kwargs=_tl, get=HANYA_POST, post=JAWAB_TL,
        post_data=lambda w: {"uraian": "Manual IKU direvisi dan ditetapkan."},
        note="the first answer is sent, later ones are told it is already waiting (redirect)"),
    "lke:tindak-lanjut-terima": Spec(kwargs=_tl_dijawab, get=HANYA_POST, post=INSPEKTORAT,
                                     note="empty form refused with 400"),
    "lke:tindak-lanjut-buka": Spec(
        kwargs=_tl_dijawab, get=HANYA_POST, post=INSPEKTORAT,
        post_data=lambda w: {"tindak_lanjut": _menunggu(w), "catatan": "Belum ada SK."},
        note="the Inspektorat reopens with a note (its own record)"),
    "lke:tindak-lanjut-unduh": Spec(kwargs=_tl_berkas, get=BACA_TL, post=HANYA_GET),
    "lke:hasil-catat": Spec(kwargs=lambda w: {"slug": w.pd.slug, "tahun": 2022}, get=CATAT_LHE,
                            post=CATAT_LHE, note="empty form refused with 400"),
    "lke:ikhtisar": Spec(get=semua(DENY, anon=LOGIN, inspektorat=OK), post=HANYA_GET,
                         note="the Inspektorat's pemda overview; no office in the path"),
})
