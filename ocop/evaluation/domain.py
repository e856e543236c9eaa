"""Legal rules of evaluation as pure functions: star bands, totals, minimum marks, council means, time limits.

Sources: QĐ 26/2026/QĐ-TTg (Điều 3.3 bands, Điều 5 rounds, Điều 7 procedure, Phụ lục II score sheets,
Phụ lục III Mẫu 01), Labour Code 2019 Art. 111–112 (public holidays), Civil Code 2015 Art. 144–148
(computing time limits). No Django, no database, no clock: dates are arguments. Reading choices are
recorded in ``docs/decisions/``: 0001 (minimum marks, council, criterion 5.2), 0002 (mean and spread),
0003 (time limits, holidays, rounds), 0004 (registration number).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TypeAlias, TypeVar

from ocop.evaluation.rubrics.schema import Criterion, Option, Rubric

K = TypeVar("K")

# ----------------------------------------------------------------------------------------------------
# Star bands (Điều 3.3): "từ … đến dưới …" = half-open bands over the average total score.


@dataclass(frozen=True)
class StarBand:
    """Scores ``low <= score < high`` rank ``star``; ``high`` is ``None`` for the top band (to 100)."""

    star: int
    low: Decimal
    high: Decimal | None


MIN_SCORE = Decimal(0)
MAX_SCORE = Decimal(100)
STAR_BANDS: tuple[StarBand, ...] = (
    StarBand(1, Decimal(0), Decimal(30)),
    StarBand(2, Decimal(30), Decimal(50)),
    StarBand(3, Decimal(50), Decimal(70)),
    StarBand(4, Decimal(70), Decimal(90)),
    StarBand(5, Decimal(90), None),
)
CERTIFIABLE_STARS: tuple[int, ...] = (3, 4, 5)
UNRANKED = 0  # "Không đạt": the band is 3★ or more but a 3★ minimum mark is missed (decision 0001)
CENTRAL_THRESHOLD = Decimal(90)  # Điều 7.3.e: "đạt từ 90 trở lên" → dossier goes to the ministry


def _score(value: Decimal | int) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"a score must be a Decimal (or int), not {type(value).__name__}")
    score = Decimal(value)
    if not score.is_finite() or not MIN_SCORE <= score <= MAX_SCORE:
        raise ValueError(f"Điểm phải từ 0 đến 100: {value}")
    return score


def star_band(score: Decimal | int) -> int:
    """The star band of an average total score: 49.99 → 2, 50.00 → 3, 89.99 → 4, 90 → 5 (Điều 3.3)."""
    value = _score(score)
    for band in STAR_BANDS:
        if band.low <= value and (band.high is None or value < band.high):
            return band.star
    raise AssertionError("the bands cover 0–100")  # pragma: no cover


def is_certifiable(star: int) -> bool:
    """Only 3★–5★ get a decision and a certificate; 1–2★ do not (Điều 4.1.a)."""
    return star in CERTIFIABLE_STARS


def goes_to_central(mean_score: Decimal | int) -> bool:
    """Whether the province forwards the dossier to the ministry for 5★ rating (Điều 7.3.e: ≥ 90 points)."""
    return _score(mean_score) >= CENTRAL_THRESHOLD


# ----------------------------------------------------------------------------------------------------
# One member's sheet: choices, total, minimum marks

#: A scorer's sheet: criterion code → index of the ticked option in ``criterion.options`` (as stored).
Choice: TypeAlias = Mapping[str, int]

STORY_EXISTS = "story_exists"


class SheetError(ValueError):
    """The choices cannot be scored against this rubric."""


class IncompleteSheet(SheetError):
    """Applicable criteria without a choice; ``missing`` lists their codes in sheet order."""

    def __init__(self, missing: Sequence[str]) -> None:
        self.missing = tuple(missing)
        super().__init__(f"Phiếu chưa chấm đủ các tiêu chí: {', '.join(self.missing)}")


class InvalidChoice(SheetError):
    """Choices that name no criterion, no option, or a criterion that does not apply; ``codes`` lists them."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        self.codes = tuple(self.problems)
        super().__init__("Lựa chọn không hợp lệ: " + "; ".join(f"{c}: {p}" for c, p in self.problems.items()))


def is_applicable(criterion: Criterion, *, story_exists: bool = True) -> bool:
    """Whether a criterion is scored: 5.2 ("Chỉ áp dụng khi có câu chuyện sản phẩm") only with a story."""
    if criterion.condition is None:
        return True
    if criterion.condition == STORY_EXISTS:
        return story_exists
    raise ValueError(f"criterion {criterion.code}: unknown condition {criterion.condition!r}")


def chosen_options(rubric: Rubric, choices: Choice, *, story_exists: bool = True) -> dict[str, Option]:
    """Criterion code → ticked option, for every applicable criterion, after checking the sheet is complete.

    ``InvalidChoice`` for an unknown code, an index that is not an option, or a choice on a criterion that
    does not apply (5.2 without a story: the sheet must leave it blank); then ``IncompleteSheet`` for
    applicable criteria left blank. The options of a criterion with ``cases`` form one list: any index
    picks an option and with it one case.
    """
    criteria = {criterion.code: criterion for criterion in rubric.criteria()}
    problems: dict[str, str] = {}
    for code, index in choices.items():
        criterion = criteria.get(code)
        if criterion is None:
            problems[code] = "không có tiêu chí này trong phiếu"
        elif isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(criterion.options):
            problems[code] = f"không có phương án số {index!r}"
        elif not is_applicable(criterion, story_exists=story_exists):
            problems[code] = (
                "tiêu chí không áp dụng (" + (criterion.condition_text or criterion.condition or "") + ")"
            )
    if problems:
        raise InvalidChoice(problems)
    applicable = [c for c in criteria.values() if is_applicable(c, story_exists=story_exists)]
    missing = [criterion.code for criterion in applicable if criterion.code not in choices]
    if missing:
        raise IncompleteSheet(missing)
    return {criterion.code: criterion.options[choices[criterion.code]] for criterion in applicable}


def points(option: Option) -> Decimal:
    """An option's points as an exact Decimal."""
    return Decimal(str(option.points))


def sheet_total(rubric: Rubric, choices: Choice, *, story_exists: bool = True) -> Decimal:
    """Sum of the ticked options' points; a criterion that does not apply scores 0 and takes no choice."""
    return sum(
        (points(o) for o in chosen_options(rubric, choices, story_exists=story_exists).values()), Decimal(0)
    )


def story_exists_from(rubric: Rubric, choices: Choice) -> bool | None:
    """What the sheet itself says about the story: ``False`` if 5.1 "Không có câu chuyện sản phẩm" is ticked,
    ``True`` if another 5.1 option is, ``None`` if the rubric has no such option or it is not answered."""
    for criterion in rubric.criteria():
        for index, option in enumerate(criterion.options):
            if option.text.casefold().startswith("không có câu chuyện"):
                if criterion.code not in choices:
                    return None
                return choices[criterion.code] != index
    return None


@dataclass(frozen=True)
class FailedMark:
    """A star-marked minimum that the ticked option does not reach."""

    criterion_code: str
    criterion_name: str
    star: int
    marked_text: str
    marked_points: Decimal
    chosen_text: str
    chosen_points: Decimal

    @property
    def message(self) -> str:
        """Vietnamese explanation for the result page."""
        return (
            f"Tiêu chí {self.criterion_code} ({self.criterion_name}): chưa đạt yêu cầu tối thiểu "
            f"{self.star} sao («{self.marked_text}», {self.marked_points} điểm); phương án được chọn: "
            f"«{self.chosen_text}», {self.chosen_points} điểm."
        )


@dataclass(frozen=True)
class MarkCheck:
    """Result of the minimum-mark check: the highest star the marks allow (0 = a 3★ mark failed)."""

    max_star: int
    failed: tuple[FailedMark, ...] = ()

    def failed_for(self, star: int) -> tuple[FailedMark, ...]:
        """The failed marks of one level."""
        return tuple(mark for mark in self.failed if mark.star == star)


def _rank(criterion: Criterion, option: Option) -> tuple[Decimal, int]:
    """Order of options: by points, then by printed position (the sheets print options in ascending order)."""
    return points(option), criterion.options.index(option)


def reaches(criterion: Criterion, chosen: Option, marked: Option) -> bool:
    """Whether the ticked option meets a marked minimum: it is the marked option or ranks above it."""
    return _rank(criterion, chosen) >= _rank(criterion, marked)


def _check(rubric: Rubric, chosen: Mapping[str, Option]) -> MarkCheck:
    failed: list[FailedMark] = []
    for criterion in rubric.criteria():
        option = chosen.get(criterion.code)
        if option is None:  # not applicable: imposes nothing
            continue
        options = criterion.options_for(option.case) if criterion.cases else criterion.options
        for marked in options:
            if marked.star is not None and not reaches(criterion, option, marked):
                failed.append(
                    FailedMark(
                        criterion_code=criterion.code,
                        criterion_name=criterion.name,
                        star=marked.star,
                        marked_text=marked.text,
                        marked_points=points(marked),
                        chosen_text=option.text,
                        chosen_points=points(option),
                    )
                )
    max_star = UNRANKED
    for star in CERTIFIABLE_STARS:
        if any(mark.star <= star for mark in failed):
            break
        max_star = star
    return MarkCheck(max_star=max_star, failed=tuple(failed))


def minimum_mark_cap(rubric: Rubric, choices: Choice, *, story_exists: bool = True) -> MarkCheck:
    """The highest star S in 3–5 whose marks of every level ≤ S are all met, 0 if a 3★ mark fails.

    Each marked option is checked on its own (a criterion marked 4★ and 5★ is two requirements); for criteria
    with cases, only the marks of the ticked option's case count. Our reading of "Dấu sao là yêu cầu tối thiểu
    phải đạt" (Phụ lục II legend), UNCERTAIN in law: decision 0001.
    """
    return _check(rubric, chosen_options(rubric, choices, story_exists=story_exists))


def final_star(*, mean_score: Decimal | int, cap: int, apply_minimum_marks: bool = True) -> int:
    """The result: the band of the mean, capped by the minimum marks when the band is ≥ 3★.

    0 ("Không đạt") when the band is ≥ 3★ but a 3★ mark fails; bands 1★/2★ are kept as they are (no decision,
    no certificate either way). ``apply_minimum_marks`` is the setting OCOP_APPLY_MINIMUM_MARKS.
    """
    if cap not in (UNRANKED, *CERTIFIABLE_STARS):
        raise ValueError(f"cap must be 0, 3, 4 or 5, not {cap!r}")
    band = star_band(mean_score)
    if band < min(CERTIFIABLE_STARS) or not apply_minimum_marks:
        return band
    return min(band, cap)


# ----------------------------------------------------------------------------------------------------
# The council: mean of the members' totals, spread, consensus for the minimum marks


def mean_score(totals: Sequence[Decimal | int]) -> Decimal:
    """The "tổng điểm trung bình" (Điều 3.3): the mean of the members' totals, rounded half-up to 0.01."""
    if not totals:
        raise ValueError("Chưa có phiếu chấm nào.")
    exact = sum((Decimal(total) for total in totals), Decimal(0)) / Decimal(len(totals))
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def spread_flags(totals_by_member: Mapping[K, Decimal | int], *, threshold: Decimal = Decimal(10)) -> set[K]:
    """Members whose total lies MORE than ``threshold`` from the (exact) mean; exactly 10 is not flagged."""
    if not totals_by_member:
        return set()
    values = {member: Fraction(Decimal(total)) for member, total in totals_by_member.items()}
    mean = sum(values.values(), Fraction(0)) / len(values)
    limit = Fraction(Decimal(threshold))
    return {member for member, value in values.items() if abs(value - mean) > limit}


def score_range(totals: Sequence[Decimal | int]) -> Decimal:
    """Highest minus lowest total: the other reading of the "10-point" rule (pairwise spread), for reports."""
    if not totals:
        raise ValueError("Chưa có phiếu chấm nào.")
    return Decimal(max(totals)) - Decimal(min(totals))


def consensus_choices(
    rubric: Rubric, sheets: Sequence[Choice], *, story_exists: bool = True
) -> dict[str, int]:
    """The council's option per criterion: the best one that a strict majority of members ticked or exceeded.

    With the members' options sorted from best to worst, it is the one at position ``n // 2`` (the median for
    an odd council, the lower middle option for an even one); so a mark is met on the consensus sheet exactly
    when more than half of the members met it. Every sheet is checked first.
    """
    if not sheets:
        raise ValueError("Chưa có phiếu chấm nào.")
    chosen = [chosen_options(rubric, sheet, story_exists=story_exists) for sheet in sheets]
    result: dict[str, int] = {}
    for criterion in rubric.criteria():
        if criterion.code not in chosen[0]:
            continue
        ticked = sorted(
            (sheet[criterion.code] for sheet in chosen), key=lambda o: _rank(criterion, o), reverse=True
        )
        result[criterion.code] = criterion.options.index(ticked[len(ticked) // 2])
    return result


def council_cap(rubric: Rubric, sheets: Sequence[Choice], *, story_exists: bool = True) -> MarkCheck:
    """The minimum-mark check of the council's result, applied to the consensus sheet (decision 0001)."""
    return minimum_mark_cap(
        rubric, consensus_choices(rubric, sheets, story_exists=story_exists), story_exists=story_exists
    )


# ----------------------------------------------------------------------------------------------------
# Working days and time limits (Civil Code 2015 Art. 144–148; Labour Code 2019 Art. 111–112)


def _days(*isodates: str) -> frozenset[date]:
    return frozenset(date.fromisoformat(day) for day in isodates)


#: Weekdays off for state agencies, 2025–2027. Labour Code 2019 Art. 112: 1/1; Tết, 5 days; Giỗ Tổ (10/3 âm
#: lịch); 30/4; 1/5; 2/9 and one adjacent day; Art. 111.3: a holiday on a weekend is taken on the next
#: working day. Days as announced for civil servants where known; 2027 and the day next to 02/09/2026 are
#: placeholders until announced. Officials may extend the list (decision 0003).
VN_PUBLIC_HOLIDAYS: frozenset[date] = _days(
    # 2025 — announced
    "2025-01-01",
    "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",  # Tết Ất Tỵ (off 25/01–02/02)
    "2025-04-07",  # Giỗ Tổ Hùng Vương
    "2025-04-30", "2025-05-01", "2025-05-02",  # 02/05 swapped with Saturday 26/04
    "2025-09-01", "2025-09-02",  # Quốc khánh (off 30/08–02/09)
    # 2026 — announced except 01/09
    "2026-01-01", "2026-01-02",  # 02/01 swapped with Saturday 10/01 (VPCP 12729/VPCP-KGVX)
    "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",  # Tết Bính Ngọ (off 14–22/02)
    "2026-04-27",  # Giỗ Tổ falls on Sunday 26/04: taken on Monday
    "2026-04-30", "2026-05-01",
    "2026-09-01", "2026-09-02",  # adjacent day: placeholder
    # 2027 — placeholders from the Labour Code
    "2027-01-01",
    "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11",  # Tết 06/02 (Sat), + Art. 111.3
    "2027-04-16",  # Giỗ Tổ Hùng Vương
    "2027-04-30", "2027-05-03",  # 01/05 falls on Saturday: taken on Monday
    "2027-09-02", "2027-09-03",
)  # fmt: skip

#: Saturdays worked in exchange for a swapped weekday off ("làm bù").
VN_MAKE_UP_WORKING_DAYS: frozenset[date] = _days("2025-04-26", "2026-01-10")
HOLIDAY_CALENDAR_YEARS: tuple[int, ...] = (2025, 2026, 2027)


def is_working_day(
    day: date,
    *,
    holidays: frozenset[date] = VN_PUBLIC_HOLIDAYS,
    make_up_days: frozenset[date] = VN_MAKE_UP_WORKING_DAYS,
) -> bool:
    """Monday–Friday except public holidays, plus make-up Saturdays."""
    if day in make_up_days:
        return True
    return day.weekday() < 5 and day not in holidays


def add_working_days(
    start: date,
    days: int,
    *,
    holidays: frozenset[date] = VN_PUBLIC_HOLIDAYS,
    make_up_days: frozenset[date] = VN_MAKE_UP_WORKING_DAYS,
) -> date:
    """The last day of a period of ``days`` working days starting the day after ``start`` (BLDS Art. 147)."""
    if days < 0:
        raise ValueError("days must be ≥ 0")
    day, left = start, days
    while left:
        day += timedelta(days=1)
        if is_working_day(day, holidays=holidays, make_up_days=make_up_days):
            left -= 1
    return day


def roll_to_working_day(
    day: date,
    *,
    holidays: frozenset[date] = VN_PUBLIC_HOLIDAYS,
    make_up_days: frozenset[date] = VN_MAKE_UP_WORKING_DAYS,
) -> date:
    """``day`` itself, or the next working day when it is a weekend or a holiday (BLDS Art. 148.5)."""
    while not is_working_day(day, holidays=holidays, make_up_days=make_up_days):
        day += timedelta(days=1)
    return day


def calendar_deadline(
    start: date,
    days: int,
    *,
    holidays: frozenset[date] = VN_PUBLIC_HOLIDAYS,
    make_up_days: frozenset[date] = VN_MAKE_UP_WORKING_DAYS,
) -> date:
    """Last day of a period of ``days`` calendar days "kể từ" ``start``: counted from the next day (Art. 147),
    ending on the last day (Art. 148.1), moved to the next working day if that is a day off (Art. 148.5)."""
    if days < 0:
        raise ValueError("days must be ≥ 0")
    return roll_to_working_day(start + timedelta(days=days), holidays=holidays, make_up_days=make_up_days)


COMMUNE_REVIEW_WORKING_DAYS = 15  # Điều 7.2: "Trong thời hạn 15 ngày làm việc kể từ ngày tiếp nhận hồ sơ"
REEVALUATION_MAX_DAYS = 45  # Điều 7.6.g: "không quá 45 ngày kể từ ngày nhận đủ hồ sơ"


def commune_review_due(received_on: date, *, holidays: frozenset[date] = VN_PUBLIC_HOLIDAYS) -> date:
    """Last day for the commune's report (Mẫu 03) on a dossier received on ``received_on``."""
    return add_working_days(received_on, COMMUNE_REVIEW_WORKING_DAYS, holidays=holidays)


def reevaluation_due(complete_on: date, *, holidays: frozenset[date] = VN_PUBLIC_HOLIDAYS) -> date:
    """Last day to finish a re-evaluation whose dossier was complete on ``complete_on`` (45 calendar days)."""
    return calendar_deadline(complete_on, REEVALUATION_MAX_DAYS, holidays=holidays)


def is_overdue(due: date, today: date) -> bool:
    """Past the due date; the due date itself is still in time."""
    return today > due


# ----------------------------------------------------------------------------------------------------
# Rounds (Điều 5): "trước ngày 30/4 … trước ngày 30/6" read as "by 30/4 … by 30/6" inclusive (decision 0003)


@dataclass(frozen=True)
class RoundDeadlines:
    """One rating round: proposals received by ``proposals_by`` are rated by ``concluded_by``."""

    proposals_by: date
    concluded_by: date


def province_round_deadlines(year: int) -> tuple[RoundDeadlines, RoundDeadlines]:
    """Province rounds (Điều 5.1): commune proposals by 30/4 → rated by 30/6; by 30/10 → by 30/12."""
    return (
        RoundDeadlines(date(year, 4, 30), date(year, 6, 30)),
        RoundDeadlines(date(year, 10, 30), date(year, 12, 30)),
    )


def central_round_deadlines(year: int) -> tuple[RoundDeadlines, RoundDeadlines]:
    """Central rounds (Điều 5.2), in calendar order: by 30/01 → by 30/3; by 30/7 → by 30/9.

    The decree numbers them the other way round (its "đợt 01" is the 30/9 one).
    """
    return (
        RoundDeadlines(date(year, 1, 30), date(year, 3, 30)),
        RoundDeadlines(date(year, 7, 30), date(year, 9, 30)),
    )


def _next_round(proposed_on: date, rounds_of: Callable[[int], tuple[RoundDeadlines, ...]]) -> RoundDeadlines:
    for year in (proposed_on.year, proposed_on.year + 1):
        for deadlines in rounds_of(year):
            if proposed_on <= deadlines.proposals_by:
                return deadlines
    raise AssertionError("every year has two rounds")  # pragma: no cover


def province_round_for(proposed_on: date) -> RoundDeadlines:
    """The province round a commune proposal made on ``proposed_on`` belongs to."""
    return _next_round(proposed_on, province_round_deadlines)


def central_round_for(proposed_on: date) -> RoundDeadlines:
    """The central round a province proposal made on ``proposed_on`` belongs to."""
    return _next_round(proposed_on, central_round_deadlines)


# ----------------------------------------------------------------------------------------------------
# Registration number (Phụ lục III, Mẫu 01: "Phiếu số: ……-……. /PĐK- (Mã tỉnh) - (Mã xã) - (Năm)")


def registration_number(*, serial: int, province_code: str, commune_code: str, year: int) -> str:
    """``"007/PĐK-68-24823-2026"``: the commune's serial, QĐ 19/2025 unit codes, the year (decision 0004)."""
    if not (province_code.isdigit() and len(province_code) == 2):
        raise ValueError(f"Mã tỉnh phải có 2 chữ số: {province_code!r}")
    if not (commune_code.isdigit() and len(commune_code) == 5):
        raise ValueError(f"Mã xã phải có 5 chữ số: {commune_code!r}")
    if serial < 1:
        raise ValueError(f"Số phiếu phải từ 1: {serial}")
    if not 2018 <= year <= 2100:
        raise ValueError(f"Năm không hợp lệ: {year}")
    return f"{serial:03d}/PĐK-{province_code}-{commune_code}-{year}"
