from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from organisation import access, selectors
from organisation.calendar import IsoWeek
from organisation.models import Activity


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The schedule clock and the reference data a plan is built from, per visible area."""
    year = IsoWeek.of(timezone.localdate()).year + 1
    areas = access.visible_areas(request.user).order_by("name")
    clocks = [(area, selectors.schedule_periods(area=area, year=year)) for area in areas]
    clinics = access.visible_clinics(request.user).select_related("area").order_by("area__name", "name")
    return render(
        request,
        "planning/index.html",
        {
            "year": year,
            "clocks": clocks,
            "clinics": clinics,
            "activities": Activity.objects.all(),
            "editable_ids": {c.id for c in clinics if access.can_edit_plan(request.user, c)},
        },
    )
