"""Pure evaluation rules: bands, sheets, minimum marks, council aggregation, working days, rounds, numbers.

No database and no Django: the sheets are the committed 26/2026 JSON files, loaded with the pure loader.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop.evaluation.domain import (
    CENTRAL_THRESHOLD,
    CERTIFIABLE_STARS,
    COMMUNE_REVIEW_WORKING_DAYS,
    HOLIDAY_CALENDAR_YEARS,
    STAR_BANDS,
    UNRANKED,
    VN_MAKE_UP_WORKING_DAYS,
    VN_PUBLIC_HOLIDAYS,
    IncompleteSheet,
    InvalidChoice,
    RoundDeadlines,
    add_working_days,
    calendar_deadline,
    central_round_deadlines,
    central_round_for,
    commune_review_due,
    consensus_choices,
    council_cap,
    final_star,
    goes_to_central,
    is_certifiable,
    is_overdue,
    is_working_day,
    mean_score,
    minimum_mark_cap,
    province_round_deadlines,
    province_round_for,
    reevaluation_due,
    registration_number,
    score_range,
    sheet_total,
    spread_flags,
    star_band,
    story_exists_from,
)
from ocop.evaluation.rubrics import load_regime
from ocop.evaluation.rubrics.schema import Case, Criterion, Group, Option, Part, Rubric

SHEETS = load_regime("26/2026")
SET1 = SHEETS[1]
D = Decimal


def best(rubric: Rubric, *, story_exists: bool = True) -> dict[str, int]:
    """The best-scoring option of every applicable criterion."""
    choices = {}
    for criterion in rubric.criteria():
        if criterion.condition == "story_exists" and not story_exists:
            continue
        top = max(range(len(criterion.options)), key=lambda i: (criterion.options[i].points, i))
        choices[criterion.code] = top
    return choices


def result(choices: dict[str, int], rubric: Rubric = SET1, *, apply: bool = True) -> tuple[Decimal, int]:
    """One member's sheet taken as the council's result: (total, final star)."""
    total = sheet_total(rubric, choices)
    cap = minimum_mark_cap(rubric, choices).max_star
    return total, final_star(mean_score=mean_score([total]), cap=cap, apply_minimum_marks=apply)


def tiny_rubric(*criteria: Criterion) -> Rubric:
    """A one-group rubric for rules the real sheets do not exercise."""
    group = Group(code="1", name="Nhóm thử", max=sum(c.max for c in criteria), criteria=tuple(criteria))
    part = Part(code="A", name="Phần thử", max=group.max, groups=(group,))
    return Rubric(regime="test", product_set=0, title="Phiếu thử", source="test", parts=(part,))


# ----------------------------------------------------------------------------------------------------
# Star bands (Điều 3.3)


@pytest.mark.parametrize(
    ("score", "star"),
    [
        ("0", 1),
        ("29.99", 1),
        ("30", 2),
        ("30.00", 2),
        ("49.99", 2),
        ("50.00", 3),
        ("69.99", 3),
        ("70", 4),
        ("89.99", 4),
        ("90", 5),
        ("100", 5),
    ],
)
def test_star_band_boundaries_are_half_open(score, star):
    assert star_band(D(score)) == star


@pytest.mark.parametrize("score", ["-0.01", "100.01", "NaN", "Infinity"])
def test_star_band_rejects_scores_outside_0_100(score):
    with pytest.raises(ValueError, match="0 đến 100"):
        star_band(D(score))


def test_star_band_refuses_floats_which_cannot_hold_49_99():
    with pytest.raises(TypeError):
        star_band(49.99)  # type: ignore[arg-type]


def test_star_bands_are_contiguous_and_cover_0_to_100():
    assert STAR_BANDS[0].low == 0
    assert STAR_BANDS[-1].high is None
    assert [band.star for band in STAR_BANDS] == [1, 2, 3, 4, 5]
    for lower, upper in itertools.pairwise(STAR_BANDS):
        assert lower.high == upper.low


@given(st.decimals(min_value=0, max_value=100, places=2), st.decimals(min_value=0, max_value=100, places=2))
def test_star_band_is_monotone_in_the_score(a, b):
    low, high = sorted((a, b))
    assert star_band(low) <= star_band(high)


def test_only_3_to_5_stars_are_certifiable():
    assert CERTIFIABLE_STARS == (3, 4, 5)
    assert [is_certifiable(star) for star in (0, 1, 2, 3, 4, 5)] == [False, False, False, True, True, True]


def test_goes_to_central_from_90():
    assert CENTRAL_THRESHOLD == 90
    assert not goes_to_central(D("89.99"))
    assert goes_to_central(D("90.00"))
    assert goes_to_central(D(100))


# ----------------------------------------------------------------------------------------------------
# Sheet totals


@pytest.mark.parametrize("number", sorted(SHEETS))
def test_the_best_option_everywhere_scores_100_on_every_sheet(number):
    rubric = SHEETS[number]
    assert sheet_total(rubric, best(rubric)) == 100
    assert minimum_mark_cap(rubric, best(rubric)).max_star == 5


def test_a_total_is_the_sum_of_the_ticked_options():
    lowest = {criterion.code: 0 for criterion in SET1.criteria()}
    assert sheet_total(SET1, lowest) == sum(criterion.options[0].points for criterion in SET1.criteria())
    assert sheet_total(SET1, {**best(SET1), "4.1": 1}) == 97  # 5 → 2 points


def test_without_a_story_5_2_is_not_scored_and_takes_no_choice():
    no_story = best(SET1, story_exists=False)
    assert "5.2" not in no_story
    assert sheet_total(SET1, no_story, story_exists=False) == 98
    with pytest.raises(InvalidChoice) as error:
        sheet_total(SET1, best(SET1), story_exists=False)
    assert error.value.codes == ("5.2",)


def test_a_missing_choice_is_listed_in_sheet_order():
    choices = best(SET1)
    del choices["5.2"], choices["1.2"]
    with pytest.raises(IncompleteSheet) as error:
        sheet_total(SET1, choices)
    assert error.value.missing == ("1.2", "5.2")


@pytest.mark.parametrize(
    ("code", "index"), [("99.9", 0), ("1.1", -1), ("1.1", 3), ("1.1", True), ("1.1", "0"), ("1.1", None)]
)
def test_unknown_codes_and_options_are_invalid(code, index):
    with pytest.raises(InvalidChoice) as error:
        sheet_total(SET1, {**best(SET1), code: index})
    assert error.value.codes == (code,)


def test_invalid_choices_are_reported_before_missing_ones():
    with pytest.raises(InvalidChoice):
        sheet_total(SET1, {"99.9": 0})


def test_a_case_option_scores_its_points():
    tourism = SHEETS[26]
    criterion = tourism.criterion("8")
    assert [option.case for option in criterion.options] == ["a", "a", "b", "b"]
    assert sheet_total(tourism, {**best(tourism), "8": 2}) == 98  # case b, 1 of 3 points
    assert sheet_total(tourism, {**best(tourism), "8": 3}) == 100  # case b, best option


def test_the_sheet_tells_whether_a_story_exists():
    assert story_exists_from(SET1, {"5.1": 0}) is False
    assert story_exists_from(SET1, {"5.1": 1}) is True
    assert story_exists_from(SET1, {}) is None
    assert story_exists_from(SHEETS[26], best(SHEETS[26])) is None


# ----------------------------------------------------------------------------------------------------
# Minimum marks (decision 0001)

# Set 1, all best options, then: 2.2 "Đóng gói" 1 point (misses ***), and unmarked criteria lowered to 75.
MISSED_3_STAR_AT_75 = {
    **best(SET1),
    "2.2": 1,
    **dict.fromkeys(["1.1", "1.2", "1.4", "1.7", "2.4", "3.1", "3.2", "3.3", "4.2", "4.3"], 0),
    "6.3": 1,
}
# 1.5 "Liên kết sản xuất" 1 point (misses **** and *****), 4.3 and 4.2 lowered: 95.
MISSED_4_STAR_AT_95 = {**best(SET1), "1.5": 1, "4.3": 3, "4.2": 2}
ALL_MET_AT_95 = {**best(SET1), "4.3": 3, "4.2": 1, "1.7": 0}


def test_a_missed_3_star_mark_leaves_a_75_point_product_unranked():
    check = minimum_mark_cap(SET1, MISSED_3_STAR_AT_75)
    assert check.max_star == UNRANKED == 0
    assert [(mark.criterion_code, mark.star) for mark in check.failed] == [("2.2", 3)]
    assert result(MISSED_3_STAR_AT_75) == (75, 0)


def test_a_missed_4_star_mark_caps_a_95_point_product_at_3_stars():
    check = minimum_mark_cap(SET1, MISSED_4_STAR_AT_95)
    assert check.max_star == 3
    assert [(mark.criterion_code, mark.star) for mark in check.failed] == [("1.5", 4), ("1.5", 5)]
    assert result(MISSED_4_STAR_AT_95) == (95, 3)


def test_all_marks_met_at_95_gives_5_stars():
    assert minimum_mark_cap(SET1, ALL_MET_AT_95).failed == ()
    assert result(ALL_MET_AT_95) == (95, 5)


def test_a_missed_5_star_mark_caps_at_4():
    choices = {**best(SET1), "1.3": 1}  # "Gia tăng giá trị" 2 points; ***** is on 3
    assert result(choices) == (99, 4)


def test_with_the_setting_off_the_band_alone_decides():
    assert result(MISSED_3_STAR_AT_75, apply=False) == (75, 4)
    assert result(MISSED_4_STAR_AT_95, apply=False) == (95, 5)


def test_each_mark_of_a_criterion_is_its_own_requirement():
    check = minimum_mark_cap(SET1, {**best(SET1), "4.1": 1})  # 2 points: *** met, **** and ***** not
    assert [mark.star for mark in check.failed] == [4, 5]
    assert check.failed_for(4)[0].marked_points == 3
    assert check.failed_for(4)[0].chosen_points == 2
    assert check.max_star == 3


def test_levels_are_cumulative_a_missed_4_star_mark_is_not_rescued_by_5_star_marks():
    check = minimum_mark_cap(SET1, {**best(SET1), "2.1": 1})  # **** on 2.1 missed; every ***** met
    assert [mark.star for mark in check.failed] == [4]
    assert check.max_star == 3


def test_a_failed_mark_explains_itself_in_vietnamese():
    mark = minimum_mark_cap(SET1, MISSED_3_STAR_AT_75).failed[0]
    assert mark.message.startswith(
        "Tiêu chí 2.2 (Đóng gói, bao bì sản phẩm): chưa đạt yêu cầu tối thiểu 3 sao"
    )
    assert "2 điểm" in mark.message
    assert "1 điểm" in mark.message


@pytest.mark.parametrize(("score", "band"), [("29.99", 1), ("45", 2), ("49.99", 2)])
def test_bands_1_and_2_are_not_affected_by_the_marks(score, band):
    assert final_star(mean_score=D(score), cap=0) == band


@pytest.mark.parametrize(("cap", "star"), [(0, 0), (3, 3), (4, 4), (5, 4)])
def test_the_cap_only_lowers(cap, star):
    assert final_star(mean_score=D("75.50"), cap=cap) == star


def test_a_cap_must_be_0_3_4_or_5():
    with pytest.raises(ValueError, match="cap"):
        final_star(mean_score=D(80), cap=2)


def test_a_conditional_criterion_that_does_not_apply_imposes_nothing():
    story = Criterion(
        code="1.1",
        name="Câu chuyện",
        max=2,
        condition="story_exists",
        options=(Option("Không", 0), Option("Có", 2, star=3)),
    )
    other = Criterion(code="1.2", name="Khác", max=1, options=(Option("Không", 0), Option("Có", 1)))
    rubric = tiny_rubric(story, other)
    assert minimum_mark_cap(rubric, {"1.2": 0}, story_exists=False).max_star == 5
    assert minimum_mark_cap(rubric, {"1.1": 0, "1.2": 0}).max_star == 0


def test_with_cases_only_the_marks_of_the_ticked_case_count():
    criterion = Criterion(
        code="1.1",
        name="Hai trường hợp",
        max=5,
        cases=(Case("a", "Trường hợp 1"), Case("b", "Trường hợp 2")),
        options=(
            Option("a thấp", 0, case="a"),
            Option("a cao", 5, star=3, case="a"),
            Option("b thấp", 1, star=3, case="b"),
            Option("b cao", 5, case="b"),
        ),
    )
    rubric = tiny_rubric(criterion)
    assert minimum_mark_cap(rubric, {"1.1": 2}).max_star == 5  # b's mark met; a's 5-point mark ignored
    assert minimum_mark_cap(rubric, {"1.1": 0}).max_star == 0  # a's mark missed
    assert minimum_mark_cap(rubric, {"1.1": 3}).max_star == 5


def test_an_option_with_equal_points_printed_before_the_mark_does_not_meet_it():
    criterion = Criterion(
        code="1.1",
        name="Điểm bằng nhau",
        max=2,
        options=(Option("một", 1), Option("một, có dấu", 1, star=3), Option("hai", 2)),
    )
    rubric = tiny_rubric(criterion)
    assert [minimum_mark_cap(rubric, {"1.1": i}).max_star for i in range(3)] == [0, 5, 5]


def random_sheet(rubric: Rubric) -> st.SearchStrategy[dict[str, int]]:
    return st.fixed_dictionaries(
        {criterion.code: st.integers(0, len(criterion.options) - 1) for criterion in rubric.criteria()}
    )


@settings(deadline=None, max_examples=60)
@given(st.data(), st.sampled_from(sorted(SHEETS)))
def test_cap_properties_on_random_sheets(data, number):
    rubric = SHEETS[number]
    choices = data.draw(random_sheet(rubric))
    check = minimum_mark_cap(rubric, choices)
    failed_levels = {mark.star for mark in check.failed}
    assert check.max_star in (0, 3, 4, 5)
    assert check.max_star == next(
        (star - 1 if star > 3 else 0 for star in (3, 4, 5) if star in failed_levels), 5
    )
    total = sheet_total(rubric, choices)
    assert 0 <= total <= 100
    band = star_band(total)
    star = final_star(mean_score=total, cap=check.max_star)
    assert star <= band  # the cap never raises the star
    assert star in (band, 0, 3, 4)
    # Improving one answer to the criterion's best option never lowers the cap.
    code = data.draw(st.sampled_from(sorted(choices)))
    assert minimum_mark_cap(rubric, {**choices, code: best(rubric)[code]}).max_star >= check.max_star


@given(st.decimals(min_value=0, max_value=100, places=2), st.sampled_from([0, 3, 4, 5]), st.booleans())
def test_final_star_never_exceeds_the_band(score, cap, apply):
    star = final_star(mean_score=score, cap=cap, apply_minimum_marks=apply)
    assert star <= star_band(score)
    if not apply or star_band(score) < 3:
        assert star == star_band(score)


# ----------------------------------------------------------------------------------------------------
# The council (decision 0002, and 0001 for the council's minimum marks)


def test_mean_of_three_members_is_rounded_half_up_to_2_decimals():
    assert mean_score([D(70), D(71), D("72.5")]) == D("71.17")
    assert mean_score([D("49.995")]) == D("50.00")
    assert mean_score([D("66.665"), D("66.665")]) == D("66.67")
    assert mean_score([80, 81]) == D("80.50")


def test_mean_of_nothing_is_an_error():
    with pytest.raises(ValueError, match="phiếu"):
        mean_score([])


@given(st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=1, max_size=15))
def test_mean_lies_between_the_lowest_and_highest_total(totals):
    assert min(totals) <= mean_score(totals) <= max(totals)


def test_spread_of_exactly_10_is_not_flagged_10_01_is():
    assert spread_flags({"a": D(60), "b": D(80)}) == set()
    assert spread_flags({"a": D("59.99"), "b": D("80.01")}) == {"a", "b"}
    assert spread_flags({"a": D(70), "b": D(70), "c": D(85)}) == set()  # mean 75, c is 10 away
    assert spread_flags({"a": D(70), "b": D(70), "c": D("85.03")}) == {"c"}  # mean 75.01, c 10.02 away
    assert spread_flags({"a": D(70), "b": D(76)}, threshold=D(2)) == {"a", "b"}
    assert spread_flags({}) == set()


def test_spread_uses_the_exact_mean_not_the_rounded_one():
    # mean 70.003333…: 80.01 lies 10.006667 away (flagged); the rounded mean 70.00 would say the same,
    # but 60.00 lies 10.003333 away from the exact mean and only 10.00 from the rounded one.
    assert spread_flags({"a": D(60), "b": D("80.01"), "c": D(70)}) == {"a", "b"}


def test_score_range_is_highest_minus_lowest():
    assert score_range([D(60), D("72.5"), D("80.25")]) == D("20.25")


@pytest.mark.parametrize(
    ("ticks", "consensus", "cap"),
    [
        ([1, 2, 3], 2, 5),  # the median member met the 3★ mark (option 2)
        ([1, 3], 1, 0),  # a tie goes to the lower option
        ([1, 2, 2, 3], 2, 5),  # 3 of 4 met it
        ([1, 1, 2, 3], 1, 0),  # only 2 of 4 met it: no majority
        ([3, 3, 0], 3, 5),
    ],
)
def test_the_council_checks_marks_on_the_majority_option(ticks, consensus, cap):
    sheets = [{**best(SET1), "2.2": tick} for tick in ticks]
    assert consensus_choices(SET1, sheets)["2.2"] == consensus
    assert council_cap(SET1, sheets).max_star == cap


def test_a_council_of_one_is_that_member():
    assert council_cap(SET1, [MISSED_4_STAR_AT_95]) == minimum_mark_cap(SET1, MISSED_4_STAR_AT_95)


def test_the_council_checks_every_sheet():
    with pytest.raises(IncompleteSheet):
        council_cap(SET1, [best(SET1), {"1.1": 0}])
    with pytest.raises(ValueError, match="phiếu"):
        council_cap(SET1, [])


def test_the_council_skips_5_2_without_a_story():
    sheets = [best(SET1, story_exists=False)] * 3
    assert "5.2" not in consensus_choices(SET1, sheets, story_exists=False)
    assert council_cap(SET1, sheets, story_exists=False).max_star == 5


@settings(deadline=None)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=7))
def test_a_council_mark_is_met_exactly_when_a_strict_majority_met_it(ticks):
    criterion = SET1.criterion("4.1")  # *** on option 1, **** on 2, ***** on 3
    sheets = [{**best(SET1), "4.1": tick} for tick in ticks]
    failed = {mark.star for mark in council_cap(SET1, sheets).failed}
    for marked_index, option in enumerate(criterion.options):
        if option.star is not None:
            met_by = sum(tick >= marked_index for tick in ticks)
            assert (option.star not in failed) == (met_by * 2 > len(ticks))


# ----------------------------------------------------------------------------------------------------
# Working days and time limits (decision 0003)


def test_a_weekend_is_skipped():
    assert add_working_days(date(2026, 7, 3), 1) == date(2026, 7, 6)  # Friday → Monday
    assert add_working_days(date(2026, 7, 4), 1) == date(2026, 7, 6)  # received on a Saturday
    assert add_working_days(date(2026, 7, 1), 15) == date(2026, 7, 22)
    assert add_working_days(date(2026, 7, 1), 0) == date(2026, 7, 1)


def test_commune_review_across_tet_2026():
    assert COMMUNE_REVIEW_WORKING_DAYS == 15
    assert commune_review_due(date(2026, 2, 10)) == date(2026, 3, 10)
    assert commune_review_due(date(2026, 2, 10), holidays=frozenset()) == date(2026, 3, 3)


def test_swapped_days_are_holidays_and_make_up_saturdays_are_working_days():
    assert add_working_days(date(2025, 4, 25), 1) == date(2025, 4, 26)  # Saturday worked for Friday 2/5
    assert add_working_days(date(2025, 4, 29), 1) == date(2025, 5, 5)  # 30/4, 1/5, 2/5 off
    assert not is_working_day(date(2026, 1, 2))
    assert is_working_day(date(2026, 1, 10))
    assert not is_working_day(date(2026, 4, 27))  # Giỗ Tổ on Sunday 26/04, taken on Monday


def test_negative_periods_are_refused():
    with pytest.raises(ValueError, match="≥ 0"):
        add_working_days(date(2026, 7, 1), -1)
    with pytest.raises(ValueError, match="≥ 0"):
        calendar_deadline(date(2026, 7, 1), -1)


@pytest.mark.parametrize("year", HOLIDAY_CALENDAR_YEARS)
def test_each_year_has_the_11_statutory_days_off(year):
    off = {day for day in VN_PUBLIC_HOLIDAYS if day.year == year}
    worked = {day for day in VN_MAKE_UP_WORKING_DAYS if day.year == year}
    assert len(off) - len(worked) == 11  # 1 + 5 + 1 + 1 + 1 + 2 (Labour Code 2019 Art. 112.1)
    assert all(day.weekday() < 5 for day in off)  # a weekend holiday is listed as its weekday in lieu
    assert all(day.weekday() == 5 for day in worked)
    assert date(year, 1, 1) in off
    assert date(year, 9, 2) in off


def test_tet_days_are_listed():
    assert {date(2026, 2, d) for d in range(16, 21)} <= VN_PUBLIC_HOLIDAYS
    assert {date(2025, 1, d) for d in range(27, 32)} <= VN_PUBLIC_HOLIDAYS


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 10, 31)), st.integers(1, 60))
def test_add_working_days_lands_on_a_working_day_after_the_start(start, days):
    end = add_working_days(start, days)
    assert end > start
    assert is_working_day(end)
    counted = sum(is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))
    assert counted == days


def test_a_calendar_period_ending_on_a_day_off_moves_to_the_next_working_day():
    assert calendar_deadline(date(2026, 7, 1), 15) == date(2026, 7, 16)
    assert calendar_deadline(date(2026, 7, 3), 15) == date(2026, 7, 20)  # Saturday 18/07 → Monday
    assert calendar_deadline(date(2026, 4, 15), 15) == date(2026, 5, 4)  # 30/4, 1/5, weekend
    assert reevaluation_due(date(2026, 7, 1)) == date(2026, 8, 17)  # 45 days: Saturday 15/08 → Monday


def test_the_due_date_itself_is_not_overdue():
    due = date(2026, 6, 30)
    assert not is_overdue(due, due)
    assert not is_overdue(due, due - timedelta(days=1))
    assert is_overdue(due, due + timedelta(days=1))


# ----------------------------------------------------------------------------------------------------
# Rounds (Điều 5)


def test_province_and_central_round_deadlines():
    assert province_round_deadlines(2026) == (
        RoundDeadlines(date(2026, 4, 30), date(2026, 6, 30)),
        RoundDeadlines(date(2026, 10, 30), date(2026, 12, 30)),
    )
    assert central_round_deadlines(2026) == (
        RoundDeadlines(date(2026, 1, 30), date(2026, 3, 30)),
        RoundDeadlines(date(2026, 7, 30), date(2026, 9, 30)),
    )


@pytest.mark.parametrize(
    ("proposed_on", "concluded_by"),
    [
        (date(2026, 1, 5), date(2026, 6, 30)),
        (date(2026, 4, 30), date(2026, 6, 30)),
        (date(2026, 5, 1), date(2026, 12, 30)),
        (date(2026, 10, 30), date(2026, 12, 30)),
        (date(2026, 10, 31), date(2027, 6, 30)),
    ],
)
def test_a_commune_proposal_joins_the_next_province_round(proposed_on, concluded_by):
    assert province_round_for(proposed_on).concluded_by == concluded_by


@pytest.mark.parametrize(
    ("proposed_on", "concluded_by"),
    [
        (date(2026, 1, 30), date(2026, 3, 30)),
        (date(2026, 1, 31), date(2026, 9, 30)),
        (date(2026, 7, 30), date(2026, 9, 30)),
        (date(2026, 7, 31), date(2027, 3, 30)),
    ],
)
def test_a_province_proposal_joins_the_next_central_round(proposed_on, concluded_by):
    assert central_round_for(proposed_on).concluded_by == concluded_by


# ----------------------------------------------------------------------------------------------------
# Registration number (Mẫu 01, decision 0004)


def test_registration_number_shape():
    assert registration_number(serial=7, province_code="68", commune_code="24823", year=2026) == (
        "007/PĐK-68-24823-2026"
    )
    assert registration_number(serial=1234, province_code="01", commune_code="00004", year=2027) == (
        "1234/PĐK-01-00004-2027"
    )


@pytest.mark.parametrize(
    ("serial", "province", "commune", "year"),
    [(0, "68", "24823", 2026), (1, "6", "24823", 2026), (1, "68", "2482", 2026), (1, "68", "24823", 26)],
)
def test_registration_number_rejects_bad_parts(serial, province, commune, year):
    with pytest.raises(ValueError, match=r"phải|không hợp lệ"):
        registration_number(serial=serial, province_code=province, commune_code=commune, year=year)


# ----------------------------------------------------------------------------------------------------
# Purity


def test_the_domain_modules_import_without_django():
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import sys; import ocop.evaluation.domain, ocop.certification.domain; "
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if m.startswith('django'))"
    )
    root = Path(__file__).resolve().parents[3]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root, env=env)
