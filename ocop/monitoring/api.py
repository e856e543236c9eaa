"""API of monitoring: the indicator library (list, compute for a unit and period), plans with their
targets and milestones, live progress, issued reports; writes through ``services``.

Mounted with ``auth=API_AUTH`` (token or session). Every read is scoped: a plan, report or unit outside the
user's area answers 404, and users without an area (producers) get 404 from every operation.
Errors use the one error shape of ``ocop.api`` (``ApplicationError``).
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status as HttpStatus

from ocop.accounts.scoping import scope_of
from ocop.core.exceptions import ApplicationError, NotFoundError
from ocop.core.pagination import CappedLimitOffsetPagination
from ocop.geo.models import AdminUnit
from ocop.monitoring import selectors, services
from ocop.monitoring.domain import STATUS_LABELS
from ocop.monitoring.exports.progress import frozen_progress
from ocop.monitoring.indicators import INDICATORS, Grouping, Indicator, Period, UnknownIndicator, compute
from ocop.monitoring.models import Milestone, Plan, Report, Target
from ocop.monitoring.schemas import (
    IndicatorOut,
    IndicatorValueOut,
    MilestoneIn,
    MilestoneOut,
    MilestoneStatusIn,
    PlanDetailOut,
    PlanIn,
    PlanOut,
    ProgressOut,
    ReportIn,
    ReportOut,
    TargetIn,
    TargetOut,
)
from ocop.monitoring.selectors import PeriodProgress, PlanProgress
from ocop.monitoring.views.common import unit_in_scope

router = Router(tags=["monitoring"])


def _officer(request: HttpRequest) -> None:
    if scope_of(request.user).is_empty:
        raise NotFoundError(_("Không tìm thấy."))


def _unit(unit: AdminUnit) -> dict:
    return {"id": unit.pk, "code": unit.code, "name": unit.name, "level": unit.level, "map": unit.map_key}


def _unit_get(request: HttpRequest, pk: int | None) -> AdminUnit | None:
    if pk is None:
        return None
    unit = AdminUnit.objects.filter(pk=pk).first()
    if unit is None or not unit_in_scope(request.user, unit):
        raise NotFoundError(_("Không tìm thấy đơn vị hành chính."), field="unit")
    return unit


def _indicator(spec: Indicator) -> dict:
    return {
        "key": spec.key,
        "label": str(spec.label),
        "description": str(spec.description),
        "unit_label": str(spec.unit_label),
        "kind": spec.kind,
        "is_share": spec.is_share,
        "params": [
            {
                "name": p.name,
                "label": str(p.label),
                "default": p.default,
                "choices": [[value, str(label)] for value, label in p.choices] if p.choices else None,
            }
            for p in spec.params
        ],
    }


@router.get("/indicators", response=list[IndicatorOut], summary="Thư viện chỉ số")
@paginate(CappedLimitOffsetPagination)
def list_indicators(request: HttpRequest):
    _officer(request)
    return [_indicator(spec) for spec in sorted(INDICATORS.values(), key=lambda s: s.key)]


class IndicatorQuery(Schema):
    unit: int
    start: dt.date | None = None
    end: dt.date | None = None
    grouping: Grouping = Grouping.CHILDREN


def _param_values(request: HttpRequest, spec: Indicator) -> dict[str, Any]:
    """The indicator's parameters given as extra query keys (``?star_min=4``), typed like their defaults
    or choices; lists as repeated keys (``?kinds=htx&kinds=doanh_nghiep``)."""
    params: dict[str, Any] = {}
    for param in spec.params:
        if param.name not in request.GET:
            continue
        raw = request.GET.getlist(param.name)
        choices = {str(v): v for v, _label in param.choices or ()}
        values = []
        for item in raw:
            if choices:
                if item not in choices:
                    raise ApplicationError(
                        _("Tham số %(n)s không nhận giá trị %(v)s.") % {"n": param.name, "v": item},
                        field=param.name,
                    )
                values.append(choices[item])
            elif isinstance(param.default, bool):
                values.append(item.lower() in {"1", "true", "yes", "on"})
            elif isinstance(param.default, int):
                try:
                    values.append(int(item))
                except ValueError as exc:
                    raise ApplicationError(
                        _("Tham số %(n)s phải là số.") % {"n": param.name}, field=param.name
                    ) from exc
            else:
                values.append(item)
        many = isinstance(param.default, list | tuple) or (param.default is None and param.name.endswith("s"))
        params[param.name] = values if many else values[-1]
    return params


@router.get(
    "/indicators/{key}", response=IndicatorValueOut, summary="Tính một chỉ số cho một đơn vị và một kỳ"
)
def get_indicator(request: HttpRequest, key: str, query: Query[IndicatorQuery]):
    _officer(request)
    spec = INDICATORS.get(key)
    if spec is None:
        raise NotFoundError(_("Không có chỉ số này."), field="key")
    unit = _unit_get(request, query.unit)
    today = timezone.localdate()
    end = query.end or today
    start = query.start or dt.date(end.year, 1, 1)
    if end < start:
        raise ApplicationError(_("Ngày cuối kỳ trước ngày đầu kỳ."), field="end")
    grouping = query.grouping
    children = selectors.breakdown_units(unit, grouping) if grouping != Grouping.NONE else []
    params = _param_values(request, spec)
    try:
        breakdown = compute(
            key,
            unit=unit,
            period=Period(start, end),
            params=params,
            grouping=grouping if children else Grouping.NONE,
        )
    except (UnknownIndicator, ValueError) as exc:
        raise ApplicationError(str(exc), field="params") from exc
    return {
        "indicator": key,
        "unit": _unit(unit),
        "start": start,
        "end": end,
        "grouping": str(grouping),
        "params": params,
        "total": breakdown.total.__dict__,
        "children": [{"unit": _unit(c), **breakdown.child(c.path).__dict__} for c in children],
    }


# ----------------------------------------------------------------------------------------------------
# Plans


def _plan(plan: Plan) -> dict:
    return {
        "id": plan.pk,
        "number": plan.number,
        "title": plan.title,
        "issuing_body": plan.issuing_body,
        "issued_on": plan.issued_on,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "unit": _unit(plan.unit),
        "legal_basis": plan.legal_basis,
        "summary": plan.summary,
        "source": plan.source,
        "is_reference": plan.is_reference,
        "url": plan.get_absolute_url(),
    }


def _target(target: Target) -> dict:
    return {
        "id": target.pk,
        "position": target.position,
        "code": target.code,
        "title": target.title,
        "indicator": target.indicator,
        "params": target.params or {},
        "comparator": target.comparator,
        "value": target.value,
        "value_max": target.value_max,
        "deadline": target.deadline,
        "each_year": target.each_year,
        "per_child": target.per_child,
        "note": target.note,
    }


def _milestone(milestone: Milestone) -> dict:
    return {
        "id": milestone.pk,
        "position": milestone.position,
        "title": milestone.title,
        "due_on": milestone.due_on,
        "status": milestone.status,
        "done_on": milestone.done_on,
        "note": milestone.note,
        "evidence": [{"id": e.pk, "title": e.title, "url": e.file.url} for e in milestone.evidence.all()],
    }


class PlanQuery(Schema):
    unit: int | None = None
    reference: bool | None = None
    year: int | None = Field(None, ge=1900, le=2100, description="Năm (1900–2100)")


@router.get("/plans", response=list[PlanOut], summary="Danh sách kế hoạch trong phạm vi")
@paginate(CappedLimitOffsetPagination)
def list_plans(request: HttpRequest, filters: Query[PlanQuery]):
    _officer(request)
    plans = selectors.plans_for_user(user=request.user).order_by("-issued_on", "-pk")
    if filters.unit is not None:
        plans = plans.filter(unit_id=filters.unit)
    if filters.reference is not None:
        plans = plans.filter(is_reference=filters.reference)
    if filters.year is not None:
        plans = plans.filter(period_start__year__lte=filters.year, period_end__year__gte=filters.year)
    return _Rows(plans, _plan)


class _Rows:
    """A lazy page: the paginator slices the queryset, then the rows are rendered."""

    def __init__(self, qs, render) -> None:
        self.qs, self.render = qs, render

    def count(self) -> int:
        return self.qs.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        return [self.render(row) for row in self.qs[item]]


def _plan_detail(plan: Plan) -> dict:
    return {
        **_plan(plan),
        "targets": [_target(t) for t in plan.targets.order_by("position", "pk")],
        "milestones": [
            _milestone(m) for m in plan.milestones.order_by("position", "pk").prefetch_related("evidence")
        ],
    }


@router.get("/plans/{plan_id}", response=PlanDetailOut, summary="Một kế hoạch với chỉ tiêu và nhiệm vụ")
def get_plan(request: HttpRequest, plan_id: int):
    _officer(request)
    return _plan_detail(selectors.plan_get_for_user(user=request.user, pk=plan_id))


def _cell(cell) -> dict:
    return {
        "unit_id": cell.unit_id,
        "unit_name": cell.unit_name,
        "actual": cell.actual,
        "numerator": cell.numerator,
        "denominator": cell.denominator,
        "forecast": cell.forecast,
        "share": cell.share,
        "status": cell.status,
        "status_label": str(STATUS_LABELS[cell.status]),
    }


def _period(pp: PeriodProgress) -> dict:
    return {
        "start": pp.period.start,
        "end": pp.period.end,
        "status": pp.status,
        "children_meeting": pp.children_meeting,
        "total": _cell(pp.total),
        "children": [_cell(c) for c in pp.children],
    }


def _progress(progress: PlanProgress) -> dict:
    return {
        "plan_id": progress.plan.pk,
        "unit": _unit(progress.unit),
        "as_of": progress.as_of,
        "grouping": str(progress.grouping),
        "status_counts": {str(k): v for k, v in progress.status_counts().items()},
        "targets": [
            {
                "target": _target(tp.target),
                "indicator_label": str(tp.indicator.label),
                "unit_label": str(tp.indicator.unit_label),
                "status": tp.status,
                "status_label": str(STATUS_LABELS[tp.status]),
                "current": _period(tp.current),
                "periods": [_period(pp) for pp in tp.periods],
            }
            for tp in progress.targets
        ],
    }


class ProgressQuery(Schema):
    as_of: dt.date | None = None
    grouping: Grouping = Grouping.CHILDREN
    unit: int | None = None


@router.get("/plans/{plan_id}/progress", response=ProgressOut, summary="Tiến độ các chỉ tiêu của kế hoạch")
def get_progress(request: HttpRequest, plan_id: int, query: Query[ProgressQuery]):
    _officer(request)
    plan = selectors.plan_get_for_user(user=request.user, pk=plan_id)
    unit = AdminUnit.objects.filter(pk=query.unit).first() if query.unit is not None else None
    if query.unit is not None and unit is None:
        raise NotFoundError(_("Không tìm thấy đơn vị hành chính."), field="unit")
    grouping = query.grouping if query.grouping != Grouping.NONE else Grouping.CHILDREN
    if grouping == Grouping.CURRENT and plan.unit.map_key == "2025":
        grouping = Grouping.CHILDREN
    progress = selectors.plan_progress(
        plan=plan, as_of=query.as_of or timezone.localdate(), unit=unit, grouping=grouping
    )
    return _progress(progress)


def _report(report: Report) -> dict:
    return {
        "id": report.pk,
        "plan_id": report.plan_id,
        "title": report.title,
        "as_of": report.as_of,
        "map": report.map_key,
        "issued_at": report.created_at,
        "note": report.note,
        "progress": _progress(frozen_progress(report)),
    }


@router.get("/reports/{report_id}", response=ReportOut, summary="Một báo cáo đã ban hành (số liệu cố định)")
def get_report(request: HttpRequest, report_id: int):
    _officer(request)
    return _report(selectors.report_get_for_user(user=request.user, pk=report_id))


# ----------------------------------------------------------------------------------------------------
# Writes


@router.post("/plans", response={201: PlanOut}, summary="Lập kế hoạch")
def create_plan(request: HttpRequest, payload: PlanIn):
    _officer(request)
    data = payload.dict()
    unit = _unit_get(request, data.pop("unit_id"))
    plan = services.plan_create(actor=request.user, unit=unit, **data)
    return HttpStatus(201, _plan(plan))


@router.post("/plans/{plan_id}/targets", response={201: TargetOut}, summary="Thêm chỉ tiêu")
def create_target(request: HttpRequest, plan_id: int, payload: TargetIn):
    _officer(request)
    plan = selectors.plan_get_for_user(user=request.user, pk=plan_id)
    target = services.target_add(actor=request.user, plan=plan, **payload.dict())
    return HttpStatus(201, _target(target))


@router.post("/plans/{plan_id}/milestones", response={201: MilestoneOut}, summary="Thêm nhiệm vụ")
def create_milestone(request: HttpRequest, plan_id: int, payload: MilestoneIn):
    _officer(request)
    plan = selectors.plan_get_for_user(user=request.user, pk=plan_id)
    milestone = services.milestone_add(actor=request.user, plan=plan, **payload.dict())
    return HttpStatus(201, _milestone(milestone))


@router.post(
    "/plans/{plan_id}/milestones/{milestone_id}/status",
    response=MilestoneOut,
    summary="Cập nhật tình trạng nhiệm vụ",
)
def update_milestone(request: HttpRequest, plan_id: int, milestone_id: int, payload: MilestoneStatusIn):
    _officer(request)
    plan = selectors.plan_get_for_user(user=request.user, pk=plan_id)
    milestone = plan.milestones.filter(pk=milestone_id).first()
    if milestone is None:
        raise NotFoundError(_("Không tìm thấy nhiệm vụ."))
    milestone = services.milestone_update(actor=request.user, milestone=milestone, **payload.dict())
    return _milestone(milestone)


@router.post("/plans/{plan_id}/reports", response={201: ReportOut}, summary="Ban hành báo cáo tiến độ")
def create_report(request: HttpRequest, plan_id: int, payload: ReportIn):
    _officer(request)
    plan = selectors.plan_get_for_user(user=request.user, pk=plan_id)
    report = services.report_issue(actor=request.user, plan=plan, **payload.dict())
    return HttpStatus(201, _report(report))
