import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def users(demo):
    """The demo's accounts by username (perencana, kepala, inspektorat, admin, staf.*)."""
    return {u.username: u for u in get_user_model().objects.all()}
