import pytest


class World:
    """Demo data plus a second perangkat daerah with its own perencana."""

    def __init__(self):
        from django.contrib.auth import get_user_model

        from demo.gowa import load_demo
        from sakip.models import Peran, PerangkatDaerah, Role

        self.pd = load_demo()
        self.pd_lain = PerangkatDaerah.objects.create(
            pemda=self.pd.pemda, nama="Dinas Kesehatan Kabupaten Gowa", slug="dinkes-gowa"
        )
        user = get_user_model().objects.create_user("perencana.lain", password="sakip-demo")
        Peran.objects.create(user=user, role=Role.PERENCANA, pemda=self.pd.pemda,
                             perangkat_daerah=self.pd_lain)
        self.users = {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def world(db):
    return World()
