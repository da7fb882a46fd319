import pytest


@pytest.fixture
def gowa(demo):
    """The demo office and its LKjIP 2024 draft (narratives from demo.laporan)."""
    from laporan.models import LaporanKinerja

    return demo, LaporanKinerja.objects.get(perangkat_daerah=demo, tahun=2024)


@pytest.fixture
def users(demo):
    from django.contrib.auth import get_user_model

    return {u.username: u for u in get_user_model().objects.all()}
