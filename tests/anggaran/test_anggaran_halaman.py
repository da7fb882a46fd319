"""Budget pages: serapan roll-up, pagu per tahap, realisasi per quarter or month, refusal above
the pagu, warnings on parents, access on the object, fixed queries."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anggaran.models import Pagu, RealisasiAnggaran
from anggaran.selectors import ringkasan_anggaran
from anggaran.services import EntriPagu, EntriRealisasiAnggaran, anggaran_save
from renstra import services as rs
from renstra.models import Program
from sakip.models import JejakAudit, PerangkatDaerah

SLUG = "dinsos-gowa"


def _node_url(node, name="anggaran:node"):
    return reverse(name, args=[SLUG, node._meta.model_name, node.pk]) + "?tahun=2025"


def test_summary_2024_matches_the_lkjip(demo, client_as):
    r = client_as("kepala").get(reverse("anggaran:ringkasan", args=[SLUG]) + "?tahun=2024")
    html = r.content.decode()
    assert r.status_code == 200
    assert "5.319.338.072" in html and "4.996.397.274" in html and "93,93 %" in html


def test_pagu_stages_and_the_pagu_in_force(sub, client_as):
    s = sub[0]
    c = client_as("perencana")
    r = c.post(_node_url(s, "anggaran:pagu-simpan"), {
        "tahap": "perubahan", "nilai": "Rp 125.500.000", "tanggal_dokumen": "2025-09-30",
        "nomor_dokumen": "DPPA/1.06/2025", "alasan": "P-APBD 2025"})
    assert r.status_code == 302
    p = Pagu.objects.get(subkegiatan=s, tahun=2025, tahap="perubahan")
    assert p.nilai == Decimal("125500000") and str(p.tanggal_dokumen) == "2025-09-30"
    node = ringkasan_anggaran(s.kegiatan.program.renstra, 2025).node("subkegiatan", s.pk)
    assert node.pagu == Decimal("125500000") and node.pagu_murni == Decimal("100000000")
    assert JejakAudit.objects.filter(model="anggaran.pagu", object_id=str(p.pk),
                                     alasan="P-APBD 2025").exists()


def test_realisasi_per_quarter_and_month_and_the_pagu_limit(sub, client_as):
    s = sub[0]
    c = client_as("perencana")
    url = _node_url(s, "anggaran:realisasi-simpan")
    assert c.post(url, {"periode": "tw1", "nilai": "60.000.000"}).status_code == 302
    r = c.post(url, {"periode": "b4", "nilai": "30.000.000"})
    assert r.status_code == 302
    r = c.post(url, {"periode": "b5", "nilai": "20.000.000"})  # 60 + 30 + 20 > 100
    assert r.status_code == 400
    pesan = str(r.context["real_form"].errors)
    assert "melebihi pagu Rp 100.000.000" in pesan and "Rp 110.000.000" in pesan
    r = c.post(url, {"periode": "tw2", "nilai": "1.000.000"})  # TW II is kept per month
    assert r.status_code == 400
    assert "per bulan" in str(r.context["real_form"].errors)
    assert RealisasiAnggaran.objects.filter(subkegiatan=s).count() == 2
    node = ringkasan_anggaran(s.kegiatan.program.renstra, 2025).node("subkegiatan", s.pk)
    assert node.realisasi_tw[:2] == [Decimal("60000000"), Decimal("30000000")]
    assert node.serapan == Decimal(90)


def test_lowering_the_pagu_below_spending_is_refused(sub, client_as):
    s = sub[0]
    c = client_as("perencana")
    c.post(_node_url(s, "anggaran:realisasi-simpan"), {"periode": "tw1", "nilai": "80.000.000"})
    r = c.post(_node_url(s, "anggaran:pagu-simpan"), {"tahap": "perubahan", "nilai": "70.000.000"})
    assert r.status_code == 400 and "melebihi pagu" in str(r.context["pagu_form"].errors)


def test_parent_pagu_differing_from_children_is_warned(sub, client_as):
    keg = sub[0].kegiatan
    assert anggaran_save(tahun=2025, pagu=[EntriPagu(keg, "murni", 150_000_000)]).ok
    r = client_as("perencana").get(reverse("anggaran:ringkasan", args=[SLUG]) + "?tahun=2025")
    html = r.content.decode()
    assert "berbeda dari jumlah rinciannya Rp 200.000.000" in html


def test_only_perencana_and_admin_write(sub, client_as):
    s = sub[0]
    for user in ("kepala", "inspektorat", "staf.rehsos"):
        r = client_as(user).post(_node_url(s, "anggaran:pagu-simpan"),
                                 {"tahap": "murni", "nilai": "1"})
        assert r.status_code == 403
    assert Pagu.objects.get(subkegiatan=s, tahun=2025).nilai == Decimal("100000000")


def test_node_of_another_office_is_not_found_here(demo, client_as):
    lain = PerangkatDaerah.objects.create(pemda=demo.pemda, nama="Dinas Lain", slug="dinas-lain")
    renstra = rs.renstra_create(perangkat_daerah=lain, tahun_awal=2022, tahun_akhir=2026)
    prog = rs.program_create(renstra=renstra, kode="1.02.02", nama="Program lain")
    url = reverse("anggaran:pagu-simpan", args=[SLUG, "program", prog.pk])
    r = client_as("perencana").post(url, {"tahap": "murni", "nilai": "1"})
    assert r.status_code == 404
    assert not Pagu.objects.filter(program=prog).exists()
    r = client_as("perencana").get(reverse("anggaran:node", args=["dinas-lain", "program",
                                                                   prog.pk]))
    assert r.status_code == 404  # an office the user has no role on is hidden, not refused


def _queries(client, url):
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def test_summary_runs_fixed_queries(sub, client_as):
    c = client_as("perencana")
    url = reverse("anggaran:ringkasan", args=[SLUG]) + "?tahun=2025"
    kecil = _queries(c, url)
    keg = sub[0].kegiatan
    baru = [rs.subkegiatan_create(kegiatan=keg, kode=f"1.06.04.2.01.{i:04d}", nama=f"S{i}")
            for i in range(10, 40)]
    assert anggaran_save(
        tahun=2025, pagu=[EntriPagu(s, "murni", 10) for s in baru],
        realisasi=[EntriRealisasiAnggaran(s, tw, 1) for s in baru for tw in (1, 2)],
    ).ok
    assert Program.objects.count() >= 6
    assert _queries(c, url) == kecil
