"""The nomenklatur master (domain.md §6): the shipped 1.06 fixture, ``load_nomenklatur``
(idempotent, all rows or none) and the admin import/export through NomenklaturResource."""

import io
import json

import pytest
import tablib
from django.core.management import CommandError, call_command

from renstra.models import Nomenklatur
from renstra.resources import NomenklaturResource
from tests.renstra.tabel42_xlsx import FIXTURE, VERSI

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def tanpa_master():
    """These tests load the master themselves: start without the demo's."""
    Nomenklatur.objects.all().delete()


def _load(path, *args):
    out = io.StringIO()
    call_command("load_nomenklatur", str(path), "--versi", VERSI, "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_fixture_loads_the_acceptance_subset_of_bidang_sosial():
    hasil = _load(FIXTURE, "--berlaku-mulai", "2025")
    assert hasil["disimpan"] is True and hasil["galat"] == []
    qs = Nomenklatur.objects.filter(versi=VERSI)
    assert qs.filter(level="program").count() == 7
    assert qs.filter(level="kegiatan").count() == 19
    assert qs.filter(level="subkegiatan", kode__startswith="1.06.04.2.01.").count() == 12
    permakanan = qs.get(kode="1.06.04.2.01.0001")
    assert permakanan.nama == "Penyediaan Permakanan"
    assert permakanan.level == "subkegiatan" and permakanan.satuan == "Orang"
    assert permakanan.berlaku_mulai == 2025
    # §6.2: SEED-R misprints "Puskesmas"; the master has the right name.
    assert "(Puskesos)" in qs.get(kode="1.06.02.2.03.0013").nama
    assert qs.get(kode="1.06.06.2.01.0007").nama == "Penyediaan Tempat Penampungan Pengungsi"


def test_loading_twice_changes_nothing_and_a_changed_name_is_updated(tmp_path):
    pertama = _load(FIXTURE)
    n = Nomenklatur.objects.count()
    kedua = _load(FIXTURE)
    assert (pertama["baru"], kedua["baru"], kedua["diubah"]) == (87, 0, 0)
    assert kedua["tetap"] == 87 and Nomenklatur.objects.count() == n
    ubah = tmp_path / "ubah.csv"
    ubah.write_text("kode,nama\n1.06.02,Program Pemberdayaan Sosial (nama baru)\n",
                    encoding="utf-8")
    hasil = _load(ubah)
    assert (hasil["baru"], hasil["diubah"]) == (0, 1)
    assert Nomenklatur.objects.get(kode="1.06.02", versi=VERSI).nama.endswith("(nama baru)")


def test_codes_are_normalised_from_every_variant(tmp_path):
    f = tmp_path / "sipd.csv"
    f.write_text(
        "KODE,Nama\n"
        "1.06.04.02.01.0001,1.06.04.2.01.0001 Penyediaan Permakanan\n"
        "X.XX.01,Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota\n"
        "1.06.04.2.01.02,Penyediaan Sandang\n",
        encoding="utf-8",
    )
    _load(f, "--bidang", "1.06")
    kode = dict(Nomenklatur.objects.values_list("kode", "nama"))
    assert kode == {
        "1.06.04.2.01.0001": "Penyediaan Permakanan",
        "1.06.01": "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        "1.06.04.2.01.0002": "Penyediaan Sandang",
    }
    assert Nomenklatur.objects.get(kode="1.06.01").level == "program"


def test_a_bad_row_refuses_the_whole_file_naming_each_row(tmp_path):
    f = tmp_path / "rusak.csv"
    f.write_text(
        "kode,nama,level\n"
        "1.06.02,Program Pemberdayaan Sosial,program\n"
        "1.06.04.2,Kode empat segmen,kegiatan\n"
        "X.XX.01,Penunjang,program\n"
        "1.06.05,Program Perlindungan dan Jaminan Sosial,kegiatan\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("load_nomenklatur", str(f), "--versi", VERSI, "--json", stdout=out)
    assert exc.value.code == 1
    galat = json.loads(out.getvalue())["galat"]
    assert [g["baris"] for g in galat] == [3, 4, 5]
    assert "4 segmen" in galat[0]["pesan"]
    assert "placeholder X.XX" in galat[1]["pesan"]
    assert "tidak cocok dengan kode 1.06.05" in galat[2]["pesan"]
    assert Nomenklatur.objects.count() == 0


def test_duplicate_code_and_unknown_column_are_refused(tmp_path):
    f = tmp_path / "ganda.csv"
    f.write_text("kode,nama\n1.06.02,A\n1.06.02,B\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        call_command("load_nomenklatur", str(f), "--versi", VERSI, stdout=io.StringIO(),
                     stderr=io.StringIO())
    f.write_text("kode,nama,warna\n1.06.02,A,biru\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("load_nomenklatur", str(f), "--versi", VERSI, stdout=io.StringIO(),
                     stderr=err)
    assert "kolom tidak dikenal: warna" in err.getvalue()
    assert Nomenklatur.objects.count() == 0


def test_dry_run_writes_nothing_and_usage_errors_exit_2(tmp_path):
    hasil = _load(FIXTURE, "--dry-run")
    assert hasil["baru"] == 87 and hasil["disimpan"] is False
    assert Nomenklatur.objects.count() == 0
    with pytest.raises(CommandError) as exc:
        call_command("load_nomenklatur", str(tmp_path / "tidak-ada.csv"), "--versi", VERSI)
    assert exc.value.returncode == 2


def test_resource_round_trip_export_then_import_skips_everything():
    _load(FIXTURE)
    data = NomenklaturResource().export()
    assert data.headers[:4] == ["kode", "nama", "level", "versi"]
    ulang = NomenklaturResource().import_data(tablib.Dataset().load(data.csv, format="csv"),
                                              dry_run=False)
    assert not ulang.has_errors() and not ulang.has_validation_errors()
    assert ulang.totals["skip"] == 87 and ulang.totals["new"] == 0


def test_admin_offers_import_and_export(client_as, demo):
    c = client_as("admin")
    assert c.get("/admin/renstra/nomenklatur/import/").status_code == 200
    assert c.get("/admin/renstra/nomenklatur/export/").status_code == 200
