"""Backups: one archive (tar, gzip) with the database and every stored file (attachments).

    duban-backup.json   what this is: {"format": "duban-backup", "version": 1, "vendor": …}
    database.sqlite3    SQLite through its online backup API (safe while the site runs), with
                        a marker table (duban_backup: format and version) of its own
    database.pgdump     or PostgreSQL through pg_dump (custom format)
    media/…             the files of the default storage, under their stored names

Restore reads the whole archive before it changes anything: a file that is not a duban backup
(the job queue's var/huey.sqlite3, a stray database, a backup of a newer format or of another
database engine) is refused with one line, and nothing is changed. After restoring it clears
every cache: a page or download cached before would otherwise be served for a publication
id the restored database hands out again.
"""

from __future__ import annotations

import io
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "duban-backup"
VERSION = 1
MANIFEST = "duban-backup.json"
MARKER = "duban_backup"  # the marker table inside a SQLite backup
DATABASE = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA = "media/"


class BackupError(Exception):
    pass


@dataclass
class Summary:
    vendor: str
    files: int
    bytes: int


def _pg_env(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = [
        "-h",
        db.get("HOST") or "127.0.0.1",
        "-p",
        str(db.get("PORT") or 5432),
        "-U",
        db.get("USER") or "postgres",
    ]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name) or next(
        (str(p) for p in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))), None
    )
    if path is None:
        raise BackupError(f"{name} is not installed (apt-get install postgresql-client)")
    return path


# --- backup -------------------------------------------------------------------------------


def backup(target: Path, alias: str = "default", storage: Storage | None = None) -> Summary:
    """Write the archive to target (whole or not at all: it is written beside and renamed)."""
    storage = storage or default_storage
    connection = connections[alias]
    connection.ensure_connection()
    vendor = connection.vendor
    if vendor not in DATABASE:
        raise BackupError(f"no backup for {vendor}")
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        dump = Path(tmp) / DATABASE[vendor]
        _dump(connection, dump)
        names = _stored_files(storage)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "vendor": vendor,
            "created": timezone.now().isoformat(),
            "files": len(names),
        }
        size = 0
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1).encode())
            archive.add(dump, arcname=DATABASE[vendor])
            for name in names:
                with storage.open(name, "rb") as f:
                    info = tarfile.TarInfo(MEDIA + name)
                    info.size = storage.size(name)
                    info.mtime = int(storage.get_modified_time(name).timestamp())
                    archive.addfile(info, f)
                    size += info.size
    os.replace(partial, target)
    return Summary(vendor, len(names), size)


def _dump(connection: Any, dump: Path) -> None:
    if connection.vendor == "sqlite":
        dest = sqlite3.connect(str(dump))
        try:
            connection.connection.backup(dest)
            dest.execute(f"CREATE TABLE {MARKER} (format TEXT, version INTEGER, created TEXT)")
            dest.execute(
                f"INSERT INTO {MARKER} VALUES (?, ?, ?)",  # noqa: S608 (a constant)
                (FORMAT, VERSION, timezone.now().isoformat()),
            )
            dest.commit()
        finally:
            dest.close()
    else:
        db = connection.settings_dict
        args, env = _pg_env(db)
        # Arguments come from settings and the command line of an administrator, as a list:
        # no shell.
        subprocess.run(  # noqa: S603
            [
                _tool("pg_dump"),
                *args,
                "-Fc",
                "--no-owner",
                "-f",
                str(dump),
                db["NAME"],
            ],
            env=env,
            check=True,
            capture_output=True,
        )


def _stored_files(storage: Storage, folder: str = "") -> list[str]:
    if not (storage.exists(folder) if folder else _has_root(storage)):
        return []
    folders, files = storage.listdir(folder)
    found = [posixpath.join(folder, f) for f in sorted(files)]
    for sub in sorted(folders):
        found += _stored_files(storage, posixpath.join(folder, sub))
    return found


def _has_root(storage: Storage) -> bool:
    location = getattr(storage, "location", None)
    return location is None or Path(location).is_dir()


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


# --- restore ------------------------------------------------------------------------------


def _refused(source: Path, why: str = "") -> BackupError:
    message = _("%(file)s is not a duban backup: nothing was changed.") % {"file": source}
    return BackupError(f"{message} ({why})" if why else message)


def restore(source: Path, alias: str = "default", storage: Storage | None = None) -> Summary:
    """Put the database and the stored files back as the archive has them, then clear
    every cache. Refuses (BackupError, nothing changed) anything that is not a backup
    this duban reads."""
    source = Path(source)
    storage = storage or default_storage
    if not source.is_file():
        raise BackupError(_("%(file)s does not exist: nothing was changed.") % {"file": source})
    connection = connections[alias]
    connection.ensure_connection()
    try:
        archive = tarfile.open(source, "r:*")  # noqa: SIM115 (closed by the with below)
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise _refused(source) from exc
    with archive, tempfile.TemporaryDirectory() as tmp:
        try:
            members = archive.getmembers()
            manifest = _manifest(archive, source)
            media = _media_members(members, source)
            dump = _extract_database(archive, members, connection.vendor, Path(tmp), source)
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            raise _refused(source, str(exc)) from exc
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                _(
                    "%(file)s is a backup of a %(found)s database, and this site runs on "
                    "%(here)s: nothing was changed."
                )
                % {"file": source, "found": manifest["vendor"], "here": connection.vendor}
            )
        _check_database(dump, connection.vendor, source)
        _load(connection, dump)
        size = _put_back_files(archive, media, storage)
    clear_caches()
    return Summary(connection.vendor, len(media), size)


def _manifest(archive: tarfile.TarFile, source: Path) -> dict[str, Any]:
    try:
        f = archive.extractfile(MANIFEST)
        manifest = json.loads(f.read(100_000)) if f else None
    except (KeyError, ValueError) as exc:
        raise _refused(source) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refused(source)
    version = manifest.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise BackupError(
            _(
                "%(file)s is a backup of a newer duban (format %(found)s, this one reads up to "
                "%(known)s): nothing was changed."
            )
            % {"file": source, "found": version, "known": VERSION}
        )
    if manifest.get("vendor") not in DATABASE:
        raise _refused(source)
    return manifest


def _media_members(members: list[tarfile.TarInfo], source: Path) -> list[tarfile.TarInfo]:
    """The stored files; anything else in the archive but the manifest and the database, a
    link, or a name leading out of the storage, and it is not ours."""
    media = []
    for member in members:
        if member.name in (MANIFEST, *DATABASE.values()):
            if not member.isfile():
                raise _refused(source)
            continue
        name = member.name[len(MEDIA) :]
        if (
            not member.name.startswith(MEDIA)
            or not member.isfile()
            or not name
            or name.startswith("/")
            or posixpath.normpath(name) != name
            or name.split("/")[0] == ".."
        ):
            raise _refused(source, member.name)
        media.append(member)
    return media


def _extract_database(
    archive: tarfile.TarFile, members: list[tarfile.TarInfo], vendor: str, tmp: Path, source: Path
) -> Path:
    name = DATABASE.get(vendor, "")
    if name not in {m.name for m in members}:
        raise _refused(source)
    archive.extract(name, tmp, filter="data")
    return tmp / name


def _check_database(dump: Path, vendor: str, source: Path) -> None:
    if vendor == "sqlite":
        db = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
        try:
            if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise _refused(source, "damaged")
            marker = db.execute(f"SELECT format, version FROM {MARKER}").fetchall()  # noqa: S608
        except sqlite3.DatabaseError as exc:
            raise _refused(source, str(exc)) from None
        finally:
            db.close()
        if len(marker) != 1 or marker[0][0] != FORMAT or marker[0][1] > VERSION:
            raise _refused(source)
    else:
        result = subprocess.run(  # noqa: S603
            [_tool("pg_restore"), "--list", str(dump)],
            capture_output=True,
        )
        if result.returncode != 0:
            raise _refused(source, result.stderr.decode(errors="replace").strip()[:200])


def _load(connection: Any, dump: Path) -> None:
    if connection.vendor == "sqlite":
        src = sqlite3.connect(str(dump))
        try:
            src.backup(connection.connection)
        finally:
            src.close()
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {MARKER}")
    else:
        db = connection.settings_dict
        connection.close()
        args, env = _pg_env(db)
        subprocess.run(  # noqa: S603
            [
                _tool("pg_restore"),
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "-d",
                db["NAME"],
                str(dump),
            ],
            env=env,
            check=True,
            capture_output=True,
        )


def _put_back_files(
    archive: tarfile.TarFile, media: list[tarfile.TarInfo], storage: Storage
) -> int:
    """The stored files become the archive's: its files under their own names (the restored
    rows name them), and a file it does not have is one no restored row names."""
    wanted = {m.name[len(MEDIA) :] for m in media}
    for name in _stored_files(storage):
        if name not in wanted:
            storage.delete(name)
    size = 0
    for member in media:
        name = member.name[len(MEDIA) :]
        if storage.exists(name):
            storage.delete(name)
        f: IO[bytes] | None = archive.extractfile(member)  # a regular file: never None
        saved = storage.save(name, File(f, name=posixpath.basename(name)))
        if saved != name:
            raise BackupError(f"{name} was stored as {saved}")
        size += member.size
    return size


def clear_caches() -> None:
    """Every configured cache, and this process's copy of recent public pages. (Other app
    processes keep theirs, keyed by a plan version that the cleared cache no longer has.)"""
    from django.core.cache import caches

    from duban import fragments
    from duban.disclosure import page_cache

    for cache in caches.all(initialized_only=False):
        cache.clear()
    page_cache.recent.clear()
    fragments.recent.clear()
