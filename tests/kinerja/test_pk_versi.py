"""The PK under two users and double clicks: a builder save based on an older version of the
PK is refused with who changed it and when (nothing written); the same save sent twice is
harmless; creating, submitting, withdrawing, approving and revising twice does it once and says
what already happened."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.models import Jenjang, PerjanjianKinerja
from kinerja.pk import selectors as pk_selectors
from kinerja.pk import services as pk_services
from sakip.models import JejakAudit
from sakip.versi import DataKedaluwarsa, SudahAda

SLUG = "dinsos-gowa"


@pytest.fixture
def users(demo, django_user_model):
    return {u.username: u for u in django_user_model.objects.all()}


@pytest.fixture
def draf(demo, users):
    pk = pk_services.pk_create(perangkat_daerah=demo, tahun=2025, jenjang=Jenjang.JPT_PRATAMA,
                               user=users["perencana"],
                               **pk_selectors.pk_pihak_default(demo, Jenjang.JPT_PRATAMA))
    pk_services.pk_fill_from_renstra(pk=pk, user=users["perencana"])
    return PerjanjianKinerja.objects.get(pk=pk.pk)


def _isi(line, target, tw):
    return pk_services.IsiIndikator(indikator=line.indikator, target_tahunan=Decimal(target),
                                    target_tw=tuple(Decimal(t) for t in tw), urutan=line.urutan)


def test_builder_save_from_an_older_version_is_refused_and_writes_nothing(draf, users):
    line = draf.indikator_set.select_related("indikator").get()
    v = draf.row_version
    pk_services.pk_save(pk=draf, header={"nomor": "800/1/PK"}, versi_dasar=v,
                        indikator=[_isi(line, 600, (100, 100, 200, 200))],
                        user=users["kepala"])
    jejak = JejakAudit.objects.count()
    with pytest.raises(DataKedaluwarsa) as e:
        pk_services.pk_save(pk=draf, header={"nomor": "800/2/PK"}, versi_dasar=v,
                            indikator=[_isi(line, 700, (100, 200, 200, 200))],
                            user=users["perencana"])
    nama = users["kepala"].get_full_name() or "kepala"
    assert f"sudah diubah oleh {nama} pada " in e.value.messages[0]
    draf.refresh_from_db()
    line.refresh_from_db()
    assert (draf.nomor, line.target_tahunan) == ("800/1/PK", Decimal(600))
    assert JejakAudit.objects.count() == jejak and draf.row_version == v + 1


def test_the_same_builder_save_twice_is_harmless(draf, users):
    line = draf.indikator_set.select_related("indikator").get()
    v = draf.row_version
    kirim = {"header": {"nomor": "800/1/PK"}, "indikator": [_isi(line, 600, (150,) * 4)],
             "versi_dasar": v, "user": users["perencana"]}
    pk_services.pk_save(pk=draf, **kirim)
    jejak = JejakAudit.objects.count()
    pk_services.pk_save(pk=draf, **kirim)  # a double click: stale base, nothing would change
    assert JejakAudit.objects.count() == jejak
    draf.refresh_from_db()
    assert draf.row_version == v + 1


def test_any_write_to_the_pk_makes_an_open_builder_stale(draf, users):
    v = draf.row_version
    program = pk_selectors.pk_tambahan(draf, [], [])[2][0]
    pk_services.pk_anggaran_create(pk=draf, pemilik=program, anggaran=Decimal(5),
                                   user=users["kepala"])
    with pytest.raises(DataKedaluwarsa):
        pk_services.pk_save(pk=draf, header={"nomor": "1"}, versi_dasar=v)


def test_create_twice_names_the_existing_pk(draf, demo, users):
    with pytest.raises(SudahAda, match=r"sudah ada \(versi 1, draf\)") as e:
        pk_services.pk_create(perangkat_daerah=demo, tahun=2025, jenjang=Jenjang.JPT_PRATAMA,
                              user=users["perencana"])
    assert e.value.objek == draf
    assert PerjanjianKinerja.objects.filter(perangkat_daerah=demo, tahun=2025).count() == 1


def test_unique_version_answers_a_twin_that_skipped_the_lock(draf, monkeypatch):
    """No full_clean in front: the database's unique version is what refuses the twin."""
    monkeypatch.setattr(pk_services, "_simpan", lambda obj: obj.save() or obj)
    kembar = PerjanjianKinerja(perangkat_daerah=draf.perangkat_daerah, tahun=2025,
                               jenjang=Jenjang.JPT_PRATAMA)
    with pytest.raises(SudahAda) as e:
        pk_services._sisip_pk(kembar)
    assert e.value.objek == draf


def test_submit_withdraw_approve_twice_do_it_once(draf, users):
    pk_services.pk_submit(pk=draf, user=users["perencana"])
    with pytest.raises(SudahAda, match="sudah diajukan kepada Kepala oleh "):
        pk_services.pk_submit(pk=draf, user=users["perencana"])
    pk_services.pk_withdraw(pk=draf, user=users["kepala"])
    with pytest.raises(SudahAda, match="sudah berstatus draf oleh "):
        pk_services.pk_withdraw(pk=draf, user=users["kepala"])
    pk_services.pk_approve(pk=draf, user=users["kepala"])
    with pytest.raises(SudahAda, match="versi 1 sudah ditetapkan oleh .* pada ") as e:
        pk_services.pk_approve(pk=draf, user=users["kepala"])
    assert e.value.objek.status == "ditetapkan"
    status = JejakAudit.objects.filter(model="kinerja.perjanjiankinerja",
                                       object_id=str(draf.pk), field="status")
    assert list(status.order_by("id").values_list("nilai_baru", flat=True)) == [
        "diajukan", "draft", "ditetapkan"]


def test_revise_twice_makes_one_version(demo, users):
    v2 = PerjanjianKinerja.objects.get(perangkat_daerah=demo, tahun=2024, versi=2)
    v3 = pk_services.pk_revise(pk=v2, alasan="mutasi_pejabat", user=users["perencana"])
    with pytest.raises(SudahAda, match="sudah direvisi: versi 3") as e:
        pk_services.pk_revise(pk=v2, alasan="mutasi_pejabat", user=users["perencana"])
    assert e.value.objek == v3
    assert PerjanjianKinerja.objects.filter(perangkat_daerah=demo, tahun=2024).count() == 3


# --- the pages --------------------------------------------------------------------------------

def test_builder_page_refuses_a_stale_save_and_keeps_the_input(draf, users, client_as):
    c = client_as("perencana")
    url = reverse("kinerja:pk-isi", args=[SLUG, draf.pk])
    html = c.get(url).content.decode()
    assert f'name="h-row_version" value="{draf.row_version}"' in html
    line = draf.indikator_set.get()
    data = {"h-row_version": str(draf.row_version), "h-nomor": "800/77/PK",
            f"i-{line.pk}-target": "600", f"i-{line.pk}-mode": "per_triwulan"}
    pk_services.pk_save(pk=draf, header={"nomor": "800/1/PK"}, user=users["kepala"])
    r = c.post(url, data)
    assert r.status_code == 400
    html = r.content.decode()
    assert "Data ini sudah diubah oleh" in html and "Tidak ada yang disimpan." in html
    assert 'value="800/77/PK"' in html  # the user's input stays on the page
    draf.refresh_from_db()
    assert draf.nomor == "800/1/PK"


def test_double_click_on_buat_opens_the_draft(draf, client_as):
    r = client_as("perencana").post(reverse("kinerja:pk-buat", args=[SLUG]),
                                    {"tahun": "2025", "jenjang": Jenjang.JPT_PRATAMA},
                                    follow=True)
    assert r.redirect_chain[-1][0] == reverse("kinerja:pk-isi", args=[SLUG, draf.pk])
    assert "sudah ada (versi 1, draf)" in r.content.decode()


def test_double_click_on_revisi_and_tetapkan_say_what_happened(demo, client_as):
    v2 = PerjanjianKinerja.objects.get(perangkat_daerah=demo, tahun=2024, versi=2)
    url = reverse("kinerja:pk-revisi", args=[SLUG, v2.pk])
    data = {"alasan": "mutasi_pejabat", "alasan_uraian": "Kepala Dinas baru",
            "tanggal": "2024-10-01", "nomor": "800/1/2024"}
    c = client_as("perencana")
    assert c.post(url, data).status_code == 302
    r = c.post(url, data, follow=True)
    v3 = PerjanjianKinerja.objects.get(perangkat_daerah=demo, tahun=2024, versi=3)
    assert r.redirect_chain[-1][0] == reverse("kinerja:pk-isi", args=[SLUG, v3.pk])
    assert "PK ini sudah direvisi: versi 3" in r.content.decode()
    assert PerjanjianKinerja.objects.filter(perangkat_daerah=demo, tahun=2024).count() == 3

    r = client_as("kepala").post(reverse("kinerja:pk-tetapkan", args=[SLUG, v2.pk]),
                                 follow=True)
    assert r.status_code == 200 and "sudah ditetapkan oleh" in r.content.decode()


def test_double_click_on_adding_or_deleting_a_line_does_it_once(draf, client_as):
    c = client_as("perencana")
    program = pk_selectors.pk_tambahan(draf, [], [])[2][0]
    url = reverse("kinerja:pk-anggaran-tambah", args=[SLUG, draf.pk])
    data = {"pemilik": f"{program._meta.model_name}:{program.pk}", "anggaran": "5.000"}
    assert c.post(url, data).status_code == 302
    r = c.post(url, data, follow=True)
    assert "sudah ada di Tabel B PK ini" in r.content.decode()
    rows = draf.anggaran_set.filter(program=program)
    assert [x.urutan for x in rows] == [draf.anggaran_set.count()]
    url = reverse("kinerja:pk-anggaran-hapus", args=[SLUG, draf.pk, rows.get().pk])
    assert c.post(url).status_code == 302
    r = c.post(url, follow=True)
    assert r.status_code == 200 and "Baris anggaran itu sudah dihapus" in r.content.decode()
    line = draf.indikator_set.select_related("indikator").get()
    url = reverse("kinerja:pk-indikator-tambah", args=[SLUG, draf.pk])
    r = c.post(url, {"indikator": str(line.indikator_id)}, follow=True)
    assert "sudah ada di PK ini" in r.content.decode()
    line.refresh_from_db()
    assert line.urutan == 1
