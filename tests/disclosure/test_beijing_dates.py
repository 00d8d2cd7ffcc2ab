"""Every date a page shows is the day in Beijing (TIME_ZONE, Asia/Shanghai): a report
accepted and published at 01:30 Beijing time (17:30 UTC the day before) reads as that day on
the public task page and its publications, on the office's task page and in the open
data, and its lateness is judged against the Beijing due day."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

UTC_EVENING = dt.datetime(2020, 8, 18, 17, 30, tzinfo=dt.UTC)  # 2020-08-19 01:30 in Beijing
BEIJING_DAY, UTC_DAY = "2020-08-19", "2020-08-18"


@pytest.fixture
def published(plan, people):  # type: ignore[no-untyped-def]
    from duban.disclosure.models import Publication
    from duban.disclosure.services import publish
    from duban.reporting import services
    from duban.reporting.models import ProgressReport

    task = plan.tasks.get(number=1)
    task.reporting_cycle = "month"
    task.save()
    report = services.save_draft(task, people.reporter, "2020-07", "七月进展：完成招标。")
    report = services.accept(services.submit(report, people.reporter), people.office)
    ProgressReport.objects.filter(pk=report.pk).update(
        submitted_at=UTC_EVENING, accepted_at=UTC_EVENING
    )
    publication = publish(plan, people.office, "mid_year")
    earlier = Publication.objects.filter(plan=plan).exclude(pk=publication.pk)
    earlier.update(published_at=UTC_EVENING - dt.timedelta(days=30))  # this one is the latest
    Publication.objects.filter(pk=publication.pk).update(
        published_at=UTC_EVENING + dt.timedelta(minutes=5)
    )
    return task


@pytest.mark.parametrize("who", ["anonymous", "office"])
def test_pages_show_the_beijing_day_only(published, client, office_client, who) -> None:
    browser = office_client if who == "office" else client
    urls = [
        reverse("disclosure:task", args=[published.plan_id, 1]),
        reverse("disclosure:publications", args=[published.plan_id]),
    ]
    if who == "office":
        urls.append(reverse("reporting:task", args=[published.plan_id, 1]))
    for url in urls:
        page = browser.get(url).content.decode()
        assert BEIJING_DAY in page, url
        assert UTC_DAY not in page, url


def test_open_data_bears_the_beijing_day(published, client) -> None:
    plan_id = published.plan_id
    data = json.loads(client.get(reverse("disclosure:export", args=[plan_id, "json"])).content)
    assert data["publication"]["published_on"] == BEIJING_DAY
    task = next(t for t in data["tasks"] if t["number"] == 1)
    assert BEIJING_DAY in json.dumps(task) and UTC_DAY not in json.dumps(task)


def test_lateness_is_judged_on_the_beijing_day(plan, people) -> None:
    from duban.disclosure.services import unit_report_counts
    from duban.reporting import services
    from duban.reporting.models import ProgressReport

    task = plan.tasks.get(number=1)
    task.reporting_cycle = "month"
    task.save()
    due = dt.datetime(2020, 4, 5, 15, 30, tzinfo=dt.UTC)  # 23:30 on the due day in Beijing
    for period, when in (
        ("2020-03", due),
        ("2020-02", dt.datetime(2020, 3, 5, 16, 30, tzinfo=dt.UTC)),
    ):
        report = services.submit(
            services.save_draft(task, people.reporter, period, "进展"), people.reporter
        )
        ProgressReport.objects.filter(pk=report.pk).update(submitted_at=when)
    # 2020-03 on time (23:30 on 5 April), 2020-02 late (00:30 on 6 March, Beijing).
    assert unit_report_counts(plan)[people.reporter.unit.name]["late"] == 1
