"""JSON of the LKjIP (design.md "LKjIP JSON": a contract) and the hash of the report's data.

Numbers are JSON numbers: percentages rounded half-up to 2 decimals from the unrounded values
(``bulatkan``), money in rupiah, indicator values in the indicator's decimals. Keys beyond the
contract may be added; the contract's keys keep their meaning.

The hash covers everything the report prints (data, narratives, settings, tables) and nothing
about its lifecycle, so the same data always has the same hash: a cached PDF is reused while the
hash matches, and a ditetapkan report knows when the data moved on.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from decimal import Decimal

from laporan.data import IndikatorLaporan, LKjIPData, ProgramLaporan
from sakip.lib.angka import bulatkan

KUNCI_SIKLUS = ("laporan",)


def json_angka(v: Decimal | int | None, desimal: int = 2):
    """A JSON number rounded half-up; integers stay integers (580, not 580.0)."""
    if v is None:
        return None
    b = bulatkan(v, desimal)
    assert b is not None
    return int(b) if b == b.to_integral_value() else float(b)


def json_persen(v):
    return None if v is None else float(bulatkan(v, 2))


def json_uang(v):
    return json_angka(v, 2)


def _tanggal(v: datetime.date | None) -> str | None:
    return v.isoformat() if v else None


def _indikator(il: IndikatorLaporan) -> dict:
    d = il.desimal
    return {
        "uraian": il.uraian,
        "satuan": il.satuan,
        "target": json_angka(il.target, d),
        "target_teks": il.target_teks or None,
        "realisasi": json_angka(il.realisasi, d),
        "realisasi_teks": il.realisasi_teks or None,
        "capaian": json_persen(il.capaian),
        "kategori": il.kategori.label if il.kategori else None,
        "iku": il.is_iku,
        "spm": il.is_spm,
        "polaritas": il.polaritas,
        "agregasi": il.agregasi,
        "target_triwulan": [json_angka(v, d) for v in il.target_tw],
        "realisasi_triwulan": [json_angka(v, d) for v in il.realisasi_tw],
        "sumber_target": il.sumber_target or None,
        "kondisi_awal": {"tahun": il.baseline_tahun, "nilai": json_angka(il.baseline_nilai, d)},
        "tahunan": [
            {"tahun": n.tahun, "target": json_angka(n.target, d),
             "realisasi": json_angka(n.realisasi, d), "capaian": json_persen(n.capaian),
             "kategori": n.kategori.label if n.kategori else None}
            for n in il.tahunan
        ],
        "target_akhir_renstra": {
            "tahun": il.tahun_akhir, "sifat": il.agregasi_target_akhir,
            "target": json_angka(il.target_akhir, d),
            "realisasi": json_angka(il.realisasi_terhadap_akhir, d),
            "capaian": json_persen(il.capaian_terhadap_akhir),
        },
        "standar_nasional": json_angka(il.standar_nasional, d),
        "realisasi_belum_verifikasi_triwulan": il.belum_verifikasi,
    }


def _program(p: ProgramLaporan) -> dict:
    return {
        "kode": p.kode,
        "uraian": p.nama,
        "pagu": json_uang(p.pagu),
        "pagu_murni": json_uang(p.pagu_murni),
        "realisasi": json_uang(p.realisasi),
        "serapan": json_persen(p.serapan),
        "anggaran_pk": json_uang(p.anggaran_pk),
        "kegiatan": [
            {"kode": k.kode, "uraian": k.nama, "pagu": json_uang(k.pagu),
             "pagu_murni": json_uang(k.pagu_murni), "realisasi": json_uang(k.realisasi),
             "serapan": json_persen(k.serapan)}
            for k in p.kegiatan
        ],
        "indikator": [_indikator(il) for il in p.indikator],
    }


def ke_dict(d: LKjIPData) -> dict:
    """The whole report as plain JSON-able data (every format shares these values)."""
    efisiensi = []
    for s in d.sasaran:
        e = s.efisiensi
        if e is None:
            continue
        efisiensi.append({
            "sasaran": s.uraian, "capaian": json_persen(e.capaian), "pagu": json_uang(e.pagu),
            "realisasi": json_uang(e.realisasi), "serapan": json_persen(e.serapan),
            "efisiensi": json_persen(e.nilai), "metode": e.metode, "basis": str(e.basis),
            "keterangan": e.keterangan, "rumus": e.rumus, "program": e.program_kode,
        })
    pk = None
    if d.pk is not None:
        pk = {
            "versi": d.pk.versi, "jenis": d.pk.jenis_label, "status": d.pk.status,
            "tanggal": _tanggal(d.pk.tanggal), "nomor": d.pk.nomor,
            "pihak_pertama": {"nama": d.pk.pihak_pertama_nama,
                              "jabatan": d.pk.pihak_pertama_jabatan,
                              "nip": d.pk.pihak_pertama_nip},
            "pihak_kedua": {"nama": d.pk.pihak_kedua_nama, "jabatan": d.pk.pihak_kedua_jabatan},
            "indikator": [
                {"sasaran": b.sasaran, "uraian": b.indikator.uraian,
                 "satuan": b.indikator.satuan, "target": json_angka(b.target, b.indikator.desimal),
                 "target_triwulan": [json_angka(v, b.indikator.desimal) for v in b.target_tw]}
                for b in d.pk.baris
            ],
            "anggaran": [{"kode": a.kode, "uraian": a.uraian, "anggaran": json_uang(a.anggaran)}
                         for a in d.pk.anggaran],
            "total_anggaran": json_uang(d.pk.total_anggaran),
            "riwayat": [
                {"versi": v.versi, "jenis": v.jenis, "status": v.status,
                 "tanggal": _tanggal(v.tanggal), "nomor": v.nomor, "alasan": v.alasan,
                 "alasan_uraian": v.alasan_uraian, "berlaku": v.berlaku}
                for v in d.pk.riwayat
            ],
        }
    return {
        "perangkat_daerah": d.perangkat_daerah,
        "tahun": d.tahun,
        "pemda": d.pemda,
        "laporan": {"id": d.laporan_id, "versi": d.laporan_versi,
                    "status": d.laporan_status or None},
        "renstra": {"nama": d.renstra_nama, "tahun_awal": d.renstra_awal,
                    "tahun_akhir": d.renstra_akhir, "nomor": d.renstra_nomor or None},
        "penandatangan": {"nama": d.kepala_nama, "nip": d.kepala_nip,
                          "pangkat": d.kepala_pangkat, "jabatan": d.kepala_jabatan,
                          "tempat": d.tempat, "tanggal": _tanggal(d.tanggal)},
        "pengaturan": {"metode_efisiensi": d.pengaturan.metode_efisiensi,
                       "basis_efisiensi": d.pengaturan.basis_efisiensi,
                       "skala_kategori": d.pengaturan.skala,
                       "ikhtisar_eksekutif": d.pengaturan.ikhtisar_eksekutif},
        "standar_penilaian": [{"nilai": b.teks, "kategori": b.label} for b in d.skala_band],
        "tujuan": [{"uraian": t.uraian, "sasaran": [s.uraian for s in t.sasaran]}
                   for t in d.tujuan],
        "sasaran": [
            {
                "nomor": s.nomor, "uraian": s.uraian, "tujuan": s.tujuan,
                "capaian": json_persen(s.capaian),
                "kategori": s.kategori.label if s.kategori else None,
                "indikator": [_indikator(il) for il in s.indikator],
                "program": [p.kode for p in s.program],
                "analisis": {"penyebab": s.penyebab, "penyebab_dari_catatan_realisasi":
                             s.penyebab_dari_catatan, "solusi": s.solusi,
                             "standar": s.standar, "program": s.catatan_program},
                "kalimat": s.kalimat,
            }
            for s in d.sasaran
        ],
        "efisiensi": efisiensi,
        # Analysis 5 as written (indicators below target, programs without indicators, low
        # serapan): an added key, so the content hash follows every kendala and tindak lanjut.
        "penjelasan": [
            {"judul": p.judul, "capaian": json_persen(p.capaian),
             "serapan": json_persen(p.serapan), "kendala": p.kendala,
             "tindak_lanjut": p.tindak_lanjut}
            for p in [*(p for s in d.sasaran for p in s.penjelasan), *d.penjelasan_serapan]
        ],
        "anggaran": {
            "pagu": json_uang(d.anggaran_pagu), "pagu_murni": json_uang(d.anggaran_pagu_murni),
            "realisasi": json_uang(d.anggaran_realisasi),
            "serapan": json_persen(d.anggaran_serapan),
            "program": [_program(p) for p in d.program],
        },
        "perjanjian_kinerja": pk,
        "penetapan_iku": [{"nomor": p["nomor"], "tanggal": _tanggal(p["tanggal"])}
                          for p in d.penetapan_iku],
        "narasi": d.narasi,
        "kalimat": d.kalimat,
        "tabel": [
            {"nomor": f"{t.bab}.{t.nomor}", "kode": t.kode, "judul": t.judul,
             "kepala": [[k.teks for k in row] for row in t.kepala],
             "baris": [[c.teks for c in b.sel] for b in t.baris],
             "sumber": t.sumber, "catatan": t.catatan}
            for t in sorted(d.tabel.values(), key=lambda t: (t.bab, t.nomor))
        ],
        "gambar": [{"nomor": f"{g.bab}.{g.nomor}", "judul": g.judul} for g in d.gambar],
        "peringatan": [{"kode": p.kode, "pesan": p.pesan} for p in d.peringatan],
    }


def render_json(d: LKjIPData) -> str:
    return json.dumps(ke_dict(d), ensure_ascii=False, indent=2)


def hitung_hash(d: LKjIPData) -> str:
    """SHA-256 of the report's content: the JSON without its lifecycle keys."""
    isi = {k: v for k, v in ke_dict(d).items() if k not in KUNCI_SIKLUS}
    kanonik = json.dumps(isi, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(kanonik.encode("utf-8")).hexdigest()
