""""My work" on the home page (Beranda): each module registers providers in its AppConfig.ready()
that tell, for the acting user, what waits for them (with a count and a link to the existing list,
filtered where a filter exists).

    from simpul.core import work
    work.register_work(my_provider)          # my_provider(actor) -> list[work.WorkItem]
    work.register_panel(my_panel)            # my_panel(actor) -> work.Panel | None

A provider reads through ``simpul.access.visible`` (a user never counts what they may not see)
with a fixed number of queries, whatever the number of cases: the home page's query count is
constant (tested in simpul/notify/tests/test_home.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from simpul import access


@dataclass(frozen=True)
class WorkItem:
    """One line of "what waits for me": words, a count and where to go."""

    label: str | Promise
    count: int
    url: str
    urgent: bool = False  # overdue or high risk: shown first and marked in words
    order: int = 100
    group: str | Promise = ""  # the heading it is shown under (e.g. "Pengaduan", "Kasus")


@dataclass(frozen=True)
class Panel:
    """A larger block on the home page (e.g. the supervisor's caseload), rendered by ``template``."""

    title: str | Promise
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


WorkProvider = Callable[[access.Actor], list[WorkItem]]
PanelProvider = Callable[[access.Actor], "Panel | None"]
_providers: list[WorkProvider] = []
_panels: list[PanelProvider] = []


def register_work(provider: WorkProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def register_panel(provider: PanelProvider) -> None:
    if provider not in _panels:
        _panels.append(provider)


def items_for(user: Any) -> list[WorkItem]:
    actor = access.actor_for(user) if not isinstance(user, access.Actor) else user
    if not actor.is_authenticated:
        return []
    items = [item for provider in _providers for item in provider(actor)]
    return sorted(items, key=lambda i: (not i.urgent, i.order))


def panels_for(user: Any) -> list[Panel]:
    actor = access.actor_for(user) if not isinstance(user, access.Actor) else user
    if not actor.is_authenticated:
        return []
    found = [p for p in (provider(actor) for provider in _panels) if p is not None]
    return sorted(found, key=lambda p: p.order)
