"""The pages carry the version they were drawn with: a save from a page someone else changed
meanwhile shows "Data ini sudah diubah oleh … pada …" and writes nothing; a fresh one saves, with
the optional reason in the audit row."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kinerja.models import Realisasi
from kinerja.realisasi.services import Entri, periode_set, realisasi_save
from renstra import services
from renstra.models import Indikator, PaguIndikatif, Program, TargetIndikator
from sakip.models import JejakAudit

SLUG = "dinsos-gowa"
REHAB = "Persentase PPKS yang Mendapatkan Pelayanan Rehabilitasi"
BASI = "Data ini sudah diubah oleh"


@pytest.fixture
def iku(demo):
    return Indikator.objects.get(renstra__perangkat_daerah=demo, is_iku=True)


@pytest.fixture
def kepala():
    return get_user_model().objects.get(username="kepala")


def _versi(html: str, name: str) -> str:
    m = re.search(rf'name="{re.escape(name)}" value="(\d+)"', html)
    assert m, f"input tersembunyi {name} tidak ada"
    return m.group(1)


def test_target_grid_from_a_stale_page_is_refused_and_nothing_changes(iku, client_as, kepala):
    c = client_as("perencana")
    url = reverse("renstra:target-grid", args=[SLUG])
    html = c.get(url).content.decode()
    t = TargetIndikator.objects.get(indikator=iku, tahun=2025)
    assert _versi(html, f"v-{iku.pk}-2025") == str(t.row_version)
    # Someone else saves the same target after the page was drawn.
    services.target_save(entri=[services.EntriTarget(iku, 2025, Decimal(650))], user=kepala)
    r = c.post(url, {f"t-{iku.pk}-2025": "700", f"v-{iku.pk}-2025": str(t.row_version),
                     "alasan": "koreksi"})
    assert r.status_code == 409
    body = r.content.decode()
    assert BASI in body and kepala.get_full_name() in body and "Tidak ada yang disimpan" in body
    assert 'value="700"' in body  # what was typed stays on the page
    assert TargetIndikator.objects.get(pk=t.pk).nilai == Decimal(650)
    # Reloaded, the same save goes through and the reason lands in the audit row.
    versi = _versi(c.get(url).content.decode(), f"v-{iku.pk}-2025")
    r = c.post(url, {f"t-{iku.pk}-2025": "700", f"v-{iku.pk}-2025": versi, "alasan": "koreksi"})
    assert r.status_code == 302
    assert TargetIndikator.objects.get(pk=t.pk).nilai == Decimal(700)
    jejak = JejakAudit.objects.filter(model="renstra.targetindikator", object_id=str(t.pk)).first()
    assert (jejak.nilai_baru, jejak.alasan) == ("700", "koreksi")


def test_target_cell_refused_when_stale_and_answers_the_new_version(iku, client_as, kepala):
    c = client_as("perencana")
    url = reverse("renstra:target-sel", args=[SLUG, iku.pk, 2025])
    versi = _versi(c.get(url, HTTP_HX_REQUEST="true").content.decode(), f"v-{iku.pk}-2025")
    r = c.post(url, {f"t-{iku.pk}-2025": "1.250", f"v-{iku.pk}-2025": versi},
               HTTP_HX_REQUEST="true")
    baru = _versi(r.content.decode(), f"v-{iku.pk}-2025")
    assert "tersimpan" in r.content.decode() and int(baru) == int(versi) + 1
    # A second tab still holding the old version.
    r = c.post(url, {f"t-{iku.pk}-2025": "9", f"v-{iku.pk}-2025": versi},
               HTTP_HX_REQUEST="true")
    assert BASI in r.content.decode() and 'role="alert"' in r.content.decode()
    assert TargetIndikator.objects.get(indikator=iku, tahun=2025).nilai == Decimal(1250)


def test_new_pagu_cell_created_meanwhile_is_refused(demo, client_as, kepala):
    prog = Program.objects.filter(renstra__perangkat_daerah=demo).first()
    PaguIndikatif.objects.filter(program=prog, tahun=2026).delete()
    url = reverse("renstra:pagu-sel", args=[SLUG, "program", prog.pk, 2026])
    c = client_as("perencana")
    name = f"v-p-program-{prog.pk}-2026"
    assert _versi(c.get(url, HTTP_HX_REQUEST="true").content.decode(), name) == "0"
    services.pagu_indikatif_save(entri=[services.EntriPagu(prog, 2026, Decimal(5_000_000))],
                                 user=kepala)
    r = c.post(url, {f"p-program-{prog.pk}-2026": "7.000.000", name: "0"},
               HTTP_HX_REQUEST="true")
    assert BASI in r.content.decode()
    assert PaguIndikatif.objects.get(program=prog, tahun=2026).nilai == Decimal(5_000_000)


def test_node_edit_from_a_stale_form_keeps_the_other_change(demo, client_as, kepala):
    prog = Program.objects.filter(renstra__perangkat_daerah=demo).first()
    c = client_as("perencana")
    url = reverse("renstra:node-ubah", args=[SLUG, "program", prog.pk])
    versi = _versi(c.get(url).content.decode(), "row_version")
    services.node_update(node=prog, user=kepala, nama="Nama dari kepala")
    r = c.post(url, {"kode": prog.kode, "nama": "Nama dari perencana", "urutan": 0,
                     "row_version": versi, "alasan": ""})
    assert r.status_code == 400 and BASI in r.content.decode()
    assert Program.objects.get(pk=prog.pk).nama == "Nama dari kepala"


def test_realisasi_form_from_a_stale_page_is_refused(demo, client_as):
    ind = Indikator.objects.get(renstra__perangkat_daerah=demo, uraian=REHAB)
    periode_set(perangkat_daerah=demo, tahun=2025, triwulan=2, dibuka=True)
    staf = client_as("staf.rehsos")
    url = reverse("kinerja:realisasi-edit", args=[SLUG, ind.pk, 2025, 2])
    versi = _versi(staf.get(url).content.decode(), "row_version")
    perencana = get_user_model().objects.get(username="perencana")
    realisasi_save(pd=demo, tahun=2025, user=perencana,
                   entri=[Entri(ind, 2, {"nilai": Decimal("41")})]).check()
    r = staf.post(url, {"aksi": "simpan", "nilai": "55", "row_version": versi})
    assert r.status_code == 400
    assert BASI in r.content.decode() and perencana.get_full_name() in r.content.decode()
    real = Realisasi.objects.get(indikator=ind, tahun=2025, triwulan=2)
    assert real.nilai == Decimal(41)
    # From the reloaded page the save lands, with the optional reason in the audit row.
    versi = _versi(staf.get(url).content.decode(), "row_version")
    r = staf.post(url, {"aksi": "simpan", "nilai": "55", "row_version": versi,
                        "alasan": "salah ketik"})
    assert r.status_code == 302
    real.refresh_from_db()
    assert real.nilai == Decimal(55) and real.row_version == int(versi) + 1
    jejak = JejakAudit.objects.filter(model="kinerja.realisasi", object_id=str(real.pk),
                                      field="nilai").first()
    assert (jejak.nilai_lama, jejak.nilai_baru, jejak.alasan) == ("41", "55", "salah ketik")
