"""Small filters of the dashboards (a filter is cheaper than an include inside a loop)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from sakip.audit import nama_pelaku

register = template.Library()


@register.filter
def kategori(k):
    """A capaian category as a coloured label (.kat-<KODE>, sakip.css); "—" when missing."""
    if not k:
        return mark_safe('<span class="muted">—</span>')
    return format_html('<span class="kat kat-{}">{}</span>', k.kode, k.label)


@register.filter
def nama_pengguna(user):
    """Full name, else username, else "—" (a deleted user leaves NULL, SET_NULL)."""
    return nama_pelaku(user, kosong="—")
