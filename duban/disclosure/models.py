"""Publications: what the public sees is a snapshot the office published, not live data.

Later edits stay invisible until the next publication; every publication is kept, and two of
them can be compared task by task.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from duban.plans.models import PlanRowsQuerySet


class PublicationQuerySet(PlanRowsQuerySet):
    plan_field = "plan_id"

    def plan_ids_of(self, objs: list[Any]) -> Iterable[int | None]:
        return (obj.plan_id for obj in objs)


class PublishedTaskQuerySet(PlanRowsQuerySet):
    plan_field = "publication__plan_id"

    def plan_ids_of(self, objs: list[Any]) -> Iterable[int | None]:
        ids = {obj.publication_id for obj in objs}
        return Publication.objects.filter(pk__in=ids).values_list("plan_id", flat=True)


class Publication(models.Model):
    class Kind(models.TextChoices):
        MID_YEAR = "mid_year", _("Mid-year progress")
        YEAR_END = "year_end", _("Year-end completion")
        IMPORTED = "imported", _("As published by the government")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="publications")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    note = models.TextField(_("note"), blank=True)
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    task_count = models.PositiveIntegerField(default=0)
    # The plan's title and caption as published: an edit shows only with the next publication.
    title = models.CharField(_("title"), max_length=200, blank=True)
    caption = models.CharField(_("table caption"), max_length=200, blank=True)
    # Per lead unit, as of publishing: {"区发展改革委": {"late": 2, "returned": 1}} — the
    # dashboard's scorecards read this, not the live reports. None: published before duban
    # recorded them ({} is a publication with nothing late or returned).
    unit_reports = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-published_at", "-id"]
        get_latest_by = ["published_at", "id"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return f"{self.plan} · {self.get_kind_display()} · {self.published_at:%Y-%m-%d}"


CONFIRMED = "督查室确认"
PROPOSED = "机器初判"
CONFIDENCE = {"high": "置信度高", "low": "置信度低"}


def status_basis(status: str, confirmed: bool, confidence: str) -> str:
    """ "督查室确认", "机器初判，置信度低", or "" for no status."""
    if not status:
        return ""
    if confirmed:
        return CONFIRMED
    said = CONFIDENCE.get(confidence)
    return f"{PROPOSED}，{said}" if said else PROPOSED


class PlainJSONEncoder(DjangoJSONEncoder):
    """Chinese as itself, not as \\uXXXX escapes: a published task's reports are mostly
    Chinese text, and escaping doubles their size on SQLite (PostgreSQL's jsonb is unaffected)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


class PublishedTask(models.Model):
    """One task as it stood when the plan was published."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="tasks")
    number = models.PositiveIntegerField()
    category = models.CharField(max_length=200, blank=True)
    category_order = models.PositiveIntegerField(default=0)
    content = models.TextField()
    completion = models.TextField(blank=True)
    lead_units = models.JSONField(default=list, encoder=PlainJSONEncoder)
    co_units = models.JSONField(default=list, encoder=PlainJSONEncoder)
    status = models.CharField(max_length=32, blank=True)
    status_confirmed = models.BooleanField(default=False)
    # The machine's confidence in a status the office has not confirmed: high or low.
    status_confidence = models.CharField(max_length=8, blank=True)
    status_evidence = models.TextField(blank=True)
    flags = models.JSONField(default=list, encoder=PlainJSONEncoder)
    # [{metric, target, actual, met, span, …}]
    indicators = models.JSONField(default=list, encoder=PlainJSONEncoder)
    adjustments = models.JSONField(default=list, encoder=PlainJSONEncoder)
    # accepted reports: [{period, unit, text, …}]
    reports = models.JSONField(default=list, encoder=PlainJSONEncoder)
    deadline = models.DateField(null=True, blank=True)
    search_text = models.TextField(blank=True)

    objects = PublishedTaskQuerySet.as_manager()

    class Meta:
        ordering = ["publication", "number"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "number"], name="published_once")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.content[:40]}"

    @property
    def status_basis(self) -> str:
        """Who says so, in the words every surface prints: 督查室确认, or 机器初判 with its
        confidence (Chinese in every language: it is part of the published record)."""
        return status_basis(self.status, self.status_confirmed, self.status_confidence)

    @property
    def kept(self) -> bool | None:
        from duban.plans.models import KEPT, NOT_KEPT

        if self.status in KEPT:
            return True
        if self.status in NOT_KEPT:
            return False
        return None
