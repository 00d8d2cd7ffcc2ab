"""The plan: a government's key tasks for one year, with their units and numbers."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from duban.quantities.assessment import meets, met_adjusted


def _plain(value: Decimal) -> str:
    """Decimal without trailing zeros or exponent: 10.0000 -> 10, 111876.670000 -> 111876.67."""
    text = format(value.normalize(), "f")
    return text


class Unit(models.Model):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        COLLECTIVE = "collective", _("Collective (e.g. all street offices)")
        COMMAND = "command", _("Command post / committee")
        OTHER = "other", _("Other")

    # The government whose plans assign it, the same string as Plan.government: Kunming's
    # 市教育局 is not Chengdu's, and one site holds the plans of several governments.
    government = models.CharField(_("government"), max_length=100, blank=True, default="")
    name = models.CharField(_("name"), max_length=100)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["government", "name"], name="unit_name_per_government")
        ]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name


# Sent (sender: the model, plan_ids=) after a queryset's update(), bulk_update() or
# bulk_create() wrote plans or rows that belong to plans (PlanRowsQuerySet): those send no
# post_save, and what is derived from a plan (the public site's cached pages,
# disclosure/page_cache.py) must follow them as it follows save().
written_in_bulk = Signal()


class PlanRowsQuerySet(models.QuerySet[Any]):
    """A queryset whose writes in bulk say which plans they wrote (written_in_bulk).
    plan_field is the lookup from a row to its plan's id; plan_ids_of reads them of objects."""

    plan_field = "pk"

    def plan_ids_of(self, objs: list[Any]) -> Iterable[int | None]:
        return (obj.pk for obj in objs)

    def update(self, **kwargs: Any) -> int:
        plan_ids = set(self.values_list(self.plan_field, flat=True))
        done = super().update(**kwargs)
        self._written(plan_ids)
        return done

    def bulk_update(self, objs: Iterable[Any], fields: Any, batch_size: int | None = None) -> int:
        objs = list(objs)
        done = super().bulk_update(objs, fields, batch_size=batch_size)
        self._written(self.plan_ids_of(objs))
        return done

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        created = super().bulk_create(objs, *args, **kwargs)
        self._written(self.plan_ids_of(created))
        return created

    def _written(self, plan_ids: Iterable[int | None]) -> None:
        ids = sorted({i for i in plan_ids if i is not None})
        if ids:
            written_in_bulk.send(sender=self.model, plan_ids=ids)


class Plan(models.Model):
    government = models.CharField(_("government"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    # The title the imported document gave: a re-import of a corrected file finds the plan by
    # it after the office has renamed the plan (a second plan would split its tasks' work).
    document_title = models.CharField(max_length=200, blank=True, editable=False)
    caption = models.CharField(_("table caption"), max_length=200, blank=True)
    source_name = models.CharField(_("source document"), max_length=255, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Visible to the public on the site.")
    )
    requires_unit_approval = models.BooleanField(
        _("unit head approves reports"),
        default=False,
        help_text=_("Reports go to the unit head before they reach the office."),
    )
    due_day = models.PositiveSmallIntegerField(
        _("due day"),
        default=5,
        help_text=_("Reports are due on this day of the month after their period ends."),
    )
    warning_days = models.PositiveSmallIntegerField(
        _("warning window (days)"),
        default=3,
        help_text=_("A report due within this many days shows yellow and is reminded."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking of the settings: an edit names the revision it started from.
    revision = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()
    objects = PlanRowsQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "government", "title"]
        constraints = [
            models.UniqueConstraint(fields=["government", "year", "title"], name="plan_identity")
        ]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return self.title


class Category(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="category_name_per_plan")
        ]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class Source(models.TextChoices):
    """Who owns a row (or, for a figure, who wrote it). A re-import changes only what the
    document owns; what the office entered or a unit reported is never its to change."""

    DOCUMENT = "document", _("the imported document")
    OFFICE = "office", _("the office")
    REPORT = "report", _("a unit's report")
    # The government's completion list, imported into the plan it completes (duban import
    # --into): a re-import of the plan document keeps the completion and its figures.
    COMPLETION = "completion", _("the government's completion report")


class Status(models.TextChoices):
    """The year-end assessment of a task (docs/status-rules.md)."""

    EXCEEDED = "exceeded", _("Exceeded")
    COMPLETED = "completed", _("Completed")
    COMPLETED_AFTER_ADJUSTMENT = "completed_after_adjustment", _("Completed after adjustment")
    NOT_MET_AFTER_ADJUSTMENT = "not_met_after_adjustment", _("Not met after adjustment")
    PARTIAL = "partial", _("Partly completed")
    NOT_COMPLETED = "not_completed", _("Not completed")
    DELAYED = "delayed", _("Delayed")
    ONGOING = "ongoing", _("Ongoing")


KEPT = frozenset({Status.EXCEEDED, Status.COMPLETED, Status.COMPLETED_AFTER_ADJUSTMENT})
NOT_KEPT = frozenset(
    {Status.NOT_MET_AFTER_ADJUSTMENT, Status.PARTIAL, Status.NOT_COMPLETED, Status.DELAYED}
)
FLAG_LABELS = {
    "target_missed_after_adjustment": _("Missed even the adjusted target"),
    "claimed_done_but_numbers_short": _("Reported as done, but the figures fall short"),
    "no_figure_reported": _("A target with no figure reported"),
    "completed_by_document_claim": _("Completed on the strength of the report's overall claim"),
}


class Task(models.Model):
    class Cycle(models.TextChoices):
        MONTHLY = "month", _("Monthly")
        QUARTERLY = "quarter", _("Quarterly")
        HALF_YEARLY = "half", _("Half-yearly")
        YEAR_END = "year", _("Year-end")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    number = models.PositiveIntegerField(_("number"))
    content = models.TextField(_("content"))
    completion = models.TextField(_("completion"), blank=True)
    # A task the document brought may be removed by a later document (if no one worked on
    # it); one the office added is not the document's to remove. The completion is the
    # document's until an accepted year-end report replaces it (then REPORT).
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.OFFICE
    )
    completion_source = models.CharField(
        max_length=10, choices=Source.choices, default=Source.DOCUMENT
    )
    # The fields of a document's task the office changed by hand ("content", "category",
    # "units"): a re-import of the document leaves them as the office wrote them.
    office_fields = models.JSONField(default=list, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    reporting_cycle = models.CharField(
        _("reporting cycle"), max_length=10, choices=Cycle.choices, default=Cycle.MONTHLY
    )
    source_line = models.PositiveIntegerField(null=True, blank=True)
    extra = models.JSONField(_("other columns"), default=dict, blank=True)
    # The machine's proposal, from the numbers and words of the completion text.
    proposed_status = models.CharField(
        _("proposed status"), max_length=32, choices=Status.choices, blank=True
    )
    status_evidence = models.TextField(_("evidence"), blank=True)
    status_confidence = models.CharField(max_length=8, blank=True)
    flags = models.JSONField(_("discrepancies"), default=list, blank=True)
    # A person's decision; the proposal stays beside it. History records who and when.
    status = models.CharField(
        _("confirmed status"), max_length=32, choices=Status.choices, blank=True
    )
    status_note = models.TextField(_("note on the status"), blank=True)
    status_confirmed_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status_confirmed_at = models.DateTimeField(null=True, blank=True)
    units = models.ManyToManyField(Unit, through="Assignment", related_name="tasks")
    leader = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_tasks",
        verbose_name=_("responsible leader"),
    )
    # Optimistic locking: an edit names the revision it started from.
    revision = models.PositiveIntegerField(default=0, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Category, content, completion and unit names in one column, for full-text search
    # (an FTS5 trigram table on SQLite, a pg_trgm index on PostgreSQL). Derived: see search.py.
    search_text = models.TextField(blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["source_line", "search_text"])

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="task_number_per_plan")
        ]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return f"{self.number}. {self.content[:40]}"

    @property
    def effective_status(self) -> str:
        return self.status or self.proposed_status

    @property
    def effective_status_label(self) -> str:
        status = self.effective_status
        return str(Status(status).label) if status else ""

    @property
    def kept(self) -> bool | None:
        status = self.effective_status
        if status in KEPT:
            return True
        if status in NOT_KEPT:
            return False
        return None

    @property
    def flag_labels(self) -> list[str]:
        return [str(FLAG_LABELS.get(f, f)) for f in self.flags]

    def save_changed(self, wanted: dict[str, Any], reason: str) -> bool:
        """Set the fields that differ from wanted and save once, its history row saying why;
        whether any differed (nothing differing writes nothing, no history row)."""
        changed = [k for k, v in wanted.items() if getattr(self, k) != v]
        for key in changed:
            setattr(self, key, wanted[key])
        if changed:
            self._change_reason = reason
            self.save()
        return bool(changed)


class Assignment(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead unit")
        CO = "co", _("Co-unit")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(_("role"), max_length=4, choices=Role.choices, default=Role.LEAD)
    order = models.PositiveSmallIntegerField(default=0)
    # The name exactly as the source printed it (padding, truncation and all).
    printed_name = models.CharField(max_length=120, blank=True)
    history = HistoricalRecords()

    class Meta:
        # Lead units first: "lead" sorts after "co", so the role descends.
        ordering = ["task", "-role", "order"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit", "role"], name="assignment_once")
        ]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display()})"


class ShownIndicators(models.Manager["Indicator"]):
    """The indicators people see: not those the office removed from the document's reading."""

    def get_queryset(self) -> models.QuerySet[Indicator]:
        return super().get_queryset().filter(dismissed=False)


class Indicator(models.Model):
    class Comparator(models.TextChoices):
        AT_LEAST = ">=", _("at least")
        MORE_THAN = ">", _("more than")  # "超1.74万人", "3000余份": the reader's ">"
        AT_MOST = "<=", _("at most")
        EQUAL = "=", _("exactly")
        APPROX = "approx", _("about")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="indicators")
    metric = models.CharField(_("metric"), max_length=200)
    comparator = models.CharField(max_length=8, choices=Comparator.choices, default="=")
    target_value = models.DecimalField(_("target"), max_digits=20, decimal_places=4)
    unit = models.CharField(_("unit of measure"), max_length=30, blank=True)
    span = models.CharField(_("quoted text"), max_length=200, blank=True)
    # The figure the completion text reports for it, as printed, and in the target's unit.
    actual_value = models.DecimalField(
        _("actual"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    actual_unit = models.CharField(max_length=30, blank=True)
    actual_in_target_unit = models.DecimalField(
        max_digits=24, decimal_places=6, null=True, blank=True
    )
    actual_span = models.CharField(_("quoted actual"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    # DOCUMENT: a re-import updates the target in place (matched by metric, so the values
    # units reported against it stay) and may remove it if nothing hangs on it. The actual
    # is the document's until an accepted year-end report writes it (REPORT).
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.OFFICE
    )
    actual_source = models.CharField(max_length=10, choices=Source.choices, default=Source.DOCUMENT)
    # A target read from the document that the office removed: kept, hidden, so that a
    # re-import of the same file does not bring it back (numbers.sync sees it through
    # all_objects; everything else, through objects and task.indicators, does not).
    dismissed = models.BooleanField(default=False)
    history = HistoricalRecords()

    all_objects = models.Manager()
    objects = ShownIndicators()

    class Meta:
        default_manager_name = "objects"
        ordering = ["task", "order", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.metric} {self.comparator} {self.target_value}{self.unit}"

    @property
    def target_text(self) -> str:
        """ "≥10万平方米", ">1.74万人", "≤1.5%", "约6%", "15部": compact, and the same in every
        language."""
        # ">": "超1.74万人" is more than 1.74万人, not 1.74万人 exactly (which "" says).
        sign = {">=": "≥", ">": ">", "<=": "≤", "approx": "约"}.get(self.comparator, "")
        return f"{sign}{_plain(self.target_value)}{self.unit}"

    @property
    def actual_text(self) -> str:
        if self.actual_value is None:
            return ""
        return f"{_plain(self.actual_value)}{self.actual_unit}"

    @property
    def adjusted_to(self) -> str:
        """The target as last adjusted (the office's record, "500万元 → 300万元"), or "".
        Reads the prefetched adjustments where they are (snapshot_rows, the API)."""
        adjustments = list(self.adjustments.all())  # the last recorded: ids, not dates
        return max(adjustments, key=lambda a: a.pk).to_text if adjustments else ""

    @property
    def met(self) -> bool | None:
        """Met, against the target as adjusted if it was: a promise of 500 adjusted to 300
        with the People's Congress's approval is kept at 350. An adjusted target that is no
        figure the actual compares with says nothing (None), not the original's verdict."""
        if self.actual_in_target_unit is None:
            return None
        if to := self.adjusted_to:
            return met_adjusted(to, self.actual_in_target_unit, self.unit)
        met, _above = meets(
            self.comparator, self.target_value, self.unit, self.actual_in_target_unit
        )
        return met


class TargetAdjustment(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="adjustments")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="adjustments"
    )
    from_text = models.CharField(_("from"), max_length=200)
    to_text = models.CharField(_("to"), max_length=200)
    approving_body = models.CharField(_("approving body"), max_length=200, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    document = models.CharField(
        _("document"),
        max_length=200,
        blank=True,
        help_text=_("The resolution or letter that approved it."),
    )
    reason = models.TextField(_("reason"), blank=True)
    # DOCUMENT: read from the completion text, rewritten by a re-import; OFFICE: recorded or
    # granted by the office, which no import touches.
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.OFFICE
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["task", "approved_on", "id"]
        verbose_name = _("target adjustment")
        verbose_name_plural = _("target adjustments")

    def __str__(self) -> str:
        return f"{self.from_text} → {self.to_text}"


class PendingUpload(models.Model):
    """A file the office uploaded and is previewing; imported on confirmation, then deleted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=255)
    data = models.BinaryField()
    government = models.CharField(max_length=100, blank=True)
    all_tables = models.BooleanField(default=False)
    public = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name
