"""Demo certificates for ``setup_demo``: a few products walked through the whole procedure by the services.

``demo_certificates()`` takes products of the demo registry through a dossier, the commune's review, the
province's intake and advisory group, a council of three members who score independently on the legal
score sheet, the council's result, and a recognition decision. One certificate is fresh ("còn hiệu lực"),
one is close to expiry with the re-evaluation window open ("sắp hết hạn"), so the QR verification page
and the officer screens have something to show. Nothing here bypasses a service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ocop.accounts.models import Role
from ocop.certification import domain, services
from ocop.certification.models import Certificate
from ocop.core.exceptions import ApplicationError
from ocop.evaluation import lifecycle
from ocop.evaluation.domain import is_applicable, sheet_total
from ocop.evaluation.models import Council, CouncilMember, Dossier, Round, RoundLevel
from ocop.evaluation.rubrics import Criterion
from ocop.evaluation.rubrics import Rubric as Sheet
from ocop.evaluation.services import councils, dossiers, rounds, scoring
from ocop.evaluation.services.rubrics import rubric_current
from ocop.registry.models import Product

COUNCIL_SIZE = 3


def _best(criterion: Criterion) -> int:
    return max(range(len(criterion.options)), key=lambda i: (criterion.options[i].points, i))


def _worst(criterion: Criterion) -> int:
    return min(range(len(criterion.options)), key=lambda i: (criterion.options[i].points, i))


def four_star_choices(sheet: Sheet, *, story_exists: bool) -> dict[str, int]:
    """Options scoring between 70 and 90 with every 3★/4★ minimum mark met: the best option everywhere,
    then the weakest on criteria without a 3★/4★ mark until the total falls under 90."""
    criteria = [c for c in sheet.criteria() if is_applicable(c, story_exists=story_exists)]
    choices = {c.code: _best(c) for c in criteria}
    for criterion in criteria:
        if sheet_total(sheet, choices, story_exists=story_exists) < Decimal(88):
            break
        if any(level <= 4 for level in criterion.star_marks):
            continue
        choices[criterion.code] = _worst(criterion)
    return choices


def _province_of(product: Product):
    unit = product.producer.commune
    while unit.parent_id is not None:
        unit = unit.parent
    return unit


def _council_for(round_: Round, province, actor) -> Council:
    council = Council.objects.filter(round=round_).order_by("pk").first()
    if council is None:
        council = councils.council_create(
            actor=actor, round=round_, name=f"Hội đồng đánh giá, phân hạng sản phẩm OCOP {province.name}"
        )
    User = get_user_model()
    roles = ["chair"] + ["member"] * (COUNCIL_SIZE - 1)
    for index, role in enumerate(roles, start=1):
        if council.members.count() >= COUNCIL_SIZE:
            break
        username = f"hoidong.{province.code}.{index}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                role=Role.COUNCIL,
                scope_unit=province,
                last_name="Thành viên",
                first_name=f"hội đồng {index}",
            )
            user.set_unusable_password()
            user.save()
        if not council.members.filter(user=user).exists():
            councils.council_member_add(actor=actor, council=council, user=user, role=role)
    return council


def _round_for(province, actor, today: dt.date) -> Round:
    round_ = (
        Round.objects.filter(level=RoundLevel.PROVINCE, unit=province, is_open=True)
        .order_by("-year", "number")
        .first()
    )
    if round_ is not None:
        return round_
    taken = set(
        Round.objects.filter(level=RoundLevel.PROVINCE, unit=province, year=today.year).values_list(
            "number", flat=True
        )
    )
    return rounds.round_create(
        actor=actor,
        level=RoundLevel.PROVINCE,
        unit=province,
        year=today.year,
        number=next(n for n in range(1, 100) if n not in taken),
        proposal_deadline=today + dt.timedelta(days=30),
        conclusion_deadline=today + dt.timedelta(days=90),
    )


def _scored_dossier(product: Product, *, actor, today: dt.date) -> Dossier:
    dossier = dossiers.dossier_create(actor=actor, product=product)
    sheet = rubric_current(product_set_number=product.product_set.number).sheet
    choices = four_star_choices(sheet, story_exists=dossier.story_exists)
    for code, index in choices.items():
        dossiers.self_score_set(actor=actor, dossier=dossier, criterion_code=code, option_index=index)
    province = _province_of(product)
    step = dossiers.dossier_transition
    step(actor=actor, dossier=dossier, to_status=lifecycle.SUBMITTED)
    step(actor=actor, dossier=dossier, to_status=lifecycle.COMMUNE_REVIEW)
    assessment = {key: f"{label}: đạt yêu cầu." for key, label in dossiers.COMMUNE_ASSESSMENT_FIELDS.items()}
    step(actor=actor, dossier=dossier, to_status=lifecycle.PROVINCE_INTAKE, commune_assessment=assessment)
    round_ = _round_for(province, actor, today)
    step(actor=actor, dossier=dossier, to_status=lifecycle.ADVISORY_REVIEW, round=round_)
    dossiers.dossier_advisory_update(
        actor=actor,
        dossier=dossier,
        advisory_report="Hồ sơ đầy đủ, đúng quy định; đề nghị chuyển hội đồng.",
        field_visit_notes="Đã khảo sát cơ sở sản xuất.",
    )
    council = _council_for(round_, province, actor)
    step(actor=actor, dossier=dossier, to_status=lifecycle.COUNCIL, council=council)
    chair = None
    for seat in CouncilMember.objects.filter(council=council).select_related("user").order_by("pk"):
        if not seat.scores:
            continue
        scoring.conflict_declare(actor=seat.user, dossier=dossier, has_conflict=False)
        scoring.sheet_save(actor=seat.user, dossier=dossier, choices=choices)
        scoring.sheet_submit(actor=seat.user, dossier=dossier)
        if seat.role == "chair":
            chair = seat.user
    scoring.result_conclude(actor=chair, dossier=dossier)
    return Dossier.objects.get(pk=dossier.pk)


def _candidates(count: int) -> list[Product]:
    busy = Dossier.objects.exclude(status__in=lifecycle.FINAL_STATES).values("product_id")
    qs = (
        Product.objects.exclude(pk__in=busy)
        .filter(certificates__isnull=True, producer__commune__valid_to__isnull=True)
        .select_related("producer__commune__parent__parent", "product_set")
        .order_by("pk")
    )
    return list(qs[:count])


@transaction.atomic
def demo_certificates(
    *,
    products: Iterable[Product] | None = None,
    count: int = 2,
    today: dt.date | None = None,
    log: Callable[[str], None] | None = None,
) -> list[Certificate]:
    """Certify ``products`` (default: the first ``count`` products without a certificate) through the real
    procedure; the first certificate is recent, the second expires in 150 days (re-evaluation window open).

    Idempotent: returns the existing certificates when there are some already.
    """
    existing = list(Certificate.objects.order_by("pk")[:count])
    if existing:
        return existing
    today = today or timezone.localdate()
    actor = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if actor is None:
        raise ApplicationError("Chưa có tài khoản quản trị để tạo giấy chứng nhận mẫu.")
    chosen = list(products) if products is not None else _candidates(count)
    made: list[Certificate] = []
    for index, product in enumerate(chosen):
        dossier = _scored_dossier(product, actor=actor, today=today)
        if dossier.status != lifecycle.SCORED:
            continue
        if index % 2 == 0:
            signed_on = today - dt.timedelta(days=30)
        else:  # expires in 150 days: "sắp hết hạn", re-evaluation window open
            signed_on = domain.add_months(today + dt.timedelta(days=150), -domain.VALIDITY_MONTHS)
        province = _province_of(product)
        decision = services.decision_issue(
            actor=actor,
            dossiers=[dossier],
            number=f"{100 + index}/QĐ-UBND",
            signed_on=signed_on,
            signer="Chủ tịch UBND " + province.name.removeprefix("Tỉnh ").removeprefix("Thành phố "),
            title=f"Công nhận sản phẩm OCOP năm {signed_on.year} (dữ liệu mẫu)",
        )
        certificate = decision.certificates.get()
        made.append(certificate)
        if log:
            log(f"Giấy chứng nhận {certificate.number}: {product.name} → {certificate.get_public_url()}")
    return made
