"""The access log of person-level data: every page, export, API answer and admin list that shows
pseudonymised rows about patients records who read what and when.

A pseudonym is still personal data (the region holds the key), and patient-data
rules expect reading such rows to be traceable to a person.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import PersonDataAccess


def person_data_access_record(
    *, request: HttpRequest, what: str, subject: str = "", rows: int | None = None
) -> PersonDataAccess:
    """Record that the request's user read person-level rows."""
    user = request.user if request.user.is_authenticated else None
    return PersonDataAccess.objects.create(
        user=user,
        username=(user.get_username() if user else "")[:150],
        what=what[:100],
        subject=str(subject)[:300],
        rows=rows,
        path=request.get_full_path()[:500],
    )


class PersonDataAdmin(admin.ModelAdmin):
    """An admin of person-level rows: its list and its records are logged when read."""

    # False where only a record's page shows person-level rows (an import run's rejected rows).
    person_data_in_list = True

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if self.person_data_in_list and response.status_code == 200 and changelist is not None:
            person_data_access_record(
                request=request,
                what=f"admin:{self.opts.label_lower}",
                subject=request.GET.urlencode(),
                rows=len(changelist.result_list),
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:
            person_data_access_record(
                request=request, what=f"admin:{self.opts.label_lower}", subject=object_id, rows=1
            )
        return response
