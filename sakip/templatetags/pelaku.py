"""``{{ user|pelaku }}``: who acted, by the one helper (sakip.audit.nama_pelaku)."""

from django import template

from sakip.audit import nama_pelaku

register = template.Library()


@register.filter
def pelaku(user, kosong="—"):
    return nama_pelaku(user, kosong=kosong)
