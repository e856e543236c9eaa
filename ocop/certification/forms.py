"""Forms of certification: parse and show input; the services do the checking and saving."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.accounts.scoping import scope_of
from ocop.certification.domain import RevocationGround
from ocop.certification.models import InspectionKind, InspectionOutcome
from ocop.certification.selectors import STATUS_LABELS
from ocop.geo.models import AdminUnit

DATE_WIDGET = {"placeholder": "dd/mm/yyyy", "autocomplete": "off"}


def _date_field(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs=DATE_WIDGET), **kwargs)


def provinces_for(user):
    """The provinces whose certificates the user may filter on."""
    qs = AdminUnit.objects.filter(level=1, valid_to__isnull=True)
    scope = scope_of(user)
    if scope.nationwide:
        return qs.order_by("name_sort")
    if scope.unit is not None:
        map_key, province_code = scope.unit.path.strip("/").split("/")[:2]
        return qs.filter(path=f"/{map_key}/{province_code}/")
    return qs.none()


class CertificateFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Tất cả"))]
        + [(code.value, _(label)) for code, (label, _en) in STATUS_LABELS.items()],
    )
    star = forms.TypedChoiceField(
        label=_("Hạng sao"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Tất cả")), (3, "3 ★"), (4, "4 ★"), (5, "5 ★")],
    )
    province = forms.ModelChoiceField(
        label=_("Tỉnh/thành phố"), required=False, queryset=AdminUnit.objects.none()
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces_for(user)


class RenewalForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("reevaluation", _("Đánh giá lại")), ("upgrade", _("Nâng hạng"))], widget=forms.HiddenInput
    )


GROUND_CHOICES = [(g.value, f"{g.point}) {g.label}") for g in RevocationGround]


class RevocationForm(forms.Form):
    ground = forms.ChoiceField(
        label=_("Căn cứ thu hồi (khoản 1 Điều 8)"), choices=GROUND_CHOICES, widget=forms.RadioSelect
    )
    concluded_on = _date_field(
        _("Ngày có kết luận"),
        help_text=_("Ngày cơ quan có thẩm quyền kết luận, hoặc UBND cấp xã xác nhận chủ thể ngừng sản xuất."),
    )
    decision_number = forms.CharField(label=_("Số quyết định thu hồi"), max_length=60)
    decided_on = _date_field(_("Ngày quyết định thu hồi"))
    reason = forms.CharField(label=_("Lý do thu hồi"), widget=forms.Textarea(attrs={"rows": 3}))


class InspectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức kiểm tra"), choices=InspectionKind.choices)
    inspected_on = _date_field(_("Ngày kiểm tra"))
    inspectors = forms.CharField(label=_("Đoàn kiểm tra"), max_length=255)
    findings = forms.CharField(label=_("Kết quả kiểm tra"), widget=forms.Textarea(attrs={"rows": 4}))
    mark_use_ok = forms.BooleanField(
        label=_("Sử dụng nhãn hiệu OCOP đúng quy định"), required=False, initial=True
    )
    outcome = forms.ChoiceField(
        label=_("Kết luận"), choices=InspectionOutcome.choices, widget=forms.RadioSelect
    )


class DecisionForm(forms.Form):
    dossiers = forms.TypedMultipleChoiceField(
        label=_("Hồ sơ được công nhận"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    number = forms.CharField(label=_("Số quyết định"), max_length=60)
    signed_on = _date_field(_("Ngày ký"))
    signer = forms.CharField(label=_("Người ký"), max_length=120, required=False)
    title = forms.CharField(label=_("Trích yếu"), max_length=500, required=False)

    def __init__(self, *args, dossiers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dossiers"].choices = [(d.pk, str(d)) for d in dossiers]
