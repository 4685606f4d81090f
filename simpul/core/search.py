"""Search everywhere: one box in the staff header. Modules register providers in their
AppConfig.ready(); each answers a classified query for the acting user, reading only through
``simpul.access.visible`` (a user never finds what they may not see) and returning masked rows.

    from simpul.core import search
    search.register_search(my_provider)      # my_provider(actor, query) -> list[search.Hit]

What a query may be (several at once, e.g. "12345678" is a phone-like number):
``number`` (a case number, has "/"), ``code`` (a tracking code, 8 letters/digits), ``nik``
(16 digits), ``phone`` (an Indonesian phone number), ``name`` (words: matched through the blind
indexes of names, exactly or every word).

Each search is audited (action ``search``) with the kinds tried and the number of hits: never the
query text (docs/notifications.md, "Search").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from simpul import access

MIN_LENGTH = 3
MAX_LENGTH = 100
MAX_HITS = 50
_DIGITS = re.compile(r"\D+")
_CODE = re.compile(r"^[A-Za-z0-9]{4}[- ]?[A-Za-z0-9]{4}$")


@dataclass(frozen=True)
class Query:
    text: str
    kinds: frozenset[str]

    @property
    def digits(self) -> str:
        return _DIGITS.sub("", self.text)


@dataclass(frozen=True)
class Hit:
    """One result: what it is (words), its reference (case number, tracking code), a masked
    description (initials, age band, masked NIK; never a name) and the link."""

    kind: str | Promise
    title: str
    detail: str
    url: str


SearchProvider = Callable[[access.Actor, Query], list[Hit]]
_providers: list[SearchProvider] = []


def register_search(provider: SearchProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def classify(text: str) -> Query:
    text = " ".join((text or "").split())[:MAX_LENGTH]
    kinds: set[str] = set()
    if len(text) < MIN_LENGTH:
        return Query(text, frozenset())
    digits = _DIGITS.sub("", text)
    only_number_chars = not re.search(r"[^\d\s+\-().]", text)
    if "/" in text:
        kinds.add("number")
    if only_number_chars and len(digits) == 16:
        kinds.add("nik")
    if only_number_chars and 8 <= len(digits) <= 15 and digits.startswith(("0", "62", "8")):
        kinds.add("phone")
    if _CODE.match(text):
        kinds.add("code")
    if re.search(r"[^\W\d_]{2,}", text) and not digits and "/" not in text:  # names have no digits
        kinds.add("name")
    return Query(text, frozenset(kinds))


def run(actor: Any, text: str, *, request: Any = None) -> tuple[Query, list[Hit]]:
    """Ask every provider; audit the search by kind and count only."""
    from simpul.audit.services import record

    actor = access.actor_for(actor) if not isinstance(actor, access.Actor) else actor
    query = classify(text)
    hits: list[Hit] = []
    if query.kinds and actor.is_authenticated:
        for provider in _providers:
            hits.extend(provider(actor, query))
            if len(hits) >= MAX_HITS:
                break
    hits = hits[:MAX_HITS]
    record(
        "search",
        actor=actor.user,
        request=request,
        extra={"kinds": sorted(query.kinds), "hits": len(hits)},
    )
    return query, hits
