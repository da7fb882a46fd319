"""The Django admin changes nothing unseen: audited data is read-only there for superusers too
(editing goes through the pages, the services and the audit trail), and a user who appears in
the audit trail is deactivated, never deleted."""

import io
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import ProtectedError
from django.test import RequestFactory
from django.urls import reverse
from import_export.formats.base_formats import XLSX
from openpyxl import load_workbook

from anggaran.models import Pagu, RealisasiAnggaran
from dasbor.models import CatatanReviu
from kinerja.models import (
    BuktiDukung,
    PeriodeInput,
    PerjanjianKinerja,
    PKAnggaran,
    PKIndikator,
    Realisasi,
)
from laporan.models import BerkasLKjIP, CapaianTerbit, KepegawaianTahun, LaporanKinerja
from lke.models import (
    BuktiLke,
    Evaluasi,
    HasilEvaluasi,
    HasilKomponen,
    Jawaban,
    KerangkaLogis,
    Komponen,
    Kriteria,
    Rekomendasi,
    SubKomponen,
    TemplateLke,
    TindakLanjut,
)
from notifikasi.models import Notifikasi, PreferensiNotifikasi
from renstra.models import (
    Indikator,
    Kegiatan,
    Nomenklatur,
    PaguIndikatif,
    PenetapanIKU,
    Program,
    Renstra,
    RenstraTahun,
    Sasaran,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)
from renstra.resources import NomenklaturResource
from sakip.models import Bidang, JejakAudit, Pejabat, Pemda, Peran, PerangkatDaerah

User = get_user_model()

LKE = [TemplateLke, Komponen, SubKomponen, Kriteria, KerangkaLogis, Evaluasi, Jawaban, BuktiLke,
       HasilEvaluasi, HasilKomponen, Rekomendasi, TindakLanjut]

HANYA_BACA = [
    Renstra, Tujuan, Sasaran, Program, Kegiatan, SubKegiatan, Indikator, TargetIndikator,
    PaguIndikatif, Pagu, RealisasiAnggaran, PerjanjianKinerja, PKIndikator, PKAnggaran,
    PeriodeInput, Realisasi, BuktiDukung, LaporanKinerja, BerkasLKjIP, CatatanReviu, JejakAudit,
    RenstraTahun,  # written by renstra.services.renstra_tahun_*, audited
    Bidang, Pejabat,  # kept, with audit, under Pengaturan kantor
    *LKE,  # written only by lke.services (templates, answers, LHE, follow-up), audited
    Notifikasi, PreferensiNotifikasi,  # written by notifikasi.services (each user's own)
    CapaianTerbit,  # written by laporan.services.capaian_terbit_save, audited
    KepegawaianTahun,  # written by laporan.services.kepegawaian_save, audited
]
# Reference data without audit needs: edited in the admin.
BISA_DIUBAH = [Pemda, PerangkatDaerah, Peran, Nomenklatur, PenetapanIKU]
APP_PROYEK = {"sakip", "renstra", "kinerja", "anggaran", "laporan", "dasbor", "bukukerja", "demo",
              "lke", "notifikasi"}


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("super.admin", password="x")


@pytest.fixture
def super_client(client, superuser):
    client.force_login(superuser)
    return client


def _url(obj, aksi: str, *args) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{aksi}", args=args)


def test_every_project_model_in_the_admin_is_classified():
    """A model registered later must be declared read-only (audited) or reference data."""
    terdaftar = {m for m in admin.site._registry if m._meta.app_label in APP_PROYEK}
    assert terdaftar == set(HANYA_BACA) | set(BISA_DIUBAH)


@pytest.mark.parametrize("model", HANYA_BACA, ids=lambda m: m._meta.label)
def test_audited_models_are_read_only_for_a_superuser(model, superuser):
    request = RequestFactory().get("/")
    request.user = superuser
    model_admin = admin.site._registry[model]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert "delete_selected" not in model_admin.get_actions(request)
    for inline in model_admin.get_inline_instances(request):
        assert not inline.has_add_permission(request, None)
        assert not inline.has_change_permission(request)
        assert not inline.has_delete_permission(request)


@pytest.mark.parametrize("model", BISA_DIUBAH, ids=lambda m: m._meta.label)
def test_reference_data_stays_editable(model, superuser):
    request = RequestFactory().get("/")
    request.user = superuser
    model_admin = admin.site._registry[model]
    assert model_admin.has_add_permission(request)
    assert model_admin.has_change_permission(request)


def _sidik(obj) -> dict:
    obj.refresh_from_db()
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_the_four_admin_changes_of_the_probe_are_refused(demo, super_client):
    """The probe: a target to 999, a diverifikasi realisasi to 777, a pagu to 1 and a realisasi
    deleted, 0 audit rows. Now each POST is refused and nothing changes."""
    target = TargetIndikator.objects.filter(indikator__renstra__perangkat_daerah=demo,
                                            nilai__isnull=False).first()
    verified = Realisasi.objects.filter(indikator__renstra__perangkat_daerah=demo,
                                        status=Realisasi.Status.DIVERIFIKASI).first()
    pagu = Pagu.objects.filter(nilai__gt=1).first()
    korban = Realisasi.objects.filter(indikator__renstra__perangkat_daerah=demo).last()
    sebelum = [_sidik(o) for o in (target, verified, pagu, korban)]
    jejak = JejakAudit.objects.count()

    attempts = [
        (_url(target, "change", target.pk), {"indikator": target.indikator_id,
                                             "tahun": target.tahun, "nilai": "999"}),
        (_url(verified, "change", verified.pk), {"nilai": "777", "status": "diverifikasi"}),
        (_url(pagu, "change", pagu.pk), {"nilai": "1", "tahun": pagu.tahun,
                                         "tahap": pagu.tahap}),
        (_url(korban, "delete", korban.pk), {"post": "yes"}),
        (_url(korban, "changelist"), {"action": "delete_selected", "post": "yes",
                                      "_selected_action": [korban.pk]}),
        (_url(target, "add"), {"indikator": target.indikator_id, "tahun": 2030, "nilai": "5"}),
    ]
    jawaban = [super_client.post(url, data).status_code for url, data in attempts]
    assert jawaban[:4] == [403, 403, 403, 403] and jawaban[5] == 403
    # The bulk delete is not offered at all: the changelist answers without deleting.
    assert jawaban[4] in (200, 302)
    assert [_sidik(o) for o in (target, verified, pagu, korban)] == sebelum
    assert JejakAudit.objects.count() == jejak
    assert verified.nilai != Decimal("777")


def test_ditetapkan_pk_cannot_be_changed_in_the_admin(demo, super_client):
    pk = PerjanjianKinerja.objects.filter(perangkat_daerah=demo, status="ditetapkan").first()
    baris = pk.indikator_set.first()
    sebelum = (_sidik(pk), _sidik(baris))
    assert super_client.get(_url(pk, "change", pk.pk)).status_code == 200  # viewable
    assert super_client.post(_url(pk, "change", pk.pk),
                             {"status": "draft", "nomor": "x"}).status_code == 403
    assert super_client.post(_url(baris, "change", baris.pk),
                             {"target_tahunan": "1"}).status_code == 403
    assert super_client.post(_url(pk, "delete", pk.pk), {"post": "yes"}).status_code == 403
    assert (_sidik(pk), _sidik(baris)) == sebelum


def test_an_office_with_audit_rows_cannot_be_deleted_in_the_admin(demo, super_client):
    jejak = JejakAudit.objects.filter(perangkat_daerah=demo).count()
    assert jejak > 0
    assert super_client.post(_url(demo, "delete", demo.pk), {"post": "yes"}).status_code == 403
    assert JejakAudit.objects.filter(perangkat_daerah=demo).count() == jejak


# --- users: deactivated, never deleted ---------------------------------------------------------

def test_a_user_with_audit_rows_is_protected_in_the_database(demo):
    perencana = User.objects.get(username="perencana")
    assert JejakAudit.objects.filter(user=perencana).exists()
    with pytest.raises(ProtectedError):
        perencana.delete()


def test_admin_delete_of_a_user_with_audit_rows_explains_deactivation(demo, super_client):
    perencana = User.objects.get(username="perencana")
    url = _url(perencana, "delete", perencana.pk)
    r = super_client.post(url, {"post": "yes"}, follow=True)
    assert r.redirect_chain[-1][0] == _url(perencana, "change", perencana.pk)
    assert "tidak dapat dihapus" in r.content.decode() and "Nonaktifkan" in r.content.decode()
    assert User.objects.filter(pk=perencana.pk, is_active=True).exists()
    change = super_client.get(_url(perencana, "change", perencana.pk)).content.decode()
    assert url not in change  # no "Hapus" link on the page


def test_nonaktifkan_action_replaces_bulk_delete_and_is_audited(demo, super_client, superuser):
    changelist = _url(superuser, "changelist")
    r = super_client.get(changelist)
    actions = dict(r.context["action_form"].fields["action"].choices)
    assert "nonaktifkan" in actions and "delete_selected" not in actions
    staf = User.objects.get(username="staf.rehsos")
    r = super_client.post(changelist, {"action": "nonaktifkan",
                                       "_selected_action": [staf.pk, superuser.pk]})
    assert r.status_code == 302
    staf.refresh_from_db()
    superuser.refresh_from_db()
    assert staf.is_active is False and superuser.is_active is True
    row = JejakAudit.objects.get(model="auth.user", object_id=str(staf.pk))
    assert (row.user, row.field, row.nilai_lama, row.nilai_baru) == (
        superuser, "is_active", "True", "False")


def test_the_aktif_box_goes_through_the_audited_switch(demo, super_client, superuser):
    kepala = User.objects.get(username="kepala")
    data = {
        "username": kepala.username, "first_name": kepala.first_name, "last_name": "",
        "email": "", "date_joined_0": "2024-01-01", "date_joined_1": "08:00:00",
        "initial-date_joined_0": "2024-01-01", "initial-date_joined_1": "08:00:00",
    }  # is_active left unticked
    r = super_client.post(_url(kepala, "change", kepala.pk), data)
    assert r.status_code == 302, r.context["adminform"].form.errors if r.context else r
    kepala.refresh_from_db()
    assert kepala.is_active is False
    assert JejakAudit.objects.filter(model="auth.user", object_id=str(kepala.pk),
                                     field="is_active", user=superuser).count() == 1


def test_a_user_without_audit_rows_can_still_be_deleted(super_client):
    tamu = User.objects.create_user("tamu.salah.ketik", password="x")
    r = super_client.post(_url(tamu, "delete", tamu.pk), {"post": "yes"})
    assert r.status_code == 302
    assert not User.objects.filter(pk=tamu.pk).exists()


def test_admin_export_writes_formulas_as_text(db):
    """The Nomenklatur export (django-import-export) never writes a live formula."""
    Nomenklatur.objects.create(kode="9.99.99", nama="=HYPERLINK(\"http://x\",\"klik\")",
                               level="program", versi="uji")
    dataset = NomenklaturResource().export(Nomenklatur.objects.filter(versi="uji"))
    wb = load_workbook(io.BytesIO(XLSX().export_data(dataset)))
    sel = [c for row in wb.active.iter_rows(min_row=2) for c in row if c.value]
    assert sel and all(c.data_type != "f" for c in sel)
    assert any(str(c.value).startswith("HYPERLINK(") for c in sel)
