"""Small filters of the dashboards (a filter is cheaper than an include inside a loop)."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def kategori(k):
    """A capaian category as a coloured label (.kat-<KODE>, sakip.css); "—" when missing."""
    if not k:
        return format_html('<span class="muted">—</span>')
    return format_html('<span class="kat kat-{}">{}</span>', k.kode, k.label)
