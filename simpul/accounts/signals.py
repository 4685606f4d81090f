"""Audit of sign-in, failed sign-in and sign-out (through Django's auth signals)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from simpul.accounts.middleware import EPOCH_KEY, forget_organisation_time_zone
from simpul.audit import services as audit


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[EPOCH_KEY] = user.session_epoch
    audit.record("auth.login", actor=user, obj=user, request=request)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record("auth.logout", actor=user, obj=user, request=request)


@receiver(user_login_failed)
def _login_failed(sender: Any, credentials: Any, request: Any = None, **kwargs: Any) -> None:
    from simpul.accounts.models import User

    username = (credentials or {}).get("username") or ""
    user_id = User.objects.filter(username=username).values_list("pk", flat=True).first() if username else None
    audit.record(
        "auth.login_failed",
        object_type="accounts.user" if user_id else "",
        object_id=user_id or "",
        request=request,
        extra={"known_user": bool(user_id)},
    )


@receiver(post_save, sender="accounts.Organisation")
def _organisation_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    forget_organisation_time_zone(instance.pk)
