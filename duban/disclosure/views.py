"""The public site: what the office published — plans, the plan table, each task, the
publications and what changed between them. Live data stays in the workspace."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import BooleanField, Count, ExpressionWrapper, OuterRef, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from pypinyin import lazy_pinyin

from duban import fragments
from duban.accounts.requests import HtmxRequest
from duban.plans import search
from duban.plans.access import get_plan_for_user, visible_plans
from duban.plans.models import Plan, Task

from . import summary
from .exports import publication_day
from .forms import PlanFilterForm
from .models import Publication, PublishedTask
from .page_cache import page_key, public_page, site_page
from .services import diff, latest_public


@dataclass(frozen=True)
class PlanCard:
    """A plan on the home page, as published (the live plan for those who see it first)."""

    plan: Plan
    title: str
    task_count: int
    published: bool
    headline: summary.Headline | None


@site_page
def home(request: HttpRequest) -> HttpResponse:
    plans = visible_plans(request.user).order_by("government", "-year", "title")
    page = Paginator(plans, settings.HOME_PAGE_SIZE).get_page(request.GET.get("page"))
    # Counted for this page's plans only (grouping every plan's tasks grows with the site).
    ids = [p.id for p in page]
    # A published plan shows what its latest publication holds, not the live plan; only
    # those who may see a plan before it is published get its live count.
    published: dict[int, int] = {}
    for plan_id, count in (
        Publication.objects.filter(plan_id__in=ids)
        .order_by("plan", "-published_at", "-id")
        .values_list("plan", "task_count")
    ):
        published.setdefault(plan_id, count)
    live: dict[int, int] = dict(
        Task.objects.filter(plan_id__in=ids)
        .exclude(plan_id__in=published)
        .values_list("plan")
        .annotate(n=Count("id"))
    )
    newest = dict(
        Publication.objects.filter(plan_id__in=published)
        .order_by("plan", "published_at", "id")
        .values_list("plan", "id")
    )
    titles = dict(
        Publication.objects.filter(id__in=newest.values())
        .exclude(title="")
        .values_list("plan", "title")
    )  # as published
    figures = summary.headlines(list(newest.values()))
    governments: dict[str, list[PlanCard]] = {}
    for plan in page:
        card = PlanCard(
            plan,
            title=titles.get(plan.id, plan.title),
            task_count=published.get(plan.id, live.get(plan.id, 0)),
            published=plan.id in published,
            headline=figures.get(newest.get(plan.id, 0)),
        )
        governments.setdefault(plan.government, []).append(card)
    return render(
        request, "disclosure/home.html", {"plans": page, "page": page, "governments": governments}
    )


def _published(request: HttpRequest, plan: Plan) -> Publication:
    publication = latest_public(plan)
    if publication is None:
        raise Http404("this plan has not been published")
    return publication


@public_page
def plan_detail(request: HtmxRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    publication = latest_public(plan)
    if publication is None:
        return render(request, "disclosure/unpublished.html", {"plan": plan})
    body_key = _signed_in_key(request, plan_id)
    if body_key and len(found := fragments.get_many(f"{body_key}:{p}" for p in PARTS)) == 4:
        # What the page shows of the publication is rendered already: only the masthead is
        # the reader's own (base.html).
        return render(
            request, "disclosure/plan.html", {"body_key": body_key, "cached_fragments": found}
        )
    rows = PublishedTask.objects.filter(publication=publication)
    everything = list(rows.order_by("number"))
    categories = sorted({(r.category_order, r.category) for r in everything if r.category})
    units = sorted({u for r in everything for u in r.lead_units}, key=pinyin_key)
    form = PlanFilterForm(request.GET or None, categories=categories, units=units)
    filtered = form.is_bound and form.is_valid() and form.has_filters()
    shown = form.apply(rows.order_by("number")) if form.is_valid() else everything
    # A page at a time: a phone gets its first screen without the other hundred cards; the
    # page is in the address (?page=2), so a shared link shows what its sender saw.
    page = Paginator(shown, settings.PLAN_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "plan": plan,
        "publication": publication,
        "day": publication_day(plan, publication),
        "form": form,
        "page": page,
        "total": len(everything),
        "filtered": filtered,
        "overall": summary.overall(shown),
        "query": query.urlencode(),
        "remaining": page.paginator.count - page.end_index(),
        "next_size": min(settings.PLAN_PAGE_SIZE, page.paginator.count - page.end_index()),
        "terms": form.cleaned_data.get("q", "").split() if form.is_valid() else [],
        "active_filters": form.active_count() if form.is_valid() else 0,
        "body_key": body_key,
    }
    if request.htmx:
        return render(request, "disclosure/_task_table.html", context)
    context |= {
        "by_category": summary.by_category(everything),
        "by_unit": summary.by_unit(everything),
        "publications": plan.publications.all()[:20],
    }
    return render(request, "disclosure/plan.html", context)


PARTS = ("title", "meta", "description", "content")  # plan.html's blocks, fragments each


def _signed_in_key(request: HtmxRequest, plan_id: int) -> str:
    """The key of a whole plan page's parts for a signed-in reader (anonymous ones get the
    page from the page cache): the same for everyone, as the publication is, under the
    version that a publication or a change to the plan moves on (page_cache), the address
    and the host (the page names its own address)."""
    if not request.user.is_authenticated or request.htmx:
        return ""
    return fragments.key("plan-page", page_key(request, plan_id), request.get_host())


def pinyin_key(name: str) -> str:
    """Chinese names in the order of their reading (pinyin), as a reader looks them up."""
    return " ".join(lazy_pinyin(name))


@public_page
def task_detail(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    publication = _published(request, plan)
    task = get_object_or_404(PublishedTask, publication=publication, number=number)
    neighbours = PublishedTask.objects.filter(publication=publication)
    context = {
        "plan": plan,
        "publication": publication,
        "day": publication_day(plan, publication),
        "task": task,
        "previous": neighbours.filter(number__lt=number).order_by("-number").first(),
        "next": neighbours.filter(number__gt=number).order_by("number").first(),
    }
    return render(request, "disclosure/task.html", context)


@public_page
def publications(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    items = list(plan.publications.select_related("published_by"))
    # Each with the one before it (the office sees a plan not yet published: no pairs).
    pairs = list(zip(items, [*items[1:], None], strict=True)) if items else []
    return render(request, "disclosure/publications.html", {"plan": plan, "pairs": pairs})


@public_page
def compare(request: HttpRequest, plan_id: int, old_id: int, new_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    old = get_object_or_404(Publication, pk=old_id, plan=plan)
    new = get_object_or_404(Publication, pk=new_id, plan=plan)
    return render(
        request,
        "disclosure/compare.html",
        {"plan": plan, "old": old, "new": new, "changes": diff(old, new)},
    )


@site_page
def government(request: HttpRequest, name: str) -> HttpResponse:
    """One government's plans across the years, with their kept / not-kept counts."""
    plans = list(visible_plans(request.user).filter(government=name).order_by("year"))
    if not plans:
        raise Http404("no such government")
    rows = []
    for plan in plans:
        publication = latest_public(plan)
        tally = summary.overall(publication.tasks.all()) if publication else None
        rows.append((plan, publication, tally))
    return render(request, "disclosure/government.html", {"name": name, "rows": rows})


@site_page
def unit(request: HttpRequest, name: str) -> HttpResponse:
    """A unit's published tasks across plans and years, a page at a time: the tally counts
    them all from a few columns, the page loads only its own rows."""
    newest = Publication.objects.filter(plan=OuterRef("pk")).order_by("-published_at", "-id")
    latest_ids = (
        visible_plans(request.user)
        .annotate(newest=Subquery(newest.values("id")[:1]))
        .filter(newest__isnull=False)
        .values("newest")
    )
    candidates = (
        search.filter_tasks(PublishedTask.objects.filter(publication_id__in=latest_ids), name)
        .order_by("-publication__plan__year", "publication_id", "number")
        .annotate(said=ExpressionWrapper(~Q(completion=""), output_field=BooleanField()))
        .values_list("id", "lead_units", "co_units", "status", "status_confirmed", "said")
    )
    ids, tally = [], summary.Tally("")
    for pk, lead, co, status, confirmed, said in candidates:
        if name in lead or name in co:  # the search matched the unit's own name, not a mention
            ids.append(pk)
            tally.add(status, confirmed=confirmed, reported=said)
    if not ids:
        raise Http404("no published task for this unit")
    page = Paginator(ids, settings.UNIT_PAGE_SIZE).get_page(request.GET.get("page"))
    order = {pk: i for i, pk in enumerate(page.object_list)}
    rows = sorted(
        PublishedTask.objects.filter(id__in=page.object_list)
        .select_related("publication__plan")
        .defer("completion", "reports", "status_evidence", "adjustments", "search_text"),
        key=lambda r: order[r.pk],
    )
    return render(
        request, "disclosure/unit.html", {"name": name, "rows": rows, "tally": tally, "page": page}
    )
