"""Recording recognitions decided before the system existed (QĐ 1048/2019, 148/2023 or 26/2026 era).

Provinces hold lists of products recognised years ago, on paper; ``recognition_record`` enters one such
recognition as it happened: the decision (found or created by number, authority and issuing unit), the
certificate (36 months from the decision, ``domain.valid_until``) and the supersession of the certificate
the product held on that day (an upgrade, a renewal or a re-evaluation downgrade). The issuing unit is the
province *as it was on the decision date*: before 01/07/2025 the pre-2025 province of the producer's
``legacy_commune``, from that day the current province of its ``commune``; none for the minister.

Past revocations need nothing new: ``services.certificate_revoke`` takes a past ``decided_on`` (only a
future one is refused), so the history is recorded with it.

Side effects of ``recognition_record``: at most one ``Decision``; one ``Certificate``; the previous live
certificate gets ``superseded_by`` / ``superseded_on``; each write has a history entry with the actor and
the reason.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from ocop.certification import domain, services
from ocop.certification.models import Authority, Certificate, Decision
from ocop.certification.permissions import can_issue_decisions, is_nationwide
from ocop.certification.selectors import format_date
from ocop.certification.services import CENTRAL_CODE, _date, _next_serial, _save, _text
from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.evaluation.domain import star_band
from ocop.geo.domain import MAP_PRE_2025, REFORM_DATE, Level
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import paths_of
from ocop.registry.models import Product
from ocop.registry.permissions import unit_in_scope

HISTORICAL_REASON = "Ghi nhận kết quả công nhận trước khi có hệ thống"
HISTORICAL_TITLE = "Công nhận sản phẩm OCOP (ghi nhận kết quả trước khi có hệ thống)"
# QĐ 148/QĐ-TTg ngày 24/02/2023: 3★ recognised by the district chair, until districts ended on 01/07/2025.
DISTRICT_REGIME_FROM = dt.date(2023, 2, 24)
HISTORY_REASON_MAX = 100  # simple_history's change-reason column

_AUTHORITY_LABELS = {
    Authority.PROVINCE_CHAIR: "Chủ tịch UBND cấp tỉnh",
    Authority.DISTRICT_CHAIR: "Chủ tịch UBND cấp huyện",
    Authority.MINISTER: "Bộ trưởng Bộ Nông nghiệp và Môi trường",
}


def _star(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 3 <= value <= 5:
        raise ApplicationError(
            f"Hạng sao phải là 3, 4 hoặc 5 sao (nhận được: {value!r}): sản phẩm dưới 3 sao không được "
            "công nhận (điểm a khoản 1 Điều 4).",
            field="star",
        )
    return value


def _score(value: object, *, star: int) -> Decimal | None:
    if value is None:
        return None
    try:
        score = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ApplicationError(f"Điểm không hợp lệ: {value!r}.", field="score") from None
    if not score.is_finite() or not Decimal(0) <= score <= Decimal(100):
        raise ApplicationError(f"Điểm phải từ 0 đến 100 (nhận được: {value}).", field="score")
    score = score.quantize(Decimal("0.01"))
    if star_band(score) < star:
        raise ApplicationError(
            f"{score} điểm không đủ cho hạng {star} sao (3 sao từ 50, 4 sao từ 70, 5 sao từ 90 điểm).",
            field="score",
        )
    return score


def _authority(value: object, *, star: int, decided_on: dt.date) -> str:
    if value not in Authority.values:
        raise ApplicationError(
            "Thẩm quyền phải là Chủ tịch UBND cấp tỉnh, Chủ tịch UBND cấp huyện hoặc Bộ trưởng.",
            field="authority",
        )
    authority = str(value)
    if star == 5 and authority != Authority.MINISTER:
        raise ApplicationError(
            "Sản phẩm 5 sao do Bộ trưởng Bộ Nông nghiệp và Môi trường công nhận (điểm b khoản 1 Điều 4), "
            f"không phải {_AUTHORITY_LABELS[authority]}.",
            field="authority",
        )
    if authority == Authority.MINISTER and star != 5:
        raise ApplicationError(
            f"Bộ trưởng chỉ công nhận sản phẩm 5 sao; sản phẩm {star} sao do Chủ tịch UBND cấp tỉnh "
            "công nhận.",
            field="authority",
        )
    if authority == Authority.DISTRICT_CHAIR:
        if star != 3:
            raise ApplicationError(
                "Chủ tịch UBND cấp huyện chỉ công nhận sản phẩm 3 sao (Quyết định 148/QĐ-TTg).",
                field="authority",
            )
        if not DISTRICT_REGIME_FROM <= decided_on < REFORM_DATE:
            raise ApplicationError(
                "Cấp huyện chỉ công nhận sản phẩm OCOP từ ngày "
                f"{format_date(DISTRICT_REGIME_FROM)} (Quyết định 148/QĐ-TTg) đến trước ngày "
                f"{format_date(REFORM_DATE)} (không còn cấp huyện); ngày quyết định "
                f"{format_date(decided_on)} nằm ngoài khoảng đó.",
                field="authority",
            )
    return authority


def _ancestor_path(path: str, level: int) -> str:
    """``/pre2025/67/662/24823/`` at level 1 → ``/pre2025/67/``."""
    parts = path.strip("/").split("/")
    return "/" + "/".join(parts[: level + 1]) + "/"


def issuing_unit(*, product: Product, authority: str, decided_on: dt.date) -> AdminUnit | None:
    """The unit whose chair decided, as the map was on ``decided_on``: the province (or, for a district
    chair, the district) holding the producer then; ``None`` for the minister.

    Before 01/07/2025 that is the pre-2025 province of the producer's ``legacy_commune`` (or, without one,
    the single pre-2025 province the current province continues); from that day the current province.
    """
    if authority == Authority.MINISTER:
        return None
    producer = product.producer
    level = Level.DISTRICT if authority == Authority.DISTRICT_CHAIR else Level.PROVINCE
    if decided_on >= REFORM_DATE:
        path = _ancestor_path(producer.commune.path, Level.PROVINCE)
    elif producer.legacy_commune_id and producer.legacy_commune.path.count("/") - 2 >= level:
        path = _ancestor_path(producer.legacy_commune.path, level)
    else:
        path = ""
        if level == Level.PROVINCE:
            current = AdminUnit.objects.get(path=_ancestor_path(producer.commune.path, Level.PROVINCE))
            path = paths_of(current)[1]
        if not path:
            raise ApplicationError(
                f"Chưa xác định được xã/phường trước ngày {format_date(REFORM_DATE)} của chủ thể "
                f"“{producer.name}”: hãy cập nhật mục “xã/phường trước 01/07/2025” của chủ thể rồi ghi nhận "
                f"quyết định ngày {format_date(decided_on)}.",
                field="decided_on",
            )
    unit = AdminUnit.objects.filter(path=path).first()
    if unit is None or not unit.is_valid_on(decided_on):
        raise ApplicationError(
            f"Không tìm thấy đơn vị ban hành của chủ thể “{producer.name}” "
            f"vào ngày {format_date(decided_on)}.",
            field="unit",
        )
    return unit


def _check_unit(given: AdminUnit, *, expected: AdminUnit, product: Product, decided_on: dt.date) -> None:
    if given.pk == expected.pk:
        return
    raise ApplicationError(
        f"Ngày {format_date(decided_on)}, chủ thể “{product.producer.name}” thuộc {expected.name}"
        + (" (bản đồ trước 01/07/2025)" if expected.map_key == MAP_PRE_2025 else "")
        + f", không thuộc {given.name}: quyết định phải do {expected.name} ban hành.",
        field="unit",
    )


def _check_actor(actor, *, product: Product, authority: str) -> None:
    if not can_issue_decisions(actor):
        raise PermissionDeniedError(
            "Chỉ cán bộ cấp tỉnh hoặc cấp trung ương được ghi nhận quyết định công nhận.", field="product"
        )
    if not is_nationwide(actor) and not unit_in_scope(actor, product.producer.commune):
        raise NotFoundError("Không tìm thấy sản phẩm trong địa bàn của bạn.", field="product")
    if authority == Authority.MINISTER and not is_nationwide(actor):
        raise PermissionDeniedError(
            "Quyết định công nhận 5 sao của Bộ trưởng do cán bộ cấp trung ương ghi nhận.", field="authority"
        )


def _check_order(product: Product, *, decided_on: dt.date) -> Certificate | None:
    """Refuse a date before the product's recorded history; return the certificate live on that day."""
    certificates = list(
        Certificate.objects.select_for_update(of=("self",))
        .filter(product=product)
        .select_related("revocation")
        .order_by("-issued_on", "-pk")
    )
    for certificate in certificates:
        if certificate.issued_on > decided_on:
            raise ApplicationError(
                f"Sản phẩm “{product.name}” đã có giấy chứng nhận {certificate.number} cấp ngày "
                f"{format_date(certificate.issued_on)}, sau ngày {format_date(decided_on)}: hãy ghi nhận "
                "các quyết định theo thứ tự thời gian, từ cũ đến mới.",
                field="decided_on",
            )
        revocation = getattr(certificate, "revocation", None)
        if revocation is not None and revocation.decided_on > decided_on:
            raise ApplicationError(
                f"Giấy chứng nhận {certificate.number} của sản phẩm “{product.name}” bị thu hồi ngày "
                f"{format_date(revocation.decided_on)}, sau ngày {format_date(decided_on)}: hãy ghi nhận "
                "các quyết định theo thứ tự thời gian.",
                field="decided_on",
            )
    for certificate in certificates:
        revoked = getattr(certificate, "revocation", None) is not None
        if not revoked and certificate.superseded_by_id is None and certificate.valid_until >= decided_on:
            return certificate
    return None


def _supersession_word(previous: Certificate, star: int) -> str:
    if star > previous.star:
        return f"nâng hạng {previous.star}→{star} sao"
    if star < previous.star:
        return f"hạ hạng {previous.star}→{star} sao khi đánh giá lại"
    return "đánh giá lại, cấp lại"


def _decision(
    *,
    actor,
    number: str,
    authority: str,
    unit: AdminUnit | None,
    decided_on: dt.date,
    title: str,
    signer: str,
) -> Decision:
    decision = Decision.objects.filter(number=number, authority=authority, unit=unit).first()
    if decision is not None:
        if decision.signed_on != decided_on:
            issuer = unit.name if unit is not None else _AUTHORITY_LABELS[authority]
            raise ApplicationError(
                f"Quyết định số {number} của {issuer} đã được ghi nhận với ngày ký "
                f"{format_date(decision.signed_on)}, không phải {format_date(decided_on)}.",
                field="decision_number",
            )
        return decision
    decision = Decision(
        number=number,
        signed_on=decided_on,
        authority=authority,
        unit=unit,
        signer=signer,
        title=title,
        created_by=actor,
    )
    _save(decision, actor=actor, reason="Ghi nhận quyết định công nhận trước khi có hệ thống")
    return decision


@transaction.atomic
def recognition_record(
    *,
    actor,
    product: Product,
    star: int,
    decided_on: dt.date,
    decision_number: str,
    authority: str = Authority.PROVINCE_CHAIR,
    unit: AdminUnit | None = None,
    score: Decimal | None = None,
    certificate_number: str | None = None,
    reason: str = HISTORICAL_REASON,
    title: str = HISTORICAL_TITLE,
    signer: str = "",
) -> Certificate:
    """Record a recognition decided in the past, and supersede the certificate live on that day.

    ``unit`` defaults to the issuing unit on ``decided_on`` (see ``issuing_unit``); one given must be that
    unit. The decision is reused when one with the same number, authority and unit exists (same date).
    Refused: a future date, a date before a certificate (or a revocation) already recorded for the
    product, a star outside 3–5, 5★ not by the minister, a certificate number already used, an actor who
    may not record decisions or whose scope (on the current map) does not hold the producer.
    """
    star = _star(star)
    decided_on = _date(decided_on, field="decided_on", label="ngày quyết định")
    authority = _authority(authority, star=star, decided_on=decided_on)
    product = (
        Product.objects.select_for_update(of=("self",))
        .select_related("producer__commune", "producer__legacy_commune")
        .filter(pk=getattr(product, "pk", product))
        .first()
    )
    if product is None:
        raise NotFoundError("Không tìm thấy sản phẩm.", field="product")
    _check_actor(actor, product=product, authority=authority)
    today = timezone.localdate()
    if decided_on > today:
        raise ApplicationError(
            f"Ngày quyết định {format_date(decided_on)} sau ngày hôm nay ({format_date(today)}).",
            field="decided_on",
        )
    decision_number = _text(decision_number, field="decision_number", label="số quyết định", max_length=60)
    reason = _text(reason, field="reason", label="lý do ghi nhận")[:HISTORY_REASON_MAX]
    title = _text(title, field="title", label="trích yếu", max_length=500, required=False)
    signer = _text(signer, field="signer", label="người ký", max_length=120, required=False)
    score = _score(score, star=star)

    expected = issuing_unit(product=product, authority=authority, decided_on=decided_on)
    if authority == Authority.MINISTER:
        if unit is not None:
            raise ApplicationError(
                "Quyết định của Bộ trưởng không gắn với địa phương: để trống đơn vị ban hành.", field="unit"
            )
    elif unit is not None:
        _check_unit(unit, expected=expected, product=product, decided_on=decided_on)
    unit = expected

    if certificate_number is None:
        issuer_code = CENTRAL_CODE if unit is None else unit.path.strip("/").split("/")[1]
        serial = _next_serial(issuer_code=issuer_code, year=decided_on.year)
        number = services.certificate_number(serial=serial, issuer_code=issuer_code, year=decided_on.year)
    else:
        number = _text(
            certificate_number, field="certificate_number", label="số giấy chứng nhận", max_length=60
        )
    if Certificate.objects.filter(number=number).exists():
        raise ApplicationError(
            f"Số giấy chứng nhận {number} đã được dùng cho một giấy chứng nhận khác.",
            field="certificate_number",
        )

    previous = _check_order(product, decided_on=decided_on)
    decision = _decision(
        actor=actor,
        number=decision_number,
        authority=authority,
        unit=unit,
        decided_on=decided_on,
        title=title,
        signer=signer,
    )
    certificate = Certificate(
        number=number,
        decision=decision,
        product=product,
        producer=product.producer,
        star=star,
        score=score,
        issued_on=decided_on,
        valid_until=domain.valid_until(decided_on),
    )
    try:
        with transaction.atomic():
            _save(certificate, actor=actor, reason=reason)
    except IntegrityError as exc:
        raise ApplicationError(
            f"Số giấy chứng nhận {number} vừa được dùng; hãy ghi nhận lại.", field="certificate_number"
        ) from exc
    if previous is not None:
        previous.superseded_by = certificate
        previous.superseded_on = decided_on
        _save(
            previous,
            actor=actor,
            reason=f"Được thay thế bởi {number} ({_supersession_word(previous, star)})"[:HISTORY_REASON_MAX],
        )
    return certificate
