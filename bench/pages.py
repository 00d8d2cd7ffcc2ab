"""Page latency on one database, in-process with Django's test client: p50, p95 and queries.

Run by `make bench` once per database size (bench/data.py points DATABASE_URL at it); prints
one JSON object. Every page is timed on synthetic plan 0, which is the same plan at every
size, so the figures at 10 and at 1,000 plans differ only by what else is in the database.

"cold" is the page rendered (the page cache emptied before each request); "cached" is what a
visitor gets after the first visitor, until the next publication.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client

    from duban.accounts.models import User
    from duban.demo import scale
    from duban.plans.models import Plan, Task

    # As Django's test runner does: one connection throughout.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    from duban.wsgi import freeze_startup_objects

    plan = Plan.objects.get(source_name=f"{scale.SOURCE_PREFIX}0000.txt")
    anonymous, office, reporter = Client(), Client(), Client()
    office.force_login(User.objects.get(username="office"))
    reporter.force_login(User.objects.get(username=f"scale-{scale.government_name(0)}-reporter"))
    base = f"/plans/{plan.id}"
    pages: list[tuple[str, Client, str, bool]] = [
        # name, who, address, cached for the public
        ("public plan page", anonymous, f"{base}/", True),
        ("task page", anonymous, f"{base}/tasks/75/", True),
        ("search", anonymous, f"{base}/?q=老旧小区", True),
        ("dashboard data", anonymous, f"{base}/dashboard.json", True),
        ("office workspace", office, f"/work/?plan={plan.id}", False),
        ("reporter: my tasks", reporter, "/work/", False),
        ("XLSX export", anonymous, f"{base}/download.xlsx", True),
    ]
    for _name, client, url, _cacheable in pages:  # load what the pages use, then freeze it
        client.get(url)
    freeze_startup_objects()
    out: dict[str, Any] = {
        "plans": Plan.objects.count(),
        "tasks": Task.objects.count(),
        "plan_id": plan.id,
        "vendor": connection.vendor,
        "db_bytes": database_bytes(),
        "pages": {},
    }
    for name, client, url, cacheable in pages:
        assert client.get(url).status_code == 200, (name, url)
        cache.clear()
        queries = count_queries(client, url)
        repeat = REPEAT if "XLSX" not in name else max(5, REPEAT // 3)
        times = measure(client, url, repeat, before=cache.clear)
        row = {"cold_p50": pct(times, 0.5), "cold_p95": pct(times, 0.95), "queries": queries}
        if cacheable:
            times = measure(client, url, REPEAT)
            row |= {"cached_p50": pct(times, 0.5), "cached_p95": pct(times, 0.95)}
        out["pages"][name] = row
    print(json.dumps(out))
    return 0


def database_bytes() -> int:
    from django.db import connection

    with connection.cursor() as c:
        if connection.vendor == "sqlite":
            c.execute("PRAGMA page_count")
            pages = c.fetchone()[0]
            c.execute("PRAGMA page_size")
            return int(pages * c.fetchone()[0])
        c.execute("SELECT pg_database_size(current_database())")
        return int(c.fetchone()[0])


def count_queries(client: Any, url: str) -> int:
    from django.db import connection

    queries: list[str] = []

    def record(execute: Any, sql: str, *rest: Any) -> Any:
        queries.append(sql)
        return execute(sql, *rest)

    with connection.execute_wrapper(record):
        client.get(url)
    return len(queries)


def measure(
    client: Any, url: str, repeat: int, before: Callable[[], None] | None = None
) -> list[float]:
    """Seconds per request; before() runs ahead of each, outside the timing."""
    times = []
    client.get(url)  # warm
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    return times


if __name__ == "__main__":
    sys.exit(main())
