"""A Tabel 4.2 above ``SAKIP_IMPOR_LATAR_BARIS`` rows is checked and applied by the task worker
(immediate backend in tests): the upload and the confirmation answer at once with a status
page, and the result is the same Renstra the immediate flow builds."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from openpyxl import Workbook

from renstra.impor import tugas
from renstra.models import Indikator, PaguIndikatif, Program, Renstra, TargetIndikator
from sakip import tugas_impor
from tests.renstra import tabel42_xlsx as T
from tests.renstra.test_import_views import SAMPEL

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _unggah(client, pd, isi: bytes):
    return client.post(reverse("renstra:import-upload", args=[pd.slug]),
                       {"berkas": SimpleUploadedFile("tabel42.xlsx", isi, content_type=XLSX),
                        "periode": "2025-2029"})


def _sidik(pd) -> tuple:
    renstra = Renstra.objects.get(perangkat_daerah=pd, tahun_awal=2025)
    return (
        Program.objects.filter(renstra=renstra).count(),
        Indikator.objects.filter(renstra=renstra).count(),
        sorted(TargetIndikator.objects.filter(indikator__renstra=renstra)
               .values_list("indikator__uraian", "tahun", "nilai", "nilai_teks")),
        PaguIndikatif.objects.filter(program__renstra=renstra).aggregate(s=Sum("nilai"))["s"],
        PaguIndikatif.objects.filter(subkegiatan__kegiatan__program__renstra=renstra).count(),
    )


class _Batal(Exception):
    pass


def _langsung(c, pd) -> tuple:
    """The immediate flow's result, rolled back."""
    try:
        with transaction.atomic():
            r = _unggah(c, pd, SAMPEL.read_bytes())
            assert "/status/" not in r["Location"]
            token = r["Location"].rstrip("/").split("/")[-1]
            r = c.post(reverse("renstra:import-konfirmasi", args=[pd.slug, token]))
            assert r.status_code == 302
            sidik = _sidik(pd)
            raise _Batal
    except _Batal:
        pass
    return sidik


def test_large_file_goes_through_the_worker_with_the_same_result(demo, client_as, settings,
                                                                  media):
    c = client_as("perencana")
    harapan = _langsung(c, demo)
    settings.SAKIP_IMPOR_LATAR_BARIS = 5
    r = _unggah(c, demo, SAMPEL.read_bytes())
    assert r.status_code == 302 and r["Location"].endswith("/status/")
    token = r["Location"].rstrip("/").split("/")[-2]
    # The preview URL of a background file leads to its status page.
    r2 = c.get(reverse("renstra:import-pratinjau", args=[demo.slug, token]))
    assert r2.status_code == 302 and r2["Location"] == r["Location"]

    r = c.get(r["Location"])
    html = r.content.decode()
    assert r.status_code == 200 and r.context["job"].status == tugas_impor.Status.SELESAI
    assert "Berkas dapat diimpor" in html and "Simpan ke Renstra" in html
    assert "Rp 4.566.240.000" in html and "Rp 3.916.573.226" in html
    assert not Renstra.objects.filter(perangkat_daerah=demo, tahun_awal=2025).exists()
    # The worker's summary names the year kept by the demo's Renstra 2022–2026, as inline.
    assert "Tahun bersama dengan Renstra lain" in html and "sudah ada data 2025" in html

    r = c.post(reverse("renstra:import-konfirmasi", args=[demo.slug, token]))
    assert r.status_code == 302 and r["Location"].endswith("/status/")
    r = c.get(r["Location"])
    assert r.status_code == 302
    # 2025 stays with Renstra 2022–2026 (its realisasi were entered there): 2026 is the first
    # year the imported Renstra governs.
    assert r["Location"] == reverse("beranda-pd", args=[demo.slug]) + "?tahun=2026"
    assert "Tabel 4.2 diimpor ke Renstra 2025–2029" in c.get(r["Location"]).content.decode()
    assert _sidik(demo) == harapan
    assert not (media / "impor" / f"{token}.xlsx").exists()
    # Replaying the confirmation or the status page finds nothing to do.
    r = c.post(reverse("renstra:import-konfirmasi", args=[demo.slug, token]))
    assert r.status_code == 302 and r["Location"].endswith("/impor/")


def test_refused_large_file_shows_its_galat_and_cannot_be_confirmed(demo, client_as, settings):
    settings.SAKIP_IMPOR_LATAR_BARIS = 5
    rows = T.baris(T.dinas_lengkap())
    i = T.cari(rows, "1.06.02.2.03.0004") + 1
    rows[i][4] = "Rp1.200.24.000"
    c = client_as("perencana")
    r = _unggah(c, demo, T.xlsx(rows))
    token = r["Location"].rstrip("/").split("/")[-2]
    r = c.get(r["Location"])
    html = r.content.decode()
    assert r.status_code == 422 and "Berkas ditolak: 1 galat" in html
    assert "Rp1.200.24.000" in html and "Simpan ke Renstra" not in html
    n = Program.objects.count()
    r = c.post(reverse("renstra:import-konfirmasi", args=[demo.slug, token]))
    assert r.status_code == 302 and r["Location"].endswith("/status/")
    assert Program.objects.count() == n


def test_status_of_another_user_is_not_shown(demo, client_as, settings):
    settings.SAKIP_IMPOR_LATAR_BARIS = 5
    r = _unggah(client_as("perencana"), demo, SAMPEL.read_bytes())
    url = r["Location"]
    r = client_as("admin").get(url)
    assert r.status_code == 302 and r["Location"].endswith("/impor/")


def test_failure_in_the_worker_is_a_message_not_a_traceback(demo, client_as, settings,
                                                             monkeypatch):
    def rusak(*a, **kw):
        raise RuntimeError("rahasia internal")

    monkeypatch.setattr(tugas, "impor_tabel42", rusak)
    settings.SAKIP_IMPOR_LATAR_BARIS = 5
    c = client_as("perencana")
    r = c.get(_unggah(c, demo, SAMPEL.read_bytes())["Location"])
    html = r.content.decode()
    assert r.status_code == 200 and "Impor gagal" in html
    assert "tidak ada yang disimpan" in html and "rahasia internal" not in html


def test_row_estimate_reads_the_dimension_or_the_size():
    wb = Workbook()
    for i in range(30):
        wb.active.append([i, "x"])
    buf = io.BytesIO()
    wb.save(buf)
    assert tugas_impor.perkiraan_baris_xlsx(io.BytesIO(buf.getvalue())) == 30
    assert tugas_impor.perkiraan_baris_xlsx(io.BytesIO(b"not a zip")) == 0
    assert tugas_impor.perkiraan_baris_xlsx(SAMPEL) >= 10
