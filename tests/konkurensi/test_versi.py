"""The version core (sakip.versi) on its own: compare-and-swap, the batch form, the message."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from renstra.models import TargetIndikator
from renstra.services import EntriTarget, target_save
from sakip.versi import (
    VERSI_BARU,
    DataKedaluwarsa,
    versi_bump,
    versi_bump_banyak,
    versi_cek_baris,
)
from tests.factories import IndikatorFactory, TargetIndikatorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_bump_is_a_compare_and_swap():
    t = TargetIndikatorFactory()
    assert versi_bump(TargetIndikator, t.pk, 1) == 2
    with pytest.raises(DataKedaluwarsa):
        versi_bump(TargetIndikator, t.pk, 1)
    assert versi_bump(TargetIndikator, t.pk, None) == 3  # no base: an import always bumps


def test_batch_refuses_whole_when_one_is_stale():
    a, b = TargetIndikatorFactory(), TargetIndikatorFactory(tahun=2025)
    versi_bump(TargetIndikator, b.pk, 1)
    with pytest.raises(DataKedaluwarsa):
        versi_bump_banyak(TargetIndikator, {a.pk: 1, b.pk: 1})
    assert TargetIndikator.objects.get(pk=a.pk).row_version == 1  # nothing written
    versi_bump_banyak(TargetIndikator, {a.pk: 1, b.pk: 2})
    assert list(TargetIndikator.objects.filter(pk__in=[a.pk, b.pk]).order_by("pk")
                .values_list("row_version", flat=True)) == [2, 3]


def test_new_row_base_and_deleted_row():
    t = TargetIndikatorFactory()
    versi_cek_baris(TargetIndikator, None, VERSI_BARU)
    with pytest.raises(DataKedaluwarsa, match="sudah dihapus"):
        versi_cek_baris(TargetIndikator, None, 3)
    with pytest.raises(DataKedaluwarsa):
        versi_cek_baris(TargetIndikator, t, VERSI_BARU)


def test_message_names_the_last_editor_and_the_service_writes_nothing():
    ind = IndikatorFactory()
    siti = UserFactory(first_name="Siti", last_name="Aminah")
    target_save(entri=[EntriTarget(ind, 2024, Decimal(10))], user=siti)
    target_save(entri=[EntriTarget(ind, 2025, Decimal(20))], user=siti)
    with pytest.raises(ValidationError) as e:
        target_save(entri=[EntriTarget(ind, 2025, Decimal(5), versi_dasar=1),
                           EntriTarget(ind, 2024, Decimal(99), versi_dasar=VERSI_BARU)])
    assert e.value.messages[0].startswith("Data ini sudah diubah oleh Siti Aminah pada ")
    assert "muat ulang halaman lalu ulangi. Tidak ada yang disimpan." in e.value.messages[0]
    nilai = dict(TargetIndikator.objects.filter(indikator=ind).values_list("tahun", "nilai"))
    assert nilai == {2024: Decimal(10), 2025: Decimal(20)}
