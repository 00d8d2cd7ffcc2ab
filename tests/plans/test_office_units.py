"""The office's unit screens: list and search, add, rename with aliases, merge; nobody else
gets in, and every change is in the audit log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.audit.models import AuditEntry
from duban.plans.models import Assignment, Unit

pytestmark = pytest.mark.django_db


def test_the_office_lists_and_searches_units_by_alias(office_client) -> None:
    unit = Unit.objects.get(name="区发展改革委")
    unit.aliases = ["区发改委"]
    unit.save()
    page = office_client.get(reverse("plans:units"), {"q": "发改委"}).content.decode()
    assert "区发展改革委" in page and "区体育局" not in page
    assert "区体育局" in office_client.get(reverse("plans:units")).content.decode()


@pytest.mark.parametrize("persona", ["reporter_client", "head_client", "leader_client"])
def test_only_the_office_manages_units(request, persona) -> None:
    client = request.getfixturevalue(persona)
    unit = Unit.objects.get(name="区体育局")
    assert client.get(reverse("plans:units")).status_code == 403
    assert client.post(reverse("plans:unit-new"), {"name": "新单位"}).status_code == 403
    assert (
        client.post(reverse("plans:unit-edit", args=[unit.pk]), {"name": "改名"}).status_code == 403
    )
    assert Unit.objects.get(pk=unit.pk).name == "区体育局"


def test_anonymous_is_sent_to_login(client) -> None:
    assert client.get(reverse("plans:units")).status_code == 302


def test_adding_a_unit_logs_it_and_a_short_form_finds_the_existing_one(office_client, plan) -> None:
    r = office_client.post(
        reverse("plans:unit-new"), {"name": "区数据局", "government": plan.government}
    )
    unit = Unit.objects.get(name="区数据局")
    assert r.status_code == 302 and r["Location"] == reverse("plans:unit-edit", args=[unit.pk])
    assert unit.government == plan.government
    assert AuditEntry.objects.filter(action="duban.unit.added", object_id=unit.pk).exists()
    office_client.post(
        reverse("plans:unit-new"), {"name": "区发改委", "government": plan.government}
    )
    assert not Unit.objects.filter(name="区发改委").exists()


def test_another_government_may_add_a_unit_of_the_same_name(office_client, plan) -> None:
    """区发展改革委 of 某某区 is not Xicheng's: the office adds it (a name is unique per
    government), and the list filters by government."""
    r = office_client.post(
        reverse("plans:unit-new"), {"name": "区发展改革委", "government": "某某区人民政府"}
    )
    theirs = Unit.objects.get(name="区发展改革委", government="某某区人民政府")
    assert r.status_code == 302 and r["Location"] == reverse("plans:unit-edit", args=[theirs.pk])
    assert Unit.objects.filter(name="区发展改革委").count() == 2
    page = office_client.get(reverse("plans:units"), {"government": "某某区人民政府"})
    listed = page.content.decode()
    assert f'href="{reverse("plans:unit-edit", args=[theirs.pk])}"' in listed
    assert "区体育局" not in listed


def test_a_blank_or_long_name_is_refused_in_chinese(office_client) -> None:
    r = office_client.post(reverse("plans:unit-new"), {"name": "单" * 101})
    assert r.status_code == 200 and "最多 100 字，已输入 101 字" in r.content.decode()
    unit = Unit.objects.get(name="区体育局")
    r = office_client.post(
        reverse("plans:unit-edit", args=[unit.pk]), {"name": "  ", "aliases": "体育局别称"}
    )
    assert r.status_code == 200 and "体育局别称" in r.content.decode()
    assert "该字段是必填项" in r.content.decode()
    assert Unit.objects.get(pk=unit.pk).name == "区体育局"


def test_renaming_keeps_the_old_name_as_an_alias(office_client) -> None:
    unit = Unit.objects.get(name="区体育局")
    r = office_client.post(
        reverse("plans:unit-edit", args=[unit.pk]),
        {"name": "区体育事业发展中心", "aliases": "体育中心、区体育中心"},
    )
    assert r.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "区体育事业发展中心"
    assert unit.aliases == ["体育中心", "区体育中心", "区体育局"]
    entry = AuditEntry.objects.get(action="duban.unit.changed", object_id=unit.pk)
    assert entry.data["old"]["name"] == "区体育局"
    assert unit.history.first().name == "区体育事业发展中心"


def test_a_name_another_unit_has_is_refused_and_what_was_typed_stays(office_client) -> None:
    unit = Unit.objects.get(name="区体育局")
    r = office_client.post(
        reverse("plans:unit-edit", args=[unit.pk]), {"name": "区发展改革委", "aliases": "我的别名"}
    )
    page = r.content.decode()
    assert r.status_code == 200 and "我的别名" in page and "合并" in page
    assert Unit.objects.get(pk=unit.pk).name == "区体育局"


def test_merging_moves_assignments_people_and_reports(office_client, plan, people) -> None:
    from duban.reporting import services

    keep = Unit.objects.get(name="区发展改革委")
    dup = Unit.objects.create(government=plan.government, name="西城区发展和改革委员会")
    task = plan.tasks.get(number=1)
    other = plan.tasks.get(number=130)
    Assignment.objects.create(task=task, unit=dup, role="co")  # keep already leads task 1
    Assignment.objects.create(task=other, unit=dup, role="lead")
    people.outsider.unit = dup
    people.outsider.save()
    services.save_draft(other, people.outsider, "2020-Y", "草稿")
    r = office_client.post(
        reverse("plans:unit-merge", args=[dup.pk]), {"into": keep.pk, "confirm": "on"}
    )
    assert r.status_code == 302
    assert not Unit.objects.filter(pk=dup.pk).exists()
    assert task.assignments.filter(unit=keep).count() == 1
    assert other.assignments.get(unit=keep).role == "lead"
    people.outsider.refresh_from_db()
    assert people.outsider.unit == keep
    assert other.reports.get().unit == keep
    keep.refresh_from_db()
    assert "西城区发展和改革委员会" in keep.aliases
    assert AuditEntry.objects.filter(action="duban.unit.merged", object_id=keep.pk).exists()


def test_a_merge_needs_the_box_ticked(office_client) -> None:
    keep, dup = Unit.objects.get(name="区发展改革委"), Unit.objects.get(name="区体育局")
    r = office_client.post(reverse("plans:unit-merge", args=[dup.pk]), {"into": keep.pk})
    assert r.status_code == 200 and Unit.objects.filter(pk=dup.pk).exists()


def test_a_merge_into_itself_or_a_missing_unit_is_no_500(office_client) -> None:
    dup = Unit.objects.get(name="区体育局")
    for into in (dup.pk, 999999, "x"):
        r = office_client.post(
            reverse("plans:unit-merge", args=[dup.pk]), {"into": into, "confirm": "on"}
        )
        assert r.status_code == 200
    assert office_client.get(reverse("plans:unit-edit", args=[999999])).status_code == 404


def test_merge_cannot_join_two_governments_units(office_client, plan) -> None:
    keep = Unit.objects.get(name="区发展改革委")
    theirs = Unit.objects.create(government="某某区人民政府", name="区发展改革委")
    page = office_client.get(reverse("plans:unit-edit", args=[theirs.pk])).content.decode()
    assert f'<option value="{keep.pk}"' not in page  # not offered
    r = office_client.post(
        reverse("plans:unit-merge", args=[theirs.pk]), {"into": keep.pk, "confirm": "on"}
    )
    assert r.status_code == 200  # refused, not merged
    assert Unit.objects.filter(pk=theirs.pk).exists()
    from django.core.exceptions import ValidationError

    from duban.accounts.models import User
    from duban.plans.units import merge_units

    with pytest.raises(ValidationError):
        merge_units(User.objects.get(username="office"), theirs, keep)
