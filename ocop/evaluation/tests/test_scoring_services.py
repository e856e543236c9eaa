"""Council scoring through the services: seats, declarations, sheets, the result and its legal boundaries.

Helpers and fixtures here are shared with test_scoring_views, test_scoring_api and test_scoring_pdf.
Totals are whole numbers (every 26/2026 sheet scores in whole points), so a council of three has means
in thirds: 49.67 is the closest mean below the 3★ line that three sheets can make, and 10.33 the
closest spread above a 10.3-point threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from ocop.accounts.models import Role, User
from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.core.testing import make_user
from ocop.evaluation import domain, lifecycle
from ocop.evaluation.models import (
    ConflictDeclaration,
    Council,
    Dossier,
    DossierTransition,
    MemberRole,
    Result,
    ScoreSheet,
    SheetStatus,
)
from ocop.evaluation.rubrics import Rubric as RubricSheet
from ocop.evaluation.selectors import scoring as selectors
from ocop.evaluation.services.councils import council_create, council_member_add, council_member_remove
from ocop.evaluation.services.scoring import (
    conflict_declare,
    result_conclude,
    sheet_reopen,
    sheet_save,
    sheet_submit,
)
from ocop.evaluation.tests.conftest import EvalWorld, advance_to, make_dossier

pytestmark = pytest.mark.django_db

# ----------------------------------------------------------------------------------------------------
# Helpers (imported by the other scoring test modules)


def choices_for(
    rubric: RubricSheet, total: int, *, story_exists: bool, meet: int = 5, miss: dict[str, int] | None = None
) -> dict[str, int]:
    """Choices on every applicable criterion adding up to ``total``, meeting every star mark up to ``meet``,
    except the criteria of ``miss`` (code → star), which take an option below that star's mark."""
    miss = miss or {}
    reach: dict[int, dict[str, int]] = {0: {}}
    for criterion in rubric.criteria():
        if not domain.is_applicable(criterion, story_exists=story_exists):
            continue
        allowed = []
        for index, option in enumerate(criterion.options):
            ok = all(
                domain.reaches(criterion, option, marked)
                for marked in criterion.options
                if marked.star is not None and marked.star <= meet and marked.star != miss.get(criterion.code)
            )
            if criterion.code in miss:
                marked = next(o for o in criterion.options if o.star == miss[criterion.code])
                ok = ok and not domain.reaches(criterion, option, marked)
            if ok:
                allowed.append(index)
        step: dict[int, dict[str, int]] = {}
        for subtotal, chosen in reach.items():
            for index in allowed:
                step.setdefault(
                    subtotal + int(criterion.options[index].points), {**chosen, criterion.code: index}
                )
        reach = step
    if total not in reach:
        raise AssertionError(f"no sheet of {total} points with marks ≤ {meet}★ and misses {miss}")
    return reach[total]


@dataclass
class Panel:
    """A province council of Lâm Đồng: a chair, two members, a secretary; the officer who set it up."""

    world: EvalWorld
    council: Council
    officer: User
    chair: User
    members: list[User]
    secretary: User
    extra: list[User] = field(default_factory=list)

    @property
    def scorers(self) -> list[User]:
        return [self.chair, *self.members, *self.extra]


def council_user(world: EvalWorld, last: str, first: str, unit=None) -> User:
    return make_user(
        role=Role.COUNCIL, scope_unit=unit or world.map.lam_dong, last_name=last, first_name=first
    )


def make_panel(world: EvalWorld, *, members: int = 2) -> Panel:
    officer = world.users["province_ld"]
    number = Council.objects.filter(round=world.rounds["lam_dong"]).count() + 1
    council = council_create(
        actor=officer,
        round=world.rounds["lam_dong"],
        name="Hội đồng đánh giá sản phẩm OCOP tỉnh Lâm Đồng" + (f" số {number}" if number > 1 else ""),
        establishing_decision="1234/QĐ-UBND",
    )
    chair = council_user(world, "Nguyễn Văn", "An")
    names = [("Trần Thị", "Bình"), ("Lê Văn", "Cường"), ("Phạm Thị", "Dung"), ("Hoàng Văn", "Em")]
    seated = [council_user(world, *names[i]) for i in range(members)]
    secretary = make_user(
        role=Role.PROVINCE, scope_unit=world.map.lam_dong, last_name="Võ Thị", first_name="Giang"
    )
    council_member_add(
        actor=officer, council=council, user=chair, role=MemberRole.CHAIR, organisation="UBND tỉnh"
    )
    for user in seated:
        council_member_add(
            actor=officer, council=council, user=user, role=MemberRole.MEMBER, organisation="Sở NN&MT"
        )
    council_member_add(actor=officer, council=council, user=secretary, role=MemberRole.SECRETARY)
    return Panel(
        world=world,
        council=council,
        officer=officer,
        chair=chair,
        members=seated[:2],
        secretary=secretary,
        extra=seated[2:],
    )


@pytest.fixture
def panel(eval_world) -> Panel:
    return make_panel(eval_world)


def to_council(panel: Panel, product_key: str = "dak_mil_rau") -> Dossier:
    """A dossier of the panel's province walked to the council step, assigned to the panel's council."""
    dossier = make_dossier(panel.world.products[product_key])
    return advance_to(dossier, lifecycle.COUNCIL, council=panel.council)


def score(user: User, dossier: Dossier, total: int, *, submit: bool = True, **kwargs) -> ScoreSheet:
    """Declare no conflict, fill a sheet of ``total`` points (see ``choices_for``) and submit it."""
    if not ConflictDeclaration.objects.filter(dossier=dossier, member__user=user).exists():
        conflict_declare(actor=user, dossier=dossier, has_conflict=False)
    choices = choices_for(dossier.rubric.sheet, total, story_exists=dossier.story_exists, **kwargs)
    sheet = sheet_save(actor=user, dossier=dossier, choices=choices)
    return sheet_submit(actor=user, dossier=dossier) if submit else sheet


def score_all(panel: Panel, dossier: Dossier, totals: list[int], **kwargs) -> None:
    for user, total in zip(panel.scorers, totals, strict=True):
        score(user, dossier, total, **kwargs)


# ----------------------------------------------------------------------------------------------------
# Councils


def test_council_create_defaults_and_history(eval_world, settings):
    settings.OCOP_SPREAD_THRESHOLD = 12
    officer = eval_world.users["province_ld"]
    council = council_create(actor=officer, round=eval_world.rounds["lam_dong"], name="  Hội đồng  tỉnh ")
    assert council.name == "Hội đồng tỉnh"
    assert council.spread_threshold == Decimal(12)
    entry = council.history.get()
    assert entry.history_user == officer
    assert entry.history_change_reason == "Thành lập hội đồng"
    other = council_create(
        actor=officer, round=eval_world.rounds["lam_dong"], name="HĐ 2", spread_threshold="7.5"
    )
    assert other.spread_threshold == Decimal("7.5")


@pytest.mark.parametrize("threshold", ["0", "-1", "100.5", "7.25", "abc"])
def test_council_threshold_is_checked(eval_world, threshold):
    with pytest.raises(ApplicationError) as exc:
        council_create(
            actor=eval_world.users["province_ld"],
            round=eval_world.rounds["lam_dong"],
            name="HĐ",
            spread_threshold=threshold,
        )
    assert exc.value.field == "spread_threshold"


@pytest.mark.parametrize(
    ("who", "outcome"),
    [
        ("admin", None),
        ("province_ld", None),
        ("central", PermissionDeniedError),  # a central officer sets up central councils only
        ("province_qn", NotFoundError),
        ("commune_dak_mil", NotFoundError),
        ("council_ld", PermissionDeniedError),
        ("producer_dak_mil", NotFoundError),
        ("producer_unlinked", NotFoundError),
    ],
)
def test_who_may_set_up_a_province_council(eval_world, who, outcome):
    call = lambda: council_create(actor=eval_world.users[who], round=eval_world.rounds["lam_dong"], name="HĐ")  # noqa: E731
    if outcome is None:
        assert call().round == eval_world.rounds["lam_dong"]
    else:
        with pytest.raises(outcome):
            call()
        assert not Council.objects.exists()


def test_central_councils_are_set_up_by_the_centre(eval_world):
    from ocop.evaluation.models import RoundLevel
    from ocop.evaluation.services.rounds import round_create

    central = eval_world.users["central"]
    round_ = round_create(actor=central, level=RoundLevel.CENTRAL, unit=None, year=2026, number=1)
    with pytest.raises(NotFoundError):
        council_create(actor=eval_world.users["province_ld"], round=round_, name="HĐ trung ương")
    with pytest.raises(NotFoundError):
        council_create(actor=eval_world.users["council_ld"], round=round_, name="HĐ trung ương")
    council = council_create(actor=central, round=round_, name="Hội đồng đánh giá sản phẩm OCOP quốc gia")
    member = council_member_add(
        actor=central, council=council, user=eval_world.users["council_ld"], role=MemberRole.MEMBER
    )
    assert member.scores
    chair = make_user(role=Role.CENTRAL, last_name="Lãnh đạo", first_name="Bộ")
    assert council_member_add(actor=central, council=council, user=chair, role=MemberRole.CHAIR).scores
    with pytest.raises(ApplicationError):
        council_member_add(
            actor=central, council=council, user=eval_world.users["province_ld"], role=MemberRole.SECRETARY
        )
    assert council in selectors.council_list_for_user(eval_world.users["council_ld"])  # by the seat
    assert council not in selectors.council_list_for_user(eval_world.users["province_ld"])


def test_council_names_are_unique_within_a_round(eval_world):
    officer = eval_world.users["province_ld"]
    council_create(actor=officer, round=eval_world.rounds["lam_dong"], name="Hội đồng số 1")
    with pytest.raises(ApplicationError, match="đã có hội đồng"):
        council_create(actor=officer, round=eval_world.rounds["lam_dong"], name="hội đồng số 1")


def test_one_chair_per_council(panel):
    other = council_user(panel.world, "Đỗ Văn", "Hải")
    with pytest.raises(ApplicationError, match="đã có chủ tịch là Nguyễn Văn An") as exc:
        council_member_add(actor=panel.officer, council=panel.council, user=other, role=MemberRole.CHAIR)
    assert exc.value.field == "role"


def test_membership_changes_are_in_the_council_history(panel):
    reasons = list(
        panel.council.history.order_by("history_date").values_list("history_change_reason", flat=True)
    )
    assert reasons[0] == "Thành lập hội đồng"
    assert "Thêm Nguyễn Văn An — Chủ tịch hội đồng" in reasons
    assert "Thêm Võ Thị Giang — Thư ký" in reasons
    assert all(h.history_user == panel.officer for h in panel.council.history.all())


@pytest.mark.parametrize(
    ("kind", "role", "allowed"),
    [
        ("council_same_province", MemberRole.MEMBER, True),
        ("council_other_province", MemberRole.MEMBER, False),
        ("province_officer", MemberRole.MEMBER, False),
        ("province_officer", MemberRole.SECRETARY, True),
        ("province_officer", MemberRole.ADVISOR, True),
        ("province_officer_other", MemberRole.SECRETARY, False),
        ("commune_officer", MemberRole.ADVISOR, False),
        ("producer", MemberRole.MEMBER, False),
        ("inactive_council", MemberRole.MEMBER, False),
    ],
)
def test_who_may_take_a_seat(panel, kind, role, allowed):
    world = panel.world
    user = {
        "council_same_province": lambda: council_user(world, "Bùi Văn", "Khoa"),
        "council_other_province": lambda: council_user(world, "Bùi Văn", "Khoa", world.map.quang_ngai),
        "province_officer": lambda: make_user(role=Role.PROVINCE, scope_unit=world.map.lam_dong),
        "province_officer_other": lambda: make_user(role=Role.PROVINCE, scope_unit=world.map.quang_ngai),
        "commune_officer": lambda: make_user(role=Role.COMMUNE, scope_unit=world.map.communes["dak_mil"]),
        "producer": lambda: make_user(role=Role.PRODUCER, producer=world.producers["dak_mil"]),
        "inactive_council": lambda: council_user(world, "Bùi Văn", "Khoa"),
    }[kind]()
    if kind == "inactive_council":
        user.is_active = False
        user.save()
    if allowed:
        assert user in selectors.users_eligible_for(panel.council)
        member = council_member_add(actor=panel.officer, council=panel.council, user=user, role=role)
        assert member.role == role
        assert user not in selectors.users_eligible_for(panel.council)
    else:
        with pytest.raises(ApplicationError) as exc:
            council_member_add(actor=panel.officer, council=panel.council, user=user, role=role)
        assert exc.value.field == "user"


def test_a_person_holds_one_seat(panel):
    with pytest.raises(ApplicationError, match="đã là thành viên"):
        council_member_add(
            actor=panel.officer, council=panel.council, user=panel.members[0], role=MemberRole.ADVISOR
        )


def test_member_removal_before_and_after_scoring(panel):
    dossier = to_council(panel)
    member = panel.council.members.get(user=panel.members[1])
    score(panel.members[1], dossier, 60, submit=False)
    council_member_remove(actor=panel.officer, member=member, reason="Đi công tác dài ngày")
    assert not ScoreSheet.objects.filter(member_id=member.pk).exists()
    assert "Rút Lê Văn Cường (Thành viên) khỏi hội đồng: Đi công tác dài ngày" in set(
        panel.council.history.values_list("history_change_reason", flat=True)
    )
    scorer = panel.council.members.get(user=panel.members[0])
    score(panel.members[0], dossier, 60)
    with pytest.raises(ApplicationError, match="đã nộp phiếu chấm"):
        council_member_remove(actor=panel.officer, member=scorer)
    # a sheet submitted then reopened still counts as scored
    sheet_reopen(
        actor=panel.chair, sheet=ScoreSheet.objects.get(member=scorer), reason="Chấm lại tiêu chí 2.2"
    )
    with pytest.raises(ApplicationError, match="đã nộp phiếu chấm"):
        council_member_remove(actor=panel.officer, member=scorer)
    with pytest.raises(PermissionDeniedError):
        council_member_remove(actor=panel.chair, member=panel.council.members.get(user=panel.secretary))


# ----------------------------------------------------------------------------------------------------
# Declarations and sheets


def test_declaration_comes_before_scoring(panel):
    dossier = to_council(panel)
    with pytest.raises(ApplicationError, match="kê khai xung đột lợi ích") as exc:
        sheet_save(actor=panel.members[0], dossier=dossier, choices={"1.1": 0})
    assert exc.value.field == "declaration"
    declaration = conflict_declare(actor=panel.members[0], dossier=dossier, has_conflict=False)
    assert not declaration.has_conflict
    assert sheet_save(actor=panel.members[0], dossier=dossier, choices={"1.1": 0}).status == SheetStatus.DRAFT


def test_a_declared_conflict_is_final_and_needs_a_note(panel):
    dossier = to_council(panel)
    member = panel.members[0]
    with pytest.raises(ApplicationError) as exc:
        conflict_declare(actor=member, dossier=dossier, has_conflict=True)
    assert exc.value.field == "note"
    conflict_declare(actor=member, dossier=dossier, has_conflict=False)
    sheet_save(actor=member, dossier=dossier, choices={"1.1": 2})
    declaration = conflict_declare(
        actor=member, dossier=dossier, has_conflict=True, note="Em ruột giám đốc HTX"
    )
    assert declaration.has_conflict
    assert "Em ruột giám đốc HTX" in declaration.note
    with pytest.raises(ApplicationError, match="không rút lại được"):
        conflict_declare(actor=member, dossier=dossier, has_conflict=False)
    with pytest.raises(PermissionDeniedError, match="xung đột lợi ích"):
        sheet_save(actor=member, dossier=dossier, choices={"1.1": 1})
    with pytest.raises(PermissionDeniedError):
        sheet_submit(actor=member, dossier=dossier)


@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("secretary", PermissionDeniedError),
        ("council_ld", PermissionDeniedError),  # a council account of the province without a seat
        ("province_ld", PermissionDeniedError),
        ("province_qn", NotFoundError),
        ("producer_dak_mil", PermissionDeniedError),
        ("producer_bao_loc", NotFoundError),
    ],
)
def test_only_scoring_seats_declare_and_score(panel, who, error):
    dossier = to_council(panel)
    user = panel.secretary if who == "secretary" else panel.world.users[who]
    with pytest.raises(error):
        conflict_declare(actor=user, dossier=dossier, has_conflict=False)
    with pytest.raises(error):
        sheet_save(actor=user, dossier=dossier, choices={"1.1": 0})
    assert not ScoreSheet.objects.exists()


def test_sheet_is_checked_against_the_frozen_rubric(panel):
    dossier = to_council(panel)
    assert dossier.story_exists is False  # the set-1 product has no story: 5.2 does not apply
    member = panel.members[0]
    conflict_declare(actor=member, dossier=dossier, has_conflict=False)
    for choices, field_name in (
        ({"99.9": 0}, "99.9"),
        ({"1.1": 3}, "1.1"),
        ({"1.1": -1}, "1.1"),
        ({"5.2": 0}, "5.2"),
    ):
        with pytest.raises(ApplicationError) as exc:
            sheet_save(actor=member, dossier=dossier, choices=choices)
        assert exc.value.field == field_name
        assert field_name in exc.value.extra["problems"]
    with pytest.raises(ApplicationError, match="chọn một phương án trước"):
        sheet_save(actor=member, dossier=dossier, choices={}, comments={"1.2": "Chưa có chứng nhận VietGAP"})
    sheet = sheet_save(
        actor=member,
        dossier=dossier,
        choices={"1.1": 2, "1.2": 1},
        comments={"1.2": "Có VietGAP"},
        comment="Nhận xét chung",
    )
    lines = {line.criterion_code: line for line in sheet.lines.all()}
    assert (lines["1.1"].points, lines["1.2"].points, lines["1.2"].comment) == (3, 1, "Có VietGAP")
    sheet = sheet_save(actor=member, dossier=dossier, choices={"1.1": None, "1.2": 2})
    lines = {line.criterion_code: line for line in sheet.lines.all()}
    assert set(lines) == {"1.2"}
    assert lines["1.2"].points == 2
    assert lines["1.2"].comment == "Có VietGAP"
    assert sheet.comment == "Nhận xét chung"
    assert sheet.history.first().history_user == member


def test_a_rubric_changed_later_does_not_change_the_sheet(panel):
    dossier = to_council(panel)
    frozen = dossier.rubric
    data = dict(frozen.data)
    type(frozen).objects.filter(pk=frozen.pk).update(is_current=False)
    type(frozen).objects.create(
        regime=frozen.regime,
        product_set_number=frozen.product_set_number,
        version=frozen.version + 1,
        title="Phiếu mới",
        data=data,
        checksum="x",
        is_current=True,
    )
    sheet = score(panel.members[0], dossier, 60)
    assert sheet.dossier.rubric_id == frozen.pk
    assert sheet.total == Decimal(60)


def test_submit_needs_every_applicable_criterion(panel):
    dossier = to_council(panel)
    member = panel.members[0]
    conflict_declare(actor=member, dossier=dossier, has_conflict=False)
    with pytest.raises(ApplicationError) as exc:
        sheet_submit(actor=member, dossier=dossier)
    assert "1.1" in exc.value.extra["missing"]
    assert "5.2" not in exc.value.extra["missing"]
    choices = choices_for(dossier.rubric.sheet, 70, story_exists=False)
    del choices["12"]
    sheet_save(actor=member, dossier=dossier, choices=choices)
    with pytest.raises(ApplicationError, match="Chưa chấm các tiêu chí: 12") as exc:
        sheet_submit(actor=member, dossier=dossier)
    assert exc.value.extra["missing"] == ["12"]


def test_submitted_sheet_is_immutable(panel):
    dossier = to_council(panel)
    sheet = score(panel.members[0], dossier, 66)
    assert (sheet.status, sheet.total) == (SheetStatus.SUBMITTED, Decimal(66))
    assert sheet.submitted_at is not None
    with pytest.raises(ApplicationError, match="đã nộp, không sửa được") as exc:
        sheet_save(actor=panel.members[0], dossier=dossier, choices={"1.1": 0})
    assert exc.value.field == "status"
    with pytest.raises(ApplicationError, match="đã nộp"):
        sheet_submit(actor=panel.members[0], dossier=dossier)
    sheet.refresh_from_db()
    assert sheet.total == Decimal(66)
    assert (
        sheet.lines.get(criterion_code="1.1").option_index
        == choices_for(dossier.rubric.sheet, 66, story_exists=False)["1.1"]
    )


def test_reopen_only_by_the_chair_with_a_reason(panel):
    dossier = to_council(panel)
    sheet = score(panel.members[0], dossier, 66)
    with pytest.raises(PermissionDeniedError, match="Chỉ chủ tịch"):
        sheet_reopen(actor=panel.members[1], sheet=sheet, reason="Chấm lại")
    with pytest.raises(PermissionDeniedError):
        sheet_reopen(actor=panel.officer, sheet=sheet, reason="Chấm lại")
    with pytest.raises(ApplicationError) as exc:
        sheet_reopen(actor=panel.chair, sheet=sheet, reason="   ")
    assert exc.value.field == "reason"
    reopened = sheet_reopen(actor=panel.chair, sheet=sheet, reason="Chênh lệch lớn ở tiêu chí 4.1")
    assert (reopened.status, reopened.total, reopened.reopened_reason) == (
        SheetStatus.DRAFT,
        None,
        "Chênh lệch lớn ở tiêu chí 4.1",
    )
    latest = reopened.history.first()
    assert latest.history_user == panel.chair
    assert "Chênh lệch lớn ở tiêu chí 4.1" in latest.history_change_reason
    with pytest.raises(ApplicationError, match="chưa nộp"):
        sheet_reopen(actor=panel.chair, sheet=reopened, reason="Lần nữa")
    # the member may change the sheet again and resubmit
    sheet_save(actor=panel.members[0], dossier=dossier, choices={"12": 0})
    assert sheet_submit(actor=panel.members[0], dossier=dossier).status == SheetStatus.SUBMITTED


def test_scoring_only_in_the_council_step(panel):
    dossier = advance_to(make_dossier(panel.world.products["dak_mil_rau"]), lifecycle.ADVISORY_REVIEW)
    Dossier.objects.filter(pk=dossier.pk).update(council=panel.council)
    with pytest.raises(ApplicationError, match="Hội đồng chấm điểm"):
        conflict_declare(actor=panel.members[0], dossier=dossier, has_conflict=False)


# ----------------------------------------------------------------------------------------------------
# The result: legal boundaries


def _conclude(panel: Panel, dossier: Dossier, **kwargs) -> Result:
    result = result_conclude(actor=panel.chair, dossier=dossier, **kwargs)
    dossier.refresh_from_db()
    return result


def test_mean_just_below_50_is_two_stars_and_not_recognised(panel):
    dossier = to_council(panel)
    score_all(panel, dossier, [50, 50, 49])
    result = _conclude(panel, dossier)
    assert result.mean_score == Decimal("49.67")
    assert (result.band_star, result.cap_star, result.final_star) == (2, 5, 2)
    assert not result.certifiable
    assert dossier.status == lifecycle.NOT_RECOGNISED
    step = DossierTransition.objects.filter(dossier=dossier).last()
    assert (step.from_status, step.to_status, step.actor) == (
        lifecycle.COUNCIL,
        lifecycle.NOT_RECOGNISED,
        panel.chair,
    )
    assert "49.67" in step.reason


def test_mean_of_exactly_50_is_three_stars_and_scored(panel):
    dossier = to_council(panel)
    score_all(panel, dossier, [50, 50, 50])
    result = _conclude(panel, dossier)
    assert result.mean_score == Decimal("50.00")
    assert (result.band_star, result.final_star) == (3, 3)
    assert dossier.status == lifecycle.SCORED
    assert result.member_totals == {"Nguyễn Văn An": 50, "Trần Thị Bình": 50, "Lê Văn Cường": 50}
    assert result.flagged_members == []
    assert result.failed_marks == []
    assert result.concluded_by == panel.chair
    assert result.minimum_marks_applied is True


def test_missed_three_star_mark_gives_no_rank(panel):
    dossier = to_council(panel)
    score_all(panel, dossier, [60, 62, 64], miss={"2.2": 3})
    result = _conclude(panel, dossier)
    assert result.mean_score == Decimal("62.00")
    assert (result.band_star, result.cap_star, result.final_star) == (3, 0, 0)
    assert dossier.status == lifecycle.NOT_RECOGNISED
    assert [(m["criterion_code"], m["star"]) for m in result.failed_marks] == [("2.2", 3)]
    assert "yêu cầu tối thiểu 3 sao" in result.failed_marks[0]["message"]


def test_missed_four_star_mark_with_mean_80_is_three_stars(panel):
    dossier = to_council(panel)
    score_all(panel, dossier, [80, 80, 80], miss={"2.1": 4})
    result = _conclude(panel, dossier)
    assert result.mean_score == Decimal("80.00")
    assert (result.band_star, result.cap_star, result.final_star) == (4, 3, 3)
    assert [(m["criterion_code"], m["star"]) for m in result.failed_marks] == [("2.1", 4)]
    assert dossier.status == lifecycle.SCORED


def test_without_minimum_marks_the_band_decides(panel, settings):
    settings.OCOP_APPLY_MINIMUM_MARKS = False
    dossier = to_council(panel)
    score_all(panel, dossier, [60, 62, 64], miss={"2.2": 3})
    result = _conclude(panel, dossier)
    assert (result.band_star, result.cap_star, result.final_star) == (3, 0, 3)
    assert result.minimum_marks_applied is False
    assert result.failed_marks  # still recorded, for coaching
    assert dossier.status == lifecycle.SCORED


def test_a_mark_missed_by_one_member_of_three_does_not_cap(panel):
    dossier = to_council(panel)
    score(panel.chair, dossier, 62, miss={"2.2": 3})
    score(panel.members[0], dossier, 62)
    score(panel.members[1], dossier, 62)
    result = _conclude(panel, dossier)
    assert (result.cap_star, result.final_star) == (5, 3)


def test_spread_of_exactly_the_threshold_is_not_flagged(panel):
    dossier = to_council(panel)
    score_all(panel, dossier, [60, 60, 75])  # mean 65: the 75 lies exactly 10 above
    result = _conclude(panel, dossier)
    assert result.flagged_members == []
    assert result.mean_score == Decimal("65.00")


def test_spread_just_above_the_threshold_is_flagged_and_needs_discussion(panel):
    Council.objects.filter(pk=panel.council.pk).update(spread_threshold=Decimal("10.3"))
    dossier = to_council(panel)
    score_all(panel, dossier, [60, 61, 76])  # mean 65.67: the 76 lies 10.33 above, 0.03 over
    counts = selectors.tally(Dossier.objects.get(pk=dossier.pk))
    assert [row.name for row in counts.flagged] == ["Lê Văn Cường"]
    with pytest.raises(ApplicationError, match=r"Lê Văn Cường \(76\.00 điểm\)") as exc:
        _conclude(panel, dossier)
    assert exc.value.extra["flagged_members"] == ["Lê Văn Cường"]
    with pytest.raises(ApplicationError):
        _conclude(panel, dossier, discussed=True)  # a discussion leaves a note
    with pytest.raises(ApplicationError):
        _conclude(panel, dossier, note="Đã thảo luận")  # and is declared
    result = _conclude(
        panel, dossier, discussed=True, note="Thành viên giải trình về tiêu chí 4.1; giữ nguyên."
    )
    assert result.flagged_members == ["Lê Văn Cường"]
    assert result.note == "Thành viên giải trình về tiêu chí 4.1; giữ nguyên."
    assert "đã thảo luận điểm lệch" in result.history.first().history_change_reason
    assert "đã thảo luận điểm lệch" in dossier.transitions.last().reason


def test_long_reasons_fit_the_history(panel):
    dossier = to_council(panel)
    score_all(panel, dossier, [60, 60, 90])
    long_reason = "Chênh lệch lớn ở tiêu chí 4.1 và 5.3; thành viên cần xem lại minh chứng. " * 5
    sheet = ScoreSheet.objects.get(dossier=dossier, member__user=panel.members[1])
    reopened = sheet_reopen(actor=panel.chair, sheet=sheet, reason=long_reason)
    assert reopened.reopened_reason == long_reason.strip()
    assert len(reopened.history.first().history_change_reason) == 100
    sheet_save(
        actor=panel.members[1],
        dossier=dossier,
        choices=choices_for(dossier.rubric.sheet, 90, story_exists=False),
    )
    sheet_submit(actor=panel.members[1], dossier=dossier)
    result = _conclude(panel, dossier, discussed=True, note=long_reason)
    assert result.note == long_reason.strip()
    assert dossier.status == lifecycle.SCORED


def test_threshold_above_the_spread_does_not_flag(panel):
    Council.objects.filter(pk=panel.council.pk).update(spread_threshold=Decimal("10.4"))
    dossier = to_council(panel)
    score_all(panel, dossier, [60, 61, 76])
    assert _conclude(panel, dossier).flagged_members == []


def test_flagged_sheet_reopened_and_rescored(panel):
    dossier = to_council(panel)
    score_all(panel, dossier, [60, 60, 90])
    with pytest.raises(ApplicationError, match="lệch quá"):
        _conclude(panel, dossier)
    sheet = ScoreSheet.objects.get(dossier=dossier, member__user=panel.members[1])
    sheet_reopen(actor=panel.chair, sheet=sheet, reason="Chấm lại sau thảo luận")
    with pytest.raises(ApplicationError, match="chưa nộp phiếu chấm: Lê Văn Cường"):
        _conclude(panel, dossier)
    sheet_save(
        actor=panel.members[1],
        dossier=dossier,
        choices=choices_for(dossier.rubric.sheet, 66, story_exists=False),
    )
    sheet_submit(actor=panel.members[1], dossier=dossier)
    result = _conclude(panel, dossier)
    assert result.mean_score == Decimal("62.00")
    assert result.member_totals["Lê Văn Cường"] == 66


def test_conflicted_member_is_excluded(eval_world):
    panel = make_panel(eval_world, members=3)
    dossier = to_council(panel)
    conflicted = panel.extra[0]
    score(conflicted, dossier, 95, submit=False)  # started, then declared a conflict
    conflict_declare(actor=conflicted, dossier=dossier, has_conflict=True, note="Là thành viên HTX")
    score(panel.chair, dossier, 70)
    score(panel.members[0], dossier, 72)
    with pytest.raises(ApplicationError, match="Lê Văn Cường"):
        _conclude(panel, dossier)  # every non-conflicted scorer must submit
    score(panel.members[1], dossier, 74)
    counts = selectors.tally(Dossier.objects.get(pk=dossier.pk))
    excluded = next(row for row in counts.rows if row.member.user == conflicted)
    assert excluded.conflicted
    assert excluded.sheet is not None
    assert not excluded.counted
    result = _conclude(panel, dossier)
    assert result.mean_score == Decimal("72.00")
    assert "Phạm Thị Dung" not in result.member_totals
    assert len(result.member_totals) == 3


def test_fewer_than_the_minimum_scorers_cannot_conclude(panel, settings):
    dossier = to_council(panel)
    conflict_declare(actor=panel.members[1], dossier=dossier, has_conflict=True, note="Người nhà chủ thể")
    score(panel.chair, dossier, 70)
    score(panel.members[0], dossier, 70)
    with pytest.raises(ApplicationError, match="ít nhất 3 thành viên") as exc:
        _conclude(panel, dossier)
    assert exc.value.extra["min_scorers"] == 3
    settings.OCOP_COUNCIL_MIN_SCORERS = 2
    assert _conclude(panel, dossier).mean_score == Decimal("70.00")


def test_only_the_chair_concludes_once(panel):
    dossier = to_council(panel)
    score_all(panel, dossier, [70, 70, 70])
    for user in (panel.members[0], panel.secretary, panel.officer):
        with pytest.raises(PermissionDeniedError):
            result_conclude(actor=user, dossier=dossier)
    with pytest.raises(NotFoundError):
        result_conclude(actor=panel.world.users["province_qn"], dossier=dossier)
    _conclude(panel, dossier)
    with pytest.raises(ApplicationError):
        _conclude(panel, dossier)
    assert Result.objects.filter(dossier=dossier).count() == 1
    with pytest.raises(ApplicationError, match="đã kết luận"):
        sheet_reopen(
            actor=panel.chair, sheet=ScoreSheet.objects.filter(dossier=dossier).first(), reason="Muộn"
        )


def test_conclusion_waits_for_every_sheet(panel):
    dossier = to_council(panel)
    score(panel.chair, dossier, 70)
    score(panel.members[0], dossier, 70, submit=False)
    with pytest.raises(ApplicationError, match="Trần Thị Bình, Lê Văn Cường") as exc:
        _conclude(panel, dossier)
    assert exc.value.extra["missing_members"] == ["Trần Thị Bình", "Lê Văn Cường"]
    assert dossier.status == lifecycle.COUNCIL


# ----------------------------------------------------------------------------------------------------
# Visibility (selectors)


def test_others_scores_hidden_until_own_sheet_is_submitted(panel):
    dossier = to_council(panel)
    score(panel.members[0], dossier, 70)
    score(panel.members[1], dossier, 60, submit=False)
    first = selectors.scoring_access(panel.members[0], dossier)
    second = selectors.scoring_access(panel.members[1], dossier)
    assert first.scores
    assert not second.scores
    other = ScoreSheet.objects.get(member__user=panel.members[0])
    with pytest.raises(PermissionDeniedError):
        selectors.sheet_get_for_user(user=panel.members[1], pk=other.pk)
    assert selectors.sheet_get_for_user(user=panel.members[0], pk=other.pk) == other
    draft = ScoreSheet.objects.get(member__user=panel.members[1])
    with pytest.raises(NotFoundError):  # another member's draft is theirs alone
        selectors.sheet_get_for_user(user=panel.members[0], pk=draft.pk)
    sheet_submit(actor=panel.members[1], dossier=dossier)
    assert selectors.scoring_access(panel.members[1], dossier).scores
    sheet_reopen(actor=panel.chair, sheet=draft, reason="Chấm lại")
    assert not selectors.scoring_access(panel.members[1], dossier).scores  # hidden again while re-scoring
    for user in (panel.secretary, panel.officer, panel.world.users["admin"]):
        assert not selectors.scoring_access(user, dossier).scores, user


def test_a_conflicted_chair_sees_the_scores_to_conclude(panel):
    dossier = to_council(panel)
    conflict_declare(actor=panel.chair, dossier=dossier, has_conflict=True, note="Người nhà chủ thể")
    assert selectors.scoring_access(panel.chair, dossier).scores
    conflict_declare(actor=panel.members[0], dossier=dossier, has_conflict=True, note="Góp vốn vào HTX")
    assert not selectors.scoring_access(panel.members[0], dossier).scores


def test_everyone_in_scope_sees_the_result(panel):
    dossier = to_council(panel)
    score_all(panel, dossier, [70, 70, 70])
    _conclude(panel, dossier)
    users = panel.world.users
    for user in (panel.secretary, panel.officer, users["admin"], users["central"], users["commune_dak_mil"]):
        assert selectors.scoring_access(user, dossier).scores, user
    producer = selectors.scoring_access(users["producer_dak_mil"], dossier)
    assert producer.summary
    assert not producer.scores
    assert not producer.progress
    with pytest.raises(NotFoundError):
        selectors.results_for(user=users["province_qn"], dossier=dossier)
    with pytest.raises(NotFoundError):
        selectors.results_for(user=users["producer_bao_loc"], dossier=dossier)


def test_scoring_list_holds_my_council_dossiers_with_my_state(panel):
    first = to_council(panel)
    second = to_council(panel, "dak_mil")
    score(panel.members[0], first, 70)
    conflict_declare(actor=panel.members[0], dossier=second, has_conflict=True, note="Người nhà")
    rows = {d.pk: d for d in selectors.scoring_dossiers_for_user(panel.members[0])}
    assert set(rows) == {first.pk, second.pk}
    assert (rows[first.pk].my_sheet_status, rows[first.pk].my_conflict, rows[first.pk].submitted_count) == (
        SheetStatus.SUBMITTED,
        False,
        1,
    )
    assert rows[second.pk].my_conflict is True
    assert rows[first.pk].scorer_count == 3
    assert rows[first.pk].my_role == MemberRole.MEMBER
    assert list(selectors.scoring_dossiers_for_user(panel.world.users["council_ld"])) == []
    assert {d.pk for d in selectors.scoring_dossiers_for_user(panel.secretary)} == {first.pk, second.pk}


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("admin", True),
        ("central", True),
        ("province_ld", True),
        ("province_qn", False),
        ("commune_dak_mil", False),
        ("council_ld", True),
        ("producer_dak_mil", False),
        ("chair", True),
    ],
)
def test_council_list_is_scoped(panel, who, sees):
    user = panel.chair if who == "chair" else panel.world.users[who]
    assert (panel.council in selectors.council_list_for_user(user)) == sees
