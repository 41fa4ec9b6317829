"""The import log and what an import keeps beside the facts: rejected rows, held rows, profiles."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import registry
from .choices import RunStatus

# A run that brought its file in (fully, or with rejected rows); its checksum counts as imported.
SUCCESSFUL = (RunStatus.OK, RunStatus.PARTIAL)


class ImportRun(models.Model):
    """One attempt to import one extract file, with its outcome; the import log."""

    file_name = models.CharField(_("fil"), max_length=255)
    kind = models.CharField(_("typ"), max_length=20, choices=registry.choices, blank=True)
    source = models.CharField(_("källa"), max_length=30, blank=True)
    checksum = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64, db_index=True)
    extract_date = models.DateField(_("extraktdatum"), null=True, blank=True)
    started_at = models.DateTimeField(_("startad"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    rows_read = models.PositiveIntegerField(_("lästa rader"), default=0)
    rows_accepted = models.PositiveIntegerField(_("godkända rader"), default=0)
    rows_rejected = models.PositiveIntegerField(_("avvisade rader"), default=0)
    rows_held = models.PositiveIntegerField(_("vilande rader"), default=0)
    # A user name, or "nattlig import" for the scheduled run.
    started_by = models.CharField(_("startad av"), max_length=150)
    message = models.TextField(_("meddelande"), blank=True)
    # Information for the report that is not an error, e.g. unknown columns that were ignored.
    info = models.JSONField(_("information"), default=dict, blank=True)

    class Meta:
        verbose_name = _("importkörning")
        verbose_name_plural = _("importkörningar")
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["kind", "source", "-started_at"], name="import_run_kind_source"),
            models.Index(fields=["status", "-started_at"], name="import_run_status"),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class RejectedRow(models.Model):
    """A row of an extract that broke a rule: where it was and why, never its personal data."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="rejected_rows")
    # Line in the file as a spreadsheet shows it: the header is line 1.
    line = models.PositiveIntegerField(_("rad"))
    column = models.CharField(_("kolumn"), max_length=100, blank=True)
    message = models.CharField(_("meddelande"), max_length=500)

    class Meta:
        verbose_name = _("avvisad rad")
        verbose_name_plural = _("avvisade rader")
        ordering = ["run", "line", "id"]

    def __str__(self) -> str:
        return f"{self.run_id}:{self.line} {self.column}: {self.message}"


class HoldReason(models.TextChoices):
    UNIT = "unit", _("Okänd enhetskod")
    ACTIVITY = "activity", _("Ingen aktivitet för kombinationen")
    MEASURE = "measure", _("Okänt mått")
    # The kind's own reference data is missing (its ``Reference`` says which and why).
    REFERENCE = "reference", _("Referensdata saknas")


class HeldRow(models.Model):
    """A valid row whose unit code or activity is not mapped yet, kept (pseudonymised) until it is."""

    run = models.ForeignKey(
        ImportRun, on_delete=models.SET_NULL, null=True, related_name="held_rows"
    )
    kind = models.CharField(_("typ"), max_length=20, choices=registry.choices)
    source = models.CharField(_("källa"), max_length=30)
    reason = models.CharField(_("orsak"), max_length=10, choices=HoldReason.choices)
    # The code an administrator has to map: a unit code, a measure or "fas/kontakttyp/yrkeskategori".
    code = models.CharField(_("kod"), max_length=100)
    # What a later delivery replaces (a snapshot day, a unit and week) and the row's own key,
    # so a newer file supersedes a held row instead of the held row overwriting newer data.
    scope = models.CharField(_("omfång"), max_length=100, blank=True)
    key = models.CharField(_("nyckel"), max_length=200, blank=True)
    line = models.PositiveIntegerField(_("rad"))
    # The validated row in contract columns, with the personnummer already pseudonymised.
    data = models.JSONField(_("data"))
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("vilande rad")
        verbose_name_plural = _("vilande rader")
        ordering = ["kind", "source", "code", "id"]
        indexes = [
            models.Index(fields=["kind", "source", "code"], name="held_row_kind_source_code"),
            models.Index(fields=["kind", "source", "scope"], name="held_row_kind_source_scope"),
            models.Index(fields=["kind", "source", "key"], name="held_row_kind_source_key"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}/{self.source} {self.get_reason_display()}: {self.code}"


class ColumnProfile(models.Model):
    """How one source system's extracts of one kind differ from the contract: columns and values.

    Without a profile a file must follow the contract exactly (the built-in
    identity profile).
    """

    source = models.CharField(_("källa"), max_length=30)
    kind = models.CharField(_("typ"), max_length=20, choices=registry.choices)
    # {"source column": "contract column"}, compared case-insensitively.
    column_map = models.JSONField(_("kolumner"), default=dict, blank=True)
    # {"contract column": {"source value": "contract value"}}.
    value_map = models.JSONField(_("värden"), default=dict, blank=True)
    note = models.CharField(_("anteckning"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("kolumnprofil")
        verbose_name_plural = _("kolumnprofiler")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind"], name="column_profile_source_kind_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source}/{self.kind}"
