"""Create, resolve and revoke API tokens. A token is shown once: ``smp_<prefix>_<secret>``."""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.access import AuthUser
from simpul.api.models import SCOPES, ApiToken
from simpul.audit import services as audit
from simpul.core.rows import RowReader


def _hash(secret_part: str) -> str:
    return hashlib.sha256(secret_part.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: Any, scopes: list[str], days: int, name: str = "", created_by: Any = None) -> tuple[ApiToken, str]:
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise ValidationError(_("Cakupan tidak dikenal: %(s)s") % {"s": ", ".join(unknown)})
    if not scopes:
        raise ValidationError(_("Sebutkan minimal satu cakupan."))
    if days < 1 or days > settings.SIMPUL_API_TOKEN_MAX_DAYS:
        raise ValidationError(
            _("Masa berlaku harus 1 sampai %(n)d hari.") % {"n": settings.SIMPUL_API_TOKEN_MAX_DAYS}
        )
    if not user.is_active:
        raise ValidationError(_("Pengguna tidak aktif."))
    prefix = secrets.token_hex(6)
    secret_part = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        token_hash=_hash(secret_part),
        scopes=sorted(set(scopes)),
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit.record(
        "api.token_create",
        actor=created_by,
        obj=token,
        extra={"user_id": user.pk, "scopes": token.scopes, "days": days},
    )
    return token, f"smp_{prefix}_{secret_part}"


@functools.cache
def _lookup() -> tuple[RowReader, RowReader, str]:
    token, user = RowReader(ApiToken, "t"), RowReader(get_user_model(), "u")
    qn = connection.ops.quote_name
    # Table and column names come from the models' metadata; the prefix is a parameter.
    sql = (
        f"SELECT {token.select}, {user.select} FROM {qn(ApiToken._meta.db_table)} t "  # noqa: S608
        f"JOIN {qn(get_user_model()._meta.db_table)} u ON u.{qn('id')} = t.{qn('user_id')} WHERE t.{qn('prefix')} = %s"
    )
    return token, user, sql


def token_resolve(raw: str) -> ApiToken | None:
    """The usable token for ``raw``, or None. Constant-time comparison of the hash."""
    try:
        kind, prefix, secret_part = raw.split("_", 2)
    except ValueError:
        return None
    if kind != "smp" or not prefix or not secret_part:
        return None
    # Every API request comes here: one fixed statement for the token and its user (RowReader
    # converts values as the ORM would) instead of compiling an ORM query each time.
    token_reader, user_reader, sql = _lookup()
    with connection.cursor() as cur:
        cur.execute(sql, [prefix])
        row = cur.fetchone()
    if row is None:
        return None
    token: ApiToken = token_reader.build(row[: token_reader.width])
    if not hmac.compare_digest(token.token_hash, _hash(secret_part)):
        return None
    user = user_reader.build(row[token_reader.width :])
    if not token.is_usable or not user.is_active:
        return None
    token.user = user
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at) > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


@transaction.atomic
def token_revoke(*, token: ApiToken, actor: AuthUser) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record("api.token_revoke", actor=actor, obj=token)
