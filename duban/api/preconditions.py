"""Optimistic locking over HTTP: a task's ETag names its revision, and an edit names the
revision it started from, in If-Match (a stale one: 412) or in the body's revision (409).
An edit naming neither is applied as before."""

from __future__ import annotations

import re

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from duban.plans.services import Stale

ETAG = re.compile(r'\s*(?:W/)?"r(\d{1,15})"\s*')


def etag(revision: int) -> str:
    return f'"r{revision}"'


def if_match(request: Request, current: int) -> int | None:
    """The revision If-Match asks for: None without the header (or with *); the current one
    when it is among the tags listed; else one that is not (the service then refuses)."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    wanted = {int(m.group(1)) for tag in header.split(",") if (m := ETAG.fullmatch(tag))}
    return current if current in wanted else current + 1


class StaleSerializer(serializers.Serializer):
    detail = serializers.CharField()
    revision = serializers.IntegerField(help_text="The task's current revision.")


def stale_response(exc: Stale, *, precondition: bool) -> Response:
    response = Response(
        {"detail": " ".join(exc.messages), "revision": exc.current},
        status=status.HTTP_412_PRECONDITION_FAILED if precondition else status.HTTP_409_CONFLICT,
    )
    response["ETag"] = etag(exc.current)
    return response


IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description=(
        'The task\'s ETag as last read (e.g. "r3"). If someone saved the task since, '
        "nothing is changed and the answer is 412 with the current revision."
    ),
)
ETAG_HEADER = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    description="The task's revision, for If-Match.",
    response=[200, 201],
)
STALE = {
    409: OpenApiResponse(
        StaleSerializer,
        description="The body's revision is not the task's current one: nothing was changed.",
    ),
    412: OpenApiResponse(
        StaleSerializer,
        description="If-Match names a revision that is not the current one: nothing was changed.",
    ),
}
