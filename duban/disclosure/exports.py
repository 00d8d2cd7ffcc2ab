"""Downloads of a published plan: XLSX and CSV in the columns the importer reads (export then
import gives the same plan), JSON open data (docs/open-data.md), DOCX laid out as an official
document (GB/T 9704), and PDF (WeasyPrint with Noto CJK)."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from duban.documents.header import ROLE_WORDS
from duban.plans.access import get_plan_for_user
from duban.plans.models import Plan, Status

from . import page_cache
from .models import Publication, PublishedTask
from .services import latest_public

# The columns in the words the importer reads first for each (documents/header.py).
HEADER = [
    ROLE_WORDS[role][0]
    for role in ("category", "number", "content", "lead_units", "co_units", "completion")
]
# After the columns the importer reads, what people download the table for: the status and
# who says so, then each indicator's figures. Named so that the reader takes none of them
# for a column of its own (duban/documents/header.py): a re-import keeps them as extras.
STATUS_HEADER = ["完成状态", "状态依据", "初判置信度"]
# 目标N is the target as printed ("≤1.5%", "约6%"), 比较N its comparator alone: a citizen reads
# the one, an analyst filters on the other and sums 目标值N, a number in 计量单位N.
INDICATOR_HEADER = [
    "指标{}",
    "目标{}",
    "调整后目标{}",  # the target as last adjusted, empty if never; 是否达标N is judged by it
    "比较{}",
    "目标值{}",
    "实际值{}",
    "计量单位{}",
    "是否达标{}",
]
COMPARATORS = {">=": "≥", ">": ">", "<=": "≤", "=": "=", "approx": "约"}
SCHEMA_PATH = "/open-data/schema.json"
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


def number(value: Any) -> Decimal | None:
    """A decimal string of the snapshot as a number a spreadsheet sorts and sums: 6, 2.5."""
    try:
        d = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None
    if not d.is_finite():
        return None
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()


def _width(rows: list[PublishedTask]) -> int:
    return max((len(t.indicators) for t in rows), default=0)


def header(rows: list[PublishedTask]) -> list[str]:
    n = _width(rows)
    return [
        *HEADER,
        *STATUS_HEADER,
        *[h.format(i) for i in range(1, n + 1) for h in INDICATOR_HEADER],
    ]


def _cells(t: PublishedTask, width: int = 0) -> list[Any]:
    cells: list[Any] = [
        t.category,
        t.number,
        t.content,
        "、".join(t.lead_units),
        "、".join(t.co_units),
        t.completion,
    ]
    with translation.override("zh-hans"):  # the table is in Chinese, as its header is
        label = str(Status(t.status).label) if t.status in Status.values else ""
    basis = ("督查室确认" if t.status_confirmed else "机器初判") if t.status else ""
    confidence = {"high": "高", "low": "低"}.get(t.status_confidence or "", "")
    cells += [label, basis, "" if t.status_confirmed else confidence]
    for ind in t.indicators[:width]:
        target, actual = number(ind.get("target")), number(ind.get("actual"))
        same_unit = not ind.get("actual_unit") or ind.get("actual_unit") == ind.get("unit")
        if actual is None or not same_unit:  # a figure in another unit stays as printed
            actual = ind.get("actual_text") or None
        met = {True: "是", False: "否"}.get(ind.get("met"), "")
        cells += [
            ind.get("metric") or ind.get("target_text") or "",
            ind.get("target_text") or "",
            ind.get("adjusted_to") or "",
            COMPARATORS.get(ind.get("comparator") or "", ""),
            target if target is not None else ind.get("target_text") or "",
            actual if actual is not None else "",
            ind.get("unit") or "",
            met,
        ]
    cells += [""] * (len(HEADER) + len(STATUS_HEADER) + width * len(INDICATOR_HEADER) - len(cells))
    return [neutralise(c) for c in cells]


def publication_day(plan: Plan, publication: Publication) -> datetime.date:
    """The date a publication bears: the government's own for its imported document, else
    the day the office published, in the site's time zone (Beijing), not UTC."""
    if publication.kind == Publication.Kind.IMPORTED and plan.published_on:
        return plan.published_on
    return timezone.localdate(publication.published_at)


def _meta(plan: Plan, publication: Publication) -> list[list[str]]:
    """The lines above the XLSX table that the importer reads back: government, title, date."""
    return [
        [neutralise(plan.government)],
        [neutralise(plan.title)],
        [f"发布时间：{publication_day(plan, publication).isoformat()}"],
    ]


def to_csv(plan: Plan, publication: Publication) -> bytes:
    """The header on line 1 (Excel filters, pandas); government, title and date are in the
    JSON (and in the file's name)."""
    rows = _rows(publication)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header(rows))  # every cell below is neutralised (_cells)
    width = _width(rows)
    writer.writerows(_cells(t, width) for t in rows)
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
    rows = _rows(publication)
    sheet.append(header(rows))
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    width = _width(rows)
    for t in rows:
        sheet.append(_cells(t, width))
    for column, size in zip("ABCDEFGHI", (18, 6, 50, 20, 16, 80, 16, 12, 10), strict=True):
        sheet.column_dimensions[column].width = size
    sheet.auto_filter.ref = f"A4:{sheet.cell(4, sheet.max_column).column_letter}{sheet.max_row}"
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A5"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def open_data(plan: Plan, publication: Publication) -> dict[str, Any]:
    return {
        "$schema": schema_url(),
        "plan": {
            "government": plan.government,
            "year": plan.year,
            "title": plan.title,
            "caption": plan.caption,
            "published_on": plan.published_on.isoformat() if plan.published_on else None,
        },
        "publication": {
            "id": publication.id,
            "kind": publication.kind,
            "published_at": publication.published_at.isoformat(),
            "published_on": publication_day(plan, publication).isoformat(),
            "note": publication.note,
        },
        "summary": {
            "tasks": len(rows := _rows(publication)),
            "status_unconfirmed": unconfirmed(rows),
        },
        "tasks": [
            {
                "number": t.number,
                "category": t.category or None,
                "content": t.content,
                "lead_units": t.lead_units,
                "co_units": t.co_units,
                "completion": t.completion,
                "status": t.status or None,
                "status_confirmed": t.status_confirmed,
                # who says so: "office" (confirmed) or "machine" (a proposal, with confidence)
                "status_basis": ("office" if t.status_confirmed else "machine")
                if t.status
                else None,
                "status_confidence": t.status_confidence or None,
                "status_evidence": t.status_evidence or None,
                "flags": t.flags,
                "indicators": t.indicators,
                "adjustments": t.adjustments,
                "deadline": t.deadline.isoformat() if t.deadline else None,
                "reports": t.reports,
            }
            for t in rows
        ],
    }


def schema_url() -> str:
    """The schema of the JSON, served by this site at its configured address."""
    return settings.DUBAN_SITE_URL.rstrip("/") + SCHEMA_PATH


def unconfirmed(rows: list[PublishedTask]) -> int:
    return sum(1 for t in rows if t.status and not t.status_confirmed)


def unconfirmed_line(rows: list[PublishedTask]) -> str:
    """The sentence the DOCX and PDF print under the title (Chinese: an official document)."""
    n = unconfirmed(rows)
    if not n:
        return ""
    return (
        f"本清单{len(rows)}项任务中，{n}项的完成状态为机器初判（系统根据完成情况文字提出），"
        "尚未经督查室确认。"
    )


def to_json(plan: Plan, publication: Publication) -> bytes:
    return json.dumps(open_data(plan, publication), ensure_ascii=False, indent=1).encode()


def to_docx(plan: Plan, publication: Publication) -> bytes:
    from .official_document import build

    return build(plan, publication, _rows(publication))


def to_pdf(plan: Plan, publication: Publication) -> bytes:
    from weasyprint import HTML

    rows = _rows(publication)
    html = render_to_string(
        "disclosure/print.html",
        {
            "plan": plan,
            "publication": publication,
            "rows": rows,
            "day": publication_day(plan, publication),
            "labels": dict(Status.choices),
            "unconfirmed_line": unconfirmed_line(rows),
        },
    )
    return HTML(string=html).write_pdf()


FORMATS: dict[str, tuple[Callable[[Plan, Publication], bytes], str]] = {
    "csv": (to_csv, "text/csv; charset=utf-8"),
    "xlsx": (to_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": (to_json, "application/json; charset=utf-8"),
    "docx": (to_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (to_pdf, "application/pdf"),
}


def download(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    publication = latest_public(plan)
    if publication is None or fmt not in FORMATS:
        raise Http404(_("Nothing published to download."))
    build, content_type = FORMATS[fmt]
    # A publication never changes, so neither do its downloads: build each once. The key
    # names its time as well as its id: a restored database hands out an id again (and
    # restore clears the cache besides); and the code's release, whose next version may
    # write the file otherwise.
    stamp = publication.published_at.timestamp()
    key = f"export:{page_cache.RELEASE}:{publication.id}:{stamp}:{fmt}:{get_language()}"
    data = cache.get(key)
    if data is None:
        data = build(plan, publication)
        cache.set(key, data, timeout=None)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition(plan, fmt)
    return response


def file_name(plan: Plan, fmt: str) -> str:
    """Who, which year, what: 北京市西城区人民政府-2020年…全年完成情况.xlsx."""
    title = plan.title if str(plan.year) in plan.title else f"{plan.year}年{plan.title}"
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', "", f"{plan.government}-{title}").strip(" .")
    return f"{name[:120] or plan.year}.{fmt}"


def content_disposition(plan: Plan, fmt: str) -> str:
    """The Chinese name in RFC 5987's filename*, an ASCII name before it for old clients."""
    fallback = f"duban-{plan.year}-plan-{plan.id}.{fmt}"
    return (
        f'attachment; filename="{fallback}"; '
        f"filename*=UTF-8''{quote(file_name(plan, fmt), safe='')}"
    )
