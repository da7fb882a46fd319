"""Template filters that hand numbers to sakip.lib.angka: the one formatter (domain.md §8.1)."""

from django import template

from sakip.lib import angka as _angka
from sakip.lib import periode as _periode

register = template.Library()


@register.filter
def angka(value, desimal=2):
    return _angka.format_angka(value, int(desimal))


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


@register.filter
def tanggal(value):
    return _periode.format_tanggal(value) if value else ""
