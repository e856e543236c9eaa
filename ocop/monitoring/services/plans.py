"""Plans and their quantitative targets: create, update, remove, with the checks of progress.md.

A target names an indicator of the library (``INDICATORS``) with only that indicator's parameters, a
comparator (≥, ≤, =, between: between needs a maximum not below the minimum) and a deadline inside the
plan's period. The plan's paths on both maps are set from its unit (``paths_of``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ocop.core.exceptions import ApplicationError, PermissionDeniedError
from ocop.geo.domain import Level
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import paths_of
from ocop.monitoring.indicators import INDICATORS
from ocop.monitoring.models import Comparator, Plan, ReportValue, Target
from ocop.monitoring.permissions import can_create_plan_in
from ocop.monitoring.services._common import (
    _assign,
    _check_can_change,
    _date,
    _decimal,
    _format,
    _save,
    _text,
)

PLAN_FIELDS = (
    "number",
    "title",
    "issuing_body",
    "issued_on",
    "period_start",
    "period_end",
    "unit",
    "legal_basis",
    "summary",
    "source",
)
TARGET_FIELDS = (
    "title",
    "indicator",
    "comparator",
    "value",
    "params",
    "value_max",
    "deadline",
    "each_year",
    "per_child",
    "code",
    "note",
    "position",
)
_REQUIRED_TEXT = {
    "number": "số hiệu",
    "title": "trích yếu",
    "issuing_body": "cơ quan ban hành",
}

# ----------------------------------------------------------------------------------------------------
# Plans


def _check_plan(plan: Plan) -> None:
    for field, label in _REQUIRED_TEXT.items():
        if not getattr(plan, field):
            raise ApplicationError(_("Hãy nhập %(label)s của kế hoạch.") % {"label": label}, field=field)
    _date(plan.issued_on, field="issued_on", label=_("ngày ban hành"))
    _date(plan.period_start, field="period_start", label=_("ngày bắt đầu thực hiện"))
    _date(plan.period_end, field="period_end", label=_("ngày kết thúc thực hiện"))
    if plan.period_end < plan.period_start:
        raise ApplicationError(
            _("Kỳ kế hoạch kết thúc (%(end)s) trước khi bắt đầu (%(start)s).")
            % {"end": _format(plan.period_end), "start": _format(plan.period_start)},
            field="period_end",
        )
    unit = plan.unit if plan.unit_id else None
    if not isinstance(unit, AdminUnit) or unit.level not in {Level.PROVINCE, Level.DISTRICT, Level.COMMUNE}:
        raise ApplicationError(_("Hãy chọn địa bàn của kế hoạch: một tỉnh, huyện hoặc xã."), field="unit")
    duplicate = (
        Plan.objects.filter(number=plan.number, issuing_body=plan.issuing_body).exclude(pk=plan.pk).first()
    )
    if duplicate is not None:
        raise ApplicationError(
            _("%(body)s đã có kế hoạch số %(number)s (“%(title)s”); hãy kiểm tra lại số hiệu.")
            % {"body": plan.issuing_body, "number": plan.number, "title": duplicate.title},
            field="number",
        )


@transaction.atomic
def plan_create(
    *,
    actor,
    number: str,
    title: str,
    issuing_body: str,
    issued_on: dt.date,
    period_start: dt.date,
    period_end: dt.date,
    unit: AdminUnit,
    legal_basis: str = "",
    summary: str = "",
    source: str = "",
) -> Plan:
    """Record a plan scoped to ``unit`` (a province, district or commune of either map)."""
    if not isinstance(unit, AdminUnit):
        raise ApplicationError(_("Hãy chọn địa bàn của kế hoạch: một tỉnh, huyện hoặc xã."), field="unit")
    if not can_create_plan_in(actor, unit):
        raise PermissionDeniedError(
            _("Bạn không có quyền lập kế hoạch cho %(unit)s.") % {"unit": unit.name}, field="unit"
        )
    plan = Plan(created_by=actor if getattr(actor, "pk", None) else None)
    _assign(
        plan,
        PLAN_FIELDS,
        {
            "number": number,
            "title": title,
            "issuing_body": issuing_body,
            "issued_on": issued_on,
            "period_start": period_start,
            "period_end": period_end,
            "unit": unit,
            "legal_basis": legal_basis,
            "summary": summary,
            "source": source,
        },
    )
    _check_plan(plan)
    plan.path_2025, plan.path_pre2025 = paths_of(unit)
    _save(plan, actor=actor, reason=_("Lập kế hoạch"))
    return plan


@transaction.atomic
def plan_update(*, actor, plan: Plan, reason: str = "Cập nhật kế hoạch", **fields: Any) -> Plan:
    """Change a plan's fields; its targets' deadlines must stay inside the (new) period."""
    _check_can_change(actor, plan)
    changed = _assign(plan, PLAN_FIELDS, fields)
    if not changed:
        return plan
    if "unit" in changed:
        unit = plan.unit
        if not can_create_plan_in(actor, unit):
            raise PermissionDeniedError(
                _("Bạn không có quyền lập kế hoạch cho %(unit)s.") % {"unit": unit.name}, field="unit"
            )
    _check_plan(plan)
    outside = plan.targets.exclude(deadline__isnull=True).exclude(
        deadline__gte=plan.period_start, deadline__lte=plan.period_end
    )
    first = outside.first()
    if first is not None:
        raise ApplicationError(
            _("Chỉ tiêu “%(target)s” có thời hạn %(deadline)s ngoài kỳ kế hoạch mới; hãy sửa thời hạn trước.")
            % {"target": first.title, "deadline": _format(first.deadline)},
            field="period_end" if first.deadline > plan.period_end else "period_start",
        )
    if "unit" in changed:
        plan.path_2025, plan.path_pre2025 = paths_of(plan.unit)
    _save(plan, actor=actor, reason=reason or _("Cập nhật kế hoạch"))
    return plan


# ----------------------------------------------------------------------------------------------------
# Targets


def _check_target(target: Target, plan: Plan) -> None:
    if not target.title:
        raise ApplicationError(_("Hãy nhập tên chỉ tiêu như viết trong kế hoạch."), field="title")
    spec = INDICATORS.get(target.indicator)
    if spec is None:
        raise ApplicationError(
            _("Chỉ số “%(key)s” không có trong thư viện chỉ số; hãy chọn một chỉ số trong danh sách.")
            % {"key": target.indicator},
            field="indicator",
        )
    if not isinstance(target.params, dict):
        raise ApplicationError(_("Tham số của chỉ số phải là một bảng tên → giá trị."), field="params")
    allowed = {p.name: p for p in spec.params}
    unknown = sorted(set(target.params) - set(allowed))
    if unknown:
        names = ", ".join(allowed) or _("không có tham số nào")
        raise ApplicationError(
            _("Chỉ số “%(label)s” không có tham số %(unknown)s (chỉ nhận: %(names)s).")
            % {"label": spec.label, "unknown": ", ".join(unknown), "names": names},
            field="params",
        )
    for name, given in target.params.items():
        choices = allowed[name].choices
        values = given if isinstance(given, list | tuple) else [given]
        if choices and given is not None and any(v not in {c[0] for c in choices} for v in values):
            raise ApplicationError(
                _("Tham số %(name)s của chỉ số “%(label)s” không nhận giá trị %(value)s.")
                % {"name": name, "label": spec.label, "value": given},
                field="params",
            )
    if target.comparator not in Comparator.values:
        raise ApplicationError(_("Hãy chọn phép so sánh: ≥, ≤, = hoặc trong khoảng."), field="comparator")
    target.value = _decimal(target.value, field="value", label=_("Giá trị chỉ tiêu"))
    if target.value_max is not None:
        target.value_max = _decimal(target.value_max, field="value_max", label=_("Giá trị tối đa"))
    if target.comparator == Comparator.BETWEEN:
        if target.value_max is None:
            raise ApplicationError(_("Chỉ tiêu “trong khoảng” cần cả giá trị tối đa."), field="value_max")
        if target.value_max < target.value:
            raise ApplicationError(
                _("Giá trị tối đa (%(max)s) nhỏ hơn giá trị tối thiểu (%(min)s).")
                % {"max": target.value_max, "min": target.value},
                field="value_max",
            )
    elif target.value_max is not None:
        target.value_max = None
    if target.deadline is not None:
        _date(target.deadline, field="deadline", label=_("thời hạn"))
        if not plan.period_start <= target.deadline <= plan.period_end:
            raise ApplicationError(
                _("Thời hạn %(deadline)s nằm ngoài kỳ kế hoạch (%(start)s – %(end)s).")
                % {
                    "deadline": _format(target.deadline),
                    "start": _format(plan.period_start),
                    "end": _format(plan.period_end),
                },
                field="deadline",
            )
    if target.per_child and plan.unit.level == Level.COMMUNE:
        raise ApplicationError(
            _("Kế hoạch cấp xã không có đơn vị cấp dưới để giao chỉ tiêu cho từng đơn vị."), field="per_child"
        )


@transaction.atomic
def target_add(
    *,
    actor,
    plan: Plan,
    title: str,
    indicator: str,
    comparator: str,
    value: Decimal | int | str,
    params: dict[str, Any] | None = None,
    value_max: Decimal | int | str | None = None,
    deadline: dt.date | None = None,
    each_year: bool = False,
    per_child: bool = False,
    code: str = "",
    note: str = "",
) -> Target:
    """Add a quantitative target to ``plan``, computed from indicator ``indicator`` with ``params``."""
    _check_can_change(actor, plan)
    last = plan.targets.aggregate(last=Max("position"))["last"]
    target = Target(
        plan=plan,
        position=(last or 0) + 1,
        title=_text(title),
        indicator=indicator,
        params=dict(params or {}),
        comparator=comparator,
        value=value,
        value_max=value_max,
        deadline=deadline,
        each_year=bool(each_year),
        per_child=bool(per_child),
        code=_text(code),
        note=_text(note, multiline=True),
    )
    _check_target(target, plan)
    _save(target, actor=actor, reason=_("Thêm chỉ tiêu"))
    return target


@transaction.atomic
def target_update(*, actor, target: Target, reason: str = "Cập nhật chỉ tiêu", **fields: Any) -> Target:
    """Change a target's fields (the same checks as ``target_add``)."""
    plan = target.plan
    _check_can_change(actor, plan)
    if "params" in fields and fields["params"] is None:
        fields["params"] = {}
    changed = _assign(target, TARGET_FIELDS, fields)
    if not changed:
        return target
    _check_target(target, plan)
    _save(target, actor=actor, reason=reason or _("Cập nhật chỉ tiêu"))
    return target


@transaction.atomic
def target_remove(*, actor, target: Target, reason: str) -> None:
    """Delete a target that no issued report holds (a report's values must stay reproducible)."""
    _check_can_change(actor, target.plan)
    reason = _text(reason)
    if not reason:
        raise ApplicationError(_("Hãy ghi lý do xoá chỉ tiêu."), field="reason")
    if ReportValue.objects.filter(target=target).exists():
        raise ApplicationError(
            _(
                "Chỉ tiêu “%(title)s” đã có trong báo cáo đã ban hành nên không xoá được; "
                "hãy ghi chú là không còn theo dõi."
            )
            % {"title": target.title},
            field="target",
        )
    target._history_user = actor
    target._change_reason = reason[:100]
    target.delete()
