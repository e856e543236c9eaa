"""Independent scoring by the council and its result (QĐ 26/2026 Điều 3.3, Điều 7.3–7.4, Phụ lục II).

The path of one member on one dossier (while the dossier is in the council step):

1. ``conflict_declare`` — each scoring seat (chair, member) declares, before scoring, whether it has a
   conflict of interest with the dossier. A declared conflict is final: the member does not score the
   dossier, any sheet they started is excluded from the result (and shown as excluded). "No conflict" may
   still be changed to "conflict" until the result is concluded.
2. ``sheet_save`` — a draft on the dossier's FROZEN rubric, any subset of criteria at a time; criteria
   that do not apply (5.2 without a product story) take no choice.
3. ``sheet_submit`` — every applicable criterion answered; the total is computed (``domain.sheet_total``)
   and the sheet is locked. ``sheet_reopen`` (chair only, with a reason, before the result) unlocks it.
4. ``result_conclude`` — the chair concludes once every scoring seat without a conflict has submitted and
   at least ``OCOP_COUNCIL_MIN_SCORERS`` (default 3) sheets count. The mean (2 decimals), the band, the
   minimum-mark cap on the council's consensus sheet and the final star are written to a ``Result``; the
   dossier moves to "scored" (final ≥ 3★) or "not_recognised" through ``dossier_transition``.

Members whose total lies more than the council's spread threshold from the mean are flagged. The council
then either re-scores (the chair reopens those sheets) or discusses and keeps the scores: concluding with
flagged members requires ``discussed=True`` and a note of the discussion, kept on the result
(``Result.note``); the result's history and the dossier's transition say that the spread was discussed.

Every write runs in one transaction with a history entry naming the actor and the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.core.text import normalize
from ocop.evaluation import domain, lifecycle
from ocop.evaluation.models import (
    ConflictDeclaration,
    CouncilMember,
    Dossier,
    MemberRole,
    Result,
    ScoreLine,
    ScoreSheet,
    SheetStatus,
)
from ocop.evaluation.permissions import can_view_dossier
from ocop.evaluation.selectors.scoring import display_name, tally
from ocop.evaluation.services.councils import history_reason
from ocop.evaluation.services.dossiers import dossier_transition

MAX_COMMENT = 2000
MAX_NOTE = 4000


def _lock_dossier(actor, dossier: Dossier) -> Dossier:
    dossier = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("council__round", "rubric", "product", "producer", "commune")
        .get(pk=dossier.pk)
    )
    if dossier.council_id is None or not can_view_dossier(actor, dossier):
        raise NotFoundError("Không tìm thấy hồ sơ.")
    return dossier


def _check_in_council(dossier: Dossier) -> None:
    if dossier.status != lifecycle.COUNCIL:
        raise ApplicationError(
            f"Hồ sơ đang ở bước “{dossier.get_status_display()}”; chỉ chấm và kết luận khi hồ sơ ở bước "
            "“Hội đồng chấm điểm”."
        )


def _scoring_seat(actor, dossier: Dossier) -> CouncilMember:
    seat = (
        CouncilMember.objects.filter(council_id=dossier.council_id, user=actor).select_related("user").first()
    )
    if seat is None or not seat.scores:
        raise PermissionDeniedError(
            "Chỉ chủ tịch và thành viên hội đồng được giao hồ sơ này mới kê khai và chấm điểm."
        )
    return seat


def _stamp(actor) -> str:
    return f"[{timezone.localtime().strftime('%d/%m/%Y %H:%M')} · {display_name(actor)}]"


@transaction.atomic
def conflict_declare(*, actor, dossier: Dossier, has_conflict: bool, note: str = "") -> ConflictDeclaration:
    """Declare, before scoring, whether the member has a conflict of interest with the dossier."""
    dossier = _lock_dossier(actor, dossier)
    _check_in_council(dossier)
    seat = _scoring_seat(actor, dossier)
    note = normalize(note)
    if has_conflict and not note:
        raise ApplicationError("Hãy ghi rõ xung đột lợi ích (quan hệ với chủ thể, sản phẩm…).", field="note")
    if len(note) > MAX_COMMENT:
        raise ApplicationError(f"Giải trình dài quá {MAX_COMMENT} ký tự.", field="note")
    declaration = ConflictDeclaration.objects.select_for_update().filter(member=seat, dossier=dossier).first()
    if declaration is None:
        return ConflictDeclaration.objects.create(
            member=seat, dossier=dossier, has_conflict=has_conflict, note=note
        )
    if declaration.has_conflict and not has_conflict:
        raise ApplicationError(
            "Bạn đã kê khai có xung đột lợi ích với hồ sơ này; kê khai đó không rút lại được "
            "và bạn không chấm hồ sơ này.",
            field="has_conflict",
        )
    if note and note != declaration.note:
        declaration.note = f"{declaration.note}\n{_stamp(actor)} {note}".strip()
    if has_conflict and not declaration.has_conflict:
        declaration.has_conflict = True
        if not note:
            declaration.note = (
                f"{declaration.note}\n{_stamp(actor)} Kê khai lại: có xung đột lợi ích.".strip()
            )
    declaration.save()
    return declaration


def _check_may_score(seat: CouncilMember, dossier: Dossier) -> None:
    declaration = ConflictDeclaration.objects.filter(member=seat, dossier=dossier).first()
    if declaration is None:
        raise ApplicationError(
            "Hãy kê khai xung đột lợi ích với hồ sơ này trước khi chấm điểm.", field="declaration"
        )
    if declaration.has_conflict:
        raise PermissionDeniedError("Bạn đã kê khai có xung đột lợi ích với hồ sơ này nên không chấm hồ sơ.")


def _save_sheet(sheet: ScoreSheet, *, actor, reason: str) -> None:
    sheet._history_user = actor
    sheet._change_reason = history_reason(reason)
    sheet.save()


def _locked_sheet_error() -> ApplicationError:
    return ApplicationError(
        "Phiếu chấm đã nộp, không sửa được; nếu cần chấm lại, chủ tịch hội đồng mở lại phiếu kèm lý do.",
        field="status",
    )


@transaction.atomic
def sheet_save(
    *,
    actor,
    dossier: Dossier,
    choices: Mapping[str, int | None],
    comments: Mapping[str, str] | None = None,
    comment: str | None = None,
) -> ScoreSheet:
    """Save a draft: the option chosen for some criteria (``None`` clears one), comments per criterion, and
    the general comment (left as it is when ``comment`` is ``None``). Checked against the frozen rubric."""
    dossier = _lock_dossier(actor, dossier)
    _check_in_council(dossier)
    seat = _scoring_seat(actor, dossier)
    _check_may_score(seat, dossier)
    if dossier.rubric is None:
        raise ApplicationError("Hồ sơ chưa có phiếu đánh giá cố định; không chấm được.")
    rubric = dossier.rubric.sheet
    criteria = {c.code: c for c in rubric.criteria()}
    comments = dict(comments or {})
    problems: dict[str, str] = {}
    for code, index in choices.items():
        criterion = criteria.get(code)
        if criterion is None:
            problems[code] = "phiếu không có tiêu chí này"
        elif index is None:
            continue
        elif isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(criterion.options):
            problems[code] = (
                f"chỉ có {len(criterion.options)} phương án (số 0 đến {len(criterion.options) - 1})"
            )
        elif not domain.is_applicable(criterion, story_exists=dossier.story_exists):
            problems[code] = "không áp dụng vì hồ sơ không có câu chuyện sản phẩm"
    for code, text in comments.items():
        if code not in criteria:
            problems.setdefault(code, "phiếu không có tiêu chí này")
        elif len(normalize(text or "")) > MAX_COMMENT:
            problems.setdefault(code, f"nhận xét dài quá {MAX_COMMENT} ký tự")
    if problems:
        first = next(iter(problems))
        raise ApplicationError(
            "Phiếu chấm có lựa chọn không hợp lệ: "
            + "; ".join(f"{c}: {p}" for c, p in problems.items())
            + ".",
            field=first,
            extra={"problems": problems},
        )
    sheet, created = ScoreSheet.objects.select_for_update().get_or_create(dossier=dossier, member=seat)
    if sheet.status == SheetStatus.SUBMITTED:
        raise _locked_sheet_error()
    lines = {line.criterion_code: line for line in sheet.lines.all()}
    to_create: list[ScoreLine] = []
    to_update: list[ScoreLine] = []
    to_delete: list[int] = []
    for code, index in choices.items():
        line = lines.get(code)
        if index is None:
            if line is not None:
                to_delete.append(line.pk)
                lines.pop(code)
            continue
        option_points = domain.points(criteria[code].options[index])
        if line is None:
            lines[code] = line = ScoreLine(
                sheet=sheet, criterion_code=code, option_index=index, points=option_points
            )
            to_create.append(line)
        elif line.option_index != index:
            line.option_index, line.points = index, option_points
            to_update.append(line)
    for code, text in comments.items():
        text = normalize(text or "")
        line = lines.get(code)
        if line is None:
            if text:
                raise ApplicationError(
                    f"Tiêu chí {code}: hãy chọn một phương án trước khi ghi nhận xét.", field=code
                )
            continue
        if line.comment != text:
            line.comment = text
            if line not in to_create and line not in to_update:
                to_update.append(line)
    if to_delete:
        ScoreLine.objects.filter(pk__in=to_delete).delete()
    if to_create:
        ScoreLine.objects.bulk_create(to_create)
    if to_update:
        ScoreLine.objects.bulk_update(to_update, ["option_index", "points", "comment"])
    if comment is not None:
        comment = normalize(comment)
        if len(comment) > MAX_COMMENT * 2:
            raise ApplicationError(f"Nhận xét chung dài quá {MAX_COMMENT * 2} ký tự.", field="comment")
        sheet.comment = comment
    _save_sheet(sheet, actor=actor, reason="Bắt đầu chấm" if created else "Lưu nháp phiếu chấm")
    return sheet


@transaction.atomic
def sheet_submit(*, actor, dossier: Dossier) -> ScoreSheet:
    """Submit the sheet: every applicable criterion answered; the total is fixed and the sheet locked."""
    dossier = _lock_dossier(actor, dossier)
    _check_in_council(dossier)
    seat = _scoring_seat(actor, dossier)
    _check_may_score(seat, dossier)
    sheet = ScoreSheet.objects.select_for_update().filter(dossier=dossier, member=seat).first()
    if sheet is not None and sheet.status == SheetStatus.SUBMITTED:
        raise _locked_sheet_error()
    choices = {line.criterion_code: line.option_index for line in sheet.lines.all()} if sheet else {}
    try:
        total = domain.sheet_total(dossier.rubric.sheet, choices, story_exists=dossier.story_exists)
    except domain.IncompleteSheet as exc:
        raise ApplicationError(
            "Chưa chấm các tiêu chí: "
            + ", ".join(exc.missing)
            + ". Hãy chọn phương án cho từng tiêu chí rồi nộp.",
            field="choices",
            extra={"missing": list(exc.missing)},
        ) from None
    except domain.InvalidChoice as exc:
        raise ApplicationError(str(exc), field="choices", extra={"problems": exc.problems}) from None
    sheet.status = SheetStatus.SUBMITTED
    sheet.total = total
    sheet.submitted_at = timezone.now()
    _save_sheet(sheet, actor=actor, reason=f"Nộp phiếu chấm: {total} điểm")
    return sheet


@transaction.atomic
def sheet_reopen(*, actor, sheet: ScoreSheet, reason: str) -> ScoreSheet:
    """Unlock a submitted sheet for re-scoring: the chair only, with a reason, before the result."""
    sheet = ScoreSheet.objects.select_for_update().select_related("member__user").get(pk=sheet.pk)
    dossier = _lock_dossier(actor, sheet.dossier)
    chair = CouncilMember.objects.filter(council_id=sheet.member.council_id, user=actor).first()
    if chair is None or chair.role != MemberRole.CHAIR:
        raise PermissionDeniedError("Chỉ chủ tịch hội đồng được mở lại phiếu chấm.")
    if (
        sheet.member.council_id != dossier.council_id
        or dossier.status != lifecycle.COUNCIL
        or Result.objects.filter(dossier=dossier, council_id=sheet.member.council_id).exists()
    ):
        raise ApplicationError("Hội đồng đã kết luận kết quả hồ sơ này; không mở lại phiếu chấm được nữa.")
    if sheet.status != SheetStatus.SUBMITTED:
        raise ApplicationError("Phiếu chấm này chưa nộp nên không cần mở lại.", field="status")
    reason = normalize(reason)
    if not reason:
        raise ApplicationError("Hãy ghi lý do mở lại phiếu chấm.", field="reason")
    sheet.status = SheetStatus.DRAFT
    sheet.total = None
    sheet.submitted_at = None
    sheet.reopened_reason = reason
    _save_sheet(
        sheet, actor=actor, reason=f"Mở lại phiếu chấm của {display_name(sheet.member.user)}: {reason}"
    )
    return sheet


def _json_number(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


@transaction.atomic
def result_conclude(*, actor, dossier: Dossier, discussed: bool = False, note: str = "") -> Result:
    """Conclude the council's result on a dossier and move the dossier on (see the module docstring)."""
    dossier = _lock_dossier(actor, dossier)
    seat = CouncilMember.objects.filter(council_id=dossier.council_id, user=actor).first()
    if seat is None or seat.role != MemberRole.CHAIR:
        raise PermissionDeniedError("Chỉ chủ tịch hội đồng được kết luận kết quả.")
    _check_in_council(dossier)
    if Result.objects.filter(dossier=dossier, council_id=dossier.council_id).exists():
        raise ApplicationError("Hội đồng đã kết luận kết quả hồ sơ này.")
    note = normalize(note)
    if len(note) > MAX_NOTE:
        raise ApplicationError(f"Ghi chú kết luận dài quá {MAX_NOTE} ký tự.", field="note")
    counts = tally(dossier)
    if counts.problems:
        raise ApplicationError(
            " ".join(counts.problems),
            extra={
                "missing_members": [row.name for row in counts.missing],
                "min_scorers": counts.min_scorers,
            },
        )
    assert counts.mean is not None
    assert counts.cap is not None
    assert counts.final is not None
    flagged = counts.flagged
    if flagged and not (discussed and note):
        names = ", ".join(f"{row.name} ({row.sheet.total} điểm)" for row in flagged)
        raise ApplicationError(
            f"Điểm của {names} lệch quá {counts.council.spread_threshold} điểm so với điểm trung bình "
            f"{counts.mean}. Hội đồng thảo luận rồi kết luận (đánh dấu “đã thảo luận” và ghi nội dung), "
            "hoặc chủ tịch mở lại phiếu để thành viên chấm lại.",
            field="discussed",
            extra={"flagged_members": [row.name for row in flagged]},
        )
    failed = [
        {
            "criterion_code": mark.criterion_code,
            "criterion_name": mark.criterion_name,
            "star": mark.star,
            "marked_text": mark.marked_text,
            "marked_points": _json_number(mark.marked_points),
            "chosen_text": mark.chosen_text,
            "chosen_points": _json_number(mark.chosen_points),
            "message": mark.message,
        }
        for mark in counts.cap.failed
    ]
    result = Result(
        dossier=dossier,
        council=counts.council,
        mean_score=counts.mean,
        band_star=counts.band,
        cap_star=counts.cap.max_star,
        final_star=counts.final,
        failed_marks=failed,
        flagged_members=[row.name for row in flagged],
        member_totals={row.name: _json_number(row.sheet.total) for row in counts.counted},
        minimum_marks_applied=counts.apply_minimum_marks,
        concluded_by=actor,
    )
    result.note = note
    result.full_clean()
    summary = f"Kết luận của hội đồng: điểm trung bình {counts.mean}, " + (
        f"{counts.final} sao" if counts.final else "không đạt yêu cầu tối thiểu 3 sao"
    )
    if flagged:
        summary += ", đã thảo luận điểm lệch"
    result._history_user = actor
    result._change_reason = history_reason(summary)
    result.save()
    to_status = lifecycle.SCORED if domain.is_certifiable(counts.final) else lifecycle.NOT_RECOGNISED
    dossier_transition(actor=actor, dossier=dossier, to_status=to_status, reason=history_reason(summary))
    return result
