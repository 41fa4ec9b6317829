"""The figures as the API reports them, checked against the recomputed ones.

The API is asked as a user who sees the whole region (a Django test client
logged in, or anything else with ``get(path) -> JSON``). Per figure:

- weekly outcome per clinic, activity, source and week: the tactical view's
  lines, one schedule period at a time;
- the 12-week share of planned production (and, where the API reports them,
  shortfall, activities behind and "utan plan"): the call-in's rolling series;
- the waiting list per clinic: the call-in's weekly snapshots; the region's:
  the waiting-list report;
- tertials per clinic and the indicator table: the strategic view;
- reconciliation: the COSMIC/Diver reconciliation page, one clinic at a time.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

from .compare import Comparison
from .expected import (
    COSMIC,
    DIVER,
    Expected,
    monday,
    sunday,
    tertial_bounds,
    tertial_weeks,
    week_key,
    weeks_between,
)

# Figures the shared definition names that the API may not report yet: compared when present.
SHARE_EXTRAS = ("shortfall", "behind", "unplanned")
PARTS = frozenset({"weekly", "rolling", "waiting", "tertials", "reconciliation"})
ROLLING_WEEKS = 12
TREND_WEEKS = 26


# A week as pages write it ("v 11 2026"; "wk 11 2026" in English), the API writes "2026-W11".
PAGE_WEEK = re.compile(r"^(?:v|wk) (\d{1,2}) (\d{4})$")


def key_of(label: str) -> int:
    if page := PAGE_WEEK.match(label):
        return int(page[2]) * 100 + int(page[1])
    year, week = label.split("-W")
    return int(year) * 100 + int(week)


def label_of(key: int) -> str:
    return f"{key // 100}-W{key % 100:02d}"


def _share_figures(
    result: Comparison, figure: str, clinic: str, when: str, expected: dict | None, reported: dict
) -> None:
    names = ["plan", "outcome", "share", "weeks_known", *[n for n in SHARE_EXTRAS if n in reported]]
    for name in names:
        value = None if expected is None else expected.get(name)
        if name == "weeks_known" and expected is None:
            continue
        result.check(f"{figure}.{name}", clinic, when, value, reported.get(name))


class Reported:
    def __init__(self, client, expected: Expected, *, today: date, sources=(COSMIC, DIVER)):
        self.client = client
        self.e = expected
        self.today = today
        self.sources = sources
        self.result = Comparison()
        self.clinics = sorted(self.e.clinic_name.items(), key=lambda item: item[1])
        first = (
            min(self.e.cosmic["day"].min(), date(self.today.year, 1, 1))
            if len(self.e.cosmic)
            else self.today
        )
        self.years = list(range(first.year, self.today.year + 1))
        self.tables = {s: self.e.outcome_table(s) for s in sources}

    def _fetch(self, path: str):
        response = self.client.get(path)
        if response.status_code != 200:
            raise RuntimeError(
                f"{path} answered {response.status_code}: {response.content[:300]!r}"
            )
        return response

    def get(self, path: str) -> dict:
        return self._fetch(path).json()

    def get_html(self, path: str) -> str:
        return self._fetch(path).content.decode()

    def run(self, parts=PARTS) -> Comparison:
        """Compare the figures of ``parts`` (all by default)."""
        for source in self.sources:
            for clinic_id, name in self.clinics:
                if "weekly" in parts:
                    self.weekly_outcome(source, clinic_id, name)
                if "rolling" in parts or ("waiting" in parts and source == COSMIC):
                    self.rolling_share(source, clinic_id, name, parts)
            if "tertials" in parts:
                for year in self.years:
                    self.tertials(source, year)
        if "waiting" in parts:
            self.region_waiting()
        if "reconciliation" in parts:
            for clinic_id, name in self.clinics:
                self.reconciliation(clinic_id, name)
        return self.result

    # --- weekly outcome -----------------------------------------------------------------------

    def weekly_outcome(self, source: str, clinic_id: int, name: str) -> None:
        table = self.tables[source]
        seen: set[int] = set()
        for year in self.years:
            for period in (1, 2, 3, 4):
                data = self.get(
                    f"/api/v1/followup/tactical/?klinik={clinic_id}&ar={year}&period={period}&kalla={source}"
                )
                weeks = weeks_between(
                    key_of(data["schedule"]["first_week"]), key_of(data["schedule"]["last_week"])
                )
                lines = {
                    line["activity_id"]: {key_of(w["week"]): w["outcome"] for w in line["weeks"]}
                    for line in data["lines"]
                }
                missing = set(data["missing_weeks"])
                seen.update(weeks)
                for week in weeks:
                    known = any(values.get(week) is not None for values in lines.values()) or (
                        sunday(week) < self.today and label_of(week) not in missing
                    )
                    activities = set(lines)
                    if week in self.e.known_weeks(source, clinic_id):
                        if clinic_id in table.index.get_level_values(0):
                            here = table.loc[clinic_id]
                            activities |= set(
                                here[
                                    here.index.get_level_values("week") == week
                                ].index.get_level_values("activity_id")
                            )
                    for activity in sorted(activities):
                        reported = (
                            lines[activity].get(week)
                            if activity in lines
                            else (0.0 if known else None)
                        )
                        expected = self.e.weekly(source, clinic_id, activity, week, table)
                        self.result.check(
                            f"weekly_outcome.{source}",
                            name,
                            label_of(week),
                            expected,
                            reported,
                            detail=self.e.ref.activities.get(activity, str(activity)),
                        )
        # A known week no schedule period showed is a week the API never reported.
        for week in sorted(self.e.known_weeks(source, clinic_id) - seen):
            if date(self.years[0], 1, 1) <= sunday(week):
                self.result.check(
                    f"weekly_outcome.{source}.week_shown", name, label_of(week), True, False
                )

    # --- the rolling 12-week share ------------------------------------------------------------

    def rolling_share(self, source: str, clinic_id: int, name: str, parts=PARTS) -> None:
        table = self.tables[source]
        known = self.e.known_weeks(source, clinic_id)
        if not known:
            return
        first_end = week_key(monday(min(known)) + timedelta(weeks=ROLLING_WEEKS - 1))
        end = week_key(self.today - timedelta(days=7))
        latest = True
        while end >= first_end:
            data = self.get(
                f"/api/v1/followup/call-in/?klinik={clinic_id}&vecka={label_of(end)}&kalla={source}"
            )
            for point in data["rolling"] if "rolling" in parts else []:
                week = key_of(point["week"])
                if week < first_end:
                    continue
                window = weeks_between(
                    week_key(monday(week) - timedelta(weeks=ROLLING_WEEKS - 1)), week
                )
                expected = (
                    self.e.share_over(source, [clinic_id], window, table) if week in known else None
                )
                _share_figures(
                    self.result, f"rolling_12_weeks.{source}", name, point["week"], expected, point
                )
            if source == COSMIC and "waiting" in parts:
                self.clinic_waiting(clinic_id, name, data, latest=latest)
            latest = False
            end = week_key(monday(end) - timedelta(weeks=TREND_WEEKS))

    # --- the waiting list ---------------------------------------------------------------------

    def clinic_waiting(self, clinic_id: int, name: str, data: dict, *, latest: bool) -> None:
        as_of = date.fromisoformat(data["as_of"])
        if latest:
            expected_day = self.e.last_snapshot(date.min, as_of)
            reported_day = data["waiting"][-1]["snapshot_date"] if data["waiting"] else None
            self.result.check("waiting.snapshot_date", name, str(as_of), expected_day, reported_day)
        for point in data["waiting"]:
            day = date.fromisoformat(point["snapshot_date"])
            figures = self.e.waiting_figures(day, [clinic_id])
            for measure in ("total", "over_90", "over_90_excl", "past_target", "pvv", "mov"):
                self.result.check(
                    f"waiting.{measure}", name, str(day), figures[measure], point[measure]
                )

    def region_waiting(self) -> None:
        data = self.get("/api/v1/waitlists/report/?level=region")
        day = self.e.last_snapshot(date.min, self.today)
        self.result.check(
            "region_waiting.snapshot", "(regionen)", str(self.today), day, data["snapshot"]
        )
        if not data["snapshot"]:
            return
        day = date.fromisoformat(data["snapshot"])
        figures = {
            **self.e.waiting_figures(day, long_days=data["long_days"]),
            **self.e.completed(day),
        }
        renamed = {"waiting": "total", "over_90": "over_90_excl", "over_long": "over_long"}
        for measure in (
            "waiting",
            "guarantee",
            "over_90",
            "over_long",
            "pvv",
            "mov",
            "past_target",
            "with_target",
            "completed",
            "completed_within_90",
        ):
            self.result.check(
                f"region_waiting.{measure}",
                "(regionen)",
                data["snapshot"],
                figures[renamed.get(measure, measure)],
                data["total"][measure],
            )

    # --- tertials -----------------------------------------------------------------------------

    def tertials(self, source: str, year: int) -> None:
        data = self.get(f"/api/v1/followup/strategic/?ar={year}&kalla={source}")
        table = self.tables[source]
        for row in data["clinics"]:
            for t in (1, 2, 3):
                expected = self.e.share_over(
                    source, [row["clinic_id"]], tertial_weeks(year, t), table
                )
                _share_figures(
                    self.result,
                    f"tertial.{source}",
                    row["clinic"],
                    f"{year} T{t}",
                    expected,
                    row[f"t{t}"],
                )
        members: dict[str, list[int]] = {}
        for row in data["clinics"]:
            members.setdefault(row["area"], []).append(row["clinic_id"])
        everyone = [c for ids in members.values() for c in ids]
        for indicator in data["indicators"]:
            clinic_ids = (
                members.get(indicator["label"], everyone) if indicator["label"] else everyone
            )
            label = indicator["label"] or "(alla områden)"
            for tertial in indicator["tertials"]:
                t = tertial["tertial"]
                start, end = tertial_bounds(year, t)
                if start > self.today:
                    continue
                when = f"{year} T{t}"
                share = self.e.share_over(source, clinic_ids, tertial_weeks(year, t), table)[
                    "share"
                ]
                self.result.check(
                    f"indicator.outcome_share.{source}",
                    label,
                    when,
                    share,
                    tertial["outcome_share"],
                )
                if source != COSMIC:
                    continue
                day = self.e.last_snapshot(start, min(end, self.today))
                self.result.check(
                    "indicator.snapshot_date", label, when, day, tertial["snapshot_date"]
                )
                figures = self.e.waiting_figures(day, clinic_ids) if day else None
                first_share = (
                    figures["first_within"] / figures["first_total"]
                    if figures and figures["first_total"]
                    else None
                )
                self.result.check(
                    "indicator.first_visit_share",
                    label,
                    when,
                    first_share,
                    tertial["first_visit_share"],
                )
                self.result.check(
                    "indicator.first_visit_waiting",
                    label,
                    when,
                    figures["first_total"] if figures else 0,
                    tertial["first_visit_waiting"],
                )
                total, on_time = self.e.return_visits_on_time(
                    clinic_ids, start, min(end, self.today)
                )
                self.result.check(
                    "indicator.return_visit_share",
                    label,
                    when,
                    on_time / total if total else None,
                    tertial["return_visit_share"],
                )

    # --- reconciliation -----------------------------------------------------------------------

    def reconciliation(self, clinic_id: int, name: str) -> None:
        """The page lists a few hundred rows at most: it is read one clinic and quarter at a time."""
        if not hasattr(self, "_reconciliation"):
            self._reconciliation = self.e.reconciliation()
        units = dict(zip(self.e.ref.units["unit_id"], self.e.ref.units["unit_code"], strict=True))
        expected = {
            (units[u], self.e.ref.activities[a], w): d
            for (u, a, w), d in self._reconciliation.items()
            if self.e.clinic_of[u] == clinic_id
        }
        reported: dict[tuple[str, str, int], float] = {}
        for year in self.years:
            last = week_key(date(year, 12, 28)) % 100
            for first, until in ((1, 13), (14, 26), (27, 39), (40, last)):
                html = self.get_html(
                    f"/import/avstamning/?clinic={clinic_id}&week_from={year}-W{first:02d}&week_to={year}-W{until:02d}&order=week"
                )
                rows = parse_reconciliation(html)
                if len(rows) >= RECONCILIATION_SHOWN:
                    self.result.check(
                        "reconciliation.page_complete", name, f"{year}-W{first:02d}", True, False
                    )
                reported.update(rows)
        for key in sorted(set(expected) | set(reported), key=lambda k: (k[2], k[0], k[1])):
            unit, activity, week = key
            self.result.check(
                "reconciliation.difference",
                name,
                label_of(week),
                expected.get(key),
                reported.get(key),
                detail=f"{unit} {activity}",
            )


# The reconciliation page shows this many rows; more are there when it shows all of them.
RECONCILIATION_SHOWN = 200
ROW = re.compile(r"<tr>\s*<td>(.*?)</tr>", re.S)
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
CODE = re.compile(r'<span class="muted">(.*?)</span>')
TAG = re.compile(r"<[^>]+>")


def _number(text: str) -> float:
    cleaned = (
        re.sub(r"[\s\u00a0\u202f+]", "", unescape(TAG.sub("", text)))
        .replace(",", ".")
        .replace("\u2212", "-")
    )
    return float(cleaned)


def parse_reconciliation(html: str) -> dict[tuple[str, str, int], float]:
    """(unit code, activity, week) -> COSMIC − Diver, from the page's table."""
    table = html.split('id="reconciliation"', 1)[-1].split("</table>", 1)[0]
    rows = {}
    for match in ROW.finditer(table):
        cells = CELL.findall("<td>" + match.group(1))
        if len(cells) < 7:
            continue
        code = CODE.search(cells[1])
        activity = unescape(TAG.sub("", cells[2])).strip()
        week = key_of(TAG.sub("", cells[3]).strip())
        rows[(unescape(code.group(1)).strip() if code else "", activity, week)] = _number(cells[6])
    return rows
