"""The LKjIP under two users and double clicks: narratives and the review saved from an older
version are refused (nothing written, the page keeps the text); the same save twice is harmless;
"mulai" twice starts one version; approving twice signs once."""

import datetime

import pytest
from django.urls import reverse

from laporan import services
from laporan.models import LaporanKinerja
from sakip.models import JejakAudit
from sakip.versi import DataKedaluwarsa, SudahAda


def _narasi(lap, teks, user, versi):
    return services.narasi_update(laporan=lap, narasi={**lap.narasi, "kata_pengantar": teks},
                                  user=user, versi_dasar=versi)


def test_narasi_from_an_older_version_is_refused_and_writes_nothing(gowa, users):
    _, lap = gowa
    v = lap.row_version
    _narasi(lap, "Versi Ani.", users["perencana"], v)
    jejak = JejakAudit.objects.count()
    with pytest.raises(DataKedaluwarsa, match="sudah diubah oleh .* pada "):
        _narasi(lap, "Versi Budi.", users["admin"], v)
    lap.refresh_from_db()
    assert lap.narasi["kata_pengantar"] == "Versi Ani." and lap.row_version == v + 1
    assert JejakAudit.objects.count() == jejak
    # The same save twice (a double click) is not a conflict: nothing to lose, nothing written.
    _narasi(lap, "Versi Ani.", users["perencana"], v)
    assert JejakAudit.objects.count() == jejak


def test_review_from_an_older_version_is_refused(gowa, users):
    _, lap = gowa
    v = lap.row_version
    _narasi(lap, "Diperbaiki setelah reviu.", users["perencana"], v)
    with pytest.raises(DataKedaluwarsa):
        services.laporan_review(laporan=lap, nomor="700/1/LHR", catatan="Sesuai.",
                                tanggal=datetime.date(2025, 2, 3), user=users["inspektorat"],
                                versi_dasar=v)
    lap.refresh_from_db()
    assert (lap.status, lap.reviu_nomor) == ("draft", "")
    services.laporan_review(laporan=lap, nomor="700/1/LHR", catatan="Sesuai.",
                            tanggal=datetime.date(2025, 2, 3), user=users["inspektorat"],
                            versi_dasar=lap.row_version)
    lap.refresh_from_db()
    assert (lap.status, lap.row_version) == ("reviu", v + 2)


def test_start_twice_names_the_open_draft(gowa, users):
    pd, lap = gowa
    with pytest.raises(SudahAda, match="LKjIP 2024 versi 1 sudah dimulai") as e:
        services.laporan_create(perangkat_daerah=pd, tahun=2024, user=users["perencana"])
    assert e.value.objek == lap
    assert LaporanKinerja.objects.filter(perangkat_daerah=pd, tahun=2024).count() == 1


def test_approve_twice_signs_once(gowa_lengkap, users, monkeypatch, client_as):
    pd, lap = gowa_lengkap
    # The frozen PDF is queued for the worker; its layout is not what this test is about.
    monkeypatch.setattr(services, "berkas_request", lambda **kw: (None, False))
    services.laporan_review(laporan=lap, nomor="700/1/LHR", catatan="Sesuai.",
                            tanggal=datetime.date(2025, 2, 3), user=users["inspektorat"])
    services.laporan_approve(laporan=lap, user=users["kepala"])
    jejak = JejakAudit.objects.count()
    with pytest.raises(SudahAda, match="versi 1 sudah ditetapkan oleh .* pada "):
        services.laporan_approve(laporan=lap, user=users["kepala"])
    assert JejakAudit.objects.count() == jejak
    resp = client_as("kepala").post(reverse("laporan:tetapkan", args=[pd.slug, 2024]),
                  {"setuju": "on", "tanggal_penetapan": "2025-02-10"})
    assert resp.status_code == 302 and resp.url.endswith("?versi=1")
    assert JejakAudit.objects.count() == jejak


# --- the pages --------------------------------------------------------------------------------

def test_narasi_page_refuses_a_stale_save_and_keeps_the_text(gowa, users, client_as):
    pd, lap = gowa
    c = client_as("perencana")
    url = reverse("laporan:narasi", args=[pd.slug, 2024])
    html = c.get(url).content.decode()
    assert f'name="row_version" value="{lap.row_version}"' in html
    v = lap.row_version
    _narasi(lap, "Disimpan lebih dulu oleh admin.", users["admin"], v)
    r = c.post(url, {"row_version": str(v), "basis_efisiensi": lap.basis_efisiensi,
                     "kata_pengantar": "Teks saya yang panjang."})
    assert r.status_code == 400
    html = r.content.decode()
    assert "Data ini sudah diubah oleh" in html and "Teks saya yang panjang." in html
    lap.refresh_from_db()
    assert lap.narasi["kata_pengantar"] == "Disimpan lebih dulu oleh admin."


def test_reviu_page_refuses_a_stale_review(gowa, users, client_as):
    pd, lap = gowa
    c = client_as("inspektorat")
    url = reverse("laporan:reviu", args=[pd.slug, 2024])
    assert f'name="row_version" value="{lap.row_version}"' in c.get(url).content.decode()
    v = lap.row_version
    _narasi(lap, "Diubah saat reviu dibuka.", users["perencana"], v)
    r = c.post(url, {"row_version": str(v), "reviu_nomor": "700/9/LHR",
                     "reviu_tanggal": "2025-02-03", "reviu_catatan": "Catatan saya."})
    assert r.status_code == 400 and "Data ini sudah diubah oleh" in r.content.decode()
    lap.refresh_from_db()
    assert lap.status == "draft" and lap.reviu_nomor == ""


def test_double_click_on_mulai_opens_the_draft(gowa, client_as):
    pd, _ = gowa
    r = client_as("perencana").post(reverse("laporan:mulai", args=[pd.slug, 2024]), follow=True)
    assert r.redirect_chain[-1][0] == reverse("laporan:narasi", args=[pd.slug, 2024])
    assert "LKjIP 2024 versi 1 sudah dimulai" in r.content.decode()


def test_unique_version_answers_a_twin_that_skipped_the_lock(gowa, users, monkeypatch):
    """No look-up and no full_clean in front: the database's unique version refuses the twin
    inside a savepoint, and the answer is still SudahAda, not an IntegrityError."""
    pd, lap = gowa
    asli, dilihat = services._terakhir, []

    def buta(*args):
        dilihat.append(args)
        return None if len(dilihat) == 1 else asli(*args)

    monkeypatch.setattr(services, "_terakhir", buta)
    monkeypatch.setattr(services, "_simpan", lambda obj: obj.save() or obj)
    with pytest.raises(SudahAda) as e:
        services.laporan_create(perangkat_daerah=pd, tahun=2024, user=users["perencana"])
    assert e.value.objek == lap and len(dilihat) == 2
    assert LaporanKinerja.objects.filter(perangkat_daerah=pd, tahun=2024).count() == 1
