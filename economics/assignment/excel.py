"""A production assignment as an Excel workbook for the budget dialogue.

One sheet for the assignment: per activity its volume per tertial, the expected points, the
point price and the money, with the sums as formulas so the dialogue can try other figures;
one for its follow-up per tertial when the version is the approved one.
"""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from imports import safe_cell

from ..choices import CareForm
from . import selectors
from .models import TERTIALS, AssignmentVersion

BOLD = Font(bold=True)
KRONOR = "#,##0"
POINTS = "#,##0.0"
HEADER_ROW = 6


def _unit(line) -> str:
    return _("vårdplatsdygn") if line.care_form == CareForm.INPATIENT else _("kontakter")


def assignment_workbook(*, version: AssignmentVersion) -> bytes:
    assignment = version.assignment
    book = Workbook()
    sheet = book.active
    sheet.title = _("Produktionsuppdrag")
    sheet["A1"] = safe_cell(
        _("Produktionsuppdrag %(clinic)s %(year)s")
        % {"clinic": assignment.clinic.name, "year": assignment.year}
    )
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"], sheet["B2"] = _("Version"), version.number
    sheet["C2"] = str(version.get_status_display())
    sheet["A3"], sheet["B3"] = _("Utskriven"), timezone.localtime().strftime("%Y-%m-%d %H:%M")
    sheet["A4"] = _(
        "DRG-poäng = volym × DRG-poäng per volymenhet; belopp = DRG-poäng × pris per poäng."
    )
    sheet["A4"].font = Font(italic=True)
    header = [
        _("Aktivitet"),
        _("Vårdform"),
        _("Enhet"),
        _("Volym T1"),
        _("Volym T2"),
        _("Volym T3"),
        _("Volym år"),
        _("DRG-poäng per volymenhet"),
        _("DRG-poäng"),
        _("Pris per poäng (kr)"),
        _("Belopp (kr)"),
    ]
    for col, label in enumerate(header, start=1):
        sheet.cell(row=HEADER_ROW, column=col, value=label).font = BOLD
    lines = selectors.version_lines(version=version)
    row = HEADER_ROW
    for row, line in enumerate(lines, start=HEADER_ROW + 1):
        values = [
            safe_cell(line.activity.name),
            str(line.get_care_form_display()),
            _unit(line),
            float(line.volume_t1),
            float(line.volume_t2),
            float(line.volume_t3),
            f"=SUM(D{row}:F{row})",
            float(line.points_per_volume),
            f"=G{row}*H{row}",
            float(line.price_per_point),
            f"=I{row}*J{row}",
        ]
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=col, value=value)
            if col in (4, 5, 6, 7):
                cell.number_format = KRONOR
            elif col == 9:
                cell.number_format = POINTS
            elif col in (10, 11):
                cell.number_format = KRONOR
    total = row + 1
    sheet.cell(row=total, column=1, value=_("Summa")).font = BOLD
    for col in (9, 11):
        letter = get_column_letter(col)
        cell = sheet.cell(
            row=total, column=col, value=f"=SUM({letter}{HEADER_ROW + 1}:{letter}{row})"
        )
        cell.font = BOLD
        cell.number_format = POINTS if col == 9 else KRONOR
    for col, width in zip(range(1, 12), (30, 14, 16, 11, 11, 11, 11, 14, 12, 14, 16), strict=True):
        sheet.column_dimensions[get_column_letter(col)].width = width
    if version.status == "approved":
        _followup_sheet(book, version)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _followup_sheet(book: Workbook, version: AssignmentVersion) -> None:
    assignment = version.assignment
    followup = selectors.assignment_followup(
        clinic_ids=[assignment.clinic_id], year=assignment.year, today=timezone.localdate()
    )
    (clinic,) = followup.clinics
    sheet = book.create_sheet(_("Uppföljning"))
    sheet["A1"] = _("Producerade DRG-poäng mot uppdraget %(year)s") % {"year": assignment.year}
    sheet["A1"].font = Font(bold=True, size=14)
    header = [
        _("Period"),
        _("Uppdrag, DRG-poäng"),
        _("Producerat, DRG-poäng"),
        _("Uppdragets belopp (kr)"),
        _("Ersättning per poäng (kr)"),
        _("Skillnad (kr)"),
    ]
    for col, label in enumerate(header, start=1):
        sheet.cell(row=3, column=col, value=label).font = BOLD
    periods = [(f"T{t}", clinic.tertials[t]) for t in TERTIALS]
    periods += [(_("Hittills i år"), clinic.ytd), (_("Helår"), clinic.year)]
    for row, (label, p) in enumerate(periods, start=4):
        values = [
            label,
            float(p.assigned_points),
            float(p.produced_points),
            float(p.assigned_money),
            float(p.payment),
            float(p.difference),
        ]
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=col, value=value)
            cell.number_format = POINTS if col in (2, 3) else KRONOR
    for col in range(1, 7):
        sheet.column_dimensions[get_column_letter(col)].width = 22
