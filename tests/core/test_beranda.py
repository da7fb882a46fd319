from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip.models import Role
from tests.factories import PerangkatDaerahFactory, UserFactory


def test_anonymous_is_sent_to_login(client, db):
    r = client.get("/")
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_beranda_is_the_work_inbox_linking_the_own_office(demo, client_as):
    r = client_as("staf.rehsos").get("/")
    html = r.content.decode()
    assert r.status_code == 200 and "Yang perlu Anda kerjakan" in html
    assert 'href="/pd/dinsos-gowa/"' in html


def test_tree_shows_pagu_in_indonesian_format(demo, client_as):
    html = client_as("perencana").get("/pd/dinsos-gowa/?tahun=2024").content.decode()
    assert "Rp 5.319.338.072" in html and "93,93 %" in html and "2.444" in html


def test_other_office_is_hidden_like_a_missing_one(demo, client_as):
    dinkes = PerangkatDaerahFactory(pemda=demo.pemda, nama="Dinas Kesehatan", slug="dinkes")
    UserFactory(username="p2", peran=Role.PERENCANA, peran__perangkat_daerah=dinkes)
    r = client_as("p2").get("/pd/dinsos-gowa/")
    assert r.status_code == 404 and "Halaman tidak ditemukan" in r.content.decode()


def test_tree_runs_a_fixed_number_of_queries(db, client_as):
    counts = []
    for n_sub in (7, 60):  # the second run replaces the first office with a bigger one
        call_command("generate_scale_data", pd=1, years=2, subkegiatan=n_sub)
        client = client_as("skala.kepala.01")
        with CaptureQueriesContext(connection) as q:
            html = client.get("/pd/skala-01/").content.decode()
        assert html.count('class="lvl-sub"') == n_sub
        counts.append(len(q))
    assert counts[0] == counts[1]
