"""What a government's completion list said of each task of the plan it completes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duban.plans.models import Plan, Task
from duban.reporting.periods import YEAR_END_SUFFIX


class CompletionImport(models.Model):
    """One completion document imported into a plan: which, when, by whom."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="completion_imports")
    source_name = models.CharField(_("source document"), max_length=255)
    sha256 = models.CharField(max_length=64)
    title = models.CharField(_("title"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    document_claim = models.CharField(_("the document's claim"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The items no task took: [{"seq", "number", "text", "line"}], for the office to see.
    left_over = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("completion report")
        verbose_name_plural = _("completion reports")

    def __str__(self) -> str:
        return self.title or self.source_name


class Outcome(models.Model):
    """What the completion document says of one task: its item(s), or nothing at all."""

    class State(models.TextChoices):
        REPORTED = "reported", _("Reported on")
        NOT_REPORTED = "not_reported", _("Not reported on by the government")

    class Choice(models.TextChoices):
        NONE = "", _("No choice needed")
        PENDING = "pending", _("The office chooses")
        DOCUMENT = "document", _("The government's completion report")
        REPORT = "report", _("The unit's year-end report")

    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="outcome")
    completion_import = models.ForeignKey(
        CompletionImport, on_delete=models.CASCADE, related_name="outcomes"
    )
    state = models.CharField(_("state"), max_length=16, choices=State.choices)
    text = models.TextField(_("completion item"), blank=True)
    # [{"seq", "number", "line", "score", "how", "reason"}]: the items, in the list's order.
    items = models.JSONField(default=list, blank=True)
    score = models.FloatField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    paired_by_office = models.BooleanField(default=False)
    # Where a unit's accepted year-end report wrote the task's completion, the document's is
    # kept here beside it and the office chooses which one stands.
    choice = models.CharField(max_length=10, choices=Choice.choices, blank=True, default="")

    class Meta:
        ordering = ["task__number"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return f"{self.task.number}: {self.get_state_display()}"

    @property
    def report_text(self) -> str:
        """The completion of the unit's accepted year-end report, beside the document's."""
        from duban.reporting.models import ProgressReport

        report = (
            ProgressReport.objects.filter(
                task=self.task,
                period__endswith=YEAR_END_SUFFIX,
                state=ProgressReport.State.ACCEPTED,
            )
            .order_by("-accepted_at")
            .first()
        )
        return report.text if report else ""

    @property
    def item_labels(self) -> str:
        return "、".join(str(i.get("number") or i["seq"]) for i in self.items)


class PublishedOutcome(models.Model):
    """A task's outcome as it stood when the plan was published: what the public sees beside
    the published task (promise and result)."""

    publication = models.ForeignKey(
        "disclosure.Publication", on_delete=models.CASCADE, related_name="outcomes"
    )
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=16, choices=Outcome.State.choices)
    text = models.TextField(blank=True)
    item_labels = models.CharField(max_length=100, blank=True)
    source_name = models.CharField(max_length=255, blank=True)
    document_title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["publication", "number"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "number"], name="published_outcome_once")
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.state}"
