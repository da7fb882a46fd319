"""The demo office, its users, and the step the acceptance names: the Kepala sets the 2024 LKjIP
ditetapkan through the services (APIP review first, as the lifecycle requires)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from laporan import services as laporan_services
from laporan.models import LaporanKinerja
from sakip.models import PerangkatDaerah
from tests.factories import lengkapi_lkjip

# The PDF is queued, not laid out (WeasyPrint takes seconds): pages and figures do not need it.
ANTRI = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PEMDA = "kabupaten-gowa"


@pytest.fixture
def gowa(demo):
    return PerangkatDaerah.objects.select_related("pemda").get(pk=demo.pk)


@pytest.fixture
def users(demo):
    return {u.username: u for u in get_user_model().objects.all()}


def tetapkan_lkjip(pd, users, *, catatan="Sesuai PermenPAN-RB 53/2014.") -> LaporanKinerja:
    laporan = LaporanKinerja.objects.get(perangkat_daerah=pd, tahun=2024)
    lengkapi_lkjip(laporan, users["perencana"])
    laporan_services.laporan_review(laporan=laporan, nomor="700/12/LHR-LKjIP/2025",
                                    tanggal=datetime.date(2025, 2, 3), catatan=catatan,
                                    user=users["inspektorat"])
    return laporan_services.laporan_approve(laporan=laporan, user=users["kepala"],
                                            tanggal=datetime.date(2025, 2, 10))


@pytest.fixture
def lkjip_2024(gowa, users):
    """The demo's 2024 LKjIP, ditetapkan by the Kepala (its PDF queued, not rendered)."""
    with override_settings(TASKS=ANTRI):
        return tetapkan_lkjip(gowa, users)
