"""The case file's pure rules: derived flags, case numbers, the approvals the workflow asks for.

No database access here: the services apply these rules to what they read and write, and the
synthetic-data generator (``simpul.synth``) applies the same rules to the rows it writes in bulk.
"""

from __future__ import annotations

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
