"""Every write about users, memberships and second factors. Each service checks
access, validates, runs in one transaction and writes its audit event."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from simpul import access
from simpul.access.core import AuthUser, forget_actor
from simpul.access.roles import Role
from simpul.accounts.models import Membership, Organisation, TimeZone, User
from simpul.audit import services as audit

RECOVERY_CODE_COUNT = 10
_TEMP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def temporary_password() -> str:
    """A one-time password for a new or reset account: 4 groups of 4 unambiguous characters."""
    return "-".join("".join(secrets.choice(_TEMP_ALPHABET) for _ in range(4)) for _ in range(4))


@transaction.atomic
def user_invite(
    *, actor: AuthUser, organisation: Organisation, username: str, first_name: str, last_name: str, email: str, roles: list[str]
) -> tuple[User, str]:
    """Create an account in ``organisation`` (or add the roles to an existing account of the
    same organisation) and return it with a temporary password to hand over once."""
    access.check(actor, "manage_users", organisation)
    _validate_roles(roles)
    username = username.strip().lower()
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": _("Nama pengguna ini sudah dipakai.")})
    password = temporary_password()
    user = User(username=username, first_name=first_name, last_name=last_name, email=email, must_change_password=True)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    for role in roles:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    audit.record(
        "user.invite", actor=actor, obj=user, organisation_id=organisation.pk, extra={"roles": sorted(roles)}
    )
    return user, password


def _validate_roles(roles: list[str]) -> None:
    if not roles:
        raise ValidationError({"roles": _("Pilih minimal satu peran.")})
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValidationError({"roles": _("Peran tidak dikenal.")})


@transaction.atomic
def membership_set_roles(*, actor: AuthUser, organisation: Organisation, user: User, roles: list[str]) -> None:
    """Replace ``user``'s roles in ``organisation``. An admin cannot remove their own admin role
    (so an organisation never locks itself out by accident)."""
    access.check(actor, "manage_users", organisation)
    access.check(actor, "edit", user)
    _validate_roles(roles)
    if user.pk == access.actor_for_principal(actor).user_id and Role.ADMIN not in roles:
        raise ValidationError({"roles": _("Anda tidak dapat mencabut peran admin Anda sendiri.")})
    current = set(Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True))
    wanted = set(roles)
    Membership.objects.filter(user=user, organisation=organisation, role__in=current - wanted).delete()
    for role in wanted - current:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    Membership.objects.filter(user=user, organisation=organisation).update(is_active=True)
    forget_actor(user)
    audit.record(
        "user.roles_change",
        actor=actor,
        obj=user,
        organisation_id=organisation.pk,
        extra={"added": sorted(wanted - current), "removed": sorted(current - wanted)},
    )


@transaction.atomic
def organisation_set_time_zone(*, actor: AuthUser, organisation: Organisation, time_zone: str) -> None:
    """The zone (WIB/WITA/WIT) in which the organisation's staff see every time."""
    access.check(actor, "manage_users", organisation)
    if time_zone not in TimeZone.values:
        raise ValidationError({"time_zone": _("Pilih WIB, WITA atau WIT.")})
    old = organisation.time_zone
    organisation.time_zone = time_zone
    organisation.save(update_fields=["time_zone"])
    audit.record(
        "organisation.time_zone", actor=actor, obj=organisation, organisation_id=organisation.pk,
        fields=["time_zone"], extra={"from": old, "to": time_zone},
    )


@transaction.atomic
def membership_deactivate(*, actor: AuthUser, organisation: Organisation, user: User) -> None:
    """End ``user``'s memberships in ``organisation``; an account with no active membership left
    is deactivated, and its sessions and tokens stop working."""
    access.check(actor, "manage_users", organisation)
    access.check(actor, "deactivate", user)
    if user.pk == access.actor_for_principal(actor).user_id:
        raise ValidationError(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    Membership.objects.filter(user=user, organisation=organisation).update(is_active=False)
    if not Membership.objects.filter(user=user, is_active=True).exists():
        user.is_active = False
        user.session_epoch = F("session_epoch") + 1
        user.save(update_fields=["is_active", "session_epoch"])
    audit.record("user.deactivate", actor=actor, obj=user, organisation_id=organisation.pk)


@transaction.atomic
def membership_reactivate(*, actor: AuthUser, organisation: Organisation, user: User) -> None:
    access.check(actor, "manage_users", organisation)
    access.check(actor, "edit", user)
    Membership.objects.filter(user=user, organisation=organisation).update(is_active=True)
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    audit.record("user.reactivate", actor=actor, obj=user, organisation_id=organisation.pk)


@transaction.atomic
def user_reset_password(*, actor: AuthUser, user: User) -> str:
    """An admin of one of the user's organisations sets a temporary password (shown once);
    the user must choose a new one at the next sign-in. Existing sessions end."""
    access.check(actor, "reset_password", user)
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.session_epoch = F("session_epoch") + 1
    user.save(update_fields=["password", "must_change_password", "session_epoch"])
    audit.record("user.password_reset", actor=actor, obj=user)
    return password


@transaction.atomic
def user_reset_second_factor(*, actor: AuthUser, user: User) -> None:
    """Remove the user's second factor (lost phone); they enrol again at the next sign-in."""
    access.check(actor, "reset_2fa", user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    audit.record("auth.2fa_reset", actor=actor, obj=user)


@transaction.atomic
def password_change(*, user: User, old_password: str, new_password: str) -> None:
    if not user.check_password(old_password):
        raise ValidationError({"old_password": _("Kata sandi lama salah.")})
    validate_password(new_password, user)
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit.record("auth.password_change", actor=user, obj=user)


@transaction.atomic
def sessions_revoke_all(*, user: User, request: Any = None) -> None:
    """Sign out of every session of ``user`` (the current one included)."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    audit.record("auth.logout_all", actor=user, obj=user, request=request)


# --- second factor -------------------------------------------------------------------------


def totp_pending_device(user: User) -> TOTPDevice:
    """The unconfirmed TOTP device being enrolled (created on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", confirmed=False)
    return device


def totp_confirm(*, user: User, device: TOTPDevice, code: str, request: Any = None) -> list[str]:
    """Confirm enrolment with a code from the app; returns fresh recovery codes (shown once).
    A wrong code is audited (outside the confirming transaction, so the event is kept)."""
    if device.user_id != user.pk or device.confirmed:
        raise ValidationError(_("Perangkat tidak sah."))
    if not device.verify_token(code.strip().replace(" ", "")):
        audit.record("auth.2fa_enrol_failed", actor=user, obj=user, request=request)
        raise ValidationError({"code": _("Kode salah atau kedaluwarsa. Periksa jam ponsel Anda lalu coba lagi.")})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = recovery_codes_regenerate(user=user)
        audit.record("auth.2fa_enrol", actor=user, obj=user, request=request)
    return codes


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Kode pemulihan", confirmed=True)
    codes = []
    for _i in range(RECOVERY_CODE_COUNT):
        code = "".join(secrets.choice(_TEMP_ALPHABET) for _ in range(10))
        StaticToken.objects.create(device=device, token=code)
        codes.append(code)
    return codes


def has_confirmed_totp(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
