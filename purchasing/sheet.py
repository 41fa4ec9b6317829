"""Agreements from an Excel sheet: one agreement a row, header in row 1, upserted by avtal_kod.

Every row is checked before anything is written: a sheet with any bad row is
refused with a Swedish message per row, and nothing changes. A provider named
by code is created (or renamed) from the row's provider columns.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from imports.errors import FileRefused
from imports.workbooks import MIB, WorkbookLimits, check_archive, limited_rows
from organisation.models import Clinic
from waitlists.selectors.common import care_areas

from .choices import ProviderKind
from .models import Agreement, Provider
from .services import agreement_version_record

MAX_UPLOAD_BYTES = 5 * MIB
LIMITS = WorkbookLimits(max_uncompressed_bytes=20 * MIB, max_rows=10_000, max_seconds=30)
COLUMNS = (
    "avtal_kod", "namn", "vardgivare_kod", "vardgivare_namn", "vardgivare_slag", "kva_koder",
    "medicinska_omraden", "pris_per_fall", "volymtak", "takbelopp", "fran", "till", "optioner",
    "forlangt_till", "kliniker",
)  # fmt: skip
REQUIRED = ("avtal_kod", "namn", "vardgivare_kod", "pris_per_fall", "fran", "till", "kliniker")


@dataclass
class SheetResult:
    errors: list[str] = field(default_factory=list)
    created: int = 0
    changed: int = 0


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _day(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise ValueError(
            _("%(value)s är inget datum (ÅÅÅÅ-MM-DD).") % {"value": text[:20]}
        ) from error


def _amount(value) -> Decimal | None:
    text = _text(value).replace(",", ".").replace(" ", "")
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(_("%(value)s är inget belopp.") % {"value": text[:20]}) from error
    if amount < 0 or not amount.is_finite():
        raise ValueError(_("%(value)s: ett belopp kan inte vara negativt.") % {"value": text[:20]})
    return amount


def _codes(value) -> list[str]:
    return [c.upper() for c in _text(value).replace(",", " ").split() if c]


def agreements_import(*, data: bytes, user) -> SheetResult:
    """Read the sheet; write every agreement in it, or nothing when any row is wrong."""
    result = SheetResult()
    if len(data) > MAX_UPLOAD_BYTES:
        result.errors.append(_("Filen är för stor (högst 5 MB). Inget ändrades."))
        return result
    try:
        rows = _rows(data)
    except FileRefused as refusal:
        result.errors.append(str(refusal))
        return result
    if not rows:
        result.errors.append(_("Bladet är tomt: rad 1 ska ha kolumnnamnen. Inget ändrades."))
        return result
    header = [_text(h).lower() for h in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        result.errors.append(
            _("Kolumner saknas i rad 1: %(columns)s. Inget ändrades.")
            % {"columns": ", ".join(missing)}
        )
        return result
    clinics = {c.code.upper(): c for c in Clinic.objects.all()}
    areas = {a.code.upper(): a for a in care_areas()}
    parsed, seen = [], set()
    for number, raw in enumerate(rows[1:], start=2):
        row = {name: raw[i] if i < len(raw) else None for i, name in enumerate(header)}
        if not any(_text(v) for v in row.values()):
            continue
        try:
            item = _parse(row, clinics=clinics, areas=areas)
        except ValueError as error:
            result.errors.append(_("Rad %(row)s: %(message)s") % {"row": number, "message": error})
            continue
        if item["code"] in seen:
            result.errors.append(
                _("Rad %(row)s: avtalet %(code)s finns två gånger i bladet.")
                % {"row": number, "code": item["code"]}
            )
        seen.add(item["code"])
        parsed.append(item)
    if result.errors:
        result.errors.append(_("Inget ändrades."))
        return result
    with transaction.atomic():
        for item in parsed:
            _save(item, user=user, result=result)
    return result


def _rows(data: bytes) -> list[tuple]:
    started = time.monotonic()
    check_archive(io.BytesIO(data), LIMITS)
    try:
        book = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileRefused(_("Filen är inte en Excel-arbetsbok (.xlsx). Inget ändrades.")) from error
    sheet = book.worksheets[0]
    rows = [
        tuple(r) for r in limited_rows(sheet.iter_rows(values_only=True), LIMITS, started=started)
    ]
    book.close()
    return rows


def _parse(row: dict, *, clinics: dict, areas: dict) -> dict:
    for name in REQUIRED:
        if not _text(row.get(name)):
            raise ValueError(_("%(column)s saknar värde.") % {"column": name})
    kind = _text(row.get("vardgivare_slag")).upper() or ProviderKind.PRIVATE
    if kind not in ProviderKind.values:
        raise ValueError(
            _("vardgivare_slag ska vara PRIVAT eller REGION, inte %(value)s.")
            % {"value": kind[:20]}
        )
    start, end = _day(row["fran"]), _day(row["till"])
    assert start is not None and end is not None
    if end < start:
        raise ValueError(_("Avtalet slutar (till) före det börjar (fran)."))
    extended = _day(row.get("forlangt_till"))
    if extended is not None and extended < end:
        raise ValueError(_("forlangt_till ligger före avtalets slut (till)."))
    unknown_clinics = [c for c in _codes(row["kliniker"]) if c not in clinics]
    if unknown_clinics:
        raise ValueError(_("Okända kliniker: %(codes)s.") % {"codes": ", ".join(unknown_clinics)})
    unknown_areas = [a for a in _codes(row.get("medicinska_omraden")) if a not in areas]
    if unknown_areas:
        raise ValueError(
            _("Okända medicinska områden: %(codes)s.") % {"codes": ", ".join(unknown_areas)}
        )
    volume = _amount(row.get("volymtak"))
    if volume is not None and volume != volume.to_integral_value():
        raise ValueError(_("volymtak ska vara ett helt antal fall."))
    price = _amount(row["pris_per_fall"])
    return {
        "code": _text(row["avtal_kod"]).upper()[:50],
        "provider": (
            _text(row["vardgivare_kod"]).upper()[:50],
            _text(row.get("vardgivare_namn"))[:200] or _text(row["vardgivare_kod"])[:200],
            kind,
        ),
        "fields": {
            "name": _text(row["namn"])[:200],
            "kva_codes": " ".join(_codes(row.get("kva_koder"))),
            "price_per_case": price,
            "volume_ceiling": None if volume is None else int(volume),
            "money_ceiling": _amount(row.get("takbelopp")),
            "start": start,
            "end": end,
            "options": _text(row.get("optioner")),
            "extended_to": extended,
        },
        "clinics": [clinics[c] for c in _codes(row["kliniker"])],
        "areas": [areas[a] for a in _codes(row.get("medicinska_omraden"))],
    }


def _save(item: dict, *, user, result: SheetResult) -> None:
    code, name, kind = item["provider"]
    provider, _created = Provider.objects.update_or_create(
        code=code, defaults={"name": name, "kind": kind}
    )
    agreement, created = Agreement.objects.update_or_create(
        code=item["code"], defaults={**item["fields"], "provider": provider}
    )
    agreement.clinics.set(item["clinics"])
    agreement.care_areas.set(item["areas"])
    version = agreement_version_record(agreement=agreement, user=user, how=_("Excel-import"))
    if created:
        result.created += 1
    elif version is not None:
        result.changed += 1
