import pytest
from django.core.management import CommandError, call_command

from renstra.models import SubKegiatan
from sakip.models import PerangkatDaerah


def test_create_pd_with_defaults(db, capsys):
    call_command("create_pd", "dinsos-bekasi", nama="Dinas Sosial Kota Bekasi",
                 pemda="Kota Bekasi")
    pd = PerangkatDaerah.objects.get(slug="dinsos-bekasi")
    assert (pd.skala_kategori, pd.metode_efisiensi, pd.rumus_negatif) == (
        "GOWA_4", "EF-SISA", "NEG-A")
    assert pd.pemda.jenis == "kota" and pd.pemda.sebutan_kepala_daerah == "Wali Kota"
    assert "Perangkat daerah dibuat" in capsys.readouterr().out


def test_create_pd_refuses_a_duplicate_slug(db):
    call_command("create_pd", "x", nama="A", pemda="Kabupaten Gowa")
    with pytest.raises(CommandError, match="sudah ada"):
        call_command("create_pd", "x", nama="B", pemda="Kabupaten Gowa")


def test_create_pd_refuses_a_bad_slug_in_indonesian(db):
    with pytest.raises(CommandError, match="Data tidak valid — slug"):
        call_command("create_pd", "bukan slug!", nama="A", pemda="Kabupaten Gowa")
    assert not PerangkatDaerah.objects.filter(nama="A").exists()


def test_generate_scale_data_small_and_repeatable(db):
    call_command("generate_scale_data", pd=2, years=2, subkegiatan=10)
    skala = SubKegiatan.objects.filter(
        kegiatan__program__renstra__perangkat_daerah__slug__startswith="skala-")
    first = skala.count()
    call_command("generate_scale_data", pd=2, years=2, subkegiatan=10)
    assert skala.count() == first == 20
    assert PerangkatDaerah.objects.filter(slug__startswith="skala-").count() == 2
