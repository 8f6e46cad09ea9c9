"""`manage.py backup` and `restore` (``make backup`` / ``make restore``): a round trip into an
empty database gives the same rows in every table and the same files, byte for byte."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from psycopg import sql
from wagtail_factories import ImageFactory

from contacts.factories import PersonFactory
from core import database
from networks.factories import DocumentFactory
from newsletters.factories import NewsItemFactory

REPO = Path(__file__).resolve().parents[2]


def manage(*args, database_name, media_root):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "seslip.settings.test",
        "DATABASE_URL": database.url(database_name),
        "MEDIA_ROOT": str(media_root),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def table_digests(database_name):
    """Each table's rows, as one digest per table, read straight from PostgreSQL."""
    with psycopg.connect(database.url(database_name)) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {
            table: conn.execute(
                sql.SQL(
                    "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                    " FROM {} t"
                ).format(sql.Identifier(table))
            ).fetchone()
            for table in tables
        }


def file_digests(root):
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in Path(root).rglob("*")
        if path.is_file()
    }


@pytest.fixture
def empty_database():
    name = f"test_seslip_restored_{os.getpid()}"
    admin = database.url("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_into_an_empty_database_with_every_row_and_file(
    site_root, settings, tmp_path, empty_database
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    person = PersonFactory(name="Ada Backup")
    NewsItemFactory(heading="An item that must survive", people=[person])
    document = DocumentFactory(title="Plan to keep")
    ImageFactory(title="A picture to keep")
    source = connection.settings_dict["NAME"]
    archive = tmp_path / "site.tar"

    made = manage(
        "backup", "--output", archive, database_name=source, media_root=tmp_path / "media"
    )
    assert made.returncode == 0, made.stderr
    assert f"to {archive}" in made.stdout

    restored_media = tmp_path / "restored-media"
    done = manage("restore", archive, database_name=empty_database, media_root=restored_media)
    assert done.returncode == 0, done.stderr

    before, after = table_digests(source), table_digests(empty_database)
    assert after == before
    assert before["wagtaildocs_document"][0] == 1
    assert before["newsletters_newsitem"][0] == 1
    originals = file_digests(tmp_path / "media")
    assert document.file.name in originals
    assert file_digests(restored_media) == originals


def test_a_restore_refuses_a_database_that_holds_content(db, tmp_path, empty_database):
    archive = tmp_path / "site.tar"
    source = connection.settings_dict["NAME"]
    assert (
        manage("backup", "--output", archive, database_name=source, media_root=tmp_path).returncode
        == 0
    )
    refused = manage("restore", archive, database_name=source, media_root=tmp_path / "m")
    assert refused.returncode == 1
    assert "is not empty: restore into an empty database" in refused.stderr


def test_a_file_that_is_not_a_backup_is_refused_with_a_reason(tmp_path, empty_database):
    not_a_backup = tmp_path / "notes.tar"
    not_a_backup.write_text("just some text")
    refused = manage("restore", not_a_backup, database_name=empty_database, media_root=tmp_path)
    assert refused.returncode == 1
    assert "can't be read as a backup" in refused.stderr
    with psycopg.connect(database.url(empty_database)) as conn:
        assert conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone() == (0,)
