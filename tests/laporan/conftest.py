import pytest


@pytest.fixture
def gowa(demo):
    """The demo office (with its pemda, as every page and the ``lkjip`` command fetch it) and
    its LKjIP 2024 draft (narratives from demo.laporan)."""
    from laporan.models import LaporanKinerja
    from sakip.models import PerangkatDaerah

    pd = PerangkatDaerah.objects.select_related("pemda").get(pk=demo.pk)
    return pd, LaporanKinerja.objects.get(perangkat_daerah=pd, tahun=2024)


@pytest.fixture
def users(demo):
    from django.contrib.auth import get_user_model

    return {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def gowa_lengkap(gowa, users):
    """The demo draft with what it lacks written in (the PK programs without indicators
    explained), as a planner would on the narrative page: no placeholder is left."""
    from laporan.selectors import susun
    from tests.factories import lengkapi_lkjip

    pd, laporan = gowa
    lengkapi_lkjip(laporan, users["perencana"])
    assert susun(pd, 2024, laporan).data.kelengkapan == []
    return pd, laporan
