"""Every URL of the site's screens, as every persona, with odd input: no answer is a server
error. The routes come from the URL configuration itself, so a screen added later is crawled
too; each is requested with real ids, with ids nothing has (0, beyond any table, beyond
64 bits), with odd query strings, and posted odd forms (duplicate numbers, years 0 and
10000, names with "/", huge text, emoji, stale or negative revisions) and malformed JSON.
The API's own operations are generated from its schema (tests/api/test_schemathesis.py)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

HUGE = "很长的文字😀" * 6000
ODD_QUERY = (
    "?plan=0&page=-1&q=%F0%9F%98%80&status=x&role=%00&unit=%E7%94%B2/%E4%B9%99"
    "&warning=x&sort=x&next=//evil.example&period=2020-99"
)
ODD_FORM = {
    "number": "2",
    "year": "0",
    "government": "甲/乙区人民政府",
    "title": "😀" * 300,
    "name": "甲/乙局",
    "aliases": "甲/乙、😀",
    "content": HUGE,
    "text": HUGE,
    "answer": HUGE,
    "comment": "",
    "note": "😀",
    "reason": HUGE,
    "revision": "-1",
    "period": "2020-99",
    "lead_units": ["99999999", "+甲/乙局"],
    "co_units": ["abc"],
    "leader": "99999999",
    "category": "99999999",
    "due_day": "0",
    "warning_days": "10000",
    "published_on": "2020-13-45",
    "deadline": "0000-00-00",
    "new_deadline": "10000-01-01",
    "username": "a/b c",
    "role": "superuser",
    "unit": "abc",
    "into": "99999999",
    "status": "x",
    "kind": "x",
    "use": "x",
    "rows": "类别\t序号\t重点督办内容\n\t\t\n经济\t1\t😀",
    "active": "x",
    "tasks": ["abc", "99999999"],
    "url": "javascript:alert(1)",
    "grant": "maybe",
    "target": "😀",
    "due": "2020-02-30",
    "indicators-TOTAL_FORMS": "1000000",
    "indicators-INITIAL_FORMS": "x",
}
# Logging out would end the persona's session half-way through the crawl: last.
LAST = {"logout"}


def _routes() -> Iterator[tuple[str, dict[str, str]]]:
    """(route name, {argument: converter}) for every named route outside the admin and the
    API."""

    def walk(patterns: list[Any], ns: str | None, conv: dict[str, str]) -> Iterator[Any]:
        for p in patterns:
            here = {
                **conv,
                **{k: type(v).__name__ for k, v in getattr(p.pattern, "converters", {}).items()},
            }
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, p.namespace or ns, here)
            elif isinstance(p, URLPattern) and p.name:
                yield (f"{ns}:{p.name}" if ns else p.name), here

    for name, conv in walk(get_resolver().url_patterns, None, {}):
        if not name.startswith(("admin:", "api:")):
            yield name, conv


@pytest.fixture
def ids(plan, hidden_plan, people) -> dict[str, list[Any]]:  # type: ignore[no-untyped-def]
    """Real ids for each argument, made by the services (a draft, a submitted report, an
    instruction, a request, a milestone, a publication), then ones that point at nothing."""
    from duban.disclosure.services import publish
    from duban.reporting import services
    from duban.reporting.models import Milestone

    task = plan.tasks.get(number=1)
    draft = services.save_draft(task, people.reporter, "2020-Y", "草稿")
    instruction = services.write_instruction(task, people.leader, "请加快。")
    request = services.request_change(
        task, people.reporter, "extension", "理由", new_deadline=dt.date(2021, 3, 31)
    )
    milestone = Milestone.objects.create(task=task, text="6月底前完成招标", due="2020-06-30")
    old, new = publish(plan, people.office, "mid_year"), publish(plan, people.office, "year_end")
    far = [0, 2**64]
    return {
        "plan_id": [plan.id, hidden_plan.id, *far],
        "task_id": [task.id, *far],
        "number": [1, 136, *far],
        "account_id": [people.reporter.id, people.office.id, *far],
        "unit_id": [people.reporter.unit_id, *far],
        "report_id": [draft.id, *far],
        "attachment_id": far,
        "instruction_id": [instruction.id, *far],
        "request_id": [request.id, *far],
        "milestone_id": [milestone.id, *far],
        "channel_id": far,
        "outcome_id": far,
        "old_id": [old.id, 0],
        "new_id": [new.id, 2**64],
        "upload_id": [uuid.uuid4()],
        "action": ["submit", "accept", "return", "x" * 60],
        "fmt": ["xlsx", "csv", "json", "docx", "pdf", "exe"],
        "name": [plan.government, "区发展改革委", "甲/乙", "😀" * 30, "x" * 3000],
    }


def _urls(ids: dict[str, list[Any]]) -> Iterator[tuple[str, str]]:
    """Each route with the first real value of every argument, then with each other value of
    one argument at a time."""
    routes = sorted(_routes(), key=lambda r: r[0] in LAST)
    for name, conv in routes:
        first = {k: ids[k][0] for k in conv}
        yield name, reverse(name, kwargs=first)
        for key in conv:
            for value in ids[key][1:]:
                yield name, reverse(name, kwargs={**first, key: value})


@pytest.mark.slow
@pytest.mark.parametrize("persona", ["anonymous", "office", "reporter", "head", "leader"])
def test_no_url_gives_a_server_error_with_odd_input(persona, ids, people) -> None:
    client = Client(raise_request_exception=False)
    if persona != "anonymous":
        client.force_login(getattr(people, persona))
    failures, count = [], 0
    for _name, url in _urls(ids):
        answers = [
            ("GET", url, client.get(url)),
            ("GET", url + ODD_QUERY, client.get(url + ODD_QUERY)),
            ("POST", url, client.post(url, ODD_FORM)),
            ("POST json", url, client.post(url, "{bad", content_type="application/json")),
        ]
        count += len(answers)
        failures += [
            (how, where, r.status_code) for how, where, r in answers if r.status_code >= 500
        ]
    assert count > 400
    assert failures == [], failures
