"""Back up the site (its database and its uploaded media) into one file, and restore it.

A backup is a tar file holding ``manifest.json`` (what it is and when it was made),
``database.dump`` (``pg_dump`` in its custom format) and ``media/…`` (every file of the default
storage, read through Django's storage API, so a backup of a site on S3 holds its files too).
A restore goes into an empty database only: it never mixes two sites' content.
"""

import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from django.db import connection

from .database import client_program

FORMAT = "seslip-backup/1"


class BackupError(Exception):
    """A backup or restore that can't go ahead, with the reason in words."""


def run_or_fail(operation, path: Path) -> dict:
    """Back up to, or restore from, ``path``, for a management command: a BackupError becomes
    a CommandError, which the command prints without a traceback."""
    try:
        return operation(path)
    except BackupError as error:
        raise CommandError(str(error)) from error


def _program(name: str) -> str:
    try:
        return client_program(name)
    except FileNotFoundError as error:
        raise BackupError(str(error)) from error


def _run_client(name: str, *arguments: str) -> None:
    """Run a PostgreSQL client program on the database Django uses; raise BackupError if it
    fails, with what it said."""
    dbname, env = _connection_arguments()
    connection.close()  # the program works in its own session
    result = subprocess.run(  # noqa: S603 - a fixed program with our own arguments
        [_program(name), dbname, *arguments],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise BackupError(f"{name} failed: {result.stderr.strip()}")


def _connection_arguments() -> tuple[str, dict]:
    """How the client programs reach the database Django uses: its connection string (as psycopg
    reports it, with every option from ``DATABASES``) and the password in the environment."""
    connection.ensure_connection()
    info = connection.connection.info
    env = {**os.environ}
    if info.password:
        env["PGPASSWORD"] = info.password
    return f"--dbname={info.dsn}", env


def _storage_files(folder: str = ""):
    """Every file name in the default storage, recursively."""
    folders, files = default_storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from _storage_files(f"{folder}/{sub}" if folder else sub)


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup(path: Path) -> dict:
    """Write a backup of the database and media to ``path``; return its manifest."""
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / "database.dump"
        _run_client("pg_dump", "--format=custom", "--no-owner", f"--file={dump}")
        media = sorted(_storage_files()) if default_storage.exists("") else []
        manifest = {
            "format": FORMAT,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": settings.DATABASES["default"]["NAME"],
            "media_files": len(media),
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
            archive.add(dump, arcname="database.dump")
            for name in media:
                with default_storage.open(name, "rb") as handle:
                    _add_bytes(archive, f"media/{name}", handle.read())
        partial.replace(path)  # a backup killed half-way never looks complete
    return manifest


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', "
            "'information_schema')"
        )
        return cursor.fetchone()[0] == 0


def _read_manifest(archive: tarfile.TarFile, path: Path) -> dict:
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError, AttributeError) as error:
        raise BackupError(f"{path} is not a SESLIP backup (no readable manifest.json).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is a backup of an unknown format: {manifest.get('format')!r}.")
    return manifest


def restore(path: Path) -> dict:
    """Restore a backup made by :func:`backup` into the (empty) default database and storage."""
    try:
        archive = tarfile.open(path, "r")  # noqa: SIM115 - closed by the `with` below
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} can't be read as a backup: {error}") from error
    with archive:
        manifest = _read_manifest(archive, path)
        if not _database_is_empty():
            raise BackupError(
                f"The database {settings.DATABASES['default']['NAME']!r} is not empty: restore "
                "into an empty database (create one and point DATABASE_URL at it)."
            )
        with tempfile.TemporaryDirectory() as scratch:
            dump = Path(scratch) / "database.dump"
            with archive.extractfile("database.dump") as source, dump.open("wb") as target:
                shutil.copyfileobj(source, target)
            _run_client(
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                str(dump),
            )
        restored = 0
        for member in archive.getmembers():
            if not (member.isfile() and member.name.startswith("media/")):
                continue
            name = member.name.removeprefix("media/")
            if ".." in Path(name).parts or Path(name).is_absolute():
                raise BackupError(f"{path} names a file outside the media folder: {member.name}")
            data = archive.extractfile(member).read()
            if default_storage.exists(name):
                default_storage.delete(name)
            default_storage.save(name, ContentFile(data))
            restored += 1
    return {**manifest, "media_restored": restored}
