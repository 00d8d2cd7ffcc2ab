"""Progress reports: what a unit says about a task for one period, and its review."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from duban.quantities.typed import plain


class ReportQuerySet(models.QuerySet["ProgressReport"]):
    def in_review_queue(self) -> ReportQuerySet:
        """Submitted reports, waiting for the office. The condition is written into the SQL
        rather than bound as a parameter: SQLite uses a partial index (report_queue) only
        when it can see that the query's condition is the index's (PostgreSQL either way)."""
        table = self.model._meta.db_table
        # No user input: the table name is the model's, the value a constant. extra() clones
        # this queryset; the stubs say QuerySet[Any] because a select= could add columns.
        queue = self.extra(where=[f'"{table}"."state" = \'submitted\''])  # noqa: S610
        return cast(ReportQuerySet, queue)


class ProgressReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Awaiting the unit head")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")

    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("plans.Unit", on_delete=models.PROTECT, related_name="reports")
    # "2020-03" (month), "2020-Q1", "2020-H1", "2020-Y" (year-end).
    period = models.CharField(_("period"), max_length=10)
    text = models.TextField(_("progress"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    version = models.PositiveSmallIntegerField(default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Not a column: the names of the files save_draft did not store again, their content
    # being attached to this report already (for the page to say so).
    repeated_files: tuple[str, ...] = ()
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    # Optimistic locking: a save names the revision it started from (issue: nothing lost).
    revision = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["task", "period", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "unit", "period", "version"], name="report_version_once"
            )
        ]
        # The office's review queue: submitted reports, oldest first, among millions. Partial,
        # so that no other query is tempted by an index on a column of five values.
        indexes = [
            models.Index(
                fields=["submitted_at"], name="report_queue", condition=models.Q(state="submitted")
            )
        ]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        return f"{self.task} · {self.unit} · {self.period}"


class IndicatorValue(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    # RESTRICT: an indicator with a reported value cannot be deleted on its own (a re-import
    # must keep it); deleting the whole task or report still takes the value with it.
    indicator = models.ForeignKey(
        "plans.Indicator", on_delete=models.RESTRICT, related_name="values"
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_report")
        ]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self) -> str:
        return f"{self.indicator.metric}: {self.value}"

    @property
    def value_text(self) -> str:
        """150, 0.94: as typed, never 150.0000 or 1.5E+2."""
        return plain(self.value)


def attachment_path(instance: ReportAttachment, filename: str) -> str:
    return f"reports/{instance.report.task.plan_id}/{instance.report_id}/{filename}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=attachment_path)
    name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    # The content's SHA-256: the same file chosen again for the same report is kept once.
    # Blank on rows older than the column (their stored file is read when a size matches).
    sha256 = models.CharField(max_length=64, blank=True, default="")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.name


class Reminder(models.Model):
    """One reminder (催办) for one report period at one level; the constraint makes sure that
    two job workers never send the same one twice."""

    class Level(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        ESCALATED = "escalated", _("Overdue, escalated to the unit head and the office")
        MANUAL = "manual", _("Sent by the office")

    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey("plans.Unit", on_delete=models.CASCADE, related_name="reminders")
    period = models.CharField(max_length=10)
    level = models.CharField(max_length=12, choices=Level.choices)
    recipients = models.TextField(blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)
    text = models.CharField(max_length=300, blank=True)  # what it said: "3月进展已逾期"
    # The office clerk who pressed 催办 (none: the daily job).
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "unit", "period", "level"], name="reminder_once_per_level"
            )
        ]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self) -> str:
        return f"{self.task} · {self.unit} · {self.period} · {self.level}"


class Notification(models.Model):
    """In-app notice: a return, an instruction, a reminder, a decision."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text


class Instruction(models.Model):
    """A leader's instruction (批示) on a task, which the lead unit acknowledges and answers."""

    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="instructions")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="instructions"
    )
    text = models.TextField(_("instruction"))
    created_at = models.DateTimeField(auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:40]


class Request(models.Model):
    """A unit's request: more time (延期申请), or a different target (调整)."""

    class Kind(models.TextChoices):
        EXTENSION = "extension", _("Extension")
        ADJUSTMENT = "adjustment", _("Target adjustment")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="requests")
    unit = models.ForeignKey("plans.Unit", on_delete=models.PROTECT, related_name="requests")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    reason = models.TextField(_("reason"))
    new_deadline = models.DateField(_("new deadline"), null=True, blank=True)
    proposed_target = models.CharField(_("proposed target"), max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.task}"


class TaskLight(models.Model):
    """A task's warning light and its reasons as computed on a day (lights.py): stored, so
    that a plan's list reads one row per task. The services and the signals forget a light
    (computed_on = NULL) when what it depends on changes; a light of an earlier day is
    computed again when next read."""

    task = models.OneToOneField(
        "plans.Task", on_delete=models.CASCADE, primary_key=True, related_name="light"
    )
    colour = models.CharField(max_length=8)
    rank = models.PositiveSmallIntegerField(default=0)  # red 0, yellow 1, green 2, done 3
    reasons = models.JSONField(default=list)
    computed_on = models.DateField(null=True)

    def __str__(self) -> str:
        return f"{self.task_id}: {self.colour}"


class Milestone(models.Model):
    """A dated step of a task (节点): "6月底前完成招标". Entered by the office, or read from
    the task's text; a milestone passed and not done turns the light red."""

    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="milestones")
    due = models.DateField(_("due"))
    text = models.CharField(_("milestone"), max_length=200)
    done = models.BooleanField(_("done"), default=False)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    # DOCUMENT: read from the task's text (the office may still edit it; then OFFICE).
    source = models.CharField(max_length=10, default="office")
    history = HistoricalRecords()

    class Meta:
        ordering = ["task", "due", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.due:%Y-%m-%d} {self.text}"


class Channel(models.Model):
    """A unit's group robot (群机器人) that reminders are also posted to: WeCom (企业微信, a
    webhook URL with its key) or DingTalk (钉钉, a webhook URL with its access token, and the
    signing secret of its 加签 security setting). Mail goes to the unit's people anyway."""

    class Kind(models.TextChoices):
        WECOM = "wecom", _("WeCom group robot")
        DINGTALK = "dingtalk", _("DingTalk group robot")

    unit = models.ForeignKey("plans.Unit", on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    url = models.URLField(_("webhook address"), max_length=500)
    secret = models.CharField(_("signing secret"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "kind", "id"]
        constraints = [models.UniqueConstraint(fields=["unit", "url"], name="channel_once")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_kind_display()}"


class Delivery(models.Model):
    """One reminder posted to one channel: tried by the job worker until it goes (or gives
    up after a few attempts); each attempt's outcome is kept."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.ForeignKey(Channel, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(max_length=10)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state"], name="delivery_state")]

    def __str__(self) -> str:
        return f"{self.reminder_id} · {self.kind} · {self.state}"
