"""The KPS programme per clinic: the director's decision, the agreement, named roles and the steps.

A programme's status is never stored: ``rollout.status`` derives it from the
steps' dates. Every write goes through ``rollout.services``, which records a
``RolloutChange`` for each field it changes.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Step(models.IntegerChoices):
    """The programme's checklist; the value is the step's place in the usual order."""

    PROCESS_MAPPING = 10, _("Processkartläggning (tid per besök, behov, kompetenser)")
    GOALS_SET = 20, _("Mål satta")
    FIRST_PLAN_APPROVED = 30, _("Första produktionsplanen fastställd")
    CALL_IN_STARTED = 40, _("Veckovisa call-in-möten startade")
    METHOD_MEETING_1 = 51, _("Metodmöte 1")
    METHOD_MEETING_2 = 52, _("Metodmöte 2")
    METHOD_MEETING_3 = 53, _("Metodmöte 3")
    METHOD_MEETING_4 = 54, _("Metodmöte 4")
    METHOD_MEETING_5 = 55, _("Metodmöte 5")
    METHOD_MEETING_6 = 56, _("Metodmöte 6")
    ACTION_PLAN = 60, _("Handlingsplan skriven")
    COMPLETED = 70, _("Programmet avslutat")


class ProgrammeRoleKind(models.TextChoices):
    OWNER = "owner", _("KPS-ägare")
    LEADER = "leader", _("KPS-ledare")
    MEMBER = "member", _("Medlem i KPS-gruppen")


class Programme(models.Model):
    """A clinic's KPS programme: decided by the area director, run by agreement for about a year."""

    clinic = models.OneToOneField(
        "organisation.Clinic",
        on_delete=models.CASCADE,
        related_name="programme",
        verbose_name=_("klinik"),
    )
    decision_date = models.DateField(_("områdeschefens beslut"))
    agreement_date = models.DateField(_("överenskommelse undertecknad"), null=True, blank=True)
    goals = models.TextField(_("mål"), blank=True)
    expectations = models.TextField(_("förväntningar"), blank=True)
    timeline = models.TextField(_("tidplan"), blank=True)
    follow_up = models.TextField(_("uppföljning"), blank=True)
    start = models.DateField(_("programstart"))
    planned_end = models.DateField(_("planerat slut"))
    created_at = models.DateTimeField(_("registrerat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senast ändrat"), auto_now=True)

    class Meta:
        verbose_name = _("KPS-program")
        verbose_name_plural = _("KPS-program")
        ordering = ["clinic__area__name", "clinic__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__gt=F("start")), name="programme_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.clinic}: KPS-program {self.start:%Y-%m-%d}–{self.planned_end:%Y-%m-%d}"


class ProgrammeRole(models.Model):
    """A named person in a clinic's programme: owner, leader or group member, with an account if they have one."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("roll"), max_length=10, choices=ProgrammeRoleKind.choices)
    name = models.CharField(_("namn"), max_length=150)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_roles",
        verbose_name=_("användarkonto"),
    )

    class Meta:
        verbose_name = _("roll i KPS-programmet")
        verbose_name_plural = _("roller i KPS-programmet")
        ordering = ["programme", "role", "name"]
        constraints = [
            # A programme has one owner and one leader; the group may have any number of members.
            models.UniqueConstraint(
                fields=["programme", "role"],
                condition=~Q(role="member"),
                name="programme_role_single",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"


class ProgrammeStep(models.Model):
    """One step of a clinic's programme: when the agreement says it is due, when it was done, notes."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="steps")
    kind = models.PositiveSmallIntegerField(_("steg"), choices=Step.choices)
    due = models.DateField(_("enligt överenskommelsen senast"), null=True, blank=True)
    done_on = models.DateField(_("klart"), null=True, blank=True)
    notes = models.TextField(_("anteckningar"), blank=True)

    class Meta:
        verbose_name = _("programsteg")
        verbose_name_plural = _("programsteg")
        ordering = ["programme", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind"], name="programme_step_unique")
        ]
        indexes = [models.Index(fields=["done_on", "due"], name="programme_step_dates")]

    def __str__(self) -> str:
        return f"{self.programme.clinic}: {self.get_kind_display()}"


class RolloutChange(models.Model):
    """One recorded change to a clinic's programme: who, when, which field, from what to what."""

    clinic = models.ForeignKey(
        "organisation.Clinic",
        on_delete=models.CASCADE,
        related_name="rollout_changes",
        verbose_name=_("klinik"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("användare"),
    )
    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    subject = models.CharField(_("avser"), max_length=100)
    field = models.CharField(_("fält"), max_length=100)
    old = models.TextField(_("före"), blank=True)
    new = models.TextField(_("efter"), blank=True)

    class Meta:
        verbose_name = _("ändring i införandet")
        verbose_name_plural = _("ändringar i införandet")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["clinic", "at"], name="rollout_change_clinic_at")]

    def __str__(self) -> str:
        return f"{self.clinic} {self.subject} {self.field}: {self.old} → {self.new}"
