"""Home page (Renstra tree with pagu per level) on scale data: server time and query count."""

from _setup import django_setup, ensure_scale_data, timed

django_setup()
ensure_scale_data()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

client = Client()
client.force_login(get_user_model().objects.get(username="skala.kepala.01"))
url = "/pd/skala-01/?tahun=2025"
with CaptureQueriesContext(connection) as q:
    assert client.get(url).status_code == 200
print(f"beranda {url}: {len(q)} queries;", timed(lambda: client.get(url), 30))
