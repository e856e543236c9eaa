"""REST API of the activities: scoped reads and service-backed writes, errors through ApplicationError."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from ocop.activities import selectors, services
from ocop.activities.models import (
    Audience,
    EventKind,
    EventScope,
    FundingSource,
    MediaKind,
    OrganiserLevel,
    Platform,
    SalesPointKind,
    SupportKind,
)
from ocop.activities.schemas import (
    AttendanceIn,
    AttendanceOut,
    BudgetIn,
    BudgetOut,
    CloseIn,
    EventDetailOut,
    EventIn,
    EventOut,
    EventPatch,
    ListingIn,
    ListingOut,
    ListingPatch,
    MediaIn,
    MediaOut,
    MediaPatch,
    ParticipationIn,
    ParticipationOut,
    RevenueIn,
    RevenueOut,
    SalesPointIn,
    SalesPointOut,
    SalesPointPatch,
    SupportIn,
    SupportOut,
    SupportPatch,
    TrainingDetailOut,
    TrainingIn,
    TrainingOut,
    TrainingPatch,
)
from ocop.core.exceptions import ApplicationError
from ocop.core.pagination import CappedLimitOffsetPagination
from ocop.geo.models import AdminUnit
from ocop.registry import selectors as registry_selectors

router = Router(tags=["activities"])


class BaseQuery(Schema):
    q: str | None = None
    unit_id: int | None = None
    year: int | None = Field(None, ge=1900, le=2100, description="Năm (1900–2100)")
    date_from: dt.date | None = None
    date_to: dt.date | None = None


class TrainingQuery(BaseQuery):
    audience: Audience | None = None
    level: OrganiserLevel | None = None
    producer_id: int | None = None


class EventQuery(BaseQuery):
    kind: EventKind | None = None
    scope: EventScope | None = None
    producer_id: int | None = None


class MediaQuery(BaseQuery):
    kind: MediaKind | None = None


class SalesPointQuery(BaseQuery):
    kind: SalesPointKind | None = None
    product_id: int | None = None
    status: str | None = None


class ListingQuery(BaseQuery):
    platform: Platform | None = None
    producer_id: int | None = None
    product_id: int | None = None
    status: str | None = None


class RevenueQuery(BaseQuery):
    producer_id: int | None = None
    product_id: int | None = None


class SupportQuery(BaseQuery):
    kind: SupportKind | None = None
    source: FundingSource | None = None
    producer_id: int | None = None
    product_id: int | None = None


class BudgetQuery(BaseQuery):
    source: FundingSource | None = None


def _filters(query: Schema) -> selectors.ActivityFilters:
    return selectors.ActivityFilters(**{k: v for k, v in query.dict().items() if v is not None})


def _unit(unit_id: int | None) -> AdminUnit | None:
    if unit_id is None:
        return None
    unit = AdminUnit.objects.select_related("parent").filter(pk=unit_id).first()
    if unit is None:
        raise ApplicationError(f"Không có đơn vị hành chính mã nội bộ {unit_id}.", field="unit_id")
    return unit


def _producer(request: HttpRequest, producer_id: int | None):
    if producer_id is None:
        return None
    return registry_selectors.producer_get_for_user(user=request.user, pk=producer_id)


def _product(request: HttpRequest, product_id: int | None):
    if product_id is None:
        return None
    return registry_selectors.product_get_for_user(user=request.user, pk=product_id)


def _products(request: HttpRequest, ids: list[int] | None):
    return None if ids is None else [_product(request, pk) for pk in ids]


def _patch(payload: Schema) -> tuple[dict, str]:
    data = payload.dict(exclude_unset=True)
    return data, data.pop("reason", "") or ""


def _located_data(data: dict) -> dict:
    if "unit_id" in data:
        data["unit"] = _unit(data.pop("unit_id"))
    return data


# -- training ----------------------------------------------------------------------------------


@router.get("/training-courses", response=list[TrainingOut], summary="Lớp tập huấn trong phạm vi")
@paginate(CappedLimitOffsetPagination)
def list_training(request: HttpRequest, filters: Query[TrainingQuery]):
    return selectors.training_list(user=request.user, filters=_filters(filters))


def _training_detail(request: HttpRequest, pk: int):
    course = selectors.training_get_for_user(user=request.user, pk=pk)
    course.attendances_visible = list(selectors.training_attendances(user=request.user, course=course))
    return course


class _TrainingDetail(TrainingDetailOut):
    @staticmethod
    def resolve_attendances(obj) -> list:
        return obj.attendances_visible


@router.get("/training-courses/{course_id}", response=_TrainingDetail, summary="Một lớp tập huấn và học viên")
def get_training(request: HttpRequest, course_id: int):
    return _training_detail(request, course_id)


@router.post("/training-courses", response={201: TrainingOut}, summary="Ghi nhận lớp tập huấn")
def create_training(request: HttpRequest, payload: TrainingIn):
    course = services.training_create(actor=request.user, **_located_data(payload.dict()))
    return Status(201, selectors.training_get_for_user(user=request.user, pk=course.pk))


@router.patch("/training-courses/{course_id}", response=TrainingOut, summary="Sửa lớp tập huấn")
def update_training(request: HttpRequest, course_id: int, payload: TrainingPatch):
    course = selectors.training_get_for_user(user=request.user, pk=course_id)
    data, reason = _patch(payload)
    services.training_update(actor=request.user, course=course, reason=reason, **_located_data(data))
    return selectors.training_get_for_user(user=request.user, pk=course_id)


@router.post(
    "/training-courses/{course_id}/attendances", response={201: AttendanceOut}, summary="Ghi tên học viên"
)
def add_attendance(request: HttpRequest, course_id: int, payload: AttendanceIn):
    course = selectors.training_get_for_user(user=request.user, pk=course_id)
    data = payload.dict()
    producer = _producer(request, data.pop("producer_id"))
    return Status(
        201, services.training_attendance_add(actor=request.user, course=course, producer=producer, **data)
    )


@router.delete("/training-attendances/{attendance_id}", response={204: None}, summary="Xoá tên học viên")
def remove_attendance(request: HttpRequest, attendance_id: int):
    attendance = selectors.training_attendance_get_for_user(user=request.user, pk=attendance_id)
    services.training_attendance_remove(actor=request.user, attendance=attendance)
    return Status(204, None)


# -- promotion events --------------------------------------------------------------------------


@router.get("/promotion-events", response=list[EventOut], summary="Sự kiện xúc tiến thương mại trong phạm vi")
@paginate(CappedLimitOffsetPagination)
def list_events(request: HttpRequest, filters: Query[EventQuery]):
    return selectors.event_list(user=request.user, filters=_filters(filters))


class _EventDetail(EventDetailOut):
    @staticmethod
    def resolve_participations(obj) -> list:
        return obj.participations_visible


@router.get("/promotion-events/{event_id}", response=_EventDetail, summary="Một sự kiện và chủ thể tham gia")
def get_event(request: HttpRequest, event_id: int):
    event = selectors.event_get_for_user(user=request.user, pk=event_id)
    event.participations_visible = list(selectors.event_participations(user=request.user, event=event))
    return event


@router.post("/promotion-events", response={201: EventOut}, summary="Ghi nhận sự kiện")
def create_event(request: HttpRequest, payload: EventIn):
    event = services.event_create(actor=request.user, **_located_data(payload.dict()))
    return Status(201, selectors.event_get_for_user(user=request.user, pk=event.pk))


@router.patch("/promotion-events/{event_id}", response=EventOut, summary="Sửa sự kiện")
def update_event(request: HttpRequest, event_id: int, payload: EventPatch):
    event = selectors.event_get_for_user(user=request.user, pk=event_id)
    data, reason = _patch(payload)
    services.event_update(actor=request.user, event=event, reason=reason, **_located_data(data))
    return selectors.event_get_for_user(user=request.user, pk=event_id)


@router.put(
    "/promotion-events/{event_id}/participations",
    response=ParticipationOut,
    summary="Ghi nhận (hoặc sửa) một chủ thể tham gia sự kiện",
)
def set_participation(request: HttpRequest, event_id: int, payload: ParticipationIn):
    event = selectors.event_get_for_user(user=request.user, pk=event_id)
    data = payload.dict()
    producer = _producer(request, data.pop("producer_id"))
    products = _products(request, data.pop("product_ids"))
    return services.event_participation_set(
        actor=request.user, event=event, producer=producer, products=products, **data
    )


@router.delete(
    "/event-participations/{participation_id}", response={204: None}, summary="Xoá chủ thể khỏi sự kiện"
)
def remove_participation(request: HttpRequest, participation_id: int):
    participation = selectors.event_participation_get_for_user(user=request.user, pk=participation_id)
    services.event_participation_remove(actor=request.user, participation=participation)
    return Status(204, None)


# -- media -------------------------------------------------------------------------------------


@router.get("/media-items", response=list[MediaOut], summary="Tin, bài, phóng sự trong phạm vi")
@paginate(CappedLimitOffsetPagination)
def list_media(request: HttpRequest, filters: Query[MediaQuery]):
    return selectors.media_list(user=request.user, filters=_filters(filters))


@router.get("/media-items/{item_id}", response=MediaOut, summary="Một tin, bài")
def get_media(request: HttpRequest, item_id: int):
    return selectors.media_get_for_user(user=request.user, pk=item_id)


@router.post("/media-items", response={201: MediaOut}, summary="Ghi nhận tin, bài")
def create_media(request: HttpRequest, payload: MediaIn):
    item = services.media_create(actor=request.user, **_located_data(payload.dict()))
    return Status(201, selectors.media_get_for_user(user=request.user, pk=item.pk))


@router.patch("/media-items/{item_id}", response=MediaOut, summary="Sửa tin, bài")
def update_media(request: HttpRequest, item_id: int, payload: MediaPatch):
    item = selectors.media_get_for_user(user=request.user, pk=item_id)
    data, reason = _patch(payload)
    services.media_update(actor=request.user, item=item, reason=reason, **_located_data(data))
    return selectors.media_get_for_user(user=request.user, pk=item_id)


# -- sales points ------------------------------------------------------------------------------


@router.get(
    "/sales-points", response=list[SalesPointOut], summary="Điểm giới thiệu và bán sản phẩm trong phạm vi"
)
@paginate(CappedLimitOffsetPagination)
def list_sales_points(request: HttpRequest, filters: Query[SalesPointQuery]):
    return selectors.sales_point_list(user=request.user, filters=_filters(filters)).prefetch_related(
        "products"
    )


@router.get("/sales-points/{point_id}", response=SalesPointOut, summary="Một điểm bán")
def get_sales_point(request: HttpRequest, point_id: int):
    return selectors.sales_point_get_for_user(user=request.user, pk=point_id)


@router.post("/sales-points", response={201: SalesPointOut}, summary="Ghi nhận điểm bán")
def create_sales_point(request: HttpRequest, payload: SalesPointIn):
    data = _located_data(payload.dict())
    products = _products(request, data.pop("product_ids"))
    point = services.sales_point_create(actor=request.user, products=products, **data)
    return Status(201, selectors.sales_point_get_for_user(user=request.user, pk=point.pk))


@router.patch("/sales-points/{point_id}", response=SalesPointOut, summary="Sửa điểm bán, sản phẩm đang bán")
def update_sales_point(request: HttpRequest, point_id: int, payload: SalesPointPatch):
    point = selectors.sales_point_get_for_user(user=request.user, pk=point_id)
    data, reason = _patch(payload)
    products = _products(request, data.pop("product_ids", None))
    services.sales_point_update(
        actor=request.user, sales_point=point, products=products, reason=reason, **_located_data(data)
    )
    return selectors.sales_point_get_for_user(user=request.user, pk=point_id)


@router.post("/sales-points/{point_id}/close", response=SalesPointOut, summary="Đóng cửa điểm bán")
def close_sales_point(request: HttpRequest, point_id: int, payload: CloseIn):
    point = selectors.sales_point_get_for_user(user=request.user, pk=point_id)
    services.sales_point_close(
        actor=request.user, sales_point=point, closed_on=payload.on, reason=payload.reason
    )
    return selectors.sales_point_get_for_user(user=request.user, pk=point_id)


# -- listings ----------------------------------------------------------------------------------


@router.get("/listings", response=list[ListingOut], summary="Gian hàng thương mại điện tử trong phạm vi")
@paginate(CappedLimitOffsetPagination)
def list_listings(request: HttpRequest, filters: Query[ListingQuery]):
    return selectors.listing_list(user=request.user, filters=_filters(filters))


@router.get("/listings/{listing_id}", response=ListingOut, summary="Một gian hàng")
def get_listing(request: HttpRequest, listing_id: int):
    return selectors.listing_get_for_user(user=request.user, pk=listing_id)


@router.post("/listings", response={201: ListingOut}, summary="Ghi nhận gian hàng")
def create_listing(request: HttpRequest, payload: ListingIn):
    data = payload.dict()
    product = _product(request, data.pop("product_id"))
    listing = services.listing_create(actor=request.user, product=product, **data)
    return Status(201, selectors.listing_get_for_user(user=request.user, pk=listing.pk))


@router.patch("/listings/{listing_id}", response=ListingOut, summary="Sửa gian hàng")
def update_listing(request: HttpRequest, listing_id: int, payload: ListingPatch):
    listing = selectors.listing_get_for_user(user=request.user, pk=listing_id)
    data, reason = _patch(payload)
    services.listing_update(actor=request.user, listing=listing, reason=reason, **data)
    return selectors.listing_get_for_user(user=request.user, pk=listing_id)


@router.post("/listings/{listing_id}/end", response=ListingOut, summary="Ngừng bán trên sàn")
def end_listing(request: HttpRequest, listing_id: int, payload: CloseIn):
    listing = selectors.listing_get_for_user(user=request.user, pk=listing_id)
    services.listing_end(actor=request.user, listing=listing, listed_until=payload.on, reason=payload.reason)
    return selectors.listing_get_for_user(user=request.user, pk=listing_id)


# -- revenue -----------------------------------------------------------------------------------


@router.get("/revenue-reports", response=list[RevenueOut], summary="Báo cáo doanh thu trong phạm vi")
@paginate(CappedLimitOffsetPagination)
def list_revenue(request: HttpRequest, filters: Query[RevenueQuery]):
    return selectors.revenue_list(user=request.user, filters=_filters(filters))


@router.get("/revenue-reports/{report_id}", response=RevenueOut, summary="Một báo cáo doanh thu")
def get_revenue(request: HttpRequest, report_id: int):
    return selectors.revenue_report_get_for_user(user=request.user, pk=report_id)


@router.post(
    "/revenue-reports",
    response=RevenueOut,
    summary="Báo cáo doanh thu một năm (ghi mới hoặc sửa theo chủ thể, sản phẩm, năm)",
)
def save_revenue(request: HttpRequest, payload: RevenueIn):
    data = {k: v for k, v in payload.dict().items() if v is not None}
    producer = _producer(request, data.pop("producer_id"))
    product = _product(request, data.pop("product_id", None))
    report = services.revenue_report_save(actor=request.user, producer=producer, product=product, **data)
    return selectors.revenue_report_get_for_user(user=request.user, pk=report.pk)


# -- supports ----------------------------------------------------------------------------------


@router.get("/supports", response=list[SupportOut], summary="Hỗ trợ chủ thể trong phạm vi")
@paginate(CappedLimitOffsetPagination)
def list_supports(request: HttpRequest, filters: Query[SupportQuery]):
    return selectors.support_list(user=request.user, filters=_filters(filters))


@router.get("/supports/{support_id}", response=SupportOut, summary="Một lượt hỗ trợ")
def get_support(request: HttpRequest, support_id: int):
    return selectors.support_get_for_user(user=request.user, pk=support_id)


@router.post("/supports", response={201: SupportOut}, summary="Ghi nhận hỗ trợ")
def create_support(request: HttpRequest, payload: SupportIn):
    data = payload.dict()
    producer = _producer(request, data.pop("producer_id"))
    data["product"] = _product(request, data.pop("product_id"))
    support = services.support_create(actor=request.user, producer=producer, **data)
    return Status(201, selectors.support_get_for_user(user=request.user, pk=support.pk))


@router.patch("/supports/{support_id}", response=SupportOut, summary="Sửa hỗ trợ")
def update_support(request: HttpRequest, support_id: int, payload: SupportPatch):
    support = selectors.support_get_for_user(user=request.user, pk=support_id)
    data, reason = _patch(payload)
    if "product_id" in data:
        data["product"] = _product(request, data.pop("product_id"))
    services.support_update(actor=request.user, support=support, reason=reason, **data)
    return selectors.support_get_for_user(user=request.user, pk=support_id)


# -- budgets -----------------------------------------------------------------------------------


@router.get("/budgets", response=list[BudgetOut], summary="Kinh phí thực hiện trong phạm vi")
@paginate(CappedLimitOffsetPagination)
def list_budgets(request: HttpRequest, filters: Query[BudgetQuery]):
    return selectors.budget_list(user=request.user, filters=_filters(filters))


@router.get("/budgets/{budget_id}", response=BudgetOut, summary="Một dòng kinh phí")
def get_budget(request: HttpRequest, budget_id: int):
    return selectors.budget_get_for_user(user=request.user, pk=budget_id)


@router.post(
    "/budgets", response=BudgetOut, summary="Ghi nhận kinh phí (ghi mới hoặc sửa theo địa bàn, năm, nguồn)"
)
def save_budget(request: HttpRequest, payload: BudgetIn):
    data = payload.dict()
    unit = _unit(data.pop("unit_id"))
    budget = services.budget_save(actor=request.user, unit=unit, **data)
    return selectors.budget_get_for_user(user=request.user, pk=budget.pk)
