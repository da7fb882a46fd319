"""``kirim_pengingat`` on the demo: the 2025 TW II period is open with batas waktu 15 Juli 2025
and today (30 November 2026) it is overdue. ``--dry-run`` lists and writes nothing; run twice
for real, each reminder (row and e-mail) goes out once."""

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from notifikasi.models import JenisNotifikasi as J
from notifikasi.models import Notifikasi
from sakip.models import JejakAudit

User = get_user_model()
SLUG = "dinsos-gowa"
HARI_INI = datetime.date(2026, 11, 30)


def _jalan(*args) -> str:
    out = StringIO()
    call_command("kirim_pengingat", *args, stdout=out)
    return out.getvalue()


def _pada(tanggal):
    return mock.patch("django.utils.timezone.localdate", return_value=tanggal)


def _belum_diajukan(client) -> int:
    """What the staff page of TW II 2025 shows the user as not yet submitted."""
    r = client.get(reverse("kinerja:staf", args=[SLUG]) + "?tahun=2025&tw=2")
    return sum(1 for row in r.context["rows"]
               if row.status in (None, "draft", "dikembalikan"))


@pytest.fixture
def staf_dengan_email(demo):
    for name in ("staf.rehsos", "staf.linjamsos", "perencana"):
        User.objects.filter(username=name).update(email=f"{name}@gowakab.go.id")


def test_dry_run_lists_the_overdue_reminders_and_writes_nothing(demo, client_as, mailoutbox,
                                                                django_capture_on_commit_callbacks):
    rehsos, linjamsos = (_belum_diajukan(client_as("staf.rehsos")),
                         _belum_diajukan(client_as("staf.linjamsos")))
    assert (rehsos, linjamsos) == (3, 3)
    sebelum = (Notifikasi.objects.count(), JejakAudit.objects.count())
    with _pada(HARI_INI), django_capture_on_commit_callbacks(execute=True):
        out = _jalan("--dry-run")
    baris = out.strip().splitlines()
    assert len(baris) == 4
    assert baris[0].startswith("staf.rehsos (")
    assert ("Realisasi 2025 TW II terlambat: batas waktu 15 Juli 2025 sudah lewat — 3 indikator "
            "Bidang Pelayanan dan Rehabilitasi Sosial belum diisi atau belum diajukan "
            "(terlambat 503 hari)") in baris[0]
    assert baris[1].startswith("staf.linjamsos (") and "3 indikator Bidang Perlindungan" in baris[1]
    assert baris[2].startswith("perencana (") and "7 indikator belum diajukan" in baris[2]
    assert baris[3] == ("Uji coba (30 November 2026): 3 pengingat untuk 3 orang akan dikirim; "
                        "tidak ada yang ditulis.")
    assert (Notifikasi.objects.count(), JejakAudit.objects.count()) == sebelum
    assert mailoutbox == []


def test_run_twice_sends_each_reminder_once(demo, staf_dengan_email, mailoutbox,
                                            django_capture_on_commit_callbacks):
    sebelum = Notifikasi.objects.count()
    with _pada(HARI_INI), django_capture_on_commit_callbacks(execute=True):
        pertama = _jalan()
    assert pertama.strip().splitlines()[-1] == (
        "3 pengingat dikirim kepada 3 orang (30 November 2026).")
    baru = Notifikasi.objects.filter(jenis=J.PENGINGAT_TERLAMBAT)
    assert Notifikasi.objects.count() == sebelum + 3 == sebelum + baru.count()
    assert sorted(baru.values_list("penerima__username", flat=True)) == [
        "perencana", "staf.linjamsos", "staf.rehsos"]
    staf = baru.get(penerima__username="staf.rehsos")
    assert staf.url.startswith(reverse("kinerja:staf", args=[SLUG]) + "?tahun=2025&tw=2&bidang=")
    assert sorted(m.to[0] for m in mailoutbox) == [
        "perencana@gowakab.go.id", "staf.linjamsos@gowakab.go.id", "staf.rehsos@gowakab.go.id"]

    with _pada(HARI_INI), django_capture_on_commit_callbacks(execute=True):
        kedua = _jalan()
    assert kedua.strip() == "0 pengingat dikirim kepada 0 orang (30 November 2026)."
    assert Notifikasi.objects.count() == sebelum + 3
    assert len(mailoutbox) == 3
    # A dry run after the real one announces nothing either.
    with _pada(HARI_INI):
        assert _jalan("--dry-run").startswith("Uji coba (30 November 2026): 0 pengingat")


def test_closing_soon_reminds_the_staf_within_n_days_once(demo):
    # 13 Juli 2025: two days before the batas waktu of TW II.
    with _pada(datetime.date(2025, 7, 13)):
        assert _jalan("--hari", "1", "--dry-run").startswith("Uji coba (13 Juli 2025): 0")
        out = _jalan()
    assert "Batas waktu realisasi 2025 TW II: 15 Juli 2025 (2 hari lagi)" in out
    tenggat = Notifikasi.objects.filter(jenis=J.PENGINGAT_TENGGAT)
    assert sorted(tenggat.values_list("penerima__username", flat=True)) == [
        "staf.linjamsos", "staf.rehsos"]  # not the perencana: nothing is late yet
    with _pada(datetime.date(2025, 7, 15)):
        assert _jalan().startswith("0 pengingat")  # the same deadline: already reminded
    with _pada(datetime.date(2025, 7, 16)):
        assert _jalan().startswith("staf.rehsos")  # overdue is a new event
    assert Notifikasi.objects.filter(jenis=J.PENGINGAT_TERLAMBAT).count() == 3


def test_a_fully_submitted_bidang_is_not_reminded(demo, client_as):
    c = client_as("staf.rehsos")
    r = c.get(reverse("kinerja:staf", args=[SLUG]) + "?tahun=2025&tw=2")
    for row in r.context["rows"]:
        if row.bisa_isi:
            c.post(reverse("kinerja:realisasi-edit", args=[SLUG, row.indikator.pk, 2025, 2]),
                   {"aksi": "ajukan", "nilai": "10", "pembilang": "1", "penyebut": "10",
                    "faktor_penghambat": "Cuaca", "upaya": "Jemput bola"})
    assert _belum_diajukan(c) == 0
    with _pada(HARI_INI):
        out = _jalan("--dry-run")
    assert "staf.rehsos" not in out and "staf.linjamsos (" in out
    assert "Bidang Pelayanan dan Rehabilitasi Sosial" not in out


def test_negative_days_are_refused(demo):
    with pytest.raises(CommandError, match="--hari tidak boleh negatif"):
        _jalan("--hari", "-1")
