from decimal import Decimal

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from anggaran.selectors import ringkasan_anggaran
from demo.gowa import hapus_data_pd, load_demo, punya_data
from kinerja.models import PerjanjianKinerja, Realisasi
from renstra.models import Indikator, Renstra
from sakip.models import JejakAudit, Peran, PerangkatDaerah
from tests.factories import PerangkatDaerahFactory, PeriodeInputFactory

User = get_user_model()


def _keadaan():
    return (Indikator.objects.count(), Realisasi.objects.count(),
            PerjanjianKinerja.objects.count(), Peran.objects.count(), User.objects.count(),
            list(JejakAudit.objects.order_by("pk").values_list("pk", flat=True)))


def test_demo_is_idempotent(demo):
    sebelum = _keadaan()
    load_demo()
    assert _keadaan() == sebelum
    assert PerangkatDaerah.objects.filter(slug="dinsos-gowa").count() == 1


def test_demo_refuses_outside_debug_without_the_flag(demo, settings):
    settings.DEBUG = False
    admin = User.objects.get(username="admin")
    admin.set_password("Rahasia-Pemda-2025")
    admin.save()
    sebelum = _keadaan()
    with pytest.raises(CommandError, match="--saya-paham") as refused:
        call_command("demo")
    assert refused.value.returncode == 1
    assert _keadaan() == sebelum
    assert authenticate(username="admin", password="Rahasia-Pemda-2025") is not None


def test_second_demo_run_keeps_every_audit_row(demo, settings, capsys):
    settings.DEBUG = False
    sebelum = _keadaan()
    call_command("demo", "--saya-paham")
    assert "Data demo sudah ada" in capsys.readouterr().out
    assert _keadaan() == sebelum


def test_demo_into_an_empty_office_keeps_existing_accounts(demo):
    """An office emptied of its data (audit rows too) is loaded again; accounts that exist keep
    their password and roles: the demo password is public."""
    admin = User.objects.get(username="admin")
    admin.set_password("Rahasia-Pemda-2025")
    admin.save()
    peran_admin = list(Peran.objects.filter(user=admin).values_list("pk", flat=True))
    hapus_data_pd(demo)
    assert not punya_data(demo)
    load_demo()
    assert Renstra.objects.filter(perangkat_daerah=demo).exists()
    assert authenticate(username="admin", password="Rahasia-Pemda-2025") is not None
    assert authenticate(username="admin", password="sakip-demo") is None
    assert list(Peran.objects.filter(user=admin).values_list("pk", flat=True)) == peran_admin
    assert authenticate(username="perencana", password="sakip-demo") is not None


def test_an_office_with_any_data_is_not_empty(db):
    pd = PerangkatDaerahFactory()
    assert not punya_data(pd)
    PeriodeInputFactory(perangkat_daerah=pd)
    assert punya_data(pd)


@pytest.mark.parametrize("username", ["admin", "perencana", "kepala", "inspektorat",
                                      "staf.rehsos", "staf.linjamsos"])
def test_demo_users_log_in_with_the_demo_password(demo, username):
    assert authenticate(username=username, password="sakip-demo") is not None


def test_demo_budget_reproduces_tabel_3_7(demo):
    r = ringkasan_anggaran(Renstra.objects.get(perangkat_daerah=demo), 2024)
    assert r.pagu == Decimal("5319338072")  # G-09
    assert r.realisasi == Decimal("4996397274")
    assert round(r.serapan, 2) == Decimal("93.93")  # G-06
    by_kode = {p.kode: p for p in r.program}
    assert round(by_kode["1.06.02"].serapan, 2) == Decimal("97.62")  # G-10, not 97
    assert round(by_kode["1.06.06"].serapan, 2) == Decimal("90.67")  # G-11
    assert round(by_kode["1.06.01"].serapan, 2) == Decimal("93.64")  # G-12
    assert by_kode["1.06.06"].pagu == Decimal("133680500")  # 89.668.500 + 44.012.000 (G-13)
    assert r.peringatan == []


def test_demo_has_both_pk_versions_with_the_revision_reason(demo):
    v1, v2 = PerjanjianKinerja.objects.filter(perangkat_daerah=demo, tahun=2024).order_by("versi")
    assert (v1.jenis, v2.jenis) == ("induk", "perubahan")
    assert v2.sebelumnya == v1 and v2.alasan == "perubahan_strategi"
    assert v1.status == v2.status == "ditetapkan"
    assert sum(a.anggaran for a in v2.anggaran_set.all()) == Decimal("864601900")  # G-16


def test_demo_went_through_audited_services(demo):
    assert JejakAudit.objects.filter(perangkat_daerah=demo, model="kinerja.realisasi").exists()
    assert JejakAudit.objects.filter(perangkat_daerah=demo, model="anggaran.pagu").exists()
    assert JejakAudit.objects.filter(
        perangkat_daerah=demo, model="renstra.targetindikator", field="nilai", nilai_baru="580"
    ).exists()
