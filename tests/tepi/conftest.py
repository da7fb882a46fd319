import pytest

from renstra.models import Indikator

SLUG = "dinsos-gowa"


@pytest.fixture
def users(demo, django_user_model):
    return {u.username: u for u in django_user_model.objects.all()}


@pytest.fixture
def iku(demo):
    return Indikator.objects.get(renstra__perangkat_daerah=demo, is_iku=True)


@pytest.fixture
def program_persen(demo):
    """A non-IKU indicator of the demo measured in percent."""
    return (Indikator.objects.filter(renstra__perangkat_daerah=demo, is_iku=False, satuan="%",
                                     program__isnull=False).order_by("pk").first())
