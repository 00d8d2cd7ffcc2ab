"""Reporting periods and warning lights in the reader's language ("2020-Y" is 2020年全年)."""

from __future__ import annotations

from django.utils.translation import gettext as _


def period_label(code: str) -> str:
    """'2020-03' → 2020年3月, '2020-Q1' → 2020年第1季度, '2020-H1' → 2020年上半年,
    '2020-Y' → 2020年全年; anything else as it is."""
    year, _sep, part = code.partition("-")
    if not year.isdigit():
        return code
    if part == "Y":
        return _("%(year)s, full year") % {"year": year}
    if part in ("H1", "H2"):
        return (_("%(year)s, first half") if part == "H1" else _("%(year)s, second half")) % {
            "year": year
        }
    if part[:1] == "Q" and part[1:].isdigit():
        return _("%(year)s, Q%(n)s") % {"year": year, "n": int(part[1:])}
    if part.isdigit():
        return _("%(year)s-%(month)s") % {"year": year, "month": int(part)}
    return code


def light_label(colour: str) -> str:
    return {"red": _("Red"), "yellow": _("Yellow"), "green": _("Green"), "done": _("Done")}.get(
        colour, colour
    )


def reason_label(reason: str) -> str:
    """Why a history entry was written (the services' words), in the reader's language."""
    reasons = {
        "draft saved": _("draft saved"),
        "submitted": _("submitted"),
        "submitted for unit approval": _("sent to the unit head"),
        "approved by the unit head": _("approved by the unit head"),
        "sent back by the unit head": _("sent back to the reporter by the unit head"),
        "accepted": _("accepted"),
        "returned": _("returned by the office"),
        "correction started": _("correction started"),
        "removed from the draft": _("removed from the draft"),
        "year-end report accepted": _("year-end report accepted"),
        "status confirmed": _("status confirmed"),
        "status corrected": _("status corrected"),
        "closed": _("closed by the office"),
        "written": _("written"),
        "answered": _("answered"),
        "acknowledged": _("acknowledged"),
        "requested": _("requested"),
        "extension granted": _("extension granted"),
        "adjustment recorded": _("adjustment recorded"),
        "edited by the office": _("edited by the office"),
        "added by the office": _("added by the office"),
        "removed by the office": _("removed by the office"),
        "deadline pasted": _("deadline pasted from a spreadsheet"),
        "read from the task's text": _("read from the task's text"),
    }
    return reasons.get(reason, reason)
