"""Rubric value types, JSON loader and validator for OCOP score sheets — pure Python, no Django ORM.

A rubric is one legal score sheet ("bộ tiêu chí, kiêm phiếu đánh giá") of one product set under one regime:

    Rubric → Part (A/B/C) → Group ("1. Tổ chức sản xuất") → Criterion ("1.1 Nguồn gốc sản phẩm") → Option

Options of a criterion are mutually exclusive: an evaluator ticks one and the criterion scores its points.
An option may carry a star mark (3, 4 or 5): the minimum requirement for that star level. Some criteria are
conditional (``condition``, e.g. 5.2 only when a product story exists); some offer alternative option sets for
two kinds of producer (``cases``, tourism set 26); a few groups split their criteria into sub-groups
(``Group.subgroups``, e.g. tea 6.1 "Ngoại hình" → 6.1.1, 6.1.2).

The dataclasses enforce nothing, so that a broken rubric can be built and inspected: ``validate``
returns every problem with its location, and ``load_rubric``/``load_regime`` refuse data whose
*shape* is wrong (missing keys, wrong types) by raising ``RubricFormatError``. The JSON shape is
documented in ``qd26_2026/README.md``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocop.evaluation.rubrics.regimes import REGIMES, get_regime

RUBRICS_DIR = Path(__file__).resolve().parent
STAR_LEVELS: tuple[int, ...] = (3, 4, 5)

#: Named conditions under which a criterion is scored at all; the value is the wording printed on the sheets.
CONDITIONS: dict[str, str] = {
    "story_exists": "Chỉ áp dụng khi có câu chuyện sản phẩm",
}

Points = int | float


class RubricFormatError(ValueError):
    """The rubric data does not have the expected shape (missing key, wrong type)."""


@dataclass(frozen=True)
class Option:
    """One tickable answer (□) of a criterion; ``star`` is the star level it is the minimum for, if marked."""

    text: str
    points: Points
    star: int | None = None
    case: str | None = None
    implied: bool = False


@dataclass(frozen=True)
class Case:
    """An alternative set of options, chosen by the kind of producer (e.g. "a. Trường hợp 1: …")."""

    code: str
    name: str


@dataclass(frozen=True)
class Subgroup:
    """A numbered heading between a group and its criteria (e.g. 6.1 "Ngoại hình" holding 6.1.1 and 6.1.2)."""

    code: str
    name: str
    max: Points


@dataclass(frozen=True)
class Criterion:
    """A scored line of the sheet; ``max`` is the points of its best option."""

    code: str
    name: str
    max: Points
    options: tuple[Option, ...]
    requirement: str = ""
    explanation: str = ""
    remarks: tuple[str, ...] = ()
    stop_rules: tuple[str, ...] = ()
    condition: str | None = None
    condition_text: str = ""
    subgroup: str | None = None
    cases: tuple[Case, ...] = ()
    cases_text: str = ""

    def options_for(self, case: str | None = None) -> tuple[Option, ...]:
        """The options an evaluator chooses among: all of them, or those of one case."""
        if case is None:
            return self.options
        return tuple(option for option in self.options if option.case == case)

    @property
    def star_marks(self) -> tuple[int, ...]:
        """Star levels marked on this criterion's options, in option order."""
        return tuple(option.star for option in self.options if option.star is not None)


@dataclass(frozen=True)
class Group:
    """A numbered criteria group ("1. Tổ chức sản xuất (18)"); its max is the sum of its criteria."""

    code: str
    name: str
    max: Points
    criteria: tuple[Criterion, ...]
    explanation: str = ""
    remarks: tuple[str, ...] = ()
    stop_rules: tuple[str, ...] = ()
    subgroups: tuple[Subgroup, ...] = ()


@dataclass(frozen=True)
class Part:
    """Part A, B or C of a sheet."""

    code: str
    name: str
    max: Points
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Rubric:
    """One score sheet: the criteria of one product set under one regime."""

    regime: str
    product_set: int
    title: str
    source: str
    parts: tuple[Part, ...]
    index_title: str = ""
    classification: str = ""
    disqualification: tuple[str, ...] = ()
    disqualification_text: str = ""
    star_legend: str = ""
    half_points: bool = False
    notes: tuple[str, ...] = ()

    @property
    def max(self) -> Points:
        """Sum of the parts' maxima (100 on a valid sheet)."""
        return sum(part.max for part in self.parts)

    def groups(self) -> Iterator[Group]:
        """Every group, in sheet order."""
        for part in self.parts:
            yield from part.groups

    def criteria(self) -> Iterator[Criterion]:
        """Every criterion, in sheet order."""
        for group in self.groups():
            yield from group.criteria

    def criterion(self, code: str) -> Criterion:
        """The criterion with this code; ``KeyError`` if there is none."""
        for criterion in self.criteria():
            if criterion.code == code:
                return criterion
        raise KeyError(f"set {self.product_set} has no criterion {code!r}")

    def star_mark_counts(self) -> dict[int, int]:
        """How many options carry each star mark: ``{3: 7, 4: 12, 5: 3}`` for set 1 of 26/2026."""
        counts = dict.fromkeys(STAR_LEVELS, 0)
        for criterion in self.criteria():
            for star in criterion.star_marks:
                counts[star] = counts.get(star, 0) + 1
        return counts


# ----------------------------------------------------------------------------------------------------
# Loading and dumping


def _get(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(data, Mapping):
        raise RubricFormatError(f"{where}: expected an object, got {type(data).__name__}")
    if key not in data:
        raise RubricFormatError(f"{where}: missing key {key!r}")
    value = data[key]
    if not isinstance(value, kind):
        raise RubricFormatError(f"{where}.{key}: expected {kind}, got {type(value).__name__}")
    return value


def _opt(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str, default: Any) -> Any:
    if data.get(key) is None:
        return default
    return _get(data, key, kind, where)


def _strings(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = _opt(data, key, list, where, [])
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise RubricFormatError(f"{where}.{key}[{index}]: expected a string")
    return tuple(values)


_NUMBER = (int, float)


def _option_from_dict(data: Mapping[str, Any], where: str) -> Option:
    points = _get(data, "points", _NUMBER, where)
    if isinstance(points, bool):
        raise RubricFormatError(f"{where}.points: expected a number, got a boolean")
    return Option(
        text=_get(data, "text", str, where),
        points=points,
        star=_opt(data, "star", int, where, None),
        case=_opt(data, "case", str, where, None),
        implied=bool(_opt(data, "implied", bool, where, False)),
    )


def _criterion_from_dict(data: Mapping[str, Any], where: str) -> Criterion:
    where = f"{where}[{data.get('code', '?')}]"
    options = _get(data, "options", list, where)
    cases = _opt(data, "cases", list, where, [])
    return Criterion(
        code=_get(data, "code", str, where),
        name=_get(data, "name", str, where),
        max=_get(data, "max", _NUMBER, where),
        options=tuple(_option_from_dict(option, f"{where}.options[{i}]") for i, option in enumerate(options)),
        requirement=_opt(data, "requirement", str, where, ""),
        explanation=_opt(data, "explanation", str, where, ""),
        remarks=_strings(data, "remarks", where),
        stop_rules=_strings(data, "stop_rules", where),
        condition=_opt(data, "condition", str, where, None),
        condition_text=_opt(data, "condition_text", str, where, ""),
        subgroup=_opt(data, "subgroup", str, where, None),
        cases=tuple(
            Case(code=_get(case, "code", str, where), name=_get(case, "name", str, where)) for case in cases
        ),
        cases_text=_opt(data, "cases_text", str, where, ""),
    )


def _group_from_dict(data: Mapping[str, Any], where: str) -> Group:
    where = f"{where}[{data.get('code', '?')}]"
    subgroups = _opt(data, "subgroups", list, where, [])
    return Group(
        code=_get(data, "code", str, where),
        name=_get(data, "name", str, where),
        max=_get(data, "max", _NUMBER, where),
        criteria=tuple(
            _criterion_from_dict(c, f"{where}.criteria") for c in _get(data, "criteria", list, where)
        ),
        explanation=_opt(data, "explanation", str, where, ""),
        remarks=_strings(data, "remarks", where),
        stop_rules=_strings(data, "stop_rules", where),
        subgroups=tuple(
            Subgroup(
                code=_get(sub, "code", str, where),
                name=_get(sub, "name", str, where),
                max=_get(sub, "max", _NUMBER, where),
            )
            for sub in subgroups
        ),
    )


def rubric_from_dict(data: Mapping[str, Any]) -> Rubric:
    """Build a ``Rubric`` from its JSON form; ``RubricFormatError`` if the shape is wrong."""
    where = f"set {data.get('product_set', '?')}" if isinstance(data, Mapping) else "rubric"
    parts = []
    for part in _get(data, "parts", list, where):
        part_where = f"{where}.parts[{part.get('code', '?') if isinstance(part, Mapping) else '?'}]"
        parts.append(
            Part(
                code=_get(part, "code", str, part_where),
                name=_get(part, "name", str, part_where),
                max=_get(part, "max", _NUMBER, part_where),
                groups=tuple(
                    _group_from_dict(group, f"{part_where}.groups")
                    for group in _get(part, "groups", list, part_where)
                ),
            )
        )
    return Rubric(
        regime=_get(data, "regime", str, where),
        product_set=_get(data, "product_set", int, where),
        title=_get(data, "title", str, where),
        source=_get(data, "source", str, where),
        parts=tuple(parts),
        index_title=_opt(data, "index_title", str, where, ""),
        classification=_opt(data, "classification", str, where, ""),
        disqualification=_strings(data, "disqualification", where),
        disqualification_text=_opt(data, "disqualification_text", str, where, ""),
        star_legend=_opt(data, "star_legend", str, where, ""),
        half_points=bool(_opt(data, "half_points", bool, where, False)),
        notes=_strings(data, "notes", where),
    )


def _option_to_dict(option: Option) -> dict[str, Any]:
    data: dict[str, Any] = {"text": option.text, "points": option.points, "star": option.star}
    if option.case is not None:
        data["case"] = option.case
    if option.implied:
        data["implied"] = True
    return data


def _criterion_to_dict(criterion: Criterion) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": criterion.code,
        "name": criterion.name,
        "max": criterion.max,
        "requirement": criterion.requirement,
        "explanation": criterion.explanation,
        "condition": criterion.condition,
        "condition_text": criterion.condition_text,
    }
    if criterion.subgroup is not None:
        data["subgroup"] = criterion.subgroup
    if criterion.remarks:
        data["remarks"] = list(criterion.remarks)
    if criterion.stop_rules:
        data["stop_rules"] = list(criterion.stop_rules)
    if criterion.cases:
        data["cases_text"] = criterion.cases_text
        data["cases"] = [{"code": case.code, "name": case.name} for case in criterion.cases]
    data["options"] = [_option_to_dict(option) for option in criterion.options]
    return data


def _group_to_dict(group: Group) -> dict[str, Any]:
    data: dict[str, Any] = {"code": group.code, "name": group.name, "max": group.max}
    if group.explanation:
        data["explanation"] = group.explanation
    if group.remarks:
        data["remarks"] = list(group.remarks)
    if group.stop_rules:
        data["stop_rules"] = list(group.stop_rules)
    if group.subgroups:
        data["subgroups"] = [{"code": sub.code, "name": sub.name, "max": sub.max} for sub in group.subgroups]
    data["criteria"] = [_criterion_to_dict(criterion) for criterion in group.criteria]
    return data


def rubric_to_dict(rubric: Rubric) -> dict[str, Any]:
    """The JSON form of a rubric (inverse of ``rubric_from_dict``), keys in reading order."""
    return {
        "regime": rubric.regime,
        "source": rubric.source,
        "product_set": rubric.product_set,
        "title": rubric.title,
        "index_title": rubric.index_title,
        "classification": rubric.classification,
        "disqualification_text": rubric.disqualification_text,
        "disqualification": list(rubric.disqualification),
        "half_points": rubric.half_points,
        "parts": [
            {
                "code": part.code,
                "name": part.name,
                "max": part.max,
                "groups": [_group_to_dict(group) for group in part.groups],
            }
            for part in rubric.parts
        ],
        "star_legend": rubric.star_legend,
        "notes": list(rubric.notes),
    }


def load_rubric(path: Path | str) -> Rubric:
    """Read one rubric JSON file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise RubricFormatError(f"{path.name}: not valid JSON ({error})") from error
    return rubric_from_dict(data)


def regime_dir(regime: str) -> Path:
    """Directory holding the sheets of a regime; ``LookupError`` if this package has none for it."""
    data_dir = get_regime(regime).data_dir
    if data_dir is None:
        raise LookupError(f"the score sheets of regime {regime} are not held (only its part totals)")
    return RUBRICS_DIR / data_dir


def load_regime(regime: str) -> dict[int, Rubric]:
    """Every sheet of a regime, keyed by product-set number (1…26 for 26/2026)."""
    rubrics: dict[int, Rubric] = {}
    for path in sorted(regime_dir(regime).glob("set_*.json")):
        rubric = load_rubric(path)
        if rubric.product_set in rubrics:
            raise RubricFormatError(f"{path.name}: product set {rubric.product_set} appears twice")
        rubrics[rubric.product_set] = rubric
    return dict(sorted(rubrics.items()))


# ----------------------------------------------------------------------------------------------------
# Validation


def _code_key(code: str) -> tuple[int, ...] | None:
    try:
        return tuple(int(piece) for piece in code.split("."))
    except ValueError:
        return None


def _points_problem(value: Any, half_points: bool) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"points {value!r} are not a number"
    if value < 0:
        return f"points {value} are negative"
    if isinstance(value, float) and not value.is_integer():
        if not half_points:
            return f"points {value} are not a whole number (the sheet does not allow half points)"
        if not (value * 2).is_integer():
            return f"points {value} are not a multiple of 0.5"
    return None


def _validate_options(criterion: Criterion, where: str, half_points: bool) -> list[str]:
    problems: list[str] = []
    if not criterion.options:
        return [f"{where}: has no options"]
    case_codes = [case.code for case in criterion.cases]
    if len(set(case_codes)) != len(case_codes):
        problems.append(f"{where}: case codes {case_codes} are not unique")
    for index, option in enumerate(criterion.options, start=1):
        at = f"{where} › option {index}"
        problem = _points_problem(option.points, half_points)
        if problem:
            problems.append(f"{at}: {problem}")
        elif isinstance(criterion.max, (int, float)) and option.points > criterion.max:
            problems.append(f"{at}: {option.points} points is above the criterion's maximum {criterion.max}")
        if option.star is not None and (isinstance(option.star, bool) or option.star not in STAR_LEVELS):
            problems.append(f"{at}: star mark {option.star!r} is not one of {STAR_LEVELS}")
        if not option.text.strip():
            problems.append(f"{at}: has no text")
        if criterion.cases and option.case not in case_codes:
            problems.append(f"{at}: case {option.case!r} is not one of the criterion's cases {case_codes}")
        if not criterion.cases and option.case is not None:
            problems.append(f"{at}: has case {option.case!r} but the criterion has no cases")
    for case in criterion.cases or (None,):
        at = where if case is None else f"{where} › case {case.code}"
        options = criterion.options_for(None if case is None else case.code)
        numbers = [o.points for o in options if _points_problem(o.points, half_points) is None]
        if not options:
            problems.append(f"{at}: has no options")
            continue
        if numbers and max(numbers) != criterion.max:
            problems.append(
                f"{at}: maximum {criterion.max} differs from its best option's points {max(numbers)}"
            )
        if numbers != sorted(numbers):
            problems.append(f"{at}: options are not in ascending order of points {numbers}")
        starred = [(o.star, o.points) for o in options if o.star in STAR_LEVELS]
        levels = [star for star, _ in starred]
        if len(set(levels)) != len(levels):
            problems.append(f"{at}: the same star level is marked on more than one option {levels}")
        if levels != sorted(levels):
            problems.append(f"{at}: star marks decrease as points increase {levels}")
    return problems


def _validate_criterion(criterion: Criterion, group: Group, where: str, half_points: bool) -> list[str]:
    problems: list[str] = []
    where = f"{where} › {criterion.code}"
    key = _code_key(criterion.code)
    if key is None:
        problems.append(f"{where}: code {criterion.code!r} is not a dotted number")
    elif criterion.code != group.code and not criterion.code.startswith(group.code + "."):
        problems.append(f"{where}: code does not belong to group {group.code}")
    if not criterion.name.strip():
        problems.append(f"{where}: has no name")
    problem = _points_problem(criterion.max, half_points)
    if problem:
        problems.append(f"{where}: maximum {problem}")
    if criterion.condition is not None:
        if criterion.condition not in CONDITIONS:
            problems.append(
                f"{where}: unknown condition {criterion.condition!r} (known: {', '.join(CONDITIONS)})"
            )
        if not criterion.condition_text.strip():
            problems.append(f"{where}: condition {criterion.condition!r} has no condition_text")
    if criterion.subgroup is not None:
        if criterion.subgroup not in {sub.code for sub in group.subgroups}:
            problems.append(
                f"{where}: sub-group {criterion.subgroup!r} is not declared in group {group.code}"
            )
        elif not criterion.code.startswith(criterion.subgroup + "."):
            problems.append(f"{where}: code does not belong to sub-group {criterion.subgroup}")
    problems.extend(_validate_options(criterion, where, half_points))
    return problems


def _numeric_sum(values: list[Any]) -> Points | None:
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return sum(values)
    return None


def _validate_group(group: Group, where: str, half_points: bool) -> list[str]:
    problems: list[str] = []
    where = f"{where} › {group.code}"
    if _code_key(group.code) is None or "." in group.code:
        problems.append(f"{where}: group code {group.code!r} is not a whole number")
    if not group.name.strip():
        problems.append(f"{where}: has no name")
    if not group.criteria:
        problems.append(f"{where}: has no criteria")
    total = _numeric_sum([criterion.max for criterion in group.criteria])
    if total is not None and total != group.max:
        problems.append(f"{where}: maximum {group.max} differs from the sum of its criteria {total}")
    for sub in group.subgroups:
        members = [criterion.max for criterion in group.criteria if criterion.subgroup == sub.code]
        if not members:
            problems.append(f"{where} › {sub.code}: sub-group has no criteria")
        sub_total = _numeric_sum(members)
        if sub_total is not None and members and sub_total != sub.max:
            problems.append(
                f"{where} › {sub.code}: maximum {sub.max} differs from the sum of its criteria {sub_total}"
            )
    for criterion in group.criteria:
        problems.extend(_validate_criterion(criterion, group, where, half_points))
    return problems


def validate(rubric: Rubric) -> list[str]:
    """Every problem found in a rubric, each prefixed with its location; an empty list means valid.

    Checks: the regime is known and the parts are its parts with its maxima (A 40 / B 25 / C 35 =
    100 for 26/2026); each part's max is the sum of its groups, each group's the sum of its criteria
    (and each sub-group's the sum of its members); each criterion's max is its best option's points
    (per case), no option exceeds it and options ascend; points are whole numbers ≥ 0 (halves only if
    the sheet says so); star marks are 3, 4 or 5, at most one per level and rising with points; group
    and criterion codes are unique and in order; conditions are known names.
    """
    where = f"{rubric.regime} set {rubric.product_set}"
    problems: list[str] = []
    if rubric.regime not in REGIMES:
        problems.append(f"{where}: unknown regime {rubric.regime!r}")
        expected: dict[str, int] = {}
    else:
        regime = REGIMES[rubric.regime]
        expected = regime.part_maxima
        if not 1 <= rubric.product_set <= regime.product_sets:
            problems.append(f"{where}: product set {rubric.product_set} is outside 1…{regime.product_sets}")
    if not rubric.title.strip():
        problems.append(f"{where}: has no title")
    codes = [part.code for part in rubric.parts]
    if expected and codes != list(expected):
        problems.append(f"{where}: parts are {codes}, expected {list(expected)}")
    for part in rubric.parts:
        at = f"{where} › {part.code}"
        if part.code in expected and part.max != expected[part.code]:
            problems.append(f"{at}: maximum {part.max} differs from the regime's {expected[part.code]}")
        total = _numeric_sum([group.max for group in part.groups])
        if total is not None and total != part.max:
            problems.append(f"{at}: maximum {part.max} differs from the sum of its groups {total}")
        if not part.groups:
            problems.append(f"{at}: has no groups")
        for group in part.groups:
            problems.extend(_validate_group(group, at, rubric.half_points))
    if expected and rubric.max != sum(expected.values()):
        problems.append(f"{where}: total {rubric.max} differs from {sum(expected.values())}")
    problems.extend(_validate_order(rubric, where))
    return problems


def _validate_order(rubric: Rubric, where: str) -> list[str]:
    problems: list[str] = []
    previous: tuple[int, ...] | None = None
    previous_code = ""
    seen: set[str] = set()
    group_keys = [_code_key(group.code) for group in rubric.groups()]
    group_codes = [group.code for group in rubric.groups()]
    if len(set(group_codes)) != len(group_codes):
        problems.append(f"{where}: group codes are not unique {group_codes}")
    valid_keys = [key for key in group_keys if key is not None]
    if valid_keys != sorted(valid_keys):
        problems.append(f"{where}: group codes are not in order {group_codes}")
    for criterion in rubric.criteria():
        if criterion.code in seen:
            problems.append(f"{where} › {criterion.code}: criterion code appears more than once")
        seen.add(criterion.code)
        key = _code_key(criterion.code)
        if key is None:
            continue
        if previous is not None and key <= previous:
            problems.append(
                f"{where} › {criterion.code}: criterion code is out of order (after {previous_code})"
            )
        previous, previous_code = key, criterion.code
    return problems


__all__ = [
    "CONDITIONS",
    "STAR_LEVELS",
    "Case",
    "Criterion",
    "Group",
    "Option",
    "Part",
    "Rubric",
    "RubricFormatError",
    "Subgroup",
    "get_regime",
    "load_regime",
    "load_rubric",
    "regime_dir",
    "rubric_from_dict",
    "rubric_to_dict",
    "validate",
]
