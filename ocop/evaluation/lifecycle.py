"""The dossier lifecycle as data: which state may go to which, and who may move it (QĐ 26/2026 Điều 5–7).

A pure table, read by ``services.dossiers.dossier_transition`` (the only writer of ``Dossier.status``)
and by the pages that offer the next steps. Actors:

- ``producer``: the producer's own account (or a writing officer helping it, in scope);
- ``commune``: a commune officer whose scope holds the dossier's commune (UBND cấp xã);
- ``province``: a province officer whose scope holds it (cơ quan tham mưu cấp tỉnh);
- ``chair``: the chair of the council the dossier is assigned to (moves it only by concluding a result);
- ``central``: a central officer (Bộ NN&MT) for the 5★ round.
"""

from __future__ import annotations

from dataclasses import dataclass

DRAFT = "draft"
SUBMITTED = "submitted"
COMMUNE_REVIEW = "commune_review"
PROVINCE_INTAKE = "province_intake"
ADVISORY_REVIEW = "advisory_review"
COUNCIL = "council"
SCORED = "scored"
CENTRAL = "central"
DECIDED = "decided"
NOT_RECOGNISED = "not_recognised"
RETURNED = "returned"
WITHDRAWN = "withdrawn"
DISQUALIFIED = "disqualified"

FINAL_STATES = frozenset({DECIDED, NOT_RECOGNISED, WITHDRAWN, DISQUALIFIED})
# States in which the producer may still edit the dossier's content.
EDITABLE_STATES = frozenset({DRAFT, RETURNED})


@dataclass(frozen=True)
class Step:
    actor: str
    label: str
    needs_reason: bool = False


TRANSITIONS: dict[tuple[str, str], Step] = {
    (DRAFT, SUBMITTED): Step("producer", "Nộp hồ sơ"),
    (RETURNED, SUBMITTED): Step("producer", "Nộp lại hồ sơ đã bổ sung"),
    (SUBMITTED, COMMUNE_REVIEW): Step("commune", "Xã tiếp nhận hồ sơ"),
    (SUBMITTED, RETURNED): Step("commune", "Trả lại để bổ sung", needs_reason=True),
    (COMMUNE_REVIEW, PROVINCE_INTAKE): Step("commune", "Gửi tỉnh kèm báo cáo Mẫu 03"),
    (COMMUNE_REVIEW, RETURNED): Step("commune", "Trả lại để bổ sung", needs_reason=True),
    (PROVINCE_INTAKE, ADVISORY_REVIEW): Step("province", "Tiếp nhận, chuyển tổ tư vấn"),
    (PROVINCE_INTAKE, RETURNED): Step("province", "Trả lại để bổ sung", needs_reason=True),
    (PROVINCE_INTAKE, DISQUALIFIED): Step("province", "Loại hồ sơ", needs_reason=True),
    (ADVISORY_REVIEW, COUNCIL): Step("province", "Chuyển hội đồng chấm điểm"),
    (ADVISORY_REVIEW, RETURNED): Step("province", "Trả lại để bổ sung", needs_reason=True),
    (ADVISORY_REVIEW, DISQUALIFIED): Step("province", "Loại hồ sơ", needs_reason=True),
    (COUNCIL, DISQUALIFIED): Step("province", "Loại hồ sơ", needs_reason=True),
    (COUNCIL, SCORED): Step("chair", "Kết luận kết quả hội đồng"),
    (COUNCIL, NOT_RECOGNISED): Step("chair", "Kết luận: không đủ điều kiện công nhận"),
    (SCORED, DECIDED): Step("province", "Ban hành quyết định công nhận"),
    (SCORED, CENTRAL): Step("province", "Đề nghị Bộ đánh giá 5 sao"),
    (CENTRAL, COUNCIL): Step("central", "Chuyển hội đồng trung ương"),
    (CENTRAL, RETURNED): Step("central", "Trả lại để bổ sung", needs_reason=True),
}
for _state in (DRAFT, SUBMITTED, COMMUNE_REVIEW, PROVINCE_INTAKE, ADVISORY_REVIEW, RETURNED):
    TRANSITIONS[(_state, WITHDRAWN)] = Step("producer", "Rút hồ sơ", needs_reason=True)


def step(from_status: str, to_status: str) -> Step | None:
    """The step from one state to another, or ``None`` when the law's procedure has no such step."""
    return TRANSITIONS.get((from_status, to_status))


def next_steps(from_status: str) -> list[tuple[str, Step]]:
    """Every state reachable in one step, with who may take it."""
    return [(to, s) for (frm, to), s in TRANSITIONS.items() if frm == from_status]
