"""Uploaded extract files on disk: stored under a name of our choosing, removed as soon as possible.

An extract holds identity numbers in clear text, so an upload is deleted when
its import ends, however it ends (committed, refused or failed), and a
scheduled sweep removes any an import never finished (a worker killed, a
broker lost) once they are older than ``settings.KPS_UPLOAD_KEEP_HOURS``.
"""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path

from django.conf import settings

FILE_STEM = "upload"


def upload_root() -> Path:
    # Beside the drop folder, not in it: the nightly run must not pick an upload up a second time.
    return Path(settings.VAR_DIR) / "uploads"


def upload_store(*, upload) -> tuple[Path, str]:
    """The upload on disk under a name of our choosing, and the name it came with.

    The original name tells the importer kind, source and date; it is never
    used as a path, so a crafted name cannot write outside the folder.
    """
    folder = upload_root() / uuid.uuid4().hex
    folder.mkdir(parents=True)
    # The suffix is kept (the form allows only extract suffixes): it says CSV or Excel.
    path = folder / (FILE_STEM + Path(upload.name).suffix.lower())
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path, Path(upload.name).name


def upload_discard(*, path: str | Path) -> None:
    """Delete a stored upload's folder; anything outside the upload folder is left alone."""
    folder = Path(path).resolve().parent
    root = upload_root().resolve()
    if folder.parent == root and Path(path).name.startswith(FILE_STEM):
        shutil.rmtree(folder, ignore_errors=True)


def uploads_sweep(*, older_than_hours: float | None = None) -> int:
    """Remove uploads older than the limit, imported or not; returns how many were removed."""
    root = upload_root()
    if not root.is_dir():
        return 0
    hours = settings.KPS_UPLOAD_KEEP_HOURS if older_than_hours is None else older_than_hours
    limit = time.time() - hours * 3600
    removed = 0
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
