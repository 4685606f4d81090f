"""Typed seams of the cases module: what other modules hand to the case services.

Cases never imports intake (intake -> cases only). The intake module fills a
:class:`ReportFacts` from its report and calls
``simpul.cases.services.case_open_from_report(actor=..., facts=...)`` or
``case_attach_report(actor=..., report_uid=..., case=...)``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simpul.accounts.models import Organisation
    from simpul.people.models import Person


@dataclass(frozen=True)
class ReportFacts:
    """The facts of an accepted intake report that a new case starts from.

    ``jenis_kasus``, ``risk``, ``kewenangan`` and ``channel`` are values of the shared code
    lists in :mod:`simpul.core.codes`; ``region_code`` is the incident region (None: the
    organisation's own region); ``received_on`` becomes the case's reporting date."""

    uid: uuid.UUID
    organisation: Organisation
    region_code: str | None
    jenis_kasus: str
    risk: str
    kewenangan: str
    channel: str
    received_on: dt.date
    story: str | None = None
    ampk_category: str = ""
    victim_person: Person | None = None
    victim_name: str | None = None
    victim_nik: str | None = None
    victim_birth_date: dt.date | None = None
    victim_phone: str | None = None
    reporter_person: Person | None = None
