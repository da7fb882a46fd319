"""The editable Renstra tree: what each role sees, and a fixed number of queries whatever the
size of the Renstra."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renstra.models import Program
from sakip.models import Peran, PerangkatDaerah, Role
from tests.renstra.bangun_renstra import bangun

URL = reverse("renstra:pohon", args=["dinsos-gowa"])


def test_perencana_sees_tree_with_edit_links(demo, client_as):
    r = client_as("perencana").get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Menurunnya Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)" in html
    assert "Jumlah Penurunan Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)" in html
    # Targets per year in Indonesian notation, baseline with its year.
    assert "2.444" in html and "(2021)" in html
    assert "+ Program" in html and "Grid target" in html
    assert html.count("/hapus/") > 5
    # Row links are built from the tree's URL (speed); they must be the URLconf's.
    from renstra.models import Indikator, Program

    program = Program.objects.get(renstra__perangkat_daerah=demo, kode="1.06.04")
    ind = Indikator.objects.filter(program=program).first()
    for name, kw in [("node-ubah", {"level": "program", "pk": program.pk}),
                     ("node-hapus", {"level": "program", "pk": program.pk}),
                     ("node-tambah", {"level": "kegiatan", "induk": program.pk}),
                     ("indikator-tambah", {"level": "program", "pk": program.pk}),
                     ("indikator-edit", {"pk": ind.pk}), ("indikator-hapus", {"pk": ind.pk})]:
        assert f'href="{reverse(f"renstra:{name}", kwargs={"slug": demo.slug, **kw})}"' in html


@pytest.mark.parametrize("user", ["staf.rehsos", "inspektorat", "kepala"])
def test_readers_see_tree_without_edit_links(demo, client_as, user):
    r = client_as(user).get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Jumlah Penurunan Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)" in html
    assert "/hapus/" not in html and "+ Program" not in html and "Grid target" not in html


def _pd_baru(slug, django_user_model):
    from sakip.models import Pemda

    pemda, _ = Pemda.objects.get_or_create(nama="Kota Uji", defaults={"jenis": "kota"})
    pd = PerangkatDaerah.objects.create(pemda=pemda, nama=f"Dinas {slug}", slug=slug)
    user = django_user_model.objects.create_user(f"p-{slug}", password="x")
    Peran.objects.create(user=user, role=Role.PERENCANA, pemda=pemda, perangkat_daerah=pd)
    return pd, user


def _hitung(client, pd) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(reverse("renstra:pohon", args=[pd.slug]))
    assert r.status_code == 200
    return len(ctx.captured_queries), r.content.decode()


def test_tree_runs_the_same_queries_for_3_and_30_programs(db, client, django_user_model):
    kecil, u1 = _pd_baru("kecil", django_user_model)
    besar, u2 = _pd_baru("besar", django_user_model)
    bangun(kecil, n_program=3)
    bangun(besar, n_program=30)
    assert Program.objects.filter(renstra__perangkat_daerah=besar).count() == 30
    client.force_login(u1)
    n_kecil, html_kecil = _hitung(client, kecil)
    client.force_login(u2)
    n_besar, html_besar = _hitung(client, besar)
    # Everything is on the page: 30 programs × 3 kegiatan × 4 sub kegiatan, with indicators.
    assert "Sub 1.06.30.2.03.4" in html_besar
    assert "Output 1.06.30.2.03.0004" in html_besar
    assert html_besar.count('class="lvl-subkegiatan"') == 30 * 3 * 4
    assert html_kecil.count('class="lvl-subkegiatan"') == 3 * 3 * 4
    assert n_kecil == n_besar, (n_kecil, n_besar)
    assert n_besar <= 20


def test_pagu_totals_roll_up_and_flag_differences(db, client, django_user_model):
    from renstra import services
    from renstra.models import Kegiatan

    pd, user = _pd_baru("pagu", django_user_model)
    renstra = bangun(pd, n_program=2, n_kegiatan=2, n_sub=2)
    # Kegiatan own pagu = 2 × 1.000.000 = Σ sub; program has no own pagu → Σ kegiatan.
    keg = Kegiatan.objects.filter(program__renstra=renstra).order_by("kode").first()
    services.pagu_indikatif_save(entri=[services.EntriPagu(keg, 2025, 2500000)], user=user)
    client.force_login(user)
    html = client.get(reverse("renstra:pohon", args=[pd.slug])).content.decode()
    assert "berbeda dari jumlah rincian Rp 2.000.000" in html
    # Total 2025 = 2.500.000 + 2.000.000 (program 1) + 4.000.000 (program 2).
    assert ">8.500.000<" in html
    assert ">8.000.000<" in html  # 2026, untouched
