import pytest
from django.contrib.auth import get_user_model

from sakip.models import Role
from tests.factories import PerangkatDaerahFactory, UserFactory


class World:
    """The session's demo office plus a second perangkat daerah of the same pemda with its own
    perencana; built in the test's transaction, so every matrix row starts from the same data."""

    def __init__(self, pd):
        self.pd = pd
        self.pd_lain = PerangkatDaerahFactory(
            pemda=pd.pemda, nama="Dinas Kesehatan Kabupaten Gowa", slug="dinkes-gowa"
        )
        UserFactory(username="perencana.lain", peran=Role.PERENCANA,
                    peran__perangkat_daerah=self.pd_lain)
        self.users = {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def world(demo):
    return World(demo)
