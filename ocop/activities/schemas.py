"""Input and output shapes of the activities API (no model leaves the API without one)."""

import datetime as dt

from ninja import Field, Schema

from ocop.activities.models import (
    AttendeeRole,
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

Money = Field(0, ge=0, le=10**15, description="đồng")


class LocatedUnitRef(Schema):
    id: int
    code: str
    name: str
    path: str


class Ref(Schema):
    id: int
    name: str


class Located(Schema):
    unit: LocatedUnitRef
    path_2025: str = Field(..., description="Nơi bản ghi được tính trên bản đồ hiện hành")
    path_pre2025: str = Field(..., description="Nơi bản ghi được tính trên bản đồ trước 01/07/2025")


# -- training ----------------------------------------------------------------------------------


class TrainingOut(Located):
    id: int
    title: str
    audience: Audience
    level: OrganiserLevel
    starts_on: dt.date
    ends_on: dt.date
    classes: int
    participants: int
    organiser: str
    cost: int
    note: str


class AttendanceOut(Schema):
    id: int
    course_id: int
    person_name: str
    role: AttendeeRole
    producer: Ref | None = None
    gender: str


class TrainingDetailOut(TrainingOut):
    attendances: list[AttendanceOut]


class TrainingIn(Schema):
    unit_id: int
    title: str = Field(..., min_length=1, max_length=255)
    audience: Audience
    level: OrganiserLevel
    starts_on: dt.date
    ends_on: dt.date
    classes: int = Field(1, ge=1, le=10_000)
    participants: int = Field(0, ge=0, le=10_000_000)
    organiser: str = Field("", max_length=255)
    cost: int = Money
    note: str = ""


class TrainingPatch(Schema):
    unit_id: int | None = None
    title: str | None = Field(None, min_length=1, max_length=255)
    audience: Audience | None = None
    level: OrganiserLevel | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    classes: int | None = Field(None, ge=1, le=10_000)
    participants: int | None = Field(None, ge=0, le=10_000_000)
    organiser: str | None = Field(None, max_length=255)
    cost: int | None = Field(None, ge=0, le=10**15)
    note: str | None = None
    reason: str = Field("", max_length=255, description="Lý do thay đổi (ghi vào lịch sử)")


class AttendanceIn(Schema):
    person_name: str = Field(..., min_length=1, max_length=120)
    role: AttendeeRole
    producer_id: int | None = None
    gender: str = Field("", max_length=8)


# -- events ------------------------------------------------------------------------------------


class ParticipationOut(Schema):
    id: int
    event_id: int
    producer: Ref
    product_ids: list[int]
    sales: int
    contracts: int
    contracts_value: int

    @staticmethod
    def resolve_product_ids(obj) -> list[int]:
        return [p.pk for p in obj.products.all()]


class EventOut(Located):
    id: int
    name: str
    kind: EventKind
    scope: EventScope
    venue: str
    starts_on: dt.date
    ends_on: dt.date
    note: str


class EventDetailOut(EventOut):
    participations: list[ParticipationOut]


class EventIn(Schema):
    unit_id: int
    name: str = Field(..., min_length=1, max_length=255)
    kind: EventKind
    scope: EventScope
    venue: str = Field("", max_length=255)
    starts_on: dt.date
    ends_on: dt.date
    note: str = ""


class EventPatch(Schema):
    unit_id: int | None = None
    name: str | None = Field(None, min_length=1, max_length=255)
    kind: EventKind | None = None
    scope: EventScope | None = None
    venue: str | None = Field(None, max_length=255)
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    note: str | None = None
    reason: str = Field("", max_length=255)


class ParticipationIn(Schema):
    producer_id: int
    product_ids: list[int] = []
    sales: int = Money
    contracts: int = Field(0, ge=0, le=1_000_000)
    contracts_value: int = Money


# -- media -------------------------------------------------------------------------------------


class MediaOut(Located):
    id: int
    kind: MediaKind
    title: str
    channel: str
    published_on: dt.date
    url: str


class MediaIn(Schema):
    unit_id: int
    kind: MediaKind
    title: str = Field(..., min_length=1, max_length=255)
    channel: str = Field(..., min_length=1, max_length=255)
    published_on: dt.date
    url: str = Field("", max_length=500)


class MediaPatch(Schema):
    unit_id: int | None = None
    kind: MediaKind | None = None
    title: str | None = Field(None, min_length=1, max_length=255)
    channel: str | None = Field(None, min_length=1, max_length=255)
    published_on: dt.date | None = None
    url: str | None = Field(None, max_length=500)
    reason: str = Field("", max_length=255)


# -- sales points ------------------------------------------------------------------------------


class SalesPointOut(Located):
    id: int
    name: str
    kind: SalesPointKind
    operator: str
    address: str
    latitude: float | None
    longitude: float | None
    opened_on: dt.date
    closed_on: dt.date | None
    product_ids: list[int]

    @staticmethod
    def resolve_product_ids(obj) -> list[int]:
        return [p.pk for p in obj.products.all()]


class SalesPointIn(Schema):
    unit_id: int = Field(..., description="Xã, phường hoặc đặc khu")
    name: str = Field(..., min_length=1, max_length=255)
    kind: SalesPointKind = SalesPointKind.DISPLAY
    operator: str = Field("", max_length=255)
    address: str = Field(..., min_length=1, max_length=255)
    latitude: float | None = None
    longitude: float | None = None
    opened_on: dt.date
    product_ids: list[int] = []


class SalesPointPatch(Schema):
    unit_id: int | None = None
    name: str | None = Field(None, min_length=1, max_length=255)
    kind: SalesPointKind | None = None
    operator: str | None = Field(None, max_length=255)
    address: str | None = Field(None, min_length=1, max_length=255)
    latitude: float | None = None
    longitude: float | None = None
    opened_on: dt.date | None = None
    product_ids: list[int] | None = None
    reason: str = Field("", max_length=255)


class CloseIn(Schema):
    on: dt.date = Field(..., description="Từ ngày (không còn hoạt động từ ngày này)")
    reason: str = Field("", max_length=255)


# -- listings ----------------------------------------------------------------------------------


class ListingOut(Schema):
    id: int
    product: Ref
    producer: Ref = Field(..., alias="product.producer")
    platform: Platform
    url: str
    listed_from: dt.date
    listed_until: dt.date | None


class ListingIn(Schema):
    product_id: int
    platform: Platform
    url: str = Field(..., min_length=1, max_length=500)
    listed_from: dt.date
    listed_until: dt.date | None = None


class ListingPatch(Schema):
    platform: Platform | None = None
    url: str | None = Field(None, min_length=1, max_length=500)
    listed_from: dt.date | None = None
    listed_until: dt.date | None = None
    reason: str = Field("", max_length=255)


# -- revenue -----------------------------------------------------------------------------------


class RevenueOut(Schema):
    id: int
    producer: Ref
    product: Ref | None = None
    year: int
    direct: int
    distributors: int
    modern_retail: int
    ecommerce: int
    export: int
    other: int
    total: int


class RevenueIn(Schema):
    producer_id: int
    product_id: int | None = None
    year: int = Field(..., ge=2018, le=2100)
    direct: int | None = Field(None, ge=0, le=10**15)
    distributors: int | None = Field(None, ge=0, le=10**15)
    modern_retail: int | None = Field(None, ge=0, le=10**15)
    ecommerce: int | None = Field(None, ge=0, le=10**15)
    export: int | None = Field(None, ge=0, le=10**15)
    other: int | None = Field(None, ge=0, le=10**15)
    reason: str = Field("", max_length=255)


# -- supports ----------------------------------------------------------------------------------


class SupportOut(Schema):
    id: int
    producer: Ref
    product: Ref | None = None
    kind: SupportKind
    amount: int
    source: FundingSource
    given_on: dt.date
    note: str


class SupportIn(Schema):
    producer_id: int
    product_id: int | None = None
    kind: SupportKind
    amount: int = Money
    source: FundingSource
    given_on: dt.date
    note: str = ""


class SupportPatch(Schema):
    product_id: int | None = None
    kind: SupportKind | None = None
    amount: int | None = Field(None, ge=0, le=10**15)
    source: FundingSource | None = None
    given_on: dt.date | None = None
    note: str | None = None
    reason: str = Field("", max_length=255)


# -- budgets -----------------------------------------------------------------------------------


class BudgetOut(Located):
    id: int
    year: int
    source: FundingSource
    planned: int
    mobilised: int
    note: str


class BudgetIn(Schema):
    unit_id: int
    year: int = Field(..., ge=2018, le=2100)
    source: FundingSource
    planned: int | None = Field(None, ge=0, le=10**15)
    mobilised: int | None = Field(None, ge=0, le=10**15)
    note: str | None = Field(None, max_length=255)
    reason: str = Field("", max_length=255)
