"""Template filters of the LKjIP documents."""

from django import template

from laporan import narasi as _narasi

register = template.Library()


@register.filter
def narasi(teks):
    """Render a narrative written in the small markup of :mod:`laporan.narasi`."""
    return _narasi.ke_html(teks or "")


@register.filter
def huruf(n):
    """1 → "A", 2 → "B" (sub-section letters)."""
    return chr(64 + int(n))


@register.filter
def per_sasaran(peta, sasaran_id):
    return (peta or {}).get(str(sasaran_id), {})


@register.filter
def rapat(teks):
    """Keep "112,59 %" and "Rp 5.319.338.072" on one line (no-break spaces, display only)."""
    return str(teks).replace(" %", "\u00a0%").replace("Rp ", "Rp\u00a0")
