"""Users and roles in the browser: an office administrator manages the office's accounts, a
pemda administrator the pemda-wide ones; one-time passwords are replaced at first login; every
change leaves a trail; nobody reaches accounts outside their reach."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from sakip import services
from sakip.access import PERAN_KANTOR, Akses
from sakip.models import JejakAudit, Peran, Role
from tests.factories import PASSWORD, BidangFactory, PerangkatDaerahFactory, UserFactory

User = get_user_model()
pytestmark = pytest.mark.django_db
MASUK = "/masuk/"


@pytest.fixture
def kantor(db):
    """An office with two bidang (one deactivated), its administrator, a staff member."""
    pd = PerangkatDaerahFactory()
    b1 = BidangFactory(perangkat_daerah=pd, nama="Bidang Satu")
    b2 = BidangFactory(perangkat_daerah=pd, nama="Bidang Lama", aktif=False)
    admin = UserFactory(username="admin.kantor", peran=Role.ADMIN, peran__perangkat_daerah=pd)
    staf = UserFactory(username="staf.satu", peran=Role.STAF_BIDANG, peran__perangkat_daerah=pd,
                       peran__bidang=b1)
    return pd, b1, b2, admin, staf


def _klien(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _sandi(resp) -> str:
    m = re.search(r'id="sandi-sekali">([^<]+)<', resp.content.decode())
    assert m, "the one-time password is shown on the page"
    return m.group(1)


def _masuk(username, password) -> Client:
    c = Client()
    c.post(MASUK, {"username": username, "password": password})
    return c


def _jejak(user, field):
    return JejakAudit.objects.filter(model="auth.user", object_id=str(user.pk), field=field)


# --- create, with a one-time password ----------------------------------------------------------

def test_office_admin_creates_a_staff_member_with_a_one_time_password(kantor):
    pd, b1, _b2, admin, _staf = kantor
    r = _klien(admin).post(reverse("pengguna:buat", args=[pd.slug]), {
        "username": "budi.s", "nama": "Budi Santoso", "email": "budi@example.go.id",
        "roles": ["staf_bidang"], "bidang": [b1.pk], "alasan": "pegawai baru"})
    assert r.status_code == 200
    assert "no-store" in r["Cache-Control"]
    sandi = _sandi(r)
    validate_password(sandi, User.objects.get(username="budi.s"))
    budi = User.objects.get(username="budi.s")
    assert budi.check_password(sandi) and budi.first_name == "Budi Santoso"
    assert list(Peran.objects.filter(user=budi).values_list("role", "perangkat_daerah", "bidang")
                ) == [("staf_bidang", pd.pk, b1.pk)]
    fields = set(JejakAudit.objects.filter(model="auth.user", object_id=str(budi.pk))
                 .values_list("field", flat=True))
    assert fields == {"username", "first_name", "email", "password", "peran"}
    assert not JejakAudit.objects.filter(nilai_baru__contains=sandi).exists()
    assert _jejak(budi, "peran").get().nilai_baru == "Staf bidang (Bidang Satu)"
    assert (_jejak(budi, "peran").get().user, _jejak(budi, "peran").get().aksi) == (admin, "buat")
    halaman = _klien(admin).get(reverse("pengguna:ubah", args=[pd.slug, budi.pk])).content.decode()
    assert "kata sandi sekali pakai dibuat" in halaman and "pegawai baru" in halaman


def test_staff_role_needs_an_active_bidang_of_the_office(kantor):
    pd, _b1, b2, admin, _staf = kantor
    lain = BidangFactory()
    c = _klien(admin)
    url = reverse("pengguna:buat", args=[pd.slug])
    base = {"username": "x.y", "nama": "X Y", "roles": ["staf_bidang"]}
    assert c.post(url, base).status_code == 400
    for b in (b2, lain):  # a deactivated bidang, another office's bidang: not offered
        r = c.post(url, {**base, "bidang": [b.pk]})
        assert r.status_code == 400
    assert not User.objects.filter(username="x.y").exists()
    assert "Bidang Lama" not in c.get(url).content.decode()


def test_office_admin_never_grants_a_pemda_wide_role(kantor):
    pd, _b1, _b2, admin, _staf = kantor
    r = _klien(admin).post(reverse("pengguna:buat", args=[pd.slug]), {
        "username": "mata.mata", "nama": "Mata", "roles": ["inspektorat"]})
    assert r.status_code == 400
    assert not User.objects.filter(username="mata.mata").exists()
    # The service refuses it again, whatever a form offered.
    staf = User.objects.get(username="staf.satu")
    with pytest.raises(ValidationError):
        services.peran_set(pengguna=staf, cakupan=services.Cakupan(pd.pemda, pd),
                           roles=["inspektorat"], boleh=PERAN_KANTOR, user=admin)
    with pytest.raises(ValidationError):
        services.peran_set(pengguna=staf, cakupan=services.Cakupan(pd.pemda, pd),
                           roles=["admin"], boleh=Akses(staf).peran_boleh_diberi(pd, pd.pemda_id),
                           user=staf)


def test_username_taken_is_refused(kantor):
    pd, _b1, _b2, admin, _staf = kantor
    r = _klien(admin).post(reverse("pengguna:buat", args=[pd.slug]), {
        "username": "STAF.SATU", "nama": "Tiruan", "roles": ["perencana"]})
    assert r.status_code == 400 and "sudah dipakai" in r.content.decode()


# --- edit roles -----------------------------------------------------------------------------------

def test_roles_edit_is_audited_old_to_new_and_leaves_other_offices_alone(kantor):
    pd, b1, _b2, admin, staf = kantor
    lain = PerangkatDaerahFactory(pemda=pd.pemda)
    Peran.objects.create(user=staf, role=Role.PERENCANA, pemda=pd.pemda, perangkat_daerah=lain)
    r = _klien(admin).post(reverse("pengguna:ubah", args=[pd.slug, staf.pk]), {
        "nama": "dicoba diubah", "roles": ["perencana", "kepala"], "alasan": "mutasi"})
    assert r.status_code == 302
    assert set(Peran.objects.filter(user=staf).values_list("role", "perangkat_daerah")) == {
        ("perencana", pd.pk), ("kepala", pd.pk), ("perencana", lain.pk)}
    row = _jejak(staf, "peran").get()
    assert (row.nilai_lama, row.nilai_baru, row.alasan, row.user) == (
        "Staf bidang (Bidang Satu)", "Kepala perangkat daerah; Perencana", "mutasi", admin)
    # The account also holds a role elsewhere: its name is not the office admin's to change.
    staf.refresh_from_db()
    assert staf.first_name != "dicoba diubah"


def test_an_admin_cannot_drop_their_own_admin_role(kantor):
    pd, _b1, _b2, admin, _staf = kantor
    r = _klien(admin).post(reverse("pengguna:ubah", args=[pd.slug, admin.pk]),
                           {"nama": "A", "roles": ["perencana"]})
    assert r.status_code == 400
    assert Peran.objects.filter(user=admin, role=Role.ADMIN).exists()


# --- object-level refusals --------------------------------------------------------------------

def test_another_offices_user_is_not_found(kantor):
    pd, _b1, _b2, admin, _staf = kantor
    orang_lain = UserFactory(peran=Role.PERENCANA, peran__perangkat_daerah=PerangkatDaerahFactory(
        pemda=pd.pemda))
    c = _klien(admin)
    assert c.get(reverse("pengguna:ubah", args=[pd.slug, orang_lain.pk])).status_code == 404
    for name in ("aktif", "reset"):
        r = c.post(reverse(f"pengguna:{name}", args=[pd.slug, orang_lain.pk]),
                   {"aktif": "0", "alasan": "coba"})
        assert r.status_code == 404
    orang_lain.refresh_from_db()
    assert orang_lain.is_active and orang_lain.check_password(PASSWORD)
    # The pemda's own page is the pemda admin's; another pemda does not exist for them.
    assert c.get(reverse("pengguna:pemda-daftar", args=[pd.pemda_id])).status_code == 403
    other = PerangkatDaerahFactory()
    assert c.get(reverse("pengguna:pemda-daftar", args=[other.pemda_id])).status_code == 404
    assert c.get(reverse("pengguna:daftar", args=[other.slug])).status_code == 404


def test_office_admin_cannot_take_over_an_account_held_elsewhere(kantor):
    """Resetting the password of someone who is also an admin elsewhere would hand the office
    admin that other role: only the pemda administrator may."""
    pd, _b1, _b2, admin, staf = kantor
    Peran.objects.create(user=staf, role=Role.ADMIN, pemda=pd.pemda, perangkat_daerah=None)
    r = _klien(admin).post(reverse("pengguna:reset", args=[pd.slug, staf.pk]),
                           {"alasan": "lupa"})
    assert r.status_code == 403
    staf.refresh_from_db()
    assert staf.check_password(PASSWORD)
    admin_pemda = UserFactory(peran=Role.ADMIN, peran__perangkat_daerah=None,
                              peran__pemda=pd.pemda)
    r = _klien(admin_pemda).post(reverse("pengguna:reset", args=[pd.slug, staf.pk]),
                                 {"alasan": "lupa"})
    assert r.status_code == 200
    staf.refresh_from_db()
    assert staf.check_password(_sandi(r))


@pytest.mark.parametrize("role", [Role.PERENCANA, Role.KEPALA, Role.STAF_BIDANG])
def test_other_roles_of_the_office_are_refused(kantor, role):
    pd, b1, _b2, _admin, staf = kantor
    u = UserFactory(peran=role, peran__perangkat_daerah=pd,
                    peran__bidang=b1 if role == Role.STAF_BIDANG else None)
    c = _klien(u)
    assert c.get(reverse("pengguna:daftar", args=[pd.slug])).status_code == 403
    r = c.post(reverse("pengguna:reset", args=[pd.slug, staf.pk]), {"alasan": "x"})
    assert r.status_code == 403


# --- deactivate, reset, forced change ---------------------------------------------------------

def test_a_deactivated_user_cannot_log_in_and_their_session_ends(kantor):
    pd, _b1, _b2, admin, staf = kantor
    sesi = _klien(staf)
    assert sesi.get(reverse("beranda-pd", args=[pd.slug])).status_code == 200
    r = _klien(admin).post(reverse("pengguna:aktif", args=[pd.slug, staf.pk]),
                           {"aktif": "0", "alasan": "pensiun"})
    assert r.status_code == 302
    staf.refresh_from_db()
    assert not staf.is_active
    row = _jejak(staf, "is_active").get()
    assert (row.nilai_lama, row.nilai_baru, row.alasan, row.perangkat_daerah) == (
        "True", "False", "pensiun", pd)
    assert "_auth_user_id" not in _masuk("staf.satu", PASSWORD).session
    assert sesi.get(reverse("beranda-pd", args=[pd.slug])).status_code == 302  # to the login
    # Without a reason nothing changes; with one it is switched back on.
    _klien(admin).post(reverse("pengguna:aktif", args=[pd.slug, staf.pk]), {"aktif": "1"})
    staf.refresh_from_db()
    assert not staf.is_active
    _klien(admin).post(reverse("pengguna:aktif", args=[pd.slug, staf.pk]),
                       {"aktif": "1", "alasan": "kembali"})
    assert "_auth_user_id" in _masuk("staf.satu", PASSWORD).session


def test_reset_then_forced_change_at_next_login(kantor):
    pd, _b1, _b2, admin, staf = kantor
    sesi_lama = _klien(staf)
    r = _klien(admin).post(reverse("pengguna:reset", args=[pd.slug, staf.pk]),
                           {"alasan": "lupa kata sandi"})
    sandi = _sandi(r)
    assert "no-store" in r["Cache-Control"]
    # The open session ends; the old password no longer works.
    assert sesi_lama.get(reverse("beranda-pd", args=[pd.slug])).url.startswith(MASUK)
    assert "_auth_user_id" not in _masuk("staf.satu", PASSWORD).session
    c = _masuk("staf.satu", sandi)
    halaman = reverse("beranda-pd", args=[pd.slug])
    assert c.get(halaman).url == reverse("pengguna:kata-sandi")
    assert "sekali pakai" in c.get(reverse("pengguna:kata-sandi")).content.decode()
    # Keeping the one-time password, or a weak one, is refused.
    for baru in (sandi, "Gowa2025!", "pendek"):
        r = c.post(reverse("pengguna:kata-sandi"),
                   {"old_password": sandi, "new_password1": baru, "new_password2": baru})
        assert r.status_code == 400
    assert c.get(halaman).status_code == 302
    baru = "lembah hijau sungai jeneberang"
    r = c.post(reverse("pengguna:kata-sandi"),
               {"old_password": sandi, "new_password1": baru, "new_password2": baru})
    assert r.status_code == 302
    assert c.get(halaman).status_code == 200  # still logged in, no longer held back
    assert _jejak(staf, "password").order_by("-id").first().user == staf
    # A fresh login is not held back either.
    assert _masuk("staf.satu", baru).get(halaman).status_code == 200


def test_own_password_change_for_everyone(kantor):
    pd, _b1, _b2, _admin, staf = kantor
    c = _klien(staf)
    assert c.get(reverse("pengguna:kata-sandi")).status_code == 200
    r = c.post(reverse("pengguna:kata-sandi"), {"old_password": "salah", "new_password1": "a",
                                                "new_password2": "a"})
    assert r.status_code == 400
    staf.refresh_from_db()
    assert staf.check_password(PASSWORD)
    beranda = c.get(reverse("beranda-pd", args=[pd.slug])).content.decode()
    assert 'href="/akun/kata-sandi/"' in beranda


# --- the pemda page ---------------------------------------------------------------------------

def test_pemda_admin_manages_inspektorat_accounts(kantor):
    pd, _b1, _b2, _admin, _staf = kantor
    admin_pemda = UserFactory(peran=Role.ADMIN, peran__perangkat_daerah=None,
                              peran__pemda=pd.pemda)
    c = _klien(admin_pemda)
    r = c.post(reverse("pengguna:pemda-buat", args=[pd.pemda_id]),
               {"username": "apip.baru", "nama": "Auditor Baru", "roles": ["inspektorat"]})
    assert r.status_code == 200
    apip = User.objects.get(username="apip.baru")
    assert list(Peran.objects.filter(user=apip).values_list("role", "perangkat_daerah")) == [
        ("inspektorat", None)]
    daftar = c.get(reverse("pengguna:pemda-daftar", args=[pd.pemda_id])).content.decode()
    assert "apip.baru" in daftar and pd.nama in daftar
    # The pemda admin reaches the page that creates offices from here.
    assert reverse("kantor:pemda", args=[pd.pemda_id]) in daftar
    # Office roles are not granted on the pemda page.
    r = c.post(reverse("pengguna:pemda-buat", args=[pd.pemda_id]),
               {"username": "x.z", "nama": "X", "roles": ["perencana"]})
    assert r.status_code == 400


def test_list_page_query_budget(kantor, django_assert_max_num_queries):
    pd, b1, _b2, admin, _staf = kantor
    for _ in range(4):
        UserFactory(peran=Role.STAF_BIDANG, peran__perangkat_daerah=pd, peran__bidang=b1)
    c = _klien(admin)
    c.get(reverse("pengguna:daftar", args=[pd.slug]))
    with django_assert_max_num_queries(12):
        r = c.get(reverse("pengguna:daftar", args=[pd.slug]))
    assert r.content.decode().count("Staf bidang (Bidang Satu)") == 5
