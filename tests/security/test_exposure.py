"""Typed text is escaped everywhere it is shown; the public never sees what is unpublished."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from duban.reporting import services
from duban.reporting.models import Instruction, Notification, ProgressReport

SCRIPT = '<script>alert("duban-xss")</script>'
SECRET = "未公开的内部内容-7Q3X"


@pytest.fixture
def hostile(plan, people):  # type: ignore[no-untyped-def]
    """Script text typed into every field a person can fill in."""
    task = plan.tasks.get(number=1)
    report = services.save_draft(task, people.reporter, "2020-03", SCRIPT)
    services.submit(report, people.reporter)
    services.return_report(ProgressReport.objects.get(pk=report.pk), people.office, SCRIPT)
    Instruction.objects.create(task=task, leader=people.leader, text=SCRIPT, answer=SCRIPT)
    services.request_change(task, people.reporter, "adjustment", SCRIPT, proposed_target=SCRIPT)
    Notification.objects.create(user=people.reporter, text=SCRIPT, url="/")
    task.completion = SCRIPT
    task.status_note = SCRIPT
    task.save()
    from duban.disclosure.services import publish

    publish(plan, people.office, "mid_year", SCRIPT)
    return task


@pytest.mark.parametrize("who", ["office", "reporter", "leader", None])
def test_typed_script_is_escaped_on_every_page(hostile, plan, people, who) -> None:
    client = Client()
    if who:
        client.force_login(getattr(people, who))
    pages = [
        reverse("disclosure:plan", args=[plan.id]),
        reverse("disclosure:task", args=[plan.id, 1]),
        reverse("disclosure:publications", args=[plan.id]),
    ]
    if who:
        pages += [
            reverse("reporting:home"),
            reverse("reporting:task", args=[plan.id, 1]),
            reverse("reporting:notifications"),
        ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SCRIPT not in response.content.decode(), url


def test_public_never_sees_unpublished_content(plan, hidden_plan, people) -> None:
    """A draft report, an unpublished edit and an unpublished plan, looked for everywhere
    the public can go: pages, search, downloads, dashboard data and the API."""
    task = plan.tasks.get(number=2)
    ProgressReport.objects.create(
        task=task, unit=task.units.first(), period="2020-03", text=SECRET, state="draft"
    )
    task.completion = SECRET  # edited after the publication
    task.save()
    hidden_plan.tasks.update(content=SECRET)
    public = Client()
    urls = [
        "/",
        f"/plans/{plan.id}/",
        f"/plans/{plan.id}/?q={SECRET[:6]}",
        f"/plans/{plan.id}/tasks/2/",
        f"/plans/{plan.id}/publications/",
        f"/plans/{plan.id}/dashboard/",
        f"/plans/{plan.id}/dashboard.json",
        f"/governments/{plan.government}/",
        "/units/区财政局/",
        *[f"/plans/{plan.id}/download.{fmt}" for fmt in ("csv", "json", "xlsx", "docx")],
        "/api/plans/",
        f"/api/plans/{plan.id}/open-data/",
        "/api/publications/",
        f"/plans/{hidden_plan.id}/",
        f"/api/plans/{hidden_plan.id}/open-data/",
    ]
    for url in urls:
        response = public.get(url)
        body = response.content
        if url.endswith((".xlsx", ".docx")):
            import io
            import zipfile

            body = b"".join(
                zipfile.ZipFile(io.BytesIO(body)).read(n)
                for n in zipfile.ZipFile(io.BytesIO(body)).namelist()
            )
        assert SECRET.encode() not in body, url
    assert public.get(f"/plans/{plan.id}/", {"q": SECRET}).content.count(b'id="task-') == 0
