"""JSON of one evaluation (the ``lke --format json`` contract; keys stable once shipped).

Scores are JSON numbers, unrounded as in the LKjIP JSON: kept to the 8 decimal places the LHE
stores (``lke.models.SKOR``), which drops only the tail of a repeating mean (0,80555…); a whole
value stays an integer (``30``, not ``30.0``). ``laporan.render_json.json_angka`` sits in a
higher layer, hence this module's own converter with the same rule and more places. Keys beyond
the contract may be added (``perangkat_daerah``, ``pihak`` of a violation, ``uraian``).
"""

from __future__ import annotations

import json
from decimal import Decimal

from lke.selectors import PohonLke
from sakip.lib.angka import bulatkan

DESIMAL = 8


def json_nilai(v: Decimal | int | None):
    """A score as a JSON number with up to 8 decimals; integers stay integers."""
    if v is None:
        return None
    b = bulatkan(v, DESIMAL)
    return int(b) if b == b.to_integral_value() else float(b)


def _kriteria(k) -> dict:
    return {
        "kode": k.kriteria.kode, "uraian": k.kriteria.uraian, "tipe": k.kriteria.tipe,
        "jawaban_usulan": k.jawaban_teks("usulan") or None,
        "nilai_usulan": json_nilai(k.nilai_usulan),
        "jawaban_evaluasi": k.jawaban_teks("evaluasi") or None,
        "nilai_evaluasi": json_nilai(k.nilai_evaluasi),
    }


def ke_dict(pohon: PohonLke) -> dict:
    ev = pohon.evaluasi
    return {
        "pd": ev.perangkat_daerah.slug,
        "perangkat_daerah": ev.perangkat_daerah.nama,
        "tahun": ev.tahun,
        "template": pohon.template.versi,
        "revisi_template": pohon.template.revisi,
        "status": ev.status,
        "nilai_usulan": json_nilai(pohon.nilai_usulan),
        "nilai_evaluasi": json_nilai(pohon.nilai_evaluasi),
        "predikat_usulan": pohon.predikat_usulan.kode if pohon.predikat_usulan else None,
        "predikat_evaluasi": pohon.predikat_evaluasi.kode if pohon.predikat_evaluasi else None,
        "komponen": [
            {
                "kode": kp.komponen.kode, "nama": kp.komponen.nama,
                "bobot": json_nilai(kp.komponen.bobot),
                "nilai_usulan": json_nilai(kp.nilai_usulan),
                "nilai_evaluasi": json_nilai(kp.nilai_evaluasi),
                "subkomponen": [
                    {
                        "kode": sp.subkomponen.kode, "nama": sp.subkomponen.nama,
                        "bobot": json_nilai(sp.subkomponen.bobot),
                        "nilai_usulan": json_nilai(sp.nilai_usulan),
                        "nilai_evaluasi": json_nilai(sp.nilai_evaluasi),
                        "kriteria": [_kriteria(k) for k in sp.kriteria],
                    }
                    for sp in kp.subkomponen
                ],
            }
            for kp in pohon.komponen
        ],
        "kerangka_logis": [
            {"kriteria": p.kriteria_kode, "pesan": p.pesan, "pihak": p.pihak}
            for p in (*pohon.pelanggaran_usulan, *pohon.pelanggaran_evaluasi)
        ],
    }


def render_json(pohon: PohonLke) -> str:
    return json.dumps(ke_dict(pohon), ensure_ascii=False, indent=2)
