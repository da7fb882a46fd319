"""Tokens: scope (an office or a pemda; outside it 404), revocation (401), last use recorded,
rate limits (429) per token and per address; and the page where administrators manage them."""

import json

import pytest
from django.test import Client, override_settings

from api.models import TokenAPI
from api.services import hash_token
from sakip.models import JejakAudit, Role
from tests.factories import PemdaFactory, PerangkatDaerahFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kantor_lain(demo):
    """Another office of the same pemda, and an office of another pemda."""
    return (PerangkatDaerahFactory(pemda=demo.pemda, nama="Dinas Kesehatan", slug="dinkes-gowa"),
            PerangkatDaerahFactory(pemda=PemdaFactory(nama="Kota Lain"), nama="Dinas Sosial",
                                   slug="dinsos-lain"))


def _slugs(client, url="/api/v1/perangkat-daerah"):
    return {i["slug"] for i in json.loads(client.get(url).content)["items"]}


def test_office_token_reads_its_office_only(demo, token_untuk, kantor_lain):
    sama_pemda, pemda_lain = kantor_lain
    c, _ = token_untuk(pd=demo)
    assert _slugs(c) == {demo.slug}
    for pd in (sama_pemda, pemda_lain):
        for sisa in ("", "/pk", "/renstra", "/capaian/2024", "/anggaran/2024", "/lkjip/2024"):
            assert c.get(f"/api/v1/perangkat-daerah/{pd.slug}{sisa}").status_code == 404
        assert c.get(f"/api/v1/lkjip?perangkat_daerah={pd.slug}").status_code == 404
    assert c.get(f"/api/v1/perangkat-daerah/{demo.slug}/capaian/2025").status_code == 200
    assert json.loads(c.get("/api/v1/pemda").content)["count"] == 1


def test_pemda_token_reads_every_office_of_its_pemda_only(demo, token_untuk, kantor_lain):
    sama_pemda, pemda_lain = kantor_lain
    c, _ = token_untuk(pemda=demo.pemda)
    assert _slugs(c) == {demo.slug, sama_pemda.slug}
    assert c.get(f"/api/v1/perangkat-daerah/{sama_pemda.slug}").status_code == 200
    assert c.get(f"/api/v1/perangkat-daerah/{pemda_lain.slug}").status_code == 404
    # The public sees every office (what it may read of them is what is published).
    assert _slugs(Client()) >= {demo.slug, sama_pemda.slug, pemda_lain.slug}


def test_revoked_or_wrong_token_is_401_not_the_public(demo, token_untuk, users):
    from api.services import token_withdraw

    c, token = token_untuk(pd=demo)
    assert c.get("/api/v1/pemda").status_code == 200
    token_withdraw(token=token, user=users["admin"])
    r = c.get("/api/v1/pemda")
    assert r.status_code == 401 and json.loads(r.content) == {"detail": "Unauthorized"}
    assert Client(HTTP_AUTHORIZATION="Bearer sakip_salah").get("/api/v1/pemda").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Basic eDp5").get("/api/v1/pemda").status_code == 401


def test_token_is_stored_hashed_and_last_use_recorded(demo, token_untuk):
    c, token = token_untuk(pd=demo)
    token.refresh_from_db()
    assert token.terakhir_dipakai is None
    raw = c.defaults["HTTP_AUTHORIZATION"].split()[1]
    assert token.hash == hash_token(raw) and raw not in {token.awalan, token.hash, token.nama}
    c.get("/api/v1/pemda")
    token.refresh_from_db()
    assert token.terakhir_dipakai is not None


@override_settings(SAKIP_API_BATAS_TOKEN="3/m", SAKIP_API_BATAS_ANONIM="2/m")
def test_rate_limits_answer_429_per_token_and_per_address(demo, token_untuk):
    c, _ = token_untuk(pd=demo)
    c2, _ = token_untuk(pd=demo)
    assert [c.get("/api/v1/pemda").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert c2.get("/api/v1/pemda").status_code == 200  # another token has its own budget
    anon = Client(REMOTE_ADDR="10.0.0.1")
    assert [anon.get("/api/v1/pemda").status_code for _ in range(3)] == [200, 200, 429]
    assert Client(REMOTE_ADDR="10.0.0.2").get("/api/v1/pemda").status_code == 200


# --- the token page ------------------------------------------------------------------------
def test_admin_creates_a_token_shown_once_and_audited(demo, client_as):
    c = client_as("admin")
    r = c.post("/api/token/", {"nama": "Bappeda", "lingkup": f"pd:{demo.pk}"})
    assert r.status_code == 200
    token = TokenAPI.objects.get(nama="Bappeda")
    html = r.content.decode()
    raw = html.split('id="token-teks">')[1].split("<")[0]
    assert token.hash == hash_token(raw) and token.perangkat_daerah == demo
    assert raw not in c.get("/api/token/").content.decode()  # shown once
    assert JejakAudit.objects.filter(model="api.tokenapi", object_id=str(token.pk),
                                     aksi="buat").exists()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get(f"/api/v1/perangkat-daerah/{demo.slug}/capaian/2025").status_code == 200


def test_admin_revokes_a_token_audited(demo, client_as, token_untuk):
    api, token = token_untuk(pd=demo)
    r = client_as("admin").post(f"/api/token/{token.pk}/cabut/")
    assert r.status_code == 302
    token.refresh_from_db()
    assert token.dicabut_pada is not None and token.dicabut_oleh.username == "admin"
    assert JejakAudit.objects.filter(model="api.tokenapi", object_id=str(token.pk),
                                     field="dicabut_pada").exists()
    assert api.get("/api/v1/pemda").status_code == 401
    again = client_as("admin").post(f"/api/token/{token.pk}/cabut/", follow=True)
    assert "sudah dicabut" in again.content.decode()


def test_office_admin_cannot_make_a_pemda_token_or_touch_another_office(demo, kantor_lain):
    sama_pemda, _ = kantor_lain
    admin_pd = UserFactory(username="admin.dinsos", peran=Role.ADMIN,
                           peran__perangkat_daerah=demo)
    c = Client()
    c.force_login(admin_pd)
    page = c.get("/api/token/").content.decode()
    assert f'value="pd:{demo.pk}"' in page and "pemda:" not in page
    r = c.post("/api/token/", {"nama": "x", "lingkup": f"pemda:{demo.pemda_id}"})
    assert r.status_code == 400 and not TokenAPI.objects.exists()
    r = c.post("/api/token/", {"nama": "x", "lingkup": f"pd:{sama_pemda.pk}"})
    assert r.status_code == 400 and not TokenAPI.objects.exists()


def test_only_administrators_see_the_token_page(client_as):
    for nama in ("perencana", "kepala", "inspektorat", "staf.rehsos"):
        assert client_as(nama).get("/api/token/").status_code == 403, nama
