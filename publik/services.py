"""The one write path of publication: withdraw a published document, publish it again.

Publication itself needs no write: a document is published by its penetapan
(``publik.selectors``). Both actions lock the document, refuse what is not (or no longer)
theirs to do, and leave an audit row on the document (``sakip.audit``), so the document's own
history shows when it left the public pages, who took it off and why.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kinerja.models import PerjanjianKinerja
from laporan.models import LaporanKinerja
from publik import selectors
from publik.models import PublikasiDicabut
from renstra.models import Renstra
from sakip import audit
from sakip.models import JejakAudit
from sakip.versi import SudahAda, oleh_pada

MODEL = {
    PublikasiDicabut.Jenis.RENSTRA: (Renstra, "renstra"),
    PublikasiDicabut.Jenis.PK: (PerjanjianKinerja, "perjanjian"),
    PublikasiDicabut.Jenis.LKJIP: (LaporanKinerja, "laporan"),
}
TERBIT = "terbit"
DICABUT = "dicabut"


def _dokumen(pd, jenis: str, objek_id: int):
    """The document, locked, or ValidationError when it is not one of ``pd``'s."""
    if jenis not in MODEL:
        raise ValidationError("Jenis dokumen tidak dikenal.")
    model, _ = MODEL[jenis]
    obj = model.objects.select_for_update().filter(pk=objek_id, perangkat_daerah=pd).first()
    if obj is None:
        raise ValidationError("Dokumen tidak ditemukan.")
    return obj


def _terbit_ids(pd, jenis: str, *, termasuk_dicabut: bool) -> set[int]:
    return {d.id for d in selectors.dokumen_terbit(pd=pd, termasuk_dicabut=termasuk_dicabut)
            if d.jenis == jenis}


@transaction.atomic
def publikasi_withdraw(*, perangkat_daerah, jenis: str, objek_id: int, alasan: str,
                       user) -> PublikasiDicabut:
    """Take a published document off the public pages; ``alasan`` is required."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Alasan pencabutan wajib diisi."})
    obj = _dokumen(perangkat_daerah, jenis, objek_id)
    _, kolom = MODEL[jenis]
    ada = PublikasiDicabut.objects.filter(**{kolom: obj}).select_related("oleh").first()
    if ada is not None:
        raise SudahAda(f"Publikasi dokumen ini sudah dicabut{oleh_pada(ada.oleh, ada.pada)}.",
                       objek=ada)
    if obj.pk not in _terbit_ids(perangkat_daerah, jenis, termasuk_dicabut=False):
        raise ValidationError("Dokumen ini tidak sedang dipublikasikan (belum ditetapkan atau "
                              "sudah digantikan versi yang lebih baru).")
    try:
        with transaction.atomic():
            dicabut = PublikasiDicabut.objects.create(
                perangkat_daerah=perangkat_daerah, jenis=jenis, alasan=alasan, oleh=user,
                **{kolom: obj})
    except IntegrityError:
        # Two withdrawals at once: the first one stands, the second writes nothing.
        raise SudahAda("Publikasi dokumen ini sudah dicabut.", objek=obj) from None
    audit.catat(user=user, obj=obj, aksi=JejakAudit.Aksi.STATUS, field="publikasi",
                lama=TERBIT, baru=DICABUT, alasan=alasan, perangkat_daerah=perangkat_daerah)
    return dicabut


@transaction.atomic
def publikasi_reopen(*, perangkat_daerah, jenis: str, objek_id: int, user,
                     alasan: str = "") -> None:
    """Publish a withdrawn document again (the withdrawal is removed, the audit row stays)."""
    obj = _dokumen(perangkat_daerah, jenis, objek_id)
    _, kolom = MODEL[jenis]
    dicabut = PublikasiDicabut.objects.filter(**{kolom: obj}).first()
    if dicabut is None:
        raise SudahAda("Dokumen ini sudah dipublikasikan.", objek=obj)
    dicabut.delete()
    audit.catat(user=user, obj=obj, aksi=JejakAudit.Aksi.STATUS, field="publikasi",
                lama=DICABUT, baru=TERBIT,
                alasan=(alasan or "").strip() or "dipublikasikan kembali",
                perangkat_daerah=perangkat_daerah)
