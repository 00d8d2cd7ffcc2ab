"""A unit belongs to one government (Unit.government): a site holds the plans of several, and
Kunming's 市教育局 is not Chengdu's. Importing a second government's plan makes that
government's units; its reporters see its tasks only; the API lists and filters by
government; the migration splits a unit two governments shared."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from duban.accounts.models import User
from duban.plans.access import visible_tasks
from duban.plans.importing import import_bytes
from duban.plans.models import Assignment, Plan, Unit
from duban.reporting.models import ProgressReport

KUNMING = (
    "昆明市人民政府\n2024年昆明市政府工作报告重点工作完成情况\n"
    "类别序号重点督办内容牵头单位全年完成情况\n"
    "教育1新建中小学10所。市教育局已建成10所。\n"
    "交通2新建公交线路20条。市交通运输局已开通20条。\n"
)
CHENGDU = (
    "成都市人民政府\n2024年成都市政府工作报告重点工作完成情况\n"
    "类别序号重点督办内容牵头单位全年完成情况\n"
    "教育1新增学位3万个。市教育局已新增3.2万个。\n"
    "民生2建成社区食堂50个。市民政局已建成50个。\n"
)


def _reporter(name: str, unit: Unit) -> Client:
    user = User.objects.create(username=name, role=User.Role.REPORTER, unit=unit)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def two(db):  # type: ignore[no-untyped-def]
    kunming = import_bytes(KUNMING.encode(), "kunming.txt").plan
    chengdu = import_bytes(CHENGDU.encode(), "chengdu.txt").plan
    return kunming, chengdu


def test_each_government_has_its_own_unit_of_a_shared_name(two) -> None:
    kunming, chengdu = two
    schools = Unit.objects.filter(name="市教育局")
    assert sorted(schools.values_list("government", flat=True)) == [
        "成都市人民政府",
        "昆明市人民政府",
    ]
    for plan in (kunming, chengdu):
        units = Unit.objects.filter(assignments__task__plan=plan)
        assert set(units.values_list("government", flat=True)) == {plan.government}
    # Imported again, a government's plan finds its own units: none is added.
    again = import_bytes(CHENGDU.encode(), "chengdu.txt")
    assert again.units_created == 0


def test_each_reporter_sees_only_their_governments_tasks(two) -> None:
    kunming, chengdu = two
    km = Unit.objects.get(government=kunming.government, name="市教育局")
    cd = Unit.objects.get(government=chengdu.government, name="市教育局")
    km_client, cd_client = _reporter("km", km), _reporter("cd", cd)
    km_task, cd_task = kunming.tasks.get(number=1), chengdu.tasks.get(number=1)
    assert list(visible_tasks(User.objects.get(username="cd"))) == [cd_task]
    assert list(visible_tasks(User.objects.get(username="km"))) == [km_task]
    url = "reporting:task"
    assert cd_client.get(reverse(url, args=[cd_task.plan_id, 1])).status_code == 200
    assert cd_client.get(reverse(url, args=[km_task.plan_id, 1])).status_code == 404
    assert km_client.get(reverse(url, args=[km_task.plan_id, 1])).status_code == 200
    assert km_client.get(reverse(url, args=[cd_task.plan_id, 1])).status_code == 404
    posted = cd_client.post(
        reverse("reporting:report-save", args=[km_task.plan_id, 1]),
        {"period": "2024-Y", "text": "已建成", "revision": 0},
    )
    assert posted.status_code == 404
    assert not ProgressReport.objects.filter(task=km_task).exists()
    home = cd_client.get(reverse("reporting:home")).content.decode()
    assert "新增学位3万个" in home and "新建中小学10所" not in home


def test_the_api_lists_and_filters_units_by_government(two, office_client) -> None:
    kunming, chengdu = two
    every = office_client.get("/api/units/", {"government": chengdu.government}).json()
    rows = every["results"] if isinstance(every, dict) else every
    assert {r["name"] for r in rows} == {"市教育局", "市民政局"}
    assert {r["government"] for r in rows} == {chengdu.government}
    of_plan = office_client.get("/api/units/", {"plan": kunming.id}).json()
    rows = of_plan["results"] if isinstance(of_plan, dict) else of_plan
    assert {r["name"] for r in rows} == {"市教育局", "市交通运输局"}
    cd = Unit.objects.get(government=chengdu.government, name="市教育局")
    mine = _reporter("cd", cd).get("/api/units/").json()
    rows = mine["results"] if isinstance(mine, dict) else mine
    assert {r["government"] for r in rows} == {chengdu.government}


def test_the_api_refuses_another_governments_unit_on_a_task(two, office_client) -> None:
    kunming, chengdu = two
    km = Unit.objects.get(government=kunming.government, name="市教育局")
    r = office_client.post(
        f"/api/tasks/?plan={chengdu.id}",
        {"number": 3, "content": "新任务", "lead_units": [km.pk]},
        content_type="application/json",
    )
    assert r.status_code == 400, r.content
    assert not Assignment.objects.filter(task__plan=chengdu, unit=km).exists()


def test_a_name_is_unique_within_a_government(db) -> None:
    Unit.objects.create(government="昆明市人民政府", name="市教育局")
    Unit.objects.create(government="成都市人民政府", name="市教育局")
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(government="昆明市人民政府", name="市教育局")


def test_the_migration_splits_a_unit_two_governments_shared(db, people) -> None:
    """As the import left them before: Chengdu's plan reused Kunming's unit."""
    migration = importlib.import_module("duban.plans.migrations.0017_unit_government")
    kunming = Plan.objects.create(government="昆明市人民政府", year=2024, title="昆明")
    chengdu = Plan.objects.create(government="成都市人民政府", year=2024, title="成都")
    shared = Unit.objects.create(name="市教育局-共用")
    spare = Unit.objects.create(name="未用单位")
    tasks = {}
    for plan, n in ((kunming, 2), (chengdu, 1)):
        for number in range(1, n + 1):
            t = plan.tasks.create(number=number, content=f"{plan.title}{number}")
            Assignment.objects.create(task=t, unit=shared, role=Assignment.Role.LEAD)
            tasks[(plan.government, number)] = t
    ProgressReport.objects.create(
        task=tasks[("成都市人民政府", 1)], unit=shared, period="2024-Y", text="成都的报告"
    )
    ProgressReport.objects.create(
        task=tasks[("昆明市人民政府", 1)], unit=shared, period="2024-Y", text="昆明的报告"
    )
    people.outsider.unit = shared
    people.outsider.save()
    migration.place_units(apps, None)
    shared.refresh_from_db()
    assert shared.government == "昆明市人民政府"  # the government that assigns it most
    copy = Unit.objects.get(name="市教育局-共用", government="成都市人民政府")
    assert set(copy.assignments.values_list("task__plan", flat=True)) == {chengdu.id}
    assert set(shared.assignments.values_list("task__plan", flat=True)) == {kunming.id}
    assert list(copy.reports.values_list("text", flat=True)) == ["成都的报告"]
    assert list(shared.reports.values_list("text", flat=True)) == ["昆明的报告"]
    people.outsider.refresh_from_db()
    assert people.outsider.unit_id == shared.pk  # people stay with the original
    spare.refresh_from_db()
    assert spare.government == ""  # several governments on the site: none to give it
    xicheng = Unit.objects.get(name="区发展改革委")
    assert xicheng.government == "北京市西城区人民政府"
