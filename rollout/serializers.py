"""API shapes for rollout: plain data out, checked input in; the rules stay in ``rollout.services``."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kps.validators import no_identity_numbers
from organisation.models import Clinic
from organisation.validators import sensible_date

from .models import Programme, ProgrammeRole, ProgrammeRoleKind, ProgrammeStep, RolloutChange, Step
from .services import MAX_TEXT
from .status import ProgrammeStatus, programme_status


class ProgrammeStepSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="get_kind_display", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = ProgrammeStep
        fields = ["kind", "label", "due", "done_on", "notes", "overdue"]

    def get_overdue(self, step: ProgrammeStep) -> bool:
        return step.done_on is None and step.due is not None and step.due < timezone.localdate()


class ProgrammeRoleSerializer(serializers.ModelSerializer):
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    username = serializers.CharField(source="user.username", read_only=True, default=None)

    class Meta:
        model = ProgrammeRole
        fields = ["id", "role", "role_label", "name", "username"]


class ProgrammeSerializer(serializers.ModelSerializer):
    clinic_name = serializers.CharField(source="clinic.name", read_only=True)
    area = serializers.IntegerField(source="clinic.area_id", read_only=True)
    status = serializers.SerializerMethodField()
    steps = ProgrammeStepSerializer(many=True, read_only=True)
    roles = ProgrammeRoleSerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id", "clinic", "clinic_name", "area", "status", "decision_date", "agreement_date",
            "goals", "expectations", "timeline", "follow_up", "start", "planned_end", "steps", "roles",
        ]  # fmt: skip

    def get_status(self, programme: Programme) -> ProgrammeStatus:
        # Derived from the prefetched steps, so a list costs no query per programme.
        today = timezone.localdate()
        steps = list(programme.steps.all())
        return programme_status(
            has_programme=True,
            start=programme.start,
            steps_done=sum(1 for s in steps if s.done_on),
            overdue_steps=sum(1 for s in steps if s.done_on is None and s.due and s.due < today),
            completed=any(s.kind == Step.COMPLETED and s.done_on for s in steps),
            today=today,
        )


class ProgrammeWriteSerializer(serializers.Serializer):
    clinic = serializers.PrimaryKeyRelatedField(queryset=Clinic.objects.all(), required=False)
    decision_date = serializers.DateField(validators=[sensible_date], required=False)
    agreement_date = serializers.DateField(
        validators=[sensible_date], required=False, allow_null=True
    )
    goals = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_TEXT, validators=[no_identity_numbers]
    )
    expectations = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_TEXT, validators=[no_identity_numbers]
    )
    timeline = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_TEXT, validators=[no_identity_numbers]
    )
    follow_up = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_TEXT, validators=[no_identity_numbers]
    )
    start = serializers.DateField(validators=[sensible_date], required=False)
    planned_end = serializers.DateField(validators=[sensible_date], required=False)

    def validate(self, attrs):
        if self.context.get("creating"):
            missing = {
                name: [serializers.Field.default_error_messages["required"]]
                for name in ("clinic", "decision_date")
                if name not in attrs
            }
            if missing:
                raise serializers.ValidationError(missing)
        return attrs


class ProgrammeStepWriteSerializer(serializers.Serializer):
    due = serializers.DateField(validators=[sensible_date], required=False, allow_null=True)
    done_on = serializers.DateField(validators=[sensible_date], required=False, allow_null=True)
    notes = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_TEXT, validators=[no_identity_numbers]
    )


class ProgrammeRoleWriteSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=ProgrammeRoleKind.choices)
    name = serializers.CharField(required=False, allow_blank=True, max_length=150, default="")
    username = serializers.CharField(required=False, allow_blank=True, max_length=150, default="")


class RolloutOverdueStepSerializer(serializers.Serializer):
    kind = serializers.IntegerField()
    label = serializers.CharField()
    due = serializers.DateField()


class RolloutPlanEvidenceSerializer(serializers.Serializer):
    approved = serializers.BooleanField()
    first_approved = serializers.DateField(allow_null=True)


class ClinicRolloutSerializer(serializers.Serializer):
    clinic = serializers.IntegerField(source="clinic_id")
    clinic_name = serializers.CharField()
    clinic_code = serializers.CharField()
    area = serializers.IntegerField(source="area_id")
    area_name = serializers.CharField()
    programme = serializers.IntegerField(source="programme_id", allow_null=True)
    status = serializers.ChoiceField(choices=ProgrammeStatus.choices)
    status_label = serializers.CharField(source="status.label")
    decision_date = serializers.DateField(allow_null=True)
    start = serializers.DateField(allow_null=True)
    planned_end = serializers.DateField(allow_null=True)
    steps_done = serializers.IntegerField()
    steps_total = serializers.IntegerField()
    completed_on = serializers.DateField(allow_null=True)
    next_step = serializers.IntegerField(allow_null=True)
    next_step_label = serializers.SerializerMethodField()
    next_due = serializers.DateField(allow_null=True)
    overdue = serializers.SerializerMethodField()
    plan_this_year = RolloutPlanEvidenceSerializer(allow_null=True)
    plan_next_year = RolloutPlanEvidenceSerializer(allow_null=True)
    meetings = serializers.IntegerField(
        allow_null=True,
        help_text=_(
            "Call-in-möten loggade i uppföljningen de senaste veckorna; null utan uppgift."
        ),
    )

    def get_next_step_label(self, row) -> str | None:
        return str(row.next_step.label) if row.next_step else None

    @extend_schema_field(RolloutOverdueStepSerializer(many=True))
    def get_overdue(self, row):
        return [
            {"kind": step.value, "label": str(step.label), "due": due.isoformat()}
            for step, due in row.overdue
        ]


class RolloutTertialOutcomeSerializer(serializers.Serializer):
    plan = serializers.DecimalField(max_digits=14, decimal_places=2)
    outcome = serializers.DecimalField(max_digits=14, decimal_places=2)
    share = serializers.DecimalField(
        max_digits=8, decimal_places=4, allow_null=True, help_text=_("Utfall / plan; 1 = 100 %.")
    )


class RolloutTertialIndicatorSerializer(serializers.Serializer):
    tertial = serializers.IntegerField()
    clinics_with_plan = serializers.IntegerField(allow_null=True)
    outcome = RolloutTertialOutcomeSerializer(allow_null=True)


class RolloutAreaIndicatorsSerializer(serializers.Serializer):
    area = serializers.IntegerField(
        source="area_id", allow_null=True, help_text=_("null: hela regionen")
    )
    area_name = serializers.CharField()
    clinics = serializers.IntegerField()
    plan_target = serializers.IntegerField()
    tertials = serializers.SerializerMethodField()

    @extend_schema_field(RolloutTertialIndicatorSerializer(many=True))
    def get_tertials(self, area):
        rows = [
            {
                "tertial": t,
                "clinics_with_plan": area.with_plan[t],
                "outcome": area.outcome[t] or None,
            }
            for t in sorted(area.with_plan)
        ]
        return RolloutTertialIndicatorSerializer(rows, many=True).data


class RolloutIndicatorsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    current_tertial = serializers.IntegerField(allow_null=True)
    outcome_available = serializers.BooleanField(
        help_text=_("false när uppföljningen inte kan ge utfall mot plan")
    )
    source = serializers.CharField(help_text=_("Utfallskällan: cosmic eller diver."))
    areas = RolloutAreaIndicatorsSerializer(many=True)
    total = RolloutAreaIndicatorsSerializer()


class TranslatedNameField(serializers.CharField):
    """A name the change log stores in Swedish, answered in the request's language."""

    def to_representation(self, value):
        return gettext(str(value)) if value else value


class RolloutChangeSerializer(serializers.ModelSerializer):
    subject = TranslatedNameField(read_only=True)
    field = TranslatedNameField(read_only=True)
    username = serializers.CharField(source="user.username", read_only=True, default=None)
    clinic_name = serializers.CharField(source="clinic.name", read_only=True)

    class Meta:
        model = RolloutChange
        fields = ["id", "clinic", "clinic_name", "username", "at", "subject", "field", "old", "new"]


class RolloutClinicTertialOutcomeSerializer(serializers.Serializer):
    tertial = serializers.IntegerField()
    outcome = RolloutTertialOutcomeSerializer(allow_null=True)


class ProgrammeDetailSerializer(serializers.Serializer):
    clinic = serializers.IntegerField(source="clinic.id")
    clinic_name = serializers.CharField(source="clinic.name")
    status = serializers.ChoiceField(choices=ProgrammeStatus.choices)
    programme = ProgrammeSerializer(allow_null=True)
    year = serializers.IntegerField()
    plan_this_year = RolloutPlanEvidenceSerializer(allow_null=True)
    plan_next_year = RolloutPlanEvidenceSerializer(allow_null=True)
    meetings = serializers.IntegerField(allow_null=True)
    meetings_since = serializers.DateField()
    source = serializers.CharField(help_text=_("Utfallskällan: cosmic eller diver."))
    outcome = serializers.SerializerMethodField()

    @extend_schema_field(RolloutClinicTertialOutcomeSerializer(many=True))
    def get_outcome(self, detail):
        if detail["outcome"] is None:
            return None
        rows = [{"tertial": t, "outcome": o or None} for t, o in sorted(detail["outcome"].items())]
        return RolloutClinicTertialOutcomeSerializer(rows, many=True).data


class RolloutTimelineSerializer(serializers.Serializer):
    """The programme timeline as a Plotly figure (data and layout) for kps-charts.js."""

    data = serializers.ListField(child=serializers.DictField())
    layout = serializers.DictField()
