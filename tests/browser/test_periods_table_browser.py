"""The task page's periods table at phone width: each period's name and due date stay on
one line ("2026-02-|05" and "2026年1|月" were broken), and the page does not scroll sideways."""

from __future__ import annotations

import pytest

from tests.browser.helpers import cast, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_periods_table_keeps_names_and_dates_whole_at_390_px(
    live_server, browser, transactional_db
) -> None:
    from duban.plans.models import Plan, Unit
    from duban.reporting.models import ProgressReport

    cast()
    plan = Plan.objects.create(government="某某区人民政府", year=2024, title="2024年重点工作")
    task = plan.tasks.create(number=1, content="新建便民商业网点40个。", reporting_cycle="month")
    unit = Unit.objects.get(name="区发展改革委")
    task.assignments.create(unit=unit, role="lead")
    # A correction under review: the report column's longest words squeeze the others.
    for version, state in ((1, "accepted"), (2, "submitted")):
        ProgressReport.objects.create(
            task=task, unit=unit, period="2024-01", version=version, text="1月。", state=state
        )
    page = login(browser, live_server.url, "reporter", width=390)
    page.goto(f"{live_server.url}/work/plans/{plan.id}/tasks/1/")
    lines = page.evaluate(
        """() => [...document.querySelectorAll('[aria-labelledby=periods-h] tbody tr')]
          .map(tr => {
            const cells = [tr.querySelector('th'), tr.querySelectorAll('td')[0]];
            return cells.map(c => {
                const r = document.createRange(); r.selectNodeContents(c);
                return [c.innerText, r.getClientRects().length];
            });
        })"""
    )
    assert lines, "no periods table"
    broken = [text for row in lines for text, n in row if n != 1]
    assert broken == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
