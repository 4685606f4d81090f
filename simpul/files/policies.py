"""Attachments: visible exactly when the object they belong to is (the owner's policy decides)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from simpul.access.core import Actor, ObjectPolicy, can, register_policy, visible
from simpul.files.models import Attachment


@register_policy
class AttachmentPolicy(ObjectPolicy):
    model = Attachment

    def can(self, actor: Actor, action: str, obj: Any) -> bool:
        if action not in {"view", "download"} or not actor.is_authenticated:
            return False
        owner = obj.owner_object()
        return owner is not None and can(actor, "view", owner)

    def scope(self, actor: Actor, qs: QuerySet, action: str) -> QuerySet:
        if action not in {"view", "download"}:
            return qs.none()
        condition = Q(pk__in=[])
        for owner_type in qs.order_by().values_list("owner_type", flat=True).distinct():
            probe = Attachment(owner_type=owner_type)
            model = probe.owner_model
            if model is None:
                continue
            owners = visible(actor, model, "view").values("pk")
            condition |= Q(owner_type=owner_type, owner_id__in=owners)
        return qs.filter(condition)
