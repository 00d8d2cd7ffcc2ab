"""huey without the database drivers duban does not use it with.

huey.storage imports redis and psycopg at its top, for RedisHuey and for a PostgreSQL storage
duban never uses: some 90 ms of CPU, a fifth of the start-up of every process, each
`duban import` from the command line (issue 19). settings.py calls this before the apps
load: huey.storage is read once with the drivers it will not use hidden, and they import
as usual afterwards for whoever does use them (Django's PostgreSQL backend, the Redis cache).
"""

from __future__ import annotations

import sys


def import_huey(uses_redis: bool) -> None:
    hidden = [
        name for name in ("psycopg", *(() if uses_redis else ("redis",))) if name not in sys.modules
    ]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` fail
    try:
        import huey.storage  # noqa: F401
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
