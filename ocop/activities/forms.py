"""Forms of the activities: parse and show input; the services do the checking and saving.

Records placed at a unit pick it with a province (in the user's scope) and, optionally, one of its
communes — the commune list follows the province through the registry's htmx endpoint.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.activities import services
from ocop.activities.models import (
    AttendeeRole,
    Audience,
    Budget,
    EventKind,
    EventScope,
    FundingSource,
    Listing,
    MediaItem,
    MediaKind,
    OrganiserLevel,
    Platform,
    PromotionEvent,
    RevenueReport,
    SalesPoint,
    SalesPointKind,
    Support,
    SupportKind,
    TrainingCourse,
)
from ocop.geo.models import AdminUnit
from ocop.registry.forms import CommuneChoiceField, communes_for, provinces_for
from ocop.registry.models import Gender
from ocop.registry.selectors import producers_for_user, products_for_user

DATE_ATTRS = {"placeholder": "dd/mm/yyyy", "autocomplete": "off"}


def _date(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs=DATE_ATTRS, format="%d/%m/%Y"), **kwargs)


def _province_of(unit: AdminUnit | None) -> AdminUnit | None:
    while unit is not None and unit.parent_id is not None:
        unit = unit.parent
    return unit


def _formfield(field, **kwargs):
    """Model fields to form fields; addresses typed without a scheme are taken as https."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class ProductChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} — {obj.producer.name}"


class ProductsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} — {obj.producer.name}"


class ServiceForm(forms.ModelForm):
    """A model form that only parses: the service validates and saves (``service_data``)."""

    service_fields: tuple[str, ...] = ()
    reason = forms.CharField(label=_("Lý do thay đổi"), required=False, max_length=255)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if not self.instance.pk:
            del self.fields["reason"]
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = forms.DateInput(attrs=DATE_ATTRS, format="%d/%m/%Y")

    def service_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.service_fields if f in self.cleaned_data}

    def _post_clean(self) -> None:  # the service validates the model; keep the form to parsing
        pass


class UnitPickerForm(ServiceForm):
    """Adds the province/commune pair; ``unit()`` is the commune when chosen, else the province."""

    commune_required = False
    province = forms.ModelChoiceField(
        label=_("Tỉnh/thành phố"), queryset=AdminUnit.objects.none(), required=False
    )
    commune = CommuneChoiceField(
        label=_("Xã/phường"),
        queryset=AdminUnit.objects.none(),
        required=False,
        help_text=_("Để trống nếu hoạt động do cấp tỉnh thực hiện."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, user=user, **kwargs)
        unit = self.instance.unit if self.instance.pk else None
        provinces = provinces_for(user)
        province = _province_of(unit)
        if province is not None:
            provinces = (provinces | AdminUnit.objects.filter(pk=province.pk)).order_by("name_sort")
        self.fields["province"].queryset = provinces
        communes = communes_for(user).order_by("name_sort")
        chosen = self.data.get("province") or (province.pk if province else None)
        if chosen and str(chosen).isdigit():
            communes = communes.filter(parent_id=int(chosen))
        elif provinces.count() == 1:
            communes = communes.filter(parent=provinces.first())
        else:
            communes = communes.none()
        if unit is not None and unit.level == 3:
            communes = (communes | AdminUnit.objects.filter(pk=unit.pk).select_related("parent")).order_by(
                "name_sort"
            )
        self.fields["commune"].queryset = communes
        if province is not None:
            self.initial.setdefault("province", province.pk)
        elif provinces.count() == 1:
            self.initial.setdefault("province", provinces.first().pk)
        if unit is not None and unit.level == 3:
            self.initial.setdefault("commune", unit.pk)
        if self.commune_required:
            self.fields["commune"].required = True
            self.fields["commune"].help_text = ""
        self.order_fields(["province", "commune"])

    def clean(self):
        data = super().clean()
        if not data.get("province") and not data.get("commune"):
            self.add_error("province", _("Hãy chọn tỉnh/thành phố (và xã/phường nếu có)."))
        return data

    def unit(self) -> AdminUnit | None:
        return self.cleaned_data.get("commune") or self.cleaned_data.get("province")

    def service_data(self) -> dict:
        data = super().service_data()
        unit = self.unit()
        original = self.instance.unit if self.instance.pk else None
        # Left as it is (a record at an old district shows only its old province in the pickers).
        if original is not None and (
            unit == original or (original.level == 2 and unit == _province_of(original))
        ):
            return data
        data["unit"] = unit
        return data


class TrainingForm(UnitPickerForm):
    service_fields = tuple(f for f in services.TRAINING_FIELDS if f != "unit")

    class Meta:
        model = TrainingCourse
        fields = [f for f in services.TRAINING_FIELDS if f != "unit"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class AttendanceForm(forms.Form):
    person_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    role = forms.ChoiceField(label=_("Vai trò"), choices=AttendeeRole.choices)
    producer = forms.ModelChoiceField(label=_("Chủ thể"), queryset=None, required=False)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=[("", "—"), *Gender.choices], required=False)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = producers_for_user(user=user).order_by("name_sort")


class EventForm(UnitPickerForm):
    service_fields = tuple(f for f in services.EVENT_FIELDS if f != "unit")

    class Meta:
        model = PromotionEvent
        fields = [f for f in services.EVENT_FIELDS if f != "unit"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class ParticipationForm(forms.Form):
    producer = forms.ModelChoiceField(label=_("Chủ thể"), queryset=None)
    products = ProductsChoiceField(label=_("Sản phẩm trưng bày"), queryset=None, required=False)
    sales = forms.IntegerField(label=_("Doanh số tại sự kiện (đồng)"), min_value=0, initial=0)
    contracts = forms.IntegerField(label=_("Số hợp đồng, biên bản ghi nhớ"), min_value=0, initial=0)
    contracts_value = forms.IntegerField(label=_("Giá trị hợp đồng (đồng)"), min_value=0, initial=0)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = producers_for_user(user=user).order_by("name_sort")
        self.fields["products"].queryset = (
            products_for_user(user=user)
            .select_related("producer")
            .order_by("producer__name_sort", "name_sort")
        )


class MediaForm(UnitPickerForm):
    service_fields = tuple(f for f in services.MEDIA_FIELDS if f != "unit")

    class Meta:
        model = MediaItem
        fields = [f for f in services.MEDIA_FIELDS if f != "unit"]
        formfield_callback = _formfield


class SalesPointForm(UnitPickerForm):
    commune_required = True
    service_fields = tuple(f for f in services.SALES_POINT_FIELDS if f != "unit")
    products = ProductsChoiceField(label=_("Sản phẩm đang bán"), queryset=None, required=False)

    class Meta:
        model = SalesPoint
        fields = [f for f in services.SALES_POINT_FIELDS if f != "unit"]

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["products"].queryset = (
            products_for_user(user=user)
            .select_related("producer")
            .order_by("producer__name_sort", "name_sort")
        )
        if self.instance.pk:
            self.initial.setdefault("products", list(self.instance.products.values_list("pk", flat=True)))
        self.fields["products"].widget.attrs["size"] = 8


class CloseForm(forms.Form):
    """The day a sales point closed or a listing ended."""

    day = _date(_("Từ ngày"))
    reason = forms.CharField(label=_("Lý do"), required=False, max_length=255)


class ListingForm(ServiceForm):
    service_fields = services.LISTING_FIELDS
    product = ProductChoiceField(label=_("Sản phẩm"), queryset=None)

    class Meta:
        model = Listing
        fields = ["product", *services.LISTING_FIELDS]
        formfield_callback = _formfield

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, user=user, **kwargs)
        if self.instance.pk:
            del self.fields["product"]
        else:
            self.fields["product"].queryset = (
                products_for_user(user=user)
                .select_related("producer")
                .order_by("producer__name_sort", "name_sort")
            )


class RevenueForm(ServiceForm):
    service_fields = RevenueReport.CHANNELS
    producer = forms.ModelChoiceField(label=_("Chủ thể"), queryset=None)
    product = ProductChoiceField(
        label=_("Sản phẩm"), queryset=None, required=False, help_text=_("Để trống: doanh thu của cả chủ thể.")
    )

    class Meta:
        model = RevenueReport
        fields = ["producer", "product", "year", *RevenueReport.CHANNELS]

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, user=user, **kwargs)
        if self.instance.pk:
            for field in ("producer", "product", "year"):
                del self.fields[field]
        else:
            self.fields["producer"].queryset = producers_for_user(user=user).order_by("name_sort")
            self.fields["product"].queryset = (
                products_for_user(user=user)
                .select_related("producer")
                .order_by("producer__name_sort", "name_sort")
            )
        for channel in RevenueReport.CHANNELS:
            self.fields[channel].required = False
            self.fields[channel].min_value = 0


class SupportForm(ServiceForm):
    service_fields = services.SUPPORT_FIELDS
    producer = forms.ModelChoiceField(label=_("Chủ thể"), queryset=None)
    product = ProductChoiceField(label=_("Sản phẩm"), queryset=None, required=False)

    class Meta:
        model = Support
        fields = ["producer", *services.SUPPORT_FIELDS]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, user=user, **kwargs)
        if self.instance.pk:
            del self.fields["producer"]
        else:
            self.fields["producer"].queryset = producers_for_user(user=user).order_by("name_sort")
        self.fields["product"].queryset = (
            products_for_user(user=user)
            .select_related("producer")
            .order_by("producer__name_sort", "name_sort")
        )


class BudgetForm(UnitPickerForm):
    service_fields = ("year", "source", "planned", "mobilised", "note")

    class Meta:
        model = Budget
        fields = ["year", "source", "planned", "mobilised", "note"]

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["commune"].help_text = _("Để trống: kinh phí của tỉnh.")
        if self.instance.pk:
            for field in ("province", "commune", "year", "source"):
                self.fields[field].disabled = True


def _choices(choices) -> list:
    return [("", _("Tất cả")), *choices]


class ActivityFilterForm(forms.Form):
    """Filters of the list pages; ``extra`` names the kind-specific choice filters to show."""

    EXTRA = {
        "audience": (_("Đối tượng"), Audience.choices),
        "level": (_("Cấp tổ chức"), OrganiserLevel.choices),
        "event_kind": (_("Hình thức"), EventKind.choices),
        "scope": (_("Phạm vi"), EventScope.choices),
        "media_kind": (_("Loại"), MediaKind.choices),
        "point_kind": (_("Loại"), SalesPointKind.choices),
        "point_status": (_("Tình trạng"), [("open", _("Đang hoạt động")), ("closed", _("Đã đóng cửa"))]),
        "platform": (_("Sàn, kênh"), Platform.choices),
        "listing_status": (_("Tình trạng"), [("live", _("Đang bán")), ("ended", _("Đã ngừng bán"))]),
        "support_kind": (_("Nội dung hỗ trợ"), SupportKind.choices),
        "source": (_("Nguồn vốn"), FundingSource.choices),
    }

    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=200)
    unit = forms.ModelChoiceField(
        label=_("Tỉnh/thành phố"), required=False, queryset=AdminUnit.objects.none()
    )
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=2018, max_value=2100)

    def __init__(self, *args, user, extra: tuple[str, ...] = (), search: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = provinces_for(user)
        if not search:
            del self.fields["q"]
        for name in extra:
            label, choices = self.EXTRA[name]
            self.fields[name] = forms.ChoiceField(label=label, required=False, choices=_choices(choices))

    def filters(self) -> dict:
        """The cleaned values as ``ActivityFilters`` keyword arguments."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        rename = {"event_kind": "kind", "media_kind": "kind", "point_kind": "kind", "support_kind": "kind"}
        rename.update({"point_status": "status", "listing_status": "status"})
        values = {
            "q": data.get("q") or None,
            "unit_id": data["unit"].pk if data.get("unit") else None,
            "year": data.get("year") or None,
        }
        for name in self.EXTRA:
            if name in self.fields and data.get(name):
                values[rename.get(name, name)] = data[name]
        return values
