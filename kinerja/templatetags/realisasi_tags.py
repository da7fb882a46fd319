"""Labels for the realisasi audit trail (field names and status codes as users read them)."""

from decimal import Decimal, InvalidOperation

from django import template

from kinerja.models import Realisasi
from kinerja.realisasi.bukti import label_jenis
from kinerja.realisasi.selectors import LEVEL_LABEL, keadaan_periode
from sakip.lib.angka import format_angka, format_ukuran

register = template.Library()

_LABEL = {
    "nilai": "Realisasi", "nilai_teks": "Predikat", "pembilang": "Pembilang",
    "penyebut": "Penyebut", "catatan": "Catatan", "faktor_pendukung": "Faktor pendukung",
    "faktor_penghambat": "Faktor penghambat", "upaya": "Upaya", "sumber_data": "Sumber data",
    "status": "Status", "bukti_dukung": "Bukti dukung", "dibuka": "Periode dibuka",
}
_STATUS = dict(Realisasi.Status.choices)


@register.filter
def label_field(name: str) -> str:
    return _LABEL.get(name, name.replace("_", " "))


@register.filter
def label_jejak(value, field: str):
    """An audit value as text: status codes get their label; Decimals are stored normalised."""
    if value is None or value == "":
        return "—"
    if field == "status":
        return _STATUS.get(value, value)
    if field == "nilai" or field in ("pembilang", "penyebut"):
        try:
            d = Decimal(value)
        except InvalidOperation:
            return value
        desimal = max(0, -d.normalize().as_tuple().exponent)
        return format_angka(d, min(desimal, 4))
    return value


@register.filter
def label_level(level: str) -> str:
    return LEVEL_LABEL.get(level, level)


@register.filter
def label_data(j) -> str:
    """What an audit row is about: a realisasi field, a pagu stage or a budget quarter."""
    if j.model == "anggaran.pagu":
        tahap = next((t for t in ("Murni", "Pergeseran", "Perubahan") if t in j.objek), "")
        label = f"Pagu {tahap.lower()}".strip()
        return f"Tanggal dokumen {label.lower()}" if j.field == "tanggal_dokumen" else label
    if j.model == "anggaran.realisasianggaran":
        periode = j.objek.rsplit(" TW ", 1)[-1].split(":")[0] if " TW " in j.objek else ""
        return f"Realisasi TW {periode}".strip()
    return label_field(j.field)


@register.filter
def jenis_berkas(content_type):
    """"PDF", "Gambar", "Excel" for an evidence file, never its MIME type."""
    return label_jenis(content_type or "")


@register.filter
def ukuran_berkas(byte):
    return format_ukuran(byte)


@register.filter
def keadaan(periode):
    """The period's state (``keadaan_periode``): .kode, .label, .teks — overdue flagged."""
    return keadaan_periode(periode)
