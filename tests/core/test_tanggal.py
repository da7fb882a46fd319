"""Dates in pages: two shapes ("30 November 2026", "30/11/2026" in dense tables), ISO only inside
<input type="date">; the LKjIP penetapan date is never taken from the day of the click."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse

from laporan.forms import TetapkanForm
from sakip.forms import TanggalField, TanggalInput

WITA = ZoneInfo("Asia/Makassar")


def _render(teks: str, **ctx) -> str:
    return Template(teks).render(Context(ctx))


def test_filter_tanggal_panjang_dan_ringkas():
    d = datetime.date(2026, 11, 30)
    assert _render("{{ d|tanggal }}", d=d) == "30 November 2026"
    assert _render("{{ d|tanggal_ringkas }}", d=d) == "30/11/2026"
    assert _render("{{ d|tanggal_ringkas }}", d=datetime.date(2025, 1, 5)) == "05/01/2025"
    # ISO text kept in JSON (the LKjIP narrative's date) reads as the date it names.
    assert _render("{{ d|tanggal }}", d="2025-01-21") == "21 Januari 2025"
    assert _render("[{{ d|tanggal }}][{{ d|tanggal_ringkas }}]", d=None) == "[][]"


def test_filter_waktu_memakai_zona_waktu_lokal():
    # 23.30 WITA on 30 Nov is 22.30 WIB (settings.TIME_ZONE = Asia/Jakarta), same day.
    t = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=WITA)
    assert _render("{{ t|waktu }}", t=t) == "30 November 2026 22.30"
    assert _render("{{ t|waktu_ringkas }}", t=t) == "30/11/2026 22.30"
    # 00.30 WITA on 1 Dec is still 30 Nov in Jakarta: the local calendar date is shown.
    t2 = datetime.datetime(2026, 12, 1, 0, 30, tzinfo=WITA)
    assert _render("{{ t|tanggal }}", t=t2) == "30 November 2026"
    assert _render("{{ t|waktu|default:'belum pernah' }}", t=None) == "belum pernah"


def test_tidak_ada_format_tanggal_django_di_template():
    """One home for dates in pages: the |tanggal filters (sakip/templatetags/angka.py)."""
    from pathlib import Path

    from django.conf import settings

    liar = []
    for p in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        for no, baris in enumerate(p.read_text().splitlines(), 1):
            if "|date:" in baris or "|time:" in baris:
                liar.append(f"{p.relative_to(settings.BASE_DIR)}:{no}")
    assert not liar, f"Pakai |tanggal, |tanggal_ringkas, |waktu atau |waktu_ringkas: {liar}"


def test_widget_tanggal_selalu_iso():
    html = TanggalInput().render("t", datetime.date(2026, 11, 30))
    assert 'type="date"' in html
    assert 'value="2026-11-30"' in html


class _FormBiasa(forms.Form):
    # A date field written without the shared widget: the project's "id" format module puts
    # ISO first, so even this one serves a value the browser's date input can show.
    t = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


def test_date_input_tanpa_widget_bersama_juga_iso():
    html = str(_FormBiasa(initial={"t": datetime.date(2026, 11, 30)})["t"])
    assert 'value="2026-11-30"' in html
    # Indonesian typing is still read.
    f = _FormBiasa({"t": "30/11/2026"})
    assert f.is_valid() and f.cleaned_data["t"] == datetime.date(2026, 11, 30)


def test_field_tanggal_pesan_indonesia():
    class F(forms.Form):
        t = TanggalField()

    f = F({"t": "kemarin"})
    assert not f.is_valid()
    assert "Tanggal tidak valid" in f.errors["t"][0]


def test_tetapkan_lkjip_tanpa_tanggal_ditolak():
    f = TetapkanForm({"setuju": "on", "tanggal_penetapan": ""})
    assert not f.is_valid()
    assert f.errors["tanggal_penetapan"] == ["Tanggal penetapan wajib diisi."]
    f = TetapkanForm({"setuju": "on", "tanggal_penetapan": "2025-01-21"})
    assert f.is_valid() and f.cleaned_data["tanggal_penetapan"] == datetime.date(2025, 1, 21)


def _input_tanggal_penetapan(client, demo) -> str:
    html = client.get(reverse("laporan:lkjip", args=[demo.slug, 2024])).content.decode()
    awal = html.index('name="tanggal_penetapan"')
    return html[html.rindex("<input", 0, awal):html.index(">", awal) + 1]


@pytest.mark.django_db
def test_halaman_lkjip_mengisi_tanggal_kata_pengantar(demo, client_as):
    from laporan.models import LaporanKinerja

    laporan = LaporanKinerja.objects.get(perangkat_daerah=demo, tahun=2024)
    # Reviewed and waiting for the Kepala (the state in which the form is shown).
    LaporanKinerja.objects.filter(pk=laporan.pk).update(
        status=LaporanKinerja.Status.REVIU, narasi={**laporan.narasi, "tanggal": "2025-01-21"})
    kepala = client_as("kepala")
    tag = _input_tanggal_penetapan(kepala, demo)
    assert 'type="date"' in tag and 'value="2025-01-21"' in tag and "required" in tag

    # Without a kata pengantar date nothing is proposed: not today, the Kepala picks the date.
    narasi = {k: v for k, v in laporan.narasi.items() if k != "tanggal"}
    LaporanKinerja.objects.filter(pk=laporan.pk).update(narasi=narasi)
    tag = _input_tanggal_penetapan(kepala, demo)
    assert "value=" not in tag and "required" in tag
