"""python manage.py kps_demo [--size demo|region] [--seed N] [--until YYYY-MM-DD] [--out DIR] [--skip-load] [--force]"""

from __future__ import annotations

import io
import json
import time
from datetime import date
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from demo.generator import add_size_arguments, generate, size_from_options, spec_for
from demo.services import demo_region_build, demo_users_create


def parse_until(value: str | None) -> date:
    if not value:
        return timezone.localdate()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--until ska vara ett datum (ÅÅÅÅ-MM-DD), inte '{value}'.") from exc


class Command(BaseCommand):
    help = (
        "Bygger demoregionen: organisation, demokonton och genererade extraktfiler som importeras."
    )

    def add_arguments(self, parser):
        add_size_arguments(parser)
        parser.add_argument(
            "--seed", type=int, default=1, help="Slumpfrö; samma frö ger samma filer."
        )
        parser.add_argument(
            "--until", help="Extraktdatum för de senaste filerna (standard: i dag)."
        )
        parser.add_argument("--out", help="Mapp för filerna (standard: var/demo-data).")
        parser.add_argument(
            "--skip-load", action="store_true", help="Generera filerna men importera dem inte."
        )
        parser.add_argument("--force", action="store_true", help="Kör även när DEBUG är avslaget.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Demoregionen byggs bara i utvecklingsläge (DEBUG). Använd --force om du verkligen menar det."
            )
        size = size_from_options(options)
        until = parse_until(options["until"])
        out = Path(options["out"] or settings.VAR_DIR / "demo-data")
        began = time.monotonic()

        counts = demo_region_build(spec=spec_for(size))
        demo_users_create()
        self.stdout.write(
            f"Organisation: {counts['areas']} områden, {counts['sites']} sjukhus, "
            f"{counts['clinics']} kliniker, {counts['units']} enheter."
        )
        try:
            paths = generate(
                out, size=size, until=until, seed=options["seed"], progress=self.stdout.write
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

        if options["skip_load"]:
            self.stdout.write(
                f"{len(paths)} filer genererades i {out} men importerades inte (--skip-load)."
            )
        elif not apps.is_installed("imports"):
            self.stdout.write(
                f"{len(paths)} filer genererades i {out} men importerades inte: importen är inte installerad."
            )
        else:
            self._load(paths, verbose=options["verbosity"] >= 2)
            self._seed(until)

        self.stdout.write(
            self.style.SUCCESS(f"Demoregionen är klar på {time.monotonic() - began:.0f} s.")
        )
        self._print_logins()

    def _load(self, paths: list[Path], *, verbose: bool) -> None:
        """Import through the real importer; its JSON report per file is shown when asked or when it refused."""
        loading = time.monotonic()
        self.stdout.write(
            f"Importerar {len(paths)} filer med den vanliga importen (några minuter) …"
        )
        reports = _Progress(len(paths), loading, self.stdout.write)
        try:
            call_command("kps_import", *[str(p) for p in paths], stdout=reports, started_by="demo")
        except CommandError:
            refused = [
                line
                for line in reports.getvalue().splitlines()
                if json.loads(line)["status"] in ("refused", "failed")
            ]
            self.stderr.write("\n".join(refused))
            raise
        finally:
            if verbose:
                self.stdout.write(reports.getvalue())
        self.stdout.write(f"{len(paths)} filer importerades på {time.monotonic() - loading:.0f} s.")

    def _seed(self, until: date) -> None:
        """What the region's people would have done: this year's and next year's plans, the KPS
        programme, the operating-room council's decision for the coming schedule period."""
        from django.contrib.auth.models import User

        from demo.assignments import demo_assignments_create
        from demo.plans import demo_plans_create
        from demo.purchasing import demo_purchasing_build
        from demo.rollout import rollout_demo_seed
        from demo.theatre import demo_allocation_create
        from waitlists.services import waiting_summary_sync

        admin, year = User.objects.get(username="admin"), until.isocalendar().year
        # This year's plans were approved last autumn; next year's are under way or approved by now.
        plans = [demo_plans_create(year=y, approver=admin, today=until) for y in (year, year + 1)]
        # The region's production assignments follow the approved plans: this year's approved.
        assignments = [
            demo_assignments_create(year=y, approver=admin, approve=y == year)
            for y in (year, year + 1)
        ]
        rollout_demo_seed(today=until)
        # The agreements' ceilings follow what the imported referrals out used of them.
        demo_purchasing_build(years=[year - 1, year])
        # Count the waiting-list snapshots now, so the first visitor to Väntelistor does not wait for it.
        waiting_summary_sync()
        # The council of the demo clinic's hospital has decided the coming period's room time
        # (from the waiting lists just counted).
        allocation = demo_allocation_create(today=until)
        self.stdout.write(
            f"{plans[0]} produktionsplaner fastställdes för {year} och {plans[1]} för {year + 1}; "
            f"{assignments[0]} produktionsuppdrag för {year} och {assignments[1]} utkast för "
            f"{year + 1}; KPS-programmet fylldes i."
        )
        if allocation:
            self.stdout.write(
                f"Operationsrådet på {allocation.site.name} har fördelat salstiden "
                f"{allocation.start:%Y-%m-%d}–{allocation.end:%Y-%m-%d}."
            )

    def _print_logins(self) -> None:
        from demo.users import DEMO_USERS

        self.stdout.write("Demoinloggningar (endast demo):")
        for account in DEMO_USERS:
            self.stdout.write(
                f"  {account['label']:<16} {account['username']:<12} {account['password']}"
            )


class _Progress(io.StringIO):
    """The importer's report, one JSON line per file, kept; a progress line each quarter of the files."""

    def __init__(self, total: int, began: float, say) -> None:
        super().__init__()
        self.total, self.began, self.say = total, began, say
        self.done = self.shown = 0

    def write(self, text: str) -> int:
        self.done += text.count("\n")  # kps_import writes each report as one line
        quarter = self.done * 4 // max(self.total, 1)
        if 0 < quarter < 4 and quarter > self.shown:
            self.shown = quarter
            self.say(f"  {self.done} av {self.total} filer ({time.monotonic() - self.began:.0f} s)")
        return super().write(text)
