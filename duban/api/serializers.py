"""What the API shows of each object. Writes go through the services, never serializer.save()."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from duban.accounts.models import User
from duban.disclosure.models import Publication
from duban.plans.models import (
    Assignment,
    Category,
    Indicator,
    Plan,
    Status,
    TargetAdjustment,
    Task,
    Unit,
)
from duban.plans.services import YEARS
from duban.reporting.models import Instruction, ProgressReport, Request

# Ids and numbers fit the database's 64-bit integers (and JavaScript's exact range).
MAX_ID = 2**53


def _id(**kwargs: object) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)  # type: ignore[arg-type]


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "government", "name", "aliases", "kind"]


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = [
            "id",
            "government",
            "year",
            "title",
            "caption",
            "published_on",
            "is_public",
            "requires_unit_approval",
            "due_day",
            "warning_days",
        ]
        read_only_fields = ["is_public"]
        extra_kwargs = {
            "year": {"min_value": YEARS[0], "max_value": YEARS[1]},
            "due_day": {"min_value": 1, "max_value": 31},
            "warning_days": {"min_value": 0, "max_value": 366},
        }


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "plan", "name", "order"]


class IndicatorSerializer(serializers.ModelSerializer):
    met = serializers.BooleanField(read_only=True, allow_null=True)
    adjusted_to = serializers.CharField(read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "task",
            "metric",
            "comparator",
            "target_value",
            "unit",
            "span",
            "actual_value",
            "actual_unit",
            "actual_in_target_unit",
            "actual_span",
            "adjusted_to",
            "met",
        ]


class AdjustmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetAdjustment
        fields = [
            "id",
            "task",
            "from_text",
            "to_text",
            "approving_body",
            "approved_on",
            "document",
            "reason",
        ]


class TaskSerializer(serializers.ModelSerializer):
    lead_units = serializers.SerializerMethodField()
    co_units = serializers.SerializerMethodField()
    category_name = serializers.CharField(
        source="category.name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Task
        fields = [
            "id",
            "plan",
            "number",
            "category",
            "category_name",
            "content",
            "completion",
            "deadline",
            "reporting_cycle",
            "leader",
            "lead_units",
            "co_units",
            "proposed_status",
            "status",
            "status_evidence",
            "status_confidence",
            "flags",
            "closed_at",
            "extra",
            "revision",
        ]

    def get_lead_units(self, task: Task) -> list[int]:
        return [a.unit_id for a in task.assignments.all() if a.role == Assignment.Role.LEAD]

    def get_co_units(self, task: Task) -> list[int]:
        return [a.unit_id for a in task.assignments.all() if a.role == Assignment.Role.CO]


class TaskWriteSerializer(serializers.Serializer):
    """Office edits of a task; assignments given as unit ids."""

    number = serializers.IntegerField(min_value=1, max_value=10**6, required=False)
    category = serializers.PrimaryKeyRelatedField(
        queryset=Category.objects.all(), allow_null=True, required=False
    )
    content = serializers.CharField(required=False, max_length=20000)
    deadline = serializers.DateField(allow_null=True, required=False)
    reporting_cycle = serializers.ChoiceField(choices=Task.Cycle.choices, required=False)
    leader = _id(allow_null=True, required=False)
    lead_units = serializers.ListField(child=_id(), required=False, max_length=50)
    co_units = serializers.ListField(child=_id(), required=False, max_length=50)
    revision = serializers.IntegerField(
        min_value=0,
        max_value=MAX_ID,
        required=False,
        allow_null=True,
        help_text="The revision the edit started from (as read); a stale one is refused: 409.",
    )

    def validate_leader(self, value: int | None) -> int | None:
        if value is not None and not User.objects.filter(pk=value, role=User.Role.LEADER).exists():
            raise serializers.ValidationError(_("Not a leader."))
        return value

    def _units(self, ids: list[int]) -> list[int]:
        missing = set(ids) - set(Unit.objects.filter(pk__in=ids).values_list("pk", flat=True))
        if missing:
            raise serializers.ValidationError(
                _("No such unit: %(ids)s") % {"ids": ", ".join(map(str, sorted(missing)))}
            )
        return ids

    def validate_lead_units(self, value: list[int]) -> list[int]:
        return self._units(value)

    def validate_co_units(self, value: list[int]) -> list[int]:
        return self._units(value)

    def to_representation(self, task: Task) -> dict[str, Any]:
        """A task as this serializer would write it (the browsable API's PATCH form)."""
        roles = list(task.assignments.values_list("unit_id", "role"))
        return {
            "number": task.number,
            "category": task.category_id,
            "content": task.content,
            "deadline": task.deadline.isoformat() if task.deadline else None,
            "reporting_cycle": task.reporting_cycle,
            "leader": task.leader_id,
            "lead_units": [u for u, r in roles if r == Assignment.Role.LEAD],
            "co_units": [u for u, r in roles if r == Assignment.Role.CO],
            "revision": task.revision,
        }


class ReportSerializer(serializers.ModelSerializer):
    values = serializers.SerializerMethodField()

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "task",
            "unit",
            "period",
            "text",
            "state",
            "version",
            "revision",
            "review_comment",
            "submitted_at",
            "accepted_at",
            "values",
        ]

    def get_values(self, report: ProgressReport) -> dict[str, str]:
        return {str(v.indicator_id): str(v.value) for v in report.values.all()}


class ReportWriteSerializer(serializers.Serializer):
    task = _id()
    period = serializers.CharField(max_length=10)
    text = serializers.CharField(max_length=20000)
    values = serializers.DictField(
        child=serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True),
        required=False,
    )
    revision = serializers.IntegerField(
        min_value=0, max_value=MAX_ID, required=False, allow_null=True
    )


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=2000)


class InstructionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Instruction
        fields = [
            "id",
            "task",
            "leader",
            "text",
            "created_at",
            "acknowledged_at",
            "answer",
            "answered_at",
        ]
        read_only_fields = ["leader", "created_at", "acknowledged_at", "answer", "answered_at"]


class TextSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=4000, allow_blank=True)


class RequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = Request
        fields = [
            "id",
            "task",
            "unit",
            "kind",
            "reason",
            "new_deadline",
            "proposed_target",
            "state",
            "created_at",
            "decided_at",
            "decision_note",
        ]
        read_only_fields = ["unit", "state", "created_at", "decided_at", "decision_note"]


class DecisionSerializer(serializers.Serializer):
    grant = serializers.BooleanField()
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    approving_body = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class PublicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publication
        fields = ["id", "plan", "kind", "note", "published_at", "task_count"]


class PublishSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[Publication.Kind.MID_YEAR, Publication.Kind.YEAR_END])
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField()
    government = serializers.CharField(max_length=100, required=False, allow_blank=True)
    public = serializers.BooleanField(required=False, default=False)
    all_tables = serializers.BooleanField(required=False, default=False)
    list = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=999,
        help_text="The list of a long report to import (1, 2 … in document order, as "
        "`duban parse --all` shows); by default its completion list, else its plan.",
    )


class ImportResultSerializer(serializers.Serializer):
    plan = serializers.IntegerField(source="plan.id")
    title = serializers.CharField(source="plan.title")
    plan_created = serializers.BooleanField()
    rows = serializers.IntegerField()
    tasks_created = serializers.IntegerField()
    tasks_updated = serializers.IntegerField()
    tasks_unchanged = serializers.IntegerField()
    tasks_removed = serializers.IntegerField()
    units_created = serializers.IntegerField()
    warnings = serializers.ListField(child=serializers.CharField())
