"""Councils (hội đồng đánh giá, phân hạng) and who sits on them (QĐ 26/2026 Điều 7.3.b, 7.4.b).

Who may do what:

- a council of a **province round** is set up by a province officer whose scope holds the round's province,
  a council of a **central round** by a central officer (Bộ NN&MT); the administrator may do both (the same
  rule as ``services.rounds.can_manage_rounds``);
- the **scoring seats** (chair, member) go to accounts with the role "council" — for a province round,
  accounts scoped to that province; for a central round, any council account or a central officer. Officers
  who run the procedure (intake, advisory review) do not score the dossiers they handled: a person who is both
  holds a separate council account, so every sheet is signed by a council seat;
- the **non-scoring seats** (secretary, advisory group) may also go to officers of the round's level (province
  officers of the province, or central officers);
- a council has at most one chair; ``result_conclude`` refuses a council without one;
- a member who has ever submitted a score sheet cannot be removed (their sheet is part of the record);
  their unsubmitted drafts go with them.

Every change of the membership is written to the council's history (actor and reason naming the person and
the seat), in the same transaction.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction

from ocop.accounts.models import Role, User
from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.core.text import normalize
from ocop.evaluation.models import (
    Council,
    CouncilMember,
    MemberRole,
    Round,
    RoundLevel,
    ScoreSheet,
    SheetStatus,
)
from ocop.evaluation.selectors.scoring import can_manage_council, can_view_round, display_name

HISTORY_REASON_MAX = 100  # simple_history's history_change_reason is a varchar(100)

SCORING_ROLES = frozenset({MemberRole.CHAIR, MemberRole.MEMBER})


def history_reason(text: str) -> str:
    """A history entry's reason fits its column; longer reasons are cut with "…"."""
    return text if len(text) <= HISTORY_REASON_MAX else text[: HISTORY_REASON_MAX - 1] + "…"


def _save_council(council: Council, *, actor, reason: str) -> None:
    council._history_user = actor
    council._change_reason = history_reason(reason)
    council.save()


def _check_manager(actor, round_: Round) -> None:
    if not can_view_round(actor, round_):
        raise NotFoundError("Không tìm thấy đợt đánh giá.")
    if not can_manage_council(actor, round_):
        if round_.level == RoundLevel.CENTRAL:
            raise PermissionDeniedError("Chỉ cán bộ trung ương được lập và sửa hội đồng cấp trung ương.")
        raise PermissionDeniedError(
            "Chỉ cán bộ cấp tỉnh phụ trách tỉnh của đợt đánh giá được lập và sửa hội đồng của đợt này."
        )


def _threshold(value) -> Decimal:
    if value is None:
        value = getattr(settings, "OCOP_SPREAD_THRESHOLD", 10)
    try:
        threshold = Decimal(str(value))
    except InvalidOperation:
        raise ApplicationError("Ngưỡng chênh lệch điểm phải là một số.", field="spread_threshold") from None
    if not threshold.is_finite() or not Decimal(0) < threshold <= Decimal(100):
        raise ApplicationError(
            "Ngưỡng chênh lệch điểm phải lớn hơn 0 và không quá 100.", field="spread_threshold"
        )
    if threshold != threshold.quantize(Decimal("0.1")):
        raise ApplicationError(
            "Ngưỡng chênh lệch điểm chỉ ghi tối đa một chữ số thập phân (ví dụ 10 hoặc 7,5).",
            field="spread_threshold",
        )
    return threshold


@transaction.atomic
def council_create(
    *, actor, round: Round, name: str, establishing_decision: str = "", spread_threshold=None
) -> Council:
    """Set up a council for a round; the spread threshold defaults to ``settings.OCOP_SPREAD_THRESHOLD``."""
    round_ = round
    _check_manager(actor, round_)
    name = normalize(name)
    if not name:
        raise ApplicationError("Hãy đặt tên cho hội đồng.", field="name")
    if len(name) > 255:
        raise ApplicationError("Tên hội đồng dài quá 255 ký tự.", field="name")
    establishing_decision = normalize(establishing_decision)
    if len(establishing_decision) > 120:
        raise ApplicationError("Số quyết định thành lập dài quá 120 ký tự.", field="establishing_decision")
    if Council.objects.filter(round=round_, name__iexact=name).exists():
        raise ApplicationError(
            f"Đợt “{round_.name}” đã có hội đồng tên “{name}”; hãy đặt tên khác.", field="name"
        )
    council = Council(
        round=round_,
        name=name,
        establishing_decision=establishing_decision,
        spread_threshold=_threshold(spread_threshold),
    )
    council.full_clean()
    _save_council(council, actor=actor, reason="Thành lập hội đồng")
    return council


def _eligible_problem(user: User, round_: Round, role: str) -> str | None:
    """Why ``user`` may not take a seat of ``role`` on a council of ``round_`` (``None`` if they may)."""
    if not user.is_active:
        return "tài khoản đã bị khoá"
    scoring = role in SCORING_ROLES
    if round_.level == RoundLevel.CENTRAL:
        if user.role == Role.COUNCIL or user.role == Role.CENTRAL:
            return None
        return "hội đồng trung ương chỉ gồm tài khoản thành viên hội đồng hoặc cán bộ trung ương"
    in_province = bool(
        user.scope_unit_id and round_.unit_id and user.scope_unit.path.startswith(round_.unit.path)
    )
    if user.role == Role.COUNCIL and in_province:
        return None
    if not scoring and user.role == Role.PROVINCE and in_province:
        return None
    if scoring:
        return (
            f"ghế chấm điểm chỉ dành cho tài khoản thành viên hội đồng thuộc {round_.unit.name}"
            if round_.unit_id
            else "ghế chấm điểm chỉ dành cho tài khoản thành viên hội đồng"
        )
    return f"thư ký, tổ tư vấn là tài khoản hội đồng hoặc cán bộ cấp tỉnh thuộc {round_.unit.name}"


def eligible_for_seat(user: User, round_: Round, role: str) -> bool:
    """Whether ``user`` may take a seat of ``role`` on a council of ``round_`` (see the module docstring)."""
    return _eligible_problem(user, round_, role) is None


@transaction.atomic
def council_member_add(
    *, actor, council: Council, user: User, role: str, organisation: str = ""
) -> CouncilMember:
    """Give ``user`` a seat on ``council``: chair (one per council), member, secretary or advisory group."""
    council = Council.objects.select_for_update(of=("self",)).select_related("round__unit").get(pk=council.pk)
    _check_manager(actor, council.round)
    if role not in MemberRole.values:
        raise ApplicationError("Vai trò trong hội đồng không hợp lệ.", field="role")
    name = display_name(user)
    problem = _eligible_problem(user, council.round, role)
    if problem:
        raise ApplicationError(f"Không thể xếp {name} vào hội đồng: {problem}.", field="user")
    existing = council.members.filter(user=user).first()
    if existing:
        raise ApplicationError(
            f"{name} đã là {existing.get_role_display().lower()} của hội đồng này; "
            "muốn đổi vai trò hãy rút khỏi hội đồng rồi thêm lại.",
            field="user",
        )
    if role == MemberRole.CHAIR:
        chair = council.members.filter(role=MemberRole.CHAIR).select_related("user").first()
        if chair:
            raise ApplicationError(
                f"Hội đồng đã có chủ tịch là {display_name(chair.user)}; mỗi hội đồng chỉ có một chủ tịch.",
                field="role",
            )
    organisation = normalize(organisation)
    if len(organisation) > 200:
        raise ApplicationError("Tên cơ quan dài quá 200 ký tự.", field="organisation")
    member = CouncilMember(council=council, user=user, role=role, organisation=organisation)
    member.full_clean()
    member.save()
    _save_council(council, actor=actor, reason=f"Thêm {name} — {member.get_role_display()}")
    return member


@transaction.atomic
def council_member_remove(*, actor, member: CouncilMember, reason: str = "") -> None:
    """Take a seat away; refused once the member has submitted a score sheet (even one later reopened)."""
    member = CouncilMember.objects.select_related("council__round__unit", "user").get(pk=member.pk)
    council = Council.objects.select_for_update().get(pk=member.council_id)
    _check_manager(actor, member.council.round)
    name = display_name(member.user)
    sheets = list(ScoreSheet.objects.filter(member=member))
    ever_submitted = (
        any(s.status == SheetStatus.SUBMITTED for s in sheets)
        or ScoreSheet.history.filter(member_id=member.pk, status=SheetStatus.SUBMITTED).exists()
    )
    if ever_submitted:
        raise ApplicationError(
            f"{name} đã nộp phiếu chấm trong hội đồng này nên không thể rút khỏi hội đồng; "
            "phiếu chấm là một phần của hồ sơ đánh giá."
        )
    for sheet in sheets:
        sheet._history_user = actor
        sheet._change_reason = history_reason(f"Xoá phiếu nháp khi rút {name} khỏi hội đồng")
        sheet.delete()
    role = member.get_role_display()
    member.delete()
    reason = normalize(reason)
    _save_council(
        council, actor=actor, reason=f"Rút {name} ({role}) khỏi hội đồng" + (f": {reason}" if reason else "")
    )
