from django import forms


class PreferensiForm(forms.Form):
    email_aktif = forms.BooleanField(label="Kirim notifikasi ke e-mail saya", required=False)
