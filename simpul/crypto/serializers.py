"""JSON serialization for backups: Django's JSON format, but datetimes and times keep their
microseconds (Django's encoder cuts them to milliseconds, which would change restored rows,
e.g. break the audit chain's hashes). Loading uses Django's own JSON deserializer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder

FORMAT = "simpul_json"


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            r = o.isoformat()
            return r[:-6] + "Z" if r.endswith("+00:00") else r
        if isinstance(o, dt.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self) -> None:
        super()._init_options()  # type: ignore[misc]
        self.json_kwargs["cls"] = ExactJSONEncoder


Deserializer = django_json.Deserializer


def register() -> None:
    from django.core import serializers

    if FORMAT not in serializers.get_serializer_formats():
        serializers.register_serializer(FORMAT, __name__)
