"""API of decisions, certificates, revocations, inspections and public verification.

The router is mounted without authentication so that ``GET /verify/{token}`` stays public; every other
operation sets ``auth=API_AUTH`` (token or session) itself.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import register_converter
from django.utils import timezone
from django.views.decorators.cache import never_cache
from ninja import Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import paginate
from ninja.responses import Status

from ocop.accounts.auth import API_AUTH
from ocop.certification import selectors, services, verify_cache
from ocop.certification.domain import CertificateStatus
from ocop.certification.models import Certificate, Decision
from ocop.certification.pdf import verification_url
from ocop.certification.schemas import (
    CertificateOut,
    DecisionIn,
    DecisionOut,
    DossierRef,
    InspectionIn,
    InspectionOut,
    PublicVerificationOut,
    RenewalIn,
    RevocationIn,
    RevocationOut,
)
from ocop.core.exceptions import NotFoundError
from ocop.core.pagination import CappedLimitOffsetPagination

router = Router(tags=["certification"])


class AnyTextConverter:
    """Any text, slashes and line breaks included: every code gets the JSON 404, never Django's page."""

    regex = r"[\s\S]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(AnyTextConverter, "anytext")


class CertificateQuery(Schema):
    status: CertificateStatus | None = None
    star: int | None = None
    province_id: int | None = None
    q: str | None = None
    product_id: int | None = None


def _unit(unit) -> dict | None:
    return {"id": unit.pk, "code": unit.code, "name": unit.name} if unit is not None else None


def _status(status: selectors.StatusInfo) -> dict:
    return {
        "code": status.code,
        "label": status.label,
        "label_en": status.label_en,
        "days_left": status.days_left,
    }


def _revocation(certificate: Certificate) -> dict | None:
    revocation = selectors.revocation_of(certificate)
    if revocation is None:
        return None
    ground = selectors.revocation_ground_of(revocation)
    return {
        "ground": ground,
        "point": ground.point if ground else revocation.ground,
        "ground_label": ground.label if ground else "",
        "concluded_on": revocation.concluded_on,
        "decision_number": revocation.decision_number,
        "decided_on": revocation.decided_on,
        "reason": revocation.reason,
        "late": selectors.revocation_late(revocation),
    }


def _certificate(request: HttpRequest, certificate: Certificate, *, today) -> dict:
    decision = certificate.decision
    return {
        "id": certificate.pk,
        "number": certificate.number,
        "star": certificate.star,
        "score": certificate.score,
        "issued_on": certificate.issued_on,
        "valid_until": certificate.valid_until,
        "status": _status(selectors.certificate_status_of(certificate, today=today)),
        "product_id": certificate.product_id,
        "product_name": certificate.product.name,
        "producer_id": certificate.producer_id,
        "producer_name": certificate.producer.name,
        "commune": _unit(certificate.producer.commune),
        "decision": {
            "id": decision.pk,
            "number": decision.number,
            "signed_on": decision.signed_on,
            "authority": decision.authority,
        },
        "dossier_id": certificate.dossier_id,
        "superseded_by_id": certificate.superseded_by_id,
        "superseded_on": certificate.superseded_on,
        "revocation": _revocation(certificate),
        "url": certificate.get_absolute_url(),
        "verify_url": verification_url(request, certificate),
    }


class _CertificateRows:
    """A lazy page of certificates rendered to dicts (the paginator slices, then we render)."""

    def __init__(self, request: HttpRequest, qs, today) -> None:
        self.request, self.qs, self.today = request, qs, today

    def count(self) -> int:
        return self.qs.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        return [_certificate(self.request, c, today=self.today) for c in self.qs[item]]


@router.get(
    "/certificates",
    response=list[CertificateOut],
    auth=API_AUTH,
    summary="Danh sách giấy chứng nhận trong phạm vi",
)
@paginate(CappedLimitOffsetPagination)
def list_certificates(request: HttpRequest, filters: Query[CertificateQuery]):
    today = timezone.localdate()
    qs = selectors.certificate_list(
        user=request.user, filters=selectors.CertificateFilters(**filters.dict()), today=today
    )
    return _CertificateRows(request, qs, today)


@router.get(
    "/certificates/{certificate_id}", response=CertificateOut, auth=API_AUTH, summary="Một giấy chứng nhận"
)
def get_certificate(request: HttpRequest, certificate_id: int):
    certificate = selectors.certificate_get_for_user(user=request.user, pk=certificate_id)
    return _certificate(request, certificate, today=timezone.localdate())


def _decision(request: HttpRequest, decision: Decision) -> dict:
    today = timezone.localdate()
    certificates = selectors.decision_certificates(user=request.user, decision=decision)
    return {
        "id": decision.pk,
        "number": decision.number,
        "signed_on": decision.signed_on,
        "authority": decision.authority,
        "unit": _unit(decision.unit),
        "signer": decision.signer,
        "title": decision.title,
        "certificates": [_certificate(request, c, today=today) for c in certificates],
    }


@router.post(
    "/decisions",
    response={201: DecisionOut},
    auth=API_AUTH,
    summary="Ban hành quyết định công nhận và cấp giấy chứng nhận",
)
def create_decision(request: HttpRequest, payload: DecisionIn):
    data = payload.dict()
    decision = services.decision_issue(actor=request.user, dossiers=data.pop("dossier_ids"), **data)
    return Status(201, _decision(request, decision))


@router.post(
    "/certificates/{certificate_id}/revocation",
    response={201: RevocationOut},
    auth=API_AUTH,
    summary="Ghi nhận quyết định thu hồi giấy chứng nhận",
)
def revoke_certificate(request: HttpRequest, certificate_id: int, payload: RevocationIn):
    certificate = selectors.certificate_get_for_user(user=request.user, pk=certificate_id)
    services.certificate_revoke(actor=request.user, certificate=certificate, **payload.dict())
    certificate = selectors.certificate_get_for_user(user=request.user, pk=certificate_id)
    return Status(201, _revocation(certificate))


@router.post(
    "/certificates/{certificate_id}/inspections",
    response={201: InspectionOut},
    auth=API_AUTH,
    summary="Ghi nhận kết quả hậu kiểm",
)
def create_inspection(request: HttpRequest, certificate_id: int, payload: InspectionIn):
    certificate = selectors.certificate_get_for_user(user=request.user, pk=certificate_id)
    inspection = services.inspection_record(actor=request.user, certificate=certificate, **payload.dict())
    return Status(201, inspection)


@router.post(
    "/certificates/{certificate_id}/renewal",
    response={201: DossierRef},
    auth=API_AUTH,
    summary="Lập hồ sơ đánh giá lại hoặc nâng hạng",
)
def open_renewal(request: HttpRequest, certificate_id: int, payload: RenewalIn):
    certificate = selectors.certificate_get_for_user(user=request.user, pk=certificate_id)
    dossier = services.renewal_dossier_open(actor=request.user, certificate=certificate, kind=payload.kind)
    return Status(201, dossier)


@router.get("/verify/", include_in_schema=False)
@decorate_view(never_cache)
def verify_without_code(request: HttpRequest):
    raise NotFoundError("Không tìm thấy giấy chứng nhận.")


@router.get(
    "/verify/{anytext:token}", response=PublicVerificationOut, summary="Xác minh giấy chứng nhận (công khai)"
)
@decorate_view(never_cache)
def verify_certificate(request: HttpRequest, token: str):
    """Public: the facts and live status of the certificate behind a QR code; 404 for any other code.

    The JSON itself is kept by ``verify_cache`` when it is on (per host: it holds an absolute address).
    """
    if not selectors.TOKEN_PATTERN.fullmatch(token):
        raise NotFoundError("Không tìm thấy giấy chứng nhận.")
    kind = f"json:{request.get_host()}"
    # An unknown code raises NotFoundError (a 404) from the build: nothing is kept.
    body = verify_cache.remembered(
        token, today=timezone.localdate(), kind=kind, build=lambda: _verification_json(request, token)
    )
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def _verification_json(request: HttpRequest, token: str) -> bytes:
    public = selectors.certificate_public(token, today=timezone.localdate())
    ground = public.revocation_ground
    answer = PublicVerificationOut.model_validate(
        {
            "number": public.number,
            "product_name": public.product_name,
            "producer_name": public.producer_name,
            "commune": public.commune,
            "province": public.province,
            "star": public.star,
            "issued_on": public.issued_on,
            "valid_until": public.valid_until,
            "decision_number": public.decision_number,
            "decision_signed_on": public.decision_signed_on,
            "status": _status(public.status),
            "revoked_on": public.revoked_on,
            "revocation_ground": ground,
            "revocation_ground_label": ground.label if ground else "",
            "superseded_on": public.superseded_on,
            "superseded_by_number": public.superseded_by_number,
            "superseded_by_verify_url": (
                request.build_absolute_uri(public.superseded_by_url) if public.superseded_by_url else ""
            ),
        }
    )
    return answer.model_dump_json().encode()
