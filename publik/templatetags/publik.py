"""Filters of the public pages; numbers still go through sakip.lib.angka (the one formatter)."""

from django import template

from sakip.lib.angka import nilai_predikat_teks

register = template.Library()


@register.filter
def nilai(value, teks=""):
    """An indicator value as signed: ``580``, ``77,26 (BB)``, ``—`` when there is none."""
    return nilai_predikat_teks(value, teks) or "—"
