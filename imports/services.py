"""Writes of the import pipeline: import one file, bring held rows in after mapping.

``import_file`` is what the command, the Celery tasks and the upload page
call. Each import is one database transaction; the ImportRun that logs it is
written outside it, so a refused or failed file is still in the log.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kps import formatting

from . import loading, registry, watchdog
from .errors import FileRefused
from .kinds import KindSpec, guess_kind
from .mapping import Held, Resolver, apply_profile, profile_for
from .models import SUCCESSFUL, HeldRow, HoldReason, ImportRun, RejectedRow, RunStatus
from .parsing import file_checksum, open_table, parse_file_name
from .pseudonym import mask_identities
from .signals import facts_imported
from .validation import Latest, Rejected, check_snapshot, validate_chunk

logger = logging.getLogger(__name__)

# The column whose code a held row waits for, by hold reason.
HELD_COLUMN = {HoldReason.UNIT: "enhet_kod", HoldReason.ACTIVITY: "fas", HoldReason.MEASURE: "matt"}
# Rejected rows kept for a refused file: enough to show what is wrong with it.
REFUSED_REJECTS_KEPT = 1000


class _Refused(FileRefused):
    """Refused after reading rows: the rejected rows explain why."""

    def __init__(self, message: str, rejected: list[Rejected], rows_read: int):
        super().__init__(message)
        self.rejected = rejected
        self.rows_read = rows_read


def import_file(
    *,
    path: str | Path,
    kind: str | None = None,
    source: str | None = None,
    started_by: str,
    file_name: str | None = None,
) -> ImportRun:
    """Import one extract file and return its ImportRun (never raises for a bad file).

    Kind, source and extract date come from the file name unless given;
    ``file_name`` names an uploaded file stored under another name.
    """
    path = Path(path)
    name = file_name or path.name
    named = parse_file_name(name)
    kind = (kind or named.kind or "").lower()
    spec = registry.spec_for(kind)
    source = (source or named.source or (spec.default_source if spec else "")).lower()
    # A name can carry an identity number (a steward's "kontakter_19121212-1212.csv"): the log keeps it masked.
    run = ImportRun.objects.create(
        file_name=mask_identities(name)[:255],
        kind=kind if spec else "",
        source=source[:30],
        checksum=file_checksum(path) if path.is_file() else "",
        extract_date=named.extract_date,
        started_by=started_by[:150],
    )
    # Held until the run ends: if this process dies, the watchdog finds the run within minutes.
    watchdog.run_claim(run_id=run.pk)
    try:
        if not path.is_file():
            raise FileRefused(_("Filen finns inte."))
        if spec is None:
            raise FileRefused(
                _(
                    "Okänd filtyp. Namnge filen <typ>_<källa>_<ÅÅÅÅMMDD>.csv med en av typerna %(kinds)s, "
                    "eller ange typen."
                )
                % {"kinds": ", ".join(registry.names())}
            )
        today = timezone.localdate()
        if named.extract_date and named.extract_date > today:
            raise FileRefused(
                _(
                    "Filens extraktdatum %(day)s ligger efter dagens datum %(today)s; en fil kan inte komma "
                    "från framtiden. Kontrollera datumet i filnamnet. Inget ändrades."
                )
                % {"day": named.extract_date.isoformat(), "today": today.isoformat()}
            )
        earlier = ImportRun.objects.filter(checksum=run.checksum, kind=kind, status__in=SUCCESSFUL)
        if earlier.exists():
            return _finish(
                run,
                RunStatus.UNCHANGED,
                _("Filen är redan importerad (körning %(id)s); inget ändrades.")
                % {"id": earlier.order_by("started_at").first().pk},
            )
        latest = Latest(named.extract_date or today, is_extract_date=named.extract_date is not None)
        _import(run, path, spec, source, {**named.hints, "source": source}, latest)
        # Apps whose derived tables follow these facts (the waiting-list summary) react on commit.
        transaction.on_commit(
            partial(facts_imported.send, sender=ImportRun, kind=kind, source=source, run_id=run.pk)
        )
    except _Refused as refusal:
        run.rows_read = refusal.rows_read
        run.rows_rejected = len({r.line for r in refusal.rejected})
        _save_rejected(run, refusal.rejected[:REFUSED_REJECTS_KEPT])
        _finish(run, RunStatus.REFUSED, refusal.message)
    except FileRefused as refusal:
        _finish(run, RunStatus.REFUSED, refusal.message)
    except Exception:
        # Tracebacks can quote row values; mask anything that looks like an identity number.
        logger.error("Import run %s failed:\n%s", run.pk, mask_identities(traceback.format_exc()))
        _finish(run, RunStatus.FAILED, _("Ett tekniskt fel stoppade importen; inget ändrades."))
    watchdog.run_release(run_id=run.pk)
    run.refresh_from_db()
    return run


def _finish(run: ImportRun, status: str, message: str = "") -> ImportRun:
    run.status = status
    run.message = message
    run.finished_at = timezone.now()
    run.save()
    return run


def _save_rejected(run: ImportRun, rejected: list[Rejected]) -> None:
    RejectedRow.objects.bulk_create(
        [
            RejectedRow(run=run, line=r.line, column=r.column[:100], message=r.message[:500])
            for r in rejected
        ],
        batch_size=5000,
    )


def _check_header(spec: KindSpec, header: list[str]) -> list[str]:
    """Refuse a header the kind cannot be read from; return the ignored (unknown) columns."""
    named = [h for h in header if h]
    duplicated = sorted({h for h in named if named.count(h) > 1})
    if duplicated:
        raise FileRefused(
            _("Kolumnen %(columns)s finns flera gånger i rubrikraden.")
            % {"columns": ", ".join(duplicated)}
        )
    missing = [c for c in spec.required if c not in named]
    if missing:
        guessed = guess_kind(named)
        message = _("Obligatoriska kolumner saknas för typen %(kind)s: %(columns)s.") % {
            "kind": spec.kind,
            "columns": ", ".join(missing),
        }
        if guessed and guessed != spec.kind:
            message += " " + _("Filen ser ut att vara av typen %(kind)s.") % {"kind": guessed}
        raise FileRefused(message)
    week_parts = {"ar"} if any(c.type == "week" for c in spec.columns) else set()
    return [h for h in named if h not in spec.names and h not in week_parts]


@dataclass
class _Progress:
    rows_read: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)
    # The key of every staged row, per chunk, as Arrow text: a million keys stay out of Python.
    key_parts: list = field(default_factory=list)
    scopes: set = field(default_factory=set)
    snapshot: str | None = None

    def keys(self) -> pa.ChunkedArray:
        return pa.chunked_array(self.key_parts, type=pa.string())

    def has_duplicate_keys(self) -> bool:
        keys = self.keys()
        return len(keys) > 0 and len(pc.unique(keys)) < len(keys)


def _import(
    run: ImportRun, path: Path, spec: KindSpec, source: str, hints: dict, latest: Latest
) -> None:
    table = open_table(path, lenient=spec.lenient)
    try:
        profile = profile_for(source=source, kind=spec.kind)
        header = apply_profile(table.header, profile)
        unknown = _check_header(spec, header)
        today = timezone.localdate()
        progress = _Progress()
        memo: dict = {}
        with transaction.atomic():
            stage = loading.Stage(spec.loader)
            stage.create()
            resolver = Resolver(spec, source)
            if spec.preload is not None:
                # Read before streaming: on PostgreSQL the connection is the COPY's meanwhile.
                hints = {**hints, **spec.preload(hints)}
            with stage.streaming():
                for chunk in table.chunks:
                    progress.rows_read += chunk.size + len(chunk.malformed)
                    validated = validate_chunk(
                        spec,
                        header,
                        chunk,
                        value_map=profile.value_map,
                        today=today,
                        latest=latest,
                        memo=memo,
                    )
                    progress.rejected.extend(validated.rejected)
                    _stage_chunk(spec, validated.frame, resolver, stage, progress, hints)
            if spec.unique_key and progress.has_duplicate_keys():
                _reject_repeated_keys(spec, stage, progress)
            _refuse_if_too_many_rejected(progress)
            if progress.has_duplicate_keys():
                stage.drop_superseded()
            _drop_superseded_held(spec, source, progress)
            loading.merge(spec, loading.Context(source, progress.snapshot))
            stage.drop()
            _save_held(run, spec, source, progress.held)
            _save_rejected(run, progress.rejected)
            run.rows_read = progress.rows_read
            run.rows_rejected = len({r.line for r in progress.rejected})
            run.rows_held = len(progress.held)
            run.rows_accepted = run.rows_read - run.rows_rejected - run.rows_held
            run.info = {
                "unknown_columns": unknown,
                "container": table.container,
                "encoding": table.encoding,
                "delimiter": table.delimiter,
            }
            if progress.snapshot:
                run.info["snapshot_date"] = progress.snapshot
            _finish(
                run,
                RunStatus.PARTIAL if run.rows_rejected else RunStatus.OK,
                _summary(run, unknown),
            )
    finally:
        table.close()


def _joined(frame: pd.DataFrame, columns) -> pd.Series:
    """Each row's columns joined with "|" as ``KindSpec.key_of`` joins them, column by column:
    a row-wise join ran in Python per row and took most of a multi-column kind's import."""
    parts = [frame[c].astype(str) for c in columns]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + "|" + part
    return joined


def _stage_chunk(spec, frame, resolver, stage, progress: _Progress, hints: dict) -> None:
    if spec.prepare is not None:
        frame, rejected = spec.prepare(frame, hints)
        progress.rejected.extend(rejected)
    if spec.snapshot:
        frame, rejected, progress.snapshot = check_snapshot(frame, spec.snapshot, progress.snapshot)
        progress.rejected.extend(rejected)
    if frame.empty:
        return
    if len(spec.key) > 1:
        keys = _joined(frame, spec.key)
    else:
        keys = frame[spec.key[0]]
    progress.key_parts.append(
        pa.array(keys.array)
        if isinstance(keys.dtype, pd.ArrowDtype)
        else pa.array(keys.astype(str).to_numpy())
    )
    if spec.replaces and not spec.snapshot:
        progress.scopes.update(_joined(frame, spec.replaces))
    resolved, held = resolver.resolve(frame)
    for row in held:
        if mask_identities(row.code) != row.code:
            # An identity number in a code column is a delivery error, not a code to map: holding
            # the row would store the number in clear text until someone looked.
            progress.rejected.append(
                Rejected(
                    row.line,
                    HELD_COLUMN.get(row.reason)
                    or (spec.reference.column if spec.reference else ""),
                    _("Koden ser ut som ett personnummer; raden avvisades och värdet visas inte."),
                )
            )
        else:
            progress.held.append(row)
    stage.write(loading.stage_frame(spec.loader, resolved))


def _reject_repeated_keys(spec: KindSpec, stage: loading.Stage, progress: _Progress) -> None:
    """A kind whose key may appear once per file: every line of a repeated key is rejected."""
    message = _(
        "Samma %(key)s finns på flera rader i filen (rad %(lines)s); ingen av dem importerades."
    )
    for lines in stage.take_repeated():
        listed = ", ".join(str(line) for line in lines)
        progress.rejected.extend(
            Rejected(
                line, ", ".join(spec.key), message % {"key": ", ".join(spec.key), "lines": listed}
            )
            for line in lines
        )
    progress.rejected.sort(key=lambda r: r.line)


def _refuse_if_too_many_rejected(progress: _Progress) -> None:
    rejected_lines = len({r.line for r in progress.rejected})
    limit = settings.KPS_IMPORT_MAX_REJECT_SHARE
    if progress.rows_read and rejected_lines / progress.rows_read > limit:
        raise _Refused(
            ngettext(
                "%(rejected)s av %(read)s rad (%(share)s) bröt mot reglerna; gränsen är "
                "%(limit)s. Hela filen avvisades och inget ändrades.",
                "%(rejected)s av %(read)s rader (%(share)s) bröt mot reglerna; gränsen är "
                "%(limit)s. Hela filen avvisades och inget ändrades.",
                progress.rows_read,
            )
            % {
                "rejected": formatting.number(rejected_lines),
                "read": formatting.number(progress.rows_read),
                "share": formatting.share(rejected_lines / progress.rows_read, 1),
                "limit": formatting.share(limit, 1),
            },
            progress.rejected,
            progress.rows_read,
        )


def _drop_superseded_held(spec: KindSpec, source: str, progress: _Progress) -> None:
    """Rows held from earlier files that this file replaces are no longer waiting for anything."""
    waiting = HeldRow.objects.filter(kind=spec.kind, source=source)
    if not waiting.exists():
        return
    if spec.snapshot:
        waiting.filter(scope=progress.snapshot).delete()
    elif spec.replaces:
        stale = [pk for pk, scope in waiting.values_list("id", "scope") if scope in progress.scopes]
        HeldRow.objects.filter(id__in=stale).delete()
    else:
        keys = set(progress.keys().to_pylist())
        stale = [pk for pk, key in waiting.values_list("id", "key") if key in keys]
        HeldRow.objects.filter(id__in=stale).delete()


def _save_held(run: ImportRun | None, spec: KindSpec, source: str, held: list[Held]) -> None:
    HeldRow.objects.bulk_create(
        [
            HeldRow(
                run=run,
                kind=spec.kind,
                source=source,
                reason=h.reason,
                code=h.code[:100],
                scope=h.scope[:100],
                key=h.key[:200],
                line=h.line,
                data=h.data,
            )
            for h in held
        ],
        batch_size=5000,
    )


def _summary(run: ImportRun, unknown: list[str]) -> str:
    accepted, rejected, held = run.rows_accepted, run.rows_rejected, run.rows_held
    parts = [
        ngettext("%(n)s rad importerad.", "%(n)s rader importerade.", accepted)
        % {"n": formatting.number(accepted)}
    ]
    if rejected:
        parts.append(
            ngettext("%(n)s rad avvisad.", "%(n)s rader avvisade.", rejected)
            % {"n": formatting.number(rejected)}
        )
    if held:
        parts.append(
            ngettext(
                "%(n)s rad väntar på att en kod mappas.",
                "%(n)s rader väntar på att en kod mappas.",
                held,
            )
            % {"n": formatting.number(held)}
        )
    if unknown:
        parts.append(
            _("Okända kolumner ignorerades: %(columns)s.") % {"columns": ", ".join(unknown)}
        )
    if not run.rows_read:
        parts = [_("Filen innehöll inga rader.")]
    return " ".join(parts)


@dataclass
class ReprocessResult:
    imported: int = 0
    still_held: int = 0


def held_rows_reprocess(*, kind: str | None = None, source: str | None = None) -> ReprocessResult:
    """Bring held rows in whose unit code or activity has been mapped since; keep the rest.

    Held rows are added to what is there (a held Diver measure adds to its
    unit's week) rather than replacing it, since the rest of their file was
    imported already.
    """
    result = ReprocessResult()
    waiting = HeldRow.objects.all()
    if kind:
        waiting = waiting.filter(kind=kind)
    if source:
        waiting = waiting.filter(source=source)
    groups = (
        waiting.values_list("kind", "source", "scope")
        .distinct()
        .order_by("kind", "source", "scope")
    )
    with transaction.atomic():
        for group_kind, group_source, scope in groups:
            spec = registry.spec_for(group_kind)
            rows = list(
                waiting.filter(kind=group_kind, source=group_source, scope=scope).order_by("id")
            )
            frame = _frame_from_held(spec, rows)
            resolved, still = Resolver(spec, group_source).resolve(frame)
            if not resolved.empty:
                stage = loading.Stage(spec.loader)
                stage.create()
                stage.write(loading.stage_frame(spec.loader, resolved))
                stage.drop_superseded()
                snapshot = scope if spec.snapshot else None
                loading.merge(spec, loading.Context(group_source, snapshot, replace=False))
                stage.drop()
                # Held rows brought in change the kind's facts as an import does: the same signal.
                transaction.on_commit(
                    partial(
                        facts_imported.send,
                        sender=ImportRun,
                        kind=spec.kind,
                        source=group_source,
                        run_id=None,
                    )
                )
            # The frame's line is the held row's id, so the newest held version of a key wins.
            HeldRow.objects.filter(id__in=[int(i) for i in resolved["line"]]).delete()
            for h in still:
                HeldRow.objects.filter(id=h.line).update(reason=h.reason, code=h.code[:100])
            result.imported += len(resolved)
            result.still_held += len(still)
    return result


def _frame_from_held(spec: KindSpec, rows: list[HeldRow]) -> pd.DataFrame:
    frame = pd.DataFrame([r.data for r in rows])
    frame["line"] = [r.id for r in rows]
    for column in spec.columns:
        if column.name not in frame:
            frame[column.name] = None
        if column.type in ("int", "week"):
            frame[column.name] = pd.array(frame[column.name], dtype="Int64")
        if column.week:
            frame[f"{column.name}__week"] = pd.array(frame[f"{column.name}__week"], dtype="Int64")
    return frame
