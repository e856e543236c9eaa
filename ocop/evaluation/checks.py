"""System checks: the score sheets shipped with the code must validate, or ``manage.py check`` fails."""

from __future__ import annotations

from django.core import checks

from ocop.evaluation.rubrics import CURRENT_REGIME, load_regime, validate


@checks.register()
def rubric_files_validate(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    try:
        sheets = load_regime(CURRENT_REGIME)
    except Exception as exc:
        return [checks.Error(f"Không đọc được các phiếu đánh giá: {exc}", id="evaluation.E001")]
    if len(sheets) != 26:
        errors.append(checks.Error(f"Cần 26 phiếu đánh giá, có {len(sheets)}.", id="evaluation.E002"))
    for number, sheet in sorted(sheets.items()):
        for problem in validate(sheet):
            errors.append(checks.Error(f"Phiếu bộ {number}: {problem}", id="evaluation.E003"))
    return errors
