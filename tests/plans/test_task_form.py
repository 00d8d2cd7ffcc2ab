"""The office's task form: units chosen or added by name, indicator and target rows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from duban.plans.models import Indicator, Unit
from tests.formdata import form_data


def _page(client, plan, task=None):  # type: ignore[no-untyped-def]
    url = (
        reverse("plans:task-edit", args=[plan.id, task.id])
        if task
        else reverse("plans:task-new", args=[plan.id])
    )
    return url, form_data(client.get(url).content.decode(), "task-form")


def test_a_unit_typed_by_name_is_created_when_the_task_is_saved(office_client, plan) -> None:
    task = plan.tasks.get(number=3)
    url, data = _page(office_client, plan, task)
    data["lead_units"] += ["+区新设数据局"]  # what Tom Select sends for a name typed
    data["new_co_units"] = ["区新设协调办、 区发改委"]  # without JavaScript; a short form
    response = office_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    units = {(a.unit.name, a.role) for a in task.assignments.select_related("unit")}
    assert ("区新设数据局", "lead") in units
    assert ("区新设协调办", "co") in units
    assert ("区发展改革委", "co") in units  # 区发改委 is that unit, not a new one
    assert not Unit.objects.filter(name="区发改委").exists()
    assert Unit.objects.get(name="区新设数据局").history.first().history_user.username == "office"


def test_a_refused_form_keeps_the_new_unit_and_the_indicator_typed(office_client, plan) -> None:
    url, data = _page(office_client, plan)
    data |= {
        "number": ["1"],
        "content": ["一项新任务"],
        "lead_units": ["+区新设数据局"],
        "indicators-0-metric": ["新建便民商业网点"],
        "indicators-0-target_value": ["40"],
        "indicators-0-unit": ["个"],
        "indicators-0-comparator": [">="],
    }
    response = office_client.post(url, data)  # number 1 is taken
    page = response.content.decode()
    assert response.status_code == 200
    assert "序号已存在" in page
    assert 'value="+区新设数据局" selected' in page and "区新设数据局（新增）" in page
    assert 'value="新建便民商业网点"' in page and 'value="40"' in page
    assert not Unit.objects.filter(name="区新设数据局").exists()  # nothing saved half


def test_no_lead_unit_is_a_chinese_error_on_the_field(office_client, plan) -> None:
    url, data = _page(office_client, plan, plan.tasks.get(number=4))
    data["lead_units"] = []
    response = office_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["lead_units"] == ["任务至少需要一个牵头单位。"]


def test_indicator_rows_add_edit_and_remove_targets(office_client, plan) -> None:
    task = plan.tasks.get(number=5)
    task.indicators.all().delete()
    url, data = _page(office_client, plan, task)
    data |= {
        "indicators-0-metric": ["老旧小区综合整治"],
        "indicators-0-comparator": [">="],
        "indicators-0-target_value": ["10"],
        "indicators-0-unit": ["个"],
        "indicators-1-metric": ["PM2.5年均浓度"],
        "indicators-1-comparator": ["<="],
        "indicators-1-target_value": ["38.5"],
        "indicators-1-unit": ["微克/立方米"],
    }
    assert office_client.post(url, data).status_code == 302
    first, second = task.indicators.all()
    assert (first.metric, first.comparator, first.target_value, first.unit) == (
        "老旧小区综合整治",
        ">=",
        Decimal("10"),
        "个",
    )
    assert second.target_text == "≤38.5微克/立方米"
    assert first.source == "office"

    url, data = _page(office_client, plan, task)
    assert data["indicators-0-target_value"] == ["10"]  # not 10.0000
    data["indicators-0-target_value"] = ["12"]
    data["indicators-1-DELETE"] = ["on"]
    assert office_client.post(url, data).status_code == 302
    assert [i.target_text for i in task.indicators.all()] == ["≥12个"]


def test_an_indicator_with_reported_values_is_not_removed(office_client, plan, people) -> None:
    from duban.reporting.models import IndicatorValue, ProgressReport

    task = plan.tasks.get(number=6)
    indicator = Indicator.objects.create(task=task, metric="新增就业", target_value=100)
    report = ProgressReport.objects.create(
        task=task, unit=people.reporter.unit, period="2020-01", text="进展"
    )
    IndicatorValue.objects.create(report=report, indicator=indicator, value=30)
    url, data = _page(office_client, plan, task)
    data["indicators-0-DELETE"] = ["on"]
    response = office_client.post(url, data)
    assert response.status_code == 200
    assert "新增就业已有单位报送的数值，不能删除。" in response.content.decode()
    assert task.indicators.filter(pk=indicator.pk).exists()


def test_a_row_without_a_target_value_says_which_field(office_client, plan) -> None:
    task = plan.tasks.get(number=7)
    url, data = _page(office_client, plan, task)
    data["indicators-0-metric"] = ["新建口袋公园"]
    response = office_client.post(url, data)
    assert response.status_code == 200
    formset = response.context["indicators"]
    assert formset.forms[0].errors["target_value"] == ["该字段是必填项。"]
    assert 'value="新建口袋公园"' in response.content.decode()


@pytest.mark.parametrize(
    "odd",
    [
        {"indicators-TOTAL_FORMS": ["x"]},
        {"indicators-TOTAL_FORMS": ["100000"]},
        {
            "indicators-0-id": ["99999999"],
            "indicators-0-metric": ["x"],
            "indicators-0-target_value": ["1"],
        },
        {"indicators-0-target_value": ["1e400"], "indicators-0-metric": ["x"]},
        {
            "indicators-0-comparator": ["!="],
            "indicators-0-metric": ["x"],
            "indicators-0-target_value": ["1"],
        },
        {"lead_units": ["+" + "长" * 300]},
        {"lead_units": ["abc"]},
        {"new_lead_units": ["、、，"]},
    ],
)
def test_odd_task_form_input_is_refused_not_a_500(office_client, plan, odd) -> None:
    url, data = _page(office_client, plan, plan.tasks.get(number=8))
    response = office_client.post(url, data | odd)
    assert response.status_code in (200, 302)


def test_another_tasks_indicator_cannot_be_edited_through_this_form(office_client, plan) -> None:
    other = plan.tasks.get(number=9)
    theirs = Indicator.objects.create(task=other, metric="别的指标", target_value=5)
    task = plan.tasks.get(number=10)
    url, data = _page(office_client, plan, task)
    data |= {
        "indicators-0-id": [str(theirs.pk)],
        "indicators-0-metric": ["改掉"],
        "indicators-0-target_value": ["1"],
    }
    office_client.post(url, data)
    theirs.refresh_from_db()
    assert theirs.metric == "别的指标"


def test_only_the_office_adds_units(people) -> None:
    from django.core.exceptions import PermissionDenied

    from duban.plans import services

    with pytest.raises(PermissionDenied):
        services.add_unit(people.reporter, "区新设数据局", "北京市西城区人民政府")


def test_the_form_ships_tom_select_from_our_own_files(office_client, plan) -> None:
    page = office_client.get(reverse("plans:task-new", args=[plan.id])).content.decode()
    assert "/static/vendor/tom-select/tom-select.complete.min.js" in page
    assert "data-unit-select" in page and "https://" not in page.split("<main")[0]


def test_a_target_read_from_the_file_that_the_office_removed_stays_removed(
    office_client, plan
) -> None:
    # The reader took a figure for a target; the office removes it; importing the same file
    # again (a corrected copy, a second upload) must not bring it back.
    from duban.plans.importing import import_bytes
    from duban.plans.models import Source
    from tests.conftest import XICHENG

    task = next(t for t in plan.tasks.all() if t.indicators.filter(source=Source.DOCUMENT).count())
    read = list(task.indicators.all())
    url, data = _page(office_client, plan, task)
    data["indicators-0-DELETE"] = ["on"]
    assert office_client.post(url, data).status_code == 302
    assert [i.pk for i in task.indicators.all()] == [i.pk for i in read[1:]]
    assert Indicator.all_objects.get(pk=read[0].pk).dismissed

    assert import_bytes(XICHENG.read_bytes(), XICHENG.name).plan == plan
    assert [i.pk for i in task.indicators.all()] == [i.pk for i in read[1:]]
    assert Indicator.all_objects.filter(task=task).count() == len(read)

    # One the office added itself is gone when it removes it.
    url, data = _page(office_client, plan, task)
    n = int(data["indicators-TOTAL_FORMS"][0]) - 2  # the first empty row
    data |= {
        f"indicators-{n}-metric": ["办公室新增指标"],
        f"indicators-{n}-comparator": ["="],
        f"indicators-{n}-target_value": ["3"],
        f"indicators-{n}-unit": ["个"],
    }
    assert office_client.post(url, data).status_code == 302
    added = task.indicators.get(metric="办公室新增指标")
    url, data = _page(office_client, plan, task)
    row = next(k for k, v in data.items() if v == [str(added.pk)] and k.endswith("-id"))
    data[row.replace("-id", "-DELETE")] = ["on"]
    assert office_client.post(url, data).status_code == 302
    assert not Indicator.all_objects.filter(pk=added.pk).exists()


def test_a_target_the_office_corrected_is_not_read_again_beside_it(office_client, plan) -> None:
    # The office corrects a target the reader read (a figure changed); importing the same file
    # again must not add the file's figure back as a second target, and the file's quote,
    # which no longer says the target, is not shown under it.
    from duban.plans.importing import import_bytes
    from duban.plans.models import Source
    from tests.conftest import XICHENG

    task = next(t for t in plan.tasks.all() if t.indicators.filter(source=Source.DOCUMENT).count())
    before = task.indicators.count()
    url, data = _page(office_client, plan, task)
    data["indicators-0-target_value"] = [str(int(float(data["indicators-0-target_value"][0])) + 7)]
    assert office_client.post(url, data).status_code == 302
    corrected = task.indicators.order_by("order").first()
    assert corrected.source == Source.OFFICE and corrected.span == ""

    assert import_bytes(XICHENG.read_bytes(), XICHENG.name).plan == plan
    assert task.indicators.count() == before
    assert task.indicators.get(pk=corrected.pk).target_value == corrected.target_value


def test_the_other_columns_of_the_file_are_shown_on_the_task_pages(office_client, plan) -> None:
    # A table's 备注 or 年度目标 column is kept in Task.extra; a clerk must see it (walk with an
    # XLSX copy: "the 年度目标 text appears nowhere").
    task = plan.tasks.get(number=8)
    task.extra = {"年度目标": "新增学位1.2万个", "备注": "跨年度项目", "_joined": "2"}
    task.save()
    url, _data = _page(office_client, plan, task)
    page = office_client.get(url).content.decode()
    assert "文件中的其他栏目" in page and "新增学位1.2万个" in page and "跨年度项目" in page
    assert "_joined" not in page
    work = office_client.get(f"/work/plans/{plan.id}/tasks/{task.number}/").content.decode()
    assert "新增学位1.2万个" in work and "跨年度项目" in work
