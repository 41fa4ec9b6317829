"""python manage.py kps_generate [--size demo|region] [--units N] … --out DIR: extract files only."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.generator import add_size_arguments, generate, size_from_options

from .kps_demo import parse_until


class Command(BaseCommand):
    help = "Skriver en syntetisk regions extraktfiler utan att röra databasen (för prestandamätningar)."

    def add_arguments(self, parser):
        add_size_arguments(parser)
        parser.add_argument(
            "--seed", type=int, default=1, help="Slumpfrö; samma frö ger samma filer."
        )
        parser.add_argument(
            "--until", help="Extraktdatum för de senaste filerna (standard: i dag)."
        )
        parser.add_argument("--out", help="Mapp för filerna (standard: var/demo-data).")

    def handle(self, *args, **options):
        out = Path(options["out"] or settings.VAR_DIR / "demo-data")
        began = time.monotonic()
        try:
            paths = generate(
                out,
                size=size_from_options(options),
                until=parse_until(options["until"]),
                seed=options["seed"],
                progress=self.stdout.write,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        total = sum(p.stat().st_size for p in paths)
        self.stdout.write(
            f"{len(paths)} filer, {total / 1e6:.1f} MB, på {time.monotonic() - began:.1f} s i {out}."
        )
        kind_of = {p: p.name.split("_")[0] if "_" in p.name else "kva" for p in paths}
        for kind in sorted(set(kind_of.values())):
            mine = [p for p in paths if kind_of[p] == kind]
            self.stdout.write(
                f"  {kind:<11} {len(mine):>4} filer {sum(p.stat().st_size for p in mine) / 1e6:>8.1f} MB"
            )
