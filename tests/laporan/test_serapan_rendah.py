"""A program or kegiatan whose serapan is below kinerja.rumus.BATAS_SERAPAN_RENDAH needs a kendala
and a rencana tindak lanjut (analysis 5): missing, it is a placeholder that blocks penetapan;
written on the narrative page, analysis 5 prints it. The demo's kegiatan Kesiapsiagaan
Bencana (1.06.06.2.02) spent 73,97 % of its pagu and the published report says nothing."""

import re
from decimal import Decimal

import pytest
from django.utils.html import strip_tags

from kinerja import rumus
from laporan import services
from laporan.forms import NarasiForm
from laporan.render_html import render_html
from laporan.render_json import ke_dict
from laporan.selectors import susun

KEGIATAN = ("Penyelenggaraan Pemberdayaan Masyarakat terhadap Kesiapsiagaan Bencana "
            "Kabupaten/Kota")


def _teks(html: str) -> str:
    return " ".join(strip_tags(re.sub(r"<style>.*?</style>", " ", html, flags=re.S)).split())


@pytest.mark.parametrize(("serapan", "rendah"), [
    (Decimal("84.99"), True), ("73.97182586567", True), (Decimal("85"), False),
    (Decimal("85.00"), False), (Decimal("100"), False), (Decimal("0"), True), (None, False),
])
def test_the_threshold_is_one_constant(serapan, rendah):
    assert rumus.BATAS_SERAPAN_RENDAH == Decimal(85)
    assert rumus.serapan_rendah(serapan) is rendah


def test_the_demo_kegiatan_is_asked_for_in_analysis_5(gowa):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    rendah = [(p.kode, k.kode) for p in d.program for k in p.kegiatan
              if rumus.serapan_rendah(k.serapan)]
    assert rendah == [("1.06.06", "1.06.06.2.02")]
    assert not [p.kode for p in d.program if rumus.serapan_rendah(p.serapan)]  # 90,67 %
    k = next(k for p in d.program for k in p.kegiatan if k.kode == "1.06.06.2.02")
    assert {x.kunci for x in d.kelengkapan} >= {f"serapan_kegiatan_{k.id}_kendala",
                                                 f"serapan_kegiatan_{k.id}_tindak_lanjut"}
    [p] = d.penjelasan_serapan
    assert (p.judul, p.serapan.quantize(Decimal("0.01"))) == (
        f"Kegiatan {KEGIATAN} (1.06.06.2.02)", Decimal("73.97"))
    teks = _teks(render_html(d, peringatan=True))
    analisis5 = teks.split("5. Analisis Penyebab")[-1].split("6. Analisis Efisiensi")[0]
    assert (f"Kegiatan {KEGIATAN} (1.06.06.2.02) — serapan anggaran 73,97 %. Kendala/hambatan: "
            f"perlu dilengkapi: kendala/hambatan serapan anggaran kegiatan 1.06.06.2.02 "
            f"{KEGIATAN} (73,97 %) Rencana tindak lanjut: perlu dilengkapi: rencana tindak "
            f"lanjut serapan anggaran kegiatan 1.06.06.2.02 {KEGIATAN}") in analisis5
    assert ("Perlu dilengkapi: kendala/hambatan serapan anggaran kegiatan 1.06.06.2.02 "
            f"{KEGIATAN} (73,97 %) (diisi pada halaman Narasi LKjIP).") in teks


def test_written_on_the_narrative_page_analysis_5_explains_it(gowa, client_as):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    k = next(k for p in d.program for k in p.kegiatan if k.kode == "1.06.06.2.02")
    c = client_as("perencana")
    url = f"/laporan/{pd.slug}/2024/narasi/"
    isi = c.get(url).content.decode()
    assert 'id="serapan-rendah"' in isi and "serapan 73,97 %" in isi
    assert "di bawah 85 % (Analisis 5)" in isi
    initial = NarasiForm.initial_dari(laporan, d.sasaran, d.program)
    data = {kk: ("" if v is None else v) for kk, v in initial.items()}
    data["ikhtisar_eksekutif"] = "on" if initial["ikhtisar_eksekutif"] else ""
    data[f"sk{k.id}_kendala"] = "Simulasi kesiapsiagaan di dua kecamatan tertunda banjir."
    data[f"sk{k.id}_tindak_lanjut"] = "Simulasi dijadwalkan pada triwulan II tahun 2025."
    r = c.post(url, data)
    assert r.status_code == 302, r.content.decode()[:2000]
    laporan.refresh_from_db()
    assert laporan.narasi["serapan_kegiatan"] == {str(k.id): {
        "kendala": "Simulasi kesiapsiagaan di dua kecamatan tertunda banjir.",
        "tindak_lanjut": "Simulasi dijadwalkan pada triwulan II tahun 2025."}}
    # The form shows what was written (initial from the stored narrative).
    assert "Simulasi dijadwalkan pada triwulan II tahun 2025." in c.get(url).content.decode()
    d = susun(pd, 2024, laporan).data
    assert not [x for x in d.kelengkapan if x.kunci.startswith("serapan_")]
    teks = _teks(render_html(d, peringatan=False))
    assert (f"Kegiatan {KEGIATAN} (1.06.06.2.02) — serapan anggaran 73,97 %. Kendala/hambatan: "
            "Simulasi kesiapsiagaan di dua kecamatan tertunda banjir. Rencana tindak lanjut: "
            "Simulasi dijadwalkan pada triwulan II tahun 2025.") in teks
    # The Gowa figures stay what they were.
    assert str(d.anggaran_serapan.quantize(Decimal("0.01"))) == "93.93"


def test_a_changed_explanation_changes_the_report_hash(gowa, users):
    """The cached PDF is keyed by the content hash: rewording a kendala must produce a new one
    (the JSON carries analysis 5 as ``penjelasan``)."""
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    k = next(k for p in d.program for k in p.kegiatan if k.kode == "1.06.06.2.02")
    hash_list = []
    for kendala in ("Simulasi tertunda banjir.", "Simulasi tertunda cuaca buruk."):
        narasi = {**laporan.narasi, "serapan_kegiatan": {str(k.id): {
            "kendala": kendala, "tindak_lanjut": "Dijadwalkan ulang."}}}
        services.narasi_update(laporan=laporan, narasi=narasi, user=users["perencana"])
        laporan.refresh_from_db()
        t = susun(pd, 2024, laporan)
        assert {"judul": f"Kegiatan {KEGIATAN} (1.06.06.2.02)", "capaian": None,
                "serapan": 73.97, "kendala": kendala,
                "tindak_lanjut": "Dijadwalkan ulang."} in ke_dict(t.data)["penjelasan"]
        hash_list.append(t.hash)
    assert hash_list[0] != hash_list[1]
