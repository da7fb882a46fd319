"""Review notes under two users and double clicks: a step taken on a thread that moved on since
the page was opened is refused (nothing recorded, the text stays on the page); the same step
sent twice is recorded once."""

import pytest

from dasbor import services
from renstra.models import Indikator
from sakip.models import JejakAudit
from sakip.versi import DataKedaluwarsa, SudahAda


@pytest.fixture
def users(demo, django_user_model):
    return {u.username: u for u in django_user_model.objects.all()}


@pytest.fixture
def catatan(demo, users):
    iku = Indikator.objects.get(renstra__perangkat_daerah=demo, is_iku=True)
    return services.catatan_create(target=iku, tahun=2024, isi="Mohon rincian PPKS.",
                                   user=users["inspektorat"])


def test_resolving_without_seeing_the_latest_answer_is_refused(catatan, users):
    v = catatan.row_version
    services.catatan_reply(catatan=catatan, isi="Sudah dilampirkan.", user=users["kepala"],
                           dari_kantor=True, versi_dasar=v)
    langkah, jejak = catatan.riwayat_set.count(), JejakAudit.objects.count()
    with pytest.raises(DataKedaluwarsa, match="sudah diubah oleh .* pada "):
        services.catatan_resolve(catatan=catatan, user=users["perencana"], versi_dasar=v)
    with pytest.raises(DataKedaluwarsa):
        services.catatan_reply(catatan=catatan, isi="Jawaban lain.", user=users["perencana"],
                               dari_kantor=True, versi_dasar=v)
    catatan.refresh_from_db()
    assert catatan.status == "dijawab" and catatan.row_version == v + 1
    assert (catatan.riwayat_set.count(), JejakAudit.objects.count()) == (langkah, jejak)


def test_the_same_step_twice_is_recorded_once(catatan, users):
    v = catatan.row_version
    kirim = {"catatan": catatan, "isi": "Sudah dilampirkan.", "user": users["kepala"],
             "dari_kantor": True, "versi_dasar": v}
    services.catatan_reply(**kirim)
    with pytest.raises(SudahAda, match="sudah tercatat oleh "):
        services.catatan_reply(**kirim)
    services.catatan_resolve(catatan=catatan, user=users["perencana"], versi_dasar=v + 1)
    with pytest.raises(SudahAda, match="sudah selesai oleh "):
        services.catatan_resolve(catatan=catatan, user=users["perencana"], versi_dasar=v + 1)
    services.catatan_reopen(catatan=catatan, isi="Belum lengkap.", user=users["inspektorat"],
                            versi_dasar=v + 2)
    with pytest.raises(SudahAda):
        services.catatan_reopen(catatan=catatan, isi="Belum lengkap.",
                                user=users["inspektorat"], versi_dasar=v + 2)
    assert list(catatan.riwayat_set.values_list("aksi", flat=True)) == [
        "dibuat", "dijawab", "selesai", "dibuka"]


def test_detail_page_refuses_a_stale_step_and_keeps_the_text(catatan, users, client_as):
    c = client_as("perencana")
    url = f"/dasbor/catatan/{catatan.pk}/"
    html = c.get(url).content.decode()
    assert html.count(f'name="row_version" value="{catatan.row_version}"') == 2  # jawab, selesai
    v = catatan.row_version
    services.catatan_reply(catatan=catatan, isi="Jawaban kepala.", user=users["kepala"],
                           dari_kantor=True)
    r = c.post(f"{url}jawab/", {"row_version": str(v), "isi": "Jawaban saya."})
    assert r.status_code == 400
    html = r.content.decode()
    assert "Data ini sudah diubah oleh" in html and "Jawaban saya." in html
    assert catatan.riwayat_set.filter(isi="Jawaban saya.").count() == 0
    # Reloaded, the page carries the new version and the answer goes through.
    r = c.post(f"{url}jawab/", {"row_version": str(v + 1), "isi": "Jawaban saya."})
    assert r.status_code == 302
    r = c.post(f"{url}jawab/", {"row_version": str(v + 1), "isi": "Jawaban saya."}, follow=True)
    assert "Langkah ini sudah tercatat" in r.content.decode()
    assert catatan.riwayat_set.filter(isi="Jawaban saya.").count() == 1
