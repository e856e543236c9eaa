"""Evaluation rounds (đợt đánh giá, QĐ 26/2026 Điều 5): create with the legal default dates, change, close.

Province rounds are run by the province's OCOP office for its own province; central (5★) rounds by the
central office. The default dates of rounds 1 and 2 come from ``domain.province_round_deadlines`` and
``domain.central_round_deadlines``; any round's dates may be changed by the office (a province may set
its own calendar each year), and extra rounds (number 3 and up) must be given their dates explicitly,
since the decree allows them only when written into the council regulation and a rating plan.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from ocop.accounts.models import Role
from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.core.text import normalize
from ocop.evaluation.domain import central_round_deadlines, province_round_deadlines
from ocop.evaluation.models import Round, RoundLevel
from ocop.evaluation.selectors.dossiers import rounds_for_user
from ocop.evaluation.services.dossiers import change_reason
from ocop.registry.permissions import unit_in_scope

MIN_YEAR, MAX_YEAR = 2018, 2100


def can_manage_rounds(user, *, level: str, unit=None) -> bool:
    """Province officers for their own province; central officers for central rounds; the administrator."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.role == Role.ADMIN:
        return True
    if level == RoundLevel.CENTRAL:
        return user.role == Role.CENTRAL
    if level == RoundLevel.PROVINCE:
        return user.role == Role.PROVINCE and unit is not None and unit_in_scope(user, unit)
    return False


def default_deadlines(*, level: str, year: int, number: int) -> tuple[dt.date, dt.date] | None:
    """The legal dates of round 1 or 2 of a year (proposals by, concluded by); ``None`` for extra rounds."""
    rounds = province_round_deadlines(year) if level == RoundLevel.PROVINCE else central_round_deadlines(year)
    if not 1 <= number <= len(rounds):
        return None
    deadlines = rounds[number - 1]
    return deadlines.proposals_by, deadlines.concluded_by


def default_name(*, level: str, unit, year: int, number: int) -> str:
    """ "Đợt 1 năm 2026 — Tỉnh Lâm Đồng" / "Đợt 1 năm 2026 — cấp trung ương"."""
    where = unit.name if level == RoundLevel.PROVINCE and unit is not None else "cấp trung ương"
    return f"Đợt {number} năm {year} — {where}"


def _check_dates(proposal_deadline: dt.date, conclusion_deadline: dt.date) -> None:
    if conclusion_deadline < proposal_deadline:
        raise ApplicationError(
            f"Hạn hoàn thành ({conclusion_deadline:%d/%m/%Y}) không được trước hạn đề xuất "
            f"({proposal_deadline:%d/%m/%Y}); hãy sửa một trong hai ngày.",
            field="conclusion_deadline",
        )


def _save(round_: Round, *, actor, reason: str) -> None:
    try:
        round_.full_clean()
    except ValidationError as exc:
        raise ApplicationError(
            "Đợt đánh giá không hợp lệ: " + "; ".join(exc.messages), extra={"errors": exc.message_dict}
        ) from exc
    round_._history_user = actor
    round_._change_reason = change_reason(reason)
    round_.save()


@transaction.atomic
def round_create(
    *,
    actor,
    level: str,
    unit,
    year: int,
    number: int,
    name: str | None = None,
    proposal_deadline: dt.date | None = None,
    conclusion_deadline: dt.date | None = None,
) -> Round:
    """Open a round. ``unit`` is the province (``None`` for a central round); dates default to the law's."""
    if level not in RoundLevel.values:
        raise ApplicationError("Cấp của đợt đánh giá phải là cấp tỉnh hoặc cấp trung ương.", field="level")
    if level == RoundLevel.PROVINCE:
        if unit is None or unit.level != 1:
            raise ApplicationError("Đợt đánh giá cấp tỉnh phải gắn với một tỉnh/thành phố.", field="unit")
        if unit.valid_to is not None:
            raise ApplicationError(
                f"{unit.name} không còn là đơn vị hành chính hiện hành; hãy chọn tỉnh theo bản đồ mới.",
                field="unit",
            )
    elif unit is not None:
        raise ApplicationError("Đợt đánh giá cấp trung ương không gắn với tỉnh nào.", field="unit")
    if not can_manage_rounds(actor, level=level, unit=unit):
        raise PermissionDeniedError(
            "Chỉ cán bộ cấp tỉnh của chính tỉnh đó mới mở được đợt đánh giá cấp tỉnh."
            if level == RoundLevel.PROVINCE
            else "Chỉ cán bộ trung ương mới mở được đợt đánh giá cấp trung ương."
        )
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ApplicationError(f"Năm {year} không hợp lệ.", field="year")
    if number < 1:
        raise ApplicationError("Số thứ tự đợt phải từ 1 trở lên.", field="number")
    defaults = default_deadlines(level=level, year=year, number=number)
    if defaults is None and (proposal_deadline is None or conclusion_deadline is None):
        raise ApplicationError(
            f"Đợt {number} là đợt bổ sung: hãy nhập hạn đề xuất và hạn hoàn thành theo quy chế hội đồng "
            "và kế hoạch đánh giá (QĐ 26/2026, Điều 5).",
            field="proposal_deadline",
        )
    proposal_deadline = proposal_deadline or defaults[0]  # type: ignore[index]
    conclusion_deadline = conclusion_deadline or defaults[1]  # type: ignore[index]
    _check_dates(proposal_deadline, conclusion_deadline)
    if Round.objects.filter(level=level, unit=unit, year=year, number=number).exists():
        where = unit.name if unit is not None else "cấp trung ương"
        raise ApplicationError(
            f"Đã có đợt {number} năm {year} của {where}; hãy sửa đợt đó hoặc chọn số đợt khác.",
            field="number",
        )
    round_ = Round(
        level=level,
        unit=unit,
        year=year,
        number=number,
        name=normalize(name) or default_name(level=level, unit=unit, year=year, number=number),
        proposal_deadline=proposal_deadline,
        conclusion_deadline=conclusion_deadline,
        is_open=True,
    )
    _save(round_, actor=actor, reason="Mở đợt đánh giá")
    return round_


def _check_manage(actor, round_: Round) -> None:
    if not can_manage_rounds(actor, level=round_.level, unit=round_.unit):
        if not rounds_for_user(user=actor).filter(pk=round_.pk).exists():
            raise NotFoundError("Không tìm thấy đợt đánh giá.")
        raise PermissionDeniedError("Bạn không có quyền thay đổi đợt đánh giá này.")


@transaction.atomic
def round_update(
    *,
    actor,
    round: Round,
    name: str | None = None,
    proposal_deadline: dt.date | None = None,
    conclusion_deadline: dt.date | None = None,
    reason: str = "",
) -> Round:
    """Change a round's name or dates (a province may set its own calendar for a year)."""
    round_ = Round.objects.select_for_update(of=("self",)).select_related("unit").get(pk=round.pk)
    _check_manage(actor, round_)
    if name is not None:
        if not normalize(name):
            raise ApplicationError("Hãy đặt tên cho đợt đánh giá.", field="name")
        round_.name = normalize(name)
    if proposal_deadline is not None:
        round_.proposal_deadline = proposal_deadline
    if conclusion_deadline is not None:
        round_.conclusion_deadline = conclusion_deadline
    _check_dates(round_.proposal_deadline, round_.conclusion_deadline)
    _save(round_, actor=actor, reason=normalize(reason) or "Sửa đợt đánh giá")
    return round_


@transaction.atomic
def round_close(*, actor, round: Round, reason: str = "") -> Round:
    """Stop taking dossiers into a round (dossiers already in it continue to their result)."""
    round_ = Round.objects.select_for_update(of=("self",)).select_related("unit").get(pk=round.pk)
    _check_manage(actor, round_)
    if not round_.is_open:
        raise ApplicationError(f"{round_.name} đã đóng.")
    round_.is_open = False
    _save(round_, actor=actor, reason=normalize(reason) or "Đóng đợt đánh giá")
    return round_


@transaction.atomic
def round_reopen(*, actor, round: Round, reason: str) -> Round:
    """Open a closed round again (for a round closed by mistake); the reason is kept in the history."""
    round_ = Round.objects.select_for_update(of=("self",)).select_related("unit").get(pk=round.pk)
    _check_manage(actor, round_)
    if round_.is_open:
        raise ApplicationError(f"{round_.name} đang mở.")
    if not normalize(reason):
        raise ApplicationError("Hãy ghi lý do mở lại đợt đánh giá.", field="reason")
    round_.is_open = True
    _save(round_, actor=actor, reason=normalize(reason))
    return round_
