"""Backup and restore of one installation: the database and every file under MEDIA_ROOT in ONE
archive (``manage.py backup -o FILE`` / ``manage.py restore FILE``).

The archive is a tar.gz holding

* ``manifest.json``: engine, creation time, app version, row count per table, sha256 per file;
* the database: ``basisdata.dump`` (PostgreSQL, ``pg_dump -Fc``) or ``basisdata.sqlite3``
  (SQLite, the sqlite3 online backup API: a consistent copy while the app keeps running);
* ``media/…``: the evidence files, frozen LKjIP PDFs and everything else under MEDIA_ROOT.

Django's ``dumpdata`` is not used: it loses time precision and took 13 minutes on the scale
data. The row counts are taken inside the snapshot that is dumped (PostgreSQL: the exported
snapshot handed to ``pg_dump --snapshot``; SQLite: counted in the copy), so a restore can prove
it lost nothing: the same count for every table and the same hash for every file.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.utils import timezone

from sakip.kesehatan import versi_aplikasi
from sakip.models import DetakWorker

FORMAT = 1
MANIFEST = "manifest.json"
BERKAS_DB = {"postgresql": "basisdata.dump", "sqlite": "basisdata.sqlite3"}
MEDIA = "media"
# The apps whose rows are an installation's data: a database holding any of them (or any user)
# is not empty. Django's bookkeeping (migrations, content types, permissions, sessions) and the
# worker's heartbeat are recreated by `migrate`/the worker and do not count.
APP_DATA = ["auth", "sakip", "renstra", "kinerja", "anggaran", "laporan", "dasbor", "bukukerja"]
BUKAN_DATA = {DetakWorker, apps.get_model("auth", "Permission"), apps.get_model("auth", "Group")}
PESAN_PG_KLIEN = (
    "Program {nama} tidak ditemukan. Pasang klien PostgreSQL (versi yang sama dengan server atau "
    "lebih baru): `bash scripts/apt-ensure.sh postgresql-client`."
)


class CadanganGagal(Exception):
    """A backup or restore refused or failed; the message is for the user (Indonesian)."""


@dataclass
class HasilPulih:
    manifest: dict
    tabel_cocok: int
    berkas_cocok: int
    selisih: list[str] = field(default_factory=list)
    # Files under MEDIA_ROOT that the archive does not hold (left in place by --timpa).
    berkas_lain: int = 0


def sha256_berkas(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for blok in iter(lambda: fh.read(1024 * 1024), b""):
            h.update(blok)
    return h.hexdigest()


def _berkas_media(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def hash_media(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root``, keyed by its POSIX path relative to it."""
    return {p.relative_to(root).as_posix(): sha256_berkas(p) for p in _berkas_media(root)}


def _engine(connection) -> str:
    if connection.vendor not in BERKAS_DB:
        raise CadanganGagal(f"Basis data {connection.vendor} tidak didukung (hanya PostgreSQL "
                            "dan SQLite).")
    return connection.vendor


def hitung_baris(connection, cursor=None) -> dict[str, int]:
    """Rows per table of the database behind ``connection`` (or a raw ``cursor`` on it)."""
    own = cursor is None
    cursor = cursor or connection.cursor()
    try:
        tabel = sorted(connection.introspection.table_names(cursor))
        hasil = {}
        for nama in tabel:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(nama)}")
            hasil[nama] = cursor.fetchone()[0]
        return hasil
    finally:
        if own:
            cursor.close()


def _hitung_sqlite(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        nama = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        return {n: con.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in nama}
    finally:
        con.close()


def _pg_env(connection) -> dict[str, str]:
    """libpq environment for pg_dump/pg_restore: the connection's own settings, never a
    password on the command line (visible to every user in `ps`)."""
    s = connection.settings_dict
    env = dict(os.environ)
    pasangan = {"PGDATABASE": s.get("NAME"), "PGUSER": s.get("USER"),
                "PGPASSWORD": s.get("PASSWORD"), "PGHOST": s.get("HOST"),
                "PGPORT": str(s.get("PORT") or "")}
    for kunci, nilai in pasangan.items():
        if nilai:
            env[kunci] = str(nilai)
    sslmode = (s.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return env


def _program_pg(nama: str) -> str:
    path = shutil.which(nama)
    if path is None:
        raise CadanganGagal(PESAN_PG_KLIEN.format(nama=nama))
    return path


def _jalankan(perintah: list[str], env: dict[str, str]) -> None:
    r = subprocess.run(perintah, env=env, capture_output=True, text=True, check=False)
    if r.returncode != 0:
        pesan = (r.stderr or r.stdout).strip().splitlines()
        raise CadanganGagal(f"{Path(perintah[0]).name} gagal: " + " ".join(pesan[-5:]))


def _dump_postgresql(connection, tujuan: Path) -> dict[str, int]:
    """pg_dump -Fc of the exported snapshot in which the rows are counted: the counts describe
    exactly the dumped data even while users keep writing."""
    pg_dump = _program_pg("pg_dump")
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = True
        with raw.cursor() as cur:
            cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cur.execute("SELECT pg_export_snapshot()")
            snapshot = cur.fetchone()[0]
            baris = hitung_baris(connection, cur)
            _jalankan([pg_dump, "-Fc", "--no-owner", "--no-privileges",
                       f"--snapshot={snapshot}", "-f", str(tujuan)], _pg_env(connection))
            cur.execute("COMMIT")
    finally:
        raw.close()
    return baris


def _dump_sqlite(connection, tujuan: Path) -> dict[str, int]:
    connection.ensure_connection()
    dst = sqlite3.connect(tujuan)
    try:
        connection.connection.backup(dst)
    finally:
        dst.close()
    return _hitung_sqlite(tujuan)


def buat_cadangan(tujuan: Path, *, using: str = "default") -> dict:
    """Write the archive to ``tujuan`` (atomically, readable by its owner only: it holds
    password hashes and personal data) and return its manifest."""
    connection = connections[using]
    engine = _engine(connection)
    media_root = Path(settings.MEDIA_ROOT)
    tujuan = Path(tujuan)
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sakip-cadangan-") as tmp:
        db_path = Path(tmp) / BERKAS_DB[engine]
        if engine == "postgresql":
            baris = _dump_postgresql(connection, db_path)
        else:
            baris = _dump_sqlite(connection, db_path)
        berkas = _berkas_media(media_root)
        manifest = {
            "format": FORMAT,
            "engine": engine,
            "dibuat": timezone.now().isoformat(),
            "versi": versi_aplikasi(),
            "basisdata": BERKAS_DB[engine],
            "tabel": baris,
            "media": {p.relative_to(media_root).as_posix(): sha256_berkas(p) for p in berkas},
        }
        (Path(tmp) / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        sementara = tujuan.with_name(tujuan.name + ".sebagian")
        fd = os.open(sementara, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh, tarfile.open(fileobj=fh, mode="w:gz") as tar:
            tar.add(Path(tmp) / MANIFEST, arcname=MANIFEST)
            tar.add(db_path, arcname=BERKAS_DB[engine])
            for p in berkas:
                tar.add(p, arcname=f"{MEDIA}/{p.relative_to(media_root).as_posix()}")
        os.replace(sementara, tujuan)
    return manifest


def tabel_data(connection) -> list[str]:
    """The tables whose rows are an installation's data (see APP_DATA)."""
    ada = set(connection.introspection.table_names())
    nama = []
    for label in APP_DATA:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models(include_auto_created=True):
            if model in BUKAN_DATA or model._meta.proxy or not model._meta.managed:
                continue
            if model._meta.db_table in ada:
                nama.append(model._meta.db_table)
    return sorted(set(nama))


def basis_data_kosong(connection) -> bool:
    with connection.cursor() as cur:
        for nama in tabel_data(connection):
            cur.execute(f"SELECT 1 FROM {connection.ops.quote_name(nama)} LIMIT 1")
            if cur.fetchone() is not None:
                return False
    return True


def _baca_manifest(tar: tarfile.TarFile) -> dict:
    try:
        anggota = tar.extractfile(MANIFEST)
        manifest = json.load(anggota)
    except (KeyError, AttributeError, json.JSONDecodeError, UnicodeDecodeError) as e:
        raise CadanganGagal("Arsip ini bukan cadangan SAKIP (manifest.json tidak ada atau "
                            "rusak).") from e
    if manifest.get("format") != FORMAT or manifest.get("engine") not in BERKAS_DB:
        raise CadanganGagal("Format cadangan tidak dikenal.")
    return manifest


def _ekstrak(tar: tarfile.TarFile, manifest: dict, tmp: Path) -> None:
    """Extract only what the manifest names, through tarfile's "data" filter (no absolute
    paths, no ``..``, no links out of the directory)."""
    nama = {manifest["basisdata"], *(f"{MEDIA}/{n}" for n in manifest["media"])}
    anggota = [m for m in tar.getmembers() if m.name in nama and m.isfile()]
    hilang = nama - {m.name for m in anggota}
    if hilang:
        raise CadanganGagal(f"Arsip tidak lengkap: {len(hilang)} berkas yang tercatat di "
                            f"manifest tidak ada (mis. {sorted(hilang)[0]}).")
    tar.extractall(tmp, members=anggota, filter="data")


def _periksa_tujuan(connection, manifest: dict, media_root: Path, timpa: bool) -> None:
    engine = _engine(connection)
    if manifest["engine"] != engine:
        raise CadanganGagal(
            f"Cadangan ini dari basis data {manifest['engine']}, sedangkan DATABASE_URL menunjuk "
            f"{engine}. Pulihkan ke mesin basis data yang sama.")
    if timpa:
        return
    if not basis_data_kosong(connection):
        raise CadanganGagal(
            "Basis data tujuan tidak kosong (sudah berisi pengguna atau data). Pulihkan ke basis "
            "data kosong, atau tambahkan --timpa untuk menggantinya seluruhnya.")
    if _berkas_media(media_root):
        raise CadanganGagal(
            f"Folder berkas (MEDIA_ROOT {media_root}) tidak kosong. Pulihkan ke folder kosong, "
            "atau tambahkan --timpa.")


def _pulihkan_postgresql(connection, path: Path) -> None:
    pg_restore = _program_pg("pg_restore")
    # The dump replaces what a `migrate` may already have created (--clean --if-exists), all or
    # nothing (--single-transaction); the Django connection is closed so it holds no lock.
    connection.close()
    _jalankan([pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges",
               "--single-transaction", "--exit-on-error",
               "-d", connection.settings_dict["NAME"], str(path)], _pg_env(connection))


def _pulihkan_sqlite(connection, path: Path) -> None:
    # The online backup API in the other direction: the whole database is replaced page by
    # page, in one step, through Django's own connection (works for a file and in memory).
    connection.ensure_connection()
    src = sqlite3.connect(path)
    try:
        src.backup(connection.connection)
    finally:
        src.close()


def _pulihkan_media(sumber: Path, media_root: Path, daftar: dict[str, str]) -> None:
    for nama in daftar:
        tujuan = media_root / nama
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sumber / nama, tujuan)


def _bandingkan(manifest: dict, baris: dict[str, int], media: dict[str, str]) -> HasilPulih:
    selisih = []
    tabel_cocok = 0
    for nama, jumlah in sorted(manifest["tabel"].items()):
        if baris.get(nama) == jumlah:
            tabel_cocok += 1
        else:
            selisih.append(f"tabel {nama}: cadangan {jumlah} baris, hasil {baris.get(nama)}")
    berkas_cocok = 0
    for nama, sha in sorted(manifest["media"].items()):
        if media.get(nama) == sha:
            berkas_cocok += 1
        else:
            selisih.append(f"berkas {nama}: sha256 berbeda atau hilang")
    return HasilPulih(manifest, tabel_cocok, berkas_cocok, selisih)


def pulihkan(sumber: Path, *, timpa: bool = False, using: str = "default") -> HasilPulih:
    """Restore the archive ``sumber`` into an empty database and MEDIA_ROOT (``timpa`` replaces
    a non-empty one), then compare every table's row count and every file's sha256 with the
    manifest. The result lists any difference; nothing is silently accepted."""
    connection = connections[using]
    media_root = Path(settings.MEDIA_ROOT)
    try:
        tar = tarfile.open(sumber, mode="r:gz")
    except (OSError, tarfile.TarError) as e:
        raise CadanganGagal(f"Arsip {sumber} tidak dapat dibaca: {e}") from e
    with tar, tempfile.TemporaryDirectory(prefix="sakip-pulih-") as tmp_str:
        tmp = Path(tmp_str)
        manifest = _baca_manifest(tar)
        _periksa_tujuan(connection, manifest, media_root, timpa)
        _ekstrak(tar, manifest, tmp)
        db_path = tmp / manifest["basisdata"]
        if manifest["engine"] == "postgresql":
            _pulihkan_postgresql(connection, db_path)
        else:
            _pulihkan_sqlite(connection, db_path)
        _pulihkan_media(tmp / MEDIA, media_root, manifest["media"])
    media = hash_media(media_root)
    hasil = _bandingkan(manifest, hitung_baris(connection), media)
    hasil.berkas_lain = len(set(media) - set(manifest["media"]))
    return hasil
