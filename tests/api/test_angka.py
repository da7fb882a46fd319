"""The API's figures are the LKjIP JSON's: same keys, same numbers (the demo's 2024 report,
set ditetapkan through the services: 112,59 / 93,93 / 18,11)."""

import json

import pytest

from laporan.render_json import ke_dict
from laporan.selectors import susun

pytestmark = pytest.mark.django_db


@pytest.fixture
def lkjip_json(demo, lkjip_2024_ditetapkan):
    """What ``manage.py lkjip --format json`` prints for the signed report."""
    return ke_dict(susun(demo, 2024, lkjip_2024_ditetapkan).data)


def _memuat(api, kontrak, jalur="") -> None:
    """Every key of the LKjIP JSON is in the API's answer with the same value (the API may
    add keys, as the contract allows, but never change one)."""
    if isinstance(kontrak, dict):
        for k, v in kontrak.items():
            assert k in api, f"{jalur}.{k} hilang"
            _memuat(api[k], v, f"{jalur}.{k}")
    elif isinstance(kontrak, list):
        assert len(api) == len(kontrak), jalur
        for i, (a, b) in enumerate(zip(api, kontrak, strict=True)):
            _memuat(a, b, f"{jalur}[{i}]")
    else:
        assert api == kontrak and type(api) is type(kontrak), (jalur, api, kontrak)


def _get(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.content
    return json.loads(r.content)


def test_public_figures_equal_the_lkjip_json(demo, anon, lkjip_json):
    base = f"/api/v1/perangkat-daerah/{demo.slug}"
    lkjip = _get(anon, f"{base}/lkjip/2024")
    capaian = _get(anon, f"{base}/capaian/2024")
    anggaran = _get(anon, f"{base}/anggaran/2024")

    assert lkjip["sasaran"][0]["capaian"] == capaian["sasaran"][0]["capaian"] == 112.59
    assert lkjip["anggaran"]["serapan"] == anggaran["serapan"] == 93.93
    assert lkjip["efisiensi"][0]["efisiensi"] == 18.11
    # Not only the three headline numbers: every block equals the LKjIP JSON, key for key.
    for kunci in ("efisiensi", "anggaran", "perjanjian_kinerja", "renstra", "tujuan",
                  "penandatangan", "standar_penilaian"):
        _memuat(lkjip[kunci], lkjip_json[kunci], kunci)
    for api_s, s in zip(lkjip["sasaran"], lkjip_json["sasaran"], strict=True):
        _memuat(api_s, {k: v for k, v in s.items() if k in api_s}, "sasaran")
        _memuat(api_s["indikator"], s["indikator"], "sasaran.indikator")
    _memuat(anggaran, lkjip_json["anggaran"], "anggaran")
    _memuat(capaian["sasaran"][0]["indikator"], lkjip_json["sasaran"][0]["indikator"], "cap")
    ind = capaian["sasaran"][0]["indikator"][0]
    assert (ind["target"], ind["realisasi"], ind["kategori"]) == (580, 653, "Sangat Berhasil")
    assert len(ind["realisasi_triwulan"]) == 4 and ind["tahunan"]


def test_token_reads_the_same_signed_figures(demo, token_untuk, lkjip_json):
    c, _ = token_untuk(pd=demo)
    lkjip = _get(c, f"/api/v1/perangkat-daerah/{demo.slug}/lkjip/2024")
    assert lkjip["sumber"] == "lkjip_ditetapkan"
    assert lkjip["efisiensi"] == lkjip_json["efisiensi"]
    anggaran = _get(c, f"/api/v1/perangkat-daerah/{demo.slug}/anggaran/2024")
    # The token reads the budget down to every sub kegiatan; the totals are the report's.
    assert (anggaran["pagu"], anggaran["realisasi"], anggaran["serapan"]) == (
        5319338072, 4996397274, 93.93)
    kegiatan = [k for p in anggaran["program"] for k in p["kegiatan"]]
    assert kegiatan and all(isinstance(k["sub_kegiatan"], list) for k in kegiatan)


def test_pk_lines_carry_tw_targets_in_the_lkjip_notation(demo, anon, lkjip_json):
    pk = _get(anon, f"/api/v1/perangkat-daerah/{demo.slug}/pk?tahun=2024")["items"]
    jpt = next(p for p in pk if p["jenjang"] == "jpt_pratama")
    kontrak = lkjip_json["perjanjian_kinerja"]
    assert jpt["versi"] == kontrak["versi"]
    assert [(b["uraian"], b["target"], b["target_triwulan"]) for b in jpt["indikator"]] == [
        (b["uraian"], b["target"], b["target_triwulan"]) for b in kontrak["indikator"]]
    assert jpt["total_anggaran"] == kontrak["total_anggaran"]


def test_renstra_tree_has_indicators_and_yearly_targets(demo, anon, lkjip_2024_ditetapkan):
    r = _get(anon, f"/api/v1/perangkat-daerah/{demo.slug}/renstra?tahun=2024")
    ind = r["tujuan"][0]["sasaran"][0]["indikator"][0]
    assert [t["tahun"] for t in ind["target"]] == r["tahun"]
    assert any(t["target"] == 580 for t in ind["target"])
    assert r["program"] and "kegiatan" in r["program"][0]
