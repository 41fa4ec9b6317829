"""Pages of the follow-up dashboards; each calls the selectors and renders what they return."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Follow-up starts at the call-in, the view most users open every week."""
    query = request.GET.urlencode()
    return redirect(reverse("followup:callin") + (f"?{query}" if query else ""))
