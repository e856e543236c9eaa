"""Forms of the registry: parse and show input; the services do the checking and saving."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.accounts.scoping import scope_of
from ocop.geo.models import AdminUnit
from ocop.registry.models import Producer, ProducerKind, Product, ProductSet
from ocop.registry.services import PRODUCER_FIELDS, PRODUCT_FIELDS


def communes_for(user):
    """Current communes the user may place a producer in."""
    qs = AdminUnit.objects.filter(level=3).valid_on(timezone.localdate()).select_related("parent")
    scope = scope_of(user)
    if scope.nationwide:
        return qs
    if scope.unit is not None:
        return qs.within(scope.unit)
    return qs.none()


def provinces_for(user):
    qs = AdminUnit.objects.filter(level=1).valid_on(timezone.localdate())
    scope = scope_of(user)
    if scope.nationwide:
        return qs.order_by("name_sort")
    if scope.unit is not None:
        map_key, province_code = scope.unit.path.strip("/").split("/")[:2]
        return qs.filter(path=f"/{map_key}/{province_code}/")
    return qs.none()


class CommuneChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AdminUnit) -> str:
        return f"{obj.name} — {obj.parent.name}" if obj.parent_id else obj.name


class ProducerForm(forms.ModelForm):
    """Create or edit a producer. The commune list follows the chosen province (htmx)."""

    province = forms.ModelChoiceField(
        label=_("Tỉnh/thành phố"),
        queryset=AdminUnit.objects.none(),
        required=False,
        help_text=_("Chọn tỉnh để lọc danh sách xã/phường."),
    )
    reason = forms.CharField(label=_("Lý do thay đổi"), required=False, max_length=255)

    class Meta:
        model = Producer
        fields = PRODUCER_FIELDS
        widgets = {"joined_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}
        field_classes = {"commune": CommuneChoiceField}

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        provinces = provinces_for(user)
        self.fields["province"].queryset = provinces
        communes = communes_for(user).order_by("name_sort")
        province_id = self.data.get("province") or (
            self.instance.commune.parent_id if self.instance.pk else None
        )
        if province_id and str(province_id).isdigit():
            self.fields["province"].initial = int(province_id)
            communes = communes.filter(parent_id=int(province_id))
        elif provinces.count() > 1:
            communes = communes.none() if not self.data.get("commune") else communes
        self.fields["commune"].queryset = communes
        self.fields["joined_on"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        if not self.instance.pk:
            del self.fields["reason"]

    def clean_commune(self):
        commune = self.cleaned_data.get("commune")
        if commune is None:
            raise forms.ValidationError(_("Hãy chọn xã/phường nơi chủ thể hoạt động."))
        return commune

    def service_data(self) -> dict:
        return {field: self.cleaned_data[field] for field in PRODUCER_FIELDS if field in self.cleaned_data}

    def _post_clean(self) -> None:  # the service validates the model; keep the form to parsing
        pass


class ProductForm(forms.ModelForm):
    reason = forms.CharField(label=_("Lý do thay đổi"), required=False, max_length=255)

    class Meta:
        model = Product
        fields = PRODUCT_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "story": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product_set"].queryset = ProductSet.objects.filter(
            group__sector__regime="26/2026"
        ).order_by("number")
        if not self.instance.pk:
            del self.fields["reason"]

    def service_data(self) -> dict:
        return {field: self.cleaned_data[field] for field in PRODUCT_FIELDS if field in self.cleaned_data}

    def _post_clean(self) -> None:
        pass


MAX_PHOTO_BYTES = 5 * 1024 * 1024


class ProductPhotoForm(forms.Form):
    image = forms.ImageField(label=_("Ảnh (JPEG/PNG, tối đa 5 MB)"))
    caption = forms.CharField(label=_("Chú thích"), required=False, max_length=255)

    def clean_image(self):
        image = self.cleaned_data["image"]
        if image.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("Ảnh lớn hơn 5 MB; hãy giảm kích thước ảnh rồi tải lại."))
        if getattr(image, "image", None) is not None and image.image.format not in {"JPEG", "PNG", "WEBP"}:
            raise forms.ValidationError(_("Chỉ nhận ảnh JPEG, PNG hoặc WebP."))
        return image


class ProducerFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False)
    kind = forms.ChoiceField(label=_("Loại hình"), required=False, choices=[("", "—"), *ProducerKind.choices])
    unit = forms.ModelChoiceField(
        label=_("Tỉnh/thành phố"), required=False, queryset=AdminUnit.objects.none()
    )
    leader = forms.ChoiceField(
        label=_("Người đại diện"),
        required=False,
        choices=[("", "—"), ("women", _("Nữ làm chủ")), ("minority", _("Người dân tộc thiểu số"))],
    )
    green = forms.BooleanField(label=_("Chuỗi giá trị xanh"), required=False)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = provinces_for(user)


class ProductFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False)
    product_set = forms.ModelChoiceField(
        label=_("Bộ sản phẩm"), required=False, queryset=ProductSet.objects.none(), to_field_name="number"
    )
    unit = forms.ModelChoiceField(
        label=_("Tỉnh/thành phố"), required=False, queryset=AdminUnit.objects.none()
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = provinces_for(user)
        self.fields["product_set"].queryset = ProductSet.objects.filter(group__sector__regime="26/2026")
