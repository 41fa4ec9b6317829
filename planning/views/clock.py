"""The schedule clock of an area: when each period's schedule must be laid, and whose plan was ready."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from organisation import access
from organisation import selectors as organisation_selectors
from organisation.calendar import IsoWeek

from .. import selectors
from .common import int_param


def _state(approvals: list, lay_by, today) -> dict:
    """Green: approved by the lay-by date; yellow: approved, but later; red: none and too late."""
    local = [(timezone.localtime(at).date(), number) for at, number, _status in approvals]
    in_time = [a for a in local if a[0] <= lay_by]
    if in_time:
        return {"light": "green", "date": in_time[0][0], "version": in_time[0][1], "key": "in_time"}
    if local:
        return {"light": "yellow", "date": local[0][0], "version": local[0][1], "key": "late"}
    if lay_by < today:
        return {"light": "red", "date": None, "version": None, "key": "missing"}
    return {"light": "", "date": None, "version": None, "key": "pending"}


@login_required
def schedule_clock(request: HttpRequest, area_id: int) -> HttpResponse:
    area = access.visible_areas(request.user).filter(pk=area_id).first()
    if area is None:
        raise Http404
    today = timezone.localdate()
    year = int_param(request, "ar", IsoWeek.of(today).year + 1)
    if not 2000 <= year <= 2100:
        raise Http404
    periods = organisation_selectors.schedule_periods(area=area, year=year)
    clinics = list(access.visible_clinics(request.user).filter(area=area).order_by("name"))
    approvals = selectors.plan_approved_by_lay_by(clinic_ids=[c.id for c in clinics], year=year)
    plans = dict(
        selectors.plan_visible_plans(user=request.user)
        .filter(clinic__in=clinics, year=year)
        .values_list("clinic_id", "id")
    )
    rows = [
        {
            "clinic": clinic,
            "plan_id": plans.get(clinic.id),
            "periods": [_state(approvals.get(clinic.id, []), p.lay_by, today) for p in periods],
        }
        for clinic in clinics
    ]
    ready = [
        sum(1 for r in rows if r["periods"][i]["key"] == "in_time") for i in range(len(periods))
    ]
    return render(
        request,
        "planning/clock.html",
        {
            "area": area,
            "year": year,
            "years": [year - 1, year, year + 1],
            "periods": [
                {"period": p, "ready": ready[i], "days_left": (p.lay_by - today).days}
                for i, p in enumerate(periods)
            ],
            "rows": rows,
            "clinic_count": len(clinics),
        },
    )
