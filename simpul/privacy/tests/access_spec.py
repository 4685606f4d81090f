"""Expected answers of every privacy URL for every persona.

Officers (kepala, manajer_kasus) of UPTD PPA HSS handle everything; the intake desk
(petugas_pengaduan) records requests and follows them but may not act (403); other
roles get 403 on officer pages and 404 on objects of the organisation (hidden)."""

from typing import Any

from simpul.testing import ANON, UrlSpec

OFFICERS = {ANON: 302, "kepala": 200, "manajer_kasus": 200}
DESK = {**OFFICERS, "petugas_pengaduan": 200}
# The actions on a request: officers act (and are sent back to the request), the desk may not.
ACT = {ANON: 302, "kepala": 302, "manajer_kasus": 302, "petugas_pengaduan": 403}


def _person(world: dict[str, Any]) -> Any:
    from simpul.privacy.tests.factories import make_person

    if "person" not in world:
        world["person"] = make_person(world["org"]["uptd.hss"])
    return world["person"]


def _request(world: dict[str, Any], kind: str = "access", identified: bool = True) -> None:
    from simpul.privacy import services

    person = _person(world) if identified else None
    world["req"] = services.request_create(
        actor=world["user"]["manajer_kasus.hss"], organisation=world["org"]["uptd.hss"], kind=kind, person=person
    )


def _restriction(world: dict[str, Any]) -> None:
    from simpul.privacy import services

    _request(world, "restriction")
    world["restriction"] = services.restriction_set(
        actor=world["user"]["manajer_kasus.hss"], person=_person(world), organisation=world["org"]["uptd.hss"],
        purposes=["statistics"], request=world["req"],
    )


def _consent(world: dict[str, Any]) -> None:
    from simpul.privacy import services

    world["consent"] = services.consent_record(
        actor=world["user"]["manajer_kasus.hss"], person=_person(world), organisation=world["org"]["uptd.hss"],
        purpose="service", basis="consent", how="written",
    )


def _hold(world: dict[str, Any]) -> None:
    from simpul.privacy import services

    world["hold"] = services.legal_hold_set(
        actor=world["user"]["manajer_kasus.hss"], object_type="cases.case", object_id="1", organisation=world["org"]["uptd.hss"], reason="uji"
    )


def _breach(world: dict[str, Any]) -> None:
    from simpul.privacy import services

    world["breach"] = services.breach_record(
        actor=world["user"]["manajer_kasus.hss"], organisation=world["org"]["uptd.hss"], description="uji",
        suspect_user=world["user"]["pendamping.hss"],
    )


def _uid(key: str) -> Any:
    return lambda world: {"uid": world[key].uid}


def _export(world: dict[str, Any]) -> dict[str, Any]:
    return {"uid": world["req"].uid, "fmt": "pdf"}


SPECS = [
    UrlSpec("privacy:home", expect=OFFICERS, default=403),
    UrlSpec("privacy:request_list", expect=DESK, default=403),
    UrlSpec("privacy:request_create", expect=DESK, default=403),
    UrlSpec("privacy:request_detail", setup=_request, kwargs=_uid("req"), expect=DESK, default=404),
    UrlSpec(
        "privacy:request_find", method="POST", setup=lambda w: _request(w, identified=False), kwargs=_uid("req"),
        data={"nik": "6306054501900001"}, expect={**OFFICERS, "petugas_pengaduan": 403}, default=404,
    ),
    UrlSpec("privacy:request_start", method="POST", setup=_request, kwargs=_uid("req"), expect=ACT, default=404),
    UrlSpec("privacy:request_complete", method="POST", setup=_request, kwargs=_uid("req"), expect=ACT, default=404),
    UrlSpec(
        "privacy:request_identify", method="POST", setup=lambda w: _request(w, identified=False), kwargs=_uid("req"),
        data=lambda w: {"person": str(_person(w).uid)}, expect=ACT, default=404,
    ),
    UrlSpec(
        "privacy:request_refuse", method="POST", setup=_request, kwargs=_uid("req"), data={"reason": "bukan subjek data"},
        expect=ACT, default=404,
    ),
    UrlSpec(
        "privacy:request_restrict", method="POST", setup=lambda w: _request(w, "restriction"), kwargs=_uid("req"),
        data={"purposes": ["statistics"]}, expect=ACT, default=404,
    ),
    UrlSpec(
        "privacy:request_withdraw", method="POST", setup=lambda w: _request(w, "withdrawal"), kwargs=_uid("req"),
        data={"purposes": ["referral"], "reason": "uji"}, expect=ACT, default=404,
    ),
    UrlSpec(
        "privacy:request_lift", method="POST", setup=_restriction, kwargs=_uid("req"),
        data=lambda w: {"restriction": str(w["restriction"].pk)}, expect=ACT, default=404,
    ),
    UrlSpec(
        "privacy:request_export", method="POST", setup=_request, kwargs=_export,
        expect={**OFFICERS, "petugas_pengaduan": 403}, default=404,
    ),
    UrlSpec(
        "privacy:request_erase", setup=lambda w: _request(w, "erasure"), kwargs=_uid("req"),
        expect={**OFFICERS, "petugas_pengaduan": 403}, default=404,
    ),
    UrlSpec(
        "privacy:request_correct", setup=lambda w: _request(w, "correction"), kwargs=_uid("req"),
        expect={**OFFICERS, "petugas_pengaduan": 403}, default=404,
    ),
    UrlSpec("privacy:person_consents", setup=_consent, kwargs=lambda w: {"person_uid": w["person"].uid}, expect=OFFICERS, default=403),
    UrlSpec(
        "privacy:consent_withdraw", method="POST", setup=_consent, kwargs=_uid("consent"), data={"reason": ""},
        expect={ANON: 302, "kepala": 302, "manajer_kasus": 302, "pendamping": 302, "petugas_pengaduan": 302}, default=404,
    ),
    UrlSpec("privacy:hold_list", expect=OFFICERS, default=403),
    UrlSpec(
        "privacy:hold_release", method="POST", setup=_hold, kwargs=lambda w: {"pk": w["hold"].pk},
        expect={ANON: 302, "kepala": 302, "manajer_kasus": 302}, default=404,
    ),
    UrlSpec("privacy:breach_list", expect=OFFICERS, default=403),
    UrlSpec("privacy:breach_create", expect=OFFICERS, default=403),
    UrlSpec("privacy:breach_detail", setup=_breach, kwargs=_uid("breach"), expect=OFFICERS, default=404),
    UrlSpec("privacy:breach_notice", setup=_breach, kwargs=lambda w: {"uid": w["breach"].uid, "fmt": "txt"}, expect=OFFICERS, default=404),
]
