"""The council's allocation as an Excel workbook: the clinics' shares and every session."""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from imports import safe_cell

from .council import AllocationView

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(book: Workbook, title: str, header: list[str], rows: list[list], *, first: bool = False):
    sheet = book.active if first else book.create_sheet()
    sheet.title = title[:31]
    sheet.append([safe_cell(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = min(
            60, max(10, *(len(str(c.value or "")) for c in column[:50]))
        )


def allocation_xlsx(view: AllocationView) -> HttpResponse:
    allocation = view.allocation
    book = Workbook()
    _sheet(
        book,
        _("Kliniker"),
        [
            _("Klinik"),
            _("Salstider"),
            _("Timmar"),
            _("Behov, timmar"),
            _("Ouppfyllt, timmar"),
            _("Minst, salstider"),
            _("Vikt"),
            _("Motivering"),
        ],
        [
            [
                c.name,
                c.sessions,
                round(c.hours, 1),
                round(c.need_hours, 1),
                round(c.unmet_hours, 1),
                c.minimum_sessions,
                round(c.weight, 2),
                c.explanation,
            ]
            for c in view.clinics
        ],
        first=True,
    )
    names = {c.id: c.name for c in view.clinics}
    _sheet(
        book,
        _("Salstider"),
        [_("Dag"), _("Sal"), _("Start"), _("Slut"), _("Timmar"), _("Klinik")],
        [
            [
                s.date,
                s.room.name,
                s.start_time.strftime("%H:%M"),
                s.end_time.strftime("%H:%M"),
                s.hours,
                names.get(s.clinic_id, "") if s.clinic_id else _("Ofördelad"),
            ]
            for s in view.sessions
        ],
    )
    status = allocation.get_status_display()
    _sheet(
        book,
        _("Beslut"),
        [
            _("Sjukhus"),
            _("Från"),
            _("Till"),
            _("Status"),
            _("Beslutad av"),
            _("Beslutad"),
            _("Anteckning"),
        ],
        [
            [
                allocation.site.name,
                allocation.start,
                allocation.end,
                status,
                allocation.decided_by.get_full_name() or allocation.decided_by.get_username()
                if allocation.decided_by
                else "",
                timezone.localtime(allocation.decided_at).strftime("%Y-%m-%d %H:%M")
                if allocation.decided_at
                else "",
                allocation.note,
            ]
        ],
    )
    output = io.BytesIO()
    book.save(output)
    response = HttpResponse(output.getvalue(), content_type=XLSX)
    filename = f"salsfordelning_{allocation.site.code}_{allocation.start:%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
