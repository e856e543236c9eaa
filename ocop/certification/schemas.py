"""Input and output shapes of the certification API (no model leaves the API without one)."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from ocop.certification.domain import CertificateStatus, RevocationGround
from ocop.certification.models import InspectionKind, InspectionOutcome


class UnitRef(Schema):
    id: int
    code: str
    name: str


class StatusOut(Schema):
    code: CertificateStatus
    label: str = Field(..., description="Trạng thái bằng tiếng Việt")
    label_en: str
    days_left: int = Field(..., description="Số ngày đến ngày hết hiệu lực (âm khi đã hết hạn)")


class DecisionRef(Schema):
    id: int
    number: str
    signed_on: dt.date
    authority: str


class RevocationOut(Schema):
    ground: RevocationGround
    point: str = Field(..., description="Điểm của khoản 1 Điều 8: a, b, c, d, đ, e")
    ground_label: str
    concluded_on: dt.date
    decision_number: str
    decided_on: dt.date
    reason: str
    late: bool = Field(..., description="Quyết định sau hạn 15 ngày của khoản 4 Điều 8")


class CertificateOut(Schema):
    id: int
    number: str
    star: int
    score: Decimal | None
    issued_on: dt.date
    valid_until: dt.date
    status: StatusOut
    product_id: int
    product_name: str
    producer_id: int
    producer_name: str
    commune: UnitRef
    decision: DecisionRef
    dossier_id: int | None
    superseded_by_id: int | None
    superseded_on: dt.date | None
    revocation: RevocationOut | None
    url: str
    verify_url: str


class DecisionIn(Schema):
    dossier_ids: list[int] = Field(..., min_length=1, max_length=500)
    number: str = Field(..., min_length=1, max_length=60)
    signed_on: dt.date
    signer: str = Field("", max_length=120)
    title: str = Field("", max_length=500)


class DecisionOut(Schema):
    id: int
    number: str
    signed_on: dt.date
    authority: str
    unit: UnitRef | None
    signer: str
    title: str
    certificates: list[CertificateOut]


class RevocationIn(Schema):
    ground: RevocationGround
    concluded_on: dt.date
    decision_number: str = Field(..., min_length=1, max_length=60)
    decided_on: dt.date
    reason: str = Field(..., min_length=1, max_length=5000)


class InspectionIn(Schema):
    kind: InspectionKind
    inspected_on: dt.date
    inspectors: str = Field(..., min_length=1, max_length=255)
    findings: str = Field(..., min_length=1, max_length=10000)
    mark_use_ok: bool = True
    outcome: InspectionOutcome


class InspectionOut(Schema):
    id: int
    certificate_id: int
    kind: InspectionKind
    inspected_on: dt.date
    inspectors: str
    findings: str
    mark_use_ok: bool
    outcome: InspectionOutcome


class RenewalIn(Schema):
    kind: Literal["reevaluation", "upgrade"]


class DossierRef(Schema):
    id: int
    kind: str
    status: str
    product_id: int
    previous_certificate_number: str


class PublicVerificationOut(Schema):
    """Public facts of a certificate: nothing private (no phone, e-mail, codes or people)."""

    number: str
    product_name: str
    producer_name: str
    commune: str
    province: str
    star: int
    issued_on: dt.date
    valid_until: dt.date
    decision_number: str
    decision_signed_on: dt.date
    status: StatusOut
    revoked_on: dt.date | None = None
    revocation_ground: RevocationGround | None = None
    revocation_ground_label: str = ""
    superseded_on: dt.date | None = None
    superseded_by_number: str = ""
    superseded_by_verify_url: str = ""
