"""API of the dossier procedure: scoped reads of dossiers and rounds, and the service-backed steps."""

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from ocop.core.exceptions import ApplicationError
from ocop.core.pagination import CappedLimitOffsetPagination
from ocop.evaluation import lifecycle
from ocop.evaluation.models import Council, Dossier, DossierKind, DossierStatus, DossierTransition, RoundLevel
from ocop.evaluation.schemas import (
    DossierDetailOut,
    DossierIn,
    DossierOut,
    DossierPatch,
    RoundIn,
    RoundListOut,
    RoundOut,
    SelfScoreIn,
    SelfScoreOut,
    TransitionIn,
)
from ocop.evaluation.selectors import dossiers as selectors
from ocop.evaluation.services import dossiers as services
from ocop.evaluation.services import rounds as round_services
from ocop.geo.models import AdminUnit
from ocop.registry import selectors as registry_selectors

router = Router(tags=["evaluation"])


class DossierQuery(Schema):
    q: str | None = Field(None, description="Tên sản phẩm, chủ thể hoặc số phiếu (không dấu cũng được)")
    status: DossierStatus | None = None
    kind: DossierKind | None = None
    round: int | None = Field(None, description="Mã nội bộ của đợt đánh giá")
    product_id: int | None = None


class RoundQuery(Schema):
    year: int | None = Field(None, ge=1900, le=2100, description="Năm (1900–2100)")
    level: RoundLevel | None = None


def _detail(request: HttpRequest, pk: int) -> Dossier:
    """One dossier with what the detail schema shows (scores, evidence, steps), in a few queries."""
    dossier = selectors.dossier_get_for_user(user=request.user, pk=pk)
    dossier = (
        Dossier.objects.select_related("producer", "product", "commune", "rubric")
        .prefetch_related(
            "self_scores",
            "evidence",
            Prefetch(
                "transitions", queryset=DossierTransition.objects.select_related("actor").order_by("at", "pk")
            ),
        )
        .get(pk=dossier.pk)
    )
    dossier.self_score_total = services.self_score_total(dossier)
    dossier.next_steps = selectors.steps_for(request.user, dossier)
    return dossier


@router.get("/dossiers", response=list[DossierOut], summary="Danh sách hồ sơ trong phạm vi")
@paginate(CappedLimitOffsetPagination)
def list_dossiers(request: HttpRequest, filters: Query[DossierQuery]):
    data = filters.dict()
    data["round_id"] = data.pop("round")
    return selectors.dossier_list(user=request.user, filters=selectors.DossierFilters(**data))


@router.get("/dossiers/{dossier_id}", response=DossierDetailOut, summary="Một hồ sơ, kèm quá trình xử lý")
def get_dossier(request: HttpRequest, dossier_id: int):
    return _detail(request, dossier_id)


@router.post("/dossiers", response={201: DossierDetailOut}, summary="Lập hồ sơ (lần đầu) cho một sản phẩm")
def create_dossier(request: HttpRequest, payload: DossierIn):
    """Hồ sơ nâng hạng và đánh giá lại được lập từ giấy chứng nhận (API giấy chứng nhận)."""
    product = registry_selectors.product_get_for_user(user=request.user, pk=payload.product_id)
    application = payload.application.dict(exclude_none=True) if payload.application else None
    dossier = services.dossier_create(
        actor=request.user,
        product=product,
        kind=DossierKind.FIRST,
        application=application,
        story_exists=payload.story_exists,
        samples_count=payload.samples_count,
    )
    return Status(201, _detail(request, dossier.pk))


@router.patch("/dossiers/{dossier_id}", response=DossierDetailOut, summary="Sửa phiếu đăng ký (Mẫu 01)")
def update_dossier(request: HttpRequest, dossier_id: int, payload: DossierPatch):
    dossier = selectors.dossier_get_for_user(user=request.user, pk=dossier_id)
    data = payload.dict(exclude_unset=True)
    application = data.get("application")
    services.dossier_update(
        actor=request.user,
        dossier=dossier,
        application={k: v for k, v in application.items() if v is not None} if application else None,
        story_exists=data.get("story_exists"),
        samples_count=data.get("samples_count"),
    )
    return _detail(request, dossier.pk)


@router.put(
    "/dossiers/{dossier_id}/self-scores/{criterion_code}",
    response=SelfScoreOut,
    summary="Tự đánh giá một tiêu chí (Mẫu 02)",
)
def put_self_score(request: HttpRequest, dossier_id: int, criterion_code: str, payload: SelfScoreIn):
    dossier = selectors.dossier_get_for_user(user=request.user, pk=dossier_id)
    return services.self_score_set(
        actor=request.user,
        dossier=dossier,
        criterion_code=criterion_code,
        option_index=payload.option_index,
        note=payload.note,
    )


def _extras(dossier: Dossier, payload: TransitionIn) -> tuple[dict, str]:
    """The step's extra inputs as the service takes them, and the reason (with cited conditions)."""
    extra: dict = {}
    reason = payload.reason
    if payload.round_id is not None:
        round_ = selectors.open_rounds_for(dossier).filter(pk=payload.round_id).first()
        if round_ is None:
            raise ApplicationError(
                "Đợt đánh giá không tồn tại, đã đóng hoặc không thuộc tỉnh của hồ sơ.", field="round_id"
            )
        extra["round"] = round_
    if payload.council_id is not None:
        council = selectors.councils_for(dossier).filter(pk=payload.council_id).first()
        if council is None:
            exists = Council.objects.filter(pk=payload.council_id).exists()
            raise ApplicationError(
                "Hội đồng không thuộc đợt đánh giá của hồ sơ." if exists else "Không có hội đồng này.",
                field="council_id",
            )
        extra["council"] = council
    if payload.commune_assessment is not None:
        extra["commune_assessment"] = payload.commune_assessment.dict(exclude_none=True)
    if payload.disqualification_conditions:
        conditions = selectors.dossier_sheet(dossier).disqualification
        try:
            cited = [conditions[i] for i in payload.disqualification_conditions]
        except IndexError:
            raise ApplicationError(
                f"Phiếu đánh giá chỉ có {len(conditions)} điều kiện loại hồ sơ (đánh số từ 0).",
                field="disqualification_conditions",
            ) from None
        if payload.to_status != lifecycle.DISQUALIFIED:
            raise ApplicationError(
                "Điều kiện loại hồ sơ chỉ dùng khi loại hồ sơ.", field="disqualification_conditions"
            )
        reason = " ".join(part for part in ("Hồ sơ bị loại khi: " + "; ".join(cited) + ".", reason) if part)
    return extra, reason


@router.post(
    "/dossiers/{dossier_id}/transitions", response=DossierDetailOut, summary="Chuyển hồ sơ sang bước sau"
)
def transition_dossier(request: HttpRequest, dossier_id: int, payload: TransitionIn):
    dossier = selectors.dossier_get_for_user(user=request.user, pk=dossier_id)
    if (dossier.status, payload.to_status) in selectors.STEPS_ELSEWHERE:
        raise ApplicationError(
            "Bước này thực hiện qua kết luận của hội đồng (chấm điểm) hoặc quyết định công nhận, "
            "không chuyển trực tiếp được.",
            field="to_status",
        )
    extra, reason = _extras(dossier, payload)
    services.dossier_transition(
        actor=request.user, dossier=dossier, to_status=payload.to_status, reason=reason, **extra
    )
    return _detail(request, dossier.pk)


@router.get("/rounds", response=list[RoundListOut], summary="Các đợt đánh giá trong phạm vi")
@paginate(CappedLimitOffsetPagination)
def list_rounds(request: HttpRequest, filters: Query[RoundQuery]):
    return selectors.round_list(user=request.user, year=filters.year, level=filters.level)


@router.post("/rounds", response={201: RoundOut}, summary="Mở đợt đánh giá (ngày mặc định theo QĐ 26/2026)")
def create_round(request: HttpRequest, payload: RoundIn):
    unit = None
    if payload.unit_id is not None:
        unit = AdminUnit.objects.filter(pk=payload.unit_id).first()
        if unit is None:
            raise ApplicationError(
                f"Không có đơn vị hành chính mã nội bộ {payload.unit_id}.", field="unit_id"
            )
    round_ = round_services.round_create(
        actor=request.user,
        level=payload.level,
        unit=unit,
        year=payload.year,
        number=payload.number,
        name=payload.name,
        proposal_deadline=payload.proposal_deadline,
        conclusion_deadline=payload.conclusion_deadline,
    )
    return Status(201, round_)


@router.post("/rounds/{round_id}/close", response=RoundOut, summary="Đóng đợt đánh giá")
def close_round(request: HttpRequest, round_id: int):
    round_ = selectors.round_get_for_user(user=request.user, pk=round_id)
    return round_services.round_close(actor=request.user, round=round_)
