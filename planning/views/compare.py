"""Comparing two versions of a plan: what changed per activity and schedule period, and in total."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..compare import plan_versions_compare
from .common import int_param, visible_plan


def _chosen(request: HttpRequest, name: str, numbers: dict, default, errors: list[str]):
    """The version whose number the parameter names; the default, with a message, for anything else."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    if raw.isascii() and raw.isdigit() and int(raw) in numbers:
        return numbers[int(raw)]
    errors.append(
        _("Planen har ingen version ”%(value)s”; visar version %(n)s i stället.")
        % {"value": raw[:20], "n": default.number}
    )
    return default


@login_required
def compare_versions(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Version A against version B (by number): by default the latest against the one before."""
    plan = visible_plan(request, plan_id)
    versions = list(plan.versions.order_by("number"))
    context: dict = {"plan": plan, "versions": versions}
    if len(versions) < 2:
        return render(request, "planning/compare.html", context)
    numbers = {v.number: v for v in versions}
    errors: list[str] = []
    a = _chosen(request, "a", numbers, versions[-2], errors)
    b = _chosen(request, "b", numbers, versions[-1], errors)
    units = list(plan.clinic.units.order_by("name"))
    wanted = int_param(request, "enhet")
    unit = next((u for u in units if u.id == wanted), None)
    show_all = request.GET.get("alla") == "1"
    comparison = plan_versions_compare(a=a, b=b, unit_ids=[unit.id] if unit else None)
    labels: dict[int | None, str] = {
        p.number: _("Period %(n)s (v %(first)s–%(last)s)")
        % {"n": p.number, "first": p.first_week.week, "last": p.last_week.week}
        for p in comparison.periods
    }
    labels[None] = _("Hela året")
    rows = comparison.rows if show_all else comparison.changed_rows
    context.update(
        errors=errors,
        a=a,
        b=b,
        units=units,
        unit=unit,
        scope=_("enheten %(unit)s") % {"unit": unit.name} if unit else _("klinikens alla enheter"),
        show_all=show_all,
        comparison=comparison,
        rows=[(row, labels[row.period]) for row in rows],
        totals=[(row, labels[row.period]) for row in comparison.totals],
    )
    return render(request, "planning/compare.html", context)
