"""Lining up the recomputed figures with the reported ones, and printing what differs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

# Shares are floats; sums of counts are exact. Anything further apart than this differs.
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Difference:
    figure: str
    clinic: str
    when: str
    detail: str
    expected: object
    reported: object

    def line(self) -> str:
        what = f" {self.detail}" if self.detail else ""
        expected, reported = show(self.expected), show(self.reported)
        if expected == reported:  # apart in a place the short form leaves out
            expected, reported = repr(self.expected), repr(self.reported)
        return (
            f"{self.figure:<28} {self.clinic:<40} {self.when:<12}{what}: "
            f"oracle {expected}, API {reported}"
        )


def show(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def same(expected, reported) -> bool:
    if expected is None or reported is None:
        return expected is None and reported is None
    if isinstance(expected, (date, str)) or isinstance(reported, (date, str)):
        return str(expected) == str(reported)
    return abs(float(expected) - float(reported)) <= TOLERANCE


@dataclass
class Comparison:
    """Every figure compared, and those that differ."""

    compared: Counter = field(default_factory=Counter)
    differences: list[Difference] = field(default_factory=list)

    def check(
        self, figure: str, clinic: str, when: str, expected, reported, detail: str = ""
    ) -> None:
        self.compared[figure] += 1
        if not same(expected, reported):
            self.differences.append(Difference(figure, clinic, when, detail, expected, reported))

    def differing(self, figure: str | None = None, clinic: str | None = None) -> list[Difference]:
        return [
            d
            for d in self.differences
            if (figure is None or d.figure == figure) and (clinic is None or d.clinic == clinic)
        ]

    def report(self, *, limit: int | None = None) -> str:
        """Each differing figure (at most ``limit`` per figure name), then one summary line."""
        lines = []
        shown: Counter = Counter()
        for d in sorted(self.differences, key=lambda d: (d.figure, d.clinic, d.when, d.detail)):
            shown[d.figure] += 1
            if limit is None or shown[d.figure] <= limit:
                lines.append(d.line())
        per_figure = Counter(d.figure for d in self.differences)
        for figure, count in sorted(per_figure.items()):
            if limit is not None and count > limit:
                lines.append(f"… {figure}: {count - limit} more not shown")
        lines.append(
            f"Oracle: {sum(self.compared.values())} figures compared, {len(self.differences)} differ"
            + (
                ": "
                + ", ".join(f"{f} {n}/{self.compared[f]}" for f, n in sorted(per_figure.items()))
                if per_figure
                else ""
            )
            + "."
        )
        return "\n".join(lines)
