from typing import Any

from simpul.testing import ANON, UrlSpec


def _hss(world: dict[str, Any]) -> dict[str, Any]:
    return {"org_id": world["org"]["uptd.hss"].pk}


def _hss_member(world: dict[str, Any]) -> dict[str, Any]:
    return {"org_id": world["org"]["uptd.hss"].pk, "user_id": world["user"]["pendamping.hss"].pk}


def _hss_member_action(world: dict[str, Any]) -> dict[str, Any]:
    return {**_hss_member(world), "action": "reset-2fa"}


ADMIN_ONLY = {ANON: 302, "admin": 200}

SPECS = [
    UrlSpec("accounts:login", expect={ANON: 200}, default=302),
    UrlSpec("accounts:login", method="POST", data={}, expect={}, default=400),  # an empty form is re-shown, signed in or not
    UrlSpec("accounts:second_factor", expect={}, default=302),  # verified users pass straight through
    UrlSpec("accounts:second_factor", method="POST", data={}, expect={}, default=302),
    UrlSpec("accounts:logout", method="POST", expect={}, default=302),
    UrlSpec("accounts:logout_all", method="POST", expect={}, default=302),
    UrlSpec("accounts:account", expect={ANON: 302}, signed_in=200),
    UrlSpec("accounts:password_change", expect={ANON: 302}, signed_in=200),
    UrlSpec("accounts:password_change", method="POST", data={}, expect={ANON: 302}, signed_in=400),
    UrlSpec("accounts:recovery_codes_new", method="POST", expect={ANON: 302}, signed_in=200),
    UrlSpec("accounts:org_list", expect=ADMIN_ONLY, default=403),
    # Another organisation's pages answer 404: an outsider cannot learn what exists.
    UrlSpec("accounts:org_users", kwargs=_hss, expect=ADMIN_ONLY, default=404),
    # The organisation's time zone is set on the same page (admin of the organisation only).
    UrlSpec("accounts:org_users", method="POST", kwargs=_hss, data={"time_zone": "Asia/Makassar"}, expect={ANON: 302, "admin": 302}, default=404),
    UrlSpec("accounts:org_user_invite", kwargs=_hss, expect=ADMIN_ONLY, default=404),
    UrlSpec("accounts:org_user_invite", method="POST", data={}, kwargs=_hss, expect={ANON: 302, "admin": 400}, default=404),
    UrlSpec("accounts:org_user_detail", kwargs=_hss_member, expect=ADMIN_ONLY, default=404),
    UrlSpec("accounts:org_user_detail", method="POST", data={}, kwargs=_hss_member, expect={ANON: 302, "admin": 400}, default=404),
    UrlSpec("accounts:org_user_action", method="POST", kwargs=_hss_member_action, expect={ANON: 302, "admin": 302}, default=404),
    # API: the caller's own account (session with second factor, or a token with account:read).
    UrlSpec("api:me", expect={ANON: 401}, signed_in=200),
    UrlSpec("api:me_token_revoke", method="POST", kwargs={"prefix": "000000000000"}, expect={ANON: 401}, default=404),
]
