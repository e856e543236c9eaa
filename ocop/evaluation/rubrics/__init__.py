"""Versioned OCOP score sheets (rubrics) as validated data, with a pure-Python loader and validator.

``load_regime("26/2026")`` returns the 26 sheets of QĐ 26/2026/QĐ-TTg Phụ lục II keyed by product-set number;
``validate(rubric)`` lists every arithmetic or structural problem of a sheet. ``regimes`` describes the older
regimes (QĐ 148/2023, QĐ 1048/2019) by their part totals only. The JSON files are produced once from the legal
text by the dev tool ``extract_qd26`` and committed; the application never reads the legal text.
"""

from ocop.evaluation.rubrics.regimes import CURRENT_REGIME, REGIMES, Regime, get_regime
from ocop.evaluation.rubrics.schema import (
    CONDITIONS,
    STAR_LEVELS,
    Case,
    Criterion,
    Group,
    Option,
    Part,
    Rubric,
    RubricFormatError,
    Subgroup,
    load_regime,
    load_rubric,
    rubric_from_dict,
    rubric_to_dict,
    validate,
)

__all__ = [
    "CONDITIONS",
    "CURRENT_REGIME",
    "REGIMES",
    "STAR_LEVELS",
    "Case",
    "Criterion",
    "Group",
    "Option",
    "Part",
    "Regime",
    "Rubric",
    "RubricFormatError",
    "Subgroup",
    "get_regime",
    "load_regime",
    "load_rubric",
    "rubric_from_dict",
    "rubric_to_dict",
    "validate",
]
