"""Scoped reads of dossiers, rounds and queues: every page and API call of the dossier procedure reads here.

``dossiers_for_user`` is the queryset form of ``permissions.can_view_dossier`` (the producer's own
dossiers; officers' area scope; council seats), so lists and details agree. Queues add the time limits:
the commune's 15 working days (``commune_due_on``, or the date it would have if received today) and the
round's conclusion deadline for the province.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from ocop.accounts.models import Role
from ocop.accounts.scoping import is_producer_account, scope_of
from ocop.core.exceptions import NotFoundError
from ocop.core.text import fold
from ocop.evaluation import lifecycle
from ocop.evaluation.domain import commune_review_due, is_applicable, is_overdue, is_working_day
from ocop.evaluation.models import (
    Council,
    Dossier,
    DossierStatus,
    DossierTransition,
    Evidence,
    Round,
    RoundLevel,
    SelfScore,
)
from ocop.evaluation.permissions import can_view_dossier
from ocop.evaluation.rubrics import Criterion
from ocop.evaluation.rubrics import Rubric as RubricSheet

COMMUNE_QUEUE_STATES = (lifecycle.SUBMITTED, lifecycle.COMMUNE_REVIEW)
PROVINCE_QUEUE_STATES = (lifecycle.PROVINCE_INTAKE, lifecycle.ADVISORY_REVIEW, lifecycle.SCORED)
# States in which a dossier still waits for someone in a round (counted as overdue past the round's deadline).
OPEN_STATES = tuple(s for s in DossierStatus.values if s not in lifecycle.FINAL_STATES)

_LIST_RELATED = ("producer", "product__product_set", "commune__parent", "round")


# ----------------------------------------------------------------------------------------------------
# Scope


def dossiers_for_user(*, user) -> QuerySet[Dossier]:
    """Every dossier ``user`` may see (the same rule as ``can_view_dossier``)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Dossier.objects.none()
    if is_producer_account(user):
        return (
            Dossier.objects.filter(producer_id=user.producer_id)
            if user.producer_id
            else Dossier.objects.none()
        )
    scope = scope_of(user)
    if scope.nationwide:
        return Dossier.objects.all()
    condition = Q(council_id__in=Council.objects.filter(members__user=user).values("pk"))
    if user.role in {Role.PROVINCE, Role.COMMUNE, Role.COUNCIL} and scope.unit is not None:
        condition |= Q(commune__path__startswith=scope.unit.path)
    return Dossier.objects.filter(condition)


@dataclass(frozen=True)
class DossierFilters:
    q: str | None = None
    status: str | None = None
    kind: str | None = None
    round_id: int | None = None
    product_id: int | None = None


def dossier_list(*, user, filters: DossierFilters | None = None) -> QuerySet[Dossier]:
    """The dossiers a user may see, filtered, newest first, with what list pages show joined in."""
    filters = filters or DossierFilters()
    qs = dossiers_for_user(user=user).select_related(*_LIST_RELATED)
    for word in fold(filters.q).split():
        qs = qs.filter(
            Q(product__name_folded__contains=word)
            | Q(producer__name_folded__contains=word)
            | Q(registration_number__icontains=word)
        )
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.round_id:
        qs = qs.filter(round_id=filters.round_id)
    if filters.product_id:
        qs = qs.filter(product_id=filters.product_id)
    return qs.order_by("-created_at", "-pk")


def dossier_get_for_user(*, user, pk: Any) -> Dossier:
    """One dossier with its people and places joined in; ``NotFoundError`` outside the user's scope."""
    try:
        dossier = Dossier.objects.select_related(
            "producer__commune__parent",
            "product__product_set__group__sector",
            "commune__parent",
            "round__unit",
            "council",
            "rubric",
            "created_by",
        ).get(pk=int(pk))
    except (Dossier.DoesNotExist, TypeError, ValueError):
        raise NotFoundError("Không tìm thấy hồ sơ.") from None
    if not can_view_dossier(user, dossier):
        raise NotFoundError("Không tìm thấy hồ sơ.")
    return dossier


def timeline(dossier: Dossier) -> QuerySet[DossierTransition]:
    """Every step of the dossier (who, when, from which state to which, why), oldest first."""
    return dossier.transitions.select_related("actor").order_by("at", "pk")


def evidence_of(dossier: Dossier) -> QuerySet[Evidence]:
    return dossier.evidence.select_related("uploaded_by").order_by("criterion_code", "pk")


# ----------------------------------------------------------------------------------------------------
# Time limits


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not after ``start``)."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


@dataclass(frozen=True)
class Due:
    """A time limit as a queue shows it: the date, whether it is only projected, what is left or how late."""

    on: dt.date | None
    label: str = ""
    projected: bool = False
    working_days_left: int | None = None
    days_left: int | None = None
    days_late: int | None = None

    @property
    def overdue(self) -> bool:
        return self.days_late is not None and self.days_late > 0

    @property
    def text(self) -> str:
        if self.on is None:
            return "—"
        if self.overdue:
            return f"quá hạn {self.days_late} ngày"
        if self.working_days_left is not None:
            return f"còn {self.working_days_left} ngày làm việc"
        return f"còn {self.days_left} ngày"


def _due(on: dt.date | None, today: dt.date, *, label: str, projected: bool = False, working: bool) -> Due:
    if on is None:
        return Due(on=None, label=label)
    if is_overdue(on, today):
        return Due(on=on, label=label, projected=projected, days_late=(today - on).days)
    left = working_days_between(today, on) if working else None
    return Due(
        on=on,
        label=label,
        projected=projected,
        working_days_left=left,
        days_left=(on - today).days,
        days_late=0,
    )


def commune_due(dossier: Dossier, *, today: dt.date | None = None) -> Due:
    """The commune's 15-working-day limit: set at receipt; before receipt, the date it would get today."""
    today = today or timezone.localdate()
    if dossier.commune_due_on and dossier.status != lifecycle.COMMUNE_REVIEW:
        return Due(on=dossier.commune_due_on, label="Hạn xã xem xét")  # the commune's part is over
    if dossier.commune_due_on:
        return _due(dossier.commune_due_on, today, label="Hạn xã xem xét", working=True)
    if dossier.status == lifecycle.SUBMITTED:
        return _due(
            commune_review_due(today),
            today,
            label="Hạn xã xem xét (nếu tiếp nhận hôm nay)",
            projected=True,
            working=True,
        )
    return Due(on=None, label="Hạn xã xem xét")


def round_due(round_: Round | None, *, today: dt.date | None = None) -> Due:
    """A round's conclusion deadline as a time limit."""
    today = today or timezone.localdate()
    if round_ is None:
        return Due(on=None, label="Hạn hoàn thành của đợt")
    return _due(round_.conclusion_deadline, today, label="Hạn hoàn thành của đợt", working=False)


@dataclass(frozen=True)
class QueueItem:
    dossier: Dossier
    due: Due


def commune_queue(*, user) -> QuerySet[Dossier]:
    """Dossiers waiting for the commune (submitted, under review) in scope: earliest due first.

    Dossiers not yet received sort by their submission day (their limit starts at receipt, so they come
    before those received later)."""
    return (
        dossiers_for_user(user=user)
        .filter(status__in=COMMUNE_QUEUE_STATES)
        .select_related(*_LIST_RELATED)
        .annotate(sort_due=Coalesce("commune_due_on", TruncDate("submitted_at")))
        .order_by("sort_due", "submitted_at", "pk")
    )


def province_queue(*, user, round_id: int | None = None) -> QuerySet[Dossier]:
    """Dossiers waiting for the province (intake, advisory review, result to decide) in scope.

    Ordered by the round's conclusion deadline (dossiers without a round first: they need one), then by
    the day the commune proposed them."""
    qs = dossiers_for_user(user=user).filter(status__in=PROVINCE_QUEUE_STATES).select_related(*_LIST_RELATED)
    if round_id:
        qs = qs.filter(round_id=round_id)
    return qs.order_by(Coalesce("round__conclusion_deadline", dt.date(1900, 1, 1)).asc(), "updated_at", "pk")


def with_commune_due(dossiers: Iterable[Dossier], *, today: dt.date | None = None) -> list[QueueItem]:
    today = today or timezone.localdate()
    return [QueueItem(d, commune_due(d, today=today)) for d in dossiers]


def with_round_due(dossiers: Iterable[Dossier], *, today: dt.date | None = None) -> list[QueueItem]:
    today = today or timezone.localdate()
    return [QueueItem(d, round_due(d.round, today=today)) for d in dossiers]


# ----------------------------------------------------------------------------------------------------
# Rounds


def rounds_for_user(*, user) -> QuerySet[Round]:
    """Rounds a user may see: nationwide officers all; other officers their province's rounds and the
    central rounds; producers none (they see the round on their own dossier)."""
    if user is None or not user.is_authenticated or not user.is_active or is_producer_account(user):
        return Round.objects.none()
    scope = scope_of(user)
    if scope.nationwide:
        return Round.objects.all()
    if scope.unit is None:
        return Round.objects.none()
    province_path = "/".join(scope.unit.path.split("/")[:3]) + "/"
    return Round.objects.filter(Q(level=RoundLevel.CENTRAL) | Q(unit__path=province_path))


def round_list(
    *, user, year: int | None = None, level: str | None = None, today: dt.date | None = None
) -> QuerySet[Round]:
    """Rounds in scope with counts: dossiers, those still open, open ones past the conclusion deadline."""
    today = today or timezone.localdate()
    qs = rounds_for_user(user=user).select_related("unit")
    if year:
        qs = qs.filter(year=year)
    if level:
        qs = qs.filter(level=level)
    open_q = Q(dossiers__status__in=OPEN_STATES)
    return qs.annotate(
        dossier_count=Count("dossiers", distinct=True),
        open_count=Count("dossiers", filter=open_q, distinct=True),
        overdue_count=Count("dossiers", filter=open_q & Q(conclusion_deadline__lt=today), distinct=True),
    ).order_by("-year", "level", "unit__name_sort", "-number", "pk")


def round_get_for_user(*, user, pk: Any) -> Round:
    try:
        return rounds_for_user(user=user).select_related("unit").get(pk=int(pk))
    except (Round.DoesNotExist, TypeError, ValueError):
        raise NotFoundError("Không tìm thấy đợt đánh giá.") from None


def _province_path(dossier: Dossier) -> str:
    return "/".join(dossier.commune.path.split("/")[:3]) + "/"


def open_rounds_for(dossier: Dossier) -> QuerySet[Round]:
    """The open province rounds a dossier may be taken into: those of its own province."""
    return Round.objects.filter(
        level=RoundLevel.PROVINCE, is_open=True, unit__path=_province_path(dossier)
    ).order_by("year", "number")


def councils_for(dossier: Dossier) -> QuerySet[Council]:
    """Councils a dossier may be sent to: those of its round (at the central step, of open central rounds)."""
    if dossier.status == lifecycle.CENTRAL:
        return Council.objects.filter(round__level=RoundLevel.CENTRAL, round__is_open=True).select_related(
            "round"
        )
    if dossier.round_id is None:
        return Council.objects.none()
    return Council.objects.filter(round_id=dossier.round_id).select_related("round").order_by("name")


# Steps taken on other pages: the chair concludes a result (scoring); the province decides (certification).
STEPS_ELSEWHERE = frozenset(
    {
        (lifecycle.COUNCIL, lifecycle.SCORED),
        (lifecycle.COUNCIL, lifecycle.NOT_RECOGNISED),
        (lifecycle.SCORED, lifecycle.DECIDED),
    }
)


@dataclass(frozen=True)
class StepChoice:
    to_status: str
    label: str
    actor: str
    needs_reason: bool


def steps_for(user, dossier: Dossier) -> list[StepChoice]:
    """The next steps ``user`` may take on ``dossier`` from the dossier pages (in the lifecycle's order)."""
    from ocop.evaluation.permissions import can_act_as

    allowed: dict[str, bool] = {}
    choices = []
    for to_status, step in lifecycle.next_steps(dossier.status):
        if (dossier.status, to_status) in STEPS_ELSEWHERE:
            continue
        if step.actor not in allowed:
            allowed[step.actor] = can_act_as(user, dossier, step.actor)
        if allowed[step.actor]:
            choices.append(StepChoice(to_status, step.label, step.actor, step.needs_reason))
    return choices


def products_with_open_dossier(product_ids: Sequence[int]) -> set[int]:
    """Of these products, those that already have a dossier in progress (one at a time per product)."""
    return set(
        Dossier.objects.filter(product_id__in=list(product_ids))
        .exclude(status__in=lifecycle.FINAL_STATES)
        .values_list("product_id", flat=True)
    )


# ----------------------------------------------------------------------------------------------------
# The self-assessment (Mẫu 02) laid out for a page


@dataclass(frozen=True)
class OptionView:
    index: int
    text: str
    points: float
    stars: str  # "★★★" for a 3★ minimum mark, "" when unmarked
    case: str = ""


@dataclass
class CriterionRow:
    criterion: Criterion
    applicable: bool
    chosen: int | None = None
    note: str = ""
    points: Decimal | None = None
    evidence: list[Evidence] = field(default_factory=list)
    subgroup_name: str = ""

    @property
    def anchor(self) -> str:
        return "tieu-chi-" + self.criterion.code.replace(".", "-")

    @property
    def options(self) -> list[OptionView]:
        cases = {case.code: case.name for case in self.criterion.cases}
        return [
            OptionView(
                index=i,
                text=o.text,
                points=o.points,
                stars="★" * (o.star or 0),
                case=cases.get(o.case or "", ""),
            )
            for i, o in enumerate(self.criterion.options)
        ]


@dataclass
class GroupBlock:
    code: str
    name: str
    max: float
    rows: list[CriterionRow]
    subgroups: dict[str, str] = field(default_factory=dict)


@dataclass
class PartBlock:
    code: str
    name: str
    max: float
    groups: list[GroupBlock]

    @property
    def total(self) -> Decimal:
        return sum(
            (r.points for g in self.groups for r in g.rows if r.applicable and r.points is not None),
            Decimal(0),
        )


@dataclass
class SelfAssessment:
    """The sheet with the producer's choices: parts → groups → criteria rows, total, missing criteria."""

    sheet: RubricSheet
    parts: list[PartBlock]
    general_evidence: list[Evidence]

    @property
    def rows(self) -> list[CriterionRow]:
        return [row for part in self.parts for group in part.groups for row in group.rows]

    @property
    def total(self) -> Decimal:
        return sum((part.total for part in self.parts), Decimal(0))

    @property
    def missing(self) -> list[str]:
        return [r.criterion.code for r in self.rows if r.applicable and r.chosen is None]

    @property
    def missing_links(self) -> list[tuple[str, str]]:
        """(code, page anchor) of every applicable criterion without a choice."""
        return [(r.criterion.code, r.anchor) for r in self.rows if r.applicable and r.chosen is None]

    @property
    def answered(self) -> int:
        return sum(1 for r in self.rows if r.applicable and r.chosen is not None)

    @property
    def applicable_count(self) -> int:
        return sum(1 for r in self.rows if r.applicable)


def dossier_sheet(dossier: Dossier) -> RubricSheet:
    """The frozen sheet of a submitted dossier, or the sheet in force for a draft."""
    from ocop.evaluation.services.rubrics import rubric_current

    rubric = dossier.rubric or rubric_current(product_set_number=dossier.product_set_number)
    return rubric.sheet


def self_assessment(dossier: Dossier, *, sheet: RubricSheet | None = None) -> SelfAssessment:
    """Mẫu 02 part III of a dossier: every criterion with the chosen option, note and evidence (3 queries)."""
    sheet = sheet or dossier_sheet(dossier)
    scores = {s.criterion_code: s for s in SelfScore.objects.filter(dossier=dossier)}
    evidence: dict[str, list[Evidence]] = {}
    for item in evidence_of(dossier):
        evidence.setdefault(item.criterion_code, []).append(item)
    parts = []
    for part in sheet.parts:
        groups = []
        for group in part.groups:
            subgroups = {sub.code: sub.name for sub in group.subgroups}
            rows = []
            for criterion in group.criteria:
                score = scores.get(criterion.code)
                applicable = is_applicable(criterion, story_exists=dossier.story_exists)
                valid = score is not None and score.option_index < len(criterion.options)
                rows.append(
                    CriterionRow(
                        criterion=criterion,
                        applicable=applicable,
                        chosen=score.option_index if valid else None,
                        note=score.note if score else "",
                        points=Decimal(str(criterion.options[score.option_index].points)) if valid else None,
                        evidence=evidence.get(criterion.code, []),
                        subgroup_name=subgroups.get(criterion.subgroup or "", ""),
                    )
                )
            groups.append(
                GroupBlock(code=group.code, name=group.name, max=group.max, rows=rows, subgroups=subgroups)
            )
        parts.append(PartBlock(code=part.code, name=part.name, max=part.max, groups=groups))
    return SelfAssessment(sheet=sheet, parts=parts, general_evidence=evidence.get("", []))
