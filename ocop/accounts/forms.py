"""Forms of accounts: naming a new API token and its optional expiry date."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên gợi nhớ"),
        max_length=100,
        help_text=_("Để nhận ra mã sau này, ví dụ “Báo cáo tỉnh” hoặc “Phần mềm kế toán”."),
    )
    expires_on = forms.DateField(
        label=_("Hết hạn sau ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Để trống nếu mã không hết hạn (vẫn thu hồi được bất cứ lúc nào)."),
    )
