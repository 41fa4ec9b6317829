"""python bench/oracle.py [--var-dir DIR | --extracts DIR] [--user NAME] [--all]

The independent oracle: recomputes the figures the API reports from the raw
extract files with plain pandas, asks the API for the same figures (as a user
who sees the whole region) and prints every figure that differs, with the
clinic, week or tertial, and both values. Exit status 1 when any differ.

Runs against the configured database (SQLite under the var directory by
default, ``DATABASE_URL`` for PostgreSQL); the extract files are those the
database was filled from (by default the demo's, ``<var>/demo-data``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--var-dir", help="The var directory (its kps.sqlite3 and demo-data/).")
    where.add_argument(
        "--extracts", help="The folder of extract files the database was filled from."
    )
    parser.add_argument(
        "--user", help="A user who sees the whole region (default: the first superuser)."
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="Print every difference, not the first 20 of each figure.",
    )
    args = parser.parse_args()
    if args.var_dir:
        os.environ["KPS_VAR_DIR"] = str(Path(args.var_dir).resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kps.settings")
    os.environ.setdefault("KPS_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.utils import timezone
    from oracle_figures.run import run_oracle

    extracts = Path(args.extracts) if args.extracts else settings.VAR_DIR / "demo-data"
    if not extracts.is_dir():
        sys.exit(f"No extract folder at {extracts}: give --extracts DIR.")
    users = (
        User.objects.filter(username=args.user)
        if args.user
        else User.objects.filter(is_superuser=True)
    )
    user = users.order_by("id").first()
    if user is None:
        sys.exit("No such user: give --user NAME of a user who sees the whole region.")
    client = Client()
    client.force_login(user)
    began = time.monotonic()
    result, expected = run_oracle(
        extracts=extracts, client=client, today=timezone.localdate(), connection=connection
    )
    print(result.report(limit=None if args.all else 20))
    unmapped = {kind: n for kind, n in expected.unmapped.items() if n}
    if unmapped:
        print(
            "Rows the oracle could not map to a unit or activity (left out): "
            + ", ".join(f"{k} {n}" for k, n in unmapped.items())
        )
    print(f"Done in {time.monotonic() - began:.1f} s.")
    return 1 if result.differences else 0


if __name__ == "__main__":
    sys.exit(main())
