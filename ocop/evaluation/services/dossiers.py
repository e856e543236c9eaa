"""Dossier use cases: prepare (Mẫu 01, Mẫu 02 self-scores, evidence), and move along the procedure.

``dossier_transition`` is the only writer of ``Dossier.status``. Beside it,
``dossier_commune_assessment_save`` keeps the commune's Mẫu 03 as a draft and ``dossier_advisory_update``
the advisory group's report. The side effects of ``dossier_transition``, by target state:

- ``submitted``: the rubric in force is frozen on the dossier with snapshots of producer and product,
  the registration number ``…/PĐK-(tỉnh)-(xã)-(năm)`` is assigned, every applicable criterion must
  carry a self-score; a resubmission keeps number and rubric, and clears the previous receipt (the
  commune receives it, and counts its 15 working days, afresh);
- ``commune_review``: receipt date, and the 15-working-day due date of the commune's review;
- ``province_intake``: the commune's Mẫu 03 assessment must be complete;
- ``advisory_review``: the province's receipt date (and the round, when given: an open province round of
  the dossier's own province);
- ``council``: the council that will score it (a council of the dossier's round, when it has one);
- ``returned`` / ``disqualified`` / ``withdrawn``: the reason is kept on the dossier;
- ``central``: only for a province result of 90 points or more.

Every transition writes a ``DossierTransition`` row and a history entry naming the actor and the reason,
in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.core.text import normalize
from ocop.evaluation import lifecycle
from ocop.evaluation.domain import commune_review_due, is_applicable, registration_number
from ocop.evaluation.models import (
    Council,
    Dossier,
    DossierKind,
    DossierTransition,
    Evidence,
    Round,
    SelfScore,
)
from ocop.evaluation.permissions import can_act_as, can_view_dossier
from ocop.evaluation.services.rubrics import rubric_current
from ocop.registry.models import Product

COMMUNE_ASSESSMENT_FIELDS = {
    "local_materials": "Nguồn gốc sản phẩm, nguyên liệu tại địa phương",
    "local_labour": "Sử dụng lao động địa phương",
    "idea_origin": "Nguồn gốc ý tưởng sản phẩm",
    "local_identity": "Bản sắc, trí tuệ địa phương",
    "conclusion": "Kết luận và đề xuất của UBND cấp xã",
}
APPLICATION_FIELDS = ("representative", "title", "address", "phone", "email", "product_name", "notes")


HISTORY_REASON_MAX = 100  # django-simple-history's history_change_reason column


def change_reason(reason: str) -> str:
    """A reason shortened to fit the history column (the full text stays on the transition row)."""
    return reason if len(reason) <= HISTORY_REASON_MAX else reason[: HISTORY_REASON_MAX - 1] + "…"


def _open_dossier_for(product: Product) -> Dossier | None:
    return Dossier.objects.filter(product=product).exclude(status__in=lifecycle.FINAL_STATES).first()


def _default_application(product: Product) -> dict[str, str]:
    producer = product.producer
    return {
        "representative": producer.legal_rep_name,
        "title": producer.legal_rep_title,
        "address": f"{producer.address}, {producer.commune.name}, {producer.commune.parent.name}",
        "phone": producer.phone,
        "email": producer.email,
        "product_name": product.name,
        "notes": "",
    }


def _clean_application(data: dict[str, Any]) -> dict[str, str]:
    unknown = sorted(set(data) - set(APPLICATION_FIELDS))
    if unknown:
        raise ApplicationError(
            f"Trường không có trong phiếu đăng ký: {', '.join(unknown)}.", field=unknown[0]
        )
    return {key: normalize(str(value)) for key, value in data.items()}


def _save(dossier: Dossier, *, actor, reason: str) -> None:
    dossier._history_user = actor
    dossier._change_reason = change_reason(reason)
    dossier.save()


@transaction.atomic
def dossier_create(
    *,
    actor,
    product: Product,
    kind: str = DossierKind.FIRST,
    application: dict[str, Any] | None = None,
    story_exists: bool | None = None,
    samples_count: int = 5,
    previous_certificate_number: str = "",
    previous_star: int | None = None,
    previous_valid_until: dt.date | None = None,
) -> Dossier:
    """Open a draft dossier for a product (one open dossier per product at a time)."""
    dossier = Dossier(
        kind=kind,
        product=product,
        producer=product.producer,
        commune=product.producer.commune,
        product_set_number=product.product_set.number,
        created_by=actor,
    )
    if not can_view_dossier(actor, dossier):
        raise NotFoundError("Không tìm thấy sản phẩm.")
    if not can_act_as(actor, dossier, "producer"):
        raise PermissionDeniedError("Bạn không có quyền lập hồ sơ cho sản phẩm này.")
    if kind not in DossierKind.values:
        raise ApplicationError("Loại hồ sơ không hợp lệ.", field="kind")
    if kind != DossierKind.FIRST and not (
        previous_certificate_number and previous_star and previous_valid_until
    ):
        raise ApplicationError(
            "Hồ sơ nâng hạng hoặc đánh giá lại phải gắn với giấy chứng nhận đang có của sản phẩm.",
            field="kind",
        )
    existing = _open_dossier_for(product)
    if existing:
        raise ApplicationError(
            f"Sản phẩm “{product.name}” đang có hồ sơ {existing} ({existing.get_status_display().lower()}) "
            "chưa kết thúc; hãy tiếp tục hồ sơ đó hoặc rút hồ sơ trước khi lập hồ sơ mới.",
            field="product",
        )
    if not 0 <= samples_count <= 50:
        raise ApplicationError("Số mẫu sản phẩm phải từ 0 đến 50.", field="samples_count")
    dossier.application = {**_default_application(product), **_clean_application(application or {})}
    dossier.story_exists = bool(product.story) if story_exists is None else story_exists
    dossier.samples_count = samples_count
    dossier.previous_certificate_number = previous_certificate_number
    dossier.previous_star = previous_star
    dossier.previous_valid_until = previous_valid_until
    _save(dossier, actor=actor, reason="Lập hồ sơ")
    return dossier


def _check_editable(actor, dossier: Dossier) -> None:
    if not can_view_dossier(actor, dossier):
        raise NotFoundError("Không tìm thấy hồ sơ.")
    if not can_act_as(actor, dossier, "producer"):
        raise PermissionDeniedError("Bạn không có quyền sửa hồ sơ này.")
    if dossier.status not in lifecycle.EDITABLE_STATES:
        raise ApplicationError(
            f"Hồ sơ đang ở bước “{dossier.get_status_display()}”, không sửa được nội dung; "
            "chỉ sửa khi đang soạn hoặc được trả lại để bổ sung."
        )


@transaction.atomic
def dossier_update(
    *,
    actor,
    dossier: Dossier,
    application: dict[str, Any] | None = None,
    story_exists: bool | None = None,
    samples_count: int | None = None,
) -> Dossier:
    """Change the registration form (Mẫu 01) of a dossier still being prepared."""
    dossier = Dossier.objects.select_for_update(of=("self",)).get(pk=dossier.pk)
    _check_editable(actor, dossier)
    if application is not None:
        dossier.application = {**dossier.application, **_clean_application(application)}
    if story_exists is not None:
        dossier.story_exists = story_exists
    if samples_count is not None:
        if not 0 <= samples_count <= 50:
            raise ApplicationError("Số mẫu sản phẩm phải từ 0 đến 50.", field="samples_count")
        dossier.samples_count = samples_count
    _save(dossier, actor=actor, reason="Cập nhật phiếu đăng ký")
    return dossier


def _sheet_for(dossier: Dossier):
    rubric = dossier.rubric or rubric_current(product_set_number=dossier.product_set_number)
    return rubric, rubric.sheet


@transaction.atomic
def self_score_set(
    *, actor, dossier: Dossier, criterion_code: str, option_index: int, note: str = ""
) -> SelfScore:
    """Record the producer's self-score (Mẫu 02) on one criterion: the option it claims to meet."""
    _check_editable(actor, dossier)
    _, sheet = _sheet_for(dossier)
    try:
        criterion = sheet.criterion(criterion_code)
    except KeyError:
        raise ApplicationError(
            f"Phiếu đánh giá không có tiêu chí {criterion_code}.", field="criterion_code"
        ) from None
    if (
        isinstance(option_index, bool)
        or not isinstance(option_index, int)
        or not (0 <= option_index < len(criterion.options))
    ):
        raise ApplicationError(
            f"Tiêu chí {criterion_code} chỉ có {len(criterion.options)} phương án.", field="option_index"
        )
    if not is_applicable(criterion, story_exists=dossier.story_exists):
        raise ApplicationError(
            f"Tiêu chí {criterion_code} ({criterion.name}) chỉ áp dụng khi có câu chuyện sản phẩm; "
            "hãy đánh dấu “có câu chuyện sản phẩm” ở phiếu đăng ký (Mẫu 01) trước khi tự chấm tiêu chí này.",
            field="criterion_code",
        )
    score, _ = SelfScore.objects.update_or_create(
        dossier=dossier,
        criterion_code=criterion_code,
        defaults={
            "option_index": option_index,
            "points": criterion.options[option_index].points,
            "note": normalize(note),
        },
    )
    return score


@transaction.atomic
def self_scores_set_many(*, actor, dossier: Dossier, scores: dict[str, tuple[int, str]]) -> int:
    """Record several self-scores at once (criterion code → (option index, note)); all or nothing."""
    for code, (option_index, note) in scores.items():
        self_score_set(
            actor=actor, dossier=dossier, criterion_code=code, option_index=option_index, note=note
        )
    return len(scores)


def self_score_total(dossier: Dossier) -> float:
    """The producer's own total: points of the options chosen on the applicable criteria."""
    _, sheet = _sheet_for(dossier)
    criteria = {c.code: c for c in sheet.criteria()}
    total = 0.0
    for score in dossier.self_scores.all():
        criterion = criteria.get(score.criterion_code)
        if criterion is not None and is_applicable(criterion, story_exists=dossier.story_exists):
            total += float(score.points)
    return total


EVIDENCE_EXTENSIONS = {
    "pdf": (b"%PDF",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
}
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def evidence_file_problem(file) -> str | None:
    """Why an uploaded file cannot be evidence (type, size, content), or ``None`` when it can."""
    name = getattr(file, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EVIDENCE_EXTENSIONS:
        return (
            f"Tệp “{name}” không đúng định dạng; chỉ nhận PDF, JPG, PNG, DOCX hoặc XLSX "
            "(hãy lưu lại hoặc quét tài liệu sang một trong các định dạng đó)."
        )
    size = getattr(file, "size", None) or 0
    if size > EVIDENCE_MAX_BYTES:
        return (
            f"Tệp “{name}” nặng {size / 1024 / 1024:.1f} MB, vượt quá 10 MB; "
            "hãy nén hoặc tách tệp rồi tải lại."
        )
    if size == 0:
        return f"Tệp “{name}” rỗng; hãy chọn lại tệp."
    position = file.tell() if hasattr(file, "tell") else 0
    head = file.read(8)
    file.seek(position)
    if not any(head.startswith(magic) for magic in EVIDENCE_EXTENSIONS[extension]):
        return (
            f"Nội dung tệp “{name}” không phải {extension.upper()} như phần mở rộng của tên tệp; "
            "hãy kiểm tra lại tệp."
        )
    return None


@transaction.atomic
def evidence_add(*, actor, dossier: Dossier, title: str, file, criterion_code: str = "") -> Evidence:
    """Attach a document to a dossier, to the criterion it proves when one is named."""
    if not can_view_dossier(actor, dossier):
        raise NotFoundError("Không tìm thấy hồ sơ.")
    officer = can_act_as(actor, dossier, "commune") or can_act_as(actor, dossier, "province")
    if dossier.status in lifecycle.FINAL_STATES or not (
        officer or (can_act_as(actor, dossier, "producer") and dossier.status in lifecycle.EDITABLE_STATES)
    ):
        raise PermissionDeniedError("Bạn không thể thêm tài liệu vào hồ sơ ở bước này.")
    if criterion_code:
        _, sheet = _sheet_for(dossier)
        try:
            sheet.criterion(criterion_code)
        except KeyError:
            raise ApplicationError(
                f"Phiếu đánh giá không có tiêu chí {criterion_code}.", field="criterion_code"
            ) from None
    title = normalize(title)
    if not title:
        raise ApplicationError("Hãy đặt tên cho tài liệu.", field="title")
    if len(title) > 255:
        raise ApplicationError("Tên tài liệu dài quá 255 ký tự.", field="title")
    if file is None:
        raise ApplicationError("Hãy chọn tệp tài liệu.", field="file")
    problem = evidence_file_problem(file)
    if problem:
        raise ApplicationError(problem, field="file")
    evidence = Evidence(
        dossier=dossier, criterion_code=criterion_code, title=title, file=file, uploaded_by=actor
    )
    evidence._history_user = actor
    evidence._change_reason = "Thêm tài liệu minh chứng"
    evidence.save()
    return evidence


def _valid_self_scores(dossier: Dossier, sheet, *, actor) -> set[str]:
    """Codes of the self-scores that fit ``sheet``; points are brought in line with the sheet's options."""
    criteria = {c.code: c for c in sheet.criteria()}
    valid: set[str] = set()
    for score in dossier.self_scores.all():
        criterion = criteria.get(score.criterion_code)
        if criterion is None or score.option_index >= len(criterion.options):
            continue  # made against another version of the sheet: it counts as missing
        points = criterion.options[score.option_index].points
        if float(score.points) != float(points):
            score.points = points
            score._history_user = actor
            score._change_reason = f"Điểm theo phiếu đánh giá {dossier.rubric}"
            score.save(update_fields=["points"])
        valid.add(score.criterion_code)
    return valid


def _next_serial(tail: str) -> int:
    """Next serial of the commune's registration numbers of a year (highest in use + 1)."""
    serials = [0]
    for number in Dossier.objects.filter(registration_number__endswith=tail).values_list(
        "registration_number", flat=True
    ):
        head = number.split("/", 1)[0]
        if head.isdigit():
            serials.append(int(head))
    return max(serials) + 1


def _freeze(dossier: Dossier, *, actor, today: dt.date) -> None:
    rubric, sheet = _sheet_for(dossier)
    if dossier.rubric_id is None:
        dossier.rubric = rubric
    scored = _valid_self_scores(dossier, sheet, actor=actor)
    missing = [
        c.code
        for c in sheet.criteria()
        if is_applicable(c, story_exists=dossier.story_exists) and c.code not in scored
    ]
    if missing:
        raise ApplicationError(
            "Chưa tự đánh giá các tiêu chí: " + ", ".join(missing) + " (Mẫu 02, phần III).",
            field="self_scores",
            extra={"missing": missing},
        )
    producer, product = dossier.producer, dossier.product
    dossier.producer_snapshot = {
        "name": producer.name,
        "kind": producer.kind,
        "registration_code": producer.registration_code,
        "legal_rep_name": producer.legal_rep_name,
        "legal_rep_gender": producer.legal_rep_gender,
        "legal_rep_ethnicity": producer.legal_rep_ethnicity,
        "commune": producer.commune.name,
        "commune_code": producer.commune.code,
        "province": producer.commune.parent.name,
        "address": producer.address,
        "workforce_total": producer.workforce_total,
        "workforce_local": producer.workforce_local,
    }
    dossier.product_snapshot = {
        "name": product.name,
        "product_set": product.product_set.number,
        "product_set_name": product.product_set.name,
        "description": product.description,
        "story": product.story,
        "ocop_code": product.ocop_code,
    }
    dossier.submitted_at = timezone.now()
    if not dossier.registration_number:
        commune = dossier.commune
        province_code = commune.path.strip("/").split("/")[1]
        year = today.year
        tail = f"/PĐK-{province_code}-{commune.code}-{year}"
        try:
            dossier.registration_number = registration_number(
                serial=_next_serial(tail), province_code=province_code, commune_code=commune.code, year=year
            )
        except ValueError as exc:
            raise ApplicationError(
                f"Không lập được số phiếu đăng ký cho {commune.name}: {exc}. "
                "Hãy báo quản trị hệ thống kiểm tra mã đơn vị hành chính."
            ) from exc


def _apply(
    dossier: Dossier, to_status: str, *, actor, today: dt.date, reason: str, changes: dict[str, Any]
) -> None:
    if to_status == lifecycle.SUBMITTED:
        _freeze(dossier, actor=actor, today=today)
        dossier.return_reason = ""
        dossier.commune_received_on = None  # a resubmitted dossier is received (and timed) afresh
        dossier.commune_due_on = None
    elif to_status == lifecycle.COMMUNE_REVIEW:
        dossier.commune_received_on = today
        dossier.commune_due_on = commune_review_due(today)
    elif to_status == lifecycle.PROVINCE_INTAKE:
        assessment = {
            **dossier.commune_assessment,
            **{k: normalize(str(v)) for k, v in (changes.pop("commune_assessment", None) or {}).items()},
        }
        missing = [label for key, label in COMMUNE_ASSESSMENT_FIELDS.items() if not assessment.get(key)]
        if missing:
            raise ApplicationError(
                "Báo cáo đánh giá của xã (Mẫu 03) còn thiếu: " + "; ".join(missing) + ".",
                field="commune_assessment",
            )
        dossier.commune_assessment = assessment
    elif to_status == lifecycle.ADVISORY_REVIEW:
        dossier.province_received_on = today
        round_ = changes.pop("round", None)
        if round_ is not None:
            if not isinstance(round_, Round):
                raise ApplicationError("Hãy chọn một đợt đánh giá cấp tỉnh.", field="round")
            round_ = Round.objects.select_related("unit").get(pk=round_.pk)  # as it is now, not as passed
            if round_.level != "province":
                raise ApplicationError("Hãy chọn một đợt đánh giá cấp tỉnh.", field="round")
            if round_.unit is None or not dossier.commune.path.startswith(round_.unit.path):
                raise ApplicationError(
                    f"{round_.name} không phải đợt đánh giá của tỉnh nơi chủ thể đăng ký; "
                    "hãy chọn một đợt của tỉnh mình.",
                    field="round",
                )
            if not round_.is_open:
                raise ApplicationError(f"{round_.name} đã đóng; hãy chọn một đợt đang mở.", field="round")
            dossier.round = round_
    elif to_status == lifecycle.COUNCIL:
        council = changes.pop("council", None)
        if not isinstance(council, Council):
            raise ApplicationError("Hãy chọn hội đồng chấm điểm.", field="council")
        council = Council.objects.select_related("round").get(pk=council.pk)
        expected = "central" if dossier.status == lifecycle.CENTRAL else "province"
        if council.round.level != expected:
            raise ApplicationError("Hội đồng không thuộc cấp đánh giá của hồ sơ.", field="council")
        if expected == "province" and dossier.round_id and council.round_id != dossier.round_id:
            raise ApplicationError(
                f"Hội đồng “{council.name}” thuộc {council.round.name}, không phải đợt của hồ sơ "
                f"({dossier.round.name}); hãy chọn một hội đồng của đợt này.",
                field="council",
            )
        dossier.council = council
        dossier.round = council.round
    elif to_status == lifecycle.RETURNED:
        dossier.return_reason = reason
    elif to_status == lifecycle.DISQUALIFIED:
        dossier.disqualification_reason = reason
    elif to_status == lifecycle.CENTRAL:
        from ocop.evaluation.domain import goes_to_central

        result = dossier.results.order_by("-created_at").first()
        if result is None or not goes_to_central(result.mean_score):
            raise ApplicationError("Chỉ sản phẩm đạt từ 90 điểm trở lên mới được đề nghị đánh giá 5 sao.")
    if changes:
        raise ApplicationError(f"Thông tin không dùng ở bước này: {', '.join(sorted(changes))}.")


@transaction.atomic
def dossier_transition(
    *, actor, dossier: Dossier, to_status: str, reason: str = "", today: dt.date | None = None, **changes: Any
) -> Dossier:
    """Move a dossier one step along the procedure (see the module docstring for side effects)."""
    today = today or timezone.localdate()
    dossier = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("producer__commune__parent", "product__product_set", "council", "commune", "round")
        .get(pk=dossier.pk)
    )
    if not can_view_dossier(actor, dossier):
        raise NotFoundError("Không tìm thấy hồ sơ.")
    step = lifecycle.step(dossier.status, to_status)
    if step is None:
        raise ApplicationError(
            f"Hồ sơ đang ở bước “{dossier.get_status_display()}”, không thể chuyển sang bước này.",
            field="status",
        )
    if not can_act_as(actor, dossier, step.actor):
        raise PermissionDeniedError(f"Bạn không có quyền thực hiện bước “{step.label}” với hồ sơ này.")
    reason = normalize(reason)
    if step.needs_reason and not reason:
        raise ApplicationError(f"Hãy ghi lý do khi “{step.label.lower()}”.", field="reason")
    from_status = dossier.status
    _apply(dossier, to_status, actor=actor, today=today, reason=reason, changes=dict(changes))
    dossier.status = to_status
    _save(dossier, actor=actor, reason=reason or step.label)
    DossierTransition.objects.create(
        dossier=dossier,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        reason=reason or step.label,
    )
    return dossier


def _clean_assessment(data: dict[str, Any]) -> dict[str, str]:
    unknown = sorted(set(data) - set(COMMUNE_ASSESSMENT_FIELDS))
    if unknown:
        raise ApplicationError(
            f"Trường không có trong báo cáo Mẫu 03: {', '.join(unknown)}.", field="commune_assessment"
        )
    return {key: normalize(str(value or "")) for key, value in data.items()}


@transaction.atomic
def dossier_commune_assessment_save(*, actor, dossier: Dossier, assessment: dict[str, Any]) -> Dossier:
    """Save the commune's assessment (Mẫu 03) as a draft while the commune reviews the dossier.

    Any subset of the fields may be given (a draft may be incomplete); completeness is checked when the
    commune forwards the dossier to the province (``dossier_transition`` to ``province_intake``).
    """
    dossier = Dossier.objects.select_for_update(of=("self",)).select_related("commune").get(pk=dossier.pk)
    if not can_view_dossier(actor, dossier):
        raise NotFoundError("Không tìm thấy hồ sơ.")
    if not can_act_as(actor, dossier, "commune"):
        raise PermissionDeniedError("Chỉ cán bộ cấp xã nơi tiếp nhận hồ sơ mới lập được báo cáo Mẫu 03.")
    if dossier.status != lifecycle.COMMUNE_REVIEW:
        raise ApplicationError(
            f"Hồ sơ đang ở bước “{dossier.get_status_display()}”; báo cáo Mẫu 03 chỉ lập được khi xã "
            "đã tiếp nhận và đang xem xét hồ sơ."
        )
    dossier.commune_assessment = {**dossier.commune_assessment, **_clean_assessment(assessment)}
    _save(dossier, actor=actor, reason="Lưu nháp báo cáo đánh giá của xã (Mẫu 03)")
    return dossier


ADVISORY_STATES = frozenset({lifecycle.ADVISORY_REVIEW, lifecycle.COUNCIL})


@transaction.atomic
def dossier_advisory_update(
    *,
    actor,
    dossier: Dossier,
    advisory_report: str | None = None,
    field_visit_notes: str | None = None,
    extra_tests: str | None = None,
) -> Dossier:
    """Record the advisory group's work (Tổ tư vấn, Điều 7.3.c): report, field-visit notes, extra tests.

    Written by the province's OCOP office while the advisory group reviews the dossier, and still while
    the council scores it (extra test results often arrive then). ``None`` leaves a field as it is.
    """
    dossier = Dossier.objects.select_for_update(of=("self",)).select_related("commune").get(pk=dossier.pk)
    if not can_view_dossier(actor, dossier):
        raise NotFoundError("Không tìm thấy hồ sơ.")
    if not can_act_as(actor, dossier, "province"):
        raise PermissionDeniedError("Chỉ cán bộ cấp tỉnh phụ trách hồ sơ mới ghi được báo cáo của tổ tư vấn.")
    if dossier.status not in ADVISORY_STATES:
        raise ApplicationError(
            f"Hồ sơ đang ở bước “{dossier.get_status_display()}”; báo cáo tổ tư vấn chỉ ghi khi hồ sơ "
            "đang được tổ tư vấn thẩm định hoặc hội đồng đang chấm."
        )
    changed = []
    for name, value in (
        ("advisory_report", advisory_report),
        ("field_visit_notes", field_visit_notes),
        ("extra_tests", extra_tests),
    ):
        if value is not None:
            setattr(dossier, name, str(value).strip())
            changed.append(name)
    if not changed:
        raise ApplicationError("Không có nội dung nào để ghi.")
    _save(dossier, actor=actor, reason="Cập nhật báo cáo tổ tư vấn")
    return dossier
