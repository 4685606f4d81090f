"""The case file's pure rules: derived flags, case numbers, the approvals the workflow asks for.

No database access here: the services apply these rules to what they read and write, and the
synthetic-data generator (``simpul.synth``) applies the same rules to the rows it writes in bulk.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from simpul.cases.models import (
    STAGE_ORDER,
    TPKS_FORMS,
    ApprovalKind,
    Form,
    JenisKasus,
    Relation,
    RelationDetail,
    Stage,
)

# --- Derived flags ---------------------------------------------------------------------------

FLAG_FIELDS = ("flag_child_sexual_abuse", "flag_intimate_partner", "flag_pkdrt", "flag_child_marriage")


def is_intimate(relation: str, detail: str) -> bool:
    return relation == Relation.SUAMI_ISTRI or detail in {RelationDetail.PACAR, RelationDetail.MANTAN_PACAR, RelationDetail.MANTAN_SUAMI_ISTRI}


def is_domestic(relation: str, detail: str, same_household: bool) -> bool:
    """UU 23/2004 Pasal 2: spouses and children (parent-child) always; relatives and household
    workers when they live in the household. A former spouse is outside the scope."""
    if detail == RelationDetail.MANTAN_SUAMI_ISTRI:
        return False
    if relation in {Relation.SUAMI_ISTRI, Relation.ORANG_TUA}:
        return True
    return same_household and relation in {Relation.KELUARGA, Relation.MAJIKAN, Relation.LAINNYA}


def compute_flags(
    *, jenis_kasus: str, victims: list[tuple[int | None, bool]], forms: set[str], relations: list[tuple[str, str, bool, bool]]
) -> dict[str, bool]:
    """Pure: ``victims`` = (age, is_child); ``relations`` = (relation, detail, same_household, victim_is_child)."""
    child_victim = any(is_child for _age, is_child in victims)
    sexual = Form.SEKSUAL in forms or bool(forms & TPKS_FORMS)
    return {
        "flag_child_sexual_abuse": child_victim and sexual,
        "flag_intimate_partner": any(is_intimate(r, d) for r, d, _h, _c in relations),
        "flag_pkdrt": any(is_domestic(r, d, h) for r, d, h, _c in relations),
        "flag_child_marriage": child_victim and (jenis_kasus == JenisKasus.PERKAWINAN_ANAK or Form.TPKS_1_5 in forms),
    }


# --- Numbering -------------------------------------------------------------------------------


def number_prefix(organisation_region_id: str | None) -> str:
    """Case numbers start with the region code of the numbering organisation."""
    return organisation_region_id or "00"


def case_number(organisation_region_id: str | None, year: int, seq: int) -> str:
    """The case number of the ``seq``-th case of an organisation in ``year`` (gapless per
    organisation and year; the counter itself is kept by ``services.next_case_number``)."""
    return f"{number_prefix(organisation_region_id)}/{year}/{seq:04d}"


# --- Approvals -------------------------------------------------------------------------------

# An approved request moves the case to this stage (the only way into it).
APPROVAL_MOVES: dict[str, str] = {
    ApprovalKind.PLAN: Stage.PELAKSANAAN,
    ApprovalKind.TERMINATION: Stage.TERMINASI,
}


def approvals_passed(stage: str) -> list[str]:
    """The approvals (kinds, in order) a case has passed to be at ``stage``: a case in
    pelaksanaan or pemantauan has an approved plan, a terminated case also an approved
    termination."""
    at = STAGE_ORDER.index(stage)
    return [kind for kind, to in APPROVAL_MOVES.items() if STAGE_ORDER.index(to) <= at]


# --- Guided flow -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseState:
    """What the guided flow needs to know about a case (read by the case page)."""

    stage: str
    is_open: bool
    high_risk: bool
    has_caseworker: bool
    has_victim: bool
    has_incident: bool
    consent_ok: bool
    has_assessment: bool
    plan_requested: bool
    has_referral: bool
    termination_requested: bool


@dataclass(frozen=True)
class Step:
    key: str  # assign | victim | incident | consent | assessment | plan | referral | termination
    label: str
    done: bool
    waiting: bool = False  # requested, waiting for the head's decision
    urgent: bool = False


def guided_steps(s: CaseState) -> list[Step]:
    """The checklist of a case, in the order the work is done, derived from its real state."""
    at = STAGE_ORDER.index(s.stage) if s.stage in STAGE_ORDER else 0
    plan_passed = at >= STAGE_ORDER.index(Stage.PELAKSANAAN)
    steps = [
        Step("assign", str(_("Tetapkan pendamping")), s.has_caseworker, urgent=s.high_risk and not s.has_caseworker),
        Step("victim", str(_("Tambah korban")), s.has_victim),
        Step("incident", str(_("Catat kejadian")), s.has_incident),
        # The assessment first: its informed-consent answer records the consent too.
        Step("assessment", str(_("Isi asesmen")), s.has_assessment),
        Step("consent", str(_("Catat persetujuan korban")), s.consent_ok),
        Step("plan", str(_("Ajukan rencana intervensi")), plan_passed, waiting=s.plan_requested and not plan_passed)
        if at >= STAGE_ORDER.index(Stage.RENCANA_INTERVENSI)
        else Step("to_plan", str(_("Lanjut ke tahap rencana intervensi")), False),
        Step("referral", str(_("Rujuk ke mitra")), s.has_referral),
    ]
    if plan_passed:
        steps.append(Step("termination", str(_("Ajukan terminasi")), s.stage == Stage.TERMINASI, waiting=s.termination_requested))
    return steps


def next_step(steps: list[Step], allowed: set[str]) -> Step | None:
    """The ONE step that matters now: the first one not done, not waiting, that the user may do."""
    for st in steps:
        if not st.done and not st.waiting and st.key in allowed:
            return st
    return None
