"""The public side of the read API: what the public pages show, and nothing else.

Every public endpoint is walked for every office and year and searched for marker strings
seeded into drafts, unverified realisasi, review notes, evidence and people's names: the test
fails the moment one of them is served."""

import json

import pytest

from tests.api.conftest import PENANDA

pytestmark = pytest.mark.django_db

TAHUN = (2024, 2025)


def _urls(slug: str) -> list[str]:
    out = ["/api/v1/pemda", "/api/v1/perangkat-daerah?limit=500", "/api/v1/lkjip?limit=500",
           f"/api/v1/perangkat-daerah/{slug}", f"/api/v1/perangkat-daerah/{slug}/pk?limit=500",
           f"/api/v1/perangkat-daerah/{slug}/renstra", f"/api/v1/lkjip?perangkat_daerah={slug}"]
    for t in TAHUN:
        out += [f"/api/v1/perangkat-daerah/{slug}/{x}/{t}" for x in ("lkjip", "capaian",
                                                                     "anggaran")]
        out += [f"/api/v1/perangkat-daerah/{slug}/pk?tahun={t}", f"/api/v1/lkjip?tahun={t}",
                f"/api/v1/perangkat-daerah/{slug}/renstra?tahun={t}"]
    return out


def test_no_public_endpoint_serves_drafts_notes_evidence_or_people(demo, anon, draf):
    bodies = {}
    for url in _urls(demo.slug):
        r = anon.get(url)
        assert r.status_code in (200, 404), (url, r.status_code)
        bodies[url] = r.content.decode()
    for url, body in bodies.items():
        for jenis, penanda in draf.items():
            assert penanda not in body, f"{jenis} bocor di {url}"
    # The walk saw the published year: an empty answer everywhere would also "leak nothing".
    assert "112.59" in bodies[f"/api/v1/perangkat-daerah/{demo.slug}/capaian/2024"]
    assert "Drs. H. Firdaus" in bodies[f"/api/v1/perangkat-daerah/{demo.slug}/pk?limit=500"]
    sementara = json.loads(bodies[f"/api/v1/perangkat-daerah/{demo.slug}/capaian/2025"])
    assert sementara["sumber"] == "pk_ditetapkan" and sementara["sasaran"]


def test_a_token_never_reads_drafts_or_unverified_values_either(demo, token_untuk, draf):
    c, _ = token_untuk(pd=demo)
    lkjip = json.loads(c.get("/api/v1/lkjip?tahun=2025").content)["items"]
    assert [(i["tahun"], i["status"], i["dipublikasikan"]) for i in lkjip] == [
        (2025, "draft", False)]  # the draft exists and its status is listed ...
    for url in (f"/api/v1/perangkat-daerah/{demo.slug}/lkjip/2025",
                f"/api/v1/perangkat-daerah/{demo.slug}/capaian/2025",
                f"/api/v1/perangkat-daerah/{demo.slug}/pk?tahun=2025"):
        r = c.get(url)
        assert r.status_code == 200, url
        body = r.content.decode()
        for jenis in ("pk_draf", "lkjip_draf", "realisasi_draf", "nilai_draf"):
            assert draf[jenis] not in body, f"{jenis} di {url}"  # ... its content is not


def test_a_2025_draft_appears_in_no_public_endpoint(demo, anon, draf):
    lkjip = json.loads(anon.get("/api/v1/lkjip?limit=500").content)["items"]
    assert [(i["tahun"], i["status"]) for i in lkjip] == [(2024, "ditetapkan")]
    for x in ("lkjip", "anggaran"):
        assert anon.get(f"/api/v1/perangkat-daerah/{demo.slug}/{x}/2025").status_code == 404
    pk = json.loads(anon.get(f"/api/v1/perangkat-daerah/{demo.slug}/pk?tahun=2025").content)
    assert all(p["status"] == "ditetapkan" for p in pk["items"])
    assert PENANDA["pk_draf"] not in json.dumps(pk)


def test_before_penetapan_the_2024_lkjip_is_not_public(demo, anon):
    assert json.loads(anon.get("/api/v1/lkjip").content) == {"items": [], "count": 0}
    for x in ("lkjip", "anggaran"):
        assert anon.get(f"/api/v1/perangkat-daerah/{demo.slug}/{x}/2024").status_code == 404


def test_a_withdrawn_lkjip_leaves_the_public_api_but_not_the_token(demo, anon, users,
                                                                  token_untuk,
                                                                  lkjip_2024_ditetapkan):
    from publik.models import PublikasiDicabut

    PublikasiDicabut.objects.create(perangkat_daerah=demo, jenis="lkjip",
                                    laporan=lkjip_2024_ditetapkan, alasan="Salah unggah",
                                    oleh=users["kepala"])
    assert anon.get(f"/api/v1/perangkat-daerah/{demo.slug}/lkjip/2024").status_code == 404
    assert json.loads(anon.get("/api/v1/lkjip").content)["count"] == 0
    c, _ = token_untuk(pd=demo)
    r = json.loads(c.get(f"/api/v1/perangkat-daerah/{demo.slug}/lkjip/2024").content)
    assert r["sasaran"][0]["capaian"] == 112.59
    item = json.loads(c.get("/api/v1/lkjip?tahun=2024").content)["items"][0]
    assert (item["status"], item["dipublikasikan"]) == ("ditetapkan", False)
