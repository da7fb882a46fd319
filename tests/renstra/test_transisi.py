"""Renstra transitions: a new Renstra that overlaps the running one takes over no year silently.

The rule (renstra.selectors.renstra_berlaku_map): a year follows (a) the Renstra its ditetapkan
PK was built from, else (b) the Renstra recorded for it (a planner's choice, or kept at the
import of an overlapping Renstra because the year's data was entered under it), else (c) the
newest Renstra whose period covers it. The overlap scenario runs on the demo: Dinas Sosial Gowa
runs Renstra 2022–2026 with a ditetapkan PK 2024 and verified 2025 realisasi; a Renstra
2025–2029 (Tabel 4.2) is imported over it.
"""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dasbor.selectors import dasbor_kantor
from kinerja.models import Jenjang
from kinerja.pk import services as pk_services
from kinerja.realisasi.selectors import baris_realisasi
from laporan.builder import bangun_lkjip
from laporan.render_json import ke_dict
from renstra import services
from renstra.impor import impor_tabel42
from renstra.models import Indikator, Renstra, RenstraTahun
from renstra.selectors import (
    renstra_aktif,
    renstra_berlaku_map,
    tahun_berlaku,
    tahun_renstra,
)
from sakip.access import Akses
from sakip.models import JejakAudit, Pemda, PerangkatDaerah
from tests.renstra import tabel42_xlsx as T

pytestmark = pytest.mark.django_db

D = Decimal
HARI_INI = datetime.date(2026, 11, 30)


def _user(username):
    return get_user_model().objects.get(username=username)


def _tabel42() -> bytes:
    """A Renstra 2025–2029 (+2030) of a whole Dinas Sosial, codes shared with the demo's."""
    return T.xlsx(T.baris(T.dinas_lengkap()))


def _impor(pd, *, dry_run=False):
    return impor_tabel42(io.BytesIO(_tabel42()), pd, tahun_awal=2025, tahun_akhir=2029,
                         user=_user("perencana"), dry_run=dry_run, nama_berkas="renstra.xlsx")


def _pk_2025(pd):
    """The issue's demo: a PK 2025 built from Renstra 2022–2026 and ditetapkan."""
    lama = renstra_aktif(pd, 2025)
    iku = Indikator.objects.filter(renstra=lama, is_iku=True).first()
    pk = pk_services.pk_create(perangkat_daerah=pd, tahun=2025, jenjang=Jenjang.JPT_PRATAMA,
                               user=_user("perencana"))
    pk_services.pk_indikator_set(pk=pk, indikator=iku, target_tahunan=D("570"),
                                 user=_user("perencana"))
    return pk_services.pk_approve(pk=pk, user=_user("kepala"))


def _dasbor(pd, tahun):
    d = dasbor_kantor(pd, tahun=tahun, sampai_tw=4, hari_ini=HARI_INI)
    k = d.kualitas
    return {
        "renstra": d.renstra.pk, "capaian_iku": d.capaian_iku, "kategori": str(d.kategori_iku),
        "iku": [(b.indikator.pk, b.per_tw, b.capaian_proyeksi) for b in d.iku],
        "sasaran": [(s.sasaran.pk, s.capaian, [b.indikator.pk for b in s.indikator])
                    for s in d.sasaran],
        "program": [(p.node.kode, p.capaian, p.serapan, [b.indikator.pk for b in p.indikator])
                    for p in d.program],
        "anggaran": (d.anggaran.pagu, d.anggaran.realisasi, d.anggaran.serapan),
        "kualitas": (k.diharapkan, k.belum_diisi, k.terlambat, k.belum_diverifikasi),
    }


def _angka(pd) -> dict:
    """Every 2024 and 2025 figure a user reads: the LKjIP JSON, the office dashboard, the
    staff page's indicators (as the perencana sees them, TW I–IV)."""
    a = Akses(_user("perencana"))
    out = {}
    for tahun in (2024, 2025):
        out[f"lkjip {tahun}"] = ke_dict(bangun_lkjip(pd, tahun))
        out[f"dasbor {tahun}"] = _dasbor(pd, tahun)
        for tw in (1, 2, 3, 4):
            _r, rows = baris_realisasi(a, pd, tahun, tw, dengan_riwayat=False)
            out[f"staf {tahun} TW {tw}"] = [(r.indikator.pk, r.status) for r in rows]
    return out


def test_overlapping_renstra_changes_no_figure_of_2024_or_2025(demo):
    _pk_2025(demo)
    lama = renstra_aktif(demo, 2025)
    sebelum = _angka(demo)
    assert len(sebelum["staf 2025 TW 1"]) > 0 and sebelum["dasbor 2025"]["iku"]

    pratinjau = _impor(demo, dry_run=True)
    assert pratinjau.ok, pratinjau.galat
    per_tahun = {t.tahun: t.uraian for t in pratinjau.transisi}
    assert per_tahun == {
        2025: "2025: Renstra 2022\u20132026 \u2014 PK 2025 versi 1 ditetapkan dari Renstra ini.",
        2026: "2026: Renstra 2025\u20132029 \u2014 terbaru yang mencakup tahun ini",
    }
    hasil = _impor(demo)
    assert hasil.disimpan and hasil.renstra_baru
    baru = hasil.renstra

    assert _angka(demo) == sebelum
    # 2026 follows rule (c); the years before keep their Renstra; the year list keeps them all.
    assert renstra_aktif(demo, 2024) == renstra_aktif(demo, 2025) == lama
    assert renstra_aktif(demo, 2026) == baru
    assert tahun_renstra([demo.pk]) == list(range(2022, 2031))


def test_data_entered_under_the_old_renstra_keeps_its_year(demo):
    """The demo as shipped: no PK 2025, but 2025 realisasi verified under Renstra 2022–2026.
    The import keeps 2025 with it (recorded, audited) and says so in the preview."""
    lama = renstra_aktif(demo, 2025)
    sebelum = _angka(demo)
    pratinjau = _impor(demo, dry_run=True)
    t2025 = next(t for t in pratinjau.transisi if t.tahun == 2025)
    assert not t2025.renstra_baru and t2025.sumber == "impor"
    assert "realisasi" in t2025.alasan and "dipertahankan" in t2025.alasan
    assert not RenstraTahun.objects.filter(perangkat_daerah=demo, tahun=2025).exists()

    _impor(demo)
    assert _angka(demo) == sebelum
    catatan = RenstraTahun.objects.get(perangkat_daerah=demo, tahun=2025)
    assert (catatan.renstra, catatan.sumber) == (lama, RenstraTahun.Sumber.IMPOR)
    assert JejakAudit.objects.filter(model="renstra.renstratahun",
                                     object_id=str(catatan.pk)).exists()


def test_the_cli_json_names_the_overlapping_years(demo, tmp_path):
    berkas = tmp_path / "renstra.xlsx"
    berkas.write_bytes(_tabel42())
    out = io.StringIO()
    call_command("import_renstra", str(berkas), "--pd", demo.slug, "--periode", "2025-2029",
                 "--dry-run", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert {"program", "pagu", "peringatan", "galat", "perubahan"} <= set(data)
    assert [(t["tahun"], t["renstra"], t["renstra_baru"], t["sumber"])
            for t in data["transisi"]] == [
        (2025, "Renstra 2022\u20132026", False, "impor"),
        (2026, "Renstra 2025\u20132029", True, "terbaru"),
    ]


def test_a_renstra_of_its_own_period_has_no_transition(demo):
    pd = PerangkatDaerah.objects.create(pemda=Pemda.objects.first(), kode="9.99",
                                        nama="Dinas Uji Transisi", slug="dinas-uji-transisi")
    hasil = impor_tabel42(io.BytesIO(_tabel42()), pd, tahun_awal=2025, tahun_akhir=2029,
                          dry_run=True)
    assert hasil.ok and hasil.transisi == []
    assert hasil.ringkasan()["transisi"] == []


# --- rule (a): the PK records its Renstra; rule (b): the planner's switch ----------------------

def _baru(pd) -> Renstra:
    return services.renstra_create(perangkat_daerah=pd, tahun_awal=2025, tahun_akhir=2029)


def test_the_pk_approval_records_the_renstra_it_was_built_from(demo):
    lama = renstra_aktif(demo, 2024)
    catatan = RenstraTahun.objects.get(perangkat_daerah=demo, tahun=2024)
    assert (catatan.renstra, catatan.sumber) == (lama, RenstraTahun.Sumber.PK)
    assert catatan.alasan == "PK 2024 versi 2 ditetapkan dari Renstra ini."
    _baru(demo)
    assert renstra_aktif(demo, 2024) == lama


def test_planner_switches_a_year_without_pk_with_a_reason(demo, client_as):
    lama = renstra_aktif(demo, 2026)
    baru = _baru(demo)
    assert renstra_aktif(demo, 2026) == baru
    url = reverse("renstra:tahun", args=[demo.slug])
    c = client_as("perencana")
    r = c.get(url)
    assert r.status_code == 200
    assert "2026" in r.content.decode() and "terbaru yang mencakup tahun ini" in r.content.decode()

    r = c.post(url, {"tahun": 2026, "renstra": lama.pk, "alasan": "", "row_version": 0})
    assert r.status_code == 400 and "Alasan wajib diisi" in r.content.decode()
    assert renstra_aktif(demo, 2026) == baru

    r = c.post(url, {"tahun": 2026, "renstra": lama.pk, "row_version": 0,
                     "alasan": "RPJMD baru berlaku mulai 2027 (transisi)"})
    assert r.status_code == 302
    assert renstra_aktif(demo, 2026) == lama
    catatan = RenstraTahun.objects.get(perangkat_daerah=demo, tahun=2026)
    assert catatan.sumber == RenstraTahun.Sumber.PERENCANA
    jejak = JejakAudit.objects.get(model="renstra.renstratahun", object_id=str(catatan.pk))
    assert jejak.alasan == "RPJMD baru berlaku mulai 2027 (transisi)"
    assert jejak.nilai_baru.startswith("Renstra 2022\u20132026")


def test_a_year_with_a_ditetapkan_pk_cannot_be_switched(demo, client_as):
    baru = _baru(demo)
    lama = renstra_aktif(demo, 2024)
    r = client_as("perencana").post(reverse("renstra:tahun", args=[demo.slug]), {
        "tahun": 2024, "renstra": baru.pk, "alasan": "coba", "row_version": 1})
    assert r.status_code == 400
    assert "PK 2024 sudah ditetapkan" in r.content.decode()
    assert renstra_aktif(demo, 2024) == lama


def test_a_stale_switch_is_refused(demo):
    lama = renstra_aktif(demo, 2026)
    baru = _baru(demo)
    services.renstra_tahun_set(perangkat_daerah=demo, tahun=2026, renstra=lama,
                               alasan="transisi", user=_user("perencana"), versi_dasar=0)
    with pytest.raises(Exception, match="sudah diubah"):
        services.renstra_tahun_set(perangkat_daerah=demo, tahun=2026, renstra=baru,
                                   alasan="kembali", user=_user("perencana"), versi_dasar=0)


def test_the_years_page_lists_every_year_with_its_reason(demo):
    _baru(demo)
    baris = {b.tahun: b for b in tahun_berlaku(demo)}
    assert sorted(baris) == list(range(2022, 2030))
    assert baris[2024].terkunci and "PK 2024" in baris[2024].alasan
    assert baris[2023].renstra.tahun_awal == 2022
    assert baris[2027].renstra.tahun_awal == 2025
    for t, b in baris.items():
        assert b.renstra == renstra_aktif(demo, t)


# --- one fixed number of queries for any number of offices ------------------------------------

def _kantor(n: int) -> list[int]:
    pemda = Pemda.objects.first()
    ids = []
    for i in range(n):
        pd = PerangkatDaerah.objects.create(pemda=pemda, kode=f"8.{i:02d}", nama=f"Dinas {i}",
                                            slug=f"dinas-transisi-{i}")
        lama = Renstra.objects.create(perangkat_daerah=pd, tahun_awal=2021, tahun_akhir=2026)
        baru = Renstra.objects.create(perangkat_daerah=pd, tahun_awal=2025, tahun_akhir=2029)
        if i % 2:
            RenstraTahun.objects.create(perangkat_daerah=pd, tahun=2025, renstra=lama,
                                        sumber="perencana", alasan="uji")
        ids.append((pd.pk, lama if i % 2 else baru))
    return ids


@pytest.mark.parametrize("n", [1, 45])
def test_renstra_berlaku_map_reads_in_one_query(demo, n):
    kantor = _kantor(n)
    with CaptureQueriesContext(connection) as q:
        got = renstra_berlaku_map([pk for pk, _r in kantor], 2025)
    assert len(q.captured_queries) == 1
    assert {pk: r.pk for pk, r in got.items()} == {pk: r.pk for pk, r in kantor}
