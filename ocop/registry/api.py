"""REST API of producers and products: scoped reads and service-backed writes."""

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from ocop.core.exceptions import ApplicationError
from ocop.core.pagination import CappedLimitOffsetPagination
from ocop.registry import selectors, services
from ocop.registry.models import ProducerKind, ProductSet
from ocop.registry.schemas import ProducerIn, ProducerOut, ProducerPatch, ProductIn, ProductOut, ProductPatch

router = Router(tags=["registry"])


class ProducerQuery(Schema):
    q: str | None = None
    kind: ProducerKind | None = None
    unit_id: int | None = None
    women_led: bool | None = None
    ethnic_minority_led: bool | None = None
    green_value_chain: bool | None = None


class ProductQuery(Schema):
    q: str | None = None
    product_set: int | None = None
    unit_id: int | None = None
    producer_id: int | None = None


def _commune(commune_id: int):
    from ocop.geo.models import AdminUnit

    commune = AdminUnit.objects.filter(pk=commune_id).first()
    if commune is None:
        raise ApplicationError(f"Không có đơn vị hành chính mã nội bộ {commune_id}.", field="commune_id")
    return commune


def _product_set(number: int) -> ProductSet:
    product_set = selectors.product_sets().filter(number=number).first()
    if product_set is None:
        raise ApplicationError(f"Không có bộ sản phẩm số {number}.", field="product_set")
    return product_set


@router.get("/producers", response=list[ProducerOut], summary="Danh sách chủ thể trong phạm vi")
@paginate(CappedLimitOffsetPagination)
def list_producers(request: HttpRequest, filters: Query[ProducerQuery]):
    return selectors.producer_list(user=request.user, filters=selectors.ProducerFilters(**filters.dict()))


@router.get("/producers/{producer_id}", response=ProducerOut, summary="Một chủ thể")
def get_producer(request: HttpRequest, producer_id: int):
    return selectors.producer_get_for_user(user=request.user, pk=producer_id)


@router.post("/producers", response={201: ProducerOut}, summary="Đăng ký chủ thể")
def create_producer(request: HttpRequest, payload: ProducerIn):
    data = payload.dict()
    data["commune"] = _commune(data.pop("commune_id"))
    return Status(201, services.producer_create(actor=request.user, **data))


@router.patch("/producers/{producer_id}", response=ProducerOut, summary="Sửa chủ thể")
def update_producer(request: HttpRequest, producer_id: int, payload: ProducerPatch):
    producer = selectors.producer_get_for_user(user=request.user, pk=producer_id)
    data = payload.dict(exclude_unset=True)
    reason = data.pop("reason", "") or ""
    if "commune_id" in data:
        data["commune"] = _commune(data.pop("commune_id"))
    producer = services.producer_update(actor=request.user, producer=producer, reason=reason, **data)
    return selectors.producer_get_for_user(user=request.user, pk=producer.pk)


@router.get("/products", response=list[ProductOut], summary="Danh sách sản phẩm trong phạm vi")
@paginate(CappedLimitOffsetPagination)
def list_products(request: HttpRequest, filters: Query[ProductQuery]):
    return selectors.product_list(user=request.user, filters=selectors.ProductFilters(**filters.dict()))


@router.get("/products/{product_id}", response=ProductOut, summary="Một sản phẩm")
def get_product(request: HttpRequest, product_id: int):
    return selectors.product_get_for_user(user=request.user, pk=product_id)


@router.post("/products", response={201: ProductOut}, summary="Đăng ký sản phẩm")
def create_product(request: HttpRequest, payload: ProductIn):
    data = payload.dict()
    producer = selectors.producer_get_for_user(user=request.user, pk=data.pop("producer_id"))
    data["product_set"] = _product_set(data["product_set"])
    product = services.product_create(actor=request.user, producer=producer, **data)
    return Status(201, selectors.product_get_for_user(user=request.user, pk=product.pk))


@router.patch("/products/{product_id}", response=ProductOut, summary="Sửa sản phẩm")
def update_product(request: HttpRequest, product_id: int, payload: ProductPatch):
    product = selectors.product_get_for_user(user=request.user, pk=product_id)
    data = payload.dict(exclude_unset=True)
    reason = data.pop("reason", "") or ""
    if "product_set" in data:
        data["product_set"] = _product_set(data["product_set"])
    services.product_update(actor=request.user, product=product, reason=reason, **data)
    return selectors.product_get_for_user(user=request.user, pk=product.pk)
