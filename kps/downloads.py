"""File downloads: the response that makes the browser save what a page exports."""

from __future__ import annotations

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(content: bytes | str, filename: str, content_type: str = XLSX) -> HttpResponse:
    """The content as a file to save under ``filename`` (an Excel workbook unless told)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
