"""The REST API: the same access layer and the same services as the screens.

Reads go through plans.access / reporting.access; every change calls one service function,
which checks permission (a refusal is a 403), runs in a transaction and leaves history.
The public reads only what was published (plans, publications, open data).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, Prefetch, Q, QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request as ApiRequest
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView, exception_handler

from duban.accounts.models import User
from duban.disclosure import exports
from duban.disclosure.models import Publication
from duban.disclosure.services import latest_public, publish
from duban.documents import ParseError, check_size
from duban.plans import search
from duban.plans import services as plan_services
from duban.plans.access import (
    get_plan_for_user,
    is_office,
    require,
    unit_of,
    visible_plans,
    visible_tasks,
)
from duban.plans.importing import ImportRefused, import_file
from duban.plans.models import Assignment, Category, Indicator, TargetAdjustment, Task, Unit
from duban.reporting import services
from duban.reporting.access import (
    get_report_for_user,
    instructions_for_user,
    reports_for_user,
    requests_for_user,
)
from duban.reporting.models import Instruction, ProgressReport, Request

from . import serializers as s
from .preconditions import ETAG_HEADER, IF_MATCH, STALE, etag, if_match, stale_response

M = TypeVar("M", bound=Model)


def handle_errors(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Django's ValidationError and the readers' errors are the client's mistakes: 400."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = ValidationError(detail)
    elif isinstance(exc, ParseError | ImportRefused):
        exc = ValidationError({"file": [str(exc)]})
    return exception_handler(exc, context)


def _int(value: str | None) -> int | None:
    """A query parameter or key that is an id: a whole number the database can hold."""
    if value in (None, ""):
        return None
    try:
        number = int(str(value))
    except ValueError:
        raise ValidationError({"detail": f"not a number: {value}"}) from None
    if not 0 < number <= s.MAX_ID:
        raise ValidationError({"detail": f"out of range: {value}"})
    return number


def _actor(request: ApiRequest) -> User:
    """The account making a change. An anonymous one goes no further (403): the views that
    let one in (the public reads of plans) refuse it every change."""
    if not isinstance(request.user, User):
        raise PermissionDenied("Only a signed-in account makes changes.")
    return request.user


# A client that retries a POST it got no answer to (a lost connection) sends the same key:
# the change is made once and the retry answers with what the first made, as a form sent
# twice does (duban.audit.log.once).
IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description="Any string up to 100 characters, new for each change the client means; "
    "a POST repeated with it makes the change once and answers with the first result.",
)


def _idempotency_key(request: ApiRequest) -> str:
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > 100 or not key.isprintable():
        raise ValidationError({"Idempotency-Key": "at most 100 printable characters"})
    return key


def _of(request: ApiRequest, rows: QuerySet[M], parent: str, *order: str) -> QuerySet[M]:
    """The rows of one plan or task when the query names it (?plan=, ?task=), in order."""
    value = _int(request.query_params.get(parent))
    return (rows.filter(**{f"{parent}_id": value}) if value is not None else rows).order_by(*order)


class Authenticated(permissions.IsAuthenticated):
    pass


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Units, each of one government: ?government= one government's, ?plan= those of the
    plan's government. A unit's people list their own government's only."""

    serializer_class = s.UnitSerializer
    permission_classes = [Authenticated]

    def get_queryset(self) -> QuerySet[Any]:
        rows = Unit.objects.order_by("government", "name")
        params = self.request.query_params
        if (own := unit_of(self.request.user)) is not None:
            rows = rows.filter(government=Unit.objects.filter(pk=own).values("government")[:1])
        if (government := params.get("government")) is not None:
            rows = rows.filter(government=government)
        if (plan := _int(params.get("plan"))) is not None:
            plans = visible_plans(self.request.user).filter(pk=plan)
            rows = rows.filter(government__in=plans.values("government"))
        return rows


class PlanViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Plans: the public lists published ones; the office creates and edits."""

    serializer_class = s.PlanSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self) -> QuerySet[Any]:
        return visible_plans(self.request.user).order_by("-year", "title")

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        serializer.instance = plan_services.save_plan(
            _actor(self.request), None, serializer.validated_data
        )

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        serializer.instance = plan_services.save_plan(
            _actor(self.request), serializer.instance, serializer.validated_data
        )

    @extend_schema(
        request=s.PublishSerializer, responses=s.PublicationSerializer, parameters=[IDEMPOTENCY]
    )
    @action(detail=True, methods=["post"])
    def publish(self, request: ApiRequest, pk: str | None = None) -> Response:
        plan = self.get_object()
        data = s.PublishSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        require(is_office(request.user), "Only the supervision office publishes.")
        publication = publish(
            plan,
            _actor(request),
            data.validated_data["kind"],
            data.validated_data["note"],
            once_token=_idempotency_key(request),
        )
        return Response(s.PublicationSerializer(publication).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"], url_path="open-data")
    def open_data(self, request: ApiRequest, pk: str | None = None) -> Response:
        """The latest publication as open data (docs/open-data.md)."""
        plan = self.get_object()
        publication = latest_public(plan)
        if publication is None:
            raise Http404("not published")
        return Response(exports.open_data(plan, publication))


class PublicationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.PublicationSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self) -> QuerySet[Publication]:
        rows = Publication.objects.filter(plan__in=visible_plans(self.request.user))
        return _of(self.request, rows, "plan", "-published_at", "-id")


class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.CategorySerializer
    permission_classes = [Authenticated]

    def get_queryset(self) -> QuerySet[Category]:
        rows = Category.objects.filter(plan__in=visible_plans(self.request.user))
        return _of(self.request, rows, "plan", "plan", "order")


class TaskViewSet(viewsets.ModelViewSet):
    """Live tasks, as the person may see them (the public reads publications instead).

    Filters: plan, category, unit, status, q (full-text), closed.
    """

    permission_classes = [Authenticated]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self) -> type:
        return (
            s.TaskWriteSerializer
            if self.action in ("create", "partial_update")
            else s.TaskSerializer
        )

    def get_queryset(self) -> QuerySet[Task]:
        rows = (
            visible_tasks(self.request.user)
            .select_related("category")
            .prefetch_related(
                Prefetch("assignments", queryset=Assignment.objects.order_by("role", "order"))
            )
        )
        q = self.request.query_params
        if (plan := _int(q.get("plan"))) is not None:
            rows = rows.filter(plan_id=plan)
        if (category := _int(q.get("category"))) is not None:
            rows = rows.filter(category_id=category)
        if (unit := _int(q.get("unit"))) is not None:
            rows = rows.filter(assignments__unit_id=unit)
        if q.get("status"):
            rows = rows.filter(Q(status=q["status"]) | Q(status="", proposed_status=q["status"]))
        if q.get("q"):
            rows = search.filter_tasks(rows, q["q"])
        return rows.order_by("plan", "number").distinct()

    def _save(self, task: Task | None, plan_id: int | None) -> Response:
        data = s.TaskWriteSerializer(data=self.request.data, partial=task is not None)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        require(is_office(self.request.user), "Only the supervision office edits tasks.")
        in_body = fields.pop("revision", None)
        if task is None:
            in_body = None  # a new task has no revision to be stale
        in_header = if_match(self.request, task.revision) if task else None
        plan = task.plan if task else get_plan_for_user(self.request.user, plan_id or 0)
        lead_ids = fields.pop("lead_units", None)
        co_ids = fields.pop("co_units", None)
        if "leader" in fields:
            leader = fields.pop("leader")
            fields["leader"] = (
                User.objects.filter(pk=leader, role=User.Role.LEADER).first() if leader else None
            )
        current = list(task.assignments.all()) if task else []
        lead = (
            list(Unit.objects.filter(pk__in=lead_ids))
            if lead_ids is not None
            else [a.unit for a in current if a.role == Assignment.Role.LEAD]
        )
        co = (
            list(Unit.objects.filter(pk__in=co_ids))
            if co_ids is not None
            else [a.unit for a in current if a.role == Assignment.Role.CO]
        )
        # A stale If-Match is a 412; else the body's revision (409 when stale) is checked.
        from_header = (
            task is not None
            and in_header is not None
            and (in_body is None or in_header != task.revision)
        )
        revision = in_header if from_header else in_body
        try:
            saved = plan_services.save_task(
                _actor(self.request), plan, task, fields, lead, co, revision
            )
        except plan_services.Stale as exc:
            return stale_response(exc, precondition=from_header)
        saved = Task.objects.prefetch_related("assignments").get(pk=saved.pk)  # fresh units
        response = Response(
            s.TaskSerializer(saved).data,
            status=status.HTTP_200_OK if task else status.HTTP_201_CREATED,
        )
        response["ETag"] = etag(saved.revision)
        return response

    @extend_schema(parameters=[ETAG_HEADER])
    def retrieve(self, request: ApiRequest, *args: Any, **kwargs: Any) -> Response:
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = etag(response.data["revision"])
        return response

    @extend_schema(
        request=s.TaskWriteSerializer, responses={201: s.TaskSerializer}, parameters=[ETAG_HEADER]
    )
    def create(self, request: ApiRequest, *args: Any, **kwargs: Any) -> Response:
        return self._save(None, _int(request.query_params.get("plan")))

    @extend_schema(
        request=s.TaskWriteSerializer,
        responses={200: s.TaskSerializer, **STALE},
        parameters=[IF_MATCH, ETAG_HEADER],
        description=(
            "An office edit of a task. To be sure nobody saved it since you read it, send its "
            "ETag in If-Match (a stale one: 412) or its revision in the body (409); either "
            "way nothing is changed and the answer carries the current revision."
        ),
    )
    def partial_update(self, request: ApiRequest, *args: Any, **kwargs: Any) -> Response:
        return self._save(self.get_object(), None)

    @extend_schema(request=s.StatusSerializer, responses=s.TaskSerializer)
    @action(detail=True, methods=["post"], url_path="confirm-status")
    def confirm_status(self, request: ApiRequest, pk: str | None = None) -> Response:
        data = s.StatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        task = plan_services.confirm_status(
            self.get_object(),
            _actor(request),
            data.validated_data["status"],
            data.validated_data["note"],
        )
        return Response(s.TaskSerializer(task).data)

    @extend_schema(request=None, responses=s.TaskSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: ApiRequest, pk: str | None = None) -> Response:
        task = services.close_task(self.get_object(), _actor(request))
        return Response(s.TaskSerializer(task).data)


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.IndicatorSerializer
    permission_classes = [Authenticated]

    def get_queryset(self) -> QuerySet[Indicator]:
        rows = Indicator.objects.filter(task__in=visible_tasks(self.request.user))
        # "met" is judged against the target as adjusted: the adjustments in one query.
        return _of(self.request, rows, "task", "task", "order").prefetch_related("adjustments")


class AdjustmentViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.AdjustmentSerializer
    permission_classes = [Authenticated]

    def get_queryset(self) -> QuerySet[TargetAdjustment]:
        rows = TargetAdjustment.objects.filter(task__in=visible_tasks(self.request.user))
        return _of(self.request, rows, "task", "task", "id")

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        d = serializer.validated_data
        task = d["task"]
        if not visible_tasks(self.request.user).filter(pk=task.pk).exists():
            raise Http404("no such task")
        serializer.instance = services.record_adjustment(
            task,
            _actor(self.request),
            d.get("from_text", ""),
            d["to_text"],
            d.get("approving_body", ""),
            d.get("approved_on"),
            d.get("document", ""),
            d.get("reason", ""),
        )


def _task(user: Any, task_id: int) -> Task:
    try:
        return visible_tasks(user).select_related("plan").get(pk=task_id)
    except Task.DoesNotExist:
        raise Http404("no such task") from None


class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Progress reports; transitions as actions: submit, approve, accept, return, correct."""

    serializer_class = s.ReportSerializer
    permission_classes = [Authenticated]

    def get_queryset(self) -> QuerySet[ProgressReport]:
        rows = reports_for_user(self.request.user).prefetch_related("values")
        if self.request.query_params.get("state"):
            rows = rows.filter(state=self.request.query_params["state"])
        return _of(self.request, rows, "task", "task", "period", "version")

    def _write(self, report: ProgressReport | None) -> Response:
        body = self.request.data
        if report is not None and isinstance(body, Mapping):
            body = {**body, "task": report.task_id}
        data = s.ReportWriteSerializer(data=body)  # not a mapping: the serializer says 400
        data.is_valid(raise_exception=True)
        d = data.validated_data
        values = {_int(k) or 0: v for k, v in d.get("values", {}).items()}
        saved = services.save_draft(
            _task(self.request.user, d["task"]),
            _actor(self.request),
            d["period"],
            d["text"],
            values,
            revision=d.get("revision"),
        )
        return Response(
            s.ReportSerializer(saved).data,
            status=status.HTTP_200_OK if report else status.HTTP_201_CREATED,
        )

    @extend_schema(request=s.ReportWriteSerializer, responses=s.ReportSerializer)
    def create(self, request: ApiRequest, *args: Any, **kwargs: Any) -> Response:
        return self._write(None)

    @extend_schema(request=s.ReportWriteSerializer, responses=s.ReportSerializer)
    def partial_update(self, request: ApiRequest, *args: Any, **kwargs: Any) -> Response:
        return self._write(get_report_for_user(request.user, _int(kwargs["pk"]) or 0))

    def _transition(self, request: ApiRequest, pk: str | None, name: str) -> Response:
        report = get_report_for_user(request.user, _int(pk) or 0)
        if name == "return":
            data = s.CommentSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            report = services.return_report(report, _actor(request), data.validated_data["comment"])
        else:
            report = getattr(services, name)(report, request.user)
        return Response(s.ReportSerializer(report).data)

    @extend_schema(request=None, responses=s.ReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: ApiRequest, pk: str | None = None) -> Response:
        return self._transition(request, pk, "submit")

    @extend_schema(request=None, responses=s.ReportSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: ApiRequest, pk: str | None = None) -> Response:
        return self._transition(request, pk, "approve")

    @extend_schema(request=None, responses=s.ReportSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: ApiRequest, pk: str | None = None) -> Response:
        return self._transition(request, pk, "accept")

    @extend_schema(request=s.CommentSerializer, responses=s.ReportSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: ApiRequest, pk: str | None = None) -> Response:
        return self._transition(request, pk, "return")

    @extend_schema(request=None, responses=s.ReportSerializer)
    @action(detail=True, methods=["post"])
    def correct(self, request: ApiRequest, pk: str | None = None) -> Response:
        return self._transition(request, pk, "correct")


ReportViewSet.http_method_names = ["get", "post", "patch", "head", "options"]


class InstructionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.InstructionSerializer
    permission_classes = [Authenticated]

    def get_queryset(self) -> QuerySet[Instruction]:
        return _of(self.request, instructions_for_user(self.request.user), "task", "-created_at")

    @extend_schema(parameters=[IDEMPOTENCY])
    def create(self, request: ApiRequest, *args: Any, **kwargs: Any) -> Response:
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        task = _task(self.request.user, serializer.validated_data["task"].pk)
        serializer.instance = services.write_instruction(
            task,
            _actor(self.request),
            serializer.validated_data["text"],
            once_token=_idempotency_key(self.request),
        )

    @extend_schema(request=s.TextSerializer, responses=s.InstructionSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request: ApiRequest, pk: str | None = None) -> Response:
        data = s.TextSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        instruction = services.answer_instruction(
            self.get_object(), _actor(request), data.validated_data["text"]
        )
        return Response(s.InstructionSerializer(instruction).data)


class RequestViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.RequestSerializer
    permission_classes = [Authenticated]

    def get_queryset(self) -> QuerySet[Request]:
        return requests_for_user(self.request.user).order_by("-created_at")

    @extend_schema(parameters=[IDEMPOTENCY])
    def create(self, request: ApiRequest, *args: Any, **kwargs: Any) -> Response:
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        d = serializer.validated_data
        task = _task(self.request.user, d["task"].pk)
        serializer.instance = services.request_change(
            task,
            _actor(self.request),
            d["kind"],
            d["reason"],
            d.get("new_deadline"),
            d.get("proposed_target", ""),
            once_token=_idempotency_key(self.request),
        )

    @extend_schema(request=s.DecisionSerializer, responses=s.RequestSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: ApiRequest, pk: str | None = None) -> Response:
        data = s.DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        decided = services.decide_request(
            self.get_object(), _actor(request), d["grant"], d["note"], d["approving_body"]
        )
        return Response(s.RequestSerializer(decided).data)


class ImportView(APIView):
    """Upload a published document: the same reading, atomicity and warnings as `duban
    import`."""

    parser_classes = [MultiPartParser, FormParser]
    permission_classes = [Authenticated]

    @extend_schema(request=s.ImportSerializer, responses=s.ImportResultSerializer(many=True))
    def post(self, request: ApiRequest) -> Response:
        require(is_office(request.user), "Only the supervision office imports plans.")
        data = s.ImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        f = d["file"]
        check_size(f.size or 0)  # before reading it: a ParseError, 400
        results = import_file(
            f.read(),
            f.name,
            all_tables=d["all_tables"],
            list_number=d.get("list"),
            government=d.get("government") or None,
            public=d["public"] or None,
            actor=request.user,
        )
        return Response(
            s.ImportResultSerializer(results, many=True).data, status=status.HTTP_201_CREATED
        )
