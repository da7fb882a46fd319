"""Dashboard pages on the demo: what each role sees, in Indonesian, and what it may not see."""

import json
import re

from kinerja.models import BuktiDukung, Realisasi
from renstra.models import Indikator
from sakip.models import PerangkatDaerah, Role
from tests.factories import PerangkatDaerahFactory, UserFactory

REHABILITASI = "Persentase PPKS yang Mendapatkan Pelayanan Rehabilitasi"


def _html(resp) -> str:
    assert resp.status_code == 200, resp.status_code
    return resp.content.decode()


def test_office_dashboard_for_the_kepala(demo, client_as):
    html = _html(client_as("kepala").get("/dasbor/?tahun=2024&tw=4"))
    assert "(Kepala perangkat daerah)" in html  # the top bar names the role in Indonesian
    assert "112,59 %" in html and "Sangat Berhasil" in html
    assert "93,93 %" in html and "Rp 5.319.338.072" in html
    assert 'id="tabel-iku"' in html and 'id="tabel-program"' in html
    # Charts come from the vendored file, with their data as JSON next to the tables.
    assert "/static/vendor/chartjs/chart.umd.min.js" in html
    assert not re.search(r'<script[^>]+src="https?://', html)
    data = json.loads(re.search(r'<script id="data-iku" type="application/json">(.*?)</script>',
                                html, re.S).group(1))
    assert data["teks"] == ["112,59 %"] and data["kategori"] == ["SANGAT_BERHASIL"]
    assert "2 catatan reviu terbuka" in html


def test_inspektorat_lands_on_the_pemda_dashboard_and_picks_offices(demo, client_as):
    insp = client_as("inspektorat")
    resp = insp.get("/dasbor/")
    assert resp.status_code == 302 and resp["Location"] == "/dasbor/pemda/"
    assert 'id="pilih-pd"' not in _html(insp.get("/dasbor/?pd=dinsos-gowa"))  # one office
    PerangkatDaerah.objects.create(pemda=demo.pemda, nama="Dinas Lain", slug="dinas-lain")
    html = _html(insp.get("/dasbor/?pd=dinsos-gowa"))
    assert 'id="pilih-pd"' in html  # a reviewer may switch office
    assert "Tahun 2024" in html  # the year of the newest Perjanjian Kinerja


def test_bad_year_falls_back_to_the_current_one(demo, client_as):
    html = _html(client_as("kepala").get("/dasbor/?tahun=abc&tw=9"))
    assert "Tahun 2024" in html


def test_office_without_renstra(demo, client_as):
    lain = PerangkatDaerahFactory(pemda=demo.pemda, nama="Dinas Lain", slug="dinas-lain")
    UserFactory(username="kepala.lain", peran=Role.KEPALA, peran__perangkat_daerah=lain)
    assert "Belum ada Renstra" in _html(client_as("kepala.lain").get("/dasbor/"))
    assert client_as("kepala.lain").get("/dasbor/?pd=dinsos-gowa").status_code == 404


def test_pemda_table_sorts_and_keeps_missing_values_last(demo, client_as):
    PerangkatDaerah.objects.create(pemda=demo.pemda, nama="Badan Tanpa Renstra", slug="badan")
    insp = client_as("inspektorat")

    def urutan(query):
        html = _html(insp.get(f"/dasbor/pemda/?tahun=2024{query}"))
        tbody = html.split('id="tabel-pd"')[1].split("</tbody>")[0]
        return re.findall(r'\?pd=([\w-]+)&amp;', tbody)

    assert urutan("") == ["badan", "dinsos-gowa"]  # by name
    assert urutan("&urut=capaian") == ["dinsos-gowa", "badan"]
    assert urutan("&urut=capaian&arah=turun") == ["dinsos-gowa", "badan"]
    assert urutan("&urut=nama&arah=turun") == ["dinsos-gowa", "badan"]
    html = _html(insp.get("/dasbor/pemda/?tahun=2024"))
    assert "112,59 %" in html and "Belum ada" in html


def test_drill_down_to_the_evidence_and_the_verification_history(demo, client_as):
    iku = Indikator.objects.get(renstra__perangkat_daerah=demo, is_iku=True)
    insp = client_as("inspektorat")
    html = _html(insp.get(f"/dasbor/pd/dinsos-gowa/sasaran/{iku.sasaran_id}/?tahun=2024"))
    assert f"/dasbor/pd/dinsos-gowa/indikator/{iku.pk}/" in html
    html = _html(insp.get(f"/dasbor/pd/dinsos-gowa/indikator/{iku.pk}/?tahun=2024"))
    r4 = Realisasi.objects.get(indikator=iku, tahun=2024, triwulan=4)
    assert f"/dasbor/pd/dinsos-gowa/realisasi/{r4.pk}/" in html
    assert "112,59 %" in html and "2.444" in html  # capaian and baseline, Indonesian digits
    html = _html(insp.get(f"/dasbor/pd/dinsos-gowa/realisasi/{r4.pk}/"))
    assert "178" in html
    assert "Diajukan → Diverifikasi" in html  # the verification step, in words
    bukti = BuktiDukung.objects.get(realisasi=r4)  # the demo's evidence (demo/dasbor.py)
    assert bukti.nama_asli in html
    assert f'href="/kinerja/dinsos-gowa/bukti/{bukti.pk}/"' in html
    # No form that would change the realisasi is offered to the reviewer.
    assert "realisasi-edit" not in html and 'name="nilai"' not in html


def test_staf_sees_only_their_bidang(demo, client_as):
    rehsos = Indikator.objects.get(renstra__perangkat_daerah=demo, uraian=REHABILITASI)
    iku = Indikator.objects.get(renstra__perangkat_daerah=demo, is_iku=True)
    staf = client_as("staf.rehsos")
    html = _html(staf.get("/dasbor/?tahun=2024"))
    assert "1.06.04" in html and "1.06.05" not in html
    assert 'id="capaian-iku"' not in html and 'id="sasaran"' not in html
    assert staf.get(f"/dasbor/pd/dinsos-gowa/indikator/{rehsos.pk}/").status_code == 200
    assert staf.get(f"/dasbor/pd/dinsos-gowa/indikator/{iku.pk}/").status_code == 403
    assert staf.get(f"/dasbor/pd/dinsos-gowa/sasaran/{iku.sasaran_id}/").status_code == 403
    other = client_as("staf.linjamsos")
    assert other.get(f"/dasbor/pd/dinsos-gowa/indikator/{rehsos.pk}/").status_code == 403
    r = Realisasi.objects.filter(indikator=rehsos).first()
    assert other.get(f"/dasbor/pd/dinsos-gowa/realisasi/{r.pk}/").status_code == 403


def test_objects_of_another_office_are_not_found_through_this_one(demo, client_as):
    lain = PerangkatDaerah.objects.create(pemda=demo.pemda, nama="Dinas Lain", slug="dinas-lain")
    iku = Indikator.objects.get(renstra__perangkat_daerah=demo, is_iku=True)
    assert client_as("inspektorat").get(
        f"/dasbor/pd/{lain.slug}/indikator/{iku.pk}/").status_code == 404


def test_inspektorat_notes_the_lkjip_from_the_office_dashboard(demo, client_as):
    from dasbor.models import CatatanReviu
    from laporan.models import LaporanKinerja

    lkjip = (LaporanKinerja.objects.filter(perangkat_daerah=demo, tahun=2024).first()
             or LaporanKinerja.objects.create(perangkat_daerah=demo, tahun=2024))
    insp = client_as("inspektorat")
    html = _html(insp.get("/dasbor/?pd=dinsos-gowa&tahun=2024"))
    assert "Catatan reviu atas LKjIP" in html
    resp = insp.post("/dasbor/pd/dinsos-gowa/catatan/baru/", {
        "jenis": "laporan", "objek": lkjip.pk, "isi": "BAB III belum memuat analisis 4."})
    assert resp.status_code == 302
    c = CatatanReviu.objects.get(laporan=lkjip)
    assert "BAB III belum memuat analisis 4." in _html(client_as("perencana").get(
        f"/dasbor/catatan/{c.pk}/"))
    assert "Catatan reviu atas LKjIP" not in _html(client_as("kepala").get("/dasbor/?tahun=2024"))
