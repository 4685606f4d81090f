"""The demo's synthetic data (`make demo`, `simpul demo`): cases for Kalsel (mostly HSS) and OKU
Selatan, and intake reports in every state with their response clocks.

HSS (63.06) reproduces the published figures of UPTD PPA HSS (docs/statistics.md, "Synthetic
data"; ../shared/reference/notes.md): 2023: 57 cases, all with child victims; 2024: 98 cases
(80 child, 18 adult women); January-November 2025: 105 cases (72 child, 28 adult women, 5 other).
From December 2025 on HSS goes on at about the 2025 rate (synthetic)."""

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
from simpul.synth.generate import Quota, generate

REPORT_STATUSES = [
    "baru",
    "ditriase",
    "diterima_sebagai_kasus",
    "diterima_sebagai_kasus",
    "dirujuk",
    "ditutup_bukan_kasus",
    "digabung_duplikat",
]


HSS = "63.06"
# The published HSS figures, as (first day, last day, cases, victim group). The one reading used
# (docs/statistics.md): a year's count is the cases reported in it; "anak" a case with at least one
# child victim and no adult woman, "perempuan_dewasa" adult women and no child.
HSS_FIGURES: list[tuple[dt.date, dt.date, int, str | None]] = [
    (dt.date(2023, 1, 1), dt.date(2023, 12, 31), 57, "anak"),
    (dt.date(2024, 1, 1), dt.date(2024, 12, 31), 80, "anak"),
    (dt.date(2024, 1, 1), dt.date(2024, 12, 31), 18, "perempuan_dewasa"),
    (dt.date(2025, 1, 1), dt.date(2025, 11, 30), 72, "anak"),
    (dt.date(2025, 1, 1), dt.date(2025, 11, 30), 28, "perempuan_dewasa"),
    (dt.date(2025, 1, 1), dt.date(2025, 11, 30), 5, "lainnya"),
]
HSS_MONTHLY_AFTER = 10  # about 105 / 11 months: the synthetic rate from December 2025 on


def hss_quotas(today: dt.date) -> list[Quota]:
    """The HSS cases: the published figures (windows ending after ``today`` are cut to it), then
    ``HSS_MONTHLY_AFTER`` a month from December 2025 to ``today``."""
    quotas = [Quota(a, min(b, today), n, g) for a, b, n, g in HSS_FIGURES if a <= today]
    tail = dt.date(2025, 12, 1)
    if today >= tail:
        months = (today.year - tail.year) * 12 + today.month - tail.month + 1
        quotas.append(Quota(tail, today, HSS_MONTHLY_AFTER * months))
    return quotas


def seed_demo(cases: int = 2000, stdout: Any = None, seed: int = 2026) -> dict[str, Any]:
    """About ``cases`` synthetic cases over 2023..this year for Kalsel and OKU Selatan (16.09),
    assigned to the demo UPTD PPA organisations; HSS (63.06) has exactly its published figures
    (``HSS_FIGURES``) and counts in ``cases``. Idempotent: does nothing when the demo UPTD PPA
    HSS already holds cases."""
    from simpul.accounts import demo
    from simpul.accounts.models import Membership

    hss, okus, kalsel = demo.org("uptd.hss"), demo.org("uptd.okus"), demo.org("uptd.kalsel")
    if Case.objects.filter(organisation=hss).exists():
        if stdout:
            stdout.write("Kasus sintetis sudah ada; tidak ditambah.")
        return {"cases": 0}
    kab_codes = list(
        Region.objects.filter(level=Level.KABUPATEN).filter(code__startswith="63.").values_list("code", flat=True)
    )
    weights = [(code, 1.0) for code in kab_codes if code != HSS] + [("16.09", 5.0)]

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
        quotas={HSS: hss_quotas(timezone.localdate())},
    )
    demo_reports(seed, hss, okus)
    from simpul.synth.life import seed_life

    result["life"] = seed_life(seed)
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
