"""A reporter's attachments: checked by content, refused without losing the report, removable
from a draft."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban.reporting import filetypes
from duban.reporting.models import ProgressReport, ReportAttachment
from tests.formdata import form_data

LONG_TEXT = "一季度，我委牵头推进重点项目建设，完成固定资产投资。" * 200  # thousands of characters


def _ooxml(main_part: str, content_types: bool = True) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        if content_types:
            archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<x/>")
    return out.getvalue()


GOOD = {
    "报告.pdf": b"%PDF-1.7\n...",
    "照片.jpg": b"\xff\xd8\xff\xe0" + b"\0" * 20,
    "照片.PNG": b"\x89PNG\r\n\x1a\n" + b"\0" * 20,
    "旧表.xls": filetypes.OLE + b"\0" * 50,
    "旧文.doc": filetypes.OLE + b"\0" * 50,
    "表.xlsx": _ooxml("xl/workbook.xml"),
    "文.docx": _ooxml("word/document.xml"),
    "包.zip": _ooxml("any.txt", content_types=False),
    "说明.txt": "情况说明".encode(),
    "国标.txt": "情况说明".encode("gb18030"),
}
BAD = {
    "程序.xlsx": b"MZ\x90\x00" + b"\0" * 60,  # a Windows program, renamed
    "程序.exe": b"MZ\x90\x00",
    "假表.xlsx": _ooxml("word/document.xml"),  # a Word file named as a spreadsheet
    "无类型.docx": _ooxml("word/document.xml", content_types=False),
    "假.pdf": b"<html>",
    "二进制.txt": b"MZ\x00\x00",
    "坏.zip": b"PK\x03\x04 not really",
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_a_file_whose_content_matches_its_name_is_accepted(name) -> None:
    data = GOOD[name]
    assert filetypes.problem(name, io.BytesIO(data), len(data)) is None


def test_real_office_files_are_accepted() -> None:
    import docx
    import openpyxl

    for name, document in (("台账.xlsx", openpyxl.Workbook()), ("说明.docx", docx.Document())):
        out = io.BytesIO()
        document.save(out)
        assert filetypes.problem(name, out, out.tell()) is None, name


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_file_whose_content_does_not_match_is_refused(name) -> None:
    data = BAD[name]
    assert filetypes.problem(name, io.BytesIO(data), len(data)) in ("type", "content")


def test_too_large_is_refused_before_reading() -> None:
    assert filetypes.problem("a.pdf", io.BytesIO(b"%PDF-"), filetypes.MAX_BYTES + 1) == "size"


def _save(client, task, **fields):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("reporting:report-save", args=[task.plan_id, task.number]),
        {"period": "2020-Q1", "text": LONG_TEXT, **fields},
    )


@pytest.fixture
def task(plan, settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    t = plan.tasks.get(number=1)
    t.reporting_cycle = "quarter"  # a period other than the first one offered
    t.save()
    return t


def test_a_too_large_attachment_keeps_the_text_and_the_period(reporter_client, task) -> None:
    big = SimpleUploadedFile("全年台账.pdf", b"%PDF-1.4" + b"\0" * filetypes.MAX_BYTES)
    response = _save(reporter_client, task, files=[big], submit="1")
    assert response.status_code == 200  # the page again, not a redirect to an empty form
    # The text is saved as a draft, not submitted; the file is not attached.
    assert ProgressReport.objects.get(task=task).state == "draft"
    assert not ReportAttachment.objects.exists()
    page = response.content.decode()
    data = form_data(page, "report-form")
    assert data["text"] == [LONG_TEXT] and data["period"] == ["2020-Q1"]
    errors = response.context["report_form"].errors["files"]
    assert errors == ["全年台账.pdf 超过 20 MB：请压缩或拆分后重新选择附件。"]
    assert "全年台账.pdf 超过 20 MB" in page


def test_a_renamed_program_is_refused_on_the_field(reporter_client, task) -> None:
    response = _save(
        reporter_client, task, files=[SimpleUploadedFile("统计表.xlsx", BAD["程序.xlsx"])]
    )
    assert response.status_code == 200
    assert response.context["report_form"].errors["files"] == [
        "统计表.xlsx 的内容与文件类型不符，请检查后重新选择。"
    ]
    assert form_data(response.content.decode(), "report-form")["text"] == [LONG_TEXT]
    assert not ReportAttachment.objects.exists()


def test_a_blank_text_comes_back_with_the_period_and_a_field_error(reporter_client, task) -> None:
    response = _save(reporter_client, task, text="")
    assert response.status_code == 200
    assert "text" in response.context["report_form"].errors
    assert form_data(response.content.decode(), "report-form")["period"] == ["2020-Q1"]


def test_period_choices_read_in_chinese(reporter_client, task) -> None:
    page = reporter_client.get(reverse("reporting:task", args=[task.plan_id, task.number]))
    body = page.content.decode()
    assert "2020年第1季度（2020-04-05 前报送）" in body
    assert "2020年全年" in body and ">2020-Y" not in body
    assert "(due" not in body


def _draft_with_file(reporter_client, task) -> ReportAttachment:  # type: ignore[no-untyped-def]
    response = _save(reporter_client, task, files=[SimpleUploadedFile("错的.pdf", b"%PDF-1")])
    assert response.status_code == 302
    return ReportAttachment.objects.get()


def test_the_unit_removes_an_attachment_from_its_draft(
    reporter_client, task, django_capture_on_commit_callbacks
) -> None:
    item = _draft_with_file(reporter_client, task)
    stored = item.file.path
    page = reporter_client.get(reverse("reporting:task", args=[task.plan_id, task.number]))
    remove = reverse("reporting:attachment-remove", args=[item.id])
    assert remove in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = reporter_client.post(remove)
    assert response.status_code == 302
    assert not ReportAttachment.objects.exists()
    assert not os.path.exists(stored)
    assert ProgressReport.objects.get(task=task).text == LONG_TEXT  # the report stays


def test_only_the_unit_removes_and_only_from_a_draft(
    reporter_client, outsider_client, office_client, task, people
) -> None:
    from duban.reporting import services

    item = _draft_with_file(reporter_client, task)
    remove = reverse("reporting:attachment-remove", args=[item.id])
    assert outsider_client.post(remove).status_code == 404  # cannot see the draft
    assert office_client.post(remove).status_code == 403
    assert office_client.get(remove).status_code == 405
    services.submit(item.report, people.reporter)
    response = reporter_client.post(remove, follow=True)
    assert "只能删除草稿中的附件" in response.content.decode()
    assert ReportAttachment.objects.filter(pk=item.pk).exists()


def test_a_good_and_a_bad_file_together_keep_the_good_one(reporter_client, task) -> None:
    good = SimpleUploadedFile("投资明细.xlsx", GOOD["表.xlsx"])
    bad = SimpleUploadedFile("统计表.xlsx", BAD["程序.xlsx"])
    response = _save(reporter_client, task, files=[good, bad], submit="1")
    assert response.status_code == 200
    report = ProgressReport.objects.get(task=task)
    assert report.state == "draft"  # saved, not submitted with a file missing
    assert [a.name for a in report.files.all()] == ["投资明细.xlsx"]
    page = response.content.decode()
    # At the top of the form, an alert naming the refused file, a link to its field.
    form = page[page.index('id="report-form"') :]
    summary = form[: form.index("</div>")]
    assert 'class="error-summary" role="alert"' in summary
    assert "草稿已保存，但有文件未附上" in summary and "已随草稿附上：投资明细.xlsx" in summary
    assert '<a href="#id_files">附件：统计表.xlsx 的内容与文件类型不符' in summary
    assert "报告尚未提交" in summary
    # The form is at the saved draft's revision: saved again, it is no stale edit.
    data = form_data(page, "report-form")
    assert data["revision"] == [str(report.revision)] and data["text"] == [LONG_TEXT]
    again = reporter_client.post(
        reverse("reporting:report-save", args=[task.plan_id, task.number]),
        {**{k: v[0] for k, v in data.items()}, "submit": "1"},
    )
    assert again.status_code == 302
    assert ProgressReport.objects.get(task=task).state == "submitted"


def test_the_report_form_posts_back_to_itself_so_the_page_opens_at_the_form(
    reporter_client, task
) -> None:
    page = reporter_client.get(reverse("reporting:task", args=[task.plan_id, task.number]))
    assert f'{reverse("reporting:report-save", args=[task.plan_id, task.number])}#report-form"' in (
        page.content.decode()
    )


def test_a_refused_text_says_the_chosen_files_must_be_chosen_again(reporter_client, task) -> None:
    good = SimpleUploadedFile("投资明细.xlsx", GOOD["表.xlsx"])
    response = _save(reporter_client, task, text="", files=[good])
    page = response.content.decode()
    assert '<a href="#id_text">进展情况：' in page
    assert "所选的附件没有保存：改正上述问题后，请重新选择。" in page


def test_a_file_attached_twice_is_stored_once(reporter_client, task) -> None:
    first = SimpleUploadedFile("投资明细.xlsx", GOOD["表.xlsx"])
    assert _save(reporter_client, task, files=[first]).status_code == 302
    report = ProgressReport.objects.get(task=task)
    data = {"revision": report.revision}
    # The same content again (under another name), and twice in one upload.
    same = [
        SimpleUploadedFile("投资明细.xlsx", GOOD["表.xlsx"]),
        SimpleUploadedFile("投资明细(1).xlsx", GOOD["表.xlsx"]),
    ]
    response = _save(reporter_client, task, files=same, **data)
    assert response.status_code == 302
    assert [a.name for a in ReportAttachment.objects.filter(report=report)] == ["投资明细.xlsx"]
    told = [str(m) for m in response.wsgi_request._messages]  # type: ignore[attr-defined]
    assert "投资明细.xlsx 已附在这份报告上（内容相同），未重复保存。" in told
    assert "投资明细(1).xlsx 已附在这份报告上（内容相同），未重复保存。" in told


def test_a_file_attached_before_the_hash_column_is_compared_by_its_content(
    reporter_client, task
) -> None:
    assert (
        _save(reporter_client, task, files=[SimpleUploadedFile("a.pdf", b"%PDF-1")]).status_code
        == 302
    )
    report = ProgressReport.objects.get(task=task)
    ReportAttachment.objects.update(sha256="")  # as rows written before the column read
    response = _save(
        reporter_client,
        task,
        files=[SimpleUploadedFile("b.pdf", b"%PDF-1"), SimpleUploadedFile("c.pdf", b"%PDF-2")],
        revision=report.revision,
    )
    assert response.status_code == 302
    assert sorted(a.name for a in report.files.all()) == ["a.pdf", "c.pdf"]


def test_a_refused_save_names_the_refused_file_too(reporter_client, task) -> None:
    _save(reporter_client, task, submit="1")  # the period's report is with the office now
    bad = SimpleUploadedFile("统计表.xlsx", BAD["程序.xlsx"])
    response = _save(reporter_client, task, files=[bad])
    errors = response.context["report_form"].errors
    assert "统计表.xlsx 的内容与文件类型不符，请检查后重新选择。" in errors["files"]
    assert errors["__all__"]  # and why nothing was saved
