"""The office's plan and task forms: what they show is what they save."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from tests.formdata import form_data


def _in(client, language: str):  # type: ignore[no-untyped-def]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_saving_the_plan_unchanged_keeps_its_date(office_client, plan, language) -> None:
    plan.published_on = dt.date(2021, 3, 8)
    plan.save()
    url = reverse("plans:plan-edit", args=[plan.id])
    page = _in(office_client, language).get(url).content.decode()
    assert 'value="2021-03-08"' in page  # what <input type="date"> can show
    response = office_client.post(url, form_data(page, "plan-form"))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.published_on == dt.date(2021, 3, 8)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_saving_the_task_unchanged_keeps_its_deadline(office_client, plan, language) -> None:
    task = plan.tasks.get(number=1)
    task.deadline = dt.date(2020, 6, 30)
    task.save()
    url = reverse("plans:task-edit", args=[plan.id, task.id])
    page = _in(office_client, language).get(url).content.decode()
    assert 'value="2020-06-30"' in page
    data = form_data(page, "task-form")
    assert data["lead_units"]  # the form is posted as the browser would
    response = office_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    task.refresh_from_db()
    assert task.deadline == dt.date(2020, 6, 30)
    assert task.assignments.filter(role="lead").exists()


@pytest.mark.parametrize(
    ("language", "typed"),
    [("zh-hans", "2020-12-31"), ("zh-hans", "2020/12/31"), ("en", "2020-12-31")],
)
def test_a_deadline_typed_in_iso_or_the_locale_is_read(plan, language, typed) -> None:
    from django.utils import translation

    from duban.plans.office_forms import TaskForm

    task = plan.tasks.get(number=2)
    with translation.override(language):
        form = TaskForm(instance=task, plan=plan)
        data = {k: v for k, v in form.initial.items() if v is not None}
        data |= {
            "deadline": typed,
            "content": task.content,
            "number": task.number,
            "reporting_cycle": task.reporting_cycle,
        }
        bound = TaskForm(data, instance=task, plan=plan)
        bound.is_valid()
    assert "deadline" not in bound.errors
    assert bound.cleaned_data["deadline"] == dt.date(2020, 12, 31)


def test_every_date_input_of_the_workspace_renders_iso() -> None:
    """A date or datetime field anywhere in the screens' forms must use the ISO widgets."""
    from django import forms

    from duban.disclosure import forms as disclosure_forms
    from duban.plans import forms as plan_forms
    from duban.plans import office_forms
    from duban.plans.widgets import IsoDateInput, IsoDateTimeInput
    from duban.reporting import forms as reporting_forms

    for module in (office_forms, plan_forms, reporting_forms, disclosure_forms):
        for name in dir(module):
            form = getattr(module, name)
            if not (isinstance(form, type) and issubclass(form, forms.BaseForm)):
                continue
            for field_name, field in form.base_fields.items():
                if isinstance(field, forms.DateTimeField):
                    assert isinstance(field.widget, IsoDateTimeInput), (name, field_name)
                elif isinstance(field, forms.DateField):
                    assert isinstance(field.widget, IsoDateInput), (name, field_name)


def test_the_office_corrects_a_completion_and_both_texts_are_kept(office_client, plan) -> None:
    from duban.plans.models import Source

    task = plan.tasks.get(number=2)
    before = task.completion
    url = reverse("plans:task-edit", args=[plan.id, task.id])
    page = office_client.get(url).content.decode()
    assert "全年完成情况" in page and before[:20] in page
    data = form_data(page, "task-form")
    data["completion"] = ["全年完成，已核实。"]
    assert office_client.post(url, data).status_code == 302
    task.refresh_from_db()
    assert task.completion == "全年完成，已核实。" and task.completion_source == Source.OFFICE
    assert task.history.filter(completion=before).exists()  # the earlier text is kept
    # A post without the field (a script, an older page) leaves the completion alone.
    del data["completion"]
    data["revision"] = [str(task.revision)]
    assert office_client.post(url, data).status_code == 302
    task.refresh_from_db()
    assert task.completion == "全年完成，已核实。"
