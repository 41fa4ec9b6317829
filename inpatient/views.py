"""The inpatient pages: the bed follow-up and the Erlang calculator.

Bad input ends in a Swedish message and the default choice, never an error page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from followup.templatetags.followup_format import amount, share
from kps.figure_cache import cached
from kps.querystring import chosen

from . import charts, erlang, selectors
from .api.erlang import ErlangQuery
from .calculator import erlang_answer
from .choices import Level, Period
from .figures import BedFollowup, Figures, GroupFigures

T = TypeVar("T")


def _day(request: HttpRequest, name: str, default: date, say) -> date:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        say(_("”%(value)s” är inget datum (ÅÅÅÅ-MM-DD).") % {"value": raw[:20]})
        return default


def _selection(request: HttpRequest, *, report: bool = True) -> dict | None:
    def say(message: str) -> None:
        if report:
            messages.error(request, message)

    wards = list(selectors.visible_wards(request.user))
    if not wards:
        return None
    sites = {s.id: s for s in selectors.ward_sites(wards)}
    clinics = {c.id: c for c in selectors.ward_clinics(wards)}
    site = chosen(request, "sjukhus", sites, _("Sjukhuset"), say)
    clinic = chosen(request, "klinik", clinics, _("Kliniken"), say)
    ward = chosen(request, "avdelning", {w.unit_id: w for w in wards}, _("Avdelningen"), say)
    period = request.GET.get("period", Period.WEEK)
    if period not in Period.values:
        say(_("Välj dag, vecka eller tertial."))
        period = Period.WEEK
    level = request.GET.get("niva", Level.WARD)
    if level not in Level.values:
        say(_("Välj vårdavdelning, klinik, sjukhus eller region."))
        level = Level.WARD
    today = timezone.localdate()
    # The last twelve whole weeks, what a follow-up meeting reads.
    last_sunday = today - timedelta(days=today.isoweekday())
    end = _day(request, "till", last_sunday, say)
    start = _day(request, "fran", end - timedelta(weeks=12) + timedelta(days=1), say)
    if end < start or (end - start).days + 1 > selectors.MAX_DAYS:
        say(_("Välj ett intervall där första dagen kommer före sista, högst fem år."))
        end, start = last_sunday, last_sunday - timedelta(weeks=12) + timedelta(days=1)
    return {
        "sites": list(sites.values()),
        "site": site,
        "clinics": list(clinics.values()),
        "clinic": clinic,
        "wards": sorted(wards, key=lambda w: w.unit.name),
        "ward": ward,
        "periods": Period.choices,
        "period": period,
        "levels": Level.choices,
        "level": level,
        "start": start,
        "end": end,
    }


def _followup(request: HttpRequest, selection: dict) -> tuple:
    """The arguments of ``selectors.followup_figures`` for the selection; access is resolved
    here, on every request, before any cache is asked."""
    groups = selectors.followup_groups(
        user=request.user,
        level=selection["level"],
        site=selection["site"].id if selection["site"] else None,
        clinic=selection["clinic"].id if selection["clinic"] else None,
        ward=selection["ward"].unit_id if selection["ward"] else None,
    )
    return (groups, selection["start"], selection["end"], selection["period"], selection["level"])


def _presented(figures: tuple, name: str, present: Callable[[BedFollowup], T]) -> T:
    """The figures as ``present`` writes them (the page's tables, the chart), made once per
    change of the data (``kps.figure_cache``)."""
    return cached(
        name,
        selectors.followup_inputs(*figures),
        lambda: present(selectors.followup_figures(*figures)),
    )


def _api_query(selection: dict) -> str:
    parts = {
        "from": selection["start"].isoformat(),
        "to": selection["end"].isoformat(),
        "period": selection["period"],
        "level": selection["level"],
    }
    for name in ("site", "clinic"):
        if selection[name]:
            parts[name] = selection[name].id
    if selection["ward"]:
        parts["ward"] = selection["ward"].unit_id
    return "&".join(f"{k}={v}" for k, v in parts.items())


@login_required
def index(request: HttpRequest) -> HttpResponse:
    selection = _selection(request)
    if selection is None:
        return render(request, "inpatient/index.html", {"no_access": True})
    # The figures and the groups' totals, made once per change of the data; each group's
    # periods (a hospital's tertial per week is some four thousand figures) are fetched
    # when its block is opened (``periods``), so a change costs only the figures.
    page = _presented(_followup(request, selection), "inpatient:page", _page)
    return render(
        request,
        "inpatient/index.html",
        {
            **selection,
            **page,
            "periods_url": _periods_url(request),
            "chart_url": f"{reverse('inpatient:chart')}?{request.GET.urlencode()}",
            "api_url": f"{reverse('inpatient-api:occupancy')}?{_api_query(selection)}",
        },
    )


def _page(result: BedFollowup) -> dict:
    """What the page caches: the figures, the groups' totals with the whole selection's, and
    a lone group's periods (its block is open)."""
    row = _writer()
    totals = [
        *(row(g.name, g.total) for g in result.groups),
        row(_("Hela urvalet"), result.total, strong=True),
    ]
    return {
        "result": result,
        "tables": render_to_string("inpatient/_figures_tables.html", {"rows": totals}),
        "lone_group": _periods(result.groups[0]) if len(result.groups) == 1 else "",
    }


def _periods(group: GroupFigures) -> str:
    """A group's table of periods, as the page's block holds it."""
    row = _writer()
    return render_to_string(
        "inpatient/_figures_periods.html",
        {"rows": [row(p.label, p.figures) for p in group.periods]},
    )


def _writer() -> Callable[..., dict]:
    """A table row's figures written here once rather than by a template filter per cell,
    each distinct figure once (beds and counts repeat week by week)."""
    written: dict[tuple, str] = {}

    def write(how: Callable[..., str], value: float | None, digits: int = 0) -> str:
        key = (how, value, digits)
        if key not in written:
            # Digits, separators, "–" and "%": nothing to escape, so the template need not.
            written[key] = mark_safe(how(value, digits))  # noqa: S308
        return written[key]

    def row(name: str, f: Figures, *, strong: bool = False) -> dict:
        return {
            "name": name,
            "strong": strong,
            "staffed": write(amount, f.staffed_beds, 1),
            "occupied": write(amount, f.occupied_beds, 1),
            "occupancy": write(share, f.occupancy, 1),
            "overcrowding": write(amount, f.overcrowding),
            "overcrowding_per_100": write(amount, f.overcrowding_per_100, 1),
            "outlying": write(amount, f.outlying),
            "outlying_per_100": write(amount, f.outlying_per_100, 1),
            "admissions": write(amount, f.admissions),
            "discharges": write(amount, f.discharges),
            "stay": write(amount, f.mean_length_of_stay, 1),
        }

    return row


def _periods_url(request: HttpRequest) -> str:
    """The address of a group's periods but for its number, which the page appends."""
    query = request.GET.copy()
    query.pop("grupp", None)
    query["grupp"] = ""
    return f"{reverse('inpatient:periods')}?{query.urlencode()}"


@login_required
def periods(request: HttpRequest) -> HttpResponse:
    """One group's table of periods (``grupp``: its place on the page), fetched when its block
    is opened; the page's selection and access, and its cached figures."""
    selection = _selection(request, report=False)
    if selection is None:
        return HttpResponse(
            _("Du har inte tillgång till någon klinik med vårdavdelningar."), status=403
        )
    figures = _followup(request, selection)
    groups = _presented(figures, "inpatient:page", _page)["result"].groups
    raw = request.GET.get("grupp", "")
    if not raw.isdigit() or int(raw) >= len(groups):
        return HttpResponse(_("Gruppen finns inte i urvalet."), status=404)
    index = int(raw)
    return HttpResponse(
        cached(
            "inpatient:periods",
            (selectors.followup_inputs(*figures), index),
            lambda: _periods(groups[index]),
        )
    )


@login_required
def chart(request: HttpRequest) -> JsonResponse:
    selection = _selection(request, report=False)
    if selection is None:
        return JsonResponse({"data": [], "layout": {}})
    return JsonResponse(
        _presented(_followup(request, selection), "inpatient:chart", charts.occupancy_figure)
    )


@login_required
def calculator(request: HttpRequest) -> HttpResponse:
    """The calculator: a load (or admissions and stay), beds to try and a blocking target."""
    given = {k: v.strip().replace(",", ".") for k, v in request.GET.items() if v.strip()}
    answer, errors, table = None, {}, []
    if given:
        query = ErlangQuery(data=given)
        if query.is_valid():
            answer = erlang_answer(**query.validated_data)
            table = _around(answer)
        else:
            errors = {name: [str(m) for m in msgs] for name, msgs in query.errors.items()}
    return render(
        request,
        "inpatient/erlang.html",
        {
            "given": given,
            "answer": answer,
            "errors": errors,
            "table": table,
            "api_url": f"{reverse('inpatient-api:erlang')}?{request.GET.urlencode()}",
        },
    )


def _around(answer) -> list[dict]:
    """Blocking and occupancy for bed counts around the ones asked about, for the table."""
    centre = answer.beds or answer.beds_needed
    if centre is None or answer.load > 20_000:
        return []
    rows = []
    for beds in range(max(1, centre - 4), centre + 5):
        rows.append(
            {
                "beds": beds,
                "blocking": erlang.blocking(answer.load, beds),
                "occupancy": erlang.occupancy(answer.load, beds),
                "current": beds == centre,
            }
        )
    return rows
