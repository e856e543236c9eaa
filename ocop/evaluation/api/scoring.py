"""API of council scoring: councils and seats, conflict declarations, score sheets, results.

Every operation reads through the scoped selectors (404 outside the scope) and writes through the
services; refusals come back in the project's error shape ``{"error": {code, message, field, details}}``.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from ocop.accounts.models import User
from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.core.pagination import CappedLimitOffsetPagination
from ocop.evaluation.models import Council, CouncilMember, Dossier, Result, Round, ScoreSheet
from ocop.evaluation.scoring_schemas import (
    ConcludeIn,
    CouncilDetailOut,
    CouncilIn,
    CouncilOut,
    DeclarationIn,
    DeclarationOut,
    MemberIn,
    MemberOut,
    ReopenIn,
    ResultOut,
    ScoringDossierOut,
    SheetIn,
    SheetOut,
)
from ocop.evaluation.selectors import scoring as selectors
from ocop.evaluation.services import councils as council_services
from ocop.evaluation.services import scoring as services

router = Router(tags=["evaluation"])


# ----------------------------------------------------------------------------------------------------
# Shaping


def _member_out(member: CouncilMember) -> dict:
    return {
        "id": member.pk,
        "user_id": member.user_id,
        "name": selectors.display_name(member.user),
        "role": member.role,
        "role_label": str(member.get_role_display()),
        "organisation": member.organisation,
    }


def _council_out(council: Council, *, members: bool = False) -> dict:
    data = {
        "id": council.pk,
        "name": council.name,
        "round_id": council.round_id,
        "round_name": council.round.name,
        "level": council.round.level,
        "province": council.round.unit.name if council.round.unit_id else None,
        "establishing_decision": council.establishing_decision,
        "spread_threshold": float(council.spread_threshold),
        "member_count": getattr(council, "member_count", None) or 0,
        "dossier_count": getattr(council, "dossier_count", None) or 0,
    }
    if members:
        data["members"] = [_member_out(m) for m in selectors.members_in_order(council)]
    return data


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _sheet_out(sheet: ScoreSheet, dossier: Dossier, *, counted: bool = True) -> dict:
    rubric = dossier.rubric.sheet
    criteria = {c.code: c for c in rubric.criteria()}
    lines = sorted(
        sheet.lines.all(),
        key=lambda line: (
            list(criteria).index(line.criterion_code) if line.criterion_code in criteria else 10_000
        ),
    )
    chosen = {line.criterion_code for line in lines}
    return {
        "id": sheet.pk,
        "dossier_id": sheet.dossier_id,
        "member_id": sheet.member_id,
        "member_name": selectors.display_name(sheet.member.user),
        "role": sheet.member.role,
        "status": sheet.status,
        "total": _number(sheet.total),
        "running_total": float(sum((line.points for line in lines), Decimal(0))),
        "comment": sheet.comment,
        "submitted_at": sheet.submitted_at,
        "reopened_reason": sheet.reopened_reason,
        "counted": counted,
        "missing": [code for code in selectors.applicable_codes(dossier) if code not in chosen],
        "lines": [
            {
                "criterion_code": line.criterion_code,
                "option_index": line.option_index,
                "option_text": criteria[line.criterion_code].options[line.option_index].text
                if line.criterion_code in criteria
                else "",
                "points": float(line.points),
                "comment": line.comment,
            }
            for line in lines
        ],
    }


def _result_out(access: selectors.ScoringAccess, counts: selectors.Tally | None, dossier: Dossier) -> dict:
    result: Result | None = access.result
    progress = None
    if counts is not None:
        progress = [
            {
                "member_id": row.member.pk,
                "name": row.name,
                "role": row.member.role,
                "declared": row.declaration is not None,
                "has_conflict": row.conflicted,
                "sheet_status": row.sheet.status if row.sheet else None,
                "total": _number(row.sheet.total) if access.scores and row.submitted else None,
                "flagged": row.flagged if access.scores else False,
            }
            for row in counts.rows
        ]
    if result is not None:
        return {
            "dossier_id": dossier.pk,
            "council_id": result.council_id,
            "status": "concluded",
            "mean_score": float(result.mean_score),
            "band_star": result.band_star,
            "cap_star": result.cap_star,
            "final_star": result.final_star,
            "certifiable": result.certifiable,
            "minimum_marks_applied": result.minimum_marks_applied,
            "failed_marks": result.failed_marks,
            "member_totals": result.member_totals if access.scores else None,
            "flagged_members": result.flagged_members if access.scores else None,
            "note": result.note if access.scores else None,
            "concluded_at": result.created_at,
            "concluded_by": selectors.display_name(result.concluded_by)
            if result.concluded_by and access.scores
            else None,
            "progress": progress if access.scores else None,
        }
    assert counts is not None
    show = access.scores and counts.mean is not None
    return {
        "dossier_id": dossier.pk,
        "council_id": dossier.council_id,
        "status": "pending",
        "mean_score": _number(counts.mean) if show else None,
        "band_star": counts.band if show else None,
        "cap_star": counts.cap.max_star if show and counts.cap else None,
        "final_star": counts.final if show else None,
        "certifiable": (counts.final >= 3) if show and counts.final is not None else None,
        "minimum_marks_applied": counts.apply_minimum_marks,
        "failed_marks": [
            {
                **mark.__dict__,
                "marked_points": float(mark.marked_points),
                "chosen_points": float(mark.chosen_points),
                "message": mark.message,
            }
            for mark in (counts.cap.failed if show and counts.cap else ())
        ],
        "member_totals": {row.name: float(row.sheet.total) for row in counts.counted} if show else None,
        "flagged_members": [row.name for row in counts.flagged] if show else None,
        "problems": counts.problems,
        "progress": progress,
    }


def _dossier(request: HttpRequest, dossier_id: int) -> Dossier:
    return selectors.dossier_for_scoring(user=request.user, pk=dossier_id)


# ----------------------------------------------------------------------------------------------------
# Councils


@router.get("/councils", response=list[CouncilOut], summary="Danh sách hội đồng trong phạm vi")
@paginate(CappedLimitOffsetPagination)
def list_councils(request: HttpRequest):
    return [_council_out(c) for c in selectors.council_list_for_user(request.user)]


@router.get("/councils/{council_id}", response=CouncilDetailOut, summary="Một hội đồng và thành viên")
def get_council(request: HttpRequest, council_id: int):
    return _council_out(selectors.council_get_for_user(user=request.user, pk=council_id), members=True)


@router.post("/councils", response={201: CouncilDetailOut}, summary="Thành lập hội đồng")
def create_council(request: HttpRequest, payload: CouncilIn):
    round_ = Round.objects.select_related("unit").filter(pk=payload.round_id).first()
    if round_ is None or not selectors.can_view_round(request.user, round_):
        raise NotFoundError("Không tìm thấy đợt đánh giá.", field="round_id")
    council = council_services.council_create(
        actor=request.user,
        round=round_,
        name=payload.name,
        establishing_decision=payload.establishing_decision,
        spread_threshold=payload.spread_threshold,
    )
    return Status(
        201, _council_out(selectors.council_get_for_user(user=request.user, pk=council.pk), members=True)
    )


@router.post("/councils/{council_id}/members", response={201: MemberOut}, summary="Thêm thành viên hội đồng")
def add_member(request: HttpRequest, council_id: int, payload: MemberIn):
    council = selectors.council_get_for_user(user=request.user, pk=council_id)
    user = User.objects.filter(pk=payload.user_id).first()
    if user is None:
        raise ApplicationError(f"Không có người dùng mã {payload.user_id}.", field="user_id")
    member = council_services.council_member_add(
        actor=request.user, council=council, user=user, role=payload.role, organisation=payload.organisation
    )
    return Status(201, _member_out(member))


@router.delete("/councils/{council_id}/members/{member_id}", response={204: None}, summary="Rút thành viên")
def remove_member(request: HttpRequest, council_id: int, member_id: int):
    council = selectors.council_get_for_user(user=request.user, pk=council_id)
    member = next((m for m in council.members.all() if m.pk == member_id), None)
    if member is None:
        raise NotFoundError("Không tìm thấy thành viên hội đồng.")
    council_services.council_member_remove(actor=request.user, member=member)
    return Status(204, None)


# ----------------------------------------------------------------------------------------------------
# Scoring


@router.get("/scoring/dossiers", response=list[ScoringDossierOut], summary="Hồ sơ tôi được giao chấm")
@paginate(CappedLimitOffsetPagination)
def my_scoring_dossiers(request: HttpRequest):
    return [
        {
            "id": d.pk,
            "registration_number": d.registration_number,
            "product_name": d.product.name,
            "producer_name": d.producer.name,
            "council_id": d.council_id,
            "council_name": d.council.name,
            "my_role": d.my_role,
            "declared": d.my_declared,
            "has_conflict": d.my_conflict,
            "sheet_status": d.my_sheet_status,
            "submitted_count": d.submitted_count or 0,
            "scorer_count": d.scorer_count or 0,
        }
        for d in selectors.scoring_dossiers_for_user(request.user)
    ]


@router.post(
    "/dossiers/{dossier_id}/declaration", response=DeclarationOut, summary="Kê khai xung đột lợi ích"
)
def declare(request: HttpRequest, dossier_id: int, payload: DeclarationIn):
    declaration = services.conflict_declare(
        actor=request.user,
        dossier=_dossier(request, dossier_id),
        has_conflict=payload.has_conflict,
        note=payload.note,
    )
    return {
        "dossier_id": declaration.dossier_id,
        "member_id": declaration.member_id,
        "has_conflict": declaration.has_conflict,
        "note": declaration.note,
        "declared_at": declaration.declared_at,
    }


def _own_sheet(request: HttpRequest, dossier: Dossier) -> dict:
    sheet = selectors.sheet_for(request.user, dossier)
    if sheet is None:
        raise NotFoundError("Bạn chưa bắt đầu chấm hồ sơ này.")
    return _sheet_out(sheet, dossier, counted=not selectors.scoring_access(request.user, dossier).conflicted)


@router.get("/dossiers/{dossier_id}/my-sheet", response=SheetOut, summary="Phiếu chấm của tôi")
def get_my_sheet(request: HttpRequest, dossier_id: int):
    return _own_sheet(request, _dossier(request, dossier_id))


@router.put("/dossiers/{dossier_id}/my-sheet", response=SheetOut, summary="Lưu nháp phiếu chấm")
def save_my_sheet(request: HttpRequest, dossier_id: int, payload: SheetIn):
    dossier = _dossier(request, dossier_id)
    services.sheet_save(
        actor=request.user,
        dossier=dossier,
        choices=payload.choices,
        comments=payload.comments,
        comment=payload.comment,
    )
    return _own_sheet(request, dossier)


@router.post("/dossiers/{dossier_id}/my-sheet/submit", response=SheetOut, summary="Nộp phiếu chấm")
def submit_my_sheet(request: HttpRequest, dossier_id: int):
    dossier = _dossier(request, dossier_id)
    services.sheet_submit(actor=request.user, dossier=dossier)
    return _own_sheet(request, dossier)


@router.get(
    "/dossiers/{dossier_id}/sheets",
    response=list[SheetOut],
    summary="Phiếu chấm đã nộp của các thành viên (sau khi nộp phiếu của mình, hoặc sau kết luận)",
)
def list_sheets(request: HttpRequest, dossier_id: int):
    dossier = _dossier(request, dossier_id)
    access, counts = selectors.results_for(user=request.user, dossier=dossier)
    if not access.scores or counts is None:
        if access.seat is not None:
            raise PermissionDeniedError(selectors.HIDDEN_UNTIL_SUBMITTED)
        raise NotFoundError("Không tìm thấy hồ sơ.")
    return [_sheet_out(row.sheet, dossier, counted=row.eligible) for row in counts.rows if row.submitted]


@router.post("/sheets/{sheet_id}/reopen", response=SheetOut, summary="Mở lại phiếu chấm (chủ tịch)")
def reopen_sheet(request: HttpRequest, sheet_id: int, payload: ReopenIn):
    sheet = selectors.sheet_get_for_user(user=request.user, pk=sheet_id)
    sheet = services.sheet_reopen(actor=request.user, sheet=sheet, reason=payload.reason)
    sheet = ScoreSheet.objects.select_related("member__user").prefetch_related("lines").get(pk=sheet.pk)
    return _sheet_out(sheet, sheet.dossier)


@router.post(
    "/dossiers/{dossier_id}/result", response={201: ResultOut}, summary="Kết luận kết quả (chủ tịch)"
)
def conclude(request: HttpRequest, dossier_id: int, payload: ConcludeIn):
    dossier = _dossier(request, dossier_id)
    services.result_conclude(
        actor=request.user, dossier=dossier, discussed=payload.discussed, note=payload.note
    )
    dossier = _dossier(request, dossier_id)
    access, counts = selectors.results_for(user=request.user, dossier=dossier)
    return Status(201, _result_out(access, counts, dossier))


@router.get("/dossiers/{dossier_id}/result", response=ResultOut, summary="Kết quả đánh giá của hội đồng")
def get_result(request: HttpRequest, dossier_id: int):
    dossier = _dossier(request, dossier_id)
    access, counts = selectors.results_for(user=request.user, dossier=dossier)
    return _result_out(access, counts, dossier)
