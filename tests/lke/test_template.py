"""LKE templates as data: the shipped 88/2021 and 12/2015 files, idempotent loading, revisions
that leave past evaluations alone, pemda variants, and per-cell errors."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from lke import services
from lke.models import Evaluasi, KerangkaLogis, Komponen, Kriteria, TemplateLke
from lke.saran_kunci import SARAN
from lke.selectors import template_berlaku
from tests.factories import PemdaFactory
from tests.lke.conftest import FIXTURE_12, FIXTURE_88, xlsx_template


def _bobot(tpl):
    return {k.kode: (k.bobot, [s.bobot for s in k.subkomponen_set.all()])
            for k in Komponen.objects.filter(template=tpl).prefetch_related("subkomponen_set")}


def test_template_88_2021_empat_komponen_20_30_50(demo):
    tpl, dibuat = services.template_load(FIXTURE_88, "88/2021")
    assert not dibuat  # the demo loaded the same content already
    assert _bobot(tpl) == {
        "A": (D(30), [D(6), D(9), D(15)]), "B": (D(30), [D(6), D(9), D(15)]),
        "C": (D(15), [D(3), D("4.5"), D("7.5")]), "D": (D(25), [D(5), D("7.5"), D("12.5")]),
    }
    kriteria = Kriteria.objects.filter(subkomponen__komponen__template=tpl)
    assert kriteria.count() == 50
    assert {k.saran for k in kriteria if k.saran} == set(SARAN)
    assert all(k.penjelasan for k in kriteria)
    kl = KerangkaLogis.objects.filter(kriteria__subkomponen__komponen__template=tpl)
    assert {k.jenis for k in kl} == {"kriteria", "rata_sub"}
    lkjip = kl.get(kriteria__kode="C.2.1")
    assert lkjip.acuan_kriteria.kode == "C.1.1"


def test_template_12_2015_bisa_dimuat(db):
    tpl, dibuat = services.template_load(FIXTURE_12, "12/2015")
    assert dibuat and tpl.revisi == 1
    bobot = _bobot(tpl)
    assert [b[0] for b in bobot.values()] == [D(30), D(25), D(15), D(10), D(20)]
    assert sum(bobot["1"][1]) == D(30) and len(bobot["1"][1]) == 6


def test_muat_ulang_isi_sama_tidak_mengubah_apa_pun(db):
    tpl, dibuat = services.template_load(xlsx_template(), "uji/a")
    assert dibuat
    lagi, dibuat2 = services.template_load(xlsx_template(), "uji/a")
    assert (lagi.pk, lagi.revisi, dibuat2) == (tpl.pk, 1, False)


def test_berkas_berubah_saat_belum_dipakai_diganti_di_tempat(db):
    tpl, _ = services.template_load(xlsx_template(n=1), "uji/b")
    baru, dibuat = services.template_load(xlsx_template(n=3), "uji/b")
    assert dibuat and baru.pk == tpl.pk and baru.revisi == 1
    assert Kriteria.objects.filter(subkomponen__komponen__template=tpl).count() == 12


def test_berkas_berubah_setelah_dipakai_menjadi_revisi_baru(pd_uji, perencana):
    tpl, _ = services.template_load(xlsx_template(n=1), "uji/c")
    ev = services.evaluasi_create(pd_uji, 2024, perencana, template=tpl)
    baru, dibuat = services.template_load(xlsx_template(n=2, nama="Revisi"), "uji/c")
    assert dibuat and baru.revisi == 2 and baru.pk != tpl.pk
    ev = Evaluasi.objects.get(pk=ev.pk)
    assert ev.template_id == tpl.pk
    assert Kriteria.objects.filter(subkomponen__komponen__template=tpl).count() == 4


def test_template_berlaku_varian_pemda_dan_tahun(db):
    pemda = PemdaFactory()
    nasional = template_berlaku(None, 2024)
    assert nasional is not None and nasional.versi == "88/2021"
    varian, _ = services.template_load(xlsx_template(), "88/2021-uji", pemda=pemda,
                                       tahun_berlaku=2025)
    assert template_berlaku(pemda, 2024) == nasional
    assert template_berlaku(pemda, 2026) == varian
    lama, _ = services.template_load(FIXTURE_12, "12/2015")
    assert template_berlaku(pemda, 2019) == lama


def _galat(**kw) -> list[str]:
    with pytest.raises(ValidationError) as e:
        services.template_load(xlsx_template(**kw), "uji/salah")
    assert not TemplateLke.objects.filter(versi="uji/salah").exists()
    return e.value.messages


def test_bobot_sub_komponen_harus_sama_dengan_komponen(db):
    galat = _galat(komponen=[["A", "", "Perencanaan", 100], ["A.1", "A", "Pemenuhan", 20],
                             ["A.2", "A", "Implementasi", 40], ["B", "", "Pelaporan", 0],
                             ["B.1", "B", "Pemenuhan", 10], ["B.2", "B", "Kualitas", 30]])
    assert "Sheet Komponen, baris 2, kolom Bobot: bobot 100 tidak sama dengan jumlah bobot " \
           "sub komponennya (60)." in galat


def test_galat_per_sheet_baris_kolom(db):
    kriteria = [["A.1.1", "A.1", "Satu", "Y/T", "", "", "", "kunci_tak_dikenal"],
                ["A.2.1", "A.2", "Dua", "X", "", "", "", ""],
                ["B.1.1", "B.1", "Tiga", "Kustom", "A=2", "", "", ""],
                ["B.2.1", "B.9", "Empat", "A-E", "", "", "", ""]]
    galat = _galat(kriteria=kriteria, kerangka=[])
    assert "Sheet Kriteria, baris 2, kolom Saran: kunci saran 'kunci_tak_dikenal' tidak " \
           "dikenal." in galat
    assert any(g.startswith("Sheet Kriteria, baris 3, kolom Tipe: 'X' tidak dikenal")
               for g in galat)
    assert any(g.startswith("Sheet Kriteria, baris 4, kolom Pilihan: 'A=2'") for g in galat)
    assert any(g.startswith("Sheet Kriteria, baris 5, kolom Sub Komponen") for g in galat)


def test_kerangka_logis_tepat_satu_acuan(db):
    galat = _galat(kerangka=[["A.2.1", "A.1.1", "A.1", "dua acuan"],
                             ["A.9.9", "A.1.1", "", "tidak ada"]])
    assert "Sheet Kerangka Logis, baris 2, kolom Acuan Kriteria: isi tepat satu: Acuan " \
           "Kriteria atau Acuan Sub Komponen." in galat
    assert "Sheet Kerangka Logis, baris 3, kolom Kriteria: kriteria 'A.9.9' tidak ada." in galat


def test_rumus_di_sel_ditolak(db):
    galat = _galat(komponen=[["A", "", "Perencanaan", "=50+50"]])
    assert any("kolom Bobot: isi nilai, bukan rumus" in g for g in galat)


def test_perintah_load_lke_template(db, tmp_path, capsys):
    berkas = tmp_path / "t.xlsx"
    berkas.write_bytes(xlsx_template())
    call_command("load_lke_template", str(berkas), "--versi", "uji/perintah")
    assert "dimuat: 2 komponen" in capsys.readouterr().out
    call_command("load_lke_template", str(berkas), "--versi", "uji/perintah")
    assert "tidak ada perubahan" in capsys.readouterr().out
    rusak = tmp_path / "r.xlsx"
    rusak.write_bytes(xlsx_template(kerangka=[["A.2.1", "", "", "tanpa acuan"]]))
    with pytest.raises(SystemExit) as e:
        call_command("load_lke_template", str(rusak), "--versi", "uji/rusak")
    assert e.value.code == 1
    assert "Kerangka Logis, baris 2" in capsys.readouterr().err
