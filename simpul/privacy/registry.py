"""Person-data providers: how each module tells privacy what it holds about a person.

Every module that stores data about a ``simpul.people.models.Person`` (people itself, privacy,
intake, cases, ...) registers one ``PersonDataProvider`` in its ``AppConfig.ready()``::

    from simpul.privacy.registry import PersonDataProvider, Section, ErasureResult, register_provider

    register_provider(PersonDataProvider(
        name="cases",
        describe=describe_person,          # (person) -> list[Section]
        erase=erase_person,                # (person, actor) -> ErasureResult
        holds=case_holds,                  # (person) -> list[str]   e.g. ["KS-2026-0007"]
        retention_candidates=closed_before,  # optional: (cutoff) -> Iterable[int]
        retention_blocks=still_needed,       # optional: (person_ids, cutoff) -> Iterable[int]
        persons_for_object=persons_of,       # optional: (object_type, object_id) -> Iterable[int]
    ))

Privacy never imports the providers' models: access exports, erasure, retention and the
breach register go through these callables only. See docs/privacy.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt

    from simpul.people.models import Person


@dataclass
class Row:
    """One labelled value of an access export (label and value already human readable)."""

    label: str
    value: str


@dataclass
class Section:
    """A titled group of rows (e.g. "Kasus KS-2026-0007", "Persetujuan")."""

    title: str
    rows: list[Row] = field(default_factory=list)

    def add(self, label: Any, value: Any) -> Section:
        self.rows.append(Row(str(label), "" if value is None else str(value)))
        return self


@dataclass
class ErasureResult:
    """What one provider changed: counts of records touched and the field NAMES cleared."""

    provider: str = ""
    records: int = 0
    fields: list[str] = field(default_factory=list)


@dataclass
class PersonDataProvider:
    name: str
    describe: Callable[[Person], list[Section]]
    erase: Callable[[Person, Any], ErasureResult]
    holds: Callable[[Person], list[str]]
    # Optional hooks (None = the module has nothing to say).
    retention_candidates: Callable[[dt.datetime], Iterable[int]] | None = None
    retention_blocks: Callable[[set[int], dt.datetime], Iterable[int]] | None = None
    persons_for_object: Callable[[str, str], Iterable[int]] | None = None
    order: int = 100


_providers: dict[str, PersonDataProvider] = {}


def register_provider(provider: PersonDataProvider) -> PersonDataProvider:
    """Register (or replace, by name) a provider. Idempotent for repeated ``ready()`` calls."""
    _providers[provider.name] = provider
    return provider


def unregister_provider(name: str) -> None:
    """Remove a provider (tests that register a fake one clean up with this)."""
    _providers.pop(name, None)


def providers() -> list[PersonDataProvider]:
    return sorted(_providers.values(), key=lambda p: (p.order, p.name))


def get_provider(name: str) -> PersonDataProvider | None:
    return _providers.get(name)
