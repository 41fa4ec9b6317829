"""The English catalogue is complete, and the committed .mo matches the .po."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from .catalogue import MO_PATH, PO_PATH, mo_catalog, mo_plural_forms, po_catalog, read_po

# %(name)s, %s, %d, %r, %%, and the brace fields Python's str.format and Plotly use.
PLACEHOLDER = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdirf]|%[-#0 +]*\d*(?:\.\d+)?[sdirfk%]|\{[^{}]*\}"
)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.fixture(scope="module")
def entries():
    return read_po()


def test_the_catalogue_has_entries(entries):
    messages = [e for e in entries if not e.is_header]
    assert len(messages) > 100, f"{PO_PATH} looks empty; run makemessages -l en"
    header = next(e for e in entries if e.is_header)
    assert "Language: en" in header.msgstr
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr


def test_no_entry_is_fuzzy(entries):
    fuzzy = [f"line {e.line}: {e.msgid!r}" for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, "fuzzy entries in the English catalogue:\n" + "\n".join(fuzzy)


def test_every_entry_is_translated(entries):
    missing = []
    for entry in entries:
        if entry.is_header:
            continue
        forms = entry.translations
        if entry.msgid_plural is not None and len(forms) != 2:
            missing.append(f"line {entry.line}: {entry.msgid!r} needs msgstr[0] and msgstr[1]")
        elif not all(form.strip() for form in forms):
            missing.append(f"line {entry.line}: {entry.msgid!r}")
    assert not missing, "untranslated entries in the English catalogue:\n" + "\n".join(missing)


def test_translations_keep_the_placeholders(entries):
    wrong = []
    for entry in entries:
        if entry.is_header:
            continue
        if entry.msgid_plural is None:
            if placeholders(entry.msgid) != placeholders(entry.msgstr):
                wrong.append(f"line {entry.line}: {entry.msgid!r} → {entry.msgstr!r}")
            continue
        # The singular form may spell the number out ("one row"), so it only must not add any.
        singular, plural = entry.msgstr_plural.get(0, ""), entry.msgstr_plural.get(1, "")
        if placeholders(entry.msgid_plural) != placeholders(plural) or not set(
            placeholders(singular)
        ) <= set(placeholders(entry.msgid_plural)):
            wrong.append(f"line {entry.line}: {entry.msgid_plural!r} → {entry.msgstr_plural!r}")
    assert not wrong, "placeholders differ between Swedish and English:\n" + "\n".join(wrong)


def test_the_compiled_catalogue_matches_the_po(entries):
    assert MO_PATH.exists(), f"{MO_PATH.name} is missing; run compilemessages -l en"
    expected, compiled = po_catalog(entries), mo_catalog()
    stale = sorted(str(key) for key in expected.keys() - compiled.keys())
    extra = sorted(str(key) for key in compiled.keys() - expected.keys())
    changed = sorted(
        str(key) for key in expected.keys() & compiled.keys() if expected[key] != compiled[key]
    )
    assert not (stale or extra or changed), (
        "django.mo is out of date with django.po; run compilemessages -l en and commit both.\n"
        f"missing from .mo: {stale[:10]}\nonly in .mo: {extra[:10]}\ndiffering: {changed[:10]}"
    )
    assert mo_plural_forms() == "nplurals=2; plural=(n != 1);"


def test_django_uses_the_catalogue():
    with translation.override("en"):
        assert translation.gettext("Planering") == "Planning"
        assert translation.ngettext("%(n)s klinik", "%(n)s kliniker", 1) == "%(n)s clinic"
        assert translation.ngettext("%(n)s klinik", "%(n)s kliniker", 3) == "%(n)s clinics"
    with translation.override("sv"):
        assert translation.gettext("Planering") == "Planering"


def test_no_message_holds_an_escape_the_code_would_not(entries):
    # makemessages copies a Python escape such as "\u00a0" into the catalogue as its six
    # characters, while the running code asks for the one character: such a message is
    # never translated. Keep special characters out of messages and add them in code.
    escaped = [
        f"line {e.line}: {e.msgid!r}" for e in entries if "\\u" in e.msgid or "\\x" in e.msgid
    ]
    assert not escaped, "messages that can never match their translation:\n" + "\n".join(escaped)
