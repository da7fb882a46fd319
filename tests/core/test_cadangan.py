"""Backup and restore (``manage.py backup`` / ``restore``): one archive, restored into an empty
database and an empty MEDIA_ROOT, gives the same row count for every table, the same audit
timestamps (``dumpdata`` loses their precision) and the same hash for every file. Runs on the
engine of DATABASE_URL: SQLite locally, PostgreSQL in CI."""

import hashlib
import io
import json
import shutil
import stat
import tarfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from demo.kinerja import pdf_sederhana
from kinerja.models import BuktiDukung, Realisasi
from kinerja.realisasi.services import bukti_create
from sakip.cadangan import CadanganGagal, pulihkan
from sakip.models import JejakAudit


def _jumlah_baris() -> dict[str, int]:
    with connection.cursor() as cur:
        hasil = {}
        for nama in connection.introspection.table_names(cur):
            cur.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(nama)}")
            hasil[nama] = cur.fetchone()[0]
    return hasil


def _hash_berkas(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.django_db(transaction=True)
def test_backup_restore_into_an_empty_database_loses_nothing(demo, settings, tmp_path, capsys):
    asal = tmp_path / "media-asal"
    if Path(django_settings.MEDIA_ROOT).is_dir():
        shutil.copytree(django_settings.MEDIA_ROOT, asal)
    settings.MEDIA_ROOT = asal
    realisasi = Realisasi.objects.filter(indikator__renstra__perangkat_daerah=demo).first()
    perencana = get_user_model().objects.get(username="perencana")
    bukti = bukti_create(
        realisasi=realisasi, user=perencana, pd=demo,
        berkas=SimpleUploadedFile("notulen.pdf", pdf_sederhana(["Notulen rapat"]),
                                  "application/pdf"),
    )
    baris = _jumlah_baris()
    berkas = _hash_berkas(asal)
    waktu_audit = list(JejakAudit.objects.order_by("pk").values_list("pk", "waktu"))
    assert bukti.file.name in berkas and baris["sakip_jejakaudit"] > 100

    arsip = tmp_path / "cadangan" / "sakip.tar.gz"
    call_command("backup", "-o", str(arsip))
    assert stat.S_IMODE(arsip.stat().st_mode) == 0o600  # password hashes inside
    with tarfile.open(arsip) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["engine"] == connection.vendor
    assert manifest["tabel"] == baris and manifest["media"] == berkas

    # A database that holds data is never overwritten by accident.
    settings.MEDIA_ROOT = tmp_path / "media-baru"
    with pytest.raises(CommandError, match="tidak kosong") as refused:
        call_command("restore", str(arsip))
    assert refused.value.returncode == 1
    assert _jumlah_baris() == baris and not (tmp_path / "media-baru").exists()

    call_command("flush", interactive=False, verbosity=0)
    assert get_user_model().objects.count() == 0
    capsys.readouterr()
    call_command("restore", str(arsip))
    out = capsys.readouterr().out
    assert f"{len(baris)} tabel dengan jumlah baris sama persis" in out
    assert f"{len(berkas)} berkas dengan sha256 sama" in out

    assert _jumlah_baris() == baris
    assert _hash_berkas(tmp_path / "media-baru") == berkas
    assert list(JejakAudit.objects.order_by("pk").values_list("pk", "waktu")) == waktu_audit
    assert BuktiDukung.objects.get(pk=bukti.pk).file.read() == bukti.file.storage.open(
        bukti.file.name).read()


@pytest.mark.django_db(transaction=True)
def test_restore_reports_a_changed_file(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "asal"
    (tmp_path / "asal" / "lkjip").mkdir(parents=True)
    (tmp_path / "asal" / "lkjip" / "final.pdf").write_bytes(b"%PDF-1.7 isi asli")
    arsip = tmp_path / "c.tar.gz"
    call_command("backup", "-o", str(arsip))
    # An archive whose file no longer matches its manifest (damaged in storage).
    rusak = tmp_path / "rusak.tar.gz"
    with tarfile.open(arsip) as src, tarfile.open(rusak, "w:gz") as dst:
        for m in src.getmembers():
            data = src.extractfile(m).read()
            if m.name == "media/lkjip/final.pdf":
                data = b"%PDF-1.7 isi lain"
                m.size = len(data)
            dst.addfile(m, io.BytesIO(data))
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "tujuan"
    with pytest.raises(CommandError, match="TIDAK identik"):
        call_command("restore", str(rusak))


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    bukan = tmp_path / "bukan.tar.gz"
    bukan.write_bytes(b"ini bukan arsip")
    with pytest.raises(CadanganGagal, match="tidak dapat dibaca"):
        pulihkan(bukan)
    tanpa_manifest = tmp_path / "tanpa.tar.gz"
    with tarfile.open(tanpa_manifest, "w:gz") as tar:
        isi = tmp_path / "x.txt"
        isi.write_text("x")
        tar.add(isi, arcname="x.txt")
    with pytest.raises(CadanganGagal, match="bukan cadangan SAKIP"):
        pulihkan(tanpa_manifest)
    with pytest.raises(CommandError) as usage:
        call_command("restore", str(tmp_path / "tidak-ada.tar.gz"))
    assert usage.value.returncode == 2
