"""Who may see and change what. Every page, API endpoint and export filters through here.

Access is granted per clinic: a membership of a clinic covers that clinic and
its units, a membership of an area covers every clinic in it, and Qulturum and
administrators see the whole region.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from .models import Area, Clinic, Membership, Role, Unit

REGION_WIDE_ROLES = (Role.QULTURUM, Role.ADMIN)


def _roles(user: User | AnonymousUser) -> set[str]:
    # Cached on the user object: one query per request, however many checks a view makes.
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_kps_roles"):
        user._kps_roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    return user._kps_roles


def sees_whole_region(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(_roles(user) & set(REGION_WIDE_ROLES)))


def is_admin(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (user.is_superuser or Role.ADMIN in _roles(user))


def visible_clinics(user: User | AnonymousUser) -> QuerySet[Clinic]:
    """The clinics the user may read: the one access filter everything else derives from."""
    if not user.is_authenticated:
        return Clinic.objects.none()
    if sees_whole_region(user):
        return Clinic.objects.all()
    return Clinic.objects.filter(
        Q(memberships__user=user) | Q(area__memberships__user=user)
    ).distinct()


def visible_units(user: User | AnonymousUser) -> QuerySet[Unit]:
    return Unit.objects.filter(clinic__in=visible_clinics(user))


def visible_areas(user: User | AnonymousUser) -> QuerySet[Area]:
    return Area.objects.filter(clinics__in=visible_clinics(user)).distinct()


def restrict(queryset: QuerySet, user: User | AnonymousUser, *, clinic_path: str) -> QuerySet:
    """Filter any queryset to the user's clinics, given the lookup path from its model to Clinic.

    ``restrict(Unit.objects.all(), user, clinic_path="clinic")``,
    ``restrict(WeeklyOutcome.objects.all(), user, clinic_path="unit__clinic")``.
    """
    if sees_whole_region(user):
        return queryset if user.is_authenticated else queryset.none()
    return queryset.filter(**{f"{clinic_path}__in": visible_clinics(user)})


def can_edit_plan(user: User | AnonymousUser, clinic: Clinic) -> bool:
    """KPS leaders edit their own clinics' plans; administrators edit any."""
    if is_admin(user):
        return True
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, role=Role.KPS_LEADER, clinic=clinic).exists()
    )


def can_approve_plan(user: User | AnonymousUser, clinic: Clinic) -> bool:
    """The clinic's manager (or the area's) approves its plan; administrators may too."""
    if is_admin(user):
        return True
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, role=Role.MANAGER)
        .filter(Q(clinic=clinic) | Q(area_id=clinic.area_id, clinic=None))
        .exists()
    )


def can_edit_rollout(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(_roles(user) & set(REGION_WIDE_ROLES)))


def primary_role(user: User | AnonymousUser) -> str | None:
    """The role shown in the header: the broadest one the user holds."""
    if user.is_authenticated and user.is_superuser:
        return Role.ADMIN
    for role in (Role.ADMIN, Role.QULTURUM, Role.MANAGER, Role.KPS_LEADER):
        if role in _roles(user):
            return role
    return None
