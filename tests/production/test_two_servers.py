"""The production shape on loopback: two app servers (gunicorn) and two job workers (huey)
that share nothing but PostgreSQL (and Redis, when .ci/run provides one: DUBAN_TEST_REDIS_URL).

A burst of report submissions through both servers, concurrent edits of one draft, and
reminder rounds run by both workers at once: no reminder is mailed twice, no update is lost,
and (with Redis) a publication made through one server is what the other one serves at once.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.utils import timezone

from tests.reporting.test_reminders import Inbox, _free_port

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-battery-staple"
TASKS = 6
MONTHS = 6  # reports January to June, for each task

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the production shape runs on PostgreSQL (.ci/run)",
    ),
]


class Visitor:
    """A browser of one person on one server: cookies, CSRF token, form posts."""

    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        page = self.get("/login/")
        self.post("/login/", {"username": username, "password": PASSWORD}, page)

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.read().decode()

    def post(
        self, path: str, data: dict[str, str], page: str | None = None, referer: str | None = None
    ) -> str:
        """POST a form, as from the page at referer (or at path) whose text is page."""
        page = page or self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, f"no form on {path}"
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token.group(1)}).encode()
        request = urllib.request.Request(  # noqa: S310 - http on loopback
            self.base + path, data=body, headers={"Referer": self.base + (referer or path)}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.read().decode()
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"POST {path}: {exc.code} at {exc.url}") from exc


@pytest.fixture
def cast(transactional_db):  # type: ignore[no-untyped-def]
    """This year's plan with TASKS monthly tasks led by one unit, its reporter, the office."""
    from duban.accounts.models import User
    from duban.plans.models import Assignment, Plan, Unit

    year = timezone.localdate().year
    plan = Plan.objects.create(government="测试区人民政府", year=year, title="生产形态测试")
    unit = Unit.objects.create(name="测试区发展改革委")
    for n in range(1, TASKS + 1):
        task = plan.tasks.create(number=n, content=f"测试任务{n}", completion="")
        Assignment.objects.create(task=task, unit=unit)
    for username, role, member in (
        ("shape-reporter", "reporter", unit),
        ("shape-office", "office", None),
    ):
        user = User(username=username, role=role, unit=member, email=f"{username}@example.org")
        user.set_password(PASSWORD)
        user.save()
    return plan


def _database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
    return f"postgres://{s['USER']}{password}@{host}:{port}/{s['NAME']}"


@pytest.fixture
def shape(cast, tmp_path):  # type: ignore[no-untyped-def]
    """Two gunicorn servers and two huey workers, each with a folder of its own."""
    inbox = Inbox()
    smtp_port = _free_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    redis = os.environ.get("DUBAN_TEST_REDIS_URL", "")
    base_env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DUBAN_ALLOWED_HOSTS": "127.0.0.1",
        "DUBAN_EMAIL_HOST": "127.0.0.1",
        "DUBAN_EMAIL_PORT": str(smtp_port),
    }
    if redis:
        base_env["DUBAN_REDIS_URL"] = redis
        subprocess.run(["redis-cli", "-u", redis, "FLUSHDB"], check=True, capture_output=True)
    processes, servers = [], []
    python = sys.executable
    for name in ("app-a", "app-b", "jobs-a", "jobs-b"):
        var = tmp_path / name
        var.mkdir()
        # Without Redis the job queue needs one place on disk that both workers read.
        env = {**base_env, "DUBAN_VAR_DIR": str(var)}
        if not redis:
            env["DUBAN_HUEY_FILE"] = str(tmp_path / "huey.sqlite3")
        if name.startswith("app"):
            port = _free_port()
            command = [
                str(Path(python).parent / "gunicorn"),
                "-c",
                "python:duban.gunicorn_conf",  # the production shape: threaded, kept alive
                "duban.wsgi:application",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ]
            servers.append(f"http://127.0.0.1:{port}")
        else:
            command = [python, "manage.py", "run_huey", "--workers", "2", "--no-periodic"]
        processes.append(subprocess.Popen(command, cwd=ROOT, env=env))
    try:
        for base in servers:
            for _ in range(150):
                try:
                    urllib.request.urlopen(base + "/login/", timeout=5).read()  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.2)
        yield {
            "servers": servers,
            "inbox": inbox,
            "env": {
                **base_env,
                **({} if redis else {"DUBAN_HUEY_FILE": str(tmp_path / "huey.sqlite3")}),
            },
            "redis": bool(redis),
        }
    finally:
        for p in processes:
            p.send_signal(signal.SIGTERM)
        for p in processes:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
        smtp.stop()


def assert_one_saved(answers: list[str]) -> None:
    """One of the concurrent saves was told it was saved; every other one was refused."""
    saved = [a for a in answers if "草稿已保存" in a or "Draft saved" in a]
    assert len(saved) == 1, [re.findall(r"<li>([^<]+)</li>", a)[:2] for a in answers]


def _in_threads(jobs: list) -> list:  # type: ignore[type-arg]
    results: list = [None] * len(jobs)  # type: ignore[type-arg]
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            results[i] = jobs[i]()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return results


def test_two_servers_two_workers_lose_nothing_and_repeat_nothing(cast, shape) -> None:
    from duban.plans.models import Plan
    from duban.reporting.models import ProgressReport, Reminder

    plan: Plan = cast
    year = plan.year
    a, b = shape["servers"]
    # Enough reminder rounds to keep both workers busy at once, while reports arrive.
    enqueue = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from duban.reporting.tasks import daily_reminders\n"
            "for _ in range(8): daily_reminders()",
        ],
        cwd=ROOT,
        env=shape["env"],
    )

    # 1. A burst: every (task, month) submitted once, through both servers, eight at a time.
    visitors = {base: Visitor(base, "shape-reporter") for base in (a, b)}
    pairs = [(n, m) for n in range(1, TASKS + 1) for m in range(1, MONTHS + 1)]

    def submit(n: int, m: int) -> str:
        visitor = visitors[a if (n + m) % 2 else b]
        page = f"/work/plans/{plan.id}/tasks/{n}/"
        return visitor.post(
            f"{page}report/",
            {"period": f"{year}-{m:02d}", "text": f"任务{n}第{m}月进展", "submit": "1"},
            visitor.get(page),
            page,
        )

    for start in range(0, len(pairs), 8):
        for answer in _in_threads([lambda p=p: submit(*p) for p in pairs[start : start + 8]]):
            assert "已提交" in answer or "submitted" in answer, re.findall(
                r'class="message[^"]*"[^>]*>([^<]+)', answer
            )
    reports = ProgressReport.objects.filter(task__plan=plan)
    assert reports.count() == len(pairs)
    assert {(r.task.number, r.period, r.text, r.state) for r in reports.select_related("task")} == {
        (n, f"{year}-{m:02d}", f"任务{n}第{m}月进展", "submitted") for n, m in pairs
    }

    # 2. One draft edited at once from both servers, all from the same revision: exactly one
    # edit lands; the others are refused, not silently overwritten.
    period, page = f"{year}-07", f"/work/plans/{plan.id}/tasks/1/"
    visitors[a].post(
        f"{page}report/", {"period": period, "text": "初稿"}, visitors[a].get(page), page
    )
    draft = ProgressReport.objects.get(task__plan=plan, task__number=1, period=period)
    start, records = draft.revision, draft.history.count()
    texts = [f"并发修改{i}" for i in range(8)]
    forms = {base: v.get(page) for base, v in visitors.items()}
    answers = _in_threads(
        [
            lambda i=i: visitors[(a, b)[i % 2]].post(
                f"{page}report/",
                {"period": period, "text": texts[i], "revision": str(draft.revision)},
                forms[(a, b)[i % 2]],
                page,
            )
            for i in range(len(texts))
        ]
    )
    draft.refresh_from_db()
    assert_one_saved(answers)
    assert draft.revision == start + 1 and draft.text in texts  # one write, never two
    assert draft.history.count() == records + 1  # and one history entry for it

    # 3. Reminder rounds from both workers: each reminder recorded once and mailed once.
    assert enqueue.wait(timeout=120) == 0
    deadline = time.monotonic() + 120
    settled, last = 0.0, (-1, -1)
    while time.monotonic() < deadline:
        now = (Reminder.objects.filter(task__plan=plan).count(), len(shape["inbox"].messages))
        if now != last:
            last, settled = now, time.monotonic()
        elif now[0] and time.monotonic() - settled > 5:
            break
        time.sleep(0.5)
    rows, mails = last
    assert rows > 0 and rows == mails, (rows, mails)
    keys = list(
        Reminder.objects.filter(task__plan=plan).values_list("task", "unit", "period", "level")
    )
    assert len(keys) == len(set(keys))
    # Months whose report arrived in the burst before their round needed none; July to
    # October (due by November 5th) have no report, so every task was reminded of them.
    reminded = {(t, p) for t, _u, p, _l in keys}
    task_ids = list(plan.tasks.values_list("id", flat=True))
    assert {(t, f"{year}-{m:02d}") for t in task_ids for m in range(7, 11)} <= reminded

    # 4. With Redis (shared cache), a publication made through one server is what the
    # other serves from then on: its cached page is retired across processes.
    if shape["redis"]:
        office = Visitor(a, "shape-office")
        office.post(
            f"/work/plans/{plan.id}/publish/",
            {"kind": "mid_year", "note": "第一次"},
            office.get("/work/"),
        )
        before = urllib.request.urlopen(f"{b}/plans/{plan.id}/").read().decode()  # noqa: S310
        assert "测试任务1" in before and "修订后的任务一" not in before  # now cached on b
        plan.tasks.filter(number=1).update(content="修订后的任务一")
        office.post(
            f"/work/plans/{plan.id}/publish/",
            {"kind": "year_end", "note": "跨服务器"},
            office.get("/work/"),
        )
        after = urllib.request.urlopen(f"{b}/plans/{plan.id}/").read().decode()  # noqa: S310
        assert "修订后的任务一" in after
