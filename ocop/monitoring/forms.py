"""Forms of monitoring: parse and show input; the services check and save.

The target form builds one field per parameter of the chosen indicator (``Indicator.params``: a choice
list when the parameter has choices, a number for numeric defaults, a tick box for booleans, else text)
and turns them back into the target's JSON ``params`` (only the values that differ from the defaults).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.accounts.scoping import scope_of
from ocop.geo.domain import MAP_2025, MAP_PRE_2025, Level
from ocop.geo.models import AdminUnit, Succession
from ocop.monitoring.indicators import INDICATORS, Grouping, Indicator, Param
from ocop.monitoring.models import Comparator, MilestoneStatus, Plan, Target

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
MAP_CHOICES = [
    (Grouping.CHILDREN.value, _("Bản đồ trước 01/07/2025")),
    (Grouping.CURRENT.value, _("Bản đồ hiện hành")),
]


def _date_field(label, *, required: bool = True, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "size": 11}),
        **kwargs,
    )


class UnitChoiceField(forms.ModelChoiceField):
    """A unit shown with its level, its parent and, for the old map, "(trước 01/07/2025)"."""

    def label_from_instance(self, obj: AdminUnit) -> str:
        label = obj.name
        if obj.parent_id and obj.parent:
            label = f"{label} — {obj.parent.name}"
        if obj.map_key == MAP_PRE_2025:
            label = f"{label} ({_('trước 01/07/2025')})"
        return label


def plan_units_for(user):
    """Units a plan may be scoped to, for a form: nationwide users get the provinces and districts of
    both maps; an officer the units of the area (and, for a province, the old provinces and districts it
    was formed from). The service re-checks every choice (``can_create_plan_in``)."""
    units = AdminUnit.objects.select_related("parent")
    scope = scope_of(user)
    if scope.nationwide:
        return units.filter(level__in=[Level.PROVINCE, Level.DISTRICT]).order_by("path")
    if scope.unit is None:
        return units.none()
    area = Q(path__startswith=scope.unit.path)
    if scope.unit.map_key == MAP_2025 and scope.unit.level == Level.PROVINCE:
        old = Succession.objects.filter(successor=scope.unit, predecessor__level=Level.PROVINCE).values_list(
            "predecessor__path", flat=True
        )
        for path in old:
            area |= Q(path__startswith=path, level__lte=Level.DISTRICT)
    return units.filter(area).order_by("path")


def units_for_indicators(user):
    """Units the indicator pages offer to pick: provinces of both maps (nationwide), else the area's units
    with the old provinces and districts it was formed from (as for plans)."""
    scope = scope_of(user)
    if scope.nationwide:
        return AdminUnit.objects.select_related("parent").filter(level=Level.PROVINCE).order_by("path")
    return plan_units_for(user)


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
    unit = UnitChoiceField(label=_("Địa bàn"), required=False, queryset=AdminUnit.objects.none())
    year = forms.IntegerField(label=_("Năm thực hiện"), required=False, min_value=2000, max_value=2100)
    reference = forms.BooleanField(label=_("Chỉ kế hoạch mẫu"), required=False)

    def __init__(self, *args, plans, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            AdminUnit.objects.filter(pk__in=plans.values("unit")).select_related("parent").order_by("path")
        )
        self.fields["year"].widget.attrs["size"] = 5


class PlanForm(forms.ModelForm):
    """Create or edit a plan (the fields of ``services.PLAN_FIELDS``)."""

    unit = UnitChoiceField(label=_("Địa bàn của kế hoạch"), queryset=AdminUnit.objects.none())
    issued_on = _date_field(_("Ngày ban hành"))
    period_start = _date_field(_("Thực hiện từ"))
    period_end = _date_field(_("Thực hiện đến"))
    reason = forms.CharField(label=_("Lý do thay đổi"), required=False, max_length=100)

    class Meta:
        model = Plan
        fields = [
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
        ]
        widgets = {
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        units = plan_units_for(user)
        if self.instance.pk:
            units = units | AdminUnit.objects.filter(pk=self.instance.unit_id)
        self.fields["unit"].queryset = units.select_related("parent").order_by("path")
        if not self.instance.pk:
            del self.fields["reason"]

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}

    def _post_clean(self) -> None:  # the service validates the model
        pass


# ----------------------------------------------------------------------------------------------------
# Indicator parameters as form fields

NONE_TOKEN = ""


def _token(value: Any) -> str:
    return NONE_TOKEN if value is None else str(value)


def _is_list(param: Param) -> bool:
    """A list parameter (``kinds``): a list default, or a plural name with choices and no default."""
    return isinstance(param.default, list | tuple) or (
        param.default is None and bool(param.choices) and param.name.endswith("s")
    )


def param_field(param: Param) -> forms.Field:
    """The form field of one indicator parameter (initial: its default)."""
    default = param.default
    if param.choices:
        choices = [(_token(value), label) for value, label in param.choices]
        if _is_list(param):
            return forms.MultipleChoiceField(
                label=param.label,
                required=False,
                choices=choices,
                initial=[_token(v) for v in default or []],
                widget=forms.CheckboxSelectMultiple,
            )
        if default is None and NONE_TOKEN not in {c[0] for c in choices}:
            choices = [(NONE_TOKEN, _("— tất cả —")), *choices]
        return forms.ChoiceField(label=param.label, required=False, choices=choices, initial=_token(default))
    if isinstance(default, bool):
        return forms.BooleanField(label=param.label, required=False, initial=default)
    if isinstance(default, int):
        return forms.IntegerField(label=param.label, required=False, initial=default)
    if isinstance(default, float | Decimal):
        return forms.DecimalField(label=param.label, required=False, initial=default)
    return forms.CharField(
        label=param.label,
        required=False,
        initial="" if default is None else default,
        help_text=_("Để trống: không lọc.") if default is None else "",
    )


def _from_choice(param: Param, token: str) -> Any:
    for value, _label in param.choices or ():
        if _token(value) == token:
            return value
    return None


def param_value(param: Param, raw: Any) -> Any:
    """A cleaned form value back to the parameter's type (a choice's own value, ``None`` for empty)."""
    if param.choices:
        if isinstance(raw, list):
            return [_from_choice(param, token) for token in raw] or None
        return _from_choice(param, raw) if raw != NONE_TOKEN else None
    if isinstance(param.default, bool):
        return bool(raw)
    if raw in (None, ""):
        return (
            None
            if param.default is None or not isinstance(param.default, int | float | Decimal)
            else (param.default)
        )
    if isinstance(param.default, list | tuple) or (param.default is None and "," in str(raw)):
        return [part.strip() for part in str(raw).split(",") if part.strip()]
    if isinstance(raw, Decimal):
        return float(raw)
    return raw


def add_param_fields(
    form: forms.Form, spec: Indicator | None, *, current: dict[str, Any] | None
) -> list[str]:
    """Add ``p_<name>`` fields for ``spec``'s parameters to ``form``; returns the field names."""
    names = []
    for param in spec.params if spec else ():
        name = f"p_{param.name}"
        field = param_field(param)
        if current and param.name in current:
            given = current[param.name]
            if isinstance(field, forms.MultipleChoiceField):
                field.initial = [_token(v) for v in given or []]
            elif isinstance(field, forms.ChoiceField):
                field.initial = _token(given)
            elif isinstance(given, list):
                field.initial = ", ".join(str(v) for v in given)
            else:
                field.initial = given
        form.fields[name] = field
        names.append(name)
    return names


def params_from(form: forms.Form, spec: Indicator | None) -> dict[str, Any]:
    """The JSON parameters from the cleaned ``p_<name>`` fields: only those that differ from defaults."""
    params: dict[str, Any] = {}
    for param in spec.params if spec else ():
        value = param_value(param, form.cleaned_data.get(f"p_{param.name}"))
        default = list(param.default) if isinstance(param.default, tuple) else param.default
        if value != default:
            params[param.name] = value
    return params


def indicator_choices() -> list[tuple[str, str]]:
    return sorted(((key, f"{spec.label} ({key})") for key, spec in INDICATORS.items()), key=lambda c: c[1])


class TargetForm(forms.Form):
    """A target: the indicator (a select of the library), its parameters, the comparator and values."""

    code = forms.CharField(label=_("Mã"), required=False, max_length=20)
    title = forms.CharField(
        label=_("Chỉ tiêu (như viết trong kế hoạch)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    indicator = forms.ChoiceField(label=_("Chỉ số"), choices=())
    comparator = forms.ChoiceField(label=_("So sánh"), choices=Comparator.choices)
    value = forms.DecimalField(label=_("Giá trị"), max_digits=18, decimal_places=2, localize=True)
    value_max = forms.DecimalField(
        label=_("Giá trị tối đa (khi “trong khoảng”)"),
        max_digits=18,
        decimal_places=2,
        required=False,
        localize=True,
    )
    deadline = _date_field(_("Thời hạn"), required=False, help_text=_("Để trống: cuối kỳ kế hoạch."))
    each_year = forms.BooleanField(label=_("Hằng năm"), required=False)
    per_child = forms.BooleanField(label=_("Cho từng đơn vị cấp dưới"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    BASE_FIELDS = (
        "code",
        "title",
        "indicator",
        "comparator",
        "value",
        "value_max",
        "deadline",
        "each_year",
        "per_child",
        "note",
    )

    def __init__(
        self, *args, target: Target | None = None, indicator_key: str | None = None, **kwargs
    ) -> None:
        if target is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(target, name) for name in self.BASE_FIELDS}
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", "—"), *indicator_choices()]
        key = indicator_key or self.data.get("indicator") or (target.indicator if target else None)
        self.spec: Indicator | None = INDICATORS.get(key) if key else None
        current = target.params if target is not None and target.indicator == key else None
        self.param_names = add_param_fields(self, self.spec, current=current)

    @property
    def param_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.param_names]

    @property
    def base_fields_bound(self) -> list[forms.BoundField]:
        return [self[name] for name in self.BASE_FIELDS]

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in self.BASE_FIELDS}
        data["params"] = params_from(self, self.spec)
        data["code"] = data["code"] or ""
        data["note"] = data["note"] or ""
        return data


class TargetRemoveForm(forms.Form):
    reason = forms.CharField(label=_("Lý do xoá"), max_length=100)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    due_on = _date_field(_("Thời hạn"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MilestoneStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=MilestoneStatus.choices)
    done_on = _date_field(_("Ngày hoàn thành"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=255)
    file = forms.FileField(label=_("Tệp (PDF, JPG, PNG, DOCX, XLSX; tối đa 10 MB)"))


class ReportForm(forms.Form):
    as_of = _date_field(_("Số liệu đến ngày"))
    grouping = forms.ChoiceField(label=_("Bản đồ"), choices=MAP_CHOICES, required=False)
    title = forms.CharField(label=_("Tên báo cáo"), required=False, max_length=255)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, old_map: bool, **kwargs) -> None:
        kwargs.setdefault("initial", {"as_of": timezone.localdate(), "grouping": Grouping.CHILDREN.value})
        super().__init__(*args, **kwargs)
        if not old_map:
            del self.fields["grouping"]


class IndicatorQueryForm(forms.Form):
    """Which unit, period ("from", "to") and map an indicator page computes for (GET)."""

    unit = UnitChoiceField(label=_("Đơn vị"), required=False, queryset=AdminUnit.objects.none())
    grouping = forms.ChoiceField(label=_("Bản đồ"), choices=MAP_CHOICES, required=False)

    def __init__(self, *args, user, spec: Indicator, unit: AdminUnit | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        units = units_for_indicators(user)
        if unit is not None:
            units = units | AdminUnit.objects.filter(pk=unit.pk)
        self.fields["unit"].queryset = units.select_related("parent").order_by("path")
        self.fields["from"] = _date_field(_("Từ ngày"), required=False)
        self.fields["to"] = _date_field(_("Đến ngày"), required=False)
        self.param_names = add_param_fields(self, spec, current=None)
        self.spec = spec

    @property
    def param_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.param_names]

    def params(self) -> dict[str, Any]:
        return params_from(self, self.spec)


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The default period of the indicator pages: from 1 January to today."""
    return dt.date(today.year, 1, 1), today
