"""Template filters that hand numbers and dates to sakip.lib: the one formatter (domain.md §8.1).

Dates in pages have two shapes only: ``|tanggal`` "30 November 2026" (prose, headers, notes) and
``|tanggal_ringkas`` "30/11/2026" (dense tables); ``|waktu`` / ``|waktu_ringkas`` add the clock
time "14.05". Datetimes are shown in the local time zone. ISO dates appear only inside
``<input type="date">`` (sakip.forms.TanggalInput). Never ``|date:"…"`` in a template.
"""

from datetime import date, datetime

from django import template
from django.utils import timezone

from sakip.lib import angka as _angka
from sakip.lib import periode as _periode

register = template.Library()


@register.filter
def angka(value, desimal=2):
    return _angka.format_angka(value, int(desimal))


@register.filter
def nilai(value, desimal=0):
    """An indicator's value with its ``desimal`` places (more only when stored): one shape in the
    tree, the grid, the PK and the realisasi pages (sakip.lib.angka.format_nilai)."""
    return _angka.format_nilai(value, int(desimal or 0))


@register.filter
def rupiah(value):
    return _angka.format_rupiah(value) if value is not None else "—"


@register.filter
def persen(value, desimal=2):
    return _angka.format_persen(value, int(desimal)) if value is not None else "—"


@register.filter
def nip(value):
    return _angka.format_nip(value) if value else ""


@register.filter
def romawi(value):
    return _periode.romawi(int(value))


def _lokal(value):
    """An aware datetime in the local time zone (its calendar date is the one shown); an ISO
    text ("2025-01-21", as kept in JSON narratives) read as the date it names."""
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def tanggal(value):
    value = _lokal(value)
    return _periode.format_tanggal(value) if isinstance(value, date) else ""


@register.filter
def tanggal_ringkas(value):
    value = _lokal(value)
    return _periode.format_tanggal_ringkas(value) if isinstance(value, date) else ""


@register.filter
def waktu(value):
    """"30 November 2026 14.05"; a plain date shows the date only."""
    value = _lokal(value)
    if not isinstance(value, date):
        return ""
    teks = _periode.format_tanggal(value)
    return f"{teks} {_periode.format_jam(value)}" if isinstance(value, datetime) else teks


@register.filter
def waktu_ringkas(value):
    """"30/11/2026 14.05" for dense tables; a plain date shows the date only."""
    value = _lokal(value)
    if not isinstance(value, date):
        return ""
    teks = _periode.format_tanggal_ringkas(value)
    return f"{teks} {_periode.format_jam(value)}" if isinstance(value, datetime) else teks
