"""Every dashboard page runs the same number of queries at two data sizes (style.md §15).

Small: 2 offices × 7 sub kegiatan; large: 6 offices × 24 sub kegiatan (each with indicators,
targets, four quarters of realisasi and budget, from ``generate_scale_data``) and more review
notes. The count may not grow with the data.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dasbor import services
from dasbor.models import CatatanReviu
from kinerja.models import Realisasi
from renstra.models import Indikator, Sasaran

# A ceiling as well as a constant: a page that needs more has a design problem.
ANGGARAN_QUERY = 40


def _bangun(n_pd: int, n_sub: int, n_catatan: int) -> dict:
    call_command("generate_scale_data", pd=n_pd, years=2, subkegiatan=n_sub,
                 stdout=io.StringIO())
    insp = get_user_model().objects.get(username="skala.inspektorat")
    ikus = list(Indikator.objects.filter(renstra__perangkat_daerah__slug="skala-01",
                                         is_iku=True).select_related("renstra__perangkat_daerah"))
    for i in range(n_catatan):
        c = services.catatan_create(target=ikus[i % len(ikus)], tahun=2025, user=insp,
                                    isi=f"Catatan {i}")
        if i % 2:
            services.catatan_reply(catatan=c, isi="Dijawab", dari_kantor=True,
                                   user=get_user_model().objects.get(
                                       username="skala.perencana.01"))
    iku = ikus[0]
    sub_ind = Indikator.objects.filter(renstra__perangkat_daerah__slug="skala-01",
                                       subkegiatan__isnull=False).first()
    return {
        "sasaran": Sasaran.objects.filter(tujuan__renstra__perangkat_daerah__slug="skala-01")
        .first().pk,
        "iku": iku.pk,
        "realisasi": Realisasi.objects.filter(indikator=iku, tahun=2025).first().pk,
        "sub": sub_ind.pk,
        "catatan": CatatanReviu.objects.filter(perangkat_daerah__slug="skala-01").first().pk,
    }


def _halaman(ids: dict) -> list[tuple[str, str]]:
    return [
        ("skala.kepala.01", "/dasbor/?tahun=2025&tw=4"),
        ("skala.kepala.01", "/dasbor/?tahun=2026"),
        ("skala.staf.01", "/dasbor/?tahun=2025"),
        ("skala.inspektorat", "/dasbor/?pd=skala-02&tahun=2025&tw=2"),
        ("skala.inspektorat", "/dasbor/pemda/?tahun=2025&tw=4"),
        ("skala.admin", "/dasbor/pemda/?tahun=2026&urut=belum_diisi&arah=turun"),
        ("skala.inspektorat", f"/dasbor/pd/skala-01/sasaran/{ids['sasaran']}/?tahun=2025"),
        ("skala.inspektorat", f"/dasbor/pd/skala-01/indikator/{ids['iku']}/?tahun=2025"),
        ("skala.perencana.01", f"/dasbor/pd/skala-01/indikator/{ids['sub']}/?tahun=2025"),
        ("skala.inspektorat", f"/dasbor/pd/skala-01/realisasi/{ids['realisasi']}/"),
        ("skala.inspektorat", "/dasbor/catatan/"),
        ("skala.kepala.01", "/dasbor/catatan/?status=semua"),
        ("skala.kepala.01", f"/dasbor/catatan/{ids['catatan']}/"),
    ]


def _hitung(ids: dict) -> list[int]:
    out = []
    for username, url in _halaman(ids):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        with CaptureQueriesContext(connection) as q:
            resp = client.get(url)
        assert resp.status_code == 200, (username, url, resp.status_code)
        out.append(len(q))
    return out


@pytest.mark.slow
def test_dashboard_pages_run_a_fixed_number_of_queries(db):
    kecil = _hitung(_bangun(2, 7, 2))
    besar_ids = _bangun(6, 24, 9)
    besar = _hitung(besar_ids)
    halaman = [url for _, url in _halaman(besar_ids)]
    assert dict(zip(halaman, kecil, strict=True)) == dict(zip(halaman, besar, strict=True))
    assert max(besar) <= ANGGARAN_QUERY, dict(zip(halaman, besar, strict=True))
