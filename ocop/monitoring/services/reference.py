"""The five reference plans of ``data/reference_plans.json`` (real plans, see ``data/REFERENCE_PLANS.md``).

``reference_plans_load`` is a system write run by ``manage.py load_reference_plans``: it creates each plan
or brings it up to date (matched by number and issuing body), its targets (matched by code) and its
milestones (matched by title; their status, kept by officers, is never touched), and marks the plan
``is_reference``. Nothing is saved when nothing differs, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ocop.accounts.scoping import scope_of
from ocop.core.exceptions import ApplicationError, PermissionDeniedError
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import paths_of
from ocop.monitoring.models import Milestone, Plan, ReportValue, Target
from ocop.monitoring.services._common import _assign, _save
from ocop.monitoring.services.plans import PLAN_FIELDS, TARGET_FIELDS, _check_plan, _check_target

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "reference_plans.json"
MILESTONE_FIELDS = ("due_on", "note", "position")
REASON_CREATE = "Nạp kế hoạch mẫu"
REASON_UPDATE = "Cập nhật kế hoạch mẫu"


def reference_plans_data(path: Path = DATA_FILE) -> list[dict[str, Any]]:
    """The plans as written in the data file."""
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)["plans"]


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _unit(spec: dict[str, Any]) -> AdminUnit:
    unit = (
        AdminUnit.objects.on_map(spec["map"])
        .filter(level=spec["level"], code=spec["code"])
        .select_related("parent")
        .first()
    )
    if unit is None:
        raise ApplicationError(
            _(
                "Chưa có đơn vị hành chính mã %(code)s (cấp %(level)s, bản đồ %(map)s); "
                "hãy chạy manage.py load_admin_units trước."
            )
            % spec,
            field="unit",
        )
    return unit


def _plan_fields(spec: dict[str, Any], unit: AdminUnit) -> dict[str, Any]:
    return {
        "number": spec["number"],
        "title": spec["title"],
        "issuing_body": spec["issuing_body"],
        "issued_on": _day(spec["issued_on"]),
        "period_start": _day(spec["period_start"]),
        "period_end": _day(spec["period_end"]),
        "unit": unit,
        "legal_basis": spec.get("legal_basis", ""),
        "summary": spec.get("summary", ""),
        "source": f"{spec['source']} (shared/seeds/{spec['seed']})"[:500],
    }


def _target_fields(spec: dict[str, Any], position: int) -> dict[str, Any]:
    return {
        "code": spec["code"],
        "title": spec["title"],
        "indicator": spec["indicator"],
        "params": dict(spec.get("params") or {}),
        "comparator": spec["comparator"],
        "value": Decimal(spec["value"]),
        "value_max": Decimal(spec["value_max"]) if spec.get("value_max") is not None else None,
        "deadline": _day(spec.get("deadline")),
        "each_year": bool(spec.get("each_year", False)),
        "per_child": bool(spec.get("per_child", False)),
        "note": spec.get("note", ""),
        "position": position,
    }


@transaction.atomic
def reference_plans_load(*, actor=None, path: Path = DATA_FILE) -> dict[str, int]:
    """Create or update the reference plans; returns counts of what was created, updated, removed."""
    if actor is not None and not scope_of(actor).nationwide:
        raise PermissionDeniedError(_("Chỉ quản trị hệ thống hoặc cán bộ trung ương nạp kế hoạch mẫu."))
    counts = dict.fromkeys(
        (
            "plans_created",
            "plans_updated",
            "plans_unchanged",
            "targets_created",
            "targets_updated",
            "targets_removed",
            "milestones_created",
            "milestones_updated",
        ),
        0,
    )
    for spec in reference_plans_data(path):
        plan = _load_plan(spec, actor=actor, counts=counts)
        _load_targets(plan, spec["targets"], actor=actor, counts=counts)
        _load_milestones(plan, spec.get("milestones", []), actor=actor, counts=counts)
    return counts


def _load_plan(spec: dict[str, Any], *, actor, counts: dict[str, int]) -> Plan:
    unit = _unit(spec["unit"])
    plan = Plan.objects.filter(number=spec["number"], issuing_body=spec["issuing_body"]).first()
    created = plan is None
    if created:
        plan = Plan(created_by=actor)
    changed = _assign(plan, PLAN_FIELDS, _plan_fields(spec, unit))
    paths = paths_of(unit)
    if (plan.path_2025, plan.path_pre2025) != paths:
        plan.path_2025, plan.path_pre2025 = paths
        changed.append("paths")
    if not plan.is_reference:
        plan.is_reference = True
        changed.append("is_reference")
    if created or changed:
        _check_plan(plan)
        _save(plan, actor=actor, reason=REASON_CREATE if created else REASON_UPDATE)
        counts["plans_created" if created else "plans_updated"] += 1
    else:
        counts["plans_unchanged"] += 1
    return plan


def _load_targets(plan: Plan, specs: list[dict[str, Any]], *, actor, counts: dict[str, int]) -> None:
    existing = {target.code: target for target in plan.targets.all()}
    for position, spec in enumerate(specs, start=1):
        target = existing.pop(spec["code"], None)
        created = target is None
        if created:
            target = Target(plan=plan)
        changed = _assign(target, TARGET_FIELDS, _target_fields(spec, position))
        if created or changed:
            _check_target(target, plan)
            _save(target, actor=actor, reason=REASON_CREATE if created else REASON_UPDATE)
            counts["targets_created" if created else "targets_updated"] += 1
    frozen = set(ReportValue.objects.filter(target__in=existing.values()).values_list("target_id", flat=True))
    for target in existing.values():
        if target.pk in frozen:
            continue  # held by an issued report: kept so the report stays reproducible
        target._history_user = actor
        target._change_reason = "Bỏ khỏi kế hoạch mẫu"
        target.delete()
        counts["targets_removed"] += 1


def _load_milestones(plan: Plan, specs: list[dict[str, Any]], *, actor, counts: dict[str, int]) -> None:
    existing = {milestone.title: milestone for milestone in plan.milestones.all()}
    for position, spec in enumerate(specs, start=1):
        milestone = existing.get(spec["title"])
        created = milestone is None
        if created:
            milestone = Milestone(plan=plan, title=spec["title"])
        fields = {"due_on": _day(spec.get("due_on")), "note": spec.get("note", ""), "position": position}
        changed = _assign(milestone, MILESTONE_FIELDS, fields)
        if created or changed:
            _save(milestone, actor=actor, reason=REASON_CREATE if created else REASON_UPDATE)
            counts["milestones_created" if created else "milestones_updated"] += 1
