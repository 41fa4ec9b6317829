"""How big a region to generate: named presets and their command-line overrides."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Size:
    """The scale of a generated region."""

    units: int | None  # None: the whole catalogue
    contacts_per_year: int
    waiting: int  # people on the waiting list at the latest snapshot
    years: int  # calendar years, the current one included


SIZES = {
    # Starts in a few minutes on SQLite: a region one can click through.
    "demo": Size(units=68, contacts_per_year=60_000, waiting=3_000, years=3),
    # A whole region's volumes, for the benchmarks.
    "region": Size(units=200, contacts_per_year=1_000_000, waiting=40_000, years=5),
}


def add_size_arguments(parser) -> None:
    parser.add_argument("--size", choices=sorted(SIZES), default="demo", help="Storleksförval.")
    parser.add_argument("--units", type=int, help="Antal enheter (ersätter förvalet).")
    parser.add_argument(
        "--contacts-per-year", type=int, help="Kontakter per år (ersätter förvalet)."
    )
    parser.add_argument("--waiting", type=int, help="Antal väntande vid senaste mätningen.")
    parser.add_argument("--years", type=int, help="Antal kalenderår, innevarande år inräknat.")


def size_from_options(options: dict) -> Size:
    size = SIZES[options.get("size") or "demo"]
    overrides = {
        field: options[key]
        for field, key in (
            ("units", "units"),
            ("contacts_per_year", "contacts_per_year"),
            ("waiting", "waiting"),
            ("years", "years"),
        )
        if options.get(key) is not None
    }
    return replace(size, **overrides)
