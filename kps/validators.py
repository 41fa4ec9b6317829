"""Validators shared by every app's forms and API serializers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from imports.pseudonym import contains_identity_number


def no_identity_numbers(value: str) -> None:
    """Refuse free text holding a personal identity number.

    Notes, action texts and programme texts are stored and shown as typed, readable by
    everyone who sees the clinic and kept without the protection of pseudonymisation,
    so a personnummer must not be written there. Refused rather than masked, so the
    writer knows what happened to the text and can rephrase it.
    """
    if isinstance(value, str) and contains_identity_number(value):
        raise ValidationError(
            _(
                "Texten innehåller något som ser ut som ett personnummer. Skriv inte personnummer i "
                "fritext: texten sparas och visas som den är, utan skydd för personuppgifter. "
                "Ta bort numret och spara igen."
            ),
            code="identity_number",
        )


# For an admin whose records hold free text: its forms refuse identity numbers as the pages do.
FREE_TEXT_FORMFIELDS = {
    models.TextField: {"validators": [no_identity_numbers]},
    models.CharField: {"validators": [no_identity_numbers]},
}
