from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    COSMIC = "cosmic", "COSMIC"
    DIVER = "diver", "Diver"
    HR = "hr", _("HR-system")
    # The operating-room planning system the session plan (salstider) comes from.
    ORBIT = "orbit", "Orbit"


class Profession(models.TextChoices):
    """The extract format's yrkeskategori codes."""

    LAK = "LAK", _("Läkare")
    SSK = "SSK", _("Sjuksköterska")
    BM = "BM", _("Barnmorska")
    USK = "USK", _("Undersköterska")
    FYS = "FYS", _("Fysioterapeut")
    ARB = "ARB", _("Arbetsterapeut")
    KUR = "KUR", _("Kurator")
    PSY = "PSY", _("Psykolog")
    OVR = "OVR", _("Övrig")


class ContactType(models.TextChoices):
    BESOK = "BESOK", _("Besök")
    TELEFON = "TELEFON", _("Telefon")
    VIDEO = "VIDEO", _("Video")
    SKRIFTLIG = "SKRIFTLIG", _("Skriftlig")


class Phase(models.IntegerChoices):
    """The extract format's fas: what kind of step in the patient's care a contact is."""

    FIRST = 1, _("Nybesök")
    PROCEDURE = 2, _("Operation/åtgärd")
    EXAMINATION = 3, _("Undersökning")
    RETURN = 4, _("Återbesök")
    EMERGENCY = 5, _("Akut")


class Region(models.Model):
    """A healthcare region (county council), identified by its county code."""

    name = models.CharField(_("namn"), max_length=100)
    county_code = models.CharField(_("länskod"), max_length=2, unique=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regioner")
        ordering = ["county_code"]

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """A verksamhetsområde: the clinics an area director answers for."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="areas")
    code = models.CharField(_("kod"), max_length=20, unique=True)
    name = models.CharField(_("namn"), max_length=100)
    # Indicator target: how many clinics in the area should have a production plan.
    plan_target = models.PositiveIntegerField(_("mål: kliniker med produktionsplan"), default=0)

    class Meta:
        verbose_name = _("verksamhetsområde")
        verbose_name_plural = _("verksamhetsområden")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Site(models.Model):
    """A hospital or other site that clinics and units work at."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="sites")
    code = models.CharField(_("kod"), max_length=20, unique=True)
    name = models.CharField(_("namn"), max_length=100)

    class Meta:
        verbose_name = _("sjukhus")
        verbose_name_plural = _("sjukhus")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Clinic(models.Model):
    """A klinik/verksamhet: the level that owns a production plan."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="clinics")
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="clinics", null=True, blank=True
    )
    code = models.CharField(_("kod"), max_length=20, unique=True)
    name = models.CharField(_("namn"), max_length=150)

    class Meta:
        verbose_name = _("klinik")
        verbose_name_plural = _("kliniker")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """An enhet within a clinic: where contacts happen and staff are scheduled."""

    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="units")
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="units", null=True, blank=True
    )
    code = models.CharField(_("kod"), max_length=20, unique=True)
    name = models.CharField(_("namn"), max_length=150)

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitSourceCode(models.Model):
    """The code a source system (COSMIC, Diver, HR) uses for a unit; they differ per system."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="source_codes")
    source = models.CharField(_("källa"), max_length=20, choices=Source.choices)
    code = models.CharField(_("kod i källsystemet"), max_length=50)

    class Meta:
        verbose_name = _("enhetskod i källsystem")
        verbose_name_plural = _("enhetskoder i källsystem")
        constraints = [
            models.UniqueConstraint(fields=["source", "code"], name="unit_source_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.code} → {self.unit}"


class Activity(models.Model):
    """A production activity that plans and outcomes are counted in (e.g. Läkarbesök ny)."""

    code = models.SlugField(_("kod"), max_length=40, unique=True)
    name = models.CharField(_("namn"), max_length=100, unique=True)
    profession = models.CharField(_("yrkeskategori"), max_length=3, choices=Profession.choices)
    minutes = models.PositiveIntegerField(_("tidsstandard (minuter)"), default=30)
    sort_order = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class ClinicTimeStandard(models.Model):
    """A clinic's own minutes per activity, overriding the activity's default."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="time_standards")
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="clinic_time_standards"
    )
    minutes = models.PositiveIntegerField(_("minuter"))

    class Meta:
        verbose_name = _("tidsstandard för klinik")
        verbose_name_plural = _("tidsstandarder för kliniker")
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "activity"], name="clinic_time_standard_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.clinic}: {self.activity} {self.minutes} min"


class ContactActivityRule(models.Model):
    """Maps a contact's (fas, kontakttyp, yrkeskategori) to the activity it counts as.

    An empty contact type or profession matches any value; the most specific
    matching rule wins (see ``organisation.selectors.contact_activity_resolver``).
    """

    phase = models.PositiveSmallIntegerField(_("fas"), choices=Phase.choices)
    contact_type = models.CharField(
        _("kontakttyp"), max_length=10, choices=ContactType.choices, blank=True
    )
    profession = models.CharField(
        _("yrkeskategori"), max_length=3, choices=Profession.choices, blank=True
    )
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="contact_rules")

    class Meta:
        verbose_name = _("regel kontakt → aktivitet")
        verbose_name_plural = _("regler kontakt → aktivitet")
        constraints = [
            models.UniqueConstraint(
                fields=["phase", "contact_type", "profession"], name="contact_activity_rule_unique"
            )
        ]

    def __str__(self) -> str:
        return f"fas {self.phase} {self.contact_type or '*'} {self.profession or '*'} → {self.activity}"


class MeasureMapping(models.Model):
    """Maps one of Diver's measure names (matt) to an activity."""

    measure = models.CharField(_("mått i Diver"), max_length=100, unique=True)
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="measure_mappings"
    )

    class Meta:
        verbose_name = _("mått → aktivitet")
        verbose_name_plural = _("mått → aktivitet")

    def __str__(self) -> str:
        return f"{self.measure} → {self.activity}"


class SchedulePeriod(models.Model):
    """One period of the schedule clock: weeks whose schedule is laid together.

    Periods are set per area and year; where an area has none, the calendar's
    default boundaries apply (see ``organisation.calendar``).
    """

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="schedule_periods")
    year = models.PositiveIntegerField(_("år"))
    number = models.PositiveSmallIntegerField(
        _("period"), choices=[(i, str(i)) for i in range(1, 5)]
    )
    start = models.DateField(_("första dag (måndag)"))
    end = models.DateField(_("sista dag (söndag)"))
    lay_by = models.DateField(_("schemat läggs senast"), null=True, blank=True)

    class Meta:
        verbose_name = _("schemaperiod")
        verbose_name_plural = _("schemaperioder")
        ordering = ["area", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year", "number"], name="schedule_period_unique"
            ),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="schedule_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.year} P{self.number}"

    def clean(self) -> None:
        if self.start and self.start.weekday() != 0:
            raise ValidationError({"start": _("En schemaperiod börjar på en måndag.")})
        if self.end and self.end.weekday() != 6:
            raise ValidationError({"end": _("En schemaperiod slutar på en söndag.")})

    @property
    def weeks(self) -> int:
        return ((self.end - self.start).days + 1) // 7

    def lay_by_date(self) -> date:
        from .calendar import default_lay_by

        return self.lay_by or default_lay_by(self.start)


class Role(models.TextChoices):
    KPS_LEADER = "kps_leader", _("KPS-ledare")
    MANAGER = "manager", _("Chef")
    QULTURUM = "qulturum", _("Qulturum")
    ADMIN = "admin", _("Administratör")


class Membership(models.Model):
    """Ties a user to a role and the part of the organisation the role applies to.

    A KPS leader or manager belongs to a clinic or an area; Qulturum and
    administrators need no scope (they see the whole region).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    clinic = models.ForeignKey(
        Clinic, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.CheckConstraint(
                condition=~(Q(area__isnull=False) & Q(clinic__isnull=False)),
                name="membership_area_or_clinic",
            ),
            models.CheckConstraint(
                condition=~Q(role="kps_leader", clinic__isnull=True),
                name="membership_leader_has_clinic",
            ),
        ]

    def __str__(self) -> str:
        scope = self.clinic or self.area or _("hela regionen")
        return f"{self.user} – {self.get_role_display()} – {scope}"

    def clean(self) -> None:
        if self.area_id and self.clinic_id:
            raise ValidationError(_("Ange antingen verksamhetsområde eller klinik, inte båda."))
        if self.role == Role.KPS_LEADER and not self.clinic_id:
            raise ValidationError({"clinic": _("En KPS-ledare hör till en klinik.")})
        if self.role == Role.MANAGER and not (self.clinic_id or self.area_id):
            raise ValidationError(_("En chef hör till en klinik eller ett verksamhetsområde."))


class PersonDataAccess(models.Model):
    """One reading of pseudonymised person-level rows: who read what, and when (the access log).

    Kept beside the roles and the access filter, which decide who may read such rows;
    this records that they were read, as patient-data rules require.
    """

    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("användare"),
    )
    # Kept as text too: the log must still say who it was after the account is removed.
    username = models.CharField(_("användarnamn"), max_length=150)
    # What was read: a page, an export, an API endpoint or an admin list.
    what = models.CharField(_("vad"), max_length=100)
    # Which object: an import run, a filter, an admin query string.
    subject = models.CharField(_("avser"), max_length=300, blank=True)
    rows = models.PositiveIntegerField(_("rader"), null=True, blank=True)
    path = models.CharField(_("adress"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("läsning av personuppgifter")
        verbose_name_plural = _("läsningar av personuppgifter")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "-at"], name="person_data_access_user_at")]

    def __str__(self) -> str:
        return f"{self.username} {self.what} {self.subject}"
