from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from organisation import access


@login_required
def index(request: HttpRequest) -> HttpResponse:
    clinics = access.visible_clinics(request.user).select_related("area").order_by("area__name", "name")
    return render(request, "waitlists/index.html", {"clinics": clinics})
