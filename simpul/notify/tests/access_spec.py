from typing import Any

from simpul.testing import ANON, ROLE_PERSONAS, UrlSpec


def _kepala_notification(world: dict[str, Any]) -> None:
    from simpul.notify.models import Notification

    n = Notification.objects.create(user=world["user"]["kepala.hss"], kind="assignment", key="spec", path="/beranda/")
    world["notification"] = n.pk


EVERY_ROLE = dict.fromkeys(ROLE_PERSONAS, 200)

SPECS = [
    UrlSpec("notify:list", expect={ANON: 302, **EVERY_ROLE}),
    UrlSpec("notify:preferences", expect={ANON: 302, **EVERY_ROLE}),
    UrlSpec("notify:preferences", method="POST", data={"assignment-app": "1"}, expect={ANON: 302}, default=302),
    UrlSpec("notify:read_all", method="POST", data={}, expect={ANON: 302}, default=302),
    # Only its own user opens a notification; for everyone else it does not exist.
    UrlSpec(
        "notify:open", method="POST", data={}, setup=_kepala_notification, kwargs=lambda w: {"pk": w["notification"]},
        expect={ANON: 302, "kepala": 302}, default=404,
    ),
    UrlSpec("notify:read_all", method="GET", expect={ANON: 302}, default=405),
]
