"""The factories build valid rows beside the session's demo office (tests/factories.py)."""

from django.contrib.auth import authenticate

from sakip.models import Role
from tests import factories as f


def test_factories_build_a_whole_office_beside_the_demo(demo):
    pd = f.PerangkatDaerahFactory()
    assert pd.pemda != demo.pemda and pd.slug != demo.slug
    ind = f.IndikatorFactory(renstra__perangkat_daerah=pd)
    assert ind.sasaran.tujuan.renstra == ind.renstra and ind.renstra.perangkat_daerah == pd
    sub = f.SubKegiatanFactory(kegiatan__program__renstra=ind.renstra)
    assert sub.kode.startswith(sub.kegiatan.kode + ".")
    f.PaguFactory(subkegiatan=sub)
    f.RealisasiAnggaranFactory(subkegiatan=sub)
    f.TargetIndikatorFactory(indikator=ind)
    f.RealisasiFactory(indikator=ind)
    line = f.PKIndikatorFactory(perjanjian__perangkat_daerah=pd)
    assert line.indikator.renstra.perangkat_daerah == pd
    f.PeriodeInputFactory(perangkat_daerah=pd)


def test_user_factory_gives_a_role_and_the_demo_password(db):
    bidang = f.BidangFactory()
    user = f.UserFactory(peran=Role.STAF_BIDANG, peran__perangkat_daerah=bidang.perangkat_daerah,
                         peran__bidang=bidang)
    peran = user.peran_set.get()
    assert (peran.role, peran.bidang, peran.pemda) == (
        Role.STAF_BIDANG, bidang, bidang.perangkat_daerah.pemda)
    assert authenticate(username=user.username, password="sakip-demo") == user
    assert not f.UserFactory().peran_set.exists()
