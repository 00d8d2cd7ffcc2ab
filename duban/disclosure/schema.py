"""The JSON Schema of the open data (download.json, docs/open-data.md), served by the site at
/open-data/schema.json: what `$schema` in every download points to."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from duban.plans.models import Status

STATUSES = list(Status.values)
DECIMAL = {
    "type": ["string", "null"],
    "pattern": r"^-?\d+(\.\d+)?$",
    "description": "a decimal number as a string, never a float",
}
DATE = {"type": ["string", "null"], "format": "date"}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": required if required is not None else list(properties),
    }


INDICATOR = _object(
    {
        "metric": {"type": "string"},
        "comparator": {"type": ["string", "null"]},
        "target": DECIMAL,
        "unit": {"type": ["string", "null"]},
        "target_text": {"type": ["string", "null"]},
        "adjusted_to": {
            "type": ["string", "null"],
            "description": "the target as last adjusted (empty: never), which met is judged by",
        },
        "span": {"type": ["string", "null"]},
        "actual": DECIMAL,
        "actual_unit": {"type": ["string", "null"]},
        "actual_text": {"type": ["string", "null"]},
        "actual_span": {"type": ["string", "null"]},
        "met": {
            "type": ["boolean", "null"],
            "description": "true kept, false not kept, null no figure (against the target "
            "as adjusted, if it was)",
        },
    },
    required=["metric", "target", "unit", "met"],
)

TASK = _object(
    {
        "number": {"type": "integer", "description": "序号, unique in the plan"},
        "category": {"type": ["string", "null"], "description": "类别"},
        "content": {"type": "string", "description": "重点督办内容"},
        "lead_units": {"type": "array", "items": {"type": "string"}, "description": "牵头单位"},
        "co_units": {"type": "array", "items": {"type": "string"}, "description": "配合单位"},
        "completion": {"type": "string", "description": "全年完成情况"},
        "status": {"enum": [*STATUSES, None]},
        "status_confirmed": {
            "type": "boolean",
            "description": "true: confirmed by the supervision office (督查室确认); "
            "false: a machine proposal (机器初判)",
        },
        "status_basis": {"enum": ["office", "machine", None]},
        "status_confidence": {"enum": ["high", "low", None]},
        "status_evidence": {"type": ["string", "null"]},
        "flags": {
            "type": "array",
            "items": {
                "enum": [
                    "target_missed_after_adjustment",
                    "claimed_done_but_numbers_short",
                    "no_figure_reported",
                ]
            },
        },
        "indicators": {"type": "array", "items": INDICATOR},
        "adjustments": {
            "type": "array",
            "items": _object(
                {
                    "from": {"type": ["string", "null"]},
                    "to": {"type": ["string", "null"]},
                    "approved_by": {"type": ["string", "null"]},
                    "date": DATE,
                    "document": {"type": ["string", "null"]},
                },
                required=["from", "to"],
            ),
        },
        "deadline": DATE,
        "reports": {"type": "array", "items": {"type": "object"}},
    },
    required=[
        "number",
        "content",
        "lead_units",
        "co_units",
        "completion",
        "status",
        "status_confirmed",
        "indicators",
    ],
)

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "duban open data: a published plan (政府工作报告重点工作及完成情况)",
    "type": "object",
    "required": ["$schema", "plan", "publication", "summary", "tasks"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "plan": _object(
            {
                "government": {"type": "string"},
                "year": {"type": "integer"},
                "title": {"type": "string"},
                "caption": {"type": ["string", "null"]},
                "published_on": DATE,
            }
        ),
        "publication": _object(
            {
                "id": {"type": "integer"},
                "kind": {"enum": ["mid_year", "year_end", "imported"]},
                "published_at": {"type": "string", "format": "date-time"},
                "published_on": {**DATE, "description": "the date the publication bears"},
                "note": {"type": "string"},
            }
        ),
        "summary": _object(
            {"tasks": {"type": "integer"}, "status_unconfirmed": {"type": "integer"}}
        ),
        "tasks": {"type": "array", "items": TASK},
    },
}


@require_GET
@cache_control(public=True, max_age=86400)
def open_data_schema(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(SCHEMA, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Type"] = "application/schema+json; charset=utf-8"
    return response
