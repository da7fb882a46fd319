import pytest
from django.contrib.auth import get_user_model

from anggaran.services import EntriPagu, anggaran_save
from renstra import services as rs
from renstra.models import Kegiatan


@pytest.fixture
def sub(demo):
    """Two sub kegiatan under 1.06.04.2.01 with a 2025 pagu murni of Rp 100.000.000 each."""
    keg = Kegiatan.objects.get(program__renstra__perangkat_daerah=demo, kode="1.06.04.2.01")
    out = [rs.subkegiatan_create(kegiatan=keg, kode=f"1.06.04.2.01.000{i}",
                                 nama=f"Sub kegiatan uji {i}") for i in (1, 2)]
    perencana = get_user_model().objects.get(username="perencana")
    assert anggaran_save(tahun=2025, pagu=[EntriPagu(s, "murni", 100_000_000) for s in out],
                         user=perencana, pd=demo).ok
    return out
