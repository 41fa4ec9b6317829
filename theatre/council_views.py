"""The operating-room council's pages: the hospital's need against its allocation, the proposal
the council edits and decides, a printable council view and the Excel export.

Thin: reads come from ``theatre.need`` and ``theatre.council``, writes go through
``theatre.services``. Bad input ends in a Swedish message and the page, never an error page.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kps.errors import DomainError
from organisation.calendar import Period
from organisation.models import Site
from waitlists.exports import csv_response, xlsx_response

from . import council, council_charts, exports, services
from .models import Allocation
from .need import coming_period, council_need, visible_need
from .selectors import visible_sites


def _site(request: HttpRequest) -> tuple[list[Site], Site | None]:
    sites = list(visible_sites(request.user).order_by("name"))
    raw = request.GET.get("sjukhus", request.POST.get("sjukhus", "")).strip()
    site = next((s for s in sites if raw.isdigit() and s.id == int(raw)), None)
    if raw and site is None:
        messages.error(request, _("Sjukhuset ”%(value)s” finns inte här.") % {"value": raw[:20]})
    return sites, site or (sites[0] if sites else None)


def _period(request: HttpRequest) -> Period:
    """The period asked for (``fran``, ``till``), or the coming schedule period."""
    raw_from, raw_to = request.POST.get("fran", "").strip(), request.POST.get("till", "").strip()
    if not raw_from and not raw_to:
        return coming_period()
    try:
        start, end = date.fromisoformat(raw_from), date.fromisoformat(raw_to)
    except ValueError as error:
        raise DomainError(_("Ange periodens första och sista dag som ÅÅÅÅ-MM-DD.")) from error
    if end < start or (end - start).days >= services.MAX_PERIOD_DAYS:
        raise DomainError(_("Perioden ska sluta efter att den börjar och vara högst 20 veckor."))
    return Period(0, start, end, start)


def _allocations_by_clinic(allocation: Allocation | None, weeks: float) -> dict[int, float]:
    if allocation is None:
        return {}
    hours: dict[int, float] = {}
    for s in allocation.sessions.all():
        if s.clinic_id:
            hours[s.clinic_id] = hours.get(s.clinic_id, 0.0) + s.hours / weeks
    return hours


def _overview(request: HttpRequest, site: Site) -> dict:
    period = coming_period()
    picture = council_need(site=site, period=period)
    needs = visible_need(user=request.user, clinics=picture.clinics)
    if council.sees_whole_allocation(request.user, site.id):
        needs = picture.clinics
    allocations = list(council.visible_allocations(request.user).filter(site=site)[:20])
    current = next(
        (a for a in allocations if a.start == period.start and a.end == period.end), None
    )
    weeks = ((period.end - period.start).days + 1) / 7
    allocated = _allocations_by_clinic(current, weeks)
    rows = [{"need": n, "allocated": allocated.get(n.clinic_id)} for n in needs]
    return {
        "period": period,
        "picture": picture,
        "rows": rows,
        "allocations": allocations,
        "current": current,
        "may_decide": council.may_decide(request.user, site.id),
        "from_hospital": any(n.minutes_from_hospital for n in needs),
        "min_per_week": settings.KPS_THEATRE_MIN_SESSIONS_PER_WEEK,
    }


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The hospital's need against its allocation, and the council's allocations."""
    sites, site = _site(request)
    if site is None:
        return render(request, "theatre/council.html", {"no_access": True})
    return render(
        request,
        "theatre/council.html",
        {
            "sites": sites,
            "site": site,
            **_overview(request, site),
            "chart_url": f"{reverse('theatre:council_chart')}?sjukhus={site.id}",
            "csv_url": f"{reverse('theatre:council_chart')}?sjukhus={site.id}&format=csv",
            "xlsx_url": f"{reverse('theatre:council_chart')}?sjukhus={site.id}&format=xlsx",
        },
    )


@login_required
def overview_chart(request: HttpRequest) -> HttpResponse:
    """The chart's figure, or its data as CSV or Excel (``format``)."""
    sites = {s.id: s for s in visible_sites(request.user)}
    raw = request.GET.get("sjukhus", "")
    site = sites.get(int(raw)) if raw.isdigit() else None
    if site is None:
        return JsonResponse({"data": [], "layout": {}})
    data = _overview(request, site)
    download = request.GET.get("format")
    if download in ("csv", "xlsx"):
        table = council_charts.need_table(data["rows"])
        filename = f"operationsrad_{site.code}_{data['period'].start:%Y%m%d}"
        respond = csv_response if download == "csv" else xlsx_response
        return respond(table, filename)
    return JsonResponse(council_charts.need_figure(data["rows"]))


@login_required
@require_POST
def propose(request: HttpRequest) -> HttpResponse:
    _sites, site = _site(request)
    if site is None:
        raise Http404
    back = f"{reverse('theatre:council')}?sjukhus={site.id}"
    try:
        minimums = {}
        for key, value in request.POST.items():
            if key.startswith("min_") and value.strip():
                if not (key[4:].isdigit() and value.strip().isdigit()):
                    raise DomainError(_("Minsta antal salstider är ett heltal, 0 eller mer."))
                minimums[int(key[4:])] = int(value.strip())
        allocation = services.allocation_propose(
            site=site, period=_period(request), user=request.user, minimums=minimums
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(back)
    messages.success(request, _("Förslaget är klart. Granska, ändra och besluta det."))
    return redirect("theatre:allocation", pk=allocation.pk)


def _visible(request: HttpRequest, pk: int) -> Allocation:
    allocation = council.visible_allocations(request.user).filter(pk=pk).first()
    if allocation is None:
        raise Http404
    return allocation


def _grid(view: council.AllocationView) -> list[dict]:
    """Days as rows, rooms as columns: each cell the sessions of that room and day."""
    colours = {c.id: c.colour for c in view.clinics}
    names = {c.id: c.name for c in view.clinics}
    by_day: dict[date, dict[int, list]] = {}
    for s in view.sessions:
        s.colour = colours.get(s.clinic_id)
        s.clinic_name = names.get(s.clinic_id, "")
        by_day.setdefault(s.date, {}).setdefault(s.room_id, []).append(s)
    return [
        {"day": day, "cells": [rooms.get(r.id, []) for r in view.rooms]}
        for day, rooms in sorted(by_day.items())
    ]


def _context(request: HttpRequest, allocation: Allocation) -> dict:
    view = council.allocation_view(user=request.user, allocation=allocation)
    # The clinics each room admits, as the options of its sessions' choice.
    admitted = {
        r.id: [c for c in view.clinics if c.id in {x.id for x in r.clinics.all()}]
        for r in view.rooms
    }
    grid = _grid(view)
    for row in grid:
        row["cells"] = [
            (sessions, admitted[room.id])
            for sessions, room in zip(row["cells"], view.rooms, strict=True)
        ]
    return {
        "view": view,
        "allocation": allocation,
        "grid": grid,
        "explanation": allocation.explanation,
    }


@login_required
def allocation(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposal (editable by the council while proposed) or the decision."""
    found = _visible(request, pk)
    if request.method == "POST":
        return _edit(request, found)
    return render(request, "theatre/allocation.html", _context(request, found))


def _edit(request: HttpRequest, allocation: Allocation) -> HttpResponse:
    try:
        if request.POST.get("action") == "decide":
            services.allocation_decide(
                allocation=allocation, user=request.user, note=request.POST.get("note", "")
            )
            messages.success(request, _("Fördelningen är beslutad och är nu periodens salsplan."))
        else:
            current = {s.id: s.clinic_id for s in allocation.sessions.all()}
            moved = 0
            for key, value in request.POST.items():
                if not key.startswith("s_"):
                    continue
                session_id = int(key[2:]) if key[2:].isdigit() else 0
                clinic_id = int(value) if value.isdigit() else None
                if value and clinic_id is None:
                    raise DomainError(_("Okänd klinik."))
                if session_id in current and current[session_id] != clinic_id:
                    services.allocation_move(
                        allocation=allocation,
                        session_id=session_id,
                        clinic_id=clinic_id,
                        user=request.user,
                    )
                    moved += 1
            messages.success(request, _("%(n)s salstider flyttades.") % {"n": moved})
    except DomainError as error:
        messages.error(request, error.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("theatre:allocation", pk=allocation.pk)


@login_required
def allocation_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The council's view for the meeting's papers: the shares, their reasons and the plan."""
    return render(
        request, "theatre/allocation_print.html", _context(request, _visible(request, pk))
    )


@login_required
def allocation_excel(request: HttpRequest, pk: int) -> HttpResponse:
    view = council.allocation_view(user=request.user, allocation=_visible(request, pk))
    return exports.allocation_xlsx(view)
