"""Who may do what is decided in ``organisation/access.py`` alone: no app reads memberships or
the superuser flag to decide for itself, so a rule changed there holds everywhere."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The project package and every production app (the demo app seeds users with their flags).
APPS = ["kps", *sorted(p.parent.name for p in ROOT.glob("*/apps.py") if p.parent.name != "demo")]
# Reading memberships or the superuser flag, or combining roles by hand.
DECIDING = re.compile(r"Membership\.objects|\bis_superuser\b|\bholds_role_for\(|\bmemberships\(")


def test_no_app_module_but_access_decides_who_may_do_what():
    offenders = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative == "organisation/access.py" or "/migrations/" in relative:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if DECIDING.search(line):
                    offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []
