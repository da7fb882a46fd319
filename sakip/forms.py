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
