"""Shared fixtures: the Xicheng 2020 plan, loaded once per session, and the test personas.

Personas (as in healthchecks' alice/bob/charlie):
  office     the supervision office (督查室)
  reporter   a reporter of 区发展改革委, a lead unit of task 1
  head       the unit head of 区发展改革委
  outsider   a reporter of 区体育局, which leads none of tasks 1-30
  leader     a district leader (区领导), responsible for tasks 1-10
  leader2    another leader, responsible for no task
  anonymous  a visitor who is not logged in (Django's test client as is)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from duban.documents import ParsedDocument, parse_file

ROOT = Path(__file__).resolve().parent.parent
XICHENG = ROOT / "duban" / "demo" / "xicheng-2020-key-tasks.txt"
LABELS = Path(__file__).parent / "fixtures" / "xicheng-2020-key-tasks.labels-rows-1-30.json"
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(scope="session")
def xicheng_doc() -> ParsedDocument:
    return parse_file(XICHENG)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    from duban.accounts.models import User
    from duban.plans.importing import import_bytes
    from duban.plans.models import Plan, Unit

    with django_db_blocker.unblock():
        result = import_bytes(XICHENG.read_bytes(), XICHENG.name, public=True)
        hidden = Plan.objects.create(government="某某区人民政府", year=2021, title="未公开的计划")
        hidden.tasks.create(number=1, content="尚未公开的任务内容", completion="")
        personas = [
            ("office", User.Role.OFFICE, None),
            ("reporter", User.Role.REPORTER, "区发展改革委"),
            ("head", User.Role.UNIT_HEAD, "区发展改革委"),
            ("outsider", User.Role.REPORTER, "区体育局"),
            ("leader", User.Role.LEADER, None),
            ("leader2", User.Role.LEADER, None),
        ]
        for username, role, unit in personas:
            user = User(username=username, role=role, email=f"{username}@example.org")
            if unit:
                user.unit = Unit.objects.get(name=unit)
            user.set_password(PASSWORD)
            user.save()
        result.plan.tasks.filter(number__lte=10).update(leader=User.objects.get(username="leader"))
        assert result.tasks_created == 136


@pytest.fixture
def plan(db):  # type: ignore[no-untyped-def]
    from duban.plans.models import Plan

    return Plan.objects.get(year=2020, is_public=True)


@pytest.fixture
def hidden_plan(db):  # type: ignore[no-untyped-def]
    from duban.plans.models import Plan

    return Plan.objects.get(title="未公开的计划")


def _persona_client(username: str):  # type: ignore[no-untyped-def]
    """A test client of its own for each persona, so that a test can hold several."""

    @pytest.fixture
    def logged_in(db):  # type: ignore[no-untyped-def]
        from django.test import Client

        from duban.accounts.models import User

        own = Client()
        own.force_login(User.objects.get(username=username))
        return own

    return logged_in


office_client = _persona_client("office")
head_client = _persona_client("head")
reporter_client = _persona_client("reporter")
outsider_client = _persona_client("outsider")
leader_client = _persona_client("leader")


@pytest.fixture
def people(db):  # type: ignore[no-untyped-def]
    """The personas as users: people.office, people.reporter, …"""
    from types import SimpleNamespace

    from duban.accounts.models import User

    return SimpleNamespace(**{u.username: u for u in User.objects.all()})


@pytest.fixture(autouse=True)
def _fresh_cache(settings):  # type: ignore[no-untyped-def]
    """Each test has its own cache (the public page cache and the API's rate limits live
    there; failed logins are counted in the database)."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    }
    from django.core.cache import cache

    cache.clear()
