"""Who may see and change what. Every page, API endpoint and export filters through here.

Access is granted per clinic: a membership of a clinic covers that clinic and
its units, a membership of an area covers every clinic in it, and Qulturum and
administrators see the whole region.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Area, Clinic, Membership, Role, Unit

REGION_WIDE_ROLES = (Role.QULTURUM, Role.ADMIN)


def memberships(user: User | AnonymousUser) -> list[tuple[str, int | None, int | None]]:
    """The user's memberships as (role, clinic id, area id): a membership of an area has no
    clinic, one of a clinic no area, a region-wide one neither.

    Cached on the user object: one query per request, however many checks a view makes.
    """
    if not user.is_authenticated:
        return []
    if not hasattr(user, "_kps_memberships"):
        user._kps_memberships = list(
            Membership.objects.filter(user=user).values_list("role", "clinic_id", "area_id")
        )
    return user._kps_memberships


def _roles(user: User | AnonymousUser) -> set[str]:
    return {role for role, _clinic, _area in memberships(user)}


def holds_role_for(user: User | AnonymousUser, clinic, roles, *, area_roles=()) -> bool:
    """Whether the user holds one of ``roles`` in ``clinic`` (a Clinic, or anything with ``id``
    and ``area_id``), or one of ``area_roles`` in its area."""
    return any(
        (role in roles and clinic_id == clinic.id)
        or (role in area_roles and clinic_id is None and area_id == clinic.area_id)
        for role, clinic_id, area_id in memberships(user)
    )


def sees_whole_region(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (
        user.is_superuser or bool(_roles(user) & set(REGION_WIDE_ROLES))
    )


def region_reader() -> User:
    """A reader who sees the whole region, never saved: for figures that are read for a whole
    hospital and limited to what the user may see afterwards (the operating-room council's need)."""
    return User(username="hela-regionen", is_superuser=True, is_active=True)


def is_admin(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (user.is_superuser or Role.ADMIN in _roles(user))


def visible_clinics(user: User | AnonymousUser) -> QuerySet[Clinic]:
    """The clinics the user may read: the one access filter everything else derives from."""
    if not user.is_authenticated:
        return Clinic.objects.none()
    if sees_whole_region(user):
        return Clinic.objects.all()
    # From the memberships already read for the roles: no join, no DISTINCT.
    clinic_ids = [
        clinic_id for _role, clinic_id, _area in memberships(user) if clinic_id is not None
    ]
    area_ids = [area_id for _role, _clinic, area_id in memberships(user) if area_id is not None]
    return Clinic.objects.filter(Q(id__in=clinic_ids) | Q(area_id__in=area_ids))


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
    return is_admin(user) or holds_role_for(user, clinic, (Role.KPS_LEADER,))


def can_approve_plan(user: User | AnonymousUser, clinic: Clinic) -> bool:
    """The clinic's manager (or the area's) approves its plan; administrators may too."""
    return is_admin(user) or holds_role_for(
        user, clinic, (Role.MANAGER,), area_roles=(Role.MANAGER,)
    )


def can_log_meeting(user: User | AnonymousUser, clinic) -> bool:
    """The clinic's KPS leaders and managers (or its area's managers) and administrators.

    Qulturum follows the meetings but does not write in a clinic's log.
    ``clinic`` is a Clinic or anything with its ``id`` and ``area_id``. Answered
    from the memberships the access checks have already read for the request.
    """
    return is_admin(user) or holds_role_for(
        user, clinic, (Role.KPS_LEADER, Role.MANAGER), area_roles=(Role.MANAGER,)
    )


def can_decide_room_time(user: User | AnonymousUser, clinics) -> bool:
    """The operating-room council: the heads (managers) of a hospital's operating clinics, or
    of their area, and administrators. ``clinics`` are the hospital's operating clinics."""
    return is_admin(user) or any(
        holds_role_for(user, clinic, (Role.MANAGER,), area_roles=(Role.MANAGER,))
        for clinic in clinics
    )


def can_edit_rollout(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (
        user.is_superuser or bool(_roles(user) & set(REGION_WIDE_ROLES))
    )


def primary_role(user: User | AnonymousUser) -> str | None:
    """The role shown in the header: the broadest one the user holds."""
    if user.is_authenticated and user.is_superuser:
        return Role.ADMIN
    for role in (Role.ADMIN, Role.QULTURUM, Role.MANAGER, Role.KPS_LEADER):
        if role in _roles(user):
            return role
    return None


def role_label(user: User | AnonymousUser) -> str:
    """The header's name for the user's broadest role: a manager of a whole area is an
    Områdeschef, which the region calls the role, not a Chef like a clinic's manager."""
    role = primary_role(user)
    if role is None:
        return ""
    if role == Role.MANAGER and any(
        r == Role.MANAGER and clinic_id is None and area_id is not None
        for r, clinic_id, area_id in memberships(user)
    ):
        return str(_("Områdeschef"))
    return str(Role(role).label)


# Who sees economics by role: a clinic's or area's managers (an area director is an area's
# manager), and region-wide Qulturum and administrators. KPS leaders plan volumes, not money;
# the permission below gives economics to anyone else, for the clinics they may see.
ECONOMICS_ROLES = (Role.MANAGER, Role.QULTURUM, Role.ADMIN)
ECONOMICS_PERMISSION = "economics.view_economics"


def economics_clinics(user: User | AnonymousUser) -> QuerySet[Clinic]:
    """The clinics whose economics (DRG points, KPP costs) the user may see."""
    if not user.is_authenticated:
        return Clinic.objects.none()
    if sees_whole_region(user) or user.has_perm(ECONOMICS_PERMISSION):
        return visible_clinics(user)
    clinic_ids = [c for role, c, _a in memberships(user) if role == Role.MANAGER and c is not None]
    area_ids = [a for role, _c, a in memberships(user) if role == Role.MANAGER and a is not None]
    if not clinic_ids and not area_ids:
        return Clinic.objects.none()
    return Clinic.objects.filter(Q(id__in=clinic_ids) | Q(area_id__in=area_ids))


def can_see_economics(user: User | AnonymousUser) -> bool:
    """Whether the user sees economics for any clinic (the menu entry, the page, the API).

    From the memberships already read for the request; the permission is asked only of users
    whose roles do not give it (its look-up is cached on the user for the request).
    """
    if not user.is_authenticated:
        return False
    if sees_whole_region(user) or Role.MANAGER in _roles(user):
        return True
    return user.has_perm(ECONOMICS_PERMISSION) and bool(memberships(user))


def can_edit_assignment(user: User | AnonymousUser, clinic) -> bool:
    """A production assignment is drafted in the budget dialogue by the clinic's manager or the
    area's (its director), or an administrator; economics-permission holders only read it."""
    return is_admin(user) or holds_role_for(
        user, clinic, (Role.MANAGER,), area_roles=(Role.MANAGER,)
    )


def can_approve_assignment(user: User | AnonymousUser, clinic) -> bool:
    """The region orders: the area's director (its manager) approves, or an administrator; the
    clinic's own manager does not approve what is ordered from the clinic."""
    return is_admin(user) or holds_role_for(user, clinic, (), area_roles=(Role.MANAGER,))
