"""Project overrides of Django's "id" locale formats (settings.FORMAT_MODULE_PATH).

Django renders a DateInput's value with the FIRST of DATE_INPUT_FORMATS, and the "id" locale
puts "%d-%m-%Y" first: a ``<input type="date">`` then receives "30-11-2026", which browsers
reject and show as empty. ISO first, so every date form field — also one built without
``sakip.forms.TanggalInput`` — serves a value the date input can show; the Indonesian shapes
stay accepted when typed (imports, old browsers). Pages format dates with the ``|tanggal``
filters, never with these.
"""

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-11-30 (what <input type="date"> sends and needs)
    "%d-%m-%Y",  # 30-11-2026
    "%d/%m/%Y",  # 30/11/2026
    "%d-%m-%y",  # 30-11-26
    "%d/%m/%y",  # 30/11/26
]
# Django's "id" list also reads "%m/%d/%Y" (American order): left out, 03/04/2025 is 3 April.
