"""A process starts without the database drivers it does not use (duban/lean_huey.py): huey
no longer imports redis and psycopg for every `duban import`, and uses Redis when told to."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = (
    "import os, sys; os.environ['DJANGO_SETTINGS_MODULE'] = 'duban.settings'; "
    "import django; django.setup(); "
    "from huey.contrib.djhuey import HUEY; "
    "print(type(HUEY).__name__, 'redis' in sys.modules, 'psycopg' in sys.modules)"
)


def _start(tmp_path, **env: str) -> list[str]:  # type: ignore[no-untyped-def]
    environ = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DUBAN_REDIS_URL"}}
    environ |= {"DUBAN_VAR_DIR": str(tmp_path), **env}
    out = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True, env=environ
    )
    return out.stdout.split()


def test_a_process_on_sqlite_imports_neither_redis_nor_psycopg(tmp_path) -> None:
    assert _start(tmp_path) == ["SqliteHuey", "False", "False"]


def test_with_a_redis_url_huey_is_on_redis(tmp_path) -> None:
    kind, redis, _psycopg = _start(tmp_path, DUBAN_REDIS_URL="redis://127.0.0.1:1/0")
    assert (kind, redis) == ("RedisHuey", "True")


def test_the_hidden_drivers_import_afterwards(tmp_path) -> None:
    code = CODE + "; import redis, psycopg; print(redis.Redis.__name__, psycopg.connect.__name__)"
    environ = {k: v for k, v in os.environ.items() if k != "DUBAN_REDIS_URL"}
    environ["DUBAN_VAR_DIR"] = str(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=environ
    )
    assert out.stdout.split()[-2:] == ["Redis", "connect"]
