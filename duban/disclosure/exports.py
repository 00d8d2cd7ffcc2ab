"""Downloads of a published plan: XLSX and CSV in the columns the importer reads (export then
import gives the same plan), JSON open data (docs/open-data.md), DOCX laid out as an official
document (GB/T 9704), and PDF (WeasyPrint with Noto CJK)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from duban.plans.access import get_plan_for_user
from duban.plans.models import Plan, Status

from .models import Publication, PublishedTask
from .services import latest

HEADER = ["类别", "序号", "重点督办内容", "牵头单位", "配合单位", "全年完成情况"]
SCHEMA_URL = "https://duban.invalid/schema/plan-v1.json"
# A spreadsheet reads a text cell that starts with one of these as a formula: a report's
# =HYPERLINK("http://…"&A1) would run on the reader's machine (OWASP: CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run, prefixed with ' so it is read as text;
    numbers (negative ones too) and every other text as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _rows(publication: Publication) -> list[PublishedTask]:
    return list(publication.tasks.order_by("number"))


def _cells(t: PublishedTask) -> list[Any]:
    cells = [t.category, t.number, t.content, "、".join(t.lead_units), "、".join(t.co_units),
             t.completion]
    return [neutralise(c) for c in cells]


def _meta(plan: Plan, publication: Publication) -> list[list[str]]:
    """The lines above the table that the importer reads back: government, title, date."""
    return [[neutralise(plan.government)], [neutralise(plan.title)],
            [f"发布时间：{(plan.published_on or publication.published_at.date()).isoformat()}"]]


def to_csv(plan: Plan, publication: Publication) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(_meta(plan, publication))
    writer.writerow(HEADER)  # every cell below is neutralised (_cells, _meta)
    writer.writerows(_cells(t) for t in _rows(publication))
    return buffer.getvalue().encode("utf-8-sig")  # the BOM lets Excel read it as UTF-8


def to_xlsx(plan: Plan, publication: Publication) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = str(plan.year)
    for row in _meta(plan, publication):
        sheet.append(row)
    sheet["B2"].font = Font(bold=True, size=14)
    sheet.append(HEADER)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for t in _rows(publication):
        sheet.append(_cells(t))
    for column, width in zip("ABCDEF", (18, 6, 50, 20, 16, 80), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A5"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def open_data(plan: Plan, publication: Publication) -> dict[str, Any]:
    return {
        "$schema": SCHEMA_URL,
        "plan": {"government": plan.government, "year": plan.year, "title": plan.title,
                 "caption": plan.caption,
                 "published_on": plan.published_on.isoformat() if plan.published_on else None},
        "publication": {"id": publication.id, "kind": publication.kind,
                        "published_at": publication.published_at.isoformat(),
                        "note": publication.note},
        "summary": {"tasks": len(rows := _rows(publication)),
                    "status_unconfirmed": unconfirmed(rows)},
        "tasks": [
            {"number": t.number, "category": t.category or None, "content": t.content,
             "lead_units": t.lead_units, "co_units": t.co_units, "completion": t.completion,
             "status": t.status or None, "status_confirmed": t.status_confirmed,
             # who says so: "office" (confirmed) or "machine" (a proposal, with confidence)
             "status_basis": ("office" if t.status_confirmed else "machine") if t.status
             else None,
             "status_confidence": t.status_confidence or None,
             "status_evidence": t.status_evidence or None, "flags": t.flags,
             "indicators": t.indicators, "adjustments": t.adjustments,
             "deadline": t.deadline.isoformat() if t.deadline else None,
             "reports": t.reports}
            for t in rows
        ],
    }


def unconfirmed(rows: list[PublishedTask]) -> int:
    return sum(1 for t in rows if t.status and not t.status_confirmed)


def unconfirmed_line(rows: list[PublishedTask]) -> str:
    """The sentence the DOCX and PDF print under the title (Chinese: an official document)."""
    n = unconfirmed(rows)
    if not n:
        return ""
    return (f"本清单{len(rows)}项任务中，{n}项的完成状态为机器初判（系统根据完成情况文字提出），"
            "尚未经督查室确认。")


def to_json(plan: Plan, publication: Publication) -> bytes:
    return json.dumps(open_data(plan, publication), ensure_ascii=False, indent=1).encode()


def to_docx(plan: Plan, publication: Publication) -> bytes:
    from .official_document import build

    return build(plan, publication, _rows(publication))


def to_pdf(plan: Plan, publication: Publication) -> bytes:
    from weasyprint import HTML

    rows = _rows(publication)
    html = render_to_string("disclosure/print.html", {
        "plan": plan, "publication": publication, "rows": rows,
        "labels": dict(Status.choices), "unconfirmed_line": unconfirmed_line(rows),
    })
    return HTML(string=html).write_pdf()


FORMATS: dict[str, tuple[Callable[[Plan, Publication], bytes], str]] = {
    "csv": (to_csv, "text/csv; charset=utf-8"),
    "xlsx": (to_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": (to_json, "application/json; charset=utf-8"),
    "docx": (to_docx,
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (to_pdf, "application/pdf"),
}


def download(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    publication = latest(plan)
    if publication is None or fmt not in FORMATS:
        raise Http404(_("Nothing published to download."))
    build, content_type = FORMATS[fmt]
    # A publication never changes, so neither do its downloads: build each once. The key
    # names its time as well as its id: a restored database hands out an id again (and
    # restore clears the cache besides).
    key = f"export:2:{publication.id}:{publication.published_at.timestamp()}:{fmt}:{get_language()}"
    data = cache.get(key)
    if data is None:
        data = build(plan, publication)
        cache.set(key, data, timeout=None)
    response = HttpResponse(data, content_type=content_type)
    name = f"duban-{plan.year}-{plan.id}-{publication.published_at:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
