"""Shared by the planning pages: finding what the user may read, and service errors as messages."""

from __future__ import annotations

from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from .. import selectors
from ..errors import PlanConflict, PlanLocked
from ..models import Plan, PlanVersion


def visible_plan(request: HttpRequest, plan_id: int) -> Plan:
    """The plan, if the user may read it; otherwise 404, so plans of other clinics are not revealed."""
    plan = (
        selectors.plan_visible_plans(user=request.user)
        .select_related("clinic__area")
        .filter(pk=plan_id)
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def visible_version(request: HttpRequest, version_id: int) -> PlanVersion:
    version = selectors.plan_version_get(user=request.user, version_id=version_id)
    if version is None:
        raise Http404
    return version


class Outcome:
    """Whether the service inside ``service_messages`` went through."""

    ok = False


@contextmanager
def service_messages(request: HttpRequest):
    """Run a service; a refusal becomes an error message on the next page instead of a 500."""
    outcome = Outcome()
    try:
        yield outcome
        outcome.ok = True
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except PermissionDenied as error:
        messages.error(request, str(error))
    except PlanLocked as error:
        messages.error(request, error.message)
    except PlanConflict:
        messages.error(
            request,
            _("Planen har sparats av någon annan under tiden. Ingenting ändrades; försök igen."),
        )


def int_param(request: HttpRequest, name: str, default: int | None = None) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else default
