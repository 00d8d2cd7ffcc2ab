"""Backups: SQLite through its online backup API (safe while the site runs), PostgreSQL
through pg_dump / pg_restore (custom format). Both restore to exactly what was saved."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connections


class BackupError(Exception):
    pass


def _pg_env(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432),
            "-U", db.get("USER") or "postgres"]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name) or next(
        (str(p) for p in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))), None)
    if path is None:
        raise BackupError(f"{name} is not installed (apt-get install postgresql-client)")
    return path


def backup(target: Path, alias: str = "default") -> None:
    connection = connections[alias]
    db = connection.settings_dict
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        dest = sqlite3.connect(str(target))
        try:
            connection.connection.backup(dest)
        finally:
            dest.close()
    elif connection.vendor == "postgresql":
        args, env = _pg_env(db)
        # Arguments come from settings and the command line of an administrator, as a list:
        # no shell.
        subprocess.run([_tool("pg_dump"), *args, "-Fc", "--no-owner", "-f", str(target),  # noqa: S603
                        db["NAME"]], env=env, check=True, capture_output=True)
    else:
        raise BackupError(f"no backup for {connection.vendor}")


def restore(source: Path, alias: str = "default") -> None:
    if not source.exists():
        raise BackupError(f"{source} does not exist")
    connection = connections[alias]
    db = connection.settings_dict
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        src = sqlite3.connect(str(source))
        try:
            if src.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{source} is not an intact SQLite database")
            src.backup(connection.connection)
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{source} is not a duban backup: {exc}") from None
        finally:
            src.close()
    elif connection.vendor == "postgresql":
        connection.close()
        args, env = _pg_env(db)
        subprocess.run([_tool("pg_restore"), *args, "--clean", "--if-exists", "--no-owner",  # noqa: S603
                        "--single-transaction", "-d", db["NAME"], str(source)],
                       env=env, check=True, capture_output=True)
    else:
        raise BackupError(f"no restore for {connection.vendor}")
