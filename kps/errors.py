"""The one base class for refusals the domain explains to its users.

A service raises a ``DomainError`` subclass; a page shows its ``message`` and
the API renders it in the one error body (``kps.api.exceptions``) with its
``status_code``, ``code`` and any ``extra`` fields.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A request the domain refuses, with a message in the user's language."""

    status_code = 400
    code = "invalid"
    default_message = _("Begäran kunde inte utföras.")

    def __init__(
        self,
        message: str | None = None,
        *,
        errors: dict[str, list[str]] | None = None,
        **extra: Any,
    ):
        self.message = message if message is not None else self.default_message
        super().__init__(self.message)
        # Messages per field (or query parameter) the request got wrong.
        self.errors = errors or {}
        # Further fields of the error body that clients read, such as a conflict's changes.
        self.extra = extra


class InvalidInput(DomainError):
    """The request's fields or query parameters are wrong; ``errors`` says which and why."""

    default_message = _("Uppgifterna i begäran är felaktiga.")


class NotFound(DomainError):
    """What the request names does not exist, or is not the user's to see."""

    status_code = 404
    code = "not_found"
    default_message = _("Hittades inte.")
