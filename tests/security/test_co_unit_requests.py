"""Issue 21 finding 10: a co-unit's reporter does not read the lead unit's requests on the
task page (the API already answered 404 for them)."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.accounts.models import User
from duban.plans.models import Assignment
from duban.reporting import services


@pytest.mark.django_db
def test_a_co_unit_reads_its_own_requests_only(plan, people, reporter_client, office_client):
    task = (
        plan.tasks.exclude(assignments__unit=people.reporter.unit)
        .filter(assignments__role=Assignment.Role.LEAD)
        .first()
    )
    Assignment.objects.create(
        task=task, unit=people.reporter.unit, role=Assignment.Role.CO, order=9
    )
    lead = task.assignments.filter(role=Assignment.Role.LEAD).first().unit
    lead_reporter = User.objects.create_user(
        "lead-reporter", password="x-correct-horse", role=User.Role.REPORTER, unit=lead
    )
    year_end = dt.date(plan.year, 12, 31)
    services.request_change(task, lead_reporter, "extension", "牵头单位的延期理由", year_end)
    services.request_change(task, people.reporter, "extension", "配合单位的延期理由", year_end)
    url = f"/work/plans/{plan.id}/tasks/{task.number}/"
    page = reporter_client.get(url).content.decode()
    assert "配合单位的延期理由" in page and "牵头单位的延期理由" not in page
    office = office_client.get(url).content.decode()
    assert "配合单位的延期理由" in office and "牵头单位的延期理由" in office
