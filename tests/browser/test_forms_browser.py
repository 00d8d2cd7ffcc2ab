"""In Chromium: a long paste is neither cut nor lost, and a refused upload is said where the
page opens, at desk and phone width."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SHOTS
from tests.browser.helpers import cast, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _xlsx() -> bytes:
    import io

    import openpyxl

    out = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(["项目", "投资（亿元）"])  # type: ignore[union-attr]
    book.save(out)
    return out.getvalue()


@pytest.fixture
def task(public_plan, settings, tmp_path):  # type: ignore[no-untyped-def]
    from duban.plans.models import Assignment, Unit

    settings.MEDIA_ROOT = tmp_path
    people = cast()
    t = public_plan.tasks.get(number=1)
    t.leader = people["leader"]
    t.save()
    Assignment.objects.get_or_create(
        task=t, unit=Unit.objects.get(name="区发展改革委"), defaults={"role": "lead"}
    )
    return t


def test_a_pasted_instruction_over_the_limit_is_counted_kept_and_refused(
    live_server, browser, task
) -> None:
    page = login(browser, live_server.url, "leader")
    page.goto(f"{live_server.url}/work/plans/{task.plan_id}/tasks/{task.number}/")
    box = page.locator("#instruction-form textarea")
    text = "一、请抓紧推进。\n" + "请" * 5591  # 5,600 characters as the box counts them
    box.fill(text)
    count = page.locator("#instruction-form .count")
    assert count.inner_text() == "4,000 字以内，已输入 5,600 字"
    assert "over" in (count.get_attribute("class") or "")
    assert len(box.input_value()) == 5600  # not cut to 4,000
    page.locator("#instruction-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "最多 4,000 字，已输入 5,600 字" in page.locator("#instruction-form").inner_text()
    assert page.locator("#instruction-form textarea").input_value() == text
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "forms-instruction-refused.png"))


@pytest.mark.parametrize("width", [1280, 390])
def test_a_refused_file_is_said_where_the_page_opens_and_the_good_one_kept(
    live_server, browser, task, tmp_path, width
) -> None:
    from duban.reporting.models import ReportAttachment

    good, bad = tmp_path / "投资明细.xlsx", tmp_path / "统计表.xlsx"
    good.write_bytes(_xlsx())
    bad.write_bytes(b"MZ\x90\x00" + b"\0" * 60)  # a program, renamed
    page = login(browser, live_server.url, "reporter", width=width)
    page.goto(f"{live_server.url}/work/plans/{task.plan_id}/tasks/{task.number}/")
    page.locator("#report-form textarea[name=text]").fill("一、进展。\n二、问题。")
    page.locator("#report-form input[type=file]").set_input_files([str(good), str(bad)])
    page.locator("#report-form button[name=submit]").click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.get_attribute("role") == "alert"
    top = summary.bounding_box()
    assert top is not None and 0 <= top["y"] < 100  # at the top of the view, not 1,000 px below
    said = summary.inner_text()
    assert "统计表.xlsx" in said and "投资明细.xlsx" in said
    assert [a.name for a in ReportAttachment.objects.all()] == ["投资明细.xlsx"]
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"forms-upload-refused-{width}.png"))
