"""Target sanity by unit, one formatting path for an indicator's values, PK messages in the
indicator's unit and aggregation label."""

from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.pk import services as pk_services
from renstra import services as renstra_services
from renstra.kewajaran import peringatan_target
from renstra.models import Agregasi, Indikator, TargetIndikator
from sakip.lib.angka import format_nilai, nilai_predikat_teks

from .conftest import SLUG


def _ind(**kw):
    base = {"uraian": "Indikator uji", "satuan": "Orang", "desimal": 0,
            "boleh_lebih_100": False}
    return SimpleNamespace(**{**base, **kw})


@pytest.mark.parametrize(("sifat", "nilai", "kata"), [
    ({"satuan": "%"}, "1250.5", "di atas 100 %"),
    ({"satuan": "persen", "desimal": 2}, "100.01", "di atas 100 %"),
    ({"satuan": "Orang"}, "1250.5", "berdesimal, padahal satuan Orang dihitung utuh"),
    ({"satuan": " kk "}, "3.25", "berdesimal"),
    ({"satuan": "Indeks", "desimal": 1}, "3.25", "lebih banyak desimal daripada pengaturan"),
])
def test_warns_by_unit(sifat, nilai, kata):
    (pesan,) = peringatan_target(_ind(**sifat), D(nilai), label="Target 2025")
    assert kata in pesan and pesan.startswith("Target 2025 'Indikator uji': ")


@pytest.mark.parametrize(("sifat", "nilai"), [
    ({"satuan": "%"}, "100"),
    ({"satuan": "%", "boleh_lebih_100": True, "desimal": 1}, "1250.5"),
    ({"satuan": "Orang"}, "1250"),
    ({"satuan": "Orang"}, "1250.000"),
    ({"satuan": "Indeks", "desimal": 2}, "3.25"),
])
def test_sane_targets_do_not_warn(sifat, nilai):
    assert peringatan_target(_ind(**sifat), D(nilai)) == []
    assert peringatan_target(_ind(**sifat), None) == []


def test_format_nilai_never_hides_a_stored_digit():
    assert format_nilai(D("1250.5"), 0) == "1.250,5"
    assert format_nilai(D("1250.5000"), 2) == "1.250,50"
    assert format_nilai(D("75"), 2) == "75,00"
    assert format_nilai(D("1250"), 0) == "1.250"
    assert nilai_predikat_teks(D("1250.5"), "", 0) == format_nilai(D("1250.5"), 0)


def test_target_save_warns_but_saves(demo, iku, users):
    tahun = iku.renstra.tahun_list[-1]
    hasil = renstra_services.target_save(
        entri=[renstra_services.EntriTarget(iku, tahun, D("1250.5"), "")],
        user=users["perencana"])
    assert TargetIndikator.objects.get(indikator=iku, tahun=tahun).nilai == D("1250.5")
    assert len(hasil) == 1
    assert hasil.peringatan == [
        f"Target {tahun} '{iku.uraian}': 1.250,5 Orang berdesimal, padahal satuan Orang "
        "dihitung utuh. Periksa lagi isian target."]
    # Saving the same value again changes nothing and says nothing.
    lagi = renstra_services.target_save(
        entri=[renstra_services.EntriTarget(iku, tahun, D("1250.5"), "")],
        user=users["perencana"])
    assert list(lagi) == [] and lagi.peringatan == []


def test_grid_cell_and_tree_show_the_same_value(demo, iku, client_as):
    tahun = iku.renstra.tahun_list[-1]
    c = client_as("perencana")
    r = c.post(reverse("renstra:target-sel", args=[SLUG, iku.pk, tahun]),
               {f"t-{iku.pk}-{tahun}": "1.250,5", "nilai": "1.250,5"}, HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert r.status_code == 200
    assert 'value="1.250,5"' in html and "berdesimal" in html
    pohon = c.get(reverse("renstra:pohon", args=[SLUG]) + f"?renstra={iku.renstra_id}")
    teks = pohon.content.decode()
    assert "1.250,5" in teks and "1.251<" not in teks


def test_grid_post_shows_the_warning_after_save(demo, program_persen, client_as):
    ind = program_persen
    tahun = ind.renstra.tahun_list[-1]
    r = client_as("perencana").post(
        reverse("renstra:target-grid", args=[SLUG]) + f"?renstra={ind.renstra_id}",
        {f"t-{ind.pk}-{tahun}": "1.250,5", "alasan": "uji"}, follow=True)
    assert r.status_code == 200
    assert TargetIndikator.objects.get(indikator=ind, tahun=tahun).nilai == D("1250.5")
    assert "di atas 100 %" in r.content.decode()
    Indikator.objects.filter(pk=ind.pk).update(boleh_lebih_100=True)
    r = client_as("perencana").post(
        reverse("renstra:target-grid", args=[SLUG]) + f"?renstra={ind.renstra_id}",
        {f"t-{ind.pk}-{tahun}": "1.300", "alasan": "uji"}, follow=True)
    assert "di atas 100 %" not in r.content.decode()


def test_pk_sum_message_uses_unit_desimal_and_label(demo, iku):
    assert iku.agregasi == Agregasi.SUM
    pk = pk_services.pk_create(perangkat_daerah=demo, tahun=2025, jenjang="jpt_pratama")
    with pytest.raises(ValidationError) as e:
        pk_services.pk_indikator_set(
            pk=pk, indikator=iku, target_tahunan=D("600"),
            target_tw=[D("100"), D("100"), D("100"), D("100")])
    (pesan,) = e.value.messages
    assert pesan == ("Jumlah target TW I–IV (400 Orang) harus sama dengan target tahunan "
                     "(600 Orang): agregasi indikator ini \u201cJumlah per triwulan\u201d dengan "
                     "target per triwulan.")
    assert "kumulatif" not in pesan and "400,00" not in pesan


def test_pk_save_warns_on_a_count_with_decimals(demo, iku):
    pk = pk_services.pk_create(perangkat_daerah=demo, tahun=2025, jenjang="jpt_pratama")
    isi = [pk_services.IsiIndikator(indikator=iku, target_tahunan=D("600.5"),
                                    target_tahunan_teks="", target_tw=(None,) * 4,
                                    mode_tw="per_triwulan", urutan=1)]
    assert pk_services.peringatan_pk(pk, isi) == [
        f"Target PK 2025 '{iku.uraian}': 600,5 Orang berdesimal, padahal satuan Orang dihitung "
        "utuh. Periksa lagi isian target."]


def test_aggregation_labels_are_indonesian():
    assert Agregasi.SUM.label == "Jumlah per triwulan"
    assert Agregasi.LAST.label == "Nilai triwulan terakhir"
    assert Agregasi.YTD.label == "Kumulatif s.d. triwulan"
    assert {a.label for a in Agregasi} >= {"Rata-rata", "Tertinggi", "Terendah"}
