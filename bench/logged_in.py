"""Server CPU per request of the pages people log in to, in-process with Django's test client
(process CPU time: the view, the templates and SQLite's share of the work; the test client's
own overhead is in the baseline too). The baseline is the cached public plan page for a
visitor without a session, measured in the same run: its ratio says how far a logged-in page
is from "as fast as the public ones".

`python -m bench.logged_in` on the demo database (a throw-away one is made when
DATABASE_URL is not set); prints one line per page and then one JSON object. Run by
`make bench` at each size of bench/data.py too.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_REPEAT", "40"))


def cpu_ms(client: Any, url: str, repeat: int = REPEAT) -> float:
    """Median CPU milliseconds per request, after one request to warm caches up."""
    assert client.get(url).status_code == 200, url
    times = []
    for _ in range(repeat):
        started = time.process_time()
        response = client.get(url)
        times.append(time.process_time() - started)
        assert response.status_code == 200, url
    return statistics.median(times) * 1000


def queries(client: Any, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx.captured_queries)


def pages(plan_id: int, task_number: int, reporter: str) -> list[tuple[str, str, str]]:
    """(name, who, address) for the logged-in pages of issue 19."""
    from duban.plans.models import Task

    task = Task.objects.get(plan_id=plan_id, number=task_number)
    return [
        ("office workspace", "office", f"/work/?plan={plan_id}"),
        ("reporter workspace", reporter, "/work/"),
        ("office plan page", "office", f"/office/plans/{plan_id}/"),
        ("office task page", "office", f"/office/plans/{plan_id}/tasks/{task.id}/"),
        ("workspace task page", "office", f"/work/plans/{plan_id}/tasks/{task_number}/"),
        ("public plan page, logged in", "office", f"/plans/{plan_id}/"),
    ]


def measure(plan_id: int, task_number: int, reporter: str) -> dict[str, Any]:
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test import Client

    from duban.accounts.models import User

    # As Django's test runner does: one connection throughout.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    clients: dict[str, Client] = {}
    for name in ("office", reporter):
        clients[name] = Client()
        clients[name].force_login(User.objects.get(username=name))
    baseline = cpu_ms(Client(), f"/plans/{plan_id}/")
    out: dict[str, Any] = {"baseline_ms": baseline, "pages": {}}
    for name, who, url in pages(plan_id, task_number, reporter):
        ms = cpu_ms(clients[who], url)
        out["pages"][name] = {
            "cpu_ms": ms,
            "ratio": ms / baseline,
            "queries": queries(clients[who], url),
        }
    return out


def scaled() -> int:
    """`python -m bench.logged_in scale`: the same pages on a database of bench/data.py
    (DATABASE_URL), on synthetic plan 0 and its unit's reporter, the same at every size."""
    import django

    django.setup()
    from duban.demo import scale
    from duban.plans.models import Plan

    plan = Plan.objects.get(source_name=f"{scale.SOURCE_PREFIX}0000.txt")
    reporter = f"scale-{scale.government_name(0)}-reporter"
    result = measure(plan.id, 75, reporter)
    result["plans"] = Plan.objects.count()
    print(json.dumps(result))
    return 0


def main() -> int:
    sys.path.insert(0, str(ROOT))
    if sys.argv[1:] == ["scale"]:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
        return scaled()
    if "DATABASE_URL" not in os.environ:
        os.environ["DUBAN_VAR_DIR"] = tempfile.mkdtemp(prefix="duban-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from duban.plans.models import Plan

    call_command("migrate", verbosity=0)
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    plan = Plan.objects.filter(is_public=True).order_by("id").first()
    assert plan is not None
    result = measure(plan.id, 75, "reporter")
    print(
        f"login  baseline: cached public plan page, no session: {result['baseline_ms']:.2f} ms CPU"
    )
    for name, page in result["pages"].items():
        print(
            f"login  {name:<30} {page['cpu_ms']:6.2f} ms CPU  {page['ratio']:5.2f}× baseline  "
            f"{page['queries']:2d} queries"
        )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
