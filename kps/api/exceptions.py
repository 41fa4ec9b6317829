"""One error body for every API answer in 4xx, in the user's language.

Every refusal, whether DRF's own (validation, permission, authentication,
not found) or the domain's (``kps.errors.DomainError`` and its subclasses),
is rendered as::

    {"status": 409, "code": "plan_locked", "detail": "<message>", "errors": {field: [messages]}, ...extra}

``detail`` is one sentence to show the user; ``errors`` names the fields or
query parameters that were wrong (empty when none). A ``DomainError`` adds its
``extra`` fields (a plan conflict's ``current_revision`` and ``changes``).
For compatibility with clients written against DRF's own body, a validation
error also keeps its fields at the top level.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from kps.errors import DomainError, NotFound

RESERVED = ("status", "code", "detail", "errors")


def _flat(errors: Any, prefix: str = "") -> dict[str, list[str]]:
    """Nested DRF errors (a list item's fields) as one list of messages per dotted field."""
    if isinstance(errors, dict):
        flat: dict[str, list[str]] = {}
        for key, value in errors.items():
            flat.update(_flat(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(errors, list) and any(isinstance(item, (dict, list)) for item in errors):
        flat = {}
        for index, item in enumerate(errors):
            if item:
                flat.update(_flat(item, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    messages = errors if isinstance(errors, list) else [errors]
    return {prefix or "non_field_errors": [str(m) for m in messages]}


def _code(detail: Any, default: str) -> str:
    if isinstance(detail, exceptions.ErrorDetail) and detail.code:
        return str(detail.code)
    return default


def error_body(
    *, status: int, code: str, detail: str, errors: dict | None = None, **extra: Any
) -> dict:
    return {"status": status, "code": code, "detail": str(detail), "errors": errors or {}, **extra}


def _domain_response(error: DomainError) -> Response:
    body = error_body(
        status=error.status_code,
        code=error.code,
        detail=error.message,
        errors=error.errors,
        **error.extra,
    )
    return Response(body, status=error.status_code)


def _validation_response(error: exceptions.ValidationError) -> Response:
    errors = _flat(error.detail) if isinstance(error.detail, (dict, list)) else {}
    if isinstance(error.detail, dict):
        messages = [m for field in errors.values() for m in field]
        body = error_body(status=400, code="invalid", detail=" ".join(messages), errors=errors)
        # DRF answered {field: [messages]}; clients written against that still find their fields.
        legacy = {key: value for key, value in error.detail.items() if key not in RESERVED}
        return Response({**legacy, **body}, status=400)
    if isinstance(error.detail, list):
        detail = " ".join(m for field in errors.values() for m in field)
        return Response(error_body(status=400, code="invalid", detail=detail), status=400)
    return Response(
        error_body(status=400, code=_code(error.detail, "invalid"), detail=error.detail), status=400
    )


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler with one body; anything else (a 500) is left to Django."""
    if not isinstance(
        exc,
        (
            Http404,
            DjangoValidationError,
            DjangoPermissionDenied,
            DomainError,
            exceptions.APIException,
        ),
    ):
        return None
    view = context.get("view")
    if isinstance(exc, Http404):
        # Django's own text ("No Clinic matches the given query.") is English and names a model.
        exc = NotFound(getattr(view, "not_found_message", None))
    elif isinstance(exc, DjangoValidationError):
        # A service's refusal of the input, in Swedish: a 400, not a 500.
        errors = (
            {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
            if hasattr(exc, "error_dict")
            else {}
        )
        exc = DomainError(" ".join(exc.messages), errors=errors)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, DomainError):
        set_rollback()
        return _domain_response(exc)
    if isinstance(exc, exceptions.ValidationError):
        set_rollback()
        return _validation_response(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = (
        exc.detail
        if not isinstance(exc.detail, (list, dict))
        else " ".join(_flat(exc.detail).get("non_field_errors", []))
    )
    response.data = error_body(
        status=response.status_code, code=_code(exc.detail, exc.default_code), detail=detail
    )
    return response
