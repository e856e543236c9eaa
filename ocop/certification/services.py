"""Writes of certification: decisions and certificates, renewal dossiers, revocations, inspections, reminders.

Every function takes the acting user, checks the authority of QĐ 26/2026/QĐ-TTg, runs in one transaction,
validates the records (``full_clean``) and saves them with a history entry naming the actor and the reason.
Refusals are ``ApplicationError`` with a Vietnamese message saying what, where and how to fix.

Side effects:

- ``decision_issue``: one ``Decision``; one ``Certificate`` per dossier (number ``NNN/GCN-OCOP-{tỉnh}-{năm}``,
  valid 36 months); the product's previous live certificate is superseded; each dossier moves
  ``scored → decided`` through ``dossier_transition``.
- ``renewal_dossier_open``: a draft re-evaluation or upgrade dossier through ``dossier_create``.
- ``certificate_revoke``: one ``Revocation`` (the certificate's status becomes "revoked" from its date).
- ``inspection_record``: one ``Inspection``; "revoke" outcomes appear in the pending-revocation list.
- ``reminders_sweep``: ``Reminder`` rows, and e-mails sent after the transaction commits.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone

from ocop.accounts.models import Role, User
from ocop.certification import domain
from ocop.certification.models import (
    Authority,
    Certificate,
    Decision,
    Inspection,
    InspectionKind,
    InspectionOutcome,
    Reminder,
    Revocation,
)
from ocop.certification.permissions import (
    can_inspect,
    can_issue_decisions,
    can_open_renewal,
    can_revoke,
    is_nationwide,
)
from ocop.certification.selectors import (
    can_view_certificate,
    certificate_status_of,
    format_date,
    province_of,
    recognition_for,
    revocation_ground,
)
from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.core.text import normalize
from ocop.evaluation import lifecycle
from ocop.evaluation.models import Dossier, DossierKind, Result
from ocop.evaluation.permissions import can_act_as, can_view_dossier
from ocop.evaluation.services.dossiers import dossier_create, dossier_transition

logger = logging.getLogger(__name__)

CENTRAL_CODE = (
    "TW"  # in the certificate number of the minister's (5★) certificates, in place of a province code
)


def certificate_number(*, serial: int, issuer_code: str, year: int) -> str:
    """``"007/GCN-OCOP-68-2026"``: serial within issuer and year, the province's QĐ 19/2025 code (or "TW")."""
    return f"{serial:03d}/GCN-OCOP-{issuer_code}-{year}"


def _next_serial(*, issuer_code: str, year: int) -> int:
    suffix = f"/GCN-OCOP-{issuer_code}-{year}"
    serials = [
        int(head)
        for head in (
            n.split("/", 1)[0]
            for n in Certificate.objects.filter(number__endswith=suffix).values_list("number", flat=True)
        )
        if head.isdigit()
    ]
    return max(serials, default=0) + 1


def _save(record, *, actor, reason: str) -> None:
    try:
        record.full_clean()
    except ValidationError as exc:
        raise ApplicationError(
            "; ".join(exc.messages), extra={"errors": getattr(exc, "message_dict", {})}
        ) from exc
    record._history_user = actor
    record._change_reason = reason
    record.save()


def _text(value: Any, *, field: str, label: str, max_length: int | None = None, required: bool = True) -> str:
    text = normalize(str(value or ""))
    if required and not text:
        raise ApplicationError(f"Hãy nhập {label}.", field=field)
    if max_length and len(text) > max_length:
        raise ApplicationError(f"{label[:1].upper()}{label[1:]} dài quá {max_length} ký tự.", field=field)
    return text


def _date(value: Any, *, field: str, label: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ApplicationError(f"Hãy nhập {label} (dd/mm/yyyy).", field=field)
    return value


# ----------------------------------------------------------------------------------------------------
# Decisions and certificates (Điều 4, Điều 7.3.e, 7.4.e–g, 7.5, 7.6)


@dataclass
class _Plan:
    dossier: Dossier
    result: Result
    star: int
    authority: str
    province: Any  # geo.AdminUnit
    previous: Certificate | None


def _dossier_ids(dossiers: Iterable[Any]) -> list[int]:
    ids: list[int] = []
    for item in dossiers:
        pk = getattr(item, "pk", item)
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            raise ApplicationError(f"Mã hồ sơ không hợp lệ: {pk!r}.", field="dossiers") from None
        if pk not in ids:
            ids.append(pk)
    return ids


def _previous_certificate(dossier: Dossier) -> Certificate | None:
    """The live certificate the new one replaces: the one the dossier names, else the product's latest."""
    live = (
        Certificate.objects.filter(
            product_id=dossier.product_id, revocation__isnull=True, superseded_by__isnull=True
        )
        .select_related("product")
        .order_by("-issued_on", "-pk")
    )
    if dossier.previous_certificate_number:
        named = live.filter(number=dossier.previous_certificate_number).first()
        if named is not None:
            return named
    return live.first()


def _plan(actor, dossier: Dossier, *, signed_on: dt.date) -> _Plan:
    name = f"Hồ sơ {dossier} (sản phẩm “{dossier.product.name}”)"
    if dossier.status != lifecycle.SCORED:
        raise ApplicationError(
            f"{name} đang ở bước “{dossier.get_status_display()}”, "
            "không phải hồ sơ đã có kết quả chờ quyết định.",
            field="dossiers",
        )
    results = list(dossier.results.all())
    if not results:
        raise ApplicationError(f"{name} chưa có kết quả của hội đồng.", field="dossiers")
    result = results[-1]
    recognition = recognition_for(result)
    star, authority = recognition.star, recognition.authority
    if authority == domain.MINISTER:
        if not is_nationwide(actor):
            raise PermissionDeniedError(
                f"{name} đạt 5 sao ở hội đồng cấp trung ương: "
                "chỉ Bộ trưởng Bộ Nông nghiệp và Môi trường quyết định "
                "công nhận (điểm b khoản 1 Điều 4); quyết định do cán bộ trung ương ghi nhận.",
                field="dossiers",
            )
    else:
        # Điều 7.3.e / 7.4.g: the province recognises 3★ or 4★, also from a ≥ 90 province result or a
        # central result under 90 points; 5★ is never the province's.
        if not recognition.certifiable:
            raise ApplicationError(
                f"{name} chỉ đạt {result.final_star} sao ({result.mean_score} điểm): "
                "sản phẩm dưới 3 sao không được "
                "ban hành quyết định công nhận (điểm a khoản 1 Điều 4).",
                field="dossiers",
            )
        if not can_act_as(actor, dossier, "province"):
            raise PermissionDeniedError(
                f"Bạn không có quyền ban hành quyết định công nhận cho {name[0].lower()}{name[1:]}.",
                field="dossiers",
            )
    previous = _previous_certificate(dossier)
    if previous is not None:
        if dossier.kind == DossierKind.UPGRADE and star <= previous.star:
            raise ApplicationError(
                f"{name} là hồ sơ nâng hạng nhưng chỉ đạt {star} sao, "
                f"không cao hơn hạng {previous.star} sao của giấy "
                f"chứng nhận {previous.number}: không ban hành quyết định nâng hạng.",
                field="dossiers",
            )
        if previous.issued_on > signed_on:
            raise ApplicationError(
                f"Ngày ký {format_date(signed_on)} trước ngày cấp giấy chứng nhận {previous.number} "
                f"({format_date(previous.issued_on)}) mà quyết định này thay thế.",
                field="signed_on",
            )
    return _Plan(dossier, result, star, authority, province_of(dossier.commune), previous)


@transaction.atomic
def decision_issue(
    *, actor, dossiers: Iterable[Any], number: str, signed_on: dt.date, signer: str = "", title: str = ""
) -> Decision:
    """Record a recognition decision and issue one certificate per dossier (all or nothing).

    Province decisions (Chủ tịch UBND tỉnh) recognise 3★/4★ dossiers of one province; minister decisions
    (Bộ trưởng) recognise dossiers rated 5★ by the central council. See the module docstring for side effects.
    """
    if not can_issue_decisions(actor):
        raise PermissionDeniedError(
            "Chỉ cán bộ cấp tỉnh hoặc cấp trung ương được ghi nhận quyết định công nhận."
        )
    number = _text(number, field="number", label="số quyết định", max_length=60)
    signer = _text(signer, field="signer", label="người ký", max_length=120, required=False)
    title = _text(title, field="title", label="trích yếu", max_length=500, required=False)
    signed_on = _date(signed_on, field="signed_on", label="ngày ký")
    today = timezone.localdate()
    if signed_on > today:
        raise ApplicationError(
            f"Ngày ký {format_date(signed_on)} sau ngày hôm nay ({format_date(today)}).", field="signed_on"
        )
    ids = _dossier_ids(dossiers)
    if not ids:
        raise ApplicationError("Hãy chọn ít nhất một hồ sơ để công nhận.", field="dossiers")
    found = {
        d.pk: d
        for d in Dossier.objects.filter(pk__in=ids)
        .select_related("product", "producer", "commune__parent__parent")
        .prefetch_related(
            Prefetch(
                "results",
                queryset=Result.objects.select_related("council__round").order_by("created_at", "pk"),
            )
        )
    }
    plans: list[_Plan] = []
    for pk in ids:
        dossier = found.get(pk)
        if dossier is None or not can_view_dossier(actor, dossier):
            raise NotFoundError(f"Không tìm thấy hồ sơ #{pk} trong địa bàn của bạn.", field="dossiers")
        plans.append(_plan(actor, dossier, signed_on=signed_on))

    first = plans[0]
    for plan in plans[1:]:
        if plan.authority != first.authority:
            raise ApplicationError(
                f"Hồ sơ {plan.dossier} và hồ sơ {first.dossier} thuộc thẩm quyền công nhận khác nhau "
                "(3–4 sao: Chủ tịch UBND cấp tỉnh; 5 sao: Bộ trưởng): hãy ban hành hai quyết định riêng.",
                field="dossiers",
            )
        if first.authority == domain.PROVINCE_CHAIR and plan.province.pk != first.province.pk:
            raise ApplicationError(
                f"Hồ sơ {plan.dossier} thuộc {plan.province.name}, không cùng tỉnh với hồ sơ {first.dossier} "
                f"({first.province.name}): mỗi quyết định của tỉnh chỉ công nhận sản phẩm của tỉnh đó.",
                field="dossiers",
            )
    authority = Authority.MINISTER if first.authority == domain.MINISTER else Authority.PROVINCE_CHAIR
    unit = first.province if authority == Authority.PROVINCE_CHAIR else None
    if Decision.objects.filter(number=number, authority=authority, unit=unit).exists():
        raise ApplicationError(f"Đã có quyết định số {number} của cùng cơ quan ban hành.", field="number")

    decision = Decision(
        number=number,
        signed_on=signed_on,
        authority=authority,
        unit=unit,
        signer=signer,
        title=title,
        created_by=actor,
    )
    _save(decision, actor=actor, reason="Ban hành quyết định công nhận")
    issuer_code = CENTRAL_CODE if unit is None else unit.code
    serial = _next_serial(issuer_code=issuer_code, year=signed_on.year)
    reason = f"Quyết định công nhận số {number} ngày {format_date(signed_on)}"
    try:
        with transaction.atomic():
            for plan in plans:
                dossier = plan.dossier
                certificate = Certificate(
                    number=certificate_number(serial=serial, issuer_code=issuer_code, year=signed_on.year),
                    decision=decision,
                    dossier=dossier,
                    product=dossier.product,
                    producer=dossier.producer,
                    star=plan.star,
                    score=plan.result.mean_score,
                    issued_on=signed_on,
                    valid_until=domain.valid_until(signed_on),
                )
                serial += 1
                _save(certificate, actor=actor, reason=reason)
                if plan.previous is not None:
                    previous = plan.previous
                    previous.superseded_by = certificate
                    previous.superseded_on = signed_on
                    _save(
                        previous,
                        actor=actor,
                        reason=f"Được thay thế bởi giấy chứng nhận {certificate.number}",
                    )
                dossier_transition(actor=actor, dossier=dossier, to_status=lifecycle.DECIDED, reason=reason)
    except IntegrityError as exc:
        raise ApplicationError(
            "Số giấy chứng nhận vừa được một quyết định khác dùng; hãy gửi lại để cấp số mới."
        ) from exc
    return decision


# ----------------------------------------------------------------------------------------------------
# Renewal: re-evaluation (Điều 7.6) and upgrade (Điều 7.5)


@transaction.atomic
def renewal_dossier_open(
    *, actor, certificate: Certificate, kind: str, today: dt.date | None = None
) -> Dossier:
    """Open a draft re-evaluation or upgrade dossier for the certificate's product.

    Re-evaluation only inside the filing window, 180 to 120 days before expiry (Điều 7.6.a); upgrade while
    the certificate is in force and below 5★ (Điều 7.5).
    """
    today = today or timezone.localdate()
    if not can_view_certificate(actor, certificate):
        raise NotFoundError("Không tìm thấy giấy chứng nhận.")
    if not can_open_renewal(actor, certificate):
        raise PermissionDeniedError("Bạn không có quyền lập hồ sơ cho sản phẩm này.")
    status = certificate_status_of(certificate, today=today)
    if status.code in (domain.CertificateStatus.REVOKED, domain.CertificateStatus.SUPERSEDED):
        raise ApplicationError(
            f"Giấy chứng nhận {certificate.number} {status.label.lower()}: không lập hồ sơ đánh giá lại hoặc "
            "nâng hạng từ giấy chứng nhận này.",
            field="kind",
        )
    if kind == DossierKind.REEVALUATION:
        state = domain.renewal_window_state(certificate.valid_until, today)
        if not state.is_open:
            raise ApplicationError(
                domain.renewal_window_message(state),
                field="kind",
                extra={"opens_on": state.opens_on.isoformat(), "closes_on": state.closes_on.isoformat()},
            )
    elif kind == DossierKind.UPGRADE:
        if not status.code.in_force:
            raise ApplicationError(
                f"Giấy chứng nhận {certificate.number} đã hết hiệu lực "
                f"ngày {format_date(certificate.valid_until)}: "
                "chỉ đăng ký nâng hạng khi giấy chứng nhận còn hiệu lực.",
                field="kind",
            )
        if certificate.star >= 5:
            raise ApplicationError("Sản phẩm đã đạt 5 sao, hạng cao nhất: không thể nâng hạng.", field="kind")
    else:
        raise ApplicationError("Loại hồ sơ phải là “đánh giá lại” hoặc “nâng hạng”.", field="kind")
    return dossier_create(
        actor=actor,
        product=certificate.product,
        kind=kind,
        previous_certificate_number=certificate.number,
        previous_star=certificate.star,
        previous_valid_until=certificate.valid_until,
    )


# ----------------------------------------------------------------------------------------------------
# Revocation (Điều 8) and post-audit inspection (Điều 9)


def _locked(certificate: Certificate) -> Certificate:
    Certificate.objects.select_for_update().filter(pk=certificate.pk).first()
    return Certificate.objects.select_related("producer__commune", "product", "superseded_by").get(
        pk=certificate.pk
    )


@transaction.atomic
def certificate_revoke(
    *,
    actor,
    certificate: Certificate,
    ground: Any,
    concluded_on: dt.date,
    decision_number: str,
    decided_on: dt.date,
    reason: str,
) -> Revocation:
    """Record the revocation of a certificate on one of the six grounds of Điều 8.1.

    The decision should come within 15 days of the conclusion (Điều 8.4); a late one is recorded all the
    same and shown as late (``selectors.revocation_late``).
    """
    certificate = _locked(certificate)
    if not can_view_certificate(actor, certificate):
        raise NotFoundError("Không tìm thấy giấy chứng nhận.")
    if not can_revoke(actor, certificate):
        who = "Bộ trưởng Bộ Nông nghiệp và Môi trường" if certificate.star >= 5 else "Chủ tịch UBND cấp tỉnh"
        raise PermissionDeniedError(
            f"Thu hồi giấy chứng nhận sản phẩm {certificate.star} sao thuộc thẩm quyền {who} "
            "(khoản 2 Điều 8); "
            "bạn không ghi nhận được quyết định này."
        )
    existing = Revocation.objects.filter(certificate=certificate).first()
    if existing is not None:
        raise ApplicationError(
            f"Giấy chứng nhận {certificate.number} đã bị thu hồi "
            f"theo quyết định số {existing.decision_number} "
            f"ngày {format_date(existing.decided_on)}."
        )
    if certificate.superseded_by_id:
        raise ApplicationError(
            f"Giấy chứng nhận {certificate.number} đã được thay thế bởi giấy chứng nhận "
            f"{certificate.superseded_by.number}: hãy thu hồi giấy chứng nhận mới.",
        )
    parsed = revocation_ground(ground)
    if parsed is None:
        raise ApplicationError(
            "Hãy chọn một trong sáu căn cứ thu hồi của khoản 1 Điều 8 (điểm a, b, c, d, đ, e).",
            field="ground",
        )
    concluded_on = _date(concluded_on, field="concluded_on", label="ngày có kết luận")
    decided_on = _date(decided_on, field="decided_on", label="ngày quyết định thu hồi")
    decision_number = _text(
        decision_number, field="decision_number", label="số quyết định thu hồi", max_length=60
    )
    reason = _text(reason, field="reason", label="lý do thu hồi")
    today = timezone.localdate()
    if decided_on > today:
        raise ApplicationError(
            f"Ngày quyết định thu hồi {format_date(decided_on)} sau ngày hôm nay.", field="decided_on"
        )
    if decided_on < concluded_on:
        raise ApplicationError(
            f"Ngày quyết định thu hồi ({format_date(decided_on)}) không được trước ngày có kết luận "
            f"({format_date(concluded_on)}).",
            field="decided_on",
        )
    if concluded_on < certificate.issued_on:
        raise ApplicationError(
            f"Ngày có kết luận ({format_date(concluded_on)}) trước ngày cấp giấy chứng nhận "
            f"({format_date(certificate.issued_on)}).",
            field="concluded_on",
        )
    revocation = Revocation(
        certificate=certificate,
        ground=parsed.value,
        concluded_on=concluded_on,
        decision_number=decision_number,
        decided_on=decided_on,
        reason=reason,
        created_by=actor,
    )
    late = domain.revocation_overdue(concluded_on, decided_on, decided_on)
    _save(
        revocation,
        actor=actor,
        reason=f"Thu hồi theo {parsed.citation}" + (" (quá hạn 15 ngày của khoản 4 Điều 8)" if late else ""),
    )
    return revocation


@transaction.atomic
def inspection_record(
    *,
    actor,
    certificate: Certificate,
    kind: str,
    inspected_on: dt.date,
    inspectors: str,
    findings: str,
    mark_use_ok: bool,
    outcome: str,
) -> Inspection:
    """Record a post-audit inspection (hậu kiểm, Điều 9): periodic or ad hoc, with its conclusion."""
    certificate = _locked(certificate)
    if not can_view_certificate(actor, certificate):
        raise NotFoundError("Không tìm thấy giấy chứng nhận.")
    if not can_inspect(actor, certificate):
        raise PermissionDeniedError(
            "Hậu kiểm do cơ quan tham mưu quản lý OCOP cấp tỉnh (sản phẩm trên địa bàn) "
            "hoặc của Bộ thực hiện "
            "(khoản 4 Điều 9); bạn không ghi nhận được kết quả kiểm tra này."
        )
    if kind not in InspectionKind.values:
        raise ApplicationError("Hình thức kiểm tra phải là định kỳ hoặc đột xuất.", field="kind")
    if outcome not in InspectionOutcome.values:
        raise ApplicationError("Hãy chọn kết luận của đoàn kiểm tra.", field="outcome")
    inspected_on = _date(inspected_on, field="inspected_on", label="ngày kiểm tra")
    today = timezone.localdate()
    if inspected_on > today:
        raise ApplicationError(
            f"Ngày kiểm tra {format_date(inspected_on)} sau ngày hôm nay.", field="inspected_on"
        )
    if inspected_on < certificate.issued_on:
        raise ApplicationError(
            f"Ngày kiểm tra ({format_date(inspected_on)}) trước ngày cấp giấy chứng nhận "
            f"({format_date(certificate.issued_on)}).",
            field="inspected_on",
        )
    status = certificate_status_of(certificate, today=today)
    if status.code in (domain.CertificateStatus.REVOKED, domain.CertificateStatus.SUPERSEDED):
        raise ApplicationError(
            f"Giấy chứng nhận {certificate.number} {status.label.lower()}: không ghi nhận hậu kiểm.",
        )
    inspection = Inspection(
        certificate=certificate,
        kind=kind,
        inspected_on=inspected_on,
        inspectors=_text(inspectors, field="inspectors", label="thành phần đoàn kiểm tra", max_length=255),
        findings=_text(findings, field="findings", label="kết quả kiểm tra"),
        mark_use_ok=bool(mark_use_ok),
        outcome=outcome,
        created_by=actor,
    )
    _save(inspection, actor=actor, reason=f"Hậu kiểm: {InspectionOutcome(outcome).label}")
    return inspection


# ----------------------------------------------------------------------------------------------------
# Expiry reminders


def _officer_emails() -> list[tuple[str, str]]:
    return list(
        User.objects.filter(role=Role.PROVINCE, is_active=True, scope_unit__isnull=False)
        .exclude(email="")
        .values_list("scope_unit__path", "email")
    )


def _reminder_message(certificate: Certificate, *, days_left: int, today: dt.date, to: list[str]):
    state = domain.renewal_window_state(certificate.valid_until, today)
    subject = (
        f"[OCOP] Giấy chứng nhận {certificate.number} "
        f"hết hiệu lực ngày {format_date(certificate.valid_until)} "
        f"(còn {days_left} ngày)"
    )
    body = "\n".join(
        [
            f"Kính gửi {certificate.producer.name},",
            "",
            f"Giấy chứng nhận sản phẩm OCOP số {certificate.number} "
            f"của sản phẩm “{certificate.product.name}” "
            f"({certificate.star} sao) có hiệu lực đến hết ngày {format_date(certificate.valid_until)}, "
            f"còn {days_left} ngày.",
            domain.renewal_window_message(state),
            "Sau ngày hết hiệu lực, sản phẩm không được sử dụng nhãn hiệu OCOP kèm số sao.",
            "",
            "Hệ thống quản lý, giám sát sản phẩm OCOP (thư gửi tự động).",
        ]
    )
    return mail.EmailMessage(subject=subject, body=body, to=to, from_email=settings.DEFAULT_FROM_EMAIL)


def _send(messages: list[mail.EmailMessage]) -> None:
    if messages:
        mail.get_connection().send_messages(messages)


@transaction.atomic
def reminders_sweep(*, today: dt.date) -> dict[str, int]:
    """Record (once per threshold) and e-mail the expiry reminders due ``today`` (180, 120, 30 days before).

    Idempotent: a threshold already recorded for a certificate is never sent again. Recipients: the
    producer's e-mail and the province officers whose scope holds the producer's commune. Returns the
    counts ``certificates`` (checked), ``reminders`` (created) and ``emails`` (messages queued).
    """
    horizon = today + dt.timedelta(days=max(domain.REMINDER_DAYS))
    from ocop.certification.selectors import live_on

    certificates = (
        live_on(Certificate.objects.all(), today)
        .filter(valid_until__gte=today, valid_until__lte=horizon)
        .select_related("product", "producer__commune")
        .prefetch_related("reminders")
        .order_by("valid_until", "pk")
    )
    officers = _officer_emails()
    counts = {"certificates": 0, "reminders": 0, "emails": 0}
    messages: list[mail.EmailMessage] = []
    for certificate in certificates:
        counts["certificates"] += 1
        sent = {r.days_before for r in certificate.reminders.all()}
        for threshold in domain.reminders_due(certificate.valid_until, today, sent):
            path = certificate.producer.commune.path
            to = [certificate.producer.email] if certificate.producer.email else []
            to += sorted({email for scope_path, email in officers if path.startswith(scope_path)} - set(to))
            _, created = Reminder.objects.get_or_create(
                certificate=certificate,
                days_before=threshold,
                defaults={"sent_on": today, "recipients": ", ".join(to)},
            )
            if not created:
                continue
            counts["reminders"] += 1
            if to:
                days_left = domain.days_before_expiry(certificate.valid_until, today)
                messages.append(_reminder_message(certificate, days_left=days_left, today=today, to=to))
    counts["emails"] = len(messages)
    transaction.on_commit(lambda: _send(messages), robust=True)
    return counts
