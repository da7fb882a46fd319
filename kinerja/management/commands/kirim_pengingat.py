"""``python manage.py kirim_pengingat [--dry-run] [--hari N]``: deadline reminders for realisasi.

For every open input period with a batas waktu:

* closing within N days (default 3, today included) with values of a bidang not yet submitted
  → a reminder to that bidang's staf;
* past its batas waktu with values not yet submitted (overdue) → a reminder to the staf of each
  late bidang and one summary to the office's perencana.

"Not yet submitted" = no value, or a value still draft or returned: what the staff page asks
them to finish. Each reminder is one event (``kunci`` = period, its batas waktu, the kind and
the bidang), so the command is safe from cron every hour: a person is reminded of an event once;
a new batas waktu is a new event. ``--dry-run`` lists who would get what and writes nothing.
Dates are compared with ``timezone.localdate()`` (the office's calendar day, Asia/Jakarta).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kinerja.models import PeriodeInput, Realisasi
from kinerja.realisasi.selectors import indikator_pd
from kinerja.selectors import nilai_indikator
from notifikasi import selectors as notif_selectors
from notifikasi.models import JenisNotifikasi
from notifikasi.peristiwa import nama
from notifikasi.services import notifikasi_create_banyak
from renstra.selectors import renstra_aktif
from sakip.lib.periode import format_tanggal, romawi
from sakip.models import Bidang, Role

BELUM_DIAJUKAN = (None, Realisasi.Status.DRAFT, Realisasi.Status.DIKEMBALIKAN)


@dataclass
class Pengingat:
    penerima: list
    jenis: str
    judul: str
    pesan: str
    url: str
    pd: object
    kunci: str
    baru: list = field(default_factory=list)  # recipients not reminded of this event yet


def belum_diajukan(periode: PeriodeInput) -> dict[int | None, int]:
    """Indicators of the period's quarter not yet submitted, counted per reporting bidang
    (None = an indicator no bidang reports). Fixed queries per office and year."""
    pd, tahun, tw = periode.perangkat_daerah, periode.tahun, periode.triwulan
    semua = indikator_pd(pd, renstra_aktif(pd, tahun), tahun)
    nilai = nilai_indikator([ib.indikator for ib in semua], [tahun], perangkat_daerah=pd)
    per_bidang: dict[int | None, int] = defaultdict(int)
    for ib in semua:
        n = nilai[(ib.indikator.pk, tahun)]
        # The same rows as the staff page: an inactive indicator outside the PK without data
        # is not asked for.
        if not ib.indikator.aktif and n.pk_indikator is None and not any(n.status_tw):
            continue
        if n.status_tw[tw - 1] not in BELUM_DIAJUKAN:
            continue
        for b in ib.bidang_ids or {None}:
            per_bidang[b] += 1
    return dict(per_bidang)


def _url_staf(pd, tahun: int, tw: int, bidang_id: int | None = None) -> str:
    q = {"tahun": tahun, "tw": tw}
    if bidang_id:
        q["bidang"] = bidang_id
    return f"{reverse('kinerja:staf', args=[pd.slug])}?{urlencode(q)}"


def _judul(p: PeriodeInput, sisa: int) -> tuple[str, str, str]:
    """(jenis, judul, when in words) of a period ``sisa`` days from its batas waktu."""
    label, batas = f"{p.tahun} TW {romawi(p.triwulan)}", format_tanggal(p.batas_waktu)
    if sisa < 0:
        return (JenisNotifikasi.PENGINGAT_TERLAMBAT,
                f"Realisasi {label} terlambat: batas waktu {batas} sudah lewat",
                f"terlambat {-sisa} hari")
    kapan = "hari ini" if sisa == 0 else f"{sisa} hari lagi"
    return (JenisNotifikasi.PENGINGAT_TENGGAT,
            f"Batas waktu realisasi {label}: {batas} ({kapan})", kapan)


def _rencana_periode(p: PeriodeInput, hari_ini: datetime.date, hari: int) -> list[Pengingat]:
    sisa = (p.batas_waktu - hari_ini).days
    if sisa > hari:
        return []
    kurang = belum_diajukan(p)
    if not kurang:
        return []
    pd = p.perangkat_daerah
    jenis, judul, kapan = _judul(p, sisa)
    dasar = f"pengingat:periode:{p.pk}:{p.batas_waktu.isoformat()}:{jenis}"
    bidang = {b.pk: b for b in Bidang.objects.filter(pk__in=[b for b in kurang if b])}
    staf = notif_selectors.staf_per_bidang(pd, bidang)
    out = [Pengingat(
        staf.get(b_id, []), jenis, judul,
        f"{kurang[b_id]} indikator {b.nama} belum diisi atau belum diajukan ({kapan}). Isi "
        "dan ajukan realisasinya untuk diverifikasi.",
        _url_staf(pd, p.tahun, p.triwulan, b_id), pd, f"{dasar}:bidang:{b_id}")
        for b_id, b in sorted(bidang.items())]
    if sisa < 0:
        rincian = "; ".join(f"{bidang[b].nama}: {n}" if b else f"tanpa bidang: {n}"
                            for b, n in sorted(kurang.items(), key=lambda x: x[0] or 0))
        out.append(Pengingat(
            notif_selectors.penerima(pd=pd, peran=[Role.PERENCANA]), jenis, judul,
            f"{sum(kurang.values())} indikator belum diajukan ({kapan}) — {rincian}. "
            "Ingatkan bidangnya, atau tutup periode bila sudah selesai.",
            _url_staf(pd, p.tahun, p.triwulan), pd, f"{dasar}:perencana"))
    return out


def rencana_pengingat(hari_ini: datetime.date, hari: int) -> list[Pengingat]:
    """Every reminder due today, each with the recipients who do not have it yet."""
    periode = (PeriodeInput.objects.filter(dibuka=True, batas_waktu__isnull=False)
               .select_related("perangkat_daerah__pemda")
               .order_by("perangkat_daerah__nama", "tahun", "triwulan"))
    rencana = [r for p in periode for r in _rencana_periode(p, hari_ini, hari)]
    sudah = notif_selectors.sudah_diberi_tahu({r.kunci for r in rencana})
    for r in rencana:
        r.baru = [u for u in r.penerima if (u.pk, r.kunci) not in sudah]
    return rencana


class Command(BaseCommand):
    help = ("Kirim pengingat batas waktu realisasi (periode ditutup dalam N hari dan periode "
            "terlambat) sekali per peristiwa; aman dijalankan cron tiap jam.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Tampilkan siapa akan menerima apa; tidak menulis apa pun.")
        parser.add_argument("--hari", type=int, default=3,
                            help="Ingatkan periode yang batas waktunya dalam N hari (bawaan 3).")

    def handle(self, *args, dry_run: bool, hari: int, **options):
        if hari < 0:
            raise CommandError("--hari tidak boleh negatif.")
        hari_ini = timezone.localdate()
        rencana = rencana_pengingat(hari_ini, hari)
        jumlah, orang = 0, set()
        for r in rencana:
            if r.baru and not dry_run:
                with transaction.atomic():
                    dibuat = notifikasi_create_banyak(r.baru, r.jenis, r.judul, r.pesan, r.url,
                                                      pd=r.pd, kunci=r.kunci)
                terkirim = {n.penerima_id for n in dibuat}
                r.baru = [u for u in r.baru if u.pk in terkirim]
            for u in r.baru:
                self.stdout.write(f"{u.username} ({nama(u)}): {r.judul} — {r.pesan}")
                orang.add(u.pk)
            jumlah += len(r.baru)
        tanggal = format_tanggal(hari_ini)
        if dry_run:
            self.stdout.write(f"Uji coba ({tanggal}): {jumlah} pengingat untuk {len(orang)} "
                              "orang akan dikirim; tidak ada yang ditulis.")
        else:
            self.stdout.write(f"{jumlah} pengingat dikirim kepada {len(orang)} orang "
                              f"({tanggal}).")
