"""Form fields every area shares: numbers are typed the Indonesian way (``1.250.000,50``) and
read by ``sakip.lib.angka.parse_angka`` — the one parser (domain.md §8.1) — never by the locale."""

from decimal import Decimal

from django import forms

from sakip.lib.angka import angka_input, parse_angka


class AngkaField(forms.CharField):
    """A number typed the Indonesian way; blank or ``-`` is no value (NULL ≠ 0)."""

    MAKS = 40

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        # No max_length validator: it would run on the parsed Decimal; the text is checked here.
        self.widget.attrs.setdefault("maxlength", str(self.MAKS))
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")

    def prepare_value(self, value):
        return angka_input(value) if isinstance(value, Decimal) else value

    def to_python(self, value):
        text = super().to_python(value)
        if len(text) > self.MAKS:
            raise forms.ValidationError(
                f"Angka terlalu panjang (lebih dari {self.MAKS} karakter).", code="panjang")
        try:
            nilai = parse_angka(text)
        except ValueError as e:
            raise forms.ValidationError(str(e), code="angka") from e
        if nilai is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return nilai


class TanggalInput(forms.DateInput):
    """The one date widget: a browser date picker, whose value must be ISO ("2026-11-30") —
    served as "30-11-2026" the input shows empty and a blank submit loses the date. Pages show
    dates with the ``|tanggal`` filters; ISO lives only here."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TanggalField(forms.DateField):
    """A date form field with :class:`TanggalInput` and an Indonesian error message."""

    widget = TanggalInput
    default_error_messages = {
        "invalid": "Tanggal tidak valid; pilih tanggal dari kalender (mis. 30 November 2026).",
    }
