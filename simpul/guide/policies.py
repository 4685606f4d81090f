"""The user guide (simpul/guide): every signed-in member of an organisation may read it."""

from typing import Any

from simpul.access.core import Actor, register_rule


@register_rule("guide.read")
def _read(actor: Actor, _obj: Any) -> bool:
    return bool(actor.seats)
