"""Load the legal score sheets into the database as versions; a changed sheet becomes a new version."""

from __future__ import annotations

import hashlib
import json

from django.db import transaction

from ocop.core.exceptions import ApplicationError
from ocop.evaluation.models import Rubric
from ocop.evaluation.rubrics import CURRENT_REGIME, load_regime, rubric_to_dict, validate


def _checksum(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def rubrics_load(*, regime: str = CURRENT_REGIME) -> dict[str, int]:
    """Validate every sheet of ``regime`` and store it; unchanged sheets are left as they are.

    Returns counts of sheets ``created`` (first version), ``updated`` (new version) and ``unchanged``.
    Nothing is written if any sheet fails validation.
    """
    sheets = load_regime(regime)
    problems = [f"bộ {n}: {p}" for n, sheet in sorted(sheets.items()) for p in validate(sheet)]
    if problems:
        raise ApplicationError("Phiếu đánh giá không hợp lệ: " + "; ".join(problems[:10]))
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for number, sheet in sorted(sheets.items()):
        data = rubric_to_dict(sheet)
        checksum = _checksum(data)
        current = (
            Rubric.objects.select_for_update()
            .filter(regime=regime, product_set_number=number, is_current=True)
            .first()
        )
        if current and current.checksum == checksum:
            counts["unchanged"] += 1
            continue
        version = 1
        if current:
            current.is_current = False
            current.save(update_fields=["is_current"])
            version = current.version + 1
        Rubric.objects.create(
            regime=regime,
            product_set_number=number,
            version=version,
            title=sheet.title[:500],
            data=data,
            checksum=checksum,
            is_current=True,
        )
        counts["updated" if current else "created"] += 1
    return counts


def rubric_current(*, product_set_number: int, regime: str = CURRENT_REGIME) -> Rubric:
    """The version in force for a product set; loads the sheets on first use."""
    rubric = Rubric.objects.filter(
        regime=regime, product_set_number=product_set_number, is_current=True
    ).first()
    if rubric is None:
        rubrics_load(regime=regime)
        rubric = Rubric.objects.filter(
            regime=regime, product_set_number=product_set_number, is_current=True
        ).first()
    if rubric is None:
        raise ApplicationError(f"Chưa có phiếu đánh giá cho bộ sản phẩm số {product_set_number}.")
    return rubric
