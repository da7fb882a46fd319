"""The parts of a real LKjIP: organisation chart, kendala and rencana tindak lanjut per
indicator, the Renstra end target already met, the previous LHE and its recommendations'
follow-up, the pemda logo."""

import datetime
import io
import re
from decimal import Decimal
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from laporan import builder, services, tabel
from laporan.peringatan import susun_kelengkapan
from laporan.render_html import render_html
from laporan.selectors import susun
from lke import services as lke_services
from lke.models import Rekomendasi
from sakip.kantor import services as kantor_services

pytestmark = pytest.mark.slow



def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 48), (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


def _teks(html: str) -> str:
    tanpa_gaya = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", tanpa_gaya)).split())


def test_organisation_chart_from_the_offices_bidang(gowa):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    g = d.gambar[0]
    assert (g.kode, g.label) == ("organisasi", "Gambar 1.1")
    assert d.organisasi.sekretariat == [b for b in d.bidang if b.startswith("Sekretariat")]
    for nama in d.organisasi.bidang:
        assert nama.split()[0] in g.svg
    assert d.kepala_nama in g.svg and g.svg.startswith("<svg")
    assert 'id="gambar-1-1"' in render_html(d, peringatan=False)


def test_end_target_already_met_is_remarked(gowa):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    t = d.tabel["T3_3_renstra"]
    il = d.sasaran[0].indikator[0]
    assert str(il.capaian_terhadap_akhir.quantize(Decimal("0.01"))) == "106.18"
    assert t.baris[0].sel[-1].teks == "106,18\u00b9"
    assert (f"1) Target akhir Renstra indikator \u201c{il.uraian}\u201d telah tercapai pada tahun "
            "2024, tahun ke-3 periode Renstra (106,18 % dari target 2026).") in t.catatan


def _di_bawah_target(d, narasi_raw):
    """The demo's indicators all met their targets: take its first program indicator to 90 %
    and lay out the report parts that follow from it again (placeholders, analysis 5, tables)."""
    il = next(il for p in d.program for il in p.indikator)
    il.capaian = Decimal("90")
    builder._isi_catatan_indikator({il.id: il}, narasi_raw, {}, {})
    for s in d.sasaran:
        s.penjelasan = []
    d.kelengkapan = susun_kelengkapan(d, narasi_raw)
    builder._isi_penjelasan(d)
    d.tabel = tabel.susun(d)
    return il


def test_kendala_and_tindak_lanjut_per_indicator(gowa):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    il = _di_bawah_target(d, {})
    kunci = {k.kunci for k in d.kelengkapan}
    assert f"indikator_{il.id}_kendala" in kunci and f"indikator_{il.id}_tindak_lanjut" in kunci
    t36 = d.tabel["T3_6_program"]
    assert t36.kepala[0][-1].teks == "Rencana Tindak Lanjut"
    assert any(s.teks == "perlu dilengkapi: rencana tindak lanjut" for b in t36.baris
               for s in b.sel)
    teks = _teks(render_html(d, peringatan=False))
    assert f"Indikator {il.uraian} — capaian 90,00 %. Kendala/hambatan: perlu dilengkapi: " \
           f"kendala/hambatan indikator \u201c{il.uraian}\u201d" in teks

    d = susun(pd, 2024, laporan).data
    il = _di_bawah_target(d, {"indikator": {str(next(
        il for p in d.program for il in p.indikator).id): {
            "kendala": "Data penerima terlambat diverifikasi.",
            "tindak_lanjut": "Verifikasi bulanan bersama desa."}}})
    assert not {f"indikator_{il.id}_kendala", f"indikator_{il.id}_tindak_lanjut"} & {
        k.kunci for k in d.kelengkapan}
    assert any(s.teks == "Verifikasi bulanan bersama desa." for b in d.tabel["T3_6_program"].baris
               for s in b.sel)
    teks = _teks(render_html(d, peringatan=False))
    assert "Kendala/hambatan: Data penerima terlambat diverifikasi. Rencana tindak lanjut: " \
           "Verifikasi bulanan bersama desa." in teks


def test_kendala_written_on_the_narrative_page_is_kept(gowa, users):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    il = next(il for p in d.program for il in p.indikator)
    narasi = dict(laporan.narasi or {})
    narasi["indikator"] = {str(il.id): {"kendala": "  Hujan.  ", "tindak_lanjut": ""}}
    services.narasi_update(laporan=laporan, narasi=narasi, user=users["perencana"])
    laporan.refresh_from_db()
    assert laporan.narasi["indikator"] == {str(il.id): {"kendala": "Hujan."}}
    d = susun(pd, 2024, laporan).data
    assert next(i for p in d.program for i in p.indikator if i.id == il.id).kendala == "Hujan."


def test_no_lhe_says_so_and_the_previous_lhe_is_shown_with_its_recommendations(gowa, users):
    pd, laporan = gowa
    teks = _teks(render_html(susun(pd, 2024, laporan).data, peringatan=False))
    assert "Belum ada hasil evaluasi akuntabilitas kinerja tahun 2023." in teks
    assert "TINDAK LANJUT REKOMENDASI" not in teks

    hasil = lke_services.hasil_set(
        pd, 2023, users["inspektorat"], nomor="700/25/ITDA/2024",
        tanggal=datetime.date(2024, 3, 20), nilai=Decimal("65.43"),
        komponen=[{"kode": "1", "nama": "Perencanaan Kinerja", "bobot": 30, "nilai": "20.10"},
                  {"kode": "2", "nama": "Pengukuran Kinerja", "bobot": 30, "nilai": "19.33"},
                  {"kode": "3", "nama": "Pelaporan Kinerja", "bobot": 15, "nilai": "10.50"},
                  {"kode": "4", "nama": "Evaluasi Akuntabilitas Kinerja Internal", "bobot": 25,
                   "nilai": "15.50"}])
    Rekomendasi.objects.create(hasil=hasil, nomor=1,
                               uraian="Menyusun cascading kinerja sampai eselon IV.")
    d = susun(pd, 2024, laporan).data
    assert d.lhe_lalu.nilai == Decimal("65.43") and len(d.lhe_lalu.komponen) == 4
    teks = _teks(render_html(d, peringatan=True))
    assert (f"Nomor 700/25/ITDA/2024 tanggal 20 Maret 2024, {pd.nama} memperoleh nilai 65,43 "
            f"dengan predikat {hasil.predikat}.") in teks
    assert "Evaluasi Akuntabilitas Kinerja Internal" in teks
    assert "Nilai akuntabilitas kinerja 65,43" in teks
    assert ("TINDAK LANJUT REKOMENDASI HASIL EVALUASI TAHUN 2023 No Rekomendasi Tindak Lanjut "
            "Status 1 Menyusun cascading kinerja sampai eselon IV. \u2014 "
            "Belum ditindaklanjuti") in teks
    # the open recommendation is a draft warning too
    assert any(p.kode == "REKOMENDASI_LHE_TERBUKA" and "cascading" in p.pesan
               for p in d.peringatan)


def test_pemda_logo_on_the_cover(gowa, users):
    pd, laporan = gowa
    assert 'class="logo-pemda"' not in render_html(susun(pd, 2024, laporan).data,
                                                   peringatan=False)
    kantor_services.pemda_logo_set(pemda=pd.pemda, user=users["admin"], berkas=SimpleUploadedFile(
        "logo.png", _png(), content_type="image/png"))
    pd.pemda.refresh_from_db()
    d = susun(pd, 2024, laporan).data
    assert d.logo_pemda.startswith("data:image/png;base64,")
    assert f'<img src="{d.logo_pemda}" alt="Logo {d.pemda}">' in render_html(d, peringatan=False)
