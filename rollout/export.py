"""The rollout overview as an Excel workbook for the tertial report (delårsrapport)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from imports import safe_cell

from .evidence import CALL_IN_WEEKS, SOURCES, PlanEvidence
from .selectors import TERTIALS, AreaIndicators, ClinicRollout

DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0%"


def _write(sheet: Worksheet, values: list) -> None:
    # Every text cell passes safe_cell: clinic names and notes come from users and imports.
    sheet.append([safe_cell(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, date):
            cell.number_format = DATE_FORMAT


def _header(sheet: Worksheet, values: list[str]) -> None:
    _write(sheet, values)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = f"A{sheet.max_row + 1}"


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _plan(evidence: PlanEvidence | None) -> str:
    return _("Ja") if evidence and evidence.approved else _("Nej")


def _indicator_row(area: AreaIndicators, name: str) -> list:
    shares = [area.outcome[t].share if area.outcome.get(t) else None for t in TERTIALS]
    return [
        name,
        area.clinics,
        area.plan_target,
        *[area.with_plan[t] for t in TERTIALS],
        *[float(s) if s is not None else None for s in shares],
    ]


def rollout_workbook(*, rows: list[ClinicRollout], indicators: dict, today: date) -> bytes:
    """Three sheets: the indicators per area and tertial, every clinic's programme, and the late steps."""
    year = indicators["year"]
    book = Workbook()
    sheet = book.active
    sheet.title = _("Indikatorer")
    sheet.append([safe_cell(_("KPS-införande, delårsrapport %(year)s") % {"year": year})])
    sheet["A1"].font = Font(bold=True, size=14)
    source = dict(SOURCES)[indicators["source"]]
    sheet.append([_("Uttaget"), today, _("Utfall enligt %(label)s") % {"label": source}])
    sheet["B2"].number_format = DATE_FORMAT
    sheet.append([])
    _header(
        sheet,
        [
            _("Verksamhetsområde"),
            _("Kliniker"),
            _("Mål: kliniker med produktionsplan"),
            *[_("Med fastställd plan T%(t)s") % {"t": t} for t in TERTIALS],
            *[_("Utfall mot plan T%(t)s (mål 100 %%)") % {"t": t} for t in TERTIALS],
        ],
    )
    for area in indicators["areas"]:
        _write(sheet, _indicator_row(area, area.area_name))
    _write(sheet, _indicator_row(indicators["total"], _("Hela regionen")))
    sheet[sheet.max_row][0].font = Font(bold=True)
    for row in sheet.iter_rows(min_row=5, min_col=7, max_col=9):
        for cell in row:
            cell.number_format = PERCENT_FORMAT
    _widths(sheet, [30, 10, 16, 14, 14, 14, 16, 16, 16])

    clinics = book.create_sheet(_("Kliniker"))
    _header(
        clinics,
        [
            _("Verksamhetsområde"),
            _("Klinik"),
            _("Kod"),
            _("Status"),
            _("Nästa steg"),
            _("Nästa steg senast"),
            _("Steg klara"),
            _("Steg totalt"),
            _("Områdeschefens beslut"),
            _("Programstart"),
            _("Planerat slut"),
            _("Avslutat"),
            _("Försenade steg"),
            _("Fastställd plan %(year)s") % {"year": year},
            _("Fastställd plan %(year)s") % {"year": year + 1},
            _("Call-in-möten loggade senaste %(n)s veckorna") % {"n": CALL_IN_WEEKS},
        ],
    )
    for row in rows:
        _write(
            clinics,
            [
                row.area_name,
                row.clinic_name,
                row.clinic_code,
                str(row.status.label),
                str(row.next_step.label) if row.next_step else "",
                row.next_due,
                row.steps_done,
                row.steps_total,
                row.decision_date,
                row.start,
                row.planned_end,
                row.completed_on,
                len(row.overdue),
                _plan(row.plan_this_year),
                _plan(row.plan_next_year),
                row.meetings,
            ],
        )
    _widths(clinics, [26, 30, 10, 20, 40, 14, 10, 10, 14, 12, 12, 12, 10, 14, 14, 18])

    late = book.create_sheet(_("Försenade steg"))
    _header(late, [_("Verksamhetsområde"), _("Klinik"), _("Steg"), _("Skulle vara klart")])
    for row in rows:
        for step, due in row.overdue:
            _write(late, [row.area_name, row.clinic_name, str(step.label), due])
    _widths(late, [26, 30, 50, 16])

    out = BytesIO()
    book.save(out)
    return out.getvalue()
