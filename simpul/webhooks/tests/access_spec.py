"""Expected status of every webhook page for every persona: only the admin of the endpoint's
organisation (admin.hss for UPTD PPA HSS); everyone else 403 (module) or 404 (object)."""

from typing import Any

from simpul.testing import ANON, UrlSpec


def _setup(world: dict[str, Any]) -> None:
    from simpul.webhooks.models import Delivery, Endpoint

    endpoint = Endpoint.objects.create(organisation=world["org"]["uptd.hss"], url="https://93.184.216.34/uji", event_types=["case.opened"], secret="whsec_uji")
    world["endpoint"] = endpoint
    world["delivery"] = Delivery.objects.create(endpoint=endpoint, event_id="00000000-0000-4000-8000-0000000000aa", event_type="case.opened",
                                                payload={}, status="dead", attempts=8)


def _e(world: dict[str, Any]) -> dict[str, Any]:
    return {"uid": world["endpoint"].uid}


ADMIN = {ANON: 302, "admin": 200}

SPECS = [
    UrlSpec("webhooks:list", expect=ADMIN, default=403),
    UrlSpec("webhooks:list", method="POST", data={}, expect={ANON: 302, "admin": 400}, default=403),
    UrlSpec("webhooks:dead", setup=_setup, expect=ADMIN, default=403),
    UrlSpec("webhooks:detail", setup=_setup, kwargs=_e, expect=ADMIN, default=404),
    UrlSpec("webhooks:active", method="POST", data={"aktif": "0"}, setup=_setup, kwargs=_e, expect={ANON: 302, "admin": 302}, default=404),
    UrlSpec("webhooks:delete", method="POST", data={}, setup=_setup, kwargs=_e, expect={ANON: 302, "admin": 302}, default=404),
    UrlSpec("webhooks:retry", method="POST", data={}, setup=_setup, kwargs=lambda w: {"uid": w["delivery"].uid}, expect={ANON: 302, "admin": 302}, default=404),
]
