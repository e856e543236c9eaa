"""The 26 sheets of QĐ 26/2026 load, validate and match the domain research; the validator catches errors.

No database: these tests read the committed JSON files and exercise the pure-Python loader and validator.
"""

from __future__ import annotations

import copy
import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from ocop.evaluation.rubrics import extract_qd26
from ocop.evaluation.rubrics.regimes import REGIMES, get_regime
from ocop.evaluation.rubrics.schema import (
    Criterion,
    Option,
    Rubric,
    RubricFormatError,
    load_regime,
    load_rubric,
    regime_dir,
    rubric_from_dict,
    rubric_to_dict,
    validate,
)

DATA_DIR = regime_dir("26/2026")
SET_NUMBERS = list(range(1, 27))


@pytest.fixture(scope="module")
def sheets() -> dict[int, Rubric]:
    return load_regime("26/2026")


def raw(number: int) -> dict[str, Any]:
    """A fresh, mutable copy of one sheet's JSON."""
    return json.loads((DATA_DIR / f"set_{number:02d}.json").read_text(encoding="utf-8"))


def find(data: dict[str, Any], code: str) -> dict[str, Any]:
    """The criterion dict with this code inside a sheet's JSON."""
    for part in data["parts"]:
        for group in part["groups"]:
            for criterion in group["criteria"]:
                if criterion["code"] == code:
                    return criterion
    raise KeyError(code)


# ----------------------------------------------------------------------------------------------------
# All sheets


def test_regime_has_exactly_the_26_sets(sheets: dict[int, Rubric]) -> None:
    assert list(sheets) == SET_NUMBERS
    assert sorted(path.name for path in DATA_DIR.glob("set_*.json")) == [
        f"set_{n:02d}.json" for n in SET_NUMBERS
    ]


@pytest.mark.parametrize("number", SET_NUMBERS)
def test_sheet_validates_without_problems(sheets: dict[int, Rubric], number: int) -> None:
    rubric = sheets[number]
    assert validate(rubric) == []
    assert rubric.regime == "26/2026"
    assert rubric.product_set == number
    assert [(part.code, part.max) for part in rubric.parts] == [("A", 40), ("B", 25), ("C", 35)]
    assert rubric.max == 100
    assert rubric.source.startswith(f"QĐ 26/2026/QĐ-TTg, Phụ lục II, {number}.")


@pytest.mark.parametrize("number", SET_NUMBERS)
def test_files_are_canonical_nfc_json(number: int) -> None:
    """Each file is exactly what the schema writes back: NFC, unescaped Vietnamese, 2-space indent."""
    path = DATA_DIR / f"set_{number:02d}.json"
    text = path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert "\\u" not in text
    assert text == json.dumps(rubric_to_dict(load_rubric(path)), ensure_ascii=False, indent=2) + "\n"


def test_product_set_numbers_follow_the_registry_taxonomy() -> None:
    """product_set N is the registry's set N of QĐ 26/2026 Phụ lục I (the wording differs slightly)."""
    registry = json.loads(
        (Path(__file__).resolve().parents[2] / "registry/data/taxonomy.json").read_text("utf-8")
    )
    names = {
        product_set["number"]: product_set["name"]
        for sector in registry["regimes"]["26/2026"]
        for group in sector["groups"]
        for product_set in group["sets"]
    }
    sheets = load_regime("26/2026")
    assert set(names) == set(sheets)
    for number, rubric in sheets.items():
        words = set(re.findall(r"\w+", names[number].lower()))
        printed = set(re.findall(r"\w+", f"{rubric.title} {rubric.index_title}".lower()))
        assert len(words & printed) * 2 >= len(words), (number, names[number], rubric.title)


def test_star_mark_counts_stay_within_the_documented_ranges(sheets: dict[int, Rubric]) -> None:
    """ocop-rules.md §4.1: across the 26 sets the counts range 1–8 (3★), 2–14 (4★), 0–6 (5★)."""
    counts = {number: rubric.star_mark_counts() for number, rubric in sheets.items()}
    for star, (low, high) in {3: (1, 8), 4: (2, 14), 5: (0, 6)}.items():
        values = [c[star] for c in counts.values()]
        assert (min(values), max(values)) == (low, high), star
    assert counts[26] == {3: 1, 4: 2, 5: 0}


def test_conditional_criteria(sheets: dict[int, Rubric]) -> None:
    """5.2 (story structure) applies only when a product story exists, on every sheet but tourism."""
    for number, rubric in sheets.items():
        conditional = [(c.code, c.condition) for c in rubric.criteria() if c.condition]
        assert conditional == ([] if number == 26 else [("5.2", "story_exists")]), number


# ----------------------------------------------------------------------------------------------------
# Set 1 against ocop-rules.md §4.1, criterion by criterion: code → (max, option points, {points: star})

SET_1: dict[str, tuple[int, list[int], dict[int, int]]] = {
    "1.1": (3, [1, 2, 3], {}),
    "1.2": (2, [0, 1, 2], {}),
    "1.3": (3, [1, 2, 3], {3: 5}),
    "1.4": (3, [1, 2, 3], {}),
    "1.5": (3, [0, 1, 2, 3], {2: 4, 3: 5}),
    "1.6": (3, [1, 2, 3], {1: 4}),
    "1.7": (1, [0, 1], {}),
    "2.1": (3, [0, 1, 3], {3: 4}),
    "2.2": (3, [0, 1, 2, 3], {2: 3}),
    "2.3": (3, [1, 2, 3], {1: 3, 3: 4}),
    "2.4": (1, [0, 1], {}),
    "3.1": (3, [1, 2, 3], {}),
    "3.2": (1, [0, 1], {}),
    "3.3": (3, [1, 2, 3], {}),
    "3.4": (2, [1, 2], {2: 4}),
    "3.5": (3, [1, 2, 3], {1: 3, 2: 4}),
    "4.1": (5, [1, 2, 3, 5], {2: 3, 3: 4, 5: 5}),
    "4.2": (3, [0, 1, 2, 3], {}),
    "4.3": (5, [0, 1, 2, 3, 5], {}),
    "5.1": (5, [0, 1, 2, 3, 5], {5: 4}),
    "5.2": (2, [0, 1, 2], {}),
    "5.3": (5, [0, 1, 3, 5], {1: 3}),
    "6.1": (2, [0, 1, 2], {2: 4}),
    "6.2": (4, [0, 1, 2, 3, 4], {3: 4}),
    "6.3": (3, [0, 1, 2, 3], {}),
    "6.4": (3, [0, 1, 2, 3], {}),
    "7": (3, [0, 1, 3], {}),
    "8": (5, [0, 1, 3, 5], {3: 4}),
    "9": (5, [2, 4, 5], {2: 3}),
    "10": (5, [1, 3, 5], {1: 3, 3: 4}),
    "11": (2, [1, 2], {}),
    "12": (3, [1, 2, 3], {}),
}


def test_set_1_matches_the_worked_example_criterion_by_criterion(sheets: dict[int, Rubric]) -> None:
    rubric = sheets[1]
    assert [c.code for c in rubric.criteria()] == list(SET_1)
    for criterion in rubric.criteria():
        maximum, points, stars = SET_1[criterion.code]
        assert criterion.max == maximum, criterion.code
        assert [o.points for o in criterion.options] == points, criterion.code
        assert {o.points: o.star for o in criterion.options if o.star} == stars, criterion.code


def test_set_1_star_marks_and_details(sheets: dict[int, Rubric]) -> None:
    rubric = sheets[1]
    assert rubric.star_mark_counts() == {3: 7, 4: 12, 5: 3}
    assert rubric.title == "Rau, củ, quả, hạt tươi"
    assert rubric.criterion("1.1").requirement == "100% sản phẩm được trồng trên địa bàn cấp tỉnh"
    assert rubric.criterion("5.2").condition_text == "Chỉ áp dụng khi có câu chuyện sản phẩm"
    assert rubric.criterion("2.3").options[2].text.endswith("có mã truy xuất nguồn gốc điện tử")
    assert all(option.implied for option in rubric.criterion("2.4").options)
    assert len(rubric.disqualification) == 3
    assert rubric.disqualification[0] == "Giả mạo hồ sơ"
    assert [(g.code, g.max) for g in rubric.groups()] == [
        ("1", 18), ("2", 10), ("3", 12), ("4", 13), ("5", 12),
        ("6", 12), ("7", 3), ("8", 5), ("9", 5), ("10", 5), ("11", 2), ("12", 3),
    ]  # fmt: skip


# ----------------------------------------------------------------------------------------------------
# Group maxima by family of sets (ocop-rules.md §4.2)

FOOD_B = (13, 12)
GROUP_MAXIMA: dict[int, tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...] | None]] = {
    **dict.fromkeys((1, 3, 4), ((18, 10, 12), FOOD_B, (12, 3, 5, 5, 5, 2, 3))),
    2: ((18, 10, 12), FOOD_B, (15, 5, 5, 5, 2, 3)),
    5: ((16, 12, 12), FOOD_B, (15, 5, 5, 5, 2, 3)),
    **dict.fromkeys(range(6, 14), ((18, 10, 12), FOOD_B, (15, 5, 5, 5, 2, 3))),
    **dict.fromkeys(range(14, 18), ((17, 11, 12), FOOD_B, (15, 5, 5, 5, 5))),
    18: ((18, 10, 12), FOOD_B, (5, 4, 5, 3, 3, 5, 3, 2, 5)),
    19: ((17, 11, 12), FOOD_B, None),
    20: ((17, 11, 12), FOOD_B, None),
    21: ((19, 9, 12), FOOD_B, (21, 4, 5, 5)),
    22: ((18, 10, 12), FOOD_B, (24, 3, 3, 5)),
    23: ((19, 9, 12), FOOD_B, (14, 8, 4, 4, 5)),
    24: ((19, 9, 12), FOOD_B, (17, 9, 4, 5)),
    25: ((19, 9, 12), FOOD_B, (15, 10, 5, 5)),
    26: ((14, 12, 14), (17, 8), (3, 3, 3, 2, 3, 2, 3, 4, 4, 3, 3, 2)),
}


@pytest.mark.parametrize("number", SET_NUMBERS)
def test_group_maxima_match_the_family_table(sheets: dict[int, Rubric], number: int) -> None:
    part_a, part_b, part_c = GROUP_MAXIMA[number]
    a, b, c = (tuple(group.max for group in part.groups) for part in sheets[number].parts)
    assert a == part_a
    assert b == part_b
    if part_c is not None:
        assert c == part_c


def test_special_structures(sheets: dict[int, Rubric]) -> None:
    """Sub-groups (tea 11, coffee 13), alternative cases (tourism 26), printed-without-options criteria."""
    tea = next(g for g in sheets[11].groups() if g.code == "6")
    assert [(s.code, s.name, s.max) for s in tea.subgroups] == [
        ("6.1", "Ngoại hình", 4),
        ("6.2", "Nước pha", 11),
    ]
    assert [c.code for c in tea.criteria] == ["6.1.1", "6.1.2", "6.2.1", "6.2.2", "6.2.3"]
    coffee = next(g for g in sheets[13].groups() if g.code == "6")
    assert [(s.code, s.max) for s in coffee.subgroups] == [("6.1", 10), ("6.2", 5)]

    tourism = sheets[26]
    for code in ("8", "9", "15"):
        criterion = tourism.criterion(code)
        assert [case.code for case in criterion.cases] == ["a", "b"]
        for case in criterion.cases:
            assert max(o.points for o in criterion.options_for(case.code)) == criterion.max
    assert tourism.disqualification == ()

    implied = {
        (n, c.code) for n, r in sheets.items() for c in r.criteria() if any(o.implied for o in c.options)
    }
    assert implied == {(n, "2.4") for n in range(1, 21)} | {(21, "2.3"), (22, "2.3")}


def test_typo_decisions_are_encoded(sheets: dict[int, Rubric]) -> None:
    assert [o.points for o in sheets[4].criterion("7").options] == [0, 1, 3]
    assert [o.points for o in sheets[11].criterion("6.1.1").options] == [0, 1, 2]
    assert sheets[23].criterion("9").max == 4
    for number in (4, 7, 10, 11):
        assert sheets[number].criterion("1.2").options[0].points == 0
    assert sheets[26].parts[0].max == 40


def test_every_fix_is_recorded_in_decisions_md() -> None:
    decisions = (DATA_DIR / "DECISIONS.md").read_text(encoding="utf-8")
    for fix in extract_qd26.FIXES:
        row = re.compile(
            rf"^\| {fix.product_set} \| `{re.escape(fix.path)}` .*\| `{fix.encoded}` \|", re.MULTILINE
        )
        assert row.search(decisions), (fix.product_set, fix.path)
        assert any(fix.reason[:40] in note for note in raw(fix.product_set)["notes"])
    for text_fix in extract_qd26.TEXT_FIXES:
        assert f"| {text_fix.product_set} | `{text_fix.path}`" in decisions


# ----------------------------------------------------------------------------------------------------
# The validator catches planted errors (each starts from a valid sheet, so each assertion can fail)


def problems_after(change: Any, number: int = 1) -> list[str]:
    data = raw(number)
    assert validate(rubric_from_dict(data)) == []
    change(data)
    return validate(rubric_from_dict(data))


def test_validator_reports_a_part_that_does_not_sum() -> None:
    def change(data: dict[str, Any]) -> None:
        data["parts"][0]["groups"][0]["max"] = 19  # group 1 of part A: 18 → 19

    problems = problems_after(change)
    assert "26/2026 set 1 › A: maximum 40 differs from the sum of its groups 41" in problems
    assert "26/2026 set 1 › A › 1: maximum 19 differs from the sum of its criteria 18" in problems


def test_validator_reports_a_part_total_other_than_the_regime() -> None:
    def change(data: dict[str, Any]) -> None:
        data["parts"][2]["max"] = 36

    problems = problems_after(change)
    assert "26/2026 set 1 › C: maximum 36 differs from the regime's 35" in problems
    assert "26/2026 set 1: total 101 differs from 100" in problems


def test_validator_reports_an_option_above_its_maximum() -> None:
    problems = problems_after(lambda data: find(data, "1.1")["options"][2].update(points=5))
    assert "26/2026 set 1 › A › 1 › 1.1 › option 3: 5 points is above the criterion's maximum 3" in problems
    assert "26/2026 set 1 › A › 1 › 1.1: maximum 3 differs from its best option's points 5" in problems


def test_validator_reports_a_maximum_no_option_reaches() -> None:
    problems = problems_after(lambda data: find(data, "1.1")["options"][2].update(points=2))
    assert "26/2026 set 1 › A › 1 › 1.1: maximum 3 differs from its best option's points 2" in problems


def test_validator_reports_a_bad_star() -> None:
    problems = problems_after(lambda data: find(data, "4.1")["options"][0].update(star=6))
    assert "26/2026 set 1 › B › 4 › 4.1 › option 1: star mark 6 is not one of (3, 4, 5)" in problems


def test_validator_reports_star_marks_out_of_order_and_repeated() -> None:
    problems = problems_after(lambda data: find(data, "4.1")["options"][3].update(star=3))
    assert (
        "26/2026 set 1 › B › 4 › 4.1: the same star level is marked on more than one option [3, 4, 3]"
        in problems
    )
    assert "26/2026 set 1 › B › 4 › 4.1: star marks decrease as points increase [3, 4, 3]" in problems


def test_validator_reports_codes_repeated_or_out_of_order() -> None:
    def change(data: dict[str, Any]) -> None:
        find(data, "1.3")["code"] = "1.2"

    problems = problems_after(change)
    assert "26/2026 set 1 › 1.2: criterion code appears more than once" in problems
    assert "26/2026 set 1 › 1.2: criterion code is out of order (after 1.2)" in problems


def test_validator_reports_a_criterion_outside_its_group() -> None:
    problems = problems_after(lambda data: find(data, "1.7").update(code="2.9"))
    assert "26/2026 set 1 › A › 1 › 2.9: code does not belong to group 1" in problems


def test_validator_reports_points_that_are_not_whole_or_negative() -> None:
    problems = problems_after(lambda data: find(data, "1.2")["options"][1].update(points=1.5))
    assert (
        "26/2026 set 1 › A › 1 › 1.2 › option 2: points 1.5 are not a whole number (the sheet "
        "does not allow half "
        "points)" in problems
    )
    problems = problems_after(lambda data: find(data, "1.2")["options"][0].update(points=-1))
    assert "26/2026 set 1 › A › 1 › 1.2 › option 1: points -1 are negative" in problems


def test_validator_accepts_half_points_only_when_the_sheet_declares_them() -> None:
    def change(data: dict[str, Any]) -> None:
        data["half_points"] = True
        find(data, "1.2")["options"][1]["points"] = 1.5

    assert problems_after(change) == []

    def quarter(data: dict[str, Any]) -> None:
        change(data)
        find(data, "1.2")["options"][1]["points"] = 1.25

    assert "26/2026 set 1 › A › 1 › 1.2 › option 2: points 1.25 are not a multiple of 0.5" in problems_after(
        quarter
    )


def test_validator_reports_options_out_of_order_and_unknown_conditions() -> None:
    def change(data: dict[str, Any]) -> None:
        options = find(data, "6.3")["options"]
        options[0], options[1] = options[1], options[0]
        find(data, "5.2")["condition"] = "story_is_good"

    problems = problems_after(change)
    assert (
        "26/2026 set 1 › C › 6 › 6.3: options are not in ascending order of points [1, 0, 2, 3]" in problems
    )
    assert "26/2026 set 1 › B › 5 › 5.2: unknown condition 'story_is_good' (known: story_exists)" in problems


def test_validator_reports_cases_that_do_not_reach_the_maximum() -> None:
    def change(data: dict[str, Any]) -> None:
        find(data, "15")["options"][3]["points"] = 2  # case b of tiện nghi: 1 / 3 → 1 / 2

    problems = problems_after(change, number=26)
    assert (
        "26/2026 set 26 › C › 15 › 15 › case b: maximum 3 differs from its best option's points 2" in problems
    )

    def orphan(data: dict[str, Any]) -> None:
        find(data, "15")["options"][0]["case"] = "c"

    problems = problems_after(orphan, number=26)
    assert (
        "26/2026 set 26 › C › 15 › 15 › option 1: case 'c' is not one of the criterion's cases ['a', 'b']"
        in problems
    )


def test_validator_works_on_hand_built_rubrics() -> None:
    """The dataclasses enforce nothing: a broken rubric can be built and inspected."""
    criterion = Criterion(code="1.1", name="X", max=2, options=(Option("a", 1), Option("b", 3, star=4)))
    rubric = rubric_from_dict(raw(1))
    broken = Rubric(regime="26/2026", product_set=99, title="", source="", parts=rubric.parts[:2])
    problems = validate(broken)
    assert "26/2026 set 99: product set 99 is outside 1…26" in problems
    assert "26/2026 set 99: has no title" in problems
    assert "26/2026 set 99: parts are ['A', 'B'], expected ['A', 'B', 'C']" in problems
    assert criterion.star_marks == (4,)


def test_loader_refuses_a_malformed_sheet(tmp_path: Path) -> None:
    data = raw(1)
    del find(data, "1.1")["options"][0]["points"]
    path = tmp_path / "set_01.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(
        RubricFormatError, match=r"set 1\.parts\[A\]\.groups\[1\]\.criteria\[1\.1\]\.options\[0\]"
    ):
        load_rubric(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(RubricFormatError, match="not valid JSON"):
        load_rubric(path)


# ----------------------------------------------------------------------------------------------------
# Older regimes


def test_older_regimes_keep_their_part_totals() -> None:
    assert get_regime("148/2023").part_maxima == {"A": 40, "B": 25, "C": 35}
    assert get_regime("1048/2019").part_maxima == {"A": 35, "B": 25, "C": 40}
    assert all(regime.total == 100 for regime in REGIMES.values())
    assert [code for code, regime in REGIMES.items() if regime.has_sheets] == ["26/2026"]
    with pytest.raises(LookupError, match="not held"):
        load_regime("148/2023")
    with pytest.raises(KeyError, match="unknown rubric regime"):
        get_regime("781/2020")


# ----------------------------------------------------------------------------------------------------
# Reproducibility: re-running the extractor on the legal text gives the committed files (dev machines only)

SOURCE = Path(os.environ.get("OCOP_QD26_TEXT", "/work/shared/sources/qd-26-2026-QD-TTg.txt"))


@pytest.mark.skipif(not SOURCE.exists(), reason="the legal text is not available on this machine")
def test_extractor_reproduces_the_committed_files() -> None:
    rubrics = extract_qd26.extract(SOURCE)
    assert [data["product_set"] for data in rubrics] == SET_NUMBERS
    for data in rubrics:
        committed = (DATA_DIR / f"set_{data['product_set']:02d}.json").read_text(encoding="utf-8")
        assert extract_qd26.dump(data) == committed, data["product_set"]


def test_fix_refuses_a_source_that_no_longer_prints_the_typo() -> None:
    parts = copy.deepcopy(raw(4)["parts"])
    # The committed sheet already holds the corrected 3, not the printed "13": the fix must refuse to apply.
    with pytest.raises(extract_qd26.ExtractError, match="review the fix"):
        extract_qd26.apply_fixes(4, parts, [])
