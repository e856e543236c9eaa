"""Input and output shapes of the registry API (no model leaves the API without one)."""

import datetime as dt

from ninja import Field, Schema

from ocop.registry.models import Gender, ProducerKind


class UnitRef(Schema):
    id: int
    code: str
    name: str


class ProducerOut(Schema):
    id: int
    name: str
    kind: ProducerKind
    registration_code: str
    tax_code: str
    legal_rep_name: str
    legal_rep_title: str
    legal_rep_gender: Gender
    legal_rep_ethnicity: str
    legal_rep_disabled: bool
    commune: UnitRef
    province: UnitRef | None = Field(None, alias="commune.parent")
    address: str
    phone: str
    email: str
    workforce_total: int
    workforce_local: int
    workforce_trained: int
    green_value_chain: bool
    joined_on: dt.date | None
    url: str = Field(..., alias="get_absolute_url")


class ProducerIn(Schema):
    name: str = Field(..., min_length=1, max_length=255)
    kind: ProducerKind
    registration_code: str = Field(..., min_length=1, max_length=32)
    tax_code: str = Field("", max_length=20)
    legal_rep_name: str = Field(..., min_length=1, max_length=120)
    legal_rep_title: str = Field("", max_length=80)
    legal_rep_gender: Gender
    legal_rep_ethnicity: str = Field("Kinh", max_length=40)
    legal_rep_disabled: bool = False
    commune_id: int
    address: str = Field(..., min_length=1, max_length=255)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)
    workforce_total: int = Field(0, ge=0, le=1_000_000)
    workforce_local: int = Field(0, ge=0, le=1_000_000)
    workforce_trained: int = Field(0, ge=0, le=1_000_000)
    green_value_chain: bool = False
    joined_on: dt.date | None = None


class ProducerPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=255)
    kind: ProducerKind | None = None
    registration_code: str | None = Field(None, min_length=1, max_length=32)
    tax_code: str | None = Field(None, max_length=20)
    legal_rep_name: str | None = Field(None, min_length=1, max_length=120)
    legal_rep_title: str | None = Field(None, max_length=80)
    legal_rep_gender: Gender | None = None
    legal_rep_ethnicity: str | None = Field(None, max_length=40)
    legal_rep_disabled: bool | None = None
    commune_id: int | None = None
    address: str | None = Field(None, min_length=1, max_length=255)
    phone: str | None = Field(None, max_length=20)
    email: str | None = Field(None, max_length=254)
    workforce_total: int | None = Field(None, ge=0, le=1_000_000)
    workforce_local: int | None = Field(None, ge=0, le=1_000_000)
    workforce_trained: int | None = Field(None, ge=0, le=1_000_000)
    green_value_chain: bool | None = None
    joined_on: dt.date | None = None
    reason: str = Field("", max_length=255, description="Lý do thay đổi (ghi vào lịch sử)")


class ProductSetOut(Schema):
    number: int
    name: str
    group: str = Field(..., alias="group.name")
    sector: str = Field(..., alias="group.sector.name")


class ProductOut(Schema):
    id: int
    name: str
    producer_id: int
    producer_name: str = Field(..., alias="producer.name")
    product_set: ProductSetOut
    description: str
    story: str
    ocop_code: str
    gtin: str
    url: str = Field(..., alias="get_absolute_url")


class ProductIn(Schema):
    producer_id: int
    name: str = Field(..., min_length=1, max_length=255)
    product_set: int = Field(
        ..., ge=1, le=26, description="Số thứ tự bộ sản phẩm (1–26, QĐ 26/2026 Phụ lục I)"
    )
    description: str = ""
    story: str = ""
    ocop_code: str = Field("", max_length=40)
    gtin: str = Field("", max_length=14)


class ProductPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=255)
    product_set: int | None = Field(None, ge=1, le=26)
    description: str | None = None
    story: str | None = None
    ocop_code: str | None = Field(None, max_length=40)
    gtin: str | None = Field(None, max_length=14)
    reason: str = Field("", max_length=255)
