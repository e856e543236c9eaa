"""Scoped reads of certificates, decisions and inspections; the calendar status; public verification.

A certificate's status is never stored: it is computed from the calendar on every read with
``domain.certificate_status`` (revoked beats superseded beats expired beats expiring beats valid), so a
revocation or an expiry shows on the very next request. List filters on status use the same rule in SQL
(``status_filter``); a test keeps the two in step.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_noop

from ocop.accounts.scoping import is_producer_account, scope_of
from ocop.certification import domain, verify_cache
from ocop.certification.domain import CertificateStatus, RevocationGround
from ocop.certification.models import (
    Authority,
    Certificate,
    Decision,
    Inspection,
    InspectionOutcome,
    Revocation,
)
from ocop.core.exceptions import NotFoundError
from ocop.core.text import fold
from ocop.evaluation import lifecycle
from ocop.evaluation.domain import goes_to_central
from ocop.evaluation.models import Dossier, Result, RoundLevel
from ocop.registry.permissions import is_registry_reader, unit_in_scope


def format_date(day: dt.date | None) -> str:
    """dd/mm/yyyy, as Vietnamese offices write dates."""
    return day.strftime("%d/%m/%Y") if day else "—"


def province_of(unit):
    """The province (top level unit) holding ``unit``; walks the loaded parents, so select them first."""
    while unit is not None and unit.parent_id is not None:
        unit = unit.parent
    return unit


def expiring_window_days() -> int:
    return int(getattr(settings, "OCOP_EXPIRING_WINDOW_DAYS", domain.EXPIRING_WINDOW_DAYS))


# ----------------------------------------------------------------------------------------------------
# Status

STATUS_LABELS: dict[CertificateStatus, tuple[str, str]] = {
    CertificateStatus.VALID: (gettext_noop("Còn hiệu lực"), "Valid"),
    CertificateStatus.EXPIRING: (gettext_noop("Sắp hết hạn"), "Expiring"),
    CertificateStatus.EXPIRED: (gettext_noop("Hết hiệu lực"), "Expired"),
    CertificateStatus.REVOKED: (gettext_noop("Đã bị thu hồi"), "Revoked"),
    CertificateStatus.SUPERSEDED: (gettext_noop("Đã được thay thế"), "Superseded"),
}


@dataclass(frozen=True)
class StatusInfo:
    """A certificate's status on one day, with its labels (Vietnamese, English) and days to expiry."""

    code: CertificateStatus
    label: str
    label_en: str
    days_left: int

    @property
    def in_force(self) -> bool:
        return self.code.in_force

    def __str__(self) -> str:
        return self.label


def revocation_of(certificate: Certificate) -> Revocation | None:
    try:
        return certificate.revocation
    except ObjectDoesNotExist:
        return None


def certificate_status_of(certificate: Certificate, *, today: dt.date) -> StatusInfo:
    """The status of one certificate on ``today`` (reads its revocation: select it with the certificate)."""
    revocation = revocation_of(certificate)
    code = domain.certificate_status(
        valid_until=certificate.valid_until,
        today=today,
        revoked_on=revocation.decided_on if revocation else None,
        superseded_on=certificate.superseded_on if certificate.superseded_by_id else None,
        expiring_window_days=expiring_window_days(),
    )
    label, label_en = STATUS_LABELS[code]
    return StatusInfo(code, label, label_en, domain.days_before_expiry(certificate.valid_until, today))


def _not_revoked(today: dt.date) -> Q:
    return Q(revocation__isnull=True) | Q(revocation__decided_on__gt=today)


def _not_superseded(today: dt.date) -> Q:
    return Q(superseded_by__isnull=True) | Q(superseded_on__gt=today)


def live_on(qs: QuerySet[Certificate], today: dt.date) -> QuerySet[Certificate]:
    """Certificates neither revoked nor superseded on ``today`` (they may have expired)."""
    return qs.filter(_not_revoked(today)).filter(_not_superseded(today))


def status_filter(qs: QuerySet[Certificate], status: str, today: dt.date) -> QuerySet[Certificate]:
    """Certificates whose status on ``today`` is ``status``: ``domain.certificate_status`` in SQL."""
    horizon = today + dt.timedelta(days=expiring_window_days())
    if status == CertificateStatus.REVOKED:
        return qs.filter(revocation__decided_on__lte=today)
    if status == CertificateStatus.SUPERSEDED:
        return qs.filter(_not_revoked(today)).filter(superseded_by__isnull=False, superseded_on__lte=today)
    live = live_on(qs, today)
    if status == CertificateStatus.EXPIRED:
        return live.filter(valid_until__lt=today)
    if status == CertificateStatus.EXPIRING:
        return live.filter(valid_until__gte=today, valid_until__lte=horizon)
    if status == CertificateStatus.VALID:
        return live.filter(valid_until__gt=horizon)
    return qs.none()


# ----------------------------------------------------------------------------------------------------
# Revocation grounds

_GROUND_BY_NAME = {g.point: g for g in RevocationGround} | {g.name.lower(): g for g in RevocationGround}


def revocation_ground(value: Any) -> RevocationGround | None:
    """The ground from its stored code (``"d"``, ``"dd"`` for đ), its printed point (``"đ"``) or its English
    name (``"mark_misuse"``); None if neither."""
    if isinstance(value, RevocationGround):
        return value
    text = str(value or "").strip()
    try:
        return RevocationGround(text)
    except ValueError:
        return _GROUND_BY_NAME.get(text) or _GROUND_BY_NAME.get(text.lower())


def revocation_ground_of(revocation: Revocation) -> RevocationGround | None:
    return revocation_ground(revocation.ground)


def revocation_late(revocation: Revocation) -> bool:
    """Whether the revocation was decided after the 15 days of Điều 8.4."""
    return domain.revocation_overdue(revocation.concluded_on, revocation.decided_on, revocation.decided_on)


# ----------------------------------------------------------------------------------------------------
# Scope


def certificates_for_user(*, user) -> QuerySet[Certificate]:
    """Every certificate the user may see: a producer its own, officers in their area, like the registry."""
    if is_producer_account(user):
        if not user.producer_id:
            return Certificate.objects.none()
        return Certificate.objects.filter(producer_id=user.producer_id)
    if not is_registry_reader(user):
        return Certificate.objects.none()
    scope = scope_of(user)
    if scope.nationwide:
        return Certificate.objects.all()
    if scope.unit is not None:
        return Certificate.objects.filter(producer__commune__path__startswith=scope.unit.path)
    return Certificate.objects.none()


def can_view_certificate(user, certificate: Certificate) -> bool:
    if is_producer_account(user):
        return bool(user.producer_id) and user.producer_id == certificate.producer_id
    return bool(is_registry_reader(user)) and unit_in_scope(user, certificate.producer.commune)


def _with_related(qs: QuerySet[Certificate]) -> QuerySet[Certificate]:
    return qs.select_related(
        "product__product_set", "producer__commune__parent__parent", "decision", "revocation", "superseded_by"
    )


@dataclass(frozen=True)
class CertificateFilters:
    status: str | None = None
    star: int | None = None
    province_id: int | None = None
    q: str | None = None
    product_id: int | None = None


def certificate_list(
    *, user, filters: CertificateFilters | None = None, today: dt.date
) -> QuerySet[Certificate]:
    """The certificates a user may see, filtered, newest first, with what list pages show joined in."""
    filters = filters or CertificateFilters()
    qs = _with_related(certificates_for_user(user=user))
    if filters.status:
        qs = status_filter(qs, filters.status, today)
    if filters.star:
        qs = qs.filter(star=filters.star)
    if filters.product_id:
        qs = qs.filter(product_id=filters.product_id)
    if filters.province_id:
        from ocop.geo.models import AdminUnit

        unit = AdminUnit.objects.filter(pk=filters.province_id).first()
        qs = qs.filter(producer__commune__path__startswith=unit.path) if unit else qs.none()
    for word in fold(filters.q or "").split():
        qs = qs.filter(
            Q(product__name_folded__contains=word)
            | Q(producer__name_folded__contains=word)
            | Q(number__icontains=word)
        )
    return qs.order_by("-issued_on", "-pk")


def with_status(certificates, *, today: dt.date) -> list[Certificate]:
    """The certificates with ``.status`` (a ``StatusInfo``) set, for templates and API output."""
    rows = list(certificates)
    for certificate in rows:
        certificate.status = certificate_status_of(certificate, today=today)
    return rows


def certificate_get_for_user(*, user, pk: Any) -> Certificate:
    """One certificate, or NotFoundError when it does not exist or lies outside the user's scope."""
    try:
        certificate = _with_related(Certificate.objects.all()).get(pk=int(pk))
    except (Certificate.DoesNotExist, TypeError, ValueError, OverflowError):
        raise NotFoundError("Không tìm thấy giấy chứng nhận.") from None
    if not can_view_certificate(user, certificate):
        raise NotFoundError("Không tìm thấy giấy chứng nhận.")
    return certificate


# ----------------------------------------------------------------------------------------------------
# Decisions


def decisions_for_user(*, user) -> QuerySet[Decision]:
    """Decisions with at least one certificate the user may see, with their certificate count in scope."""
    visible = certificates_for_user(user=user)
    return (
        Decision.objects.filter(pk__in=visible.values("decision_id"))
        .select_related("unit", "created_by")
        .annotate(certificate_count=Count("certificates"))
        .order_by("-signed_on", "-pk")
    )


def decision_get_for_user(*, user, pk: Any) -> Decision:
    try:
        decision = decisions_for_user(user=user).get(pk=int(pk))
    except (Decision.DoesNotExist, TypeError, ValueError, OverflowError):
        raise NotFoundError("Không tìm thấy quyết định.") from None
    return decision


def decision_certificates(*, user, decision: Decision) -> QuerySet[Certificate]:
    return _with_related(certificates_for_user(user=user).filter(decision=decision)).order_by("number")


@dataclass(frozen=True)
class Recognition:
    """What a decision would recognise from a council result: the star and who decides it."""

    star: int
    authority: str

    @property
    def certifiable(self) -> bool:
        return self.star >= 3

    @property
    def authority_label(self) -> str:
        return str(Authority(self.authority).label) if self.certifiable else "—"


def recognition_for(result: Result) -> Recognition:
    """5★ by the minister for a central result of ≥ 90 points rated 5★; otherwise 3★/4★ by the province
    chair, at most 4★ (Điều 4.1, Điều 7.3.e and 7.4.g: the province never recognises 5★)."""
    central = result.council.round.level == RoundLevel.CENTRAL
    if central and result.final_star >= 5 and goes_to_central(result.mean_score):
        return Recognition(5, domain.MINISTER)
    star = min(result.final_star, 4)
    return Recognition(star, domain.recognising_authority(star) if star >= 3 else "")


def _results_prefetch() -> Prefetch:
    return Prefetch(
        "results", queryset=Result.objects.select_related("council__round").order_by("created_at", "pk")
    )


def scored_dossiers_for_user(*, user) -> list[Dossier]:
    """Dossiers with a result awaiting a decision that the user may put in one, with ``.result`` and
    ``.recognition`` set (the latest council result and what it allows)."""
    from ocop.certification.permissions import is_nationwide, is_province_officer

    qs = Dossier.objects.filter(status=lifecycle.SCORED)
    if is_nationwide(user):
        pass
    elif is_province_officer(user):
        qs = qs.filter(commune__path__startswith=user.scope_unit.path)
    else:
        return []
    rows = list(
        qs.select_related("product", "producer", "commune__parent__parent")
        .prefetch_related(_results_prefetch())
        .order_by("commune__path", "pk")
    )
    for dossier in rows:
        results = list(dossier.results.all())
        dossier.result = results[-1] if results else None
        dossier.recognition = recognition_for(dossier.result) if dossier.result else Recognition(0, "")
    return rows


# ----------------------------------------------------------------------------------------------------
# Inspections: pending revocations and calls for re-evaluation


@dataclass(frozen=True)
class PendingRevocation:
    inspection: Inspection
    certificate: Certificate
    deadline: dt.date
    overdue: bool
    days_left: int


def _inspections_in_scope(*, user) -> QuerySet[Inspection]:
    return Inspection.objects.filter(certificate__in=certificates_for_user(user=user)).select_related(
        "certificate__product",
        "certificate__producer__commune__parent__parent",
        "certificate__revocation",
        "certificate__superseded_by",
    )


def pending_revocations(*, user, today: dt.date) -> list[PendingRevocation]:
    """Inspections concluding "revoke" not yet followed by a revocation, with the 15-day deadline of Điều 8.4
    counted from the inspection date; overdue ones flagged. Most urgent first."""
    inspections = (
        _inspections_in_scope(user=user)
        .filter(outcome=InspectionOutcome.REVOKE, certificate__revocation__isnull=True)
        .filter(certificate__superseded_by__isnull=True)
    )
    rows = []
    for inspection in inspections:
        deadline = domain.revocation_deadline(inspection.inspected_on)
        rows.append(
            PendingRevocation(
                inspection=inspection,
                certificate=inspection.certificate,
                deadline=deadline,
                overdue=domain.revocation_overdue(inspection.inspected_on, today),
                days_left=(deadline - today).days,
            )
        )
    return sorted(rows, key=lambda r: (r.deadline, r.inspection.pk))


def reevaluation_calls(*, user, today: dt.date) -> list[Inspection]:
    """Inspections concluding "re-evaluate" on live certificates, with ``.window`` (the filing window)."""
    rows = list(
        _inspections_in_scope(user=user)
        .filter(outcome=InspectionOutcome.REEVALUATE)
        .filter(Q(certificate__revocation__isnull=True) | Q(certificate__revocation__decided_on__gt=today))
        .filter(Q(certificate__superseded_by__isnull=True) | Q(certificate__superseded_on__gt=today))
        .order_by("-inspected_on", "-pk")
    )
    for inspection in rows:
        inspection.window = domain.renewal_window_state(inspection.certificate.valid_until, today)
    return rows


# ----------------------------------------------------------------------------------------------------
# A certificate's story


@dataclass(frozen=True)
class TimelineEvent:
    on: dt.date
    kind: str
    text: str
    url: str = ""


def certificate_timeline(certificate: Certificate, *, today: dt.date) -> list[TimelineEvent]:
    """Issue, supersessions, inspections, reminders, revocation and expiry of one certificate, by date."""
    decision = certificate.decision
    events = [
        TimelineEvent(
            certificate.issued_on,
            "issued",
            f"Cấp giấy chứng nhận {certificate.star} sao theo quyết định số {decision.number} "
            f"ngày {format_date(decision.signed_on)} ({decision.get_authority_display()}).",
        )
    ]
    older = Certificate.objects.filter(superseded_by=certificate).first()
    if older is not None:
        events.append(
            TimelineEvent(
                certificate.issued_on,
                "supersedes",
                f"Thay thế giấy chứng nhận {older.number} ({older.star} sao).",
                older.get_absolute_url(),
            )
        )
    for inspection in certificate.inspections.all():
        mark = "đúng quy định" if inspection.mark_use_ok else "KHÔNG đúng quy định"
        events.append(
            TimelineEvent(
                inspection.inspected_on,
                "inspection",
                f"Hậu kiểm {inspection.get_kind_display().lower()} ({inspection.inspectors}): "
                f"{inspection.get_outcome_display()}; sử dụng nhãn hiệu OCOP {mark}.",
            )
        )
    for reminder in certificate.reminders.order_by("sent_on", "days_before"):
        events.append(
            TimelineEvent(
                reminder.sent_on,
                "reminder",
                f"Nhắc hạn {reminder.days_before} ngày trước khi hết hiệu lực"
                + (
                    f", gửi tới {reminder.recipients}." if reminder.recipients else " (không có địa chỉ thư)."
                ),
            )
        )
    revocation = revocation_of(certificate)
    if revocation is not None:
        ground = revocation_ground_of(revocation)
        late = " — quá hạn 15 ngày (khoản 4 Điều 8)" if revocation_late(revocation) else ""
        events.append(
            TimelineEvent(
                revocation.decided_on,
                "revoked",
                f"Thu hồi theo quyết định số {revocation.decision_number} (kết luận ngày "
                f"{format_date(revocation.concluded_on)}; "
                f"căn cứ {ground.citation if ground else revocation.ground})"
                f"{late}: {revocation.reason}",
            )
        )
    if certificate.superseded_by_id:
        newer = certificate.superseded_by
        events.append(
            TimelineEvent(
                certificate.superseded_on,
                "superseded",
                f"Được thay thế bởi giấy chứng nhận {newer.number} ({newer.star} sao).",
                newer.get_absolute_url(),
            )
        )
    if today > certificate.valid_until:
        events.append(
            TimelineEvent(
                certificate.valid_until + dt.timedelta(days=1),
                "expired",
                f"Hết hiệu lực (hiệu lực đến hết ngày {format_date(certificate.valid_until)}).",
            )
        )
    order = {"issued": 0, "supersedes": 1}
    return sorted(events, key=lambda e: (e.on, order.get(e.kind, 2)))


# ----------------------------------------------------------------------------------------------------
# Public verification (the QR code's target)

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,32}")


@dataclass(frozen=True)
class PublicCertificate:
    """What anyone may read about a certificate: nothing private (no phone, e-mail, codes, people)."""

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
    authority: str
    status: StatusInfo
    revoked_on: dt.date | None
    revocation_ground: RevocationGround | None
    superseded_on: dt.date | None
    superseded_by_number: str
    superseded_by_url: str


# What ``certificate_public`` reads: loading only these keeps the public QR target cheap under load.
_PUBLIC_FIELDS = (
    *("number", "star", "issued_on", "valid_until", "superseded_on", "superseded_by_id", "public_token"),
    *("product__name", "producer__name", "decision__number", "decision__signed_on", "decision__authority"),
    *("revocation__certificate_id", "revocation__decided_on", "revocation__ground"),
    *("producer__commune__name", "producer__commune__parent_id", "producer__commune__parent__name"),
    *("producer__commune__parent__parent_id", "producer__commune__parent__parent__name"),
    "producer__commune__parent__parent__parent_id",
)


def certificate_public(token: Any, *, today: dt.date) -> PublicCertificate:
    """The public facts and live status of the certificate with this verification code.

    Any malformed or unknown code raises NotFoundError. The status is computed for ``today``; with
    ``OCOP_VERIFY_CACHE_URL`` set the answer is kept until the next commit that could change it
    (``verify_cache``).
    """
    text = token if isinstance(token, str) else ""
    if not TOKEN_PATTERN.fullmatch(text):
        raise NotFoundError("Không tìm thấy giấy chứng nhận.")
    return verify_cache.remembered(text, today=today, build=lambda: _certificate_public(text, today=today))


def _certificate_public(text: str, *, today: dt.date) -> PublicCertificate:
    certificate = (
        Certificate.objects.select_related(
            "product", "producer__commune__parent__parent", "decision", "revocation"
        )
        .only(*_PUBLIC_FIELDS)
        .filter(public_token=text)
        .first()
    )
    if certificate is None:
        raise NotFoundError("Không tìm thấy giấy chứng nhận.")
    status = certificate_status_of(certificate, today=today)
    revocation = revocation_of(certificate) if status.code == CertificateStatus.REVOKED else None
    newer = certificate.superseded_by if status.code == CertificateStatus.SUPERSEDED else None  # 1 query
    commune = certificate.producer.commune
    province = province_of(commune)
    return PublicCertificate(
        number=certificate.number,
        product_name=certificate.product.name,
        producer_name=certificate.producer.name,
        commune=commune.name,
        province=province.name if province is not None and province is not commune else "",
        star=certificate.star,
        issued_on=certificate.issued_on,
        valid_until=certificate.valid_until,
        decision_number=certificate.decision.number,
        decision_signed_on=certificate.decision.signed_on,
        authority=str(certificate.decision.get_authority_display()),
        status=status,
        revoked_on=revocation.decided_on if revocation else None,
        revocation_ground=revocation_ground_of(revocation) if revocation else None,
        superseded_on=certificate.superseded_on if newer else None,
        superseded_by_number=newer.number if newer else "",
        superseded_by_url=newer.get_public_url() if newer else "",
    )
