"""Writes of monitoring: plans, their targets and milestones (with evidence), and issued reports.

Every function takes the acting user, checks the permission (``permissions``), runs in one transaction,
validates the record (``full_clean``) and saves it with a history entry naming the actor and the reason.
Refusals are ``ApplicationError`` with a Vietnamese message and the field to fix.

Side effects:

- ``plan_create`` / ``plan_update``: the plan's paths on both maps are set from its unit (``paths_of``).
- ``report_issue``: one ``Report`` and one ``ReportValue`` per target × period × unit (the unit shown, then
  every child), frozen: ``selectors.report_rows`` gives them back unchanged whatever the data does later.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.core.text import normalize
from ocop.geo.domain import MAP_2025, Level
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import paths_of
from ocop.monitoring import domain
from ocop.monitoring.indicators import INDICATORS, Grouping
from ocop.monitoring.models import (
    Comparator,
    Milestone,
    MilestoneEvidence,
    MilestoneStatus,
    Plan,
    Report,
    ReportValue,
    Target,
)
from ocop.monitoring.permissions import can_change_plan, can_create_plan_in, can_view_plan

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
_MULTILINE = {"legal_basis", "summary", "note"}


# ----------------------------------------------------------------------------------------------------
# Helpers


def _save(instance: Any, *, actor, reason: str) -> None:
    try:
        instance.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        field, messages = next(iter(errors.items()))
        raise ApplicationError(
            " ".join(str(m) for m in messages),
            field=None if field == "__all__" else field,
            extra={"errors": errors},
        ) from exc
    instance._history_user = actor
    instance._change_reason = reason[:100]  # the history column holds 100 characters
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise ApplicationError(_("Bản ghi trùng với một bản ghi đã có; hãy kiểm tra lại.")) from exc


def _text(value: Any, *, multiline: bool = False) -> str:
    if value is None:
        return ""
    if multiline:
        import unicodedata

        return unicodedata.normalize("NFC", str(value)).strip()
    return normalize(str(value))


def _date(value: Any, *, field: str, label: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ApplicationError(_("Hãy nhập %(label)s (dd/mm/yyyy).") % {"label": label}, field=field)
    return value


def _decimal(value: Any, *, field: str, label: str) -> Decimal:
    if isinstance(value, bool):
        raise ApplicationError(_("%(label)s phải là một số.") % {"label": label}, field=field)
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise ApplicationError(_("%(label)s phải là một số.") % {"label": label}, field=field) from exc
    if not number.is_finite():
        raise ApplicationError(_("%(label)s phải là một số.") % {"label": label}, field=field)
    return number


def _format(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _check_can_change(actor, plan: Plan) -> None:
    if not can_view_plan(actor, plan):
        raise NotFoundError(_("Không tìm thấy kế hoạch."))
    if not can_change_plan(actor, plan):
        raise PermissionDeniedError(_("Bạn không có quyền sửa kế hoạch này."))


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


def _assign(instance: Any, allowed: tuple[str, ...], data: dict[str, Any]) -> list[str]:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ApplicationError(
            _("Trường không được phép sửa: %(fields)s.") % {"fields": ", ".join(unknown)}, field=unknown[0]
        )
    changed = []
    for field, value in data.items():
        if field in {"number", "title", "issuing_body", "source", "code"}:
            value = _text(value)
        elif field in _MULTILINE:
            value = _text(value, multiline=True)
        if getattr(instance, field if field != "unit" else "unit_id") != (
            value.pk if field == "unit" and isinstance(value, AdminUnit) else value
        ):
            setattr(instance, field, value)
            changed.append(field)
    return changed


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
    is_reference: bool = False,
) -> Plan:
    """Record a plan scoped to ``unit`` (a province, district or commune of either map)."""
    if not isinstance(unit, AdminUnit):
        raise ApplicationError(_("Hãy chọn địa bàn của kế hoạch: một tỉnh, huyện hoặc xã."), field="unit")
    if not can_create_plan_in(actor, unit):
        raise PermissionDeniedError(
            _("Bạn không có quyền lập kế hoạch cho %(unit)s.") % {"unit": unit.name}, field="unit"
        )
    plan = Plan(created_by=actor if getattr(actor, "pk", None) else None, is_reference=is_reference)
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
        if choices and given is not None and given not in {c[0] for c in choices}:
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


# ----------------------------------------------------------------------------------------------------
# Milestones


@transaction.atomic
def milestone_add(
    *, actor, plan: Plan, title: str, due_on: dt.date | None = None, note: str = ""
) -> Milestone:
    """Add a qualitative task (with an optional due date inside the plan's period)."""
    _check_can_change(actor, plan)
    title = _text(title)
    if not title:
        raise ApplicationError(_("Hãy nhập nội dung nhiệm vụ."), field="title")
    if due_on is not None:
        _date(due_on, field="due_on", label=_("thời hạn"))
        if not plan.period_start <= due_on <= plan.period_end:
            raise ApplicationError(
                _("Thời hạn %(due)s nằm ngoài kỳ kế hoạch (%(start)s – %(end)s).")
                % {
                    "due": _format(due_on),
                    "start": _format(plan.period_start),
                    "end": _format(plan.period_end),
                },
                field="due_on",
            )
    last = plan.milestones.aggregate(last=Max("position"))["last"]
    milestone = Milestone(
        plan=plan, position=(last or 0) + 1, title=title, due_on=due_on, note=_text(note, multiline=True)
    )
    _save(milestone, actor=actor, reason=_("Thêm nhiệm vụ"))
    return milestone


@transaction.atomic
def milestone_update(
    *, actor, milestone: Milestone, status: str, done_on: dt.date | None = None, note: str | None = None
) -> Milestone:
    """Set a milestone's status; "done" needs the day it was done (today when not given, never later)."""
    _check_can_change(actor, milestone.plan)
    if status not in MilestoneStatus.values:
        raise ApplicationError(_("Hãy chọn tình trạng của nhiệm vụ."), field="status")
    today = timezone.localdate()
    if status == MilestoneStatus.DONE:
        done_on = today if done_on is None else _date(done_on, field="done_on", label=_("ngày hoàn thành"))
        if done_on > today:
            raise ApplicationError(
                _("Ngày hoàn thành %(day)s ở tương lai.") % {"day": _format(done_on)}, field="done_on"
            )
    else:
        done_on = None
    milestone.status = status
    milestone.done_on = done_on
    if note is not None:
        milestone.note = _text(note, multiline=True)
    _save(milestone, actor=actor, reason=_("Cập nhật tình trạng: %(status)s") % {"status": status})
    return milestone


@transaction.atomic
def milestone_evidence_add(*, actor, milestone: Milestone, title: str, file) -> MilestoneEvidence:
    """Attach a document (PDF, JPG, PNG, DOCX, XLSX; at most 10 MB) proving a milestone."""
    from ocop.evaluation.services.dossiers import evidence_file_problem

    _check_can_change(actor, milestone.plan)
    title = _text(title)
    if not title:
        raise ApplicationError(_("Hãy nhập tên tài liệu."), field="title")
    if file is None:
        raise ApplicationError(_("Hãy chọn tệp tài liệu."), field="file")
    problem = evidence_file_problem(file)
    if problem:
        raise ApplicationError(problem, field="file")
    evidence = MilestoneEvidence(milestone=milestone, title=title, file=file, uploaded_by=actor)
    _save(evidence, actor=actor, reason=_("Thêm tài liệu minh chứng"))
    return evidence


# ----------------------------------------------------------------------------------------------------
# Reports


@transaction.atomic
def report_issue(
    *,
    actor,
    plan: Plan,
    as_of: dt.date,
    grouping: Grouping | str = Grouping.CHILDREN,
    title: str = "",
    note: str = "",
) -> Report:
    """Freeze the progress of every target of ``plan`` as of ``as_of`` into a report (module docstring)."""
    from ocop.monitoring.selectors import plan_progress

    _check_can_change(actor, plan)
    _date(as_of, field="as_of", label=_("ngày lấy số liệu"))
    grouping = Grouping(grouping)
    if grouping == Grouping.NONE:
        grouping = Grouping.CHILDREN
    progress = plan_progress(plan=plan, as_of=as_of, grouping=grouping)
    map_key = MAP_2025 if grouping == Grouping.CURRENT else plan.unit.map_key
    title = _text(title) or _("Báo cáo tiến độ %(number)s đến ngày %(day)s") % {
        "number": plan.number,
        "day": _format(as_of),
    }
    report = Report(
        plan=plan,
        title=title[:255],
        as_of=as_of,
        map_key=map_key,
        issued_by=actor,
        note=_text(note, multiline=True),
    )
    _save(report, actor=actor, reason=_("Ban hành báo cáo"))
    rows: list[ReportValue] = []
    for target_progress in progress.targets:
        for period_progress in target_progress.periods:
            for cell in [period_progress.total, *period_progress.children]:
                rows.append(_frozen(report, target_progress.target, cell, position=len(rows)))
    ReportValue.objects.bulk_create(rows, batch_size=500)
    return report


def _frozen(report: Report, target: Target, cell: domain.Cell, *, position: int) -> ReportValue:
    return ReportValue(
        report=report,
        target=target,
        unit_id=cell.unit_id,
        unit_name=cell.unit_name[:255],
        period_start=cell.period.start,
        period_end=cell.period.end,
        actual=cell.actual,
        numerator=cell.numerator,
        denominator=cell.denominator,
        forecast=cell.forecast,
        share=cell.share,
        status=str(cell.status),
        position=position,
    )
