"""Completeness is checked, not claimed: the draft shows a "perlu dilengkapi" placeholder where
data or narrative is missing, lists it with where it is filled in, and penetapan is refused
until the pages have filled every one."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags

from kinerja import rumus
from laporan import services
from laporan.forms import NarasiForm
from laporan.models import LaporanKinerja
from laporan.render_html import render_html
from laporan.selectors import susun
from sakip.models import JenisPejabat, Pejabat
from tests.factories import pegawai_post

pytestmark = pytest.mark.slow

PROGRAM_1 = "penjelasan program 1.06.02 Program Pemberdayaan Sosial"
PROGRAM_2 = "penjelasan program 1.06.06 Program Penanganan Bencana"
PEGAWAI = "jumlah pegawai tahun 2024 menurut golongan dan pendidikan"
SERAPAN = ("kendala/hambatan serapan anggaran kegiatan 1.06.06.2.02 Penyelenggaraan "
           "Pemberdayaan Masyarakat terhadap Kesiapsiagaan Bencana Kabupaten/Kota (73,97 %)")


def _teks(html: str) -> str:
    tanpa_gaya = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    return " ".join(strip_tags(tanpa_gaya).split())


def test_the_demo_draft_shows_each_placeholder_and_lists_where_it_is_filled(gowa):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    assert [k.kunci.split("_")[0] for k in d.kelengkapan] == [
        "kepegawaian", "program", "program", "serapan", "serapan"]
    teks = _teks(render_html(d, peringatan=True))
    for apa in (PROGRAM_1, PROGRAM_2):
        assert f"perlu dilengkapi: {apa}" in teks  # in analysis 5, where it belongs
        assert f"Perlu dilengkapi: {apa} yang tidak memiliki indikator kinerja (diisi pada " \
               "halaman Narasi LKjIP)." in teks  # and in the draft list
    # The open Inspektorat note is counted instead of a "complete" claim.
    assert "Tidak ada peringatan" not in teks and "data dan narasi lengkap" not in teks
    assert "Catatan reviu Inspektorat tahun 2024 belum selesai ditindaklanjuti" in teks
    # the PDF (no draft list) still shows the placeholders themselves
    pdf_teks = _teks(render_html(d, peringatan=False))
    assert f"perlu dilengkapi: {PROGRAM_1}" in pdf_teks and "diisi pada" not in pdf_teks


def test_blank_officials_are_placeholders_never_dots(gowa):
    pd, laporan = gowa
    Pejabat.objects.filter(perangkat_daerah=pd, jenis=JenisPejabat.KEPALA_PD).update(
        nip="", pangkat="")
    d = susun(pd, 2024, laporan).data
    kunci = {k.kunci for k in d.kelengkapan}
    assert {"kepala_nip", "kepala_pangkat"} <= kunci
    html = render_html(d, peringatan=False)
    teks = _teks(html)
    assert "perlu dilengkapi: NIP Kepala Dinas Sosial" in teks
    assert "perlu dilengkapi: pangkat/golongan Kepala Dinas Sosial" in teks
    assert "......" not in teks.split("Sungguminasa,")[-1].replace(
        "..............................", "")  # only the draft's blank signing date
    k = next(k for k in d.kelengkapan if k.kunci == "kepala_nip")
    assert k.tempat == "Pengaturan kantor \u203a Pejabat"
    assert k.url == f"/pd/{pd.slug}/kantor/pejabat/"


FORBIDDEN = [r"aplikasi", r"\bsistem\b(?! akuntabilitas)", r"tercatat dalam", r"\bversi\b",
             r"\bEF-[A-Z]+", r"\b[A-Z]{3,}_[A-Z_]{3,}\b"]


@pytest.mark.parametrize("peringatan", [False, True])
def test_no_software_talk_in_the_report_text(gowa, peringatan):
    pd, laporan = gowa
    teks = _teks(render_html(susun(pd, 2024, laporan).data, peringatan=peringatan))
    for pola in FORBIDDEN:
        hit = [teks[max(0, m.start() - 60):m.end() + 30]
               for m in re.finditer(pola, teks, flags=re.I if pola.islower() else 0)]
        assert not hit, (pola, hit)


def _narasi_post(laporan, d, **isi) -> dict:
    initial = NarasiForm.initial_dari(laporan, d.sasaran)
    data = {k: ("" if v is None else v) for k, v in initial.items()}
    data["ikhtisar_eksekutif"] = "on" if initial["ikhtisar_eksekutif"] else ""
    data.update(isi)
    return data


def test_penetapan_refused_until_the_pages_fill_every_placeholder(gowa, client_as, monkeypatch):
    """Done when: the demo's missing narratives filled in through the narrative page, no
    placeholder is left and penetapan passes."""
    pd, laporan = gowa
    # The frozen PDF is rendered by the worker; its layout is not what this test is about.
    monkeypatch.setattr(services, "berkas_request", lambda **kw: (None, False))
    base = f"/laporan/{pd.slug}/2024"
    r = client_as("inspektorat").post(f"{base}/reviu/", {
        "reviu_nomor": "700/5/ITDA", "reviu_tanggal": "2025-02-03",
        "reviu_catatan": "Lengkapi penjelasan program tanpa indikator."})
    assert r.status_code == 302
    kepala = client_as("kepala")
    r = kepala.post(f"{base}/tetapkan/", {"setuju": "on", "tanggal_penetapan": "2025-02-10"},
                    follow=True)
    isi = r.content.decode()
    assert "tidak dapat ditetapkan" in isi and PROGRAM_1 in isi and "halaman Narasi LKjIP" in isi
    laporan.refresh_from_db()
    assert laporan.status == LaporanKinerja.Status.REVIU

    d = susun(pd, 2024, laporan).data
    program = [p for s in d.sasaran for p in s.program if not p.indikator]
    kegiatan = [k for p in d.program for k in p.kegiatan if rumus.serapan_rendah(k.serapan)]
    assert [k.kode for k in kegiatan] == ["1.06.06.2.02"]
    perencana = client_as("perencana")
    isian = {f"p{p.id}_kendala": f"{p.nama} dilaksanakan melalui kegiatan layanan yang "
                                 "indikatornya akan ditetapkan pada perubahan Renstra."
             for p in program}
    for k in kegiatan:
        isian[f"sk{k.id}_kendala"] = "Simulasi kesiapsiagaan di dua kecamatan tertunda banjir."
        isian[f"sk{k.id}_tindak_lanjut"] = "Simulasi dijadwalkan pada triwulan II tahun 2025."
    r = perencana.post(f"{base}/narasi/", _narasi_post(laporan, d, **isian))
    assert r.status_code == 302, r.content.decode()[:2000]
    # The staffing table of BAB I, on its own page (the form offers the usual categories).
    halaman = perencana.get(f"{base}/kepegawaian/")
    assert halaman.status_code == 200
    r = perencana.post(f"{base}/kepegawaian/", pegawai_post(halaman))
    assert r.status_code == 302, r.content.decode()[:3000]
    laporan.refresh_from_db()
    d = susun(pd, 2024, laporan).data
    assert d.kelengkapan == []
    assert "perlu dilengkapi" not in render_html(d, peringatan=False)
    r = kepala.post(f"{base}/tetapkan/", {"setuju": "on", "tanggal_penetapan": "2025-02-10"})
    assert r.status_code == 302
    laporan.refresh_from_db()
    assert laporan.status == LaporanKinerja.Status.DITETAPKAN
    assert "perlu dilengkapi" not in laporan.snapshot_html


def test_the_service_lists_every_missing_item(gowa, users):
    pd, laporan = gowa
    services.laporan_review(laporan=laporan, nomor="700/1/LHR", catatan="Sesuai.",
                            tanggal=datetime.date(2025, 2, 3), user=users["inspektorat"])
    with pytest.raises(ValidationError) as e:
        services.laporan_approve(laporan=laporan, user=users["kepala"],
                                 tanggal=datetime.date(2025, 2, 10))
    pesan = e.value.messages
    assert pesan[0].startswith("LKjIP tidak dapat ditetapkan")
    assert [m.split(" yang ")[0].split(" (diisi")[0] for m in pesan[1:]] == [
        PEGAWAI, PROGRAM_1, PROGRAM_2, SERAPAN,
        "rencana tindak lanjut serapan anggaran kegiatan 1.06.06.2.02 Penyelenggaraan "
        "Pemberdayaan Masyarakat terhadap Kesiapsiagaan Bencana Kabupaten/Kota"]
