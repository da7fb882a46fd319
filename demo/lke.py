"""Demo additions for the Evaluasi AKIP: a worksheet for the Inspektorat to evaluate.

* the LKE template of PermenPAN-RB 88/2021 (fixtures/lke/lke_88_2021.xlsx), loaded through
  ``lke.services.template_load`` exactly as ``load_lke_template`` does (idempotent);
* the 2024 evaluation of the demo office with its self-assessment answered for every criterion
  by the perencana through ``jawaban_set`` and handed in (status EVALUASI), so the Inspektorat
  account finds a worksheet waiting for its nilai evaluasi. The office rates "evaluasi internal
  berjenjang" T and still rates the use of the evaluation C/B: the kerangka logis shows that
  next to the answers, as offices' self-assessments often do.
"""

from __future__ import annotations

from django.conf import settings

from lke import services
from lke.models import Evaluasi, HasilEvaluasi, Kriteria, TipeJawaban

TAHUN = 2024
VERSI = "88/2021"
BERKAS = settings.BASE_DIR / "fixtures" / "lke" / "lke_88_2021.xlsx"

# The office's answers where they are not "Y" (Y/T) or "B" (A–E).
JAWABAN = {
    "A.1.5": "T",
    "A.2.1": "A", "A.2.3": "C", "A.2.6": "C", "A.2.7": "D",
    "A.3.1": "A", "A.3.4": "C", "A.3.5": "D",
    "B.2.3": "A", "B.2.4": "A", "B.3.1": "C", "B.3.3": "C",
    "C.1.3": "T", "C.2.2": "A", "C.2.4": "C", "C.3.3": "C",
    "D.1.3": "T", "D.2.1": "C", "D.2.3": "A", "D.3.1": "B", "D.3.2": "C", "D.3.3": "C",
}
CATATAN = {
    "A.1.1": "Renstra 2022–2026 ditetapkan dengan Peraturan Kepala Dinas (ada di aplikasi).",
    "A.1.4": "PK 2024 versi 2 ditetapkan Kepala Dinas.",
    "B.2.3": "Realisasi IKU diinput setiap triwulan di aplikasi e-SAKIP.",
    "D.1.3": "Evaluasi internal baru di tingkat dinas, belum per bidang.",
}


def _jawaban(k: Kriteria) -> str:
    if k.kode in JAWABAN:
        return JAWABAN[k.kode]
    return "Y" if k.tipe == TipeJawaban.YT else "B"


def extend(*, pd, users, stdout=None) -> None:
    template, _ = services.template_load(BERKAS, VERSI)
    if Evaluasi.objects.filter(perangkat_daerah=pd, tahun=TAHUN).exists():
        return
    perencana = users["perencana"]
    ev = services.evaluasi_create(pd, TAHUN, perencana, template=template,
                                  ketua_tim=users.get("inspektorat"))
    kriteria = (Kriteria.objects.filter(subkomponen__komponen__template=template)
                .select_related("subkomponen__komponen")
                .order_by("subkomponen__komponen__urutan", "subkomponen__urutan", "urutan"))
    for k in kriteria:
        services.jawaban_set(ev, k, perencana, pihak="usulan", jawaban=_jawaban(k),
                             catatan=CATATAN.get(k.kode, ""), alasan="Demo: penilaian mandiri")
    services.evaluasi_submit(ev, perencana)
    if stdout:
        stdout.write(f"Demo LKE: template {VERSI} dan penilaian mandiri {TAHUN} diajukan.\n")


def hapus(pd) -> None:
    """Before a throwaway office's reload: its LHE (with recommendations and follow-up), then
    its evaluations (answers and evidence cascade)."""
    HasilEvaluasi.objects.filter(perangkat_daerah=pd).delete()
    Evaluasi.objects.filter(perangkat_daerah=pd).delete()
