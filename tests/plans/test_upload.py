"""The office uploads a document, sees what was read, and confirms."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban.plans.models import PendingUpload, Plan
from tests.documents.test_shapes import SHAPES


def _upload(client, name: str, data: bytes, **fields):  # type: ignore[no-untyped-def]
    return client.post(reverse("plans:upload"), {"file": SimpleUploadedFile(name, data), **fields})


def test_upload_preview_confirm(office_client) -> None:
    data = (SHAPES / "page.html").read_bytes()
    response = _upload(office_client, "page.html", data, public="on")
    assert response.status_code == 302
    preview = office_client.get(response["Location"])
    body = preview.content.decode()
    assert "新增市场主体5000户。" in body and "区市场监管局" in body
    assert Plan.objects.filter(title__startswith="2023年某某区").count() == 0  # not yet
    pending = PendingUpload.objects.get()
    done = office_client.post(reverse("plans:confirm", args=[pending.id]))
    plan = Plan.objects.get(title="2023年某某区政府工作报告重点工作完成情况")
    assert done["Location"] == reverse("plans:plan-edit", args=[plan.id])
    assert plan.tasks.count() == 4 and plan.is_public
    assert not PendingUpload.objects.exists()


def test_preview_shows_warnings(office_client) -> None:
    response = _upload(office_client, "pipe.txt", (SHAPES / "pipe-rows.txt").read_bytes())
    body = office_client.get(response["Location"]).content.decode()
    assert "第 14 行：这一行没有任务内容，已跳过" in body  # the warning in the page's language


def test_unreadable_file_is_refused_with_a_message(office_client) -> None:
    response = _upload(office_client, "x.txt", "没有表格的文字".encode())
    page = office_client.get(response["Location"], follow=True).content.decode()
    assert "没有找到重点任务表" in page
    assert not PendingUpload.objects.exists()


def test_wrong_type_is_refused_by_the_form(office_client) -> None:
    response = _upload(office_client, "virus.exe", b"MZ\x90\x00")
    assert response.status_code == 200
    assert (
        "This type of file is not read" in response.content.decode()
        or "不读取这种类型" in response.content.decode()
    )


def test_all_tables_on_request(office_client) -> None:
    _upload(office_client, "report.md", (SHAPES / "report.md").read_bytes(), all_tables="on")
    pending = PendingUpload.objects.get()
    office_client.post(reverse("plans:confirm", args=[pending.id]))
    assert Plan.objects.filter(government="某某市人民政府").count() == 2


def test_units_and_leaders_cannot_upload(reporter_client, leader_client) -> None:
    assert reporter_client.get(reverse("plans:upload")).status_code == 403
    assert leader_client.get(reverse("plans:upload")).status_code == 403
    assert leader_client.post(reverse("plans:upload"), {}).status_code == 403


def test_anonymous_is_sent_to_log_in(client) -> None:
    response = client.get(reverse("plans:upload"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_one_office_user_cannot_see_anothers_upload(office_client, django_user_model) -> None:
    from duban.accounts.models import User

    _upload(office_client, "page.html", (SHAPES / "page.html").read_bytes())
    pending = PendingUpload.objects.get()
    other = User.objects.create(username="office2", role=User.Role.OFFICE)
    office_client.force_login(other)
    assert office_client.get(reverse("plans:preview", args=[pending.id])).status_code == 404
    assert office_client.post(reverse("plans:confirm", args=[pending.id])).status_code == 404


def test_the_preview_says_what_the_import_would_do_and_does_nothing(office_client) -> None:
    # A clerk must know before pressing 导入 whether the file builds a plan or updates one, and
    # how many tasks it adds, changes and removes (walk through a corrected copy as a clerk).
    from duban.audit.models import AuditEntry
    from duban.disclosure.models import Publication

    data = (SHAPES / "page.html").read_bytes()
    first = _upload(office_client, "page.html", data, public="on")
    before = (Plan.objects.count(), AuditEntry.objects.count(), Publication.objects.count())
    body = office_client.get(first["Location"]).content.decode()
    assert "导入后将新建计划“2023年某某区政府工作报告重点工作完成情况”，共 4 项任务。" in body
    assert (Plan.objects.count(), AuditEntry.objects.count(), Publication.objects.count()) == before
    office_client.post(reverse("plans:confirm", args=[PendingUpload.objects.get().id]))

    corrected = data.decode().replace("新增市场主体<b>5000</b>户。", "新增市场主体<b>6000</b>户。")
    again = _upload(office_client, "page-v2.html", corrected.encode())
    body = office_client.get(again["Location"]).content.decode()
    assert "导入将更新已有的计划“2023年某某区政府工作报告重点工作完成情况”" in body
    assert "新增 0 项，修改 1 项，未变 3 项，删除 0 项任务" in body
    plan = Plan.objects.get(title="2023年某某区政府工作报告重点工作完成情况")
    assert plan.tasks.filter(content__contains="5000户").exists()  # nothing written yet


def test_the_rows_history_names_who_imported(office_client) -> None:
    """The bulk writes' history rows carry the request's user, as simple_history's own do;
    a row imported from the command line names nobody."""
    from duban.plans.importing import import_bytes
    from duban.plans.models import Assignment, Task

    _upload(office_client, "page.html", (SHAPES / "page.html").read_bytes())
    office_client.post(reverse("plans:confirm", args=[PendingUpload.objects.get().id]))
    plan = Plan.objects.get(title="2023年某某区政府工作报告重点工作完成情况")
    tasks = Task.history.filter(plan_id=plan.id)
    assignments = Assignment.history.filter(task__plan_id=plan.id)
    assert tasks.count() == 4 and assignments.count() >= 4
    for record in [*tasks, *assignments]:
        assert record.history_user.username == "office"
    other = import_bytes((SHAPES / "page.html").read_bytes(), "page.html", government="别区")
    assert {r.history_user for r in Task.history.filter(plan_id=other.plan.id)} == {None}


def test_each_fields_help_is_the_one_its_input_points_to(office_client) -> None:
    # A screen reader reads a field's help from the id its aria-describedby names.
    import re

    page = office_client.get(reverse("plans:upload")).content.decode()
    described = re.findall(r'aria-describedby="([^"]+)"', page)
    assert described and all(f'id="{d}"' in page for d in described)
