"""Forms of the users pages: they parse; the rules (which roles may be granted, the bidang of a
staf bidang) are decided again by ``sakip.services.peran_set``."""

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.validators import UnicodeUsernameValidator

from sakip.models import Role

# On an office the administrator role is the office's; on the pemda page it is the pemda's.
LABEL_KANTOR = {Role.ADMIN: "Administrator kantor"}
LABEL_PEMDA = {Role.ADMIN: "Administrator pemda", Role.INSPEKTORAT: "Inspektorat (APIP)"}


class PenggunaForm(forms.Form):
    """Create (``buat``) or edit an account and its roles in one place (an office or the
    pemda). ``akun`` False: name and e-mail are shown but not editable (the account is also
    held elsewhere, see ``Akses.can_manage_akun``)."""

    username = forms.CharField(
        label="Nama pengguna", max_length=150, validators=[UnicodeUsernameValidator()],
        help_text="Huruf, angka dan . @ + - _ saja; dipakai untuk masuk.",
    )
    nama = forms.CharField(label="Nama lengkap", max_length=150)
    email = forms.EmailField(label="Surel", required=False)
    roles = forms.MultipleChoiceField(label="Peran", widget=forms.CheckboxSelectMultiple)
    bidang = forms.ModelMultipleChoiceField(
        label="Bidang (untuk staf bidang)", queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    alasan = forms.CharField(label="Alasan atau catatan (tercatat di riwayat)", required=False,
                             max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, boleh, bidang_qs, kantor: bool, buat: bool, akun: bool = True,
                 admin_sendiri: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        label = LABEL_KANTOR if kantor else LABEL_PEMDA
        self.fields["roles"].choices = [(r, label.get(r, Role(r).label)) for r in boleh]
        if kantor:
            self.fields["bidang"].queryset = bidang_qs
        else:
            del self.fields["bidang"]
        if not buat:
            del self.fields["username"]
        if not akun:
            self.fields["nama"].disabled = True
            self.fields["email"].disabled = True
        self.admin_sendiri = admin_sendiri

    def clean(self):
        data = super().clean()
        roles = set(data.get("roles") or [])
        # An administrator who drops their own role could lock the office out of these pages.
        if self.admin_sendiri and "roles" in data and Role.ADMIN not in roles:
            self.add_error("roles", "Anda tidak dapat mencabut peran administrator Anda "
                                    "sendiri; minta administrator lain.")
        return data


class AlasanForm(forms.Form):
    """A reason for an act on the account (deactivate, activate, reset): audited."""

    alasan = forms.CharField(label="Alasan", max_length=500,
                             widget=forms.TextInput(attrs={"autocomplete": "off"}))


class AktifForm(AlasanForm):
    aktif = forms.TypedChoiceField(choices=[("1", "aktif"), ("0", "nonaktif")],
                                   coerce=lambda v: v == "1", widget=forms.HiddenInput)


class GantiKataSandiForm(PasswordChangeForm):
    """Django's own form (old password, new twice, every validator) with one rule more: a
    one-time password handed over by an administrator cannot simply be kept."""

    def clean(self):
        data = super().clean()
        lama, baru = data.get("old_password"), data.get("new_password1")
        if lama and baru and lama == baru:
            self.add_error("new_password1", "Kata sandi baru harus berbeda dari yang lama.")
        return data
