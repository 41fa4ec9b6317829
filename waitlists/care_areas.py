"""Which medical care area a KVÅ code belongs to, and the KVÅ chapters the areas start from.

Pure functions: the selectors load the editable prefix rules once and resolve
every code of a snapshot in memory, and the seed reads Socialstyrelsen's
chapter files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

# Level-4 codes: the surgical classification (KKÅ) has three letters and two
# digits (NFB49, also the additional codes ZXA10), the medical one (KMÅ) two
# letters and three digits (DV056). That is how a bare code in an extract
# tells which classification it belongs to.
_KKA_CODE = re.compile(r"^[A-Z]{3}\d{2}$")
_KMA_CODE = re.compile(r"^[A-Z]{2}\d{3}$")


def kva_classification(code: str) -> str | None:
    """'kka', 'kma' or None for a code of neither shape."""
    code = code.strip().upper()
    if _KKA_CODE.match(code):
        return "kka"
    if _KMA_CODE.match(code):
        return "kma"
    return None


def read_kva_file(path: Path) -> list[tuple[str, str]]:
    """(code, text) of each row of one of Socialstyrelsen's KVÅ text files.

    The files are UTF-8 with a byte order mark and TAB separated, with an empty
    middle column: ``Kod:<TAB><TAB>Kodtext:[<TAB>Beskrivning:]``.
    """
    rows = []
    for line in path.read_text(encoding="utf-8-sig").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) >= 3 and cells[0].strip():
            rows.append((cells[0].strip(), cells[2].strip()))
    return rows


def kva_chapters(kva_dir: Path) -> list[tuple[str, str, str]]:
    """(classification, chapter letter, chapter text) of both classifications, surgical first."""
    chapters = []
    for classification in ("kka", "kma"):
        for path in sorted(kva_dir.glob(f"{classification}-*-level1.txt")):
            chapters += [(classification, code, text) for code, text in read_kva_file(path)]
    return chapters


class CareAreaResolver:
    """Maps KVÅ codes to medical care area ids by the longest matching prefix of the code's classification."""

    def __init__(self, rules: Iterable[tuple[str, str, int]]):
        self._rules: dict[str, list[tuple[str, int]]] = {"kka": [], "kma": []}
        for classification, prefix, area_id in rules:
            self._rules.setdefault(classification, []).append((prefix.upper(), area_id))
        for prefixes in self._rules.values():
            prefixes.sort(key=lambda rule: len(rule[0]), reverse=True)
        self._cache: dict[str, int | None] = {}

    def area_of(self, code: str) -> int | None:
        if code not in self._cache:
            normalised = code.strip().upper()
            classification = kva_classification(normalised)
            self._cache[code] = next(
                (
                    area_id
                    for prefix, area_id in self._rules.get(classification or "", [])
                    if normalised.startswith(prefix)
                ),
                None,
            )
        return self._cache[code]
