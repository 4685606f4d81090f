"""The caller's own account over the API: who am I, and revoking my own tokens.

Part of the API package (which owns tokens and scopes), mounted at ``/api/v1/me`` next to the
modules' routers, so the accounts module (ground) does not import the API shell."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from simpul import access
from simpul import validators as v
from simpul.api.auth import require_scope
from simpul.api.models import ApiToken
from simpul.api.tokens import token_revoke

API_PREFIX = "me"
router = Router(tags=["akun"])


class SeatOut(Schema):
    organisation_id: int
    role: str


class MeOut(Schema):
    username: str
    roles: list[str]
    seats: list[SeatOut]
    auth: str  # "token" or "session"
    scopes: list[str] | None  # the token's scopes; null for a session


class TokenOut(Schema):
    prefix: str
    scopes: list[str]
    expires_at: datetime
    revoked_at: datetime | None


@router.get("", response=MeOut, url_name="me")
@require_scope("account:read")
def me(request: HttpRequest) -> MeOut:
    """Nama pengguna dan peran pemanggil (sesi atau token dengan cakupan account:read)."""
    actor = access.actor_for(request.user)
    token = getattr(request, "api_token", None)
    return MeOut(
        username=request.user.get_username(),
        roles=sorted(actor.roles),
        seats=[SeatOut(organisation_id=s.org_id, role=s.role) for s in actor.seats],
        auth="token" if token is not None else "session",
        scopes=list(token.scopes) if token is not None else None,
    )


@router.post("/tokens/{prefix}/revoke", response=TokenOut, url_name="me_token_revoke")
def my_token_revoke(request: HttpRequest, prefix: Annotated[str, v.name(40)]) -> TokenOut:
    """Cabut salah satu token API milik sendiri. Dengan sesi: token mana pun milik sendiri; dengan
    token: hanya token itu sendiri (mencabut hanya mengurangi akses, jadi cakupan apa pun boleh)."""
    if len(prefix) > 12:
        raise HttpError(404, _("Tidak ditemukan."))
    caller = getattr(request, "api_token", None)
    if caller is not None and caller.prefix != prefix:
        raise HttpError(403, _("Token hanya dapat mencabut dirinya sendiri; gunakan sesi untuk token lain."))
    token = ApiToken.objects.filter(user_id=request.user.pk or 0, prefix=prefix).first()
    if token is None:
        raise HttpError(404, _("Tidak ditemukan."))
    token_revoke(token=token, actor=request.user)
    return TokenOut(prefix=token.prefix, scopes=token.scopes, expires_at=token.expires_at, revoked_at=token.revoked_at)
