"""python manage.py kps_import PATH [PATH ...] [--kind KIND] [--source SOURCE]"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from imports.choices import RunStatus
from imports.services import import_file

ERRORS_SHOWN = 20


class Command(BaseCommand):
    help = "Importerar extraktfiler. Skriver ett JSON-objekt per fil och rad."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--kind", help="Filtyp, om filnamnet inte följer konventionen.")
        parser.add_argument("--source", help="Källa, om filnamnet inte följer konventionen.")
        parser.add_argument("--started-by", default="kommandorad")

    def handle(self, *args, **options):
        refused = 0
        for path in options["paths"]:
            run = import_file(
                path=path,
                kind=options["kind"],
                source=options["source"],
                started_by=options["started_by"],
            )
            refused += run.status in (RunStatus.REFUSED, RunStatus.FAILED)
            errors = [
                {"line": r.line, "column": r.column, "message": r.message}
                for r in run.rejected_rows.order_by("line", "id")[:ERRORS_SHOWN]
            ]
            report = {
                "file": path,
                "run": run.pk,
                "kind": run.kind,
                "source": run.source,
                "status": run.status,
                "rows_read": run.rows_read,
                "rows_accepted": run.rows_accepted,
                "rows_rejected": run.rows_rejected,
                "rows_held": run.rows_held,
                "message": run.message,
                "errors": errors,
            }
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        sys.stdout.flush()
        if refused:
            raise CommandError(f"{refused} fil(er) avvisades.", returncode=2)
