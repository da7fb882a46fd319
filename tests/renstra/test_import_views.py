"""Tabel 4.2 import in the browser (Django client): upload → preview → confirm, refusals, access,
and the preview's fixed query count."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renstra.models import PaguIndikatif, Program, Renstra
from sakip.lib.angka import format_rupiah
from tests.renstra import tabel42_xlsx as T

SAMPEL = Path(__file__).parent / "data" / "renstra_tabel_4_2_sample.xlsx"
pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _unggah(client, pd, isi: bytes, nama="tabel42.xlsx", periode="2025-2029"):
    return client.post(reverse("renstra:import-upload", args=[pd.slug]),
                       {"berkas": SimpleUploadedFile(nama, isi, content_type=XLSX),
                        "periode": periode})


def test_perencana_uploads_previews_and_confirms(demo, client_as, media):
    c = client_as("perencana")
    r = c.get(reverse("renstra:import-upload", args=[demo.slug]))
    assert r.status_code == 200 and 'value="2022-2026"' in r.content.decode()
    r = _unggah(c, demo, SAMPEL.read_bytes())
    assert r.status_code == 302
    token = r["Location"].rstrip("/").split("/")[-1]
    assert (media / "impor" / f"{token}.xlsx").is_file()

    r = c.get(r["Location"])
    html = r.content.decode()
    assert r.status_code == 200
    assert "Rp 4.566.240.000" in html and "Rp 3.916.573.226" in html
    assert "1.06.07.2.01.0003" in html and "kosong; disimpan kosong, bukan 0" in html
    assert "Simpan ke Renstra" in html
    assert not Renstra.objects.filter(perangkat_daerah=demo, tahun_awal=2025).exists()

    # 2025 is shared with the demo's Renstra 2022–2026, which holds its realisasi: it stays.
    assert "Tahun bersama dengan Renstra lain" in html
    assert "sudah ada data 2025 (realisasi" in html

    r = c.post(reverse("renstra:import-konfirmasi", args=[demo.slug, token]))
    assert r.status_code == 302
    assert r["Location"] == reverse("beranda-pd", args=[demo.slug]) + "?tahun=2026"
    renstra = Renstra.objects.get(perangkat_daerah=demo, tahun_awal=2025)
    assert Program.objects.filter(renstra=renstra).count() == 2
    assert not (media / "impor" / f"{token}.xlsx").exists()
    assert PaguIndikatif.objects.get(program__renstra=renstra, program__kode="1.06.07",
                                     tahun=2025).nilai == 1_400_000_000

    # The home page shows the imported tree with the pagu indikatif of the first year it
    # governs (no DPA yet); 2025 still shows the Renstra its data was entered under.
    html = c.get(r["Location"]).content.decode()
    assert "Tabel 4.2 diimpor ke Renstra 2025–2029" in html
    assert "Pagu indikatif Renstra 2026" in html and "Renstra 2025–2029" in html
    total = sum(p.nilai for p in PaguIndikatif.objects.filter(program__renstra=renstra,
                                                              tahun=2026))
    assert format_rupiah(total) in html
    html = c.get(reverse("beranda-pd", args=[demo.slug]) + "?tahun=2025").content.decode()
    assert "Renstra 2022–2026" in html and "Pagu indikatif" not in html
    # A confirmed token cannot be replayed.
    r = c.post(reverse("renstra:import-konfirmasi", args=[demo.slug, token]))
    assert r.status_code == 302 and r["Location"].endswith("/impor/")


def test_home_page_keeps_dpa_pagu_where_the_year_has_one(demo, client_as):
    """Pagu indikatif replaces the column only for a year without any DPA pagu (never mixed)."""
    from renstra import services

    renstra = Renstra.objects.get(perangkat_daerah=demo)  # the demo's 2022–2026
    program = Program.objects.get(renstra=renstra, kode="1.06.07")
    for tahun in (2024, 2025):
        services.pagu_indikatif_save(entri=[services.EntriPagu(program, tahun, 999_000_000)])
    c = client_as("perencana")
    url = reverse("beranda-pd", args=[demo.slug])
    html = c.get(url + "?tahun=2024").content.decode()
    assert "Pagu 2024" in html and "Pagu indikatif" not in html
    assert "Rp 5.319.338.072" in html and "Rp 999.000.000" not in html
    html = c.get(url + "?tahun=2025").content.decode()
    assert "Pagu indikatif Renstra 2025" in html and "Belum ada pagu DPA" in html
    assert "Rp 999.000.000" in html
    html = c.get(url + "?tahun=2026").content.decode()
    assert "Pagu 2026" in html and "Pagu indikatif" not in html


def test_broken_file_is_refused_with_each_error_and_nothing_saved(demo, client_as):
    rows = T.baris(T.dinas_lengkap())
    i = T.cari(rows, "1.06.02.2.03.0004") + 1
    rows[i][4] = "Rp1.200.24.000"
    j = T.cari(rows, "1.06.04.2.01.0003")
    rows[j][0] = "1.06.04.2.01 0003 Penyediaan Alat Bantu"  # a space where a dot belongs
    c = client_as("perencana")
    r = _unggah(c, demo, T.xlsx(rows))
    r = c.get(r["Location"])
    html = r.content.decode()
    assert r.status_code == 422
    assert "Berkas ditolak: 2 galat" in html
    assert f"<td class=\"num\">{i + 1}</td><td>E (Pagu 2025)</td>" in html
    assert "Rp1.200.24.000" in html
    assert "Simpan ke Renstra" not in html
    token = r.request["PATH_INFO"].rstrip("/").split("/")[-1]
    n = Program.objects.count()
    r = c.post(reverse("renstra:import-konfirmasi", args=[demo.slug, token]))
    assert r.status_code == 422 and Program.objects.count() == n


@pytest.mark.parametrize(
    ("nama", "isi", "periode", "pesan"),
    [
        ("tabel.xls", b"x", "2025-2029", "bukan .xlsx"),
        ("tabel.xlsx", b"x", "2025", "Periode &#x27;2025&#x27; tidak dikenali"),
        ("tabel.xlsx", b"x" * (5 * 1024 * 1024 + 1), "2025-2029", "terlalu besar"),
    ],
)
def test_upload_form_refusals(demo, client_as, media, nama, isi, periode, pesan):
    r = _unggah(client_as("perencana"), demo, isi, nama=nama, periode=periode)
    assert r.status_code == 400 and pesan in r.content.decode()
    assert not (media / "impor").exists() or not list((media / "impor").iterdir())


@pytest.mark.parametrize("username", ["staf.rehsos", "inspektorat", "kepala"])
def test_only_planners_may_import(demo, client_as, username):
    c = client_as(username)
    assert c.get(reverse("renstra:import-upload", args=[demo.slug])).status_code == 403
    assert _unggah(c, demo, SAMPEL.read_bytes()).status_code == 403
    assert Renstra.objects.filter(tahun_awal=2025).count() == 0


def test_a_token_is_honoured_only_for_its_uploader(demo, client_as):
    r = _unggah(client_as("perencana"), demo, SAMPEL.read_bytes())
    url = r["Location"]
    lain = client_as("admin")
    r = lain.get(url)
    assert r.status_code == 302 and r["Location"].endswith("/impor/")
    r = lain.post(url + "konfirmasi/")
    assert r.status_code == 302
    assert not Renstra.objects.filter(tahun_awal=2025).exists()


def test_nav_link_for_planners_only(demo, client_as):
    url = reverse("renstra:import-upload", args=[demo.slug])
    beranda = reverse("beranda-pd", args=[demo.slug])
    assert url in client_as("perencana").get(beranda).content.decode()
    assert url not in client_as("staf.rehsos").get(beranda).content.decode()


def test_preview_runs_a_fixed_number_of_queries(demo, client_as):
    """The preview reads the Renstra in a fixed number of queries whatever the file's size."""
    c = client_as("perencana")
    c.post(_unggah(c, demo, SAMPEL.read_bytes())["Location"] + "konfirmasi/")

    def hitung(isi: bytes) -> int:
        url = _unggah(c, demo, isi)["Location"]
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx)

    kecil = hitung(SAMPEL.read_bytes())
    besar = hitung(T.xlsx(T.baris(T.dinas_lengkap())))
    assert kecil == besar
