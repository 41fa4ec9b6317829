"""A small reader for the English gettext catalogue, standard library only.

Reads ``locale/en/LC_MESSAGES/django.po`` (the source the translators edit) and
``django.mo`` (what Django loads at run time), so the tests can check that every
entry is translated and that the committed .mo was compiled from the current .po.
"""

from __future__ import annotations

import ast
import gettext
from dataclasses import dataclass, field
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale"
PO_PATH = LOCALE / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = LOCALE / "en" / "LC_MESSAGES" / "django.mo"


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def translations(self) -> list[str]:
        if self.msgid_plural is not None:
            return [self.msgstr_plural[n] for n in sorted(self.msgstr_plural)]
        return [self.msgstr]


def _unquote(text: str, path: Path, line: int) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"{path}:{line}: expected a quoted string, got {text!r}")
    # PO strings use C escapes (\" \\ \n \t); a Python string literal reads them the same way.
    return ast.literal_eval(text)


def read_po(path: Path = PO_PATH) -> list[Entry]:
    """The catalogue's entries in file order; obsolete (``#~``) entries are left out."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None  # which field continuation lines extend

    def finish():
        nonlocal current, target
        if current is not None:
            entries.append(current)
        current, target = None, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if current is not None and target and target[0] == "msgstr":
                finish()
            if current is None:
                current = Entry(line=number)
            if line.startswith("#,"):
                current.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if current is None or target is None:
                raise ValueError(f"{path}:{number}: a continuation line outside an entry")
            value = _unquote(line, path, number)
            name, index = target
            if index is None:
                setattr(current, name, getattr(current, name) + value)
            else:
                current.msgstr_plural[index] += value
            continue
        if (
            keyword in ("msgctxt", "msgid")
            and current is not None
            and target
            and target[0] == "msgstr"
        ):
            finish()
        if current is None:
            current = Entry(line=number)
        value = _unquote(rest, path, number)
        if keyword == "msgctxt":
            current.msgctxt, target = value, ("msgctxt", None)
        elif keyword == "msgid":
            current.msgid, target = value, ("msgid", None)
        elif keyword == "msgid_plural":
            current.msgid_plural, target = value, ("msgid_plural", None)
        elif keyword == "msgstr":
            current.msgstr, target = value, ("msgstr", None)
        elif keyword.startswith("msgstr[") and keyword.endswith("]"):
            index = int(keyword[len("msgstr[") : -1])
            current.msgstr_plural[index], target = value, ("msgstr", index)
        else:
            raise ValueError(f"{path}:{number}: unknown keyword {keyword!r}")
    finish()
    return entries


def po_catalog(entries: list[Entry]) -> dict:
    """The .po's translations keyed as ``gettext.GNUTranslations`` keys its catalogue."""
    catalog: dict = {}
    for entry in entries:
        if entry.is_header or "fuzzy" in entry.flags:
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            if entry.msgstr:
                catalog[key] = entry.msgstr
        elif all(entry.msgstr_plural.values()):
            for index, text in entry.msgstr_plural.items():
                catalog[(key, index)] = text
    return catalog


def mo_catalog(path: Path = MO_PATH) -> dict:
    """The compiled catalogue's translations, without the header entry."""
    with path.open("rb") as fp:
        translations = gettext.GNUTranslations(fp)
    return {key: text for key, text in translations._catalog.items() if key != ""}


def mo_plural_forms(path: Path = MO_PATH) -> str:
    with path.open("rb") as fp:
        translations = gettext.GNUTranslations(fp)
    return translations.info().get("plural-forms", "")
