from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from . import access, selectors, worklist
from .models import Area


@login_required
def home(request: HttpRequest) -> HttpResponse:
    clinics = (
        access.visible_clinics(request.user)
        .select_related("area", "site")
        .order_by("area__name", "name")
    )
    first = clinics.first()
    area = first.area if first else Area.objects.first()
    today = timezone.localdate()
    return render(
        request,
        "organisation/home.html",
        {
            "clinics": clinics,
            "clinic_count": clinics.count(),
            "whole_region": access.sees_whole_region(request.user),
            "today": selectors.today_in_calendar(area=area, today=today),
            "worklist": worklist.worklist(user=request.user, today=today),
            "area": area,
        },
    )


class LoginView(auth_views.LoginView):
    """Django's login, plus one-click demo accounts when the demo has switched them on."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.KPS_DEMO_LOGIN:
            from demo.users import DEMO_USERS

            context["demo_users"] = DEMO_USERS
        return context


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for the container health check: the app answers and the database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
