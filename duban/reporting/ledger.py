"""The 督办台账 (the ledger the office prints) as XLSX, and the monthly 督查通报 (bulletin) as
DOCX in the official-document layout of the plan's DOCX download.

Both read a plan's tasks with their lights as of a day: the ledger today's (the stored
lights), the bulletin the last day of its month (or today, for the month under way).
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from duban.plans.models import Assignment, Plan, Task, Unit

from .labels import light_label, period_label
from .lights import COLOURS, RANK, RED, YELLOW
from .models import Milestone, ProgressReport
from .reasons import text as reason_text
from .returns import office_returns
from .warnings import current_lights, task_warnings


@dataclass
class Row:
    task: Task
    leads: list[str] = field(default_factory=list)
    cos: list[str] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    latest: ProgressReport | None = None
    colour: str = "green"
    reasons: list[dict[str, Any]] = field(default_factory=list)


def rows(plan: Plan, day: dt.date | None = None) -> list[Row]:
    """Every task of the plan, in order, with what the ledger and the bulletin print."""
    tasks = list(plan.tasks.select_related("category", "leader").order_by("number"))
    ids = [t.pk for t in tasks]
    if day is None:
        lights = {i: (lt.colour, lt.reasons) for i, lt in current_lights(ids).items()}
    else:
        lights = {i: (w.colour, w.reasons) for i, w in task_warnings(ids, day).items()}
    out = {t.pk: Row(t, colour=lights[t.pk][0], reasons=lights[t.pk][1]) for t in tasks}
    for a in (
        Assignment.objects.filter(task_id__in=ids).select_related("unit").order_by("order", "id")
    ):
        (out[a.task_id].leads if a.role == Assignment.Role.LEAD else out[a.task_id].cos).append(
            a.unit.name
        )
    for m in Milestone.objects.filter(task_id__in=ids):
        out[m.task_id].milestones.append(m)
    reported = ProgressReport.objects.filter(
        task_id__in=ids, state__in=[ProgressReport.State.ACCEPTED, ProgressReport.State.SUBMITTED]
    )
    if day is not None:
        reported = reported.filter(submitted_at__date__lte=day)
    for r in reported.order_by("period", "version", "id").only(
        "task_id", "period", "text", "state"
    ):
        shown = out[r.task_id].latest
        if (
            shown is not None
            and shown.period == r.period
            and shown.state == ProgressReport.State.ACCEPTED
            and r.state != ProgressReport.State.ACCEPTED
        ):
            continue  # a correction under review: the period's accepted text stands
        out[r.task_id].latest = r
    return list(out.values())


def _progress(row: Row) -> str:
    if row.latest is None:
        return row.task.completion or ""
    return f"{period_label(row.latest.period)}：{row.latest.text}"


def _milestone_text(row: Row) -> str:
    done = _("done")
    return "\n".join(
        f"{m.due:%Y-%m-%d} {m.text}" + (f"（{done}）" if m.done else "") for m in row.milestones
    )


HEADERS = [
    ("No.", 6),
    ("Category", 14),
    ("Key task", 40),
    ("Lead units", 16),
    ("Co-units", 16),
    ("Responsible leader", 10),
    ("deadline", 12),
    ("Milestones", 24),
    ("Latest progress", 44),
    ("Warning", 8),
    ("Why", 30),
    ("Status", 12),
]


def ledger_xlsx(plan: Plan) -> bytes:
    """One row per task; landscape A4 with the header repeated on every page, frozen."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill

    today = timezone.localdate()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = _("Ledger")[:31]
    title = _("%(plan)s: supervision ledger (as of %(day)s)") % {
        "plan": plan.title,
        "day": f"{today:%Y-%m-%d}",
    }
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_(h) for h, _w in HEADERS])
    fills = {"red": "FFEBE9", "yellow": "FFF8C5", "green": "E6F6EA", "done": "DDF4FF"}
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows(plan):
        t = row.task
        sheet.append(
            [
                t.number,
                t.category.name if t.category else "",
                t.content,
                "、".join(row.leads),
                "、".join(row.cos),
                (t.leader.get_full_name() or t.leader.username) if t.leader else "",
                t.deadline,
                _milestone_text(row),
                _progress(row),
                light_label(row.colour),
                "；".join(reason_text(r) for r in row.reasons),
                t.effective_status_label,
            ]
        )
        line = sheet.max_row
        for cell in sheet[line]:
            cell.alignment = wrap
        sheet.cell(line, 7).number_format = "yyyy-mm-dd"
        sheet.cell(line, 10).fill = PatternFill("solid", fgColor=fills.get(row.colour, "FFFFFF"))
    for i, (_h, width) in enumerate(HEADERS, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width = width
        sheet.cell(2, i).font = Font(bold=True)
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# -- the monthly bulletin --------------------------------------------------------------------


def month_end(month: str, today: dt.date | None = None) -> dt.date:
    """ "2026-11" → 2026-11-30; the month under way → today. ValueError for anything else."""
    year, _sep, m = month.partition("-")
    last = dt.date(int(year), int(m), calendar.monthrange(int(year), int(m))[1])
    today = today or timezone.localdate()
    return min(last, today)


def _late_and_returned(plan: Plan, day: dt.date) -> dict[str, Counter[str]]:
    """Per unit: reports the office returned in the month up to the day (the count the public
    scorecard prints); the periods overdue are added by the caller."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    returned = office_returns(plan, day.replace(day=1), day)
    names = dict(Unit.objects.filter(pk__in=set(returned)).values_list("pk", "name"))
    for unit_id in returned:
        out[names[unit_id]]["returned"] += 1
    return out


class _Bulletin:
    """The bulletin's document in the official layout, written a paragraph or a table at a
    time. (python-docx is imported only when a bulletin is asked for.)"""

    def __init__(self) -> None:
        from duban.disclosure import official_document

        self.od = official_document
        self.document = official_document.official_page()

    def para(
        self,
        text: str,
        name: str | None = None,
        size: float = 16,
        center: bool = False,
        indent: bool = True,
    ) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        p = self.document.add_paragraph()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif indent:
            p.paragraph_format.first_line_indent = Pt(32)
        p.paragraph_format.line_spacing = Pt(28)
        self.od._font(p.add_run(text), name or self.od.BODY_FONT, size)

    def heading(self, text: str, size: float = 16, indent: bool = False) -> None:
        self.para(text, self.od.HEADING_FONT, size, indent=indent)

    def table(self, header: list[str], body: list[list[object]]) -> None:
        t = self.document.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, header, strict=True):
            self.od._font(cell.paragraphs[0].add_run(text), self.od.HEADING_FONT, 12)
        for values in body:
            cells = t.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                self.od._font(cell.paragraphs[0].add_run(str(value)), self.od.BODY_FONT, 12)

    def docx(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def bulletin_docx(plan: Plan, month: str, today: dt.date | None = None) -> bytes:
    """The month's 督查通报: the tasks by light and by lead unit, the late and behind-pace
    tasks with their reasons, and the units whose reports were returned or are late."""
    day = month_end(month, today)
    all_rows = rows(plan, day)
    counts = Counter(r.colour for r in all_rows)
    b = _Bulletin()
    year, m = (int(x) for x in month.split("-"))
    b.para(_("Supervision bulletin"), b.od.TITLE_FONT, 22, center=True)
    b.para(
        _("%(year)s, month %(month)s · %(plan)s") % {"year": year, "month": m, "plan": plan.title},
        center=True,
    )
    b.para(
        _(
            "As of %(day)s, of the %(n)s tasks: %(red)s red, %(yellow)s yellow, %(green)s "
            "green, %(done)s done."
        )
        % {
            "day": f"{day.year}年{day.month}月{day.day}日",
            "n": len(all_rows),
            "red": counts["red"],
            "yellow": counts["yellow"],
            "green": counts["green"],
            "done": counts["done"],
        }
    )
    b.heading(_("1. Tasks by light"))
    b.table([_("Warning"), _("Tasks")], [[light_label(c), counts[c]] for c in COLOURS])
    _by_lead_unit(b, all_rows)
    _flagged(b, all_rows)
    b.heading(_("4. Units with returned or late reports"))
    units = _report_trouble(plan, all_rows, day)
    if units:
        b.table(
            [_("Unit"), _("Reports returned this month"), _("Reports overdue")],
            [[name, c["returned"], c["late"]] for name, c in units],
        )
    else:
        b.para(_("None."))
    return b.docx()


def _by_lead_unit(b: _Bulletin, all_rows: list[Row]) -> None:
    b.heading(_("2. Tasks by lead unit"))
    by_unit: dict[str, Counter[str]] = defaultdict(Counter)
    for r in all_rows:
        for name in r.leads or [_("No lead unit assigned")]:
            by_unit[name][r.colour] += 1
    b.table(
        [_("Unit"), _("Tasks"), *[light_label(c) for c in COLOURS]],
        [
            [name, sum(c.values()), *[c[k] for k in COLOURS]]
            for name, c in sorted(by_unit.items(), key=lambda kv: (-kv[1]["red"], kv[0]))
        ],
    )


def _flagged(b: _Bulletin, all_rows: list[Row]) -> None:
    """The red and yellow tasks under their first lead unit, each with its reasons."""
    b.heading(_("3. Late and behind-pace tasks, by unit"))
    flagged = [r for r in all_rows if r.colour in (RED, YELLOW)]
    if not flagged:
        b.para(_("None."))
    grouped: dict[str, list[Row]] = defaultdict(list)
    for r in flagged:
        grouped[(r.leads or [_("No lead unit assigned")])[0]].append(r)
    for name in sorted(grouped):
        b.heading(name, indent=True)
        for r in sorted(grouped[name], key=lambda r: (RANK[r.colour], r.task.number)):
            why = "；".join(reason_text(x) for x in r.reasons if x["colour"] in (RED, YELLOW))
            b.para(f"{r.task.number}. {r.task.content[:60]}（{light_label(r.colour)}）{why}")


def _report_trouble(
    plan: Plan, all_rows: list[Row], day: dt.date
) -> list[tuple[str, Counter[str]]]:
    trouble = _late_and_returned(plan, day)
    for r in all_rows:
        for reason in r.reasons:
            late = {"late": 1, "late_many": len(reason.get("periods", []))}.get(reason["code"], 0)
            if late:
                name = reason.get("unit") or (r.leads[0] if r.leads else "")
                trouble[name]["late"] += late
    return sorted(
        ((n, c) for n, c in trouble.items() if n),
        key=lambda kv: (-kv[1]["late"] - kv[1]["returned"], kv[0]),
    )


def months(plan: Plan, today: dt.date | None = None) -> list[str]:
    """The months of the plan's year up to today, newest first ("2026-11"); none for a year
    no calendar holds (a plan read from an odd document)."""
    today = today or timezone.localdate()
    if not dt.MINYEAR <= plan.year < dt.MAXYEAR:
        return []
    return [f"{plan.year}-{m:02d}" for m in range(12, 0, -1) if dt.date(plan.year, m, 1) <= today]
