"""The Python widget writer (duban/form_renderer.py) writes what Django's templates write."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe

from duban.form_renderer import FastWidgets


class Everything(forms.Form):
    text = forms.CharField(initial='a "quoted" <b>&amp; value', help_text="x")
    empty = forms.CharField(required=False)
    safe = forms.CharField(initial=mark_safe("<i>safe</i>"))
    number = forms.IntegerField(initial=12345)
    money = forms.DecimalField(initial=Decimal("1234.50"))
    day = forms.DateField(initial=datetime.date(2020, 3, 8))
    moment = forms.DateTimeField(initial=datetime.datetime(2020, 3, 8, 9, 30, tzinfo=datetime.UTC))
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), initial="pw")
    hidden = forms.CharField(widget=forms.HiddenInput, initial=0)
    mail = forms.EmailField(initial="a@b.cn")
    checked = forms.BooleanField(initial=True)
    unchecked = forms.BooleanField(required=False)
    words = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), initial="line 1\n<2>")
    no_words = forms.CharField(widget=forms.Textarea, required=False)
    pick = forms.ChoiceField(
        choices=[("", "—"), ("a", "A & B"), (3, 3), ("d", mark_safe("<em>d</em>"))], initial=3
    )
    groups = forms.ChoiceField(
        choices=[("", "none"), ("组一", [("1", "一"), ("2", "二")]), ("x", "x")], initial="2"
    )
    many = forms.MultipleChoiceField(
        choices=[("1", "one"), ("2", "two"), ("3", "three")], initial=["1", "3"]
    )
    radio = forms.ChoiceField(widget=forms.RadioSelect, choices=[("a", "A")])
    boxes = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, choices=[("a", "A")])
    attrs = forms.CharField(
        widget=forms.TextInput(
            attrs={"disabled": True, "hidden": False, "data-n": 5, "placeholder": "e.g. <电梯>"}
        )
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("bound", [False, True])
def test_every_widget_renders_as_django_renders_it(language, bound):
    data = {"text": "<posted>", "number": "x", "many": ["2"], "checked": "on", "groups": "1"}
    with translation.override(language):
        django_form = Everything(data if bound else None, renderer=DjangoTemplates())
        fast_form = Everything(data if bound else None, renderer=FastWidgets())
        for name in Everything.base_fields:
            assert str(fast_form[name]) == str(django_form[name]), name
        assert str(fast_form) == str(django_form)


def test_the_office_task_page_is_the_same_with_either_renderer(office_client, plan, settings):
    task = plan.tasks.first()
    url = f"/office/plans/{plan.id}/tasks/{task.id}/"
    fast = office_client.get(url).content.decode()
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"
    from django.forms.renderers import get_default_renderer

    get_default_renderer.cache_clear()
    try:
        slow = office_client.get(url).content.decode()
    finally:
        get_default_renderer.cache_clear()
    strip = __import__("re").compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    assert strip.sub("", fast) == strip.sub("", slow)
    assert "<select" in fast and "<textarea" in fast


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("bound", [False, True])
def test_a_field_row_is_the_office_field_template(language, bound, plan) -> None:
    from django.template import Context, Template

    from duban.plans.office_forms import TaskForm

    include = Template('{% include "plans/_field.html" with field=f extra=x %}')
    tag = Template("{% load duban_tags %}{% field_row f x %}")
    data = {"number": "x", "content": "", "deadline": "2020/13/40", "lead_units": ["<b>"]}
    task = plan.tasks.order_by("number").first()
    with translation.override(language):
        form = TaskForm(data if bound else None, instance=task, plan=plan)
        fields = [*Everything(), *form, ""]  # "": a field the form does not have
        assert any(f.errors for f in form) == bound and any(f.help_text for f in fields)
        for field in fields:
            for extra in ("", "ind-small", '<"x">'):
                context = {"f": field, "x": extra}
                expected = include.render(Context(context))
                assert tag.render(Context(context)) == expected, (field, extra)
