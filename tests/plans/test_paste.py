"""Rows pasted from Excel on the plan page: read by the reader that reads an uploaded CSV, so
each column lands in its field; the reader's notes shown; refused, the rows stay in the box."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from duban.plans.models import Plan
from duban.plans.paste import read_deadline

# As Excel copies: tabs between cells, a cell with a line break in double quotes.
EXCEL = (
    "类别\t序号\t重点督办内容\t牵头单位\t配合单位\t完成时限\n"
    "经济发展\t1\t新建便民商业网点40个。\t区商务局\t区发展改革委、区市场监管局\t2024年10月31日\n"
    "城市管理\t2\t完成老旧小区综合整治10个，惠及居民3000户。\t区住房城乡建设委\t\t6月底\n"
    '城市管理\t3\t"推进背街小巷整治\n（第二批）"\t区城市管理委\t\t长期坚持\n'
)
# The columns of duban's own spreadsheet download.
OWN = (
    "类别\t序号\t重点督办内容\t牵头单位\t配合单位\t全年完成情况\n"
    "民生保障\t4\t新建口袋公园5处。\t区园林绿化局\t\t已建成5处。\n"
)


@pytest.fixture
def new_plan(db):  # type: ignore[no-untyped-def]
    return Plan.objects.create(
        government="某某区人民政府",
        year=2024,
        title="2024年重点工作",
        caption="某某区2024年重点工作清单",
        published_on=dt.date(2024, 2, 1),
    )


def _paste(client, plan, text):  # type: ignore[no-untyped-def]
    return client.post(reverse("plans:paste", args=[plan.id]), {"rows": text})


def test_excel_rows_land_in_their_columns(office_client, new_plan) -> None:
    response = _paste(office_client, new_plan, EXCEL)
    assert response.status_code == 302
    first, second, third = new_plan.tasks.order_by("number")
    assert first.content == "新建便民商业网点40个。"
    assert first.category.name == "经济发展"
    units = first.assignments.select_related("unit").order_by("-role", "order")
    assert [(a.unit.name, a.role) for a in units] == [
        ("区商务局", "lead"),
        ("区发展改革委", "co"),
        ("区市场监管局", "co"),
    ]
    assert first.deadline == dt.date(2024, 10, 31)
    assert second.deadline == dt.date(2024, 6, 30)
    assert third.content == "推进背街小巷整治\n（第二批）"  # a cell with a line break is one cell
    assert third.deadline is None
    assert first.source == "office"
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert notes[0] == "已将3行读入计划：新增任务3项，修改0项。"
    assert "任务3：完成时限“长期坚持”不是日期，完成时限未填写。" in notes


def test_pasting_keeps_the_plans_own_title_date_and_caption(office_client, new_plan) -> None:
    _paste(office_client, new_plan, EXCEL)
    new_plan.refresh_from_db()
    assert new_plan.title == "2024年重点工作"
    assert new_plan.published_on == dt.date(2024, 2, 1)
    assert new_plan.caption == "某某区2024年重点工作清单"


def test_duban_own_download_columns_are_read(office_client, new_plan) -> None:
    _paste(office_client, new_plan, OWN)
    task = new_plan.tasks.get(number=4)
    assert (task.content, task.completion) == ("新建口袋公园5处。", "已建成5处。")
    assert task.assignments.get().unit.name == "区园林绿化局"


def test_a_row_pasted_again_updates_its_task(office_client, new_plan) -> None:
    _paste(office_client, new_plan, EXCEL)
    office_client.get(reverse("plans:plan-edit", args=[new_plan.id]))  # the notes, read
    response = _paste(office_client, new_plan, EXCEL.replace("40个", "45个"))
    assert new_plan.tasks.count() == 3
    assert new_plan.tasks.get(number=1).content == "新建便民商业网点45个。"
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert notes[0] == "已将3行读入计划：新增任务0项，修改1项。"


def test_the_readers_notes_are_shown_in_chinese(office_client, new_plan) -> None:
    rows = (
        "序号\t重点督办内容\t牵头单位\t完成情况\n"
        "1\t新建公园3个。\t区园林绿化局\t\n2\t\t区商务局\t\n"
    )
    response = _paste(office_client, new_plan, rows)
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(notes) > 1, notes
    assert not any(c.isascii() and c.isalpha() for n in notes for c in n), notes


def test_rows_that_cannot_be_read_stay_in_the_box(office_client, new_plan) -> None:
    typed = "这不是表格\t只是两个词\n还有一行\t没有表头\n"
    response = _paste(office_client, new_plan, typed)
    assert response.status_code == 200
    page = response.content.decode()
    assert "这不是表格\t只是两个词" in page  # every word, in the textarea
    assert "无法读取这些行" in page
    assert '<details class="paste" id="paste" open>' in page
    assert new_plan.tasks.count() == 0


def test_a_duplicate_number_in_the_rows_is_refused_whole(office_client, new_plan) -> None:
    rows = EXCEL + "城市管理\t2\t又一个二号\t区商务局\t\t\n"
    response = _paste(office_client, new_plan, rows)
    assert response.status_code == 200
    assert new_plan.tasks.count() == 0
    assert "又一个二号" in response.content.decode()
    assert "序号2在粘贴的行中出现了两次。" in response.content.decode()


@pytest.mark.parametrize(
    "odd",
    [
        "\t\t\t\n\t\t",
        "序号\t任务\n" + "1\t😀\n" * 3,
        '"\t""\n',
        "序号\t重点督办内容\t牵头单位\n99999999999999999999\tx\t区商务局\n",
        "类别\t序号\t重点督办内容\t牵头单位\t完成时限\n甲\t1\tx\t区商务局\t2024-02-30\n",
    ],
)
def test_odd_pastes_are_refused_or_read_never_a_500(office_client, new_plan, odd) -> None:
    assert _paste(office_client, new_plan, odd).status_code in (200, 302)


def test_the_paste_page_is_the_offices(reporter_client, new_plan) -> None:
    assert _paste(reporter_client, new_plan, EXCEL).status_code == 403
    assert new_plan.tasks.count() == 0


@pytest.mark.parametrize(
    ("cell", "date"),
    [
        ("2024年10月31日", dt.date(2024, 10, 31)),
        ("2024-12-31", dt.date(2024, 12, 31)),
        ("2024/6/30", dt.date(2024, 6, 30)),
        ("10月31日", dt.date(2024, 10, 31)),
        ("6月底", dt.date(2024, 6, 30)),
        ("2月底", dt.date(2024, 2, 29)),
        ("年底", dt.date(2024, 12, 31)),
        ("2025年年底", dt.date(2025, 12, 31)),
        ("长期坚持", None),
        ("2月30日", None),
        ("13月底", None),
    ],
)
def test_deadline_cells(cell, date) -> None:
    assert read_deadline(cell, 2024) == date
