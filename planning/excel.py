"""A plan as an Excel workbook, and an edited workbook back as cell edits with a preview.

The workbook is for people: one sheet per unit, activities as rows, weeks as
columns under their schedule period, and period, tertial and year totals as
formulas (a ward's staffed beds, a level and no volume, get the mean per planned week
instead, and no sum row). The import reads only the week columns, so totals a user leaves
or breaks do not matter; anything that is not a number, or a week the plan's
year does not have, is reported with its sheet and cell and nothing is saved.

A hidden sheet carries what the workbook was exported from: the version, its
revision, the header label of its language and every exported value. The
import counts as edits only the cells the user changed from those values, so
a colleague's save after the export is kept (and shown as a conflict where the
user changed the same cell), whichever language either user reads.
"""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from imports import safe_cell
from imports.errors import FileRefused
from imports.workbooks import MIB, WorkbookLimits, check_archive, limited_rows
from inpatient import bedplan
from organisation import selectors as organisation_selectors
from organisation.calendar import tertial_of, weeks_of_year
from organisation.models import Activity

from . import capacity, selectors
from .cells import CellEdit, CellError, parse_volume, parse_week
from .choices import STAFFED_BEDS
from .models import PlanVersion

HEADER_ROW = 6
FIRST_WEEK_COLUMN = 3  # C: A is the activity code, B its name
_WEEKLIKE = re.compile(r"^\s*\d{4}\s*-?\s*[wW]\s*\d+\s*$")
BOLD = Font(bold=True)
TOTAL_FILL = PatternFill("solid", fgColor="E9EEF3")
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A plan workbook unpacks to a few megabytes; beyond these it is a zip bomb or not ours. The rows
# are per sheet: the hidden sheet has one row per exported cell.
LIMITS = WorkbookLimits(max_uncompressed_bytes=50 * MIB, max_rows=200_000, max_seconds=60)
# The hidden sheet's name and first cell: fixed, not translated, so any language reads them.
META_SHEET = "kps-export"
META_MARK = "kps-plan-export"


def _sheet_title(name: str, used: set[str]) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name, each name once."""
    base = re.sub(r"[\[\]:*?/\\]", "-", name)[:31] or "Enhet"
    title, n = base, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def plan_workbook(*, version: PlanVersion) -> bytes:
    """The version as an .xlsx file: one sheet per unit of the clinic."""
    plan = version.plan
    periods = organisation_selectors.schedule_periods(area=plan.clinic.area, year=plan.year)
    week_period = capacity.period_of_week(periods)
    weeks = weeks_of_year(plan.year)
    activities = list(Activity.objects.order_by("sort_order", "name"))
    cells = selectors.plan_cells(version=version)
    units = list(plan.clinic.units.order_by("name"))
    wards = bedplan.ward_unit_ids(u.id for u in units)
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    last_week_col = FIRST_WEEK_COLUMN + len(weeks) - 1
    for unit in units:
        sheet = book.create_sheet(_sheet_title(unit.name, used))
        sheet["A1"] = safe_cell(
            _("Produktionsplan %(clinic)s %(year)s")
            % {"clinic": plan.clinic.name, "year": plan.year}
        )
        sheet["A1"].font = Font(bold=True, size=14)
        sheet["A2"], sheet["B2"], sheet["C2"] = (
            _("Enhet"),
            safe_cell(unit.code),
            safe_cell(unit.name),
        )
        sheet["A3"], sheet["B3"], sheet["C3"] = (
            _("Version"),
            version.number,
            str(version.get_status_display()),
        )
        sheet["D3"], sheet["E3"] = _("Revision"), version.revision
        is_ward = unit.id in wards
        sheet["A4"] = (
            _(
                "Skriv disponibla vårdplatser i veckokolumnerna. Till höger står medel per "
                "planerad vecka: vårdplatser är en nivå och summeras inte."
            )
            if is_ward
            else _(
                "Skriv volymer i veckokolumnerna. Summorna till höger och längst ned räknas med "
                "formler."
            )
        )
        sheet["A4"].font = Font(italic=True)
        header = [_("Kod"), _("Aktivitet")] + [str(w) for w in weeks]
        totals: list[tuple[str, list[int]]] = []
        for p in periods:
            totals.append(
                (
                    _("Period %(n)s") % {"n": p.number},
                    [i for i, w in enumerate(weeks) if week_period.get(w.key) == p.number],
                )
            )
        for t in (1, 2, 3):
            totals.append(
                (
                    _("Tertial %(n)s") % {"n": t},
                    [i for i, w in enumerate(weeks) if tertial_of(w) == t],
                )
            )
        totals.append((_("År"), list(range(len(weeks)))))
        header += [label for label, _idx in totals]
        for col, value in enumerate(header, start=1):
            cell = sheet.cell(row=HEADER_ROW, column=col, value=value)
            cell.font = BOLD
            cell.alignment = Alignment(horizontal="center")
        for p in periods:
            first = next(i for i, w in enumerate(weeks) if week_period.get(w.key) == p.number)
            sheet.cell(
                row=HEADER_ROW - 1,
                column=FIRST_WEEK_COLUMN + first,
                value=_("Schemaperiod %(n)s") % {"n": p.number},
            ).font = BOLD
        row = HEADER_ROW
        # A ward's sheet plans its staffed beds, every other unit's its production volumes.
        rows = [a for a in activities if (a.code == STAFFED_BEDS) == is_ward]
        for row, activity in enumerate(rows, start=HEADER_ROW + 1):
            sheet.cell(row=row, column=1, value=safe_cell(activity.code))
            sheet.cell(row=row, column=2, value=safe_cell(activity.name))
            for i, week in enumerate(weeks):
                volume = cells.get((unit.id, activity.id, week.key))
                if volume is not None:
                    sheet.cell(row=row, column=FIRST_WEEK_COLUMN + i, value=_number(volume))
            for j, (_label, idx) in enumerate(totals):
                # Periods and tertials are runs of consecutive weeks, so one range each.
                first, last = (
                    get_column_letter(FIRST_WEEK_COLUMN + idx[0]),
                    get_column_letter(FIRST_WEEK_COLUMN + idx[-1]),
                )
                span = f"{first}{row}:{last}{row}"
                # The mean of the weeks planned; empty rather than #DIV/0! where none is.
                total = f'=IFERROR(AVERAGE({span}),"")' if is_ward else f"=SUM({span})"
                cell = sheet.cell(row=row, column=last_week_col + 1 + j, value=total)
                cell.fill = TOTAL_FILL
        # Volumes are summed down the activities; a ward's beds add up to nothing meaningful.
        if not is_ward:
            _sum_row(
                sheet, first_row=HEADER_ROW + 1, last_row=row, last_col=last_week_col + len(totals)
            )
        sheet.column_dimensions["A"].width = 14
        sheet.column_dimensions["B"].width = 26
        for col in range(FIRST_WEEK_COLUMN, last_week_col + len(totals) + 1):
            sheet.column_dimensions[get_column_letter(col)].width = 10
        sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=FIRST_WEEK_COLUMN)
    if not book.worksheets:
        book.create_sheet(_("Planen"))["A1"] = _("Kliniken har inga enheter att planera.")
    _write_meta(book, version=version, cells=cells, units=units, activities=activities)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _sum_row(sheet, *, first_row: int, last_row: int, last_col: int) -> None:
    sum_row = last_row + 1
    sheet.cell(row=sum_row, column=2, value=_("Summa")).font = BOLD
    for col in range(FIRST_WEEK_COLUMN, last_col + 1):
        letter = get_column_letter(col)
        cell = sheet.cell(
            row=sum_row, column=col, value=f"=SUM({letter}{first_row}:{letter}{last_row})"
        )
        cell.font = BOLD
        cell.fill = TOTAL_FILL


def _write_meta(
    book: Workbook, *, version: PlanVersion, cells: dict, units: list, activities: list
) -> None:
    sheet = book.create_sheet(META_SHEET)
    sheet.sheet_state = "hidden"
    sheet.append([META_MARK, 1])
    sheet.append(["version", version.id])
    sheet.append(["revision", version.revision])
    sheet.append(["header", _("Kod"), HEADER_ROW])
    sheet.append(["unit", "activity", "week", "volume"])
    unit_codes = {u.id: u.code for u in units}
    activity_codes = {a.id: a.code for a in activities}
    for (unit_id, activity_id, week), volume in sorted(cells.items()):
        if unit_id in unit_codes and activity_id in activity_codes:
            sheet.append(
                [
                    safe_cell(unit_codes[unit_id]),
                    safe_cell(activity_codes[activity_id]),
                    week,
                    _number(volume),
                ]
            )


def _number(volume: Decimal) -> int | float:
    return int(volume) if volume == volume.to_integral_value() else float(volume)


@dataclass
class WorkbookReading:
    """What an uploaded workbook says: the edits it implies, or why it cannot be used.

    ``exported`` holds the values the workbook was exported with (cell key → volume),
    when known: from the hidden sheet, or rebuilt from the change log for an older
    workbook that names only its revision. ``notices`` say how it was read.
    """

    edits: list[CellEdit] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # True when the file as a whole cannot be used (not a workbook, too large, no unit sheet):
    # then there are no cells to correct, and the page must not ask for that.
    refused: bool = False
    exported_revision: int | None = None
    exported: dict | None = None
    notices: list[str] = field(default_factory=list)


def _code_labels() -> set[str]:
    """The header label of the code column in every language the site offers."""
    labels = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            labels.add(_("Kod"))
    return labels


@dataclass(frozen=True)
class _Meta:
    version_id: int | None
    revision: int | None
    code_label: str | None
    values: dict


def _read_meta(book, *, units: dict, activities: dict, started: float) -> _Meta | None:
    """The hidden sheet's export record, or None for a workbook without one."""
    if META_SHEET not in book.sheetnames:
        return None
    rows = list(limited_rows(book[META_SHEET].iter_rows(values_only=True), LIMITS, started=started))
    if not rows or not rows[0] or rows[0][0] != META_MARK:
        return None
    fields = {r[0]: r[1:] for r in rows[1:5] if r and r[0]}

    def whole(name: str) -> int | None:
        value = (fields.get(name) or (None,))[0]
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    values = {}
    for row in rows[5:]:
        if not row or len(row) < 4:
            continue
        unit, activity = units.get(str(row[0] or "")), activities.get(str(row[1] or ""))
        if unit is None or activity is None or not isinstance(row[2], int):
            continue
        try:
            values[(unit.id, activity, row[2])] = parse_volume(row[3])
        except CellError:
            continue
    label = (fields.get("header") or (None,))[0]
    return _Meta(whole("version"), whole("revision"), str(label) if label else None, values)


def _exported_values(version: PlanVersion, revision: int) -> dict:
    """The version's cells as they were at ``revision``: now, with later changes undone."""
    values = dict(selectors.plan_cells(version=version))
    undone = set()
    for change in selectors.plan_change_records(version_id=version.id, revision=revision):
        key = (change.unit_id, change.activity_id, change.week)
        if (
            key not in undone
        ):  # oldest first: the first change after the revision holds the old value
            undone.add(key)
            values[key] = change.old_volume
    return {key: volume for key, volume in values.items() if volume is not None}


def _apply_meta(reading: WorkbookReading, meta: _Meta | None, version: PlanVersion) -> None:
    if (
        meta is not None
        and meta.version_id == version.id
        and meta.revision is not None
        and meta.revision <= version.revision
    ):
        reading.exported_revision = meta.revision
        reading.exported = meta.values
        return
    if meta is not None and meta.version_id != version.id:
        reading.exported_revision = None
        reading.notices.append(
            _(
                "Arbetsboken exporterades från en annan version av planen. Alla celler som skiljer sig "
                "från planen räknas som dina ändringar; kontrollera listan innan du sparar."
            )
        )
        return
    revision = reading.exported_revision
    if revision is not None and 0 <= revision <= version.revision:
        reading.exported = _exported_values(version, revision)
        reading.notices.append(
            _(
                "Arbetsboken saknar uppgifterna om vad den exporterades med (den exporterades med en äldre "
                "version av KPS). Dina ändringar räknas mot planen vid revision %(revision)s, som står i "
                "filen."
            )
            % {"revision": revision}
        )
        return
    reading.exported_revision = None
    reading.notices.append(
        _(
            "Arbetsboken säger inte vid vilken revision den exporterades. Alla celler som skiljer sig från "
            "planen räknas som dina ändringar, även sådana som någon annan har sparat; kontrollera listan "
            "innan du sparar."
        )
    )


def workbook_edits(*, version: PlanVersion, data: bytes) -> WorkbookReading:
    """Every week cell of every unit sheet as an edit; an empty cell means no value."""
    reading = WorkbookReading()
    if len(data) > MAX_UPLOAD_BYTES:
        reading.errors.append(_("Filen är för stor (högst 10 MB)."))
        reading.refused = True
        return reading
    try:
        return _workbook_edits(version=version, data=data, reading=reading)
    except FileRefused as refusal:
        return WorkbookReading(errors=[refusal.message], refused=True)


def _workbook_edits(
    *, version: PlanVersion, data: bytes, reading: WorkbookReading
) -> WorkbookReading:
    started = time.monotonic()
    check_archive(io.BytesIO(data), LIMITS)
    try:
        values = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
        formulas = load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        reading.errors.append(
            _(
                "Filen är inte en Excel-arbetsbok (.xlsx). Exportera planen till Excel, ändra i "
                "den filen och ladda upp den; en CSV-fil, ett PDF-dokument eller en äldre "
                ".xls-fil kan inte importeras."
            )
        )
        reading.refused = True
        return reading
    plan = version.plan
    units = {u.code: u for u in plan.clinic.units.all()}
    activities = dict(Activity.objects.values_list("code", "id"))
    meta = _read_meta(values, units=units, activities=activities, started=started)
    # The workbook's own layout decides, not the language of whoever imports it.
    code_labels = {meta.code_label} if meta and meta.code_label else _code_labels()
    seen_units = set()
    for sheet in values.worksheets:
        if sheet.title == META_SHEET:
            continue
        rows = list(limited_rows(sheet.iter_rows(values_only=True), LIMITS, started=started))
        formula_rows = list(
            limited_rows(formulas[sheet.title].iter_rows(values_only=True), LIMITS, started=started)
        )
        header_index = next(
            (i for i, r in enumerate(rows) if r and str(r[0] or "").strip() in code_labels), None
        )
        if header_index is None:
            continue  # not a unit sheet (notes, a pivot the user added)
        where = _("Blad ”%(sheet)s”") % {"sheet": sheet.title}
        code = str(
            rows[1][1] if len(rows) > 1 and len(rows[1]) > 1 and rows[1][1] is not None else ""
        ).strip()
        unit = units.get(code)
        if unit is None:
            reading.errors.append(
                _("%(where)s: enheten ”%(code)s” i cell B2 hör inte till %(clinic)s.")
                % {"where": where, "code": code, "clinic": plan.clinic.name}
            )
            continue
        if unit.id in seen_units:
            reading.errors.append(
                _("%(where)s: enheten %(code)s finns på mer än ett blad.")
                % {"where": where, "code": code}
            )
            continue
        seen_units.add(unit.id)
        if len(rows) > 2 and len(rows[2]) > 4 and isinstance(rows[2][4], int):
            reading.exported_revision = rows[2][4]
        week_columns = _week_columns(
            rows[header_index], year=plan.year, where=where, errors=reading.errors
        )
        for r in range(header_index + 1, len(rows)):
            row = rows[r]
            activity_code = str(row[0]).strip() if row and row[0] is not None else ""
            if not activity_code:
                continue
            activity_id = activities.get(activity_code)
            if activity_id is None:
                reading.errors.append(
                    _("%(where)s rad %(row)s: okänd aktivitetskod ”%(code)s”.")
                    % {"where": where, "row": r + 1, "code": activity_code[:40]}
                )
                continue
            for col, week in week_columns.items():
                raw = row[col] if col < len(row) else None
                formula = (
                    formula_rows[r][col]
                    if r < len(formula_rows) and col < len(formula_rows[r])
                    else None
                )
                ref = f"{get_column_letter(col + 1)}{r + 1}"
                if raw is None and isinstance(formula, str) and formula.startswith("="):
                    reading.errors.append(
                        _(
                            "%(where)s cell %(ref)s: formeln har inget beräknat värde; öppna och spara filen i Excel först."
                        )
                        % {"where": where, "ref": ref}
                    )
                    continue
                try:
                    volume = parse_volume(raw)
                except CellError as error:
                    reading.errors.append(f"{where} {_('cell')} {ref}: {error}")
                    continue
                reading.edits.append(
                    CellEdit(unit_id=unit.id, activity_id=activity_id, week=week, volume=volume)
                )
    if not seen_units and not reading.errors:
        reading.errors.append(
            _(
                "Arbetsboken har inget blad med en enhet från planen (rubriken ”Kod” i kolumn A saknas)."
            )
        )
        reading.refused = True
    if reading.errors:
        reading.edits = []
    else:
        _apply_meta(reading, meta, version)
    return reading


def _week_columns(header: tuple, *, year: int, where: str, errors: list[str]) -> dict[int, int]:
    """Column index → week key for the header cells that name a week; bad weeks become errors."""
    columns = {}
    for col, value in enumerate(header):
        if col < FIRST_WEEK_COLUMN - 1 or value is None or not _WEEKLIKE.match(str(value)):
            continue
        try:
            columns[col] = parse_week(str(value), year=year)
        except CellError as error:
            errors.append(
                _("%(where)s kolumn %(col)s: %(error)s")
                % {"where": where, "col": get_column_letter(col + 1), "error": error}
            )
    return columns


@dataclass
class ImportPreview:
    """What an import would save (``changes``), and the user's edits it would not (``conflicts``)."""

    changes: list[dict] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)


def preview_changes(
    *, version: PlanVersion, edits: list[CellEdit], exported: dict | None = None
) -> ImportPreview:
    """The user's edits that change the plan, with names and old values, for the import preview.

    Given the values the workbook was exported with, a cell the user left as exported is
    no edit (so a colleague's later save stands), and a cell the user changed that someone
    else has changed since is a conflict: shown, never saved. Without them, every cell
    that differs from the plan is an edit.
    """
    current = selectors.plan_cells(version=version, unit_ids={e.unit_id for e in edits})
    units = dict(version.plan.clinic.units.values_list("id", "name"))
    names = dict(Activity.objects.values_list("id", "name"))
    preview = ImportPreview()
    for e in edits:
        now = current.get(e.key)
        if now == e.volume:
            continue
        row = {
            "unit_id": e.unit_id,
            "activity_id": e.activity_id,
            "week": e.week,
            "unit": units[e.unit_id],
            "activity": names[e.activity_id],
            "old": now,
            "new": e.volume,
        }
        if exported is None:
            preview.changes.append(row)
            continue
        was = exported.get(e.key)
        if e.volume == was:
            continue  # not touched in the workbook
        if now != was:
            preview.conflicts.append(row | {"exported": was})
        else:
            preview.changes.append(row)
    return preview
