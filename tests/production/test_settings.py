"""The production shape from the environment: object storage for uploads, Redis for jobs and
the shared cache; the defaults stay on one machine (files, SQLite)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "from django.conf import settings\n"
    "from django.core.cache import caches\n"
    "cache = caches['default']\n"
    "from django.core.files.storage import storages\n"
    "s = storages['default']\n"
    "from huey.contrib.djhuey import HUEY\n"
    "print(type(s).__name__, getattr(s, 'bucket_name', '-'), getattr(s, 'endpoint_url', '-'),"
    " getattr(s, 'default_acl', '-'), type(cache).__name__, type(HUEY).__name__)\n"
)


def _show(tmp_path: Path, **env: str) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DUBAN_")}
    clean.pop("DATABASE_URL", None)
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", SHOW],
        cwd=ROOT,
        env={**clean, "DUBAN_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    return out.split()


def test_defaults_are_one_machine(tmp_path) -> None:
    assert _show(tmp_path) == ["FileSystemStorage", "-", "-", "-", "FileBasedCache", "SqliteHuey"]


def test_several_machines_use_object_storage_and_redis(tmp_path) -> None:
    shown = _show(
        tmp_path,
        DUBAN_S3_BUCKET="duban-files",
        DUBAN_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        DUBAN_REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert shown == [
        "S3Storage",
        "duban-files",
        "http://127.0.0.1:9000",
        "private",
        "RedisCache",
        "RedisHuey",
    ]
