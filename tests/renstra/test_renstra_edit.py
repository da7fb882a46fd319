"""Editing the Renstra: services (audit, refusals) and the views planners use."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from demo.gowa import hapus_data_pd
from kinerja.models import Jenjang, PKIndikator
from kinerja.pk import services as pk_services
from renstra import selectors, services
from renstra.models import (
    Indikator,
    Kegiatan,
    Program,
    Renstra,
    Sasaran,
    TargetIndikator,
    Tujuan,
)
from sakip.models import JejakAudit

SLUG = "dinsos-gowa"
User = get_user_model()


@pytest.fixture
def iku(demo):
    return Indikator.objects.get(renstra__perangkat_daerah=demo, is_iku=True)


@pytest.fixture
def perencana(demo, django_user_model):
    return django_user_model.objects.get(username="perencana")


# --- services ---------------------------------------------------------------------------------

def test_indikator_update_audits_baseline_change(iku, perencana):
    services.indikator_update(indikator=iku, user=perencana, alasan="koreksi LKjIP",
                              baseline_nilai=Decimal("4674"), is_spm=True)
    iku.refresh_from_db()
    assert iku.baseline_nilai == Decimal("4674") and iku.is_spm
    row = JejakAudit.objects.get(model="renstra.indikator", object_id=str(iku.pk),
                                 field="baseline_nilai")
    assert (row.nilai_lama, row.nilai_baru, row.alasan) == ("2444", "4674", "koreksi LKjIP")
    assert row.user == perencana


def test_node_update_audits_text_change(demo, perencana):
    sasaran = Sasaran.objects.get(tujuan__renstra__perangkat_daerah=demo)
    services.node_update(node=sasaran, user=perencana, uraian="Sasaran baru", kode="S1")
    row = JejakAudit.objects.get(model="renstra.sasaran", field="uraian")
    assert row.nilai_baru == "Sasaran baru"
    assert not JejakAudit.objects.filter(model="renstra.sasaran", field="kode").exists()


def test_target_save_skips_unchanged_and_keeps_null(iku, perencana):
    n = len(services.target_save(user=perencana, entri=[
        services.EntriTarget(iku, 2022), services.EntriTarget(iku, 2023, Decimal("563")),
        services.EntriTarget(iku, 2024, Decimal("1250.5"))]))
    assert n == 1
    assert not TargetIndikator.objects.filter(indikator=iku, tahun=2022).exists()
    assert TargetIndikator.objects.get(indikator=iku, tahun=2024).nilai == Decimal("1250.5")


def test_delete_refused_for_indicator_with_realisasi(iku, perencana):
    with pytest.raises(ValidationError) as e:
        services.node_delete(node=iku, user=perencana)
    pesan = " ".join(e.value.messages)
    assert "tidak dapat dihapus" in pesan and "5 realisasi" in pesan
    assert "1 indikator PK" in pesan and "Nonaktifkan" in pesan
    assert Indikator.objects.filter(pk=iku.pk).exists()


def test_delete_refused_for_program_in_ditetapkan_pk(demo, perencana):
    program = Program.objects.get(renstra__perangkat_daerah=demo, kode="1.06.02")
    with pytest.raises(ValidationError) as e:
        services.node_delete(node=program, user=perencana)
    pesan = " ".join(e.value.messages)
    assert "2 anggaran PK" in pesan and "1 pagu" in pesan and "4 realisasi anggaran" in pesan


def test_delete_tujuan_without_history_removes_subtree_and_audits_targets(demo, perencana):
    renstra = demo.renstra_set.get()
    tujuan = services.tujuan_create(renstra=renstra, uraian="Tujuan sementara")
    sasaran = services.sasaran_create(tujuan=tujuan, uraian="Sasaran sementara")
    ind = services.indikator_create(renstra=renstra, sasaran=sasaran, uraian="Ind sementara",
                                    user=perencana)
    services.target_save(entri=[services.EntriTarget(ind, 2025, Decimal("7"))], user=perencana)
    # A draft PK line using the indicator goes with it (drafts are still being written).
    pk = pk_services.pk_create(perangkat_daerah=demo, tahun=2025,
                                    jenjang=Jenjang.JPT_PRATAMA, user=perencana)
    pk_services.pk_indikator_set(pk=pk, indikator=ind, target_tahunan=Decimal("7"))
    assert selectors.alasan_tolak_hapus(tujuan) == []
    services.node_delete(node=tujuan, user=perencana, alasan="salah ketik")
    assert not Tujuan.objects.filter(pk=tujuan.pk).exists()
    assert not Indikator.objects.filter(pk=ind.pk).exists()
    assert not PKIndikator.objects.filter(perjanjian=pk).exists()
    jejak = JejakAudit.objects.filter(model="renstra.targetindikator", aksi="hapus").get()
    assert (jejak.nilai_lama, jejak.nilai_baru, jejak.alasan) == ("7", None, "salah ketik")
    assert JejakAudit.objects.filter(model="kinerja.pkindikator", aksi="hapus").count() == 1


def test_admin_refuses_to_delete_a_renstra_with_history(demo, client):
    """The plan is read-only in the admin (its targets and pagu are audited): no delete page."""
    renstra = demo.renstra_set.get()
    client.force_login(User.objects.create_superuser("super", password="x"))
    url = reverse("admin:renstra_renstra_delete", args=[renstra.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Renstra.objects.filter(pk=renstra.pk).exists()


def test_demo_reload_removes_the_plan_after_its_history(demo):
    hapus_data_pd(demo)
    assert not Renstra.objects.filter(perangkat_daerah=demo).exists()


def test_sasaran_program_set_links_and_unlinks(demo, perencana):
    sasaran = Sasaran.objects.get(tujuan__renstra__perangkat_daerah=demo)
    penunjang = Program.objects.get(renstra__perangkat_daerah=demo, kode="1.06.01")
    rehsos = Program.objects.get(renstra__perangkat_daerah=demo, kode="1.06.04")
    services.sasaran_program_set(sasaran=sasaran, programs=[penunjang, rehsos], user=perencana)
    assert set(sasaran.program_set.values_list("kode", flat=True)) == {"1.06.01", "1.06.04"}
    assert JejakAudit.objects.filter(model="renstra.sasaran", field="program_pendukung").exists()


# --- views ------------------------------------------------------------------------------------

def _htmx_post(client, url, data):
    return client.post(url, data, HTTP_HX_REQUEST="true")


def test_target_cell_accepts_indonesian_number(iku, client_as, perencana):
    url = reverse("renstra:target-sel", args=[SLUG, iku.pk, 2025])
    r = _htmx_post(client_as("perencana"), url, {f"t-{iku.pk}-2025": "1.250,5"})
    assert r.status_code == 200
    html = r.content.decode()
    assert 'value="1.250,5"' in html and "tersimpan" in html
    assert f'hx-post="{url}"' in html  # the swapped cell posts to the same URL again
    assert TargetIndikator.objects.get(indikator=iku, tahun=2025).nilai == Decimal("1250.5")
    jejak = JejakAudit.objects.filter(model="renstra.targetindikator", field="nilai").first()
    assert (jejak.nilai_lama, jejak.nilai_baru, jejak.user) == ("600", "1250.5", perencana)


@pytest.mark.parametrize("teks, pesan", [
    ("12.34", "titik dipakai sebagai pemisah ribuan"),
    ("abc", "bukan angka"),
    ("77,26 (BB)", "hanya untuk indikator kualitatif"),
])
def test_target_cell_refuses_bad_input_in_place(iku, client_as, teks, pesan):
    url = reverse("renstra:target-sel", args=[SLUG, iku.pk, 2025])
    r = _htmx_post(client_as("perencana"), url, {f"t-{iku.pk}-2025": teks})
    assert r.status_code == 200  # swapped in place with the message
    html = r.content.decode()
    assert pesan in html and 'role="alert"' in html
    assert TargetIndikator.objects.get(indikator=iku, tahun=2025).nilai == Decimal("600")


def test_target_cell_keeps_qualitative_target(demo, client_as):
    renstra = demo.renstra_set.get()
    sasaran = Sasaran.objects.get(tujuan__renstra=renstra)
    akip = services.indikator_create(renstra=renstra, sasaran=sasaran, uraian="Nilai AKIP",
                                     satuan="Nilai", jenis_nilai="angka_predikat", desimal=2)
    url = reverse("renstra:target-sel", args=[SLUG, akip.pk, 2024])
    r = _htmx_post(client_as("perencana"), url, {f"t-{akip.pk}-2024": "77,26 (BB)"})
    assert 'value="77,26 (BB)"' in r.content.decode()
    t = TargetIndikator.objects.get(indikator=akip, tahun=2024)
    assert (t.nilai, t.nilai_teks) == (Decimal("77.26"), "BB")


def test_target_grid_form_is_all_or_nothing(iku, client_as):
    url = reverse("renstra:target-grid", args=[SLUG])
    c = client_as("perencana")
    r = c.post(url, {f"t-{iku.pk}-2025": "700", f"t-{iku.pk}-2026": "7.00"})
    assert r.status_code == 400
    assert "titik dipakai sebagai pemisah ribuan" in r.content.decode()
    assert TargetIndikator.objects.get(indikator=iku, tahun=2025).nilai == Decimal("600")
    r = c.post(url, {f"t-{iku.pk}-2025": "700", f"t-{iku.pk}-2026": "1.000"})
    assert r.status_code == 302
    assert TargetIndikator.objects.get(indikator=iku, tahun=2026).nilai == Decimal("1000")


def test_pagu_cell_saves_rupiah(demo, client_as):
    program = Program.objects.get(renstra__perangkat_daerah=demo, kode="1.06.04")
    url = reverse("renstra:pagu-sel", args=[SLUG, "program", program.pk, 2025])
    r = _htmx_post(client_as("perencana"), url,
                   {f"p-program-{program.pk}-2025": "1.250.000,50"})
    assert 'value="1.250.000,5"' in r.content.decode()
    assert f'hx-post="{url}"' in r.content.decode()
    assert program.pagu_indikatif_set.get(tahun=2025).nilai == Decimal("1250000.50")
    r = _htmx_post(client_as("perencana"), url, {f"p-program-{program.pk}-2025": "-5"})
    assert "tidak boleh negatif" in r.content.decode()


def test_indikator_edit_form_saves_settings_and_targets(iku, client_as):
    url = reverse("renstra:indikator-edit", args=[SLUG, iku.pk])
    c = client_as("perencana")
    r = c.get(url)
    assert r.status_code == 200 and 'value="2.444"' in r.content.decode()
    data = {
        "uraian": iku.uraian, "satuan": "Jiwa", "polaritas": "negatif", "rumus_negatif": "NEG-B",
        "agregasi": "SUM", "agregasi_target_akhir": "LAST", "jenis_nilai": "angka",
        "desimal": "0", "definisi_operasional": "Definisi", "sumber_data": "DTKS",
        "is_iku": "on", "aktif": "on", "baseline_tahun": "2021", "baseline_nilai": "4.674",
        "target_2023": "563", "target_2024": "580", "target_2025": "1.250,5", "target_2026": "",
        "alasan": "Renstra perubahan",
    }
    r = c.post(url, data)
    assert r.status_code == 302, r.content.decode()
    iku.refresh_from_db()
    assert (iku.satuan, iku.polaritas, iku.rumus_negatif) == ("Jiwa", "negatif", "NEG-B")
    assert iku.baseline_nilai == Decimal("4674")
    targets = dict(TargetIndikator.objects.filter(indikator=iku).values_list("tahun", "nilai"))
    assert targets[2025] == Decimal("1250.5") and targets[2026] is None


def test_indikator_edit_rejects_bad_number_without_saving(iku, client_as):
    url = reverse("renstra:indikator-edit", args=[SLUG, iku.pk])
    r = client_as("perencana").post(url, {
        "uraian": "X", "polaritas": "positif", "agregasi": "SUM",
        "agregasi_target_akhir": "LAST", "jenis_nilai": "angka", "desimal": "0",
        "baseline_tahun": "2021", "baseline_nilai": "4.8294.89",
    })
    assert r.status_code == 400
    assert "titik dipakai sebagai pemisah ribuan" in r.content.decode()
    iku.refresh_from_db()
    assert iku.uraian != "X"


def test_node_tambah_kegiatan_and_hapus(demo, client_as):
    program = Program.objects.get(renstra__perangkat_daerah=demo, kode="1.06.04")
    c = client_as("perencana")
    r = c.post(reverse("renstra:node-tambah", args=[SLUG, "kegiatan", program.pk]),
               {"kode": "1.06.04.2.02", "nama": "Rehabilitasi Sosial PMKS Lainnya"})
    assert r.status_code == 302
    keg = Kegiatan.objects.get(program=program, kode="1.06.04.2.02")
    url = reverse("renstra:node-hapus", args=[SLUG, "kegiatan", keg.pk])
    assert c.post(url, {}).status_code == 400  # no confirmation, nothing deleted
    assert Kegiatan.objects.filter(pk=keg.pk).exists()
    assert c.post(url, {"konfirmasi": "on"}).status_code == 302
    assert not Kegiatan.objects.filter(pk=keg.pk).exists()


def test_duplicate_program_code_is_refused_with_message(demo, client_as):
    renstra = demo.renstra_set.get()
    r = client_as("perencana").post(
        reverse("renstra:node-tambah", args=[SLUG, "program", renstra.pk]),
        {"kode": "1.06.04", "nama": "Duplikat"})
    assert r.status_code == 400
    pesan = "Kode 1.06.04 sudah dipakai oleh 1.06.04 Program Rehabilitasi Sosial"
    assert pesan in r.content.decode()


def test_hapus_page_explains_why_not(iku, client_as):
    r = client_as("perencana").get(reverse("renstra:indikator-hapus", args=[SLUG, iku.pk]))
    html = r.content.decode()
    assert "Tidak dapat dihapus" in html and "5 realisasi" in html
    r = client_as("perencana").post(reverse("renstra:indikator-hapus", args=[SLUG, iku.pk]),
                                    {"konfirmasi": "on"})
    assert r.status_code == 400 and Indikator.objects.filter(pk=iku.pk).exists()


@pytest.mark.parametrize("user", ["staf.rehsos", "inspektorat", "kepala"])
def test_readers_cannot_change_targets(iku, client_as, user):
    url = reverse("renstra:target-sel", args=[SLUG, iku.pk, 2025])
    r = _htmx_post(client_as(user), url, {f"t-{iku.pk}-2025": "1"})
    assert r.status_code == 403
    assert TargetIndikator.objects.get(indikator=iku, tahun=2025).nilai == Decimal("600")
