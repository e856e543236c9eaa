"""Scoped reads of councils, score sheets and results, and who may see whose scores.

Visibility of scores (independent scoring, QĐ 26/2026 Điều 7.3 and the councils' regulations):

- a member always sees their own sheet;
- a scoring member sees the OTHER members' sheets on a dossier only once their own sheet is submitted
  (a reopened sheet hides them again until it is resubmitted); a chair who declared a conflict on the
  dossier does not score it and sees them so as to run the conclusion;
- once the result is concluded, every seat holder of the council and every officer whose scope holds the
  dossier sees the whole result (member totals, flags, per-criterion choices);
- the producer sees the concluded result's summary (mean, band, minimum marks missed, final star), never the
  members' names or sheets;
- before the result, seat holders and officers of scope see the progress (who declared, who submitted),
  not the scores.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery

from ocop.accounts.models import Role, User
from ocop.accounts.scoping import is_producer_account, scope_of
from ocop.core.exceptions import NotFoundError, PermissionDeniedError
from ocop.evaluation import domain, lifecycle
from ocop.evaluation.models import (
    ConflictDeclaration,
    Council,
    CouncilMember,
    Dossier,
    MemberRole,
    Result,
    Round,
    RoundLevel,
    ScoreLine,
    ScoreSheet,
    SheetStatus,
)
from ocop.evaluation.permissions import can_view_dossier
from ocop.registry.permissions import unit_in_scope

DEFAULT_MIN_SCORERS = 3
HIDDEN_UNTIL_SUBMITTED = (
    "Điểm của các thành viên khác chỉ hiện sau khi bạn nộp phiếu chấm của mình (chấm độc lập), "
    "hoặc sau khi hội đồng kết luận."
)


def min_scorers() -> int:
    """``settings.OCOP_COUNCIL_MIN_SCORERS`` (default 3): the fewest counted sheets a result may rest on."""
    return int(getattr(settings, "OCOP_COUNCIL_MIN_SCORERS", DEFAULT_MIN_SCORERS))


def display_name(user: User) -> str:
    """A person's name as printed on council papers (full name, else the account name)."""
    return user.get_full_name() or user.username


# ----------------------------------------------------------------------------------------------------
# Rounds and councils


def can_view_round(user, round_: Round) -> bool:
    """Nationwide officers see every round; province and council accounts the rounds of their province."""
    if not user.is_authenticated or not user.is_active or is_producer_account(user):
        return False
    scope = scope_of(user)
    if scope.nationwide:
        return True
    if round_.level == RoundLevel.CENTRAL or round_.unit is None:
        return False
    return user.role in {Role.PROVINCE, Role.COUNCIL} and unit_in_scope(user, round_.unit)


def can_manage_council(user, round_: Round) -> bool:
    """Who sets up a round's councils: province officers of its province for a province round, central
    officers for a central round, the administrator for any (as ``services.rounds.can_manage_rounds``)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.role == Role.ADMIN:
        return True
    if round_.level == RoundLevel.CENTRAL:
        return user.role == Role.CENTRAL
    return user.role == Role.PROVINCE and round_.unit is not None and unit_in_scope(user, round_.unit)


def rounds_manageable_by(user) -> QuerySet[Round]:
    """Rounds the user may set up councils for."""
    if not user.is_authenticated or not user.is_active:
        return Round.objects.none()
    qs = Round.objects.select_related("unit")
    if user.is_superuser or user.role == Role.ADMIN:
        return qs
    if user.role == Role.CENTRAL:
        return qs.filter(level=RoundLevel.CENTRAL)
    scope = scope_of(user)
    if user.role != Role.PROVINCE or scope.unit is None:
        return Round.objects.none()
    return qs.filter(level=RoundLevel.PROVINCE, unit__path__startswith=scope.unit.path)


def council_list_for_user(user) -> QuerySet[Council]:
    """Councils of the rounds the user may see, and those the user sits on; with member and dossier counts."""
    if not user.is_authenticated or not user.is_active or is_producer_account(user):
        return Council.objects.none()
    scope = scope_of(user)
    qs = Council.objects.select_related("round__unit")
    if not scope.nationwide:
        seat = Q(Exists(CouncilMember.objects.filter(council=OuterRef("pk"), user=user)))
        if scope.unit is not None and user.role in {Role.PROVINCE, Role.COUNCIL}:
            seat |= Q(round__level=RoundLevel.PROVINCE, round__unit__path__startswith=scope.unit.path)
        qs = qs.filter(seat)
    members = CouncilMember.objects.filter(council=OuterRef("pk")).values("council").annotate(n=Count("pk"))
    dossiers = Dossier.objects.filter(council=OuterRef("pk")).values("council").annotate(n=Count("pk"))
    return qs.annotate(
        member_count=Subquery(members.values("n"), output_field=IntegerField()),
        dossier_count=Subquery(dossiers.values("n"), output_field=IntegerField()),
    ).order_by("-round__year", "-round__number", "name", "pk")


def council_get_for_user(*, user, pk: int) -> Council:
    """One council the user may see, with its members; ``NotFoundError`` outside the scope."""
    council = (
        council_list_for_user(user)
        .prefetch_related(Prefetch("members", queryset=CouncilMember.objects.select_related("user")))
        .filter(pk=pk)
        .first()
    )
    if council is None:
        raise NotFoundError("Không tìm thấy hội đồng.")
    return council


ROLE_ORDER = {MemberRole.CHAIR: 0, MemberRole.MEMBER: 1, MemberRole.SECRETARY: 2, MemberRole.ADVISOR: 3}


def members_in_order(council: Council) -> list[CouncilMember]:
    """The seats as printed on council papers: chair, members, secretary, advisory group, each in the order
    they were appointed."""
    return sorted(council.members.all(), key=lambda m: (ROLE_ORDER.get(m.role, 9), m.pk))


def users_eligible_for(council: Council) -> QuerySet[User]:
    """Accounts that may take some seat on ``council`` and do not hold one yet (for the member form)."""
    round_ = council.round
    qs = User.objects.filter(is_active=True).exclude(council_seats__council=council)
    if round_.level == RoundLevel.CENTRAL:
        qs = qs.filter(role__in=[Role.COUNCIL, Role.CENTRAL])
    else:
        qs = qs.filter(role__in=[Role.COUNCIL, Role.PROVINCE], scope_unit__path__startswith=round_.unit.path)
    return qs.order_by("last_name", "first_name", "username")


# ----------------------------------------------------------------------------------------------------
# Dossiers being scored


def seat_on(user, council_id: int | None) -> CouncilMember | None:
    """The user's seat on a council, if any."""
    if council_id is None or not user.is_authenticated:
        return None
    return CouncilMember.objects.filter(council_id=council_id, user=user).select_related("user").first()


def scoring_dossiers_for_user(user) -> QuerySet[Dossier]:
    """Dossiers in the council step on councils where the user has a seat, with the user's own state.

    Annotations: ``my_role``, ``my_declared`` (bool), ``my_conflict`` (bool or None), ``my_sheet_status``
    (None, "draft", "submitted"), ``my_total``, ``submitted_count`` (submitted sheets of the council's
    scoring seats) and ``scorer_count``; a constant number of queries whatever the length.
    """
    if not user.is_authenticated or not user.is_active:
        return Dossier.objects.none()
    seat = CouncilMember.objects.filter(council=OuterRef("council"), user=user)
    declaration = ConflictDeclaration.objects.filter(
        dossier=OuterRef("pk"), member__council=OuterRef("council"), member__user=user
    )
    sheet = ScoreSheet.objects.filter(
        dossier=OuterRef("pk"), member__council=OuterRef("council"), member__user=user
    )
    submitted = (
        ScoreSheet.objects.filter(
            dossier=OuterRef("pk"), member__council=OuterRef("council"), status=SheetStatus.SUBMITTED
        )
        .values("dossier")
        .annotate(n=Count("pk"))
        .values("n")
    )
    scorers = (
        CouncilMember.objects.filter(
            council=OuterRef("council"), role__in=[MemberRole.CHAIR, MemberRole.MEMBER]
        )
        .values("council")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Dossier.objects.filter(status=lifecycle.COUNCIL, council__members__user=user)
        .select_related("product", "producer", "council__round", "commune__parent")
        .annotate(
            my_role=Subquery(seat.values("role")[:1]),
            my_declared=Exists(declaration),
            my_conflict=Subquery(declaration.values("has_conflict")[:1]),
            my_sheet_status=Subquery(sheet.values("status")[:1]),
            my_total=Subquery(sheet.values("total")[:1]),
            submitted_count=Subquery(submitted, output_field=IntegerField()),
            scorer_count=Subquery(scorers, output_field=IntegerField()),
        )
        .order_by("council__round__year", "council__name", "registration_number", "pk")
    )


def concluded_for_user(user, *, limit: int = 50) -> QuerySet[Result]:
    """The latest results of councils where the user has a seat."""
    if not user.is_authenticated or not user.is_active:
        return Result.objects.none()
    return (
        Result.objects.filter(council__members__user=user)
        .select_related("dossier__product", "dossier__producer", "council")
        .order_by("-created_at", "-pk")[:limit]
    )


def dossier_for_scoring(*, user, pk: int) -> Dossier:
    """A dossier the user may see that has been given to a council; ``NotFoundError`` otherwise."""
    dossier = (
        Dossier.objects.select_related(
            "product__product_set", "producer", "commune__parent", "council__round__unit", "rubric"
        )
        .filter(pk=pk)
        .first()
    )
    if dossier is None or dossier.council_id is None or not can_view_dossier(user, dossier):
        raise NotFoundError("Không tìm thấy hồ sơ.")
    return dossier


def sheet_for(user, dossier: Dossier) -> ScoreSheet | None:
    """The user's own sheet on the dossier (current council), with its lines; ``None`` if not started."""
    if not user.is_authenticated or dossier.council_id is None:
        return None
    return (
        ScoreSheet.objects.filter(dossier=dossier, member__council_id=dossier.council_id, member__user=user)
        .select_related("member__user")
        .prefetch_related(Prefetch("lines", queryset=ScoreLine.objects.order_by("pk")))
        .first()
    )


def result_of(dossier: Dossier) -> Result | None:
    """The concluded result of the dossier's current council, if any."""
    if dossier.council_id is None:
        return None
    return (
        Result.objects.filter(dossier=dossier, council_id=dossier.council_id)
        .select_related("concluded_by")
        .first()
    )


# ----------------------------------------------------------------------------------------------------
# The tally: every seat, declaration and sheet, and what a result would be


@dataclass
class MemberRow:
    member: CouncilMember
    name: str
    declaration: ConflictDeclaration | None = None
    sheet: ScoreSheet | None = None
    flagged: bool = False
    deviation: Decimal | None = None

    @property
    def scores(self) -> bool:
        return self.member.scores

    @property
    def conflicted(self) -> bool:
        return bool(self.declaration and self.declaration.has_conflict)

    @property
    def eligible(self) -> bool:
        """A scoring seat without a declared conflict: the council waits for this member's sheet."""
        return self.scores and not self.conflicted

    @property
    def submitted(self) -> bool:
        return self.sheet is not None and self.sheet.status == SheetStatus.SUBMITTED

    @property
    def counted(self) -> bool:
        return self.eligible and self.submitted

    def choices(self) -> dict[str, int]:
        return (
            {line.criterion_code: line.option_index for line in self.sheet.lines.all()} if self.sheet else {}
        )


@dataclass
class Tally:
    """The council's state on one dossier, and the result it would give (``mean`` is None until ready)."""

    dossier: Dossier
    council: Council
    rows: list[MemberRow]
    min_scorers: int
    apply_minimum_marks: bool
    mean: Decimal | None = None
    band: int | None = None
    cap: domain.MarkCheck | None = None
    final: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def eligible(self) -> list[MemberRow]:
        return [row for row in self.rows if row.eligible]

    @property
    def counted(self) -> list[MemberRow]:
        return [row for row in self.rows if row.counted]

    @property
    def missing(self) -> list[MemberRow]:
        return [row for row in self.eligible if not row.submitted]

    @property
    def flagged(self) -> list[MemberRow]:
        return [row for row in self.rows if row.flagged]

    @property
    def has_chair(self) -> bool:
        return any(row.member.role == MemberRole.CHAIR for row in self.rows)

    @property
    def ready(self) -> bool:
        return not self.problems and self.mean is not None


def _unique_names(members: Iterable[CouncilMember]) -> dict[int, str]:
    names: dict[int, str] = {}
    seen: dict[str, int] = {}
    members = list(members)
    for m in members:
        seen[display_name(m.user)] = seen.get(display_name(m.user), 0) + 1
    for m in members:
        name = display_name(m.user)
        names[m.pk] = f"{name} ({m.user.username})" if seen[name] > 1 else name
    return names


def tally(dossier: Dossier) -> Tally:
    """Read the seats, declarations and sheets of the dossier's current council and work out the result.

    Four queries whatever the council's size. The numbers follow ``domain``: mean of the counted totals
    (rounded to 0.01), members more than the council's threshold from the exact mean flagged, band of the
    mean, minimum marks checked on the consensus sheet (``domain.council_cap``), final star.
    """
    council = dossier.council
    members = list(council.members.select_related("user"))
    names = _unique_names(members)
    declarations = {
        d.member_id: d for d in ConflictDeclaration.objects.filter(dossier=dossier, member__council=council)
    }
    sheets = {
        s.member_id: s
        for s in ScoreSheet.objects.filter(dossier=dossier, member__council=council).prefetch_related(
            Prefetch("lines", queryset=ScoreLine.objects.order_by("pk"))
        )
    }
    rows = sorted(
        (
            MemberRow(member=m, name=names[m.pk], declaration=declarations.get(m.pk), sheet=sheets.get(m.pk))
            for m in members
        ),
        key=lambda r: (ROLE_ORDER.get(r.member.role, 9), r.member.pk),
    )
    result = Tally(
        dossier=dossier,
        council=council,
        rows=rows,
        min_scorers=min_scorers(),
        apply_minimum_marks=bool(getattr(settings, "OCOP_APPLY_MINIMUM_MARKS", True)),
    )
    if not result.has_chair:
        result.problems.append("Hội đồng chưa có chủ tịch.")
    if result.missing:
        result.problems.append(
            "Còn thành viên chưa nộp phiếu chấm: " + ", ".join(row.name for row in result.missing) + "."
        )
    if len(result.eligible) < result.min_scorers:
        result.problems.append(
            f"Cần ít nhất {result.min_scorers} thành viên không có xung đột lợi ích chấm hồ sơ; "
            f"hiện có {len(result.eligible)}."
        )
    counted = result.counted
    if not counted or dossier.rubric is None:
        return result
    totals = {row.member.pk: row.sheet.total for row in counted}
    flagged = domain.spread_flags(totals, threshold=Decimal(council.spread_threshold))
    exact_mean = sum(totals.values(), Decimal(0)) / len(totals)
    for row in counted:
        row.flagged = row.member.pk in flagged
        row.deviation = (row.sheet.total - exact_mean).quantize(Decimal("0.01"))
    result.mean = domain.mean_score(list(totals.values()))
    result.band = domain.star_band(result.mean)
    result.cap = domain.council_cap(
        dossier.rubric.sheet, [row.choices() for row in counted], story_exists=dossier.story_exists
    )
    result.final = domain.final_star(
        mean_score=result.mean, cap=result.cap.max_star, apply_minimum_marks=result.apply_minimum_marks
    )
    return result


# ----------------------------------------------------------------------------------------------------
# Who sees what


@dataclass(frozen=True)
class ScoringAccess:
    """What one person may see of the scoring of one dossier (see the module docstring)."""

    seat: CouncilMember | None
    own_sheet: ScoreSheet | None
    declaration: ConflictDeclaration | None
    result: Result | None
    progress: bool
    scores: bool
    summary: bool

    @property
    def is_chair(self) -> bool:
        return self.seat is not None and self.seat.role == MemberRole.CHAIR

    @property
    def scores_seat(self) -> bool:
        return self.seat is not None and self.seat.scores

    @property
    def conflicted(self) -> bool:
        return bool(self.declaration and self.declaration.has_conflict)

    @property
    def can_score(self) -> bool:
        """May fill in (and submit) a sheet now."""
        return (
            self.scores_seat
            and self.declaration is not None
            and not self.conflicted
            and self.result is None
            and self.own_sheet_status != SheetStatus.SUBMITTED
        )

    @property
    def own_sheet_status(self) -> str | None:
        return self.own_sheet.status if self.own_sheet else None


def scoring_access(user, dossier: Dossier) -> ScoringAccess:
    """What ``user`` may see of the scoring of ``dossier`` (the caller has checked ``can_view_dossier``)."""
    seat = seat_on(user, dossier.council_id)
    result = result_of(dossier)
    own_sheet = sheet_for(user, dossier) if seat else None
    declaration = (
        ConflictDeclaration.objects.filter(member=seat, dossier=dossier).first()
        if seat and seat.scores
        else None
    )
    producer = is_producer_account(user)
    officer = not producer and can_view_dossier(user, dossier)
    if result is not None:
        scores = seat is not None or officer
    else:
        own_submitted = own_sheet is not None and own_sheet.status == SheetStatus.SUBMITTED
        chair_out = (
            seat is not None
            and seat.role == MemberRole.CHAIR
            and bool(declaration and declaration.has_conflict)
        )
        scores = seat is not None and seat.scores and (own_submitted or chair_out)
    return ScoringAccess(
        seat=seat,
        own_sheet=own_sheet,
        declaration=declaration,
        result=result,
        progress=seat is not None or officer,
        scores=scores,
        summary=result is not None
        and (seat is not None or officer or (producer and can_view_dossier(user, dossier))),
    )


def results_for(*, user, dossier: Dossier) -> tuple[ScoringAccess, Tally | None]:
    """The scoring state of a dossier as ``user`` may see it: access, and the tally if they see progress.

    ``NotFoundError`` for a dossier the user may not see at all (or one never given to a council).
    """
    if dossier.council_id is None or not can_view_dossier(user, dossier):
        raise NotFoundError("Không tìm thấy hồ sơ.")
    access = scoring_access(user, dossier)
    if not (access.progress or access.summary):
        raise NotFoundError("Không tìm thấy hồ sơ.")
    return access, (tally(dossier) if access.progress else None)


def rubric_rows(dossier: Dossier) -> list[dict]:
    """The frozen sheet as printed rows: part, group, sub-group and criterion headings in order, with a flag
    telling whether the criterion applies to this dossier (5.2 only with a story)."""
    sheet = dossier.rubric.sheet
    rows: list[dict] = []
    for part in sheet.parts:
        rows.append({"kind": "part", "code": part.code, "name": part.name, "max": part.max})
        for group in part.groups:
            rows.append({"kind": "group", "code": group.code, "name": group.name, "max": group.max})
            subgroups = {s.code: s for s in group.subgroups}
            shown: set[str] = set()
            for criterion in group.criteria:
                if criterion.subgroup and criterion.subgroup not in shown and criterion.subgroup in subgroups:
                    sub = subgroups[criterion.subgroup]
                    shown.add(sub.code)
                    rows.append({"kind": "subgroup", "code": sub.code, "name": sub.name, "max": sub.max})
                rows.append(
                    {
                        "kind": "criterion",
                        "criterion": criterion,
                        "code": criterion.code,
                        "applicable": domain.is_applicable(criterion, story_exists=dossier.story_exists),
                    }
                )
    return rows


def applicable_codes(dossier: Dossier) -> list[str]:
    """Codes of the criteria a member must answer on this dossier, in sheet order."""
    return [
        c.code
        for c in dossier.rubric.sheet.criteria()
        if domain.is_applicable(c, story_exists=dossier.story_exists)
    ]


def sheet_get_for_user(*, user, pk: int) -> ScoreSheet:
    """A score sheet the user may read (their own, or another member's when ``scoring_access`` allows)."""
    sheet = (
        ScoreSheet.objects.select_related(
            "member__user",
            "member__council",
            "dossier__product__product_set",
            "dossier__producer",
            "dossier__commune__parent",
            "dossier__council__round__unit",
            "dossier__rubric",
        )
        .prefetch_related(Prefetch("lines", queryset=ScoreLine.objects.order_by("pk")))
        .filter(pk=pk)
        .first()
    )
    if sheet is None or not user.is_authenticated:
        raise NotFoundError("Không tìm thấy phiếu chấm.")
    if sheet.member.user_id == user.pk:
        return sheet
    dossier = sheet.dossier
    if not can_view_dossier(user, dossier) or is_producer_account(user):
        raise NotFoundError("Không tìm thấy phiếu chấm.")
    if sheet.status != SheetStatus.SUBMITTED:
        raise NotFoundError("Không tìm thấy phiếu chấm.")  # another member's draft is theirs alone
    if sheet.member.council_id != dossier.council_id:
        # A sheet of an earlier council (the province's, for a dossier now at the centre): readable by
        # officers of scope and seat holders once that council concluded.
        if Result.objects.filter(dossier=dossier, council_id=sheet.member.council_id).exists():
            return sheet
        raise NotFoundError("Không tìm thấy phiếu chấm.")
    access = scoring_access(user, dossier)
    if not access.scores:
        if access.seat is not None:
            raise PermissionDeniedError(HIDDEN_UNTIL_SUBMITTED)
        raise NotFoundError("Không tìm thấy phiếu chấm.")
    return sheet
