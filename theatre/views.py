"""The room-time follow-up page: a hospital's rooms and clinics over a day, week, period or tertial.

Bad input ends in a Swedish message and the default choice, never an error page.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kps.querystring import chosen
from organisation import access

from . import charts, selectors
from .periods import PeriodKind, interval


def _selection(request: HttpRequest, *, report: bool = True) -> dict | None:
    """What the page shows; ``report`` tells the user about input that was not understood (the
    chart, asked for by the page with the same query, stays quiet)."""

    def say(message: str) -> None:
        if report:
            messages.error(request, message)

    sites = {s.id: s for s in selectors.visible_sites(request.user).order_by("name")}
    if not sites:
        return None
    raw_site = request.GET.get("sjukhus", "").strip()
    site = sites.get(int(raw_site)) if raw_site.isdigit() else None
    if raw_site and site is None:
        say(_("Sjukhuset ”%(value)s” finns inte här.") % {"value": raw_site[:20]})
    site = site or next(iter(sites.values()))
    clinics = {c.id: c for c in selectors.site_clinics(user=request.user, site_id=site.id)}
    rooms = {r.id: r for r in selectors.site_rooms(site_id=site.id)}
    clinic = chosen(request, "klinik", clinics, _("Kliniken"), say)
    room = chosen(request, "sal", rooms, _("Salen"), say)
    kind = request.GET.get("period", PeriodKind.WEEK)
    if kind not in PeriodKind.values:
        say(_("Välj dag, vecka, schemaperiod eller tertial."))
        kind = PeriodKind.WEEK
    today = timezone.localdate()
    raw_day = request.GET.get("datum", "").strip()
    try:
        day = date.fromisoformat(raw_day) if raw_day else today
    except ValueError:
        say(_("”%(value)s” är inget datum (ÅÅÅÅ-MM-DD); visar i dag.") % {"value": raw_day[:20]})
        day = today
    if not raw_day and kind in (PeriodKind.DAY, PeriodKind.WEEK):
        # This week is not over: the last whole one (or yesterday) is what follow-up reads.
        day = today - timedelta(days=7 if kind == PeriodKind.WEEK else 1)
    start, end = interval(kind, day)
    return {
        "sites": list(sites.values()),
        "site": site,
        "clinics": list(clinics.values()),
        "clinic": clinic,
        "rooms": list(rooms.values()),
        "room": room,
        "kinds": PeriodKind.choices,
        "kind": kind,
        "day": day,
        "start": start,
        "end": end,
    }


def _query(selection: dict) -> str:
    parts = {
        "site": selection["site"].id,
        "from": selection["start"].isoformat(),
        "to": selection["end"].isoformat(),
    }
    if selection["clinic"]:
        parts["clinic"] = selection["clinic"].id
    if selection["room"]:
        parts["room"] = selection["room"].id
    return "&".join(f"{k}={v}" for k, v in parts.items())


def _result(request: HttpRequest, selection: dict) -> selectors.Utilisation:
    return selectors.room_utilisation(
        user=request.user,
        site=selection["site"],
        start=selection["start"],
        end=selection["end"],
        clinic=selection["clinic"],
        room=selection["room"],
    )


@login_required
def index(request: HttpRequest) -> HttpResponse:
    selection = _selection(request)
    if selection is None:
        return render(request, "theatre/index.html", {"no_access": True})
    result = _result(request, selection)
    return render(
        request,
        "theatre/index.html",
        {
            **selection,
            "result": result,
            "whole_region": access.sees_whole_region(request.user),
            "chart_url": f"{reverse('theatre:chart')}?{request.GET.urlencode()}",
            "api_url": f"{reverse('theatre-api:utilisation')}?{_query(selection)}",
        },
    )


@login_required
def chart(request: HttpRequest) -> JsonResponse:
    selection = _selection(request, report=False)
    if selection is None:
        return JsonResponse({"data": [], "layout": {}})
    return JsonResponse(charts.utilisation_figure(_result(request, selection)))
