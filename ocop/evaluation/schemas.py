"""Input and output shapes of the dossier and round API (scoring has its own ``scoring_schemas``)."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from ocop.evaluation.models import DossierKind, DossierStatus, RoundLevel


class UnitRef(Schema):
    id: int
    code: str
    name: str


class NamedRef(Schema):
    id: int
    name: str


class RoundOut(Schema):
    id: int
    level: RoundLevel
    unit: UnitRef | None
    year: int
    number: int
    name: str
    proposal_deadline: dt.date
    conclusion_deadline: dt.date
    is_open: bool


class RoundListOut(RoundOut):
    dossier_count: int = Field(0, description="Số hồ sơ của đợt")
    open_count: int = Field(0, description="Số hồ sơ chưa kết thúc")
    overdue_count: int = Field(0, description="Số hồ sơ chưa kết thúc khi đã qua hạn hoàn thành")


class RoundIn(Schema):
    level: RoundLevel
    unit_id: int | None = Field(None, description="Tỉnh/thành phố (để trống với đợt cấp trung ương)")
    year: int = Field(..., ge=2018, le=2100)
    number: int = Field(..., ge=1, le=20)
    name: str | None = Field(None, max_length=200)
    proposal_deadline: dt.date | None = Field(None, description="Để trống: theo QĐ 26/2026 Điều 5 (đợt 1, 2)")
    conclusion_deadline: dt.date | None = None


class RubricRef(Schema):
    id: int
    regime: str
    product_set_number: int
    version: int


class DossierOut(Schema):
    id: int
    registration_number: str
    kind: DossierKind
    status: DossierStatus
    status_label: str = Field(..., alias="get_status_display")
    product: NamedRef
    producer: NamedRef
    commune: UnitRef
    product_set_number: int
    round_id: int | None
    council_id: int | None
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    commune_due_on: dt.date | None
    url: str = Field(..., alias="get_absolute_url")


class Application(Schema):
    """Mẫu 01 — the registration form's fields."""

    representative: str = ""
    title: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    product_name: str = ""
    notes: str = ""


class ApplicationPatch(Schema):
    representative: str | None = Field(None, max_length=120)
    title: str | None = Field(None, max_length=80)
    address: str | None = Field(None, max_length=255)
    phone: str | None = Field(None, max_length=20)
    email: str | None = Field(None, max_length=254)
    product_name: str | None = Field(None, max_length=255)
    notes: str | None = Field(None, max_length=5000)


class CommuneAssessment(Schema):
    """Mẫu 03 — the commune's assessment."""

    local_materials: str | None = Field(None, description="Nguồn gốc sản phẩm, nguyên liệu tại địa phương")
    local_labour: str | None = Field(None, description="Sử dụng lao động địa phương")
    idea_origin: str | None = Field(None, description="Nguồn gốc ý tưởng sản phẩm")
    local_identity: str | None = Field(None, description="Bản sắc, trí tuệ địa phương")
    conclusion: str | None = Field(None, description="Kết luận và đề xuất của UBND cấp xã")


class SelfScoreOut(Schema):
    criterion_code: str
    option_index: int
    points: Decimal
    note: str


class SelfScoreIn(Schema):
    option_index: int = Field(..., ge=0, le=50, description="Số thứ tự phương án (từ 0) trong phiếu đánh giá")
    note: str = Field("", max_length=5000)


class TransitionOut(Schema):
    from_status: DossierStatus
    to_status: DossierStatus
    actor: str | None
    at: dt.datetime
    reason: str

    @staticmethod
    def resolve_actor(obj) -> str | None:
        if obj.actor is None:
            return None
        return obj.actor.get_full_name() or obj.actor.username


class EvidenceOut(Schema):
    id: int
    criterion_code: str
    title: str
    created_at: dt.datetime


class StepOut(Schema):
    to_status: DossierStatus
    label: str
    needs_reason: bool


class DossierDetailOut(DossierOut):
    application: Application
    story_exists: bool
    samples_count: int
    rubric: RubricRef | None
    previous_certificate_number: str
    previous_star: int | None
    previous_valid_until: dt.date | None
    commune_received_on: dt.date | None
    province_received_on: dt.date | None
    commune_assessment: CommuneAssessment
    advisory_report: str
    field_visit_notes: str
    extra_tests: str
    return_reason: str
    disqualification_reason: str
    self_scores: list[SelfScoreOut]
    self_score_total: Decimal
    evidence: list[EvidenceOut]
    transitions: list[TransitionOut]
    next_steps: list[StepOut] = Field(
        default_factory=list, description="Các bước người dùng được thực hiện tiếp"
    )


class DossierIn(Schema):
    product_id: int
    application: ApplicationPatch | None = Field(
        None, description="Mẫu 01; mặc định lấy từ thông tin chủ thể"
    )
    story_exists: bool | None = Field(None, description="Mặc định: sản phẩm đã có câu chuyện trong danh mục")
    samples_count: int = Field(5, ge=0, le=50)


class DossierPatch(Schema):
    application: ApplicationPatch | None = None
    story_exists: bool | None = None
    samples_count: int | None = Field(None, ge=0, le=50)


class TransitionIn(Schema):
    to_status: DossierStatus
    reason: str = Field("", max_length=5000)
    round_id: int | None = Field(
        None, description="Khi tỉnh tiếp nhận (advisory_review): đợt đang mở của tỉnh"
    )
    council_id: int | None = Field(None, description="Khi chuyển hội đồng (council): hội đồng của đợt")
    commune_assessment: CommuneAssessment | None = Field(
        None, description="Khi xã gửi tỉnh (province_intake)"
    )
    disqualification_conditions: list[int] = Field(
        default_factory=list, description="Khi loại hồ sơ: số thứ tự (từ 0) các điều kiện “Hồ sơ bị loại khi”"
    )
