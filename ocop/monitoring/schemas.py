"""Input and output shapes of the monitoring API (no model leaves the API without one)."""

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema

from ocop.monitoring.domain import Status


class MapUnitRef(Schema):
    id: int
    code: str
    name: str
    level: int
    map: str = Field(..., description="Bản đồ: 2025 (hiện hành) hoặc pre2025 (trước 01/07/2025)")


class ParamOut(Schema):
    name: str
    label: str
    default: Any = None
    choices: list[list[Any]] | None = Field(None, description="[[giá trị, nhãn], …] khi tham số có danh sách")


class IndicatorOut(Schema):
    key: str
    label: str
    description: str
    unit_label: str
    kind: Literal["stock", "flow"] = Field(
        ..., description="stock: tại ngày cuối kỳ; flow: phát sinh trong kỳ"
    )
    is_share: bool
    params: list[ParamOut]


class ValueOut(Schema):
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


class ChildValueOut(ValueOut):
    unit: MapUnitRef


class IndicatorValueOut(Schema):
    indicator: str
    unit: MapUnitRef
    start: dt.date
    end: dt.date
    grouping: str
    params: dict[str, Any]
    total: ValueOut
    children: list[ChildValueOut]


class PlanOut(Schema):
    id: int
    number: str
    title: str
    issuing_body: str
    issued_on: dt.date
    period_start: dt.date
    period_end: dt.date
    unit: MapUnitRef
    legal_basis: str
    summary: str
    source: str
    is_reference: bool
    url: str


class TargetOut(Schema):
    id: int
    position: int
    code: str
    title: str
    indicator: str
    params: dict[str, Any]
    comparator: Literal["ge", "le", "eq", "between"]
    value: Decimal
    value_max: Decimal | None
    deadline: dt.date | None
    each_year: bool
    per_child: bool
    note: str


class MilestoneEvidenceOut(Schema):
    id: int
    title: str
    url: str


class MilestoneOut(Schema):
    id: int
    position: int
    title: str
    due_on: dt.date | None
    status: str
    done_on: dt.date | None
    note: str
    evidence: list[MilestoneEvidenceOut]


class PlanDetailOut(PlanOut):
    targets: list[TargetOut]
    milestones: list[MilestoneOut]


class CellOut(Schema):
    unit_id: int
    unit_name: str
    actual: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    forecast: Decimal | None
    share: Decimal | None = Field(..., description="Phần trăm so với chỉ tiêu")
    status: Status
    status_label: str


class PeriodOut(Schema):
    start: dt.date
    end: dt.date
    status: Status
    children_meeting: int | None
    total: CellOut
    children: list[CellOut]


class TargetProgressOut(Schema):
    target: TargetOut
    indicator_label: str
    unit_label: str
    status: Status
    status_label: str
    current: PeriodOut
    periods: list[PeriodOut]


class ProgressOut(Schema):
    plan_id: int
    unit: MapUnitRef
    as_of: dt.date
    grouping: str
    status_counts: dict[str, int]
    targets: list[TargetProgressOut]


class ReportOut(Schema):
    id: int
    plan_id: int
    title: str
    as_of: dt.date
    map: str
    issued_at: dt.datetime
    note: str
    progress: ProgressOut


class PlanIn(Schema):
    number: str
    title: str
    issuing_body: str
    issued_on: dt.date
    period_start: dt.date
    period_end: dt.date
    unit_id: int
    legal_basis: str = ""
    summary: str = ""
    source: str = ""


class TargetIn(Schema):
    title: str
    indicator: str
    comparator: Literal["ge", "le", "eq", "between"]
    value: Decimal
    params: dict[str, Any] = Field(default_factory=dict)
    value_max: Decimal | None = None
    deadline: dt.date | None = None
    each_year: bool = False
    per_child: bool = False
    code: str = ""
    note: str = ""


class MilestoneIn(Schema):
    title: str
    due_on: dt.date | None = None
    note: str = ""


class MilestoneStatusIn(Schema):
    status: Literal["planned", "in_progress", "done", "dropped"]
    done_on: dt.date | None = None
    note: str | None = None


class ReportIn(Schema):
    as_of: dt.date
    grouping: Literal["children", "current"] = "children"
    title: str = ""
    note: str = ""
