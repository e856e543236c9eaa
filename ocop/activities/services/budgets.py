"""Writes of programme budgets: planned and mobilised money per unit, year and source."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ocop.activities.models import Budget, FundingSource
from ocop.activities.services._base import assign, check_amounts, check_unit_on, fail, place, reason_of, save


@transaction.atomic
def budget_save(
    *,
    actor,
    unit,
    year: int,
    source: str,
    planned: int | None = None,
    mobilised: int | None = None,
    note: str | None = None,
    reason: str = "Cập nhật kinh phí",
) -> Budget:
    """Record or correct the budget of ``unit`` for ``year`` from ``source`` (upsert; unset amounts kept)."""
    if source not in FundingSource.values:
        fail("Hãy chọn nguồn vốn.", "source")
    if not isinstance(year, int) or not 2018 <= year <= 2100:
        fail(f"Năm kinh phí ({year}) phải trong khoảng 2018–2100.", "year")
    budget = Budget(created_by=actor, year=year, source=source)
    place(budget, unit, actor=actor)  # checks the actor may write there
    existing = Budget.objects.select_for_update().filter(unit=unit, year=year, source=source).first()
    if existing is not None:
        budget = existing
    data = {
        k: v for k, v in {"planned": planned, "mobilised": mobilised, "note": note}.items() if v is not None
    }
    assign(budget, ("planned", "mobilised", "note"), data)
    check_amounts(budget, ("planned", "mobilised"))
    check_unit_on(unit, dt.date(year, 1, 1))
    save(
        budget,
        actor=actor,
        reason=reason_of(reason, "Cập nhật kinh phí"),
        duplicate="Đã có kinh phí của địa bàn, năm và nguồn vốn này.",
    )
    return budget
