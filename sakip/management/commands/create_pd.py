from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sakip.models import JenisPemda, Pemda, PerangkatDaerah


class Command(BaseCommand):
    help = (
        "Membuat perangkat daerah baru (dan pemdanya bila belum ada) dengan pengaturan bawaan: "
        "skala GOWA_4, efisiensi EF-SISA, rumus negatif NEG-A."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="pengenal singkat, mis. dinsos-bekasi")
        parser.add_argument("--nama", required=True, help="nama perangkat daerah")
        parser.add_argument("--pemda", required=True, help="nama pemda, mis. 'Kota Bekasi'")
        parser.add_argument(
            "--jenis", choices=JenisPemda.values, default=None,
            help="jenis pemda bila baru (bawaan: ditebak dari nama, 'kabupaten')",
        )
        parser.add_argument("--singkatan", default="")

    @transaction.atomic
    def handle(self, *args, slug, nama, pemda, jenis, singkatan, **options):
        if PerangkatDaerah.objects.filter(slug=slug).exists():
            raise CommandError(f"Perangkat daerah dengan slug '{slug}' sudah ada.")
        pemda_obj = Pemda.objects.filter(nama=pemda).first()
        if pemda_obj is None:
            if jenis is None:
                lower = pemda.lower()
                jenis = (
                    JenisPemda.KOTA if lower.startswith("kota")
                    else JenisPemda.PROVINSI if lower.startswith("provinsi")
                    else JenisPemda.KABUPATEN
                )
            pemda_obj = Pemda(nama=pemda, jenis=jenis)
            self._simpan(pemda_obj)
        elif jenis and jenis != pemda_obj.jenis:
            raise CommandError(
                f"Pemda '{pemda}' sudah ada dengan jenis {pemda_obj.jenis}, bukan {jenis}."
            )
        pd = PerangkatDaerah(pemda=pemda_obj, slug=slug, nama=nama, singkatan=singkatan)
        self._simpan(pd)
        self.stdout.write(
            f"Perangkat daerah dibuat: {pd.nama} ({pd.slug}) di {pemda_obj.nama}; skala "
            f"{pd.skala_kategori}, efisiensi {pd.metode_efisiensi}, rumus negatif "
            f"{pd.rumus_negatif}.\n"
        )

    def _simpan(self, obj):
        try:
            obj.full_clean()
        except ValidationError as e:
            pesan = "; ".join(f"{k}: {' '.join(v)}" for k, v in e.message_dict.items())
            raise CommandError(f"Data tidak valid — {pesan}") from e
        obj.save()
