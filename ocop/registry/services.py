"""Writes to the registry: one function per use case, one transaction, audit with who and why.

Every function takes the acting user, checks the permission, normalises Vietnamese text to NFC,
validates the whole record (``full_clean``) and saves it with a history entry naming the actor
and the reason. It raises ``ApplicationError`` with a Vietnamese message and the offending field.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.core.text import fold, normalize
from ocop.geo.selectors import predecessors_of, principal_predecessor_ids
from ocop.registry.domain import workforce_problems
from ocop.registry.models import Producer, Product, ProductPhoto
from ocop.registry.permissions import (
    can_change_producer,
    can_change_product,
    can_create_producer_in,
    can_create_product_for,
    can_view_producer,
)

PRODUCER_FIELDS = (
    "name",
    "kind",
    "registration_code",
    "tax_code",
    "legal_rep_name",
    "legal_rep_title",
    "legal_rep_gender",
    "legal_rep_ethnicity",
    "legal_rep_disabled",
    "commune",
    "legacy_commune",
    "address",
    "phone",
    "email",
    "workforce_total",
    "workforce_local",
    "workforce_trained",
    "green_value_chain",
    "joined_on",
)
PRODUCT_FIELDS = ("name", "product_set", "description", "story", "ocop_code", "gtin")
_TEXT_FIELDS = {
    "name",
    "registration_code",
    "tax_code",
    "legal_rep_name",
    "legal_rep_title",
    "legal_rep_ethnicity",
    "address",
    "phone",
    "email",
    "description",
    "story",
    "ocop_code",
    "gtin",
}
_MULTILINE = {"description", "story"}


def _clean_text(field: str, value: Any) -> Any:
    if field not in _TEXT_FIELDS or value is None:
        return value
    if field in _MULTILINE:
        import unicodedata

        return unicodedata.normalize("NFC", str(value)).strip()
    if field in {"registration_code", "tax_code", "gtin"}:
        return normalize(value).replace(" ", "").upper()
    return normalize(value)


def _assign(instance: Any, fields: tuple[str, ...], data: dict[str, Any]) -> list[str]:
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ApplicationError(f"Trường không được phép sửa: {', '.join(unknown)}.", field=unknown[0])
    changed = []
    for field, value in data.items():
        value = _clean_text(field, value)
        if _current(instance, field) != value:
            setattr(instance, field, value)
            changed.append(field)
    return changed


def _current(instance: Any, field: str) -> Any:
    try:
        return getattr(instance, field)
    except ObjectDoesNotExist:  # an unset foreign key
        return None


def _raise_validation(exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    field, messages = next(iter(errors.items()))
    raise ApplicationError(
        " ".join(str(m) for m in messages),
        field=None if field == "__all__" else field,
        extra={"errors": errors},
    ) from exc


def _check_producer(producer: Producer) -> None:
    problems = workforce_problems(
        total=producer.workforce_total or 0,
        local=producer.workforce_local or 0,
        trained=producer.workforce_trained or 0,
    )
    if problems:
        field, message = next(iter(problems.items()))
        raise ApplicationError(message, field=field, extra={"errors": problems})
    if producer.commune_id and producer.commune.level != 3:
        raise ApplicationError("Chủ thể phải thuộc một đơn vị cấp xã.", field="commune")
    if producer.commune_id and not producer.commune.is_valid_on(timezone.localdate()):
        raise ApplicationError(
            "Xã/phường đã chọn không còn hiệu lực; hãy chọn đơn vị hành chính hiện hành.", field="commune"
        )
    duplicate = (
        Producer.objects.filter(registration_code=producer.registration_code).exclude(pk=producer.pk).first()
    )
    if duplicate:
        raise ApplicationError(
            f"Mã số đăng ký kinh doanh {producer.registration_code} đã được dùng cho chủ thể "
            f"“{duplicate.name}”. Hãy kiểm tra lại mã số, hoặc mở hồ sơ chủ thể đã có.",
            field="registration_code",
        )


def _place_on_old_map(producer: Producer, *, explicit: bool) -> None:
    """Set the pre-2025 commune the producer counts in: the one chosen, checked, or the principal one."""
    if not producer.commune_id:
        return
    predecessors = {unit.pk: unit for unit in predecessors_of(unit=producer.commune) if unit.level >= 2}
    if explicit and producer.legacy_commune_id:
        if producer.legacy_commune_id not in predecessors:
            names = ", ".join(unit.name for unit in predecessors.values()) or "—"
            raise ApplicationError(
                f"Xã/phường trước 01/07/2025 phải là một đơn vị đã hợp thành {producer.commune.name} "
                f"({names}).",
                field="legacy_commune",
            )
        return
    principal = principal_predecessor_ids([producer.commune_id]).get(producer.commune_id)
    producer.legacy_commune_id = principal


def _save(instance: Any, *, actor, reason: str) -> None:
    try:
        instance.full_clean(validate_unique=False)
    except ValidationError as exc:
        _raise_validation(exc)
    instance._history_user = actor
    instance._change_reason = reason[:100]  # the history column holds 100 characters
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise ApplicationError("Bản ghi trùng với một bản ghi đã có; hãy kiểm tra lại.") from exc


@transaction.atomic
def producer_create(*, actor, reason: str = "Đăng ký chủ thể", **data: Any) -> Producer:
    """Register a producer in a commune of the actor's scope."""
    producer = Producer(created_by=actor)
    _assign(producer, PRODUCER_FIELDS, data)
    if producer.commune_id is None:
        raise ApplicationError("Hãy chọn xã/phường nơi chủ thể hoạt động.", field="commune")
    if not can_create_producer_in(actor, producer.commune):
        raise PermissionDeniedError("Bạn không có quyền đăng ký chủ thể tại địa bàn này.", field="commune")
    _check_producer(producer)
    _place_on_old_map(producer, explicit=data.get("legacy_commune") is not None)
    _save(producer, actor=actor, reason=reason)
    return producer


@transaction.atomic
def producer_update(
    *, actor, producer: Producer, reason: str = "Cập nhật thông tin", **data: Any
) -> Producer:
    """Change a producer's details; moving it to another commune requires scope over both."""
    if not can_view_producer(actor, producer):
        raise NotFoundError("Không tìm thấy chủ thể.")
    if not can_change_producer(actor, producer):
        raise PermissionDeniedError("Bạn không có quyền sửa chủ thể này.")
    producer = Producer.objects.select_for_update().get(pk=producer.pk)
    changed = _assign(producer, PRODUCER_FIELDS, data)
    if not changed:
        return producer
    if "commune" in changed and not can_create_producer_in(actor, producer.commune):
        raise PermissionDeniedError("Bạn không có quyền chuyển chủ thể sang địa bàn này.", field="commune")
    _check_producer(producer)
    if "commune" in changed or "legacy_commune" in changed:
        _place_on_old_map(producer, explicit=data.get("legacy_commune") is not None)
    _save(producer, actor=actor, reason=normalize(reason) or "Cập nhật thông tin")
    return producer


def _check_product(product: Product) -> None:
    folded = fold(product.name)
    duplicate = (
        Product.objects.filter(producer_id=product.producer_id, name_folded=folded)
        .exclude(pk=product.pk)
        .first()
    )
    if duplicate:
        raise ApplicationError(
            f"Chủ thể “{product.producer.name}” đã có sản phẩm “{duplicate.name}”. "
            "Hãy sửa sản phẩm đã có thay vì tạo bản mới.",
            field="name",
        )


@transaction.atomic
def product_create(*, actor, producer: Producer, reason: str = "Đăng ký sản phẩm", **data: Any) -> Product:
    """Register a product for a producer the actor may change."""
    if not can_view_producer(actor, producer):
        raise NotFoundError("Không tìm thấy chủ thể.")
    if not can_create_product_for(actor, producer):
        raise PermissionDeniedError("Bạn không có quyền đăng ký sản phẩm cho chủ thể này.")
    product = Product(producer=producer, created_by=actor)
    _assign(product, PRODUCT_FIELDS, data)
    _check_product(product)
    _save(product, actor=actor, reason=reason)
    return product


@transaction.atomic
def product_update(*, actor, product: Product, reason: str = "Cập nhật thông tin", **data: Any) -> Product:
    """Change a product's details."""
    if not can_change_product(actor, product):
        raise PermissionDeniedError("Bạn không có quyền sửa sản phẩm này.")
    product = Product.objects.select_for_update().select_related("producer").get(pk=product.pk)
    changed = _assign(product, PRODUCT_FIELDS, data)
    if not changed:
        return product
    _check_product(product)
    _save(product, actor=actor, reason=normalize(reason) or "Cập nhật thông tin")
    return product


@transaction.atomic
def product_photo_add(*, actor, product: Product, image, caption: str = "") -> ProductPhoto:
    """Attach a photo to a product (appended after the existing ones)."""
    if not can_change_product(actor, product):
        raise PermissionDeniedError("Bạn không có quyền sửa sản phẩm này.")
    photo = ProductPhoto(
        product=product, image=image, caption=normalize(caption), position=product.photos.count()
    )
    _save(photo, actor=actor, reason="Thêm ảnh sản phẩm")
    return photo
