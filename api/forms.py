"""The token form: a name and a scope chosen among those the admin manages."""

from django import forms

from sakip.access import Akses


def pilihan_lingkup(a: Akses) -> list[tuple[str, str]]:
    """``pd:<id>`` for each office the user administers, ``pemda:<id>`` for each pemda it
    administers as a whole (sakip.access decides both)."""
    out = []
    pemda = {}
    for pd in a.token_perangkat_daerah_list():
        out.append((f"pd:{pd.pk}", pd.nama))
        pemda[pd.pemda_id] = pd.pemda
    for pid, p in sorted(pemda.items(), key=lambda kv: kv[1].nama):
        if a.can_manage_token_pemda(pid):
            out.insert(0, (f"pemda:{pid}", f"Seluruh perangkat daerah {p.nama}"))
    return out


class TokenForm(forms.Form):
    nama = forms.CharField(label="Nama / keperluan", max_length=100,
                           help_text="Mis. Bappeda – dasbor RPJMD, atau Tim evaluasi SAKIP.")
    lingkup = forms.ChoiceField(label="Data yang boleh dibaca")

    def __init__(self, *args, pilihan: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lingkup"].choices = pilihan
