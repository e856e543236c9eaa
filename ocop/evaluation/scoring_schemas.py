"""Input and output shapes of the council-scoring API (councils, declarations, score sheets, results)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from ocop.evaluation.models import MemberRole


class MemberOut(Schema):
    id: int
    user_id: int
    name: str
    role: MemberRole
    role_label: str
    organisation: str


class CouncilOut(Schema):
    id: int
    name: str
    round_id: int
    round_name: str
    level: str
    province: str | None
    establishing_decision: str
    spread_threshold: float
    member_count: int
    dossier_count: int


class CouncilDetailOut(CouncilOut):
    members: list[MemberOut]


class CouncilIn(Schema):
    round_id: int
    name: str = Field(..., min_length=1, max_length=255)
    establishing_decision: str = Field("", max_length=120)
    spread_threshold: Decimal | None = Field(None, description="Mặc định theo cấu hình (10 điểm)")


class MemberIn(Schema):
    user_id: int
    role: MemberRole = MemberRole.MEMBER
    organisation: str = Field("", max_length=200)


class DeclarationIn(Schema):
    has_conflict: bool
    note: str = Field("", max_length=2000)


class DeclarationOut(Schema):
    dossier_id: int
    member_id: int
    has_conflict: bool
    note: str
    declared_at: dt.datetime


class SheetIn(Schema):
    choices: dict[str, int | None] = Field(
        default_factory=dict, description="Mã tiêu chí → số thứ tự phương án (từ 0); null để bỏ chọn"
    )
    comments: dict[str, str] = Field(default_factory=dict, description="Mã tiêu chí → nhận xét")
    comment: str | None = Field(None, description="Nhận xét chung; bỏ trống để giữ nguyên")


class LineOut(Schema):
    criterion_code: str
    option_index: int
    option_text: str
    points: float
    comment: str


class SheetOut(Schema):
    id: int
    dossier_id: int
    member_id: int
    member_name: str
    role: MemberRole
    status: str
    total: float | None
    running_total: float
    comment: str
    submitted_at: dt.datetime | None
    reopened_reason: str
    counted: bool = Field(..., description="Được tính vào kết quả (không có xung đột lợi ích)")
    missing: list[str] = Field(..., description="Tiêu chí áp dụng chưa chấm")
    lines: list[LineOut]


class ReopenIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


class ConcludeIn(Schema):
    discussed: bool = Field(False, description="Hội đồng đã thảo luận các điểm lệch")
    note: str = Field("", max_length=4000, description="Nội dung thảo luận / ghi chú kết luận")


class FailedMarkOut(Schema):
    criterion_code: str
    criterion_name: str
    star: int
    marked_text: str
    marked_points: float
    chosen_text: str
    chosen_points: float
    message: str


class MemberProgressOut(Schema):
    member_id: int
    name: str
    role: MemberRole
    declared: bool
    has_conflict: bool
    sheet_status: str | None
    total: float | None = Field(None, description="Chỉ hiện khi người xem được xem điểm")
    flagged: bool = False


class ResultOut(Schema):
    dossier_id: int
    council_id: int
    status: str = Field(..., description="concluded: đã kết luận; pending: chưa kết luận")
    mean_score: float | None
    band_star: int | None
    cap_star: int | None
    final_star: int | None = Field(None, description="0 = không đạt yêu cầu tối thiểu 3 sao")
    certifiable: bool | None
    minimum_marks_applied: bool
    failed_marks: list[FailedMarkOut]
    member_totals: dict[str, float] | None = Field(None, description="Không trả cho chủ thể")
    flagged_members: list[str] | None = None
    note: str | None = Field(None, description="Nội dung thảo luận, ghi chú kết luận")
    concluded_at: dt.datetime | None = None
    concluded_by: str | None = None
    problems: list[str] = Field(default_factory=list, description="Điều còn thiếu để kết luận")
    progress: list[MemberProgressOut] | None = None


class ScoringDossierOut(Schema):
    id: int
    registration_number: str
    product_name: str
    producer_name: str
    council_id: int
    council_name: str
    my_role: MemberRole
    declared: bool
    has_conflict: bool | None
    sheet_status: str | None
    submitted_count: int
    scorer_count: int
