"""The plan grid: one unit of one version, activities by weeks, saved through the REST API."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation import access

from .. import grid as grid_data
from .common import int_param, visible_version


def grid_text() -> dict[str, str]:
    """What the grid's script says to the user, translated here so the script holds no language."""
    return {
        "activity": _("Aktivitet"),
        "sum": _("Summa"),
        "period": _("Period"),
        "periodTotal": _("Summa schemaperiod"),
        "tertials": _("Tertialer"),
        "tertial": _("Tertial"),
        "year": _("År"),
        "yearTotal": _("Årets summa"),
        "week": _("Vecka"),
        "workingDays": _("arbetsdagar"),
        "summer": _("sommarvecka"),
        "unsaved": _("%s osparade ändringar"),
        "allSaved": _("Allt är sparat"),
        "undone": _("Ångrat."),
        "redone": _("Gjort om."),
        "notANumber": _(
            "Skriv ett tal som är 0 eller större (t.ex. 12 eller 12,5), eller lämna cellen tom."
        ),
        "selectFirst": _("Markera först en cell eller ett område i veckokolumnerna."),
        "pasteInWeeks": _("Klistra in i veckokolumnerna."),
        "pasteRefused": _("Inget klistrades in: några värden är inte tal:"),
        "pasteCut": _(
            "Det som inte fick plats (efter årets sista vecka eller sista raden) klistrades inte in."
        ),
        "pasted": _("%s celler ändrades."),
        "filled": _("%s celler fylldes."),
        "cleared": _("%s celler tömdes."),
        "totalNotANumber": _("Skriv årssumman som ett tal."),
        "spreadDone": _("Årssumman fördelades: %s celler ändrades."),
        "noData": _("Saknar underlag"),
        "green": _("Grön"),
        "yellow": _("Gul"),
        "red": _("Röd"),
        "missing": _("HR-uppgift saknas"),
        "roomTime": _("Salstid (operationsrådet)"),
        "nothingToSave": _("Inget att spara."),
        "saving": _("Sparar …"),
        "saved": _("Sparat: %s celler ändrades (revision %r)."),
        "saveFailed": _("Det gick inte att spara. Dina ändringar finns kvar; försök igen."),
        "merged": _(
            "%s ändringar från andra lästes in. %k celler har ni båda ändrat: dina värden står kvar och sparas när du sparar."
        ),
        "leaveUnsaved": _("Du har osparade ändringar. Vill du lämna dem?"),
        "refOutcome": _("Utfall %s"),
        "refOutcomeTip": _("Utfall samma ISO-vecka föregående år (skrivskyddat)"),
        "refBooked": _("Bokat"),
        "refBookedTip": _("Bokade kontakter per vecka enligt senaste bokningsläget (skrivskyddat)"),
        "pasteInPlan": _("Klistra in på en aktivitets rad, inte på en referensrad."),
        "noBedCheck": _("Ingen plan eller inget underlag för veckan"),
        "levelFilled": _(
            "Vårdplatser är en nivå och fördelas inte: varje vecka fick talet (%s celler ändrades)."
        ),
        "levelMean": _(
            "Medel per vecka med planerade vårdplatser: en nivå, ingen volym, så den ingår inte "
            "i summaraden."
        ),
    }


@login_required
def grid(request: HttpRequest, version_id: int) -> HttpResponse:
    version = visible_version(request, version_id)
    plan = version.plan
    units = list(plan.clinic.units.order_by("name"))
    if not units:
        raise Http404
    wanted = int_param(request, "enhet")
    unit = next((u for u in units if u.id == wanted), units[0])
    data = grid_data.plan_grid_data(
        version=version, unit=unit, user=request.user, as_of=timezone.localdate()
    )
    return render(
        request,
        "planning/grid.html",
        {
            "plan": plan,
            "version": version,
            "versions": plan.versions.order_by("-number"),
            "units": units,
            "unit": unit,
            "grid": data,
            "grid_text": grid_text(),
            "can_edit": access.can_edit_plan(request.user, plan.clinic),
        },
    )
