"""The demo's synthetic data (`make demo`, `simpul demo`): cases for Kalsel (mostly HSS) and OKU
Selatan, and intake reports in every state with their response clocks."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from simpul.accounts.models import Organisation
from simpul.cases.models import Case
from simpul.intake import clocks
from simpul.intake.codes import ALPHABET, LENGTH
from simpul.intake.models import Report
from simpul.regions.models import Level, Region
from simpul.synth.generate import generate

REPORT_STATUSES = [
    "baru",
    "ditriase",
    "diterima_sebagai_kasus",
    "diterima_sebagai_kasus",
    "dirujuk",
    "ditutup_bukan_kasus",
    "digabung_duplikat",
]


def seed_demo(cases: int = 2000, stdout: Any = None, seed: int = 2026) -> dict[str, Any]:
    """About ``cases`` synthetic cases over 2023..this year for Kalsel (mostly HSS, 63.06) and
    OKU Selatan (16.09), assigned to the demo UPTD PPA organisations. Idempotent: does nothing
    when the demo organisations already hold synthetic cases."""
    from simpul.accounts import demo
    from simpul.accounts.models import Membership

    hss, okus, kalsel = demo.org("uptd.hss"), demo.org("uptd.okus"), demo.org("uptd.kalsel")
    if Case.objects.filter(organisation__in=[hss, okus]).count() >= cases // 2:
        if stdout:
            stdout.write("Kasus sintetis sudah ada; tidak ditambah.")
        return {"cases": 0}
    kab_codes = list(
        Region.objects.filter(level=Level.KABUPATEN).filter(code__startswith="63.").values_list("code", flat=True)
    )
    weights = [(code, 14.0 if code == "63.06" else 1.0) for code in kab_codes] + [("16.09", 5.0)]

    def org_for(kab: str) -> int | None:
        if kab == "63.06":
            return hss.pk
        if kab == "16.09":
            return okus.pk
        return kalsel.pk

    assign = {
        hss.pk: list(Membership.objects.filter(organisation=hss, role="pendamping").values_list("user_id", flat=True))
    }
    result = generate(
        cases,
        seed=seed,
        region="63,16.09",
        org_for=org_for,
        kab_weights=weights,
        assign_user_ids=assign,
        progress=(lambda m: stdout.write(m)) if stdout else None,
    )
    demo_reports(seed, hss, okus)
    return result


def demo_reports(seed: int, *orgs: Organisation, per_org: int = 120) -> int:
    """Intake reports in every state; each report's response deadline is the intake clock rule
    (``clocks.deadline``) under its organisation's response policy."""
    rnd = random.Random(seed + 1)  # noqa: S311 - synthetic data
    now = timezone.now()
    rows = []
    for org in orgs:
        policy = clocks.policy_for(org.pk)
        for _i in range(per_org):
            received = now - dt.timedelta(hours=rnd.randint(1, 24 * 700))
            risk = rnd.choice(["tinggi", "sedang", "rendah", "rendah"])
            status = (
                rnd.choice(REPORT_STATUSES)
                if received < now - dt.timedelta(days=3)
                else rnd.choice(REPORT_STATUSES[:2])
            )
            first = None if status == "baru" else received + dt.timedelta(minutes=rnd.randint(5, 5 * 24 * 60))
            rows.append(
                Report(
                    tracking_code="".join(rnd.choice(ALPHABET) for _c in range(LENGTH)),
                    channel=rnd.choice(["langsung", "telepon", "whatsapp", "portal"]),
                    received_at=received,
                    organisation=org,
                    region_id=org.region_id,
                    status=status,
                    risk=risk,
                    due_at=clocks.deadline(received, risk, policy),
                    first_action_at=min(first, now) if first else None,
                    jenis_kasus=rnd.choice(["ktp", "ampk"]),
                )
            )
    existing = set(
        Report.objects.filter(tracking_code__in=[r.tracking_code for r in rows]).values_list("tracking_code", flat=True)
    )
    new = [r for r in rows if r.tracking_code not in existing]
    Report.objects.bulk_create(new, batch_size=500)
    return len(new)
