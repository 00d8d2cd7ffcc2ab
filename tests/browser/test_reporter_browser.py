"""The reporter's day in Chromium: a long report with an attachment over 20 MB is refused and
keeps every word and the chosen period; a file whose bytes are not what its name says is
refused; the report is saved once however often the button is clicked, and submitted."""

from __future__ import annotations

import pytest

from tests.browser.helpers import cast, english_words, login, shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = "一季度新建便民商业网点8个，分布在各街道。" * 250  # 5,000 characters


def test_reporter_keeps_a_long_report_refused_for_its_attachment(
    live_server, browser, transactional_db, tmp_path
) -> None:
    from duban.plans.models import Plan, Unit
    from duban.reporting.models import ProgressReport

    cast()
    plan = Plan.objects.create(government="某某区人民政府", year=2024, title="2024年重点工作")
    task = plan.tasks.create(number=1, content="新建便民商业网点40个。", reporting_cycle="quarter")
    task.assignments.create(unit=Unit.objects.get(name="区发展改革委"), role="lead")
    big = tmp_path / "网点名单.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024))
    fake = tmp_path / "统计表.xlsx"
    fake.write_bytes(b"MZ\x90\x00" + b"\x00" * 1000)  # a program, named as a spreadsheet
    good = tmp_path / "照片说明.txt"
    good.write_text("网点照片说明。", encoding="utf-8")

    base = live_server.url
    page = login(browser, base, "reporter")
    page.goto(f"{base}/work/plans/{plan.id}/tasks/1/")
    assert english_words(page) == []
    page.select_option("#id_period", "2024-Q2")
    page.fill("#id_text", LONG)
    page.set_input_files("#id_files", str(big))
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_selector("form .error")
    assert "超过 20 MB" in page.locator("form .error").first.inner_text()
    assert page.input_value("#id_text") == LONG and page.input_value("#id_period") == "2024-Q2"
    assert english_words(page, {"pdf"}) == []
    shots(page, "reporter-too-large")

    page.set_input_files("#id_files", str(fake))
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_selector("text=内容与文件类型不符")
    assert page.input_value("#id_text") == LONG
    # The text is kept as a draft, without the refused file, and not submitted.
    (kept,) = ProgressReport.objects.filter(task=task)
    assert (kept.text, kept.state, kept.files.count()) == (LONG, "draft", 0)

    page.set_input_files("#id_files", str(good))
    page.get_by_role("button", name="保存草稿").dblclick()
    page.wait_for_selector(".messages")
    assert english_words(page, {"txt"}) == []
    drafts = ProgressReport.objects.filter(task=task, period="2024-Q2")
    assert drafts.count() == 1 and drafts.get().text == LONG
    assert drafts.get().files.count() == 1
    page.reload()  # a reload shows the draft, and posts nothing again
    assert ProgressReport.objects.filter(task=task).count() == 1
    page.locator(f"#report-{drafts.get().id}").get_by_role("button", name="报送").click()
    page.wait_for_selector("text=已报送")
    assert drafts.get().state == ProgressReport.State.SUBMITTED
    assert english_words(page, {"txt"}) == []
    shots(page, "reporter-submitted")
